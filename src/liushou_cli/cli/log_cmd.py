"""``liushou log``: one row in the contact log, so nobody edits the CSV by hand."""

from __future__ import annotations

from typing import Annotated

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.choices import pick_many
from liushou_cli.cli.common import LangOpt, RecordsOpt, TodayOpt, apply_lang, parse_day, root_of
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import t
from liushou_cli.vocab import CONTACT_KINDS


def kinds_of(text: str) -> list[str]:
    """``走访;谈心`` or ``home_visit;talk`` → ids."""
    return pick_many("kind", CONTACT_KINDS, text, "edit.field.kinds")


def log(
    pairing: Annotated[str | None, typer.Argument(metavar="PAIRING", help=t("edit.field.pairing"),
                                                  autocompletion=ec.complete_pairing)] = None,
    kinds: Annotated[str | None, typer.Argument(metavar="KIND[;KIND...]", help=t("edit.field.kinds"))] = None,
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
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError, records_lock

    apply_lang(lang)
    root = root_of(records)
    as_of = parse_day(today)
    pairing_id = ask(pairing, "edit.field.pairing", "PAIRING", required=True, parse=ec.text)
    kind_ids = ask(kinds, "edit.field.kinds", "KIND", required=True, parse=kinds_of)
    day = ask(date, "edit.field.date", "--date", parse=ec.day, default=as_of.isoformat())
    length = ask(minutes, "edit.field.minutes", "--minutes", parse=ec.minutes, prompt=False)
    # Read, plan and write under one exclusive lock: two ``log`` runs at once take turns,
    # so the second appends to what the first wrote and both rows land.
    with records_lock(root):
        loaded = ec.load_records(root)
        try:
            plan = edits.log_contact(
                loaded, pairing_id or "", kind_ids or [], day or as_of, as_of,
                helper=ec.text(helper) if helper else None, channel=ec.text(channel) if channel else None,
                minutes=length, summary=ec.text(summary) if summary else None,
            )
        except WriteError as exc:
            raise ec.refused(exc) from None
        ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
