"""The rule "so many contacts each term, month or year" (``per: term | month | year``).

The current period is owed in full by a pairing active on the day; the previous one
only if the pairing was active on its last day (docs/duties.md, "按周期").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from liushou_cli.duties import periods
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import Item, Obligation, Status, new_item
from liushou_cli.duties.log import between, date_of, span
from liushou_cli.duties.periods import Period
from liushou_cli.duties.reasons import PeriodCheck, Reason, no_period
from liushou_cli.model import Child, Contact, Pairing, Rule


def owed(day: Day, pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact],
         helpers: tuple[str, ...], active_at: dict[date, bool], items: list[Item],
         checks: list[PeriodCheck] | None, held: Callable[[date], bool] | None = None) -> None:
    """Add the rule's items on ``day`` to ``items`` (and its periods to ``checks``).

    ``rows``: the pairing's contacts of the rule's kinds up to the day; ``active_at``:
    whether the pairing was active on a day, shared by its rules; ``held``: for a rule of
    a risk level (``risk_tiers``), whether the child was at that level on a day: the
    previous period is owed only if it was on its last day."""
    per = rule.per
    assert per is not None
    prev = day.previous[per]
    not_owed: Reason | None = None
    if prev is not None:
        active = active_at.get(prev.end)
        if active is None:
            active = active_at[prev.end] = pairing.active_on(prev.end, child)
        if not active:
            not_owed = "not_active_at_end"
        elif held is not None and not held(prev.end):
            not_owed = "level_not_held"
    count(day, per, rule.times, rows, False, not_owed, child.id, pairing.id, rule.id, rule.name, helpers,
          items, checks)


def count(day: Day, per: str, times: int, rows: Sequence[Any], dates: bool, not_owed: Reason | None,
          child: str, pairing: str | None, duty: str, rule_name: str, helpers: tuple[str, ...],
          items: list[Item], checks: list[PeriodCheck] | None) -> None:
    """The previous and the current period of ``per`` on the day, counted in ``rows``
    (date-sorted contacts, or plain days when ``dates``: ``archive``'s ``verified``);
    the previous one owed unless ``not_owed`` says why not."""
    prev = day.previous[per]
    key = None if dates else date_of
    if prev is not None:
        if not_owed is not None:
            if checks is not None:
                checks.append(PeriodCheck(frame=per, period=prev.label, start=prev.start, end=prev.end,  # type: ignore[arg-type]
                                          contacts=(), needed=times, met=False, status=None,
                                          reason=not_owed))
        else:
            lo, hi = span(rows, prev.start, prev.end, key)
            met = hi - lo >= times
            if checks is not None:
                checks.append(_check(per, prev, rows[lo:hi], dates, times, None if met else "overdue"))
            if not met:
                items.append(new_item(status="overdue", child=child, pairing=pairing, duty=duty,
                                      due=prev.end, rule_name=rule_name, helpers=helpers, period_start=prev.start,
                                      period_end=prev.end, done=hi - lo, needed=times))
    cur = day.current[per]
    if cur is None:
        if checks is not None:
            checks.append(no_period(day.today, times, "between_terms"))
        return
    lo, hi = span(rows, cur.start, cur.end, key)
    met = hi - lo >= times
    status: Status | None = None
    if not met:
        status = "due_soon" if (cur.end - day.today).days <= day.soon else "pending"
        items.append(new_item(status=status, child=child, pairing=pairing, duty=duty, due=cur.end,
                              rule_name=rule_name, helpers=helpers, period_start=cur.start, period_end=cur.end,
                              done=hi - lo, needed=times))
    if checks is not None:
        checks.append(_check(per, cur, rows[lo:hi], dates, times, status))


def _check(per: str, period: Period, got: Sequence[Any], dates: bool, times: int,
           status: Status | None) -> PeriodCheck:
    met = len(got) >= times
    return PeriodCheck(frame=per, period=period.label, start=period.start, end=period.end,  # type: ignore[arg-type]
                       contacts=() if dates else tuple(got), needed=times, met=met, status=status,
                       reason="met" if met else "short", assessed=tuple(got) if dates else ())


def obligations(pairing: Pairing, child: Child, rule: Rule, rows: Sequence[Contact], terms: list[Period],
                start: date, end: date) -> Iterator[Obligation]:
    """Each period ending in ``[start, end]`` the pairing was active at the end of; met on
    the contact that made ``times``."""
    assert rule.per is not None
    for period in periods.ending_in(rule.per, start, end, terms):
        if pairing.active_on(period.end, child):
            got = between(rows, period.start, period.end)
            yield Obligation.of(pairing, child, rule, period.end,
                                got[rule.times - 1].date if len(got) >= rule.times else None)
