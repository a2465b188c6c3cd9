"""Progress of long work, reported by the core, shown (or not) by the CLI.

The core calls a ``Progress`` -- ``report(task, done, total)`` -- and knows no
terminal; the CLI installs the default reporter, a progress bar on stderr when
that is a terminal and nothing otherwise (pip-audit's ``_state`` does the same).
``task`` names the work by catalogue key suffix (``load``, ``import``, ``report``).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]


def silent(task: str, done: int, total: int) -> None:
    """The reporter of a library call, a test, or a pipe: says nothing."""


_default: Progress = silent


def set_default(reporter: Progress | None) -> None:
    """The reporter used when a caller gives none (the CLI sets it per command)."""
    global _default
    _default = reporter or silent


def default() -> Progress:
    return _default


def steps(report: Progress | None, task: str, total: int) -> Callable[[], None]:
    """A counter for ``total`` steps of ``task``: call it once per step done."""
    reporter = report or _default
    done = 0
    reporter(task, 0, total)

    def step() -> None:
        nonlocal done
        done += 1
        reporter(task, done, total)

    return step
