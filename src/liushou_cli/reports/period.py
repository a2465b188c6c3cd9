"""The span a report covers: a term (the default), a quarter, a calendar year, a school
year, or any two days.

001: "妇联组织每季度上报工作开展情况"; 年度总结 and 年终考核 go by the year (000 方案8,
004). Every figure of the report is defined on a span ``[start, end]`` counted up to
T = the earlier of ``end`` and today, so one report serves them all; only the words
("本学期" or "本季度") and the file name differ.

A school year (学年) is the one that begins in September of its year: 1 September to
31 August of the next (the terms of ``liushou.yaml`` fall inside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from liushou_cli.errors import KeyedError
from liushou_cli.model import Term

KINDS = ("term", "quarter", "year", "school_year", "range")


class PeriodError(KeyedError):
    """A period that cannot be read; ``key`` names the catalogue message."""


@dataclass(frozen=True)
class ReportPeriod:
    """``kind`` one of ``KINDS``; ``id`` names files (``out/<id>-report.docx``,
    ``reports/<id>.md``); ``name`` is the term's own name, or None for the others
    (worded by the report from ``kind`` and ``number``)."""

    kind: str
    id: str
    start: date
    end: date
    number: int = 0  # the quarter (1-4), the year, the school year's first year
    name: str | None = None

    @classmethod
    def of_term(cls, term: Term) -> ReportPeriod:
        return cls("term", term.id, term.start, term.end, name=term.name or term.id)


QUARTER = re.compile(r"^\s*(\d{4})\s*(?:[-_ ]?[Qq]\s*([1-4])|年?\s*第?\s*([1-4一二三四])\s*季(?:度)?)\s*$")
YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")
SCHOOL_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-—至到/]\s*(\d{4}))?\s*(?:学年)?(?:度)?\s*$")
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


def quarter(text: str) -> ReportPeriod:
    """``2026Q4``, ``2026-Q4``, ``2026q4``, ``2026年第四季度``, ``2026年第4季度``."""
    match = QUARTER.match(text)
    if match is None:
        raise PeriodError("report.err.bad_quarter", value=text)
    year = int(match.group(1))
    q = int(match.group(2)) if match.group(2) else CHINESE_DIGITS.get(match.group(3)) or int(match.group(3))
    first = 3 * (q - 1) + 1
    end = date(year + 1, 1, 1) if q == 4 else date(year, first + 3, 1)
    return ReportPeriod("quarter", f"{year}Q{q}", date(year, first, 1), date.fromordinal(end.toordinal() - 1), q)


def year(text: str) -> ReportPeriod:
    """``2026`` or ``2026年``: 1 January to 31 December."""
    match = YEAR.match(text)
    if match is None:
        raise PeriodError("report.err.bad_year", value=text)
    y = int(match.group(1))
    return ReportPeriod("year", str(y), date(y, 1, 1), date(y, 12, 31), y)


def school_year(text: str) -> ReportPeriod:
    """``2026``, ``2026-2027``, ``2026学年``, ``2026-2027学年``: 1 September 2026 to 31 August 2027."""
    match = SCHOOL_YEAR.match(text)
    if match is None or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
        raise PeriodError("report.err.bad_school_year", value=text)
    y = int(match.group(1))
    return ReportPeriod("school_year", f"{y}-{y + 1}", date(y, 9, 1), date(y + 1, 8, 31), y)


def between(start: date, end: date) -> ReportPeriod:
    """Any two days, both counted."""
    if end < start:
        raise PeriodError("report.err.range_backwards", start=start.isoformat(), end=end.isoformat())
    return ReportPeriod("range", f"{start.isoformat()}_{end.isoformat()}", start, end)
