"""``liushou check`` end to end on small programmes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from liushou_cli.cli.app import app


def run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", "--records", str(root), "--today", "2026-11-23", *args])
    return result.exit_code, result.output


def test_clean_programme_exits_zero(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    code, out = run(runner, make_records())
    assert code == 0, out
    assert "错误" not in out


def test_errors_are_located_and_exit_one(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张\nenrolled: 2026-9-31\n"})
    code, out = run(runner, root)
    assert code == 1
    assert "children/C001.yaml:3:11: 错误 bad-date" in out


def test_json_shape(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"helpers/H001.yaml": "id: H001\nname: 严\nphnoe: 1\n"})
    code, out = run(runner, root, "--json")
    data = json.loads(out)
    assert set(data) == {"errors", "warnings"}
    (warn,) = [w for w in data["warnings"] if w["code"] == "unknown-key"]
    assert {k: warn[k] for k in ("path", "line", "col")} == {"path": "helpers/H001.yaml", "line": 3, "col": 1}
    assert "phone" in warn["message"]
    assert code == 0


def test_no_records_root_exits_two(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--records", str(tmp_path)])
    assert result.exit_code == 2
    assert "liushou.yaml" in result.output


def test_english(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张\nenrolled: 2026-9-31\n"})
    code, out = run(runner, root, "--lang", "en")
    assert "error bad-date: invalid date" in out
