"""The rule "spend the child's birthday with them" (``per: birthday``).

Which birthday counts (``birthday_that_counts``; 29 February in other years) and how
near a contact must be (``BIRTHDAY_WINDOW_DAYS``) are here too (docs/duties.md,
"生日前后"; interpretation 5).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from liushou_cli.duties.day import Day
from liushou_cli.duties.items import Item, Obligation, new_item
from liushou_cli.duties.log import between, span
from liushou_cli.duties.reasons import PeriodCheck, no_period
from liushou_cli.model import Child, Contact, Pairing, Rule

BIRTHDAY_LOOKBACK_DAYS = 30  # a birthday this recent still "counts" (contract)
BIRTHDAY_WINDOW_DAYS = 14  # a contact this close to the birthday meets it (contract)
WINDOW = timedelta(days=BIRTHDAY_WINDOW_DAYS)


def birthday_in(birth: date, year: int) -> date:
    """The birthday in ``year``; 29 February counts as 28 February in other years."""
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return birth.replace(year=year)


def birthday_that_counts(birth: date, day: date, not_before: date | None = None) -> date | None:
    """The last birthday if it fell in the 30 days before ``day``, else the next one.

    ``not_before`` (the pairing's start) drops a recent birthday the pairing did
    not yet exist for: then the next one counts. None for a birth date after ``day``.
    """
    if birth > day:
        return None
    this_year = birthday_in(birth, day.year)
    last = this_year if this_year < day else birthday_in(birth, day.year - 1)
    if last > birth and (day - last).days <= BIRTHDAY_LOOKBACK_DAYS and (
        not_before is None or last >= not_before
    ):
        return last
    if this_year >= day and this_year > birth:
        return this_year
    return birthday_in(birth, day.year + 1)


def birthdays_between(birth: date, start: date, end: date) -> Iterator[date]:
    """Every birthday (after birth itself) falling in ``[start, end]``."""
    for year in range(max(start.year, birth.year + 1), end.year + 1):
        day = birthday_in(birth, year)
        if start <= day <= end:
            yield day


def owed(day: Day, pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
         helpers: tuple[str, ...], items: list[Item], checks: list[PeriodCheck] | None) -> None:
    """Add the rule's item on ``day``, if the birthday that counts is not met, to ``items``."""
    birth = child.birth_date
    bday = birthday_that_counts(birth, day.today, pairing.start) if birth else None
    if bday is None:
        if checks is not None:
            checks.append(no_period(day.today, 1, "no_birth_date"))
        return
    lo, hi = span(rows, bday - WINDOW, bday + WINDOW)
    met = hi > lo
    status = None if met else day.status(bday)
    if checks is not None:
        checks.append(PeriodCheck(frame="birthday", period=bday.isoformat(), start=bday - WINDOW,
                                  end=bday + WINDOW, contacts=tuple(rows[lo:hi]), needed=1, met=met,
                                  status=status, reason="met" if met else "short"))
    if status is not None:
        items.append(new_item(status=status, child=child.id, pairing=pairing.id, duty=rule.id, due=bday,
                          rule_name=rule.name, helpers=helpers, period_start=bday - WINDOW,
                          period_end=bday + WINDOW, done=0, needed=1))


def obligations(pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
                start: date, end: date) -> Iterator[Obligation]:
    """Each birthday whose window closes in ``[start, end]``, the pairing active on the day."""
    if child.birth_date is None:
        return
    for bday in birthdays_between(child.birth_date, start - WINDOW, end - WINDOW):
        if pairing.active_on(bday, child):
            got = between(rows, bday - WINDOW, bday + WINDOW)
            yield Obligation.of(pairing, child, rule, bday + WINDOW, got[0].date if got else None)
