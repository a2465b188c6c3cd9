"""``liushou report``: the term summary (学期工作总结), or a quarter's, a year's or any span's, as DOCX, Markdown or JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liushou_cli.cli.common import (
    CliError,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    apply_lang,
    parse_day,
    root_of,
)
from liushou_cli.cli.env import Env
from liushou_cli.cli.load_errors import print_losses
from liushou_cli.i18n import t

if TYPE_CHECKING:
    from liushou_cli.reports.period import ReportPeriod

FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".json": "json"}


def _format(fmt: str | None, output: Path | None) -> str:
    by_ext = FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return by_ext or "docx"
    fmt = fmt.lower().strip()
    if fmt not in ("md", "docx", "json"):
        raise CliError("report.err.bad_format", format=fmt)
    if output is not None and by_ext is not None and by_ext != fmt:
        raise CliError("report.err.format_mismatch", format=fmt, path=str(output))
    return fmt


def _template(template: Path | None, fmt: str) -> Path | None:
    if template is None:
        return None
    name = template.name.lower()
    fits = name.endswith(".docx") if fmt == "docx" else name.endswith((".j2", ".md", ".jinja"))
    if fmt == "json" or not fits:
        raise CliError("report.err.template_kind", path=str(template), format=fmt)
    return template


def report(
    records: RecordsOpt = None,
    today: TodayOpt = None,
    term: Annotated[str | None, typer.Option("--term", help=t("opt.report.term"), metavar="ID")] = None,
    quarter: Annotated[str | None, typer.Option("--quarter", help=t("opt.report.quarter"), metavar="2026Q4")] = None,
    year: Annotated[str | None, typer.Option("--year", help=t("opt.report.year"), metavar="2026")] = None,
    school_year: Annotated[str | None, typer.Option("--school-year", help=t("opt.report.school_year"),
                                                    metavar="2026")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help=t("opt.report.from"), metavar="DATE")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help=t("opt.report.to"), metavar="DATE")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=t("opt.report.format"),
                                            metavar="md|docx|json")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=t("opt.report.output"),
                                                metavar="FILE")] = None,
    template: Annotated[Path | None, typer.Option("--template", help=t("opt.report.template"),
                                                  metavar="FILE")] = None,
    redact: Annotated[bool, typer.Option("--redact", help=t("opt.report.redact"))] = False,
    with_contacts: Annotated[bool, typer.Option("--with-contacts", help=t("opt.report.with_contacts"))] = False,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli import resolve
    from liushou_cli.duties.engine import obligations
    from liushou_cli.present import report as report_formats
    from liushou_cli.present.templating import TemplateProblem
    from liushou_cli.records.load import load
    from liushou_cli.reports.data import ReportError, build, pick_term
    from liushou_cli.reports.period import ReportPeriod
    from liushou_cli.reports.redact import redact_report

    apply_lang(lang)
    if redact and with_contacts:
        raise CliError("report.err.redact_contacts")
    given = [name for name, value in (("--term", term), ("--quarter", quarter), ("--year", year),
                                      ("--school-year", school_year), ("--from/--to", date_from or date_to))
             if value is not None]
    if len(given) > 1:
        raise CliError("report.err.two_periods", "report.hint.period", given="、".join(given))
    from liushou_cli.cli.output_target import checked_file, default_out, is_stdout, worded

    to_stdout = is_stdout(output)
    if to_stdout:
        output = None
        fmt = fmt or "md"  # ``-o -``: text for the screen or the next program
    kind = _format(fmt, output)
    if to_stdout and kind == "docx":
        raise CliError("out.err.stdout_binary", "out.hint.stdout_binary", path="-", format="DOCX")
    user_template = _template(template, kind)
    root = root_of(records)
    if output is not None:
        checked_file(output, root)  # before any work: never over a record, a link or a device
    if user_template is None and kind != "json":
        user_template = _own_template(root, kind)
    day = parse_day(today)
    asked = _period(quarter, year, school_year, date_from, date_to, day)
    env = Env.create()
    loaded = load(root)
    lost = print_losses(env, loaded)  # where each unread file is wrong, and how to fix it
    if loaded.program is None:
        raise CliError("report.err.no_program", "report.hint.run_check")
    if lost:  # a report that silently counts a child fewer is worse than none
        raise CliError("report.err.incomplete", "report.hint.incomplete", count=lost)
    try:
        chosen = asked if asked is not None and term is None else ReportPeriod.of_term(
            pick_term(loaded.program.terms, day, resolve.term(loaded.program.terms, term)))
        narrative = _narrative(root, chosen.id)
        data = build(loaded, chosen, day, obligations=obligations, with_contacts=with_contacts,
                     narrative=narrative)
    except ReportError as exc:
        hint = {"report.err.no_such_term": "report.hint.terms",
                "report.err.no_term": "report.hint.no_term"}.get(exc.key)
        raise CliError(exc.key, hint, **exc.args_) from None
    if redact:
        data = redact_report(data, loaded)

    if kind == "json" and output is None:
        env.write(report_formats.TEXTS[kind](data, None))
        return
    target = output if output is not None or to_stdout else checked_file(
        default_out(root) / f"{chosen.id}-report.{kind}", root)
    try:
        with worded(target or "-"):
            if target is None:
                env.write(report_formats.TEXTS[kind](data, user_template))
                return
            report_formats.write(kind, data, target, user_template)
    except TemplateProblem as exc:
        hint = "report.hint.fullwidth" if exc.key == "report.err.tpl_fullwidth" else "report.hint.template"
        raise CliError(exc.key, hint, **exc.args_) from None
    env.out.print(t("report.written", path=str(target)), markup=False, soft_wrap=True)


def _period(quarter: str | None, year: str | None, school_year: str | None, date_from: str | None,
            date_to: str | None, today: date) -> ReportPeriod | None:
    """The period the options ask for (one at most, checked before), or None: the term."""
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


def _own_template(root: Path, kind: str) -> Path | None:
    """A programme's own ``templates/term_report.<ext>`` (sandboxed like --template), if any."""
    from liushou_cli.templates_path import find

    found = find("term_report.docx" if kind == "docx" else "term_report.md.j2", root)
    return found[0] if found is not None and found[1] else None


def _narrative(root: Path, term_id: str) -> str | None:
    """``reports/<term-id>.md`` (主要做法, 存在问题, 下步打算), included as written."""
    from liushou_cli.records.paths import escapes

    path = root / "reports" / f"{term_id}.md"
    if not path.is_file():
        return None
    if escapes(root, path):  # a link out of the records must not pour another file into a report
        raise CliError("edit.err.bad_path", path=f"reports/{term_id}.md")
    from liushou_cli.records.bounded import read_bounded

    try:
        raw = read_bounded(path)  # a pipe or a huge file in its place: no hang, no gigabytes
    except OSError as exc:
        raise CliError("out.err.narrative", "out.hint.narrative", path=f"reports/{term_id}.md",
                       reason=exc.strerror or type(exc).__name__) from None
    return raw.decode("utf-8-sig", errors="replace")
