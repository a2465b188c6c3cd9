"""Load errors that make a result untrustworthy, shown where they stand.

A record file that could not be read (or read only in part) is missing from what
a command computes. A working list (``due``) may still show the rest, flagged; a
report or table handed to the bureau or a village must not silently count one
child fewer, and a change must not be checked against a programme that could not
be read. These commands show each error as ``path:line:col: message`` with its
hint (``present.problems``), then refuse with exit 2. Here: which errors those are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liushou_cli.cli.env import Env
from liushou_cli.records.locate import PROGRAM_FILE

if TYPE_CHECKING:
    from liushou_cli.problems import Problem
    from liushou_cli.records.load import Records

# codes of errors that keep a whole file or folder out (besides those of unreadable files)
_LEAVE_OUT = frozenset({"unreadable", "link-outside", "duplicate-id"})
CONTACTS_PREFIX = "contacts/"


def losses(records: Records) -> list[Problem]:
    """The errors that leave something out: in a file that was not (fully) read, a whole
    folder not read (a file where the folder should be, a link out of the records), a
    second record with an id already taken, and any error in a contact log (every one
    of them keeps its row, or the whole file, out). An error in a record that was
    still loaded (a bad optional field) leaves nothing out and is not one of them."""
    lost = set(records.unreadable)
    return [p for p in records.errors
            if p.path in lost or p.code in _LEAVE_OUT or p.path.startswith(CONTACTS_PREFIX)]


def lost_files(records: Records) -> list[str]:
    """Every file or folder left out, once, in order: those with a located error and
    any the loader listed without one."""
    return list(dict.fromkeys([*(p.path for p in losses(records)), *records.unreadable]))


def ignored(records: Records) -> list[Problem]:
    """Errors in record files that were still read (a child with an invalid ``gender``):
    each value counts as not written, the record itself is not left out."""
    from liushou_cli.records.loaded import FOLDER_MODELS  # not at start-up: pydantic

    lost = set(lost_files(records))
    folders = tuple(f"{folder}/" for folder in FOLDER_MODELS)
    return [p for p in records.errors if p.path not in lost and p.path.startswith(folders)]


def print_losses(env: Env, records: Records) -> int:
    """Show what was left out, and the values read as not written (``present.problems``);
    the number of files and folders concerned."""
    from liushou_cli.present.problems import print_losses as show

    show(env.err, losses(records), records.unreadable, ignored(records))
    return len(lost_files(records))


def program_errors(records: Records) -> list[Problem]:
    return [p for p in records.errors if p.path == PROGRAM_FILE]
