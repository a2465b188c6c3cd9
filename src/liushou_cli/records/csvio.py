"""The contact log: every ``contacts/*.csv``, each row a ``Contact`` with its line.

Rows come from Excel and WPS as often as from ``liushou log``, so the reader is
forgiving where nothing is lost (RECORDS.md 1.1: column order and case, Chinese
column names, trailing empty cells and blank rows, dates as ``2026/11/3``, kinds
by their Chinese names between ``;`` ``；`` ``、`` ``，`` ``/`` or spaces, a child
instead of a pairing) and exact about where a problem is: the line a row starts
on and the column of the cell, even when quoted cells hold commas or line breaks.

A row that names a child (or a helper by name) is kept as written here: which
pairing it belongs to needs the other records, so ``records.resolve`` decides it
where the programme is assembled, and what this module gives depends on the
file's bytes alone (the records cache keeps it).
"""

from __future__ import annotations

import csv
import functools
import io
import re

from liushou_cli.dates import parse_date
from liushou_cli.model import CONTACT_KINDS, ID_PATTERN, Contact
from liushou_cli.phrases import Phrase
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.validate import suggest
from liushou_cli.vocab import KIND_WORDS, english_value

COLUMNS = ("date", "pairing", "kinds", "helper", "channel", "minutes", "summary")  # what ``log`` writes
READ_COLUMNS = (*COLUMNS, "child")  # ``child``: a child's id or name standing for its pairing
# Chinese column names (RECORDS.md 1.1), compared without spaces, with ``（）`` as ``()``
HEADER_WORDS: dict[str, str] = {
    "日期": "date", "结对": "pairing", "结对编号": "pairing", "类型": "kinds", "联系类型": "kinds",
    "帮扶人": "helper", "方式": "channel", "时长": "minutes", "时长(分钟)": "minutes",
    "内容": "summary", "摘要": "summary", "儿童": "child",
}
REQUIRED = ("date", "pairing", "kinds")  # ``child`` may stand for ``pairing``
_ID = re.compile(ID_PATTERN)
KIND_SEPARATORS = re.compile(r"[;；、，,\s]+")  # between kinds (RECORDS.md 1.1); "/" apart: see slash_words
_OTHER_SEPARATORS = re.compile(r"[|+＋&＆.。:：]")
_HEADER_FOLD = str.maketrans({"（": "(", "）": ")", "／": "/"})

Pos = tuple[int, int]


def column_of(cell: str) -> str | None:
    """The column a header cell names (``date`` ... ``child``), or None."""
    name = cell.strip().lstrip("\ufeff")
    lower = name.lower()
    if lower in READ_COLUMNS:
        return lower
    return HEADER_WORDS.get("".join(name.split()).translate(_HEADER_FOLD))


def header_makes_sense(line: str) -> bool:
    """Whether a first line read as GB18030 is a contact log's header: its columns are
    all there, or one of its Chinese cells is a column name. Text in another encoding
    read as GB18030 gives neither."""
    try:
        cells = next(csv.reader([line.rstrip("\r\n")]), [])
    except csv.Error:
        return False
    names = {column_of(cell) for cell in cells}
    if {"date", "kinds"} <= names and names & {"pairing", "child"}:
        return True
    return any(not cell.isascii() and column_of(cell) is not None for cell in cells)


@functools.lru_cache(maxsize=4096)
def read_kinds(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kind ids a cell names, and the words that name none, each in order.

    ``home_visit;talk``, ``家访；谈心``, ``走访、电话 视频``. A ``/`` separates two
    kinds except inside a label that holds one (``走访/家访``, ``电话/视频``): the
    longest label from the left is taken, so ``家访/电话/视频`` is home_visit and call.
    A kind named twice (``走访；家访``) counts once.
    """
    kinds: list[str] = []
    unknown: list[str] = []
    for piece in KIND_SEPARATORS.split(text.strip()):
        for word in slash_words(piece.translate(_HEADER_FOLD)):
            kind = english_value("kind", word)
            if kind is None:
                unknown.append(word)
            elif kind not in kinds:
                kinds.append(kind)
    return tuple(kinds), tuple(unknown)


def slash_words(piece: str) -> list[str]:
    """One separated part's words: a ``/`` separates two, except inside a label that
    holds one (``走访/家访``, ``电话/视频``), the longest label from the left taken."""
    if not piece or "/" not in piece or piece in KIND_WORDS:
        return [piece] if piece else []
    parts = [part for part in piece.split("/") if part]
    words: list[str] = []
    i = 0
    while i < len(parts):
        pair = f"{parts[i]}/{parts[i + 1]}" if i + 1 < len(parts) else ""
        if pair in KIND_WORDS:
            words.append(pair)
            i += 2
        else:
            words.append(parts[i])
            i += 1
    return words


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
    unknown: set[str] = set()
    for i, cell in enumerate(header):
        written = cell.strip().lstrip("\ufeff")
        where = at[i] if i < len(at) else (1, 1)
        if not written:
            continue  # Excel leaves empty header cells past the table: nothing to read
        name = column_of(written) or written.lower()
        if name in index or name in unknown:
            problems.append(error(path, *where, "csv-duplicate-column", column=written))
        elif name in READ_COLUMNS:
            index[name] = i
        else:
            problems.append(warning(path, *where, "csv-unknown-column", column=written,
                                    suggestion=suggest(written, (*READ_COLUMNS, *HEADER_WORDS))))
            unknown.add(name)
    for column in REQUIRED:
        if column not in index and not (column == "pairing" and "child" in index):
            problems.append(error(path, 1, 1, "csv-missing-column", column=column))
    return index, problems


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
    pairing, child = cell("pairing"), cell("child")
    if not pairing and not child:
        name = "pairing" if "pairing" in index or "child" not in index else "child"
        problems.append(error(path, *pos(name), "required", field=name))
    elif pairing and not _ID.match(pairing):
        problems.append(error(path, *pos("pairing"), "bad-id", value=pairing))
    kinds, unknown = read_kinds(cell("kinds"))
    if not kinds and not unknown:
        problems.append(error(path, *pos("kinds"), "required", field="kinds"))
    for kind in unknown:
        hint = Phrase("word.kinds_separator") if _OTHER_SEPARATORS.search(kind) else suggest(kind, CONTACT_KINDS, "kind")
        problems.append(error(path, *pos("kinds"), "unknown-kind", kind=kind, suggestion=hint,
                              kinds=", ".join(CONTACT_KINDS)))
    helper = cell("helper")  # an id, or a helper's name (``records.resolve`` finds whose)
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
        child=child or None,
    )
    return contact, problems
