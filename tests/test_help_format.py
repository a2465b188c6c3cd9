"""``--help`` pages speak the user's language, frame included (Usage, Options, defaults)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.cli.help_format import localize
from liushou_cli.i18n import set_lang

ENGLISH_FRAME = ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message", "[default:",
                 "[required]", "env var:", "Install completion", "Show completion")


@pytest.mark.parametrize("args", [[], ["due"], ["report"], ["add"], ["add", "child"], ["table"], ["log"], ["import"]])
def test_chinese_help_has_no_english_frame(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：liushou")
    assert "选项:" in result.output
    for english in ENGLISH_FRAME:
        assert english not in result.output, english


def test_defaults_and_commands_are_translated(runner: CliRunner) -> None:
    assert "[默认：helper]" in " ".join(runner.invoke(app, ["due", "--help"]).output.split())
    assert "命令:" in runner.invoke(app, ["--help"]).output


def test_english_help_keeps_the_english_frame(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--lang", "en", "due", "--help"])
    assert result.output.startswith("Usage: liushou due")
    flat = " ".join(result.output.split())  # a long help text wraps anywhere
    assert "Options:" in flat and "[default: helper]" in flat and "Show this message and exit." in flat


def test_click_extras_each_translated_and_the_rest_kept() -> None:
    assert localize("分组方式。  [default: helper; required]") == "分组方式。  [默认：helper；必填]"
    assert localize("人数 [x>=1; required]") == "人数  [x>=1；必填]"
    assert localize("台账 [env var: LIUSHOU_RECORDS]") == "台账  [环境变量：LIUSHOU_RECORDS]"
    assert localize("说明里的 [方括号] 不动。") == "说明里的 [方括号] 不动。"
    assert localize("Show this message and exit.") == "显示本帮助并退出。"
    set_lang("en")
    assert localize("text [default: 3]") == "text  [default: 3]"
