"""One field of an existing record set or cleared by its path: ``liushou set``'s core.

A coordinator fixes a school, a phone or a consent date without opening YAML:
``school=…``, ``guardian.phone=…``, ``consent.date=…``, ``parents.2.name=…`` (lists
of records counted from 1), or the field's Chinese label (``监护人电话=…``). A path
is resolved against the record's model, so what it ends at (a date, a choice, a
phone...) is known before any value is read; the document is then edited in place
(ruamel round trip: comments, key order and quotes kept) and the change is checked
by ``ChangeSet`` like any other. Pure: raises ``WriteError`` with codes; the CLI words
them and turns typed text into values.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from liushou_cli.model import Child
from liushou_cli.phrases import listed
from liushou_cli.records.edits import (
    Plan,
    _flow,
    _flow_scalar,
    append_item,
    commit_message,
    set_key,
)
from liushou_cli.records.load import YAML_SUFFIXES, Records
from liushou_cli.records.loaded import FOLDER_MODELS
from liushou_cli.records.lookup import Ambiguous, NotFound, child_id, helper_id
from liushou_cli.records.paths import is_id
from liushou_cli.records.validate import suggest
from liushou_cli.records.write import ChangeSet, WriteError
from liushou_cli.vocab import (
    ACTIVITY_KINDS,
    CONTACT_KINDS,
    Category,
    ConcernType,
    Gender,
    LeftReason,
    Level,
    ParentsAway,
    Role,
    values,
)

STRUCTURAL = frozenset({"id"})  # the file's name: a new id is a new record, not an edit
_GROUPS = {values(v): g for v, g in ((Gender, "gender"), (Category, "category"), (ParentsAway, "parents_away"),
                                     (LeftReason, "left_reason"), (Level, "level"), (ConcernType, "concern"),
                                     (Role, "role"))}

# Chinese labels for the fields people fix most: the words of the contact card
# (the prompts of ``liushou add``, messages/edit.py) and of the archive.
FIELD_WORDS: dict[str, dict[str, str]] = {
    "children": {
        "姓名": "name", "儿童姓名": "name", "性别": "gender", "出生日期": "birth_date", "生日": "birth_date",
        "学校": "school", "就读学校": "school", "年级": "grade", "班级": "class",
        "班主任": "class_teacher.name", "班主任姓名": "class_teacher.name", "班主任电话": "class_teacher.phone",
        "寄宿": "boarding", "是否寄宿": "boarding", "类别": "categories", "儿童类别": "categories",
        "父母外出": "parents_away", "父母外出情况": "parents_away",
        "监护人": "guardian.name", "监护人姓名": "guardian.name", "监护人关系": "guardian.relation",
        "监护人与儿童关系": "guardian.relation", "监护人年龄": "guardian.age", "监护人身体状况": "guardian.health",
        "监护人职业": "guardian.occupation", "监护人电话": "guardian.phone", "家庭住址": "guardian.address",
        "监护人住址": "guardian.address", "村": "village", "村居": "village", "村/居": "village", "住址": "address",
        "建档日期": "enrolled", "纳入日期": "enrolled", "离开日期": "left.date", "离开原因": "left.reason",
        "同意日期": "consent.date", "同意建档日期": "consent.date", "监护人同意建档日期": "consent.date",
        "同意人": "consent.by", "备注": "notes",
    },
    "helpers": {
        "姓名": "name", "帮扶人姓名": "name", "身份": "role", "单位": "unit", "职务": "position",
        "电话": "phone", "联系电话": "phone", "住址": "address", "出生日期": "birth_date",
        "文化程度": "education", "政治面貌": "political_status", "备注": "notes",
    },
    "pairings": {
        "儿童": "child", "帮扶人": "helpers", "开始": "start", "开始日期": "start", "结束": "end",
        "结束日期": "end", "职责": "duties", "职责方案": "duties", "结对卡日期": "agreement.date",
        "承诺书日期": "agreement.date", "备注": "notes",
    },
}

# what a path ends at, which says how typed text becomes its value
Kind = Literal["text", "phone", "date", "bool", "int", "choice", "choices", "child", "helpers", "record", "records"]


@dataclass(frozen=True)
class Field:
    """A resolved path: ``steps`` are keys and 0-based list positions; ``models`` the
    model of each mapping along the way (for where a new key goes)."""

    path: str  # as the contract spells it: ``guardian.phone``, ``parents.2.name``
    steps: tuple[str | int, ...]
    models: tuple[type[BaseModel], ...]
    kind: Kind
    group: str = ""  # the vocabulary of a choice
    choices: tuple[str, ...] = ()


def _strip(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` down to ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation  # ``str | list[Rule]`` (duties): kept whole
            annotation = args[0]
        else:
            return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _field_named(model: type[BaseModel], key: str) -> tuple[str, Any] | None:
    """``(key as written in the file, annotation)`` of ``model``'s field ``key`` (alias too)."""
    for name, info in model.model_fields.items():
        if key in (name, info.alias) and not (info.alias and key == name and name.endswith("_")):
            # pydantic keeps a field's own ``Annotated`` parts apart: put them back for ``_leaf``
            parts = (info.annotation, *info.metadata)
            return info.alias or name, Annotated.__class_getitem__(parts) if info.metadata else info.annotation  # type: ignore[attr-defined]
    return None


def _kind_vocabulary(annotation: Any) -> str | None:
    """``kind`` or ``activity`` when the field reads kinds by their Chinese names
    (``model._kind_words``): a choice of those kinds, written in English like any other."""
    while get_origin(annotation) is Annotated:
        for meta in get_args(annotation)[1:]:
            vocabulary = getattr(getattr(meta, "func", None), "kinds", None)
            if vocabulary is not None:
                return str(vocabulary)
        annotation = get_args(annotation)[0]
    return None


def _leaf(folder: str, name: str, annotation: Any) -> tuple[Kind, str, tuple[str, ...]]:
    vocabulary = _kind_vocabulary(annotation)
    if vocabulary is not None:
        kinds = ACTIVITY_KINDS if vocabulary == "activity" else CONTACT_KINDS
        return ("choices" if get_origin(_strip(annotation)) is list else "choice"), vocabulary, kinds
    bare = _strip(annotation)
    if folder == "pairings" and name == "child":
        return "child", "", ()
    if folder == "pairings" and name == "helpers":
        return "helpers", "", ()
    if get_origin(bare) is Literal:
        choices = tuple(str(a) for a in get_args(bare))
        return "choice", _GROUPS.get(choices, ""), choices
    if get_origin(bare) is list:
        inner = _strip(get_args(bare)[0])
        if _model_of(inner) is not None:
            return "records", "", ()
        if get_origin(inner) is Literal:
            choices = tuple(str(a) for a in get_args(inner))
            return "choices", _GROUPS.get(choices, ""), choices
        return "text", "", ()
    if bare is date:
        return "date", "", ()
    if bare is bool:
        return "bool", "", ()
    if bare is int:
        return "int", "", ()
    if _model_of(bare) is not None:
        return "record", "", ()
    return ("phone" if name.endswith("phone") else "text"), "", ()


def resolve(folder: str, text: str) -> Field:
    """The field ``text`` names in a record of ``folder``: a dotted path or a Chinese
    label. Raises ``WriteError`` for an unknown or structural one."""
    typed = text.strip()
    path = FIELD_WORDS.get(folder, {}).get(typed, typed)
    model: type[BaseModel] = FOLDER_MODELS[folder]
    steps: list[str | int] = []
    models: list[type[BaseModel]] = [model]
    parts = [p.strip() for p in path.split(".")]
    kind: Kind = "record"
    group = ""
    choices: tuple[str, ...] = ()
    i = 0
    while i < len(parts):
        part = parts[i]
        found = _field_named(model, part)
        if found is None:
            names = [k for n, info in model.model_fields.items() if (k := info.alias or n) not in STRUCTURAL]
            raise WriteError("edit.err.unknown_field", field=typed, suggestion=suggest(part, names),
                             fields=", ".join(names))
        key, annotation = found
        if len(steps) == 0 and key in STRUCTURAL:
            raise WriteError("edit.err.structural_field", field=typed)
        steps.append(key)
        kind, group, choices = _leaf(folder, key, annotation)
        i += 1
        if kind == "records":  # a list of records: the next part says which, from 1
            if i == len(parts):
                break
            if not parts[i].isdigit() or int(parts[i]) < 1:
                raise WriteError("edit.err.field_index", field=typed, name=key)
            steps.append(int(parts[i]) - 1)
            i += 1
            inner = _model_of(_strip(get_args(_strip(annotation))[0]))
            assert inner is not None
            model, kind = inner, "record"
            models.append(model)
        elif kind == "record":
            inner = _model_of(_strip(annotation))
            assert inner is not None
            model = inner
            models.append(model)
        elif i < len(parts):  # ``school.name``: nothing below a value
            raise WriteError("edit.err.unknown_field", field=typed, suggestion="", fields=key)
    shown = ".".join(str(s + 1) if isinstance(s, int) else s for s in steps)
    return Field(shown, tuple(steps), tuple(models), kind, group, choices)


def settable(field: Field) -> None:
    """A value goes at the end of a path, not over a whole mapping or list of records."""
    if field.kind in ("record", "records"):
        raise WriteError("edit.err.field_not_value", field=field.path)


def record_of(records: Records, text: str) -> tuple[str, str]:
    """``(folder, id)`` of the record ``text`` names: an id of a child, helper or pairing,
    or the name of exactly one child or helper. Raises lookup's ``NotFound`` / ``Ambiguous``."""
    typed = text.strip()
    for candidate in (typed, typed.upper()):
        folders = [f for f in FOLDER_MODELS if candidate in getattr(records, f)]
        if len(folders) == 1:
            return folders[0], candidate
        if folders:
            raise Ambiguous("record", typed, tuple(f"{f}/{candidate}" for f in folders))
    found: list[tuple[str, str]] = []
    close: list[str] = []
    for folder, finder in (("children", child_id), ("helpers", helper_id)):
        try:
            found.append((folder, finder(records, typed)))
        except NotFound as exc:
            close.extend(exc.candidates)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous("record", typed, tuple(rid for _, rid in found))
    files = [(f, typed) for f in FOLDER_MODELS if _file_of(records, f, typed)]
    if len(files) == 1:  # a file that failed to load: ``set`` may be what mends it
        return files[0]
    raise NotFound("record", typed, tuple(close))


def _file_of(records: Records, folder: str, record_id: str) -> str | None:
    """The record's file: as loaded, or one that exists but did not load."""
    if record_id in getattr(records, folder):
        return records.located(folder, record_id).path
    if not is_id(record_id):  # ``../x`` typed as an id must not even probe a path
        return None
    for suffix in YAML_SUFFIXES:
        rel = f"{folder}/{record_id}{suffix}"
        if (records.root / rel).is_file():
            return rel
    return None


def _scalar(kind: Kind, value: Any) -> Any:
    """The value as the file writes it: phones always quoted (a leading 0 and the digits
    kept as text), text quoted only where YAML would misread it."""
    if kind == "phone":
        return DoubleQuotedScalarString(value)
    if isinstance(value, str):
        return _flow_scalar(value)
    if isinstance(value, list):
        seq = CommentedSeq([_flow_scalar(v) for v in value])
        seq.fa.set_flow_style()
        return seq
    return value


def _put(node: CommentedMap, key: str, model: type[BaseModel], value: Any) -> None:
    current = node.get(key)
    if isinstance(value, CommentedSeq) and isinstance(current, CommentedSeq):
        current[:] = list(value)  # the list keeps its own style (flow or block)
    else:
        set_key(node, key, value, model)


def _set(doc: CommentedMap, field: Field, value: Any) -> None:
    node: Any = doc
    steps = field.steps
    m = 0  # index into field.models: the model of ``node``
    for n, step in enumerate(steps[:-1]):
        nxt = steps[n + 1]
        if isinstance(step, int):
            continue  # handled with the list's key below
        if isinstance(nxt, int):  # ``parents.2``: an item of a list of records
            items = node.get(step)
            count = len(items) if isinstance(items, list) else 0
            if nxt > count:
                raise WriteError("edit.err.no_such_item", field=field.path, name=step, count=count)
            if nxt == count:  # the next one: a new item, in the style of the one before
                rest = steps[n + 2:]
                if len(rest) != 1:
                    raise WriteError("edit.err.no_such_item", field=field.path, name=step, count=count)
                append_item(node, step, {str(rest[0]): _scalar(field.kind, value)}, field.models[m])
                return
            node = items[nxt]
            m += 1
            continue
        child = node.get(step)
        if not isinstance(child, dict):
            child = _flow({})
            set_key(node, step, child, field.models[m])
        node = child
        m += 1
    _put(node, str(steps[-1]), field.models[m], _scalar(field.kind, value))


def _clear(doc: CommentedMap, field: Field) -> bool:
    """Remove the key (and a mapping it leaves empty); False if it was not there."""
    if field.kind == "records" or isinstance(field.steps[-1], int):
        raise WriteError("edit.err.field_not_value", field=field.path)  # history stays
    chain: list[tuple[Any, str | int]] = []
    node: Any = doc
    for step in field.steps:
        chain.append((node, step))
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return False
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return False
            node = node[step]
    parent, key = chain.pop()
    del parent[key]
    while chain and isinstance(parent, dict) and not parent:  # ``consent: {}`` means nothing
        parent, key = chain.pop()
        if isinstance(key, int):
            break
        del parent[key]
    return True


def edit_fields(doc: CommentedMap, assignments: Sequence[tuple[Field, Any]], clears: Sequence[Field]) -> list[str]:
    """Clear each of ``clears`` and set each field of ``assignments`` in the document (in
    place, its style kept); the paths named, as ``liushou set`` confirms them."""
    for field in clears:
        _clear(doc, field)
    for field, value in assignments:
        settable(field)
        _set(doc, field, value)
    return [f.path for f, _ in assignments] + [f.path for f in clears]


def plan_verify(records: Records, child_id: str, day: date, today: date, assignments: Sequence[tuple[Field, Any]],
                clears: Sequence[Field]) -> Plan:
    """``liushou verify``: ``day`` added to the child's ``verified`` (once: a day already
    there is not written twice) and, in the same change, the fields found changed set or
    cleared as ``liushou set`` does."""
    rel = _file_of(records, "children", child_id)
    if rel is None or child_id not in records.children:
        raise WriteError("edit.err.no_child", id=child_id)
    if day > today:
        raise WriteError("edit.err.future", date=day.isoformat(), today=today.isoformat())
    changes = ChangeSet(records.root)
    doc = changes.edit_yaml(rel)
    named = edit_fields(doc, assignments, clears)
    already = day in records.children[child_id].verified
    if not already:
        days = doc.get("verified")
        if isinstance(days, CommentedSeq):
            days.append(day)
        else:
            seq = CommentedSeq([day])
            seq.fa.set_flow_style()
            set_key(doc, "verified", seq, Child)
    notes: list[tuple[str, dict[str, Any]]] = []
    if already:
        notes.append(("edit.note.verified_already", {"date": day.isoformat()}))
    if named:
        notes.append(("edit.note.verified_fields", {"fields": listed(named)}))
    return Plan(changes, "edit.done.verify", {"child": child_id, "date": day.isoformat(), "path": rel},
                commit_message("verify", child_id), notes)


def plan_set(records: Records, folder: str, record_id: str, assignments: Sequence[tuple[Field, Any]],
             clears: Sequence[Field]) -> Plan:
    """Set each field to its value and clear the others, in one change."""
    rel = _file_of(records, folder, record_id)
    if rel is None:
        raise WriteError("edit.err.no_record", id=record_id)
    changes = ChangeSet(records.root)
    named = edit_fields(changes.edit_yaml(rel), assignments, clears)
    return Plan(changes, "edit.done.set", {"id": record_id, "fields": listed(named), "path": rel},
                f"set: {record_id} {' '.join(named)}")
