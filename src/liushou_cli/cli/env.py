"""One object holds the terminal: where output goes, colours, widths."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported when a command runs, not for `liushou --help`
    from rich.console import Console


@dataclass
class Env:
    """Consoles for results (stdout) and for diagnostics and progress (stderr)."""

    out: Console
    err: Console

    @classmethod
    def create(cls, stdout: TextIO | None = None, stderr: TextIO | None = None) -> Env:
        from rich.console import Console

        no_color = bool(os.environ.get("NO_COLOR"))
        out_file = stdout or sys.stdout
        err_file = stderr or sys.stderr
        return cls(
            out=Console(file=out_file, no_color=no_color, highlight=False, soft_wrap=False,
                        width=None if _isatty(out_file) else 100),
            err=Console(file=err_file, no_color=no_color, highlight=False, stderr=True,
                        width=None if _isatty(err_file) else 100),
        )

    @property
    def interactive(self) -> bool:
        return self.out.is_terminal

    def write(self, text: str) -> None:
        """Raw text to stdout (JSON, CSV): no markup, no wrapping."""
        self.out.file.write(text)
        self.out.file.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
