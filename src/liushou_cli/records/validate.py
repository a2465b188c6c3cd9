"""Validate plain data against a schema and point every problem at its line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from liushou_cli.i18n import has, label, t
from liushou_cli.messages import CATALOG
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.yamlio import Loc, Located

M = TypeVar("M", bound=BaseModel)

# error types with a code of their own; everything else is "schema"
_OWN_CODE = {"rule_shape": "rule-shape", "iso_date": "bad-date", "string_pattern_mismatch": "bad-id"}
_QUOTED = re.compile(r"'([^']*)'")
_LABEL_GROUPS = sorted({key.split(".", 1)[0] for key in CATALOG if key.count(".") == 1})


def suggest(word: str, choices: Iterable[str], group: str | None = None) -> str:
    """`` (did you mean guardian?)`` for a near miss, else an empty string.

    With a label ``group`` (``kind``, ``gender``...), a value written by its
    Chinese or English name (家访, 男) is recognised too.
    """
    choices = list(choices)
    meant = from_label(group, choices, word) if group else ""
    close = [meant] if meant else difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return t("word.did_you_mean", name=close[0]) if close else ""


def validate(model: type[M], data: Any, located: Located) -> tuple[M | None, list[Problem]]:
    """The model, or None with every error located; unknown keys are warnings."""
    obj, _, problems = validate_parts(model, data, located)
    return obj, problems


def validate_parts(
    model: type[M], data: Any, located: Located
) -> tuple[M | None, tuple[M, Located] | None, list[Problem]]:
    """Like ``validate``, plus a *salvaged* model when the record is invalid.

    The salvaged model is the record without its failing parts (list items, or
    whole keys), with a ``Located`` renumbered to match. It is never used as
    data (a child whose ``left`` is broken must not look active); it lets
    ``check`` still find the record's other mistakes in the same run.
    """
    unknown = list(unknown_keys(model, data, (), located))
    try:
        return model.model_validate(data), None, unknown
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    errors = list(_one_per_union(errors, data))
    problems: list[Problem] = []
    seen: set[tuple[int, int, str, str]] = set()
    for err in errors:
        problem = _problem(err, data, located)
        ident = (problem.line, problem.col, problem.code, repr(sorted(problem.args.items())))
        if ident not in seen:
            seen.add(ident)
            problems.append(problem)
    return None, _salvage(model, data, errors, located), [*unknown, *problems]


def _salvage(model: type[M], data: Any, errors: list[Any], located: Located) -> tuple[M, Located] | None:
    if not isinstance(data, dict) or any(not err["loc"] for err in errors):
        return None
    bad_items: dict[str, set[int]] = {}
    whole: set[str] = set()
    for err in errors:
        loc = _real_loc(tuple(err["loc"]), data, err["type"])
        key = loc[0] if loc else err["loc"][0]
        if isinstance(key, str) and len(loc) > 1 and isinstance(loc[1], int) and isinstance(data.get(key), list):
            bad_items.setdefault(key, set()).add(loc[1])
        else:
            whole.add(str(key))
    kept: dict[str, list[int]] = {
        key: [i for i in range(len(data[key])) if i not in bad] for key, bad in bad_items.items() if key not in whole
    }
    trimmed = {k: v for k, v in data.items() if k not in whole}
    for key, keep in kept.items():
        trimmed[key] = [data[key][i] for i in keep]
    try:
        obj = model.model_validate(trimmed)
    except ValidationError:
        # a required key is among the broken ones: keep every field that is fine alone
        obj = _field_by_field(model, trimmed)
    return obj, _renumbered(located, kept)


def _field_by_field(model: type[M], data: dict[str, Any]) -> M:
    """The fields of ``data`` that validate on their own, unvalidated as a whole.

    Required fields may be missing from the result: readers of a salvaged record
    look at ``model_fields_set`` first.
    """
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        try:
            values[name] = TypeAdapter(info.rebuild_annotation()).validate_python(data[key])
        except (ValidationError, TypeError):
            continue
    return model.model_construct(_fields_set=set(values), **values)


def _renumbered(located: Located, kept: dict[str, list[int]]) -> Located:
    """Positions for a record whose lists lost some items: item ``i`` becomes its new index."""
    new_index = {key: {old: new for new, old in enumerate(keep)} for key, keep in kept.items()}

    def move(loc: Loc) -> Loc | None:
        if len(loc) > 1 and loc[0] in new_index and isinstance(loc[1], int):
            new = new_index[str(loc[0])].get(loc[1])
            return None if new is None else (loc[0], new, *loc[2:])
        return loc

    out = Located(located.path)
    for source, target in ((located.values, out.values), (located.keys, out.keys)):
        for loc, pos in source.items():
            moved = move(loc)
            if moved is not None:
                target[moved] = pos
    return out


def _node(data: Any, loc: tuple[Any, ...]) -> tuple[Any, int]:
    """The data where ``loc`` stops matching it, and how many parts matched."""
    node = data
    for n, part in enumerate(loc):
        if not _holds(node, part):
            return node, n
        node = node[part]
    return node, len(loc)


def _holds(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _branch_fits(tag: str, node: Any) -> bool | None:
    """Whether a union member (pydantic names it in ``loc``) fits the data there."""
    if tag == "str":
        return isinstance(node, str)
    if tag.startswith("list["):
        return isinstance(node, list)
    return None


def _one_per_union(errors: list[Any], data: Any) -> Iterator[Any]:
    """Drop errors of union members the data is not shaped for (``duties: [..]`` is
    never meant as a preset name); when no member fits, one error for the union."""
    reported: set[tuple[Any, ...]] = set()
    for err in errors:
        loc = tuple(err["loc"])
        node, matched = _node(data, loc)
        tag = loc[matched] if matched < len(loc) else None
        if isinstance(tag, str) and _branch_fits(tag, node) is False:
            prefix = loc[:matched]
            if prefix not in reported and not _any_fits(errors, data, prefix):
                reported.add(prefix)
                yield {"type": "union_shape", "loc": prefix, "msg": "", "ctx": {}}
            continue
        yield err


def _any_fits(errors: list[Any], data: Any, prefix: tuple[Any, ...]) -> bool:
    node, _ = _node(data, prefix)
    return any(
        len(err["loc"]) > len(prefix)
        and tuple(err["loc"][: len(prefix)]) == prefix
        and isinstance(err["loc"][len(prefix)], str)
        and _branch_fits(err["loc"][len(prefix)], node)
        for err in errors
    )


def _real_loc(loc: tuple[Any, ...], data: Any, kind: str) -> Loc:
    """Keep the parts of ``loc`` that exist in the data (drops union tags like ``list[Rule]``)."""
    out: list[int | str] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                out.append(part)
                node = node[part]
            elif kind == "missing":
                out.append(part)
                break
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
    return tuple(out)


def _field_name(loc: Loc) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "—"


def _labelled(values: list[str]) -> tuple[str, str]:
    """``male 男 / female 女`` for an enum, and the value a Chinese name stands for."""
    group = next((g for g in _LABEL_GROUPS if all(f"{g}.{v}" in CATALOG for v in values)), None)
    if group is None:
        return " / ".join(values), ""
    shown = [v if label(group, v).lower() == v else t("word.enum_value", value=v, label=label(group, v)) for v in values]
    return " / ".join(shown), group


def from_label(group: str, values: list[str], given: object) -> str:
    """The enum value whose Chinese or English name was written instead of it."""
    text = str(given).strip().lower()
    if not text:
        return ""
    for value in values:
        if f"{group}.{value}" not in CATALOG:
            continue
        zh, en = CATALOG[f"{group}.{value}"]
        names = {n.lower() for n in (zh, en, *zh.split("/"))}
        if text in names or zh.startswith(text):
            return value
    return ""


def _problem(err: Any, data: Any, located: Located) -> Problem:
    kind = err["type"]
    loc = _real_loc(tuple(err["loc"]), data, kind)
    line, col = located.at(loc) if kind != "missing" else located.at(loc[:-1])
    ctx = dict(err.get("ctx") or {})
    if kind in _OWN_CODE:
        value = err.get("input")
        if kind == "iso_date":
            value = ctx.get("value", value)
        return error(located.path, line, col, _OWN_CODE[kind], value=str(value))
    if kind == "missing":
        return error(located.path, line, col, "required", field=_field_name(loc))
    if kind == "literal_error":
        values = _QUOTED.findall(str(ctx.get("expected", "")))
        shown, group = _labelled(values)
        reason = t("reason.literal_error", expected=shown, given=str(err.get("input")))
        reason += suggest(str(err.get("input")), values, group or None)
        return error(located.path, line, col, "schema", field=_field_name(loc), reason=reason)
    key = f"reason.{kind}"
    reason = t(key, **{k: str(v) for k, v in ctx.items()}) if has(key) else t("reason.other", msg=err["msg"])
    return error(located.path, line, col, "schema", field=_field_name(loc), reason=reason)


# by id: hashing a typing construct costs more than finding the model again
_SUBMODELS: dict[int, tuple[Any, tuple[type[BaseModel] | None, bool]]] = {}
_FIELDS: dict[type[BaseModel], dict[str, Any]] = {}


def _submodel(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """``_find_submodel``, remembered: it runs for every key of 25,000 records."""
    known = _SUBMODELS.get(id(annotation))
    if known is not None and known[0] is annotation:
        return known[1]
    found = _find_submodel(annotation)
    _SUBMODELS[id(annotation)] = (annotation, found)  # holding it keeps the id unique
    return found


def _fields_by_key(model: type[BaseModel]) -> dict[str, Any]:
    fields = _FIELDS.get(model)
    if fields is None:
        fields = _FIELDS[model] = {f.alias or name: f for name, f in model.model_fields.items()}
    return fields


def _find_submodel(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The record model inside a field's type, and whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in get_args(annotation):
        model, is_list = _find_submodel(arg)
        if model is not None:
            return model, is_list or get_origin(annotation) is list
    return None, False


def unknown_keys(model: type[BaseModel], data: Any, loc: Loc, located: Located) -> Iterator[Problem]:
    """Keys the schema does not know, at any depth, each with a near-miss hint.

    Walks the data, not the validated object, so a record that fails validation
    still gets its typos pointed out.
    """
    if not isinstance(data, dict):
        return
    fields = _fields_by_key(model)
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            line, col = located.key_at((*loc, key))
            yield warning(located.path, line, col, "unknown-key", key=key, suggestion=suggest(key, fields))
            continue
        sub, is_list = _submodel(field.annotation)
        if sub is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from unknown_keys(sub, item, (*loc, key, i), located)
        elif not is_list:
            yield from unknown_keys(sub, value, (*loc, key), located)


def missing(path: str, line: int, col: int, field: str) -> Problem:
    return error(path, line, col, "required", field=field)
