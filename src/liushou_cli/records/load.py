"""Read a whole programme: every file parsed, validated and located, problems collected.

What reading a file gives depends only on its bytes, so it is kept in a cache
(``records.cache``) and a file is read again only when it changed: a weekly
``due`` on 10,000 children reads none of them. While no file changed at all, the
programme as last assembled is taken whole (``records.snapshot``). ``load(root,
cache=False)`` reads everything, as a check of the cache or for a scratch copy that
must leave no trace.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from liushou_cli import collector
from liushou_cli.model import Contact, Program
from liushou_cli.phrases import Phrase
from liushou_cli.problems import Problem, error, warning
from liushou_cli.progress import Progress, steps
from liushou_cli.records import cache as cache_mod
from liushou_cli.records import parallel, snapshot
from liushou_cli.records.bounded import Refused, read_bounded
from liushou_cli.records.csvio import header_makes_sense, parse_contacts
from liushou_cli.records.loaded import FOLDER_MODELS, Loaded, Records
from liushou_cli.records.locate import PROGRAM_FILE
from liushou_cli.records.modelstate import share_small_values
from liushou_cli.records.patch import YAML_SUFFIXES, kind_of, named_rows
from liushou_cli.records.paths import escapes, outside_problem
from liushou_cli.records.resolve import resolve_contacts
from liushou_cli.records.text import decode
from liushou_cli.records.validate import validate_parts, validate_record
from liushou_cli.records.yamlio import Located, parse

NOTE_SUFFIXES = (".md", ".txt")  # a README beside the records is welcome, not a stray
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".et", ".ods", ".numbers")


def _rel(root: Path, path: Path) -> str:
    whole, base = str(path), str(root)
    if whole.startswith(base) and whole[len(base):len(base) + 1] == os.sep:  # fast: 25,000 calls
        rest = whole[len(base) + 1:]
        return rest if os.sep == "/" else rest.replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def _read_bytes(path: Path | str) -> bytes | OSError:
    try:
        return read_bounded(path)  # no FIFO hang, no unbounded read
    except OSError as exc:
        return exc


def _text_of(rel: str, raw: bytes | OSError, *, csv: bool = False) -> tuple[str | None, list[Problem]]:
    if isinstance(raw, OSError):
        reason = raw.reason if isinstance(raw, Refused) else raw.strerror or type(raw).__name__
        return None, [error(rel, 1, 1, "unreadable", reason=reason)]
    decoded = decode(raw, rel, csv=csv, header_ok=header_makes_sense if csv else None)
    if decoded.problems and any(p.code == "conflict-marker" for p in decoded.problems):
        return None, decoded.problems
    return decoded.text, decoded.problems


def _read_record(rel: str, raw: bytes | OSError, model: type[BaseModel]) -> Loaded:
    """One YAML record: the model (None if unusable), where its parts are, its problems."""
    text, problems = _text_of(rel, raw)
    if text is None:
        return Loaded(None, Located(rel), problems)
    data, located, parse_problems = parse(text, rel)
    problems += parse_problems
    # full-width punctuation in a key of a mapping read is an error there, not a lost record
    if any(p.is_error and (p.code != "full-width" or not isinstance(data, dict)) for p in parse_problems):
        return Loaded(None, located, problems)
    if data is None:
        return Loaded(None, located, [*problems, error(rel, 1, 1, "empty-file")])
    if not isinstance(data, dict):
        return Loaded(None, located, [*problems, error(rel, *located.at(()), "not-mapping")])
    written = data.get("id")
    written_id = written if isinstance(written, str) else None
    if model is not Program:  # a child, helper or pairing: one bad optional field never hides it
        record, where, schema_problems = validate_record(model, data, located)
        if record is not None:
            share_small_values(record)
            trimmed = any(p.is_error for p in (*parse_problems, *schema_problems))
            return Loaded(record, where, problems + schema_problems, None, written_id, trimmed)
    obj, salvaged, schema_problems = validate_parts(model, data, located)
    if obj is not None:
        share_small_values(obj)
    return Loaded(obj, located, problems + schema_problems, salvaged, written_id)


_name_of = attrgetter("name")


def _leads_out(folder: Path, root: Path, problems: list[Problem]) -> bool:
    """Whether a records folder is a link out of the records (a cloned repository's
    ``contacts -> /``): then it is named at once and nothing under it is listed. One
    ``lstat``; only a link is resolved."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) and escapes(root, folder):
        problems.append(error(_rel(root, folder), 1, 1, "link-outside"))
        return True
    return False


def _files(folder: Path, root: Path, problems: list[Problem]) -> list[str]:
    """The record files of one folder, by name; anything else there is pointed out, not read."""
    if _leads_out(folder, root, problems):
        return []
    if not folder.is_dir():
        if folder.exists():  # a file where the folder should be: say so, read nothing
            problems.append(error(_rel(root, folder), 1, 1, "unreadable", reason=Phrase("robust.not_a_folder")))
        return []
    found = []
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=_name_of)  # Path order, without Paths
    rel = _rel(root, folder)
    for entry in entries:
        name = entry.name
        if name.startswith((".", "~$")):  # hidden files, Office lock files
            continue
        if name.endswith(".yaml") and not entry.is_dir():  # the usual case, 25,000 times in a county
            found.append(name)
            continue
        suffix = os.path.splitext(name)[1].lower()
        if entry.is_dir():
            if suffix in YAML_SUFFIXES:  # a folder where a record file should be: a record left out
                problems.append(error(f"{rel}/{name}", 1, 1, "unreadable", reason=Phrase("robust.folder_not_file")))
            else:
                problems.append(warning(f"{rel}/{name}/", 1, 1, "stray-folder"))
        elif suffix in YAML_SUFFIXES:
            found.append(name)
        elif suffix not in NOTE_SUFFIXES:
            problems.append(warning(f"{rel}/{name}", 1, 1, "stray-file"))
    return found


CsvRead = tuple[bool, list[Contact], list[Problem]]  # readable, rows, problems


Job = tuple[str, str, "type[BaseModel] | None"]  # path, rel, model (None: a contacts CSV)


def _fresh(rel: str, raw: bytes | OSError, model: type[BaseModel] | None, *, positions: bool = False) -> Any:
    """What reading a file's bytes gives: a ``Loaded``, or a ``CsvRead`` for contacts.
    A valid record keeps its positions only if asked: they are found again when needed."""
    if model is None:
        return _contacts_of(rel, raw)
    loaded = _read_record(rel, raw, model)
    if not positions and loaded.obj is not None and loaded.salvaged is None and not loaded.trimmed:
        loaded.located = Located(rel, id_at=loaded.located.id_positions())
    return loaded


def reading(rel: str, raw: bytes) -> Any | None:
    """What loading gives for a record file or contact log of these bytes at ``rel``
    (positions kept: a planned file is not on disk to be read again); None for any
    other file (``records.patch.kind_of``)."""
    kind = kind_of(rel)
    if kind is None:
        return None
    return _fresh(rel, raw, _MODELS[kind], positions=True)


def _positions(root: Path, rel: str) -> Located | None:
    """A valid record's positions, found again by reading it (they are not kept)."""
    path = root / rel
    if escapes(root, path):  # swapped for a link since it was read
        return None
    try:
        text = decode(read_bounded(path), rel).text
    except OSError:
        return None
    return parse(text, rel)[1] if text is not None else None


def _fits(found: Any, model: type[BaseModel] | None) -> bool:
    """Whether a cached value is of the kind this file gives (a foreign entry is read afresh)."""
    if model is None:
        return isinstance(found, tuple) and len(found) == 3 and isinstance(found[1], list)
    return isinstance(found, Loaded) and (found.obj is None or type(found.obj) is model)


_MODELS: dict[str, type[BaseModel] | None] = {"program": Program, **FOLDER_MODELS, "contacts": None}


Task = tuple[str, str, str, "cache_mod.StatKey | None"]  # path, rel, model name, stat key


def _read_chunk(job: tuple[int, list[Task]]) -> bytes:
    """In a worker: each file read, as the cache's entry rows (``Cache.put_chunk``)."""
    started_ns, tasks = job
    rows: list[cache_mod.EntryRow] = []
    for path, rel, name, key in tasks:
        raw = _read_bytes(path)
        value = _fresh(rel, raw, _MODELS[name])
        check = cache_mod.digest(raw) if isinstance(raw, bytes) else None
        rows.append((rel, key, check, key is not None and cache_mod.racy(key, started_ns), value))
    return cache_mod.dumps(rows)


class _Reader:
    """Reads each file through the cache (if any), counting the steps for progress.

    Paths are plain strings here: 25,000 ``Path`` objects would cost more than
    the cache saves. What reading gave is cached as it is (``records.cache``);
    the files the cache cannot give are read on every core when there are many
    (``records.parallel``).
    """

    def __init__(self, root: Path, store: cache_mod.Cache | None, step: Callable[[], None],
                 overlay: Mapping[str, bytes | None] | None = None) -> None:
        self.root = root
        self.overlay = overlay or {}
        self.store = store
        self.step = step
        self.folder_escapes: dict[str, bool] = {}

    def _outside(self, path: str, rel: str, info: os.stat_result | None) -> Problem | None:
        """``outside_problem``, resolving each folder once: a plain file (not a link)
        leads out of the records exactly when its folder does."""
        if info is None or stat.S_ISLNK(info.st_mode):
            return outside_problem(self.root, Path(path), rel)
        folder = os.path.dirname(path)
        escaped = self.folder_escapes.get(folder)
        if escaped is None:
            escaped = self.folder_escapes[folder] = escapes(self.root, Path(folder))
        return outside_problem(self.root, Path(path), rel) if escaped else None

    def read(self, jobs: list[Job], infos: list[os.stat_result | None]) -> list[Any]:
        """Each job's value, in order: from the cache where it can, else read.
        ``infos``: each file's ``lstat`` (None: none, or an overlaid file)."""
        values: list[Any] = [None] * len(jobs)
        misses: list[tuple[int, cache_mod.StatKey | None]] = []
        store, overlay = self.store, self.overlay
        for i, (path, rel, model) in enumerate(jobs):
            planned = overlay.get(rel)
            if planned is not None:  # the planned bytes, with their positions (there is no file to re-read)
                values[i] = _fresh(rel, planned, model, positions=True)
                self.step()
                continue
            info = infos[i]
            outside = self._outside(path, rel, info)
            if outside is not None:
                values[i] = Loaded(None, Located(rel), [outside]) if model is not None else (False, [], [outside])
                self.step()
                continue
            # a link is read afresh each time: its own stat says nothing of its target's
            key = cache_mod.stat_key(info) if info is not None and not stat.S_ISLNK(info.st_mode) else None
            if store is not None and key is not None:
                found = store.get(rel, key, path)
                if found is not None and _fits(found, model):
                    values[i] = found
                    self.step()
                    continue
            misses.append((i, key))
        workers = parallel.workers_for(len(misses))
        if workers:
            misses = self._read_in_workers(jobs, misses, values, workers)
        for i, key in misses:
            path, rel, model = jobs[i]
            raw = _read_bytes(path)
            self._keep(values, i, rel, key, _fresh(rel, raw, model),
                       cache_mod.digest(raw) if isinstance(raw, bytes) else None)
        return values

    def _read_in_workers(self, jobs: list[Job], misses: list[tuple[int, cache_mod.StatKey | None]],
                         values: list[Any], workers: int) -> list[tuple[int, cache_mod.StatKey | None]]:
        """Read the misses in forked workers; gives back those still unread (a worker died)."""
        name = {model: folder for folder, model in _MODELS.items()}
        started_ns = self.store.started_ns if self.store is not None else 0
        batches = parallel.chunks(misses)
        tasks = [(started_ns, [(jobs[i][0], jobs[i][1], name[jobs[i][2]], key) for i, key in batch])
                 for batch in batches]
        done = 0
        try:
            for blob in parallel.run(_read_chunk, tasks, workers):
                rows = cache_mod.loads(blob)
                for (i, _key), row in zip(batches[done], rows, strict=True):
                    if row[0] != jobs[i][1] or not _fits(row[4], jobs[i][2]):
                        raise ValueError(jobs[i][1])
                    values[i] = row[4]
                    self.step()
                if self.store is not None:
                    self.store.put_chunk(blob, rows)
                done += 1
        except Exception:  # a worker killed, or out of memory: read the rest here
            return [miss for batch in batches[done:] for miss in batch]
        return []

    def _keep(self, values: list[Any], i: int, rel: str, key: cache_mod.StatKey | None, value: Any,
              check: bytes | None) -> None:
        """A file's fresh value, remembered in the cache if its bytes were read."""
        values[i] = value
        if self.store is not None and key is not None and check is not None:
            self.store.put(rel, key, check, value)
        self.step()


def _contacts_of(rel: str, raw: bytes | OSError) -> CsvRead:
    text, problems = _text_of(rel, raw, csv=True)
    if text is None:
        return False, [], problems
    contacts, row_problems = parse_contacts(text, rel)
    return True, contacts, problems + row_problems


FREEZE_FROM = 2_000  # files; below this the collector's walks cost nothing worth saving


def load(root: Path, *, cache: bool | None = None, progress: Progress | None = None,
         overlay: Mapping[str, bytes | None] | None = None) -> Records:
    """Everything under ``root``; never raises for what is inside the files.

    ``cache``: use and refresh the records cache and its snapshot (default:
    ``cache.DEFAULTS``, which the CLI's ``--no-cache`` turns off); the result is the
    same either way. ``progress`` hears of each file read (default: ``progress.default()``).
    ``overlay``: the records as a planned change would leave them: these files
    (path relative to ``root``: its new bytes, or None if removed) are read from
    memory, the rest from disk and the cache, which is then only read (what is
    loaded is not what is on disk).
    """
    overlay = overlay or {}
    folders = []
    for folder, model in FOLDER_MODELS.items():
        listed: list[Problem] = []
        names = _overlaid(_files(root / folder, root, listed), folder, overlay, YAML_SUFFIXES)
        folders.append((folder, model, names, listed))
    contact_problems: list[Problem] = []
    contact_files = [root / rel for rel in _overlaid(
        [_rel(root, p) for p in _contact_files(root / "contacts", root, contact_problems)],
        "contacts", overlay, (".csv",), nested=True)]
    has_program = (overlay[PROGRAM_FILE] is not None if PROGRAM_FILE in overlay
                   else (root / PROGRAM_FILE).is_file())
    jobs = _jobs(root, has_program, folders, contact_files)
    # a large programme lives as long as the command: frozen out of later collections
    with collector.paused(freeze=len(jobs) >= FREEZE_FROM):
        use_cache = cache_mod.DEFAULTS.enabled if cache is None else cache
        infos = [None if rel in overlay else _lstat(path) for path, rel, _ in jobs]
        listing = [problem for *_, listed in folders for problem in listed] + contact_problems
        manifest = snapshot.manifest(root, jobs, infos, listing) if use_cache and not overlay else None
        if manifest is not None:
            reread = functools.partial(_positions, root)
            found = snapshot.records_from(root, manifest.digest, reread)
            if found is not None:
                found.basis = snapshot.basis(manifest)
                return found
            found = snapshot.with_delta(root, manifest, reread)  # the snapshot and a write since
            if found is not None:
                return found
        records = Records(root=root)
        store = cache_mod.Cache.open(root) if use_cache else None
        reader = _Reader(root, store, steps(progress, "load", len(jobs)), overlay)
        _read_all(records, reader, jobs, infos, has_program, folders, contact_problems)
        if store is not None and not overlay:
            store.save()
            if manifest is not None and not any(cache_mod.racy(key, store.started_ns) for key in manifest.keys):
                snapshot.write(root, manifest.digest, snapshot.chunks_of(records))
                records.basis = snapshot.basis(manifest)
            else:
                snapshot.discard(root)
    return records


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _jobs(root: Path, has_program: bool, folders: list[tuple[str, type[BaseModel], list[str], list[Problem]]],
          contact_files: list[Path]) -> list[Job]:
    """Every file to read, in the order the records are assembled."""
    base = str(root)
    jobs: list[Job] = []
    if has_program:
        jobs.append((os.path.join(base, PROGRAM_FILE), PROGRAM_FILE, Program))
    for folder, model, names, _listed in folders:
        where = os.path.join(base, folder) + os.sep  # names from a listing: no separators in them
        jobs += [(where + name, f"{folder}/{name}", model) for name in names]
    jobs += [(str(path), _rel(root, path), None) for path in contact_files]
    return jobs


def _overlaid(found: list[str], folder: str, overlay: Mapping[str, bytes | None],
              suffixes: tuple[str, ...], nested: bool = False) -> list[str]:
    """``found`` (names in ``folder``; or, ``nested``, paths from the root at any depth
    under it) with the overlay's files there added or taken away, in order. Only record
    files are overlaid: a planned change writes nothing else."""
    if not overlay:
        return found
    prefix = folder + "/"
    key = (lambda rel: rel) if nested else (lambda rel: rel[len(prefix):])
    kept = set(found)
    for rel, data in overlay.items():
        inside = rel.startswith(prefix) and (nested or "/" not in rel[len(prefix):])
        if not inside or not rel.lower().endswith(suffixes):
            continue
        if data is None:
            kept.discard(key(rel))
        else:
            kept.add(key(rel))
    return sorted(kept, key=lambda rel: rel.split("/"))  # as ``Path`` objects sort: part by part


def _read_all(records: Records, reader: _Reader, jobs: list[Job], infos: list[os.stat_result | None],
              has_program: bool, folders: list[tuple[str, type[BaseModel], list[str], list[Problem]]],
              contact_problems: list[Problem]) -> None:
    root = records.root
    read = reader.read(jobs, infos)
    reread = functools.partial(_positions, root)
    for (_path, rel, kind), value in zip(jobs, read, strict=True):
        if (kind is not None and value.obj is not None and value.salvaged is None and not value.trimmed
                and rel not in reader.overlay):
            value.located = Located.rereading(rel, reread, value.located.id_positions())
    values = iter(read)

    loaded = next(values) if has_program else Loaded(None, Located(PROGRAM_FILE),
                                                      [error(PROGRAM_FILE, 1, 1, "no-program")])
    records.program = loaded.obj if isinstance(loaded.obj, Program) else None
    records.where[("program", "")] = loaded.located
    records.problems += loaded.problems
    if records.program is None:
        records.unreadable.append(PROGRAM_FILE)
        if loaded.salvaged is not None:
            records.salvaged[("program", "")] = loaded.salvaged
    for folder, _model, names, listed in folders:
        records.problems += listed
        _load_folder(records, folder, [(name, next(values)) for name in names])
    records.problems += contact_problems
    for (_path, rel, kind), value in zip(jobs, read, strict=True):
        if kind is None:  # the contact files, last of the jobs
            readable, contacts, problems = value
            records.problems += problems
            if not readable:
                records.unreadable.append(rel)
            records.contacts += contacts
    records.named_rows = named_rows(records)
    resolve_contacts(records)  # rows naming a child, or a helper by name: ids from the records


def _load_folder(records: Records, folder: str, files: list[tuple[str, Loaded]]) -> None:
    table: dict[str, Any] = getattr(records, folder)
    for name, loaded in files:
        stem = os.path.splitext(name)[0]
        records.problems += loaded.problems
        obj, located = (loaded.obj, loaded.located) if loaded.salvaged is None else loaded.salvaged
        if obj is not None and "id" not in obj.model_fields_set:
            obj = None  # salvaged without a usable id: nothing to refer to it by
        if loaded.obj is None:
            records.unreadable.append(loaded.located.path)
            records.broken.add((folder, stem))
            if loaded.written_id:
                records.broken.add((folder, loaded.written_id))
        if obj is None:
            continue
        record_id: str = getattr(obj, "id")  # noqa: B009 - every record model has an id
        if record_id != stem:
            line, col = located.at(("id",))
            records.problems.append(error(located.path, line, col, "id-mismatch", id=record_id, stem=stem))
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
    if _leads_out(folder, root, problems):  # ``contacts -> /`` is refused, not walked
        return []
    if not folder.is_dir():
        if folder.exists():  # a file where the folder should be: say so, read nothing
            problems.append(error(_rel(root, folder), 1, 1, "unreadable", reason=Phrase("robust.not_a_folder")))
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in parts):
            continue
        suffix = path.suffix.lower()
        if path.is_dir():
            if suffix == ".csv":  # a folder where a month's contacts should be
                problems.append(error(_rel(root, path), 1, 1, "unreadable", reason=Phrase("robust.folder_not_file")))
            continue
        if suffix == ".csv":  # a pipe or device named .csv is read, and said to be no file
            found.append(path)
        elif suffix in SPREADSHEET_SUFFIXES:
            problems.append(warning(_rel(root, path), 1, 1, "contacts-not-csv"))
        elif suffix not in NOTE_SUFFIXES:
            problems.append(warning(_rel(root, path), 1, 1, "stray-file"))
    return found
