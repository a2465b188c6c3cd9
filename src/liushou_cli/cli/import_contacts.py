"""``liushou import --contacts FILE``: a helpers' contact sheet (活动台帐) into the contact log.

Shown first — the rows to add, the rows already in the log, the rows refused with
their row, column and reason — then, once agreed, appended to the month files
``liushou log`` writes, through one ChangeSet (checked as a whole, all or nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from liushou_cli.cli.common import CliError, parse_day, root_of
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.cli.import_common import ENCODINGS, roster_error, write_changes
from liushou_cli.i18n import label, t
from liushou_cli.roster.contact_plan import NEW, PRESENT, REFUSED, ContactAction

if TYPE_CHECKING:
    from liushou_cli.model import Child
    from liushou_cli.records.load import Records


def import_contacts(file: Path, mapping: list[str], sheet: str | None, *, yes: bool, dry_run: bool, commit: bool,
                    records: Path | None, today: str | None) -> None:
    from liushou_cli.cli.edit_common import load_records as load  # refuses a broken liushou.yaml
    from liushou_cli.records.edits import append_contacts
    from liushou_cli.records.write import ChangeSet, WriteError
    from liushou_cli.roster import RosterError, parse_map
    from liushou_cli.roster.contact_plan import plan_contacts
    from liushou_cli.roster.contact_sheet import CONTACT_FIELDS, read_contact_sheet

    root = root_of(records)
    day = parse_day(today)
    env = Env.create()
    try:
        found = read_contact_sheet(file, parse_map(mapping, CONTACT_FIELDS), sheet)
    except RosterError as exc:
        raise roster_error(exc) from None
    existing = load(root)
    actions = plan_contacts(found.rows, existing, day)

    source = "importer.source.xlsx" if found.encoding == "xlsx" else "importer.source.csv"
    for part in found.parts:
        env.err.print(t(source, file=file.name, sheet=part.name, encoding=ENCODINGS.get(found.encoding, found.encoding),
                        row=part.header.row, rows=part.rows), markup=False, soft_wrap=True)
        if part.unused():
            env.err.print(t("importer.unused", columns="、".join(part.unused())), markup=False, soft_wrap=True)
        if part.kinds_from_summary:
            column = part.header.first("summary")
            env.err.print(t("importer.contacts.kinds_from_summary", column=column.label if column else ""),
                          markup=False, soft_wrap=True)
    several = len(found.parts) > 1

    changes = ChangeSet(root)
    new = [a for a in actions if a.kind == NEW]
    try:
        files = append_contacts(existing, changes, [a.cells() for a in new])
    except WriteError as exc:
        raise CliError("importer.err.write", reason=t(exc.key, **exc.args_)) from None
    _show(env, actions, existing.children, {id(a): _file_of(existing, a) for a in new}, several)
    for path in files["converted"]:
        env.out.print(t("importer.contacts.converted", path=path), markup=False, soft_wrap=True)
    counts = {kind: sum(1 for a in actions if a.kind == kind) for kind in (NEW, PRESENT, REFUSED)}
    env.out.print(t("importer.contacts.summary", **counts), markup=False)
    bad = counts[REFUSED] > 0
    question = t("importer.contacts.confirm_partial" if bad else "importer.contacts.confirm", **counts)
    write_changes(env, changes, existing, day, status=ExitStatus.PROBLEMS if bad else ExitStatus.OK,
                  question=question, written=t("importer.contacts.written", files="{files}", new=counts[NEW]),
                  commit_message=t("importer.contacts.commit_message", new=counts[NEW]),
                  yes=yes, dry_run=dry_run, commit=commit, warnings_key="importer.contacts.warnings")


def _file_of(records: Records, action: ContactAction) -> str:
    from liushou_cli.records.edits import contacts_file

    assert action.date is not None
    return contacts_file(records, action.date)


def ranges(numbers: list[int]) -> str:
    """3, 4, 5, 9 → 3–5、9: a re-imported sheet's hundred rows on one line."""
    out: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(f"{start}–{prev}" if prev != start else str(start))
        start = prev = n
    if start is not None:
        out.append(f"{start}–{prev}" if prev != start else str(start))
    return "、".join(out)


def _show(env: Env, actions: list[ContactAction], children: Mapping[str, Child], files: dict[int, str],
          several: bool) -> None:
    """The new rows as a table, the rows already in the log in one line, each refused row
    with its reason; rows named by sheet too when the workbook has several."""

    from liushou_cli.present.plain_table import table_lines

    new = [a for a in actions if a.kind == NEW]
    if new:
        # plain text, not a rich table: a term's sheet has a thousand rows (2 s in rich)
        env.out.print(t("importer.contacts.new"), markup=False)
        headers = [t(f"importer.contacts.col.{key}")
                   for key in ("row", "date", "child", "pairing", "kinds", "helper", "file")]
        rows = []
        for a in new:
            kid = children.get(a.child or "")
            name = kid.name if kid is not None else ""
            rows.append([f"{a.sheet} {a.row}" if several else str(a.row), a.date.isoformat() if a.date else "", f"{name} {a.child}".strip(),
                         a.pairing or "", "、".join(label("kind", k) for k in a.kinds),
                         a.helper or t("importer.contacts.all_helpers"), files.get(id(a), "")])
        lines = table_lines(headers, rows, env.out.width, no_wrap=[0, 1])
        env.write("".join(line + "\n" for row_lines in lines for line in row_lines))
    present = [a for a in actions if a.kind == PRESENT]
    if present:
        by_sheet: dict[str, list[int]] = {}
        for a in present:
            by_sheet.setdefault(a.sheet, []).append(a.row)
        rows_text = t("importer.sep").join(
            t("importer.contacts.sheet_rows", sheet=name, rows=ranges(numbers)) if several else ranges(numbers)
            for name, numbers in by_sheet.items())
        env.out.print(t("importer.contacts.present", rows=rows_text), markup=False, soft_wrap=True)
    refused = [a for a in actions if a.kind == REFUSED]
    if refused:
        env.out.print(t("importer.contacts.refused"), markup=False)
        for a in refused:
            reason = t("importer.sep").join(t(i.key, **dict(i.args)) for i in a.issues)
            line = (t("importer.contacts.sheet_problem", sheet=a.sheet, row=a.row, reason=reason) if several
                    else t("importer.row_problem", row=a.row, reason=reason))
            env.out.print(f"  {line}", markup=False, soft_wrap=True)
