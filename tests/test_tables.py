"""``liushou table``: the pairing register, roster and hand-over list in every format."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.present.cells import FORMULA_START, neutralise
from test_report_data import make_programme


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_programme(tmp_path / "records")


def run(runner: CliRunner, root: Path, *args: str):
    return runner.invoke(app, ["table", *args, "--records", str(root), "--today", "2026-11-23"])


def test_pairings_csv_to_stdout(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "pairings")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["序号", "帮扶人姓名", "单位", "职务", "联系电话", "儿童姓名", "就读学校及班级", "备注"]
    assert rows[1][:6] == ["1", "严万莲", "宋家沟小学", "教师", "13600000004", "张小明"]
    assert rows[2][4] == "13600000004、13600000005"
    assert rows[2][7] == "'=多对一"  # a formula to Excel: neutralised
    assert len(rows) == 3  # P003's child left in October


def test_roster_csv_file_has_bom(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    target = tmp_path / "花名册.csv"
    result = run(runner, root, "roster", "-o", str(target))
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "姓名", "性别"]
    assert [r[1] for r in rows[1:]] == ["张小明", "李梅", "赵丽"]
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["监护人电话"] == "13700000003" and first["帮扶人"] == "严万莲"
    assert first["类别"] == "留守儿童" and first["父母外出情况"] == "父母双方外出"


def test_handover_xlsx_one_sheet_per_village(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "交接.xlsx"
    result = run(runner, root, "handover", "-o", str(target))
    assert result.exit_code == 0, result.output
    wb = load_workbook(target)
    assert wb.sheetnames == ["三村", "五村"]
    ws = wb["五村"]
    assert ws["A1"].value == "假期留守儿童交接名单（五村）"
    assert [c.value for c in ws[3]][:3] == ["序号", "姓名", "性别"]
    names = [ws.cell(row=r, column=2).value for r in range(4, ws.max_row + 1)]
    assert names == ["李梅", "赵丽"]
    assert ws.cell(row=5, column=7).value == "13700000010"


def test_pairings_xlsx_cells_are_text_not_formulas(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "p.xlsx"
    assert run(runner, root, "pairings", "-o", str(target)).exit_code == 0
    ws = load_workbook(target).active
    assert ws is not None
    cell = ws.cell(row=5, column=8)
    assert cell.value == "'=多对一" and cell.data_type == "s"


def test_handover_docx(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "h.docx"
    assert run(runner, root, "handover", "-o", str(target)).exit_code == 0
    doc = Document(str(target))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "假期留守儿童交接名单"
    assert "一、三村" in texts and "二、五村" in texts  # numbered headings (GB/T 9704 §7.3.3)
    assert len(doc.tables) == 2
    assert doc.tables[0].rows[0].cells[1].text == "姓名"
    assert doc.tables[0].rows[1].cells[1].text == "张小明"
    assert "李芳芳 13800000001" in [c.text for c in doc.tables[0].rows[1].cells]


def test_roster_docx_is_an_official_landscape_register(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    target = tmp_path / "r.docx"
    assert run(runner, root, "roster", "-o", str(target)).exit_code == 0
    doc = Document(str(target))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    assert [round(x / 36000) for x in (section.page_width, section.page_height)] == [297, 210]
    assert doc.core_properties.author == "水湖镇中心小学德育处"  # the organisation, not "python-docx"
    assert doc.core_properties.title == "留守儿童花名册"
    assert "2026年11月23日" in doc.paragraphs[1].text  # the day written as an official date
    table = doc.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header on every page
    header = [c.text for c in table.rows[0].cells]
    first = table.rows[1]
    cells = dict(zip(header, first.cells, strict=True))
    assert cells["出生日期"].text.endswith("日") and "-" not in cells["出生日期"].text
    for name in ("出生日期", "监护人电话"):
        assert cells[name]._tc.tcPr.find(qn("w:noWrap")) is not None, name
    number = cells["序号"].paragraphs[0]._p.pPr.find(qn("w:jc"))
    assert number is not None and number.get(qn("w:val")) == "right"
    phone = cells["监护人电话"].paragraphs[0]._p.pPr.find(qn("w:jc"))
    assert phone is None  # a phone is not a count
    assert doc.sections[0].footer.paragraphs[0].text.startswith("— ")


def test_register_xlsx_ready_to_print(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    import datetime

    from openpyxl import load_workbook

    target = tmp_path / "r.xlsx"
    assert run(runner, root, "roster", "-o", str(target)).exit_code == 0
    ws = load_workbook(target).active
    assert ws is not None
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    header = [c.value for c in ws[3]]
    row = dict(zip(header, [c for c in ws[4]], strict=True))
    assert isinstance(row["出生日期"].value, datetime.datetime)  # an Excel date
    assert row["监护人电话"].value == "13700000003" and row["监护人电话"].number_format == "@"
    assert row["序号"].value == 1
    widths = {ws.cell(row=3, column=i).column_letter: ws.column_dimensions[ws.cell(row=3, column=i).column_letter].width
              for i in range(1, len(header) + 1)}
    assert widths["A"] < widths[ws.cell(row=3, column=header.index("出生日期") + 1).column_letter]


def test_errors(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    result = run(runner, root, "people")
    assert result.exit_code == 2 and "没有表格 people" in result.output
    result = run(runner, root, "roster", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "不支持的文件类型" in result.output
    assert not (tmp_path / "x.pdf").exists()


@given(st.text(max_size=20))
def test_neutralised_cells_never_start_a_formula(text: str) -> None:
    out = neutralise(text)
    assert not out.startswith(FORMULA_START)
    kept = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
    assert out == ("'" + kept if kept.startswith(FORMULA_START) else kept)
