"""The child's risk assessment (风险评估): owed in the enrolment month and in each of the
programme's ``risk_assessment_months`` since (docs/duties.md, "风险评估"; interpretation 6).

An assessment dated on or after an owed month's first day (up to the day) meets it, late
ones too. Only the latest owed month already past and the next one give items.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from liushou_cli.duties import periods
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import RISK, Item, Obligation, Status, new_item
from liushou_cli.duties.periods import Period
from liushou_cli.duties.reasons import PeriodCheck
from liushou_cli.model import Child

SOON_DAYS = 14  # fixed by the contract, not the programme's due_soon_days


def first_days_around(months: Sequence[int], today: date) -> tuple[date | None, date | None]:
    """First days of the programme's assessment months: the last before ``today``'s month
    (this year or last) and the first from it on (this year or next); ``Day.owed``."""
    this_month = today.replace(day=1)
    years = range(max(today.year - 1, 1), today.year + 2)
    firsts = [date(year, month, 1) for year in years for month in sorted(set(months))]
    return (max((f for f in firsts if f < this_month), default=None),
            min((f for f in firsts if f >= this_month), default=None))


def owed_months(child: Child, months: Sequence[int], start: date, end: date) -> list[Period]:
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


def _owed_around(day: Day, child: Child) -> tuple[Period | None, Period | None]:
    """The latest owed month already past on the day and the next one (by the end of next year):
    ``owed_months`` since enrolment, without building every year of it for 10,000 children.

    A month is past when it is before the day's month. The enrolment month is owed too;
    every other owed month is one of ``day.owed`` at or after it."""
    enrolled = child.enrolled.replace(day=1)
    this_month = day.today.replace(day=1)
    if enrolled >= this_month:  # enrolled this month: nothing past yet
        return None, periods.month_of(enrolled)
    before, after = day.owed
    past = before if before is not None and before >= enrolled else enrolled
    return periods.month_of(past), (periods.month_of(after) if after is not None else None)


def owed(day: Day, child: Child, items: list[Item], checks: list[PeriodCheck] | None = None) -> None:
    """Add the items of a child active on the day to ``items`` (and the months to ``checks``)."""
    today = day.today
    assessed = [a.date for a in child.risk_assessments if a.date <= today]
    latest = max(assessed, default=None)
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
                status = "due_soon" if (period.end - today).days <= SOON_DAYS else "pending"
            items.append(new_item(status=status, child=child.id, pairing=None, duty=RISK, due=period.end,
                              rule_name="", helpers=(), period_start=period.start, period_end=period.end,
                              done=0, needed=1))
        if checks is not None:
            got = tuple(sorted(d for d in assessed if d >= period.start))
            checks.append(PeriodCheck(frame="month", period=period.label, start=period.start, end=period.end,
                                      contacts=(), needed=1, met=met, status=status,
                                      reason="met" if met else "short", assessed=got))


def obligations(child: Child, months: Sequence[int], start: date, end: date) -> Iterator[Obligation]:
    """Each owed month ending in ``[start, end]`` the child was active at the end of."""
    assessed = sorted(a.date for a in child.risk_assessments if a.date <= end)
    for period in owed_months(child, months, start, end):
        if child.active_on(period.end):
            met_on = next((d for d in assessed if d >= period.start), None)
            yield Obligation(pairing=None, child=child.id, duty=RISK, rule_name="", helpers=(), due=period.end,
                             met=met_on is not None, met_on=met_on)
