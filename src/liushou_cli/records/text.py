"""Bytes to text: encodings, binary files and git conflict markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from liushou_cli.problems import Problem, error

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)


@dataclass(frozen=True)
class Decoded:
    text: str | None
    problems: list[Problem]


def decode(raw: bytes, path: str, *, csv: bool = False) -> Decoded:
    """UTF-8 with or without BOM; a GBK file is named as such, with the fix."""
    if b"\x00" in raw:
        return Decoded(None, [error(path, 1, 1, "binary-file")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return Decoded(None, [error(path, line, 1, "encoding")])
        return Decoded(None, [error(path, line, 1, "gbk-csv" if csv else "gbk-yaml")])
    return Decoded(text, conflict_markers(text, path))


def conflict_markers(text: str, path: str) -> list[Problem]:
    """Lines git leaves behind after a failed merge (<<<<<<<, =======, >>>>>>>)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    return [
        error(path, text.count("\n", 0, m.start()) + 1, 1, "conflict-marker")
        for m in _CONFLICT.finditer(text)
    ]
