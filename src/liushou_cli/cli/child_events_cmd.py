"""``liushou assess``, ``liushou concern``, ``liushou leave``, ``liushou verify``: what
happens to a child, appended to the child's own file in the file's own style."""

from __future__ import annotations

from typing import Annotated

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.choices import pick
from liushou_cli.cli.common import LangOpt, RecordsOpt, TodayOpt, parse_day, root_of, said
from liushou_cli.cli.env import Env
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import t
from liushou_cli.vocab import ConcernType, LeftReason, Level, values

LEVELS = values(Level)
CONCERNS = values(ConcernType)
REASONS = values(LeftReason)

ChildArg = Annotated[str | None, said(typer.Argument(metavar="CHILD", autocompletion=ec.complete_child),
                                          "edit.field.child")]
NotesOpt = Annotated[str | None, said(typer.Option("--notes"), "opt.edit.notes")]


def assess(
    child: ChildArg = None,
    level: Annotated[str | None, typer.Argument(metavar="LEVEL", help=t("edit.field.level"))] = None,
    date: ec.DateOpt = None,
    by: Annotated[str | None, typer.Option("--by", help=t("opt.edit.by"))] = None,
    notes: NotesOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli import resolve
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    child_id = ask(child, "edit.field.child", "CHILD", required=True, parse=ec.text)
    value = ask(level, "edit.field.level", "LEVEL", required=True,
                parse=lambda v: pick("level", LEVELS, v, "edit.field.level"))
    day = ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False, default=as_of.isoformat())
    loaded = ec.load_records(root)
    child_id = resolve.child(loaded, child_id or "")
    try:
        plan = edits.assess(loaded, child_id, value or "", day or as_of, as_of,
                            by=ec.text(by) if by else None, notes=ec.text(notes) if notes else None)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)


def concern(
    child: ChildArg = None,
    kind: Annotated[str | None, typer.Argument(metavar="TYPE", help=t("edit.field.concern_type"))] = None,
    date: ec.DateOpt = None,
    notes: NotesOpt = None,
    reported_to: Annotated[str | None, typer.Option("--reported-to", help=t("opt.edit.reported_to"))] = None,
    index: Annotated[int | None, typer.Option("--index", help=t("opt.edit.index"), min=1)] = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """With TYPE: a new concern (already reported if --reported-to is given too).
    Without TYPE but with --reported-to: the report of the open concern."""
    from liushou_cli.cli import resolve
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    child_id = ask(child, "edit.field.child", "CHILD", required=True, parse=ec.text) or ""
    day = ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False, default=as_of.isoformat()) or as_of
    to = ec.text(reported_to) if reported_to else None
    loaded = ec.load_records(root)
    child_id = resolve.child(loaded, child_id)
    try:
        if kind is None and to:
            plan = edits.report_concern(loaded, child_id, to, day, as_of, index)
        else:
            value = ask(kind, "edit.field.concern_type", "TYPE", required=True,
                        parse=lambda v: pick("concern", CONCERNS, v, "edit.field.concern_type"))
            plan = edits.concern(loaded, child_id, value or "", day, as_of,
                                 notes=ec.text(notes) if notes else None, reported_to=to)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)


def leave(
    child: ChildArg = None,
    reason: Annotated[str | None, typer.Option("--reason", help=t("opt.edit.reason"))] = None,
    date: ec.DateOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli import resolve
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    child_id = ask(child, "edit.field.child", "CHILD", required=True, parse=ec.text) or ""
    why = ask(reason, "edit.field.reason", "--reason", required=True,
              parse=lambda v: pick("left_reason", REASONS, v, "edit.field.reason")) or "other"
    day = ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False, default=as_of.isoformat()) or as_of
    loaded = ec.load_records(root)
    child_id = resolve.child(loaded, child_id)
    try:
        plan = edits.leave(loaded, child_id, why, day)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)


def verify(
    child: ChildArg = None,
    assignments: Annotated[list[str] | None, typer.Argument(metavar="[FIELD=VALUE]...",
                                                            help=t("opt.edit.verify_fields"))] = None,
    date: ec.DateOpt = None,
    clear: Annotated[list[str] | None, typer.Option("--clear", help=t("opt.edit.clear"), metavar="FIELD")] = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """The day the child's archive was checked against the paper file and the real situation
    (动态排查), added to ``verified``; what was found changed is set as ``liushou set`` sets it,
    in the same change."""
    from liushou_cli.cli import resolve
    from liushou_cli.cli.set_cmd import assignment, value_of
    from liushou_cli.records import setfield
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    child_id = ask(child, "edit.field.child", "CHILD", required=True, parse=ec.text) or ""
    day = ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False, default=as_of.isoformat()) or as_of
    pairs = [assignment(token) for token in assignments or []]
    cleared = [name.strip() for item in clear or [] for name in item.split(",") if name.strip()]
    loaded = ec.load_records(root)
    child_id = resolve.child(loaded, child_id)
    try:
        fields = [(setfield.resolve("children", name), text) for name, text in pairs]
        for field, _ in fields:
            setfield.settable(field)
        gone = [setfield.resolve("children", name) for name in cleared]
    except WriteError as exc:
        raise ec.refused(exc) from None
    values = [(field, value_of(loaded, field, text, as_of)) for field, text in fields]
    try:
        plan = setfield.plan_verify(loaded, child_id, day, as_of, values, gone)
    except WriteError as exc:
        raise ec.refused(exc) from None
    if not plan.changes.paths():
        Env.create().err.print(t("edit.verify_unchanged", id=child_id, date=day.isoformat()), markup=False,
                               soft_wrap=True)
        return
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
