"""Read a whole programme: every file parsed, validated and located, problems collected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from liushou_cli.model import Child, Contact, Helper, Pairing, Program
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.csvio import parse_contacts
from liushou_cli.records.locate import PROGRAM_FILE
from liushou_cli.records.text import decode
from liushou_cli.records.validate import validate
from liushou_cli.records.yamlio import Located, parse

M = TypeVar("M", bound=BaseModel)

FOLDERS: dict[str, type[BaseModel]] = {"children": Child, "helpers": Helper, "pairings": Pairing}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Records:
    """A programme as read from disk. ``where`` locates each record's parts."""

    root: Path
    program: Program | None = None
    children: dict[str, Child] = field(default_factory=dict)
    helpers: dict[str, Helper] = field(default_factory=dict)
    pairings: dict[str, Pairing] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    where: dict[tuple[str, str], Located] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def located(self, folder: str, record_id: str) -> Located:
        return self.where.get((folder, record_id)) or Located(f"{folder}/{record_id}.yaml")


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


def load_yaml(root: Path, path: Path, model: type[M]) -> tuple[M | None, Located, list[Problem]]:
    """One YAML record: the model (None if unusable), where its parts are, its problems."""
    rel = _rel(root, path)
    text, problems = read_text(root, path)
    if text is None:
        return None, Located(rel), problems
    data, located, parse_problems = parse(text, rel)
    problems += parse_problems
    if any(p.is_error for p in parse_problems):
        return None, located, problems
    if data is None:
        return None, located, [*problems, error(rel, 1, 1, "empty-file")]
    if not isinstance(data, dict):
        return None, located, [*problems, error(rel, 1, 1, "not-mapping")]
    obj, schema_problems = validate(model, data, located)
    return obj, located, problems + schema_problems


def _files(folder: Path, accept: Callable[[Path], bool], root: Path, problems: list[Problem]) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_file() and accept(path):
            found.append(path)
        elif path.is_file() and path.suffix.lower() not in (".md", ".txt"):
            problems.append(warning(_rel(root, path), 1, 1, "stray-file"))
    return found


def load(root: Path) -> Records:
    """Everything under ``root``; never raises for what is inside the files."""
    records = Records(root=root)
    program, located, problems = load_yaml(root, root / PROGRAM_FILE, Program)
    records.program = program
    records.where[("program", "")] = located
    records.problems += problems
    if program is None:
        records.unreadable.append(PROGRAM_FILE)
    for folder, model in FOLDERS.items():
        table: dict[str, Any] = getattr(records, folder)
        for path in _files(root / folder, lambda p: p.suffix.lower() in YAML_SUFFIXES, root, records.problems):
            obj, located, problems = load_yaml(root, path, model)
            records.problems += problems
            if obj is None:
                records.unreadable.append(located.path)
                continue
            record_id: str = getattr(obj, "id")  # noqa: B009 - every record model has an id
            if record_id != path.stem:
                line, col = located.at(("id",))
                records.problems.append(error(located.path, line, col, "id-mismatch", id=record_id, stem=path.stem))
            if record_id in table:
                line, col = located.at(("id",))
                other = records.where[(folder, record_id)].path
                records.problems.append(error(located.path, line, col, "duplicate-id", id=record_id, other=other))
                continue
            table[record_id] = obj
            records.where[(folder, record_id)] = located
    contacts_dir = root / "contacts"
    for path in _contact_files(contacts_dir):
        text, problems = read_text(root, path, csv=True)
        records.problems += problems
        if text is None:
            records.unreadable.append(_rel(root, path))
            continue
        contacts, row_problems = parse_contacts(text, _rel(root, path))
        records.contacts += contacts
        records.problems += row_problems
    return records


def _contact_files(folder: Path) -> list[Path]:
    """Every ``.csv`` under ``contacts/``, at any depth, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".csv" and p.is_file())
