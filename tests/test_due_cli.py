"""``liushou due`` end to end on real record folders, and its presenters."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner, Result

from liushou_cli.cli.app import app
from liushou_cli.duties.engine import Alert, Item, compute_due
from liushou_cli.present.due import VIEWS, alert_json, group_items
from liushou_cli.records.load import load

TODAY = "2026-11-23"

PROGRAM = """\
program: 水湖镇中心小学留守儿童一对一帮扶
organization: 水湖镇中心小学德育处
coordinator: 王老师
terms:
  - {id: 2026-spring, name: 2026年春季学期, start: 2026-02-20, end: 2026-07-10}
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
duties: aixin-mama-monthly
"""

CHILD_1 = """\
id: C001
name: 张小明
birth_date: 2016-12-01
class: 四(2)班
enrolled: 2026-09-01
risk_assessments:
  - {date: 2026-09-15, level: medium}
concerns:
  - {date: 2026-11-02, type: unsupervised, notes: 祖母住院，孩子独自在家}
"""

CHILD_2 = """\
id: C002
name: 李小红
class: 三(1)班
enrolled: 2026-09-01
"""

CONTACTS = """\
date,pairing,kinds,helper,channel,minutes,summary
2026-10-08,P001,call,H001,phone,20,电话
2026-11-05,P001,home_visit,H001,in_person,60,家访
2026-11-06,P001,festival,,,,
2026-10-10,P002,talk,H002,,,
"""


@pytest.fixture
def programme(make_records: Callable[..., Path]) -> Path:
    """Two children: C001 (one helper, monthly duties, an unreported concern) and
    C002 (two helpers 多对一, per-term duties, no risk assessment yet)."""
    return make_records({
        "liushou.yaml": PROGRAM,
        "children/C001.yaml": CHILD_1,
        "children/C002.yaml": CHILD_2,
        "helpers/H002.yaml": "id: H002\nname: 刘芳\nrole: volunteer\n",
        "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H001, H002]\nstart: 2026-09-05\n"
                              "duties: five-ones-term\n",
        "contacts/2026-09.csv": None,
        "contacts/2026.csv": CONTACTS,
    })


def due(runner: CliRunner, root: Path, *args: str) -> Result:
    return runner.invoke(app, ["due", "--records", str(root), "--today", TODAY, *args])


# --- exit codes -------------------------------------------------------------------------


def test_nothing_due_exits_zero(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    result = due(runner, make_records())
    assert result.exit_code == 0, result.output
    assert "没有逾期或即将到期的事项" in result.stdout


def test_overdue_exits_one(runner: CliRunner, programme: Path) -> None:
    result = due(runner, programme)
    assert result.exit_code == 1
    assert "逾期 23 天" in result.stdout


def test_alert_alone_exits_one(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    # the small programme owes nothing yet (per-term duties, term ends 2027-01-20)
    root = make_records({"children/C001.yaml": CHILD_1})
    result = due(runner, root, "--json")
    data = json.loads(result.stdout)
    assert data["items"] == []
    assert data["alerts"] == [{"child": "C001", "type": "unsupervised", "date": "2026-11-02"}]
    assert result.exit_code == 1


def test_unreadable_file_names_it_lists_the_rest_exits_two(runner: CliRunner, programme: Path) -> None:
    # no name: the record cannot be used, so C002 would silently vanish from the list
    (programme / "children" / "C002.yaml").write_text("id: C002\nenrolled: 2026-09-01\n", encoding="utf-8")
    result = due(runner, programme)
    assert result.exit_code == 2
    assert "children/C002.yaml" in result.stderr
    assert "liushou check" in result.stderr
    assert "张小明（C001）" in result.stdout  # the rest is still computed
    assert "李小红" not in result.stdout


def test_unreadable_with_json_still_prints_json(runner: CliRunner, programme: Path) -> None:
    (programme / "pairings" / "P002.yaml").write_bytes(b"\x00\x01binary")
    result = due(runner, programme, "--json")
    assert result.exit_code == 2
    assert "pairings/P002.yaml" in result.stderr
    assert json.loads(result.stdout)["as_of"] == TODAY


def test_unreadable_programme_file_exits_two(runner: CliRunner, programme: Path) -> None:
    (programme / "liushou.yaml").write_text("organization: 测试\n", encoding="utf-8")
    result = due(runner, programme)
    assert result.exit_code == 2
    assert "liushou.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_no_records_exits_two(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["due", "--records", str(tmp_path)])
    assert result.exit_code == 2
    assert "liushou.yaml" in result.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--json", "--csv"], "--json 和 --csv"),
        (["--by", "village"], "village"),
        (["--helper", "H0001"], "是否应为 H001"),
    ],
)
def test_usage_errors_exit_two(runner: CliRunner, programme: Path, args: list[str], needle: str) -> None:
    result = due(runner, programme, *args)
    assert result.exit_code == 2
    assert needle in result.stderr


def test_bad_today_exits_two(runner: CliRunner, programme: Path) -> None:
    result = runner.invoke(app, ["due", "--records", str(programme), "--today", "2026-13-01"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


# --- JSON: the contract's shape -----------------------------------------------------------


def test_json_is_the_contract_shape(runner: CliRunner, programme: Path) -> None:
    data = json.loads(due(runner, programme, "--json").stdout)
    assert set(data) == {"as_of", "items", "alerts"}
    assert data["as_of"] == TODAY
    core = [{k: i[k] for k in ("status", "child", "pairing", "duty", "due")} for i in data["items"]]
    assert core == [
        {"status": "overdue", "child": "C002", "pairing": None, "duty": "risk_assessment", "due": "2026-09-30"},
        {"status": "overdue", "child": "C001", "pairing": "P001", "duty": "parent_link", "due": "2026-10-31"},
        {"status": "overdue", "child": "C001", "pairing": "P001", "duty": "teacher_contact", "due": "2026-10-31"},
        {"status": "due_soon", "child": "C001", "pairing": "P001", "duty": "parent_link", "due": "2026-11-30"},
        {"status": "due_soon", "child": "C001", "pairing": "P001", "duty": "teacher_contact", "due": "2026-11-30"},
        {"status": "due_soon", "child": "C001", "pairing": "P001", "duty": "birthday", "due": "2026-12-01"},
    ]
    assert data["alerts"] == [{"child": "C001", "type": "unsupervised", "date": "2026-11-02"}]


def test_json_matches_the_engine(runner: CliRunner, programme: Path) -> None:
    result = compute_due(load(programme), date.fromisoformat(TODAY))
    fields = ("status", "child", "pairing", "duty", "due", "rule_name", "helpers", "done", "needed")
    items = [{f: getattr(i, f) for f in fields} | {"due": i.due.isoformat(), "helpers": list(i.helpers)}
             for i in result.items]
    expected = {"as_of": TODAY, "items": items, "alerts": [alert_json(a) for a in result.alerts]}
    assert json.loads(due(runner, programme, "--json", "--all").stdout) == expected


def test_pending_only_with_all(runner: CliRunner, programme: Path) -> None:
    plain = json.loads(due(runner, programme, "--json").stdout)
    full = json.loads(due(runner, programme, "--json", "--all").stdout)
    assert "pending" not in {i["status"] for i in plain["items"]}
    pending = [i for i in full["items"] if i["status"] == "pending"]
    assert {(i["pairing"], i["duty"]) for i in pending} >= {("P002", "home_visit"), ("P002", "letter")}
    assert "另有待完成" in due(runner, programme, "--all").stdout


def test_helper_filter(runner: CliRunner, programme: Path) -> None:
    data = json.loads(due(runner, programme, "--json", "--all", "--helper", "H002").stdout)
    assert data["items"] and all("H002" in i["helpers"] for i in data["items"])
    assert {i["pairing"] for i in data["items"]} == {"P002"}
    # alerts are the coordinator's and are never filtered away
    assert data["alerts"]


def test_records_from_environment(runner: CliRunner, programme: Path) -> None:
    result = runner.invoke(app, ["due", "--today", TODAY, "--json"], env={"LIUSHOU_RECORDS": str(programme)})
    assert json.loads(result.stdout)["as_of"] == TODAY


# --- CSV for Excel ---------------------------------------------------------------------------


def test_csv_has_bom_crlf_and_alerts_first(runner: CliRunner, programme: Path) -> None:
    result = due(runner, programme, "--csv")
    assert result.exit_code == 1
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["状态", "儿童编号", "儿童姓名"]
    assert rows[1][0] == "强制报告" and rows[1][1] == "C001"
    assert rows[1][-1] == "立即向公安机关和乡镇人民政府报告"
    assert [r[0] for r in rows[2:]] == ["已逾期"] * 3 + ["即将到期"] * 3
    assert len({len(r) for r in rows}) == 1


def test_csv_neutralises_formulas(runner: CliRunner, programme: Path) -> None:
    child = CHILD_2.replace("name: 李小红", 'name: "=HYPERLINK(\\"http://x\\")"').replace(
        "class: 三(1)班", 'class: "+1"')
    (programme / "children" / "C002.yaml").write_text(child, encoding="utf-8")
    raw = due(runner, programme, "--csv").stdout_bytes.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    row = next(r for r in rows if r[1] == "C002")
    assert row[2] == "'=HYPERLINK(\"http://x\")"
    assert row[3] == "'+1"


# --- the table ---------------------------------------------------------------------------------


def test_alerts_come_first_and_say_what_to_do(runner: CliRunner, programme: Path) -> None:
    out = due(runner, programme).stdout
    alert_at = out.index("强制报告")
    assert alert_at < out.index("帮扶人：")
    assert "张小明（C001）四(2)班：脱离监护单独居住，2026-11-02 发现，尚未报告" in out
    assert "立即向公安机关和当地乡镇人民政府报告" in out


def test_grouped_by_helper_by_default(runner: CliRunner, programme: Path) -> None:
    out = due(runner, programme, "--all").stdout
    assert "项目负责人王老师：儿童风险评估、档案核查、劝返复学、项目职责" in out
    assert "帮扶人：严万莲（H001）\n" in out
    # a pairing with two helpers is one group, counted once
    assert out.count("帮扶人：严万莲（H001）、刘芳（H002）") == 1
    # the most urgent group first: the overdue risk assessment (2026-09-30)
    assert out.index("项目负责人") < out.index("帮扶人：严万莲（H001）\n")
    row = next(line for line in out.splitlines() if "指导孩子给父母写信或通话" in line)
    assert row.split() == ["张小明（C001）", "四(2)班", "指导孩子给父母写信或通话", "2026-10-31", "逾期", "23", "天"]
    assert "截至 2026-11-23：逾期 3 项，即将到期 3 项，强制报告待报告 1 项。" in out


def test_grouped_by_child(runner: CliRunner, programme: Path) -> None:
    out = due(runner, programme, "--by", "child").stdout
    assert "儿童：张小明（C001）四(2)班" in out
    assert "儿童：李小红（C002）三(1)班" in out
    assert "帮扶人：" not in out


def test_grouped_by_duty(runner: CliRunner, programme: Path) -> None:
    out = due(runner, programme, "--by", "duty").stdout
    assert "职责：风险评估" in out
    assert out.count("职责：指导孩子给父母写信或通话") == 1
    assert "还有 8 天" in out


def test_piped_output_is_plain(runner: CliRunner, programme: Path) -> None:
    result = runner.invoke(app, ["due", "--records", str(programme), "--today", TODAY],
                           env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.output
    assert all(line == line.rstrip() for line in result.stdout.splitlines())
    assert "─" not in result.stdout and "│" not in result.stdout


def test_english(runner: CliRunner, programme: Path) -> None:
    out = due(runner, programme, "--lang", "en", "--by", "child").stdout
    assert "MANDATORY REPORT" in out
    assert "report" in out and "police" in out
    assert "Child: 张小明 (C001) 四(2)班" in out
    assert "23 days overdue" in out
    assert "As of 2026-11-23: 3 overdue, 3 due soon, 1 mandatory report(s) pending." in out


def _item(status: str, child: str, duty: str, due_day: str, helpers: tuple[str, ...],
          rule_name: str = "每月与班主任联系一次") -> Item:
    return Item(status=status, child=child, pairing="P001" if helpers else None, duty=duty,  # type: ignore[arg-type]
                due=date.fromisoformat(due_day), rule_name=rule_name, helpers=helpers, period_start=None,
                period_end=None, done=0, needed=1)


@pytest.mark.parametrize("terminal", [True, False])
@pytest.mark.parametrize("by", ["helper", "child", "duty"])
def test_fits_eighty_columns(programme: Path, terminal: bool, by: str) -> None:
    records = load(programme)
    long_name = "指导结对留守儿童每月给在外打工的父母写一封信或打一次电话"
    items = [
        _item("overdue", "C001", "parent_link", "2026-10-31", ("H001",), long_name),
        _item("due_soon", "C002", "letter", "2026-11-30", ("H001", "H002")),
        _item("pending", "C002", "risk_assessment", "2027-03-31", (), ""),
    ]
    alerts = [Alert("C001", "guardian_incapable", date(2026, 11, 2), 0)]
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=terminal, no_color=True)
    VIEWS["terminal" if terminal else "plain"](console, records, date(2026, 11, 23), items, alerts, by)  # type: ignore[arg-type]
    out = buffer.getvalue()
    assert max(cell_len(Text.from_ansi(line).plain) for line in out.splitlines()) <= 80
    assert "监护人丧失监护能力或不履行监护责任" in out.replace("\n", "").replace(" ", "").replace("│", "")


def test_group_items_keeps_urgency_order(programme: Path) -> None:
    records = load(programme)
    items = [
        _item("overdue", "C002", "letter", "2026-10-01", ("H002",)),
        _item("overdue", "C001", "talk", "2026-10-31", ("H001",)),
        _item("due_soon", "C002", "talk", "2026-11-30", ("H002",)),
    ]
    groups = group_items(records, items, "helper")
    assert [h for h, _ in groups] == ["帮扶人：刘芳（H002）", "帮扶人：严万莲（H001）"]
    assert [len(g) for _, g in groups] == [2, 1]


def test_output_file_for_csv_and_json(runner: CliRunner, programme: Path, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "due.csv"
    result = due(runner, programme, "--csv", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert target.read_bytes() == due(runner, programme, "--csv").stdout_bytes
    as_json = tmp_path / "exports" / "due.json"
    due(runner, programme, "--json", "-o", str(as_json))
    assert json.loads(as_json.read_text(encoding="utf-8"))["as_of"] == TODAY
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["due.csv", "due.json"]


def test_output_file_needs_a_format(runner: CliRunner, programme: Path, tmp_path: Path) -> None:
    result = due(runner, programme, "-o", str(tmp_path / "due.txt"))
    assert result.exit_code == 2
    assert "-o" in result.stderr
    assert not (tmp_path / "due.txt").exists()


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(min_value=-400, max_value=400))
def test_days_text_says_late_or_left(today: date, offset: int) -> None:
    from datetime import timedelta

    from liushou_cli.present.due_text import days_text

    due_day = today + timedelta(days=offset)
    status = "overdue" if offset < 0 else "due_soon"
    text = days_text(_item(status, "C001", "talk", due_day.isoformat(), ("H001",)), today)
    if offset == 0:
        assert text == "今天到期"
    elif offset < 0:
        assert text == f"逾期 {-offset} 天"
    else:
        assert text == f"还有 {offset} 天"


def test_reported_concern_is_no_longer_an_alert(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    reported = CHILD_1.replace("孩子独自在家}", "孩子独自在家, reported: {date: 2026-11-03, to: 镇派出所}}")
    assert reported != CHILD_1
    result = due(runner, make_records({"children/C001.yaml": reported}))
    assert result.exit_code == 0, result.output
    assert "强制报告待报告" not in result.stdout
    assert "!!!" not in result.stdout
