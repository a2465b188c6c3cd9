"""The records cache gives a file's reading only while the file is unchanged, and
keeps its file small: every load here is compared with a cache-less one."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from liushou_cli.records import cache
from liushou_cli.records.load import load
from loadcheck import (
    FILES,
    NEW_HELPER,
    assert_same_as_uncached,
    cache_file,
    edit,
    header_of,
    small_programme,
    state,
)


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return small_programme(make_records)


def test_a_second_load_reads_nothing_and_gives_the_same(root: Path, reads: list[str]) -> None:
    first = load(root)
    assert len(reads) == FILES and cache_file(root).is_file()
    reads.clear()
    second = load(root)
    assert reads == []
    assert state(second) == state(first) == state(load(root, cache=False))


def test_an_edited_file_is_read_again(root: Path, reads: list[str]) -> None:
    load(root)
    reads.clear()
    edit(root, "children/C001.yaml", "张小明", "张小红")
    records = assert_same_as_uncached(root)
    assert reads[0] == "children/C001.yaml"
    assert records.children["C001"].name == "张小红"


def test_an_edit_of_the_same_size_in_the_same_tick_is_seen(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat key cannot tell (a coarse clock, FAT): the digest of a recent file does."""
    monkeypatch.setattr(cache, "stat_key", lambda info: (info.st_size, info.st_mtime_ns, 0, info.st_ino))
    path = root / "helpers/H001.yaml"
    before = path.stat()
    load(root)
    edit(root, "helpers/H001.yaml", "严万莲", "严万芳")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.stat_key(path.stat()) == cache.stat_key(before)
    records = assert_same_as_uncached(root)
    assert records.helpers["H001"].name == "严万芳"


def test_added_removed_and_renamed_files(root: Path, reads: list[str]) -> None:
    load(root)
    (root / "helpers/H002.yaml").write_text(NEW_HELPER, encoding="utf-8")
    assert assert_same_as_uncached(root).helpers.keys() == {"H001", "H002"}
    (root / "children/C002.yaml").unlink()
    assert "C002" not in assert_same_as_uncached(root).children
    (root / "contacts/2026-10.csv").rename(root / "contacts/2026-10-old.csv")
    records = assert_same_as_uncached(root)
    assert {c.path for c in records.contacts} == {"contacts/2026-09.csv", "contacts/2026-10-old.csv"}
    (root / "children/C001.yaml").rename(root / "children/C003.yaml")  # now id-mismatch
    records = assert_same_as_uncached(root)
    assert any(p.code == "id-mismatch" and p.path == "children/C003.yaml" for p in records.problems)
    assert "children/C003.yaml" in cache.Cache.open(root).old


def test_touch_without_change(root: Path, reads: list[str]) -> None:
    load(root)
    reads.clear()
    os.utime(root / "pairings/P001.yaml")
    assert_same_as_uncached(root)
    assert reads[0] == "pairings/P001.yaml"


def test_the_example_programme_the_same_cached(example_copy: Path) -> None:
    load(example_copy)
    assert_same_as_uncached(example_copy)


# the cache file: appended to, written whole again, rebuilt when damaged -------------


def _rows_in_file(root: Path) -> int:
    return cache.Cache.open(root).rows


def _header(path: Path) -> bytes:
    return header_of(path.read_bytes())


def test_a_change_is_appended_not_the_whole_cache_rewritten(root: Path, reads: list[str]) -> None:
    load(root)
    path = cache_file(root)
    before, was = path.stat(), path.read_bytes()
    (root / "helpers/H002.yaml").write_text(NEW_HELPER, encoding="utf-8")
    assert_same_as_uncached(root)
    after = path.stat()
    assert after.st_ino == before.st_ino and after.st_size > before.st_size  # the same file, grown
    assert path.read_bytes().startswith(was)
    reads.clear()
    assert_same_as_uncached(root)
    assert reads.count("helpers/H002.yaml") == 1  # only the uncached run read it: the appended row is used


def test_the_cache_is_written_whole_again_before_it_doubles(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SAVE_CHUNK", 4)  # the slack allowed over twice the rows in use
    load(root)
    live = len(cache.Cache.open(root).old)
    extra = [root / f"children/X{i}.yaml" for i in range(30)]
    for path in extra:
        path.write_text(f"id: {path.stem}\nname: 新\nenrolled: 2026-09-01\n", encoding="utf-8")
    assert_same_as_uncached(root)
    assert _rows_in_file(root) == live + len(extra)  # appended
    for path in extra:
        path.unlink()
    child = root / "children/C001.yaml"
    text = child.read_text(encoding="utf-8")
    for n in range(3):
        child.write_text(text + f"notes: 第{n}次\n", encoding="utf-8")
        assert_same_as_uncached(root)
        assert _rows_in_file(root) <= 2 * live + cache.SAVE_CHUNK
    assert _rows_in_file(root) <= live + 2  # the removed files' rows went with the rewrite


def test_a_cache_rewritten_by_another_run_is_not_appended_to(
    root: Path, monkeypatch: pytest.MonkeyPatch, another_liushou: Callable[[], None]
) -> None:
    """Appending onto another liushou's cache would have its header vouch for our rows."""
    load(root)
    early = cache.Cache.open(root)  # this run read the cache...
    header = _header(cache_file(root))
    another_liushou()
    load(root, cache=True)  # ...then another liushou rewrote it, with its own header
    monkeypatch.undo()
    cache.global_key.cache_clear()
    assert _header(cache_file(root)) != header
    monkeypatch.setattr(cache.Cache, "open", staticmethod(lambda folder: early))
    (root / "helpers/H002.yaml").write_text(NEW_HELPER, encoding="utf-8")
    load(root)  # something changed: saved
    monkeypatch.undo()
    assert _header(cache_file(root)) == header  # our header, written whole
    assert "helpers/H002.yaml" in cache.Cache.open(root).old
    assert_same_as_uncached(root)


def test_a_torn_append_loses_only_time(root: Path, reads: list[str]) -> None:
    load(root)
    (root / "helpers/H002.yaml").write_text(NEW_HELPER, encoding="utf-8")
    load(root)
    path = cache_file(root)
    path.write_bytes(path.read_bytes()[:-5])  # the last chunk cut short (a crash while appending)
    reads.clear()
    assert_same_as_uncached(root)
    assert len(reads) == (FILES + 1) * 2  # read again in full; then cached again
    reads.clear()
    load(root)
    assert reads == []


@pytest.mark.parametrize("damage", [
    lambda data: b"\x00garbage" * 10,
    lambda data: data[: len(data) // 2],
    lambda data: b"",
    lambda data: pickle.dumps(("something else", 1, 2)),
    lambda data: pickle.dumps(b"liushou-records-cache"),
    lambda data: header_of(data),  # a header, no entries
])
def test_a_damaged_cache_is_rebuilt(root: Path, reads: list[str], damage: Callable[[bytes], bytes]) -> None:
    load(root)
    path = cache_file(root)
    path.write_bytes(damage(path.read_bytes()))
    reads.clear()
    assert_same_as_uncached(root)
    assert len(reads) == FILES * 2  # everything read again (the uncached run reads it all too)
    reads.clear()
    load(root)
    assert reads == []  # and the cache works again

