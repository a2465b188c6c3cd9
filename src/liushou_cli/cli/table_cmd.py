"""``liushou table pairings|roster|handover|helpers|activities``: registers as CSV, XLSX or DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from liushou_cli.cli import period_options as periods
from liushou_cli.cli.common import (
    CliError,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    parse_day,
    root_of,
)
from liushou_cli.cli.env import Env
from liushou_cli.cli.load_errors import print_losses
from liushou_cli.cli.period_options import (
    FromOpt,
    QuarterOpt,
    SchoolYearOpt,
    TermOpt,
    ToOpt,
    YearOpt,
)
from liushou_cli.i18n import t


def table(
    kind: Annotated[str, typer.Argument(help=t("opt.table.kind"), metavar="pairings|roster|handover|helpers|activities")],
    records: RecordsOpt = None,
    today: TodayOpt = None,
    term: TermOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    school_year: SchoolYearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=t("opt.table.output"),
                                                metavar="FILE")] = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.present.tables import WRITERS, as_csv
    from liushou_cli.records.load import load
    from liushou_cli.reports import tables

    asked, kind = kind, tables.KIND_WORDS.get(kind.strip(), kind.strip().lower())
    if kind not in tables.KINDS:
        raise CliError("table.err.kind", kind=asked)
    periods.one_at_most(term, quarter, year, school_year, date_from, date_to)
    given = any(v is not None for v in (term, quarter, year, school_year, date_from, date_to))
    if kind not in tables.PERIOD_KINDS and given:
        raise CliError("table.err.period_only_helpers")  # the registers are as of one day (--today)
    from liushou_cli.cli.output_target import checked_file, is_stdout, worded

    if is_stdout(output):  # ``-o -``: the CSV on standard output, as without -o
        output = None
    if output is not None and output.suffix.lower() not in WRITERS:
        raise CliError("table.err.ext", path=str(output))
    root = root_of(records)
    if output is not None:
        checked_file(output, root)  # before any work: never over a record, a link or a device
    day = parse_day(today)
    span = periods.asked(quarter, year, school_year, date_from, date_to, day)
    env = Env.create()
    loaded = load(root)
    lost = print_losses(env, loaded)  # where each unread file is wrong, and how to fix it
    if loaded.program is None:
        raise CliError("report.err.no_program", "report.hint.run_check")
    if lost:  # a roster or hand-over list missing a child must not leave the school
        raise CliError("table.err.incomplete", "report.hint.incomplete", count=lost)
    from liushou_cli.reports.data import ReportError

    try:
        if kind == "helpers":
            grid = tables.helpers_table(loaded, day, periods.chosen(loaded.program.terms, span, term, day))
        elif kind == "activities":  # every activity, or those of the period asked for
            chosen = periods.chosen(loaded.program.terms, span, term, day) if given else None
            grid = tables.activities_table(loaded, day, chosen)
        else:
            grid = tables.BUILDERS[kind](loaded, day)
    except ReportError as exc:  # the helpers' table of a programme with no term begun
        raise CliError(exc.key, periods.TERM_HINTS.get(exc.key, "report.hint.period"), **exc.args_) from None
    if output is None:
        env.write(as_csv.text(grid))
        return
    with worded(output):
        WRITERS[output.suffix.lower()](grid, output)
    env.out.print(t("report.written", path=str(output)), markup=False, soft_wrap=True)
