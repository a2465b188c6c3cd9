"""``liushou explain`` and ``liushou remind`` end to end on real record folders."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from liushou_cli.cli.app import app
from liushou_cli.templates_path import builtin, find

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
  - {date: 2026-11-02, type: unsupervised}
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
    return make_records({
        "liushou.yaml": PROGRAM,
        "children/C001.yaml": CHILD_1,
        "children/C002.yaml": "id: C002\nname: 李小红\nclass: 三(1)班\nenrolled: 2026-09-01\n",
        "helpers/H002.yaml": "id: H002\nname: 刘芳\nphone: \"13500000005\"\n",
        "helpers/H003.yaml": "id: H003\nname: 赵敏\n",
        "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H001, H002]\nstart: 2026-09-05\n"
                              "duties: hubei-double-visit\n",
        "contacts/2026-09.csv": None,
        "contacts/2026.csv": CONTACTS,
    })


def run(runner: CliRunner, root: Path, *args: str) -> Result:
    return runner.invoke(app, [args[0], "--records", str(root), "--today", TODAY, *args[1:]])


# --- explain -----------------------------------------------------------------------------------


def test_explain_pairing_shows_periods_contacts_and_why(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "explain", "P001")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("结对 P001：张小明（C001）四(2)班，帮扶人 严万莲（H001）；截至 2026-11-23")
    # the monthly contact is met in November by the home visit, which is listed
    contact = out[out.index("【每月联系一次以上】"):out.index("【指导孩子")]
    assert "周期 2026-11，2026-11-01 至 2026-11-30：需要 1 次，算数的有 1 次。" in contact
    assert "✓ 2026-11-05 走访/家访，严万莲（H001）" in contact
    assert "结论：目前没有到期事项。" in contact
    # "but I did visit": the visit is shown, and why it does not count for this duty
    teacher = out[out.index("【每月与班主任联系一次】"):out.index("【陪过一次生日】")]
    assert "✗ 2026-11-05 走访/家访，严万莲（H001）：类型不在本职责算数的类型内" in teacher
    assert "已逾期：还差 1 次未完成。" in teacher
    assert "结论：已逾期，到期日 2026-10-31（逾期 23 天）。" in teacher
    birthday = out[out.index("【陪过一次生日】"):]
    assert "2026-12-01 生日前后，2026-11-17 至 2026-12-15" in birthday


def test_explain_child_includes_risk_assessment(runner: CliRunner, programme: Path) -> None:
    out = run(runner, programme, "explain", "C001").stdout
    assert out.startswith("儿童 张小明（C001）四(2)班；截至 2026-11-23")
    assert "【风险评估】（risk_assessment）每年 3、9 月及纳入当月须做风险评估" in out
    assert "✓ 2026-09-15 风险评估：中风险" in out
    assert "（contact，结对 P001）" in out


def test_explain_unmet_risk_assessment(runner: CliRunner, programme: Path) -> None:
    out = run(runner, programme, "explain", "C002").stdout
    risk = out[out.index("【风险评估】"):]
    assert "结论：已逾期，到期日 2026-09-30（逾期 54 天）。" in risk


def test_explain_term_names_and_inactive_periods(runner: CliRunner, programme: Path) -> None:
    out = run(runner, programme, "explain", "P002").stdout
    assert "周期 2026年春季学期（2026-spring），2026-02-20 至 2026-07-10：" in out
    assert "该周期最后一天结对不在进行中" in out
    assert "✓ 2026-10-10 谈心，刘芳（H002）" in out


def test_explain_between_terms(runner: CliRunner, programme: Path) -> None:
    result = runner.invoke(app, ["explain", "--records", str(programme), "--today", "2027-02-10", "P002"])
    assert "假期" in result.stdout


def test_explain_unknown_id_suggests(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "explain", "P0001")
    assert result.exit_code == 2
    assert "找不到结对、儿童或项目职责 P0001（是否应为 P001？）" in result.stderr
    assert "Traceback" not in result.output


def test_explain_helper_id_lists_pairings(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "explain", "H001")
    assert result.exit_code == 2
    assert "H001 是帮扶人编号" in result.stderr
    assert "P001、P002" in result.stderr


def test_explain_json(runner: CliRunner, programme: Path) -> None:
    data = json.loads(run(runner, programme, "explain", "P001", "--json").stdout)
    assert set(data) == {"as_of", "id", "rules"}
    teacher = next(r for r in data["rules"] if r["duty"] == "teacher_contact")
    assert teacher["item"]["status"] == "overdue"
    assert [c["label"] for c in teacher["checks"]] == ["2026-10", "2026-11"]
    contact = next(r for r in data["rules"] if r["duty"] == "contact")
    assert contact["checks"][-1]["contacts"][0]["date"] == "2026-11-05"
    assert contact["checks"][-1]["contacts"][0]["line"] == 3


def test_explain_english(runner: CliRunner, programme: Path) -> None:
    out = run(runner, programme, "explain", "P001", "--lang", "en").stdout
    assert out.startswith("Pairing P001: 张小明 (C001) 四(2)班, helper 严万莲 (H001); as of 2026-11-23")
    assert "Result: overdue, due 2026-10-31 (23 days overdue)." in out
    assert "its kinds are not among this duty's kinds" in out


def test_explain_unreadable_exits_two(runner: CliRunner, programme: Path) -> None:
    (programme / "helpers" / "H003.yaml").write_text("id: H003\n", encoding="utf-8")
    result = run(runner, programme, "explain", "P001")
    assert result.exit_code == 2
    assert "helpers/H003.yaml" in result.stderr
    assert "结论" in result.stdout


# --- remind ------------------------------------------------------------------------------------


def test_remind_one_message_per_helper(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "remind")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "======== 严万莲（H001）电话 13600000004 ========" in out
    message = out.split("======== 严万莲（H001）电话 13600000004 ========\n")[1].split("========")[0]
    assert message.startswith("严万莲您好！")
    assert "截至11月23日" in message
    assert "1. 张小明（四(2)班）：指导孩子给父母写信或通话，应在10月31日前完成（逾期 23 天）" in message
    assert "张小明（四(2)班）：陪过一次生日，请在12月1日前完成（还有 8 天）" in message
    assert message.rstrip().endswith("王老师")
    # H003 has no pairing: no message
    assert "赵敏" not in out


def test_remind_alerts_go_to_the_coordinator_only(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "remind")
    assert "脱离监护单独居住" not in result.stdout
    assert "脱离监护单独居住" in result.stderr
    assert "立即向公安机关和当地乡镇人民政府报告" in result.stderr


def test_remind_many_to_one_reaches_every_helper(runner: CliRunner, programme: Path) -> None:
    # P002 (H001 + H002) owes its monthly contact for October: both helpers are told
    out = run(runner, programme, "remind", "--helper", "H002").stdout
    assert "刘芳您好！" in out
    assert "李小红" in out
    assert "张小明" not in out


def test_remind_helper_with_nothing(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "remind", "--helper", "H003")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "H003 没有逾期或即将到期的事项" in result.stderr


def test_remind_unknown_helper(runner: CliRunner, programme: Path) -> None:
    result = run(runner, programme, "remind", "--helper", "H0001")
    assert result.exit_code == 2
    assert "找不到帮扶人 H0001" in result.stderr


def test_remind_writes_one_file_per_helper_id(runner: CliRunner, programme: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "reminders"
    result = run(runner, programme, "remind", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["H001.txt", "H002.txt"]
    text = (target / "H001.txt").read_text(encoding="utf-8")
    assert text.startswith("严万莲您好！")
    assert text in run(runner, programme, "remind").stdout
    assert result.stdout == ""


def test_remind_output_not_writable(runner: CliRunner, programme: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run(runner, programme, "remind", "-o", str(blocker / "sub"))
    assert result.exit_code == 2
    assert "无法写入" in result.stderr
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_remind_programme_template(runner: CliRunner, programme: Path) -> None:
    own = programme / "templates" / "remind.txt.j2"
    own.parent.mkdir()
    own.write_text("{{ helper.name }}老师：{% for i in items %}{{ i.child }}-{{ i.duty_id }};{% endfor %}"
                   "\n——{{ program.organization }}\n", encoding="utf-8")
    out = run(runner, programme, "remind", "--helper", "H001").stdout
    assert "严万莲老师：张小明-parent_link;张小明-teacher_contact;" in out
    assert "——水湖镇中心小学德育处" in out


@pytest.mark.parametrize(
    ("source", "needle"),
    [
        ("{{ helper.nmae }}", "nmae"),
        ("{% for i in items %}", "remind.txt.j2"),
        ("{{ ''.__class__.__mro__ }}", "remind.txt.j2"),
        ("{{ helper.__init__.__globals__ }}", "remind.txt.j2"),
    ],
)
def test_remind_bad_or_unsafe_template(runner: CliRunner, programme: Path, source: str, needle: str) -> None:
    own = programme / "templates" / "remind.txt.j2"
    own.parent.mkdir()
    own.write_text(source, encoding="utf-8")
    result = run(runner, programme, "remind")
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "提醒模板" in result.stderr
    assert "Traceback" not in result.output
    assert "object" not in result.stdout


def test_remind_template_with_full_width_punctuation_is_named(runner: CliRunner, programme: Path) -> None:
    """The lint of report templates holds for reminders too: the tag, its line, and the
    character to type instead (before, Jinja's own "unexpected char" message)."""
    own = programme / "templates" / "remind.txt.j2"
    own.parent.mkdir()
    own.write_text("{{ helper.name }}老师：\n{{ helper.name（） }}\n", encoding="utf-8")
    result = run(runner, programme, "remind")
    assert result.exit_code == 2
    assert "提醒模板" in result.stderr and "remind.txt.j2" in result.stderr
    assert "第 2 行" in result.stderr and "全角符号“（”" in result.stderr
    assert "半角的“(”" in result.stderr  # the hint: what to type instead


def test_remind_english(runner: CliRunner, programme: Path) -> None:
    out = run(runner, programme, "remind", "--helper", "H001", "--lang", "en").stdout
    assert "Dear 严万莲," in out
    assert "due 31 Oct (23 days overdue)" in out
    assert out.rstrip().endswith("王老师")


def test_remind_nothing_due(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    result = run(runner, make_records(), "remind")
    assert result.exit_code == 0
    assert "没有需要提醒帮扶人" in result.stderr


def test_builtin_templates_are_found(tmp_path: Path) -> None:
    path = builtin("remind.txt.j2")
    assert path is not None and path.is_file()
    assert find("remind.txt.j2", tmp_path) == (path, False)
    own = tmp_path / "templates" / "remind.txt.j2"
    own.parent.mkdir()
    own.write_text("x", encoding="utf-8")
    assert find("remind.txt.j2", tmp_path) == (own, True)
    assert find("no-such.j2", tmp_path) is None


def test_explain_rolling_rule_and_future_contacts(runner: CliRunner, programme: Path) -> None:
    (programme / "pairings" / "P001.yaml").write_text(
        "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nduties: kindergarten-biweekly\n",
        encoding="utf-8")
    with (programme / "contacts" / "2026.csv").open("a", encoding="utf-8") as log:
        log.write("2026-11-01,P001,talk,H001,,,\n2026-11-25,P001,talk,H001,,,\n")
    out = run(runner, programme, "explain", "P001").stdout
    rolling = out[out.index("【每两周谈心一次】"):out.index("【每月与家长或监护人通话】")]
    assert "两次联系最多相隔 14 天" in rolling
    assert "从 2026-11-01（上次算数的联系，或结对开始）算起，到 2026-11-15 为止" in rolling
    assert "✓ 2026-11-01 谈心，严万莲（H001）" in rolling
    assert "结论：已逾期，到期日 2026-11-15（逾期 8 天）。" in rolling
    monthly = out[out.index("【每月与家长或监护人通话】"):]
    assert "✗ 2026-11-25 谈心，严万莲（H001）：日期在 2026-11-23 之后，不计入" in monthly
