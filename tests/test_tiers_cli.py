"""Risk-tiered duties and archive verification through the commands, on real YAML files
(with their comments) in tmp_path: ``due``, ``explain``, ``remind``, ``check`` and
``liushou verify``, which appends to ``verified`` and fixes fields in one change."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app

TODAY = ["--today", "2026-11-23"]

PROGRAM = """\
program: 测试项目   # 项目名称
terms:
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
duties: teacher-talk-monthly
# 分类施策：次数由本项目自己定
risk_duties:
  高:                     # 高风险
    - {id: weekly_contact, name: 每周联系, kinds: [call, meeting, talk, home_visit], within_days: 7}
verify_archive: 每月      # 000 方案3
"""

CHILD = """\
id: C001
name: 张小明
school: 测试小学
class: 四(2)班
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}   # 奶奶
enrolled: 2026-09-01
consent: {date: 2026-09-01, by: 王桂兰}
risk_assessments:
  - {date: 2026-09-15, level: low}
  - {date: 2026-11-10, level: 高, by: 李老师}
verified: [2026/10/8]   # 上月核查
"""


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records({"liushou.yaml": PROGRAM, "children/C001.yaml": CHILD,
                         "contacts/2026-11.csv": "date,pairing,kinds\n2026-11-12,P001,call\n"})


def run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--records", str(root), *TODAY])
    return result.exit_code, result.stdout, result.stderr


def test_due_lists_the_tier_and_verification_items(runner: CliRunner, root: Path) -> None:
    code, out, _ = run(runner, root, "due", "--json")
    assert code == 1
    items = [(i["status"], i["pairing"], i["duty"], i["due"]) for i in json.loads(out)["items"]]
    assert items == [
        ("overdue", "P001", "talk", "2026-10-31"),
        ("overdue", "P001", "weekly_contact", "2026-11-19"),  # high since 10 Nov; a call on the 12th
        ("due_soon", None, "verify_archive", "2026-11-30"),  # October was checked, November not yet
        ("due_soon", "P001", "talk", "2026-11-30"),
    ]
    [tier] = [i for i in json.loads(out)["items"] if i["duty"] == "weekly_contact"]
    assert set(tier) >= {"status", "child", "pairing", "duty", "due"} and tier["helpers"] == ["H001"]
    code, out, _ = run(runner, root, "due")
    assert "每周联系" in out and "核查更新档案" in out and "项目负责人" in out


def test_explain_says_which_level_and_assessment(runner: CliRunner, root: Path) -> None:
    code, out, _ = run(runner, root, "explain", "张小明")
    assert code == 0
    assert "分类施策：儿童现为高风险（2026-11-10 的风险评估评定" in out
    assert "从 2026-11-12（上次算数的联系，或评定这一风险等级的评估）算起" in out
    assert "【核查更新档案】（verify_archive）每月核查一次档案" in out
    assert "✓ 2026-10-08 核查了档案" in out
    code, out, _ = run(runner, root, "explain", "C001", "--json")
    rules = {r["duty"]: r for r in json.loads(out)["rules"]}
    assert rules["weekly_contact"]["risk_level"] == {"level": "high", "assessment": "2026-11-10"}
    assert rules["talk"]["risk_level"] is None
    assert rules["verify_archive"]["checks"][0]["assessed"] == ["2026-10-08"]
    code, out, _ = run(runner, root, "explain", "C001", "--lang", "en")
    assert "Risk tier: the child is high risk (set by the assessment of 2026-11-10" in out


def test_remind_says_why(runner: CliRunner, root: Path) -> None:
    code, out, _ = run(runner, root, "remind")
    assert code == 0
    assert "每周联系" in out and "（孩子11月10日评估为高风险，按分类施策另加此项）" in out
    assert "核查更新档案" not in out  # the coordinator's, not the helper's


def test_check_points_at_a_misspelt_level(runner: CliRunner, root: Path) -> None:
    (root / "liushou.yaml").write_text(PROGRAM.replace("  高:", "  hihg:"), encoding="utf-8")
    code, out, _ = run(runner, root, "check", "--json")
    assert code == 1
    [err] = json.loads(out)["errors"]
    assert (err["code"], err["path"], err["line"], err["col"]) == ("unknown-risk-level", "liushou.yaml", 7, 3)
    assert "（是否应为 high？）" in err["message"]
    code, out, _ = run(runner, root, "due", "--json")  # the level's rules do not apply, the rest does
    assert "weekly_contact" not in out and "verify_archive" in out


def _child(root: Path) -> str:
    return (root / "children" / "C001.yaml").read_text(encoding="utf-8")


def test_verify_appends_the_day_and_keeps_comments(runner: CliRunner, root: Path) -> None:
    code, out, err = run(runner, root, "verify", "张小明", "--date", "2026年11月5日")
    assert code == 0, err
    assert "已记下 C001 的档案核查：2026-11-05" in out
    text = _child(root)
    assert "verified: [2026/10/8, 2026-11-05] # 上月核查" in text  # the comment stays (ruamel: one space)
    assert text.replace("[2026/10/8, 2026-11-05] #", "[2026/10/8]   #") == CHILD
    code, out, _ = run(runner, root, "due", "--json")
    assert "verify_archive" not in out
    # the same day again: nothing written, said so
    code, out, err = run(runner, root, "verify", "C001", "--date", "11月5日")
    assert code == 0 and "已经记过" in err and _child(root).count("2026-11-05") == 1


def test_verify_with_changed_fields_is_one_edit(runner: CliRunner, root: Path) -> None:
    code, out, err = run(runner, root, "verify", "C001", "guardian.phone=13900000009", "--commit")
    assert code == 2 and _child(root) == CHILD, err  # --commit outside a git repository: nothing written
    code, out, err = run(runner, root, "verify", "C001", "guardian.phone=13900000009", "班级=四(3)班")
    assert code == 0, err
    assert "同时改正了：guardian.phone、class" in out
    text = _child(root)
    assert 'phone: "13900000009"}   # 奶奶' in text and "class: 四(3)班" in text
    assert "verified: [2026/10/8, 2026-11-23]" in text


def test_verify_a_new_list_goes_in_the_models_order(runner: CliRunner, root: Path) -> None:
    (root / "children" / "C001.yaml").write_text(CHILD.replace("verified: [2026/10/8]   # 上月核查\n", ""),
                                                 encoding="utf-8")
    assert run(runner, root, "verify", "C001", "--date", "2026-11-20")[0] == 0
    lines = _child(root).splitlines()
    assert lines.index("verified: [2026-11-20]") == lines.index("  - {date: 2026-11-10, level: 高, by: 李老师}") + 1


@pytest.mark.parametrize(("args", "code", "words"), [
    (["verify", "C404"], 1, "找不到儿童 C404"),
    (["verify", "C001", "--date", "2026-11-30"], 1, "晚于今天"),
    (["verify", "C001", "guardian.phnoe=1"], 1, "guardian.phnoe"),
    (["verify", "C001", "phone"], 2, "phone"),
])
def test_verify_refusals_write_nothing(runner: CliRunner, root: Path, args: list[str], code: int,
                                       words: str) -> None:
    got, _, err = run(runner, root, *args)
    assert (got, words in err) == (code, True), err
    assert _child(root) == CHILD


def test_verify_before_enrolment_writes_with_a_warning(runner: CliRunner, root: Path) -> None:
    code, out, err = run(runner, root, "verify", "C001", "--date", "2026-08-20")
    assert code == 0 and "早于建档日期" in err
    assert "2026-08-20" in _child(root)


@pytest.mark.parametrize("redact", [False, True])
def test_term_report_gives_the_share_verified_and_the_tiers(runner: CliRunner, root: Path, redact: bool) -> None:
    (root / "children" / "C002.yaml").write_text(
        "id: C002\nname: 李小红\nenrolled: 2026-09-01\nconsent: {date: 2026-09-01, by: 李奶奶}\n", encoding="utf-8")
    code, _, err = run(runner, root, "report", "--format", "md", *(["--redact"] if redact else []))
    assert code == 0, err
    out = (root / "out" / "2026-autumn-report.md").read_text(encoding="utf-8")
    assert "| 档案核查率（本学期核查过档案的在册儿童） | 1/2 | 50% |" in out
    assert "分类施策：高风险 1 人，每个结对另加：每周联系。" in out
    assert "【" not in out
    unverified = [line for line in out.splitlines() if line.startswith("本学期未核查档案：")]
    assert unverified == (["本学期未核查档案：李*红。"] if redact else ["本学期未核查档案：李小红。"])
