"""JSON Schemas of the record files, for editors (VS Code's YAML extension and others).

Generated from the pydantic models so they cannot drift from what ``liushou
check`` accepts, then made useful to a Chinese coordinator: Chinese titles
(the models' English class and field names are replaced), the contact kinds
and preset names as choices, and numbers allowed wherever the tool keeps a
number as text (a phone or class written without quotes is not an error).
Always Chinese, like the models' descriptions. Pure: returns texts.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from liushou_cli.messages import CATALOG
from liushou_cli.model import CONTACT_KINDS, ID_PATTERN, Activity, Child, Helper, Pairing, Program
from liushou_cli.presets import PRESETS, PROGRAM_PRESETS
from liushou_cli.vocab import ACTIVITY_KINDS, ACTIVITY_WORDS, KIND_WORDS, ZH_VALUES

SCHEMA_DIR = ".liushou/schema"  # relative to the records root
PROGRAM_SCHEMA = "program.json"
# record folder → its schema file (the folders are the contract's; the names are ours)
RECORD_SCHEMAS: dict[str, str] = {"children": "child.json", "helpers": "helper.json", "pairings": "pairing.json",
                                  "activities": "activity.json"}

DIALECT = "https://json-schema.org/draft/2020-12/schema"
GENERATED = "由 liushou schema 从记录格式（第 1 版）生成，请勿手改；重新生成：liushou schema"

# file name → (model, title, description)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    PROGRAM_SCHEMA: (Program, "项目设置（liushou.yaml）",
                     "留守儿童关爱帮扶台账的项目设置：项目名称、学期、帮扶职责。它所在的文件夹就是台账的根目录。"),
    RECORD_SCHEMAS["children"]: (Child, "儿童档案（children/<编号>.yaml）",
                                 "一人一档：儿童基本情况、父母和监护人、风险评估、强制报告事项。"
                                 "只有 id、name、enrolled 必填；文件名必须是 编号.yaml。"),
    RECORD_SCHEMAS["helpers"]: (Helper, "帮扶人（helpers/<编号>.yaml）",
                                "帮扶人登记：教师、爱心妈妈、代理家长、志愿者、学习帮手、五老。"
                                "只有 id、name 必填；文件名必须是 编号.yaml。"),
    RECORD_SCHEMAS["pairings"]: (Pairing, "结对（pairings/<编号>.yaml）",
                                 "一名儿童与一名或几名帮扶人的结对（一对一、多对一），及其帮扶职责。"
                                 "文件名必须是 编号.yaml。"),
    RECORD_SCHEMAS["activities"]: (Activity, "集体活动（activities/<编号>.yaml）",
                                   "一次集体活动（家长会、集体生日会、亲情电话……）：日期、类型、参加的儿童和帮扶人，"
                                   "counts_as 对每个参加儿童算作的联系，照片和材料。文件名必须是 编号.yaml。"),
}

# nested models ($defs), by class name
DEF_TITLES: dict[str, str] = {
    "Term": "学期", "Rule": "职责规则", "PersonRef": "联系人", "Parent": "父母",
    "Guardian": "监护人", "Left": "离开项目", "RiskAssessment": "风险评估",
    "Reported": "报告情况", "Concern": "强制报告事项", "Consent": "监护人同意建档",
    "Agreement": "结对卡/承诺书", "Absence": "缺课（控辍保学）", "Persuasion": "劝返", "Dropout": "控辍保学设置",
    "RiskDuties": "分类施策（按风险等级另加的职责）", "ProgramRule": "项目职责规则",
}
# (model title or def name, property) whose text must be an id
ID_PROPERTIES = {("Rule", "id"), ("Term", "id"), ("ProgramRule", "id"), (Activity.__name__, "id"), (Child.__name__, "id"), (Helper.__name__, "id"),
                 (Pairing.__name__, "id"), (Pairing.__name__, "child")}
_HEAD = re.compile(r"[：:，,；;（(]")


def _zh(key: str) -> str:
    return CATALOG[key][0]


def _kinds_text() -> str:
    return "、".join(f"{kind} {_zh(f'kind.{kind}')}" for kind in CONTACT_KINDS)


def _activity_kinds(prop: dict[str, Any], items: bool) -> None:
    """The activity kinds as choices, each explained, with the Chinese words that mean them."""
    meaning = "，".join(f"{word} 即 {kind}" for word, kind in ACTIVITY_WORDS.items())
    named = "、".join(f"{kind} {_zh(f'activity.{kind}')}" for kind in ACTIVITY_KINDS)
    choice = {"type": "string", "enum": [*ACTIVITY_KINDS, *ACTIVITY_WORDS]}
    if items:
        prop["items"] = choice
    else:
        prop.update(choice)
    prop["description"] = f"{prop['description'].split('：')[0]}：{named}；也可写中文：{meaning}"


def _contact_kinds(prop: dict[str, Any]) -> None:
    """Contact kinds as choices (``counts_as``), English or Chinese, each explained."""
    meaning = "，".join(f"{word} 即 {kind}" for word, kind in KIND_WORDS.items())
    prop["items"] = {"type": "string", "enum": [*CONTACT_KINDS, *KIND_WORDS]}
    prop["description"] = f"{prop['description']}：{_kinds_text()}；也可写中文：{meaning}"


def _presets_text() -> str:
    return "；".join(f"{p.name}：{p.title}" for p in PRESETS.values())


def _title_from(description: str) -> str:
    """A field's short Chinese title: its description up to the first clause mark."""
    return _HEAD.split(description, 1)[0].strip() or description


def _texts_allow_numbers(node: Any) -> None:
    """``type: string`` without enum or format also takes a number (the tool keeps its text)."""
    if isinstance(node, dict):
        if node.get("type") == "string" and not {"enum", "format", "const"} & node.keys():
            node["type"] = ["string", "number"]
        for value in node.values():
            _texts_allow_numbers(value)
    elif isinstance(node, list):
        for value in node:
            _texts_allow_numbers(value)


def _object(obj: dict[str, Any], name: str) -> None:
    """Chinese titles for one object's properties, plus what the models check in code."""
    for key, prop in obj.get("properties", {}).items():
        description = prop.get("description") or _branch_description(prop)
        if description:
            prop["description"] = description
        if description:
            prop["title"] = _title_from(description)
        else:
            prop.pop("title", None)
        if (name, key) in ID_PROPERTIES:
            prop["pattern"] = ID_PATTERN
        if key == "helpers" and name == Pairing.__name__:
            prop["items"]["pattern"] = ID_PATTERN
        if key in ("children", "helpers") and name == Activity.__name__:
            prop["items"]["pattern"] = ID_PATTERN
        if key == "program_duties":
            _program_duties(prop)
        if key == "duties":
            _duties(prop)
    if name == "Absence":  # 有故/无故 as well as 是/否 (``model._excused``)
        excused = obj["properties"]["excused"]
        excused.pop("type", None)  # ``_as_written`` puts 是/否 between these two
        excused["anyOf"] = [{"type": "boolean"}, {"type": "string", "enum": list(ZH_VALUES["excused"])}]
        words = "，".join(f"{w} 即 {v}" for w, v in ZH_VALUES["excused"].items())
        excused["description"] = f"{excused['description']}；也可写 {words}"
    if name == "RiskDuties":  # a level may be written in Chinese (高, 高风险) as its key too
        obj["description"] = "分类施策：按儿童当前风险等级给每个结对另加的职责规则，写法同 duties 的规则列表"
        for key, prop in list(obj["properties"].items()):
            for word, value in ZH_VALUES["level"].items():
                if value == key:
                    obj["properties"][word] = {**prop, "title": f"{prop['title']}（即 {key}）"}
        obj["additionalProperties"] = False
    if name == Activity.__name__:
        _activity_kinds(obj["properties"]["kind"], items=False)
        _contact_kinds(obj["properties"]["counts_as"])
    if name == "ProgramRule":
        _activity_kinds(obj["properties"]["activities"], items=True)
    if name == "Rule":
        kinds = obj["properties"]["kinds"]
        kinds["items"] = {"type": "string", "enum": list(CONTACT_KINDS)}
        kinds["description"] = f"{kinds['description']}：{_kinds_text()}"
        obj["oneOf"] = [{"required": ["per"]}, {"required": ["within_days"]}]
        obj["description"] = "per（按周期）和 within_days（滚动间隔）二者必须且只能写一个。"


def _branch_description(prop: dict[str, Any]) -> str | None:
    """``Phone | None`` carries its description inside the ``anyOf``: lift it up."""
    for branch in prop.get("anyOf", []):
        if branch.get("description"):
            return str(branch.pop("description"))
    return None


def _duties(prop: dict[str, Any]) -> None:
    """A duties value names a preset: offer the presets' names as the choices."""
    for branch in prop.get("anyOf", []):
        if branch.get("type") == "string":
            branch["enum"] = list(PRESETS)
            branch["description"] = f"内置方案：{_presets_text()}"


def _program_duties(prop: dict[str, Any]) -> None:
    """A programme duty may name a built-in programme calendar: offer their names."""
    names = list(PROGRAM_PRESETS)
    text = "；".join(f"{p.name}：{p.title}" for p in PROGRAM_PRESETS.values())
    for branch in prop.get("anyOf", []):
        if branch.get("type") == "string":
            branch["enum"] = names
        elif branch.get("type") == "array":
            for item in branch.get("items", {}).get("anyOf", []):
                if item.get("type") == "string":
                    item["enum"] = names
    prop["description"] = f"{prop.get('description', '')}；内置方案：{text}"


# every date form the records may hold (RECORDS.md 1.1); ``dates.parse_date`` is the rule,
# this only keeps an editor from underlining ``2026/9/1`` as no date
DATE_PATTERN = r"^\d{4}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*日?$"
_GROUPS = {frozenset(words.values()): group for group, words in ZH_VALUES.items()
           if group not in ("bool", "excused")}  # booleans are no enum: they are handled below


def _as_written(node: Any, owner: dict[str, Any] | None = None) -> None:
    """What the models accept beyond the contract's spelling (issue 12), for editors too:
    the Chinese words of an enumerated value as choices (named in the property's
    description), 是/否 beside a boolean, and every date form instead of ISO alone."""
    if isinstance(node, list):
        for item in node:
            _as_written(item, owner)
        return
    if not isinstance(node, dict):
        return
    holder = node if "description" in node else owner
    if node.get("format") == "date":
        del node["format"]
        node["pattern"] = DATE_PATTERN
    group = _GROUPS.get(frozenset(str(v) for v in node.get("enum", ())))
    if group is not None:
        words = ZH_VALUES[group]
        node["enum"] = [*node["enum"], *words]
        if holder is not None:
            meaning = "，".join(f"{word} 即 {value}" for word, value in words.items())
            holder["description"] = f"{holder['description']}；也可写中文：{meaning}"
    if node.get("type") == "boolean" and "description" in node:  # a boolean with a default: not Optional
        del node["type"]
        node["anyOf"] = [{"type": "boolean"}]
    if node.get("anyOf") and {"type": "boolean"} in node["anyOf"]:
        node["anyOf"].insert(1, {"type": "string", "enum": list(ZH_VALUES["bool"])})
        node["description"] = f"{node['description']}：true / false；也可写中文：是 即 true，否 即 false"
    for key, value in node.items():
        if key != "enum":
            _as_written(value, holder)


def build(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """One file's schema: the model's, with Chinese titles and the tool's own rules added."""
    raw = model.model_json_schema(by_alias=True)
    for name, sub in raw.get("$defs", {}).items():
        sub["title"] = DEF_TITLES.get(name, sub.get("title", name))
        _object(sub, name)
    _object(raw, model.__name__)
    _texts_allow_numbers(raw)
    _as_written(raw)
    schema: dict[str, Any] = {"$schema": DIALECT, "$comment": GENERATED, "title": title, "description": description}
    schema.update({k: v for k, v in raw.items() if k not in ("title", "description")})
    return schema


def schema_comment(folder: str) -> str:
    """The first line of a record file in ``folder`` that points editors at its schema."""
    if folder not in RECORD_SCHEMAS:
        raise ValueError(f"no schema for folder {folder!r}; expected one of {', '.join(RECORD_SCHEMAS)}")
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{RECORD_SCHEMAS[folder]}"


def program_schema_comment() -> str:
    return f"# yaml-language-server: $schema={SCHEMA_DIR}/{PROGRAM_SCHEMA}"


def schema_files() -> dict[str, str]:
    """Every schema file of a programme: path relative to the records root → JSON text."""
    return {
        f"{SCHEMA_DIR}/{name}": json.dumps(build(*spec), ensure_ascii=False, indent=2) + "\n"
        for name, spec in SCHEMAS.items()
    }
