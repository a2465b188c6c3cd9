"""``liushou absence add|persuade|return|report``: 控辍保学 in the child's own file.

Each writes one thing to ``absences`` (RECORDS.md 1.1) in the file's own style, under
the one lock, checked as every edit is (an overlap or a ``to`` before ``from`` is
refused with its place). Children by id or name, dates in any form, results in
Chinese (劝返未果, 已返校) or English.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.child_events_cmd import ChildArg, NotesOpt
from liushou_cli.cli.choices import pick
from liushou_cli.cli.common import LangOpt, RecordsOpt, TodayOpt, parse_day, root_of, said
from liushou_cli.cli.lazyparams import LightGroup
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import t
from liushou_cli.vocab import PersuasionResult, english_value, values

if TYPE_CHECKING:
    from liushou_cli.records.edits import Plan
    from liushou_cli.records.load import Records

Planner = Callable[["Records", str], "Plan"]

absence_app = typer.Typer(cls=LightGroup, no_args_is_help=True, rich_markup_mode=None)

RESULTS = values(PersuasionResult)
def _result(text: str) -> str:
    """劝返未果, 劝返失败, 已返校, returned...: the words ``vocab`` reads in records, then the labels."""
    return english_value("persuasion", text) or pick("persuasion", RESULTS, text, "edit.field.persuasion_result")


IndexOpt = Annotated[int | None, said(typer.Option("--index", min=1), "opt.absence.index")]


def _edit(child: str | None, records: Path | None, today: str | None, lang: str | None, dry_run: bool,
          commit: bool, planner: Callable[[Date], Planner]) -> None:
    """What every absence command does: the language, the child (asked first), the
    command's own values (``planner`` asks for them, given the day), then the plan under
    the lock, checked and written (or refused) as every edit is."""
    from liushou_cli.cli import resolve
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    child_id = ask(child, "edit.field.child", "CHILD", required=True, parse=ec.text) or ""
    plan_for = planner(as_of)
    loaded = ec.load_records(root)
    child_id = resolve.child(loaded, child_id)
    try:
        plan = plan_for(loaded, child_id)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)


def _day(date: str | None, as_of: Date) -> Date:
    return ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False,
               default=as_of.isoformat()) or as_of


@absence_app.command("add", help=t("help.absence_add"))
def add(
    child: ChildArg = None,
    start: Annotated[str | None, typer.Option("--from", help=t("opt.absence.from"), metavar="YYYY-MM-DD")] = None,
    to: Annotated[str | None, typer.Option("--to", help=t("opt.absence.to"), metavar="YYYY-MM-DD")] = None,
    excused: Annotated[bool, typer.Option("--excused", help=t("opt.absence.excused"))] = False,
    whereabouts_unknown: Annotated[bool, typer.Option("--whereabouts-unknown",
                                                      help=t("opt.absence.whereabouts_unknown"))] = False,
    notes: NotesOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records import edits

    def planner(as_of: Date) -> Planner:
        first = ask(start, "edit.field.absence_from", "--from", required=True, parse=ec.day_on(as_of)) or as_of
        last = ec.day_on(as_of)(to) if to is not None else None
        note = ec.text(notes) if notes else None
        return lambda loaded, cid: edits.absent(loaded, cid, first, as_of, to=last, excused=excused,
                                                whereabouts_known=not whereabouts_unknown, notes=note)

    _edit(child, records, today, lang, dry_run, commit, planner)


@absence_app.command("persuade", help=t("help.absence_persuade"))
def persuade(
    child: ChildArg = None,
    result: Annotated[str | None, typer.Option("--result", help=t("opt.absence.result"))] = None,
    by: Annotated[str | None, typer.Option("--by", help=t("opt.absence.by"))] = None,
    date: ec.DateOpt = None,
    index: IndexOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records import edits

    def planner(as_of: Date) -> Planner:
        outcome = ask(result, "edit.field.persuasion_result", "--result", required=True, parse=_result) or "failed"
        day = _day(date, as_of)
        who = ec.text(by) if by else None
        return lambda loaded, cid: edits.persuade(loaded, cid, day, as_of, who, outcome, index)

    _edit(child, records, today, lang, dry_run, commit, planner)


@absence_app.command("return", help=t("help.absence_return"))
def back(
    child: ChildArg = None,
    date: Annotated[str | None, typer.Option("--date", help=t("opt.absence.back"), metavar="YYYY-MM-DD")] = None,
    index: IndexOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records import edits

    def planner(as_of: Date) -> Planner:
        day = _day(date, as_of)
        return lambda loaded, cid: edits.back_at_school(loaded, cid, day, as_of, index)

    _edit(child, records, today, lang, dry_run, commit, planner)


@absence_app.command("report", help=t("help.absence_report"))
def report(
    child: ChildArg = None,
    reported_to: Annotated[str | None, typer.Option("--reported-to", help=t("opt.absence.reported_to"))] = None,
    date: ec.DateOpt = None,
    index: IndexOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records import edits

    def planner(as_of: Date) -> Planner:
        to = ask(reported_to, "edit.field.reported_to", "--reported-to", required=True, parse=ec.text) or ""
        day = _day(date, as_of)
        return lambda loaded, cid: edits.report_absence(loaded, cid, to, day, as_of, index)

    _edit(child, records, today, lang, dry_run, commit, planner)
