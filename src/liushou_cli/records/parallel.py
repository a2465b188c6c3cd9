"""Reading a county's files on every core, the first time they are read.

A cold load is parsing and validating 25,000 small files, which is work for the
CPU alone: on two cores it takes little more than half as long in two worker
processes. Workers are forked (Linux only: elsewhere fork is unsafe or missing,
and spawning would import everything again), so they start at once with all
that is loaded. Small loads, most of a warm one, stay in one process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

FROM_FILES = 2_000  # fewer files to read than this: forking costs more than it saves
CHUNK = 400  # files per task: small enough for steady progress, large enough to cost little
MAX_WORKERS = 4


def workers_for(files: int) -> int:
    """How many processes should read ``files`` files; 0 for this one alone."""
    if files < FROM_FILES or not sys.platform.startswith("linux"):
        return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return min(cpus, MAX_WORKERS) if cpus > 1 else 0


def chunks(items: Sequence[T], size: int = CHUNK) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _quiet() -> None:
    """In a worker: stdout and stderr of its own, going nowhere. Workers have nothing to
    say; and the parent's streams may have been mid-write on another thread (a progress
    bar) when it forked, their locks then held for ever in this copy of them."""
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the worker


def run(func: Callable[[Any], T], tasks: Sequence[Any], workers: int) -> Iterator[T]:
    """``func(task)`` for each task in forked workers, results in the tasks' order.

    A worker that dies (killed, out of memory) raises here, from the first result
    it owed: the caller reads what is left itself.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet) as pool:
        futures = [pool.submit(func, task) for task in tasks]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()
