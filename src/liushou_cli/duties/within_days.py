"""The rule "no more than N days between contacts" (``within_days: N``).

Due N days after the last contact of the rule's kinds, or after the pairing's start
if there is none since (docs/duties.md, "滚动间隔"; interpretation 4).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from liushou_cli.duties.day import Day
from liushou_cli.duties.items import Item, Obligation, new_item
from liushou_cli.duties.log import span
from liushou_cli.duties.reasons import PeriodCheck
from liushou_cli.model import Child, Contact, Pairing, Rule


def owed(day: Day, pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
         helpers: tuple[str, ...], items: list[Item], checks: list[PeriodCheck] | None,
         since: date | None = None) -> None:
    """Add the rule's one item on ``day`` to ``items`` (and its gap to ``checks``).

    The gap runs from the last contact on or after ``since`` (default: the pairing's
    start; for a rule of a risk level, the assessment that set the level), else from
    ``since`` itself."""
    within = rule.within_days
    assert within is not None
    start = pairing.start if since is None else since
    last = rows[-1] if rows and rows[-1].date >= start else None
    base = last.date if last is not None else start
    due = base + timedelta(days=within)
    status = day.status(due)
    lo, hi = span(rows, day.today - timedelta(days=within - 1), day.today)
    if checks is not None:
        checks.append(PeriodCheck(frame="window", period="", start=base, end=due,
                                  contacts=(last,) if last else (), needed=1, met=status != "overdue",
                                  status=status, reason="window"))
    needed = rule.times if rule.per in ("term", "month", "year") else 1  # 1 for a valid rule
    items.append(new_item(status=status, child=child.id, pairing=pairing.id, duty=rule.id, due=due,
                      rule_name=rule.name, helpers=helpers, period_start=None, period_end=None,
                      done=hi - lo, needed=needed))


def obligations(pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
                start: date, end: date, since: date | None = None,
                until: date | None = None) -> Iterator[Obligation]:
    """One obligation per gap: from the pairing's start (or ``since``) or a contact to the
    next contact; with ``until``, only gaps due before it (a risk level's run ends then)."""
    assert rule.within_days is not None
    step = timedelta(days=rule.within_days)
    base = pairing.start if since is None else since
    for contact in [*rows, None]:
        if contact is not None and contact.date <= base:
            continue  # before the start, or a second contact on the same day
        due = base + step
        if due > end and (contact is None or contact.date > end):
            break
        if until is not None and due >= until:
            break
        met = contact is not None and contact.date <= due
        if start <= due <= end and pairing.active_on(due, child):
            yield Obligation.of(pairing, child, rule, due, contact.date if met and contact is not None else None)
        if contact is None:
            break
        base = contact.date
