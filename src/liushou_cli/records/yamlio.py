"""YAML 1.2 text to plain data, remembering where every key and value stands.

We compose nodes and build the data ourselves: no Python object is ever
constructed from a tag, numbers keep their exact text (a phone
``13800000001`` or an id ``001`` stays as written), a bad date is an error at
its line instead of a crash, and aliases cannot blow up memory.

Two composers, one reading. ruamel.yaml (pure Python, YAML 1.2) is the
reference: its error messages and positions are the ones coordinators see.
It costs ~3 ms a file, too slow for a county's 25,000 files, so a clean file
is first composed by libyaml through PyYAML's C parser (~0.2 ms), with the
plain scalars resolved here by the YAML 1.2 core schema (never PyYAML's 1.1
resolver, for which ``no`` is false and ``0123`` octal). Anything unusual --
a syntax error, a directive, a tag, a duplicate key, odd line breaks, a very
large file -- goes to ruamel, so problems read exactly as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from liushou_cli.phrases import Phrase, phrase
from liushou_cli.problems import Problem, error
from liushou_cli.records import fullwidth
from liushou_cli.records.modelstate import Shared

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, Node

Loc = tuple[int | str, ...]
Pos = tuple[int, int]
IdAt = tuple[Pos, Pos]  # where a record's id value and its key stand
Reread = Callable[[str], "Located | None"]  # a file's positions found again, by its path
_ID: Loc = ("id",)
_POSITIONS = Shared(4_096)  # most files agree where their id stands

MAX_NODES = 50_000  # a real record has hundreds; ruamel composes ~20,000 a second
MAX_YAML_CHARS = 512 * 1024  # a record this long is a file put here by mistake
MAX_DEPTH = 64
_STD = "tag:yaml.org,2002:"
_TEXT_TAGS = {_STD + "str", _STD + "int", _STD + "float", _STD + "timestamp", _STD + "merge"}
_COLLECTION_TAGS = {_STD + "map", _STD + "seq", "!", "None"}
_TRUE = {"true", "yes", "on", "y"}  # YAML 1.1 spellings, read only under a ``%YAML 1.1`` line

# ruamel's English reasons for the syntax errors people make, in plain words
_REASONS = (
    ("mapping values are not allowed", "yaml.reason.colon"),
    ("found character '\\t'", "yaml.reason.tab"),
    ("that cannot start any token", "yaml.reason.bad_start"),
    ("while scanning a quoted scalar", "yaml.reason.quote"),
    ("expected ',' or ']'", "yaml.reason.bracket"),
    ("expected ',' or '}'", "yaml.reason.brace"),
    ("expected <block end>", "yaml.reason.indent"),
    ("could not find expected ':'", "yaml.reason.no_colon"),
    ("found undefined alias", "yaml.reason.alias"),
    ("expected a single document", "yaml.reason.documents"),
    ("special characters are not allowed", "yaml.reason.control"),
)


class Located:
    """Where each part of one YAML document stands (1-based line and column).

    ``values`` and ``keys`` map a path into the document (``("parents", 0, "phone")``)
    to a position. A valid record's positions are not kept (a county's would be
    25,000 tables): ``Located.rereading`` finds them again by reading the file the
    first time a problem is to be placed there, which most records never need.
    Only the record's ``id`` (its value and its key) is kept: most warnings point
    there, and a county's ``check`` would otherwise re-read hundreds of files.
    """

    __slots__ = ("path", "_values", "_keys", "_reread", "_id")

    def __init__(self, path: str, values: dict[Loc, Pos] | None = None, keys: dict[Loc, Pos] | None = None,
                 id_at: IdAt | None = None, reread: Reread | None = None) -> None:
        self.path = path
        self._values = {} if values is None else values
        self._keys = {} if keys is None else keys
        self._id = id_at  # (value, key) positions of ``id`` while the rest are not kept
        self._reread = reread

    @classmethod
    def rereading(cls, path: str, reread: Reread, id_at: IdAt | None = None) -> Located:
        """Positions found by ``reread(path)`` (None: the file is gone) when first asked
        for, except ``id``'s, given as ``id_at`` (from ``id_positions``) if known. One
        ``reread`` serves every file of a programme."""
        return cls(path, None, None, id_at, reread)

    @property
    def deferred(self) -> bool:
        """Whether the positions are still to be found by reading the file again."""
        return self._reread is not None

    def id_positions(self) -> IdAt | None:
        """Where ``id`` stands (value, key), to keep when the other positions are dropped."""
        if self._id is not None:
            return self._id
        value, key = self._values.get(_ID), self._keys.get(_ID)
        if value is None or key is None:
            return None
        return _POSITIONS.one((value, key))

    def _place(self) -> None:
        reread, self._reread = self._reread, None
        if reread is not None and (found := reread(self.path)) is not None:
            self._values, self._keys = found.values, found.keys

    @property
    def values(self) -> dict[Loc, Pos]:
        if self._reread is not None:
            self._place()
        return self._values

    @values.setter
    def values(self, value: dict[Loc, Pos]) -> None:
        self._reread = None
        self._values = value

    @property
    def keys(self) -> dict[Loc, Pos]:
        if self._reread is not None:
            self._place()
        return self._keys

    @keys.setter
    def keys(self, value: dict[Loc, Pos]) -> None:
        self._reread = None
        self._keys = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Located):
            return NotImplemented
        return (self.path, self.values, self.keys) == (other.path, other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return f"Located(path={self.path!r}, values={self.values!r}, keys={self.keys!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        if self._reread is not None or not (self._values or self._keys):
            if self._id is not None:
                return (Located, (self.path, None, None, self._id))
            return (Located, (self.path,))  # found again by whoever loads it
        return (Located, (self.path, self._values, self._keys))

    def at(self, loc: Loc) -> Pos:
        """The value at ``loc``, or the nearest enclosing part that exists."""
        if loc == _ID and self._id is not None and self._reread is not None:
            return self._id[0]
        values = self.values
        for cut in range(len(loc), -1, -1):
            found = values.get(loc[:cut])
            if found is not None:
                return found
        return (1, 1)

    def key_at(self, loc: Loc) -> Pos:
        if loc == _ID and self._id is not None and self._reread is not None:
            return self._id[1]
        return self.keys.get(loc) or self.at(loc)



class _TooBig(Exception):
    pass


class _Builder:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.count = 0
        self.problems: list[Problem] = []

    def build(self, node: Node, loc: Loc, depth: int = 0) -> Any:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        if depth > MAX_DEPTH:
            raise _TooDeep
        mark = node.start_mark
        self.located.values.setdefault(loc, (mark.line + 1, mark.column + 1))
        if not isinstance(node, ScalarNode) and str(node.tag) not in _COLLECTION_TAGS:
            # e.g. ``!!python/object/apply:os.system [...]``: never constructed, but not data either
            self.problems.append(error(self.located.path, mark.line + 1, mark.column + 1, "yaml-tag", tag=str(node.tag)))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, loc)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        from ruamel.yaml.nodes import ScalarNode

        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            where = (kmark.line + 1, kmark.column + 1)
            if not isinstance(key_node, ScalarNode):
                self.problems.append(error(self.located.path, *where, "yaml-key"))
                continue
            key = str(key_node.value)
            if key in out:
                self.problems.append(error(self.located.path, *where, "duplicate-key", key=key))
                continue
            self.located.keys[loc + (key,)] = where
            out[key] = self.build(value_node, (*loc, key), depth + 1)
        return out

    def _scalar(self, node: Any, loc: Loc) -> Any:
        tag = str(node.tag) if node.tag is not None else None
        if tag in _TEXT_TAGS or tag == "!" or tag is None:
            return node.value
        if tag == _STD + "bool":
            return str(node.value).lower() in _TRUE
        if tag == _STD + "null":
            return None
        line, col = self.located.values[loc]
        self.problems.append(error(self.located.path, line, col, "yaml-tag", tag=tag))
        return None


def _parser() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)  # composing only: the safe scanner skips comments, ~25% faster
    yaml.version = (1, 2)
    yaml.Composer = _bounded_composer()
    return yaml


class _TooDeep(Exception):
    pass


_composer_class: Any = None


def _bounded_composer() -> Any:
    """ruamel's composer, stopped at ``MAX_NODES`` nodes and ``MAX_DEPTH`` levels while it
    composes: past them it would spend minutes and gigabytes (or the C stack) before the
    builder could refuse the document."""
    global _composer_class
    if _composer_class is None:
        from ruamel.yaml.composer import Composer

        class _Bounded(Composer):  # type: ignore[misc]
            count = 0
            level = 0

            def compose_node(self, parent: Any, index: Any) -> Any:
                self.count += 1
                if self.count > MAX_NODES:
                    raise _TooBig
                self.level += 1
                try:
                    if self.level > MAX_DEPTH + 1:
                        raise _TooDeep
                    return super().compose_node(parent, index)
                finally:
                    self.level -= 1

        _composer_class = _Bounded
    return _composer_class


def _reason(*parts: object) -> Phrase | str:
    """What ruamel's words mean, as our catalogue's key; else its words as they are."""
    text = " ".join(str(p) for p in parts if p)
    for needle, key in _REASONS:
        if needle in text:
            return Phrase(key)
    return text


def _position(text: str, index: int) -> Pos:
    """1-based line and column of character ``index``, counting lines as ruamel does."""
    index = max(0, min(index, len(text)))
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    lines = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    return lines + 1, index - line_start + 1


def parse(text: str, path: str) -> tuple[Any, Located, list[Problem]]:
    """Parse one document; on failure the data is None and the problem says where."""
    if len(text) > MAX_YAML_CHARS:
        reason = phrase("robust.file_too_large", limit=f"{MAX_YAML_CHARS // 1024} KB")
        return None, Located(path), [error(path, 1, 1, "unreadable", reason=reason)]
    fast = parse_fast(text, path)
    data, located, problems = fast if fast is not None else parse_reference(text, path)
    if data is not None and fullwidth.might_have(text):
        wrong = fullwidth.in_data(text, data, located.values, located.keys, path)
        if wrong and not isinstance(data, dict):
            return None, located, [*problems, *wrong]  # the whole file read as one text: no record
        problems += wrong
    return data, located, problems


def parse_reference(text: str, path: str) -> tuple[Any, Located, list[Problem]]:
    """The reference reading: ruamel.yaml's composer, its errors and positions."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    located = Located(path)
    try:
        node = _parser().compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted scalar" in str(exc.context) and exc.context_mark is not None:
            mark = exc.context_mark  # an unclosed quote: where it opens, not where the file ends
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        marks = [(m.line + 1, m.column + 1) for m in (exc.problem_mark, exc.context_mark) if m is not None]
        blamed = fullwidth.near_error(text, marks, path) if marks and fullwidth.might_have(text) else []
        if blamed:  # ``gender：男``: the full-width colon is the mistake, where it stands
            return None, located, blamed
        reason = _reason(exc.context, exc.problem)
        return None, located, [error(path, line, col, "yaml-syntax", reason=reason)]
    except ReaderError as exc:
        line, col = _position(text, exc.position)
        return None, located, [error(path, line, col, "yaml-syntax", reason=Phrase("yaml.reason.control"))]
    except _TooBig:
        return None, located, [error(path, 1, 1, "yaml-too-large", limit=MAX_NODES)]
    except (_TooDeep, RecursionError):  # depth has its own words: "nodes" would mislead
        return None, located, [error(path, 1, 1, "yaml-too-deep", limit=MAX_DEPTH)]
    except (YAMLError, ValueError, TypeError, AttributeError, IndexError) as exc:
        # ruamel raises a few unmarked errors on odd input; none may escape as a traceback
        return None, located, [error(path, 1, 1, "yaml-syntax", reason=type(exc).__name__)]
    if node is None:
        return None, located, []
    builder = _Builder(located)
    try:
        data = builder.build(node, ())
    except _TooBig:
        return None, located, [error(path, 1, 1, "yaml-too-large", limit=MAX_NODES)]
    except (_TooDeep, RecursionError):
        return None, located, [error(path, 1, 1, "yaml-too-deep", limit=MAX_DEPTH)]
    return data, located, builder.problems


# -- the fast path: libyaml composes, this module resolves -----------------------------

# YAML 1.2 core schema for plain scalars, as ruamel resolves them under 1.2. Numbers,
# dates and ``<<`` keep their text, like every other string, so only these matter.
_CORE_TRUE = frozenset({"true", "True", "TRUE"})
_CORE_FALSE = frozenset({"false", "False", "FALSE"})
_CORE_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_CORE_SPECIAL = frozenset({"=", "!", "&", "*"})  # 1.2 ``value``/``yaml`` tags: a problem, so ruamel's
_PLAIN = "?"  # the tag our resolver gives a plain scalar left to the core schema
_TEXT = _STD + "str"
# Past these, libyaml's recursive composer could exhaust the C stack: ruamel reads it.
FAST_MAX_CHARS = 16_384
FAST_MAX_FLOW = 1_024
# NEL/LS/PS and a lone CR break lines for one reader only; ``%`` starts a directive; a
# tag (``!``) on an empty node resolves differently in libyaml; a tab ends a plain
# scalar for libyaml but is an error to ruamel; the two place the empty value of an
# explicit ``?`` key apart. All rare in records (Chinese text uses ！ and ？).
_UNUSUAL = re.compile("[!?\t\x85\u2028\u2029\ufeff]|^%|\r(?!\n)", re.MULTILINE)
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?(?: +(?:#[^\n]*)?)?(?:\r?\n|\Z)")
_fast_loader: Any = None  # the PyYAML loader class, once built; False if libyaml is missing


def _loader_class() -> Any:
    """A PyYAML C parser with a resolver that resolves nothing: tags stay as written."""
    global _fast_loader
    if _fast_loader is None:
        try:
            import yaml
            from yaml._yaml import CParser
            from yaml.nodes import ScalarNode
            from yaml.resolver import BaseResolver
        except ImportError:  # PyYAML without libyaml: everything goes to ruamel
            _fast_loader = False
            return _fast_loader

        class _Composer(CParser, BaseResolver):  # type: ignore[misc]
            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                BaseResolver.__init__(self)

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                if kind is ScalarNode and implicit[0]:
                    return _PLAIN
                return BaseResolver.resolve(self, kind, value, implicit)

            def descend_resolver(self, current_node: Any, current_index: Any) -> None:
                pass  # no path resolvers: skip a Python call per node

            def ascend_resolver(self) -> None:
                pass

        _fast_loader = _Composer if getattr(yaml, "__with_libyaml__", False) else False
    return _fast_loader


class _Unusual(Exception):
    """Something the fast path does not vouch for: ruamel reads the file instead."""


def parse_fast(text: str, path: str) -> tuple[Any, Located, list[Problem]] | None:
    """The same result as ``parse_reference`` for a clean file, or None to ask it.

    Public so that tests/test_fast_readers.py can hold it to that promise: the speed
    trick (ruamel's C composer, no round trip) and the reading it must equal."""
    if len(text) > FAST_MAX_CHARS or text.count("[") + text.count("{") > FAST_MAX_FLOW:
        return None
    if _UNUSUAL.search(text):
        return None
    loader_class = _loader_class()
    if not loader_class:
        return None
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:  # any YAML error: ruamel words and places it
        return None
    located = Located(path)
    if node is None:
        return None, located, []
    if node.id != "mapping":
        return None  # not a record: ruamel places the problem
    try:
        data = _FastBuilder(text, located).build(node, (), 0)
    except Exception:  # _Unusual, _TooBig, or a surprise: the reference decides
        return None
    return data, located, []


class _FastBuilder:
    """``_Builder`` for PyYAML nodes of a clean document; raises ``_Unusual`` where
    ``_Builder`` would report a problem or the two composers place a node apart."""

    def __init__(self, text: str, located: Located) -> None:
        self.text = text
        self.values = located.values
        self.keys = located.keys
        self.count = 0
        self.line_starts: list[int] | None = None

    def build(self, node: Any, loc: Loc, depth: int, at: Pos | None = None) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _TooBig
        if loc not in self.values:
            if at is None:
                mark = node.start_mark
                at = (mark.line + 1, mark.column + 1)
            self.values[loc] = at
        value = node.value
        if isinstance(value, str):
            if node.style in ("|", ">") and not self._clean_header(node):
                raise _Unusual
            return _fast_scalar(node.tag, value)
        if node.id == "sequence":
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(value)]
        out: dict[str, Any] = {}
        block = not node.flow_style
        for key_node, value_node in value:
            key = key_node.value
            if key_node.id != "scalar" or key in out or (key == "" and key_node.tag == _PLAIN):
                raise _Unusual
            kmark = key_node.start_mark
            sub = (*loc, key)
            self.keys[sub] = (kmark.line + 1, kmark.column + 1)
            empty = value_node.value == "" and value_node.tag == _PLAIN
            if empty and not block:
                raise _Unusual  # ruamel puts it right after the ``:``; rare in a flow mapping
            out[key] = self.build(value_node, sub, depth + 1, self._next_token(value_node) if empty else None)
        return out

    def _index(self, mark: Any) -> int:
        if self.line_starts is None:
            self.line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return self.line_starts[mark.line] + mark.column

    def _clean_header(self, node: Any) -> bool:
        """A block scalar's ``|``/``>`` line as both readers take it (libyaml allows more)."""
        return _BLOCK_HEADER.match(self.text, self._index(node.start_mark)) is not None

    def _next_token(self, node: Any) -> Pos:
        """Where ruamel places an empty block value: at the next token, past blanks and
        comments, where libyaml places it just after the ``:``."""
        text = self.text
        i, n = self._index(node.start_mark), len(text)
        while i < n:
            ch = text[i]
            if ch in " \r\n":
                i += 1
            elif ch == "#":
                end = text.find("\n", i)
                i = n if end < 0 else end
            else:
                break
        if i < n and text[i] in "?:":
            raise _Unusual  # an explicit key or value token: it has a width, unlike a key
        assert self.line_starts is not None
        line = bisect_right(self.line_starts, i) - 1
        return line + 1, i - self.line_starts[line] + 1


def _fast_scalar(tag: str, value: str) -> Any:
    if tag == _PLAIN:
        if value in _CORE_NULL:
            return None
        if value in _CORE_TRUE:
            return True
        if value in _CORE_FALSE:
            return False
        if value in _CORE_SPECIAL:
            raise _Unusual
        return value
    if tag == _TEXT:
        return value
    raise _Unusual  # an explicit tag: rare in records, and ruamel's reading is the rule
