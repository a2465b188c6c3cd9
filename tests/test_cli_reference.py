"""Docs that cannot drift: docs/cli-reference.md is what the code renders, and
every command, argument and option has help to render."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from liushou_cli.cli.reference import missing_help, params, render_reference, walk

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli-reference.md"
REGENERATE = "python -m liushou_cli.cli.reference > docs/cli-reference.md"


def test_docs_cli_reference_matches_the_code() -> None:
    rendered = render_reference()
    committed = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    if committed != rendered:
        diff = difflib.unified_diff(committed.splitlines(), rendered.splitlines(),
                                    "docs/cli-reference.md", "render_reference()", lineterm="", n=1)
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(f"docs/cli-reference.md is out of date; regenerate it with\n    {REGENERATE}\n{shown}")


def test_every_command_argument_and_option_has_help() -> None:
    lacking = missing_help()
    assert lacking == [], f"no help text (add it to the message catalogue): {', '.join(lacking)}"


def _sections(text: str) -> dict[str, str]:
    """Each command's part of the reference, by its heading (``liushou add child``)."""
    out: dict[str, str] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## ") or line.startswith("### "):
            heading = line.split(" ", 1)[1]
            out[heading] = ""
        elif heading:
            out[heading] += line + "\n"
    return out


def test_the_reference_shows_every_command_and_each_of_its_options() -> None:
    sections = _sections(render_reference())
    paths = [ctx.command_path for ctx, _ in walk()]
    assert {"liushou", "liushou check", "liushou import", "liushou add child", "liushou add helper"} <= set(paths)
    assert list(sections) == paths
    for ctx, cmd in walk():
        section = sections[ctx.command_path]
        assert (cmd.help or "").strip().split("\n")[0] in section, ctx.command_path
        for param in params(cmd, ctx):
            for name in getattr(param, "opts", []):
                if name.startswith("-"):
                    assert f"`{name}`" in section, (ctx.command_path, name)


def test_options_typer_adds_are_described_in_chinese() -> None:
    root = _sections(render_reference())["liushou"]
    assert "Install completion" not in root and "Show this message" not in root
    assert "| `--install-completion` | 开关 |  | 为当前 shell 安装 liushou 的命令补全。 |" in root
    assert "`--help`" not in root


demo = typer.Typer(help="演示工具。", add_completion=False)
group = typer.Typer()
demo.add_typer(group, name="grp", help="一组命令。")


@demo.command(help="按种类列出。")
def show(
    kind: Annotated[str, typer.Argument(help="种类：a 或 b。", metavar="a|b")],
    by: Annotated[str, typer.Option("--by", help="分组方式。", metavar="x|y")] = "x",
    tags: Annotated[list[str] | None, typer.Option("--tag", "-t", help="标签。", envvar="DEMO_TAG")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="少说话。")] = False,
) -> None:
    """Never run: only its parameters are read."""


@group.command("one", help="第一个子命令。")
def one(name: Annotated[str | None, typer.Option("--name")] = None) -> None:
    """Never run: its --name has no help on purpose."""


@group.command("two")
def two() -> None:
    pass


def test_a_made_up_app_renders_as_markdown_tables() -> None:
    text = render_reference(demo)
    sections = _sections(text)
    assert list(sections) == ["liushou", "liushou show", "liushou grp", "liushou grp one", "liushou grp two"]
    assert "### liushou grp one" in text  # a sub-command one level down
    show_part = sections["liushou show"]
    assert "用法：`liushou show [OPTIONS] {a|b}`" in show_part
    assert "| `a\\|b` | `<str>` | 必填 | 种类：a 或 b。 |" in show_part  # a | in a cell is escaped
    assert "| `--by` | `x\\|y` | `x` | 分组方式。 |" in show_part
    assert "| `-q`, `--quiet` | 开关 |  | 少说话。 |" in show_part
    tag_row = next(line for line in show_part.splitlines() if "`--tag`" in line)
    assert tag_row.startswith("| `-t`, `--tag` |") and "可重复" in tag_row and "环境变量 DEMO_TAG" in tag_row
    assert "- [`one`](#liushou-grp-one)：第一个子命令。" in sections["liushou grp"]


def test_missing_help_names_each_command_and_option_without_it() -> None:
    assert missing_help(demo) == ["liushou grp one --name", "liushou grp two"]


def test_the_module_prints_the_reference_in_chinese_even_when_english_is_asked() -> None:
    env = {**os.environ, "LIUSHOU_LANG": "en", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "liushou_cli.cli.reference"], capture_output=True,
                            env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == render_reference()
