"""Ctrl-C while files are being written: answered between two whole files, never
inside one, and never while a failed change is being put back.

Why: Python raises ``KeyboardInterrupt`` wherever the main thread happens to be.
Inside ``atomic_write`` that only leaves a temp file, but inside the roll-back of
a half-applied change it would leave some files new and some old.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator


def _nothing() -> None:
    return None


@contextlib.contextmanager
def deferred() -> Iterator[Callable[[], None]]:
    """Within the block, SIGINT is noted instead of raised; the block calls the
    yielded function at safe points to raise it there. One noted and not yet raised
    when the block ends is raised then. Outside the main thread (where signals cannot
    be handled) nothing changes."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield _nothing  # no signals here, or Ctrl-C is ignored (a background job): nothing to defer
        return
    pending: list[int] = []

    def note(signum: int, _frame: object) -> None:
        pending.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, note)
    except (ValueError, OSError):  # not allowed here (an embedding host): leave Ctrl-C as it is
        yield _nothing
        return

    def check() -> None:
        if pending:
            pending.clear()
            raise KeyboardInterrupt

    try:
        yield check
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    check()
