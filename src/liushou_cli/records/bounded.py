"""Reading a file without trusting it: never block, never take unbounded memory.

A records folder is edited by hand and synced by tools: a named pipe, a device
or a multi-gigabyte file dropped there by mistake must end as a problem on that
file, not as a command that hangs on ``open()`` or fills the memory. What is
refused is raised as ``Refused``, an ``OSError`` whose reason is a catalogue phrase:
every reader's existing "cannot read the file: {reason}" path reports it, and a
problem keeps the phrase, worded when shown.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from liushou_cli.phrases import Phrase, phrase

# Far above any real file: a month of contacts for a county (~25,000 children) is
# ~10 MB. A YAML record has its own, smaller limit in ``yamlio``.
MAX_FILE_BYTES = 64 * 1024 * 1024


class Refused(OSError):
    """A file not read, and why (``reason``); ``strerror`` is the reason worded now."""

    def __init__(self, code: int, reason: Phrase, filename: str) -> None:
        super().__init__(code, f"{reason}", filename)
        self.reason = reason


def read_bounded(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else raises OSError."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(errno.EINVAL, Phrase("robust.not_regular_file"), str(path))
        if info.st_size > limit:
            raise _too_large(path, limit)
        chunks: list[bytes] = []
        size = 0
        while True:  # the file may grow while read: stop at the limit all the same
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_large(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _mb(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


# An .xlsx or .docx is a zip of XML: a few KB can declare gigabytes -- or declare a few
# bytes and hold gigabytes (zipfile then inflates a whole member in one call before
# cutting it to the declared size) -- or one merged range over a whole sheet (17
# billion cells) that openpyxl would expand cell by cell.
MAX_XLSX_UNZIPPED = 256 * 1024 * 1024
MAX_MERGED_CELLS = 1_000_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?"')
_PIECE = 1 << 20  # bytes inflated at a time: what is counted before more is made
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length


def _too_large(path: Path | str, limit: int) -> Refused:
    return Refused(errno.EFBIG, phrase("robust.file_too_large", limit=_mb(limit)), str(path))


def unzipped(path: Path | str, limit: int = MAX_XLSX_UNZIPPED,
             keep: Callable[[str], bool] = lambda name: False) -> dict[str, bytes]:
    """Inflate every member of a zip, counting the bytes it really gives, not the sizes
    its directory declares; raise OSError (worded) past ``limit`` in all, or when a
    member gives more than it declares (what ``zipfile`` would later inflate in one
    go). The members ``keep`` names are returned whole. Anything that is not a
    readable zip is left for its reader (openpyxl, python-docx) to name: {}."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return {}
    kept: dict[str, bytes] = {}
    total = 0
    with archive, open(path, "rb") as raw:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > limit:
            raise _too_large(path, limit)
        for info in infos:
            pieces: list[bytes] | None = [] if keep(info.filename) else None
            made = 0
            for piece in _inflate(raw, info):
                made += len(piece)
                total += len(piece)
                if total > limit or made > info.file_size:
                    raise _too_large(path, limit)
                if pieces is not None:
                    pieces.append(piece)
            if pieces is not None:
                kept[info.filename] = b"".join(pieces)
    return kept


def _inflate(raw: BinaryIO, info: Any) -> Iterator[bytes]:
    """One member's bytes, ``_PIECE`` at a time, from the archive's own bytes."""
    import zipfile
    import zlib

    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        return
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[1:]
    raw.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            piece = raw.read(min(_PIECE, left))
            if not piece:
                return
            left -= len(piece)
            yield piece
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Office writes only these two
        raise Refused(errno.EINVAL, Phrase("robust.zip_method"), info.filename)
    inflater = zlib.decompressobj(-15)
    pending = b""
    while not inflater.eof:
        if not pending:
            if left <= 0:
                return
            pending = raw.read(min(_PIECE, left))
            if not pending:
                return
            left -= len(pending)
        try:
            piece = inflater.decompress(pending, _PIECE)
        except zlib.error:
            return  # damaged: its reader says so
        pending = inflater.unconsumed_tail
        if piece:
            yield piece


def check_xlsx(path: Path) -> None:
    """Raise OSError (worded) if the workbook would take unbounded memory or time to open.

    Anything that is not a readable zip is left for openpyxl to name.
    """
    sheets = unzipped(path, keep=lambda name: name.startswith("xl/worksheets/") and name.endswith(".xml"))
    cells = 0
    for data in sheets.values():
        for match in _MERGE.finditer(data):
            first_col, first_row, last_col, last_row = match.groups()
            rows = int(last_row or first_row) - int(first_row) + 1
            cols = _column(last_col or first_col) - _column(first_col) + 1
            cells += abs(rows) * abs(cols)
    if cells > MAX_MERGED_CELLS:
        raise Refused(errno.EFBIG, phrase("robust.xlsx_merged", count=cells), str(path))


def check_docx(path: Path) -> None:
    """Raise OSError (worded) if a Word file (a report template) would inflate past the limit."""
    unzipped(path)


def _column(letters: bytes) -> int:
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number
