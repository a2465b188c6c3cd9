"""Reading the file: .xlsx or CSV as Excel and WPS save them, into sheets and a roster.

Excel on Chinese Windows saves "CSV (逗号分隔)" as GBK, "CSV UTF-8" with a BOM and
"Unicode 文本" as UTF-16 with tabs; an .xlsx keeps a merged cell's value in its
first cell only. Each sheet and each encoding that decodes is tried until a header
makes sense, so the coordinator never has to say how the file was saved.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from liushou_cli.progress import Progress
from liushou_cli.records.bounded import check_xlsx
from liushou_cli.roster.errors import RosterError
from liushou_cli.roster.fields import norm_header
from liushou_cli.roster.header import Header, find_header
from liushou_cli.roster.rows import RosterRow, read_rows
from liushou_cli.roster.sheet import Cell, Sheet


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an .xlsx, or the one table of a CSV/TSV file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RosterError("importer.err.no_file", path=str(path))
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        raise RosterError("importer.err.old_format", suffix=suffix)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError("importer.err.unreadable", path=str(path), reason=exc.strerror or type(exc).__name__) from None
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary .xls, whatever its name
        raise RosterError("importer.err.old_format", suffix=suffix if suffix != ".xlsx" else ".xls")
    if suffix in (".xlsx", ".xlsm") or raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    return list(_csv_candidates(raw))


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        check_xlsx(path)  # a zip bomb or a merged range over a whole sheet: refused before openpyxl expands it
        book = load_workbook(path, data_only=True)
    except OSError as exc:
        raise RosterError("importer.err.bad_xlsx", reason=exc.strerror or type(exc).__name__) from None
    except Exception as exc:  # zip, XML and openpyxl's own errors all mean "not a usable .xlsx"
        raise RosterError("importer.err.bad_xlsx", reason=type(exc).__name__) from None
    sheets = []
    for ws in book.worksheets:
        found: dict[int, dict[int, Cell]] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    found.setdefault(cell.row, {})[cell.column] = _cell(cell.value)
        # a merged cell's value belongs to every cell it covers (a merged 监护人 header,
        # a 学校 written once for ten children)
        for rng in ws.merged_cells.ranges:
            value = found.get(rng.min_row, {}).get(rng.min_col)
            if value is None:
                continue
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    found.setdefault(r, {})[c] = value
        # as wide as the cells in use (a sheet formatted to column XFD is not that wide)
        width = max((max(cols) for cols in found.values()), default=0)
        rows = [(r, [cols.get(c) for c in range(1, width + 1)]) for r, cols in sorted(found.items())]
        sheets.append(Sheet(rows, name=ws.title, encoding="xlsx"))
    book.close()
    return sheets


def _cell(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()  # a date cell; a time of day in a roster means nothing here
    if isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
        return value
    return str(value)


def _csv_candidates(raw: bytes) -> Iterable[Sheet]:
    """The CSV decoded each way Excel and WPS may have saved it, best guess first:
    a BOM says it all; else strict UTF-8; else GB18030 (a superset of GBK)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        attempts = [("utf-8-sig", raw)]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        attempts = [("utf-16", raw)]  # Excel's "Unicode 文本": UTF-16, tab-separated
    else:
        attempts = [("utf-8", raw), ("gb18030", raw)]
    for encoding, data in attempts:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        yield Sheet(_parse_csv(text), encoding=encoding)


def _parse_csv(text: str) -> list[tuple[int, list[Cell]]]:
    head = [line for line in text.splitlines()[:10] if line.strip()]
    delimiter = "\t" if sum(x.count("\t") for x in head) > sum(x.count(",") for x in head) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, list(row)) for number, row in enumerate(reader, start=1)]


# --- the whole file ---------------------------------------------------------------


@dataclass
class Roster:
    rows: list[RosterRow]
    header: Header
    sheet: str
    encoding: str


def read_roster(path: Path, mapping: dict[str, str] | None = None, sheet: str | None = None,
                progress: Progress | None = None) -> Roster:
    """The roster in ``path``: the first sheet (or ``sheet``) and encoding whose header
    makes sense, and its rows (each reported to ``progress`` as it is read)."""
    for candidate in sheets_named(path, sheet):
        header = find_header(candidate, mapping)
        if header is None:
            continue
        check_map(header, mapping)
        return Roster(read_rows(candidate, header, progress), header, candidate.name, candidate.encoding)
    raise RosterError("importer.err.no_header")


def sheets_named(path: Path, sheet: str | None) -> list[Sheet]:
    """The file's sheets (its decodings, for a CSV), or only the one named ``sheet``."""
    sheets = read_sheets(path)
    if sheet is not None:
        sheets = [s for s in sheets if s.name == sheet]
        if not sheets:
            raise RosterError("importer.err.no_sheet", sheet=sheet)
    return sheets


def check_map(header: Header, mapping: dict[str, str] | None) -> None:
    """Every header given to ``--map`` is in the file (a typo there would go unnoticed)."""
    labels = {norm_header(c.label) for c in header.columns} | {
        re.sub(r"\(.*?\)", "", norm_header(c.label)) for c in header.columns
    }
    missing = [h for h in (mapping or {}) if h not in labels]
    if missing:
        raise RosterError("importer.err.map_unknown", header=missing[0],
                          headers="、".join(c.label for c in header.columns if c.label))
