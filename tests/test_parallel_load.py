"""Reading on several cores gives exactly what reading in one process gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from liushou_cli.records import cache, parallel
from liushou_cli.records import load as load_mod
from liushou_cli.records.load import load
from loadcheck import state

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@pytest.fixture
def many_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for the example's few dozen files, a handful of files each."""
    monkeypatch.setattr(parallel, "FROM_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    monkeypatch.setattr(parallel, "workers_for", lambda files: 2)


def test_workers_read_what_one_process_reads(example_copy: Path, many_workers: None) -> None:
    (example_copy / "children" / "C002.yaml").write_text("id: C002\nname: [unclosed\n", encoding="utf-8")
    alone = load(example_copy, cache=False)
    shared = load(example_copy)  # cold: read by the workers, and cached
    assert state(shared) == state(alone)
    assert any(p.path == "children/C002.yaml" for p in shared.errors)
    assert state(load(example_copy)) == state(alone)  # warm, from what the workers read
    assert len(cache.Cache.open(example_copy).old) == len({p for p in _files(example_copy)})


def _files(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and ".liushou-cache" not in p.parts and p.suffix in (".yaml", ".csv")]


def _dies(tasks: list[Any]) -> bytes:
    if any(rel.startswith("helpers/") for _, rel, _ in tasks):
        os._exit(3)  # a worker killed mid-load
    return load_mod._read_chunk(tasks)


def test_a_dead_worker_costs_time_not_records(
    example_copy: Path, many_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = load(example_copy, cache=False)
    monkeypatch.setattr(load_mod, "_read_chunk", _dies)
    assert state(load(example_copy)) == state(alone)


def test_few_files_stay_in_one_process() -> None:
    assert parallel.workers_for(parallel.FROM_FILES - 1) == 0


def _noisy(tasks: list[Any]) -> bytes:
    import warnings

    print("a worker printing")  # noqa: T201
    warnings.warn("a worker warning", stacklevel=1)
    return load_mod._read_chunk(tasks)


def test_workers_write_nothing_to_the_terminal(
    example_copy: Path, many_workers: None, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A worker has streams of its own: the parent's may be locked by a progress bar's thread."""
    alone = load(example_copy, cache=False)
    monkeypatch.setattr(load_mod, "_read_chunk", _noisy)
    assert state(load(example_copy)) == state(alone)
    out, err = capfd.readouterr()
    assert "a worker" not in out + err
