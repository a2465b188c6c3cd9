"""What is fixed for one run of the rules: the day, its periods, the contact index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from liushou_cli.duties.items import Status
from liushou_cli.duties.periods import Period
from liushou_cli.model import Contact, Rule


@dataclass(frozen=True)
class Day:
    today: date
    soon: int  # the programme's due_soon_days
    terms: list[Period]
    contacts: dict[str, list[Contact]]  # ``log.by_pairing`` up to ``today``
    current: dict[str, Period | None]  # per ``term``/``month``/``year``: the period holding today
    previous: dict[str, Period | None]  # ... and the one before it
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

    def status(self, due: date) -> Status:
        """Overdue after ``due``; due soon within ``soon`` days of it; else pending."""
        if self.today > due:
            return "overdue"
        return "due_soon" if (due - self.today).days <= self.soon else "pending"
