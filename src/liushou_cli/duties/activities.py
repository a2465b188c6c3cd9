"""Group activities as the rules read them (RECORDS.md 1.1), and the programme's own duties.

``counts_as``: an activity counts, on its date, as one contact of those kinds for each
pairing of each listed child active on that date, as if a row with ``helper`` empty were
in the contact log. ``contacts_of`` makes those rows, each carrying the activity's id, so
every reader of the log (due, explain, obligations, quiet pairings, the helper
evaluation) counts them the same way and ``explain`` can name the activity.

Programme duties (``program_duties``): a ``per`` rule of a pairing that started on the
first day of the earliest term and never ends, counting activities of its kinds. An
activity is read as a one-kind log row of no pairing (``program_log``), so the periods,
the counting and ``explain``'s reasons are the same as for a pairing's rule.
"""

from __future__ import annotations

from bisect import insort_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from liushou_cli.duties import periods
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import Item, Status, new_item
from liushou_cli.duties.log import between, date_of, span
from liushou_cli.duties.periods import Period
from liushou_cli.duties.reasons import PeriodCheck, no_period
from liushou_cli.model import Activity, Contact, Pairing, Program, ProgramRule
from liushou_cli.presets import PROGRAM_PRESETS
from liushou_cli.vocab import ACTIVITY_KINDS, CONTACT_KINDS

if TYPE_CHECKING:
    from liushou_cli.records.loaded import Records

def _place(records: Records, activity: Activity) -> tuple[str, int]:
    """The activity's file and the line of its id, looked up once an activity."""
    located = records.located("activities", activity.id)
    return located.path, located.at(("id",))[0]


def _row(activity: Activity, pairing: str, kinds: tuple[str, ...], place: tuple[str, int]) -> Contact:
    # positional, in ``Contact``'s field order: a few hundred activities make thousands of rows
    return Contact(activity.date, pairing, kinds, None, None, None, activity.name, place[0], place[1], (), None,
                   activity.id)


def contacts_of(records: Records) -> list[Contact]:
    """The contacts the activities give (``counts_as``), oldest first; [] when no activity
    gives any, without looking at a pairing."""
    giving = [a for a in records.activities.values() if a.counts_as and a.children]
    if not giving:
        return []
    pairings: dict[str, list[Pairing]] = defaultdict(list)
    for pairing in records.pairings.values():
        pairings[pairing.child].append(pairing)
    out: list[Contact] = []
    for activity in sorted(giving, key=lambda a: (a.date, a.id)):
        kinds = tuple(k for k in dict.fromkeys(activity.counts_as) if k in CONTACT_KINDS)
        if not kinds:
            continue  # only unknown kinds: ``check`` names them
        place = _place(records, activity)
        day = activity.date
        for cid in dict.fromkeys(activity.children):
            theirs = pairings.get(cid)
            if theirs is None:
                continue
            child = records.children.get(cid)
            for pairing in theirs:
                if pairing.active_on(day, child):
                    out.append(_row(activity, pairing.id, kinds, place))
    return out


def counted(records: Records) -> list[Contact]:
    """The contact log and the contacts activities give: every contact the rules count."""
    extra = contacts_of(records)
    return [*records.contacts, *extra] if extra else records.contacts


def with_activity_rows(index: dict[str, list[Contact]], extra: Sequence[Contact], until: date) -> None:
    """Add the activities' contacts up to ``until`` to ``log.by_pairing``'s ``index``; only
    each row goes in its place by date (same-day log rows first)."""
    for contact in extra:
        if contact.date <= until:
            rows = index.get(contact.pairing)
            if rows is None:
                index[contact.pairing] = [contact]
            else:  # after the same day's log rows, as a stable sort would put it
                insort_right(rows, contact, key=date_of)


# -- programme duties ----------------------------------------------------------------


def program_rules(program: Program) -> list[ProgramRule]:
    """``program_duties`` with every preset name replaced by its rules (an unknown name gives
    none: ``check`` reports it); a rule id given twice is kept once, the first."""
    duties = program.program_duties
    entries = [duties] if isinstance(duties, str) else duties
    found: dict[str, ProgramRule] = {}
    for entry in entries:
        rules = PROGRAM_PRESETS[entry].rules if isinstance(entry, str) and entry in PROGRAM_PRESETS else \
            () if isinstance(entry, str) else (entry,)
        for rule in rules:
            found.setdefault(rule.id, rule)
    return list(found.values())


def program_start(program: Program) -> date | None:
    """When the programme's duties begin: the first day of its earliest term (None: no terms)."""
    return min((t.start for t in program.terms), default=None)


def program_log(records: Records, until: date = date.max) -> list[Contact]:
    """Every activity up to ``until`` as a row of its kind, oldest first (same day: by id)."""
    out = []
    for activity in sorted(records.activities.values(), key=lambda a: (a.date, a.id)):
        if activity.date <= until:
            kinds = (activity.kind,) if activity.kind in ACTIVITY_KINDS else ()
            out.append(_row(activity, "", kinds, _place(records, activity)))
    return out


def _kinds_of(rule: ProgramRule) -> frozenset[str]:
    return frozenset(rule.activities)


def _counting(rows: Sequence[Contact], kinds: frozenset[str]) -> list[Contact]:
    return [c for c in rows if not kinds.isdisjoint(c.kinds)]


def _check(per: str, period: Period, got: Sequence[Contact], times: int, status: Status | None) -> PeriodCheck:
    met = len(got) >= times
    return PeriodCheck(frame=per, period=period.label, start=period.start, end=period.end,  # type: ignore[arg-type]
                       contacts=tuple(got), needed=times, met=met, status=status, reason="met" if met else "short")


def owed(day: Day, start: date, rule: ProgramRule, rows: Sequence[Contact], items: list[Item],
         checks: list[PeriodCheck] | None = None) -> None:
    """A programme duty's items on ``day`` (``rows``: activities of its kinds up to the day),
    as ``per_period.owed`` for a pairing active from ``start`` on."""
    per, times = rule.per, rule.times
    if day.today < start:
        if checks is not None:
            checks.append(no_period(day.today, times, "not_active"))
        return
    prev = day.previous[per]
    if prev is not None:
        if prev.end < start:
            if checks is not None:
                checks.append(PeriodCheck(frame=per, period=prev.label, start=prev.start, end=prev.end,
                                          contacts=(), needed=times, met=False, status=None,
                                          reason="not_active_at_end"))
        else:
            got = between(rows, prev.start, prev.end)
            met = len(got) >= times
            if checks is not None:
                checks.append(_check(per, prev, got, times, None if met else "overdue"))
            if not met:
                items.append(_item("overdue", rule, prev, len(got)))
    cur = day.current[per]
    if cur is None:
        if checks is not None:
            checks.append(no_period(day.today, times, "between_terms"))
        return
    lo, hi = span(rows, cur.start, cur.end)
    status: Status | None = None
    if hi - lo < times:
        status = "due_soon" if (cur.end - day.today).days <= day.soon else "pending"
        items.append(_item(status, rule, cur, hi - lo))
    if checks is not None:
        checks.append(_check(per, cur, rows[lo:hi], times, status))


def _item(status: Status, rule: ProgramRule, period: Period, done: int) -> Item:
    return new_item(status=status, child=None, pairing=None, duty=rule.id, due=period.end, rule_name=rule.name,
                    helpers=(), period_start=period.start, period_end=period.end, done=done, needed=rule.times)


def program_items(records: Records, day: Day) -> list[Item]:
    """Every programme duty's items on the day."""
    program = records.program
    if program is None or not program.program_duties:
        return []
    start = program_start(program)
    rules = program_rules(program)
    if start is None or not rules:
        return []
    log = program_log(records, day.today)
    items: list[Item] = []
    for rule in rules:
        owed(day, start, rule, _counting(log, _kinds_of(rule)), items)
    return items


class ProgramObligation(NamedTuple):
    """One period of a programme duty that ended in a report's span, and how it came out."""

    duty: str
    rule_name: str
    period: str  # the period's id: "2026-11", "2026", a term's id
    start: date
    due: date
    needed: int
    done: int  # activities of its kinds in the period, up to the report's end
    met_on: date | None  # the day of the activity that made ``needed``

    @property
    def met(self) -> bool:
        return self.met_on is not None


def program_obligations(records: Records, start: date, end: date) -> list[ProgramObligation]:
    """Every programme-duty period ending in ``[start, end]`` (activities after ``end``
    ignored), by due day then duty."""
    program = records.program
    if program is None or start > end:
        return []
    first = program_start(program)
    if first is None:
        return []
    terms = periods.sorted_terms(program.terms)
    log = program_log(records, end)
    out: list[ProgramObligation] = []
    for rule in program_rules(program):
        rows = _counting(log, _kinds_of(rule))
        for period in periods.ending_in(rule.per, start, end, terms):
            if period.end < first:
                continue
            got = between(rows, period.start, period.end)
            met_on = got[rule.times - 1].date if len(got) >= rule.times else None
            out.append(ProgramObligation(rule.id, rule.name, period.label, period.start, period.end,
                                         rule.times, len(got), met_on))
    out.sort(key=lambda o: (o.due, o.duty))
    return out


def held(records: Records, start: date, end: date) -> Iterator[Activity]:
    """The activities dated in ``[start, end]``, oldest first."""
    for activity in sorted(records.activities.values(), key=lambda a: (a.date, a.id)):
        if start <= activity.date <= end:
            yield activity
