"""What ``due``, ``explain`` and ``remind`` say about the engine's items: names, day
texts, alerts.

The engine speaks in ids and dates; these turn them into what a coordinator
reads, in one place so the three commands say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from liushou_cli.i18n import label, t

if TYPE_CHECKING:  # rich is imported when a command prints, not for `liushou --help`
    from rich.console import Console, RenderableType

    from liushou_cli.duties.engine import Alert, Item
    from liushou_cli.records.load import Records


def child_name(records: Records, child_id: str | None) -> str:
    """The child's name; for a programme duty (no child), the programme's own word (本项目)."""
    if child_id is None:
        return t("due.program")
    child = records.children.get(child_id)
    return child.name if child is not None else child_id


def child_class(records: Records, child_id: str | None) -> str:
    """The class (四(2)班), else the grade, else nothing."""
    child = records.children.get(child_id) if child_id is not None else None
    if child is None:
        return ""
    return child.class_ or child.grade or ""


def helper_name(records: Records, helper_id: str) -> str:
    helper = records.helpers.get(helper_id)
    return helper.name if helper is not None else helper_id


def name_id(name: str, record_id: str) -> str:
    """张小明（C001）; the id alone when the record is missing."""
    return record_id if name == record_id else t("due.name_id", name=name, id=record_id)


def child_text(records: Records, child_id: str | None) -> str:
    """张小明（C001）四(2)班: who the child is, for headings and alerts."""
    if child_id is None:
        return t("due.program")
    who = name_id(child_name(records, child_id), child_id)
    klass = child_class(records, child_id)
    return t("due.child_text", who=who, klass=klass) if klass else who


def helpers_text(records: Records, helper_ids: Iterable[str], with_ids: bool = True) -> str:
    """The pairing's helpers, or the coordinator for child-level duties."""
    ids = list(helper_ids)
    if not ids:
        return t("due.coordinator")
    names = [name_id(helper_name(records, h), h) if with_ids else helper_name(records, h) for h in ids]
    return "、".join(names)


def duty_text(item: Item) -> str:
    """The rule's name as the programme wrote it; a child's own duties (risk assessment,
    archive verification, persuasions (劝返) with the first day missed) by their Chinese names."""
    if item.pairing is None and not item.rule_name:
        if item.duty in ("risk_assessment", "verify_archive"):
            return t(f"due.duty.{item.duty}")
        if item.duty == "persuade" and item.period_start is not None:
            return t("due.duty.persuade", start=item.period_start.isoformat())
    return item.rule_name or item.duty


def days_text(item: Item, today: date) -> str:
    """逾期 N 天 / 还有 N 天 / 今天到期."""
    delta = (item.due - today).days
    if delta == 0:
        return t("due.days.today")
    if item.status == "overdue" or delta < 0:
        return t("due.days.late", n=abs(delta))
    return t("due.days.left", n=delta)


def alert_label(alert: Alert) -> str:
    """What the matter is: the concern's type, or the absence's (去向不明, 劝返未果)."""
    if alert.source == "absence":
        return label("absence_alert", alert.type)
    return label("concern", alert.type)


def alert_instruction(alert: Alert) -> str:
    """Whom to report to, in the seeds' words: 004 for concerns, 000 方案11 for absences."""
    if alert.source == "absence":
        return t(f"due.alert.instruction.{alert.type}")
    return t("due.alert.instruction")


def alert_line(records: Records, alert: Alert) -> str:
    key = "due.alert.line.absence" if alert.source == "absence" else "due.alert.line"
    return t(key, child=child_text(records, alert.child), type=alert_label(alert), date=alert.date.isoformat())


def alert_command(alert: Alert, alerts: list[Alert]) -> str:
    """The command that records this matter as reported, its id filled in (and which
    concern or absence, when the child has several open)."""
    several = len({a.index for a in alerts if a.child == alert.child and a.source == alert.source}) > 1
    index = t("due.alert.index", index=alert.index + 1) if several else ""
    if alert.source == "absence":
        return t(f"due.alert.command.{alert.type}", child=alert.child, index=index)
    return t("due.alert.command", child=alert.child, index=index)


def _alert_groups(alerts: list[Alert]) -> list[tuple[str, list[Alert]]]:
    """Concerns (强制报告) first, then absences (控辍保学), each under its own heading."""
    concerns = [a for a in alerts if a.source != "absence"]
    absent = [a for a in alerts if a.source == "absence"]
    groups = []
    if concerns:
        groups.append((t("due.alert.head", count=len(concerns)), concerns))
    if absent:
        groups.append((t("due.alert.head.absence", count=len(absent)), absent))
    return groups


def print_alerts(console: Console, records: Records, alerts: list[Alert]) -> None:
    """Mandatory reports, impossible to miss: a red panel on a terminal, marked lines when piped.
    Each matter says whom to report to and the command that records the report."""
    if not alerts:
        return
    groups = _alert_groups(alerts)
    if console.is_terminal:
        from rich.panel import Panel
        from rich.text import Text

        body = Text()
        for head, group in groups:
            body.append(head + "\n", style="bold")
            for alert in group:
                body.append("• " + alert_line(records, alert) + "\n", style="bold red")
                if alert.source == "absence":
                    body.append("  " + alert_instruction(alert) + "\n", style="bold")
                body.append("  " + alert_command(alert, alerts) + "\n")
        body.append(t("due.alert.after"), style="dim")
        console.print(Panel(body, title=t("due.alert.title"), border_style="bold red", expand=False))
    else:
        mark = "!!! "
        for n, (head, group) in enumerate(groups):
            print_plain(console, mark + (t("due.alert.title") + " — " if n == 0 else "") + head)
            for alert in group:
                print_plain(console, mark + alert_line(records, alert))
                if alert.source == "absence":
                    print_plain(console, mark + "  " + alert_instruction(alert))
                print_plain(console, mark + "  " + alert_command(alert, alerts))
        print_plain(console, mark + t("due.alert.after"))
    console.print()


def print_plain(console: Console, renderable: RenderableType) -> None:
    """Rendered at the console's width, with no padding left at line ends (for pipes and diffs)."""
    with console.capture() as captured:
        console.print(renderable, markup=False) if isinstance(renderable, str) else console.print(renderable)
    for line in captured.get().splitlines():
        console.print(line.rstrip(), markup=False, highlight=False, soft_wrap=True)
