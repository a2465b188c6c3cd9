"""What every editing command shares: its options, value parsers, id completion,
and the one way a planned change is checked, shown, written and committed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liushou_cli.cli.common import GLOBALS, CliError, parse_day
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t

if TYPE_CHECKING:
    from liushou_cli.records.edits import Plan
    from liushou_cli.records.load import Records
    from liushou_cli.records.write import WriteError

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help=t("opt.edit.dry_run"))]
CommitOpt = Annotated[bool, typer.Option("--commit", help=t("opt.edit.commit"))]
DateOpt = Annotated[str | None, typer.Option("--date", help=t("opt.edit.date"), metavar="YYYY-MM-DD")]
IdOpt = Annotated[str | None, typer.Option("--id", help=t("opt.edit.id"))]

_PHONE = re.compile(r"^[0-9+\-() ]{3,24}$")
_YES = {"是", "y", "yes", "true", "1", "寄宿"}
_NO = {"否", "n", "no", "false", "0", "不寄宿", "走读"}


# parsers: text → value, or a CliError (exit 2: the command could not run) -------------


def day(text: str) -> date:
    """A strict YYYY-MM-DD date."""
    if not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        raise CliError("err.bad_date", value=text)
    return parse_day(text)


def phone(text: str) -> str:
    value = text.strip()
    if not _PHONE.match(value):
        raise CliError("edit.err.bad_phone", value=text)
    return value


def yes_no(text: str) -> bool:
    low = text.strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    raise CliError("edit.err.bad_yes_no", value=text)


def minutes(text: str) -> int:
    if not text.strip().isdigit():
        raise CliError("edit.err.bad_number", value=text)
    return int(text.strip())


def text(value: str) -> str:
    return value.strip()


# ids for shell completion: file names only, no record is parsed ----------------------


def _complete(folder: str, ctx: typer.Context, incomplete: str) -> list[str]:
    from liushou_cli.records.locate import RootNotFound, find_root

    given = None
    node: Any = ctx
    while node is not None and given is None:
        given = node.params.get("records")
        node = node.parent
    try:
        root = find_root(given if given is not None else GLOBALS.records)
    except (RootNotFound, OSError):
        return []
    where = Path(root) / folder
    if not where.is_dir():
        return []
    names = {p.stem for p in where.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")}
    return sorted(n for n in names if n.startswith(incomplete))


def complete_child(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete("children", ctx, incomplete)


def complete_helper(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete("helpers", ctx, incomplete)


def complete_pairing(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete("pairings", ctx, incomplete)


# loading and finishing ------------------------------------------------------------------


def load_records(root: Path) -> Records:
    """The records to change, or a refusal (exit 2, nothing written) when ``liushou.yaml``
    cannot be read: every change is checked against the programme, and a broken one
    would let any change through unchecked."""
    from liushou_cli.cli.load_errors import print_located, program_errors
    from liushou_cli.records.load import load
    from liushou_cli.records.locate import PROGRAM_FILE

    loaded = load(root)
    if loaded.program is None:
        print_located(Env.create(), program_errors(loaded), [PROGRAM_FILE])
        raise CliError("edit.err.no_program", "edit.hint.no_program")
    return loaded


def refused(exc: WriteError) -> CliError:
    """A plan the records cannot take (unknown id, already left...): exit 1."""
    hint = "edit.hint.ids" if exc.key in ("edit.err.no_child", "edit.err.no_pairing") else None
    return CliError(exc.key, hint, ExitStatus.PROBLEMS, **exc.args_)


def finish(plan: Plan, records: Records, today: date, *, dry_run: bool, commit: bool) -> None:
    """Check the change against the records as they would be; refuse it whole, show it
    (``--dry-run``), or write it atomically and commit exactly its files."""
    from liushou_cli.records.write import WriteError

    env = Env.create()
    changes = plan.changes
    try:
        problems = changes.introduced(today, before=records)
    except OSError as exc:  # the change has nowhere to go (a file where a folder goes)
        raise CliError("robust.err.check_copy", "robust.hint.check_copy",
                       reason=exc.strerror or type(exc).__name__) from None
    errors = [p for p in problems if p.is_error]
    if errors:
        for p in errors:
            env.err.print(f"{p.path}:{p.line}:{p.col}: {p.message}", markup=False, soft_wrap=True)
        raise CliError("edit.refused", "edit.hint.refused", ExitStatus.PROBLEMS, count=len(errors))
    if dry_run:
        diff = changes.diff()
        env.write(diff)
        env.err.print(t("edit.dry_run_note" if diff else "edit.dry_run_empty"), markup=False)
        return
    try:
        if commit:
            changes.ensure_git()
        paths = changes.paths()
        try:
            changes.apply()
        except OSError as exc:
            raise CliError("edit.err.write_failed", reason=exc.strerror or type(exc).__name__) from None
        env.out.print(t(plan.done, **plan.args), markup=False, soft_wrap=True)
        for p in problems:
            env.err.print(t("edit.warning_intro", message=p.message), markup=False, soft_wrap=True)
        if commit:
            changes.commit(plan.commit, paths)
            env.out.print(t("edit.committed", message=plan.commit), markup=False, soft_wrap=True)
    except WriteError as exc:
        hint = "edit.hint.not_repo" if exc.key == "edit.err.not_repo" else None
        raise CliError(exc.key, hint, ExitStatus.ERROR, **exc.args_) from None
