"""``liushou remind``: one friendly message per helper, ready for WeChat or SMS.

Messages come from ``templates/remind.txt.j2``, rendered in the one Jinja
environment of ``present.templating`` (StrictUndefined, full-width punctuation in a
tag named first). A programme may put its own ``templates/remind.txt.j2`` in its
records folder; that file is someone else's text, so every template is rendered
sandboxed and bounded.
Mandatory reports are the coordinator's: they go to stderr, never to helpers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liushou_cli.cli.common import CliError, LangOpt, RecordsOpt, TodayOpt, apply_lang, parse_day
from liushou_cli.cli.due_common import (
    child_class,
    child_name,
    days_text,
    duty_text,
    helper_name,
    load_records,
    print_alerts,
    report_unreadable,
    require_helper,
)
from liushou_cli.cli.edit_common import complete_helper
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import get_lang, label, t
from liushou_cli.templates_path import find

if TYPE_CHECKING:
    from liushou_cli.duties.engine import Item
    from liushou_cli.records.load import Records

TEMPLATE = "remind.txt.j2"
TEMPLATE_EN = "remind.en.txt.j2"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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

    apply_lang(lang)
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
    template = load_template(loaded.root)
    messages = [(h, template.render(context(loaded, day, h, items)))
                for h, items in by_helper(result.items, helper).items()]
    if not messages:
        key = "remind.none_helper" if helper else "remind.none"
        env.err.print(t(key, day=day.isoformat(), id=helper or ""), markup=False, soft_wrap=True)
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


def by_helper(items: list[Item], only: str | None) -> dict[str, list[Item]]:
    """Each helper's overdue and due-soon items (a 多对一 pairing reminds every helper)."""
    grouped: dict[str, list[Item]] = {}
    for item in items:
        if item.status == "pending":
            continue
        for helper_id in item.helpers:
            if only is None or helper_id == only:
                grouped.setdefault(helper_id, []).append(item)
    return dict(sorted(grouped.items()))


def date_text(day: date) -> str:
    return t("remind.date", month=day.month, day=day.day, month_name=_MONTHS[day.month - 1])


def context(records: Records, today: date, helper_id: str, items: list[Item]) -> dict[str, Any]:
    """What a reminder template may use (documented in docs/due.md)."""
    program = records.program
    helper = records.helpers.get(helper_id)
    entries = [
        {
            "child": child_name(records, i.child),
            "child_id": i.child,
            "class_name": child_class(records, i.child),
            "duty": duty_text(i),
            "duty_id": i.duty,
            "pairing": i.pairing or "",
            "due": i.due.isoformat(),
            "due_text": date_text(i.due),
            "status": i.status,
            "status_text": label("status", i.status),
            "days": abs((i.due - today).days),
            "days_text": days_text(i, today),
            "done": i.done,
            "needed": i.needed,
        }
        for i in items
    ]
    coordinator = (program.coordinator or program.organization) if program is not None else None
    return {
        "helper": {
            "id": helper_id,
            "name": helper.name if helper is not None else helper_id,
            "role": label("role", helper.role) if helper is not None and helper.role else "",
            "phone": (helper.phone or "") if helper is not None else "",
        },
        "program": {
            "name": program.program if program is not None else "",
            "organization": (program.organization or "") if program is not None else "",
            "coordinator": (program.coordinator or "") if program is not None else "",
        },
        "coordinator": coordinator or t("remind.coordinator_fallback"),
        "today": today.isoformat(),
        "today_text": date_text(today),
        "items": entries,
        "overdue": [e for e in entries if e["status"] == "overdue"],
        "due_soon": [e for e in entries if e["status"] == "due_soon"],
    }


class _Template:
    """A compiled template that turns jinja2's errors into a CliError naming the file."""

    def __init__(self, path: Path, source: str) -> None:
        from jinja2 import TemplateError

        from liushou_cli.present.templating import TemplateProblem, lint, make_env

        self.path = path
        try:
            lint(source)  # a full-width ``｛｛`` or ``（`` named, not Jinja's cryptic message
        except TemplateProblem as exc:
            raise CliError("remind.err.template", "report.hint.fullwidth", path=str(path),
                           reason=t(exc.key, **exc.args_), **exc.args_) from None
        # sandboxed, and bounded in size and time: a programme's template is someone else's text
        env = make_env(user=True, kind="text")
        try:
            self.template = env.from_string(source)
        except TemplateError as exc:
            raise _template_error(path, exc) from None

    def render(self, values: dict[str, Any]) -> str:
        from jinja2 import TemplateError

        from liushou_cli.present.templating import TemplateLimit

        try:
            return self.template.render(values)
        except (TemplateError, TemplateLimit) as exc:
            raise _template_error(self.path, exc) from None


def _template_error(path: Path, exc: Exception) -> CliError:
    line = getattr(exc, "lineno", None)
    reason = f"{line}: {exc}" if line else str(exc)
    return CliError("remind.err.template", "remind.hint.template", path=str(path), reason=reason)


def load_template(root: Path) -> _Template:
    """The programme's own template first, then the built-in one, in the current language."""
    names = [TEMPLATE_EN, TEMPLATE] if get_lang() == "en" else [TEMPLATE]
    found = None
    for name in names:  # the programme's own wins, in either language
        candidate = find(name, root)
        if candidate is not None and candidate[1]:
            found = candidate
            break
    if found is None:
        found = next((c for c in (find(n) for n in names) if c is not None), None)
    if found is None:
        raise CliError("remind.err.no_template", name=TEMPLATE)
    path = found[0]
    try:
        from liushou_cli.present.templating import read_template

        source = read_template(path)  # bounded, and no hang on a pipe
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CliError("remind.err.template", "remind.hint.template", path=str(path), reason=reason) from None
    return _Template(path, source)
