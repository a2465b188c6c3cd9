"""What every editing command shares: its options, value parsers, id completion,
and the one way a planned change is checked, shown, written and committed."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liushou_cli.cli.common import GLOBALS, CliError, parse_day, said
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t

if TYPE_CHECKING:
    from liushou_cli.records.edits import Plan
    from liushou_cli.records.load import Records
    from liushou_cli.records.write import ChangeSet, WriteError

DryRunOpt = Annotated[bool, said(typer.Option("--dry-run"), "opt.edit.dry_run")]
CommitOpt = Annotated[bool, said(typer.Option("--commit"), "opt.edit.commit")]
DateOpt = Annotated[str | None, said(typer.Option("--date", metavar="YYYY-MM-DD"), "opt.edit.date")]
IdOpt = Annotated[str | None, said(typer.Option("--id"), "opt.edit.id")]

_PHONE = re.compile(r"^[0-9+\-() ]{3,24}$")
_YES = {"是", "y", "yes", "true", "1", "寄宿"}
_NO = {"否", "n", "no", "false", "0", "不寄宿", "走读"}


# parsers: text → value, or a CliError (exit 2: the command could not run) -------------


def day_on(today: date) -> Callable[[str], date]:
    """The parser of a date option: any form a person types, ``11月3日`` counted back from
    ``today`` (the command's ``--today``), so a contact logged in January for 11月3日 is last
    November's."""
    return lambda text: parse_day(text, today)


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


# ids for shell completion: ids with the names they stand for --------------------------


Completion = list[str | tuple[str, str]]


def _complete_root(ctx: typer.Context) -> Path | None:
    from liushou_cli.records.locate import RootNotFound, find_root

    given = None
    node: Any = ctx
    while node is not None and given is None:
        given = node.params.get("records")
        node = node.parent
    try:
        return find_root(given if given is not None else GLOBALS.records)
    except (RootNotFound, OSError):
        return None


def _complete(folder: str, ctx: typer.Context, incomplete: str) -> Completion:
    """Ids whose id or name starts with what was typed, each with its name as help
    (``C001`` 张小明 四(2)班); a file that cannot be read is still offered by its name."""
    root = _complete_root(ctx)
    if root is None:
        return []
    where = root / folder
    if not where.is_dir():
        return []
    from liushou_cli.cli.resolve import completions

    files = {p.stem for p in where.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")}
    named = completions(root, folder, incomplete)
    offered = {value for value, _ in named}
    return [*named, *sorted(n for n in files if n.startswith(incomplete) and n not in offered)]


def complete_child(ctx: typer.Context, incomplete: str) -> Completion:
    return _complete("children", ctx, incomplete)


def complete_helper(ctx: typer.Context, incomplete: str) -> Completion:
    return _complete("helpers", ctx, incomplete)


def complete_pairing(ctx: typer.Context, incomplete: str) -> Completion:
    return _complete("pairings", ctx, incomplete)


def complete_record(ctx: typer.Context, incomplete: str) -> Completion:
    """What ``explain`` takes: a pairing, or a child."""
    return [*complete_pairing(ctx, incomplete), *complete_child(ctx, incomplete)]


def complete_kind(ctx: typer.Context, incomplete: str) -> Completion:
    """Contact kinds by the words people write (走访, 谈心, 电话) and by id."""
    from liushou_cli.cli.choices import kind_words

    return [(word, kind) for word, kind in kind_words() if word.startswith(incomplete)]


# loading and finishing ------------------------------------------------------------------


LOCK_WAIT_ENV = "LIUSHOU_LOCK_WAIT"  # seconds a writing command waits for another to finish


def hold_lock(root: Path) -> None:
    """Take the records' write lock for the rest of this command (released when the
    command ends, however it ends; a killed process's lock goes with it). Every
    writing command takes it here, through ``load_records``, before it reads: a
    ChangeSet planned without it cannot be applied. Waiting longer than a few
    seconds says who holds it; giving up is exit 2 with nothing written."""
    import os

    from typer._click.globals import get_current_context

    from liushou_cli.records.lock import WAIT_SECONDS, LockError, records_lock

    env = Env.create()
    ctx = get_current_context(silent=True)
    try:
        wait = float(os.environ.get(LOCK_WAIT_ENV, "") or WAIT_SECONDS)
    except ValueError:
        wait = WAIT_SECONDS

    def waiting(words: dict[str, str]) -> None:
        env.err.print(t("lock.waiting", **words), markup=False, soft_wrap=True)

    lock = records_lock(root, command=_command_name(ctx), wait=wait, on_wait=waiting)
    try:
        if ctx is not None:
            ctx.with_resource(lock)
        else:  # called outside a command: held until the process ends
            lock.__enter__()
    except LockError as exc:
        hint = "lock.hint.busy" if exc.key == "lock.err.busy" else "lock.hint.unavailable"
        raise CliError(exc.key, hint, ExitStatus.ERROR, env=LOCK_WAIT_ENV, **exc.args_) from None


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """``hold_lock`` as a ``with`` block, for a command that wants its reach shown."""
    hold_lock(root)
    yield


def _command_name(ctx: Any) -> str:
    """``add child``, ``import``...: the command's words only, never its arguments
    (they can hold a child's name)."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def load_records(root: Path) -> Records:
    """The records to change, under the write lock (``hold_lock``), or a refusal (exit 2,
    nothing written) when ``liushou.yaml`` cannot be read: every change is checked
    against the programme, and a broken one would let any change through unchecked."""
    from liushou_cli.cli.load_errors import program_errors
    from liushou_cli.present.problems import print_located
    from liushou_cli.records.load import load
    from liushou_cli.records.locate import PROGRAM_FILE

    hold_lock(root)
    loaded = load(root)
    if loaded.program is None:
        print_located(Env.create().err, program_errors(loaded), [PROGRAM_FILE])
        raise CliError("edit.err.no_program", "edit.hint.no_program")
    return loaded


def refused(exc: WriteError) -> CliError:
    """A plan the records cannot take (unknown id, already left...): exit 1."""
    return CliError(exc.key, _REFUSAL_HINTS.get(exc.key), ExitStatus.PROBLEMS, **exc.args_)


# the hint, naming the command that fixes it, of each refusal that has one
_REFUSAL_HINTS = {
    "edit.err.no_child": "edit.hint.ids",
    "edit.err.no_pairing": "edit.hint.ids",
    "edit.err.duplicate_pairing": "edit.hint.duplicate_pairing",
    "edit.err.pairing_has_contacts": "edit.hint.pairing_has_contacts",
    "edit.err.unknown_field": "edit.hint.unknown_field",
    "edit.err.structural_field": "edit.hint.structural_field",
    "edit.err.field_not_value": "edit.hint.field_not_value",
    "edit.err.field_index": "edit.hint.field_index",
    "edit.err.no_such_item": "edit.hint.field_index",
    "edit.err.no_row": "edit.hint.no_row",
    "edit.err.not_contact_log": "edit.hint.no_row",
}


def _refresh_snapshot(changes: ChangeSet, records: Records) -> None:
    """Tell the snapshot what the write changed, so the next command is warm too."""
    if changes.checked is not None:
        from liushou_cli.records import snapshot

        _after, values, created = changes.checked
        snapshot.after_write(changes.root, records.basis, values, created)


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
        for key, args in plan.notes:
            env.err.print(t(key, **args), markup=False, soft_wrap=True)
        return
    try:
        if commit:
            changes.ensure_git()
        paths = changes.paths()
        try:
            changes.apply()
        except OSError as exc:
            raise CliError("edit.err.write_failed", reason=exc.strerror or type(exc).__name__) from None
        _refresh_snapshot(changes, records)
        env.out.print(t(plan.done, **plan.args), markup=False, soft_wrap=True)
        for key, args in plan.notes:
            env.out.print(t(key, **args), markup=False, soft_wrap=True)
        for p in problems:
            env.err.print(t("edit.warning_intro", message=p.message), markup=False, soft_wrap=True)
        if commit:
            changes.commit(plan.commit, paths)
            env.out.print(t("edit.committed", message=plan.commit), markup=False, soft_wrap=True)
    except WriteError as exc:
        hint = "edit.hint.not_repo" if exc.key == "edit.err.not_repo" else None
        raise CliError(exc.key, hint, ExitStatus.ERROR, **exc.args_) from None
