"""Loading reports its progress through a callback; only the CLI draws a bar, and
only on a terminal, for slow work."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from liushou_cli import progress
from liushou_cli.cli.progress_bar import TerminalProgress, for_stderr
from liushou_cli.records.load import load
from loadcheck import FILES, small_programme


def test_load_reports_progress(make_records: Callable[..., Path]) -> None:
    heard: list[tuple[str, int, int]] = []
    load(small_programme(make_records), progress=lambda task, done, total: heard.append((task, done, total)))
    assert heard[0] == ("load", 0, FILES) and heard[-1] == ("load", FILES, FILES)
    assert [done for _, done, _ in heard] == list(range(FILES + 1))


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    assert for_stderr(io.StringIO()) is None
    assert progress.default() is progress.silent or callable(progress.default())


def test_the_bar_shows_only_for_slow_work(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream)
    for done in range(5):
        bar("load", done, 4)  # quick: nothing shown
    assert stream.getvalue() == ""
    monkeypatch.setattr("liushou_cli.cli.progress_bar.DELAY", 0.0)
    bar = TerminalProgress(stream)
    bar("load", 0, 4)
    bar("load", 1, 4)
    assert bar.bar is not None
    bar("load", 4, 4)
    assert bar.bar is None
