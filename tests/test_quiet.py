"""Longest without contact (duties/quiet.py): who counts as quiet, from when, and the touched shares."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liushou_cli.duties.quiet import quiet, standing, touched
from test_engine import D, child, contact, pairing, program, records

T = D("2026-11-23")


@pytest.mark.parametrize(("start", "contacts", "days", "expected"), [
    # (pairing start, contact dates, N, (last, since, days) or None when not quiet)
    ("2026-09-05", [], 30, (None, "2026-09-05", 79)),  # never contacted: from the start
    ("2026-11-01", [], 30, None),  # a pairing of 22 days is not a month without contact
    ("2026-10-24", [], 30, (None, "2026-10-24", 30)),  # exactly N days since the start
    ("2026-09-05", ["2026-10-24"], 30, ("2026-10-24", "2026-10-24", 30)),  # T - N: quiet
    ("2026-09-05", ["2026-10-25"], 30, None),  # T - N + 1 is inside the N days
    ("2026-09-05", ["2026-10-01", "2026-09-10"], 30, ("2026-10-01", "2026-10-01", 53)),  # the last one
    ("2026-09-05", ["2026-10-01", "2026-11-24"], 30, ("2026-10-01", "2026-10-01", 53)),  # after T: not seen
    ("2026-09-05", ["2026-11-23"], 1, None),  # a contact on T itself
    ("2026-10-01", ["2026-09-20"], 30, ("2026-09-20", "2026-10-01", 53)),  # before the start: from the start
])
def test_who_is_quiet(start: str, contacts: list[str], days: int,
                      expected: tuple[str | None, str, int] | None) -> None:
    recs = records(program(), [child()], [pairing(start=start)], [contact(d) for d in contacts])
    found = quiet(recs, T, days)
    if expected is None:
        assert found == []
        return
    (q,) = found
    last, since, n = expected
    assert (q.pairing, q.child, q.helpers) == ("P001", "C001", ("H001",))
    assert (q.last, q.since, q.days) == (D(last) if last else None, D(since), n)


def test_only_active_pairings_longest_first() -> None:
    kids = [child("C001"), child("C002"), child("C003", left={"date": "2026-11-01"}), child("C004")]
    pairs = [pairing("P001", "C001"), pairing("P002", "C002"), pairing("P003", "C003"),
             pairing("P004", "C004", end="2026-11-10"), pairing("P005", "C004", start="2026-09-01")]
    log = [contact("2026-10-20", pid="P001"), contact("2026-09-30", "call", pid="P002")]
    ids = [q.pairing for q in quiet(records(program(), kids, pairs, log), T, 30)]
    assert ids == ["P005", "P002", "P001"]  # 83 days, 54 days, 34 days; P003's child left, P004 ended


def test_any_kind_counts_whoever_logged_it() -> None:
    log = [contact("2026-11-20", "festival;letter")]
    assert quiet(records(program(), [child()], [pairing()], log), T, 7) == []


def test_touched_shares_by_the_last_contact() -> None:
    kids = [child(f"C00{i}") for i in range(1, 6)]
    pairs = [pairing(f"P00{i}", f"C00{i}", start="2026-06-01") for i in range(1, 6)]
    log = [contact("2026-11-23", pid="P001"),  # 0 days
           contact("2026-10-24", pid="P002"),  # 30 days: not in the last 30
           contact("2026-09-25", pid="P003"),  # 59 days
           contact("2026-07-26", pid="P004")]  # 120 days: not in the last 120; P005 never
    pairings = standing(records(program(), kids, pairs, log), T)
    assert len(pairings) == 5
    assert touched(pairings) == {30: 1, 60: 3, 120: 3}


def test_a_new_pairing_without_contact_is_not_touched() -> None:
    recs = records(program(), [child()], [pairing(start="2026-11-20")])
    assert touched(standing(recs, T)) == {30: 0, 60: 0, 120: 0}
    assert quiet(recs, T, 30) == []


offsets = st.lists(st.integers(min_value=-150, max_value=10), max_size=6)


@given(offsets, st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=120))
def test_more_days_never_adds_a_pairing_and_a_contact_today_removes_it(
        back: list[int], started: int, days: int) -> None:
    start = (T - timedelta(days=started)).isoformat()
    log = [contact((T + timedelta(days=b)).isoformat()) for b in back]
    recs = records(program(), [child()], [pairing(start=start)], log)
    assert {q.pairing for q in quiet(recs, T, days + 1)} <= {q.pairing for q in quiet(recs, T, days)}
    today = records(program(), [child()], [pairing(start=start)], [*log, contact(T.isoformat())])
    assert quiet(today, T, days) == []
    shares = touched(standing(recs, T))
    assert shares[30] <= shares[60] <= shares[120] <= 1

