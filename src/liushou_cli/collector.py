"""Pausing Python's cyclic garbage collector around work that makes many objects and no cycles.

Reading a county's records makes half a million objects and the duty engine
sixty thousand more; none of them form cycles, yet each ten-thousandth new
object set the collector walking everything young (and now and then everything)
again. Reference counting still frees what these make and drop.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class Pause:
    """``freeze``: when the pause ends, keep what was made out of every later collection
    (``gc.freeze``): for data that lives as long as the command. Otherwise the first
    collection after the pause walks all of it (60 ms for a county's duty items)."""

    freeze: bool = False


@contextlib.contextmanager
def paused(*, freeze: bool = False) -> Iterator[Pause]:
    """No cyclic collection inside; the body may decide to freeze what it made."""
    pause = Pause(freeze)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield pause
    finally:
        if enabled:
            if pause.freeze:
                gc.freeze()
            gc.enable()
