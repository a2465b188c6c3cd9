"""What is due on a day: the contract's "What is due" rules, computed from records.

Pure: reads only the records' data, does no I/O and no translation. Presenters
(``liushou due``, ``explain``, ``remind``, term reports) translate codes and names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from liushou_cli.duties import periods
from liushou_cli.duties.periods import BIRTHDAY_WINDOW_DAYS, Period
from liushou_cli.duties.presets import PRESETS
from liushou_cli.model import Child, Contact, Pairing, Program, Rule

if TYPE_CHECKING:
    from liushou_cli.records.load import Records

Status = Literal["overdue", "due_soon", "pending"]


class Item(NamedTuple):
    """One duty that is not (yet) met, as ``liushou due`` lists it.

    A named tuple, not a dataclass: a county's weekly run makes 60,000 of them, and
    a frozen dataclass spends a Python call per field on each."""

    status: Status
    child: str
    pairing: str | None
    duty: str
    due: date
    rule_name: str
    helpers: tuple[str, ...]
    period_start: date | None
    period_end: date | None
    done: int
    needed: int

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "child": self.child,
            "pairing": self.pairing,
            "duty": self.duty,
            "due": self.due.isoformat(),
            "rule_name": self.rule_name,
            "helpers": list(self.helpers),
            "done": self.done,
            "needed": self.needed,
        }


@dataclass(frozen=True)
class Alert:
    """A concern not yet reported (强制报告): listed whatever its age."""

    child: str
    type: str
    date: date
    index: int

    def as_json(self) -> dict[str, Any]:
        return {"child": self.child, "type": self.type, "date": self.date.isoformat()}


@dataclass(frozen=True)
class DueResult:
    as_of: date
    items: list[Item]
    alerts: list[Alert]

    def as_json(self, include_pending: bool = False) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "items": [i.as_json() for i in self.items if include_pending or i.status != "pending"],
            "alerts": [a.as_json() for a in self.alerts],
        }


class PeriodCheck(NamedTuple):
    label: str
    start: date
    end: date
    contacts: tuple[Contact, ...]
    needed: int
    met: bool
    status: str | None
    reason: str
    assessed: tuple[date, ...] = ()  # risk assessments that counted (they are not contacts)


@dataclass(frozen=True)
class RuleExplanation:
    pairing: str | None
    child: str
    rule: Rule | None
    duty: str
    checks: tuple[PeriodCheck, ...]
    item: Item | None


class Obligation(NamedTuple):
    pairing: str | None
    child: str
    duty: str
    rule_name: str
    helpers: tuple[str, ...]
    due: date
    met: bool
    met_on: date | None


RISK = "risk_assessment"
RISK_SOON_DAYS = 14  # fixed by the contract, not the programme's due_soon_days
_RANK = {"overdue": 0, "due_soon": 1, "pending": 2}


def rules_for(program: Program, pairing: Pairing) -> Sequence[Rule]:
    """The pairing's own duties if set, else the programme's; a preset name resolved.

    An unknown preset name gives no rules: ``liushou check`` reports it, and
    inventing duties would be worse than listing none.
    """
    duties = pairing.duties if pairing.duties is not None else program.duties
    if isinstance(duties, str):
        preset = PRESETS.get(duties)
        return preset.rules if preset is not None else ()
    return duties


def _key(item: Item) -> tuple[int, date, str, str, str]:
    return (_RANK[item.status], item.due, item.child, item.pairing or "", item.duty)


def _by_day(contacts: Iterable[Contact], until: date) -> dict[str, list[Contact]]:
    """Contacts up to ``until`` grouped by their ``pairing`` column, oldest first (one pass)."""
    index: dict[str, list[Contact]] = {}
    for contact in contacts:
        if contact.date <= until:
            index.setdefault(contact.pairing, []).append(contact)
    for rows in index.values():
        rows.sort(key=_date_of)
    return index


def _qualifying(rows: Sequence[Contact], kinds: frozenset[str]) -> Sequence[Contact]:
    if not rows:
        return rows
    return [c for c in rows if not kinds.isdisjoint(c.kinds)]


def _between(rows: Sequence[Contact], start: date, end: date) -> tuple[Contact, ...]:
    """The contacts of a date-sorted list dated in ``[start, end]``."""
    if not rows:
        return ()
    lo = bisect_left(rows, start, key=_date_of)
    hi = bisect_right(rows, end, lo, key=_date_of)
    return tuple(rows[lo:hi])


_date_of = attrgetter("date")


def _status(due: date, today: date, soon: int) -> Status:
    if today > due:
        return "overdue"
    return "due_soon" if (due - today).days <= soon else "pending"


@dataclass(frozen=True)
class _Day:
    """What is fixed for one run: the day, its periods, the contact index."""

    today: date
    soon: int
    terms: list[Period]
    months: list[int]
    contacts: dict[str, list[Contact]]
    current: dict[str, Period | None]
    previous: dict[str, Period | None]
    kinds: dict[int, frozenset[str]]  # by id(rule): each rule's kinds as a set, made once

    def kinds_of(self, rule: Rule) -> frozenset[str]:
        found = self.kinds.get(id(rule))
        if found is None:
            found = self.kinds[id(rule)] = frozenset(rule.kinds)
        return found

    @classmethod
    def of(cls, records: Records, program: Program, today: date) -> _Day:
        terms = periods.sorted_terms(program.terms)
        pers = ("term", "month", "year")
        return cls(today, program.due_soon_days, terms, sorted(set(program.risk_assessment_months)),
                   _by_day(records.contacts, today),
                   {per: periods.current(per, today, terms) for per in pers},
                   {per: periods.previous(per, today, terms) for per in pers}, {})


def _evaluate(day: _Day, pairing: Pairing, child: Child, rule: Rule) -> tuple[list[PeriodCheck], list[Item]]:
    """The checks behind one rule of one pairing active on ``day.today``, and its items."""
    rows = _qualifying(day.contacts.get(pairing.id, ()), day.kinds_of(rule))
    per, times, within = rule.per, rule.times, rule.within_days
    needed = times if per in ("term", "month", "year") else 1
    # what every item of this rule shares: (child, pairing, duty), then rule name and helpers
    head, tail = (child.id, pairing.id, rule.id), (rule.name, tuple(pairing.helpers))
    checks: list[PeriodCheck] = []
    items: list[Item] = []
    today = day.today
    if within is not None:
        last = rows[-1] if rows and rows[-1].date >= pairing.start else None
        base = last.date if last is not None else pairing.start
        due = base + timedelta(days=within)
        status = _status(due, today, day.soon)
        recent = _between(rows, today - timedelta(days=within - 1), today)
        checks.append(PeriodCheck("window", base, due, (last,) if last else (), 1, status != "overdue",
                                  status, "window"))
        items.append(Item(status, *head, due, *tail, None, None, len(recent), needed))
    elif per == "birthday":
        birth = child.birth_date
        bday = periods.birthday_that_counts(birth, today, pairing.start) if birth else None
        if bday is None:
            checks.append(PeriodCheck("", today, today, (), 1, False, None, "no_birth_date"))
        else:
            window = timedelta(days=BIRTHDAY_WINDOW_DAYS)
            got = _between(rows, bday - window, bday + window)
            unmet: Status | None = None if got else _status(bday, today, day.soon)
            checks.append(PeriodCheck(f"{bday.isoformat()} birthday", bday - window, bday + window, got, 1,
                                      bool(got), unmet, "met" if got else "short"))
            if unmet is not None:
                items.append(Item(unmet, *head, bday, *tail, bday - window, bday + window, 0, needed))
    elif per is not None:
        prev = day.previous[per]
        if prev is not None:
            if not pairing.active_on(prev.end, child):
                checks.append(PeriodCheck(prev.label, prev.start, prev.end, (), times, False, None,
                                          "not_active_at_end"))
            else:
                got = _between(rows, prev.start, prev.end)
                met = len(got) >= times
                checks.append(PeriodCheck(prev.label, prev.start, prev.end, got, times, met,
                                          None if met else "overdue", "met" if met else "short"))
                if not met:
                    items.append(Item("overdue", *head, prev.end, *tail, prev.start, prev.end, len(got), needed))
        cur = day.current[per]
        if cur is None:
            checks.append(PeriodCheck("", today, today, (), times, False, None, "between_terms"))
        else:
            got = _between(rows, cur.start, cur.end)
            met = len(got) >= times
            cur_status: Status | None = None
            if not met:
                cur_status = "due_soon" if (cur.end - today).days <= day.soon else "pending"
                items.append(Item(cur_status, *head, cur.end, *tail, cur.start, cur.end, len(got), needed))
            checks.append(PeriodCheck(cur.label, cur.start, cur.end, got, times, met, cur_status,
                                      "met" if met else "short"))
    return checks, items


def _owed_months(child: Child, months: Sequence[int], start: date, end: date) -> list[Period]:
    """Months owing a risk assessment whose last day is in ``[start, end]``: the enrolment month
    and each month of ``months`` from enrolment on."""
    enrolled = periods.month_of(child.enrolled)
    owed = {enrolled.start: enrolled}
    for year in range(max(start.year, child.enrolled.year), end.year + 1):
        for month in months:
            first = date(year, month, 1)
            if first >= enrolled.start:
                owed.setdefault(first, periods.month_of(first))
    return sorted((p for p in owed.values() if start <= p.end <= end), key=lambda p: p.start)


def _risk(day: _Day, child: Child) -> tuple[list[PeriodCheck], list[Item]]:
    """The latest owed month already past and the next one, for a child active on the day."""
    today = day.today
    assessed = sorted(a.date for a in child.risk_assessments if a.date <= today)
    owed = _owed_months(child, day.months, child.enrolled, date(today.year + 1, 12, 31))
    past = [p for p in owed if p.end < today]
    coming = [p for p in owed if p.end >= today]
    checks: list[PeriodCheck] = []
    items: list[Item] = []
    for period, upcoming in ((past[-1] if past else None, False), (coming[0] if coming else None, True)):
        if period is None:
            continue
        got = tuple(d for d in assessed if d >= period.start)
        status: Status | None = None
        if not got:
            if not upcoming:
                status = "overdue"
            else:
                status = "due_soon" if (period.end - today).days <= RISK_SOON_DAYS else "pending"
            items.append(Item(status, child.id, None, RISK, period.end, "", (), period.start, period.end, 0, 1))
        checks.append(PeriodCheck(period.label, period.start, period.end, (), 1, bool(got), status,
                                  "met" if got else "short", got))
    return checks, items


def _alerts(child: Child, today: date) -> list[Alert]:
    """Concerns not reported as of ``today`` (a later report did not exist yet then)."""
    return [
        Alert(child.id, concern.type, concern.date, i)
        for i, concern in enumerate(child.concerns)
        if concern.date <= today and (concern.reported is None or concern.reported.date > today)
    ]


def compute_due(records: Records, today: date) -> DueResult:
    """Every item and alert as of ``today``, most urgent first."""
    program = records.program
    if program is None:
        return DueResult(today, [], [])
    day = _Day.of(records, program, today)
    items: list[Item] = []
    alerts: list[Alert] = []
    for pairing in records.pairings.values():
        child = records.children.get(pairing.child)
        if child is None or not pairing.active_on(today, child):
            continue
        for rule in rules_for(program, pairing):
            items.extend(_evaluate(day, pairing, child, rule)[1])
    for child in records.children.values():
        if child.active_on(today):
            items.extend(_risk(day, child)[1])
            alerts.extend(_alerts(child, today))
    items.sort(key=_key)
    alerts.sort(key=lambda a: (a.date, a.child, a.index))
    return DueResult(today, items, alerts)


def _most_urgent(items: list[Item]) -> Item | None:
    return min(items, key=_key) if items else None


def _explain_pairing(day: _Day, program: Program, pairing: Pairing, child: Child | None) -> list[RuleExplanation]:
    out = []
    active = child is not None and pairing.active_on(day.today, child)
    for rule in rules_for(program, pairing):
        if child is None or not active:
            check = PeriodCheck("", day.today, day.today, (), rule.times, False, None, "not_active")
            out.append(RuleExplanation(pairing.id, pairing.child, rule, rule.id, (check,), None))
            continue
        checks, items = _evaluate(day, pairing, child, rule)
        out.append(RuleExplanation(pairing.id, child.id, rule, rule.id, tuple(checks), _most_urgent(items)))
    return out


def explain(records: Records, today: date, record_id: str) -> list[RuleExplanation]:
    """Why each duty of a pairing (or of a child's active pairings, and its risk
    assessment) stands as it does. ``item`` is the most urgent item the rule gives."""
    program = records.program
    pairing = records.pairings.get(record_id)
    child = records.children.get(record_id)
    if pairing is None and child is None:
        raise KeyError(record_id)
    if program is None:
        return []
    day = _Day.of(records, program, today)
    if pairing is not None:
        return _explain_pairing(day, program, pairing, records.children.get(pairing.child))
    assert child is not None
    out: list[RuleExplanation] = []
    for p in sorted(records.pairings.values(), key=lambda p: p.id):
        if p.child == child.id and p.active_on(today, child):
            out.extend(_explain_pairing(day, program, p, child))
    if child.active_on(today):
        checks, items = _risk(day, child)
        out.append(RuleExplanation(None, child.id, None, RISK, tuple(checks), _most_urgent(items)))
    else:
        check = PeriodCheck("", today, today, (), 1, False, None, "not_active")
        out.append(RuleExplanation(None, child.id, None, RISK, (check,), None))
    return out


def _rule_obligations(pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
                      terms: list[Period], start: date, end: date) -> Iterator[Obligation]:
    helpers = tuple(pairing.helpers)

    def ob(due: date, met_on: date | None) -> Obligation:
        return Obligation(pairing.id, child.id, rule.id, rule.name, helpers, due, met_on is not None, met_on)

    if rule.within_days is not None:
        # One obligation per gap: from the pairing's start or a contact to the next contact.
        step = timedelta(days=rule.within_days)
        base = pairing.start
        for contact in [*rows, None]:
            if contact is not None and contact.date <= base:
                continue  # before the start, or a second contact on the same day
            due = base + step
            if due > end and (contact is None or contact.date > end):
                break
            met = contact is not None and contact.date <= due
            if start <= due <= end and pairing.active_on(due, child):
                yield ob(due, contact.date if met and contact is not None else None)
            if contact is None:
                break
            base = contact.date
    elif rule.per == "birthday":
        if child.birth_date is None:
            return
        window = timedelta(days=BIRTHDAY_WINDOW_DAYS)
        for bday in periods.birthdays_between(child.birth_date, start - window, end - window):
            if pairing.active_on(bday, child):
                got = _between(rows, bday - window, bday + window)
                yield ob(bday + window, got[0].date if got else None)
    elif rule.per is not None:
        for period in periods.ending_in(rule.per, start, end, terms):
            if pairing.active_on(period.end, child):
                got = _between(rows, period.start, period.end)
                yield ob(period.end, got[rule.times - 1].date if len(got) >= rule.times else None)


def obligations(records: Records, start: date, end: date) -> list[Obligation]:
    """Every obligation due in ``[start, end]`` and whether it was met (contacts after ``end``
    ignored), for term reports. Sorted by due day, child, pairing, duty."""
    program = records.program
    if program is None or start > end:
        return []
    terms = periods.sorted_terms(program.terms)
    months = sorted(set(program.risk_assessment_months))
    index = _by_day(records.contacts, end)
    out: list[Obligation] = []
    for pairing in records.pairings.values():
        child = records.children.get(pairing.child)
        if child is None:
            continue
        for rule in rules_for(program, pairing):
            rows = _qualifying(index.get(pairing.id, ()), frozenset(rule.kinds))
            out.extend(_rule_obligations(pairing, child, rule, rows, terms, start, end))
    for child in records.children.values():
        assessed = sorted(a.date for a in child.risk_assessments if a.date <= end)
        for period in _owed_months(child, months, start, end):
            if child.active_on(period.end):
                met_on = next((d for d in assessed if d >= period.start), None)
                out.append(Obligation(None, child.id, RISK, "", (), period.end, met_on is not None, met_on))
    out.sort(key=lambda o: (o.due, o.child, o.pairing or "", o.duty))
    return out
