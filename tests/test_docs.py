"""Docs that cannot drift: the README and --help against the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import COMMANDS, app
from liushou_cli.messages import CATALOG
from liushou_cli.presets import PRESETS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted({name for name, _, _ in COMMANDS}))
def test_every_command_has_help_in_both_languages_and_a_readme_line(name: str) -> None:
    zh, en = CATALOG[f"help.{name}"]
    assert zh.strip() and en.strip()
    assert re.search(rf"liushou {name}\b", README) or f"`{name}`" in README


@pytest.mark.parametrize("name", sorted({name for name, _, _ in COMMANDS}))
def test_every_command_answers_help(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output or "用法" in result.output


def test_readme_links_exist() -> None:
    for target in re.findall(r"\]\(((?:docs|examples)/[^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_readme_lists_every_preset_and_rule_id() -> None:
    for name, preset in PRESETS.items():
        row = next((line for line in README.splitlines() if line.startswith(f"| `{name}`")), None)
        assert row is not None, name
        for rule in preset.rules:
            assert f"`{rule.id}` {rule.name}" in row, (name, rule.id)


def test_quick_start_runs_on_the_example(runner: CliRunner) -> None:
    """The README's first command, minus the install: it must run and find work to do."""
    line = next(line for line in README.splitlines() if "liushou due --records examples/records" in line)
    args = line.split(".venv/bin/liushou ", 1)[1].split()
    args[args.index("--records") + 1] = str(ROOT / "examples" / "records")
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output  # the example has overdue items on purpose
    assert "强制报告" in result.output
    summary = re.search(r"(\d+) 项强制报告、\s*逾期 (\d+) 项、即将到期 (\d+) 项", README)
    assert summary is not None
    assert f"逾期 {summary[2]} 项，即将到期 {summary[3]} 项，强制报告待报告 {summary[1]} 项" in result.output


def test_architecture_names_only_modules_that_exist() -> None:
    """docs/architecture.md answers "where is ...?" with paths; each must be real
    (the one example of a new module, ``as_ods.py``, is the exception it says it is)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "liushou_cli"
    paths = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+(?:\.py|/))`", text)) - {"present/tables/as_ods.py"}
    missing = [p for p in sorted(paths)
               if not ((package / p).exists() or (ROOT / p).exists()
                       or any(package.glob(f"*/{p}")))]  # a bare file name within its package's row
    assert paths and not missing, missing
