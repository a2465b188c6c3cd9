"""The snapshot (the records as last assembled) is taken whole only while no file
changed, and gives exactly what reading gives."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liushou_cli.i18n import set_lang
from liushou_cli.records import cache, yamlio
from liushou_cli.records.load import load
from loadcheck import (
    NEW_HELPER,
    Evil,
    assert_same_as_uncached,
    edit,
    header_of,
    problems,
    small_programme,
    snapshot_file,
    state,
    words,
)


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return small_programme(make_records)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are written (not only seconds later), so
    a test can make and use a snapshot without waiting."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def test_the_snapshot_is_used_while_nothing_changed(
    root: Path, settled: None, reads: list[str], assembled: list[str]
) -> None:
    first = load(root)
    assert snapshot_file(root).is_file() and assembled == ["assembled"]
    assert stat.S_IMODE(snapshot_file(root).stat().st_mode) == 0o600
    reads.clear()
    second = load(root)
    assert reads == [] and assembled == ["assembled"]  # neither read nor assembled: taken whole
    assert state(second) == state(first) == state(load(root, cache=False))
    assert second.root == root


@pytest.mark.parametrize("change", [
    lambda root: edit(root, "children/C001.yaml", "张小明", "张小红"),
    lambda root: (root / "helpers/H002.yaml").write_text(NEW_HELPER, encoding="utf-8"),
    lambda root: (root / "children/C002.yaml").unlink(),
    lambda root: (root / "contacts/2026-10.csv").rename(root / "contacts/2026-10-old.csv"),
    lambda root: (root / "children/C001.yaml").rename(root / "children/C003.yaml"),
    lambda root: os.utime(root / "pairings/P001.yaml"),
    lambda root: (root / "children/notes.docx").write_bytes(b"x"),  # a stray file: a new warning
    lambda root: (root / "helpers/old").mkdir(),  # a stray folder
    lambda root: (root / "contacts/2026").mkdir() or (root / "contacts/2026/11.csv").write_text(
        "date,pairing,kinds\n2026-11-02,P001,talk\n", encoding="utf-8"),
    lambda root: (root / "liushou.yaml").unlink(),
])
def test_any_change_is_seen_through_the_snapshot(
    root: Path, settled: None, assembled: list[str], change: Callable[[Path], Any]
) -> None:
    load(root)
    change(root)
    assembled.clear()
    records = assert_same_as_uncached(root)
    assert assembled == ["assembled"]  # the snapshot was not taken
    assembled.clear()
    assert state(load(root)) == state(records)  # and the new one is
    assert assembled == []


@pytest.mark.parametrize("damage", [
    lambda data: b"\x00garbage" * 10,
    lambda data: data[: len(data) // 2],
    lambda data: data[: len(data) - 7],
    lambda data: b"",
    lambda data: pickle.dumps(("something else", 1, 2)),
    lambda data: header_of(data) + pickle.dumps(("children", [("C001", "not a child")])),
])
def test_a_damaged_snapshot_is_not_used(
    root: Path, settled: None, assembled: list[str], damage: Callable[[bytes], bytes]
) -> None:
    load(root)
    path = snapshot_file(root)
    path.write_bytes(damage(path.read_bytes()))
    assembled.clear()
    assert_same_as_uncached(root)
    assert assembled == ["assembled"]
    assembled.clear()
    load(root)
    assert assembled == []  # made again


def test_a_crafted_snapshot_runs_no_code(root: Path, settled: None, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    load(root)
    path = snapshot_file(root)
    head = header_of(path.read_bytes())  # the real header: the digest matches
    path.write_bytes(head + pickle.dumps(("head", Evil(marker))))
    assert_same_as_uncached(root)
    assert not marker.exists()


def test_the_snapshot_serves_both_languages_and_follows_the_version(
    root: Path, settled: None, assembled: list[str], another_liushou: Callable[[], None]
) -> None:
    zh = load(root)
    zh_words = words(zh)
    set_lang("en")
    assembled.clear()
    en = assert_same_as_uncached(root)  # taken whole: its problems are worded now, in English
    assert assembled == [] and problems(en) == problems(zh)
    assert words(en) == words(load(root, cache=False)) != zh_words
    another_liushou()
    assembled.clear()
    assert_same_as_uncached(root)
    assert assembled == ["assembled"]


def test_no_snapshot_of_files_just_changed(root: Path, assembled: list[str]) -> None:
    """A file written a moment ago could change again unseen within the clock's tick."""
    load(root)
    assert not snapshot_file(root).exists()
    load(root)
    assert assembled == ["assembled", "assembled"]


def test_no_snapshot_with_a_linked_record(root: Path, settled: None, tmp_path: Path) -> None:
    (root / "helpers/H001.yaml").rename(root / "H001.yaml")
    (root / "helpers/H001.yaml").symlink_to(root / "H001.yaml")
    assert_same_as_uncached(root)
    assert not snapshot_file(root).exists()  # a link's target can change without its own stat


def test_a_planned_change_neither_takes_nor_makes_a_snapshot(root: Path, settled: None) -> None:
    load(root)
    before = snapshot_file(root).read_bytes()
    planned = load(root, overlay={"helpers/H002.yaml": NEW_HELPER.encode()})
    assert "H002" in planned.helpers
    assert "H002" not in load(root).helpers
    assert snapshot_file(root).read_bytes() == before


def test_positions_are_found_again_after_the_snapshot(root: Path, settled: None) -> None:
    load(root)
    located = load(root).located("helpers", "H001")
    assert located.deferred and located.at(("id",)) == (1, 5)
    assert located.at(("name",)) == yamlio.parse(
        (root / "helpers/H001.yaml").read_text(encoding="utf-8"), "helpers/H001.yaml")[1].at(("name",))


_ops = st.lists(st.tuples(st.sampled_from(["edit", "add", "remove", "rename", "touch", "stray", "bad"]),
                          st.integers(0, 3)), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ops)
def test_snapshot_and_cache_always_give_what_reading_gives(
    make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, ops: list[tuple[str, int]]
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    root = make_records()
    shutil.rmtree(root / cache.FOLDER, ignore_errors=True)
    for i in range(4):
        (root / f"children/C10{i}.yaml").write_text(
            f"id: C10{i}\nname: 孩子{i}\nenrolled: 2026-09-0{i + 1}\n", encoding="utf-8")
    load(root)
    for op, n in ops:
        path = root / f"children/C10{n}.yaml"
        if op == "edit" and path.exists():
            path.write_text(path.read_text(encoding="utf-8") + f"notes: 第{n}次\n", encoding="utf-8")
        elif op == "add":
            path.write_text(f"id: C10{n}\nname: 新{n}\nenrolled: 2026-10-01\n", encoding="utf-8")
        elif op == "remove" and path.exists():
            path.unlink()
        elif op == "rename" and path.exists():
            path.rename(root / f"children/C10{(n + 1) % 4}.yaml")
        elif op == "touch" and path.exists():
            os.utime(path)
        elif op == "stray":
            (root / f"pairings/note{n}.doc").write_bytes(b"")
        elif op == "bad":
            path.write_text("id: [\n", encoding="utf-8")
        assert state(load(root)) == state(load(root, cache=False))
    shutil.rmtree(root)
