"""What importing a roster would do: add, update (empty fields only) or skip each child.

Pure: it takes the roster's rows and the children already on record and returns
the plan; the CLI shows it, asks, and hands it to a ChangeSet. A child already on
record (same name and birth date) is never added twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from liushou_cli.model import Child
from liushou_cli.roster.errors import Issue
from liushou_cli.roster.rows import RosterRow

ADD, UPDATE, SKIP, ERROR = "add", "update", "skip", "error"


@dataclass(frozen=True)
class Fill:
    """One empty field of an existing record to fill: its path and the new value."""

    path: tuple[str | int, ...]
    value: Any

    @property
    def label(self) -> str:
        return ".".join(str(p) for p in self.path)


@dataclass
class Action:
    row: int
    kind: str
    name: str = ""
    birth_date: date | None = None
    child_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # ADD: the new record
    fills: list[Fill] = field(default_factory=list)  # UPDATE
    issues: list[Issue] = field(default_factory=list)  # ERROR
    same_name: list[str] = field(default_factory=list)  # other children with this name
    enrolled: date | None = None  # ADD: the new record's; SKIP/UPDATE: the one on record
    village: str | None = None  # the same: shown, as the roster may have given it by address


def person_key(name: str, born: date | None) -> tuple[str, date | None]:
    """Who a child is for matching: the name without spaces, and the birth date."""
    return re.sub(r"\s+", "", name), born


def make_plan(
    rows: list[RosterRow],
    children: Mapping[str, Child],
    new_id: Callable[[], str],
    enrolled: date,
    update: bool = False,
    school: str | None = None,
) -> list[Action]:
    """One action per roster row, in roster order. ``new_id`` gives the next free id;
    ``enrolled`` and ``school`` stand where a row gives none."""
    known: dict[tuple[str, date | None], str] = {}
    by_name: dict[str, list[str]] = {}
    for cid, child in children.items():
        key = person_key(child.name, child.birth_date)
        known.setdefault(key, cid)
        by_name.setdefault(key[0], []).append(cid)
    seen: dict[tuple[str, date | None], int] = {}
    seen_numbers: dict[str, int] = {}
    actions: list[Action] = []
    for row in rows:
        if school and not row.issues and not row.data.get("school"):
            row = RosterRow(row.row, {**row.data, "school": school}, row.issues, row.id_number)
        twin = seen_numbers.get(row.id_number) if row.id_number else None
        if twin is not None:
            actions.append(Action(row.row, ERROR, name=str(row.data.get("name", "")),
                                  issues=[Issue.of("importer.row.same_id_number", other=twin)]))
            continue
        if row.id_number:
            seen_numbers[row.id_number] = row.row
        actions.append(_action(row, children, known, by_name, seen, new_id, enrolled, update))
    return actions


def _action(
    row: RosterRow,
    children: Mapping[str, Child],
    known: dict[tuple[str, date | None], str],
    by_name: dict[str, list[str]],
    seen: dict[tuple[str, date | None], int],
    new_id: Callable[[], str],
    enrolled: date,
    update: bool,
) -> Action:
    if row.issues:
        return Action(row.row, ERROR, issues=row.issues)
    data = row.data
    key = person_key(data["name"], data.get("birth_date"))
    act = Action(row.row, ERROR, name=key[0], birth_date=key[1])
    if key in seen:
        act.issues = [Issue.of("importer.row.duplicate", other=seen[key])]
        return act
    seen[key] = row.row
    if key in known:
        cid = known[key]
        act.child_id = cid
        act.enrolled, act.village = children[cid].enrolled, children[cid].village
        act.fills = fills_for(children[cid], data) if update else []
        act.kind = UPDATE if act.fills else SKIP
        return act
    act.same_name = list(by_name.get(key[0], []))
    record = {"id": "", **data}
    record.setdefault("enrolled", enrolled)
    try:
        Child.model_validate(record | {"id": "C0"})
    except ValidationError as exc:
        first = exc.errors()[0]
        act.issues = [Issue.of("importer.row.invalid", where=".".join(map(str, first["loc"])),
                               reason=first["msg"])]
        return act
    record["id"] = act.child_id = new_id()
    act.kind, act.data = ADD, record
    act.enrolled, act.village = record["enrolled"], record.get("village")
    return act


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def fills_for(child: Child, data: dict[str, Any]) -> list[Fill]:
    """The roster's values for the fields the record leaves empty (nothing is overwritten)."""
    out: list[Fill] = []
    for key, value in data.items():
        if key == "enrolled":
            continue
        current = getattr(child, "class_" if key == "class" else key, None)
        if key == "parents":
            out += _parent_fills(child, value)
        elif isinstance(value, dict) and current is not None:
            out += [Fill((key, sub), v) for sub, v in value.items() if _empty(getattr(current, sub, None))]
        elif _empty(current):
            out.append(Fill((key,), value))
    return out


def _parent_fills(child: Child, parents: list[dict[str, Any]]) -> list[Fill]:
    if not child.parents:
        return [Fill(("parents",), parents)]
    out: list[Fill] = []
    added = 0
    for parent in parents:
        index = next((i for i, p in enumerate(child.parents) if p.relation == parent.get("relation")), None)
        if index is None:
            out.append(Fill(("parents", len(child.parents) + added), parent))
            added += 1
            continue
        have = child.parents[index]
        out += [Fill(("parents", index, sub), v) for sub, v in parent.items() if _empty(getattr(have, sub, None))]
    return out


def apply_fills(doc: CommentedMap, fills: Iterable[Fill]) -> None:
    """Write the fills into a child's round-trip document, shaped like a new record
    (flow mappings, quoted phones) and new keys in the record format's order."""
    from liushou_cli.records.render import shape

    order = [f.alias or name for name, f in Child.model_fields.items()]
    for fill in fills:
        key = str(fill.path[0])
        if len(fill.path) == 1:
            value = shape(Child, {key: fill.value})[key]
            if key in doc:
                doc[key] = value
            else:
                doc.insert(_position(doc, key, order), key, value)
        elif key == "parents":
            seq = doc["parents"]
            index = int(fill.path[1])
            if len(fill.path) == 2:
                seq.insert(index, shape(Child, {"parents": [fill.value]})["parents"][0])
            else:
                sub = str(fill.path[2])
                seq[index][sub] = shape(Child, {"parents": [{sub: fill.value}]})["parents"][0][sub]
        else:
            sub = str(fill.path[1])
            doc[key][sub] = shape(Child, {key: {sub: fill.value}})[key][sub]


def _position(doc: CommentedMap, key: str, order: list[str]) -> int:
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(rank))
    pos = 0
    for i, existing in enumerate(doc):
        if rank.get(str(existing), len(rank)) < mine:
            pos = i + 1
    return pos
