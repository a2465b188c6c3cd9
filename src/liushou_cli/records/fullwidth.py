"""Full-width punctuation where YAML needs its own (issue 12): found where it stands.

A Chinese keyboard types ``：`` ``，`` ``；`` where YAML needs ``:`` ``,``. To YAML they
are letters, so ``{name: 刘德华, relation：祖父，phone: "139"}`` is read without
complaint as one key ``relation：祖父，phone`` -- the guardian's relation is lost and
the phone is filed under a key nobody knows -- and a line ``gender：男`` under
``name: 张小明`` either breaks the file or becomes part of the name. Each such
character is an error at its own line and column, saying 全角 and what to type.

Full-width punctuation inside ordinary text (``notes: 祖母住院，孩子独自在家``) is
Chinese, not a mistake: only places where it can only be meant as YAML's are
reported -- inside a key, between a flow mapping's entries, between a flow list's
items, or ahead of a line that is shaped like ``key：value``. Pure: text in, problems out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from liushou_cli.problems import Problem, error

# what each character stands for in YAML, and what to type instead
ASCII = {"：": ":", "，": ",", "；": ",", "、": ","}
_ANY = re.compile("[：，；]")
_IN_LIST = re.compile("[，；、]")  # ``、`` too, between a list's items
_WORD = r"[A-Za-z_][A-Za-z0-9_]*"
# ``key：`` at a line's start (after a list's ``- ``), as the records' English keys are
_KEY_LINE = re.compile(rf"^[ \t]*(?:-[ \t]+)?{_WORD}[ \t]*(：)")
# a flow mapping's next entry after a full-width separator: ``，relation：`` / ``，phone:``
_NEXT_ENTRY = re.compile(rf"([，；])[ \t]*{_WORD}[ \t]*([：:])")
_QUOTES = "\"'"


def might_have(text: str) -> bool:
    """Whether ``text`` holds any full-width punctuation at all (most files have some
    in their notes; a file without is done at once)."""
    return _ANY.search(text) is not None


def problem(path: str, line: int, col: int, char: str) -> Problem:
    return error(path, line, col, "full-width", char=char, ascii=ASCII[char])


class _Text:
    """Line starts of a text, to turn (line, col) into an index and back; found when
    first needed (most files' full-width commas are in notes, placed by no one)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return self._starts

    def index(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1 if 0 < line <= len(self.starts) else len(self.text)

    def line(self, line: int) -> str:
        if not 0 < line <= len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end].rstrip("\r")


def in_data(text: str, data: Any, values: dict[Any, tuple[int, int]], keys: dict[Any, tuple[int, int]],
            path: str) -> list[Problem]:
    """Full-width punctuation in the structure of a parsed document, each where it stands."""
    source = _Text(text)
    found: list[Problem] = []
    if isinstance(data, str):  # ``id：C001`` on every line: the whole file read as one text
        for number in range(1, len(source.starts) + 1):
            m = _KEY_LINE.match(source.line(number))
            if m is not None:
                found.append(problem(path, number, m.start(1) + 1, "："))
        return found
    found.extend(_walk(source, data, (), values, keys, path))
    return sorted(set(found), key=Problem.sort_key) if found else found


def _walk(source: _Text, node: Any, loc: tuple[Any, ...], values: dict[Any, tuple[int, int]],
          keys: dict[Any, tuple[int, int]], path: str) -> Iterator[Problem]:
    if isinstance(node, dict):
        flow: bool | None = None  # looked at only for a value that could be wrong
        for key, value in node.items():
            sub = (*loc, key)
            if isinstance(key, str) and _ANY.search(key) and sub in keys:
                yield from _chars_of(source, keys[sub], key, _ANY, path, quoted_too=True)
            if not isinstance(value, str):
                yield from _walk(source, value, sub, values, keys, path)
            elif ("：" in value or _NEXT_ENTRY.search(value)) and sub in values:
                if flow is None:
                    flow = _opens(source, values.get(loc), "{")
                if flow:
                    yield from _entries_in(source, values[sub], value, path)
                elif "：" in value:
                    yield from _key_lines(source, values[sub], value, path)
    elif isinstance(node, list):
        flow = None
        for i, item in enumerate(node):
            sub = (*loc, i)
            if not isinstance(item, str):
                yield from _walk(source, item, sub, values, keys, path)
            elif ("：" in item or _IN_LIST.search(item)) and sub in values:
                if flow is None:
                    flow = _opens(source, values.get(loc), "[")
                if flow and _IN_LIST.search(item):
                    yield from _chars_of(source, values[sub], item, _IN_LIST, path)
                elif not flow and "：" in item:
                    yield from _key_lines(source, values[sub], item, path)


def _opens(source: _Text, at: tuple[int, int] | None, bracket: str) -> bool:
    """Whether the collection starting at ``at`` is a flow one (``{...}``/``[...]``)."""
    if at is None:
        return False
    i = source.index(*at)
    return source.text[i:i + 1] == bracket


def _plain_on_one_line(source: _Text, at: tuple[int, int], value: str, quoted_too: bool) -> int | None:
    """The index of ``value``'s first character if it is written as it reads on one line
    (plain, or quoted when ``quoted_too``), else None: positions inside it are then exact."""
    i = source.index(*at)
    text = source.text
    if text[i:i + 1] in _QUOTES:
        if not quoted_too:
            return None
        i += 1
    return i if text.startswith(value, i) else None


def _chars_of(source: _Text, at: tuple[int, int], value: str, chars: re.Pattern[str], path: str,
              quoted_too: bool = False) -> Iterator[Problem]:
    start = _plain_on_one_line(source, at, value, quoted_too)
    if start is None:
        if quoted_too:  # a key with an escape or a line break: at the key itself
            m = chars.search(value)
            if m is not None:
                yield problem(path, *at, m.group())
        return
    line, col = at
    offset = start - source.index(*at)
    for m in chars.finditer(value):
        yield problem(path, line, col + offset + m.start(), m.group())


def _entries_in(source: _Text, at: tuple[int, int], value: str, path: str) -> Iterator[Problem]:
    """A flow mapping's value that swallowed the next entry: ``刘德华，relation：祖父``."""
    if _NEXT_ENTRY.search(value) is None:
        return
    start = _plain_on_one_line(source, at, value, quoted_too=False)
    if start is None:
        return
    line, col = at
    for m in _NEXT_ENTRY.finditer(value):
        yield problem(path, line, col + m.start(1), m.group(1))
        if m.group(2) == "：":
            yield problem(path, line, col + m.start(2), "：")


def _key_lines(source: _Text, at: tuple[int, int], value: str, path: str) -> Iterator[Problem]:
    """A plain value that runs on over lines shaped like ``key：value`` (``name: 张小明``
    and, indented under it, ``gender：男``): each such line's colon."""
    line, col = at
    i = source.index(line, col)
    if source.text[i:i + 1] in _QUOTES or source.text[i:i + 1] in "|>":
        return
    rest = value
    first = source.line(line)[col - 1:].split(" #", 1)[0].strip()
    if not rest.startswith(first) or rest == first:
        return  # on one line: text, whatever it holds
    rest = rest[len(first):].lstrip()
    number = line + 1
    while rest and number <= len(source.starts):
        content = source.line(number).strip()
        if content and not rest.startswith(content):
            break
        m = _KEY_LINE.match(source.line(number))
        if m is not None and content:
            yield problem(path, number, m.start(1) + 1, "：")
        rest = rest[len(content):].lstrip()
        number += 1


def near_error(text: str, marks: list[tuple[int, int]], path: str) -> list[Problem]:
    """Full-width punctuation that explains a syntax error at ``marks`` (1-based line and
    column; the first is where the error was found), or nothing if none is to blame."""
    source = _Text(text)
    found: list[Problem] = []
    problem_line, problem_col = marks[0]
    for number in dict.fromkeys(line for line, _ in [*marks[1:], marks[0], (problem_line - 1, 1)]):
        content = source.line(number)
        limit = problem_col - 1 if number == problem_line else len(content)
        m = _KEY_LINE.match(content)
        if m is not None and m.start(1) < limit:  # ``gender：男`` on a line of its own
            found.append(problem(path, number, m.start(1) + 1, "："))
        for entry in _NEXT_ENTRY.finditer(content, 0, max(limit, 0) + 2):
            brace = content.rfind("{", 0, entry.start(1))
            # ``{name: 刘德华，relation: 祖父}``; in a block value the ``: `` is the mistake, not the comma
            if brace >= 0 and _outside_quotes(content, brace) and _outside_quotes(content, entry.start(1)):
                found.append(problem(path, number, entry.start(1) + 1, entry.group(1)))
                if entry.group(2) == "：":
                    found.append(problem(path, number, entry.start(2) + 1, "："))
        if found:
            break
    return sorted(set(found), key=Problem.sort_key)


def _outside_quotes(line: str, index: int) -> bool:
    quote = ""
    for ch in line[:index]:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in _QUOTES:
            quote = ch
    return not quote
