"""The duty engine, rule shape by rule shape, on hand-made records with hand-computed answers.

Records are built in memory with the pydantic models, as ``load`` would give them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from liushou_cli.cli.due_common import visible_items
from liushou_cli.duties.engine import compute_due, explain, obligations, rules_for
from liushou_cli.model import Child, Contact, Pairing, Program
from liushou_cli.present import jsonout
from liushou_cli.present.due import alert_json, json_payload
from liushou_cli.records.load import Records

D = date.fromisoformat
TODAY = D("2026-11-23")
TERMS = [
    {"id": "2026-autumn", "start": "2026-09-01", "end": "2027-01-20"},
    {"id": "2026-spring", "start": "2026-02-20", "end": "2026-07-10"},  # out of order on purpose
    {"id": "2027-spring", "start": "2027-02-20", "end": "2027-07-10"},
]


def program(duties: Any = "five-ones-term", **extra: Any) -> Program:
    return Program.model_validate({"program": "测试项目", "terms": TERMS, "duties": duties, **extra})


def child(cid: str = "C001", enrolled: str = "2026-09-01", **extra: Any) -> Child:
    data = {"id": cid, "name": "张小明", "enrolled": enrolled,
            "risk_assessments": [{"date": "2026-09-15", "level": "low"}], **extra}
    return Child.model_validate(data)


def pairing(pid: str = "P001", cid: str = "C001", start: str = "2026-09-05", **extra: Any) -> Pairing:
    return Pairing.model_validate({"id": pid, "child": cid, "helpers": ["H001"], "start": start, **extra})


def contact(day: str, kinds: str = "talk", pid: str = "P001") -> Contact:
    return Contact(D(day), pid, tuple(kinds.split(";")))


def records(prog: Program, children: Iterable[Child] = (), pairings: Iterable[Pairing] = (),
            contacts: Iterable[Contact] = ()) -> Records:
    return Records(root=Path("."), program=prog, children={c.id: c for c in children},
                   pairings={p.id: p for p in pairings}, contacts=list(contacts))


def rows(recs: Records, today: date = TODAY, *, risk: bool = False) -> list[tuple[str, str | None, str, str]]:
    """(status, pairing, duty, due) of every item, in the engine's order."""
    return [(i.status, i.pairing, i.duty, i.due.isoformat()) for i in compute_due(recs, today).items
            if risk or i.duty != "risk_assessment"]


def one(duties: Any, contacts: Iterable[Contact] = (), today: date = TODAY, *,
        c: Child | None = None, p: Pairing | None = None, **prog: Any) -> list[tuple[str, str | None, str, str]]:
    return rows(records(program(duties, **prog), [c or child()], [p or pairing()], contacts), today)


# --- per month -------------------------------------------------------------------------------

MONTHLY = "teacher-talk-monthly"


@pytest.mark.parametrize(("contacts", "today", "expected"), [
    # nothing at all: October overdue (active on 31 Oct), November ends in 7 days: due soon
    ([], "2026-11-23", [("overdue", "P001", "talk", "2026-10-31"), ("due_soon", "P001", "talk", "2026-11-30")]),
    # 20 days before the month's end: pending
    ([], "2026-11-10", [("overdue", "P001", "talk", "2026-10-31"), ("pending", "P001", "talk", "2026-11-30")]),
    # exactly due_soon_days (14) before the end is due soon
    ([], "2026-11-16", [("overdue", "P001", "talk", "2026-10-31"), ("due_soon", "P001", "talk", "2026-11-30")]),
    ([], "2026-11-15", [("overdue", "P001", "talk", "2026-10-31"), ("pending", "P001", "talk", "2026-11-30")]),
    # both months met (first and last day of a month count)
    (["2026-10-01", "2026-11-23"], "2026-11-23", []),
    (["2026-10-31"], "2026-11-23", [("due_soon", "P001", "talk", "2026-11-30")]),
    # a contact after T does not count yet
    (["2026-10-05", "2026-11-24"], "2026-11-23", [("due_soon", "P001", "talk", "2026-11-30")]),
])
def test_per_month(contacts: list[str], today: str, expected: list[tuple[str, ...]]) -> None:
    assert one(MONTHLY, [contact(d) for d in contacts], D(today)) == expected


def test_per_month_counts_only_the_rules_kinds_and_its_own_pairing() -> None:
    log = [contact("2026-11-02", "call"), contact("2026-11-03", "talk", pid="P002"),
           contact("2026-10-09", "home_visit;talk")]
    assert one(MONTHLY, log) == [("due_soon", "P001", "talk", "2026-11-30")]


def test_times_counts_contacts() -> None:
    result = compute_due(records(program("teacher-talk-twice-monthly"), [child()], [pairing()],
                                 [contact("2026-10-02"), contact("2026-10-20"), contact("2026-11-05")]), TODAY)
    [item] = [i for i in result.items if i.duty == "talk"]
    assert (item.status, item.done, item.needed, item.period_start, item.period_end) == (
        "due_soon", 1, 2, D("2026-11-01"), D("2026-11-30"))


def test_pairing_started_mid_month_owes_that_month_not_the_one_before() -> None:
    p = pairing(start="2026-11-20")
    assert one(MONTHLY, p=p) == [("due_soon", "P001", "talk", "2026-11-30")]
    # ... and on 1 December November is overdue: it was active on 30 November
    assert one(MONTHLY, p=p, today=D("2026-12-01")) == [
        ("overdue", "P001", "talk", "2026-11-30"), ("pending", "P001", "talk", "2026-12-31")]


def test_previous_period_needs_the_pairing_active_on_its_last_day() -> None:
    # the child enrolled on 1 Nov: not active on 31 Oct, so October is not owed
    assert one(MONTHLY, c=child(enrolled="2026-11-01")) == [("due_soon", "P001", "talk", "2026-11-30")]


@pytest.mark.parametrize(("duties", "expected"), [
    # 5 January: December is the previous month, 2026 the previous year
    (MONTHLY, [("overdue", "P001", "talk", "2026-12-31"), ("pending", "P001", "talk", "2027-01-31")]),
    ([{"id": "visit", "name": "每年看望一次", "kinds": ["home_visit", "meeting"], "per": "year"}],
     [("overdue", "P001", "visit", "2026-12-31"), ("pending", "P001", "visit", "2027-12-31")]),
])
def test_year_end(duties: Any, expected: list[tuple[str, ...]]) -> None:
    assert one(duties, [contact("2026-11-02", "talk")], D("2027-01-05")) == expected


def test_per_year_met_by_a_contact_late_in_december() -> None:
    duties = [{"id": "visit", "name": "每年看望一次", "kinds": ["meeting"], "per": "year"}]
    assert one(duties, [contact("2026-12-31", "meeting")], D("2027-01-05")) == [
        ("pending", "P001", "visit", "2027-12-31")]


# --- per term ---------------------------------------------------------------------------------

FIVE = ["home_visit", "talk", "teacher_contact", "guardian_contact", "letter"]


def five(status: str, due: str, but: Iterable[str] = ()) -> list[tuple[str, str | None, str, str]]:
    return [(status, "P001", duty, due) for duty in sorted(set(FIVE) - set(but))]


AUTUMN_MET = ["home_visit", "talk", "guardian_contact"]  # one visit was a guardian contact too


@pytest.mark.parametrize(("today", "expected"), [
    # in the autumn term, 58 days before its end; spring 2026 ended before the pairing began
    ("2026-11-23", five("pending", "2027-01-20", but=AUTUMN_MET)),
    ("2027-01-06", five("due_soon", "2027-01-20", but=AUTUMN_MET)),
    ("2027-01-20", five("due_soon", "2027-01-20", but=AUTUMN_MET)),  # last day: still current
    # between terms: no current term; the last term that ended is overdue
    ("2027-02-01", five("overdue", "2027-01-20", but=AUTUMN_MET)),
    # in the next term: autumn overdue, spring 2027 pending (140 days to go)
    ("2027-02-20", five("overdue", "2027-01-20", but=AUTUMN_MET) + five("pending", "2027-07-10")),
])
def test_per_term(today: str, expected: list[tuple[str, ...]]) -> None:
    log = [contact("2026-09-20", "home_visit;guardian_contact"), contact("2026-10-08", "talk"),
           contact("2026-08-30", "letter")]  # before the term: does not count
    assert one("five-ones-term", log, D(today)) == expected


def test_no_terms_means_no_term_items() -> None:
    prog = Program.model_validate({"program": "x", "duties": "five-ones-term"})
    assert rows(records(prog, [child()], [pairing()])) == []


# --- within_days ------------------------------------------------------------------------------

BIWEEKLY = [{"id": "talk", "name": "每两周谈心一次", "kinds": ["talk"], "within_days": 14}]


@pytest.mark.parametrize(("contacts", "soon", "expected"), [
    ([], 14, [("overdue", "P001", "talk", "2026-09-19")]),  # from the pairing's start
    (["2026-11-01"], 14, [("overdue", "P001", "talk", "2026-11-15")]),
    (["2026-11-01", "2026-11-15"], 14, [("due_soon", "P001", "talk", "2026-11-29")]),
    (["2026-11-15"], 3, [("pending", "P001", "talk", "2026-11-29")]),
    (["2026-11-09"], 14, [("due_soon", "P001", "talk", "2026-11-23")]),  # due today: not yet overdue
    (["2026-09-01"], 14, [("overdue", "P001", "talk", "2026-09-19")]),  # before the start: the start counts
    (["2026-11-20", "2026-11-30"], 14, [("due_soon", "P001", "talk", "2026-12-04")]),  # after T: ignored
])
def test_within_days(contacts: list[str], soon: int, expected: list[tuple[str, ...]]) -> None:
    assert one(BIWEEKLY, [contact(d) for d in contacts], due_soon_days=soon) == expected


def test_within_days_item_shape() -> None:
    [item] = compute_due(records(program(BIWEEKLY), [child()], [pairing()],
                                 [contact("2026-11-15"), contact("2026-11-01")]), TODAY).items[:1]
    assert (item.period_start, item.period_end, item.done, item.needed) == (None, None, 1, 1)


# --- birthday ---------------------------------------------------------------------------------

BIRTHDAY = [{"id": "birthday", "name": "陪过生日", "kinds": ["birthday"], "per": "birthday"}]


@pytest.mark.parametrize(("birth", "contacts", "today", "expected"), [
    # the last birthday 13 days ago counts; unmet: overdue
    ("2016-11-10", [], "2026-11-23", [("overdue", "P001", "birthday", "2026-11-10")]),
    ("2016-11-10", ["2026-11-20"], "2026-11-23", []),  # within 14 days after it
    ("2016-11-10", ["2026-10-27"], "2026-11-23", []),  # exactly 14 days before it
    ("2016-11-10", ["2026-10-26"], "2026-11-23", [("overdue", "P001", "birthday", "2026-11-10")]),
    ("2016-11-10", ["2026-11-24"], "2026-11-23", [("overdue", "P001", "birthday", "2026-11-10")]),
    # 30 days ago still counts, 31 days ago no longer: then the next one
    ("2016-10-24", [], "2026-11-23", [("overdue", "P001", "birthday", "2026-10-24")]),
    ("2016-10-23", [], "2026-11-23", [("pending", "P001", "birthday", "2027-10-23")]),
    ("2016-12-01", [], "2026-11-23", [("due_soon", "P001", "birthday", "2026-12-01")]),
    ("2016-11-23", [], "2026-11-23", [("due_soon", "P001", "birthday", "2026-11-23")]),  # today
    ("2016-12-31", [], "2026-11-23", [("pending", "P001", "birthday", "2026-12-31")]),
    # 29 February: 28 February in other years, 29 February in leap years
    ("2016-02-29", [], "2027-02-20", [("due_soon", "P001", "birthday", "2027-02-28")]),
    ("2016-02-29", [], "2028-02-20", [("due_soon", "P001", "birthday", "2028-02-29")]),
    ("2016-02-29", ["2027-03-10"], "2027-03-12", []),
    ("2016-02-29", ["2027-03-15"], "2027-03-16", [("overdue", "P001", "birthday", "2027-02-28")]),
])
def test_birthday(birth: str, contacts: list[str], today: str, expected: list[tuple[str, ...]]) -> None:
    c = child(birth_date=birth, enrolled="2026-01-01")
    p = pairing(start="2026-01-05")
    assert one(BIRTHDAY, [contact(d, "birthday") for d in contacts], D(today), c=c, p=p) == expected


def test_no_birth_date_no_item() -> None:
    assert one(BIRTHDAY) == []


def test_birthday_before_the_pairing_began_does_not_count() -> None:
    c = child(birth_date="2016-11-10")
    assert one(BIRTHDAY, c=c, p=pairing(start="2026-11-15")) == [("pending", "P001", "birthday", "2027-11-10")]


# --- risk assessment --------------------------------------------------------------------------

def risk(c: Child, today: str = "2026-11-23", **prog: Any) -> list[tuple[str, str]]:
    recs = records(program([], **prog), [c])
    return [(i.status, i.due.isoformat()) for i in compute_due(recs, D(today)).items]


@pytest.mark.parametrize(("enrolled", "assessed", "today", "expected"), [
    ("2026-09-01", [], "2026-11-23", [("overdue", "2026-09-30"), ("pending", "2027-03-31")]),
    ("2026-09-01", ["2026-10-05"], "2026-11-23", [("pending", "2027-03-31")]),  # late still meets it
    ("2026-09-01", ["2026-11-24"], "2026-11-23", [("overdue", "2026-09-30"), ("pending", "2027-03-31")]),
    ("2026-10-10", [], "2026-11-23", [("overdue", "2026-10-31"), ("pending", "2027-03-31")]),  # enrolment month
    ("2026-11-20", [], "2026-11-23", [("due_soon", "2026-11-30")]),
    # assessed in August, before September began: September is still owed
    ("2026-08-15", ["2026-08-20"], "2026-11-23", [("overdue", "2026-09-30"), ("pending", "2027-03-31")]),
    ("2026-09-01", ["2026-10-01"], "2027-03-17", [("due_soon", "2027-03-31")]),
    ("2026-09-01", ["2026-10-01"], "2027-03-16", [("pending", "2027-03-31")]),
    ("2026-09-01", ["2026-10-01", "2027-03-02"], "2027-03-20", []),  # the next owed month is met
    ("2026-09-01", ["2026-10-01"], "2027-04-01", [("overdue", "2027-03-31"), ("pending", "2027-09-30")]),
])
def test_risk_assessment(enrolled: str, assessed: list[str], today: str, expected: list[tuple[str, str]]) -> None:
    c = child(enrolled=enrolled, risk_assessments=[{"date": d, "level": "low"} for d in assessed])
    assert risk(c, today) == expected


def test_risk_assessment_months_setting_and_item_shape() -> None:
    c = child(risk_assessments=[])
    assert risk(c, risk_assessment_months=[12]) == [("overdue", "2026-09-30"), ("pending", "2026-12-31")]
    item = compute_due(records(program([]), [c]), TODAY).items[0]
    assert (item.pairing, item.duty, item.rule_name, item.helpers) == (None, "risk_assessment", "", ())


# --- alerts, activity, order, JSON ------------------------------------------------------------

def test_alerts() -> None:
    concerns = [
        {"date": "2026-11-02", "type": "unsupervised"},
        {"date": "2026-10-01", "type": "missing", "reported": {"date": "2026-10-01", "to": "镇派出所"}},
        {"date": "2025-01-01", "type": "other"},  # whatever its age
        {"date": "2026-11-20", "type": "suspected_harm", "reported": {"date": "2026-11-25", "to": "镇派出所"}},
        {"date": "2026-11-25", "type": "missing"},  # after T: not known yet
    ]
    gone = child("C002", concerns=[{"date": "2026-11-02", "type": "other"}], left={"date": "2026-11-01"})
    result = compute_due(records(program([]), [child(concerns=concerns), gone]), TODAY)
    assert [(a.type, a.date.isoformat(), a.index) for a in result.alerts] == [
        ("other", "2025-01-01", 2), ("unsupervised", "2026-11-02", 0), ("suspected_harm", "2026-11-20", 3)]
    assert alert_json(result.alerts[0]) == {"child": "C001", "type": "other", "date": "2025-01-01"}


@pytest.mark.parametrize(("c", "p", "listed"), [
    (child(), pairing(end="2026-11-22"), False),  # ended yesterday
    (child(), pairing(end="2026-11-23"), True),  # ends today: still active
    (child(), pairing(start="2026-11-24"), False),
    (child(left={"date": "2026-11-23"}), pairing(), False),  # left today: inactive
    (child(left={"date": "2026-11-24"}), pairing(), True),
    (child(enrolled="2026-11-24"), pairing(), False),
])
def test_only_active_pairings_and_children(c: Child, p: Pairing, listed: bool) -> None:
    result = compute_due(records(program(MONTHLY), [c], [p]), TODAY)
    assert bool([i for i in result.items if i.pairing]) == listed
    assert bool(result.items) == c.active_on(TODAY)  # the child's risk assessment


def test_pairing_of_unknown_child_is_skipped() -> None:
    assert rows(records(program(MONTHLY), [], [pairing()]), risk=True) == []


def test_order_and_json_shape() -> None:
    recs = records(program(MONTHLY), [child("C002", risk_assessments=[]), child("C001")],
                   [pairing("P002", "C002"), pairing("P001", "C001")])
    result = compute_due(recs, TODAY)
    assert [(i.status, i.child, i.duty, i.due.isoformat()) for i in result.items] == [
        ("overdue", "C002", "risk_assessment", "2026-09-30"),
        ("overdue", "C001", "talk", "2026-10-31"),
        ("overdue", "C002", "talk", "2026-10-31"),
        ("due_soon", "C001", "talk", "2026-11-30"),
        ("due_soon", "C002", "talk", "2026-11-30"),
        ("pending", "C001", "risk_assessment", "2027-03-31"),
        ("pending", "C002", "risk_assessment", "2027-03-31"),
    ]
    data = json.loads(jsonout.dumps(json_payload(result.as_of, visible_items(result.items, None, False), [])))
    assert list(data) == ["as_of", "items", "alerts"] and data["as_of"] == "2026-11-23"
    assert len(data["items"]) == 5
    assert data["items"][1] == {"status": "overdue", "child": "C001", "pairing": "P001", "duty": "talk",
                                "due": "2026-10-31", "rule_name": "每月谈心一次", "helpers": ["H001"],
                                "done": 0, "needed": 1}
    assert data["items"][0]["pairing"] is None


def test_no_programme_nothing_due() -> None:
    assert compute_due(Records(root=Path(".")), TODAY).items == []


# --- rules_for --------------------------------------------------------------------------------

def test_rules_for() -> None:
    prog = program("five-ones-term")
    assert [r.id for r in rules_for(prog, pairing())] == FIVE
    assert [r.id for r in rules_for(prog, pairing(duties="teacher-talk-monthly"))] == ["talk"]
    assert [r.id for r in rules_for(prog, pairing(duties=BIWEEKLY))] == ["talk"]
    assert list(rules_for(prog, pairing(duties="no-such-preset"))) == []
    assert [r.id for r in rules_for(program(BIRTHDAY), pairing())] == ["birthday"]


# --- explain ----------------------------------------------------------------------------------

def test_explain_pairing() -> None:
    recs = records(program(MONTHLY), [child()], [pairing()], [contact("2026-10-05"), contact("2026-10-06")])
    [rule] = explain(recs, TODAY, "P001")
    assert rule.duty == "talk" and rule.rule is not None and rule.pairing == "P001"
    assert [(c.label, c.reason, c.met, c.status, len(c.contacts)) for c in rule.checks] == [
        ("2026-10", "met", True, None, 2), ("2026-11", "short", False, "due_soon", 0)]
    assert rule.item is not None and rule.item.due == D("2026-11-30")


def test_explain_child_between_terms_and_risk() -> None:
    recs = records(program("teacher-term-visit"), [child()], [pairing(), pairing("P009", end="2026-10-01")])
    out = explain(recs, D("2027-02-01"), "C001")
    assert [(e.pairing, e.duty) for e in out] == [
        ("P001", "home_visit"), ("P001", "assistance"), ("P001", "info_check"), (None, "risk_assessment")]
    assert [c.reason for c in out[0].checks] == ["short", "between_terms"]
    assert out[0].item is not None and out[0].item.status == "overdue"
    risk_checks = out[-1].checks
    assert [(c.label, c.met, c.assessed) for c in risk_checks] == [
        ("2026-09", True, (D("2026-09-15"),)), ("2027-03", False, ())]


def test_explain_inactive_and_unknown() -> None:
    recs = records(program(MONTHLY), [child()], [pairing(end="2026-10-01")])
    [rule] = explain(recs, TODAY, "P001")
    assert rule.item is None and [c.reason for c in rule.checks] == ["not_active"]
    with pytest.raises(KeyError):
        explain(recs, TODAY, "X404")


def test_explain_previous_period_when_not_active_at_its_end() -> None:
    recs = records(program(MONTHLY), [child()], [pairing(start="2026-11-05")])
    [rule] = explain(recs, TODAY, "P001")
    assert [c.reason for c in rule.checks] == ["not_active_at_end", "short"]


def not_counted(recs: Records, today: date = TODAY) -> list[list[tuple[str, str]]]:
    """Per check of the pairing's one rule: (date, why) of each contact that did not count."""
    [rule] = explain(recs, today, "P001")
    return [[(k.contact.date.isoformat(), k.why) for k in c.not_counted] for c in rule.checks]


WINDOW = [{"id": "gap", "name": "两周谈心", "kinds": ["talk"], "within_days": 14}]
TERMLY = [{"id": "talk", "name": "谈心一次", "kinds": ["talk"], "per": "term"}]


@pytest.mark.parametrize(("duties", "p", "contacts", "today", "expected"), [
    # a visit is not a talk; a talk after the day is not known yet; both counted ones are not listed
    (MONTHLY, pairing(), [contact("2026-11-02", "home_visit"), contact("2026-11-03"), contact("2026-11-30")],
     TODAY, [[], [("2026-11-02", "kind"), ("2026-11-30", "after_today")]]),
    # October was not owed (the pairing began in November): its talk is listed with why
    (MONTHLY, pairing(start="2026-11-05"), [contact("2026-10-10")], TODAY, [[("2026-10-10", "not_owed")], []]),
    # two talks one day: the gap runs from the last; the other is named
    (WINDOW, pairing(), [contact("2026-11-20"), contact("2026-11-20")], TODAY, [[("2026-11-20", "same_day")]]),
    # between terms there is no current term: a talk on the day has no period to count in
    (TERMLY, pairing(), [contact("2027-02-01")], D("2027-02-01"),
     [[], [("2027-02-01", "no_period")]]),
    # an ended pairing: nothing is computed, and the day's contact says so
    (MONTHLY, pairing(end="2026-10-01"), [contact("2026-11-23")], TODAY, [[("2026-11-23", "no_period")]]),
])
def test_explain_says_why_each_contact_did_not_count(duties: Any, p: Pairing, contacts: list[Contact],
                                                     today: date, expected: list[list[tuple[str, str]]]) -> None:
    assert not_counted(records(program(duties), [child()], [p], contacts), today) == expected


def test_explain_names_the_frame_and_period_of_each_check() -> None:
    recs = records(program("aixin-mama-monthly"), [child(birth_date="2016-12-01")], [pairing()])
    frames = {e.duty: [(c.frame, c.period, c.label) for c in e.checks] for e in explain(recs, TODAY, "P001")}
    assert frames["birthday"] == [("birthday", "2026-12-01", "2026-12-01 birthday")]
    assert frames["contact"] == [("month", "2026-10", "2026-10"), ("month", "2026-11", "2026-11")]
    term = explain(records(program(TERMLY), [child()], [pairing()]), TODAY, "P001")[0].checks
    assert [(c.frame, c.period, c.reason) for c in term] == [
        ("term", "2026-spring", "not_active_at_end"), ("term", "2026-autumn", "short")]
    gap = explain(records(program(WINDOW), [child()], [pairing()]), TODAY, "P001")[0].checks
    assert [(c.frame, c.label, c.start) for c in gap] == [("window", "window", D("2026-09-05"))]


# --- obligations ------------------------------------------------------------------------------

def obs(recs: Records, start: str, end: str) -> list[tuple[str | None, str, str, bool, str | None]]:
    return [(o.pairing, o.duty, o.due.isoformat(), o.met, o.met_on.isoformat() if o.met_on else None)
            for o in obligations(recs, D(start), D(end))]


def test_obligations_per_month_and_risk() -> None:
    recs = records(program("teacher-talk-twice-monthly"), [child()], [pairing()],
                   [contact("2026-10-03"), contact("2026-10-20"), contact("2026-11-02"), contact("2026-11-25")])
    assert obs(recs, "2026-09-01", "2026-11-30") == [
        (None, "risk_assessment", "2026-09-30", True, "2026-09-15"),
        ("P001", "talk", "2026-09-30", False, None),
        ("P001", "talk", "2026-10-31", True, "2026-10-20"),  # met by the second talk
        ("P001", "talk", "2026-11-30", True, "2026-11-25"),
    ]
    # a month ending after the range is not included; contacts after the end are ignored
    assert obs(recs, "2026-10-01", "2026-11-29") == [("P001", "talk", "2026-10-31", True, "2026-10-20")]


def test_obligations_terms() -> None:
    recs = records(program("teacher-term-visit"), [child()], [pairing()], [contact("2026-10-03", "home_visit")])
    assert obs(recs, "2027-01-01", "2027-07-31") == [
        ("P001", "assistance", "2027-01-20", False, None),
        ("P001", "home_visit", "2027-01-20", True, "2026-10-03"),
        ("P001", "info_check", "2027-01-20", False, None),
        (None, "risk_assessment", "2027-03-31", False, None),
        ("P001", "assistance", "2027-07-10", False, None),
        ("P001", "home_visit", "2027-07-10", False, None),
        ("P001", "info_check", "2027-07-10", False, None),
    ]


def test_obligations_within_days_one_per_gap() -> None:
    recs = records(program(BIWEEKLY), [child()], [pairing()], [contact("2026-09-10"), contact("2026-10-01")])
    assert obs(recs, "2026-09-01", "2026-10-31") == [
        ("P001", "talk", "2026-09-19", True, "2026-09-10"),
        ("P001", "talk", "2026-09-24", False, None),  # the next talk came on 1 October
        (None, "risk_assessment", "2026-09-30", True, "2026-09-15"),
        ("P001", "talk", "2026-10-15", False, None),
    ]


def test_obligations_birthday() -> None:
    c = child(birth_date="2016-10-01")
    recs = records(program(BIRTHDAY), [c], [pairing()], [contact("2026-10-12", "birthday")])
    assert obs(recs, "2026-10-01", "2026-12-31") == [("P001", "birthday", "2026-10-15", True, "2026-10-12")]
    assert obs(recs, "2026-10-01", "2026-10-14") == []  # the window had not closed yet
    late = records(program(BIRTHDAY), [c], [pairing(start="2026-10-02")])
    assert obs(late, "2026-10-01", "2026-12-31") == []  # the pairing began after the birthday


# --- from real files --------------------------------------------------------------------------

def test_from_loaded_files(make_records: Any) -> None:
    from liushou_cli.records.load import load

    root = make_records({
        "contacts/2026-10.csv": "\ufeffpairing,date,kinds\nP001,2026-10-08,letter\nP001,2026-10-09,talk\n",
        "children/C001.yaml": "id: C001\nname: 张小明\nenrolled: 2026-09-01\nconcerns:\n"
                              "  - {date: 2026-11-02, type: unsupervised}\n",
    })
    result = compute_due(load(root), D("2027-02-01"))
    assert [(i.status, i.duty, i.due.isoformat()) for i in result.items] == [
        ("overdue", "risk_assessment", "2026-09-30"), ("overdue", "teacher_contact", "2027-01-20"),
        ("pending", "risk_assessment", "2027-03-31")]
    assert [(a.child, a.type, a.date) for a in result.alerts] == [("C001", "unsupervised", date(2026, 11, 2))]
