"""GB/T 9704-2012 layout: what a DOCX of ours carries, read back from the saved file."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timezone

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from liushou_cli import i18n
from liushou_cli.present import gbt9704 as g


def _saved(tmp_path, landscape=False):
    doc = g.new_document(title="某某小学工作总结", author="某某小学德育处", landscape=landscape,
                         now=datetime(2026, 12, 2, 9, 30))
    g.add_title(doc, "某某小学2026年秋季学期工作总结")
    g.add_heading(doc, 1, 1, "基本情况")
    doc.add_paragraph("正文。")
    g.add_sign_off(doc, "某某小学德育处", date(2026, 12, 2))
    g.add_appendix_section(doc)
    table = doc.add_table(rows=2, cols=2)
    g.repeat_header(table.rows[0])
    g.no_wrap(table.rows[1].cells[0])
    path = tmp_path / "x.docx"
    doc.save(str(path))
    return path


def test_page_and_margins(tmp_path):
    doc = Document(str(_saved(tmp_path)))
    body, appendix = doc.sections
    assert [round(x / 36000) for x in (body.page_width, body.page_height)] == [210, 297]
    assert [round(x / 36000) for x in (body.top_margin, body.bottom_margin, body.left_margin,
                                       body.right_margin)] == [37, 35, 28, 26]
    assert appendix.page_width > appendix.page_height  # the appendix is landscape
    grid = body._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines to the 版心


def test_fonts_per_style(tmp_path):
    doc = Document(str(_saved(tmp_path)))

    def east_asia(name):
        return doc.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋_GB2312"
    assert east_asia("Title") == "方正小标宋简体"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Heading 2") == "楷体_GB2312"
    assert doc.styles["Normal"].font.size.pt == 16
    assert doc.styles["Title"].font.size.pt == 22
    assert doc.styles["Normal"].paragraph_format.line_spacing.pt == pytest.approx(28.95)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    table = doc.styles[g.TABLE_TEXT].element.pPr.find(qn("w:snapToGrid"))
    assert table.get(qn("w:val")) == "0"  # table rows keep their own height


def test_font_table_names_stand_ins(tmp_path):
    with zipfile.ZipFile(_saved(tmp_path)) as z:
        fonts = z.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>' in fonts


def test_page_numbers_odd_right_even_left(tmp_path):
    doc = Document(str(_saved(tmp_path)))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert f'w:val="{align}"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_properties(tmp_path):
    path = _saved(tmp_path)
    props = Document(str(path)).core_properties
    assert props.title == "某某小学工作总结"
    assert props.author == "某某小学德育处"
    assert props.created == datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc)
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)
    with zipfile.ZipFile(path) as z:
        assert not any("thumbnail" in n for n in z.namelist())


def test_sign_off_after_body_before_appendix(tmp_path):
    doc = Document(str(_saved(tmp_path)))
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("2026年12月2日")
    assert texts[at - 1] == "某某小学德育处" and texts[at - 2] == ""  # one empty line after the body
    assert doc.paragraphs[at].alignment == 2  # right
    body = list(doc.element.body)
    ends = next(i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    assert body.index(doc.paragraphs[at]._p) < ends < body.index(doc.tables[0]._tbl)
    indents = [p._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) for p in doc.paragraphs[at - 1:at + 1]]
    assert indents == ["400", "200"]  # the date two in; the name starts two before the date


def test_table_properties_in_schema_order(tmp_path):
    doc = Document(str(_saved(tmp_path)))
    table = doc.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    tcpr = table.rows[1].cells[0]._tc.tcPr
    tags = [c.tag for c in tcpr]
    assert qn("w:noWrap") in tags
    assert tags.index(qn("w:tcW")) < tags.index(qn("w:noWrap"))


def test_official_date():
    assert g.official_date(date(2026, 12, 2)) == "2026年12月2日"
    assert g.official_date("2026-09-01") == "2026年9月1日"
    assert g.official_date("不是日期") == "不是日期"
    assert g.official_date(None) == ""
    i18n.set_lang("en")
    try:
        assert g.official_date("2026-09-01") == "1 September 2026"
    finally:
        i18n.set_lang("zh")


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_read_back(n):
    digits = dict(zip("一二三四五六七八九", range(1, 10), strict=True))
    text = g.chinese_numeral(n)
    if "十" in text:
        head, _, tail = text.partition("十")
        value = (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)
    else:
        value = digits[text]
    assert value == n
    assert g.heading_number(1, n) == text + "、" and g.heading_number(2, n) == f"（{text}）"


def test_numbers_are_recognised():
    assert all(g.is_number(x) for x in ("12", "98.3%", "118/120", "1,234"))
    assert not any(g.is_number(x) for x in ("C001", "2026-12-02", "张三", "138 1234 5678x"))
