"""``liushou due --quiet-days N`` end to end: who has gone N days without any contact."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from liushou_cli.cli.app import app

HELPER_2 = "id: H002\nname: 李老师\nrole: teacher\n"
CHILD_2 = "id: C002\nname: 李小红\nclass: 三(1)班\nenrolled: 2026-09-01\n"
CHILD_3 = "id: C003\nname: 王小刚\nenrolled: 2026-09-01\n"


@pytest.fixture
def programme(make_records: Callable[..., Path]) -> Path:
    """P001 last contacted 2026-09-20 (64 days before T), P002 (李老师) on 2026-11-20,
    P003 never, started 2026-11-10 (13 days), P004 never, started 2026-09-05 (79 days)."""
    return make_records({
        "helpers/H002.yaml": HELPER_2,
        "children/C002.yaml": CHILD_2,
        "children/C003.yaml": CHILD_3,
        "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H002]\nstart: 2026-09-05\n",
        "pairings/P003.yaml": "id: P003\nchild: C003\nhelpers: [H001]\nstart: 2026-11-10\n",
        "pairings/P004.yaml": "id: P004\nchild: C003\nhelpers: [H002, H001]\nstart: 2026-09-05\n",
        "contacts/2026-11.csv": "date,pairing,kinds\n2026-11-20,P002,call\n2026-11-30,P001,call\n",
    })


def run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--records", str(root), "due", "--today", "2026-11-23", *args])
    return result.exit_code, result.stdout


def test_the_listing_by_helper_longest_first(runner: CliRunner, programme: Path) -> None:
    code, out = run(runner, programme, "--quiet-days", "30")
    assert code == 1
    lines = [line for line in out.splitlines() if line]
    assert lines[0] == "帮扶人：李老师（H002）、严万莲（H001）"
    assert "王小刚（C003）" in lines[2] and "从未联系" in lines[2] and "79 天（自结对起）" in lines[2]
    assert lines[3] == "帮扶人：严万莲（H001）"
    assert "张小明（C001）" in lines[5] and "2026-09-20" in lines[5] and "64 天" in lines[5]
    assert "李小红" not in out  # contacted three days ago
    assert "P003" not in out  # a pairing of 13 days is not a month without contact
    assert "2026-11-30" not in out  # after T: not counted
    assert lines[-1] == "截至 2026-11-23：在结对 4 对中，2 对已连续 30 天以上没有任何联系。"


def test_nobody_quiet_exits_0(runner: CliRunner, programme: Path) -> None:
    code, out = run(runner, programme, "--quiet-days", "100")
    assert code == 0
    assert out.strip() == "截至 2026-11-23：在结对的 4 对近 100 天内都有联系。"


def test_one_helper_by_name_and_by_child(runner: CliRunner, programme: Path) -> None:
    code, out = run(runner, programme, "--quiet-days", "30", "--helper", "李老师", "--by", "child")
    assert code == 1
    assert "王小刚（C003）" in out and "张小明" not in out
    assert "帮扶人：" not in out  # one list, helpers as a column
    assert out.strip().splitlines()[-1] == "截至 2026-11-23：在结对 2 对中，1 对已连续 30 天以上没有任何联系。"


def test_json(runner: CliRunner, programme: Path) -> None:
    code, out = run(runner, programme, "--quiet-days", "30", "--json")
    assert code == 1
    assert json.loads(out) == {
        "as_of": "2026-11-23", "quiet_days": 30, "active_pairings": 4,
        "pairings": [
            {"pairing": "P004", "child": "C003", "helpers": ["H002", "H001"], "last_contact": None,
             "since": "2026-09-05", "days": 79},
            {"pairing": "P001", "child": "C001", "helpers": ["H001"], "last_contact": "2026-09-20",
             "since": "2026-09-20", "days": 64},
        ],
    }


def test_csv_file_for_excel(runner: CliRunner, programme: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "quiet.csv"
    target.parent.mkdir()
    code, _ = run(runner, programme, "--quiet-days", "30", "--csv", "-o", str(target))
    assert code == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["儿童编号", "儿童姓名", "班级", "结对", "帮扶人编号", "帮扶人", "最后联系", "未联系天数"]
    assert rows[1] == ["C003", "王小刚", "", "P004", "H002;H001", "李老师、严万莲", "", "79"]
    assert rows[2] == ["C001", "张小明", "四(2)班", "P001", "H001", "严万莲", "2026-09-20", "64"]


def test_english(runner: CliRunner, programme: Path) -> None:
    code, out = run(runner, programme, "--quiet-days", "30", "--lang", "en")
    assert code == 1
    assert "never" in out and "79 days (since the pairing began)" in out
    assert out.strip().splitlines()[-1] == \
        "As of 2026-11-23: 2 of 4 active pairings have had no contact for 30 days or more."


@pytest.mark.parametrize(("args", "message"), [
    (["--quiet-days", "0"], "--quiet-days 须是 1 以上的天数"),
    (["--quiet-days", "30", "--by", "duty"], "只能按帮扶人（helper）或儿童（child）列出"),
    (["--quiet-days", "30", "--all"], "不能与 --all 同用"),
])
def test_refusals(runner: CliRunner, programme: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["--records", str(programme), "due", "--today", "2026-11-23", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_example_programme(runner: CliRunner) -> None:
    code, out = run(runner, EXAMPLES, "--quiet-days", "30")
    assert code == 1
    # 13 without the kindergarten parents' meeting of 20 Nov, which counts as a guardian contact
    # for each of its 23 children's pairings (activities/A20261120.yaml, counts_as)
    assert out.strip().splitlines()[-1] == "截至 2026-11-23：在结对 51 对中，2 对已连续 30 天以上没有任何联系。"
