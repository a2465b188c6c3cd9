"""Presenters for ``due --quiet-days N``: the pairings gone N days without any contact.

The data is ``duties.quiet``'s (``Quiet``: pairing, child, helpers, last contact, days);
these only name the records and lay the rows out, as the listing of what is due does:
grouped by helper (a pairing of several helpers is one group named for all of them) or
one list by child, an aligned table, CSV for Excel, JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from liushou_cli.i18n import t
from liushou_cli.present.cells import excel_csv
from liushou_cli.present.due_text import child_class, child_name, helpers_text, name_id, print_plain

if TYPE_CHECKING:
    from rich.console import Console

    from liushou_cli.duties.quiet import Quiet
    from liushou_cli.records.load import Records

COLUMNS = ("child", "class", "pairing", "last", "days")
BY_CHILD_COLUMNS = ("child", "class", "helpers", "last", "days")


def _cell(records: Records, row: Quiet, column: str) -> str:
    if column == "child":
        return name_id(child_name(records, row.child), row.child)
    if column == "class":
        return child_class(records, row.child)
    if column == "pairing":
        return row.pairing
    if column == "helpers":
        return helpers_text(records, row.helpers, with_ids=False)
    if column == "last":
        return row.last.isoformat() if row.last is not None else t("due.quiet.never")
    return t("due.quiet.days_since" if row.last is not None and row.since == row.last
             else "due.quiet.days_since_start", n=row.days)


def groups(records: Records, rows: list[Quiet], by: str) -> list[tuple[str, list[Quiet]]]:
    """Under each helper (the longest-quiet group first, as the rows come), or one list."""
    if by == "child":
        return [("", sorted(rows, key=lambda q: (q.child, q.pairing)))]
    out: dict[tuple[str, ...], tuple[str, list[Quiet]]] = {}
    for row in rows:
        heading = t("due.group.helpers", names=helpers_text(records, row.helpers))
        out.setdefault(row.helpers, (heading, []))[1].append(row)
    return list(out.values())


def summary(as_of: date, days: int, rows: list[Quiet], active: int) -> str:
    if not rows:
        return t("due.quiet.summary.none", day=as_of.isoformat(), active=active, days=days)
    return t("due.quiet.summary", day=as_of.isoformat(), active=active, days=days, n=len(rows))


def print_quiet(console: Console, records: Records, as_of: date, days: int, rows: list[Quiet],
                active: int, by: str) -> None:
    """Each group's heading and aligned rows, then the count; plain text, so a list of a
    county's pairings is written at once and greps line by line."""
    from liushou_cli.present.plain_table import table_lines

    columns = BY_CHILD_COLUMNS if by == "child" else COLUMNS
    headers = [t(f"due.quiet.col.{c}") for c in columns]
    no_wrap = [i for i, c in enumerate(columns) if c in ("class", "pairing", "last", "days")]
    lines: list[str] = []
    for heading, group in groups(records, rows, by):
        cells = [[_cell(records, row, c) for c in columns] for row in group]
        header, *body = table_lines(headers, cells, console.width, no_wrap)
        lines += [heading, *header] if heading else header
        lines += [line for row_lines in body for line in row_lines]
        lines.append("")
    console.file.write("\n".join(lines) + ("\n" if lines else ""))
    print_plain(console, summary(as_of, days, rows, active))


def row_json(row: Quiet) -> dict[str, Any]:
    return {"pairing": row.pairing, "child": row.child, "helpers": list(row.helpers),
            "last_contact": row.last.isoformat() if row.last is not None else None,
            "since": row.since.isoformat(), "days": row.days}


def _json_pieces(records: Records, as_of: date, days: int, rows: list[Quiet], active: int) -> Iterator[str]:
    from liushou_cli.present.jsonout import pieces

    return pieces({"as_of": as_of.isoformat(), "quiet_days": days, "active_pairings": active,
                   "pairings": [row_json(row) for row in rows]})


CSV_COLUMNS = ("child_id", "child_name", "class", "pairing", "helper_ids", "helpers", "last", "days")


def _csv_pieces(records: Records, as_of: date, days: int, rows: list[Quiet], active: int) -> Iterator[str]:
    """UTF-8 with a BOM and CRLF, as Excel/WPS on Chinese Windows open it."""
    grid = [[t(f"due.quiet.col.{c}") for c in CSV_COLUMNS]]
    grid += [[row.child, child_name(records, row.child), child_class(records, row.child), row.pairing,
              ";".join(row.helpers), helpers_text(records, row.helpers, with_ids=False),
              row.last.isoformat() if row.last is not None else "", str(row.days)] for row in rows]
    return iter([excel_csv(grid)])


# the formats that are data, as in ``present.due.DATA_FORMATS``
QuietFormat = Callable[["Records", date, int, "list[Quiet]", int], Iterator[str]]
DATA_FORMATS: dict[str, QuietFormat] = {"json": _json_pieces, "csv": _csv_pieces}
