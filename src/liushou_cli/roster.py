"""Reading a roster (花名册): .xlsx or CSV as Excel and WPS save them, into child data.

Rosters are made by hand in Excel/WPS: a title row above the header, two-row
headers under merged cells, dates as date cells, serial numbers or text in
half a dozen forms, CSV in GBK. This module turns one into rows of plain child
data (the record format's keys), each with its Excel row number and what could
not be read in it, so the coordinator can fix exactly that row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

Cell = str | int | float | date | None

# --- fields -------------------------------------------------------------------

#: what ``--map`` accepts, in the order the docs list them; "-" ignores a column
FIELDS: tuple[str, ...] = (
    "name", "gender", "birth_date", "school", "grade", "class",
    "class_teacher.name", "class_teacher.phone", "boarding", "categories", "parents_away",
    "guardian.name", "guardian.relation", "guardian.phone", "guardian.address",
    "guardian.age", "guardian.health", "guardian.occupation",
    "father.name", "father.phone", "father.work_place", "father.employer", "father.employer_phone",
    "mother.name", "mother.phone", "mother.work_place", "mother.employer", "mother.employer_phone",
    "parents.work_place", "village", "address", "enrolled", "notes", "id_number",
)
IGNORE = "-"

_OWNERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "监护人": ("guardian", ("name", "relation", "phone", "address", "age", "health", "occupation")),
    "委托监护人": ("guardian", ("name", "relation", "phone", "address", "age", "health", "occupation")),
    "家长": ("guardian", ("name", "relation", "phone", "address")),
    "父亲": ("father", ("name", "phone", "work_place", "employer", "employer_phone")),
    "母亲": ("mother", ("name", "phone", "work_place", "employer", "employer_phone")),
    "班主任": ("class_teacher", ("name", "phone")),
}
_ATTRS: dict[str, tuple[str, ...]] = {
    "name": ("", "姓名", "名字"),
    "phone": ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
    "relation": ("关系", "与儿童关系", "与孩子关系", "与学生关系", "与留守儿童关系", "与本人关系"),
    "address": ("住址", "地址", "家庭住址", "现住址"),
    "age": ("年龄",),
    "health": ("身体状况", "健康状况"),
    "occupation": ("职业",),
    "work_place": ("务工地点", "务工地址", "外出务工地点", "外出务工地址", "工作地点", "外出地点"),
    "employer": ("务工单位", "工作单位", "单位"),
    "employer_phone": ("单位电话", "务工单位电话", "工作单位电话"),
}
_PLAIN: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "儿童姓名", "学生姓名", "幼儿姓名", "留守儿童姓名", "名字"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "出生时间"),
    "school": ("学校", "就读学校", "所在学校", "学校名称"),
    "grade": ("年级", "就读年级", "所在年级"),
    "class": ("班级", "就读班级", "所在班级", "班别", "年级班级", "年级及班级", "就读年级班级"),
    "guardian.relation": ("关系", "与儿童关系", "与孩子关系", "与学生关系", "与留守儿童关系", "监护关系"),
    "guardian.phone": ("联系电话", "联系方式", "手机", "手机号", "手机号码", "电话", "家长电话", "家庭电话"),
    "guardian.health": ("身体状况", "健康状况"),
    "boarding": ("是否寄宿", "寄宿", "是否住校", "住校", "寄宿生", "是否寄宿生"),
    "categories": ("类别", "儿童类别", "类型", "儿童类型"),
    "parents_away": ("父母外出情况", "外出情况", "父母外出", "外出类型", "留守类型", "父母外出务工情况"),
    "parents.work_place": ("务工地点", "外出务工地点", "务工地址", "外出务工地址", "父母务工地点", "父母务工地址", "外出地点"),
    "village": ("村/居", "村居", "村", "居委会", "所在村", "村(居)", "所在村(居)", "村(社区)", "社区", "所在村居",
                "村委会", "村名", "村组", "所在村组"),
    "address": ("家庭住址", "住址", "家庭地址", "现住址", "居住地址", "家庭详细住址"),
    "enrolled": ("建档日期", "建档时间", "纳入日期", "纳入时间"),
    "notes": ("备注", "兴趣爱好", "爱好", "特长", "爱好特长"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    IGNORE: ("序号", "编号", "No", "NO", "no"),
}


def _header_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for owner_word, (owner, attrs) in _OWNERS.items():
        for attr in attrs:
            for word in _ATTRS[attr]:
                table.setdefault(owner_word + word, f"{owner}.{attr}")
    for owner_word in ("父亲", "母亲"):
        table[owner_word + "外出务工地点"] = f"{_OWNERS[owner_word][0]}.work_place"
    table["监护人与儿童关系"] = "guardian.relation"
    for fld, words in _PLAIN.items():
        for word in words:
            table.setdefault(word, fld)
    return table


HEADERS: dict[str, str] = _header_table()
_SUBWORDS = {w for words in _ATTRS.values() for w in words if w} | set(HEADERS)


def norm_header(value: object) -> str:
    """What a header cell says, without spaces, line breaks, full-width brackets or marks."""
    text = re.sub(r"[\s\u3000]+", "", str(value if value is not None else ""))
    text = text.replace("（", "(").replace("）", ")").replace("：", ":")
    return text.strip("*:")


def field_for(label: str, extra: dict[str, str] | None = None) -> str | None:
    """The field a (normalised) header names: ``--map`` first, then the known names,
    then the same without a bracketed remark (``性别(男/女)`` → 性别)."""
    extra = extra or {}
    for candidate in (label, re.sub(r"\(.*?\)", "", label)):
        if candidate in extra:
            return extra[candidate]
        if candidate in HEADERS:
            return HEADERS[candidate]
    return None


# --- reading files ---------------------------------------------------------------


class RosterError(Exception):
    """The file as a whole cannot be read; ``key`` names the message."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass
class Sheet:
    """A grid of cells as Excel shows it, with each row's Excel row number."""

    rows: list[tuple[int, list[Cell]]]
    name: str = ""
    encoding: str = ""


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an .xlsx, or the one table of a CSV/TSV file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RosterError("importer.err.no_file", path=str(path))
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        raise RosterError("importer.err.old_format", suffix=suffix)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError("importer.err.unreadable", path=str(path), reason=exc.strerror or type(exc).__name__) from None
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary .xls, whatever its name
        raise RosterError("importer.err.old_format", suffix=suffix if suffix != ".xlsx" else ".xls")
    if suffix in (".xlsx", ".xlsm") or raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    return list(_csv_candidates(raw))


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl's own errors all mean "not a usable .xlsx"
        raise RosterError("importer.err.bad_xlsx", reason=type(exc).__name__) from None
    sheets = []
    for ws in book.worksheets:
        found: dict[int, dict[int, Cell]] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    found.setdefault(cell.row, {})[cell.column] = _cell(cell.value)
        # a merged cell's value belongs to every cell it covers (a merged 监护人 header,
        # a 学校 written once for ten children)
        for rng in ws.merged_cells.ranges:
            value = found.get(rng.min_row, {}).get(rng.min_col)
            if value is None:
                continue
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    found.setdefault(r, {})[c] = value
        # as wide as the cells in use (a sheet formatted to column XFD is not that wide)
        width = max((max(cols) for cols in found.values()), default=0)
        rows = [(r, [cols.get(c) for c in range(1, width + 1)]) for r, cols in sorted(found.items())]
        sheets.append(Sheet(rows, name=ws.title, encoding="xlsx"))
    book.close()
    return sheets


def _cell(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()  # a date cell; a time of day in a roster means nothing here
    if isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
        return value
    return str(value)


def _csv_candidates(raw: bytes) -> Iterable[Sheet]:
    """The CSV decoded each way Excel and WPS may have saved it, best guess first:
    a BOM says it all; else strict UTF-8; else GB18030 (a superset of GBK)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        attempts = [("utf-8-sig", raw)]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        attempts = [("utf-16", raw)]  # Excel's "Unicode 文本": UTF-16, tab-separated
    else:
        attempts = [("utf-8", raw), ("gb18030", raw)]
    for encoding, data in attempts:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        yield Sheet(_parse_csv(text), encoding=encoding)


def _parse_csv(text: str) -> list[tuple[int, list[Cell]]]:
    head = [line for line in text.splitlines()[:10] if line.strip()]
    delimiter = "\t" if sum(x.count("\t") for x in head) > sum(x.count(",") for x in head) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, list(row)) for number, row in enumerate(reader, start=1)]


# --- the header --------------------------------------------------------------------


@dataclass
class Column:
    index: int
    label: str  # the header as the user wrote it (two rows joined)
    field: str | None  # None: not understood


@dataclass
class Header:
    row: int  # Excel row number of the (last) header row
    columns: list[Column]
    rows_used: int = 1

    @property
    def fields(self) -> dict[str, int]:
        """Each field's column (the first one naming it)."""
        out: dict[str, int] = {}
        for col in self.columns:
            if col.field and col.field != IGNORE:
                out.setdefault(col.field, col.index)
        return out

    def unused(self) -> list[str]:
        """Columns nobody will read: unknown names, and a second column for a field."""
        seen: set[str] = set()
        out = []
        for col in self.columns:
            if not col.label:
                continue
            if col.field is None or (col.field in seen and col.field != "notes"):
                out.append(col.label)
            elif col.field != IGNORE:
                seen.add(col.field)
        return out


def _text(value: Cell) -> str:
    return "" if value is None else norm_header(value)


def find_header(sheet: Sheet, extra: dict[str, str] | None = None, scan: int = 15) -> Header | None:
    """The header row: among the first rows, the first that names a child's 姓名 and at
    least one more known column (a title row such as 水三村留守儿童花名册 names none).
    A row of sub-headers under it (姓名 | 电话 | 关系 under a merged 监护人), or a row of
    group names above it (监护人 | 父亲 …), makes it a two-row header."""
    rows = sheet.rows[:scan]
    for i, (number, cells) in enumerate(rows):
        labels = [_text(c) for c in cells]
        one = [field_for(x, extra) if x else None for x in labels]
        if "name" not in one or sum(1 for f in one if f and f != IGNORE) < 2:
            continue
        name_col = one.index("name")
        if i + 1 < len(sheet.rows) and sheet.rows[i + 1][0] == number + 1:
            number2, cells2 = sheet.rows[i + 1]
            two = _two_rows(labels, [_text(c) for c in cells2], name_col, extra)
            if two is not None:
                return Header(number2, two, rows_used=2)
        if i > 0 and rows[i - 1][0] == number - 1:
            above = [_text(c) for c in rows[i - 1][1]]
            if any(x in _OWNERS for x in above):
                two = _two_rows(above, labels, name_col, extra)
                if two is not None:
                    return Header(number, two, rows_used=2)
        columns = [Column(j, x, f) for j, (x, f) in enumerate(zip(labels, one, strict=True))]
        return Header(number, columns)
    return None


_DATA_LIKE = re.compile(r"^[\d\s./:+年月日-]+$|\d{3}")


def _two_rows(top: list[str], sub: list[str], name_col: int, extra: dict[str, str] | None) -> list[Column] | None:
    """The columns of a two-row header, or None when ``sub`` is a row of data: under 姓名
    it holds a child's name, or it holds numbers or dates, or no header word at all."""
    width = max(len(top), len(sub))
    top = top + [""] * (width - len(top))
    sub = sub + [""] * (width - len(sub))
    under_name = sub[name_col]
    if under_name and under_name != top[name_col] and under_name not in _SUBWORDS:
        return None
    changed = [s for s, t in zip(sub, top, strict=True) if s and s != t]
    if not any(s in _SUBWORDS for s in changed) or any(_DATA_LIKE.search(s) for s in changed):
        return None
    for s, t in zip(sub, top, strict=True):
        # under a header that stands alone (关系), a word must extend it (监护人 → 监护人电话)
        if s and t and s != t and field_for(t, extra) and not field_for(t + s, extra) and s not in _ATTRS["name"]:
            return None
    # a CSV keeps a merged top cell only in its first column: carry it right over
    # the columns that have a sub-header and an empty top
    filled = list(top)
    for j in range(1, width):
        if not filled[j] and sub[j] and sub[j - 1] and filled[j - 1]:
            filled[j] = filled[j - 1]
    columns = []
    for j, (t, s) in enumerate(zip(filled, sub, strict=True)):
        if s and t and s != t:
            label = t + s
            fld = field_for(label, extra) or field_for(s, extra)
            if fld is None and s in _ATTRS["name"]:
                fld = field_for(t, extra)
        else:
            label = s or t
            fld = field_for(label, extra) if label else None
        columns.append(Column(j, label, fld))
    return columns if any(c.field == "name" for c in columns) else None


# --- cell values -------------------------------------------------------------------

_EMPTY = {"", "/", "-", "—", "——", "－", "无", "暂无", "空", "null", "None"}
_SERIAL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts a 29 Feb 1900 that never was)
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")


@dataclass(frozen=True)
class Issue:
    """Why a cell (or a row) cannot be imported: a catalogue key and its arguments."""

    key: str
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: str, **args: object) -> Issue:
        return cls(key, tuple((k, str(v)) for k, v in args.items()))


class CellError(Exception):
    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.issue = Issue.of(key, **args)


def cell_text(value: Cell) -> str | None:
    """A cell as text: numbers without a trailing .0, dates as YYYY-MM-DD, blanks None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (date, datetime)):
        value = value.isoformat()[:10]
    text = str(value).strip().replace("\u3000", " ")
    return None if text in _EMPTY else text


def parse_date(value: Cell) -> date | None:
    """A date cell, an Excel serial number, or text: 2016/3/12, 2016-3-12, 2016.3.12,
    2016年3月12日, 20160312."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            value = int(value)  # a date cell with a time of day
        return _number_date(int(value), str(value))
    text = str(value).strip()
    if text in _EMPTY:
        return None
    if text.isdigit():
        return _number_date(int(text), text)
    m = _DATE_TEXT.match(text)
    if m:
        return _ymd(int(m[1]), int(m[2]), int(m[3]), text)
    if _YEAR_MONTH.match(text):
        raise CellError("importer.cell.year_month", value=text)
    raise CellError("importer.cell.bad_date", value=text)


def _number_date(n: int, text: str) -> date:
    if 19000101 <= n <= 21001231:
        return _ymd(n // 10000, n // 100 % 100, n % 100, text)
    if 1 <= n <= 73050:  # serial numbers up to 2099
        return _SERIAL_EPOCH + timedelta(days=n)
    raise CellError("importer.cell.bad_date", value=text)


def _ymd(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise CellError("importer.cell.bad_date", value=text) from None


def parse_phone(value: Cell) -> str | None:
    if isinstance(value, float) and not value.is_integer():
        raise CellError("importer.cell.scientific", value=str(value))
    text = cell_text(value)
    if text is None:
        return None
    if _SCIENTIFIC.match(text):  # Excel showed 1.37E+10 and saved that: the digits are gone
        raise CellError("importer.cell.scientific", value=text)
    return re.sub(r"(?<=\d)[ \u00a0]+(?=\d)", "", text)


_GENDER = {"男": "male", "女": "female", "男性": "male", "女性": "female", "男孩": "male", "女孩": "female",
           "m": "male", "f": "female", "male": "male", "female": "female"}
_YES = {"是", "寄宿", "住校", "√", "✓", "✔", "y", "yes", "1", "true", "有"}
_NO = {"否", "不寄宿", "走读", "不住校", "×", "✗", "n", "no", "0", "false", "非寄宿", "没有"}
_CATEGORY = {"留守": "left_behind", "困境": "in_difficulty", "残疾": "disabled", "单亲": "single_parent",
             "孤儿": "orphan", "流动": "migrant"}
_AWAY = {"双方外出": "both", "父母双方外出": "both", "父母均外出": "both", "双亲外出": "both", "父母外出": "both",
         "父母都外出": "both", "双外出": "both", "父亲外出": "father", "父外出": "father", "父亲": "father",
         "母亲外出": "mother", "母外出": "mother", "母亲": "mother", "均未外出": "none", "都未外出": "none",
         "父母均在家": "none", "未外出": "none", "无": "none",
         "both": "both", "father": "father", "mother": "mother", "none": "none"}


def parse_gender(value: Cell) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    found = _GENDER.get(text.lower())
    if found is None:
        raise CellError("importer.cell.bad_gender", value=text)
    return found


def parse_boarding(value: Cell) -> bool | None:
    text = cell_text(value)
    if text is None:
        return None
    low = text.lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    raise CellError("importer.cell.bad_boarding", value=text)


def parse_categories(value: Cell) -> list[str]:
    text = cell_text(value)
    if text is None:
        return []
    out: list[str] = []
    for part in re.split(r"[、,，;；/\s+]+", text):
        word = part.strip().removesuffix("儿童")
        if not word:
            continue
        found = _CATEGORY.get(word) or (word if word in _CATEGORY.values() else None)
        if found is None:
            raise CellError("importer.cell.bad_category", value=part)
        if found not in out:
            out.append(found)
    return out


def parse_parents_away(value: Cell) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    found = _AWAY.get(text.replace(" ", "").lower())
    if found is None:
        raise CellError("importer.cell.bad_parents_away", value=text)
    return found


def parse_age(value: Cell) -> int | None:
    text = cell_text(value)
    if text is None:
        return None
    digits = text.removesuffix("岁")
    if not digits.isdigit() or not 0 <= int(digits) <= 130:
        raise CellError("importer.cell.bad_age", value=text)
    return int(digits)


def parse_name(value: Cell) -> str | None:
    """Names padded for alignment (王  芳) are one name: spaces between Chinese
    characters go."""
    text = cell_text(value)
    if text is None:
        return None
    return re.sub(r"(?<=[\u4e00-\u9fff·])\s+(?=[\u4e00-\u9fff·])", "", text)


def parse_id_number(value: Cell) -> tuple[date, str] | None:
    """Birth date and gender from an 18-digit 身份证号 (the number itself is not kept)."""
    text = cell_text(value)
    if text is None:
        return None
    if not re.fullmatch(r"\d{17}[\dXx]", text):
        raise CellError("importer.cell.bad_id_number")
    born = _ymd(int(text[6:10]), int(text[10:12]), int(text[12:14]), "")
    return born, "male" if int(text[16]) % 2 else "female"


_PARSERS: dict[str, Callable[[Cell], Any]] = {
    "name": parse_name, "gender": parse_gender, "birth_date": parse_date, "enrolled": parse_date,
    "boarding": parse_boarding, "categories": parse_categories, "parents_away": parse_parents_away,
    "guardian.age": parse_age, "id_number": parse_id_number,
}


def parse_cell(fld: str, value: Cell) -> Any:
    if fld in _PARSERS:
        return _PARSERS[fld](value)
    if fld.endswith("phone"):
        return parse_phone(value)
    return cell_text(value)


# --- rows -------------------------------------------------------------------------

_FOOTER = re.compile(r"填表人|制表人|审核人|负责人签|合计|总计|填表日期|注[:：]|说明[:：]")


@dataclass
class RosterRow:
    """One child as the roster gives it: record-format data, or why it cannot be read."""

    row: int
    data: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def read_rows(sheet: Sheet, header: Header) -> list[RosterRow]:
    """Every data row under the header, as child data (without id and enrolled unless
    the roster gives 建档日期). Empty rows and footers (填表人：…) are left out."""
    fields = header.fields
    notes_cols = [c for c in header.columns if c.field == "notes"]
    out: list[RosterRow] = []
    for number, cells in sheet.rows:
        if number <= header.row:
            continue
        texts = [cell_text(c) for c in cells]
        filled = [x for x in texts if x is not None]
        if not filled:
            continue
        name_col = fields.get("name")
        if (name_col is None or name_col >= len(cells) or cell_text(cells[name_col]) is None) and (
            len(filled) == 1 or any(_FOOTER.search(x) for x in filled)
        ):
            continue
        out.append(_row(number, cells, header, fields, notes_cols))
    return out


def _row(number: int, cells: list[Cell], header: Header, fields: dict[str, int],
         notes_cols: list[Column]) -> RosterRow:
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    for fld, col in fields.items():
        if fld == "notes":
            continue
        raw = cells[col] if col < len(cells) else None
        try:
            values[fld] = parse_cell(fld, raw)
        except CellError as exc:
            issues.append(Issue(exc.issue.key, (("column", header.columns[col].label), *exc.issue.args)))
    notes = []
    for column in notes_cols:
        text = cell_text(cells[column.index]) if column.index < len(cells) else None
        if text:
            notes.append(text if column.label == "备注" or len(notes_cols) == 1 else f"{column.label}：{text}")
    if notes:
        values["notes"] = "；".join(notes)
    if not values.get("name"):
        issues.insert(0, Issue.of("importer.cell.no_name"))
    return RosterRow(number, child_data(values) if not issues else {}, issues)


def child_data(values: dict[str, Any]) -> dict[str, Any]:
    """Flat field values to the record format's nested shape (empty parts left out)."""
    data: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {"class_teacher": {}, "guardian": {}, "father": {}, "mother": {}}
    for fld, value in values.items():
        if value is None or value == [] or fld == "id_number":
            continue
        if "." in fld and fld != "parents.work_place":
            owner, attr = fld.split(".", 1)
            nested[owner][attr] = value
        elif fld != "parents.work_place":
            data[fld] = value
    born = values.get("id_number")
    if born:
        data.setdefault("birth_date", born[0])
        data.setdefault("gender", born[1])
    for owner in ("class_teacher", "guardian"):
        if nested[owner]:
            data[owner] = nested[owner]
    away = data.get("parents_away")
    work_place = values.get("parents.work_place")
    parents = []
    for owner, relation in (("father", "父亲"), ("mother", "母亲")):
        parent = nested[owner]
        if work_place and "work_place" not in parent and (away in ("both", owner) or (parent and away is None)):
            parent["work_place"] = work_place
        if parent:
            parents.append({"name": parent.pop("name", None), "relation": relation, **parent})
    if work_place and not any("work_place" in p for p in parents):
        note = f"务工地点：{work_place}"
        data["notes"] = f"{data['notes']}；{note}" if data.get("notes") else note
    if parents:
        data["parents"] = [{k: v for k, v in p.items() if v is not None} for p in parents]
    order = {k: i for i, k in enumerate(_ORDER)}
    return dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))))


_ORDER = ("name", "gender", "birth_date", "school", "grade", "class", "class_teacher", "boarding",
          "categories", "parents_away", "parents", "guardian", "village", "address", "enrolled", "notes")


# --- the whole file ---------------------------------------------------------------


@dataclass
class Roster:
    rows: list[RosterRow]
    header: Header
    sheet: str
    encoding: str


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """``--map "表头=field"`` → {normalised header: field}; an unknown field is an error."""
    out: dict[str, str] = {}
    for item in items:
        head, sep, fld = item.partition("=")
        fld = fld.strip()
        if not sep or not head.strip():
            raise RosterError("importer.err.bad_map", item=item)
        if fld == "parents.father.name" or fld.startswith(("parents.father.", "parents.mother.")):
            fld = fld.removeprefix("parents.")
        if fld in ("ignore", ""):
            fld = IGNORE
        if fld != IGNORE and fld not in FIELDS:
            raise RosterError("importer.err.bad_field", item=item, field=fld, fields=", ".join(FIELDS))
        out[norm_header(head)] = fld
    return out


def read_roster(path: Path, mapping: dict[str, str] | None = None, sheet: str | None = None) -> Roster:
    """The roster in ``path``: the first sheet (or ``sheet``) and encoding whose header
    makes sense, and its rows."""
    sheets = read_sheets(path)
    if sheet is not None:
        sheets = [s for s in sheets if s.name == sheet]
        if not sheets:
            raise RosterError("importer.err.no_sheet", sheet=sheet)
    for candidate in sheets:
        header = find_header(candidate, mapping)
        if header is None:
            continue
        labels = {norm_header(c.label) for c in header.columns} | {
            re.sub(r"\(.*?\)", "", norm_header(c.label)) for c in header.columns
        }
        missing = [h for h in (mapping or {}) if h not in labels]
        if missing:
            raise RosterError("importer.err.map_unknown", header=missing[0],
                              headers="、".join(c.label for c in header.columns if c.label))
        return Roster(read_rows(candidate, header), header, candidate.name, candidate.encoding)
    raise RosterError("importer.err.no_header")
