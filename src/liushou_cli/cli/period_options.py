"""The options that choose a report's span, shared by ``report`` and ``table helpers``:
``--term``, ``--quarter``, ``--year``, ``--school-year``, ``--from``/``--to`` (one at most)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from liushou_cli.cli.common import CliError, parse_day, said
from liushou_cli.phrases import listed

if TYPE_CHECKING:
    from liushou_cli.model import Term
    from liushou_cli.reports.period import ReportPeriod

TermOpt = Annotated[str | None, said(typer.Option("--term", metavar="ID"), "opt.report.term")]
QuarterOpt = Annotated[str | None, said(typer.Option("--quarter", metavar="2026Q4"), "opt.report.quarter")]
YearOpt = Annotated[str | None, said(typer.Option("--year", metavar="2026"), "opt.report.year")]
SchoolYearOpt = Annotated[str | None, said(typer.Option("--school-year", metavar="2026"), "opt.report.school_year")]
FromOpt = Annotated[str | None, said(typer.Option("--from", metavar="DATE"), "opt.report.from")]
ToOpt = Annotated[str | None, said(typer.Option("--to", metavar="DATE"), "opt.report.to")]


def one_at_most(term: str | None, quarter: str | None, year: str | None, school_year: str | None,
                date_from: str | None, date_to: str | None) -> None:
    """Refuse two spans at once, before any work."""
    given = [name for name, value in (("--term", term), ("--quarter", quarter), ("--year", year),
                                      ("--school-year", school_year), ("--from/--to", date_from or date_to))
             if value is not None]
    if len(given) > 1:
        raise CliError("report.err.two_periods", "report.hint.period", given=listed(given))


def asked(quarter: str | None, year: str | None, school_year: str | None, date_from: str | None,
          date_to: str | None, today: date) -> ReportPeriod | None:
    """The span the options other than ``--term`` ask for, or None (then a term)."""
    from liushou_cli.reports import period

    try:
        if quarter is not None:
            return period.quarter(quarter)
        if year is not None:
            return period.year(year)
        if school_year is not None:
            return period.school_year(school_year)
        if date_from is not None or date_to is not None:
            if date_from is None or date_to is None:
                raise CliError("report.err.half_range", "report.hint.period")
            return period.between(parse_day(date_from, today), parse_day(date_to, today))
    except period.PeriodError as exc:
        raise CliError(exc.key, "report.hint.period", **exc.args_) from None
    return None


def chosen(terms: list[Term], asked_for: ReportPeriod | None, term: str | None, today: date) -> ReportPeriod:
    """The span asked for, else the term (``--term`` by id or name; else the one holding
    today, between terms the one just ended). A ``ReportError`` when there is none."""
    from liushou_cli.cli import resolve
    from liushou_cli.reports.data import pick_term
    from liushou_cli.reports.period import ReportPeriod

    if asked_for is not None:
        return asked_for
    return ReportPeriod.of_term(pick_term(terms, today, resolve.term(terms, term)))


TERM_HINTS = {"report.err.no_such_term": "report.hint.terms", "report.err.no_term": "report.hint.no_term"}
