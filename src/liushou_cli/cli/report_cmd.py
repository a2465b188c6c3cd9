"""``liushou report``: the term summary (学期工作总结), or a quarter's, a year's or any span's, as DOCX, Markdown or JSON."""

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
    term: TermOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    school_year: SchoolYearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
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
    from liushou_cli.duties.engine import obligations
    from liushou_cli.present import report as report_formats
    from liushou_cli.present.templating import TemplateProblem
    from liushou_cli.records.load import load
    from liushou_cli.reports.data import ReportError, build
    from liushou_cli.reports.redact import redact_report

    if redact and with_contacts:
        raise CliError("report.err.redact_contacts")
    periods.one_at_most(term, quarter, year, school_year, date_from, date_to)
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
    asked = periods.asked(quarter, year, school_year, date_from, date_to, day)
    env = Env.create()
    loaded = load(root)
    lost = print_losses(env, loaded)  # where each unread file is wrong, and how to fix it
    if loaded.program is None:
        raise CliError("report.err.no_program", "report.hint.run_check")
    if lost:  # a report that silently counts a child fewer is worse than none
        raise CliError("report.err.incomplete", "report.hint.incomplete", count=lost)
    try:
        chosen = periods.chosen(loaded.program.terms, asked, term, day)
        narrative = _narrative(root, chosen.id)
        data = build(loaded, chosen, day, obligations=obligations, with_contacts=with_contacts,
                     narrative=narrative)
    except ReportError as exc:
        raise CliError(exc.key, periods.TERM_HINTS.get(exc.key), **exc.args_) from None
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
