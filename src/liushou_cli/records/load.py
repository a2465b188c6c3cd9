"""Read a whole programme: every file parsed, validated and located, problems collected.

What reading a file gives depends only on its bytes, so it is kept in a cache
(``records.cache``) and a file is read again only when it changed: a weekly
``due`` on 10,000 children reads none of them. ``load(root, cache=False)`` reads
everything, as a check of the cache or for a scratch copy that must leave no trace.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from liushou_cli.i18n import get_lang, t
from liushou_cli.model import Child, Contact, Helper, Pairing, Program
from liushou_cli.problems import Problem, error, warning
from liushou_cli.progress import Progress, steps
from liushou_cli.records import cache as cache_mod
from liushou_cli.records.bounded import read_bounded
from liushou_cli.records.csvio import parse_contacts
from liushou_cli.records.locate import PROGRAM_FILE
from liushou_cli.records.paths import escapes, outside_problem
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
    whole, base = str(path), str(root)
    if whole.startswith(base) and whole[len(base):len(base) + 1] == os.sep:  # fast: 25,000 calls
        rest = whole[len(base) + 1:]
        return rest if os.sep == "/" else rest.replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def read_text(root: Path, path: Path, *, csv: bool = False) -> tuple[str | None, list[Problem]]:
    rel = _rel(root, path)
    if (outside := outside_problem(root, path, rel)) is not None:  # a symlink out of the records
        return None, [outside]
    return _text_of(rel, _read_bytes(path), csv=csv)


def _read_bytes(path: Path) -> bytes | OSError:
    try:
        return read_bounded(path)  # no FIFO hang, no unbounded read
    except OSError as exc:
        return exc


def _text_of(rel: str, raw: bytes | OSError, *, csv: bool = False) -> tuple[str | None, list[Problem]]:
    if isinstance(raw, OSError):
        return None, [error(rel, 1, 1, "unreadable", reason=raw.strerror or type(raw).__name__)]
    decoded = decode(raw, rel, csv=csv)
    if decoded.problems and any(p.code == "conflict-marker" for p in decoded.problems):
        return None, decoded.problems
    return decoded.text, decoded.problems


def read_record(root: Path, path: Path, model: type[BaseModel]) -> Loaded:
    """One YAML record: the model (None if unusable), where its parts are, its problems."""
    rel = _rel(root, path)
    if (outside := outside_problem(root, path, rel)) is not None:
        return Loaded(None, Located(rel), [outside])
    return _record_of(rel, _read_bytes(path), model)


def _record_of(rel: str, raw: bytes | OSError, model: type[BaseModel]) -> Loaded:
    return _read_record(rel, raw, model)[0]


def _read_record(rel: str, raw: bytes | OSError, model: type[BaseModel]) -> tuple[Loaded, Any]:
    """The record, and the plain data it was validated from (None if it never was)."""
    text, problems = _text_of(rel, raw)
    if text is None:
        return Loaded(None, Located(rel), problems), None
    data, located, parse_problems = parse(text, rel)
    problems += parse_problems
    if any(p.is_error for p in parse_problems):
        return Loaded(None, located, problems), None
    if data is None:
        return Loaded(None, located, [*problems, error(rel, 1, 1, "empty-file")]), None
    if not isinstance(data, dict):
        return Loaded(None, located, [*problems, error(rel, *located.at(()), "not-mapping")]), None
    obj, salvaged, schema_problems = validate_parts(model, data, located)
    written = data.get("id")
    return Loaded(obj, located, problems + schema_problems, salvaged,
                  written if isinstance(written, str) else None), data


def load_yaml(root: Path, path: Path, model: type[M]) -> tuple[M | None, Located, list[Problem]]:
    """One YAML record: the model (None if unusable), where its parts are, its problems."""
    loaded = read_record(root, path, model)
    obj: Any = loaded.obj
    return obj, loaded.located, loaded.problems


def _files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The record files of one folder; anything else there is pointed out, not read."""
    if not folder.is_dir():
        if folder.exists():  # a file where the folder should be: say so, read nothing
            problems.append(error(_rel(root, folder), 1, 1, "unreadable", reason=t("robust.not_a_folder")))
        return []
    found = []
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)  # Path order, without Paths
    for entry in entries:
        name = entry.name
        if name.startswith((".", "~$")):  # hidden files, Office lock files
            continue
        path = folder / name
        if entry.is_dir():
            problems.append(warning(_rel(root, path) + "/", 1, 1, "stray-folder"))
        elif path.suffix.lower() in YAML_SUFFIXES:
            found.append(path)
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            problems.append(warning(_rel(root, path), 1, 1, "stray-file"))
    return found


CsvRead = tuple[bool, list[Contact], list[Problem]]  # readable, rows, problems


class _Reader:
    """Reads each file through the cache (if any), counting the steps for progress.

    A valid record is cached as its model's state in plain tuples
    (``cache.freeze_model``), its positions packed until asked for; anything else
    (a record with mistakes, rare) is cached whole.
    """

    def __init__(self, root: Path, store: cache_mod.Cache | None, step: Callable[[], None],
                 seed: cache_mod.Cache | None = None) -> None:
        self.root = root
        self.store = store
        self.seed = seed  # another root's cache, for files with the same bytes
        self.step = step
        self.lang = get_lang()
        self.folder_escapes: dict[Path, bool] = {}

    def _outside(self, path: Path, rel: str, info: os.stat_result | None) -> Problem | None:
        """``outside_problem``, resolving each folder once: a plain file (not a link)
        leads out of the records exactly when its folder does."""
        if info is None or stat.S_ISLNK(info.st_mode):
            return outside_problem(self.root, path, rel)
        parent = path.parent
        if parent not in self.folder_escapes:
            self.folder_escapes[parent] = escapes(self.root, parent)
        return outside_problem(self.root, path, rel) if self.folder_escapes[parent] else None

    def _through_cache(self, path: Path, read: Callable[[str, bytes | OSError], tuple[Any, Any]],
                       thaw: Callable[[str, Any], Any], unusable: Callable[[Problem], Any]) -> Any:
        """``read(rel, bytes)`` gives (value, what to cache); ``thaw`` turns the latter
        back into the value (None if it cannot)."""
        rel = _rel(self.root, path)
        try:
            info: os.stat_result | None = os.lstat(path)
        except OSError:
            info = None
        outside = self._outside(path, rel, info)
        if outside is not None:
            self.step()
            return unusable(outside)
        store = self.store
        # a link is read afresh each time: its own stat says nothing of its target's
        key = cache_mod.stat_key(info) if info is not None and not stat.S_ISLNK(info.st_mode) else None
        if store is not None and key is not None:
            found = store.get(rel, key, path, self.lang)
            value = thaw(rel, found) if found is not None else None
            if value is not None:
                self.step()
                return value
        raw = _read_bytes(path)
        if self.seed is not None and isinstance(raw, bytes):
            found = self.seed.get_same(rel, raw, self.lang)
            value = thaw(rel, found) if found is not None else None
            if value is not None:
                self.step()
                return value
        value, frozen = read(rel, raw)
        if store is not None and key is not None:
            lang = self.lang if frozen[-1] else None  # the problems, last: worded in this language
            store.put(rel, key, raw if isinstance(raw, bytes) else None, frozen, lang)
        self.step()
        return value

    def record(self, path: Path, model: type[BaseModel]) -> Loaded:
        def read(rel: str, raw: bytes | OSError) -> tuple[Loaded, Any]:
            loaded, data = _read_record(rel, raw, model)
            if loaded.obj is not None and loaded.salvaged is None:
                blob = loaded.located.pack()
                loaded.located = Located.packed(rel, blob)  # 25,000 position tables: kept packed
                try:
                    frozen = cache_mod.freeze_model(loaded.obj)
                except cache_mod.Unfreezable:
                    return loaded, ("whole", loaded, loaded.problems)
                return loaded, ("valid", frozen, blob, loaded.written_id, loaded.problems)
            return loaded, ("whole", loaded, loaded.problems)

        def thaw(rel: str, frozen: Any) -> Loaded | None:
            try:
                if frozen[0] == "valid":
                    _, state, blob, written_id, problems = frozen
                    obj = cache_mod.thaw_model(state)
                    if type(obj) is not model:
                        return None
                    return Loaded(obj, Located.packed(rel, blob), problems, None, written_id)
                loaded = frozen[1]
                return loaded if isinstance(loaded, Loaded) else None
            except Exception:  # not what this version caches: read the file
                return None

        value: Loaded = self._through_cache(path, read, thaw, lambda outside: Loaded(None, Located(outside.path), [outside]))
        return value

    def contacts(self, path: Path) -> CsvRead:
        def read(rel: str, raw: bytes | OSError) -> tuple[CsvRead, Any]:
            readable, contacts, problems = _contacts_of(rel, raw)
            return (readable, contacts, problems), (readable, [_contact_row(c) for c in contacts], problems)

        def thaw(rel: str, frozen: Any) -> CsvRead | None:
            try:
                readable, rows, problems = frozen
                return bool(readable), [Contact(*row) for row in rows], problems
            except Exception:
                return None

        value: CsvRead = self._through_cache(path, read, thaw, lambda outside: (False, [], [outside]))
        return value


_CONTACT_FIELDS = tuple(f.name for f in fields(Contact))


def _contact_row(contact: Contact) -> tuple[Any, ...]:
    """A contact as a tuple: pickled and rebuilt many times faster than the object."""
    return tuple(getattr(contact, name) for name in _CONTACT_FIELDS)


def _contacts_of(rel: str, raw: bytes | OSError) -> CsvRead:
    text, problems = _text_of(rel, raw, csv=True)
    if text is None:
        return False, [], problems
    contacts, row_problems = parse_contacts(text, rel)
    return True, contacts, problems + row_problems


def load(root: Path, *, cache: bool | None = None, progress: Progress | None = None,
         reuse: Path | None = None) -> Records:
    """Everything under ``root``; never raises for what is inside the files.

    ``cache``: use and refresh the records cache (default: ``cache.DEFAULTS``, which
    the CLI's ``--no-cache`` turns off); the result is the same either way.
    ``progress`` hears of each file read (default: ``progress.default()``).
    ``reuse``: the records ``root`` is a copy of (a scratch copy with a planned
    change): a file with the same bytes there is taken from that root's cache,
    which is only read. Off with ``--no-cache`` too.
    """
    records = Records(root=root)
    use_cache = cache_mod.DEFAULTS.enabled if cache is None else cache
    store = cache_mod.Cache.open(root) if use_cache else None
    seed = cache_mod.Cache.open(reuse) if reuse is not None and cache_mod.DEFAULTS.enabled else None
    has_program = (root / PROGRAM_FILE).is_file()
    folders = []
    for folder, model in FOLDERS.items():
        listed: list[Problem] = []
        folders.append((folder, model, _files(root / folder, root, listed), listed))
    contact_problems: list[Problem] = []
    contact_files = _contact_files(root / "contacts", root, contact_problems)
    total = int(has_program) + sum(len(f[2]) for f in folders) + len(contact_files)
    reader = _Reader(root, store, steps(progress, "load", total), seed)

    if has_program:
        loaded = reader.record(root / PROGRAM_FILE, Program)
    else:
        loaded = Loaded(None, Located(PROGRAM_FILE), [error(PROGRAM_FILE, 1, 1, "no-program")])
    records.program = loaded.obj if isinstance(loaded.obj, Program) else None
    records.where[("program", "")] = loaded.located
    records.problems += loaded.problems
    if records.program is None:
        records.unreadable.append(PROGRAM_FILE)
        if loaded.salvaged is not None:
            records.salvaged[("program", "")] = loaded.salvaged
    for folder, _model, paths, listed in folders:
        records.problems += listed
        _load_folder(records, folder, [(path, reader.record(path, _model)) for path in paths])
    records.problems += contact_problems
    for path in contact_files:
        readable, contacts, problems = reader.contacts(path)
        records.problems += problems
        if not readable:
            records.unreadable.append(_rel(root, path))
        records.contacts += contacts
    if store is not None:
        store.save()
    return records


def _load_folder(records: Records, folder: str, files: list[tuple[Path, Loaded]]) -> None:
    table: dict[str, Any] = getattr(records, folder)
    for path, loaded in files:
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


def _contact_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Every ``.csv`` under ``contacts/``, at any depth, in a stable order.

    A spreadsheet saved as ``.xlsx`` is the common slip: it is named, with the fix.
    """
    if not folder.is_dir():
        if folder.exists():  # a file where the folder should be: say so, read nothing
            problems.append(error(_rel(root, folder), 1, 1, "unreadable", reason=t("robust.not_a_folder")))
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
