"""``liushou remind``: one friendly message per helper, ready for WeChat or SMS.

The messages are made by ``present.reminder`` (the template, its values); this
command picks the helpers, and prints the messages or writes one file a helper.
Mandatory reports are the coordinator's: they go to stderr, never to helpers, and so
does the coordinator's own list (risk assessments, persuasions no helper is asked for).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from liushou_cli.cli.common import CliError, LangOpt, RecordsOpt, TodayOpt, parse_day
from liushou_cli.cli.due_common import load_records, report_unreadable, require_helper
from liushou_cli.cli.edit_common import complete_helper
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t
from liushou_cli.present.due_text import helper_name, print_alerts


def remind(
    records: RecordsOpt = None,
    today: TodayOpt = None,
    helper: Annotated[str | None, typer.Option("--helper", metavar="ID", help=t("opt.due.helper"),
                                               autocompletion=complete_helper)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="DIR", help=t("opt.remind.output"),
                                                file_okay=False)] = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli.output_target import checked_folder, is_stdout, write_output
    from liushou_cli.duties.engine import compute_due
    from liushou_cli.present import reminder

    if is_stdout(output):  # ``-o -``: the reminders on standard output, as without -o
        output = None
    day = parse_day(today)
    loaded = load_records(records)
    if output is not None:  # a real folder, not a link out nor a records folder: checked before any work
        checked_folder(output, loaded.root)
    helper = require_helper(loaded, helper)  # an id, or the one helper of that name
    env = Env.create()
    unreadable = report_unreadable(env, loaded)
    result = compute_due(loaded, day)
    if result.alerts:
        env.err.print(t("remind.alerts_note"), style="bold red", markup=False, soft_wrap=True)
        print_alerts(env.err, loaded, list(result.alerts))
    if helper is None:  # the coordinator's own list (risk assessments, persuasions): stderr, as alerts
        for line in reminder.coordinator_lines(loaded, day, result.items):
            env.err.print(line, markup=False, soft_wrap=True)
    try:
        template = reminder.load_template(loaded.root)
        messages = [(h, template.render(reminder.context(loaded, day, h, items, result.tier_of)))
                    for h, items in reminder.by_helper(result.items, helper).items()]
    except reminder.ReminderProblem as exc:
        raise CliError(exc.key, exc.hint, **exc.args_) from None
    # the coordinator's own list: the programme's duties (no child, no helper), unless --helper
    own = [i for i in result.items if i.child is None and i.status != "pending"] if helper is None else []
    if own:
        coordinator = loaded.program.coordinator if loaded.program is not None else None
        if output is not None:
            write_output(output / reminder.COORDINATOR_FILE,
                         reminder.coordinator_text(loaded, day, own).encode("utf-8"), loaded.root)
        else:
            env.out.print(t("remind.coordinator.header", name=coordinator or ""), style="bold", markup=False,
                          soft_wrap=True)
            env.write(reminder.coordinator_text(loaded, day, own) + "\n")
    if not messages and not own:
        key = "remind.none_helper" if helper else "remind.none"
        env.err.print(t(key, day=day.isoformat(), id=helper or ""), markup=False, soft_wrap=True)
    elif not messages:
        pass  # only the coordinator's own list, shown above
    elif output is not None:
        from liushou_cli.records.paths import file_for

        for helper_id, text in messages:  # file_for: an id never becomes ../ in a path
            write_output(file_for(output, helper_id, ".txt"), text.encode("utf-8"), loaded.root)
        env.err.print(t("remind.wrote", count=len(messages), dir=str(output)), markup=False, soft_wrap=True)
    else:
        for helper_id, text in messages:
            phone = loaded.helpers[helper_id].phone if helper_id in loaded.helpers else None
            env.out.print(t("remind.header", name=helper_name(loaded, helper_id), id=helper_id,
                            phone=t("remind.phone", phone=phone) if phone else ""),
                          style="bold", markup=False, soft_wrap=True)
            env.write(text if text.endswith("\n") else text + "\n")
            env.write("\n")
    raise typer.Exit(ExitStatus.ERROR if unreadable else ExitStatus.OK)
