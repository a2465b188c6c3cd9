"""Calendar periods and school terms: the time frames duties are counted in.

Kept apart from the engine so each frame's edge cases (year ends, gaps between
terms) can be read and tested on their own.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from liushou_cli.model import Term


@dataclass(frozen=True)
class Period:
    """One counting period: a month, a year or a term. ``label`` is machine text."""

    label: str
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=4096)  # many children share the same months
def month_of(day: date) -> Period:
    return Period(f"{day.year:04d}-{day.month:02d}", day.replace(day=1), month_end(day.year, day.month))


def year_of(day: date) -> Period:
    return Period(f"{day.year:04d}", date(day.year, 1, 1), date(day.year, 12, 31))


def term_period(term: Term) -> Period:
    return Period(term.id, term.start, term.end)


def sorted_terms(terms: Sequence[Term]) -> list[Period]:
    return sorted((term_period(t) for t in terms), key=lambda p: (p.start, p.end))


def current(per: str, day: date, terms: Sequence[Period]) -> Period | None:
    """The period of kind ``per`` holding ``day``; None between terms."""
    if per == "month":
        return month_of(day)
    if per == "year":
        return year_of(day)
    if per == "term":
        return next((p for p in terms if p.holds(day)), None)
    raise ValueError(per)


def previous(per: str, day: date, terms: Sequence[Period]) -> Period | None:
    """The period before the current one; for terms, the last term that ended before ``day``."""
    if per == "month":
        return month_of(day.replace(day=1) - timedelta(days=1))
    if per == "year":
        return year_of(date(day.year - 1, 1, 1)) if day.year > 1 else None
    if per == "term":
        ended = [p for p in terms if p.end < day]
        return max(ended, key=lambda p: p.end) if ended else None
    raise ValueError(per)


def ending_in(per: str, start: date, end: date, terms: Sequence[Period]) -> Iterator[Period]:
    """Every period of kind ``per`` whose last day falls in ``[start, end]``, oldest first."""
    if start > end:
        return
    if per == "term":
        yield from (p for p in terms if start <= p.end <= end)
        return
    period = month_of(start) if per == "month" else year_of(start)
    while period.end <= end:
        if period.end >= start:
            yield period
        if period.end.year >= 9999:
            return
        period = current(per, period.end + timedelta(days=1), terms)  # type: ignore[assignment]
