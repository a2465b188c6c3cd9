"""Build ``templates/term_report.docx``, the default Word template of ``liushou report``.

Run from anywhere: ``python templates/build_docx_template.py``. The result is a
plain .docx with docxtpl tags that a programme can copy, restyle in Word or
WPS and pass back with ``--template``. Chinese fonts are set on every style
with ``w:eastAsia`` (宋体 body, 黑体 headings), and theme fonts removed, so
Word does not fall back to a Latin font for Chinese text.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent / "term_report.docx"
BODY_FONT = "宋体"
TABLE_STYLE = "表格文字"
HEAD_FONT = "黑体"


def set_font(style, east_asia: str, size: float, bold: bool | None = None) -> None:
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), east_asia)


def styles(doc) -> None:
    set_font(doc.styles["Normal"], BODY_FONT, 12)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.3
    set_font(doc.styles["Title"], HEAD_FONT, 18, bold=False)
    title = doc.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    # the Title style draws a blue rule under itself in the default template: drop it
    ppr = title.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)
    for name, size in (("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 12)):
        set_font(doc.styles[name], HEAD_FONT, size, bold=False)
        doc.styles[name].paragraph_format.space_before = Pt(10)
        doc.styles[name].paragraph_format.space_after = Pt(4)
    set_font(doc.styles["List Bullet"], BODY_FONT, 12)
    cell = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = doc.styles["Normal"]
    set_font(cell, BODY_FONT, 10.5)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.1


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def table(doc, headers: list[str], loop: str, cells: list[str], widths: list[float] | None = None):
    """A table with a repeating, shaded header row and one docxtpl ``{%tr for %}`` row."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = t.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell, "E7E6E6")
    t.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(t.rows[2].cells, cells, strict=True):
        cell.text = text
    t.rows[3].cells[0].text = "{%tr endfor %}"
    for row in t.rows:
        # a row never breaks across pages (LibreOffice leaves an empty stub otherwise)
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for p in cell.paragraphs:
                p.style = doc.styles[TABLE_STYLE]
    if widths:
        t.autofit = False
        for column, w in zip(t.columns, widths, strict=True):
            column.width = Cm(w)
        for row in t.rows:
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = Cm(w)
    doc.add_paragraph()
    return t


def para(doc, text: str, style: str | None = None):
    return doc.add_paragraph(text, style=style)


def build() -> None:
    doc = Document()
    styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    footer = section.footer.paragraphs[0]
    footer.text = "{{ program.organization or program.name }}　{{ term.name }}工作总结"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(doc, "{{ program.name }}", "Title")
    para(doc, "{{ term.name }}工作总结", "Title")
    para(doc, "单位：{{ program.organization or '—' }}")
    para(doc, "{% if period.kind == 'term' %}学期{% else %}统计期{% endif %}：{{ term.name }}{% if period.kind != 'range' %}（{{ term.start }} 至 {{ term.end }}）{% endif %}")
    para(doc, "统计截至：{{ as_of }}{% if not ended %}（{{ period.word }}尚未结束）{% endif %}")
    para(doc, "{% if redacted %}本报告已隐去姓名、电话和住址，可供外送。{% endif %}")

    para(doc, "一、基本情况", "Heading 1")
    para(doc, "在册儿童 {{ children.active }} 人，本{{ period.word }}新增 {{ children.new }} 人、离开 "
              "{{ children.left }} 人；在结对 {{ pairings.active }} 对，参与帮扶人 {{ helpers.active }} 名。")
    para(doc, "建档率 {{ rates.archive|pct }}（{{ rates.archive.count }}/{{ rates.archive.total }}，"
              "监护人姓名电话、学校、班级齐全）；结对率 {{ rates.pairing|pct }}"
              "（{{ rates.pairing.count }}/{{ rates.pairing.total }}）；档案核查率 {{ rates.verified|pct }}"
              "（{{ rates.verified.count }}/{{ rates.verified.total }}，本{{ period.word }}核查过档案的在册儿童）。")
    para(doc, "按类别", "Heading 2")
    table(doc, ["类别", "人数"], "r in children.by_category",
          ["{{ r.code|label('category') }}", "{{ r.count }}"], [8, 4])
    para(doc, "按年级", "Heading 2")
    table(doc, ["年级", "人数"], "r in children.by_grade", ["{{ r.code|label('grade') }}", "{{ r.count }}"], [8, 4])
    para(doc, "按性别", "Heading 2")
    table(doc, ["性别", "人数"], "r in children.by_gender", ["{{ r.code|label('gender') }}", "{{ r.count }}"], [8, 4])
    para(doc, "按村（居）", "Heading 2")
    table(doc, ["村/居", "人数"], "r in children.by_village", ["{{ r.code|label('village') }}", "{{ r.count }}"], [8, 4])
    para(doc, "新增与离开", "Heading 2")
    para(doc, "{% if children.new_list %}本{{ period.word }}新增：{% for c in children.new_list %}{{ c.name }}（{{ c.date }}）"
              "{% if not loop.last %}、{% endif %}{% endfor %}。{% else %}本{{ period.word }}无新增儿童。{% endif %}")
    para(doc, "{% if children.left_list %}本{{ period.word }}离开：{% for c in children.left_list %}{{ c.name }}（{{ c.date }}，"
              "{{ c.reason|label('left_reason') }}）{% if not loop.last %}、{% endif %}{% endfor %}。"
              "{% else %}本{{ period.word }}无儿童离开。{% endif %}")
    para(doc, "{% if children.unpaired_list %}尚未结对：{% for c in children.unpaired_list %}{{ c.name }}"
              "{% if not loop.last %}、{% endif %}{% endfor %}。{% endif %}")
    para(doc, "{% if verified.unverified %}本{{ period.word }}未核查档案：{% for c in verified.unverified %}{{ c.name }}"
              "{% if not loop.last %}、{% endif %}{% endfor %}。{% endif %}")
    para(doc, "{% if archive_incomplete %}档案不全：{% for c in archive_incomplete %}{{ c.name }}（缺"
              "{% for f in c.missing %}{{ f|label('report.field') }}{% if not loop.last %}、{% endif %}{% endfor %}）"
              "{% if not loop.last %}；{% endif %}{% endfor %}。{% endif %}")

    para(doc, "二、帮扶人", "Heading 1")
    table(doc, ["身份", "人数"], "r in helpers.by_role", ["{{ r.code|label('role') }}", "{{ r.count }}"], [8, 4])

    para(doc, "三、帮扶职责落实情况", "Heading 1")
    para(doc, "本{{ period.word }}应完成 {{ duties.due }} 项，已完成 {{ duties.met }} 项，完成率 {{ duties.rate|pct }}。")
    table(doc, ["职责", "应完成", "已完成", "完成率"], "r in duties.rules",
          ["{{ r.name or (r.duty|label('report.duty')) }}", "{{ r.due }}", "{{ r.met }}", "{{ r.rate|pct }}"],
          [7, 3, 3, 3])
    para(doc, "{%p if program_duties.due %}")
    para(doc, "项目自己的职责（集体活动）：应完成 {{ program_duties.due }} 项，已完成 {{ program_duties.met }} 项，"
              "完成率 {{ program_duties.rate|pct }}。")
    table(doc, ["项目职责", "周期", "需要", "已开展", "情况"], "r in program_duties.list",
          ["{{ r.name }}", "{{ r.period }}", "{{ r.needed }}", "{{ r.done }}", "{{ '已完成' if r.met else '未完成' }}"],
          [6, 3, 2, 2, 3])
    para(doc, "{%p endif %}")
    para(doc, "{%p if helpers.evaluation %}")
    para(doc, "帮扶人工作情况（纳入年终考核；有结对的帮扶人全部列出，完成率低、久未联系的在前）：")
    table(doc, ["帮扶人", "身份", "结对儿童", "联系次数", "应完成", "已完成", "完成率", "最后联系"], "h in helpers.evaluation",
          ["{{ h.name }}", "{{ h.role|label('role') }}", "{{ h.children }}", "{{ h.contacts }}", "{{ h.owed }}",
           "{{ h.met }}", "{{ h.rate|pct }}", "{{ h.last_contact or '从未联系' }}"],
          [3, 2, 2, 2, 2, 2, 2, 3])
    para(doc, "{%p endif %}")

    para(doc, "四、联系记录", "Heading 1")
    para(doc, "本{{ period.word }}共记录联系 {{ contacts.total }} 次。截至 {{ as_of }}，在结对 {{ pairings.active }} 对中，"
              "{% for t in pairings.touched %}近 {{ t.days }} 天有联系的 {{ t.count }} 对（{{ t|pct }}）"
              "{% if not loop.last %}，{% else %}；{% endif %}{% endfor %}已连续 {{ pairings.quiet.days }} 天以上"
              "没有任何联系的 {{ pairings.quiet.count }} 对。")
    table(doc, ["方式", "次数"], "r in contacts.by_kind", ["{{ r.code|label('kind') }}", "{{ r.count }}"], [8, 4])
    para(doc, "{% if activities.total %}本{{ period.word }}开展集体活动 {{ activities.total }} 次，参加儿童 "
              "{{ activities.children_reached }} 人。{% else %}本{{ period.word }}没有记录集体活动。{% endif %}")
    para(doc, "{%p if activities.total %}")
    table(doc, ["活动类型", "次数"], "r in activities.by_kind", ["{{ r.code|label('activity') }}", "{{ r.count }}"], [8, 4])
    para(doc, "{%p endif %}")
    para(doc, "各月联系次数", "Heading 2")
    table(doc, ["月份", "次数", ""], "m in contacts.by_month", ["{{ m.label }}", "{{ m.count }}", "{{ m.bar }}"],
          [3, 2, 11])

    para(doc, "五、风险评估与强制报告", "Heading 1")
    table(doc, ["风险等级", "人数"], "r in risk.levels", ["{{ r.code|label('level') if r.code else '未评估' }}", "{{ r.count }}"], [8, 4])
    para(doc, "{% for t in risk.tiers %}分类施策：{{ t.code|label('level') }} {{ t.children }} 人，每个结对另加："
              "{% for r in t.rules %}{{ r }}{% if not loop.last %}、{% endif %}{% endfor %}。{% endfor %}")
    para(doc, "本{{ period.word }}应评估 {{ risk.owed }} 人次：按时 {{ risk.on_time }}，逾期补评 {{ risk.late }}，"
              "未评估 {{ risk.missing }}。")
    para(doc, "{%p if risk.late or risk.missing %}")
    table(doc, ["儿童", "应评估日期", "情况"], "c in risk.checks if c.status != 'on_time'",
          ["{{ c.name }}", "{{ c.due }}", "{{ c.status|label('report.risk') }}{% if c.done %}（{{ c.done }}）{% endif %}"],
          [4, 4, 8])
    para(doc, "{%p endif %}")
    para(doc, "本{{ period.word }}发现强制报告情形 {{ concerns.raised }} 起，已报告 {{ concerns.reported }} 起；"
              "截至 {{ as_of }} 尚未报告 {{ concerns.outstanding }} 起。")
    para(doc, "{%p if with_contacts and concerns.details %}")
    table(doc, ["儿童", "日期", "情形", "说明", "报告"], "c in concerns.details",
          ["{{ c.name }}", "{{ c.date }}", "{{ c.type|label('concern') }}", "{{ c.notes }}",
           "{{ c.reported or '未报告' }} {{ c.reported_to }}"], [2.5, 2.5, 3.5, 5, 3])
    para(doc, "{%p endif %}")
    para(doc, "控辍保学（无故缺课超过 {{ absences.persuade_after_days }} 天组织劝返，劝返未果 "
              "{{ absences.report_after_failed }} 次报镇人民政府）：本{{ period.word }}无故缺课 {{ absences.absences }} 人次"
              "（有故缺课另有 {{ absences.excused }} 人次，不计），劝返 {{ absences.persuasions }} 次（未果 "
              "{{ absences.failed }} 次），返校 {{ absences.back }} 人次，报告 {{ absences.reported }} 次；截至 "
              "{{ as_of }} 仍未返校 {{ absences.away }} 人，须报告而尚未报告 {{ absences.unreported }} 人。")
    para(doc, "{%p if absences.details %}")
    table(doc, ["儿童", "班级", "缺课起", "天数", "劝返（未果）", "返校", "报告"], "a in absences.details",
          ["{{ a.name }}", "{{ a['class'] }}", "{{ a['from'] }}",
           "{{ a.days }}{% if not a.whereabouts_known %}（去向不明）{% endif %}",
           "{{ a.persuasions }}（{{ a.failed }}）{{ a.by }}", "{{ a.back or ('未返校' if a.away else '—') }}",
           "{{ a.reported or ('未报告' if a.alerts else '—') }} {{ a.reported_to }}"], [2.2, 2, 2.5, 2, 3, 2.3, 3])
    para(doc, "{%p endif %}")

    para(doc, "六、未完成职责的儿童", "Heading 1")
    para(doc, "{% if not duties.unmet_children %}所有职责均已完成。{% endif %}")
    para(doc, "{%p if duties.unmet_children %}")
    table(doc, ["儿童", "未完成", "明细"], "c in duties.unmet_children",
          ["{{ c.name }}", "{{ c.missed }}",
           "{% for d in c.duties %}{{ d.name or (d.duty|label('report.duty')) }}×{{ d.count }}"
           "{% if not loop.last %}、{% endif %}{% endfor %}"], [3, 2, 11])
    para(doc, "{%p endif %}")

    para(doc, "{%p if narrative.blocks %}")
    para(doc, "七、工作总结", "Heading 1")
    para(doc, "{%p for b in narrative.blocks %}")
    para(doc, "{%p if b.kind == 'heading' and b.level <= 2 %}")
    para(doc, "{{ b.text }}", "Heading 2")
    para(doc, "{%p elif b.kind == 'heading' %}")
    para(doc, "{{ b.text }}", "Heading 3")
    para(doc, "{%p elif b.kind == 'item' %}")
    para(doc, "{{ b.text }}", "List Bullet")
    para(doc, "{%p else %}")
    body = para(doc, "{{ b.text }}")
    body.paragraph_format.first_line_indent = Pt(24)
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")

    # the register is wide (seed 002's eight columns): a landscape section of its own
    wide = doc.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Cm(29.7), Cm(21)
    para(doc, "附表：结对登记表", "Heading 1")
    para(doc, "学校名称（盖章）：{{ program.organization or program.name }}　　　　填报时间：{{ today }}")
    table(doc, ["序号", "帮扶人姓名", "单位", "职务", "联系电话", "儿童姓名", "就读学校及班级", "备注"],
          "r in pairings.register",
          ["{{ r.no }}", "{{ r.helper_names }}", "{{ r.units }}", "{{ r.positions }}", "{{ r.phones }}",
           "{{ r.child_name }}", "{{ r.school_class }}", "{{ r.notes }}"],
          [1.3, 2.6, 5.2, 2.6, 2.8, 2.2, 6.6, 2.0])

    para(doc, "{%p if with_contacts and children.cards %}")
    para(doc, "附表：联系卡", "Heading 1")
    table(doc, ["儿童", "村/居", "监护人", "关系", "电话", "住址", "父母务工地"], "c in children.cards",
          ["{{ c.name }}", "{{ c.village }}", "{{ c.guardian }}", "{{ c.relation }}", "{{ c.phone }}",
           "{{ c.address }}", "{{ c.parents_work }}"], [2.4, 2.2, 2.4, 1.6, 3.0, 6.5, 7.2])
    para(doc, "{%p endif %}")

    closing = para(doc, "{{ program.organization or program.name }}")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date_line = para(doc, "{{ today }}")
    date_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(str(OUT))


if __name__ == "__main__":
    build()
    print(OUT)
