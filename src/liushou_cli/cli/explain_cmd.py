"""``liushou explain ID``: why each duty of a pairing or child has its status.

For the coordinator answering a helper who says "but I did visit": every
period considered, the contacts that counted, the ones that did not and why,
and the conclusion — in plain sentences. The engine gives the reasons, and
``present.explain`` words them; this parses the arguments and picks the format.
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
)
from liushou_cli.cli.due_common import load_records, report_unreadable
from liushou_cli.cli.edit_common import complete_record
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t


def explain(
    record_id: Annotated[str, typer.Argument(metavar="ID", help=t("opt.explain.id"),
                                             autocompletion=complete_record)],
    records: RecordsOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli import resolve
    from liushou_cli.duties.engine import explain as explain_duties
    from liushou_cli.duties.engine import explain_absences, program_duty_ids
    from liushou_cli.present.explain import FORMATS

    day = parse_day(today)
    loaded = load_records(records)
    program_ids = program_duty_ids(loaded)
    typed = record_id.strip()
    if typed in program_ids and typed not in loaded.pairings and typed not in loaded.children:
        record_id = typed  # a programme duty (monthly_gathering): the programme's own periods
    else:
        record_id = resolve.record(loaded, record_id, program_ids)  # a pairing, or a child by id or name
    env = Env.create()
    unreadable = report_unreadable(env, loaded)
    explanations = explain_duties(loaded, day, record_id)
    absent = explain_absences(loaded, day, record_id)  # a child's absences (控辍保学); none for a pairing
    FORMATS["json" if as_json else "text"](env, loaded, day, record_id, explanations, absent)
    raise typer.Exit(ExitStatus.ERROR if unreadable else ExitStatus.OK)
