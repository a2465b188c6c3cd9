"""The whole programme as the last load assembled it, reused while no file changed.

The records cache (``records.cache``) spares reading files, but a warm load of a
county still matched 25,000 entries to their files and assembled the records
again: a third of its time. The snapshot, ``.liushou-cache/snapshot-v<N>.pickle``,
is that result, kept beside the cache and used whole only when the *manifest*
of this run -- every file's path and stat key, what the listing of the folders
found, the cache's global key -- has the digest it was made with, so it is as
safe from stale data as the cache's entries are:

- it is made only from files whose stat key can be trusted (a plain file, not a
  link, none changed within ``cache.RACY_NS`` of the run), in folders inside the
  records;
- anything else (damage, another liushou, a planned change being checked) and
  the records are assembled from the cache as before, and the snapshot rewritten.

The file is a header pickle and then chunks, each a pickle of ``(part, items)``
(``chunks_of``), written and read in order: the pickler's memo stays small.

A write (``liushou log``, ``add``, ``assess``...) changes a file or two, and with them
the manifest: the next command would assemble the whole programme again. So the write
leaves a *delta* beside the snapshot, ``snapshot-v<N>-delta.pickle``: for each file
changed since the snapshot was made, its stat key then (None: it is new) and now, the
digest of its bytes, and what reading it gives. A later run uses snapshot and delta
together only when its manifest, with each of those files put back as it was, has the
snapshot's digest, and each file's bytes still have the delta's digest (read again
every time: the file was written just now, its stat key is not to be trusted alone);
the snapshot's records then get those files' readings in place of the old
(``records.patch``, the same code that checked the write).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from liushou_cli.model import Contact, Program
from liushou_cli.problems import Problem
from liushou_cli.records import cache
from liushou_cli.records.bounded import read_bounded
from liushou_cli.records.loaded import FOLDER_MODELS, Loaded, Records
from liushou_cli.records.patch import patched
from liushou_cli.records.paths import escapes
from liushou_cli.records.yamlio import Located, Reread

FILE = f"snapshot-v{cache.FORMAT}.pickle"
DELTA_FILE = f"snapshot-v{cache.FORMAT}-delta.pickle"
_MAGIC = b"liushou-records-snapshot"
_DELTA_MAGIC = b"liushou-records-snapshot-delta"
DELTA_MAX = 200  # files changed since the snapshot; beyond, the next run assembles and snapshots afresh

Chunk = tuple[str, Any]  # (part, its items)
CHUNK = 2_000  # records per chunk (contacts: five times as many)


class Manifest(NamedTuple):
    """The files of a run as the snapshot is keyed: ``digest`` of all of it, each file's
    stat key in load order, and ``files`` and ``found`` it was made from (for a delta)."""

    digest: bytes
    keys: list[cache.StatKey]
    files: list[tuple[str, cache.StatKey]]
    found: list[tuple[str, int, int, str]]


def manifest(root: Path, jobs: Sequence[tuple[str, str, Any]], infos: Sequence[os.stat_result | None],
             listing: Iterable[Problem]) -> Manifest | None:
    """The digest a snapshot of these files as they are now is kept under, and their
    stat keys. ``jobs``: (path, path from the root, model or None for contacts) in load
    order; ``infos``: their ``lstat``; ``listing``: what listing the folders found
    (stray files and folders). None when a snapshot cannot be trusted: a link, a
    device, a file gone, a folder leading out of the records (such files are looked
    at afresh every time)."""
    files: list[tuple[str, cache.StatKey]] = []
    for (_path, rel, _model), info in zip(jobs, infos, strict=True):
        if info is None or not stat.S_ISREG(info.st_mode):
            return None
        files.append((rel, cache.stat_key(info)))
    places = {root, *(root / folder for folder in FOLDER_MODELS)}
    places.update(Path(os.path.dirname(path)) for path, _rel, model in jobs if model is None)  # contacts/**
    if any(escapes(root, place) for place in places):
        return None
    found = [(p.path, p.line, p.col, p.code) for p in listing]
    return Manifest(_digest(files, found), [key for _, key in files], files, found)


def _digest(files: list[tuple[str, cache.StatKey]], found: list[tuple[str, int, int, str]]) -> bytes:
    h = hashlib.blake2b(digest_size=32)
    h.update(pickle.dumps((cache.global_key(), files, found), protocol=pickle.HIGHEST_PROTOCOL))
    return h.digest()


def chunks_of(records: Records) -> Iterator[Chunk]:
    """``records`` in parts, to be written as chunks."""
    yield "head", (records.program, records.problems, records.unreadable, records.salvaged, records.broken,
                   records.named_rows)
    for folder in FOLDER_MODELS:
        table = list(getattr(records, folder).items())
        for start in range(0, len(table), CHUNK):
            yield folder, table[start:start + CHUNK]
    for start in range(0, len(records.contacts), 5 * CHUNK):
        yield "contacts", records.contacts[start:start + 5 * CHUNK]
    where = [(key, located.path, located.id_positions()) if located.deferred else (key, located)
             for key, located in records.where.items()]  # the re-reader does not pickle: given again
    for start in range(0, len(where), CHUNK):
        yield "where", where[start:start + CHUNK]


def records_from(root: Path, digest: bytes, reread: Reread) -> Records | None:
    """The records the snapshot for ``digest`` holds, or None (none, stale or damaged);
    positions not kept are found again by ``reread``."""
    chunks = read(root, digest)
    if chunks is None:
        return None
    records = Records(root=root)
    try:
        for part, items in chunks:
            if part == "head":
                (records.program, records.problems, records.unreadable, records.salvaged, records.broken,
                 records.named_rows) = items
            elif part in FOLDER_MODELS:
                model = FOLDER_MODELS[part]
                if not all(type(obj) is model for _, obj in items):
                    return None
                getattr(records, part).update(items)
            elif part == "contacts":
                if not all(type(contact) is Contact for contact in items):
                    return None
                records.contacts += items
            elif part == "where":
                where = records.where
                for key, *located in items:
                    if len(located) == 1:
                        where[key] = located[0]
                    else:
                        path, id_at = located
                        where[key] = Located(path, None, None, id_at, reread)
            else:
                return None
    except Exception:  # damaged: assembled afresh (and the snapshot made again)
        return None
    if records.program is not None and type(records.program) is not Program:
        return None
    return records


def read(root: Path, digest: bytes) -> Iterator[Chunk] | None:
    """The snapshot's chunks if it was made for ``digest``; None if there is none, or it
    is damaged, foreign or stale."""
    opened = cache.open_trusted(root / cache.FOLDER / FILE)
    if opened is None:
        return None
    handle = opened[0]
    try:
        head = cache.RecordsUnpickler(handle).load()
    except Exception:
        head = None
    if not (isinstance(head, tuple) and len(head) == 2 and head[0] == _MAGIC and head[1] == digest):
        handle.close()
        return None
    return _chunks(handle)


def _chunks(handle: io.BufferedReader) -> Iterator[Chunk]:
    """Each chunk, unpickled only as the caller takes it. A damaged chunk raises:
    the caller then assembles the records afresh."""
    with handle:
        while handle.peek(1):
            chunk = cache.RecordsUnpickler(handle).load()
            if not (isinstance(chunk, tuple) and len(chunk) == 2 and isinstance(chunk[0], str)):
                raise pickle.UnpicklingError("not a snapshot chunk")
            yield chunk


def write(root: Path, digest: bytes, chunks: Iterable[Chunk]) -> None:
    """Keep ``chunks`` as the snapshot for ``digest``; silently not kept if it cannot be."""

    def put(handle: BinaryIO) -> None:
        cache.dump_into((_MAGIC, digest), handle)
        for chunk in chunks:
            cache.dump_into(chunk, handle)

    with contextlib.suppress(Exception):  # unwritable, or something that does not pickle: no snapshot
        cache.write_private(root / cache.FOLDER / FILE, put)
    drop_delta(root)  # it was made for the snapshot just replaced


# the delta: files changed since the snapshot ------------------------------------------


@dataclass(frozen=True)
class Change:
    """One file changed since the snapshot: its stat key then (None: new) and now, the
    digest of its bytes now, and what reading them gives (positions not kept)."""

    was: cache.StatKey | None
    key: cache.StatKey
    check: bytes
    value: Any


@dataclass
class Basis:
    """Where loaded records came from, for a write to extend the delta: the snapshot's
    digest, this run's files (path, stat key), and the delta used (empty: none)."""

    digest: bytes
    files: list[tuple[str, cache.StatKey]]
    delta: dict[str, Change] = field(default_factory=dict)


def basis(made: Manifest) -> Basis:
    """The basis of records taken from, or kept as, the snapshot of ``made``."""
    return Basis(made.digest, made.files)


def with_delta(root: Path, made: Manifest, reread: Reread) -> Records | None:
    """The snapshot's records with the delta's files in place, if together they are the
    records of ``made`` (see the module's notes); else None."""
    found = _read_delta(root)
    if found is None:
        return None
    base, changes = found
    now = dict(made.files)
    for rel, change in changes.items():
        if now.get(rel) != change.key or not _same_bytes(root, rel, change.check):
            return None
    # the files as the snapshot saw them: the new ones left out, the changed ones as they were
    then = [(rel, changes[rel].was if rel in changes else key) for rel, key in made.files]
    if _digest([(rel, key) for rel, key in then if key is not None], made.found) != base:
        return None
    records = records_from(root, base, reread)
    if records is None:
        return None
    values = {rel: _deferred(rel, change.value, reread) for rel, change in changes.items()}
    created = {rel for rel, change in changes.items() if change.was is None}
    out = patched(records, values, created, in_place=True)
    if out is None:
        return None
    out.basis = Basis(base, made.files, changes)
    return out


def _same_bytes(root: Path, rel: str, check: bytes) -> bool:
    path = root / rel
    try:
        return not escapes(root, path) and cache.digest(read_bounded(path)) == check
    except OSError:
        return False


def _deferred(rel: str, value: Any, reread: Reread) -> Any:
    """A record's positions found again from its file when needed, as ``load`` leaves them."""
    if isinstance(value, Loaded) and value.obj is not None and value.salvaged is None and not value.trimmed:
        value.located = Located.rereading(rel, reread, value.located.id_positions())
    return value


def light(rel: str, value: Any) -> Any:
    """A reading as the cache keeps it: a valid record without its positions but ``id``'s."""
    if isinstance(value, Loaded) and value.obj is not None and value.salvaged is None and not value.trimmed:
        return replace(value, located=Located(rel, id_at=value.located.id_positions()))
    return value


def after_write(root: Path, known: Basis | None, values: Mapping[str, Any], created: Collection[str]) -> None:
    """Extend the delta with files a write just put in place (``values``: what reading
    each gives), so the next run takes the snapshot still. ``known``: the basis of the
    records the write was checked against (None: there is no snapshot to extend).
    Silently not kept if it cannot be: the next run then assembles the records."""
    if known is None:
        return
    then = dict(known.files)
    changes = dict(known.delta)
    try:
        for rel, value in values.items():
            path = root / rel
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                raise OSError(rel)
            was = changes[rel].was if rel in changes else then.get(rel)
            if was is None and rel not in created and rel not in changes:
                raise OSError(rel)  # neither known nor new: the records were not of these files
            changes[rel] = Change(was, cache.stat_key(info), cache.digest(read_bounded(path)), light(rel, value))
    except OSError:
        drop_delta(root)
        return
    if len(changes) > DELTA_MAX:
        drop_delta(root)
        return

    def put(handle: BinaryIO) -> None:
        cache.dump_into((_DELTA_MAGIC, known.digest), handle)
        cache.dump_into([(rel, c.was, c.key, c.check, c.value) for rel, c in sorted(changes.items())], handle)

    try:
        cache.write_private(root / cache.FOLDER / DELTA_FILE, put)
    except Exception:  # unwritable, or something that does not pickle: no delta
        drop_delta(root)


def _read_delta(root: Path) -> tuple[bytes, dict[str, Change]] | None:
    opened = cache.open_trusted(root / cache.FOLDER / DELTA_FILE)
    if opened is None:
        return None
    with opened[0] as handle:
        try:
            head = cache.RecordsUnpickler(handle).load()
            if not (isinstance(head, tuple) and len(head) == 2 and head[0] == _DELTA_MAGIC
                    and isinstance(head[1], bytes)):
                return None
            rows = cache.RecordsUnpickler(handle).load()
            changes = {rel: Change(was, key, check, value) for rel, was, key, check, value in rows}
        except Exception:  # damaged or foreign: not used
            return None
    if not all(isinstance(rel, str) and isinstance(change.check, bytes)
               and isinstance(change.value, Loaded | tuple) for rel, change in changes.items()):
        return None
    return head[1], changes


def drop_delta(root: Path, *names: str) -> None:
    """Remove the delta (and ``names`` beside it), only in a cache folder that is ours."""
    folder = root / cache.FOLDER
    if cache.folder_trusted(folder):
        for name in (*names, DELTA_FILE):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def discard(root: Path) -> None:
    """Remove a snapshot that this run could not make again (a link among the records,
    a file just changed), and its delta: they may hold records deleted since, which must
    not outlive their files. Only in a cache folder that is ours: never through a link."""
    drop_delta(root, FILE)
