"""The fast engine and ``due --json`` against plain reference implementations (hypothesis).

``compute_due`` skips the checks ``explain`` shows, counts with bisection, indexes the
contact log without sorting it when it is in date order and finds a child's risk-assessment
months without listing every year since enrolment; ``due --json`` writes each item from a
template. The references below do each of these the obvious way, as the contract words it,
and the engine must agree with them on programmes built around edge dates.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liushou_cli.duties import periods, risk_assessment
from liushou_cli.duties.birthday import BIRTHDAY_WINDOW_DAYS, birthday_that_counts
from liushou_cli.duties.engine import (
    RISK,
    Item,
    compute_due,
    explain,
    obligations,
    rules_for,
)
from liushou_cli.duties.items import new_item
from liushou_cli.duties.items import urgency as _key
from liushou_cli.duties.log import by_pairing as _by_day
from liushou_cli.duties.log import qualifying as _qualifying
from liushou_cli.duties.periods import Period
from liushou_cli.duties.reasons import ContactCheck, PeriodCheck
from liushou_cli.model import Child, Contact, Pairing, Program, Rule
from liushou_cli.present import jsonout
from liushou_cli.present.due import item_json, json_payload
from liushou_cli.records.load import Records

PERS = ("term", "month", "year")
KINDS = ["talk", "call", "home_visit", "meeting", "birthday", "letter", "teacher_contact", "guardian_contact"]
FAST = settings(deadline=None, max_examples=200)

# --- references: the contract's rules, the obvious way ------------------------------------------


def ref_rows(contacts: Sequence[Contact], pairing: str, kinds: Sequence[str], until: date) -> list[Contact]:
    """The pairing's contacts of any of ``kinds`` up to ``until``, by date (file order on a day)."""
    mine = [c for c in contacts if c.pairing == pairing and c.date <= until and set(kinds) & set(c.kinds)]
    return sorted(mine, key=lambda c: c.date)


def ref_status(due: date, today: date, soon: int) -> str:
    if today > due:
        return "overdue"
    return "due_soon" if (due - today).days <= soon else "pending"


def ref_rule(recs: Records, prog: Program, pairing: Pairing, child: Child, rule: Rule,
             today: date) -> tuple[list[PeriodCheck], list[Item]]:
    """The checks and items of one rule of a pairing active on ``today``."""
    rows = ref_rows(recs.contacts, pairing.id, rule.kinds, today)
    soon, times = prog.due_soon_days, rule.times
    needed = times if rule.per in PERS else 1

    def item(status: str, due: date, start: date | None, end: date | None, done: int) -> Item:
        return Item(status=status, child=child.id, pairing=pairing.id, duty=rule.id, due=due,  # type: ignore[arg-type]
                    rule_name=rule.name, helpers=tuple(pairing.helpers), period_start=start, period_end=end,
                    done=done, needed=needed)

    def check(frame: str, period: str, start: date, end: date, got: tuple[Contact, ...], needed: int,
              status: str | None, reason: str) -> PeriodCheck:
        return ref_not_counted(recs, pairing, rule, today, PeriodCheck(  # type: ignore[arg-type]
            frame=frame, period=period, start=start, end=end, contacts=got, needed=needed,
            met=reason == "met" or (reason == "window" and status != "overdue"), status=status, reason=reason))

    def between(start: date, end: date) -> tuple[Contact, ...]:
        return tuple(c for c in rows if start <= c.date <= end)

    if rule.within_days is not None:
        last = rows[-1] if rows and rows[-1].date >= pairing.start else None
        base = last.date if last else pairing.start
        due = base + timedelta(days=rule.within_days)
        status = ref_status(due, today, soon)
        done = len(between(today - timedelta(days=rule.within_days - 1), today))
        return ([check("window", "", base, due, (last,) if last else (), 1, status, "window")],
                [item(status, due, None, None, done)])
    if rule.per == "birthday":
        bday = birthday_that_counts(child.birth_date, today, pairing.start) if child.birth_date else None
        if bday is None:
            return [check("none", "", today, today, (), 1, None, "no_birth_date")], []
        window = timedelta(days=BIRTHDAY_WINDOW_DAYS)
        got = between(bday - window, bday + window)
        unmet = None if got else ref_status(bday, today, soon)
        birthday = check("birthday", bday.isoformat(), bday - window, bday + window, got, 1, unmet,
                         "met" if got else "short")
        return [birthday], ([item(unmet, bday, bday - window, bday + window, 0)] if unmet else [])
    assert rule.per is not None
    terms = periods.sorted_terms(prog.terms)
    checks: list[PeriodCheck] = []
    items: list[Item] = []
    prev = periods.previous(rule.per, today, terms)
    if prev is not None:
        if not pairing.active_on(prev.end, child):
            checks.append(check(rule.per, prev.label, prev.start, prev.end, (), times, None, "not_active_at_end"))
        else:
            got = between(prev.start, prev.end)
            met = len(got) >= times
            checks.append(check(rule.per, prev.label, prev.start, prev.end, got, times, None if met else "overdue",
                                "met" if met else "short"))
            if not met:
                items.append(item("overdue", prev.end, prev.start, prev.end, len(got)))
    cur = periods.current(rule.per, today, terms)
    if cur is None:
        checks.append(check("none", "", today, today, (), times, None, "between_terms"))
        return checks, items
    got = between(cur.start, cur.end)
    met = len(got) >= times
    cur_status = None if met else ("due_soon" if (cur.end - today).days <= soon else "pending")
    if cur_status is not None:
        items.append(item(cur_status, cur.end, cur.start, cur.end, len(got)))
    checks.append(check(rule.per, cur.label, cur.start, cur.end, got, times, cur_status, "met" if met else "short"))
    return checks, items


def ref_not_counted(recs: Records, pairing: Pairing, rule: Rule, today: date, check: PeriodCheck) -> PeriodCheck:
    """Every other contact of the pairing dated in the check's span, by date, with why it did
    not count: after the day, none of the rule's kinds, a period not owed, a gap's earlier
    same-day contact, or no period at all."""
    counted = [id(c) for c in check.contacts]
    why_else = {"not_active_at_end": "not_owed", "window": "same_day"}.get(check.reason, "no_period")
    found = []
    for c in sorted((c for c in recs.contacts if c.pairing == pairing.id), key=lambda c: c.date):
        if check.start <= c.date <= check.end and id(c) not in counted:
            why = "after_today" if c.date > today else "kind" if not set(rule.kinds) & set(c.kinds) else why_else
            found.append(ContactCheck(c, why))  # type: ignore[arg-type]
    return check._replace(not_counted=tuple(found))


def ref_owed(child: Child, months: Sequence[int], until: date) -> list[Period]:
    """Every month owing a risk assessment from enrolment to ``until``, oldest first."""
    first = child.enrolled.replace(day=1)
    owed = {first} | {date(y, m, 1) for y in range(child.enrolled.year, until.year + 1) for m in months
                      if date(y, m, 1) >= first}
    return [p for p in (periods.month_of(d) for d in sorted(owed)) if p.end <= until]


def ref_risk(prog: Program, child: Child, today: date) -> tuple[list[PeriodCheck], list[Item]]:
    owed = ref_owed(child, prog.risk_assessment_months, date(today.year + 1, 12, 31))
    past = [p for p in owed if p.end < today]
    coming = [p for p in owed if p.end >= today]
    assessed = sorted(a.date for a in child.risk_assessments if a.date <= today)
    checks: list[PeriodCheck] = []
    items: list[Item] = []
    for period, upcoming in ((past[-1] if past else None, False), (coming[0] if coming else None, True)):
        if period is None:
            continue
        got = tuple(d for d in assessed if d >= period.start)
        status: str | None = None
        if not got:
            status = ("due_soon" if (period.end - today).days <= risk_assessment.SOON_DAYS else "pending") if upcoming else "overdue"
            items.append(Item(status=status, child=child.id, pairing=None, duty=RISK, due=period.end,  # type: ignore[arg-type]
                              rule_name="", helpers=(), period_start=period.start, period_end=period.end,
                              done=0, needed=1))
        checks.append(PeriodCheck(frame="month", period=period.label, start=period.start, end=period.end,  # type: ignore[arg-type]
                                  contacts=(), needed=1, met=bool(got), status=status,
                                  reason="met" if got else "short", assessed=got))
    return checks, items


def ref_items(recs: Records, today: date) -> list[Item]:
    prog = recs.program
    assert prog is not None
    items: list[Item] = []
    for p in recs.pairings.values():
        c = recs.children.get(p.child)
        if c is not None and p.active_on(today, c):
            for rule in rules_for(prog, p):
                items += ref_rule(recs, prog, p, c, rule, today)[1]
    for c in recs.children.values():
        if c.active_on(today):
            items += ref_risk(prog, c, today)[1]
    return sorted(items, key=_key)


# --- programmes around edge dates ----------------------------------------------------------------

EDGES = [date(2024, 2, 29), date(2025, 2, 28), date(2025, 3, 1), date(2025, 8, 31), date(2025, 9, 1),
         date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 23), date(2026, 1, 24), date(2026, 2, 28),
         date(2026, 3, 1), date(2026, 3, 31), date(2026, 7, 10), date(2026, 7, 11), date(2026, 9, 30),
         date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 1), date(2027, 1, 22), date(2028, 2, 29)]
day = st.one_of(st.sampled_from(EDGES), st.dates(date(2024, 1, 1), date(2028, 12, 31)))
RULES: list[dict[str, Any]] = [
    {"id": "talk", "name": "每月谈心", "kinds": ["talk"], "per": "month"},
    {"id": "two", "name": "每月两次", "kinds": ["talk", "call"], "per": "month", "times": 2},
    {"id": "dup", "name": "重复类型", "kinds": ["call", "call"], "per": "month"},
    {"id": "visit", "name": "每学期走访", "kinds": ["home_visit"], "per": "term"},
    {"id": "many", "name": "每学期联系", "kinds": ["home_visit", "meeting", "letter"], "per": "term", "times": 2},
    {"id": "year", "name": "每年看望", "kinds": ["meeting", "home_visit"], "per": "year"},
    {"id": "bday", "name": "陪过生日", "kinds": ["birthday"], "per": "birthday"},
    {"id": "gap", "name": "两周谈心", "kinds": ["talk"], "within_days": 14},
    {"id": "gap1", "name": "每天", "kinds": ["call", "talk"], "within_days": 1},
]
duties = st.one_of(st.sampled_from(["five-ones-term", "aixin-mama-monthly", "kindergarten-biweekly", "no-such"]),
                   st.lists(st.sampled_from(RULES), min_size=1, max_size=4, unique_by=lambda r: r["id"]))


def after(than: date, *, strictly: bool) -> st.SearchStrategy[date]:
    return day.filter(lambda d: d > than if strictly else d >= than)


@st.composite
def terms(draw: st.DrawFn) -> list[dict[str, str]]:
    """Up to four terms in a row, each after a gap (possibly none) from the last."""
    out = []
    start = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    for i in range(draw(st.integers(0, 4))):
        end = start + timedelta(days=draw(st.integers(0, 160)))
        out.append({"id": f"t{i}", "start": start.isoformat(), "end": end.isoformat()})
        start = end + timedelta(days=draw(st.integers(1, 70)))
    return draw(st.permutations(out))


@st.composite
def programmes(draw: st.DrawFn) -> tuple[Records, date]:
    today = draw(day)
    prog = Program.model_validate({
        "program": "测试", "terms": draw(terms()), "duties": draw(duties),
        "due_soon_days": draw(st.integers(0, 40)),
        "risk_assessment_months": draw(st.lists(st.integers(1, 12), max_size=3)),
    })
    children: list[Child] = []
    pairings: list[Pairing] = []
    contacts: list[Contact] = []
    for n in range(draw(st.integers(1, 3))):
        recent = st.integers(0, 500).map(lambda n: today - timedelta(days=n))  # mostly active on the day
        enrolled = draw(st.one_of(day, recent, st.just(today.replace(day=1)), st.just(today),
                                  st.dates(date(2005, 1, 1), date(2024, 1, 1))))
        left = draw(st.one_of(st.none(), st.none(), after(enrolled, strictly=True)))
        concerns = draw(st.lists(day, max_size=2))
        children.append(Child.model_validate({
            "id": f"C{n}", "name": "张小明", "enrolled": enrolled.isoformat(),
            "birth_date": (b := draw(st.one_of(st.none(), st.just(date(2016, 2, 29)), st.dates(date(2010, 1, 1),
                                                                                         date(2020, 12, 31))))) and b.isoformat(),
            "left": {"date": left.isoformat()} if left else None,
            "risk_assessments": [{"date": d.isoformat(), "level": "low"} for d in draw(st.lists(day, max_size=3))],
            "concerns": [{"date": d.isoformat(), "type": "other"} for d in concerns],
        }))
        for m in range(draw(st.integers(0, 2))):
            start = draw(st.one_of(day, recent, st.just(enrolled)))
            end = draw(st.one_of(st.none(), st.none(), after(start, strictly=False)))
            pid = f"P{n}{m}"
            pairings.append(Pairing.model_validate({
                "id": pid, "child": f"C{n}", "helpers": draw(st.lists(st.sampled_from(["H1", "H2"]), min_size=1,
                                                                       max_size=2)),
                "start": start.isoformat(), "end": end and end.isoformat(),
                "duties": draw(st.one_of(st.none(), duties)),
            }))
            near = st.integers(-20, 120).map(lambda n: today - timedelta(days=n))  # in this or the last period
            when_kinds = st.tuples(st.one_of(day, near), st.lists(st.sampled_from(KINDS), min_size=1, max_size=3))
            for when, kinds in draw(st.lists(when_kinds, max_size=14)):
                contacts.append(Contact(when, pid, tuple(kinds), summary=str(len(contacts))))
    if draw(st.booleans()):  # a log in date order takes the engine's no-sort path
        contacts.sort(key=lambda c: c.date)
    recs = Records(root=Path("."), program=prog, children={c.id: c for c in children},
                   pairings={p.id: p for p in pairings}, contacts=contacts)
    return recs, today


# --- the engine agrees with the references -------------------------------------------------------


@FAST
@given(programmes())
def test_due_items_match_the_reference(case: tuple[Records, date]) -> None:
    recs, today = case
    result = compute_due(recs, today)
    assert result.items == ref_items(recs, today)
    assert all(type(i) is Item for i in result.items)


@FAST
@given(programmes())
def test_explain_matches_the_reference(case: tuple[Records, date]) -> None:
    recs, today = case
    prog = recs.program
    assert prog is not None
    for p in recs.pairings.values():
        c = recs.children[p.child]
        for exp, rule in zip(explain(recs, today, p.id), rules_for(prog, p), strict=True):
            if not p.active_on(today, c):
                assert exp.checks[0].reason == "not_active" and exp.item is None
                assert exp.checks[0] == ref_not_counted(recs, p, rule, today, exp.checks[0]._replace(not_counted=()))
                continue
            checks, items = ref_rule(recs, prog, p, c, rule, today)
            assert list(exp.checks) == checks
            assert exp.item == (min(items, key=_key) if items else None)
    for c in recs.children.values():
        risk = explain(recs, today, c.id)[-1]
        assert risk.duty == RISK
        if c.active_on(today):
            checks, items = ref_risk(prog, c, today)
            assert list(risk.checks) == checks
            assert risk.item == (min(items, key=_key) if items else None)


@FAST
@given(programmes(), day)
def test_the_contact_index_matches_a_plain_filter(case: tuple[Records, date], until: date) -> None:
    recs, _ = case
    index = _by_day(recs.contacts, until)
    for pid in {c.pairing for c in recs.contacts}:
        for kinds in (["talk"], ["call", "call"], ["talk", "call"], KINDS):
            got = _qualifying(index.get(pid, ()), frozenset(kinds))
            assert list(got) == ref_rows(recs.contacts, pid, kinds, until)
            assert all(a is b for a, b in zip(got, ref_rows(recs.contacts, pid, kinds, until), strict=True))


@settings(deadline=None, max_examples=60)
@given(programmes(), day)
def test_obligations_do_not_depend_on_the_log_order(case: tuple[Records, date], start: date) -> None:
    """``obligations`` shares the index: a log in date order (no sort) gives what a shuffled one does."""
    recs, end = case
    ordered = Records(root=recs.root, program=recs.program, children=recs.children, pairings=recs.pairings,
                      contacts=sorted(recs.contacts, key=lambda c: c.date))
    shuffled = Records(root=recs.root, program=recs.program, children=recs.children, pairings=recs.pairings,
                       contacts=list(reversed(ordered.contacts)))
    found = obligations(ordered, start, end)
    assert found == obligations(shuffled, start, end)
    for o in found:
        assert o.met == (o.met_on is not None)


# --- due --json: the template writes what the encoder wrote --------------------------------------

text = st.text(max_size=8)
items = st.builds(
    Item, status=st.sampled_from(["overdue", "due_soon", "pending"]), child=text, pairing=st.one_of(st.none(), text),
    duty=text, due=st.dates(), rule_name=text, helpers=st.lists(text, max_size=3).map(tuple), period_start=st.none(),
    period_end=st.none(), done=st.integers(0, 10**6), needed=st.integers(1, 10**6),
)


def contract(item: Item) -> dict[str, Any]:
    """An item's entry in ``due --json`` as docs/due.md lists its keys."""
    return {"status": item.status, "child": item.child, "pairing": item.pairing, "duty": item.duty,
            "due": item.due.isoformat(), "rule_name": item.rule_name, "helpers": list(item.helpers),
            "done": item.done, "needed": item.needed}


@given(items)
def test_an_item_written_from_the_template_is_the_encoded_dict(item: Item) -> None:
    assert item_json(item) == json.dumps(contract(item), ensure_ascii=False, separators=(", ", ": "))


@given(st.lists(items, max_size=5), st.dates())
def test_due_json_is_what_dicts_through_dumps_gave(found: list[Item], as_of: date) -> None:
    as_dicts = {"as_of": as_of.isoformat(), "items": [contract(i) for i in found], "alerts": []}
    text = jsonout.dumps(json_payload(as_of, found, []))
    assert text == jsonout.dumps(as_dicts)
    assert json.loads(text) == as_dicts


def test_only_encoded_entries_are_written_as_they_are() -> None:
    text = jsonout.dumps({"raw": jsonout.Encoded(['{"a": 1}']), "text": ['{"a": 1}'], "none": jsonout.Encoded()})
    assert text.splitlines()[1:7] == ['  "raw": [', '    {"a": 1}', "  ],", '  "text": [', '    "{\\"a\\": 1}"', "  ],"]
    assert json.loads(text) == {"raw": [{"a": 1}], "text": ['{"a": 1}'], "none": []}


def test_items_are_made_by_field_name_and_a_wrong_shape_fails_at_once() -> None:
    """``new_item`` writes the tuple in order for speed: its parameters are the fields, in order."""
    assert list(inspect.signature(new_item).parameters) == list(Item._fields)
    made = new_item(**{f: f for f in Item._fields})  # type: ignore[arg-type]
    assert type(made) is Item and made._asdict() == {f: f for f in Item._fields}
    with pytest.raises(TypeError):
        new_item(status="overdue", child="C1")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        new_item(**{f: f for f in Item._fields}, colour="red")  # type: ignore[call-arg, arg-type]
