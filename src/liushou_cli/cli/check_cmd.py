"""``liushou check``: every problem in the records, at once, each where it stands."""

from __future__ import annotations

from typing import Annotated

import typer

from liushou_cli.cli.common import (
    JsonOpt,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    apply_lang,
    parse_day,
    root_of,
)
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import label, t
from liushou_cli.present import jsonout
from liushou_cli.problems import Problem


def check(
    records: RecordsOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=t("opt.check.quiet"))] = False,
    no_warnings: Annotated[bool, typer.Option("--no-warnings", help=t("opt.check.no_warnings"))] = False,
    privacy: Annotated[bool, typer.Option("--privacy", help=t("opt.check.privacy"))] = False,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.records.checks import all_problems
    from liushou_cli.records.load import load

    apply_lang(lang)
    root = root_of(records)
    day = parse_day(today)
    loaded = load(root)
    problems = all_problems(loaded, day)
    if privacy:  # warnings like any other: the exit code stays the check's own
        from liushou_cli.privacy import scan
        from liushou_cli.records.gitfacts import gather

        problems += scan(loaded, gather(root))
    errors = [p for p in problems if p.is_error]
    warnings = [] if no_warnings else [p for p in problems if not p.is_error]
    env = Env.create()
    if as_json:
        payload = {"errors": [p.as_dict() for p in errors], "warnings": [p.as_dict() for p in warnings]}
        env.write(jsonout.dumps(payload))
    else:
        _print(env, sorted([*errors, *warnings], key=Problem.sort_key), quiet)
        summary = "check.summary.ok" if not errors and not warnings else "check.summary"
        env.err.print(t(summary, errors=len(errors), warnings=len(warnings)), markup=False)
    raise typer.Exit(ExitStatus.PROBLEMS if errors else ExitStatus.OK)


def _print(env: Env, problems: list[Problem], quiet: bool) -> None:
    """``PATH:LINE:COL: 错误 CODE: message`` then the hint; styled text, never markup,
    so a ``[`` in a file name or a record prints as written. Piped, the same lines are
    written as they are: rich lays out each line on its own (a tenth of a second for
    a county's 500 warnings) for no styles to show."""
    from rich.text import Text

    plain = not env.out.is_terminal
    hint_label = t("label.hint")
    lines: list[str] = []
    for p in problems:
        head = f"{p.path}:{p.line}:{p.col}: "
        code = f"{label('severity', p.severity.value)} {p.code}"
        hint = f"    {hint_label}: {p.hint}" if p.hint and not quiet else None
        if plain and _printable(head, code, p.message, hint or ""):
            lines.append(f"{head}{code}: {p.message}\n")
            if hint is not None:
                lines.append(hint + "\n")
            continue
        env.write("".join(lines))
        lines.clear()
        line = Text(head)
        line.append(code, style="bold red" if p.is_error else "yellow")
        line.append(f": {p.message}")
        env.out.print(line, soft_wrap=True)
        if hint is not None:
            env.out.print(Text(hint, style="dim"), soft_wrap=True)
    env.write("".join(lines))


def _printable(*parts: str) -> bool:
    """No tab or control character (which rich would expand or drop) in any part."""
    return all(part.isprintable() for part in parts)
