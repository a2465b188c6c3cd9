"""Read a whole programme: every file parsed, validated and located, problems collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from liushou_cli.model import Child, Contact, Helper, Pairing, Program
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.csvio import parse_contacts
from liushou_cli.records.locate import PROGRAM_FILE
from liushou_cli.records.text import decode
from liushou_cli.records.validate import validate_parts
from liushou_cli.records.yamlio import Located, parse

M = TypeVar("M", bound=BaseModel)

FOLDERS: dict[str, type[BaseModel]] = {"children": Child, "helpers": Helper, "pairings": Pairing}
YAML_SUFFIXES = (".yaml", ".yml")
NOTE_SUFFIXES = (".md", ".txt")  # a README beside the records is welcome, not a stray
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".et", ".ods", ".numbers")


@dataclass
class Records:
    """A programme as read from disk. ``where`` locates each record's parts.

    ``salvaged`` and ``broken`` are for ``check`` only: a record that failed to
    load is not data, but it exists, and its other mistakes can still be shown.
    """

    root: Path
    program: Program | None = None
    children: dict[str, Child] = field(default_factory=dict)
    helpers: dict[str, Helper] = field(default_factory=dict)
    pairings: dict[str, Pairing] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    where: dict[tuple[str, str], Located] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    # (folder, id) -> the record without its invalid keys, and where it stands
    salvaged: dict[tuple[str, str], tuple[BaseModel, Located]] = field(default_factory=dict)
    # (folder, id) of record files present but unusable (by file name and by written id)
    broken: set[tuple[str, str]] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def located(self, folder: str, record_id: str) -> Located:
        return self.where.get((folder, record_id)) or Located(f"{folder}/{record_id}.yaml")

    def exists(self, folder: str, record_id: str) -> bool:
        """Whether a record with this id is on disk, loaded or not."""
        table: dict[str, Any] = getattr(self, folder)
        return record_id in table or (folder, record_id) in self.broken


@dataclass
class Loaded:
    """One YAML record file after reading."""

    obj: BaseModel | None
    located: Located
    problems: list[Problem]
    salvaged: tuple[BaseModel, Located] | None = None
    written_id: str | None = None  # the ``id`` the file holds, even when it is invalid


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_text(root: Path, path: Path, *, csv: bool = False) -> tuple[str | None, list[Problem]]:
    rel = _rel(root, path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, 1, 1, "unreadable", reason=exc.strerror or type(exc).__name__)]
    decoded = decode(raw, rel, csv=csv)
    if decoded.problems and any(p.code == "conflict-marker" for p in decoded.problems):
        return None, decoded.problems
    return decoded.text, decoded.problems


def read_record(root: Path, path: Path, model: type[BaseModel]) -> Loaded:
    """One YAML record: the model (None if unusable), where its parts are, its problems."""
    rel = _rel(root, path)
    text, problems = read_text(root, path)
    if text is None:
        return Loaded(None, Located(rel), problems)
    data, located, parse_problems = parse(text, rel)
    problems += parse_problems
    if any(p.is_error for p in parse_problems):
        return Loaded(None, located, problems)
    if data is None:
        return Loaded(None, located, [*problems, error(rel, 1, 1, "empty-file")])
    if not isinstance(data, dict):
        return Loaded(None, located, [*problems, error(rel, *located.at(()), "not-mapping")])
    obj, salvaged, schema_problems = validate_parts(model, data, located)
    written = data.get("id")
    return Loaded(obj, located, problems + schema_problems, salvaged,
                  written if isinstance(written, str) else None)


def load_yaml(root: Path, path: Path, model: type[M]) -> tuple[M | None, Located, list[Problem]]:
    """One YAML record: the model (None if unusable), where its parts are, its problems."""
    loaded = read_record(root, path, model)
    obj: Any = loaded.obj
    return obj, loaded.located, loaded.problems


def _files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The record files of one folder; anything else there is pointed out, not read."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith((".", "~$")):  # hidden files, Office lock files
            continue
        if path.is_dir():
            problems.append(warning(_rel(root, path) + "/", 1, 1, "stray-folder"))
        elif path.suffix.lower() in YAML_SUFFIXES:
            found.append(path)
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            problems.append(warning(_rel(root, path), 1, 1, "stray-file"))
    return found


def load(root: Path) -> Records:
    """Everything under ``root``; never raises for what is inside the files."""
    records = Records(root=root)
    if (root / PROGRAM_FILE).is_file():
        loaded = read_record(root, root / PROGRAM_FILE, Program)
    else:
        loaded = Loaded(None, Located(PROGRAM_FILE), [error(PROGRAM_FILE, 1, 1, "no-program")])
    records.program = loaded.obj if isinstance(loaded.obj, Program) else None
    records.where[("program", "")] = loaded.located
    records.problems += loaded.problems
    if records.program is None:
        records.unreadable.append(PROGRAM_FILE)
        if loaded.salvaged is not None:
            records.salvaged[("program", "")] = loaded.salvaged
    for folder, model in FOLDERS.items():
        _load_folder(records, folder, model)
    _load_contacts(records)
    return records


def _load_folder(records: Records, folder: str, model: type[BaseModel]) -> None:
    root = records.root
    table: dict[str, Any] = getattr(records, folder)
    for path in _files(root / folder, root, records.problems):
        loaded = read_record(root, path, model)
        records.problems += loaded.problems
        obj, located = (loaded.obj, loaded.located) if loaded.salvaged is None else loaded.salvaged
        if obj is not None and "id" not in obj.model_fields_set:
            obj = None  # salvaged without a usable id: nothing to refer to it by
        if loaded.obj is None:
            records.unreadable.append(loaded.located.path)
            records.broken.add((folder, path.stem))
            if loaded.written_id:
                records.broken.add((folder, loaded.written_id))
        if obj is None:
            continue
        record_id: str = getattr(obj, "id")  # noqa: B009 - every record model has an id
        if record_id != path.stem:
            line, col = located.at(("id",))
            records.problems.append(error(located.path, line, col, "id-mismatch", id=record_id, stem=path.stem))
        first = records.where.get((folder, record_id))
        if first is None and (folder, record_id) in records.salvaged:
            first = records.salvaged[(folder, record_id)][1]
        if first is not None:
            line, col = located.at(("id",))
            records.problems.append(error(located.path, line, col, "duplicate-id", id=record_id, other=first.path))
            if loaded.obj is None or record_id in table:
                continue  # the first readable record with the id is the one used
        if loaded.obj is None:
            records.salvaged[(folder, record_id)] = (obj, located)
        else:
            table[record_id] = obj
            records.where[(folder, record_id)] = located


def _load_contacts(records: Records) -> None:
    root = records.root
    for path in _contact_files(root / "contacts", root, records.problems):
        text, problems = read_text(root, path, csv=True)
        records.problems += problems
        if text is None:
            records.unreadable.append(_rel(root, path))
            continue
        contacts, row_problems = parse_contacts(text, _rel(root, path))
        records.contacts += contacts
        records.problems += row_problems


def _contact_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Every ``.csv`` under ``contacts/``, at any depth, in a stable order.

    A spreadsheet saved as ``.xlsx`` is the common slip: it is named, with the fix.
    """
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in parts) or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix == ".csv":
            found.append(path)
        elif suffix in SPREADSHEET_SUFFIXES:
            problems.append(warning(_rel(root, path), 1, 1, "contacts-not-csv"))
        elif suffix not in NOTE_SUFFIXES:
            problems.append(warning(_rel(root, path), 1, 1, "stray-file"))
    return found
