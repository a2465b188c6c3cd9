"""Bytes to text: encodings, binary files and git conflict markers.

Coordinators edit records with Notepad, WPS and Excel on Chinese Windows. A
contact log saved by Excel's "CSV (逗号分隔)" is GBK, and is read as such
(RECORDS.md 1.1); the encodings that cannot be read (UTF-16 from "Unicode 文本",
GBK YAML, bytes that are no known encoding) are named as such with the fix,
instead of a decoding traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from liushou_cli.problems import Problem, error

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Decoded:
    text: str | None
    problems: list[Problem]
    encoding: str = "utf-8"  # what the text was read as: utf-8 (BOM or not) or gb18030


def decode(raw: bytes, path: str, *, csv: bool = False,
           header_ok: Callable[[str], bool] | None = None) -> Decoded:
    """UTF-8 with or without BOM; a CSV may also be GB18030/GBK, as Excel saves it.

    The order keeps the guess honest: a BOM means UTF-8, text that is valid UTF-8
    is UTF-8 (GBK Chinese almost never is), and only then GB18030. GB18030 reads
    nearly any bytes, so a CSV read that way must also have a header that makes
    sense (``header_ok`` on its first line, when that line is not plain ASCII):
    Big5 or Shift-JIS bytes would otherwise turn into Chinese-looking nonsense.
    A GBK YAML file and UTF-16 are named as such, with the fix."""
    if raw.startswith(_UTF16_BOMS) or (csv and _utf16_without_bom(raw)):
        return Decoded(None, [error(path, 1, 1, "utf16-csv" if csv else "utf16")])
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return Decoded(None, [error(path, line, 1, "binary-file")])
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line, col = _byte_position(raw, exc.start, "utf-8")
            return Decoded(None, [error(path, line, col, "encoding")])
        # point at the first Chinese character: the first one GBK or the reader got wrong
        first = next(i for i, byte in enumerate(raw) if byte >= 0x80)
        line, col = _byte_position(raw, first, "gb18030")
        if not csv:  # YAML is UTF-8 only
            return Decoded(None, [error(path, line, col, "gbk-yaml")])
        if bom:  # a BOM promised UTF-8: these bytes are broken, not GBK
            return Decoded(None, [error(path, line, col, "encoding")])
        header = text.split("\n", 1)[0]
        if header_ok is not None and not header.isascii() and not header_ok(header):
            return Decoded(None, [error(path, line, col, "csv-unknown-encoding")])
        return Decoded(text, conflict_markers(text, path), "gb18030")
    if text.startswith("\ufeff"):  # a second BOM, as some editors leave after a bad save
        text = text[1:]
    return Decoded(text, conflict_markers(text, path))


def _utf16_without_bom(raw: bytes) -> bool:
    """UTF-16 saved without its BOM: a header's ASCII letters alternate with NUL bytes."""
    head = raw[:64]
    return len(head) >= 4 and (
        (head[1::2].count(0) == len(head[1::2]) and 0 not in head[0::2])
        or (head[0::2].count(0) == len(head[0::2]) and 0 not in head[1::2]))


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
