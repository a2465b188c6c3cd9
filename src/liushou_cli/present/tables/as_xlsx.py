"""A register as an Excel workbook: a sheet a section, title rows, a bold frozen header,
every cell neutralised (``present.cells``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.present.cells import neutralise
from liushou_cli.present.files import file_stream

if TYPE_CHECKING:
    from liushou_cli.reports.tables import Table


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def write(table: Table, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from liushou_cli.reports.tables import Section

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    used: set[str] = set()
    sections = table.sections or [Section("", [])]
    for section in sections:
        ws = wb.create_sheet(_sheet_name(section.title or table.title, used))
        title = table.title + (f"（{section.title}）" if section.title else "")
        ws.append([neutralise(title)])
        ws.append([neutralise(table.subtitle)])
        ws.append([neutralise(h) for h in table.headers])
        for row in section.rows:
            ws.append([neutralise(c) for c in row])
        ws["A1"].font = Font(bold=True, size=14)
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E7E6E6")
            cell.alignment = Alignment(horizontal="center")
        for i, header in enumerate(table.headers, start=1):
            width = max([len(header), *(len(r[i - 1]) for r in section.rows)])
            ws.column_dimensions[ws.cell(row=3, column=i).column_letter].width = min(40, 2.2 * width + 2)
        ws.freeze_panes = "A4"
        ws.print_title_rows = "3:3"
    with file_stream(path, None) as handle:  # an open Excel file or a crash never leaves half a file
        wb.save(handle)
