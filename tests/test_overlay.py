"""Checking a planned change reads the changed files from memory: the same problems as a
real copy with the change applied, and not one file on disk touched (not even its ctime,
which keys the records cache)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from liushou_cli.problems import Problem
from liushou_cli.records import cache
from liushou_cli.records import load as load_mod
from liushou_cli.records.load import load
from liushou_cli.records.write import ChangeSet
from loadcheck import state

PLANS: dict[str, dict[str, bytes | None]] = {
    "edit a child": {"children/C001.yaml": "id: C001\nname: 张三\ngender: boy\nenrolled: 2026-09-01\n".encode()},
    "add a helper": {"helpers/H009.yaml": b"id: H009\nname: new\nrole: teacher\n"},
    "remove a pairing": {"pairings/P001.yaml": None},
    "a new contacts month": {"contacts/2026-12.csv": b"date,pairing,kinds\n2026-11-20,P001,talk\n"},
    "a contacts file in a new folder": {"contacts/2027/01.csv": b"date,pairing,kinds\n2026-11-20,P404,talk\n"},
    "break the programme": {"liushou.yaml": b"program: [unclosed\n"},
}

def errors(changes: ChangeSet) -> list[Problem]:
    """The error problems the change would introduce, as the editing commands ask."""
    return [p for p in changes.introduced(date(2026, 11, 23)) if p.is_error]



@pytest.mark.parametrize("plan", list(PLANS), ids=list(PLANS))
def test_an_overlay_loads_like_the_change_applied(example_copy: Path, tmp_path: Path, plan: str) -> None:
    overlay = PLANS[plan]
    load(example_copy)  # a warm cache, as before any edit
    applied = tmp_path / "applied"
    shutil.copytree(example_copy, applied, ignore=shutil.ignore_patterns(cache.FOLDER))
    for rel, data in overlay.items():
        target = applied / rel
        if data is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    planned = load(example_copy, overlay=overlay)
    real = load(applied, cache=False)
    assert state(planned)[:-1] == state(real)[:-1]  # everything but ``broken`` ...
    assert planned.broken == real.broken  # ... compared on its own for a clearer failure


def _stats(root: Path) -> dict[str, tuple[int, int, int, int]]:
    return {str(p.relative_to(root)): cache.stat_key(p.lstat()) for p in root.rglob("*")
            if cache.FOLDER not in p.parts}


def test_checking_a_change_touches_no_file(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(example_copy)
    before = _stats(example_copy)
    changes = ChangeSet(example_copy)
    changes.append_text("contacts/2026-11.csv", "2026-11-20,P001,talk\n")
    assert errors(changes) == []
    assert _stats(example_copy) == before
    seen: list[str] = []
    reader: Callable[..., object] = load_mod._read_record
    monkeypatch.setattr(load_mod, "_read_record", lambda rel, *a: seen.append(rel) or reader(rel, *a))
    load(example_copy)
    assert seen == []  # the cache still serves every file


def test_an_overlay_never_writes_the_cache(example_copy: Path) -> None:
    load(example_copy)
    path = example_copy / cache.FOLDER / cache.FILE
    stamp = path.stat().st_mtime_ns
    os.utime(example_copy / "helpers" / "H001.yaml")  # a miss, which a normal load would save
    load(example_copy, overlay={"helpers/H002.yaml": None})
    assert path.stat().st_mtime_ns == stamp
