"""The language of a run is decided once, by the root group, before anything is parsed:
the last ``--lang`` of the arguments wherever it stands (before or after the command),
else ``LIUSHOU_LANG``, else Chinese. Usage errors, help pages and every command speak it,
in-process (CliRunner, one process for many runs) exactly as in a process of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.i18n import detect

SRC = Path(__file__).resolve().parent.parent / "src" / "liushou_cli"


def test_detect_takes_the_last_lang_then_the_environment() -> None:
    assert detect(["due"], {}) == "zh"
    assert detect(["due"], {"LIUSHOU_LANG": "en_US.UTF-8"}) == "en"
    assert detect(["--lang", "en", "due"], {}) == "en"
    assert detect(["due", "--lang=en"], {"LIUSHOU_LANG": "zh"}) == "en"
    assert detect(["--lang", "en", "due", "--lang", "zh"], {}) == "zh"
    assert detect(["--lang=zh", "due", "--lang=EN"], {}) == "en"
    assert detect(["due", "--lang"], {"LIUSHOU_LANG": "en"}) == "en"  # no value: not a choice


def _due(runner: CliRunner, root: Path, *lang: str, env: dict[str, str] | None = None) -> str:
    head, tail = [a for a in lang if a.startswith("^")], [a for a in lang if not a.startswith("^")]
    args = [*(a[1:] for a in head), "due", "--records", str(root), "--today", "2026-10-15", "--all", *tail]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_lang_before_or_after_the_command_or_from_the_environment(runner: CliRunner, example_copy: Path) -> None:
    """``^`` marks an argument given before the command."""
    chinese = _due(runner, example_copy)
    english = _due(runner, example_copy, "--lang", "en")
    assert english != chinese and re.search(r"[a-z]{4}", english)
    assert _due(runner, example_copy, "^--lang", "^en") == english
    assert _due(runner, example_copy, "--lang=en") == english
    assert _due(runner, example_copy, env={"LIUSHOU_LANG": "en"}) == english
    assert _due(runner, example_copy, "--lang", "zh", env={"LIUSHOU_LANG": "en"}) == chinese
    assert _due(runner, example_copy, "^--lang", "^zh", "--lang", "en") == english  # the last one
    assert _due(runner, example_copy, "^--lang", "^en", "--lang", "zh") == chinese
    assert _due(runner, example_copy) == chinese  # nothing left over from the last run


@pytest.mark.parametrize("args", [["due", "--bogus", "--lang", "en"], ["--lang", "en", "due", "--today"],
                                  ["--lang=en", "duee"], ["check", "extra", "--lang", "en"]], ids=" ".join)
def test_usage_errors_in_english(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Usage: liushou" in result.stderr and "用法" not in result.stderr
    assert runner.invoke(app, [a for a in args if a not in ("--lang", "en", "--lang=en")]).stderr != result.stderr
    in_env = runner.invoke(app, [a for a in args if a not in ("--lang", "en", "--lang=en")], env={"LIUSHOU_LANG": "en"})
    assert in_env.stderr == result.stderr


# a first run in a process of its own, through CliRunner as here (the console script wraps help
# at another width): what a run in that language gives when nothing was made in another before it
FIRST_RUN = """
import sys
from typer.testing import CliRunner
from liushou_cli.cli.app import app
sys.stdout.write(CliRunner().invoke(app, sys.argv[1:]).output)
"""


def _first_run(args: list[str], tmp_path: Path, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LIUSHOU_LANG", "LIUSHOU_RECORDS")}
    if lang:
        env["LIUSHOU_LANG"] = lang
    real = subprocess.run([sys.executable, "-c", FIRST_RUN, *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=tmp_path, timeout=120, check=True)
    return real.stdout


@pytest.mark.parametrize("path", [[], ["due"], ["log"], ["assess"]], ids=lambda p: " ".join(p) or "root")
def test_help_in_english_after_chinese_as_in_a_first_run(runner: CliRunner, tmp_path: Path,
                                                         path: list[str]) -> None:
    """The root's own texts, the commands' list and the options every command shares
    follow the run's language, though this process made them in the other one first."""
    english = _first_run([*path, "--help", "--lang", "en"], tmp_path)
    chinese = _first_run([*path, "--help"], tmp_path)
    assert english != chinese and "Usage: liushou" in english and "Options" in english
    assert _first_run([*path, "--help"], tmp_path, lang="en") == english

    assert runner.invoke(app, [*path, "--help"]).output == chinese
    assert runner.invoke(app, ["--lang", "en", *path, "--help"]).output == english
    assert runner.invoke(app, [*path, "--help"], env={"LIUSHOU_LANG": "en"}).output == english
    assert runner.invoke(app, [*path, "--help"]).output == chinese


def test_no_command_sets_the_language() -> None:
    """Only the root group decides it (and the reference, which is always Chinese)."""
    setters = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if "set_lang(" in p.read_text(encoding="utf-8"))
    assert setters == ["cli/app.py", "cli/reference.py", "i18n.py"]
