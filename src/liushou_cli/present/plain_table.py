"""Tables as plain aligned text, for pipes and files.

rich lays a table out cell by cell through its renderables, about 0.7 ms a row:
25 seconds for the weekly list of a county's 35,000 items, piped to a file or a
mail. This makes the same layout rich makes without a box (columns two spaces
apart, no padding at line ends, long cells folded within the width) with plain
string work, at a hundredth of the cost.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, get_character_cell_size

GAP = 2  # spaces between columns, as rich's box-less table with padding (0, 1)
MIN_WIDTH = 4  # a folded column keeps at least this many cells


def _fold(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (a wide character is never split)."""
    if cell_len(text) <= width:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for char in text:
        size = get_character_cell_size(char)
        if used + size > width and current:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += size
    if current:
        pieces.append("".join(current))
    return pieces


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int,
                  no_wrap: Sequence[int] = ()) -> list[int]:
    """Each column as wide as its widest cell; if that is too wide for ``width``, the widest
    foldable column gives way first, one cell at a time, down to ``MIN_WIDTH``."""
    widths = [max([cell_len(h), *(cell_len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    foldable = [i for i in range(len(headers)) if i not in no_wrap]
    excess = sum(widths) + GAP * (len(headers) - 1) - width
    while excess > 0:
        candidates = [i for i in foldable if widths[i] > MIN_WIDTH]
        if not candidates:
            break  # wider than the screen all the same: the terminal wraps it
        widths[max(candidates, key=widths.__getitem__)] -= 1
        excess -= 1
    return widths


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int,
                no_wrap: Sequence[int] = ()) -> list[list[str]]:
    """The header's lines, then each row's lines (more than one where a cell folds), aligned,
    right ends stripped."""
    widths = column_widths(headers, rows, width, no_wrap)
    out: list[list[str]] = []
    for row in (headers, *rows):
        cells = [[cell] if i in no_wrap else _fold(cell, w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines = []
        for k in range(max(len(parts) for parts in cells)):
            line = []
            for parts, w in zip(cells, widths, strict=True):
                part = parts[k] if k < len(parts) else ""
                line.append(part + " " * (w - cell_len(part)))
            lines.append((" " * GAP).join(line).rstrip())
        out.append(lines)
    return out
