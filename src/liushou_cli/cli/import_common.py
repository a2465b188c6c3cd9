"""What both imports share (``liushou import FILE`` and ``liushou import --contacts FILE``):
the names of the encodings a sheet was read in, the error of a sheet that cannot be read,
and the end of every import -- checked, shown, asked, written and committed.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, NoReturn

import typer

from liushou_cli.cli.common import CliError
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import has, t

if TYPE_CHECKING:
    from liushou_cli.records.load import Records
    from liushou_cli.records.write import ChangeSet
    from liushou_cli.roster import RosterError

ENCODINGS = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "gb18030": "GBK/GB18030", "utf-16": "UTF-16"}


def roster_error(exc: RosterError) -> CliError:
    hint = "hint." + exc.key
    return CliError(exc.key, hint if has(hint) else None, **exc.args_)


def write_changes(env: Env, changes: ChangeSet, existing: Records, day: date, *, status: ExitStatus, question: str,
                  written: str, commit_message: str, yes: bool, dry_run: bool, commit: bool,
                  warnings_key: str = "importer.warnings") -> NoReturn:
    """The end of every import: nothing to do, or the records checked as they would be
    (an error refuses it all), then shown (``--dry-run``), asked, written and committed.
    ``written`` may hold ``{files}``, the number of files written; ``warnings_key``
    other than the roster's lists the warnings the change adds (the first 20)."""
    from liushou_cli.records.write import WriteError

    if not changes.paths():
        env.err.print(t("importer.nothing"), markup=False)
        raise typer.Exit(status)
    try:
        introduced = changes.introduced(day, before=existing)  # reading the copy reports progress
    except OSError as exc:  # the scratch copy could not take the change (a file where a folder goes)
        raise CliError("robust.err.check_copy", "robust.hint.check_copy",
                       reason=exc.strerror or type(exc).__name__) from None
    errors = [p for p in introduced if p.is_error]
    if errors:
        env.err.print(t("importer.err.invalid", count=len(errors)), markup=False)
        for p in errors:
            env.err.print(f"  {p.path}:{p.line}:{p.col}: {p.message}", markup=False, soft_wrap=True)
        raise typer.Exit(ExitStatus.ERROR)
    if introduced:
        env.err.print(t(warnings_key, count=len(introduced)), markup=False, soft_wrap=True)
    if introduced and warnings_key != "importer.warnings":  # each about a row just read: shown where it is
        for p in introduced[:20]:
            env.err.print(f"  {p.path}:{p.line}:{p.col}: {p.message}", markup=False, soft_wrap=True)

    if dry_run:
        env.write(changes.diff())
        env.err.print(t("importer.dry_run"), markup=False)
        raise typer.Exit(status)
    if not yes:
        if not _interactive(env):
            env.err.print(t("importer.not_written"), markup=False, soft_wrap=True)
            raise typer.Exit(status)
        if not typer.confirm(question, default=False):
            env.err.print(t("importer.declined"), markup=False)
            raise typer.Exit(ExitStatus.OK)
    files = len(changes.paths())
    try:
        if commit:
            changes.ensure_git()
        changes.apply()
    except WriteError as exc:
        raise CliError("importer.err.write", reason=t(exc.key, **exc.args_)) from None
    except OSError as exc:
        raise CliError("importer.err.write", reason=exc.strerror or type(exc).__name__) from None
    env.out.print(written.replace("{files}", str(files)), markup=False)
    if commit:
        try:
            changes.commit(commit_message)
        except WriteError as exc:
            raise CliError("importer.err.commit", reason=t(exc.key, **exc.args_)) from None
        env.out.print(t("importer.committed"), markup=False)
    raise typer.Exit(status)


def _interactive(env: Env) -> bool:
    """Ask only when a person is there to answer: stdin and stdout are terminals."""
    try:
        return sys.stdin.isatty() and env.out.is_terminal
    except (AttributeError, ValueError):
        return False
