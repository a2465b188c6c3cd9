"""The one neutraliser for cells a spreadsheet opens (CSV, XLSX): no formula, no
control character.

Excel and WPS take a cell starting with ``= + - @`` (or a tab or CR before one) for
a formula and run it (OWASP "CSV injection"); a record is typed by people and
imported from their sheets, so every exported cell goes through ``neutralise``.
Control characters are dropped too: openpyxl refuses them, and Word shows boxes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(cell: str) -> str:
    """A cell Excel would take for a formula gets a leading apostrophe; control characters go."""
    cell = CONTROL.sub("", cell)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def plain(text: str) -> str:
    """``text`` without control characters (a Word table's cell: no formulas there)."""
    return CONTROL.sub("", text)


def excel_csv(rows: Iterable[Sequence[str]]) -> str:
    """Rows as Excel/WPS on Chinese Windows open a CSV directly: UTF-8 with a BOM, CRLF,
    every cell neutralised."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([neutralise(cell) for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()
