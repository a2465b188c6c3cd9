"""``liushou import FILE``: children from a roster (花名册); ``liushou import --contacts
FILE``: a helpers' contact sheet (活动台帐). Each is shown first and written once agreed.

Nothing is written without ``--yes`` or a "yes" typed at a terminal; everything
is written through one ChangeSet (checked as a whole, then all files or none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

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
from liushou_cli.cli.import_common import ENCODINGS, roster_error, write_changes
from liushou_cli.i18n import t

if TYPE_CHECKING:
    from liushou_cli.roster.plan import Action
    from liushou_cli.roster.read import Roster


def import_roster(
    file: Annotated[
        Path | None, typer.Argument(help=t("importer.opt.file"), metavar="FILE", show_default=False)
    ] = None,
    contacts: Annotated[
        Path | None, typer.Option("--contacts", help=t("importer.opt.contacts"), metavar="FILE", show_default=False)
    ] = None,
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help=t("importer.opt.map"), metavar=t("importer.metavar.map"))
    ] = None,
    enrolled: Annotated[
        str | None, typer.Option("--enrolled", help=t("importer.opt.enrolled"), metavar="YYYY-MM-DD")
    ] = None,
    school: Annotated[
        str | None, typer.Option("--school", help=t("importer.opt.school"), metavar=t("importer.metavar.school"))
    ] = None,
    update: Annotated[bool, typer.Option("--update", help=t("importer.opt.update"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=t("importer.opt.yes"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help=t("importer.opt.dry_run"))] = False,
    sheet: Annotated[str | None, typer.Option("--sheet", help=t("importer.opt.sheet"))] = None,
    commit: Annotated[bool, typer.Option("--commit", help=t("importer.opt.commit"))] = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    if (file is None) == (contacts is None):
        raise CliError("importer.err.which_file", "hint.importer.err.which_file")
    if contacts is not None:
        roster_only = [opt for opt, given in (("--enrolled", enrolled), ("--school", school), ("--update", update))
                       if given]
        if roster_only:
            raise CliError("importer.err.roster_option", "hint.importer.err.roster_option", option=roster_only[0])
        from liushou_cli.cli.import_contacts import import_contacts

        import_contacts(contacts, mapping or [], sheet, yes=yes, dry_run=dry_run, commit=commit, records=records,
                        today=today)
        return
    assert file is not None
    _import_children(file, mapping or [], enrolled, school, update=update, yes=yes, dry_run=dry_run, sheet=sheet,
                     commit=commit, records=records, today=today)


def _import_children(file: Path, mapping: list[str], enrolled: str | None, school: str | None, *, update: bool,
                     yes: bool, dry_run: bool, sheet: str | None, commit: bool, records: Path | None,
                     today: str | None) -> None:
    from liushou_cli.cli.edit_common import load_records as load  # refuses a broken liushou.yaml
    from liushou_cli.records.write import ChangeSet, WriteError, next_id
    from liushou_cli.roster import RosterError, parse_map, read_roster
    from liushou_cli.roster.plan import ADD, ERROR, UPDATE, make_plan
    from liushou_cli.roster.stage import stage

    root = root_of(records)
    day = parse_day(today)
    enrol_day = parse_day(enrolled, day) if enrolled is not None else day
    school_name = school.strip() if school and school.strip() else None
    env = Env.create()
    try:
        roster = read_roster(file, parse_map(mapping), sheet)
    except RosterError as exc:
        raise roster_error(exc) from None

    existing = load(root)
    new_id = _id_maker(set(existing.children) | _file_ids(root / "children"), next_id)

    changes = ChangeSet(root)
    actions = make_plan(roster.rows, existing.children, new_id, enrol_day, update, school_name)
    try:
        stage(actions, changes, existing)  # rendering each child: the long part, so it reports progress
    except WriteError as exc:
        raise CliError("importer.err.write", reason=t(exc.key, **exc.args_)) from None
    counts = {kind: sum(1 for a in actions if a.kind == kind) for kind in ("add", "update", "skip", "error")}
    source = "importer.source.xlsx" if roster.encoding == "xlsx" else "importer.source.csv"
    env.err.print(t(source, file=file.name, sheet=roster.sheet, encoding=ENCODINGS.get(roster.encoding, roster.encoding),
                    row=roster.header.row, rows=len(roster.rows)), markup=False, soft_wrap=True)
    if roster.header.unused():
        env.err.print(t("importer.unused", columns="、".join(roster.header.unused())), markup=False, soft_wrap=True)
    _show(env, actions, update)
    _show_enrolled(env, roster, actions, enrolled is not None, enrol_day)
    env.out.print(t("importer.summary", **counts), markup=False)
    bad = counts[ERROR] > 0
    question = t("importer.confirm_partial", **counts) if bad else t("importer.confirm")
    written = t("importer.written", files="{files}", add=counts[ADD], update=counts[UPDATE])
    write_changes(env, changes, existing, day, status=ExitStatus.PROBLEMS if bad else ExitStatus.OK,
                  question=question, written=written,
                  commit_message=t("importer.commit_message", add=counts[ADD], update=counts[UPDATE]),
                  yes=yes, dry_run=dry_run, commit=commit)


def _file_ids(folder: Path) -> set[str]:
    """Ids taken by files, even ones that could not be read (never reuse their names)."""
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}


def _id_maker(taken: set[str], next_id: Callable[[Iterable[str], str], str]) -> Callable[[], str]:
    """New ids C001, C002 …: the first after the highest taken, then counting on (one
    scan of the taken ids, not one per child)."""
    first = next_id(taken, "C")
    digits = first[1:]
    counter = iter(range(int(digits), 10 ** 9))

    def new_id() -> str:
        while True:
            cid = f"C{next(counter):0{len(digits)}d}"
            if cid not in taken:
                taken.add(cid)
                return cid

    return new_id


def _show(env: Env, actions: list[Action], update: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from liushou_cli.roster.plan import ERROR, SKIP, UPDATE

    table = Table(box=None, pad_edge=False, show_edge=False)
    for key in ("row", "action", "id", "name", "birth_date", "enrolled", "village", "detail"):
        table.add_column(t(f"importer.col.{key}"), overflow="fold")
    problems = []
    for a in actions:
        if a.kind == ERROR:
            reason = t("importer.sep").join(t(i.key, **dict(i.args)) for i in a.issues)
            problems.append(t("importer.row_problem", row=a.row, reason=reason))
            continue
        if a.kind == UPDATE:
            detail = t("importer.detail.fills", fields=", ".join(f.label for f in a.fills))
        elif a.kind == SKIP:
            detail = t("importer.detail.exists_update" if update else "importer.detail.exists")
        else:
            detail = t("importer.detail.same_name", ids=", ".join(a.same_name)) if a.same_name else ""
        cells = (str(a.row), t(f"importer.kind.{a.kind}"), a.child_id or "", a.name,
                 a.birth_date.isoformat() if a.birth_date else "", a.enrolled.isoformat() if a.enrolled else "",
                 a.village or "", detail)
        table.add_row(*(Text(c) for c in cells))
    if table.row_count:
        env.out.print(table)
    if problems:
        env.out.print(t("importer.problems"), markup=False)
        for line in problems:
            env.out.print(f"  {line}", markup=False, soft_wrap=True)


def _show_enrolled(env: Env, roster: Roster, actions: list[Action], option: bool, default: date) -> None:
    """Where the added children's ``enrolled`` comes from, said every time: a contact
    dated before it does not count and cannot be logged, so a roster imported today
    without it would refuse every earlier contact."""
    from liushou_cli.roster.plan import ADD

    given = {r.row for r in roster.rows if r.data.get("enrolled") is not None}
    added = [a for a in actions if a.kind == ADD]
    if not added:
        return
    column = next((c.label for c in roster.header.columns if c.field == "enrolled"), None)
    defaulted = sum(1 for a in added if a.row not in given)
    if column is not None:
        env.out.print(t("importer.enrolled.column", column=column, count=len(added) - defaulted),
                      markup=False, soft_wrap=True)
    if not defaulted:
        return
    if option:
        env.out.print(t("importer.enrolled.option", date=default.isoformat(), count=defaulted),
                      markup=False, soft_wrap=True)
    else:
        env.out.print(t("importer.enrolled.today", date=default.isoformat(), count=defaulted),
                      markup=False, soft_wrap=True)
