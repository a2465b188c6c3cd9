"""Usage errors (unknown option, missing argument, bad value, unknown command) are worded
in Chinese by default and English with ``--lang en`` / LIUSHOU_LANG=en, keep exit 2, the
usage line and a hint to run ``--help`` — through CliRunner and the real console script."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer._click.exceptions import BadParameter, UsageError
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.cli.usage_errors import LocalizedUsageError, localize
from liushou_cli.i18n import set_lang

# (arguments, the usage line's command, the translated message)
CASES = [
    (["--bogus"], "liushou [OPTIONS] COMMAND", "没有 --bogus 这个选项。"),
    (["due", "--bogs"], "liushou due [OPTIONS]", "没有 --bogs 这个选项。是不是要用 --by？"),
    (["duee"], "liushou [OPTIONS] COMMAND", "没有 duee 这个命令。是不是要用 due？"),
    (["due", "extra"], "liushou due [OPTIONS]", "多出了参数：extra。"),
    (["explain"], "liushou explain [OPTIONS] {ID}", "缺少参数 ID。"),
    (["concern", "C001", "--index", "abc"], "liushou concern [OPTIONS]", "--index 的值无效：应是整数，而写的是 abc。"),
    (["concern", "C001", "--index", "0"], "liushou concern [OPTIONS]", "--index 的值无效：不能小于 1。"),
    (["due", "--today"], "liushou due [OPTIONS]", "选项 --today 后面要写一个值。"),
    (["due", "--all=3"], "liushou due [OPTIONS]", "选项 --all 不带值"),
    (["add", "kid"], "liushou add [OPTIONS] COMMAND", "没有 kid 这个命令。"),
    (["add", "child", "--bogus"], "liushou add child [OPTIONS]", "没有 --bogus 这个选项。"),
    (["--records", "x"], "liushou [OPTIONS] COMMAND", "liushou 后面要写一个子命令。"),
]


def _hint_command(usage: str) -> str:
    return usage.split(" [")[0]


@pytest.mark.parametrize(("args", "usage", "message"), CASES)
def test_usage_errors_are_chinese_with_usage_and_hint(
    runner: CliRunner, args: list[str], usage: str, message: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"用法：{usage}"), lines
    assert lines[1].startswith(f"liushou: {message}"), lines
    assert lines[2] == f"  提示: 运行 {_hint_command(usage)} --help 查看用法和可用的选项。"
    for english in ("Usage:", "Error:", "No such", "Missing", "Try '"):
        assert english not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("how", ["before", "after", "equals", "env"])
def test_usage_errors_in_english(runner: CliRunner, how: str) -> None:
    args = {
        "before": ["--lang", "en", "due", "--bogs"],
        "after": ["due", "--bogs", "--lang", "en"],  # --lang is never parsed: the error comes first
        "equals": ["due", "--lang=en", "--bogs"],
        "env": ["due", "--bogs"],
    }[how]
    env = {"LIUSHOU_LANG": "en"} if how == "env" else None
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Usage: liushou due [OPTIONS]",
        "liushou: no such option: --bogs. Did you mean --by?",
        "  hint: run liushou due --help to see how to use it.",
    ]


def test_english_then_chinese_again(runner: CliRunner) -> None:
    """The language is taken from each run's own arguments, not left over from the last."""
    assert "no such command" in runner.invoke(app, ["--lang", "en", "duee"]).stderr
    assert "没有 duee 这个命令" in runner.invoke(app, ["duee"]).stderr


def test_a_bad_report_format_is_chinese(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["report", "--records", str(make_records()), "--format", "xyz"])
    assert result.exit_code == 2
    assert "不支持的格式 xyz" in result.output and "Error" not in result.output


def test_help_and_no_arguments_are_still_the_help_page(runner: CliRunner) -> None:
    assert runner.invoke(app, ["--help"]).exit_code == 0
    bare = runner.invoke(app, [])
    assert "check" in bare.output and "liushou:" not in bare.output


def test_the_console_script_says_the_same(runner: CliRunner, tmp_path: Path) -> None:
    """``python -m liushou_cli`` goes through ``main()`` and sys.argv, CliRunner through
    ``app(args)``: both must print the same translated text and exit 2."""
    env = {k: v for k, v in os.environ.items() if k not in ("LIUSHOU_LANG", "LIUSHOU_RECORDS")}
    for args in (["--bogus"], ["due", "--bogs"], ["explain"], ["--lang", "en", "duee"]):
        real = subprocess.run([sys.executable, "-m", "liushou_cli", *args], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=120, check=False)
        tested = runner.invoke(app, args)
        assert real.returncode == tested.exit_code == 2
        assert real.stderr == tested.stderr
        assert real.stdout == ""


# the translation itself, for kinds the commands cannot easily provoke ------------------------


def test_an_unknown_kind_keeps_clicks_detail_in_a_chinese_sentence() -> None:
    odd = localize(UsageError("Something new happened"), None)
    assert isinstance(odd, LocalizedUsageError) and odd.exit_code == 2
    assert odd.format_message() == "命令行写法有误：Something new happened"


def test_a_bad_parameter_without_a_known_reason_keeps_it() -> None:
    bad = localize(BadParameter("Path 'x' is a directory.", param_hint="'--output'"), None)
    assert bad.format_message() == "--output 的值无效：Path 'x' is a directory."


def test_worded_in_the_language_of_the_run() -> None:
    """The run decided it before parsing (``cli/app.py``); localize only uses it."""
    set_lang("en")
    assert localize(UsageError("x"), None).format_message() == "usage error: x"
    set_lang("zh")
    assert localize(UsageError("x"), None).format_message() == "命令行写法有误：x"
