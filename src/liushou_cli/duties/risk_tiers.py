"""The rules of a child's risk level (分类施策, RECORDS.md 1.1 "Risk-tiered duties").

004: "根据留守儿童家庭基本情况和监护、生活、学习、安全、身心健康等信息进行筛查，分类施策".
A child's level on a day is that of its latest risk assessment dated on or before it
(ties: the last one written); the rules of ``risk_duties`` for that level apply to every
pairing of the child active on the day, on top of its duties. They are ordinary rules,
run by ``per_period``, ``within_days`` and ``birthday``, with two differences: a
``within_days`` gap runs from the assessment that *set* the level (the earliest of the
latest unbroken run at that level), and a previous period is owed only if the child was
at the same level on its last day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple

from liushou_cli.duties import birthday, per_period, periods, within_days
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import Item, Obligation
from liushou_cli.duties.log import qualifying
from liushou_cli.duties.reasons import PeriodCheck
from liushou_cli.model import Child, Contact, Pairing, Program, Rule

Run = tuple[date, str]  # the first day of an unbroken run of assessments at one level, and the level


def runs(child: Child, until: date) -> tuple[Run, ...]:
    """The child's levels over time from its assessments dated up to ``until``: each run of
    assessments at one level by its first assessment's day, oldest first. Assessments of
    one day count in the order written, so the last one written is the day's level."""
    dated = sorted((a for a in child.risk_assessments if a.date <= until), key=lambda a: a.date)  # stable
    out: list[Run] = []
    for assessment in dated:
        if not out or out[-1][1] != assessment.level:
            out.append((assessment.date, assessment.level))
    return tuple(out)


def level_in(found: Sequence[Run], day: date) -> str | None:
    """The level on ``day`` from ``runs``: that of the last run begun on or before it."""
    i = bisect_right(found, day, key=lambda run: run[0]) - 1
    return found[i][1] if i >= 0 else None


def level_on(child: Child, day: date) -> str | None:
    """The child's level on ``day``: that of its latest assessment dated on or before it."""
    return level_in(runs(child, day), day)


class Tier(NamedTuple):
    """A child's level on the day and what it brings: the rules, and the assessment that
    set the level (its day); ``runs`` answer "at this level on that day?"."""

    level: str
    since: date  # the day of the assessment that set the level
    rules: Sequence[Rule]
    runs: tuple[Run, ...]

    def held(self, day: date) -> bool:
        """Whether the child was at this tier's level on ``day``."""
        return level_in(self.runs, day) == self.level


def tier(program: Program, child: Child, today: date) -> Tier | None:
    """The child's tier on ``today``, or None when its level (or no level) brings no rules."""
    if program.risk_duties is None or not child.risk_assessments:
        return None
    found = runs(child, today)
    if not found:
        return None
    since, level = found[-1]
    rules = program.risk_duties.of(level)
    return Tier(level, since, rules, found) if rules else None


def owed(day: Day, pairing: Pairing, child: Child, found: Tier, items: list[Item],
         checks: list[PeriodCheck] | None = None, rules: Sequence[Rule] | None = None) -> None:
    """Add the items of the tier's rules (or of ``rules``, one of them for ``explain``) for a
    pairing active on the day."""
    log = day.contacts.get(pairing.id, ())
    helpers = tuple(pairing.helpers)
    active_at: dict[date, bool] = {}
    for rule, kinds in day.with_kinds(found.rules if rules is None else rules):
        rows = qualifying(log, kinds)
        if rule.within_days is not None:
            within_days.owed(day, pairing, child, rule, rows, helpers, items, checks, since=found.since)
        elif rule.per == "birthday":
            birthday.owed(day, pairing, child, rule, rows, helpers, items, checks)
        elif rule.per is not None:
            per_period.owed(day, pairing, child, rule, rows, helpers, active_at, items, checks, held=found.held)


def obligations(program: Program, pairing: Pairing, child: Child, rows_of: dict[str, list[Contact]],
                terms: list[periods.Period], start: date, end: date) -> Iterator[Obligation]:
    """The obligations in ``[start, end]`` of every rule of every level the child was at
    (term reports): a period is owed when the child was at the level on its last day; a
    ``within_days`` gap runs from the start of a run at the level, and ends with the run."""
    risk = program.risk_duties
    if risk is None or not child.risk_assessments:
        return
    found = runs(child, end)
    log = rows_of.get(pairing.id, [])
    for i, (since, level) in enumerate(found):
        until = found[i + 1][0] if i + 1 < len(found) else None
        for rule in risk.of(level):
            rows = qualifying(log, frozenset(rule.kinds))
            if rule.within_days is not None:
                yield from within_days.obligations(pairing, child, rule, rows, start, end, since=since, until=until)
            else:
                shaped = (birthday.obligations(pairing, child, rule, rows, start, end) if rule.per == "birthday"
                          else per_period.obligations(pairing, child, rule, rows, terms, start, end))
                yield from (o for o in shaped if since <= o.due and (until is None or o.due < until))
