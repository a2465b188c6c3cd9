"""Where a presenter writes: what ``cli.env.Env`` gives it, as a protocol, so present/
knows nothing of cli/ and a test can hand it any two consoles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # rich is imported when a console is made, not for `liushou --help`
    from rich.console import Console


class Streams(Protocol):
    """Results (``out``), diagnostics and progress (``err``), and raw text to standard
    output (``write``: JSON, CSV, no markup, no wrapping)."""

    @property
    def out(self) -> Console: ...

    @property
    def err(self) -> Console: ...

    def write(self, text: str) -> None: ...
