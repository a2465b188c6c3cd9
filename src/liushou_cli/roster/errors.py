"""How a roster fails to read, as values: the whole file (``RosterError``) or one
cell or row (``Issue``), each a catalogue key with its arguments.

The CLI turns a ``RosterError`` into a ``CliError``; ``Issue``s are collected per
row so the coordinator sees every cell to fix at once, not only the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from liushou_cli.errors import KeyedError


class RosterError(KeyedError):
    """The file as a whole cannot be read; ``key`` names the message."""


@dataclass(frozen=True)
class Issue:
    """Why a cell (or a row) cannot be imported: a catalogue key and its arguments."""

    key: str
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: str, **args: object) -> Issue:
        return cls(key, tuple((k, str(v)) for k, v in args.items()))


class CellError(Exception):
    """One cell cannot be read: the cell parsers raise it, the row reader keeps its issue."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.issue = Issue.of(key, **args)
