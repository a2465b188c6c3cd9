"""What is due on a day: the contract's "What is due" rules, computed from records.

Pure: reads only the records' data, does no I/O and no translation. Presenters
(``liushou due``, ``explain``, ``remind``, term reports) translate codes and names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from liushou_cli import collector
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


# ``Item(...)`` runs the named tuple's generated ``__new__``, a Python call; a county's run
# makes 66,000 items, and this makes the same tuple in C at half the cost.
_item: Callable[[tuple[Any, ...]], Item] = partial(tuple.__new__, Item)


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
    """Contacts up to ``until`` grouped by their ``pairing`` column, oldest first (one pass).

    Logs are usually kept in date order: then no list needs sorting."""
    index: dict[str, list[Contact]] = defaultdict(list)
    in_order, last = True, date.min
    for contact in contacts:
        day = contact.date
        if day <= until:
            index[contact.pairing].append(contact)
            if day < last:
                in_order = False
            last = day
    if not in_order:
        for rows in index.values():
            rows.sort(key=_date_of)  # stable: same-day contacts keep their file order
    return index


def _qualifying(rows: Sequence[Contact], kinds: frozenset[str]) -> Sequence[Contact]:
    if not rows:
        return rows
    if len(kinds) == 1:  # most rules: a membership test beats a set method call
        (kind,) = kinds
        return [c for c in rows if kind in c.kinds]
    return [c for c in rows if not kinds.isdisjoint(c.kinds)]


def _span(rows: Sequence[Contact], start: date, end: date) -> tuple[int, int]:
    """Where the contacts dated in ``[start, end]`` lie in a date-sorted list."""
    if not rows:
        return 0, 0
    lo = bisect_left(rows, start, key=_date_of)
    return lo, bisect_right(rows, end, lo, key=_date_of)


def _between(rows: Sequence[Contact], start: date, end: date) -> tuple[Contact, ...]:
    """The contacts of a date-sorted list dated in ``[start, end]``."""
    lo, hi = _span(rows, start, end)
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
    contacts: dict[str, list[Contact]]
    current: dict[str, Period | None]
    previous: dict[str, Period | None]
    rules: dict[int, tuple[Sequence[Rule], list[tuple[Rule, frozenset[str]]]]]  # see with_kinds
    # first days of the programme's risk-assessment months: the last before the day's month
    # (this year or last) and the first from it on (this year or next); same for every child
    owed: tuple[date | None, date | None]

    def with_kinds(self, rules: Sequence[Rule]) -> list[tuple[Rule, frozenset[str]]]:
        """Each rule with its kinds as a set, made once per list of rules (most pairings share
        one); the list is kept with them, so its id stays its own."""
        found = self.rules.get(id(rules))
        if found is None:
            found = self.rules[id(rules)] = (rules, [(rule, frozenset(rule.kinds)) for rule in rules])
        return found[1]

    @classmethod
    def of(cls, records: Records, program: Program, today: date) -> _Day:
        terms = periods.sorted_terms(program.terms)
        pers = ("term", "month", "year")
        months = sorted(set(program.risk_assessment_months))
        this_month = today.replace(day=1)
        years = range(max(today.year - 1, 1), today.year + 2)
        firsts = [date(year, month, 1) for year in years for month in months]
        owed = (max((f for f in firsts if f < this_month), default=None),
                min((f for f in firsts if f >= this_month), default=None))
        return cls(today, program.due_soon_days, terms, _by_day(records.contacts, today),
                   {per: periods.current(per, today, terms) for per in pers},
                   {per: periods.previous(per, today, terms) for per in pers}, {}, owed)


def _evaluate(day: _Day, pairing: Pairing, child: Child, rules: Sequence[Rule],
              checks: list[PeriodCheck] | None = None) -> list[Item]:
    """The items of ``rules`` of one pairing active on ``day.today``.

    ``checks`` collects the periods behind them for ``explain`` (one rule at a time);
    ``compute_due`` passes none, so a county's run does not build 75,000 checks nobody
    reads. All of a pairing's rules in one call: its log, helpers and whether it was
    active when a previous period ended are looked up once, not once per rule."""
    log = day.contacts.get(pairing.id, ())
    helpers = tuple(pairing.helpers)
    today, soon = day.today, day.soon
    active_at: dict[date, bool] = {}
    items: list[Item] = []
    for rule, kinds in day.with_kinds(rules):
        rows = _qualifying(log, kinds)
        per, times, within, rid, name = rule.per, rule.times, rule.within_days, rule.id, rule.name
        if within is not None:
            last = rows[-1] if rows and rows[-1].date >= pairing.start else None
            base = last.date if last is not None else pairing.start
            due = base + timedelta(days=within)
            status = _status(due, today, soon)
            lo, hi = _span(rows, today - timedelta(days=within - 1), today)
            if checks is not None:
                checks.append(PeriodCheck("window", base, due, (last,) if last else (), 1, status != "overdue",
                                          status, "window"))
            needed = times if per in ("term", "month", "year") else 1  # 1 for a valid rule
            items.append(_item((status, child.id, pairing.id, rid, due, name, helpers, None, None, hi - lo,
                                needed)))
        elif per == "birthday":
            birth = child.birth_date
            bday = periods.birthday_that_counts(birth, today, pairing.start) if birth else None
            if bday is None:
                if checks is not None:
                    checks.append(PeriodCheck("", today, today, (), 1, False, None, "no_birth_date"))
                continue
            window = timedelta(days=BIRTHDAY_WINDOW_DAYS)
            lo, hi = _span(rows, bday - window, bday + window)
            unmet: Status | None = None if hi > lo else _status(bday, today, soon)
            if checks is not None:
                checks.append(PeriodCheck(f"{bday.isoformat()} birthday", bday - window, bday + window,
                                          tuple(rows[lo:hi]), 1, hi > lo, unmet, "met" if hi > lo else "short"))
            if unmet is not None:
                items.append(_item((unmet, child.id, pairing.id, rid, bday, name, helpers, bday - window,
                                    bday + window, 0, 1)))
        elif per is not None:
            prev = day.previous[per]
            if prev is not None:
                active = active_at.get(prev.end)
                if active is None:
                    active = active_at[prev.end] = pairing.active_on(prev.end, child)
                if not active:
                    if checks is not None:
                        checks.append(PeriodCheck(prev.label, prev.start, prev.end, (), times, False, None,
                                                  "not_active_at_end"))
                else:
                    lo, hi = _span(rows, prev.start, prev.end)
                    met = hi - lo >= times
                    if checks is not None:
                        checks.append(PeriodCheck(prev.label, prev.start, prev.end, tuple(rows[lo:hi]), times,
                                                  met, None if met else "overdue", "met" if met else "short"))
                    if not met:
                        items.append(_item(("overdue", child.id, pairing.id, rid, prev.end, name, helpers,
                                            prev.start, prev.end, hi - lo, times)))
            cur = day.current[per]
            if cur is None:
                if checks is not None:
                    checks.append(PeriodCheck("", today, today, (), times, False, None, "between_terms"))
                continue
            lo, hi = _span(rows, cur.start, cur.end)
            met = hi - lo >= times
            cur_status: Status | None = None
            if not met:
                cur_status = "due_soon" if (cur.end - today).days <= soon else "pending"
                items.append(_item((cur_status, child.id, pairing.id, rid, cur.end, name, helpers,
                                    cur.start, cur.end, hi - lo, times)))
            if checks is not None:
                checks.append(PeriodCheck(cur.label, cur.start, cur.end, tuple(rows[lo:hi]), times, met,
                                          cur_status, "met" if met else "short"))
    return items


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


def _owed_around(day: _Day, child: Child) -> tuple[Period | None, Period | None]:
    """The latest owed month already past on the day and the next one (by the end of next year):
    ``_owed_months`` since enrolment, without building every year of it for 10,000 children.

    A month is past when it is before the day's month. The enrolment month is owed too;
    every other owed month is one of ``day.owed`` at or after it."""
    enrolled = child.enrolled.replace(day=1)
    this_month = day.today.replace(day=1)
    if enrolled >= this_month:  # enrolled this month: nothing past yet
        return None, periods.month_of(enrolled)
    before, after = day.owed
    past = before if before is not None and before >= enrolled else enrolled
    return periods.month_of(past), (periods.month_of(after) if after is not None else None)


def _risk(day: _Day, child: Child, checks: list[PeriodCheck] | None = None) -> list[Item]:
    """The latest owed month already past and the next one, for a child active on the day."""
    today = day.today
    assessed = [a.date for a in child.risk_assessments if a.date <= today]
    latest = max(assessed, default=None)
    items: list[Item] = []
    past, coming = _owed_around(day, child)
    for period, upcoming in ((past, False), (coming, True)):
        if period is None:
            continue
        met = latest is not None and latest >= period.start
        status: Status | None = None
        if not met:
            if not upcoming:
                status = "overdue"
            else:
                status = "due_soon" if (period.end - today).days <= RISK_SOON_DAYS else "pending"
            items.append(_item((status, child.id, None, RISK, period.end, "", (), period.start, period.end, 0, 1)))
        if checks is not None:
            got = tuple(sorted(d for d in assessed if d >= period.start))
            checks.append(PeriodCheck(period.label, period.start, period.end, (), 1, met, status,
                                      "met" if met else "short", got))
    return items


def _alerts(child: Child, today: date) -> list[Alert]:
    """Concerns not reported as of ``today`` (a later report did not exist yet then)."""
    return [
        Alert(child.id, concern.type, concern.date, i)
        for i, concern in enumerate(child.concerns)
        if concern.date <= today and (concern.reported is None or concern.reported.date > today)
    ]


FREEZE_FROM = 10_000  # results this large live as long as the command: never walked by the collector again


def compute_due(records: Records, today: date) -> DueResult:
    """Every item and alert as of ``today``, most urgent first."""
    program = records.program
    if program is None:
        return DueResult(today, [], [])
    with collector.paused() as pause:  # a county's run makes 66,000 items, no cycles among them
        result = _due(records, program, today)
        pause.freeze = len(result.items) >= FREEZE_FROM
    return result


def _due(records: Records, program: Program, today: date) -> DueResult:
    day = _Day.of(records, program, today)
    items: list[Item] = []
    alerts: list[Alert] = []
    for pairing in records.pairings.values():
        child = records.children.get(pairing.child)
        if child is None or not pairing.active_on(today, child):
            continue
        items.extend(_evaluate(day, pairing, child, rules_for(program, pairing)))
    for child in records.children.values():
        if child.active_on(today):
            items.extend(_risk(day, child))
            if child.concerns:
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
        checks: list[PeriodCheck] = []
        items = _evaluate(day, pairing, child, (rule,), checks)
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
        checks: list[PeriodCheck] = []
        items = _risk(day, child, checks)
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
    with collector.paused() as pause:
        found = _obligations(records, program, start, end)
        pause.freeze = len(found) >= FREEZE_FROM
    return found


def _obligations(records: Records, program: Program, start: date, end: date) -> list[Obligation]:
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
