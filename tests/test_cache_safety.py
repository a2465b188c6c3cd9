"""The cache holds children's data: private to its user, never read when others
could have written it, never able to run code, and off when asked."""

from __future__ import annotations

import pickle
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records import cache
from liushou_cli.records.load import load
from loadcheck import FILES, Evil, assert_same_as_uncached, cache_file, header_of, small_programme


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return small_programme(make_records)


def test_the_cache_is_private(root: Path) -> None:
    load(root)
    assert stat.S_IMODE(cache_file(root).stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_file(root).parent.stat().st_mode) == 0o700
    assert (root / cache.FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_no_cache_writes_nothing(root: Path) -> None:
    load(root, cache=False)
    assert not (root / cache.FOLDER).exists()


def test_a_crafted_cache_runs_no_code(root: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    load(root)
    path = cache_file(root)
    header = header_of(path.read_bytes())  # the real header: the rows after it are unpickled
    path.write_bytes(header + pickle.dumps([("liushou.yaml", (1, 2, 3, 4), b"x", False, None, Evil(marker))]))
    assert_same_as_uncached(root)
    assert not marker.exists()


def test_a_cache_others_can_write_is_not_read(root: Path, reads: list[str]) -> None:
    load(root)
    cache_file(root).chmod(0o666)
    reads.clear()
    load(root)
    assert len(reads) == FILES


def test_the_cache_folder_is_not_records(root: Path) -> None:
    load(root)
    (root / cache.FOLDER / "notes.yaml").write_text("id: X\n", encoding="utf-8")
    records = load(root)
    assert not [p for p in records.problems if cache.FOLDER in p.path]


def test_cli_no_cache_option_and_environment(
    runner: CliRunner, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["--records", str(root), "--no-cache", "check", "--today", "2026-11-23"])
    assert result.exit_code == 1 and not (root / cache.FOLDER).exists()
    monkeypatch.setenv("LIUSHOU_NO_CACHE", "1")
    runner.invoke(app, ["--records", str(root), "check", "--today", "2026-11-23"])
    assert not (root / cache.FOLDER).exists()
    monkeypatch.delenv("LIUSHOU_NO_CACHE")
    first = runner.invoke(app, ["--records", str(root), "check", "--json", "--today", "2026-11-23"])
    assert (root / cache.FOLDER).exists()
    second = runner.invoke(app, ["--records", str(root), "check", "--json", "--today", "2026-11-23"])
    assert first.stdout == second.stdout and "progress" not in second.stderr
