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
(see ``load``), written and read in order: the pickler's memo stays small.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from liushou_cli.records import cache

FILE = f"snapshot-v{cache.FORMAT}.pickle"
_MAGIC = b"liushou-records-snapshot"

Chunk = tuple[str, Any]  # (part, its items)


def manifest_digest(files: Iterable[tuple[str, cache.StatKey]], listing: Iterable[tuple[Any, ...]]) -> bytes:
    """What a snapshot is valid for: each file (path, stat key) in load order, and
    what listing the folders said (stray files and folders), under this liushou."""
    h = hashlib.blake2b(digest_size=32)
    h.update(pickle.dumps((cache.global_key(), list(files), list(listing)), protocol=pickle.HIGHEST_PROTOCOL))
    return h.digest()


def read(root: Path, digest: bytes, lang: str) -> Iterator[Chunk] | None:
    """The snapshot's chunks if it was made for ``digest`` (and ``lang``, if it has
    worded problems); None if there is none, or it is damaged, foreign or stale."""
    path = root / cache.FOLDER / FILE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    handle = os.fdopen(fd, "rb")
    try:
        if not cache.trusted(os.fstat(handle.fileno())):
            handle.close()
            return None
        head = cache.RecordsUnpickler(handle).load()
        if not (isinstance(head, tuple) and len(head) == 3 and head[0] == _MAGIC and head[1] == digest
                and head[2] in (None, lang)):
            handle.close()
            return None
    except Exception:
        handle.close()
        return None
    return _chunks(handle)


def _chunks(handle: BinaryIO) -> Iterator[Chunk]:
    """Each chunk, unpickled only as the caller takes it. A damaged chunk raises:
    the caller then assembles the records afresh."""
    with handle:
        while handle.peek(1):  # type: ignore[attr-defined]
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

