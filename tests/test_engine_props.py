"""Properties of the duty engine that must hold for any records (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from liushou_cli.duties.engine import Item, compute_due, obligations
from liushou_cli.model import Contact
from test_engine import child, contact, pairing, program, records

RANK = {"overdue": 0, "due_soon": 1, "pending": 2}
RULES: list[dict[str, Any]] = [
    {"id": "talk", "name": "每月谈心", "kinds": ["talk"], "per": "month"},
    {"id": "talk2", "name": "每月谈心两次", "kinds": ["talk", "call"], "per": "month", "times": 2},
    {"id": "visit", "name": "每学期走访", "kinds": ["home_visit"], "per": "term"},
    {"id": "year", "name": "每年看望", "kinds": ["meeting"], "per": "year"},
    {"id": "bday", "name": "陪过生日", "kinds": ["birthday"], "per": "birthday"},
    {"id": "gap", "name": "两周谈心", "kinds": ["talk"], "within_days": 14},
]
KINDS = ["talk", "call", "home_visit", "meeting", "birthday", "letter"]
days = st.dates(date(2025, 1, 1), date(2028, 12, 31))
births = st.one_of(st.none(), st.just(date(2016, 2, 29)), st.dates(date(2012, 1, 1), date(2020, 12, 31)))
ENGINE = settings(deadline=None, max_examples=150)  # per test: other files keep their profile


@st.composite
def scenario(draw: st.DrawFn) -> dict[str, Any]:
    enrolled = draw(days)
    start = draw(days)
    left = draw(st.one_of(st.none(), days.filter(lambda d: d > enrolled)))
    end = draw(st.one_of(st.none(), days.filter(lambda d: d >= start)))
    log = draw(st.lists(st.tuples(days, st.sampled_from(KINDS)), max_size=12))
    return {
        "rule": draw(st.sampled_from(RULES)),
        "child": child(enrolled=enrolled.isoformat(), risk_assessments=[],
                       birth_date=(b := draw(births)) and b.isoformat(),
                       left={"date": left.isoformat()} if left else None,
                       concerns=[{"date": draw(days).isoformat(), "type": "other"}]),
        "pairing": pairing(start=start.isoformat(), end=end and end.isoformat()),
        "contacts": [contact(d.isoformat(), k) for d, k in log],
        "today": draw(days),
    }


def due(s: dict[str, Any], extra: list[Contact] = ()) -> list[Item]:  # type: ignore[assignment]
    recs = records(program([s["rule"]]), [s["child"]], [s["pairing"]], [*s["contacts"], *extra])
    return compute_due(recs, s["today"]).items


@ENGINE
@given(scenario(), st.data())
def test_a_qualifying_contact_never_makes_things_worse(s: dict[str, Any], data: st.DataObject) -> None:
    today, start = s["today"], s["pairing"].start
    if start > today:
        return
    day = data.draw(st.dates(max(start, today - timedelta(days=400)), today))
    before = due(s)
    after = due(s, [contact(day.isoformat(), s["rule"]["kinds"][-1])])
    assert len(after) <= len(before)
    for item in after:
        same = [b for b in before if (b.duty, b.pairing, b.period_start) == (item.duty, item.pairing, item.period_start)]
        assert same, item
        assert min(RANK[b.status] for b in same) <= RANK[item.status]
        assert min(b.due for b in same) <= item.due


@ENGINE
@given(scenario())
def test_nothing_listed_for_inactive_pairings_or_children(s: dict[str, Any]) -> None:
    recs = records(program([s["rule"]]), [s["child"]], [s["pairing"]], s["contacts"])
    today = s["today"]
    result = compute_due(recs, today)
    c, p = s["child"], s["pairing"]
    for item in result.items:
        assert c.active_on(today)
        assert item.pairing is None or p.active_on(today, c)
    assert bool(result.alerts) == (c.active_on(today) and c.concerns[0].date <= today)


@ENGINE
@given(st.sampled_from([date(2012, 2, 29), date(2016, 2, 29)]), st.dates(date(2017, 1, 1), date(2030, 12, 31)))
def test_29_february_birthdays(birth: date, today: date) -> None:
    s = {"rule": RULES[4], "child": child(enrolled="2010-01-01", birth_date=birth.isoformat()),
         "pairing": pairing(start="2010-01-05"), "contacts": [], "today": today}
    [item] = [i for i in due(s) if i.pairing]
    assert item.due.month == 2
    assert item.due.day == (29 if calendar.isleap(item.due.year) else 28)
    assert today - timedelta(days=30) <= item.due <= today + timedelta(days=366)
    assert (item.status == "overdue") == (item.due < today)


@ENGINE
@given(days, st.sampled_from(["month", "year"]))
def test_calendar_periods_across_year_ends(today: date, per: str) -> None:
    rule = {"id": "r", "name": "r", "kinds": ["talk"], "per": per}
    s = {"rule": rule, "child": child(enrolled="2020-01-01"), "pairing": pairing(start="2020-01-05"),
         "contacts": [], "today": today}
    items = [i for i in due(s) if i.pairing]
    first = today.replace(day=1) if per == "month" else date(today.year, 1, 1)
    previous_end = first - timedelta(days=1)  # 31 December in January (month) or always (year)
    assert [(i.status, i.due) for i in items if i.status == "overdue"] == [("overdue", previous_end)]
    [current] = [i for i in items if i.status != "overdue"]
    assert current.period_start == first and current.period_end == current.due
    assert current.period_start <= today <= current.period_end
    [old] = [i for i in items if i.status == "overdue"]
    assert old.period_end == previous_end and old.period_start is not None
    assert old.period_start.day == 1 and old.period_start.month == (previous_end.month if per == "month" else 1)


@ENGINE
@given(days, st.integers(0, 90))
def test_pairing_starting_mid_period(today: date, back: int) -> None:
    start = today - timedelta(days=back)
    s = {"rule": RULES[0], "child": child(enrolled="2020-01-01"), "pairing": pairing(start=start.isoformat()),
         "contacts": [], "today": today}
    items = due(s)
    previous_end = today.replace(day=1) - timedelta(days=1)
    owed_previous = [i for i in items if i.status == "overdue" and i.pairing]
    assert bool(owed_previous) == (start <= previous_end)
    assert [i.period_start for i in items if i.status != "overdue" and i.pairing] == [today.replace(day=1)]


@ENGINE
@given(scenario(), days)
def test_obligations_are_consistent(s: dict[str, Any], start: date) -> None:
    today = s["today"]
    recs = records(program([s["rule"]]), [s["child"]], [s["pairing"]], s["contacts"])
    found = obligations(recs, start, today)
    for duty in {o.duty for o in found}:
        mine = [o for o in found if o.duty == duty]
        assert sum(o.met for o in mine) <= len(mine)
    for o in found:
        assert start <= o.due <= today
        assert o.met == (o.met_on is not None)
        assert o.met_on is None or o.met_on <= today
    if s["rule"].get("per") in ("month", "term", "year"):
        # the previous period's obligation is unmet exactly when `due` lists it overdue
        overdue = {i.due for i in compute_due(recs, today).items if i.status == "overdue" and i.pairing}
        for o in found:
            if o.pairing and o.due in overdue:
                assert not o.met
        unmet = {o.due for o in found if o.pairing and not o.met}
        assert overdue <= unmet or min(overdue) < start
