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

if TYPE_CHECKING:
    from liushou_cli.problems import Problem
    from liushou_cli.records.load import Records

def losses(records: Records) -> list[Problem]:
    """The errors that leave something out: in a file that was not (fully) read, or a
    whole folder not read (a file where the folder should be)."""
    lost = set(records.unreadable)
    return [p for p in records.errors if p.path in lost or p.code == "unreadable"]


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


def print_losses(env: Env, records: Records) -> int:
    """Show what was left out; the number of files and folders concerned."""
    print_located(env, losses(records), records.unreadable)
    return len(lost_files(records))


def program_errors(records: Records) -> list[Problem]:
    return [p for p in records.errors if p.path == PROGRAM_FILE]
