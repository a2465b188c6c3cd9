"""After a write the next command is warm: the snapshot and the write's delta give the
records exactly as loading every file afresh does, and a delta that no longer fits the
files (changed by hand since, damaged) is not used."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.i18n import set_lang
from liushou_cli.records import cache, snapshot
from liushou_cli.records.load import Records, load
from test_write_fast import EXAMPLES, plant, records_state

TODAY = "2026-11-23"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example programme with oddities, its files old enough for a snapshot."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    target = tmp_path / "records"
    shutil.copytree(EXAMPLES, target)
    plant(target)
    return target


def run(root: Path, *args: str) -> None:
    result = CliRunner().invoke(app, [*args, "--records", str(root), "--today", TODAY])
    assert result.exit_code == 0, result.output


def fresh(root: Path) -> Records:
    return load(root, cache=False)


WRITES: dict[str, tuple[str, ...]] = {
    "log": ("log", "P001", "talk", "--date", "2026-11-20", "--helper", "H010"),
    "log a new month": ("log", "P001", "call", "--date", "2026-11-21"),
    "add child": ("add", "child", "--name", "新生", "--gender", "男", "--enrolled", "2026-09-01"),
    "add helper": ("add", "helper", "--name", "新帮扶人", "--role", "teacher"),
    "pair": ("pair", "C091", "H001", "--start", "2026-09-10"),
    "assess": ("assess", "C001", "high", "--date", "2026-11-20"),
    "concern": ("concern", "C001", "missing", "--date", "2026-11-21"),
    "unpair": ("unpair", "P002", "--date", "2026-11-20"),
    "leave": ("leave", "C010", "--reason", "transferred", "--date", "2026-11-23"),
}


@pytest.mark.parametrize("write", list(WRITES), ids=list(WRITES))
def test_the_command_after_a_write_takes_the_snapshot(root: Path, assembled: list[str], write: str) -> None:
    if write == "log a new month":
        (root / "contacts/2026-11.csv").unlink()  # the month's first contact makes the file
    load(root)  # the snapshot, as any command before the write leaves it
    run(root, *WRITES[write])
    assert (root / cache.FOLDER / snapshot.DELTA_FILE).is_file()
    assembled.clear()
    after = load(root)
    assert assembled == []  # the snapshot and the delta: nothing assembled
    assert records_state(after) == records_state(fresh(root))
    assert after.basis is not None and after.basis.delta


def test_writes_in_a_row_keep_it_warm(root: Path, assembled: list[str]) -> None:
    load(root)
    for write in WRITES.values():
        run(root, *write)
    run(root, "log", "P001", "talk", "--date", "2026-11-22")
    assembled.clear()
    after = load(root)
    assert assembled == []
    assert records_state(after) == records_state(fresh(root))
    assert after.basis is not None
    assert len(after.basis.delta) == 8  # the files changed, each once, however many times


def _with_delta_used(root: Path, assembled: list[str]) -> Records:
    assembled.clear()
    got = load(root)
    assert records_state(got) == records_state(fresh(root))
    return got


CHANGES: dict[str, Callable[[Path], Any]] = {
    "the written file edited by hand": lambda root: (root / "contacts/2026-11.csv").write_text(
        (root / "contacts/2026-11.csv").read_text(encoding="utf-8") + "2026-11-19,P001,talk,,,,\n", encoding="utf-8"),
    "another file edited": lambda root: (root / "helpers/H001.yaml").write_text(
        "id: H001\nname: 改名\nrole: teacher\n", encoding="utf-8"),
    "a file removed": lambda root: (root / "children/C091.yaml").unlink(),
    "a stray file": lambda root: (root / "children/notes.docx").write_bytes(b"x"),
    "the written file touched": lambda root: os.utime(root / "contacts/2026-11.csv"),
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_change_since_the_write_is_seen(root: Path, assembled: list[str], change: str) -> None:
    load(root)
    run(root, *WRITES["log"])
    CHANGES[change](root)
    _with_delta_used(root, assembled)
    assert assembled == ["assembled"]
    assert not (root / cache.FOLDER / snapshot.DELTA_FILE).exists()  # the new snapshot replaced both


def test_the_same_key_with_other_bytes_is_seen(root: Path, assembled: list[str]) -> None:
    """A file changed again within the clock's tick keeps its stat key: the delta's digest
    of the bytes is what catches it."""
    load(root)
    run(root, *WRITES["log"])
    path = root / cache.FOLDER / snapshot.DELTA_FILE
    with path.open("rb") as handle:
        head = pickle.load(handle)
        rows = pickle.load(handle)
    rows = [(rel, was, key, b"\x00" * len(check), value) for rel, was, key, check, value in rows]
    cache.write_private(path, lambda handle: (cache.dump_into(head, handle), cache.dump_into(rows, handle)))
    _with_delta_used(root, assembled)
    assert assembled == ["assembled"]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", pickle.dumps(("something else", 1, 2))])
def test_a_damaged_delta_is_not_used(root: Path, assembled: list[str], damage: bytes) -> None:
    load(root)
    run(root, *WRITES["log"])
    path = root / cache.FOLDER / snapshot.DELTA_FILE
    path.write_bytes(damage or path.read_bytes()[:40])
    _with_delta_used(root, assembled)
    assert assembled == ["assembled"]


def test_a_delta_serves_both_languages(root: Path, assembled: list[str]) -> None:
    """Its problems hold codes, worded when shown: a run in English takes it too."""
    load(root)
    run(root, "log", "P001", "talk", "--helper", "H002", "--date", "2026-11-20")  # a warning, worded
    (root / "contacts/2026-11.csv").write_text((root / "contacts/2026-11.csv").read_text(encoding="utf-8")
                                               + "2026-11-20,P001,bogus,,,,\n", encoding="utf-8")
    load(root)  # a new snapshot, with problems
    run(root, *WRITES["log"])
    zh = [p.message for p in load(root).problems]
    set_lang("en")
    try:
        en = _with_delta_used(root, assembled)
        assert assembled == []
        assert [p.message for p in en.problems] == [p.message for p in fresh(root).problems] != zh
        assert any("unknown contact kind bogus" in p.message for p in en.problems)
    finally:
        set_lang("zh")


def test_no_cache_writes_no_delta(root: Path) -> None:
    load(root)
    result = CliRunner().invoke(app, ["--no-cache", *WRITES["log"], "--records", str(root), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert not (root / cache.FOLDER / snapshot.DELTA_FILE).exists()


def test_too_many_files_since_the_snapshot_start_afresh(root: Path, assembled: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "DELTA_MAX", 1)
    load(root)
    run(root, *WRITES["log"])
    assert (root / cache.FOLDER / snapshot.DELTA_FILE).is_file()
    run(root, *WRITES["assess"])
    assert not (root / cache.FOLDER / snapshot.DELTA_FILE).exists()
    _with_delta_used(root, assembled)
    assert assembled == ["assembled"]


_writes = st.lists(st.sampled_from(list(WRITES)[2:]) | st.builds(
    lambda day, pairing: ("log", pairing, "talk", "--date", f"2026-11-{day:02d}"),
    st.integers(1, 23), st.sampled_from(["P001", "P002", "P022"])), min_size=1, max_size=5)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=_writes)
def test_any_writes_then_loading_is_as_afresh(tmp_path_factory: pytest.TempPathFactory,
                                             monkeypatch: pytest.MonkeyPatch, writes: list[Any]) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    root = tmp_path_factory.mktemp("writes") / "records"
    shutil.copytree(EXAMPLES, root)
    plant(root)
    load(root)
    for write in writes:
        args = WRITES[write] if isinstance(write, str) else write
        CliRunner().invoke(app, [*args, "--records", str(root), "--today", TODAY])  # refused ones too
        assert records_state(load(root)) == records_state(fresh(root))


def test_a_snapshot_not_made_again_takes_its_delta_along(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The delta holds records too: when the snapshot goes (a file just changed), so does it."""
    load(root)
    run(root, *WRITES["assess"])
    assert (root / cache.FOLDER / snapshot.DELTA_FILE).is_file()
    (root / "helpers/H001.yaml").write_text("id: H001\nname: 改名\nrole: teacher\n", encoding="utf-8")
    monkeypatch.setattr(cache, "RACY_NS", 10**18)  # every file "just changed"
    assert records_state(load(root)) == records_state(fresh(root))
    assert not (root / cache.FOLDER / snapshot.DELTA_FILE).exists()
    assert not (root / cache.FOLDER / snapshot.FILE).exists()
