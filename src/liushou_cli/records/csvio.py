"""The contact log: every ``contacts/*.csv``, each row a ``Contact`` with its line."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from liushou_cli.model import CONTACT_KINDS, ID_PATTERN, Contact
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.validate import suggest

COLUMNS = ("date", "pairing", "kinds", "helper", "channel", "minutes", "summary")
REQUIRED = ("date", "pairing", "kinds")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(ID_PATTERN)
_KIND_SPLIT = re.compile(r"[;；]")


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


def parse_contacts(text: str, path: str) -> tuple[list[Contact], list[Problem]]:
    """Rows of one CSV file; a bad row is reported and left out, the rest are kept."""
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    contacts: list[Contact] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [error(path, 1, 1, "csv-syntax", reason=str(exc))]
    if header is None:
        return [], []
    names = [h.strip().lower() for h in header]
    for column in REQUIRED:
        if column not in names:
            problems.append(error(path, 1, 1, "csv-missing-column", column=column))
    for i, name in enumerate(names):
        if name not in COLUMNS:
            problems.append(
                warning(path, 1, _col(lines, 1, header, i), "csv-unknown-column",
                        column=header[i], suggestion=suggest(name, COLUMNS))
            )
    if any(p.is_error for p in problems):
        return [], problems
    index = {name: i for i, name in enumerate(names) if name in COLUMNS}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(error(path, reader.line_num, 1, "csv-syntax", reason=str(exc)))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(error(path, line, 1, "csv-ragged", got=len(row), expected=len(header)))
            continue
        contact, row_problems = _row(row, index, path, line, lines)
        problems.extend(row_problems)
        if contact is not None:
            contacts.append(contact)
    return contacts, problems


def _col(lines: list[str], line: int, row: list[str], i: int) -> int:
    """Character column of field ``i`` when the line is plain, else its field number."""
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    if '"' in raw or i >= len(row):
        return i + 1
    return 1 + sum(len(cell) + 1 for cell in row[:i])


def _row(
    row: list[str], index: dict[str, int], path: str, line: int, lines: list[str]
) -> tuple[Contact | None, list[Problem]]:
    def cell(name: str) -> str:
        i = index.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def col(name: str) -> int:
        return _col(lines, line, row, index.get(name, 0))

    problems: list[Problem] = []
    day = parse_date(cell("date"))
    if day is None:
        if cell("date"):
            problems.append(error(path, line, col("date"), "bad-date", value=cell("date")))
        else:
            problems.append(error(path, line, col("date"), "required", field="date"))
    pairing = cell("pairing")
    if not pairing:
        problems.append(error(path, line, col("pairing"), "required", field="pairing"))
    elif not _ID.match(pairing):
        problems.append(error(path, line, col("pairing"), "bad-id", value=pairing))
    kinds = split_kinds(cell("kinds"))
    if not kinds:
        problems.append(error(path, line, col("kinds"), "required", field="kinds"))
    for kind in kinds:
        if kind not in CONTACT_KINDS:
            problems.append(
                error(path, line, col("kinds"), "unknown-kind", kind=kind,
                      suggestion=suggest(kind, CONTACT_KINDS), kinds=", ".join(CONTACT_KINDS))
            )
    minutes: int | None = None
    if cell("minutes"):
        try:
            minutes = int(cell("minutes"))
        except ValueError:
            problems.append(error(path, line, col("minutes"), "bad-number", field="minutes", value=cell("minutes")))
    if problems or day is None:
        return None, problems
    contact = Contact(
        date=day,
        pairing=pairing,
        kinds=kinds,
        helper=cell("helper") or None,
        channel=cell("channel") or None,
        minutes=minutes,
        summary=cell("summary") or None,
        path=path,
        line=line,
    )
    return contact, problems
