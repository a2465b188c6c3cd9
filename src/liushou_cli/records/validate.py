"""Validate plain data against a schema and point every problem at its line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, TypeVar, get_args, get_origin

from pydantic import AliasChoices, BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from liushou_cli.i18n import has
from liushou_cli.messages import CATALOG
from liushou_cli.phrases import Choices, Joined, Phrase, Words, phrase
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.fullwidth import might_have
from liushou_cli.records.yamlio import Loc, Located

M = TypeVar("M", bound=BaseModel)

# error types with a code of their own; everything else is "schema"
_OWN_CODE = {"rule_shape": "rule-shape", "iso_date": "bad-date", "string_pattern_mismatch": "bad-id"}
_QUOTED = re.compile(r"'([^']*)'")
_LABEL_GROUPS = sorted({key.split(".", 1)[0] for key in CATALOG if key.count(".") == 1})


def suggest(word: str, choices: Iterable[str], group: str | None = None) -> Phrase | str:
    """`` (did you mean guardian?)`` for a near miss (worded when shown), else an empty string.

    With a label ``group`` (``kind``, ``gender``...), a value written by its
    Chinese or English name (家访, 男) is recognised too.
    """
    choices = list(choices)
    meant = from_label(group, choices, word) if group else ""
    close = [meant] if meant else difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return phrase("word.did_you_mean", name=close[0]) if close else ""


def validate_parts(
    model: type[M], data: Any, located: Located
) -> tuple[M | None, tuple[M, Located] | None, list[Problem]]:
    """The model, or None with every error located (unknown keys are warnings), and a
    *salvaged* model when the record is invalid.

    The salvaged model is the record without its failing parts (list items, or
    whole keys), with a ``Located`` renumbered to match. It is never used as
    data (a child whose ``left`` is broken must not look active); it lets
    ``check`` still find the record's other mistakes in the same run.
    """
    obj, errors, problems = _attempt(model, data, located)
    if obj is not None:
        return obj, None, problems
    return None, _salvage(model, data, errors, located), problems


def validate_record(model: type[M], data: Any, located: Located) -> tuple[M | None, Located, list[Problem]]:
    """The record with each invalid *optional* part left out, or None.

    One bad field never hides a child (issue 12): a value that cannot be read is
    reported where it stands and treated as missing -- the smallest optional part
    holding it (``gender``, ``left``, one entry of ``risk_assessments``) is left out
    and the rest is the record. Only when a required field (``id``, ``name``,
    ``enrolled``; a pairing's ``child``, ``helpers``, ``start``) cannot be read is
    there no record: None, and ``validate_parts`` gives what ``check`` still shows.
    The ``Located`` returned matches the record (list entries renumbered).
    """
    obj, errors, problems = _attempt(model, data, located)
    if obj is not None:
        return obj, located, problems
    drops = _drop_points(model, data, errors)
    if drops is None:
        return None, located, problems
    try:
        obj = model.model_validate(_without(data, drops))
    except ValidationError:  # leaving the parts out broke a rule of the whole (an empty ``helpers``)
        return None, located, problems
    return obj, _renumbered_at(located, drops), problems


def _attempt(model: type[M], data: Any, located: Located) -> tuple[M | None, list[Any], list[Problem]]:
    """The model if ``data`` is valid; else pydantic's errors (one per union) and
    every problem, located. Unknown keys are warnings either way."""
    unknown = list(unknown_keys(model, data, (), located))
    try:
        return model.model_validate(data), [], unknown
    except ValidationError as exc:
        errors = list(_one_per_union(exc.errors(include_url=False), data))
    return None, errors, [*unknown, *_problems(errors, data, located)]


def _problems(errors: list[Any], data: Any, located: Located) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[int, int, str, str]] = set()
    for err in errors:
        problem = _problem(err, data, located)
        ident = (problem.line, problem.col, problem.code, repr(sorted(problem.args.items())))
        if ident not in seen:
            seen.add(ident)
            problems.append(problem)
    return problems


def _drop_points(model: type[BaseModel], data: Any, errors: list[Any]) -> list[Loc] | None:
    """For each error, the smallest optional part holding it; None if one lies in a
    required field of the record itself (or in the record as a whole)."""
    drops: list[Loc] = []
    for err in errors:
        point = _drop_point(model, _real_loc(tuple(err["loc"]), data, err["type"]))
        if point is None:
            return None
        drops.append(point)
    # a part inside another part left out goes with it
    return [d for d in set(drops) if not any(len(o) < len(d) and d[:len(o)] == o for o in drops)]


def _drop_point(model: type[BaseModel], loc: Loc) -> Loc | None:
    """The deepest prefix of ``loc`` that may be left out: a list entry, or a key the
    schema does not require in its mapping."""
    best: Loc | None = None
    current: type[BaseModel] | None = model
    for i, part in enumerate(loc):
        if isinstance(part, int):
            best = loc[:i + 1]  # an entry of a list: the item model stays ``current``
            continue
        key = _keys(current).get(part) if current is not None else None
        if key is None:
            break  # inside a value that is not a record model (extra keys, plain data)
        if not key.field.is_required():
            best = loc[:i + 1]
        current = key.sub
    return best


def _without(data: Any, drops: list[Loc]) -> Any:
    """A copy of ``data`` with the parts at ``drops`` left out (the input is not changed)."""
    here = [d for d in drops if len(d) == 1]
    deeper: dict[int | str, list[Loc]] = {}
    for d in drops:
        if len(d) > 1:
            deeper.setdefault(d[0], []).append(d[1:])
    gone = {d[0] for d in here}
    if isinstance(data, dict):
        return {k: (_without(v, deeper[k]) if k in deeper else v) for k, v in data.items() if k not in gone}
    if isinstance(data, list):
        return [(_without(v, deeper[i]) if i in deeper else v) for i, v in enumerate(data) if i not in gone]
    return data


def _renumbered_at(located: Located, drops: list[Loc]) -> Located:
    """``located`` for the data without ``drops``: positions inside a part left out are
    gone, and later entries of a list that lost some take their new index."""
    lost: dict[Loc, list[int]] = {}
    for d in drops:
        if isinstance(d[-1], int):
            lost.setdefault(d[:-1], []).append(d[-1])

    def move(loc: Loc) -> Loc | None:
        if any(loc[:len(d)] == d for d in drops):
            return None
        out = list(loc)
        for i, part in enumerate(loc):
            gaps = lost.get(loc[:i])
            if gaps and isinstance(part, int):
                out[i] = part - sum(1 for g in gaps if g < part)
        return tuple(out)

    out = Located(located.path)
    for source, target in ((located.values, out.values), (located.keys, out.keys)):
        for loc, pos in source.items():
            moved = move(loc)
            if moved is not None:
                target[moved] = pos
    return out


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
    drops: list[Loc] = [(key,) for key in whole]
    drops += [(key, i) for key, bad in bad_items.items() if key not in whole for i in bad]
    trimmed = _without(data, drops)
    try:
        obj = model.model_validate(trimmed)
    except ValidationError:
        # a required key is among the broken ones: keep every field that is fine alone
        obj = _field_by_field(model, trimmed)
    return obj, _renumbered_at(located, drops)


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


def _choices(values: list[str]) -> Choices:
    """The allowed values of an enum, with the catalogue group naming them (if any)."""
    group = next((g for g in _LABEL_GROUPS if all(f"{g}.{v}" in CATALOG for v in values)), "")
    return Choices(tuple(values), group)


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
        choices, given = _choices(values), str(err.get("input"))
        reason: Words = Joined((phrase("reason.literal_error", expected=choices, given=given),
                                suggest(given, values, choices.group or None)))
        return error(located.path, line, col, "schema", field=_field_name(loc), reason=reason)
    key = f"reason.{kind}"
    reason = (phrase(key, **{k: str(v) for k, v in ctx.items()}) if has(key)
              else phrase("reason.other", msg=err["msg"]))
    return error(located.path, line, col, "schema", field=_field_name(loc), reason=reason)


class _Key(NamedTuple):
    """A key a record file may hold: its field, and the record model inside the field's
    type (None if plain data), and whether that is a list of them."""

    field: FieldInfo
    sub: type[BaseModel] | None
    is_list: bool


_KEYS: dict[type[BaseModel], dict[str, _Key]] = {}


def _keys(model: type[BaseModel]) -> dict[str, _Key]:
    """``model``'s keys as written in a file (aliases), worked out once a model: they
    are looked up for every key of 25,000 records."""
    keys = _KEYS.get(model)
    if keys is None:
        keys = _KEYS[model] = {key: _Key(info, *_find_submodel(info.annotation))
                               for name, info in model.model_fields.items() for key in _written(name, info)}
    return keys


def _written(name: str, info: FieldInfo) -> tuple[str, ...]:
    """The keys a field may be written as: its alias or name, or each of its alias choices
    (``risk_duties``' ``high`` / ``高``)."""
    choices = info.validation_alias
    if isinstance(choices, AliasChoices):
        return tuple(c for c in choices.choices if isinstance(c, str))
    return (info.alias or name,)


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
    keys = _keys(model)
    for key, value in data.items():
        known = keys.get(key)
        if known is None:
            if might_have(key):
                continue  # ``relation：祖父，phone``: already an error where each character stands
            line, col = located.key_at((*loc, key))
            own = getattr(model, "UNKNOWN_KEY", None)
            if own is not None:  # a mapping whose keys are values (risk levels): an error of its own
                yield error(located.path, line, col, own, key=key, suggestion=suggest(key, keys))
            else:
                yield warning(located.path, line, col, "unknown-key", key=key, suggestion=suggest(key, keys))
            continue
        sub, is_list = known.sub, known.is_list
        if sub is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from unknown_keys(sub, item, (*loc, key, i), located)
        elif not is_list:
            yield from unknown_keys(sub, value, (*loc, key), located)
