"""控辍保学: the contract's "Absences and dropout" rules, boundary by boundary, on hand-made
records with hand-computed answers (RECORDS.md 1.1), and the properties that must hold
for any absence (hypothesis).

Defaults (000 方案11): an item from the day d > 2 (``from + 2``), a ``dropout`` alert at
two failed persuasions; ``one-week`` (004): from ``from + 7``, alert at one.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liushou_cli.duties import absences as rules
from liushou_cli.duties.engine import compute_due, explain_absences
from liushou_cli.model import Child, Helper, Program
from liushou_cli.present import jsonout
from liushou_cli.present.due import json_payload
from liushou_cli.records.load import Records
from test_engine import TERMS, D, records

FROM = "2026-11-16"  # a Monday


def prog(**extra: Any) -> Program:
    return Program.model_validate({"program": "测试项目", "terms": TERMS, "duties": [], **extra})


def kid(*absences: dict[str, Any], cid: str = "C001", **extra: Any) -> Child:
    return Child.model_validate({"id": cid, "name": "张小明", "enrolled": "2026-09-01",
                                 "risk_assessments": [{"date": "2026-09-15", "level": "low"}],
                                 "absences": list(absences), **extra})


def failed(day: str) -> dict[str, str]:
    return {"date": day, "by": "李老师", "result": "failed"}


def returned(day: str) -> dict[str, str]:
    return {"date": day, "by": "李老师", "result": "returned"}


def outcome(recs: Records, today: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(status, due, helpers) of each ``persuade`` item, (type, date) of each absence alert."""
    result = compute_due(recs, D(today))
    items = [(i.status, i.due.isoformat(), ",".join(i.helpers)) for i in result.items if i.duty == "persuade"]
    alerts = [(a.type, a.date.isoformat()) for a in result.alerts if a.source == "absence"]
    return items, alerts


def on(today: str, *absences: dict[str, Any], **program: Any) -> tuple[list[Any], list[Any]]:
    return outcome(records(prog(**program), [kid(*absences)]), today)


NONE: tuple[list[Any], list[Any]] = ([], [])


@pytest.mark.parametrize(("today", "absence", "expected"), [
    # d = 1, 2: nothing yet (无故旷课两天以上 is more than two days)
    ("2026-11-16", {"from": FROM}, NONE),
    ("2026-11-17", {"from": FROM}, NONE),
    # d = 3 is the day the threshold is crossed: due that day (from + 2), due soon
    ("2026-11-18", {"from": FROM}, ([("due_soon", "2026-11-18", "")], [])),
    # the day after: overdue
    ("2026-11-19", {"from": FROM}, ([("overdue", "2026-11-18", "")], [])),
    # before it began: nothing
    ("2026-11-15", {"from": FROM}, NONE),
    # excused (有故): never anything, whatever d
    ("2026-11-30", {"from": FROM, "excused": "有故"}, NONE),
    ("2026-11-30", {"from": FROM, "excused": True, "whereabouts_known": False}, NONE),
    # closed by ``to``: open through its last day, closed the day after
    ("2026-11-18", {"from": FROM, "to": "2026-11-18"}, ([("due_soon", "2026-11-18", "")], [])),
    ("2026-11-19", {"from": FROM, "to": "2026-11-18"}, NONE),
    # closed by a returned persuasion dated on or before the day
    ("2026-11-20", {"from": FROM, "persuasions": [returned("2026-11-20")]}, NONE),
    ("2026-11-19", {"from": FROM, "persuasions": [returned("2026-11-20")]}, ([("overdue", "2026-11-18", "")], [])),
    # one failed persuasion: still the item; the second: the dropout alert, no item
    ("2026-11-20", {"from": FROM, "persuasions": [failed("2026-11-18")]}, ([("overdue", "2026-11-18", "")], [])),
    ("2026-11-20", {"from": FROM, "persuasions": [failed("2026-11-18"), failed("2026-11-19")]},
     ([], [("dropout", FROM)])),
    # two failed even before d > 2 (a quick escalation): the alert, whatever d
    ("2026-11-17", {"from": FROM, "persuasions": [failed("2026-11-16"), failed("2026-11-17")]},
     ([], [("dropout", FROM)])),
    # a persuasion dated after the day does not count yet
    ("2026-11-19", {"from": FROM, "persuasions": [failed("2026-11-18"), failed("2026-11-20")]},
     ([("overdue", "2026-11-18", "")], [])),
    # reported: no alert; with enough failed persuasions, no item either
    ("2026-11-25", {"from": FROM, "persuasions": [failed("2026-11-18"), failed("2026-11-19")],
                    "reported": {"date": "2026-11-20", "to": "镇人民政府"}}, NONE),
    # a report dated after the day does not count yet
    ("2026-11-19", {"from": FROM, "persuasions": [failed("2026-11-18"), failed("2026-11-19")],
                    "reported": {"date": "2026-11-20", "to": "镇人民政府"}}, ([], [("dropout", FROM)])),
    # whereabouts unknown: the alert at once (d = 1), and no persuade item beside it
    ("2026-11-16", {"from": FROM, "whereabouts_known": "否"}, ([], [("missing_absent", FROM)])),
    ("2026-11-25", {"from": FROM, "whereabouts_known": False}, ([], [("missing_absent", FROM)])),
    # ... both alerts when persuasions failed too
    ("2026-11-25", {"from": FROM, "whereabouts_known": False, "persuasions": [failed("2026-11-18"), failed("2026-11-19")]},
     ([], [("missing_absent", FROM), ("dropout", FROM)])),
    # ... reported: no alert; the persuade item then stands (d > 2, fewer than two failed)
    ("2026-11-25", {"from": FROM, "whereabouts_known": False, "reported": {"date": "2026-11-16", "to": "派出所"}},
     ([("overdue", "2026-11-18", "")], [])),
    # ... a report after the day does not count
    ("2026-11-16", {"from": FROM, "whereabouts_known": False, "reported": {"date": "2026-11-17", "to": "派出所"}},
     ([], [("missing_absent", FROM)])),
    # a returned persuasion is not a failed one, and closes the absence from its day on
    ("2026-11-19", {"from": FROM, "persuasions": [failed("2026-11-18"), returned("2026-11-19")]}, NONE),
])
def test_the_contract_rule(today: str, absence: dict[str, Any], expected: tuple[list[Any], list[Any]]) -> None:
    assert on(today, absence) == expected


@pytest.mark.parametrize(("today", "persuasions", "expected"), [
    # 004: 超过一个星期 → from + 7; one failed persuasion (劝返无效) → the alert
    ("2026-11-22", [], NONE),
    ("2026-11-23", [], ([("due_soon", "2026-11-23", "")], [])),
    ("2026-11-24", [], ([("overdue", "2026-11-23", "")], [])),
    ("2026-11-24", [failed("2026-11-24")], ([], [("dropout", FROM)])),
])
def test_the_one_week_preset(today: str, persuasions: list[dict[str, str]],
                             expected: tuple[list[Any], list[Any]]) -> None:
    assert on(today, {"from": FROM, "persuasions": persuasions}, dropout="one-week") == expected


def test_the_programmes_own_numbers() -> None:
    setting = {"persuade_after_days": 0, "report_after_failed": 3}
    absence = {"from": FROM, "persuasions": [failed("2026-11-16"), failed("2026-11-17")]}
    assert on("2026-11-16", {"from": FROM}, dropout=setting) == ([("due_soon", FROM, "")], [])
    assert on("2026-11-17", absence, dropout=setting) == ([("overdue", FROM, "")], [])


def test_only_children_active_on_the_day() -> None:
    gone = kid({"from": FROM, "whereabouts_known": False}, left={"date": "2026-11-20", "reason": "transferred"})
    recs = records(prog(), [gone])
    assert outcome(recs, "2026-11-19") == ([], [("missing_absent", FROM)])
    assert outcome(recs, "2026-11-20") == NONE


def test_the_item_is_the_class_teachers_when_a_helper_is_the_class_teacher() -> None:
    teacher = {"class_teacher": {"name": "李老师", "phone": "13800000001"}}
    helpers = {h.id: h for h in (Helper(id="H001", name="李老师", role="teacher"),
                                 Helper(id="H002", name="严万莲", role="aixin_mama"))}
    recs = records(prog(), [kid({"from": FROM}, **teacher), kid({"from": FROM}, cid="C002")])
    recs.helpers = helpers
    result = compute_due(recs, D("2026-11-20"))
    assert [(i.child, i.helpers) for i in result.items if i.duty == "persuade"] == [("C001", ("H001",)), ("C002", ())]
    # a name two helpers share is nobody's: the coordinator's, unless only one is a teacher
    helpers["H003"] = Helper(id="H003", name="李老师", role="volunteer")
    assert [i.helpers for i in compute_due(recs, D("2026-11-20")).items if i.child == "C001"
            and i.duty == "persuade"] == [("H001",)]
    helpers["H003"] = Helper(id="H003", name="李老师", role="teacher")
    assert [i.helpers for i in compute_due(recs, D("2026-11-20")).items if i.child == "C001"
            and i.duty == "persuade"] == [()]


def test_json_is_the_contracts_shape() -> None:
    recs = records(prog(), [kid({"from": FROM, "persuasions": [failed("2026-11-17")]},
                                {"from": "2026-11-02", "to": "2026-11-03"}),
                            kid({"from": "2026-11-20", "whereabouts_known": False}, cid="C002")])
    result = compute_due(recs, D("2026-11-23"))
    data = json.loads(jsonout.dumps(json_payload(result.as_of, result.items, result.alerts)))
    persuade = [i for i in data["items"] if i["duty"] == "persuade"]
    assert persuade == [{"status": "overdue", "child": "C001", "pairing": None, "duty": "persuade",
                         "due": "2026-11-18", "rule_name": "", "helpers": [], "done": 1, "needed": 2}]
    assert data["alerts"] == [{"child": "C002", "type": "missing_absent", "date": "2026-11-20"}]


def test_explain_says_why() -> None:
    child = kid({"from": "2026-11-02", "to": "2026-11-03"},
                {"from": FROM, "persuasions": [failed("2026-11-18"), returned("2026-11-25"), failed("2026-11-30")],
                 "reported": {"date": "2026-11-24", "to": "镇人民政府"}},
                {"from": "2026-11-26", "excused": True})
    checks = explain_absences(records(prog(), [child]), D("2026-11-23"), "C001")
    assert [(c.number, c.state, c.days) for c in checks] == [(0, "closed_by_to", 22), (1, "open", 8), (2, "not_begun", 0)]
    second = checks[1]
    assert [(p.number, p.counted, p.why) for p in second.persuasions] == [
        (0, True, None), (1, False, "after_today"), (2, False, "after_today")]
    assert (second.failed, second.reported, second.report_after_day) == (1, False, True)
    assert second.item is not None and second.item.due == D("2026-11-18") and second.alerts == ()
    later = explain_absences(records(prog(), [child]), D("2026-11-25"), "C001")[1]
    assert later.state == "returned"
    assert [p.why for p in later.persuasions] == [None, "returned", "after_today"]


# --- properties -------------------------------------------------------------------------------

days = st.dates(date(2026, 9, 1), date(2027, 1, 31))


@st.composite
def absence(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(days)
    shape: dict[str, Any] = {"from": start.isoformat(),
                             "whereabouts_known": draw(st.booleans()),
                             "excused": draw(st.booleans()),
                             "persuasions": [{"date": d.isoformat(), "result": r} for d, r in draw(st.lists(
                                 st.tuples(days.filter(lambda d: d >= start), st.sampled_from(["failed", "returned"])),
                                 max_size=3))]}
    if draw(st.booleans()):
        shape["to"] = draw(days.filter(lambda d: d >= start)).isoformat()
    if draw(st.booleans()):
        shape["reported"] = {"date": draw(days.filter(lambda d: d >= start)).isoformat(), "to": "镇人民政府"}
    return shape


SETTINGS = st.sampled_from(["two-days", "one-week", {"persuade_after_days": 0, "report_after_failed": 1}])
PROPS = settings(deadline=None, max_examples=200)


def _state(shape: dict[str, Any], today: date, setting: Any) -> tuple[set[str], int]:
    result = compute_due(records(prog(dropout=setting), [kid(shape)]), today)
    return {a.type for a in result.alerts}, sum(1 for i in result.items if i.duty == "persuade")


@PROPS
@given(shape=absence(), today=days, setting=SETTINGS, day=days, to=st.just("镇人民政府"))
def test_a_report_never_adds_an_alert(shape: dict[str, Any], today: date, setting: Any, day: date, to: str) -> None:
    """Nor an item, except that a reported missing child who is still away is then owed
    a persuasion (the contract's "otherwise")."""
    before = _state(shape, today, setting)
    if "reported" not in shape:
        after = _state({**shape, "reported": {"date": max(day, D(shape["from"])).isoformat(), "to": to}}, today, setting)
        assert after[0] <= before[0]
        if after[1] > before[1]:
            assert "missing_absent" in before[0] - after[0]


@PROPS
@given(shape=absence(), today=days, setting=SETTINGS, day=days, result=st.sampled_from(["failed", "returned"]))
def test_a_persuasion_never_adds_a_missing_alert_nor_an_item(shape: dict[str, Any], today: date, setting: Any,
                                                             day: date, result: str) -> None:
    """A returned persuasion adds nothing at all; a failed one may bring the ``dropout``
    alert (the contract's escalation: 劝返未果 is what is reported), and nothing else."""
    before = _state(shape, today, setting)
    more = {**shape, "persuasions": [*shape["persuasions"], {"date": max(day, D(shape["from"])).isoformat(),
                                                             "result": result}]}
    after = _state(more, today, setting)
    assert after[1] <= before[1]
    if result == "returned":
        assert after[0] <= before[0]
    else:
        assert after[0] - before[0] <= {"dropout"}


@PROPS
@given(shape=absence(), today=days, setting=SETTINGS)
def test_closing_an_absence_removes_its_items_and_alerts(shape: dict[str, Any], today: date, setting: Any) -> None:
    closed_to = {**shape, "to": (today - timedelta(days=1)).isoformat()}
    if D(closed_to["to"]) >= D(shape["from"]):
        assert _state(closed_to, today, setting) == (set(), 0)
    back = {**shape, "persuasions": [*shape["persuasions"], {"date": today.isoformat(), "result": "returned"}]}
    if today >= D(shape["from"]):
        assert _state(back, today, setting) == (set(), 0)


@PROPS
@given(shape=absence(), today=days, setting=SETTINGS)
def test_items_and_alerts_follow_the_definition(shape: dict[str, Any], today: date, setting: Any) -> None:
    """Anything at all only for an absence open on the day; the item's due day is fixed."""
    child = kid(shape)
    alerts, items = _state(shape, today, setting)
    if not rules.is_open(child.absences[0], today):
        assert (alerts, items) == (set(), 0)
    for item in compute_due(records(prog(dropout=setting), [child]), today).items:
        if item.duty == "persuade":
            assert item.due >= child.absences[0].from_ and item.status in ("overdue", "due_soon")
            assert (item.status == "overdue") == (today > item.due)
