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
- records that carry problems (worded) are used only in the language they were
  worded in;
- anything else (damage, another liushou, a planned change being checked) and
  the records are assembled from the cache as before, and the snapshot rewritten.

The file is a header pickle and then chunks, each a pickle of ``(part, items)``
(``chunks_of``), written and read in order: the pickler's memo stays small.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from liushou_cli.model import Contact, Program
from liushou_cli.problems import Problem
from liushou_cli.records import cache
from liushou_cli.records.loaded import FOLDERS, Records
from liushou_cli.records.paths import escapes
from liushou_cli.records.yamlio import Located, Reread

FILE = f"snapshot-v{cache.FORMAT}.pickle"
_MAGIC = b"liushou-records-snapshot"

Chunk = tuple[str, Any]  # (part, its items)
CHUNK = 2_000  # records per chunk (contacts: five times as many)


def manifest(root: Path, jobs: Sequence[tuple[str, str, Any]], infos: Sequence[os.stat_result | None],
             listing: Iterable[Problem]) -> tuple[bytes, list[cache.StatKey]] | None:
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
    places = {root, *(root / folder for folder in FOLDERS)}
    places.update(Path(os.path.dirname(path)) for path, _rel, model in jobs if model is None)  # contacts/**
    if any(escapes(root, place) for place in places):
        return None
    found = [(p.path, p.line, p.col, p.code) for p in listing]
    h = hashlib.blake2b(digest_size=32)
    h.update(pickle.dumps((cache.global_key(), files, found), protocol=pickle.HIGHEST_PROTOCOL))
    return h.digest(), [key for _, key in files]


def chunks_of(records: Records) -> Iterator[Chunk]:
    """``records`` in parts, to be written as chunks."""
    yield "head", (records.program, records.problems, records.unreadable, records.salvaged, records.broken)
    for folder in FOLDERS:
        table = list(getattr(records, folder).items())
        for start in range(0, len(table), CHUNK):
            yield folder, table[start:start + CHUNK]
    for start in range(0, len(records.contacts), 5 * CHUNK):
        yield "contacts", records.contacts[start:start + 5 * CHUNK]
    where = [(key, located.path, located.id_positions()) if located.deferred else (key, located)
             for key, located in records.where.items()]  # the re-reader does not pickle: given again
    for start in range(0, len(where), CHUNK):
        yield "where", where[start:start + CHUNK]


def records_from(root: Path, digest: bytes, lang: str, reread: Reread) -> Records | None:
    """The records the snapshot for ``digest`` holds, or None (none, stale or damaged);
    positions not kept are found again by ``reread``."""
    chunks = read(root, digest, lang)
    if chunks is None:
        return None
    records = Records(root=root)
    try:
        for part, items in chunks:
            if part == "head":
                records.program, records.problems, records.unreadable, records.salvaged, records.broken = items
            elif part in FOLDERS:
                model = FOLDERS[part]
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


def read(root: Path, digest: bytes, lang: str) -> Iterator[Chunk] | None:
    """The snapshot's chunks if it was made for ``digest`` (and ``lang``, if it has
    worded problems); None if there is none, or it is damaged, foreign or stale."""
    opened = cache.open_trusted(root / cache.FOLDER / FILE)
    if opened is None:
        return None
    handle = opened[0]
    try:
        head = cache.RecordsUnpickler(handle).load()
    except Exception:
        head = None
    if not (isinstance(head, tuple) and len(head) == 3 and head[0] == _MAGIC and head[1] == digest
            and head[2] in (None, lang)):
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


def write(root: Path, digest: bytes, lang: str | None, chunks: Iterable[Chunk]) -> None:
    """Keep ``chunks`` as the snapshot for ``digest``; ``lang``: the language its
    problems are worded in, None if it has none. Silently not kept if it cannot be."""

    def put(handle: BinaryIO) -> None:
        cache.dump_into((_MAGIC, digest, lang), handle)
        for chunk in chunks:
            cache.dump_into(chunk, handle)

    with contextlib.suppress(Exception):  # unwritable, or something that does not pickle: no snapshot
        cache.write_private(root / cache.FOLDER / FILE, put)


def discard(root: Path) -> None:
    """Remove a snapshot that this run could not make again (a link among the records,
    a file just changed): it may hold records deleted since, which must not outlive
    their files. Only in a cache folder that is ours: never through a link."""
    folder = root / cache.FOLDER
    if cache.folder_trusted(folder):
        with contextlib.suppress(OSError):
            os.unlink(folder / FILE)
