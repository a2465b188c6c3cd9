"""Problems found in the records: values, collected, all reported at once.

A problem knows where it is (path relative to the records root, 1-based line
and column), its code, and the arguments of its message; the text itself is
looked up in the catalogue when shown, so it follows ``--lang``. Arguments are
codes and values (ids, field paths, dates, the text as written), never words: one
that is words (a reason, a field's name) is a ``phrases`` value, worded as the
message is. So a problem made in one run is shown in any language in the next
(the records cache and the snapshot keep them whatever ``--lang`` says).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from liushou_cli.i18n import has, t


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    args: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def message(self) -> str:
        key = f"problem.{self.code}"
        return t(key, **self.args) if has(key) else f"{self.code}: {self.args}"

    @property
    def hint(self) -> str:
        """The fix; ``{here}`` in it is the problem's own ``path:line``, so a hint can
        name the command for it (``liushou unlog contacts/2026-11.csv:14``)."""
        key = f"hint.{self.code}"
        return t(key, here=f"{self.path}:{self.line}", **self.args) if has(key) else ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def error(path: str, line: int, col: int, code: str, **args: Any) -> Problem:
    return Problem(path, line, col, Severity.ERROR, code, args)


def warning(path: str, line: int, col: int, code: str, **args: Any) -> Problem:
    return Problem(path, line, col, Severity.WARNING, code, args)
