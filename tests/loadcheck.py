"""What the cache and snapshot tests compare: everything ``load`` gives, with and
without them. Not a test module; shared by ``test_cache_*.py`` and ``test_snapshot.py``."""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from liushou_cli.records import cache, snapshot
from liushou_cli.records.load import Records, load

BROKEN_CHILD = "id: C009\nname: 李四\ngender: boy\nbirth_date: 2016-13-01\nnotes: [unclosed\n"
NEW_HELPER = "id: H002\nname: 刘\nrole: teacher\n"
FILES = 8  # in ``small_programme``: the program, four records, a broken one, two contact logs


def small_programme(make_records: Callable[..., Path]) -> Path:
    """The conftest programme with one more child, a broken one, and a second month of
    contacts with a bad row: every kind of file, valid and not."""
    return make_records({
        "children/C002.yaml": "id: C002\nname: 王五\nguardian: {name: 王, phone: 13700000001}\nnotes:\n",
        "children/C009.yaml": BROKEN_CHILD,
        "contacts/2026-10.csv": "date,pairing,kinds\n2026-10-01,P001,home_visit\n2026-13-01,P001,talk\n",
    })


def problems(records: Records) -> list[tuple[Any, ...]]:
    return [(p.path, p.line, p.col, p.severity, p.code, sorted(p.args.items())) for p in records.problems]


def words(records: Records) -> list[str]:
    """The problems as a coordinator reads them, in the language set now."""
    return [f"{p.message} | {p.hint}" for p in records.problems]


def state(records: Records) -> tuple[Any, ...]:
    """Everything ``load`` gives, in comparable form."""
    return (
        records.program,
        records.children,
        records.helpers,
        records.pairings,
        records.contacts,
        [(c.cols) for c in records.contacts],
        records.where,
        problems(records),
        records.unreadable,
        records.salvaged,
        records.broken,
    )


def assert_same_as_uncached(root: Path) -> Records:
    cached = load(root)
    assert state(cached) == state(load(root, cache=False))
    return cached


def cache_file(root: Path) -> Path:
    return root / cache.FOLDER / cache.FILE


def snapshot_file(root: Path) -> Path:
    return root / cache.FOLDER / snapshot.FILE


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def header_of(data: bytes) -> bytes:
    """The first pickle of a cache or snapshot file: its header (what the rest is for)."""
    handle = io.BytesIO(data)
    pickle.Unpickler(handle).load()
    return data[:handle.tell()]


class Evil:
    """Pickles as a call of ``os.system``: a crafted cache must never run it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        import os

        return (os.system, (f"touch {self.marker}",))
