"""Validate plain data against a schema and point every problem at its line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from liushou_cli.i18n import has, t
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.yamlio import Loc, Located

M = TypeVar("M", bound=BaseModel)

# error types with a code of their own; everything else is "schema"
_OWN_CODE = {"rule_shape": "rule-shape", "iso_date": "bad-date", "string_pattern_mismatch": "bad-id"}


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean guardian?)`` for a near miss, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return t("word.did_you_mean", name=close[0]) if close else ""


def validate(model: type[M], data: Any, located: Located) -> tuple[M | None, list[Problem]]:
    """The model, or None with every error located; unknown keys are warnings."""
    unknown = list(unknown_keys(model, data, (), located))
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        return None, [*unknown, *(_problem(err, data, located) for err in exc.errors(include_url=False))]
    return obj, unknown


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
    key = f"reason.{kind}"
    reason = t(key, **{k: str(v) for k, v in ctx.items()}) if has(key) else t("reason.other", msg=err["msg"])
    return error(located.path, line, col, "schema", field=_field_name(loc), reason=reason)


def _submodel(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The record model inside a field's type, and whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in get_args(annotation):
        model, is_list = _submodel(arg)
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
    fields = {f.alias or name: f for name, f in model.model_fields.items()}
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
