"""The one writer of generated files: reports, tables, lists, reminders.

Every output goes where ``records.outputs`` allows it (never over a record, through
a link or onto a device: ``OutputRefused``), owner-only (children's data), whole or
not at all (``records.atomic``: temp file named by ``records.tempfiles``, fsync,
rename). What fails is raised as ``OutputRefused`` or ``OSError``; the CLI words it
(``cli.output_target``).
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from liushou_cli.records.atomic import atomic_stream, atomic_write
from liushou_cli.records.outputs import check_file


def write_file(path: Path, data: bytes, root: Path | None) -> None:
    """``data`` as the whole of the generated file ``path`` (``root``: the records, whose
    own places are refused)."""
    check_file(path, root)
    atomic_write(path, data, private=True)  # sweeps what a killed ``remind``/``due -o`` left


@contextlib.contextmanager
def file_stream(path: Path, root: Path | None) -> Iterator[BinaryIO]:
    """``write_file`` for a writer that streams (a .docx or .xlsx saved row by row). lxml
    words a failed write (disk full, ``ulimit -f``) as its own error: it is an OSError."""
    check_file(path, root)
    with atomic_stream(path, private=True) as handle:
        try:
            yield handle
        except OSError:
            raise
        except Exception as exc:
            if type(exc).__name__ != "SerialisationError":
                raise
            raise OSError(errno.EIO, str(exc), str(path)) from exc
