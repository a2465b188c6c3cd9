"""Load errors that make a result untrustworthy, shown where they stand.

A record file that could not be read (or read only in part) is missing from what
a command computes. A working list (``due``) may still show the rest, flagged; a
report or table handed to the bureau or a village must not silently count one
child fewer, and a change must not be checked against a programme that could not
be read. These commands print each error as ``path:line:col: message`` with its
hint, then refuse with exit 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from liushou_cli.cli.env import Env
from liushou_cli.i18n import t
from liushou_cli.records.locate import PROGRAM_FILE

RECORD_FOLDERS = ("children/", "helpers/", "pairings/")

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


def print_located(env: Env, problems: Iterable[Problem], unlocated: Iterable[str] = ()) -> None:
    """``path:line:col: message`` and the hint under it, on stderr, never as markup."""
    shown = set()
    for p in sorted(problems, key=lambda p: p.sort_key()):
        shown.add(p.path)
        env.err.print(f"{p.path}:{p.line}:{p.col}: {p.message}", markup=False, soft_wrap=True)
        if p.hint:
            env.err.print(f"    {t('label.hint')}: {p.hint}", markup=False, soft_wrap=True)
    for path in unlocated:
        if path not in shown:
            env.err.print(path, markup=False, soft_wrap=True)


SHOWN_IGNORED = 10  # a report names this many ignored values; ``check`` lists them all


def ignored(records: Records) -> list[Problem]:
    """Errors in record files that were still read (a child with an invalid ``gender``):
    each value counts as not written, the record itself is not left out."""
    lost = set(lost_files(records))
    return [p for p in records.errors if p.path not in lost and p.path.startswith(RECORD_FOLDERS)]


def print_losses(env: Env, records: Records) -> int:
    """Show what was left out; the number of files and folders concerned. Values read
    as not written are listed too (the first ``SHOWN_IGNORED``): the output is made
    without them, and the coordinator should know which."""
    print_located(env, losses(records), records.unreadable)
    values = sorted(ignored(records), key=lambda p: p.sort_key())
    if values:
        env.err.print(t("load.ignored.head", count=len(values)), style="yellow", markup=False, soft_wrap=True)
        print_located(env, values[:SHOWN_IGNORED])
        if len(values) > SHOWN_IGNORED:
            env.err.print(t("load.ignored.more", count=len(values) - SHOWN_IGNORED), markup=False, soft_wrap=True)
    return len(lost_files(records))


def program_errors(records: Records) -> list[Problem]:
    return [p for p in records.errors if p.path == PROGRAM_FILE]
