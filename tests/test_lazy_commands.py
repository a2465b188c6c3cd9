"""Commands built when used (``cli/lazy_commands.py``) behave exactly as commands built at start.

The reference here is the app as it was registered before: every command added
to the Typer up front, so that typer builds all of them on every call. Both apps
must print the same help, usage errors, completions and reference, byte for
byte; the stand-ins must never run; and what the module assumes about typer is
checked on typer itself.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
import typer
from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup
from typer.testing import CliRunner

from liushou_cli.cli import app as app_module
from liushou_cli.cli.app import app
from liushou_cli.cli.lazy_commands import Entry, LazyGroup, StandIn, build
from liushou_cli.cli.reference import render_reference, walk
from liushou_cli.i18n import set_lang

ENTRIES = app_module.entries()


class _EagerGroup(app_module._Group):
    """The app's own group (error boundary, usage errors, the language) with nothing deferred."""

    def offered(self) -> tuple[Entry, ...]:
        return ()


def _eager_app() -> typer.Typer:
    """The app with every command registered on the Typer, as before the commands were deferred."""
    eager = copy.copy(app)
    eager.info = copy.copy(app.info)
    eager.info.cls = _EagerGroup
    eager.registered_commands = []
    eager.registered_groups = []
    for entry in app_module.entries():  # their help in the language of now, as the lazy group's
        target = getattr(__import__(entry.module, fromlist=[entry.attr]), entry.attr)
        if isinstance(target, typer.Typer):
            eager.add_typer(target, name=entry.name, help=entry.help)
        else:
            eager.command(entry.name, help=entry.help)(target)
    _EagerGroup.typer_app = eager  # were it built in another language than the run's, built again from this
    return eager


EAGER = _eager_app()
PATHS = [ctx.command_path.split()[1:] for ctx, _ in walk(EAGER)]


def _both(runner: CliRunner, args: list[str]) -> Iterator[tuple[int, str]]:
    for which in (app, _eager_app()):
        result = runner.invoke(which, args)
        yield result.exit_code, result.output


def test_the_paths_cover_every_command_and_sub_command() -> None:
    assert [] in PATHS and ["due"] in PATHS and ["add", "child"] in PATHS and ["add", "helper"] in PATHS
    assert ["absence", "add"] in PATHS and ["absence", "return"] in PATHS
    assert len(PATHS) == 1 + len(ENTRIES) + 2 + 4  # the sub-commands of add (2) and absence (4)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_help_is_the_eager_help(runner: CliRunner, path: list[str], lang: str) -> None:
    set_lang(lang)
    lazy, eager = _both(runner, ["--lang", lang, *path, "--help"])
    assert lazy == eager
    assert lazy[0] == 0


@pytest.mark.parametrize("args", [
    [], ["duee"], ["ad"], ["add"], ["add", "chld"], ["add", "child", "--bogus"], ["due", "--bogus"],
    ["due", "--today"], ["--bogus"], ["--records"], ["check", "extra"], ["--version"],
], ids=repr)
def test_usage_errors_and_version_are_the_eager_ones(runner: CliRunner, args: list[str]) -> None:
    lazy, eager = _both(runner, args)
    assert lazy == eager


@pytest.mark.parametrize(("args", "incomplete"), [
    ([], ""), ([], "d"), ([], "a"), ([], "--"), (["add"], ""), (["add"], "c"), (["due"], "--"),
    (["add", "child"], "--g"),
])
def test_completions_are_the_eager_ones(args: list[str], incomplete: str) -> None:
    from typer._completion_classes import BashComplete

    def offered(which: typer.Typer) -> list[tuple[str, str | None]]:
        shell = BashComplete(typer.main.get_command(which), {}, "liushou", "_LIUSHOU_COMPLETE")
        return [(item.value, item.help) for item in shell.get_completions(args, incomplete)]

    assert offered(app) == offered(EAGER)
    assert offered(app)


def test_the_reference_is_the_eager_one() -> None:
    assert render_reference(app) == render_reference(EAGER)


# the stand-ins -------------------------------------------------------------------------------------------------------


def _root() -> tuple[LazyGroup, typer.Context]:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    return group, typer.Context(group, info_name="liushou")


def test_listing_and_suggesting_build_nothing() -> None:
    group, ctx = _root()
    group.get_help(ctx)
    group.shell_complete(ctx, "")
    with pytest.raises(UsageError, match="Did you mean 'due'"):
        group.resolve_command(ctx, ["duee"])
    assert all(isinstance(group.commands[e.name], StandIn) for e in ENTRIES)


def test_a_command_asked_for_is_the_real_one_and_built_once() -> None:
    group, ctx = _root()
    for entry in ENTRIES:
        command = group.get_command(ctx, entry.name)
        assert command is not None and not isinstance(command, StandIn)
        assert group.get_command(ctx, entry.name) is command
        assert group.resolve_command(ctx, [entry.name])[1] is command


def test_a_stand_in_refuses_to_run() -> None:
    stand_in = StandIn(ENTRIES[0])
    with pytest.raises(RuntimeError, match="stand-in"):
        stand_in.make_context(ENTRIES[0].name, [])
    with pytest.raises(RuntimeError, match="stand-in"):
        stand_in.invoke(typer.Context(stand_in))


# what lazy_commands assumes about typer ------------------------------------------------------------------------------


class _OnlyTheListed:
    """Has nothing a listing may not read: any other attribute is an AttributeError."""

    hidden = False

    def get_short_help_str(self, limit: int = 45) -> str:
        return f"short {limit}"


def test_typer_lists_commands_by_hidden_and_short_help_only() -> None:
    group = TyperGroup(name="g", commands={"one": _OnlyTheListed()})  # type: ignore[dict-item]
    ctx = typer.Context(group, info_name="g")
    formatter = HelpFormatter()
    group.format_commands(ctx, formatter)
    assert "one" in formatter.getvalue() and "short" in formatter.getvalue()
    assert [(item.value, item.help) for item in group.shell_complete(ctx, "o")] == [("one", "short 45")]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_a_stand_in_lists_as_the_real_command(entry: Entry) -> None:
    real = build(entry, rich_markup_mode=None, suggest_commands=True)
    stand_in = StandIn(entry)
    assert (stand_in.name, stand_in.hidden) == (real.name, real.hidden)
    for limit in range(0, 200):
        assert stand_in.get_short_help_str(limit) == real.get_short_help_str(limit)


def test_the_app_builds_with_the_settings_a_holder_gets() -> None:
    group, _ = _root()
    assert (group.rich_markup_mode, group.suggest_commands) == (app.rich_markup_mode, app.suggest_commands)
    assert app.pretty_exceptions_short == typer.Typer().pretty_exceptions_short
    assert not app.registered_commands and not app.registered_groups  # all in the table, none on the Typer


def test_a_build_evaluates_annotations_on_a_copy_in_the_language_of_now() -> None:
    """``build`` hands typer a copy whose annotations are evaluated once; the command's own
    function keeps its strings, so the next build speaks the next run's language."""
    from liushou_cli.cli import due_cmd

    entry = next(e for e in ENTRIES if e.name == "due")
    helps = {}
    for lang in ("en", "zh"):
        set_lang(lang)
        command = build(entry, rich_markup_mode=None, suggest_commands=True)
        helps[lang] = {p.name: getattr(p, "help", None) for p in command.params}
    assert helps["en"]["by"] != helps["zh"]["by"] and helps["en"]["records"] != helps["zh"]["records"]
    assert all(isinstance(a, str) for a in due_cmd.due.__annotations__.values())
