"""A register as CSV for Excel/WPS on Chinese Windows: UTF-8 with a BOM, CRLF, every
cell neutralised (``present.cells``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.present.cells import neutralise
from liushou_cli.present.files import file_stream

if TYPE_CHECKING:
    from liushou_cli.reports.tables import Table


def flat_rows(table: Table) -> list[list[str]]:
    """Header and rows as one grid; a section column in front when sections matter."""
    if table.section_header is None:
        grid = [table.headers] + [r for s in table.sections for r in s.rows]
    else:
        grid = [[table.section_header, *table.headers]] + [[s.title, *r] for s in table.sections for r in s.rows]
    return [[neutralise(c) for c in row] for row in grid]


def text(table: Table) -> str:
    """The CSV as text (no BOM: ``table`` without ``-o`` prints it)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(flat_rows(table))
    return buf.getvalue()


def write(table: Table, path: Path) -> None:
    data = text(table).encode("utf-8-sig")
    with file_stream(path, None) as handle:
        handle.write(data)
