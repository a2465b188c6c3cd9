"""``liushou check``: every problem in the records, at once, each where it stands.

Which problems and the exit code are decided here; ``present.problems`` shows them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from liushou_cli.cli.common import (
    JsonOpt,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    parse_day,
    root_of,
)
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t


def check(
    records: RecordsOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=t("opt.check.quiet"))] = False,
    no_warnings: Annotated[bool, typer.Option("--no-warnings", help=t("opt.check.no_warnings"))] = False,
    privacy: Annotated[bool, typer.Option("--privacy", help=t("opt.check.privacy"))] = False,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.present.problems import FORMATS
    from liushou_cli.records.checks import all_problems
    from liushou_cli.records.load import load

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
    FORMATS["json" if as_json else "text"](Env.create(), errors, warnings, quiet)
    raise typer.Exit(ExitStatus.PROBLEMS if errors else ExitStatus.OK)
