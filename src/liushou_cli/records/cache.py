"""A cache of read and validated record files, so a county's records load in a blink.

One file, ``.liushou-cache/records-v<N>.pickle`` under the records root (git-ignored
by ``liushou init``, owner-only), holds for each record file what reading it gave:
the model, where its parts stand, its problems. An entry is used only while the
file is unchanged, so the cache can never serve stale data:

- each entry is keyed by the file's relative path, size, mtime, ctime and inode
  (an edit, a ``touch``, a rename or ``cp -p`` over it all change the key);
- a file changed within a few seconds of being read could keep its key (the
  clock's tick is coarse, FAT's is 2 s), so such an entry also keeps a digest of
  the bytes, checked before use -- git's "racily clean" rule;
- the whole file belongs to one liushou: its version, the digest of the source
  that reads and validates records (models, parsers, messages), and the Python,
  pydantic and YAML libraries. Anything else, and the cache starts empty.

The file is a header pickle with that key, then chunks of entries, unpickled
only when the header matches; what changed since is appended as more chunks (a
later row for a file wins), and the file is written whole again once it holds
twice the rows in use, or a row of a file that is gone (a deleted child's data
does not outlive the file). A damaged, foreign or unreadable cache is ignored and
rewritten; one that cannot be written (a read-only USB stick) is simply not
kept. Unpickling is restricted to the few classes records are made of; a cache
file that is not a regular file, not owned by the user or open to others (a
copy left 0644), or in a ``.liushou-cache`` that is a link or not private, is
never read nor appended to (opened without blocking: a FIFO is no hang), and is
replaced when the cache is next written. (Windows: kinds only; see
``outputs.private_info_ok``.)

The core reads no environment: ``DEFAULTS.enabled`` is set by the CLI from
``--no-cache`` and ``LIUSHOU_NO_CACHE``.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any, BinaryIO

from liushou_cli.records.outputs import private_info_ok

FORMAT = 3
FOLDER = ".liushou-cache"
FILE = f"records-v{FORMAT}.pickle"
RACY_NS = 3_000_000_000  # a file touched this close to a read may change unseen
_MAGIC = b"liushou-records-cache"

StatKey = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


@dataclass
class Settings:
    """How ``load`` uses the cache when its caller does not say."""

    enabled: bool = True


DEFAULTS = Settings()


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def racy(key: StatKey, started_ns: int) -> bool:
    """Whether a file with this key changed too close to ``started_ns`` to trust its key."""
    return max(key[1], key[2]) >= started_ns - RACY_NS


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


PACKAGE = Path(__file__).resolve().parent.parent
# The modules whose code can decide what loading a file gives: every module at the top
# of the package (the models, the vocabularies, dates, problems...), all of records/,
# and the message catalogues (a value written as a label, 家访, is read by looking the
# labels up). Found by these patterns, not listed, so a new module is keyed as soon as
# it exists; the commands, the duty engine and the reports are not, and editing them
# keeps the cache.
KEYED = ("*.py", "records/*.py", "messages/*.py")


def source_files(package: Path | None = None) -> list[Path]:
    """The keyed modules of ``package`` (default: this liushou's, ``PACKAGE``)."""
    package = PACKAGE if package is None else package
    return sorted(path for pattern in KEYED for path in package.glob(pattern))


def source_digest(package: Path | None = None) -> str:
    """Digest of the modules that read, validate and word problems: a change to any of
    them (a new release, or an edited checkout) makes older entries meaningless."""
    package = PACKAGE if package is None else package
    h = hashlib.blake2b(digest_size=16)
    for path in source_files(package):
        h.update(path.relative_to(package).as_posix().encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _library_stamp(module: str) -> str:
    """Where a library is and when it was installed, without importing it."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return module + ":-"
    origin = spec.origin if spec is not None else None
    if not origin:
        return module + ":-"
    try:
        info = os.stat(origin)
    except OSError:
        return module + ":-"
    return f"{module}:{origin}:{info.st_size}:{info.st_mtime_ns}"


@functools.cache
def global_key() -> tuple[Any, ...]:
    """What every entry depends on besides its own file (worked out once a process)."""
    import pydantic

    from liushou_cli import __version__

    return (
        FORMAT,
        __version__,
        sys.version,
        pydantic.VERSION,
        source_digest(),
        _library_stamp("yaml"),
        _library_stamp("_yaml"),
        _library_stamp("ruamel.yaml"),
    )


# -- pickling: record models and contacts through ``records.modelstate``'s reducers --


def dumps(value: Any) -> bytes:
    """``value`` pickled as the cache pickles it (a worker's results to its parent)."""
    buffer = io.BytesIO()
    dump_into(value, buffer)
    return buffer.getvalue()


def loads(blob: bytes) -> Any:
    """``dumps`` undone, allowing only what records are made of."""
    return RecordsUnpickler(io.BytesIO(blob)).load()


def dump_into(value: Any, handle: BinaryIO) -> None:
    from liushou_cli.records import modelstate

    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = modelstate.dispatch_table()  # type: ignore[assignment]
    pickler.dump(value)


# what a cache file may hold: the record models, problems, positions, dates
_ALLOWED = {
    "liushou_cli.problems": {"Problem", "Severity"},
    "liushou_cli.phrases": {"Phrase", "Joined", "Choices"},
    "liushou_cli.records.yamlio": {"Located"},
    "liushou_cli.records.loaded": {"Loaded"},
    "liushou_cli.records.modelstate": {"rebuild"},
    "datetime": {"date"},
    "copyreg": {"_reconstructor"},
    "builtins": {"object", "set", "frozenset"},
}


class RecordsUnpickler(pickle.Unpickler):
    """Only the classes records are made of: a crafted cache runs no code."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        if module == "liushou_cli.model":
            from liushou_cli import model
            from liushou_cli.records.modelstate import record_classes

            found = getattr(model, name, None)
            if found in record_classes() or found is model.Contact:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a records cache")


@dataclass(slots=True)
class _Entry:
    key: StatKey
    check: bytes  # digest of the bytes read
    racy: bool  # read soon after it changed: the digest is checked before use
    value: Any  # what reading the file gave


EntryRow = tuple[str, "StatKey | None", "bytes | None", bool, Any]  # rel, key, check, racy, value
SAVE_CHUNK = 2_000  # entries per pickle when saving: each pickle's memo is freed before the next


class Cache:
    """The entries of one records root, read once and written back once if changed.

    The file is a header and then chunks, each one pickle of a list of entries: a
    load uses every file, so there is nothing to gain from unpickling entries one
    by one, while chunks keep the pickler's memo small, and let the chunks that
    workers made for the files they read be written as they came
    (``records.parallel``).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / FOLDER / FILE
        self.started_ns = time.time_ns()
        self.old: dict[str, _Entry] = {}
        self.new: dict[str, _Entry] = {}
        self.changed = False
        self.made: list[tuple[bytes, list[tuple[str, _Entry]]]] = []  # pickled chunks from workers
        self.rows = 0  # entry rows in the file as read, superseded ones included
        self.read_as: tuple[int, int, int] | None = None  # (device, inode, size) of the file read whole

    @classmethod
    def open(cls, root: Path) -> Cache:
        """The cache as last written, or an empty one if it is missing, damaged or foreign."""
        cache = cls(root)
        cache.old = cache._read()
        return cache

    def _read(self) -> dict[str, _Entry]:
        opened = open_trusted(self.path)
        if opened is None:
            return {}
        handle, info = opened
        entries: dict[str, _Entry] = {}
        rows = 0
        try:
            with handle:
                # streamed, not read whole first: no second copy of the bytes in memory
                if RecordsUnpickler(handle).load() != (_MAGIC, global_key()):
                    return {}  # another liushou's cache (or not one at all): not unpickled further
                while handle.peek(1):
                    for rel, key, check, racy, value in RecordsUnpickler(handle).load():
                        rows += 1
                        if key is not None and check is not None:  # a worker's chunk names unreadable files too
                            entries[rel] = _Entry(key, check, racy, value)  # a later row wins
        except Exception:  # a damaged cache is no error: it is rebuilt
            return {}
        self.rows, self.read_as = rows, (info.st_dev, info.st_ino, info.st_size)
        return entries

    def get(self, rel: str, key: StatKey, path: Path | str) -> Any | None:
        """The stored value for this file as it is now, or None."""
        entry = self.old.get(rel)
        if entry is None or entry.key != key:
            return None
        if entry.racy:
            from liushou_cli.records.bounded import read_bounded

            try:
                if digest(read_bounded(path)) != entry.check:  # bounded: a file grown huge is no hang
                    return None
            except OSError:
                return None
            if not self._racy(key):
                entry = _Entry(key, entry.check, False, entry.value)
                self.changed = True
        self.new[rel] = entry
        return entry.value

    def put(self, rel: str, key: StatKey, check: bytes, value: Any) -> None:
        """Remember what reading the file gave; ``check`` is the digest of the bytes read."""
        self.new[rel] = _Entry(key, check, self._racy(key), value)
        self.changed = True

    def put_chunk(self, blob: bytes, rows: list[EntryRow]) -> None:
        """Remember a worker's entries: ``rows`` is ``blob`` unpickled, written back as it is."""
        kept = []
        for rel, key, check, racy, value in rows:
            if key is not None and check is not None:
                entry = self.new[rel] = _Entry(key, check, racy, value)
                kept.append((rel, entry))
        self.made.append((blob, kept))
        self.changed = True

    def _racy(self, key: StatKey) -> bool:
        return racy(key, self.started_ns)

    def save(self) -> None:
        """Write what changed in this run, if anything did.

        The entries that changed are appended to the file as read, as new chunks (a
        later row wins): after a week's edits that is a few rows, not a county's
        20 MB again. The file is written whole, keeping only the entries seen in this
        run, when it was not read whole, is no longer the file read (another run
        rewrote it), would hold more than twice the rows in use (files changed many
        times), or holds a row of a file that is gone: what is kept is only what exists."""
        old, new = self.old, self.new
        if folder_trusted(self.path.parent):
            repair_ignore(self.path.parent)  # one lstat: a missing, empty or linked .gitignore
        fresh = [(blob, kept) for blob, kept in self.made if all(new.get(rel) is entry for rel, entry in kept)]
        covered = {rel for _, kept in fresh for rel, _ in kept}
        changed = [rel for rel, entry in new.items() if rel not in covered and old.get(rel) is not entry]
        # a file removed, renamed or unreadable since: its row (a deleted child's name and
        # phone) must not outlive it, so the file is written whole, without it
        gone = not old.keys() <= new.keys()
        if not fresh and not changed and not gone:
            return  # nothing new, nothing gone
        delta = len(changed) + len(covered)
        if not gone and self.read_as is not None and self.rows + delta <= 2 * len(new) + SAVE_CHUNK:
            rows = [_row(rel, new[rel]) for rel in changed]
            data = b"".join([blob for blob, _ in fresh]
                            + [dumps(rows[start:start + SAVE_CHUNK]) for start in range(0, len(rows), SAVE_CHUNK)])
            if self._append(data):
                return
        blobs = [blob for blob, _ in fresh]
        rest = [_row(rel, entry) for rel, entry in new.items() if rel not in covered]

        def write(handle: BinaryIO) -> None:  # straight to the file: no copy of it in memory
            dump_into((_MAGIC, global_key()), handle)
            for blob in blobs:
                handle.write(blob)
            for start in range(0, len(rest), SAVE_CHUNK):
                dump_into(rest[start:start + SAVE_CHUNK], handle)

        with contextlib.suppress(Exception):  # unwritable, or something that does not pickle: no cache
            write_private(self.path, write)

    def _append(self, data: bytes) -> bool:
        """``data`` added at the end of the file read, if it is still that file; on any
        failure the file is cut back to what it was (and False returned)."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            return False
        try:
            info = os.fstat(fd)
            if not trusted(info) or (info.st_dev, info.st_ino, info.st_size) != self.read_as:
                return False
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, info.st_size)
                return False
            return True
        finally:
            os.close(fd)


def _row(rel: str, entry: _Entry) -> EntryRow:
    return (rel, entry.key, entry.check, entry.racy, entry.value)


def open_trusted(path: Path) -> tuple[io.BufferedReader, os.stat_result] | None:
    """``path`` opened for reading, not through a link and without blocking (a FIFO put
    in its place would hang every command), with its stat, if it and its folder are
    ``trusted``."""
    if not folder_trusted(path.parent):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    if not trusted(info):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb"), info


def trusted(info: os.stat_result) -> bool:
    """A regular file of ours that no one else can read or write (a copied cache left
    0644 holds children's names for anyone on the machine: it is replaced, not used)."""
    return private_info_ok(info, folder=False)


def folder_trusted(folder: Path) -> bool:
    """``.liushou-cache`` itself: a real folder of ours, not a link out of the records."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return private_info_ok(info, folder=True)


def _private_folder(folder: Path) -> bool:
    """Make ``folder`` a real owner-only folder of ours if it can be: a link in its place
    (a cloned repository's) is removed, never followed; an own folder left open to
    others is closed. False when it is someone else's or not a folder: no cache then."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        info = None
    except OSError:
        return False
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            os.unlink(folder)  # the link only; whatever it points at is untouched
        except OSError:
            return False
        info = None
    if info is None:
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass  # another liushou made it this instant (two writers at once): check what it made
        except OSError:
            return False
        return folder_trusted(folder)
    if not stat.S_ISDIR(info.st_mode):
        return False
    if os.name == "posix" and info.st_uid == os.getuid() and info.st_mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    return folder_trusted(folder)


IGNORE_TEXT = "# liushou 的台账缓存：可随时删除，不要提交 (records cache: never commit)\n*\n".encode()


def repair_ignore(folder: Path) -> None:
    """``.gitignore`` in the cache folder, so a records repo not made by ``liushou init``
    never commits the cache either: written when missing or empty, and when it is a
    link (a dangling one would have created the file it points at) or not a file."""
    ignore = folder / ".gitignore"
    try:
        info = os.lstat(ignore)
    except FileNotFoundError:
        info = None
    except OSError:
        return
    if info is not None:
        if stat.S_ISREG(info.st_mode) and info.st_size > 0:
            return
        if stat.S_ISDIR(info.st_mode):
            return  # not ours to remove; the folder's own files stay unlisted by git anyway
        with contextlib.suppress(OSError):
            os.unlink(ignore)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(ignore, flags, 0o600)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.write(fd, IGNORE_TEXT)
    os.close(fd)


def private_folder(folder: Path) -> None:
    """The cache folder, also the write lock's: made a real owner-only folder of ours
    (``_private_folder``) and git-ignored; ``PermissionError`` when it cannot be."""
    if not _private_folder(folder):
        raise PermissionError(errno.EACCES, f"{FOLDER} is not a private folder of this user", str(folder))
    repair_ignore(folder)


def write_private(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Owner-only folder and file, written whole or not at all (``atomic_stream``, not
    fsynced: a cache that cannot be read is rebuilt); nothing is written when the
    folder cannot be made ours (raises ``PermissionError``)."""
    from liushou_cli.records.atomic import atomic_stream

    private_folder(path.parent)
    with atomic_stream(path, private=True, durable=False) as handle:  # sweeps what a killed save left
        write(handle)
