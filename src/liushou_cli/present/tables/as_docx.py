"""A register as a Word document in the GB/T 9704 layout (``present.gbt9704``), landscape:
title, the organisation and day, one table a section with its header row repeated on every
page, numbers right-aligned, dates written 2026年9月1日, ids, dates and phones never wrapped.

A county's register has 10,000 rows; python-docx takes half a minute to add them cell by
cell. The document is built by python-docx around one marker row, and the rows are written
as XML text in its place while the file is saved (``_stream``).
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from xml.sax.saxutils import escape

from liushou_cli.i18n import t
from liushou_cli.present import gbt9704 as g
from liushou_cli.present.cells import plain
from liushou_cli.present.files import file_stream

if TYPE_CHECKING:
    from liushou_cli.reports.tables import Table

USABLE_CM = 22.5  # the landscape 版心: 297 mm less the 37 and 35 mm margins
WIDE = 12  # columns beyond which a register is set in 小五
MARKER = "\u2063LIUSHOU-ROWS-{}\u2063"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
KEEP_WHOLE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|[A-Za-z]{1,3}\d{2,}|\+?[\d\- ]{7,15}")
LONG_DIGITS = re.compile(r"\d{7}")  # a phone, not a count
PHONES = re.compile(r"\+?[\d\- ]{7,15}(、\+?[\d\- ]{7,15})+")


def _display_width(text: str) -> int:
    """Columns a text needs: Chinese characters count double."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def column_widths(table: Table, total_cm: float, cm_per_unit: float = 0.2) -> list[float]:
    """Share ``total_cm``: columns of dates, ids and phones get all they need (they never
    wrap), the others what a short value needs, and the rest goes to long values (schools,
    addresses) in proportion."""
    needs, floors, fixed = [], [], []
    for i, header in enumerate(table.headers):
        cells = [r[i] for s in table.sections for r in s.rows]
        whole = bool(cells) and all(KEEP_WHOLE.fullmatch(_widest_line(c)) or not c for c in cells)
        need = max([4, *(_display_width(_widest_line(c)) for c in cells)]) + (2 if whole else 3)
        floor = need if whole else min(need, max(_display_width(header) // 2 + 2, 7))
        needs.append(need)
        floors.append(floor)
        fixed.append(whole)
    room = total_cm / cm_per_unit - sum(floors)
    extra = [n - f for n, f in zip(needs, floors, strict=True)]
    if room <= 0 or not sum(extra):  # too many columns: the ones that may wrap give way
        kept = sum(f for f, w in zip(floors, fixed, strict=True) if w)
        left = total_cm / cm_per_unit - kept
        loose = sum(floors) - kept
        scale = left / loose if loose and left > 0 else total_cm / cm_per_unit / sum(floors)
        units = [f if w and left > 0 else f * scale for f, w in zip(floors, fixed, strict=True)]
        return [u * cm_per_unit for u in units]
    share = min(1.0, room / sum(extra))
    widths = [(f + e * share) * cm_per_unit for f, e in zip(floors, extra, strict=True)]
    spare = total_cm - sum(widths)
    return [w + spare / len(widths) for w in widths]


def _widest_line(cell: str) -> str:
    """Several phones in one cell go one to a line: the widest line is what the column needs."""
    return max(cell.split("、"), key=len) if PHONES.fullmatch(cell) else cell


def _official(cell: str) -> str:
    return g.official_date(cell) if ISO_DATE.fullmatch(cell) else cell


def _right_aligned(table: Table) -> list[bool]:
    """Columns whose every filled cell is a count, rate or fraction."""
    out = []
    for i in range(len(table.headers)):
        cells = [r[i] for s in table.sections for r in s.rows if r[i].strip()]
        out.append(bool(cells) and all(g.is_number(c) and not LONG_DIGITS.search(c) for c in cells))
    return out


def _cell_xml(text: str, width_twips: int, style_id: str, right: bool) -> str:
    text = plain(text)
    whole = bool(KEEP_WHOLE.fullmatch(text))
    wrap = "<w:noWrap/>" if whole else ""
    jc = '<w:jc w:val="right"/>' if right else ""
    if PHONES.fullmatch(text):
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in text.split("、"))
    else:
        body = f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/>{wrap}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr><w:r>{body}</w:r></w:p></w:tc>')


def write(table: Table, path: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    sections = [dataclasses.replace(s, rows=[[_official(c) for c in r] for r in s.rows])
                for s in table.sections]
    table = dataclasses.replace(table, sections=sections)
    doc = g.new_document(title=table.title, author=table.organization or table.title, landscape=True)
    wide = len(table.headers) > WIDE
    if wide:  # a roster's 17 columns: 小五 keeps dates and phones on one line
        doc.styles[g.TABLE_TEXT].font.size = Pt(g.SIZE_SMALL_5)
        doc.styles[g.TABLE_HEAD].font.size = Pt(g.SIZE_SMALL_5)
    widths_cm = column_widths(table, USABLE_CM, 0.2 * (g.SIZE_SMALL_5 / g.SIZE_5 if wide else 1))
    widths = [Cm(w) for w in widths_cm]
    right = _right_aligned(table)
    g.add_title(doc, table.title)
    subtitle = doc.add_paragraph(ISO_DATE.sub(lambda m: g.official_date(m[0]), table.subtitle))
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    g.no_indent(subtitle)
    style_id = doc.styles[g.TABLE_TEXT].style_id
    twips = [int(w * 567) for w in widths_cm]
    streamed: dict[str, list[list[str]]] = {}
    for n, part in enumerate(table.sections, start=1):
        if part.title:
            g.add_heading(doc, 1, n, part.title)
        grid = doc.add_table(rows=2, cols=len(table.headers))
        grid.style = doc.styles["Table Grid"]
        grid.autofit = False
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        header = grid.rows[0]
        g.repeat_header(header)
        for cell, text, width in zip(header.cells, table.headers, widths, strict=True):
            para = cell.paragraphs[0]
            para.style = doc.styles[g.TABLE_HEAD]
            para.add_run(plain(text))
            cell.width = width
        marker = MARKER.format(n)
        grid.rows[1].cells[0].paragraphs[0].add_run(marker)
        streamed[marker] = part.rows
        count = doc.add_paragraph(t("table.count", count=len(part.rows)))
        g.no_indent(count)
    skeleton = BytesIO()
    doc.save(skeleton)
    with file_stream(path, None) as handle:
        _stream(skeleton.getvalue(), streamed, twips, style_id, right, handle)


def _stream(skeleton: bytes, rows: dict[str, list[list[str]]], twips: list[int], style_id: str,
            right: list[bool], out: BinaryIO) -> None:
    """Copy the saved skeleton into ``out``, writing each marker row as the section's rows."""
    with zipfile.ZipFile(BytesIO(skeleton)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "word/document.xml":
                dst.writestr(info, data)
                continue
            text = data.decode("utf-8")
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(entry, "w", force_zip64=True) as body:
                start = 0
                for marker, section_rows in rows.items():
                    at = text.index(marker)
                    row_start = max(text.rfind("<w:tr>", 0, at), text.rfind("<w:tr ", 0, at))
                    row_end = text.index("</w:tr>", at) + len("</w:tr>")
                    body.write(text[start:row_start].encode("utf-8"))
                    for r in section_rows:
                        cells = "".join(_cell_xml(c, w, style_id, a)
                                        for c, w, a in zip(r, twips, right, strict=True))
                        body.write(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>".encode())
                    start = row_end
                body.write(text[start:].encode("utf-8"))
