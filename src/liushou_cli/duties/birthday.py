"""The rule "spend the child's birthday with them" (``per: birthday``).

Which birthday counts and how near a contact must be are ``periods.birthday_that_counts``
and ``BIRTHDAY_WINDOW_DAYS`` (docs/duties.md, "生日前后"; interpretation 5).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from liushou_cli.duties import periods
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import Item, Obligation, new_item
from liushou_cli.duties.log import between, span
from liushou_cli.duties.periods import BIRTHDAY_WINDOW_DAYS
from liushou_cli.duties.reasons import PeriodCheck, no_period
from liushou_cli.model import Child, Contact, Pairing, Rule

WINDOW = timedelta(days=BIRTHDAY_WINDOW_DAYS)


def owed(day: Day, pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
         helpers: tuple[str, ...], items: list[Item], checks: list[PeriodCheck] | None) -> None:
    """Add the rule's item on ``day``, if the birthday that counts is not met, to ``items``."""
    birth = child.birth_date
    bday = periods.birthday_that_counts(birth, day.today, pairing.start) if birth else None
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
    for bday in periods.birthdays_between(child.birth_date, start - WINDOW, end - WINDOW):
        if pairing.active_on(bday, child):
            got = between(rows, bday - WINDOW, bday + WINDOW)
            yield Obligation.of(pairing, child, rule, bday + WINDOW, got[0].date if got else None)
