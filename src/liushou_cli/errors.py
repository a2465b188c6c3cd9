"""Errors as data: a catalogue key and its values, worded only where they are shown.

The layers below the commands (reading, writing, the lock, rosters, reports) refuse with
one of these; ``cli/`` turns it into a ``CliError`` with a hint, in the language of the run.
"""

from __future__ import annotations

from typing import Any


class KeyedError(Exception):
    """A refusal named by ``key`` (a message of ``messages/``), filled by ``args_``."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args
