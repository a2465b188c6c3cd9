"""``liushou add child`` / ``liushou add helper``: new records without writing YAML.

Flags for scripts; in a terminal, running without ``--name`` walks through the
contact-card fields one by one (Enter skips an optional one).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli import prompts
from liushou_cli.cli.choices import pick, pick_many
from liushou_cli.cli.common import (
    CliError,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    parse_day,
    root_of,
)
from liushou_cli.cli.lazyparams import LightGroup
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import t
from liushou_cli.vocab import Category, Gender, ParentsAway, Role, values

add_app = typer.Typer(cls=LightGroup, no_args_is_help=True, rich_markup_mode=None)

GENDERS = values(Gender)
CATEGORIES = values(Category)
PARENTS_AWAY = values(ParentsAway)
ROLES = values(Role)

Opt = typer.Option
S = str | None


def _nested(**values: Any) -> dict[str, Any] | None:
    kept = {k: v for k, v in values.items() if v is not None}
    return kept or None


@add_app.command("child", help=t("help.add_child"))
def add_child(
    name: Annotated[S, Opt("--name", help=t("edit.field.name"))] = None,
    gender: Annotated[S, Opt("--gender", help=t("edit.field.gender"))] = None,
    birth_date: Annotated[S, Opt("--birth-date", help=t("edit.field.birth_date"), metavar="YYYY-MM-DD")] = None,
    school: Annotated[S, Opt("--school", help=t("edit.field.school"))] = None,
    grade: Annotated[S, Opt("--grade", help=t("edit.field.grade"))] = None,
    class_: Annotated[S, Opt("--class", help=t("edit.field.class"))] = None,
    class_teacher: Annotated[S, Opt("--class-teacher", help=t("edit.field.class_teacher"))] = None,
    class_teacher_phone: Annotated[S, Opt("--class-teacher-phone", help=t("edit.field.class_teacher_phone"))] = None,
    boarding: Annotated[S, Opt("--boarding", help=t("edit.field.boarding"), metavar="是/否")] = None,
    categories: Annotated[S, Opt("--categories", help=t("opt.edit.categories"))] = None,
    parents_away: Annotated[S, Opt("--parents-away", help=t("edit.field.parents_away"))] = None,
    guardian: Annotated[S, Opt("--guardian", help=t("edit.field.guardian"))] = None,
    guardian_relation: Annotated[S, Opt("--guardian-relation", help=t("edit.field.guardian_relation"))] = None,
    guardian_phone: Annotated[S, Opt("--guardian-phone", help=t("edit.field.guardian_phone"))] = None,
    guardian_address: Annotated[S, Opt("--guardian-address", help=t("edit.field.guardian_address"))] = None,
    village: Annotated[S, Opt("--village", help=t("edit.field.village"))] = None,
    enrolled: Annotated[S, Opt("--enrolled", help=t("edit.field.enrolled"), metavar="YYYY-MM-DD")] = None,
    consent_date: Annotated[S, Opt("--consent-date", help=t("edit.field.consent_date"), metavar="YYYY-MM-DD")] = None,
    consent_by: Annotated[S, Opt("--consent-by", help=t("edit.field.consent_by"))] = None,
    notes: Annotated[S, Opt("--notes", help=t("edit.field.notes"))] = None,
    record_id: ec.IdOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    walk = prompts.interactive() and name is None  # a person at a terminal, filling the card in

    def opt(value: S, field: str, option: str, parse: Any = ec.text) -> Any:
        return ask(value, field, option, parse=parse, prompt=walk)

    data: dict[str, Any] = {
        "name": ask(name, "edit.field.name", "--name", required=True, parse=ec.text),
        "gender": opt(gender, "edit.field.gender", "--gender",
                      lambda v: pick("gender", GENDERS, v, "edit.field.gender")),
        "birth_date": opt(birth_date, "edit.field.birth_date", "--birth-date", ec.day_on(as_of)),
        "school": opt(school, "edit.field.school", "--school"),
        "grade": opt(grade, "edit.field.grade", "--grade"),
        "class": opt(class_, "edit.field.class", "--class"),
        "class_teacher": _nested(
            name=opt(class_teacher, "edit.field.class_teacher", "--class-teacher"),
            phone=opt(class_teacher_phone, "edit.field.class_teacher_phone", "--class-teacher-phone", ec.phone)),
        "boarding": opt(boarding, "edit.field.boarding", "--boarding", ec.yes_no),
        "categories": opt(categories, "edit.field.categories", "--categories",
                          lambda v: pick_many("category", CATEGORIES, v, "edit.field.categories")),
        "parents_away": opt(parents_away, "edit.field.parents_away", "--parents-away",
                            lambda v: pick("parents_away", PARENTS_AWAY, v, "edit.field.parents_away")),
        "guardian": _nested(
            name=opt(guardian, "edit.field.guardian", "--guardian"),
            relation=opt(guardian_relation, "edit.field.guardian_relation", "--guardian-relation"),
            phone=opt(guardian_phone, "edit.field.guardian_phone", "--guardian-phone", ec.phone),
            address=opt(guardian_address, "edit.field.guardian_address", "--guardian-address")),
        "village": opt(village, "edit.field.village", "--village"),
        "enrolled": ask(enrolled, "edit.field.enrolled", "--enrolled", parse=ec.day_on(as_of), prompt=walk,
                        default=as_of.isoformat()),
    }
    consent_day = opt(consent_date, "edit.field.consent_date", "--consent-date", ec.day_on(as_of))
    consent_who = opt(consent_by, "edit.field.consent_by", "--consent-by")
    data["consent"] = {"date": consent_day, "by": consent_who} if consent_day else None
    data["notes"] = opt(notes, "edit.field.notes", "--notes")
    if consent_day is None and consent_who is not None:
        raise CliError("edit.err.missing", "edit.hint.missing", field=t("edit.field.consent_date"),
                       option="--consent-date")
    loaded = ec.load_records(root)
    try:
        plan = edits.add_child(loaded, data, record_id)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)


@add_app.command("helper", help=t("help.add_helper"))
def add_helper(
    name: Annotated[S, Opt("--name", help=t("edit.field.helper_name"))] = None,
    role: Annotated[S, Opt("--role", help=t("edit.field.role"))] = None,
    unit: Annotated[S, Opt("--unit", help=t("edit.field.unit"))] = None,
    position: Annotated[S, Opt("--position", help=t("edit.field.position"))] = None,
    phone: Annotated[S, Opt("--phone", help=t("edit.field.phone"))] = None,
    notes: Annotated[S, Opt("--notes", help=t("edit.field.notes"))] = None,
    record_id: ec.IdOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    walk = prompts.interactive() and name is None
    data: dict[str, Any] = {
        "name": ask(name, "edit.field.helper_name", "--name", required=True, parse=ec.text),
        "role": ask(role, "edit.field.role", "--role", prompt=walk,
                    parse=lambda v: pick("role", ROLES, v, "edit.field.role")),
        "unit": ask(unit, "edit.field.unit", "--unit", prompt=walk, parse=ec.text),
        "position": ask(position, "edit.field.position", "--position", prompt=walk, parse=ec.text),
        "phone": ask(phone, "edit.field.phone", "--phone", prompt=walk, parse=ec.phone),
        "notes": ask(notes, "edit.field.notes", "--notes", prompt=walk, parse=ec.text),
    }
    loaded = ec.load_records(root)
    try:
        plan = edits.add_helper(loaded, data, record_id)
    except WriteError as exc:
        raise ec.refused(exc) from None
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
