"""One name for every temporary file liushou writes, and one sweep for the ones a
killed process left behind.

Every file liushou writes (records, the cache, reports, tables, reminders, ``init``'s
files) is written to a temporary file beside it, then renamed into place. A process
killed between the two leaves the temporary file. Its name says whose it is:

    .liushou-<host>-<pid>-<random>.<target name>.tmp

``<host>`` is six hex digits standing for the computer (a hash, not its name), ``<pid>``
the writing process. The leading dot hides it from the loader, ``check`` and the
file dialogs of most programs. The sweep removes such a file when its writer is
gone: on this computer, when the process no longer runs (however fresh the file);
from another computer sharing the folder, when it is older than ``STALE_SECONDS``
(that computer's processes cannot be asked). A running liushou's temp file is never
touched. Names of older versions (``.<name>.<random>.tmp``, ``.liushou-<random>.docx``...)
carry no owner; they go by age only.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from liushou_cli.records.owner import host_tag, pid_alive

PREFIX = ".liushou-"
SUFFIX = ".tmp"
STALE_SECONDS = 3600  # a temp file from another computer this old is a crash's leftover
_NAME_CHARS = 40  # of the target's name kept in the temp name: recognisable, never too long

OURS = re.compile(r"^\.liushou-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[a-z0-9_]{8}(?:\..*)?\.tmp$", re.DOTALL)
LEGACY = re.compile(r"^(?:\..+\.[a-z0-9_]{8}\.tmp|\.liushou-[a-z0-9_]{8}\.(?:tmp|docx|xlsx|csv))$", re.DOTALL)

_swept: set[str] = set()  # folders already swept by this process


def mkstemp(folder: Path, name: str) -> tuple[int, str]:
    """A new temp file for ``folder/name``, owner-only (0o600), named as above."""
    return tempfile.mkstemp(dir=folder, prefix=f"{PREFIX}{host_tag()}-{os.getpid()}-",
                            suffix=f".{name[:_NAME_CHARS]}{SUFFIX}")


def is_temp(name: str) -> bool:
    """Whether ``name`` is a liushou temp file, of this version or an older one."""
    return bool(OURS.match(name) or LEGACY.match(name))


def abandoned(name: str, mtime: float, now: float | None = None) -> bool:
    """Whether the temp file ``name`` (modified at ``mtime``) belongs to no running writer."""
    found = OURS.match(name)
    if found and found["host"] == host_tag():
        return not pid_alive(int(found["pid"]))
    if found or LEGACY.match(name):
        return mtime < (time.time() if now is None else now) - STALE_SECONDS
    return False


def sweep(folder: Path) -> int:
    """Remove the abandoned temp files in ``folder`` (not below it); how many went.
    Anything else, and a link or folder of that name, is left alone."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not is_temp(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and abandoned(entry.name, info.st_mtime, now):
                os.unlink(entry.path)
                removed += 1
    return removed


def sweep_once(folder: Path) -> None:
    """``sweep`` the first time this process writes into ``folder``; later writes there
    cost nothing (one import writes thousands of files into ``children/``)."""
    key = os.path.normcase(os.path.abspath(folder))
    if key not in _swept:
        _swept.add(key)
        sweep(folder)
