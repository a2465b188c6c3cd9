"""Contacts by month as bars of block characters.

A picture drawn by a charting library needs a Chinese font on the machine
that draws it, and a fresh machine has none. Bars made of ``█`` (plus one
eighth-block for the remainder) are plain text: they render in Markdown, in
a DOCX table cell with the document's own font, and in a terminal, while the
Chinese caption stays ordinary document text.
"""

from __future__ import annotations

from typing import Any

from liushou_cli.messages import CATALOG

FULL = "█"
EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
WIDTH = 20


def bar(count: int, largest: int, width: int = WIDTH) -> str:
    """A bar ``width`` blocks long for ``largest``; any non-zero count shows at least a sliver."""
    if count <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / largest))
    return FULL * (eighths // 8) + EIGHTHS[eighths % 8]


def month_bars(rows: list[dict[str, Any]], width: int = WIDTH) -> list[dict[str, Any]]:
    """``[{"month", "count"}]`` → the same rows with ``bar`` and a ``label`` (2026年9月):
    ``report.month`` in Chinese, for the report is a Chinese document whatever ``--lang``."""
    largest = max((r["count"] for r in rows), default=0)
    words = CATALOG["report.month"][0]
    out = []
    for row in rows:
        year, month = row["month"].split("-")
        out.append({**row, "label": words.format(year=int(year), month=int(month)),
                    "bar": bar(row["count"], largest, width)})
    return out
