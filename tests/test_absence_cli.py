"""``liushou absence add|persuade|return|report`` through the CLI, on real files with
comments: what each writes (only that, in the file's style), what it refuses (every
byte left as it was), names and any date form, Chinese results; and ``due``, ``remind``
and ``explain`` on what they wrote."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.load import load
from test_edit_cli import added_lines, snapshot

TODAY = "2026-11-23"

CHILD = """\
# 档案：请勿删除注释
id: C001
name: 张小明   # 小名 明明
school: 测试小学
class: '四(2)班'
class_teacher: {name: 李老师, phone: "13800000001"}   # 班主任
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01   # 建档
consent: {date: 2026-09-01, by: 王桂兰}
risk_assessments:
  - {date: 2026-09-15, level: medium}   # 开学
"""
TEACHER = "id: H002\nname: 李老师\nrole: teacher\nphone: \"13800000001\"\n"


def run(runner: CliRunner, root: Path, *args: str, today: str = TODAY) -> typer.testing.Result:
    return runner.invoke(app, [*args, "--records", str(root), "--today", today])


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records({"children/C001.yaml": CHILD})


def text(root: Path) -> str:
    return (root / "children/C001.yaml").read_text(encoding="utf-8")


def test_add_by_name_with_a_chinese_date_keeps_every_comment(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "absence", "add", "张小明", "--from", "11月16日", "--notes", "不肯来校")
    assert result.exit_code == 0, result.output
    assert "已记录缺课 #1：C001 2026-11-16 起" in result.stdout
    assert added_lines(CHILD, text(root)) == ["absences:", "  - from: 2026-11-16", "    notes: 不肯来校"]
    absence = load(root).children["C001"].absences[0]
    assert (absence.excused, absence.whereabouts_known, absence.to) == (False, True, None)


def test_add_excused_and_whereabouts_unknown(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "absence", "add", "C001", "--from", "2026/11/2", "--to", "2026年11月4日",
               "--excused").exit_code == 0
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-20", "--whereabouts-unknown").exit_code == 0
    assert added_lines(CHILD, text(root)) == [
        "absences:", "  - from: 2026-11-02", "    to: 2026-11-04", "    excused: true",
        "  - from: 2026-11-20", "    whereabouts_known: false"]
    data = json.loads(run(runner, root, "due", "--json").stdout)
    assert data["alerts"] == [{"child": "C001", "type": "missing_absent", "date": "2026-11-20"}]


def test_persuade_in_chinese_then_the_dropout_alert_then_its_report(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-16").exit_code == 0
    first = run(runner, root, "absence", "persuade", "张小明", "--by", "李老师", "--result", "劝返失败",
                "--date", "11-18")
    assert first.exit_code == 0, first.output
    assert "2026-11-18 劝返未果" in first.stdout
    data = json.loads(run(runner, root, "due", "--json").stdout)
    assert [i["duty"] for i in data["items"] if i["pairing"] is None] == ["persuade"]
    assert run(runner, root, "absence", "persuade", "C001", "--by", "李老师", "--result", "未果",
               "--date", "2026-11-20").exit_code == 0
    before_report = text(root)
    assert added_lines(CHILD, before_report)[2:] == [
        "    persuasions:",
        "      - {date: 2026-11-18, by: 李老师, result: failed}",
        "      - {date: 2026-11-20, by: 李老师, result: failed}"]
    due = run(runner, root, "due")
    assert due.exit_code == 1
    assert "填报学生名单报镇人民政府启动劝返复学程序" in due.stdout
    assert "liushou absence report C001 --reported-to 镇人民政府 --date 报告日期" in due.stdout
    report = run(runner, root, "absence", "report", "C001", "--reported-to", "水湖镇人民政府", "--date", "11月21日")
    assert report.exit_code == 0, report.output
    assert added_lines(before_report, text(root)) == ["    reported: {date: 2026-11-21, to: 水湖镇人民政府}"]
    assert json.loads(run(runner, root, "due", "--json").stdout)["alerts"] == []
    again = run(runner, root, "absence", "report", "C001", "--reported-to", "镇政府", "--index", "1")
    assert again.exit_code == 1 and "已于 2026-11-21 报告过" in again.stderr


def test_a_returned_persuasion_and_a_return_close_the_absence(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-16").exit_code == 0
    assert run(runner, root, "absence", "persuade", "C001", "--by", "李老师", "--result", "已返校",
               "--date", "2026-11-19").exit_code == 0
    assert "result: returned" in text(root)
    assert [i for i in json.loads(run(runner, root, "due", "--json").stdout)["items"] if i["duty"] == "persuade"] == []
    before = snapshot(root)
    nothing = run(runner, root, "absence", "return", "C001", "--date", "2026-11-23")
    assert nothing.exit_code == 1 and "没有尚未结束的缺课" in nothing.stderr
    assert snapshot(root) == before
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-20").exit_code == 0
    back = run(runner, root, "absence", "return", "张小明", "--date", "11月23日")
    assert back.exit_code == 0, back.output
    assert "（最后缺课日 2026-11-22）" in back.stdout
    assert load(root).children["C001"].absences[1].to is not None
    assert text(root).endswith("  - from: 2026-11-20\n    to: 2026-11-22\n")


def test_refusals_leave_every_byte(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-16").exit_code == 0
    before = snapshot(root)
    cases = [
        (["absence", "add", "C001", "--from", "2026-11-18"], 1, "时间重叠"),  # inside the open one
        (["absence", "add", "C001", "--from", "2026-11-10", "--to", "2026-11-09"], 1, "早于第一天"),
        (["absence", "add", "C001", "--from", "2026-08-20", "--to", "2026-08-21"], 1, "早于建档日期"),
        (["absence", "add", "C001", "--from", "2026-11-24"], 1, "晚于今天"),
        (["absence", "persuade", "C001", "--by", "李老师", "--result", "成功了", "--date", "2026-11-18"], 2,
         "failed（劝返未果）"),
        (["absence", "persuade", "C001", "--result", "failed", "--date", "2026-11-12"], 1, "没有未结束的无故缺课"),
        (["absence", "persuade", "C001", "--result", "failed", "--index", "3"], 1, "没有第 3 次缺课"),
        (["absence", "report", "C001", "--reported-to", "镇人民政府", "--date", "2026-11-10", "--index", "1"], 1,
         "早于缺课第一天"),
        (["absence", "return", "C001", "--date", "2026-11-16"], 1, "没有尚未结束的缺课"),
        (["absence", "add", "C404", "--from", "2026-11-16"], 1, "C404"),
        (["absence", "report", "C001"], 2, "--reported-to"),
    ]
    for args, code, words in cases:
        result = run(runner, root, *args)
        assert result.exit_code == code, (args, result.output)
        assert words in result.output, (args, result.output)
        assert "Traceback" not in result.output
        assert snapshot(root) == before, args


def test_the_persuade_item_goes_to_the_class_teacher_and_remind_tells_her(
        runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": CHILD, "helpers/H002.yaml": TEACHER})
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-16").exit_code == 0
    items = json.loads(run(runner, root, "due", "--json").stdout)["items"]
    assert [(i["helpers"], i["due"], i["status"]) for i in items if i["duty"] == "persuade"] == [
        (["H002"], "2026-11-18", "overdue")]
    out = run(runner, root, "due").stdout
    assert "帮扶人：李老师（H002）" in out and "组织劝返复学（2026-11-16 起缺课）" in out
    assert "职责：组织劝返复学\n" in run(runner, root, "due", "--by", "duty").stdout
    remind = run(runner, root, "remind", "--helper", "H002")
    assert remind.exit_code == 0, remind.output
    assert "组织劝返复学" in remind.stdout


def test_explain_tells_which_persuasions_counted(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-16").exit_code == 0
    assert run(runner, root, "absence", "persuade", "C001", "--result", "failed", "--by", "李老师",
               "--date", "2026-11-18").exit_code == 0
    out = run(runner, root, "explain", "C001", today="2026-11-17").stdout
    assert "截至 2026-11-17 仍未返校：第 2 天。" in out
    assert "✗ 2026-11-18 李老师 劝返：劝返未果：日期在 2026-11-17 之后，不计入" in out
    out = run(runner, root, "explain", "张小明").stdout
    assert "✓ 2026-11-18 李老师 劝返：劝返未果（计入）" in out and "结论：已逾期，到期日 2026-11-18" in out
    data = json.loads(run(runner, root, "explain", "C001", "--json").stdout)
    assert data["absences"][0]["persuasions"] == [
        {"index": 1, "date": "2026-11-18", "result": "failed", "counted": True, "why": None}]


def test_english(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "absence", "add", "C001", "--from", "2026-11-16", "--whereabouts-unknown", "--lang", "en")
    assert result.exit_code == 0 and "Recorded absence #1" in result.stdout
    out = run(runner, root, "due", "--lang", "en").stdout
    assert "whereabouts unknown" in out and "police station" in out


def test_remind_tells_the_coordinator_her_own_list(runner: CliRunner, root: Path) -> None:
    """No helper is the class teacher here: the persuasion is the coordinator's, on stderr
    with the risk assessments, never in a helper's message."""
    assert run(runner, root, "absence", "add", "C001", "--from", "2026-11-16").exit_code == 0
    result = run(runner, root, "remind")
    assert result.exit_code == 0, result.output
    assert "由项目负责人自己办理" in result.stderr
    assert "• 张小明（C001）四(2)班：组织劝返复学（2026-11-16 起缺课），到期日 2026-11-18（逾期 5 天）" in result.stderr
    assert "组织劝返复学" not in result.stdout
