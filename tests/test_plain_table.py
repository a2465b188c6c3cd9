"""Plain aligned tables: what pipes, files and long terminal listings get instead of rich's."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from liushou_cli.duties.engine import Item
from liushou_cli.present import due as due_view
from liushou_cli.present.plain_table import GAP, MIN_WIDTH, _fold, table_lines
from liushou_cli.records.load import load

_cell = st.text(alphabet=st.sampled_from("ab1 张小明四班（）逾期天"), max_size=30)


@given(st.lists(st.lists(_cell, min_size=3, max_size=3), max_size=6), st.integers(30, 100))
def test_rows_fit_the_width_and_keep_every_character(rows: list[list[str]], width: int) -> None:
    headers = ["儿童", "职责", "情况"]
    lines = table_lines(headers, rows, width, no_wrap=[2])
    assert len(lines) == len(rows) + 1
    widest_fixed = max([cell_len(headers[2]), *(cell_len(r[2]) for r in rows)])
    for row, row_lines in zip(rows, lines[1:], strict=True):
        for line in row_lines:
            assert line == line.rstrip()
            assert cell_len(line) <= max(width, 2 * MIN_WIDTH + 2 * GAP + widest_fixed)
        # every character of the row is shown, once (a folded cell continues on the next line)
        assert Counter("".join(row_lines).replace(" ", "")) == Counter("".join(row).replace(" ", ""))


@given(_cell, st.integers(2, 12))
def test_a_folded_cell_comes_back_whole(text: str, width: int) -> None:
    pieces = _fold(text, width)
    assert "".join(pieces) == text
    assert all(cell_len(p) <= width for p in pieces)


def test_columns_line_up_two_spaces_apart() -> None:
    header, first, second = table_lines(["儿童", "到期日"], [["张小明（C001）", "2026-10-31"], ["李四", "2026-11-30"]], 80)
    assert header == ["儿童            到期日"]
    assert first == ["张小明（C001）  2026-10-31"]
    assert second == ["李四            2026-11-30"]


def _items(n: int) -> list[Item]:
    return [Item(status="overdue" if i % 2 else "due_soon", child="C001", pairing="P001", duty="talk",
                 due=date(2026, 11, 1), rule_name="谈心一次", helpers=("H001",), period_start=None,
                 period_end=None, done=0, needed=1) for i in range(n)]


def test_a_long_listing_on_a_terminal_is_fast_layout_with_colours(example_copy: Path) -> None:
    records = load(example_copy)
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, color_system="standard")
    due_view.VIEWS["terminal"](console, records, date(2026, 11, 23), _items(due_view.RICH_TABLES_UP_TO + 1), [], "helper")
    out = buffer.getvalue()
    assert "\x1b[1;31m" in out  # overdue in bold red
    assert "─" not in out  # no rich box: the aligned layout
    assert out.count("谈心一次") == due_view.RICH_TABLES_UP_TO + 1


def test_no_colour_when_asked(example_copy: Path) -> None:
    records = load(example_copy)
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, no_color=True)
    due_view.VIEWS["terminal"](console, records, date(2026, 11, 23), _items(due_view.RICH_TABLES_UP_TO + 1), [], "child")
    assert "\x1b[3" not in buffer.getvalue()
