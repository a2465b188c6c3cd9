"""The progress bar: on stderr, only on a terminal, only for work that takes a while.

The core reports ``(task, done, total)`` through ``liushou_cli.progress``; this is
the one place that knows about rich's bar. Nothing shows for the first
``DELAY`` seconds, so quick commands (a warm ``due``) never flash a bar, and
nothing at all when stderr is piped or captured.

A step can be long (rendering a county's DOCX is one step of seven seconds), so
the bar must not wait for the next report to appear: a timer shows it ``DELAY``
seconds after the task began if the task is still running, and rich's own
refresh keeps its spinner and clock moving between steps.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from liushou_cli.cli.env import _isatty
from liushou_cli.i18n import has, t

DELAY = 0.5  # seconds of work before a bar is worth showing


class TerminalProgress:
    """A ``Progress`` callable drawing one transient rich bar per task on stderr."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.started: dict[str, float] = {}
        self.bar: Any = None
        self.task_id: Any = None
        self.task: str | None = None
        self.latest: tuple[str, int, int] | None = None  # the last report, shown or not
        self.timer: threading.Timer | None = None
        self.lock = threading.RLock()  # the timer thread and the work share the bar

    def __call__(self, task: str, done: int, total: int) -> None:
        now = time.monotonic()
        with self.lock:
            if done == 0 or task not in self.started:
                self.started[task] = now
                self._arm(task)
            if done >= total:
                self._cancel()
                self._stop()
                self.started.pop(task, None)
                self.latest = None
                return
            self.latest = (task, done, total)
            if self.bar is None and now - self.started[task] < DELAY:
                return
            if self.bar is not None and self.task == task:
                self.bar.update(self.task_id, completed=done, total=total)
                return
            self._stop()  # a bar for another task is on screen: switch without waiting
            self._start(task, done, total)

    def _arm(self, task: str) -> None:
        """Show ``task``'s bar after ``DELAY`` if it is still running by then."""
        self._cancel()
        self.timer = threading.Timer(DELAY, self._late, args=(task,))
        self.timer.daemon = True  # never keeps a finished command alive
        self.timer.start()

    def _late(self, task: str) -> None:
        with self.lock:
            if self.bar is not None or self.latest is None or self.latest[0] != task:
                return
            _, done, total = self.latest
            self._start(task, done, total)

    def _cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _start(self, task: str, done: int, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        key = f"progress.{task}"
        label = t(key) if has(key) else t("progress.work")
        console = Console(file=self.stream, stderr=True)
        # no stdout/stderr redirection: the bar may start on the timer's thread, and
        # swapping sys.stdout under the running command is not this class's business
        bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                       MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                       transient=True, redirect_stdout=False, redirect_stderr=False)
        self.task_id = bar.add_task(label, total=total, completed=done)
        self.task = task
        bar.start()
        self.bar = bar

    def _stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
        self.bar = None
        self.task = None

    def close(self) -> None:
        with self.lock:
            self._cancel()
            self._stop()
            self.latest = None


def for_stderr(stream: Any) -> TerminalProgress | None:
    """A bar reporter when ``stream`` is a terminal, else None (say nothing)."""
    return TerminalProgress(stream) if _isatty(stream) else None
