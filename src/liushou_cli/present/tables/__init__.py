"""The registers (``reports.tables.Table``) as files: one module a format, one line in
``WRITERS`` a file ending.

A writer takes the table and the path and writes the whole file through
``present.files`` (owner-only, atomic) or raises ``OSError``; ``table`` picks the
writer by the ending of ``-o`` and prints ``as_csv.text`` without one. To add a
format: a module with ``write(table, path)`` and its line here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.present.tables import as_csv, as_docx, as_xlsx

if TYPE_CHECKING:
    from liushou_cli.reports.tables import Table

Writer = Callable[["Table", Path], None]

WRITERS: dict[str, Writer] = {".csv": as_csv.write, ".xlsx": as_xlsx.write, ".docx": as_docx.write}
