"""The layout of a Chinese official document (GB/T 9704-2012 党政机关公文格式) for every DOCX.

A term summary goes to the school, the education bureau's 德育股 or the women's federation,
where papers follow GB/T 9704: A4; margins top 37 mm, bottom 35 mm, left (订口) 28 mm,
right 26 mm, a 156 × 225 mm 版心 of 22 lines × 28 characters; title 2号 小标宋; body 3号
仿宋 on a 28.95 pt line grid; level-1 headings 黑体, level-2 楷体, numbered 一、（一）1.（1）;
page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left, one character in;
dates written 2026年12月2日; the sign-off right after the body. Reports, tables, cards and
the county roll-up all start from ``new_document`` (or ``apply`` on a template being built),
so they share one set of styles.

Chinese fonts are named in the ``w:eastAsia`` slot of every style (theme fonts removed) and
declared in the font table with an ``altName`` (仿宋_GB2312 → 仿宋, 方正小标宋简体 → 华文中宋,
楷体_GB2312 → 楷体) and GB2312 charset, so Word, WPS and LibreOffice each pick a Chinese
face even on a machine without the official fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from liushou_cli.i18n import get_lang

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph

LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"


@dataclass(frozen=True)
class Face:
    """A font as the font table declares it: the name asked for, the one to use where it
    is absent, and the family a renderer falls back on (serif for 仿宋/宋体, sans for 黑体)."""

    name: str
    alt: str | None
    family: str  # roman (serif) | modern (sans/monospace) | script


FACES = (
    Face(TITLE_FONT, "华文中宋", "roman"),
    Face(BODY_FONT, "仿宋", "roman"),
    Face("仿宋", "FangSong", "roman"),
    Face(HEADING1_FONT, "SimHei", "modern"),
    Face(HEADING2_FONT, "楷体", "script"),
    Face("楷体", "KaiTi", "script"),
    Face(PAGE_NUMBER_FONT, "SimSun", "roman"),
)

# Sizes of the Chinese 号 scale, in points.
SIZE_2 = 22.0  # 二号: the title
SIZE_3 = 16.0  # 三号: body and headings
SIZE_4 = 14.0  # 四号: page numbers
SIZE_SMALL_4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号: table text
SIZE_SMALL_5 = 9.0  # 小五: a wide register's text

# The 版心: 156 mm × 225 mm holding 22 lines of 28 characters.
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37.0, 35.0, 28.0, 26.0
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines
LINE_PITCH_TWIPS = 579
# 156 mm / 28 characters = 15.79 pt a character: 3号 text drawn 0.2 pt tighter (w:spacing, in
# twentieths of a point) fills a line with 28 in every renderer.
CHAR_TIGHTEN = -4

# Style names. Built-in ones keep their names (Word's navigation pane and outline use them).
TITLE = "Title"
BODY = "Normal"
HEADING1 = "Heading 1"
HEADING2 = "Heading 2"
HEADING3 = "Heading 3"
HEADING4 = "Heading 4"
TABLE_TEXT = "表格文字"
TABLE_HEAD = "表头文字"
SIGN_OFF = "落款"
NOTE = "附注"
APPENDIX_MARK = "附件标识"
PAGE_NUMBER = "页码"

_ZH_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """一 … 九十九, the way official headings count (一、二、……十一、二十)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return _ZH_DIGITS[ones]
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return head + "十" + (_ZH_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The numbering GB/T 9704 §7.3.3 gives each level: 一、 （一） 1. （1）; English gets 1. 1.1-style
    plain numbers (``--lang en``)."""
    if get_lang() == "en":
        return f"{n}."
    if level == 1:
        return chinese_numeral(n) + "、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def official_date(day: date | str | None) -> str:
    """2026年12月2日 (GB/T 9704 §7.3.5: Arabic numerals, no leading zeros); ``2 December 2026``
    in English. ISO text (what reports carry) is read; anything else comes back as it was."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", day.strip())
        if not found:
            return day
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return str(day).strip()
    if get_lang() == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


# --- fonts and styles -------------------------------------------------------------------------


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


# The children that must come after a given one, in the schema's order (Word refuses a file
# whose properties are out of order).
_AFTER = {
    "w:snapToGrid": ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                     "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                     "w:sectPr", "w:pPrChange"),
    "w:spacing": ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                  "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                  "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:noWrap": ("w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                 "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange"),
}


def _child(parent: Any, tag: str) -> Any:
    """``parent``'s ``tag`` child, added in its place in the schema's order if absent."""
    from docx.oxml import OxmlElement

    found = parent.find(_qn(tag))
    if found is not None:
        return found
    node = OxmlElement(tag)
    later = {_qn(t) for t in _AFTER[tag]}
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, node)
            return node
    parent.append(node)
    return node


def set_fonts(rpr: Any, east_asia: str, latin: str = LATIN) -> None:
    """Name ``east_asia`` for Chinese and ``latin`` for letters and digits, with the theme
    slots removed (they win over names in Word and point at Latin fonts)."""
    from docx.oxml import OxmlElement

    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_qn(theme), None)
    fonts.set(_qn("w:ascii"), latin)
    fonts.set(_qn("w:hAnsi"), latin)
    fonts.set(_qn("w:cs"), latin)
    fonts.set(_qn("w:eastAsia"), east_asia)
    fonts.set(_qn("w:hint"), "eastAsia")


def _style(doc: DocxDocument, name: str, kind: str = "paragraph") -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return doc.styles[name]
    except KeyError:
        wanted = WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
        return doc.styles.add_style(name, wanted)


def _grid_off(style: Any) -> None:
    """Table text and the like keep their own line height instead of the 28.95 pt grid (a
    register row on the body grid would be a line and a half high)."""
    _child(style.element.get_or_add_pPr(), "w:snapToGrid").set(_qn("w:val"), "0")


def _indent_chars(style_or_para: Any, *, first: int | None = None, left: int | None = None,
                  right: int | None = None, size: float = SIZE_3) -> None:
    """Indents in characters (``w:firstLineChars`` etc., in hundredths), with the twips
    Word writes beside them for readers that ignore the character form."""
    element = getattr(style_or_para, "element", None)
    element = element if element is not None else style_or_para._p
    ind = element.get_or_add_pPr().get_or_add_ind()
    twips = int(size * 20)
    for name, value in (("firstLine", first), ("left", left), ("right", right)):
        if value is not None:  # 0 too: the character form inherited from 正文 wins over twips
            ind.set(_qn(f"w:{name}Chars"), str(value * 100))
            ind.set(_qn(f"w:{name}"), str(value * twips))


def no_indent(paragraph: Paragraph) -> None:
    """A paragraph flush with the margin (a subtitle, a count under a table), against 正文's
    two-character first-line indent."""
    _indent_chars(paragraph, first=0)


def _paragraph_style(doc: DocxDocument, name: str, font: str, size: float, *, bold: bool = False,
                     align: str | None = None, grid: bool = True, first_indent: int = 0,
                     line_pt: float | None = LINE_PITCH_PT, base: str | None = BODY,
                     before: float = 0, after: float = 0) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    style = _style(doc, name)
    if base and name != base:
        style.base_style = doc.styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)
    if align is not None:
        fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
    if not grid:
        _grid_off(style)
    _indent_chars(style, first=first_indent, size=size)
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(_qn("w:pBdr")):  # Title draws a blue rule in the default template
        ppr.remove(border)
    return style


def set_styles(doc: DocxDocument) -> None:
    """Every style a document of ours uses, to GB/T 9704."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _defaults(doc)
    body = _paragraph_style(doc, BODY, BODY_FONT, SIZE_3, align="JUSTIFY", first_indent=2, base=None)
    _tighten(body, CHAR_TIGHTEN)
    _paragraph_style(doc, TITLE, TITLE_FONT, SIZE_2, align="CENTER", line_pt=35,
                     after=LINE_PITCH_PT)
    for name, font, bold in ((HEADING1, HEADING1_FONT, False), (HEADING2, HEADING2_FONT, False),
                             (HEADING3, BODY_FONT, True), (HEADING4, BODY_FONT, False)):
        style = _paragraph_style(doc, name, font, SIZE_3, bold=bold, align="JUSTIFY", first_indent=2)
        style.paragraph_format.keep_with_next = True
    _tighten(_paragraph_style(doc, TABLE_TEXT, BODY_FONT, SIZE_5, align="LEFT", grid=False,
                              line_pt=None), 0)
    _paragraph_style(doc, TABLE_HEAD, HEADING1_FONT, SIZE_5, align="CENTER", grid=False, line_pt=None,
                     base=TABLE_TEXT)
    _paragraph_style(doc, SIGN_OFF, BODY_FONT, SIZE_3, align="RIGHT")
    _paragraph_style(doc, NOTE, BODY_FONT, SIZE_3, first_indent=2)
    _paragraph_style(doc, APPENDIX_MARK, HEADING1_FONT, SIZE_3, align="LEFT")
    number = _paragraph_style(doc, PAGE_NUMBER, PAGE_NUMBER_FONT, SIZE_4, grid=False, line_pt=None)
    set_fonts(number.element.get_or_add_rPr(), PAGE_NUMBER_FONT, PAGE_NUMBER_FONT)
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for name in ("List Bullet", "List Number", "Caption", "Header", "Footer"):
        if name in [s.name for s in doc.styles]:
            style = doc.styles[name]
            style.font.color.rgb = None
            set_fonts(style.element.get_or_add_rPr(), BODY_FONT)
    _font_table(doc)


def _tighten(style: Any, twentieths: int) -> None:
    _child(style.element.get_or_add_rPr(), "w:spacing").set(_qn("w:val"), str(twentieths))


def _defaults(doc: DocxDocument) -> None:
    """docDefaults: Chinese as the East Asian language (so quotes and dashes take the
    Chinese font), the body fonts, no theme fonts."""
    from docx.oxml import OxmlElement

    styles = doc.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(_qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_fonts(rpr, BODY_FONT)
    lang = _child(rpr, "w:lang")
    lang.set(_qn("w:val"), "en-US")
    lang.set(_qn("w:eastAsia"), "zh-CN")
    lang.set(_qn("w:bidi"), "ar-SA")


_FONT_TABLE_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _font_table(doc: DocxDocument) -> None:
    """Declare the Chinese faces with their stand-ins (``w:altName``) and the GB2312
    charset, which is what Word and WPS substitute by when a face is missing."""
    from lxml import etree

    part = next((p for p in doc.part.package.iter_parts()
                 if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    w = "{" + _FONT_TABLE_NS + "}"
    known = {f.get(w + "name"): f for f in root.findall(w + "font")}
    for face in FACES:
        node = known.get(face.name)
        if node is not None:
            root.remove(node)
        node = etree.SubElement(root, w + "font")
        node.set(w + "name", face.name)
        if face.alt:
            etree.SubElement(node, w + "altName").set(w + "val", face.alt)
        etree.SubElement(node, w + "charset").set(w + "val", "86")
        etree.SubElement(node, w + "family").set(w + "val", face.family)
        etree.SubElement(node, w + "pitch").set(w + "val", "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- pages ------------------------------------------------------------------------------------


def page_setup(section: Section, *, landscape: bool = False) -> None:
    """A4 with the 版心 of §5.2.1; a landscape page (a wide register in the appendix) turns
    the same margins with the page, the 订口 staying on the bound edge."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_H_MM), Mm(PAGE_W_MM)
        section.top_margin, section.bottom_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
        section.left_margin, section.right_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
        section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(20)  # the page number sits about 7 mm under the 版心
    section.gutter = Mm(0)
    sect = section._sectPr
    grid = sect.find(_qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    # A line grid only: LibreOffice spreads text on Word's character grid ("linesAndChars")
    # to half the characters a line; the 28 characters come from ``CHAR_TIGHTEN`` instead.
    grid.set(_qn("w:type"), "lines")
    grid.attrib.pop(_qn("w:charSpace"), None)
    grid.set(_qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _page_field(paragraph: Paragraph) -> None:
    """"— PAGE —": the number as a field Word, WPS and LibreOffice all update."""
    from docx.oxml import OxmlElement

    def run(text: str | None = None, field: str | None = None, instr: str | None = None) -> None:
        r = paragraph.add_run()
        if field:
            char = OxmlElement("w:fldChar")
            char.set(_qn("w:fldCharType"), field)
            r._r.append(char)
        elif instr:
            node = OxmlElement("w:instrText")
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            node.text = instr
            r._r.append(node)
        else:
            r.text = text or ""

    run("— ")
    run(field="begin")
    run(instr=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def page_numbers(doc: DocxDocument, section: Section) -> None:
    """Odd pages numbered at the right, even pages at the left, one character in (§7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for r in list(para.runs):
            r._r.getparent().remove(r._r)
        para.style = doc.styles[PAGE_NUMBER]
        para.alignment = align
        _indent_chars(para, size=SIZE_4, **{side: 1})
        _page_field(para)


def set_properties(doc: DocxDocument, *, title: str, author: str, subject: str = "",
                   now: datetime | None = None) -> None:
    """Title, author (the organisation) and today's times, instead of the library template's
    "python-docx, 2013-12-23"; nothing else about the records."""
    stamp = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = "zh-CN" if get_lang() == "zh" else "en-US"
    props.revision = 1
    props.created = stamp.replace(tzinfo=None)
    props.modified = stamp.replace(tzinfo=None)
    for node in props._element.findall(_qn("cp:lastPrinted")):
        props._element.remove(node)


def _drop_thumbnail(doc: DocxDocument) -> None:
    """The library template carries a picture of someone else's page as its thumbnail."""
    package = doc.part.package
    rels = package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[rid]


def apply(doc: DocxDocument, *, landscape: bool = False) -> None:
    """Styles, the page and page numbers on a document being built (the report template's
    build script calls this too)."""
    set_styles(doc)
    section = doc.sections[0]
    page_setup(section, landscape=landscape)
    page_numbers(doc, section)
    _drop_thumbnail(doc)


def new_document(*, title: str, author: str, landscape: bool = False, subject: str = "",
                 now: datetime | None = None) -> DocxDocument:
    """An empty document to GB/T 9704: what every DOCX of ours starts from."""
    from docx import Document

    doc = Document()
    apply(doc, landscape=landscape)
    set_properties(doc, title=title, author=author, subject=subject, now=now)
    return doc


# --- parts of a document ----------------------------------------------------------------------


def add_title(doc: DocxDocument, text: str) -> Paragraph:
    return doc.add_paragraph(text, style=TITLE)


def add_heading(doc: DocxDocument, level: int, n: int, text: str) -> Paragraph:
    """A numbered heading: ``add_heading(doc, 1, 2, "结对帮扶")`` → 二、结对帮扶 in 黑体."""
    style = (HEADING1, HEADING2, HEADING3, HEADING4)[min(level, 4) - 1]
    return doc.add_paragraph(heading_number(level, n) + text, style=style)


def _display_width(text: str) -> float:
    """Width in Chinese characters: digits and letters are half a character."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in text)


def add_sign_off(doc: DocxDocument, organisation: str, day: date | str) -> tuple[Paragraph, Paragraph]:
    """The 发文机关署名 and 成文日期 (§7.3.5.2, no seal): the date two characters in from the
    right, the organisation above it starting two characters before it (further in when it
    is the shorter), one empty line after the body."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    when = official_date(day)
    no_indent(doc.add_paragraph("", style=BODY))
    name_w, date_w = _display_width(organisation), _display_width(when)
    date_in = 2
    name_in = round(date_in + date_w - name_w + 2)
    if name_in < 2:
        name_in, date_in = 2, round(2 + name_w - date_w - 2)
    date_in = max(date_in, 0)
    paras = []
    for text, indent in ((organisation, name_in), (when, date_in)):
        para = doc.add_paragraph(text, style=SIGN_OFF)
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent:
            _indent_chars(para, right=indent)
        paras.append(para)
    return paras[0], paras[1]


def add_appendix_section(doc: DocxDocument, *, landscape: bool = True) -> Section:
    """A new section on a new page for the appendix (附件), landscape for wide registers; its
    page numbers continue those of the body."""
    from docx.enum.section import WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape=landscape)
    return section


def repeat_header(row: _Row) -> None:
    """The row is printed again at the top of every page the table runs onto."""
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    if trpr.find(_qn("w:tblHeader")) is None:
        mark = OxmlElement("w:tblHeader")
        mark.set(_qn("w:val"), "true")
        trpr.append(mark)


def no_wrap(cell: _Cell) -> None:
    """Dates, ids and phone numbers stay on one line (a column too narrow grows instead)."""
    _child(cell._tc.get_or_add_tcPr(), "w:noWrap")


NUMBER = re.compile(r"[-+]?\d[\d,]*(\.\d+)?%?|[-+]?\d+(\.\d+)?\s*[/／]\s*\d+")


def is_number(text: str) -> bool:
    """Counts, rates and fractions, which are right-aligned in a table column."""
    return bool(NUMBER.fullmatch(text.strip()))
