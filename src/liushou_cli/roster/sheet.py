"""A sheet as Excel shows it: the one shape the file readers produce and the header
and row readers consume, so neither side knows about .xlsx, CSV or encodings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

Cell = str | int | float | date | None


@dataclass
class Sheet:
    """A grid of cells as Excel shows it, with each row's Excel row number."""

    rows: list[tuple[int, list[Cell]]]
    name: str = ""
    encoding: str = ""
