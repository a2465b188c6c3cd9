"""Group activities and the programme's own duties (RECORDS.md 1.1), shape by shape.

The engine's part on records made in memory with hand-computed answers, in the spirit
of test_engine.py; the command, the table, explain and remind through the CLI on real
files in tmp_path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import write
from liushou_cli.cli.app import app
from liushou_cli.duties.activities import contacts_of, program_obligations
from liushou_cli.duties.engine import compute_due, explain, obligations
from liushou_cli.duties.quiet import standing
from liushou_cli.model import Activity, Child, Contact, Helper, Pairing, Program
from liushou_cli.presets import PROGRAM_PRESETS
from liushou_cli.records.load import Records, load
from liushou_cli.reports.helpers import evaluate

D = date.fromisoformat
TODAY = D("2026-11-23")
TERMS = [{"id": "2026-autumn", "start": "2026-09-01", "end": "2027-01-20"},
         {"id": "2027-spring", "start": "2027-02-20", "end": "2027-07-10"}]


def program(duties: Any = "teacher-talk-monthly", program_duties: Any = (), **extra: Any) -> Program:
    return Program.model_validate({"program": "测试项目", "terms": TERMS, "duties": duties,
                                   "program_duties": list(program_duties), **extra})


def child(cid: str = "C001", enrolled: str = "2026-09-01", **extra: Any) -> Child:
    return Child.model_validate({"id": cid, "name": f"儿童{cid}", "enrolled": enrolled,
                                 "risk_assessments": [{"date": "2026-09-15", "level": "low"}], **extra})


def pairing(pid: str = "P001", cid: str = "C001", helpers: Iterable[str] = ("H001",), start: str = "2026-09-05",
            **extra: Any) -> Pairing:
    return Pairing.model_validate({"id": pid, "child": cid, "helpers": list(helpers), "start": start, **extra})


def activity(aid: str, day: str, kind: str = "parents_meeting", children: Iterable[str] = ("C001",),
             counts_as: Iterable[str] = ("talk",), **extra: Any) -> Activity:
    return Activity.model_validate({"id": aid, "date": day, "kind": kind, "name": f"活动{aid}",
                                    "children": list(children), "counts_as": list(counts_as), **extra})


def records(prog: Program, children: Iterable[Child] = (), pairings: Iterable[Pairing] = (),
            acts: Iterable[Activity] = (), contacts: Iterable[Contact] = ()) -> Records:
    return Records(root=Path("."), program=prog, children={c.id: c for c in children},
                   pairings={p.id: p for p in pairings}, contacts=list(contacts),
                   activities={a.id: a for a in acts},
                   helpers={h: Helper.model_validate({"id": h, "name": h}) for h in ("H001", "H002")})


def rows(recs: Records, today: date = TODAY) -> list[tuple[str, str | None, str | None, str, str]]:
    """(status, child, pairing, duty, due) of every item but risk assessments, in order."""
    return [(i.status, i.child, i.pairing, i.duty, i.due.isoformat()) for i in compute_due(recs, today).items
            if i.duty != "risk_assessment"]


# --- counts_as: one contact for each pairing of each child active that day -------------------

TWO_PAIRINGS = [pairing("P001"), pairing("P002", helpers=("H002",))]


@pytest.mark.parametrize(("acts", "kids", "expected"), [
    # no activity: both pairings owe October and November's talk
    ([], [child()], [("overdue", "C001", "P001", "talk", "2026-10-31"), ("overdue", "C001", "P002", "talk", "2026-10-31"),
                     ("due_soon", "C001", "P001", "talk", "2026-11-30"),
                     ("due_soon", "C001", "P002", "talk", "2026-11-30")]),
    # one activity in October counting as a talk meets October for both of the child's pairings
    ([activity("A1", "2026-10-20")], [child()],
     [("due_soon", "C001", "P001", "talk", "2026-11-30"), ("due_soon", "C001", "P002", "talk", "2026-11-30")]),
    # counts_as of another kind counts for nothing here
    ([activity("A1", "2026-10-20", counts_as=("guardian_contact",))], [child()],
     [("overdue", "C001", "P001", "talk", "2026-10-31"), ("overdue", "C001", "P002", "talk", "2026-10-31"),
      ("due_soon", "C001", "P001", "talk", "2026-11-30"), ("due_soon", "C001", "P002", "talk", "2026-11-30")]),
    # no counts_as: an activity is not a contact
    ([activity("A1", "2026-10-20", counts_as=())], [child()],
     [("overdue", "C001", "P001", "talk", "2026-10-31"), ("overdue", "C001", "P002", "talk", "2026-10-31"),
      ("due_soon", "C001", "P001", "talk", "2026-11-30"), ("due_soon", "C001", "P002", "talk", "2026-11-30")]),
    # the child was not active that day (enrolled later): nothing counted, October still owed
    ([activity("A1", "2026-10-20")], [child(enrolled="2026-10-25")],
     [("overdue", "C001", "P001", "talk", "2026-10-31"), ("overdue", "C001", "P002", "talk", "2026-10-31"),
      ("due_soon", "C001", "P001", "talk", "2026-11-30"), ("due_soon", "C001", "P002", "talk", "2026-11-30")]),
    # an activity after T counts for nothing on T
    ([activity("A1", "2026-11-25")], [child()],
     [("overdue", "C001", "P001", "talk", "2026-10-31"), ("overdue", "C001", "P002", "talk", "2026-10-31"),
      ("due_soon", "C001", "P001", "talk", "2026-11-30"), ("due_soon", "C001", "P002", "talk", "2026-11-30")]),
])
def test_counts_as_for_every_pairing_of_the_child(acts: list[Activity], kids: list[Child],
                                                 expected: list[tuple[str, ...]]) -> None:
    assert rows(records(program(), kids, TWO_PAIRINGS, acts)) == expected


def test_counts_as_only_for_pairings_active_that_day() -> None:
    """P002 started after the activity: the talk counts for P001 alone."""
    later = pairing("P002", helpers=("H002",), start="2026-10-25")
    recs = records(program(), [child()], [pairing(), later], [activity("A1", "2026-10-20")])
    assert [(c.pairing, c.kinds, c.helper, c.activity) for c in contacts_of(recs)] == [("P001", ("talk",), None, "A1")]
    assert ("overdue", "C001", "P001", "talk", "2026-10-31") not in rows(recs)


def test_counts_as_a_child_left_before_the_activity() -> None:
    gone = child(left={"date": "2026-10-10", "reason": "transferred"})
    recs = records(program(), [gone, child("C002")], [pairing(), pairing("P003", "C002")],
                   [activity("A1", "2026-10-20", children=("C001", "C002"))])
    assert [c.pairing for c in contacts_of(recs)] == ["P003"]


def test_an_activity_counts_in_obligations_the_quiet_list_and_for_every_helper() -> None:
    """As if a row with helper empty were in the log: every helper of the pairing gets it."""
    both = pairing("P001", helpers=("H001", "H002"))
    recs = records(program(), [child()], [both], [activity("A1", "2026-10-20")])
    met = [o for o in obligations(recs, D("2026-10-01"), D("2026-10-31")) if o.duty == "talk"]
    assert [(o.met, o.met_on) for o in met] == [(True, D("2026-10-20"))]
    assert standing(recs, TODAY)[0].last == D("2026-10-20")
    work = {w.helper: w for w in evaluate(recs, met, D("2026-09-01"), TODAY)}
    assert work["H001"].contacts == work["H002"].contacts == 1
    assert work["H001"].kinds["talk"] == 1 and work["H001"].met == 1


def test_explain_names_the_activity_that_met_the_duty() -> None:
    recs = records(program(), [child()], [pairing()], [activity("A1", "2026-10-20")])
    (exp,) = [e for e in explain(recs, TODAY, "P001") if e.duty == "talk"]
    october = next(c for c in exp.checks if c.period == "2026-10")
    assert october.met and [c.activity for c in october.contacts] == ["A1"]


# --- programme duties: a per rule of a pairing from the first term's start, never ending --------

MONTHLY = [{"id": "gathering", "name": "每月留守儿童会", "activities": ["gathering"], "per": "month"}]


def program_rows(duties: list[dict[str, Any]], acts: Iterable[Activity] = (), today: date = TODAY,
                 **extra: Any) -> list[tuple[str, str, str, int, int]]:
    recs = records(program(program_duties=duties, **extra), acts=acts)
    return [(i.status, i.duty, i.due.isoformat(), i.done, i.needed) for i in compute_due(recs, today).items
            if i.child is None]


def gathering(aid: str, day: str, kind: str = "gathering") -> Activity:
    return activity(aid, day, kind, children=(), counts_as=())


@pytest.mark.parametrize(("duties", "acts", "today", "expected"), [
    # nothing held: October overdue, November due soon
    (MONTHLY, [], "2026-11-23", [("overdue", "gathering", "2026-10-31", 0, 1), ("due_soon", "gathering", "2026-11-30", 0, 1)]),
    # one in each month, on the months' first and last days: nothing
    (MONTHLY, [gathering("A1", "2026-10-31"), gathering("A2", "2026-11-01")], "2026-11-23", []),
    # another kind does not count
    (MONTHLY, [gathering("A1", "2026-10-15", "parents_meeting")], "2026-11-10",
     [("overdue", "gathering", "2026-10-31", 0, 1), ("pending", "gathering", "2026-11-30", 0, 1)]),
    # September (the first term's first month): its previous month (August) is before the start
    (MONTHLY, [], "2026-09-20", [("due_soon", "gathering", "2026-09-30", 0, 1)]),
    # before the earliest term: not yet begun, nothing owed
    (MONTHLY, [], "2026-08-20", []),
    # times 2 a term: one held is short; between terms no current term, the last one overdue
    ([{"id": "meeting", "name": "家长会", "activities": ["家长会"], "per": "term", "times": 2}],
     [gathering("A1", "2026-11-20", "parents_meeting")], "2027-02-01", [("overdue", "meeting", "2027-01-20", 1, 2)]),
    ([{"id": "meeting", "name": "家长会", "activities": ["parents_meeting"], "per": "term", "times": 2}],
     [gathering("A1", "2026-11-20", "parents_meeting"), gathering("A2", "2027-01-20", "parents_meeting")],
     "2027-02-01", []),
    # per year, two a year, the previous year owed at its last day only once the programme began
    ([{"id": "festival", "name": "节日活动", "activities": ["festival", "home_activity"], "per": "year", "times": 2}],
     [gathering("A1", "2026-12-31", "festival")], "2027-01-05",
     [("overdue", "festival", "2026-12-31", 1, 2), ("pending", "festival", "2027-12-31", 0, 2)]),
    # an activity after T does not count on T
    ([{"id": "festival", "name": "节日活动", "activities": ["festival"], "per": "year"}],
     [gathering("A1", "2026-12-31", "festival")], "2026-12-20", [("due_soon", "festival", "2026-12-31", 0, 1)]),
])
def test_programme_duty_shapes(duties: list[dict[str, Any]], acts: list[Activity], today: str,
                               expected: list[tuple[str, ...]]) -> None:
    assert program_rows(duties, acts, D(today)) == expected


def test_programme_duty_items_have_child_and_pairing_null_in_json(runner: CliRunner, tmp_path: Path) -> None:
    root = _programme(tmp_path, "program_duties: [class-gathering-monthly]\n")
    result = runner.invoke(app, ["due", "--records", str(root), "--today", "2026-11-23", "--json"])
    items = [i for i in json.loads(result.stdout)["items"] if i["duty"] == "monthly_gathering"]
    assert items == [
        {"status": "overdue", "child": None, "pairing": None, "duty": "monthly_gathering", "due": "2026-10-31",
         "rule_name": "每月召开一次留守儿童会", "helpers": [], "done": 0, "needed": 1},
        {"status": "due_soon", "child": None, "pairing": None, "duty": "monthly_gathering", "due": "2026-11-30",
         "rule_name": "每月召开一次留守儿童会", "helpers": [], "done": 0, "needed": 1},
    ]
    table = runner.invoke(app, ["due", "--records", str(root), "--today", "2026-11-23"]).stdout
    heading = table.index("项目负责人王老师")
    assert table.index("每月召开一次留守儿童会", heading) > heading and "（本项目）" in table


def test_programme_obligations_at_period_ends() -> None:
    """A report's span counts every period ending in it: a quarter holds three months."""
    recs = records(program(program_duties=MONTHLY), acts=[gathering("A1", "2026-11-05"), gathering("A2", "2026-11-09")])
    found = program_obligations(recs, D("2026-10-01"), D("2026-12-31"))
    assert [(o.period, o.due.isoformat(), o.done, o.met, o.met_on) for o in found] == [
        ("2026-10", "2026-10-31", 0, False, None), ("2026-11", "2026-11-30", 2, True, D("2026-11-05")),
        ("2026-12", "2026-12-31", 0, False, None)]
    # a span ending before the first term began owes nothing; one ending mid-month not that month
    assert program_obligations(recs, D("2026-07-01"), D("2026-08-31")) == []
    assert [o.period for o in program_obligations(recs, D("2026-11-01"), D("2026-11-29"))] == []


def test_presets_mix_with_rules_and_ids_stay_unique() -> None:
    prog = program(program_duties=["kindergarten-term-activities", *MONTHLY])
    recs = records(prog)
    duties = {i.duty for i in compute_due(recs, D("2026-12-20")).items if i.child is None}
    assert duties == {"birthday_party", "parents_meeting", "gathering"}


# --- the seeds' programme calendars, quoted verbatim ------------------------------------------

SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():
    SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TRAD = "兒會關學習們讓園這個體溫開長節間組織動隊區務員辦級舉"
SIMP = "儿会关学习们让园这个体温开长节间组织动队区务员办级举"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed plans not available")
@pytest.mark.parametrize("name", sorted(PROGRAM_PRESETS))
def test_programme_preset_quotes_are_verbatim(name: str) -> None:
    preset = PROGRAM_PRESETS[name]
    for seed in preset.seeds:
        text = (SEEDS / seed).read_text(encoding="utf-8").translate(str.maketrans(TRAD, SIMP))
        text = text.translate(str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}))
        for fragment in preset.fragments:
            assert fragment in text, (name, fragment)
    assert preset.rules and all(rule.activities and rule.per in ("term", "month", "year") for rule in preset.rules)


# --- through the CLI, on real files -----------------------------------------------------------

PROGRAM = """\
program: 测试项目
organization: 测试小学德育处
coordinator: 王老师
terms:
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
duties: teacher-talk-monthly
"""


def _programme(tmp_path: Path, extra: str = "") -> Path:
    root = tmp_path / "records"
    write(root, "liushou.yaml", PROGRAM + extra)
    for cid, name, klass, village in (("C001", "张小明", "四(2)班", "三村"), ("C002", "李小红", "四(2)班", "五村"),
                                      ("C003", "王小刚", "三(1)班", "三村")):
        write(root, f"children/{cid}.yaml", f"id: {cid}\nname: {name}\nclass: {klass}\nvillage: {village}\n"
                                            "enrolled: 2026-09-01\n")
    write(root, "helpers/H001.yaml", "id: H001\nname: 严万莲\n")
    write(root, "helpers/H002.yaml", "id: H002\nname: 李老师\n")
    write(root, "pairings/P001.yaml", "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n")
    write(root, "pairings/P002.yaml", "id: P002\nchild: C001\nhelpers: [H002]\nstart: 2026-09-05\n")
    write(root, "pairings/P003.yaml", "id: P003\nchild: C002\nhelpers: [H001]\nstart: 2026-09-05\n")
    write(root, "materials/家长会.jpg", "jpg")
    return root


def run(runner: CliRunner, root: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--records", str(root), "--today", "2026-11-23"])


def test_activity_command_writes_the_record(runner: CliRunner, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    result = run(runner, root, "activity", "--date", "10月20日", "--kind", "家长会", "--name", "留守儿童家长会",
                 "--class", "四(2)班", "--helpers", "李老师", "--counts-as", "谈心、与监护人沟通",
                 "--summary", "家庭教育宣传", "--material", str(root / "materials" / "家长会.jpg"))
    assert result.exit_code == 0, result.output
    assert "A20261020" in result.stdout
    text = (root / "activities" / "A20261020.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1:] == [
        "id: A20261020", "date: 2026-10-20", "kind: parents_meeting", "name: 留守儿童家长会",
        "children: [C001, C002]", "helpers: [H002]", "counts_as: [talk, guardian_contact]", "summary: 家庭教育宣传",
        "materials: [materials/家长会.jpg]"]
    loaded = load(root, cache=False)
    assert not loaded.errors and set(loaded.activities) == {"A20261020"}
    assert run(runner, root, "check").exit_code == 0
    due = json.loads(run(runner, root, "due", "--json").stdout)["items"]
    assert not [i for i in due if i["due"] == "2026-10-31"]  # October's talk met for P001, P002, P003
    # the same day again: a suffix; children by name, and by village
    again = run(runner, root, "activity", "--date", "2026/10/20", "--kind", "two-letter", "--name", "x")
    assert again.exit_code == 2 and "活动类型" in again.stderr
    second = run(runner, root, "activity", "--date", "2026-10-20", "--kind", "两地书亲子情", "--name", "给父母写信",
                 "--children", "张小明，C003")
    assert second.exit_code == 0, second.output
    assert "children: [C001, C003]" in (root / "activities" / "A20261020-2.yaml").read_text(encoding="utf-8")
    third = run(runner, root, "activity", "--date", "2026-10-21", "--kind", "gathering", "--name", "村里",
                "--village", "三村", "--dry-run")
    assert third.exit_code == 0 and "+children: [C001, C003]" in third.stdout
    assert not (root / "activities" / "A20261021.yaml").exists()


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--material", "/etc/hostname"], 2, "不在记录文件夹内"),
    (["--material", "materials/没有.jpg"], 2, "找不到材料文件"),
    (["--class", "四(2)班", "--all"], 2, "只能用一个"),
    (["--class", "九(9)班"], 2, "没有在册的儿童"),
    (["--children", "C404"], 1, "C404"),
    (["--date", "2026-12-01"], 1, "晚于今天"),
])
def test_activity_command_refuses_and_writes_nothing(runner: CliRunner, tmp_path: Path, args: list[str], code: int,
                                                     words: str) -> None:
    root = _programme(tmp_path)
    result = run(runner, root, "activity", "--kind", "家长会", "--name", "家长会", *args)
    assert result.exit_code == code, result.output
    assert words in result.output
    assert not (root / "activities").exists() or not list((root / "activities").iterdir())


def test_table_activities_reads_back(runner: CliRunner, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    root = _programme(tmp_path)
    write(root, "activities/A1.yaml", "id: A1\ndate: 2026-10-20\nkind: 家长会\nname: 留守儿童家长会\n"
                                      "children: [C001, C002]\nhelpers: [H002]\ncounts_as: [guardian_contact]\n"
                                      "summary: =1+1\nmaterials: [materials/家长会.jpg]\n")
    write(root, "activities/A2.yaml", "id: A2\ndate: 2026-08-20\nkind: birthday_party\nname: 暑期生日会\n")
    csv_text = run(runner, root, "table", "activities").stdout
    assert csv_text.splitlines()[0] == "序号,日期,活动类型,活动名称,参加儿童,帮扶人,算作联系,活动内容,照片/材料"
    assert "2,2026-10-20,家长会,留守儿童家长会,2 人：张小明、李小红,李老师,与监护人沟通,'=1+1,materials/家长会.jpg" in csv_text
    out = tmp_path / "活动.xlsx"
    result = run(runner, root, "table", "集体活动", "--term", "2026-autumn", "-o", str(out))
    assert result.exit_code == 0, result.output
    cells = [[c.value for c in row] for row in load_workbook(out).active.iter_rows()]
    # a count as a number and a date as an Excel date (ready to sort and print)
    assert any(row[:4] == [1, datetime(2026, 10, 20), "家长会", "留守儿童家长会"] for row in cells)
    assert not any("暑期生日会" in (str(v) for v in row) for row in cells)  # August: before the term
    docx = tmp_path / "活动.docx"
    assert run(runner, root, "table", "activities", "--quarter", "2026Q4", "-o", str(docx)).exit_code == 0
    texts = [cell.text for table in Document(str(docx)).tables for row in table.rows for cell in row.cells]
    assert "2 人：张小明、李小红" in texts and "暑期生日会" not in texts


def test_explain_a_programme_duty_and_an_activity_reason(runner: CliRunner, tmp_path: Path) -> None:
    root = _programme(tmp_path, "program_duties: [class-gathering-monthly]\n")
    write(root, "activities/A1.yaml", "id: A1\ndate: 2026-10-15\nkind: 留守儿童会\nname: 十月留守儿童会\n")
    write(root, "activities/A2.yaml", "id: A2\ndate: 2026-11-20\nkind: 家长会\nname: 家长会\n"
                                      "children: [C001]\ncounts_as: [talk]\n")
    out = run(runner, root, "explain", "monthly_gathering").stdout
    assert "项目职责 monthly_gathering" in out
    assert "✓ 2026-10-15 集体活动 留守儿童会“十月留守儿童会”（A1，activities/A1.yaml）" in out
    assert "✗ 2026-11-20 集体活动 家长会“家长会”（A2，activities/A2.yaml）：类型不在本职责算数的类型内" in out
    assert re.search(r"结论：即将到期，到期日 2026-11-30", out)
    data = json.loads(run(runner, root, "explain", "monthly_gathering", "--json").stdout)
    (rule,) = data["rules"]
    assert rule["child"] is None and rule["pairing"] is None and rule["item"]["child"] is None
    assert rule["checks"][0]["contacts"][0]["activity"] == "A1"
    child = run(runner, root, "explain", "张小明").stdout
    assert "✓ 2026-11-20 集体活动 家长会“家长会”（A2，activities/A2.yaml），算作谈心" in child
    unknown = run(runner, root, "explain", "monthly_gatherin")
    assert unknown.exit_code == 2 and "monthly_gathering" in unknown.stderr


def test_remind_gives_the_coordinator_the_programme_list(runner: CliRunner, tmp_path: Path) -> None:
    root = _programme(tmp_path, "program_duties: [class-gathering-monthly]\n")
    out = run(runner, root, "remind").stdout
    assert "项目负责人王老师：项目自己的职责" in out
    assert "1. 每月召开一次留守儿童会，应在10月31日前完成（逾期 23 天），已开展 0 次，需要 1 次" in out
    only = run(runner, root, "remind", "--helper", "H001").stdout
    assert "项目自己的职责" not in only
    folder = tmp_path / "提醒"
    assert run(runner, root, "remind", "-o", str(folder)).exit_code == 0
    assert "每月召开一次留守儿童会" in (folder / "_coordinator.txt").read_text(encoding="utf-8")


def test_the_report_counts_programme_duties_and_activities_held(runner: CliRunner, tmp_path: Path) -> None:
    root = _programme(tmp_path, "program_duties: [class-gathering-monthly]\n")
    write(root, "activities/A1.yaml", "id: A1\ndate: 2026-10-15\nkind: gathering\nname: 十月留守儿童会\n"
                                      "children: [C001, C002]\n")
    write(root, "activities/A2.yaml", "id: A2\ndate: 2026-11-20\nkind: parents_meeting\nname: 家长会\n"
                                      "children: [C001, C003]\n")
    data = json.loads(run(runner, root, "report", "--quarter", "2026Q4", "--format", "json", "-o", "-").stdout)
    assert data["activities"]["total"] == 2 and data["activities"]["children_reached"] == 3
    assert data["activities"]["by_kind"][:2] == [{"code": "parents_meeting", "count": 1},
                                                  {"code": "gathering", "count": 1}]
    duties = data["program_duties"]
    assert (duties["due"], duties["met"]) == (1, 1)  # October met; November, December not yet ended on T
    markdown = run(runner, root, "report", "--quarter", "2026Q4", "--format", "md", "-o", "-").stdout
    assert "开展集体活动 2 次，参加儿童 3 人" in markdown and "| 每月召开一次留守儿童会 | 2026-10 | 1 | 1 | 已完成 |" in markdown


def test_activities_load_through_the_cache_and_the_snapshot(tmp_path: Path) -> None:
    root = _programme(tmp_path)
    write(root, "activities/A1.yaml", "id: A1\ndate: 2026/10/20\nkind: 家长会\nname: 家长会\ncounts_as: [谈心]\n")
    cold = load(root)
    warm = load(root)  # from the snapshot
    assert cold.activities == warm.activities and warm.activities["A1"].kind == "parents_meeting"
    assert warm.activities["A1"].counts_as == ["talk"] and warm.exists("activities", "A1")
    write(root, "activities/A1.yaml", "id: A1\ndate: 2026-10-21\nkind: gathering\nname: 留守儿童会\n")
    changed = load(root)
    assert changed.activities["A1"].date == D("2026-10-21") and changed.activities == load(root, cache=False).activities
    write(root, "activities/A2.yaml", "id: A1\ndate: 2026-10-21\nkind: gathering\nname: 留守儿童会\n")
    codes = {(p.code, p.path) for p in load(root, cache=False).problems}
    assert ("id-mismatch", "activities/A2.yaml") in codes and ("duplicate-id", "activities/A2.yaml") in codes


def test_the_commented_example_of_init_is_valid_once_uncommented(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert runner.invoke(app, ["init", str(target), "--no-git", "--program", "测试"]).exit_code == 0
    lines = (target / "liushou.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index("# program_duties:")
    lines[start:start + 6] = [line[2:] for line in lines[start:start + 6]]
    (target / "liushou.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = load(target, cache=False).program
    assert program is not None
    assert program.program_duties[0] == "class-gathering-monthly"
    assert runner.invoke(app, ["check", "--records", str(target)]).exit_code == 0
