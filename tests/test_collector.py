"""The collector is paused only while records are read or duties computed, and always comes back."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from liushou_cli import collector
from liushou_cli.duties.engine import compute_due, obligations
from liushou_cli.records.load import load


def test_paused_inside_and_enabled_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()


def test_what_a_pause_made_is_frozen_only_if_asked() -> None:
    frozen = gc.get_freeze_count()
    try:
        with collector.paused():
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
        with collector.paused() as pause:
            kept = [[i] for i in range(100)]
            pause.freeze = True
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with collector.paused(freeze=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_engine_pauses_it_on_every_call(make_records: Callable[..., Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    records = load(make_records(), cache=False)
    seen: list[bool] = []
    real = records.pairings.copy()

    class Spy(dict):  # type: ignore[type-arg]
        def values(self):  # type: ignore[no-untyped-def]
            seen.append(gc.isenabled())
            return super().values()

    monkeypatch.setattr(records, "pairings", Spy(real))
    for _ in range(2):  # a decorator's pause is made afresh for each call
        compute_due(records, date(2026, 11, 23))
        obligations(records, date(2026, 9, 1), date(2026, 11, 23))
        assert gc.isenabled()
    assert seen == [False, False, False, False]


def test_a_large_result_is_frozen_a_small_one_not(make_records: Callable[..., Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from liushou_cli.duties import engine

    records = load(make_records(), cache=False)
    before = gc.get_freeze_count()
    try:
        compute_due(records, date(2026, 11, 23))
        assert gc.get_freeze_count() == before
        monkeypatch.setattr(engine, "FREEZE_FROM", 0)  # as if it were a county's
        compute_due(records, date(2026, 11, 23))
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
