"""The one way liushou puts a file in place: written whole beside it, then renamed.

Records (``records.write``), the cache and its snapshot (``records.cache``),
``init``'s files and every generated output (``present.files``) are all written
through ``atomic_stream``: a temp file in the same folder named as ``tempfiles``
says, fsync, ``os.replace``, then the folder synced. The file is either the old
bytes or the new ones, never half of each; a crash leaves at most a hidden temp
file, which the loader skips and the next process writing into that folder
removes. Each step is a function of its own so a test can make any of them fail
(a crash between two steps) and see that the target is whole, old or new.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from liushou_cli.records import tempfiles

__all__ = ["PRIVATE_DIR", "PRIVATE_FILE", "STEPS", "atomic_stream", "atomic_write", "create_new", "private_dirs"]

PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def _mkstemp(folder: Path, name: str) -> tuple[int, str]:
    return tempfiles.mkstemp(folder, name)


def _write(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _close(handle: BinaryIO) -> None:
    handle.close()


def _chmod(tmp: str, mode: int) -> None:
    os.chmod(tmp, mode)


def _replace(tmp: str, path: Path) -> None:
    os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


STEPS = ("_mkstemp", "_write", "_fsync", "_close", "_chmod", "_replace", "_fsync_dir")


def private_dirs(folder: Path) -> None:
    """Create ``folder`` and its missing parents readable by the owner only (0o700);
    folders that exist keep their mode."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing.append(path)
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR)


def _umask_mode(mode: int = 0o666) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def _target_mode(path: Path, private: bool) -> int:
    """Make the folder; the mode the file gets: 0o600 when ``private``, else what it
    has (or what the umask gives a new file)."""
    if private:
        private_dirs(path.parent)
        return PRIVATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return path.stat().st_mode & 0o7777
    return _umask_mode()


@contextlib.contextmanager
def atomic_stream(path: Path, *, private: bool = False, durable: bool = True) -> Iterator[BinaryIO]:
    """The ``with`` block writes into a temp file beside ``path``; it is renamed into
    place only when the block ends without an error, else removed. An existing file
    keeps its mode; ``private`` (generated outputs, the cache) makes it 0o600 and any
    folder created 0o700. ``durable=False`` skips the two fsyncs, for a cache that is
    rebuilt whenever it cannot be read. Sweeps the folder's abandoned temp files
    first (the first write there: a report killed mid-save)."""
    mode = _target_mode(path, private)
    tempfiles.sweep_once(path.parent)
    fd, tmp = _mkstemp(path.parent, path.name)
    handle = os.fdopen(fd, "wb")
    try:
        yield handle
        handle.flush()
        if durable:
            _fsync(handle.fileno())
        _close(handle)
        _chmod(tmp, mode)
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes, *, private: bool = False) -> None:
    """``data`` as the whole of ``path``, through ``atomic_stream``."""
    with atomic_stream(path, private=private) as handle:
        _write(handle, data)


def create_new(path: Path, data: bytes, mode: int | None = None) -> bool:
    """``atomic_write`` that never replaces: the temp file is hard-linked to ``path``,
    which fails if ``path`` appeared meanwhile (``False``, nothing written). Where hard
    links are not supported (FAT, some network drives), renamed after a check."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _mkstemp(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write(handle, data)
            handle.flush()
            _fsync(handle.fileno())
        _chmod(tmp, _umask_mode(0o666 if mode is None else mode))
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            if path.exists():
                return False
            _replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    _fsync_dir(path.parent)
    return True
