"""The contact log: every ``contacts/*.csv``, each row a ``Contact`` with its line.

Rows come from Excel and WPS as often as from ``liushou log``, so the reader is
forgiving where nothing is lost (column order and case, trailing empty cells,
``；`` between kinds) and exact about where a problem is: the line a row
starts on and the column of the cell, even when quoted cells hold commas or
line breaks.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from liushou_cli.i18n import t
from liushou_cli.model import CONTACT_KINDS, ID_PATTERN, Contact
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.validate import suggest

COLUMNS = ("date", "pairing", "kinds", "helper", "channel", "minutes", "summary")
REQUIRED = ("date", "pairing", "kinds")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(ID_PATTERN)
_KIND_SPLIT = re.compile(r"[;；]")
_OTHER_SEPARATORS = re.compile(r"[,，、/ ]")

Pos = tuple[int, int]


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def split_kinds(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in _KIND_SPLIT.split(text) if k.strip())


def field_starts(raw: str, first_line: int) -> list[Pos]:
    """Where each cell of one CSV record starts (line, column), quotes understood.

    ``raw`` is the record's text as it stands in the file, possibly over several
    lines when a quoted cell holds a line break.
    """
    if '"' not in raw:  # the common row: no quotes, so no line break inside a cell
        body = raw.rstrip("\r\n")
        if "\n" not in body and "\r" not in body:
            simple: list[Pos] = [(first_line, 1)]
            col = 1
            for cell in body.split(",")[:-1]:
                col += len(cell) + 1
                simple.append((first_line, col))
            return simple
    starts: list[Pos] = [(first_line, 1)]
    line, col = first_line, 1
    state = "start"  # start | plain | quoted | quote (a " inside quotes: end or escape)
    n = len(raw)
    for i, ch in enumerate(raw):
        if state == "start":
            state = "quoted" if ch == '"' else "plain"
        elif state == "quoted":
            state = "quote" if ch == '"' else "quoted"
        elif state == "quote":
            state = "quoted" if ch == '"' else "plain"
        if ch == "," and state == "plain":
            starts.append((line, col + 1))
            state = "start"
        if ch == "\n" or (ch == "\r" and (i + 1 >= n or raw[i + 1] != "\n")):
            line, col = line + 1, 1
            if state in ("plain", "quote"):
                state = "start"
        else:
            col += 1
    return starts


def parse_contacts(text: str, path: str) -> tuple[list[Contact], list[Problem]]:
    """Rows of one CSV file; a bad row is reported and left out, the rest are kept."""
    text = text.removeprefix("\ufeff")
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [error(path, 1, 1, "csv-syntax", reason=str(exc))]
    if header is None:
        return [], []
    header_at = field_starts("".join(lines[: reader.line_num]), 1)
    index, problems = _header(header, header_at, path)
    if any(p.is_error for p in problems):
        return [], problems
    contacts: list[Contact] = []
    shared: dict[object, object] = {}  # equal dates, kinds and column layouts: one object each
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            problems.append(error(path, start, 1, "csv-syntax", reason=str(exc)))
            continue
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        at = field_starts("".join(lines[start - 1 : end]), start)
        contact, row_problems = _row(row, index, len(header), at, path, shared)
        problems.extend(row_problems)
        if contact is not None:
            contacts.append(contact)
    return contacts, problems


def _header(header: list[str], at: list[Pos], path: str) -> tuple[dict[str, int], list[Problem]]:
    """Column index by name; required, duplicate and unknown columns reported."""
    problems: list[Problem] = []
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = cell.strip().lstrip("\ufeff").lower()
        where = at[i] if i < len(at) else (1, 1)
        if not name:
            continue  # Excel leaves empty header cells past the table: nothing to read
        if name in index:
            problems.append(error(path, *where, "csv-duplicate-column", column=cell.strip()))
        elif name in COLUMNS:
            index[name] = i
        else:
            problems.append(warning(path, *where, "csv-unknown-column", column=cell.strip(),
                                    suggestion=suggest(name, COLUMNS)))
            index.setdefault(name, i)
    for column in REQUIRED:
        if column not in index:
            problems.append(error(path, 1, 1, "csv-missing-column", column=column))
    return {name: i for name, i in index.items() if name in COLUMNS}, problems


def _row(
    row: list[str], index: dict[str, int], width: int, at: list[Pos], path: str,
    shared: dict[object, object] | None = None,
) -> tuple[Contact | None, list[Problem]]:
    """One row as a contact, or its problems. ``shared`` keeps one object per distinct
    small value across the rows of a file: 60,000 rows hold a few hundred of them."""
    def cell(name: str) -> str:
        i = index.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def pos(name: str) -> Pos:
        i = index.get(name, 0)
        return at[i] if i < len(at) else at[0]

    problems: list[Problem] = []
    extra = [i for i in range(width, len(row)) if row[i].strip()]
    if extra:
        where = at[extra[0]] if extra[0] < len(at) else at[0]
        problems.append(error(path, *where, "csv-ragged", got=len(row), expected=width))
        return None, problems
    day = parse_date(cell("date"))
    if day is None:
        if cell("date"):
            problems.append(error(path, *pos("date"), "bad-date", value=cell("date")))
        else:
            problems.append(error(path, *pos("date"), "required", field="date"))
    pairing = cell("pairing")
    if not pairing:
        problems.append(error(path, *pos("pairing"), "required", field="pairing"))
    elif not _ID.match(pairing):
        problems.append(error(path, *pos("pairing"), "bad-id", value=pairing))
    kinds = split_kinds(cell("kinds"))
    if not kinds:
        problems.append(error(path, *pos("kinds"), "required", field="kinds"))
    for kind in kinds:
        if kind not in CONTACT_KINDS:
            hint = t("word.kinds_separator") if _OTHER_SEPARATORS.search(kind) else suggest(kind, CONTACT_KINDS, "kind")
            problems.append(error(path, *pos("kinds"), "unknown-kind", kind=kind, suggestion=hint,
                                  kinds=", ".join(CONTACT_KINDS)))
    helper = cell("helper")
    if helper and not _ID.match(helper):
        problems.append(error(path, *pos("helper"), "bad-id", value=helper))
    minutes: int | None = None
    if cell("minutes"):
        try:
            minutes = int(cell("minutes"))
            if minutes < 0:
                raise ValueError
        except ValueError:
            minutes = None
            problems.append(error(path, *pos("minutes"), "bad-number", field="minutes", value=cell("minutes")))
    if problems or day is None:
        return None, problems
    first = at[0]
    cols = tuple([(name, at[i][1]) for name, i in index.items() if i < len(at) and at[i][0] == first[0]])
    if shared is not None:
        day, kinds, cols = (shared.setdefault(value, value) for value in (day, kinds, cols))  # type: ignore[assignment]
    contact = Contact(
        date=day,
        pairing=pairing,
        kinds=kinds,
        helper=helper or None,
        channel=cell("channel") or None,
        minutes=minutes,
        summary=cell("summary") or None,
        path=path,
        line=first[0],
        cols=cols,
    )
    return contact, problems

