"""What each editing command changes in the records, planned as a ``ChangeSet``.

Pure planning: nothing here writes or prints. Each function checks what only it
can know (the child exists, has not left, the concern is open...) and raises
``WriteError``; everything the record checks can see (unknown helper, a contact
outside its pairing) is left to ``ChangeSet.introduced``, so the rules live once.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from liushou_cli.model import ID_PATTERN, Absence, Child, Concern, Contact, Pairing
from liushou_cli.phrases import Named, listed
from liushou_cli.records.csvio import COLUMNS, column_of
from liushou_cli.records.load import YAML_SUFFIXES, Records
from liushou_cli.records.paths import is_id
from liushou_cli.records.write import ChangeSet, WriteError, next_id, readable

DEFAULT_CONTACTS_FILE = "contacts/{year}-{month}.csv"
DEFAULT_PREFIX = {"children": "C", "helpers": "H", "pairings": "P", "activities": "A"}
_ID = re.compile(ID_PATTERN)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def commit_message(command: str, *ids: str) -> str:
    """``assess: C001``: the command and the ids it touched, nothing else. A commit
    message leaves the folder with every push and cannot be taken back, so no
    concern type, risk level, reason, date, name or phone goes into it; an id that
    is not one (a typed name) is left out rather than written."""
    return f"{command}: " + " ".join(i for i in dict.fromkeys(ids) if is_id(i))


@dataclass
class Plan:
    """A planned change, the confirmation to print, and the commit message (ids only).

    ``args`` are values for the ``done`` message, never words: a list is ``phrases.listed``,
    a code's name ``phrases.Named``, worded in the language of the moment when shown."""

    changes: ChangeSet
    done: str
    args: dict[str, Any] = field(default_factory=dict)
    commit: str = ""
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # said after ``done``


# ids ------------------------------------------------------------------------------


def ids_in(root: Path, folder: str) -> list[str]:
    """Record ids by file name: fast, and counts files that fail to load too."""
    where = root / folder
    if not where.is_dir():
        return []
    return sorted(p.stem for p in where.iterdir() if p.suffix.lower() in YAML_SUFFIXES and not p.name.startswith("."))


def free_id(root: Path, folder: str) -> str:
    """The next id in the programme's own numbering (its most used prefix), C001 style."""
    existing = ids_in(root, folder)
    prefixes = Counter(m.group(1) for m in map(_NUMBERED.match, existing) if m)
    prefix = prefixes.most_common(1)[0][0] if prefixes else DEFAULT_PREFIX[folder]
    return next_id(existing, prefix)


def _new_id(root: Path, folder: str, given: str | None) -> str:
    if given is None:
        return free_id(root, folder)
    if not _ID.match(given):
        raise WriteError("edit.err.bad_id", id=given)
    if given in ids_in(root, folder):
        raise WriteError("edit.err.id_taken", id=given, folder=folder)
    return given


def _record_path(records: Records, folder: str, record_id: str, missing_key: str) -> str:
    table: dict[str, Any] = getattr(records, folder)
    if record_id in table:
        return records.located(folder, record_id).path
    if not is_id(record_id):  # ``../x`` typed as an id must not even probe a path
        raise WriteError(missing_key, id=record_id)
    for suffix in YAML_SUFFIXES:
        rel = f"{folder}/{record_id}{suffix}"
        if (records.root / rel).is_file():
            raise WriteError("edit.err.unreadable_record", path=rel)
    raise WriteError(missing_key, id=record_id)


def _not_future(day: date, today: date) -> None:
    if day > today:
        raise WriteError("edit.err.future", date=day.isoformat(), today=today.isoformat())


# YAML editing that matches the file's style ----------------------------------------


_FLOW_UNSAFE = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`0-9+.~]|[,\[\]{}]|: | #|:$|^\s|\s$""")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off"}


def _flow_scalar(value: Any) -> Any:
    """Text that a flow mapping could misread (``?0``, ``a, b``, ``true``) is quoted."""
    if isinstance(value, str) and (not value or _FLOW_UNSAFE.search(value) or value.lower() in _RESERVED):
        return DoubleQuotedScalarString(value)
    return value


def _flow(items: dict[str, Any]) -> CommentedMap:
    out = CommentedMap((k, _flow_scalar(v)) for k, v in items.items() if v is not None)
    out.fa.set_flow_style()
    return out


def set_key(doc: CommentedMap, key: str, value: Any, model: type[BaseModel]) -> None:
    """Set ``key``; a new key goes where the model's order puts it, not at the end."""
    if key in doc:
        doc[key] = value
        return
    order = [f.alias or name for name, f in model.model_fields.items()]
    rank = order.index(key) if key in order else len(order)
    position = 0
    for i, existing in enumerate(doc):
        if existing in order and order.index(existing) < rank:
            position = i + 1
    doc.insert(position, key, value)


def append_item(doc: CommentedMap, key: str, item: dict[str, Any], model: type[BaseModel], *,
                block: bool = False) -> int:
    """Append a mapping to the list at ``key`` in the style of the item before it (a
    one-line flow mapping, or block style); a new list takes ``block`` style or flow.
    Returns the new item's index."""
    current = doc.get(key)
    if not isinstance(current, list):
        first = CommentedMap((k, v) for k, v in item.items() if v is not None) if block else _flow(item)
        set_key(doc, key, CommentedSeq([first]), model)
        return 0
    last = current[-1] if current else None
    if isinstance(last, CommentedMap) and not last.fa.flow_style():
        new = CommentedMap((k, v) for k, v in item.items() if v is not None)
    else:
        new = _flow(item)
    current.append(new)
    return len(current) - 1


# the plans ---------------------------------------------------------------------------


def add_child(records: Records, data: dict[str, Any], record_id: str | None) -> Plan:
    changes = ChangeSet(records.root)
    cid = _new_id(records.root, "children", record_id)
    rel = changes.new_record("children", {**data, "id": cid})
    return Plan(changes, "edit.done.add_child", {"id": cid, "path": rel}, commit_message("add child", cid))


def add_helper(records: Records, data: dict[str, Any], record_id: str | None) -> Plan:
    changes = ChangeSet(records.root)
    hid = _new_id(records.root, "helpers", record_id)
    rel = changes.new_record("helpers", {**data, "id": hid})
    return Plan(changes, "edit.done.add_helper", {"id": hid, "path": rel}, commit_message("add helper", hid))


def activity_id(root: Path, day: date) -> str:
    """``A20261120``, or ``A20261120-2``, ``-3``... when that day has one already."""
    taken = set(ids_in(root, "activities"))
    base = f"A{day:%Y%m%d}"
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def add_activity(records: Records, data: dict[str, Any], record_id: str | None) -> Plan:
    """A new ``activities/<id>.yaml``: children and helpers known, the date not after today
    is checked with the rest of the records by ``finish``."""
    for cid in data.get("children") or ():
        if cid not in records.children:
            _record_path(records, "children", cid, "edit.err.no_child")
    changes = ChangeSet(records.root)
    aid = _new_id(records.root, "activities", record_id) if record_id is not None else \
        activity_id(records.root, data["date"])
    rel = changes.new_record("activities", {"id": aid, **data})
    reached = len(data.get("children") or ())
    return Plan(changes, "edit.done.activity", {"id": aid, "count": reached, "path": rel},
                commit_message("activity", aid))


def pair(records: Records, child: str, helpers: Sequence[str], start: date, duties: str | None,
         record_id: str | None) -> Plan:
    if child not in records.children:
        _record_path(records, "children", child, "edit.err.no_child")
    unique = list(dict.fromkeys(helpers))
    twin = same_pairing(records, child, unique, start)
    if twin is not None:  # a second identical ``pair C001 H001``: the first one stands
        raise WriteError("edit.err.duplicate_pairing", id=twin, child=child, helpers=listed(unique),
                         date=start.isoformat())
    changes = ChangeSet(records.root)
    pid = _new_id(records.root, "pairings", record_id)
    data: dict[str, Any] = {"id": pid, "child": child, "helpers": unique, "start": start, "duties": duties}
    rel = changes.new_record("pairings", data)
    return Plan(changes, "edit.done.pair", {"id": pid, "child": child, "helpers": listed(unique), "path": rel},
                commit_message("pair", pid, child, *unique))


def unpair(records: Records, pairing_id: str, day: date) -> Plan:
    rel = _record_path(records, "pairings", pairing_id, "edit.err.no_pairing")
    pairing = records.pairings[pairing_id]
    if pairing.end is not None:
        raise WriteError("edit.err.already_ended", id=pairing_id, date=pairing.end.isoformat())
    changes = ChangeSet(records.root)
    set_key(changes.edit_yaml(rel), "end", day, Pairing)
    return Plan(changes, "edit.done.unpair", {"id": pairing_id, "date": day.isoformat(), "path": rel},
                commit_message("unpair", pairing_id))


def contacts_file(records: Records, day: date) -> str:
    """Where a contact of ``day`` is logged: ``contacts_file`` in liushou.yaml, or a file a month."""
    pattern = (records.program.contacts_file if records.program else None) or DEFAULT_CONTACTS_FILE
    try:
        rel = pattern.format(year=f"{day.year:04d}", month=f"{day.month:02d}")
    except (KeyError, IndexError, ValueError):
        raise WriteError("edit.err.bad_contacts_file", pattern=pattern) from None
    parts = Path(rel).parts
    if not rel.lower().endswith(".csv") or len(parts) < 2 or parts[0] != "contacts" or ".." in parts:
        raise WriteError("edit.err.bad_contacts_file", pattern=pattern)
    return Path(rel).as_posix()


def _csv_line(cells: Sequence[str], newline: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerow(cells)
    return buf.getvalue()


def log_contact(records: Records, pairing: str, kinds: Sequence[str], day: date, today: date, *,
                helper: str | None = None, channel: str | None = None, minutes: int | None = None,
                summary: str | None = None) -> Plan:
    """One row appended to the day's contact log, in the contract's form (ISO date, kind
    ids, ids not names) but in the file's own column order and encoding (RECORDS.md 1.1):
    a log Excel saved with Chinese column names and GBK stays so."""
    if pairing not in records.pairings:
        _record_path(records, "pairings", pairing, "edit.err.no_pairing")
    _not_future(day, today)
    changes = ChangeSet(records.root)
    rel = contacts_file(records, day)
    if rel in records.unreadable:  # GBK guessed wrong, or a merge left markers: do not add to it
        raise WriteError("edit.err.contacts_unreadable", path=rel)
    values = {"date": day.isoformat(), "pairing": pairing, "kinds": ";".join(kinds), "helper": helper or "",
              "channel": channel or "", "minutes": "" if minutes is None else str(minutes),
              "summary": summary or ""}
    current = changes.current_text(rel)
    if current is None or not current.strip():
        changes.put_text(rel, "\ufeff" + _csv_line(COLUMNS, "\n") + _csv_line([values[c] for c in COLUMNS], "\n"))
    else:
        first = current.splitlines(keepends=True)[0]
        newline = "\r\n" if first.endswith("\r\n") else "\n"
        header = [column_of(cell) for cell in next(csv.reader([first.rstrip("\r\n")]))]
        if "pairing" not in header and "child" in header:  # the file names children: write the child's id
            values["child"], values["pairing"] = records.pairings[pairing].child, ""
        lost = [c for c in COLUMNS if values[c] and c not in header]
        if lost:  # never drop what was typed: the file has no column for it
            raise WriteError("edit.err.no_column", column=lost[0], path=rel)
        changes.append_text(rel, _csv_line([values.get(h or "", "") for h in header], newline))
    notes = [("edit.note.converted", {"path": path}) for path in changes.converted()]
    return Plan(changes, "edit.done.log",
                {"pairing": pairing, "kinds": listed(Named("kind", k) for k in kinds),
                 "date": day.isoformat(), "path": rel},
                commit_message("log", pairing), notes)


def _child_doc(records: Records, child: str) -> tuple[ChangeSet, str, CommentedMap]:
    rel = _record_path(records, "children", child, "edit.err.no_child")
    changes = ChangeSet(records.root)
    return changes, rel, changes.edit_yaml(rel)


def assess(records: Records, child: str, level: str, day: date, today: date, *,
           by: str | None = None, notes: str | None = None) -> Plan:
    changes, rel, doc = _child_doc(records, child)
    _not_future(day, today)
    append_item(doc, "risk_assessments", {"date": day, "level": level, "by": by, "notes": notes}, Child)
    return Plan(changes, "edit.done.assess", {"child": child, "level": level, "date": day.isoformat(), "path": rel},
                commit_message("assess", child))


def concern(records: Records, child: str, kind: str, day: date, today: date, *, notes: str | None = None,
            reported_to: str | None = None) -> Plan:
    changes, rel, doc = _child_doc(records, child)
    _not_future(day, today)
    item: dict[str, Any] = {"date": day, "type": kind, "notes": notes}
    if reported_to:
        item["reported"] = _flow({"date": day, "to": reported_to})
    index = append_item(doc, "concerns", item, Child, block=True)
    return Plan(changes, "edit.done.concern",
                {"child": child, "type": kind, "date": day.isoformat(), "index": index + 1, "path": rel},
                commit_message("concern", child))


def open_concerns(child: Child) -> list[int]:
    """1-based numbers of the concerns not yet reported."""
    return [i + 1 for i, c in enumerate(child.concerns) if c.reported is None]


def report_concern(records: Records, child: str, to: str, day: date, today: date, index: int | None) -> Plan:
    changes, rel, doc = _child_doc(records, child)
    _not_future(day, today)
    record = records.children[child]
    waiting = open_concerns(record)
    if index is None:
        if not waiting:
            raise WriteError("edit.err.no_open_concern", child=child)
        if len(waiting) > 1:
            raise WriteError("edit.err.which_concern", child=child, numbers=", ".join(map(str, waiting)))
        index = waiting[0]
    if not 1 <= index <= len(record.concerns):
        raise WriteError("edit.err.no_such_concern", child=child, index=index, count=len(record.concerns))
    if index not in waiting:
        raise WriteError("edit.err.already_reported", child=child, index=index)
    if day < record.concerns[index - 1].date:
        raise WriteError("edit.err.report_before_concern", date=day.isoformat(),
                         found=record.concerns[index - 1].date.isoformat())
    target = doc["concerns"][index - 1]
    set_key(target, "reported", _flow({"date": day, "to": to}), Concern)
    return Plan(changes, "edit.done.report", {"child": child, "index": index, "date": day.isoformat(), "path": rel},
                commit_message("concern reported", child))


# absences (控辍保学): an absence, a persuasion, a return to school, a report ------------


def _still_away(absence: Absence, day: date) -> bool:
    """Away from school on ``day`` without leave: begun, no last day before it, not back."""
    return (absence.from_ <= day and not absence.excused and (absence.to is None or absence.to >= day)
            and not any(p.result == "returned" and p.date <= day for p in absence.persuasions))


def _which_absence(record: Child, child: str, index: int | None, candidates: list[int], none_key: str) -> int:
    """The 1-based number of the absence meant: ``--index``, else the one candidate."""
    if index is not None:
        if not 1 <= index <= len(record.absences):
            raise WriteError("edit.err.no_such_absence", child=child, index=index, count=len(record.absences))
        return index
    if not candidates:
        raise WriteError(none_key, child=child)
    if len(candidates) > 1:
        raise WriteError("edit.err.which_absence", child=child, numbers=", ".join(map(str, candidates)))
    return candidates[0]


def absent(records: Records, child: str, start: date, today: date, *, to: date | None = None,
           excused: bool = False, whereabouts_known: bool = True, notes: str | None = None) -> Plan:
    """A new absence, in block style like a concern; ``excused`` and ``whereabouts_known``
    are written only when they are not the contract's defaults. Overlaps, a ``to`` before
    ``from`` and an absence before enrolment are the record checks' to refuse."""
    changes, rel, doc = _child_doc(records, child)
    _not_future(start, today)
    if to is not None:
        _not_future(to, today)
    record = records.children[child]
    if record.left is not None and record.left.date <= start:
        raise WriteError("edit.err.already_left", child=child, date=record.left.date.isoformat())
    item: dict[str, Any] = {"from": start, "to": to, "excused": True if excused else None,
                            "whereabouts_known": False if not whereabouts_known else None, "notes": notes}
    index = append_item(doc, "absences", item, Child, block=True)
    return Plan(changes, "edit.done.absent", {"child": child, "index": index + 1, "date": start.isoformat(),
                                              "path": rel}, commit_message("absence", child))


def persuade(records: Records, child: str, day: date, today: date, by: str | None, result: str,
             index: int | None) -> Plan:
    """A persuasion (劝返) added to the absence the child is away on that day."""
    changes, rel, doc = _child_doc(records, child)
    _not_future(day, today)
    record = records.children[child]
    away = [i + 1 for i, a in enumerate(record.absences) if _still_away(a, day)]
    n = _which_absence(record, child, index, away, "edit.err.no_open_absence")
    append_item(doc["absences"][n - 1], "persuasions", {"date": day, "by": by, "result": result}, Absence)
    return Plan(changes, "edit.done.persuade", {"child": child, "index": n, "date": day.isoformat(),
                                                "result": Named("persuasion", result), "path": rel},
                commit_message("persuasion", child))


def back_at_school(records: Records, child: str, day: date, today: date, index: int | None) -> Plan:
    """The child is back at school on ``day``: the open absence gets ``to`` = the day before."""
    changes, rel, doc = _child_doc(records, child)
    _not_future(day, today)
    record = records.children[child]
    open_ = [i + 1 for i, a in enumerate(record.absences)
             if a.to is None and a.from_ < day and not any(p.result == "returned" for p in a.persuasions)]
    n = _which_absence(record, child, index, open_, "edit.err.nothing_to_close")
    absence = record.absences[n - 1]
    if absence.to is not None:
        raise WriteError("edit.err.absence_closed", child=child, index=n, date=absence.to.isoformat())
    if day <= absence.from_:
        raise WriteError("edit.err.back_before_absence", date=day.isoformat(), start=absence.from_.isoformat())
    last = day - timedelta(days=1)
    set_key(doc["absences"][n - 1], "to", last, Absence)
    return Plan(changes, "edit.done.back", {"child": child, "index": n, "date": day.isoformat(),
                                            "last": last.isoformat(), "path": rel},
                commit_message("absence ended", child))


def report_absence(records: Records, child: str, to: str, day: date, today: date, index: int | None) -> Plan:
    """The report of an absence (to the township government, the police): ``reported``."""
    changes, rel, doc = _child_doc(records, child)
    _not_future(day, today)
    record = records.children[child]
    waiting = [i + 1 for i, a in enumerate(record.absences) if a.reported is None and _still_away(a, day)]
    n = _which_absence(record, child, index, waiting, "edit.err.no_unreported_absence")
    absence = record.absences[n - 1]
    if absence.reported is not None:
        raise WriteError("edit.err.absence_reported", child=child, index=n, date=absence.reported.date.isoformat())
    if day < absence.from_:
        raise WriteError("edit.err.report_before_absence", date=day.isoformat(), start=absence.from_.isoformat())
    set_key(doc["absences"][n - 1], "reported", _flow({"date": day, "to": to}), Absence)
    return Plan(changes, "edit.done.absence_report", {"child": child, "index": n, "date": day.isoformat(),
                                                      "to": to, "path": rel},
                commit_message("absence reported", child))


def leave(records: Records, child: str, reason: str, day: date) -> Plan:
    changes, rel, doc = _child_doc(records, child)
    record = records.children[child]
    if record.left is not None:
        raise WriteError("edit.err.already_left", child=child, date=record.left.date.isoformat())
    set_key(doc, "left", _flow({"date": day, "reason": reason}), Child)
    ended = []
    for pid, pairing in sorted(records.pairings.items()):
        if pairing.child == child and pairing.end is None:
            set_key(changes.edit_yaml(records.located("pairings", pid).path), "end", day, Pairing)
            ended.append(pid)
    return Plan(changes, "edit.done.leave",
                {"child": child, "date": day.isoformat(), "pairings": listed(ended) if ended else "—", "path": rel},
                commit_message("leave", child, *ended))


# many contact rows at once (liushou import --contacts) --------------------------------

def append_contacts(records: Records, changes: ChangeSet, rows: Sequence[dict[str, str]]) -> dict[str, list[str]]:
    """Append contact rows (the contact log's columns, English values) to ``changes``,
    each into the file ``liushou log`` would use for its date, under that file's own
    columns (Chinese names too: ``csvio.column_of``), line ends and encoding, as ``log``
    does. Returns {"rows": paths appended to, "converted": paths that were GBK and are
    now UTF-8 as a whole, because GBK cannot hold a new row} — a file is never left in
    two encodings (``write._encode``)."""
    by_file: dict[str, list[dict[str, str]]] = {}
    for values in rows:
        by_file.setdefault(contacts_file(records, date.fromisoformat(values["date"])), []).append(values)
    for rel, values_list in by_file.items():
        current = changes.current_text(rel)
        if current is None or not current.strip():
            lines = [_csv_line(COLUMNS, "\n")] + [_csv_line([v[c] for c in COLUMNS], "\n") for v in values_list]
            changes.put_text(rel, "\ufeff" + "".join(lines))
            continue
        if any("\udc80" <= ch <= "\udcff" for ch in current):  # neither UTF-8 nor GBK: never add to it
            raise WriteError("edit.err.unreadable_record", path=rel)
        first = current.splitlines(keepends=True)[0]
        newline = "\r\n" if first.endswith("\r\n") else "\n"
        header = [column_of(h) or "" for h in next(csv.reader([first.rstrip("\r\n")]))]
        lost = [c for c in COLUMNS if any(v[c] for v in values_list) and c not in header]
        if lost:  # never drop what was typed: the file has no column for it
            raise WriteError("edit.err.no_column", column=lost[0], path=rel)
        changes.append_text(rel, "".join(_csv_line([v.get(h, "") for h in header], newline) for v in values_list))
    converted = [rel for rel in changes.converted() if rel in by_file]
    return {"rows": sorted(by_file), "converted": converted}


# correcting mistakes (issue 12): a duplicate pairing, a pairing deleted, a contact row removed


def same_pairing(records: Records, child: str, helpers: Sequence[str], day: date) -> str | None:
    """The pairing of ``child`` with exactly this set of helpers active on ``day``, if any."""
    wanted = set(helpers)
    kid = records.children.get(child)
    for pid, pairing in sorted(records.pairings.items()):
        if pairing.child == child and set(pairing.helpers) == wanted and pairing.active_on(day, kid):
            return pid
    return None


def contacts_of(records: Records, pairing_id: str) -> list[Contact]:
    """The contact rows logged under a pairing, in file order."""
    return [c for c in records.contacts if c.pairing == pairing_id]


def delete_pairing(records: Records, pairing_id: str) -> Plan:
    """Delete a pairing entered by mistake. A pairing with contacts is real history: it
    is ended (``unpair --date``), never deleted; its rows would point at nothing."""
    rel = _record_path(records, "pairings", pairing_id, "edit.err.no_pairing")
    logged = contacts_of(records, pairing_id)
    if logged:
        first = logged[0]
        raise WriteError("edit.err.pairing_has_contacts", id=pairing_id, count=len(logged),
                         where=f"{first.path}:{first.line}")
    changes = ChangeSet(records.root)
    changes.remove(rel)
    return Plan(changes, "edit.done.delete_pairing", {"id": pairing_id, "path": rel},
                f"delete pairing: {pairing_id}")


@dataclass(frozen=True)
class Row:
    """One data row of a contact log as it stands in the file: lines ``line``..``end``."""

    path: str
    line: int
    end: int
    text: str


def _lines(text: str) -> list[str]:
    """Physical lines as the contact reader counts them (``\n``, ``\r\n`` or ``\r``)."""
    return io.StringIO(text, newline="").readlines()


def csv_rows(text: str, path: str) -> list[Row]:
    """Every data row of a CSV file with its line span (a quoted cell may hold line
    breaks), counted exactly as the reader counts them; empty rows left out."""
    text = text.removeprefix("\ufeff")
    lines = _lines(text)
    reader = csv.reader(lines)
    out: list[Row] = []
    end = 0
    header = True
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            cells = ["?"]  # a broken row is still a row that can be removed
        end = reader.line_num
        if header:
            header = False
            continue
        if any(cell.strip() for cell in cells):
            out.append(Row(path, start, end, "".join(lines[start - 1:end]).rstrip("\r\n")))
    return out


def _readable(raw: str) -> str:
    """A row's text for people: the file's bytes (kept as surrogates) as they read."""
    return readable(raw.encode("utf-8", errors="surrogateescape"))


def rows_at(changes: ChangeSet, rel: str, line: int) -> list[Row]:
    """The data row starting at ``line`` of ``rel`` (as ``path:line`` names it)."""
    rel = Path(rel.replace("\\", "/")).as_posix()
    parts = Path(rel).parts
    if not parts or parts[0] != "contacts" or not rel.lower().endswith(".csv") or ".." in parts:
        raise WriteError("edit.err.not_contact_log", path=rel)
    text = changes.current_text(rel)
    if text is None:
        raise WriteError("edit.err.no_file", path=rel)
    found = [r for r in csv_rows(text, rel) if r.line == line]
    if not found:
        raise WriteError("edit.err.no_row", path=rel, line=line)
    return found


def matching_rows(records: Records, changes: ChangeSet, pairing_id: str, day: date,
                  kinds: Sequence[str] = ()) -> list[Row]:
    """Rows of ``pairing_id`` dated ``day`` (holding all of ``kinds``, if given)."""
    wanted = set(kinds)
    hits = [c for c in records.contacts
            if c.pairing == pairing_id and c.date == day and wanted <= set(c.kinds)]
    spans: dict[str, dict[int, Row]] = {}
    out = []
    for contact in hits:
        if contact.path not in spans:
            spans[contact.path] = {r.line: r for r in csv_rows(changes.current_text(contact.path) or "",
                                                               contact.path)}
        row = spans[contact.path].get(contact.line)
        if row is not None:
            out.append(row)
    return out


def shown(row: Row) -> str:
    """``contacts/2026-11.csv:14: 2026-11-03,P001,talk,,,,谈心`` (one line per row)."""
    return f"{row.path}:{row.line}: " + " ⏎ ".join(_readable(row.text).splitlines())


def unlog(changes: ChangeSet, rows: Sequence[Row]) -> Plan:
    """Remove these rows from their files; every other byte (encoding, line endings, the
    other rows) stays as it was."""
    by_file: dict[str, list[Row]] = {}
    for row in rows:
        by_file.setdefault(row.path, []).append(row)
    for rel, doomed in by_file.items():
        lines = _lines(changes.current_text(rel) or "")  # a BOM is taken off and put back
        gone = {n for row in doomed for n in range(row.line, row.end + 1)}
        changes.put_text(rel, "".join(line for n, line in enumerate(lines, 1) if n not in gone))
    first = rows[0]
    where = ", ".join(f"{r.path}:{r.line}" for r in rows)
    return Plan(changes, "edit.done.unlog", {"count": len(rows), "where": where},
                f"unlog: {first.path}:{first.line}" + (f" (+{len(rows) - 1})" if len(rows) > 1 else ""))
