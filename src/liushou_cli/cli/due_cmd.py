"""``liushou due``: who must act on what, mandatory reports first.

Exit 0 when nothing is overdue and no concern awaits reporting, 1 when
something does, 2 when it cannot run or a record was left out (a file that could
not be read, or a record without a readable ``id``/``enrolled``...): the rest is
still listed, and the files left out are named first and in the last line.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer

from liushou_cli.cli.common import (
    CliError,
    JsonOpt,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    parse_day,
)
from liushou_cli.cli.due_common import (
    left_out_line,
    load_records,
    report_unreadable,
    require_helper,
    visible_items,
)
from liushou_cli.cli.edit_common import complete_helper
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t

if TYPE_CHECKING:
    from liushou_cli.present.due import By
    from liushou_cli.records.loaded import Records


def due(
    records: RecordsOpt = None,
    today: TodayOpt = None,
    show_all: Annotated[bool, typer.Option("--all", "-a", help=t("opt.due.all"))] = False,
    helper: Annotated[str | None, typer.Option("--helper", metavar="ID", help=t("opt.due.helper"),
                                               autocompletion=complete_helper)] = None,
    by: Annotated[str, typer.Option("--by", metavar="helper|child|duty", help=t("opt.due.by"))] = "helper",
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help=t("opt.due.csv"))] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help=t("opt.due.output"),
                                                dir_okay=False)] = None,
    quiet_days: Annotated[int | None, typer.Option("--quiet-days", metavar="N", help=t("opt.due.quiet_days"))] = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.duties.engine import compute_due
    from liushou_cli.present.due import BY_CHOICES, DATA_FORMATS, VIEWS

    if as_json and as_csv:
        raise CliError("due.err.two_formats")
    from liushou_cli.cli.output_target import is_stdout

    if is_stdout(output):  # ``-o -``: standard output, as without -o
        output = None
    if output is not None and not (as_json or as_csv):
        raise CliError("due.err.output_format")
    grouping = by.strip().lower()
    if grouping not in BY_CHOICES:
        raise CliError("due.err.bad_by", value=by)
    if quiet_days is not None:
        if quiet_days < 1:
            raise CliError("due.err.quiet_days", value=quiet_days)
        if grouping == "duty":
            raise CliError("due.err.quiet_by", value=by)
        if show_all:
            raise CliError("due.err.quiet_all")
    day = parse_day(today)
    loaded = load_records(records)
    helper = require_helper(loaded, helper)  # an id, or the one helper of that name
    env = Env.create()
    unreadable = report_unreadable(env, loaded)
    if quiet_days is not None:
        _quiet(env, loaded, day, quiet_days, helper, grouping, "json" if as_json else "csv" if as_csv else None,
               output, unreadable)
    result = compute_due(loaded, day)
    items = visible_items(result.items, helper, show_all)
    alerts = list(result.alerts)
    if as_json or as_csv:
        _data_out(env, loaded, DATA_FORMATS["json" if as_json else "csv"](loaded, day, result.as_of, items, alerts),
                  output)
    else:
        view = VIEWS["terminal" if env.out.is_terminal else "plain"]
        view(env.out, loaded, day, items, alerts, cast("By", grouping))
    _left_out(env, loaded, unreadable, as_json or as_csv)
    late = alerts or any(i.status == "overdue" for i in items)
    raise typer.Exit(ExitStatus.PROBLEMS if late else ExitStatus.OK)


def _data_out(env: Env, loaded: Records, texts: Iterator[str], output: Path | None) -> None:
    """JSON or CSV to ``-o FILE`` (all or nothing), else to standard output."""
    from liushou_cli.cli.output_target import write_output

    if output is not None:
        write_output(output, "".join(texts).encode("utf-8"), loaded.root)
        env.err.print(t("due.wrote", path=str(output)), markup=False, soft_wrap=True)
    else:
        _write_utf8(env, texts)


def _left_out(env: Env, loaded: Records, unreadable: bool, data: bool) -> None:
    """Exit 2 when a file was left out, naming it again as the listing's last line."""
    if not unreadable:
        return
    last = left_out_line(loaded)  # said first on stderr; again as the listing's last line
    if last is not None:
        # a list read on screen or printed ends with it; JSON and CSV stay data
        (env.err if data else env.out).print(last, style="bold red", markup=False, highlight=False,
                                             soft_wrap=True)
    raise typer.Exit(ExitStatus.ERROR)


def _quiet(env: Env, loaded: Records, day: date, days: int, helper: str | None, grouping: str,
           data_format: str | None, output: Path | None, unreadable: bool) -> NoReturn:
    """``--quiet-days N``: the pairings gone N days without any contact, instead of the duties;
    exit 1 when there is one, as for something overdue."""
    from liushou_cli.duties.quiet import standing
    from liushou_cli.present.quiet import DATA_FORMATS, print_quiet

    pairings = [q for q in standing(loaded, day) if helper is None or helper in q.helpers]
    rows = [q for q in pairings if q.days >= days]
    if data_format is not None:
        texts = DATA_FORMATS[data_format](loaded, day, days, rows, len(pairings))
        _data_out(env, loaded, texts, output)
    else:
        print_quiet(env.out, loaded, day, days, rows, len(pairings), grouping)
    _left_out(env, loaded, unreadable, data_format is not None)
    raise typer.Exit(ExitStatus.PROBLEMS if rows else ExitStatus.OK)


def _write_utf8(env: Env, texts: Iterator[str]) -> None:
    """UTF-8 as it is (a CSV's BOM included), whatever the console's own encoding; piece by
    piece, so a county's list is never one 9 MB string and its bytes at once."""
    buffer = getattr(env.stdout, "buffer", None)
    if buffer is None:  # a stream of text only (a test's): it takes the text
        env.write("".join(texts))
        return
    env.stdout.flush()
    for text in texts:
        buffer.write(text.encode("utf-8"))
    buffer.flush()
