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


@contextlib.contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """No cyclic collection inside; ``freeze``: what was made is then kept out of every
    later collection (``gc.freeze``), for data that lives as long as the process needs it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            gc.enable()
