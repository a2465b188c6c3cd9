"""Reminder text: one message a helper, from ``templates/remind.txt.j2`` (or
``remind.en.txt.j2`` with ``--lang en``).

The template renders in the one Jinja environment of ``present.templating``
(StrictUndefined, full-width punctuation in a tag named first). A programme may put
its own ``templates/remind.txt.j2`` in its records folder; that file is someone
else's text, so every template is rendered sandboxed and bounded. What a template
may use is ``context`` (documented in docs/due.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liushou_cli.i18n import get_lang, label, t
from liushou_cli.present.due_text import child_class, child_name, days_text, duty_text
from liushou_cli.templates_path import find

if TYPE_CHECKING:
    from liushou_cli.duties.engine import Item, Tier
    from liushou_cli.records.load import Records

TEMPLATE = "remind.txt.j2"
TEMPLATE_EN = "remind.en.txt.j2"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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


def coordinator_lines(records: Records, today: date, items: list[Item]) -> list[str]:
    """The coordinator's own overdue and due-soon items (no helper acts on them: risk
    assessments, a persuasion when the class teacher is no helper), as lines for the
    coordinator; empty when there are none."""
    # a programme duty (no child) has its own list, ``coordinator_text``
    own = [i for i in items if not i.helpers and i.child is not None and i.status != "pending"]
    if not own:
        return []
    lines = [t("remind.coordinator_head", count=len(own))]
    for item in own:
        lines.append(t("remind.coordinator_item", child=child_name(records, item.child), id=item.child,
                       klass=child_class(records, item.child), duty=duty_text(item),
                       due=item.due.isoformat(), days=days_text(item, today)))
    return lines


def date_text(day: date) -> str:
    return t("remind.date", month=day.month, day=day.day, month_name=_MONTHS[day.month - 1])


def _tier(tier: Tier | None) -> dict[str, str]:
    """Why an item of a risk level's rules is owed: the level and the assessment that set it."""
    if tier is None:
        return {"risk_level": "", "risk_level_text": "", "risk_assessed": "", "reason": ""}
    level = label("level", tier.level)
    return {"risk_level": tier.level, "risk_level_text": level, "risk_assessed": tier.since.isoformat(),
            "reason": t("remind.tier", level=level, date=date_text(tier.since))}


def context(records: Records, today: date, helper_id: str, items: list[Item],
            tier_of: Callable[[Item], Tier | None] | None = None) -> dict[str, Any]:
    """What a reminder template may use (documented in docs/due.md); ``tier_of`` (the
    ``DueResult``'s) says which items a child's risk level brought."""
    program = records.program
    helper = records.helpers.get(helper_id)
    entries = [
        {
            **_tier(tier_of(i) if tier_of is not None else None),
            "child": child_name(records, i.child),
            "child_id": i.child or "",
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


COORDINATOR_FILE = "_coordinator.txt"  # never a helper's: an id cannot start with "_"


def coordinator_text(records: Records, today: date, items: list[Item]) -> str:
    """The coordinator's own list (programme duties: group activities owed), overdue then
    due soon, each with what was done and the command that records one."""
    lines = [t("remind.coordinator.intro", day=date_text(today))]
    for status, heading in (("overdue", "remind.coordinator.overdue"), ("due_soon", "remind.coordinator.due_soon")):
        mine = [i for i in items if i.status == status]
        if not mine:
            continue
        lines += ["", t(heading)]
        for n, item in enumerate(mine, start=1):
            lines.append(t("remind.coordinator.item", n=n, duty=duty_text(item), due=date_text(item.due),
                           days=days_text(item, today), done=item.done, needed=item.needed))
    lines += ["", t("remind.coordinator.after", command="liushou activity --kind … --name …",
                    explain=f"liushou explain {items[0].duty}" if items else "")]
    return "\n".join(lines) + "\n"


class ReminderProblem(Exception):
    """A reminder template that cannot be used: catalogue ``key``, its ``hint`` and arguments."""

    def __init__(self, key: str, hint: str | None = None, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.hint = hint
        self.args_ = args


class Reminder:
    """A compiled template that turns jinja2's errors into a ``ReminderProblem`` naming the file."""

    def __init__(self, path: Path, source: str) -> None:
        from jinja2 import TemplateError

        from liushou_cli.present.templating import TemplateProblem, lint, make_env

        self.path = path
        try:
            lint(source)  # a full-width ``｛｛`` or ``（`` named, not Jinja's cryptic message
        except TemplateProblem as exc:
            raise ReminderProblem("remind.err.template", "report.hint.fullwidth", path=str(path),
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


def _template_error(path: Path, exc: Exception) -> ReminderProblem:
    line = getattr(exc, "lineno", None)
    reason = f"{line}: {exc}" if line else str(exc)
    return ReminderProblem("remind.err.template", "remind.hint.template", path=str(path), reason=reason)


def load_template(root: Path) -> Reminder:
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
        raise ReminderProblem("remind.err.no_template", name=TEMPLATE)
    path = found[0]
    try:
        from liushou_cli.present.templating import read_template

        source = read_template(path)  # bounded, and no hang on a pipe
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ReminderProblem("remind.err.template", "remind.hint.template", path=str(path),
                              reason=reason) from None
    return Reminder(path, source)
