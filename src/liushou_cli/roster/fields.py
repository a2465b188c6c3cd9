"""The words rosters use: which Chinese header means which field of a child's record.

Rosters name one column a dozen ways (联系电话, 监护人手机号, 家长电话 …) and group
people's details under a merged 监护人 / 父亲 / 母亲. One table maps every known
header to a record-format field; ``--map`` extends it for the headers it misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from liushou_cli.roster.errors import RosterError

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

#: the people a merged header groups (监护人 | 电话 …) and the details each can have
OWNERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "监护人": ("guardian", ("name", "relation", "phone", "address", "age", "health", "occupation")),
    "委托监护人": ("guardian", ("name", "relation", "phone", "address", "age", "health", "occupation")),
    "家长": ("guardian", ("name", "relation", "phone", "address")),
    "父亲": ("father", ("name", "phone", "work_place", "employer", "employer_phone")),
    "母亲": ("mother", ("name", "phone", "work_place", "employer", "employer_phone")),
    "班主任": ("class_teacher", ("name", "phone")),
}
#: the words for a person's detail, after the person's word (监护人 + 电话)
ATTRS: dict[str, tuple[str, ...]] = {
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
#: the headers that name a field on their own
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
    "enrolled": ("建档日期", "建档时间", "纳入日期", "纳入时间", "入学日期", "入学时间", "登记日期", "登记时间",
                 "录入日期", "建档日期(纳入日期)"),
    "notes": ("备注", "兴趣爱好", "爱好", "特长", "爱好特长"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    IGNORE: ("序号", "编号", "No", "NO", "no"),
}


def _header_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for owner_word, (owner, attrs) in OWNERS.items():
        for attr in attrs:
            for word in ATTRS[attr]:
                table.setdefault(owner_word + word, f"{owner}.{attr}")
    for owner_word in ("父亲", "母亲"):
        table[owner_word + "外出务工地点"] = f"{OWNERS[owner_word][0]}.work_place"
    table["监护人与儿童关系"] = "guardian.relation"
    for fld, words in _PLAIN.items():
        for word in words:
            table.setdefault(word, fld)
    return table


#: every known header → its field
HEADERS: dict[str, str] = _header_table()
#: words that can stand under a merged header cell (the second row of a two-row header)
SUBWORDS = {w for words in ATTRS.values() for w in words if w} | set(HEADERS)


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


def parse_map(items: Iterable[str], fields: tuple[str, ...] = FIELDS) -> dict[str, str]:
    """``--map "表头=field"`` → {normalised header: field}; a field not in ``fields`` (a
    roster's, or a contact sheet's) is an error."""
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
        if fld != IGNORE and fld not in fields:
            raise RosterError("importer.err.bad_field", item=item, field=fld, fields=", ".join(fields))
        out[norm_header(head)] = fld
    return out
