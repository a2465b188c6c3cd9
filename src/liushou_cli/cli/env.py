"""One object holds the terminal: where output goes, colours, widths."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported when a command runs, not for `liushou --help`
    from rich.console import Console


@dataclass
class Env:
    """Consoles for results (stdout) and for diagnostics and progress (stderr), each
    made when first used: `due --json` writes its text without ever loading rich."""

    stdout: TextIO
    stderr: TextIO

    @classmethod
    def create(cls, stdout: TextIO | None = None, stderr: TextIO | None = None) -> Env:
        return cls(stdout or sys.stdout, stderr or sys.stderr)

    @cached_property
    def out(self) -> Console:
        return _console(self.stdout, stderr=False)

    @cached_property
    def err(self) -> Console:
        return _console(self.stderr, stderr=True)

    @property
    def interactive(self) -> bool:
        return self.out.is_terminal

    def write(self, text: str) -> None:
        """Raw text to stdout (JSON, CSV): no markup, no wrapping."""
        self.stdout.write(text)
        self.stdout.flush()


def _console(file: TextIO, *, stderr: bool) -> Console:
    from rich.console import Console

    return Console(file=file, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, stderr=stderr,
                   soft_wrap=False, width=None if _isatty(file) else 100)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
