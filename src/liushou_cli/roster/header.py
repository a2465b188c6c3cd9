"""Finding the header row: below a title row, sometimes two rows under merged cells.

A roster typed by hand starts with a title (水三村留守儿童花名册), may split its
header over two rows (姓名 | 电话 | 关系 under a merged 监护人), and a CSV keeps a
merged cell's text only in its first column. This finds the row and says which
field each column holds, and which columns nobody will read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liushou_cli.roster.fields import ATTRS, IGNORE, OWNERS, SUBWORDS, field_for, norm_header
from liushou_cli.roster.sheet import Cell, Sheet


@dataclass
class Column:
    index: int
    label: str  # the header as the user wrote it (two rows joined)
    field: str | None  # None: not understood

    @property
    def letter(self) -> str:
        """The column as Excel names it: A, B … Z, AA …"""
        n, out = self.index + 1, ""
        while n:
            n, rest = divmod(n - 1, 26)
            out = chr(65 + rest) + out
        return out


@dataclass
class Header:
    row: int  # Excel row number of the (last) header row
    columns: list[Column]
    rows_used: int = 1

    @property
    def fields(self) -> dict[str, int]:
        """Each field's column (the first one naming it)."""
        out: dict[str, int] = {}
        for col in self.columns:
            if col.field and col.field != IGNORE:
                out.setdefault(col.field, col.index)
        return out

    def first(self, fld: str) -> Column | None:
        """The column read for ``fld``, if any."""
        return next((c for c in self.columns if c.field == fld), None)

    def all(self, fld: str) -> list[Column]:
        return [c for c in self.columns if c.field == fld]

    def unused(self, repeatable: str = "notes") -> list[str]:
        """Columns nobody will read: unknown names, and a second column for a field
        (but for ``repeatable``, whose columns are all kept, joined)."""
        seen: set[str] = set()
        out = []
        for col in self.columns:
            if not col.label:
                continue
            if col.field is None or (col.field in seen and col.field != repeatable):
                out.append(col.label)
            elif col.field != IGNORE:
                seen.add(col.field)
        return out


def _text(value: Cell) -> str:
    return "" if value is None else norm_header(value)


def find_header(sheet: Sheet, extra: dict[str, str] | None = None, scan: int = 15) -> Header | None:
    """The header row: among the first rows, the first that names a child's 姓名 and at
    least one more known column (a title row such as 水三村留守儿童花名册 names none).
    A row of sub-headers under it (姓名 | 电话 | 关系 under a merged 监护人), or a row of
    group names above it (监护人 | 父亲 …), makes it a two-row header."""
    rows = sheet.rows[:scan]
    for i, (number, cells) in enumerate(rows):
        labels = [_text(c) for c in cells]
        one = [field_for(x, extra) if x else None for x in labels]
        if "name" not in one or sum(1 for f in one if f and f != IGNORE) < 2:
            continue
        name_col = one.index("name")
        if i + 1 < len(sheet.rows) and sheet.rows[i + 1][0] == number + 1:
            number2, cells2 = sheet.rows[i + 1]
            two = _two_rows(labels, [_text(c) for c in cells2], name_col, extra)
            if two is not None:
                return Header(number2, two, rows_used=2)
        if i > 0 and rows[i - 1][0] == number - 1:
            above = [_text(c) for c in rows[i - 1][1]]
            if any(x in OWNERS for x in above):
                two = _two_rows(above, labels, name_col, extra)
                if two is not None:
                    return Header(number, two, rows_used=2)
        columns = [Column(j, x, f) for j, (x, f) in enumerate(zip(labels, one, strict=True))]
        return Header(number, columns)
    return None


_DATA_LIKE = re.compile(r"^[\d\s./:+年月日-]+$|\d{3}")


def _two_rows(top: list[str], sub: list[str], name_col: int, extra: dict[str, str] | None) -> list[Column] | None:
    """The columns of a two-row header, or None when ``sub`` is a row of data: under 姓名
    it holds a child's name, or it holds numbers or dates, or no header word at all."""
    width = max(len(top), len(sub))
    top = top + [""] * (width - len(top))
    sub = sub + [""] * (width - len(sub))
    under_name = sub[name_col]
    if under_name and under_name != top[name_col] and under_name not in SUBWORDS:
        return None
    changed = [s for s, t in zip(sub, top, strict=True) if s and s != t]
    if not any(s in SUBWORDS for s in changed) or any(_DATA_LIKE.search(s) for s in changed):
        return None
    for s, t in zip(sub, top, strict=True):
        # under a header that stands alone (关系), a word must extend it (监护人 → 监护人电话)
        if s and t and s != t and field_for(t, extra) and not field_for(t + s, extra) and s not in ATTRS["name"]:
            return None
    # a CSV keeps a merged top cell only in its first column: carry it right over
    # the columns that have a sub-header and an empty top
    filled = list(top)
    for j in range(1, width):
        if not filled[j] and sub[j] and sub[j - 1] and filled[j - 1]:
            filled[j] = filled[j - 1]
    columns = []
    for j, (t, s) in enumerate(zip(filled, sub, strict=True)):
        if s and t and s != t:
            label = t + s
            fld = field_for(label, extra) or field_for(s, extra)
            if fld is None and s in ATTRS["name"]:
                fld = field_for(t, extra)
        else:
            label = s or t
            fld = field_for(label, extra) if label else None
        columns.append(Column(j, label, fld))
    return columns if any(c.field == "name" for c in columns) else None
