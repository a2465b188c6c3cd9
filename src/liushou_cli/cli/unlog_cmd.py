"""``liushou unlog``: take back a contact row logged by mistake, by its place in the
file (``contacts/2026-11.csv:14``, as ``check`` names it) or by pairing and date.
The row is shown and confirmed first; every other byte of the file stays."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.common import (
    CliError,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    parse_day,
    root_of,
)
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t

if TYPE_CHECKING:
    from liushou_cli.records.edits import Row

_PLACE = re.compile(r"^(?P<path>.+\.csv):(?P<line>\d+)$", re.IGNORECASE)


def _place(root: Path, text: str) -> tuple[str, int] | None:
    """``contacts/2026-11.csv:14`` (or ``contacts\\2026-11.csv:14``, or the file's full
    path) as a path under the records and a line; None when ``text`` is no place."""
    m = _PLACE.match(text.strip())
    if m is None:
        return None
    given = Path(m["path"].replace("\\", "/"))
    if given.is_absolute():
        try:
            given = given.resolve().relative_to(root.resolve())
        except ValueError:
            raise CliError("edit.err.bad_path", path=m["path"]) from None
    return given.as_posix(), int(m["line"])


def _rows_text(rows: list[Row]) -> str:
    from liushou_cli.records.edits import shown

    return "\n".join("  " + shown(row) for row in rows)


def unlog(
    target: Annotated[str | None, typer.Argument(metavar="FILE:LINE|PAIRING|CHILD", help=t("edit.field.unlog_target"),
                                                 autocompletion=ec.complete_pairing)] = None,
    date: Annotated[str | None, typer.Option("--date", help=t("opt.edit.unlog_date"), metavar="YYYY-MM-DD")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=t("opt.edit.unlog_kind"))] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=t("opt.edit.yes"))] = False,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli import prompts, resolve
    from liushou_cli.cli.log_cmd import kinds_of
    from liushou_cli.records import edits
    from liushou_cli.records.write import ChangeSet, WriteError, records_lock

    root = root_of(records)
    as_of = parse_day(today)
    text = prompts.ask(target, "edit.field.unlog_target", "FILE:LINE", required=True, parse=ec.text) or ""
    place = _place(root, text)
    day = None
    if place is None:
        if date is None:
            raise CliError("edit.err.missing", "edit.hint.unlog_date", field=t("edit.field.date"), option="--date")
        day = parse_day(date, as_of)
    kinds = kinds_of(kind) if kind else []
    env = Env.create()
    with records_lock(root):
        loaded = ec.load_records(root)
        changes = ChangeSet(loaded.root)
        try:
            if place is not None:
                rows = edits.rows_at(changes, *place)
            else:
                assert day is not None
                pid = resolve.pairing(loaded, text, day)  # a child: its one pairing that day
                rows = edits.matching_rows(loaded, changes, pid, day, kinds)
                if not rows:
                    raise CliError("edit.err.no_contact", "edit.hint.no_contact", ExitStatus.PROBLEMS,
                                   pairing=pid, date=day.isoformat())
                if len(rows) > 1:
                    env.err.print(_rows_text(rows), markup=False, soft_wrap=True)
                    raise CliError("edit.err.several_rows", "edit.hint.several_rows", ExitStatus.PROBLEMS,
                                   count=len(rows), first=f"{rows[0].path}:{rows[0].line}")
            plan = edits.unlog(changes, rows)
        except WriteError as exc:
            raise ec.refused(exc) from None
        env.err.print(t("edit.unlog_rows", count=len(rows)) + "\n" + _rows_text(rows), markup=False,
                      soft_wrap=True)
        if not dry_run and not yes:
            if not prompts.interactive():
                raise CliError("edit.err.unconfirmed", "edit.hint.unconfirmed")
            if not typer.confirm(t("edit.unlog_confirm"), default=False):
                env.err.print(t("edit.not_done"), markup=False)
                return
        ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
