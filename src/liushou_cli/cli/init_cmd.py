"""``liushou init [DIR]``: start a programme's records folder, never overwriting one.

Every file is created only where none exists (a folder already holding a
programme is refused before anything is touched), each written atomically;
``liushou.yaml`` comes last, so an interrupted init can simply be run again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liushou_cli.cli.common import CliError, LangOpt, TodayOpt, parse_day
from liushou_cli.cli.env import Env
from liushou_cli.i18n import t
from liushou_cli.records.atomic import create_new

if TYPE_CHECKING:
    from liushou_cli.scaffold import Settings

HOOK = "pre-commit"


def init(
    directory: Annotated[Path | None, typer.Argument(metavar="DIR", help=t("opt.init.dir"), show_default=False)] = None,
    program: Annotated[str | None, typer.Option("--program", help=t("opt.init.program"))] = None,
    organization: Annotated[str | None, typer.Option("--organization", help=t("opt.init.organization"))] = None,
    coordinator: Annotated[str | None, typer.Option("--coordinator", help=t("opt.init.coordinator"))] = None,
    no_git: Annotated[bool, typer.Option("--no-git", help=t("opt.init.no_git"))] = False,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.scaffold import PROGRAM_FILE, programme_files, school_terms

    target = directory if directory is not None else Path.cwd()
    day = parse_day(today)
    if target.exists() and not target.is_dir():
        raise CliError("init.err.not_dir", "init.hint.not_dir", path=str(target))
    if (target / PROGRAM_FILE).exists() or (target / PROGRAM_FILE).is_symlink():
        raise CliError("init.err.exists", "init.hint.exists", path=str(target / PROGRAM_FILE), dir=str(target))
    settings = _settings(target, program, organization, coordinator)
    env = Env.create()
    files = programme_files(settings, day)
    # liushou.yaml last: until it exists the folder is not a programme and init may run again
    order = sorted(files, key=lambda rel: (rel == PROGRAM_FILE, rel))
    for rel in order:
        created = _create(target, rel, files[rel].encode("utf-8"))
        env.out.print(t("init.created" if created else "init.kept", path=rel), markup=False, soft_wrap=True)
    if not no_git and shutil.which("git"):
        _git(target, env)
    env.out.print(t("init.done", dir=str(target), program=settings.program), markup=False, soft_wrap=True)
    terms = t("init.term.sep").join(
        t("init.term.span", name=term.name, start=term.start, end=term.end) for term in school_terms(day)
    )
    env.out.print(t("init.terms", terms=terms), markup=False, soft_wrap=True)
    env.out.print(t("init.next"), markup=False, soft_wrap=True)


def _interactive() -> bool:
    """Prompt only when a person is typing (never in scripts or CI)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _settings(target: Path, program: str | None, organization: str | None, coordinator: str | None) -> Settings:
    from liushou_cli.scaffold import Settings

    folder_name = target.resolve().name
    if _interactive():
        if program is None:
            program = typer.prompt(t("init.prompt.program"), default=folder_name or None)
        if organization is None:
            organization = typer.prompt(t("init.prompt.organization"), default="", show_default=False)
        if coordinator is None:
            coordinator = typer.prompt(t("init.prompt.coordinator"), default="", show_default=False)
    if program is None:
        program = folder_name
    values = {"program": program, "organization": organization, "coordinator": coordinator}
    for key, value in values.items():
        if value is not None and ("\n" in value or "\r" in value):
            raise CliError("init.err.multiline", what=t(f"init.word.{key}"))
    if not program.strip():
        raise CliError("init.err.empty_program", "init.hint.empty_program")
    return Settings(
        program=program.strip(),
        organization=(organization or "").strip() or None,
        coordinator=(coordinator or "").strip() or None,
    )


def _create(root: Path, rel: str, data: bytes) -> bool:
    """Write a new file atomically; ``False`` (and nothing written) when it already exists."""
    path = root / rel
    if path.exists() or path.is_symlink():
        return False
    try:
        return create_new(path, data)
    except OSError as exc:
        raise CliError("init.err.write", "init.hint.write", path=str(path),
                       reason=exc.strerror or type(exc).__name__) from None


def _run_git(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=target, capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=60)


def _git(target: Path, env: Env) -> None:
    """``git init`` and the pre-commit check; a git problem is reported, never fatal."""
    from liushou_cli.scaffold import hook_script

    try:
        if (target / ".git").exists():
            env.out.print(t("init.git.exists"), markup=False, soft_wrap=True)
        else:
            done = _run_git(target, "init", "-q")
            if done.returncode != 0:
                reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
                env.out.print(t("init.git.failed", reason=reason), markup=False, soft_wrap=True)
                return
            env.out.print(t("init.git.created"), markup=False, soft_wrap=True)
        found = _run_git(target, "rev-parse", "--git-path", "hooks")
        if found.returncode != 0 or not found.stdout.strip():
            return
        hooks = target / found.stdout.strip()
        hook = hooks / HOOK
        rel = os.path.relpath(hook, target)
        if not hook.exists() and create_new(hook, hook_script(sys.executable or None).encode("utf-8"), 0o755):
            env.out.print(t("init.hook.created", path=rel), markup=False, soft_wrap=True)
        else:
            env.out.print(t("init.hook.kept", path=rel), markup=False, soft_wrap=True)
    except (OSError, subprocess.SubprocessError) as exc:
        env.out.print(t("init.git.failed", reason=type(exc).__name__), markup=False, soft_wrap=True)
