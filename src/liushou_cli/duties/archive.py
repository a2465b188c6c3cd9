"""Archive verification (动态排查 / 档案信息更新, RECORDS.md 1.1 "Archive verification").

000 方案3 asks for a monthly "档案信息更新", 004 for "建立动态排查报告制度，随时更新信息"
and "电子档案、纸质档案和实际情况完全相符". With ``verify_archive: month | term`` every
child active on the day owes the coordinator a ``per`` rule of that period (duty
``verify_archive``, no pairing), met by a day in the child's ``verified``; the previous
period only if the child was active on its last day. Counted by ``per_period.count``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from liushou_cli.duties import per_period, periods
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import VERIFY, Item, Obligation
from liushou_cli.duties.reasons import PeriodCheck, Reason
from liushou_cli.model import Child


def verified_until(child: Child, day: date) -> list[date]:
    """The child's ``verified`` days up to ``day``, oldest first."""
    found = [d for d in child.verified if d <= day]
    if any(a > b for a, b in zip(found, found[1:], strict=False)):
        found.sort()
    return found


def owed(day: Day, per: str, child: Child, items: list[Item], checks: list[PeriodCheck] | None = None) -> None:
    """Add the verification items of a child active on the day (``per``: month or term)."""
    prev = day.previous[per]
    not_owed: Reason | None = None
    if prev is not None and not child.active_on(prev.end):
        not_owed = "not_active_at_end"
    days = verified_until(child, day.today) if child.verified else []
    per_period.count(day, per, 1, days, True, not_owed, child.id, None, VERIFY, "", (), items, checks)


def obligations(child: Child, per: str, terms: list[periods.Period], start: date,
                end: date) -> Iterator[Obligation]:
    """Each period ending in ``[start, end]`` the child was active at the end of, met on the
    first ``verified`` day in it."""
    days = verified_until(child, end)
    for period in periods.ending_in(per, start, end, terms):
        if child.active_on(period.end):
            met_on = next((d for d in days if period.start <= d <= period.end), None)
            yield Obligation(pairing=None, child=child.id, duty=VERIFY, rule_name="", helpers=(), due=period.end,
                             met=met_on is not None, met_on=met_on)
