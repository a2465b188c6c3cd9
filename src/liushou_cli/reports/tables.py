"""The registers coordinators hand on, as CSV (UTF-8 with BOM), XLSX or DOCX.

- 结对登记表 (pairings): the columns of seed 002's registration table.
- 花名册 (roster): every child active on the day, with the archive's facts.
- 交接名单 (handover): per village, for the 村居两委 before the winter and
  summer holidays (seed 004), with guardian contacts and helpers.

Tables are working documents for the programme itself, so they carry phones;
cells Excel would run as formulas are neutralised in every format Excel opens.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from liushou_cli.i18n import label, t
from liushou_cli.present.cells import neutralise, plain
from liushou_cli.reports.data import register_rows

if TYPE_CHECKING:
    from liushou_cli.model import Child, Pairing
    from liushou_cli.records.load import Records

KINDS = ("pairings", "roster", "handover")


@dataclass
class Section:
    title: str
    rows: list[list[str]]


@dataclass
class Table:
    title: str
    subtitle: str
    headers: list[str]
    sections: list[Section] = field(default_factory=list)
    section_header: str | None = None  # when sections are meaningful (handover: 村/居)


def _pairings_by_child(records: Records) -> dict[str, list[Pairing]]:
    """Each child's pairings: looked up per child, not searched for (10,000 x 12,000)."""
    index: dict[str, list[Pairing]] = {}
    for pairing in records.pairings.values():
        index.setdefault(pairing.child, []).append(pairing)
    return index


def _helpers_of(records: Records, index: dict[str, list[Pairing]], child_id: str, day: date) -> tuple[str, str]:
    """Names and phones of the helpers of the child's pairings active on ``day``."""
    child = records.children.get(child_id)
    names, phones = [], []
    for pairing in sorted((p for p in index.get(child_id, []) if p.active_on(day, child)), key=lambda p: p.id):
        for hid in pairing.helpers:
            helper = records.helpers.get(hid)
            if helper is None:
                names.append(hid)
                continue
            if helper.name not in names:
                names.append(helper.name)
                if helper.phone:
                    phones.append(helper.phone)
    return "、".join(names), "、".join(phones)


def _subtitle(records: Records, day: date) -> str:
    program = records.program
    org = (program.organization or program.program) if program else ""
    return t("table.subtitle", organization=org, day=day.isoformat())


def pairings_table(records: Records, day: date) -> Table:
    headers = [t(k) for k in ("table.no", "table.helper_name", "table.unit", "table.position", "table.phone",
                              "table.child_name", "table.school_class", "table.notes")]
    rows = [[str(r["no"]), r["helper_names"], r["units"], r["positions"], r["phones"], r["child_name"],
             r["school_class"], r["notes"]] for r in register_rows(records, day, with_phones=True)]
    return Table(t("table.title.pairings"), _subtitle(records, day), headers, [Section("", rows)])


def _active(records: Records, day: date) -> list[Child]:
    return [c for _, c in sorted(records.children.items()) if c.active_on(day)]


def _latest_level(child: Child, day: date) -> str:
    dated = [a for a in child.risk_assessments if a.date <= day]
    return label("level", max(dated, key=lambda a: a.date).level) if dated else ""


def roster_table(records: Records, day: date) -> Table:
    keys = ("table.no", "table.name", "table.gender", "table.birth_date", "table.school", "table.grade",
            "table.class", "table.boarding", "table.categories", "table.parents_away", "table.guardian",
            "table.relation", "table.guardian_phone", "table.village", "table.address", "table.enrolled",
            "table.helpers", "table.notes")
    rows = []
    index = _pairings_by_child(records)
    for i, c in enumerate(_active(records, day), start=1):
        g = c.guardian
        helpers, _ = _helpers_of(records, index, c.id, day)
        rows.append([
            str(i), c.name, label("gender", c.gender) if c.gender else "",
            c.birth_date.isoformat() if c.birth_date else "", c.school or "", c.grade or "", c.class_ or "",
            "" if c.boarding is None else t("table.yes" if c.boarding else "table.no_"),
            "、".join(label("category", k) for k in c.categories),
            label("parents_away", c.parents_away) if c.parents_away else "",
            (g.name or "") if g else "", (g.relation or "") if g else "", (g.phone or "") if g else "",
            c.village or "", ((g.address if g and g.address else c.address) or ""),
            c.enrolled.isoformat(), helpers, c.notes or "",
        ])
    return Table(t("table.title.roster"), _subtitle(records, day), [t(k) for k in keys], [Section("", rows)])


def handover_table(records: Records, day: date) -> Table:
    keys = ("table.no", "table.name", "table.gender", "table.school_class", "table.guardian", "table.relation",
            "table.phone", "table.address", "table.class_teacher", "table.helpers", "table.helper_phone",
            "table.risk")
    by_village: dict[str, list[Child]] = {}
    for c in _active(records, day):
        by_village.setdefault(c.village or t("report.unknown"), []).append(c)
    sections = []
    index = _pairings_by_child(records)
    for village in sorted(by_village):
        rows = []
        for i, c in enumerate(by_village[village], start=1):
            g = c.guardian
            helpers, phones = _helpers_of(records, index, c.id, day)
            teacher = c.class_teacher
            rows.append([
                str(i), c.name, label("gender", c.gender) if c.gender else "",
                " ".join(p for p in (c.school, c.grade, c.class_) if p),
                (g.name or "") if g else "", (g.relation or "") if g else "", (g.phone or "") if g else "",
                ((g.address if g and g.address else c.address) or ""),
                " ".join(p for p in ((teacher.name or "", teacher.phone or "") if teacher else ()) if p),
                helpers, phones, _latest_level(c, day),
            ])
        sections.append(Section(village, rows))
    return Table(t("table.title.handover"), _subtitle(records, day), [t(k) for k in keys], sections,
                 section_header=t("table.village"))


BUILDERS: dict[str, Callable[[Records, date], Table]] = {
    "pairings": pairings_table, "roster": roster_table, "handover": handover_table,
}


def flat_rows(table: Table) -> list[list[str]]:
    """Header and rows as one grid; a section column in front when sections matter."""
    if table.section_header is None:
        grid = [table.headers] + [r for s in table.sections for r in s.rows]
    else:
        grid = [[table.section_header, *table.headers]] + [[s.title, *r] for s in table.sections for r in s.rows]
    return [[neutralise(c) for c in row] for row in grid]


def to_csv(table: Table) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(flat_rows(table))
    return buf.getvalue()


def _atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write beside ``path`` and move into place, owner-only (``present.files``): an open
    Excel file or a crash never leaves half a file, and a killed run's temp file is swept."""
    from liushou_cli.present.files import file_stream

    with file_stream(path, None) as handle:
        write(handle)


def write_csv(table: Table, path: Path) -> None:
    data = to_csv(table).encode("utf-8-sig")

    _atomic(path, lambda handle: handle.write(data))


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def write_xlsx(table: Table, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

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
    _atomic(path, wb.save)


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


def write_docx(table: Table, path: Path) -> None:
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
    _atomic(path, doc.save)
