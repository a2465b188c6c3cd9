"""``liushou pair`` and ``liushou unpair``: start and end a pairing."""

from __future__ import annotations

from typing import Annotated

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
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import t


def pair(
    child: Annotated[str | None, typer.Argument(metavar="CHILD", help=t("edit.field.child"),
                                                autocompletion=ec.complete_child)] = None,
    helpers: Annotated[list[str] | None, typer.Argument(metavar="HELPER...", help=t("edit.field.helpers"),
                                                        autocompletion=ec.complete_helper)] = None,
    start: Annotated[str | None, typer.Option("--start", help=t("opt.edit.start"), metavar="YYYY-MM-DD")] = None,
    duties: Annotated[str | None, typer.Option("--duties", help=t("opt.edit.duties"))] = None,
    record_id: ec.IdOpt = None,
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
    helper_ids = helpers or ask(None, "edit.field.helpers", "HELPER", required=True, parse=str.split)
    day = ask(start, "edit.field.date", "--start", parse=ec.day_on(as_of), prompt=False, default=as_of.isoformat())
    loaded = ec.load_records(root)
    child_id = resolve.child(loaded, child_id or "")
    helper_ids = resolve.helpers(loaded, helper_ids or [])
    try:
        plan = edits.pair(loaded, child_id, helper_ids, day or as_of, duties, record_id)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)


def unpair(
    pairing: Annotated[str | None, typer.Argument(metavar="PAIRING", help=t("edit.field.pairing"),
                                                  autocompletion=ec.complete_pairing)] = None,
    date: ec.DateOpt = None,
    delete: Annotated[bool, typer.Option("--delete", help=t("opt.edit.delete_pairing"))] = False,
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
    pairing_id = ask(pairing, "edit.field.pairing", "PAIRING", required=True, parse=ec.text)
    if delete and date is not None:
        raise CliError("edit.err.delete_with_date", "edit.hint.delete_with_date", id=pairing_id)
    day = ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False,
              default=as_of.isoformat()) or as_of
    loaded = ec.load_records(root)
    pairing_id = resolve.pairing(loaded, pairing_id or "", day)  # a child: its one pairing that day
    try:
        if delete:  # entered by mistake: the file goes; a pairing with contacts is only ended
            plan = edits.delete_pairing(loaded, pairing_id)
        else:
            plan = edits.unpair(loaded, pairing_id, day)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
