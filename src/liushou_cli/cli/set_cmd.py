"""``liushou set``: set or clear fields of an existing child, helper or pairing, so a
wrong school, a new phone or a consent date is fixed without opening YAML."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.choices import pick, pick_many
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
    from liushou_cli.records.load import Records
    from liushou_cli.records.lookup import NameLookupError
    from liushou_cli.records.setfield import Field

_ASSIGN = re.compile(r"^([^=＝]+)[=＝](.*)$", re.DOTALL)
_LIST_SPLIT = re.compile(r"[;；,，、\s]+")
# the catalogue's name of each vocabulary, for "not recognised" errors
_CHOICE_FIELD = {"gender": "edit.field.gender", "category": "edit.field.categories",
                 "parents_away": "edit.field.parents_away", "left_reason": "edit.field.reason",
                 "level": "edit.field.level", "concern": "edit.field.concern_type", "role": "edit.field.role"}


def lookup_error(records: Records, exc: NameLookupError) -> CliError:
    """No record, or several, answer to what was typed: exit 1 with the candidates (a
    child's or helper's name is worded as every command words it)."""
    from liushou_cli.cli import resolve
    from liushou_cli.records.lookup import Ambiguous

    if exc.what != "record":
        return resolve.refusal(records, exc, ExitStatus.PROBLEMS)
    found = "、".join(exc.candidates)
    if isinstance(exc, Ambiguous):
        return CliError("edit.err.ambiguous_record", "edit.hint.ambiguous_record", ExitStatus.PROBLEMS,
                        text=exc.text, candidates=found)
    hint = "edit.hint.close_records" if found else "edit.hint.ids"
    return CliError("edit.err.no_record", hint, ExitStatus.PROBLEMS, id=exc.text, candidates=found)


def assignment(token: str) -> tuple[str, str]:
    """``guardian.phone=139…`` (or with ``＝``) as its field and its text; else exit 2."""
    m = _ASSIGN.match(token)
    if m is None or not m.group(1).strip():
        raise CliError("edit.err.set_syntax", "edit.hint.set_syntax", value=token)
    return m.group(1).strip(), m.group(2).strip()


def value_of(records: Records, field: Field, text: str, today: date) -> Any:
    """Typed text as the field's value: Chinese words for choices, any date form,
    names for a pairing's child and helpers (exit 2 when it cannot be read)."""
    from liushou_cli.cli import resolve

    if not text:
        raise CliError("edit.err.set_empty", "edit.hint.set_empty", field=field.path)
    kind = field.kind
    if kind == "date":
        return parse_day(text, today)
    if kind == "phone":
        return ec.phone(text)
    if kind == "bool":
        return ec.yes_no(text)
    if kind == "int":
        return ec.minutes(text)
    if kind == "choice":
        return pick(field.group, field.choices, text, _CHOICE_FIELD.get(field.group, "edit.field.value"))
    if kind == "choices":
        return pick_many(field.group, field.choices, text, _CHOICE_FIELD.get(field.group, "edit.field.value"))
    if kind == "child":
        return resolve.child(records, text)
    if kind == "helpers":
        return list(dict.fromkeys(resolve.helpers(records, [p for p in _LIST_SPLIT.split(text) if p])))
    return text


def complete_record(ctx: typer.Context, incomplete: str) -> ec.Completion:
    """Children, helpers and pairings, by id or name, each with its help."""
    return [*ec.complete_child(ctx, incomplete), *ec.complete_helper(ctx, incomplete),
            *ec.complete_pairing(ctx, incomplete)]


def set_record(
    record: Annotated[str | None, typer.Argument(metavar="RECORD", help=t("edit.field.record"),
                                                 autocompletion=complete_record)] = None,
    assignments: Annotated[list[str] | None, typer.Argument(metavar="FIELD=VALUE...",
                                                            help=t("edit.field.assignments"))] = None,
    clear: Annotated[list[str] | None, typer.Option("--clear", help=t("opt.edit.clear"),
                                                    metavar="FIELD")] = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli.prompts import ask
    from liushou_cli.records import setfield
    from liushou_cli.records.lookup import NameLookupError
    from liushou_cli.records.write import WriteError, records_lock

    root = root_of(records)
    as_of = parse_day(today)
    target = ask(record, "edit.field.record", "RECORD", required=True, parse=ec.text) or ""
    pairs = [assignment(token) for token in assignments or []]
    cleared = [name.strip() for item in clear or [] for name in item.split(",") if name.strip()]
    if not pairs and not cleared:
        raise CliError("edit.err.set_nothing", "edit.hint.set_syntax", value=target)
    with records_lock(root):
        loaded = ec.load_records(root)
        try:
            folder, record_id = setfield.record_of(loaded, target)
        except NameLookupError as exc:
            raise lookup_error(loaded, exc) from None
        try:
            fields = [(setfield.resolve(folder, name), text) for name, text in pairs]
            for field, _ in fields:
                setfield.settable(field)
            gone = [setfield.resolve(folder, name) for name in cleared]
        except WriteError as exc:
            raise ec.refused(exc) from None
        values = [(field, value_of(loaded, field, text, as_of)) for field, text in fields]
        try:
            plan = setfield.plan_set(loaded, folder, record_id, values, gone)
        except WriteError as exc:
            raise ec.refused(exc) from None
        if not plan.changes.paths():
            Env.create().err.print(t("edit.set_unchanged", id=record_id), markup=False, soft_wrap=True)
            return
        ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
