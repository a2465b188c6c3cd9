"""A register as an Excel workbook ready to print: a sheet a section, title rows, a bold
frozen header repeated on every printed page, A4 landscape fitted to one page wide, columns
as wide as their content, dates as Excel dates, counts as numbers, phones and ids as text
(so Excel neither rounds 13800001013 nor drops C007's zeros), every text cell neutralised
(``present.cells``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.i18n import t
from liushou_cli.present.cells import neutralise
from liushou_cli.present.files import file_stream
from liushou_cli.present.tables.as_docx import ISO_DATE

INTEGER = re.compile(r"0|[1-9]\d{0,5}")  # a count; longer digit strings are phones or ids

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from liushou_cli.reports.tables import Table


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _value(cell: str) -> object:
    """A date as an Excel date, a count as a number, anything else as neutralised text."""
    if ISO_DATE.fullmatch(cell):
        try:
            return date.fromisoformat(cell)
        except ValueError:
            return neutralise(cell)
    if INTEGER.fullmatch(cell):
        return int(cell)
    return neutralise(cell)


def _width(text: str) -> int:
    """Excel column units a text needs: Chinese characters take two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide, page numbers in the footer, text cells kept as text."""
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = t("table.xlsx_page")
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, str):
                cell.number_format = "@"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = Alignment(horizontal="left")


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
            ws.append([_value(c) for c in row])
        ws["A1"].font = Font(bold=True, size=14)
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E7E6E6")
            cell.alignment = Alignment(horizontal="center")
        for i, header in enumerate(table.headers, start=1):
            width = max([_width(header), *(_width(r[i - 1]) for r in section.rows)])
            letter = ws.cell(row=3, column=i).column_letter
            ws.column_dimensions[letter].width = min(50, width + 2)
            dates = [ISO_DATE.fullmatch(r[i - 1]) for r in section.rows if r[i - 1]]
            if dates and all(dates):
                ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width, 12)
        ws.freeze_panes = "A4"
        ws.print_title_rows = "3:3"
        _print_setup(ws)
    with file_stream(path, None) as handle:  # an open Excel file or a crash never leaves half a file
        wb.save(handle)
