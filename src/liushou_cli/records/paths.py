"""Paths that stay inside the records folder.

Records are often a cloned repository: someone else's files. A symlinked
``children/`` or record file pointing at ``~/.ssh`` or another programme's
folder must not be read into a report, nor written through; an id from a file
(or from ``--id``) must never become ``../`` in a path. Every place that turns
outside input into a path asks here.
"""

from __future__ import annotations

import re
from pathlib import Path

from liushou_cli.problems import Problem, error

# the record format's id (``[A-Za-z0-9][A-Za-z0-9_-]*``), matched whole: no ``/``, no ``..``
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def escapes(root: Path, path: Path) -> bool:
    """Whether ``path`` (after following every symlink) lies outside ``root``."""
    try:
        resolved = path.resolve()
        base = root.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return True
    return resolved != base and base not in resolved.parents


def outside_problem(root: Path, path: Path, rel: str) -> Problem | None:
    """The ``link-outside`` error for a file that leads out of the records, else None."""
    return error(rel, 1, 1, "link-outside") if escapes(root, path) else None


def is_id(text: str) -> bool:
    """A whole, valid record id (``re.match`` with ``$`` would let ``C001\\n`` through)."""
    return _ID.fullmatch(text) is not None


def file_for(folder: Path, record_id: str, suffix: str) -> Path:
    """``folder/<id><suffix>`` for a valid id only: the one way ids become file names."""
    if not is_id(record_id):
        raise ValueError(f"not a record id: {record_id!r}")
    return folder / f"{record_id}{suffix}"
