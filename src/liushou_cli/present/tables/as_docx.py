"""A register as a Word document: landscape A4, 宋体/黑体 set for East Asian text, column
widths shared by what the cells need, the header row repeated on every page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.i18n import t
from liushou_cli.present.cells import plain
from liushou_cli.present.files import file_stream

if TYPE_CHECKING:
    from liushou_cli.reports.tables import Table


def _display_width(text: str) -> int:
    """Columns a text needs: Chinese characters count double."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def column_widths(table: Table, total_cm: float, cm_per_unit: float = 0.2) -> list[float]:
    """Share ``total_cm``: every column gets what short values need (names, phones), and the
    rest goes to long ones (schools, addresses) in proportion, so nothing narrow wraps."""
    needs, floors = [], []
    for i, header in enumerate(table.headers):
        cells = [r[i] for s in table.sections for r in s.rows]
        need = max([4, *(_display_width(c) for c in cells)]) + 4
        floor = min(need, max(_display_width(header) // 2 + 2, 15))
        needs.append(need)
        floors.append(floor)
    room = total_cm / cm_per_unit - sum(floors)
    extra = [n - f for n, f in zip(needs, floors, strict=True)]
    if room <= 0 or not sum(extra):
        scale = total_cm / sum(floors)
        return [f * scale for f in floors]
    share = min(1.0, room / sum(extra))
    widths = [(f + e * share) * cm_per_unit for f, e in zip(floors, extra, strict=True)]
    spare = total_cm - sum(widths)
    return [w + spare / len(widths) for w in widths]


def write(table: Table, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor
    from docx.table import _Cell

    doc = Document()
    for name, font, size in (("Normal", "宋体", 9), ("Title", "黑体", 16), ("Heading 2", "黑体", 12)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), font)
    title_ppr = doc.styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    widths = [Cm(w) for w in column_widths(table, 26.5)]
    doc.add_paragraph(table.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(table.subtitle)
    for part in table.sections:
        if part.title:
            doc.add_paragraph(part.title, style="Heading 2")
        grid = doc.add_table(rows=1, cols=len(table.headers))
        grid.style = doc.styles["Table Grid"]
        grid.autofit = False
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width  # the grid's widths: each row added below takes them
        header = grid.rows[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, text, width in zip(header.cells, table.headers, widths, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
            cell.width = width
        for row in part.rows:
            # the row's own cells: ``_Row.cells`` walks the whole table (10,000 rows: minutes)
            tr = grid.add_row()._tr
            for tc, text in zip(tr.tc_lst, row, strict=True):
                _Cell(tc, grid).text = plain(text)
        doc.add_paragraph(t("table.count", count=len(part.rows)))
    with file_stream(path, None) as handle:
        doc.save(handle)
