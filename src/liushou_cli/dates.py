"""Dates as people write them (RECORDS.md 1.1, "Reading what Excel, WPS and people write").

The tool writes ISO dates only; it reads what Excel, WPS and a teacher type:
``2026-11-3``, ``2026/11/3``, ``2026.11.3``, ``2026年11月3日``. In command options
only, a day without a year (``11月3日``, ``11-3``, ``11/3``) means the latest such day
not after today: a teacher logging last Tuesday's visit does not type the year.
One module for every reader (YAML, CSV, options, import) so the forms never drift.
"""

from __future__ import annotations

import re
from datetime import date

# year, month, day: - / . between them, or 年 月 日; spaces allowed around the separators
_FULL = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")
# month and day only (options): 11月3日, 11-3, 11/3, 11.3
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # ASCII: full-width digits take the long path


def parse_date(text: str) -> date | None:
    """A record's date in any of the contract's text forms, or None.

    ``2026-11-03`` takes the quick path (the contact log holds 60,000 of them).
    Full-width digits and separators (``２０２６／１１／３``) are read as their ASCII twins.
    """
    text = text.strip()
    if _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if not text.isascii():
        text = text.translate(_FULL_WIDTH)
    m = _FULL.match(text)
    if m is None:
        return None
    return _ymd(int(m[1]), int(m[2]), int(m[3]))


def parse_option_date(text: str, today: date) -> date | None:
    """A date typed in a command option: any record form, or a month and day meaning
    the latest such day not after ``today`` (``11月3日`` on 2026-01-05 is 2025-11-03)."""
    full = parse_date(text)
    if full is not None:
        return full
    stripped = text.strip()
    if not stripped.isascii():
        stripped = stripped.translate(_FULL_WIDTH)
    m = _MONTH_DAY.match(stripped)
    if m is None:
        return None
    month, day = int(m[1]), int(m[2])
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        found = _ymd(year, month, day)  # 2月29日 goes back to the last leap year
        if found is not None and found <= today:
            return found
    return None


def _ymd(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９／－．　", "0123456789/-. ")
