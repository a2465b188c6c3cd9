"""The records' write lock: one writer at a time, from reading the records to the
last rename, so two commands at once never lose a change or hand out one id twice.

Why a lock and not only the "changed meanwhile" check: that check compares the
files a change touches, so two ``add child`` runs that both pick C043 and both
create ``children/C043.yaml`` can both pass it. Under the lock the second one
reads the records after the first has written them.

The lock is ``.liushou-cache/write.lock`` under the records root (the cache folder,
which is git-ignored). Three ways to hold it, tried in this order:

- ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on that file: the operating
  system drops the lock when the holder exits or is killed, so a crash never
  leaves the folder locked;
- where the file system refuses those (some network drives), the file
  ``.liushou-cache/write.owner`` made with ``O_EXCL``: it names its holder's
  computer and pid, and a holder on this computer that no longer runs is
  removed (one breaker at a time, under ``write.owner.break``).

The holder writes who it is (pid, computer, command, since when) into the lock
file, so a waiting command can say who it waits for. Reentrant within a process:
``ChangeSet.apply`` checks that the lock it was planned under is still held.

The core prints nothing: waiting is reported through ``on_wait``, giving up
through ``LockError`` (a catalogue key and its arguments).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from liushou_cli.errors import KeyedError
from liushou_cli.records.owner import host, pid_alive

FOLDER = ".liushou-cache"
LOCK_FILE = "write.lock"
OWNER_FILE = "write.owner"
WAIT_SECONDS = 60.0  # then give up: something is wrong, or a person left a prompt open
NOTICE_SECONDS = 3.0  # a wait this long is reported (who holds it, since when)
POLL_SECONDS = 0.05
BREAK_STALE_SECONDS = 10.0  # a breaker file this old belongs to a breaker that died
_MSVCRT_OFFSET = 1 << 30  # the byte msvcrt locks: far past the holder's note, which stays readable
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)  # no link followed; bytes as written (Windows)
KERNEL, FILE = "kernel", "file"


class LockError(KeyedError):
    """The lock could not be had: ``key`` names the message, ``args_`` fill it."""


class LockNotHeld(RuntimeError):
    """A change was written without the lock it was planned under: a programming error
    (every writing command takes the lock before it reads the records)."""


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as its note says; fields a broken note lacks are ``"?"``."""

    pid: int
    host: str
    command: str
    since: str
    token: str = ""

    def note(self) -> bytes:
        return json.dumps({"pid": self.pid, "host": self.host, "command": self.command, "since": self.since,
                           "token": self.token}, ensure_ascii=False).encode("utf-8")

    @classmethod
    def parse(cls, raw: bytes) -> Holder | None:
        try:
            data = json.loads(raw.decode("utf-8"))
            return cls(int(data["pid"]), str(data["host"]), str(data["command"]), str(data["since"]),
                       str(data.get("token", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def gone(self) -> bool:
        """Whether the holder certainly no longer runs (this computer, pid dead)."""
        return self.host == host() and not pid_alive(self.pid)

    def words(self) -> dict[str, str]:
        return {"pid": str(self.pid), "host": self.host, "command": self.command or "?", "since": self.since}


UNKNOWN = {"pid": "?", "host": "?", "command": "?", "since": "?"}


@dataclass
class _Held:
    kind: str
    fd: int | None
    path: Path
    token: str
    count: int = 1


_HELD: dict[str, _Held] = {}
# which ways of locking are tried; a test replaces it to exercise the fallback on POSIX
STRATEGIES: tuple[str, ...] = (KERNEL, FILE)


def _key(root: Path) -> str:
    return os.path.normcase(os.path.realpath(root))


def held(root: Path) -> str | None:
    """The token of the lock this process holds on ``root`` now, if it holds it."""
    found = _HELD.get(_key(root))
    return found.token if found else None


@contextlib.contextmanager
def records_lock(root: Path, *, command: str = "", wait: float | None = None,
                 on_wait: Callable[[dict[str, str]], None] | None = None) -> Iterator[str]:
    """Hold the write lock on ``root`` for the ``with`` block; yields its token.
    Waits at most ``wait`` seconds (``WAIT_SECONDS``), telling ``on_wait`` once
    after ``NOTICE_SECONDS`` who holds it; then raises ``LockError``."""
    key = _key(root)
    mine = _HELD.get(key)
    if mine is not None:
        mine.count += 1
        try:
            yield mine.token
        finally:
            mine.count -= 1
        return
    mine = _acquire(Path(root), command, WAIT_SECONDS if wait is None else wait, on_wait)
    _HELD[key] = mine
    try:
        yield mine.token
    finally:
        del _HELD[key]
        _release(mine)


def _folder(root: Path) -> Path:
    """The cache folder, made owner-only and git-ignored like the records cache."""
    from liushou_cli.records.cache import private_folder

    folder = root / FOLDER
    try:
        private_folder(folder)
    except OSError as exc:
        raise LockError("lock.err.unavailable", path=str(folder), reason=exc.strerror or type(exc).__name__) from None
    return folder


def _acquire(root: Path, command: str, wait: float,
             on_wait: Callable[[dict[str, str]], None] | None) -> _Held:
    folder = _folder(root)
    me = Holder(os.getpid(), host(), command, datetime.now().strftime("%Y-%m-%d %H:%M:%S"), secrets.token_hex(8))
    start = time.monotonic()
    told = False
    attempt = _Attempt(folder, me)
    try:
        while True:
            got = attempt.once()
            if got is not None:
                return got
            waited = time.monotonic() - start
            if waited >= wait:
                raise LockError("lock.err.busy", wait=f"{wait:g}", path=str(attempt.note_path()),
                                **attempt.holder_words())
            if not told and waited >= NOTICE_SECONDS and on_wait is not None:
                told = True
                on_wait({"wait": f"{wait:g}", **attempt.holder_words()})
            time.sleep(POLL_SECONDS)
    finally:
        attempt.close()


class _Attempt:
    """Trying, again and again, to take the lock in the first way the folder allows."""

    def __init__(self, folder: Path, me: Holder) -> None:
        self.folder, self.me = folder, me
        self.strategies = list(STRATEGIES)
        self.fd: int | None = None

    def note_path(self) -> Path:
        return self.folder / (LOCK_FILE if self.strategies[0] == KERNEL else OWNER_FILE)

    def holder_words(self) -> dict[str, str]:
        try:
            raw = self.note_path().read_bytes()
        except OSError:
            return dict(UNKNOWN)
        holder = Holder.parse(raw)
        return holder.words() if holder else dict(UNKNOWN)

    def once(self) -> _Held | None:
        while True:
            kind = self.strategies[0]
            try:
                return self._kernel() if kind == KERNEL else self._file()
            except OSError as exc:
                if kind == KERNEL and len(self.strategies) > 1 and exc.errno in _UNSUPPORTED:
                    self.close()
                    self.strategies.pop(0)  # this file system cannot lock files: the owner file
                    continue
                raise LockError("lock.err.unavailable", path=str(self.note_path()),
                                reason=exc.strerror or type(exc).__name__) from None

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None

    # the operating system's lock ---------------------------------------------------
    def _kernel(self) -> _Held | None:
        path = self.folder / LOCK_FILE
        if self.fd is None:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT | _FLAGS, 0o600)
        if not _try_lock(self.fd):
            return None
        fd, self.fd = self.fd, None
        try:
            _write_note(fd, self.me.note())
        except OSError:
            _unlock(fd)
            os.close(fd)
            raise
        return _Held(KERNEL, fd, path, self.me.token)

    # the owner file, where files cannot be locked ------------------------------------
    def _file(self) -> _Held | None:
        path = self.folder / OWNER_FILE
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600)
        except FileExistsError:
            _break_if_gone(self.folder, path)
            return None
        except PermissionError:
            if sys.platform == "win32":  # the file is being deleted by its holder this instant: try again
                return None
            raise
        try:
            _write_all(fd, self.me.note())
            os.fsync(fd)
        except OSError:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        os.close(fd)
        return _Held(FILE, None, path, self.me.token)


def _try_lock(fd: int) -> bool:
    """One non-blocking try at the OS lock; ``OSError`` when the file system has none."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (and by a stand-in in tests)
        return _msvcrt_lock(fd)
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _msvcrt_lock(fd: int) -> bool:
    import msvcrt

    os.lseek(fd, _MSVCRT_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except PermissionError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EDEADLK):  # held by another process
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, _MSVCRT_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_note(fd: int, note: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, note)
    os.ftruncate(fd, len(note))


def _break_if_gone(folder: Path, path: Path) -> None:
    """Remove the owner file of a holder that no longer runs. One breaker at a time
    (``write.owner.break``, itself taken with ``O_EXCL``), and the owner file is read
    again under it: a file a live process has just made is never removed."""
    if not _looks_gone(path):
        return
    breaker = folder / (OWNER_FILE + ".break")
    try:
        fd = os.open(breaker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with contextlib.suppress(OSError):
            if time.time() - breaker.stat().st_mtime > BREAK_STALE_SECONDS:
                breaker.unlink()
        return
    except OSError:
        return
    try:
        os.close(fd)
        if _looks_gone(path):
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        with contextlib.suppress(OSError):
            breaker.unlink()


def _looks_gone(path: Path) -> bool:
    try:
        raw = path.read_bytes()
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    holder = Holder.parse(raw)
    if holder is None:  # half written by a holder killed at once: gone once it has had time
        return age > BREAK_STALE_SECONDS
    return holder.gone()


def _release(mine: _Held) -> None:
    if mine.kind == KERNEL and mine.fd is not None:
        with contextlib.suppress(OSError):
            os.ftruncate(mine.fd, 0)  # no note: nobody holds it
        _unlock(mine.fd)
        with contextlib.suppress(OSError):
            os.close(mine.fd)
        return
    with contextlib.suppress(OSError):
        holder = Holder.parse(mine.path.read_bytes())
        if holder is not None and holder.token == mine.token:  # still ours: never remove another's
            mine.path.unlink()


def check_held(root: Path, token: str | None) -> None:
    """Raise ``LockNotHeld`` unless the lock with ``token`` is held on ``root`` now."""
    if token is None or held(root) != token:
        raise LockNotHeld(f"no write lock held on {root}: take records_lock before reading the records")
