"""What ``due``, ``explain`` and ``remind`` share on the command line: loading the
records, telling of the files left out, ``--helper``, what a listing shows.

What they say about items (names, day texts, alerts) is ``present.due_text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.cli.common import CliError, root_of
from liushou_cli.cli.env import Env

if TYPE_CHECKING:  # rich is imported when a command prints, not for `liushou --help`

    from liushou_cli.duties.engine import Item
    from liushou_cli.records.load import Records


def load_records(records: Path | None) -> Records:
    """The programme, or a CliError when not even ``liushou.yaml`` can be read."""
    from liushou_cli.records.load import load

    loaded = load(root_of(records))
    if loaded.program is None:
        env = Env.create()
        report_unreadable(env, loaded)
        raise CliError("due.err.no_program", "due.hint.run_check")
    return loaded


def report_unreadable(env: Env, records: Records) -> bool:
    """Name every file that could not be read (stderr); True if there was any.

    A child whose file is unreadable (or has no readable ``id``, ``enrolled``...) is
    missing from the results, so the coordinator must be told before reading them —
    never a silent drop. ``left_out_line`` says it again after them.
    """
    from liushou_cli.cli.load_errors import lost_files
    from liushou_cli.present.problems import print_left_out

    lost = lost_files(records)  # files, and a folder that is a file (nothing in it was read)
    print_left_out(env.err, lost, len(records.errors))
    return bool(lost)


def left_out_line(records: Records) -> str | None:
    """The last line of a listing that lacks some files' records: which ones, by file."""
    from liushou_cli.cli.load_errors import lost_files
    from liushou_cli.present.problems import left_out_line as last_line

    return last_line(lost_files(records))


def require_helper(records: Records, helper: str | None) -> str | None:
    """``--helper``'s id: an id or the one helper's name (赵丽); a CliError (exit 2) otherwise."""
    if helper is None:
        return None
    from liushou_cli.cli import resolve
    from liushou_cli.cli.exitcodes import ExitStatus

    return resolve.helper(records, helper, ExitStatus.ERROR)


def visible_items(items: Iterable[Item], helper: str | None, include_pending: bool) -> list[Item]:
    """What a listing shows: pending only with --all; one helper's pairings with --helper."""
    return [
        i for i in items
        if (include_pending or i.status != "pending") and (helper is None or helper in i.helpers)
    ]
