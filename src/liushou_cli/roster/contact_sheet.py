"""Reading a helpers' contact sheet (活动台帐 / 帮扶记录): .xlsx or CSV into contact rows.

Helpers keep what they did in Excel: a merged title (2026年秋季帮扶活动台帐) over a
header of 日期 | 儿童 | 帮扶人 | 类型 | 内容, dates as date cells, serial numbers or
2026/11/3, kinds in Chinese (家访、谈心). This reads such a sheet cell by cell into
``SheetContact`` rows — the contract's English values, names still as written —
each with its Excel row and what could not be read, naming the cell's column.
Which child, pairing and helper a name means is ``contact_plan``'s business: that
needs the records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from liushou_cli.records.csvio import KIND_SEPARATORS, slash_words
from liushou_cli.roster.cells import cell_text, parse_name
from liushou_cli.roster.cells import parse_date as read_date
from liushou_cli.roster.errors import CellError, Issue, RosterError
from liushou_cli.roster.fields import IGNORE, norm_header
from liushou_cli.roster.header import Column, Header
from liushou_cli.roster.read import check_map, sheets_named
from liushou_cli.roster.rows import FOOTER
from liushou_cli.roster.sheet import Cell, Sheet
from liushou_cli.vocab import english_value

#: what ``--map`` accepts for a contact sheet; "-" ignores a column
CONTACT_FIELDS: tuple[str, ...] = ("date", "pairing", "child", "helper", "kinds", "channel", "minutes", "summary")

_HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "时间", "活动日期", "活动时间", "联系日期", "联系时间", "帮扶日期", "帮扶时间", "走访日期",
             "走访时间", "家访日期", "家访时间", "谈心日期", "谈心时间", "日期(年月日)"),
    "pairing": ("结对", "结对编号", "结对号"),
    "child": ("儿童", "姓名", "儿童姓名", "学生姓名", "学生", "幼儿姓名", "留守儿童", "留守儿童姓名", "帮扶对象",
              "帮扶对象姓名", "结对儿童", "结对学生", "儿童编号"),
    "helper": ("帮扶人", "帮扶人姓名", "帮扶教师", "结对教师", "帮扶责任人", "帮扶者", "爱心妈妈", "代理家长",
               "志愿者", "联系人", "走访人", "家访教师", "帮扶人编号"),
    "kinds": ("类型", "联系类型", "活动类型", "帮扶类型", "帮扶形式", "形式", "联系形式", "活动形式", "类别"),
    "channel": ("方式", "联系方式", "联系途径"),
    "minutes": ("时长", "时长(分钟)", "用时", "用时(分钟)", "分钟", "时长(分)"),
    "summary": ("内容", "摘要", "活动内容", "帮扶内容", "联系内容", "谈话内容", "谈心内容", "主要内容",
                "走访内容", "家访内容", "情况记录", "记录", "内容摘要", "活动情况", "备注"),
    IGNORE: ("序号", "编号", "No", "NO", "no", "签名", "帮扶人签名", "家长签名", "监护人签名"),
}
HEADERS: dict[str, str] = {word: fld for fld, words in _HEADERS.items() for word in words} | {
    fld: fld for fld in CONTACT_FIELDS  # the contact log's own English column names
}

# words helpers write for a kind beyond the record format's own names (vocab.KIND_WORDS);
# each means exactly one kind
_MORE_KINDS: dict[str, str] = {
    "入户走访": "home_visit", "上门走访": "home_visit", "入户家访": "home_visit", "上门家访": "home_visit",
    "谈话": "talk", "谈心谈话": "talk", "个别谈心": "talk",
    "电话联系": "call", "视频通话": "call", "通话": "call", "打电话": "call", "视频聊天": "call",
    "亲情电话": "parent_link", "亲情通话": "parent_link",
    "与家长沟通": "guardian_contact", "与监护人联系": "guardian_contact", "联系监护人": "guardian_contact",
    "与班主任沟通": "teacher_contact", "联系班主任": "teacher_contact",
    "辅导": "tutoring", "作业辅导": "tutoring", "辅导作业": "tutoring",
    "心理辅导": "counselling", "过生日": "birthday", "生日": "birthday", "过节": "festival",
    "节日": "festival", "书信": "letter",
}
_CHANNELS = {"当面": "in_person", "面谈": "in_person", "见面": "in_person", "上门": "in_person",
             "入户": "in_person", "现场": "in_person", "电话": "phone", "视频": "video", "微信": "wechat",
             "书信": "letter", "信件": "letter", "写信": "letter"}
_MINUTES = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*(?:小时|h|时))?\s*(?:(\d+)\s*(?:分钟|分|min|m)?)?$")


@dataclass
class SheetContact:
    """One contact as the sheet gives it: English values, child and helper as written."""

    row: int
    date: date | None = None
    pairing: str | None = None
    child: str | None = None
    helpers: list[str] = field(default_factory=list)
    kinds: tuple[str, ...] = ()
    channel: str | None = None
    minutes: int | None = None
    summary: str | None = None
    issues: list[Issue] = field(default_factory=list)
    part: SheetPart | None = field(default=None, compare=False, repr=False)  # the sheet it is on


@dataclass
class SheetPart:
    """One sheet read: a workbook kept a sheet a month (9月 | 10月 | 11月) has several."""

    name: str  # the sheet's name ("" for a CSV)
    header: Header
    kinds_from_summary: bool  # no kinds column: the kinds lead the 活动内容 cell
    rows: int = 0

    def unused(self) -> list[str]:
        """Columns nobody will read (every 内容/备注 column is read, joined)."""
        return self.header.unused("summary")


@dataclass
class ContactSheet:
    rows: list[SheetContact]
    parts: list[SheetPart]
    encoding: str


def field_for(label: str, extra: dict[str, str] | None = None) -> str | None:
    """The field a (normalised) contact-sheet header names: ``--map`` first, then the
    known names, then the same without a bracketed remark (``日期(年/月/日)`` → 日期)."""
    extra = extra or {}
    for candidate in (label, re.sub(r"\(.*?\)", "", label)):
        for table in (extra, HEADERS):
            if candidate in table:
                return table[candidate]
        if candidate.lower() in HEADERS:
            return HEADERS[candidate.lower()]
    return None


def find_header(sheet: Sheet, extra: dict[str, str] | None = None, scan: int = 15) -> Header | None:
    """The header row: among the first rows, the first naming a date and a pairing or
    a child (a merged title row above it names neither)."""
    for number, cells in sheet.rows[:scan]:
        labels = [norm_header(c) if c is not None else "" for c in cells]
        fields = [field_for(x, extra) if x else None for x in labels]
        if "date" in fields and ("pairing" in fields or "child" in fields):
            return Header(number, [Column(i, x, f) for i, (x, f) in enumerate(zip(labels, fields, strict=True))])
    return None


def read_contact_sheet(path: Path, mapping: dict[str, str] | None = None, sheet: str | None = None) -> ContactSheet:
    """The contacts in ``path``: every sheet of a workbook whose header makes sense (or
    only ``sheet``), or a CSV in the first encoding whose header does, row by row."""
    parts: list[SheetPart] = []
    rows: list[SheetContact] = []
    encoding = ""
    for candidate in sheets_named(path, sheet):
        header = find_header(candidate, mapping)
        if header is None:
            continue
        from_summary = header.first("kinds") is None
        if from_summary and header.first("summary") is None:
            raise RosterError("importer.err.contacts_no_kinds",
                              headers="、".join(c.label for c in header.columns if c.label))
        part = SheetPart(candidate.name, header, from_summary)
        mine = [_row(number, cells, part) for number, cells in candidate.rows
                if number > header.row and _is_data(cells)]
        part.rows = len(mine)
        parts.append(part)
        rows += mine
        encoding = candidate.encoding
        if candidate.encoding != "xlsx":
            break  # a CSV's other decodings are the same table misread
    if not parts:
        raise RosterError("importer.err.contacts_no_header")
    _check_map(parts, mapping)
    return ContactSheet(rows, parts, encoding)


def _check_map(parts: list[SheetPart], mapping: dict[str, str] | None) -> None:
    """Every header given to ``--map`` is in one of the sheets read."""
    missing = None
    for part in parts:
        try:
            check_map(part.header, mapping)
            return
        except RosterError as exc:
            missing = missing or exc
    if missing is not None:
        raise missing


def _is_data(cells: list[Cell]) -> bool:
    """Not an empty row and not a footer (填表人：… 合计)."""
    filled = [x for x in (cell_text(c) for c in cells) if x is not None]
    return bool(filled) and not (len(filled) <= 2 and any(FOOTER.search(x) for x in filled))


def _row(number: int, cells: list[Cell], part: SheetPart) -> SheetContact:
    header, kinds_from_summary = part.header, part.kinds_from_summary
    out = SheetContact(number, part=part)

    def cell(col: Column | None) -> Cell:
        return cells[col.index] if col is not None and col.index < len(cells) else None

    def problem(col: Column, key: str, **args: object) -> None:
        out.issues.append(Issue.of(key, letter=col.letter, column=col.label, **args))

    summaries: list[str] = []
    for col in header.all("summary"):
        text = cell_text(cell(col))
        if text:
            summaries.append(text if not summaries else f"{col.label}：{text}")
    out.summary = "；".join(summaries) or None

    date_col = header.first("date")
    if date_col is not None:
        try:
            out.date = read_date(cell(date_col))
        except CellError as exc:
            problem(date_col, "importer.contact.bad_date", value=dict(exc.issue.args).get("value", ""))
        if out.date is None and not any(i.key == "importer.contact.bad_date" for i in out.issues):
            problem(date_col, "importer.contact.no_date")
    out.pairing = parse_name(cell(header.first("pairing")))
    out.child = parse_name(cell(header.first("child")))  # 王  芳 padded in Excel is 王芳
    who = header.first("pairing") or header.first("child")
    if out.pairing is None and out.child is None and who is not None:
        problem(who, "importer.contact.no_child")
    helper_col = header.first("helper")
    if helper_col is not None:
        text = cell_text(cell(helper_col))
        out.helpers = [h for h in re.split(r"[、，,;；/\s]+", text) if h] if text else []

    kinds_col = header.first("kinds") if not kinds_from_summary else header.first("summary")
    if kinds_col is not None:
        text = cell_text(cell(kinds_col))
        try:
            out.kinds = leading_kinds(text) if kinds_from_summary else parse_kinds(text)
        except CellError as exc:
            problem(kinds_col, exc.issue.key, **dict(exc.issue.args))
    channel_col = header.first("channel")
    if channel_col is not None:
        text = cell_text(cell(channel_col))
        out.channel = _CHANNELS.get(text, text) if text else None
    minutes_col = header.first("minutes")
    if minutes_col is not None:
        try:
            out.minutes = parse_minutes(cell(minutes_col))
        except CellError as exc:
            problem(minutes_col, exc.issue.key, **dict(exc.issue.args))
    return out


def kind_of(word: str) -> str | None:
    """The kind a word names: an English kind, a record-format name (家访), or a word
    helpers use for it (入户走访)."""
    return english_value("kind", word) or _MORE_KINDS.get(word.strip())


def _kinds_in(part: str) -> list[tuple[str, str | None]]:
    """Each word of one separated part and its kind (None: no kind), split as the contact
    log splits them (``走访/家访`` is one name, ``家访/谈心`` two words)."""
    return [(word, kind_of(word)) for word in slash_words(part)]


def parse_kinds(text: str | None) -> tuple[str, ...]:
    """Every kind in a cell (家访、谈心 · 走访/家访 · home_visit;talk), each once; a word
    that is no kind makes the cell an error naming it."""
    if text is None:
        raise CellError("importer.contact.no_kinds")
    out: list[str] = []
    for part in KIND_SEPARATORS.split(text):
        for piece, kind in _kinds_in(part):
            if kind is None:
                raise CellError("importer.contact.bad_kind", value=piece)
            if kind not in out:
                out.append(kind)
    if not out:
        raise CellError("importer.contact.no_kinds")
    return tuple(out)


def leading_kinds(text: str | None) -> tuple[str, ...]:
    """With no kinds column, the kinds that open the 活动内容 cell (家访：与奶奶交流 ·
    电话、谈心，了解近况); the whole cell stays the summary."""
    if text is None:
        raise CellError("importer.contact.no_kinds")
    head = re.split(r"[:：。]", text, maxsplit=1)[0]
    out: list[str] = []
    for part in KIND_SEPARATORS.split(head):
        found = _kinds_in(part)
        if any(kind is None for _, kind in found):
            break
        out += [kind for _, kind in found if kind is not None and kind not in out]
    if not out:
        raise CellError("importer.contact.no_leading_kind", value=text[:20])
    return tuple(out)


def parse_minutes(value: Cell) -> int | None:
    """60 · 60分钟 · 1小时 · 1.5小时 · 1小时30分 · 半小时, as whole minutes."""
    text = cell_text(value)
    if text is None:
        return None
    compact = text.replace(" ", "").replace("半小时", "0.5小时").replace("个小时", "小时")
    m = _MINUTES.match(compact)
    if m is None or not (m[1] or m[2]):
        raise CellError("importer.contact.bad_minutes", value=text)
    total = round(float(m[1] or 0) * 60) + int(m[2] or 0)
    if total > 24 * 60:
        raise CellError("importer.contact.bad_minutes", value=text)
    return total
