"""The progress bar: on stderr, only on a terminal, only for work that takes a while.

The core reports ``(task, done, total)`` through ``liushou_cli.progress``; this is
the one place that knows about rich's bar. Nothing shows for the first
``DELAY`` seconds, so quick commands (a warm ``due``) never flash a bar, and
nothing at all when stderr is piped or captured.
"""

from __future__ import annotations

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

    def __call__(self, task: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == 0 or task not in self.started:
            self.started[task] = now
        if done >= total:
            self._stop()
            self.started.pop(task, None)
            return
        if self.bar is None:
            if now - self.started[task] < DELAY:
                return
            self._start(task, total)
        if self.task != task:
            self._stop()
            self._start(task, total)
        self.bar.update(self.task_id, completed=done, total=total)

    def _start(self, task: str, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        key = f"progress.{task}"
        label = t(key) if has(key) else t("progress.work")
        console = Console(file=self.stream, stderr=True)
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=console, transient=True)
        self.bar.start()
        self.task_id = self.bar.add_task(label, total=total)
        self.task = task

    def _stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
        self.bar = None
        self.task = None

    def close(self) -> None:
        self._stop()


def for_stderr(stream: Any) -> TerminalProgress | None:
    """A bar reporter when ``stream`` is a terminal, else None (say nothing)."""
    return TerminalProgress(stream) if _isatty(stream) else None
