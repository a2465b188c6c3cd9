"""Who a process is (pid, host) and whether it still runs: what tells a lock or a
temporary file left by a killed liushou from one a running liushou holds.

Why a module of its own: the write lock and the temp-file sweep ask the same
question, and the answer differs by platform. ``os.kill(pid, 0)`` on Windows does
not test a process, it *ends* it, so Windows asks the kernel through
``OpenProcess``/``GetExitCodeProcess`` instead.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys


def host() -> str:
    """This machine's name, as a lock file records it (never written outside the
    git-ignored cache folder)."""
    try:
        return socket.gethostname() or "?"
    except OSError:
        return "?"


def host_tag() -> str:
    """Six hex digits standing for this machine in temp-file names: enough to tell
    two computers sharing a folder apart, without naming either."""
    return hashlib.sha256(host().encode("utf-8", "surrogateescape")).hexdigest()[:6]


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine. Unknowable answers (no permission
    to ask) count as alive: a live process's lock or file is never taken from it."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, it is someone else's
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A child that died but was not yet reaped still answers ``kill(pid, 0)``; Linux
    shows it as state Z. Elsewhere there is no cheap way to tell: alive."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return False
    state = stat.rsplit(b")", 1)[-1].split()
    return bool(state) and state[0] == b"Z"


def _windows_alive(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes
    from ctypes import wintypes

    query_limited, still_active = 0x1000, 259
    kernel = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel.OpenProcess.restype = wintypes.HANDLE
    handle = kernel.OpenProcess(query_limited, False, pid)
    if not handle:
        access_denied = 5
        return bool(ctypes.get_last_error() == access_denied)  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel.CloseHandle(handle)
