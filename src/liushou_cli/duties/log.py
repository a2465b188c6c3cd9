"""The contact log as the rules read it: each pairing's contacts by date, counted by bisection.

Contacts belong to a pairing by their ``pairing`` column, whoever logged them
(docs/duties.md, "哪些联系算数"); a contact counts for a rule when one of its kinds
is one of the rule's.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from liushou_cli.model import Contact

date_of = attrgetter("date")


def by_pairing(contacts: Iterable[Contact], until: date) -> dict[str, list[Contact]]:
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
            rows.sort(key=date_of)  # stable: same-day contacts keep their file order
    return index


def qualifying(rows: Sequence[Contact], kinds: frozenset[str]) -> Sequence[Contact]:
    """The contacts of ``rows`` with at least one of ``kinds``."""
    if not rows:
        return rows
    if len(kinds) == 1:  # most rules: a membership test beats a set method call
        (kind,) = kinds
        return [c for c in rows if kind in c.kinds]
    return [c for c in rows if not kinds.isdisjoint(c.kinds)]


def span(rows: Sequence[Any], start: date, end: date, key: Callable[[Any], date] | None = date_of) -> tuple[int, int]:
    """Where the contacts dated in ``[start, end]`` lie in a date-sorted list (or the days,
    with ``key`` None: a child's ``verified`` dates)."""
    if not rows:
        return 0, 0
    lo = bisect_left(rows, start, key=key)
    return lo, bisect_right(rows, end, lo, key=key)


def between(rows: Sequence[Contact], start: date, end: date) -> tuple[Contact, ...]:
    """The contacts of a date-sorted list dated in ``[start, end]``."""
    lo, hi = span(rows, start, end)
    return tuple(rows[lo:hi])
