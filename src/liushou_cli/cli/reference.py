"""The command reference (docs/cli-reference.md), generated from the typer app itself.

A hand-written reference drifts the day someone adds an option; this one is the
app's own commands, arguments, options and help texts, rendered as Markdown, and
a test fails when the committed file differs from what the code would render
now (and when a command or option has no help to render). Regenerate with::

    python -m liushou_cli.cli.reference > docs/cli-reference.md
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from liushou_cli.i18n import get_lang, set_lang, t
from liushou_cli.messages import CATALOG

if TYPE_CHECKING:
    from typer._click.core import Command, Parameter

# options typer adds itself, with English help: the reference says them in the catalogue's words
_BUILTIN_HELP = {
    "install_completion": "reference.opt.install_completion",
    "show_completion": "reference.opt.show_completion",
}


def _app() -> typer.Typer:
    from liushou_cli.cli.add_cmd import add_app
    from liushou_cli.cli.app import app

    chinese = {zh for zh, _ in CATALOG.values()}
    if any(info.help not in chinese for info in add_app.registered_commands):
        # the sub-commands' help is fixed when add_cmd is imported (the rest when a command
        # is built, in the language of now); the reference is Chinese
        raise RuntimeError("liushou's help texts were built in English: unset LIUSHOU_LANG and --lang")
    return app


def walk(app: typer.Typer | None = None) -> Iterator[tuple[typer.Context, Command]]:
    """The root command and every command and sub-command under it, in the order
    ``--help`` lists them, each with a context that knows its full path."""
    root = typer.main.get_command(app if app is not None else _app())
    yield from _walk(root, typer.Context(root, info_name="liushou"))


def _walk(cmd: Command, ctx: typer.Context) -> Iterator[tuple[typer.Context, Command]]:
    yield ctx, cmd
    if isinstance(cmd, TyperGroup):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, typer.Context(sub, info_name=name, parent=ctx))


def params(cmd: Command, ctx: typer.Context) -> list[Parameter]:
    """What a command takes, as ``--help`` shows it, without ``--help`` itself."""
    return [
        p for p in cmd.get_params(ctx)
        if not getattr(p, "hidden", False) and "--help" not in getattr(p, "opts", ())
    ]


def help_of(param: Parameter) -> str:
    key = _BUILTIN_HELP.get(param.name or "")
    if key is not None:
        return t(key)
    return (getattr(param, "help", None) or "").strip()


def missing_help(app: typer.Typer | None = None) -> list[str]:
    """Every command, argument and option that has no help text, as ``liushou add child --name``."""
    out: list[str] = []
    for ctx, cmd in walk(app):
        if not (cmd.help or "").strip():
            out.append(ctx.command_path)
        for param in params(cmd, ctx):
            if not help_of(param):
                out.append(f"{ctx.command_path} {_names(param)[0]}")
    return out


def render_reference(app: typer.Typer | None = None) -> str:
    """docs/cli-reference.md: every command, in Chinese, as Markdown."""
    before = get_lang()
    set_lang("zh")
    try:
        lines = [f"# {t('reference.title')}", "", f"<!-- {t('reference.generated')} -->", "",
                 t("reference.intro"), ""]
        for ctx, cmd in walk(app):
            lines += _command(ctx, cmd)
        return "\n".join(lines).rstrip("\n") + "\n"
    finally:
        set_lang(before)


def _command(ctx: typer.Context, cmd: Command) -> list[str]:
    depth = ctx.command_path.count(" ")
    lines = [f"{'#' * min(2 + max(depth - 1, 0), 6)} {ctx.command_path}", ""]
    if cmd.help:
        lines += [cmd.help.strip(), ""]
    usage = " ".join([ctx.command_path, *cmd.collect_usage_pieces(ctx)])
    lines += [f"{t('reference.usage')}：`{usage}`", ""]
    taken = params(cmd, ctx)
    arguments = [p for p in taken if isinstance(p, TyperArgument)]
    options = [p for p in taken if not isinstance(p, TyperArgument)]
    if arguments:
        lines += _table("reference.arguments", "reference.col.argument", arguments, ctx)
    if options:
        lines += _table("reference.options", "reference.col.option", options, ctx)
    if isinstance(cmd, TyperGroup):
        lines += [f"{t('reference.commands')}：", ""]
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                path = f"{ctx.command_path} {name}"
                lines.append(f"- [`{name}`](#{path.replace(' ', '-')})：{_first_paragraph(sub.help)}")
        lines.append("")
    return lines


def _table(title: str, first: str, taken: Sequence[Parameter], ctx: typer.Context) -> list[str]:
    head = [t(first), t("reference.col.type"), t("reference.col.default"), t("reference.col.help")]
    lines = [f"{t(title)}：", "", _row(head), "|" + "---|" * len(head)]
    for param in taken:
        names = ", ".join(f"`{n}`" for n in _names(param))
        lines.append(_row([names, _type(param, ctx), _default(param), _help_cell(param)]))
    return [*lines, ""]


def _names(param: Parameter) -> list[str]:
    """``-r, --records`` for an option (short first, as ``--help`` shows them); FILE for an argument."""
    if isinstance(param, TyperArgument):
        return [param.display_name_raw]
    opts = [*param.opts, *param.secondary_opts]
    return sorted(opts, key=lambda o: (o.startswith("--"), opts.index(o)))


def _type(param: Parameter, ctx: typer.Context) -> str:
    if isinstance(param, TyperOption) and param.is_flag:
        return t("reference.flag")
    shown = param.display_type_rich(ctx) if isinstance(param, (TyperArgument, TyperOption)) else None
    text = f"`{shown}`" if shown else ""
    if param.multiple or param.nargs == -1:
        text = f"{text}（{t('reference.repeatable')}）"
    return text


def _default(param: Parameter) -> str:
    if param.required:
        return t("reference.required")
    show = getattr(param, "show_default", True)
    if isinstance(show, str):
        return show
    value = param.default
    if not show or value is None or value is False or value in ((), []):
        return ""
    if callable(value):
        return t("reference.dynamic")
    if isinstance(value, (list, tuple)):
        return ", ".join(f"`{_plain(v)}`" for v in value)
    return f"`{_plain(value)}`"


def _plain(value: object) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def _help_cell(param: Parameter) -> str:
    text = help_of(param)
    envvar = param.envvar
    if envvar:
        names = envvar if isinstance(envvar, str) else ", ".join(envvar)
        text = f"{text}（{t('reference.envvar', name=names)}）"
    return text


def _row(cells: list[str]) -> str:
    """A Markdown table row: one line per row, and a | in a cell is not a column."""
    return "| " + " | ".join(re.sub(r"\s*\n\s*", " ", c).replace("|", "\\|") for c in cells) + " |"


def _first_paragraph(text: str | None) -> str:
    return re.sub(r"\s*\n\s*", " ", (text or "").strip().split("\n\n")[0])


def main() -> None:
    """Print the reference (UTF-8, whatever the terminal's encoding) in Chinese."""
    os.environ["LIUSHOU_LANG"] = "zh"  # before the app is imported: its help texts are fixed then
    sys.stdout.buffer.write(render_reference().encode("utf-8"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
