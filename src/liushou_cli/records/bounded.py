"""Reading a file without trusting it: never block, never take unbounded memory.

A records folder is edited by hand and synced by tools: a named pipe, a device
or a multi-gigabyte file dropped there by mistake must end as a problem on that
file, not as a command that hangs on ``open()`` or fills the memory. What is
refused is raised as ``OSError`` with a catalogue-worded reason, so every
reader's existing "cannot read the file: {reason}" path reports it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from liushou_cli.i18n import t

# Far above any real file: a month of contacts for a county (~25,000 children) is
# ~10 MB. A YAML record has its own, smaller limit in ``yamlio``.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_bounded(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else raises OSError."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, t("robust.not_regular_file"), str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, t("robust.file_too_large", limit=_mb(limit)), str(path))
        chunks: list[bytes] = []
        size = 0
        while True:  # the file may grow while read: stop at the limit all the same
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OSError(errno.EFBIG, t("robust.file_too_large", limit=_mb(limit)), str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _mb(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


# An .xlsx is a zip of XML: a few KB can declare gigabytes, or one merged range over a
# whole sheet (17 billion cells) that openpyxl would expand cell by cell.
MAX_XLSX_UNZIPPED = 256 * 1024 * 1024
MAX_MERGED_CELLS = 1_000_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?"')


def check_xlsx(path: Path) -> None:
    """Raise OSError (worded) if the workbook would take unbounded memory or time to open.

    Anything that is not a readable zip is left for openpyxl to name.
    """
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError):
        return
    with archive:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > MAX_XLSX_UNZIPPED:
            raise OSError(errno.EFBIG, t("robust.file_too_large", limit=_mb(MAX_XLSX_UNZIPPED)), str(path))
        cells = 0
        for info in infos:
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            try:
                data = archive.read(info)  # bounded by the total checked above
            except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
                return
            for match in _MERGE.finditer(data):
                first_col, first_row, last_col, last_row = match.groups()
                rows = int(last_row or first_row) - int(first_row) + 1
                cols = _column(last_col or first_col) - _column(first_col) + 1
                cells += abs(rows) * abs(cols)
        if cells > MAX_MERGED_CELLS:
            raise OSError(errno.EFBIG, t("robust.xlsx_merged", count=cells), str(path))


def _column(letters: bytes) -> int:
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number
