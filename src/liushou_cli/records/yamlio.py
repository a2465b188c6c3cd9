"""YAML 1.2 text to plain data, remembering where every key and value stands.

We compose nodes with ruamel.yaml and build the data ourselves: no Python
object is ever constructed from a tag, numbers keep their exact text (a phone
``13800000001`` or an id ``001`` stays as written), a bad date is an error at
its line instead of a crash, and aliases cannot blow up memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from liushou_cli.i18n import t
from liushou_cli.problems import Problem, error

Loc = tuple[int | str, ...]
Pos = tuple[int, int]

MAX_NODES = 200_000
MAX_DEPTH = 64
_STD = "tag:yaml.org,2002:"
_TEXT_TAGS = {_STD + "str", _STD + "int", _STD + "float", _STD + "timestamp", _STD + "merge"}
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


@dataclass
class Located:
    """Where each part of one YAML document stands (1-based line and column)."""

    path: str
    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)

    def at(self, loc: Loc) -> Pos:
        """The value at ``loc``, or the nearest enclosing part that exists."""
        for cut in range(len(loc), -1, -1):
            found = self.values.get(loc[:cut])
            if found is not None:
                return found
        return (1, 1)

    def key_at(self, loc: Loc) -> Pos:
        return self.keys.get(loc) or self.at(loc)


class _TooBig(Exception):
    pass


class _Builder:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.count = 0
        self.problems: list[Problem] = []

    def build(self, node: Node, loc: Loc, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _TooBig
        mark = node.start_mark
        self.located.values.setdefault(loc, (mark.line + 1, mark.column + 1))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, loc)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
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

    def _scalar(self, node: ScalarNode, loc: Loc) -> Any:
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
    yaml = YAML(typ="safe", pure=True)  # composing only: the safe scanner skips comments, ~25% faster
    yaml.version = (1, 2)
    return yaml


def _reason(*parts: object) -> str:
    text = " ".join(str(p) for p in parts if p)
    for needle, key in _REASONS:
        if needle in text:
            return t(key)
    return text


def _position(text: str, index: int) -> Pos:
    """1-based line and column of character ``index``, counting lines as ruamel does."""
    index = max(0, min(index, len(text)))
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    lines = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    return lines + 1, index - line_start + 1


def parse(text: str, path: str) -> tuple[Any, Located, list[Problem]]:
    """Parse one document; on failure the data is None and the problem says where."""
    located = Located(path)
    try:
        node = _parser().compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted scalar" in str(exc.context) and exc.context_mark is not None:
            mark = exc.context_mark  # an unclosed quote: where it opens, not where the file ends
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = _reason(exc.context, exc.problem)
        return None, located, [error(path, line, col, "yaml-syntax", reason=reason)]
    except ReaderError as exc:
        line, col = _position(text, exc.position)
        return None, located, [error(path, line, col, "yaml-syntax", reason=t("yaml.reason.control"))]
    except (YAMLError, RecursionError, ValueError, TypeError, AttributeError, IndexError) as exc:
        # ruamel raises a few unmarked errors on odd input; none may escape as a traceback
        return None, located, [error(path, 1, 1, "yaml-syntax", reason=type(exc).__name__)]
    if node is None:
        return None, located, []
    builder = _Builder(located)
    try:
        data = builder.build(node, ())
    except (_TooBig, RecursionError):
        return None, located, [error(path, 1, 1, "yaml-too-large", limit=MAX_NODES)]
    return data, located, builder.problems
