"""Cell values as people type them: dates, genders, categories, phones, ages, names.

The same date arrives as a date cell, an Excel serial number or text in half a
dozen forms; a phone can have lost its digits to 1.37E+10. Each parser returns the
record format's value or raises a ``CellError`` naming what is wrong, so one bad
cell marks its row without stopping the import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from liushou_cli.dates import parse_date as parse_text_date
from liushou_cli.roster.errors import CellError
from liushou_cli.roster.sheet import Cell

_EMPTY = {"", "/", "-", "—", "——", "－", "无", "暂无", "空", "null", "None"}
_SERIAL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts a 29 Feb 1900 that never was)
# a time of day after the date: Excel writes one when a date-and-time cell is saved as text
_TIME_OF_DAY = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")


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
    """A date cell, an Excel serial number, or text: any form the records take
    (``dates.parse_date``: 2016/3/12, 2016-3-12, 2016.3.12, 2016年3月12日, full-width
    digits), a time of day after it (2016/3/12 8:00), or 20160312."""
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
    if text.isdecimal():  # not isdigit: ``²`` is a digit that int() refuses
        return _number_date(int(text), text)
    time = _TIME_OF_DAY.search(text)
    day = parse_text_date(text[: time.start()] if time else text)
    if day is not None:
        return day
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


# the village (村/居) in an address: 水湖镇三村五组 → 三村, 宋家沟村3组 → 宋家沟村,
# 城关镇白沙关社区3栋 → 白沙关社区; 新村镇 is a town, not a village
_VILLAGE_MARK = re.compile(r"村|社区|居委会|居民委员会")
_TOWN_AFTER = re.compile(r"镇|乡|街道|街办|县|区|市")  # matched at the mark's end
_ADMIN = re.compile(r"(?:省|自治区|市|州|盟|地区|县|旗|区|镇|乡|街道|街办|办事处)")


def village_of(address: str | None) -> str | None:
    """The 村/居/社区 part of an address, or None when it names none (nothing is guessed):
    the first village word not followed by a town's (新村镇), without the province, city,
    county and town before it."""
    if not address:
        return None
    text = re.sub(r"\s+", "", address)
    for mark in _VILLAGE_MARK.finditer(text):
        if _TOWN_AFTER.match(text, mark.end()):
            continue
        before = text[:mark.start()]
        # the last administrative word that leaves a name (河州村 is a village, not 州 + 村)
        cuts = [0, *(admin.end() for admin in _ADMIN.finditer(before))]
        name = next((before[cut:] for cut in reversed(cuts) if before[cut:]), "")
        if name:
            return name + mark.group()
    return None
