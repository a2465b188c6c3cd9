"""What loading a programme gives: the records, and what reading one record file gave.

Its own module so the loader, the snapshot of loaded records and everything that
reads them name the same types without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from liushou_cli.model import Activity, Child, Contact, Helper, Pairing, Program
from liushou_cli.problems import Problem
from liushou_cli.records.yamlio import Located

# record folder → the model of each file in it: the one table of the record folders
FOLDER_MODELS: dict[str, type[BaseModel]] = {"children": Child, "helpers": Helper, "pairings": Pairing,
                                             "activities": Activity}


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
    activities: dict[str, Activity] = field(default_factory=dict)
    where: dict[tuple[str, str], Located] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    # (folder, id) -> the record without its invalid keys, and where it stands
    salvaged: dict[tuple[str, str], tuple[BaseModel, Located]] = field(default_factory=dict)
    # (folder, id) of record files present but unusable (by file name and by written id)
    broken: set[tuple[str, str]] = field(default_factory=set)
    # the snapshot these records are of, for a write to extend (``records.snapshot.Basis``)
    basis: Any = field(default=None, compare=False, repr=False)
    # some contact row names a child, or a helper by name (resolved on assembly): a change
    # to a record file may change what such rows resolve to, so ``records.patch`` leaves it
    named_rows: bool = False

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
    # read in part: invalid optional parts were left out of ``obj`` (their errors are in
    # ``problems``), and ``located`` is renumbered to match, so it is kept, not re-read
    trimmed: bool = False
