"""Ids from what a person types: an id, or a name (RECORDS.md 1.1, "Names for ids").

A coordinator thinks in names (刘子豪, 赵丽), not C001. A name that belongs to exactly
one child (or helper) stands for its id; a name shared by several is refused with
the candidates; where a pairing is wanted, a child's id or name means that child's
one pairing active on the day. Pure: it reads loaded records and raises
``NotFound`` / ``Ambiguous`` with codes and values; the CLI words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from liushou_cli.records.loaded import Records


class NameLookupError(Exception):
    """Base of the two refusals; ``what`` is ``child``, ``helper`` or ``pairing``."""

    def __init__(self, what: str, text: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(what, text, candidates)
        self.what = what
        self.text = text
        self.candidates = candidates


class NotFound(NameLookupError):
    """No record has this id or name (``candidates``: close ids or names, if any)."""


class Ambiguous(NameLookupError):
    """Several records answer to this name (``candidates``: their ids)."""


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str


def _norm(text: str) -> str:
    """Names compared without spaces (王  芳 padded in Excel is 王芳) or full-width spaces."""
    return "".join(text.split()).replace("\u3000", "")


def _by_name(table: Mapping[str, Any], text: str) -> list[str]:
    wanted = _norm(text)
    return [rid for rid, rec in table.items() if _norm(str(getattr(rec, "name", "") or "")) == wanted]


def child_id(records: Records, text: str) -> str:
    """The child ``text`` names: its id, or the one child of that name."""
    return _one(records.children, text, "child")


def helper_id(records: Records, text: str) -> str:
    """The helper ``text`` names: its id, or the one helper of that name."""
    return _one(records.helpers, text, "helper")


def _one(table: Mapping[str, Any], text: str, what: str) -> str:
    text = text.strip()
    if text in table:
        return text
    if text.upper() in table:  # c001 for C001
        return text.upper()
    found = _by_name(table, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(what, text, tuple(sorted(found)))
    raise NotFound(what, text, _close(table, text))


def _close(table: Mapping[str, Any], text: str) -> tuple[str, ...]:
    """Ids whose name contains what was typed (刘子 for 刘子豪), at most five."""
    wanted = _norm(text)
    if not wanted:
        return ()
    hits = [rid for rid, rec in table.items() if wanted in _norm(str(getattr(rec, "name", "") or ""))]
    return tuple(sorted(hits)[:5])


def pairings_of(records: Records, child: str, day: date) -> list[str]:
    """Ids of ``child``'s pairings active on ``day``, sorted."""
    kid = records.children.get(child)
    return sorted(pid for pid, p in records.pairings.items() if p.child == child and p.active_on(day, kid))


def pairing_id(records: Records, text: str, day: date) -> str:
    """The pairing ``text`` names: a pairing id, or a child (id or name) with exactly one
    pairing active on ``day``."""
    text = text.strip()
    if text in records.pairings:
        return text
    if text.upper() in records.pairings:
        return text.upper()
    try:
        child = child_id(records, text)
    except NotFound:
        raise NotFound("pairing", text, _close(records.children, text)) from None
    active = pairings_of(records, child, day)
    if len(active) == 1:
        return active[0]
    if active:
        raise Ambiguous("pairing", text, tuple(active))
    raise NotFound("pairing", text, ())


def name_candidates(records: Records, folder: str, incomplete: str) -> list[Candidate]:
    """Records whose id or name starts with ``incomplete``: what shell completion offers."""
    table: Mapping[str, Any] = getattr(records, folder)
    start = _norm(incomplete)
    out: list[Candidate] = []
    for rid, rec in sorted(table.items()):
        name = str(getattr(rec, "name", "") or "")
        if rid.startswith(incomplete) or (start and _norm(name).startswith(start)):
            out.append(Candidate(rid, name))
    return out


class NameIndex:
    """``child_id`` / ``helper_id`` for many lookups in one table (an imported sheet's
    thousand rows): names indexed once, not scanned per lookup. Same answers, same
    refusals."""

    def __init__(self, table: Mapping[str, Any], what: str) -> None:
        self.table = table
        self.what = what
        self.by_name: dict[str, list[str]] = {}
        for rid, rec in table.items():
            self.by_name.setdefault(_norm(str(getattr(rec, "name", "") or "")), []).append(rid)

    def one(self, text: str) -> str:
        text = text.strip()
        if text in self.table:
            return text
        if text.upper() in self.table:
            return text.upper()
        found = self.by_name.get(_norm(text), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise Ambiguous(self.what, text, tuple(sorted(found)))
        raise NotFound(self.what, text, _close(self.table, text))
