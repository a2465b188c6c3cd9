"""Data rows to child data: each row read cell by cell into the record format's shape.

Empty rows and footers (填表人：…) are not children; a row with any unreadable
cell keeps every issue and no data, so the coordinator fixes that row and only it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from liushou_cli.progress import Progress, steps
from liushou_cli.roster.cells import cell_text, parse_cell, village_of
from liushou_cli.roster.errors import CellError, Issue
from liushou_cli.roster.header import Column, Header
from liushou_cli.roster.sheet import Cell, Sheet

FOOTER = re.compile(r"填表人|制表人|审核人|负责人签|合计|总计|填表日期|注[:：]|说明[:：]")


@dataclass
class RosterRow:
    """One child as the roster gives it: record-format data, or why it cannot be read."""

    row: int
    data: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    #: the 身份证号 as written, only to find the same child twice in the roster (never stored)
    id_number: str | None = None


def read_rows(sheet: Sheet, header: Header, progress: Progress | None = None) -> list[RosterRow]:
    """Every data row under the header, as child data (without id and enrolled unless
    the roster gives 建档日期). Empty rows and footers (填表人：…) are left out.
    ``progress`` hears of each row read."""
    fields = header.fields
    notes_cols = [c for c in header.columns if c.field == "notes"]
    out: list[RosterRow] = []
    step = steps(progress, "import", len(sheet.rows))
    for number, cells in sheet.rows:
        step()
        if number <= header.row:
            continue
        texts = [cell_text(c) for c in cells]
        filled = [x for x in texts if x is not None]
        if not filled:
            continue
        name_col = fields.get("name")
        if (name_col is None or name_col >= len(cells) or cell_text(cells[name_col]) is None) and (
            len(filled) == 1 or any(FOOTER.search(x) for x in filled)
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
    id_col = fields.get("id_number")
    id_text = cell_text(cells[id_col]) if id_col is not None and id_col < len(cells) else None
    return RosterRow(number, child_data(values) if not issues else {}, issues,
                     id_text.upper() if id_text else None)


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
    # 家庭住址 is where the child lives with the guardian (RECORDS.md keeps it there), and
    # its 村/居 part is the child's village when the roster has no 村/居 column
    address = data.get("address")
    if address and not nested["guardian"].get("address"):
        nested["guardian"]["address"] = data.pop("address")
    if not data.get("village"):
        village = village_of(nested["guardian"].get("address") or address)
        if village:
            data["village"] = village
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
        # the roster does not say which parent works there: one entry for both, so the
        # work place is the parents' (not a note) and is shown once
        parents.append({"relation": "父母", "work_place": work_place})
    if parents:
        data["parents"] = [{k: v for k, v in p.items() if v is not None} for p in parents]
    order = {k: i for i, k in enumerate(_ORDER)}
    return dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))))


_ORDER = ("name", "gender", "birth_date", "school", "grade", "class", "class_teacher", "boarding",
          "categories", "parents_away", "parents", "guardian", "village", "address", "enrolled", "notes")
