"""Bytes to text: encodings, binary files and git conflict markers.

Coordinators edit records with Notepad, WPS and Excel on Chinese Windows, so
the usual wrong encodings (GBK from "CSV (逗号分隔)", UTF-16 from "Unicode 文本")
are named as such with the fix, instead of a decoding traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liushou_cli.problems import Problem, error

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Decoded:
    text: str | None
    problems: list[Problem]


def decode(raw: bytes, path: str, *, csv: bool = False) -> Decoded:
    """UTF-8 with or without BOM; GBK and UTF-16 files are named as such, with the fix."""
    if raw.startswith(_UTF16_BOMS):
        return Decoded(None, [error(path, 1, 1, "utf16-csv" if csv else "utf16")])
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return Decoded(None, [error(path, line, 1, "binary-file")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            line, col = _byte_position(raw, exc.start, "utf-8")
            return Decoded(None, [error(path, line, col, "encoding")])
        # GBK: point at the first Chinese character, the first one saved wrongly
        first = next(i for i, byte in enumerate(raw) if byte >= 0x80)
        line, col = _byte_position(raw, first, "gb18030")
        return Decoded(None, [error(path, line, col, "gbk-csv" if csv else "gbk-yaml")])
    if text.startswith("\ufeff"):  # a second BOM, as some editors leave after a bad save
        text = text[1:]
    return Decoded(text, conflict_markers(text, path))


def _byte_position(raw: bytes, index: int, encoding: str) -> tuple[int, int]:
    """1-based line and character column of byte ``index``."""
    line_start = raw.rfind(b"\n", 0, index) + 1
    col = len(raw[line_start:index].decode(encoding, errors="replace")) + 1
    return raw.count(b"\n", 0, index) + 1, col


def conflict_markers(text: str, path: str) -> list[Problem]:
    """Lines git leaves behind after a failed merge (<<<<<<<, =======, >>>>>>>).

    Only looked for when an opening or closing marker is present, so a line of
    seven ``=`` in a note is not taken for one on its own.
    """
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    return [
        error(path, number, 1, "conflict-marker")
        for number, line in enumerate(text.split("\n"), start=1)
        if line[:1] in "<=>|" and _CONFLICT.match(line.rstrip("\r"))
    ]
