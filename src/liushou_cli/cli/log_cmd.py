"""``liushou log``: one row in the contact log, so nobody edits the CSV by hand."""

from __future__ import annotations

from typing import Annotated

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.choices import pick_kinds
from liushou_cli.cli.common import LangOpt, RecordsOpt, TodayOpt, parse_day, root_of
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import t


def kinds_of(text: str) -> list[str]:
    """``走访;谈心``, ``家访 谈心`` or ``home_visit;talk`` → ids, each named exactly."""
    return pick_kinds(text)


def log(
    pairing: Annotated[str | None, typer.Argument(metavar="PAIRING", help=t("edit.field.pairing"),
                                                  autocompletion=ec.complete_pairing)] = None,
    kinds: Annotated[list[str] | None, typer.Argument(metavar="KIND...", help=t("edit.field.kinds"),
                                                      autocompletion=ec.complete_kind)] = None,
    date: ec.DateOpt = None,
    helper: Annotated[str | None, typer.Option("--helper", help=t("opt.edit.helper"),
                                               autocompletion=ec.complete_helper)] = None,
    channel: Annotated[str | None, typer.Option("--channel", help=t("opt.edit.channel"))] = None,
    minutes: Annotated[str | None, typer.Option("--minutes", help=t("opt.edit.minutes"), metavar="N")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help=t("opt.edit.summary"))] = None,
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
    kind_ids = ask(" ".join(kinds) if kinds else None, "edit.field.kinds", "KIND", required=True, parse=kinds_of)
    day = ask(date, "edit.field.date", "--date", parse=ec.day_on(as_of), default=as_of.isoformat()) or as_of
    length = ask(minutes, "edit.field.minutes", "--minutes", parse=ec.minutes, prompt=False)
    # Read, plan and write under one exclusive lock: two ``log`` runs at once take turns,
    # so the second appends to what the first wrote and both rows land.
    with ec.locked(root):
        loaded = ec.load_records(root)
        pairing_id = resolve.pairing(loaded, pairing_id or "", day)  # a child: its one pairing that day
        helper_id = resolve.helper(loaded, helper) if helper and helper.strip() else None
        try:
            plan = edits.log_contact(
                loaded, pairing_id, kind_ids or [], day, as_of,
                helper=helper_id, channel=ec.text(channel) if channel else None,
                minutes=length, summary=ec.text(summary) if summary else None,
            )
        except WriteError as exc:
            raise ec.refused(exc) from None
        ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
