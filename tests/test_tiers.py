"""Risk-tiered duties (分类施策) and archive verification (动态排查) in the engine, rule by
rule and boundary by boundary, on hand-made records with hand-computed answers
(RECORDS.md 1.1, "Risk-tiered duties" and "Archive verification")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liushou_cli.duties.engine import compute_due, explain, obligations
from liushou_cli.duties.risk_tiers import level_on, runs
from liushou_cli.model import Child, Contact, Program
from test_engine import TERMS, D, contact, pairing, records

TODAY = D("2026-11-23")
WEEKLY = {"id": "weekly_contact", "name": "每周联系", "kinds": ["call", "meeting", "talk", "home_visit"],
          "within_days": 7}
MONTHLY_VISIT = {"id": "monthly_visit", "name": "每月走访", "kinds": ["home_visit"], "per": "month"}
Row = tuple[str, str | None, str, str]


def prog(risk_duties: Any = None, **extra: Any) -> Program:
    data: dict[str, Any] = {"program": "测试项目", "terms": TERMS, "duties": []}
    if risk_duties is not None:
        data["risk_duties"] = risk_duties
    return Program.model_validate({**data, **extra})


def kid(*assessed: str, enrolled: str = "2026-09-01", **extra: Any) -> Child:
    """A child with assessments written ``"2026-10-20 high"``, in the order given."""
    return Child.model_validate({"id": "C001", "name": "张小明", "enrolled": enrolled,
                                 "risk_assessments": [{"date": a.split()[0], "level": a.split()[1]} for a in assessed],
                                 **extra})


def due(p: Program, c: Child, contacts: list[Contact] = (), today: date = TODAY,  # type: ignore[assignment]
        pairings: Any = None) -> list[Row]:
    """(status, pairing, duty, due) of every item but risk assessments, in the engine's order."""
    recs = records(p, [c], pairings or [pairing()], contacts)
    return [(i.status, i.pairing, i.duty, i.due.isoformat()) for i in compute_due(recs, today).items
            if i.duty != "risk_assessment"]


# --- a child's level -------------------------------------------------------------------------


@pytest.mark.parametrize(("assessed", "day", "level"), [
    ([], "2026-11-23", None),
    (["2026-09-15 low"], "2026-09-14", None),  # before its first assessment: no level
    (["2026-09-15 low"], "2026-09-15", "low"),  # the assessment's own day counts
    (["2026-09-15 low", "2026-10-20 high"], "2026-11-23", "high"),  # the latest one
    (["2026-10-20 high", "2026-09-15 low"], "2026-11-23", "high"),  # written in any order
    (["2026-09-15 low", "2026-11-24 high"], "2026-11-23", "low"),  # one after the day does not count yet
    (["2026-11-01 high", "2026-11-01 low"], "2026-11-23", "low"),  # ties: the last one written
    (["2026-11-01 low", "2026-11-01 high"], "2026-11-23", "high"),
])
def test_level_on(assessed: list[str], day: str, level: str | None) -> None:
    assert level_on(kid(*assessed), D(day)) == level


def test_runs_start_at_the_earliest_of_each_unbroken_run() -> None:
    c = kid("2026-03-10 high", "2026-04-01 high", "2026-09-15 low", "2026-10-01 high", "2026-11-01 high")
    assert runs(c, TODAY) == ((D("2026-03-10"), "high"), (D("2026-09-15"), "low"), (D("2026-10-01"), "high"))


# --- within_days rules of a level ---------------------------------------------------------------

HIGH_WEEKLY = {"high": [WEEKLY]}


@pytest.mark.parametrize(("assessed", "contacts", "expected"), [
    # no level, or a level without rules: nothing
    ([], [], []),
    (["2026-09-15 low"], [], []),
    # high since 20 Oct, no contact since: due 27 Oct, overdue
    (["2026-09-15 low", "2026-10-20 high"], [], [("overdue", "P001", "weekly_contact", "2026-10-27")]),
    # a contact before the assessment that set the level does not start the gap
    (["2026-09-15 low", "2026-10-20 high"], ["2026-10-10"], [("overdue", "P001", "weekly_contact", "2026-10-27")]),
    # a contact since: due 7 days after it (due soon, within due_soon_days)
    (["2026-09-15 low", "2026-10-20 high"], ["2026-11-20"], [("due_soon", "P001", "weekly_contact", "2026-11-27")]),
    # the level changed by a later assessment: the high rules no longer apply
    (["2026-09-15 high", "2026-11-01 low"], [], []),
    # an assessment after the day does not count yet
    (["2026-09-15 low", "2026-11-24 high"], [], []),
    # ties on one day: the last one written is the level
    (["2026-11-01 high", "2026-11-01 low"], [], []),
    (["2026-11-01 low", "2026-11-01 high"], [], [("overdue", "P001", "weekly_contact", "2026-11-08")]),
    # a second high assessment does not restart the gap: the run's earliest set the level
    (["2026-09-15 high", "2026-11-01 high"], [], [("overdue", "P001", "weekly_contact", "2026-09-22")]),
    (["2026-09-15 high", "2026-11-01 high"], ["2026-10-05"], [("overdue", "P001", "weekly_contact", "2026-10-12")]),
    # a run broken (low) and restarted: the gap runs from the restart, earlier contacts do not count
    (["2026-09-15 high", "2026-10-01 low", "2026-11-10 high"], ["2026-10-05"],
     [("overdue", "P001", "weekly_contact", "2026-11-17")]),
    (["2026-09-15 high", "2026-10-01 low", "2026-11-10 high"], ["2026-11-20"],
     [("due_soon", "P001", "weekly_contact", "2026-11-27")]),
])
def test_within_days_of_a_level(assessed: list[str], contacts: list[str], expected: list[Row]) -> None:
    assert due(prog(HIGH_WEEKLY), kid(*assessed), [contact(d) for d in contacts]) == expected


def test_the_due_day_itself_is_not_overdue() -> None:
    c = kid("2026-11-16 high")
    assert due(prog(HIGH_WEEKLY), c) == [("due_soon", "P001", "weekly_contact", "2026-11-23")]
    assert due(prog(HIGH_WEEKLY), c, today=D("2026-11-24")) == [("overdue", "P001", "weekly_contact", "2026-11-23")]


def test_only_the_rules_kinds_count() -> None:
    c = kid("2026-11-01 high")
    assert due(prog(HIGH_WEEKLY), c, [contact("2026-11-20", "letter")]) == [
        ("overdue", "P001", "weekly_contact", "2026-11-08")]


# --- per rules of a level ------------------------------------------------------------------------

HIGH_MONTHLY = {"high": [MONTHLY_VISIT]}


@pytest.mark.parametrize(("assessed", "contacts", "expected"), [
    # high since 5 Nov: no level on 31 Oct, October not owed; November due soon
    (["2026-11-05 high"], [], [("due_soon", "P001", "monthly_visit", "2026-11-30")]),
    # every qualifying contact in the period counts, also one before the assessment
    (["2026-11-05 high"], ["2026-11-02"], []),
    # high since 15 Oct: high on 31 Oct too, so October is owed
    (["2026-10-15 high"], [], [("overdue", "P001", "monthly_visit", "2026-10-31"),
                               ("due_soon", "P001", "monthly_visit", "2026-11-30")]),
    (["2026-10-15 high"], ["2026-10-02"], [("due_soon", "P001", "monthly_visit", "2026-11-30")]),
    # low on 31 Oct (high again from 2 Nov): October not owed at the high level
    (["2026-10-15 high", "2026-10-31 low", "2026-11-02 high"], [], [("due_soon", "P001", "monthly_visit", "2026-11-30")]),
    # medium on 31 Oct: not the same level either
    (["2026-10-15 medium", "2026-11-02 high"], [], [("due_soon", "P001", "monthly_visit", "2026-11-30")]),
    # high on 31 Oct by a tie (the last written), then high: owed
    (["2026-10-31 low", "2026-10-31 high"], [], [("overdue", "P001", "monthly_visit", "2026-10-31"),
                                                ("due_soon", "P001", "monthly_visit", "2026-11-30")]),
])
def test_per_rules_of_a_level(assessed: list[str], contacts: list[str], expected: list[Row]) -> None:
    visits = [contact(d, "home_visit") for d in contacts]
    assert due(prog(HIGH_MONTHLY), kid(*assessed), visits) == expected


def test_previous_period_needs_the_pairing_active_too() -> None:
    p = pairing(start="2026-11-03")
    assert due(prog(HIGH_MONTHLY), kid("2026-10-15 high"), pairings=[p]) == [
        ("due_soon", "P001", "monthly_visit", "2026-11-30")]


def test_on_top_of_the_pairings_duties_for_every_active_pairing() -> None:
    p = prog(HIGH_WEEKLY, duties="teacher-talk-monthly")
    pairings = [pairing(), pairing("P002"), pairing("P003", end="2026-11-01")]  # P003 ended
    found = due(p, kid("2026-11-01 high"), [contact("2026-10-05"), contact("2026-11-02")], pairings=pairings)
    assert found == [
        ("overdue", "P002", "talk", "2026-10-31"),
        ("overdue", "P002", "weekly_contact", "2026-11-08"),
        ("overdue", "P001", "weekly_contact", "2026-11-09"),
        ("due_soon", "P002", "talk", "2026-11-30"),
    ]


def test_items_look_like_duty_items() -> None:
    recs = records(prog(HIGH_WEEKLY), [kid("2026-11-01 high")], [pairing()], [contact("2026-11-02")])
    result = compute_due(recs, TODAY)
    [item] = [i for i in result.items if i.duty == "weekly_contact"]
    assert item._asdict() == {"status": "overdue", "child": "C001", "pairing": "P001", "duty": "weekly_contact",
                              "due": D("2026-11-09"), "rule_name": "每周联系", "helpers": ("H001",),
                              "period_start": None, "period_end": None, "done": 0, "needed": 1}
    tier = result.tier_of(item)
    assert tier is not None and (tier.level, tier.since) == ("high", D("2026-11-01"))
    assert all(result.tier_of(i) is None for i in result.items if i is not item)


def test_levels_written_in_chinese() -> None:
    p = prog({"高": [WEEKLY], "中风险": [MONTHLY_VISIT]})
    assert due(p, kid("2026-11-01 high")) == [("overdue", "P001", "weekly_contact", "2026-11-08")]
    assert due(p, kid("2026-11-01 medium")) == [("due_soon", "P001", "monthly_visit", "2026-11-30")]


def test_a_left_child_owes_nothing() -> None:
    c = kid("2026-11-01 high", left={"date": "2026-11-20"})
    assert due(prog(HIGH_WEEKLY), c) == []


# --- archive verification -------------------------------------------------------------------------


def verify(per: str, today: str = "2026-11-23", **child: Any) -> list[Row]:
    c = Child.model_validate({"id": "C001", "name": "张小明", "enrolled": "2026-09-01", **child})
    return due(prog(verify_archive=per), c, today=D(today))


@pytest.mark.parametrize(("per", "child", "today", "expected"), [
    ("none", {}, "2026-11-23", []),
    # monthly: October owed (active on 31 Oct) and unmet, November due soon
    ("month", {}, "2026-11-23", [("overdue", None, "verify_archive", "2026-10-31"),
                                 ("due_soon", None, "verify_archive", "2026-11-30")]),
    ("每月", {}, "2026-11-10", [("overdue", None, "verify_archive", "2026-10-31"),
                               ("pending", None, "verify_archive", "2026-11-30")]),
    # a month's first and last day count
    ("month", {"verified": ["2026-10-31", "2026-11-01"]}, "2026-11-23", []),
    # written in any order and any date form
    ("month", {"verified": ["2026/11/1", "2026年10月3日"]}, "2026-11-23", []),
    # a verification after the day does not count yet
    ("month", {"verified": ["2026-10-05", "2026-11-24"]}, "2026-11-23",
     [("due_soon", None, "verify_archive", "2026-11-30")]),
    # enrolled mid-month: October not owed; enrolled on 31 October: it is
    ("month", {"enrolled": "2026-11-10"}, "2026-11-23", [("due_soon", None, "verify_archive", "2026-11-30")]),
    ("month", {"enrolled": "2026-10-31"}, "2026-11-23", [("overdue", None, "verify_archive", "2026-10-31"),
                                                        ("due_soon", None, "verify_archive", "2026-11-30")]),
    # across the year: December is January's previous month
    ("month", {"verified": ["2026-12-31"]}, "2027-01-05", [("pending", None, "verify_archive", "2027-01-31")]),
    # a child who left owes nothing
    ("month", {"left": {"date": "2026-11-20"}}, "2026-11-23", []),
    # per term: the spring term (ended 10 July) was before enrolment; autumn ends 20 January
    ("term", {}, "2026-11-23", [("pending", None, "verify_archive", "2027-01-20")]),
    ("每学期", {"enrolled": "2026-03-01"}, "2026-11-23", [("overdue", None, "verify_archive", "2026-07-10"),
                                                        ("pending", None, "verify_archive", "2027-01-20")]),
    ("term", {"enrolled": "2026-03-01", "verified": ["2026-07-10", "2026-09-01"]}, "2026-11-23", []),
    # a day between terms counts for no term
    ("term", {"enrolled": "2026-03-01", "verified": ["2026-08-15"]}, "2026-11-23",
     [("overdue", None, "verify_archive", "2026-07-10"), ("pending", None, "verify_archive", "2027-01-20")]),
    # between terms: the term just ended is owed, there is no current one
    ("term", {"enrolled": "2026-03-01"}, "2026-08-01", [("overdue", None, "verify_archive", "2026-07-10")]),
    ("term", {"enrolled": "2026-03-01"}, "2026-07-10", [("due_soon", None, "verify_archive", "2026-07-10")]),
])
def test_verify_archive(per: str, child: dict[str, Any], today: str, expected: list[Row]) -> None:
    assert verify(per, today, **child) == expected


def test_verify_items_are_the_coordinators() -> None:
    c = Child.model_validate({"id": "C001", "name": "张小明", "enrolled": "2026-09-01", "verified": ["2026-10-08"]})
    items = compute_due(records(prog(verify_archive="month"), [c], [pairing()]), TODAY).items
    [item] = [i for i in items if i.duty == "verify_archive"]
    assert item._asdict() == {"status": "due_soon", "child": "C001", "pairing": None, "duty": "verify_archive",
                              "due": D("2026-11-30"), "rule_name": "", "helpers": (),
                              "period_start": D("2026-11-01"), "period_end": D("2026-11-30"), "done": 0, "needed": 1}


_RANK = {"overdue": 0, "due_soon": 1, "pending": 2}


@settings(max_examples=150, deadline=None)
@given(per=st.sampled_from(["month", "term"]),
       verified=st.lists(st.integers(0, 500), max_size=6), extra=st.integers(0, 500),
       enrolled=st.integers(0, 400), today=st.integers(0, 500))
def test_adding_a_verified_day_never_adds_an_item(per: str, verified: list[int], extra: int, enrolled: int,
                                                   today: int) -> None:
    base = D("2026-01-01")
    days = [(base + timedelta(days=n)).isoformat() for n in verified]
    more = [*days, (base + timedelta(days=extra)).isoformat()]
    start, day = (base + timedelta(days=enrolled)).isoformat(), base + timedelta(days=today)
    before = verify(per, day.isoformat(), enrolled=start, verified=days)
    after = verify(per, day.isoformat(), enrolled=start, verified=more)
    assert set(after) <= set(before)


@settings(max_examples=150, deadline=None)
@given(assessed=st.lists(st.tuples(st.integers(0, 330), st.sampled_from(["low", "medium", "high"])), max_size=5),
       contacts=st.lists(st.integers(0, 330), max_size=5), extra=st.integers(0, 330))
def test_adding_a_contact_never_makes_a_tier_item_more_urgent(assessed: list[tuple[int, str]], contacts: list[int],
                                                               extra: int) -> None:
    base = D("2026-01-01")
    c = kid(*(f"{base + timedelta(days=n)} {level}" for n, level in assessed), enrolled="2026-01-01")
    p = prog({"high": [WEEKLY], "medium": [MONTHLY_VISIT]})
    log = sorted((contact((base + timedelta(days=n)).isoformat(), "home_visit") for n in contacts),
                 key=lambda k: k.date)
    more = sorted([*log, contact((base + timedelta(days=extra)).isoformat(), "home_visit")], key=lambda k: k.date)
    p1 = pairing(start="2026-01-01")
    before = {(d, due_): _RANK[s] for s, _, d, due_ in due(p, c, log, pairings=[p1])}
    after = due(p, c, more, pairings=[p1])
    # a within_days item moves later; a per item may only go: none gets more urgent
    for status, _, duty, day in after:
        if duty == "monthly_visit":
            assert (duty, day) in before and _RANK[status] >= before[(duty, day)]
    assert sum(1 for r in after if r[2] == "weekly_contact") == sum(1 for k in before if k[0] == "weekly_contact")


# --- explain ----------------------------------------------------------------------------------------


def test_explain_names_the_level_and_the_assessment() -> None:
    c = kid("2026-09-15 high", "2026-10-01 low", "2026-11-10 high", "2026-11-15 high")
    recs = records(prog(HIGH_WEEKLY, duties="teacher-talk-monthly"), [c], [pairing()], [contact("2026-11-20")])
    found = {e.duty: e for e in explain(recs, TODAY, "P001")}
    assert set(found) == {"talk", "weekly_contact"}
    assert found["talk"].tier is None
    tier = found["weekly_contact"].tier
    assert tier is not None and (tier.level, tier.since) == ("high", D("2026-11-10"))
    [check] = found["weekly_contact"].checks
    assert (check.reason, check.start, check.end, check.status) == ("window", D("2026-11-20"), D("2026-11-27"),
                                                                    "due_soon")


def test_explain_a_previous_period_at_another_level() -> None:
    c = kid("2026-10-15 medium", "2026-11-02 high")
    recs = records(prog(HIGH_MONTHLY), [c], [pairing()], [contact("2026-10-20", "home_visit")])
    [exp] = [e for e in explain(recs, TODAY, "C001") if e.duty == "monthly_visit"]
    prev, cur = exp.checks
    assert (prev.period, prev.reason, prev.status) == ("2026-10", "level_not_held", None)
    assert [why for _, why in prev.not_counted] == ["other_level"]  # the October visit: not owed then
    assert (cur.period, cur.reason, cur.status) == ("2026-11", "short", "due_soon")


def test_explain_verify_archive_says_which_days_counted() -> None:
    c = Child.model_validate({"id": "C001", "name": "张小明", "enrolled": "2026-09-01",
                              "verified": ["2026-10-08", "2026-10-20", "2026-11-24"]})
    recs = records(prog(verify_archive="month"), [c], [pairing()])
    [exp] = [e for e in explain(recs, TODAY, "C001") if e.duty == "verify_archive"]
    prev, cur = exp.checks
    assert (prev.assessed, prev.met, cur.assessed, cur.status) == (
        (D("2026-10-08"), D("2026-10-20")), True, (), "due_soon")
    assert exp.item is not None and exp.item.due == D("2026-11-30")


def test_explain_without_verification_has_no_such_duty() -> None:
    recs = records(prog(), [kid()], [pairing()])
    assert [e.duty for e in explain(recs, TODAY, "C001")] == ["risk_assessment"]


# --- term reports' obligations ----------------------------------------------------------------------


def obs(recs: Any, start: str, end: str, duty: str) -> list[tuple[str, bool, str | None]]:
    return [(o.due.isoformat(), o.met, o.met_on.isoformat() if o.met_on else None)
            for o in obligations(recs, D(start), D(end)) if o.duty == duty]


def test_obligations_of_a_level_follow_its_runs() -> None:
    # high in September and again from 10 November; low in between
    c = kid("2026-09-10 high", "2026-10-05 low", "2026-11-10 high")
    visits = [contact("2026-09-20", "home_visit"), contact("2026-11-12", "home_visit")]
    recs = records(prog(HIGH_MONTHLY), [c], [pairing()], visits)
    assert obs(recs, "2026-09-01", "2026-11-30", "monthly_visit") == [
        ("2026-09-30", True, "2026-09-20"), ("2026-11-30", True, "2026-11-12")]


def test_obligations_of_a_within_days_level_rule_start_at_the_run() -> None:
    c = kid("2026-09-10 low", "2026-11-01 high", "2026-11-20 low")
    recs = records(prog(HIGH_WEEKLY), [c], [pairing()], [contact("2026-11-05"), contact("2026-11-16")])
    # gaps 1 Nov -> 5 Nov (met), 5 Nov -> 12 Nov (missed: next on the 16th), 16 Nov -> 23 Nov (after the run)
    assert obs(recs, "2026-09-01", "2026-11-30", "weekly_contact") == [
        ("2026-11-08", True, "2026-11-05"), ("2026-11-12", False, None)]


def test_obligations_of_verification() -> None:
    c = Child.model_validate({"id": "C001", "name": "张小明", "enrolled": "2026-09-10",
                              "verified": ["2026-09-12", "2026-11-02", "2026-11-20"]})
    recs = records(prog(verify_archive="month"), [c], [pairing()])
    assert obs(recs, "2026-09-01", "2026-11-30", "verify_archive") == [
        ("2026-09-30", True, "2026-09-12"), ("2026-10-31", False, None), ("2026-11-30", True, "2026-11-02")]
