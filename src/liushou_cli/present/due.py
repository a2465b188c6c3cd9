"""Presenters for what is due: grouped tables, CSV for Excel, the JSON contract.

Each takes the engine's items (already filtered for the listing) and the
records for names; none computes anything about duties.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from liushou_cli.i18n import label, t
from liushou_cli.present.cells import excel_csv
from liushou_cli.present.due_text import (
    alert_instruction,
    alert_label,
    child_class,
    child_name,
    child_text,
    days_text,
    duty_text,
    helpers_text,
    name_id,
    print_alerts,
    print_plain,
)
from liushou_cli.present.jsonout import Encoded, quote

if TYPE_CHECKING:  # rich is imported when a table is printed: `due --json` needs none of it
    from rich.console import Console
    from rich.table import Table

    from liushou_cli.duties.engine import Alert, Item
    from liushou_cli.records.load import Records

By = Literal["helper", "child", "duty"]
BY_CHOICES: tuple[By, ...] = ("helper", "child", "duty")
STATE_STYLE = {"overdue": "bold red", "due_soon": "yellow", "pending": "dim"}
RICH_TABLES_UP_TO = 1_000  # items; past this a terminal gets the fast aligned layout (rich: ~0.7 ms a row)


def group_items(records: Records, items: list[Item], by: By) -> list[tuple[str, list[Item]]]:
    """Items under headings, groups in order of their most urgent item.

    The engine sorts overdue (oldest first), then due soon, then pending, so
    keeping first-appearance order puts the most urgent group on top and keeps
    that order inside each group. A pairing with several helpers (多对一) is one
    group named for all of them, so nothing is counted twice.
    """
    key: Callable[[Item], object]
    heading: Callable[[Item], str]
    if by == "child":
        key = lambda i: i.child  # noqa: E731
        heading = lambda i: t("due.group.child", child=child_text(records, i.child))  # noqa: E731
    elif by == "duty":
        key = duty_group
        heading = lambda i: t("due.group.duty", name=duty_group(i))  # noqa: E731
    else:
        key = lambda i: i.helpers  # noqa: E731
        heading = lambda i: _helper_heading(records, i)  # noqa: E731
    groups: dict[object, tuple[str, list[Item]]] = {}
    for item in items:
        groups.setdefault(key(item), (heading(item), []))[1].append(item)
    return list(groups.values())


def duty_group(item: Item) -> str:
    """The duty as ``--by duty`` groups it: every child's persuasion (劝返) under one heading,
    not one a first day missed."""
    if item.duty == "persuade" and item.pairing is None and not item.rule_name:
        return t("due.duty.persuade_group")
    return duty_text(item)


def _helper_heading(records: Records, item: Item) -> str:
    if not item.helpers:
        coordinator = records.program.coordinator if records.program is not None else None
        return t("due.group.coordinator", name=coordinator or "")
    return t("due.group.helpers", names=helpers_text(records, item.helpers))


def _columns(by: By) -> list[str]:
    if by == "child":
        return ["duty", "helpers", "due", "state"]
    if by == "duty":
        return ["child", "class", "helpers", "due", "state"]
    return ["child", "class", "duty", "due", "state"]


def _cell(records: Records, item: Item, column: str, today: date) -> str:
    if column == "child":
        if item.child is None:
            return child_name(records, None)
        return name_id(child_name(records, item.child), item.child)
    if column == "class":
        return child_class(records, item.child)
    if column == "duty":
        return duty_text(item)
    if column == "helpers":
        return helpers_text(records, item.helpers, with_ids=False)
    if column == "due":
        return item.due.isoformat()
    return days_text(item, today)


def group_table(records: Records, heading: str, items: list[Item], by: By, today: date) -> Table:
    """One group as a rich table, for a terminal (piped, ``_write_plain_groups`` lays it out)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=heading, title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  header_style="bold")
    for column in _columns(by):
        table.add_column(t(f"due.col.{column}"), no_wrap=column in ("due", "state", "class"),
                         overflow="fold")
    for item in items:
        cells = [_cell(records, item, c, today) for c in _columns(by)]
        table.add_row(*cells[:-1], f"[{STATE_STYLE[item.status]}]{escape(cells[-1])}[/]")
    return table


def _write_plain_groups(console: Console, records: Records, items: list[Item], by: By, today: date) -> None:
    """Each group as its heading and an aligned table of plain text, written in one go; on a
    terminal (a long listing) headings, column names and states keep their styles."""
    from rich.console import COLOR_SYSTEMS
    from rich.style import Style

    from liushou_cli.present.plain_table import table_lines

    system = console.color_system if console.is_terminal and not console.no_color else None
    colours = COLOR_SYSTEMS.get(system) if system else None

    def styled(text: str, style: str) -> str:
        return Style.parse(style).render(text, color_system=colours) if colours and text else text

    columns = _columns(by)
    headers = [t(f"due.col.{c}") for c in columns]
    no_wrap = [i for i, c in enumerate(columns) if c in ("due", "state", "class")]
    lines: list[str] = []
    for heading, group in group_items(records, items, by):
        rows = [[_cell(records, item, c, today) for c in columns] for item in group]
        header, *body = table_lines(headers, rows, console.width, no_wrap)
        lines += [styled(heading, "bold"), *(styled(line, "bold") for line in header)]
        for item, row, row_lines in zip(group, rows, body, strict=True):
            first = row_lines[0]  # the state is the last column, never folded: on the first line
            if colours and first.endswith(row[-1]):
                first = first[:len(first) - len(row[-1])] + styled(row[-1], STATE_STYLE[item.status])
            lines += [first, *row_lines[1:]]
        lines.append("")
    console.file.write("\n".join(lines) + ("\n" if lines else ""))


def summary(today: date, items: list[Item], alerts: list[Alert]) -> str:
    counts = {s: sum(1 for i in items if i.status == s) for s in ("overdue", "due_soon", "pending")}
    if not counts["overdue"] and not counts["due_soon"] and not alerts:
        text = t("due.summary.none", day=today.isoformat())
    else:
        text = t("due.summary", day=today.isoformat(), overdue=counts["overdue"],
                 soon=counts["due_soon"], alerts=len(alerts))
    if counts["pending"]:
        text += t("due.summary.pending", pending=counts["pending"])
    return text


def _terminal(console: Console, records: Records, today: date, items: list[Item],
              alerts: list[Alert], by: By) -> None:
    """On a terminal: the alerts' red panel, each group as a rich table (the aligned
    layout, styled, past ``RICH_TABLES_UP_TO`` items), then the counts in bold."""
    print_alerts(console, records, alerts)
    if len(items) > RICH_TABLES_UP_TO:
        _write_plain_groups(console, records, items, by, today)
    else:
        for heading, group in group_items(records, items, by):
            console.print(group_table(records, heading, group, by, today))
            console.print()
    console.print(summary(today, items, alerts), markup=False, highlight=False,
                  style="bold" if items or alerts else "green")


def _plain(console: Console, records: Records, today: date, items: list[Item],
           alerts: list[Alert], by: By) -> None:
    """Piped or redirected: marked alert lines, each group as aligned plain text with no
    padding at line ends (clean to grep, diff and paste), then the counts."""
    print_alerts(console, records, alerts)
    _write_plain_groups(console, records, items, by, today)
    print_plain(console, summary(today, items, alerts))


# ``due`` on screen: alerts first, then each group, then the counts; ``due_cmd`` picks the
# view by where standard output goes. A new one is a function and its line here.
ScreenView = Callable[["Console", "Records", date, "list[Item]", "list[Alert]", By], None]
VIEWS: dict[str, ScreenView] = {"terminal": _terminal, "plain": _plain}


def json_payload(as_of: date, items: list[Item], alerts: list[Alert]) -> dict[str, Any]:
    """The contract's shape: ``{"as_of", "items", "alerts"}``, items already encoded for
    ``jsonout.dumps`` (``item_json`` says what each holds)."""
    return {
        "as_of": as_of.isoformat(),
        "items": Encoded([item_json(i) for i in items]),
        "alerts": [alert_json(a) for a in alerts],
    }


_ITEM_JSON_FIELDS = attrgetter("status", "child", "pairing", "duty", "due", "rule_name", "helpers", "done", "needed")


def item_json(item: Item) -> str:
    """An item as ``due --json`` and ``explain --json`` write it: the one encoding of an item.

    Written from a template, as ``jsonout.dumps`` would write the dict of these keys:
    a county's 35,000 items are twice as fast so as dicts through the encoder."""
    status, child, pairing, duty, due, rule_name, helpers, done, needed = _ITEM_JSON_FIELDS(item)
    return (
        f'{{"status": {quote(status)}, "child": {"null" if child is None else quote(child)}, '
        f'"pairing": {"null" if pairing is None else quote(pairing)}, "duty": {quote(duty)}, '
        f'"due": "{due.isoformat()}", "rule_name": {quote(rule_name)}, '
        f'"helpers": [{", ".join(map(quote, helpers))}], "done": {done:d}, "needed": {needed:d}}}'
    )


def alert_json(alert: Alert) -> dict[str, str]:
    """An alert as ``due --json`` writes it: the child, the concern's type, its date
    (the index, which concern of the child's it is, stays out: a place, not a fact)."""
    return {"child": alert.child, "type": alert.type, "date": alert.date.isoformat()}


CSV_COLUMNS = ("status", "child_id", "child_name", "class", "pairing", "helper_ids", "helpers",
               "duty_id", "duty", "due", "state")


def csv_text(records: Records, today: date, items: list[Item], alerts: list[Alert]) -> str:
    """UTF-8 CSV with a BOM and CRLF, as Excel/WPS on Chinese Windows open it directly."""
    rows: list[list[str]] = [[t(f"due.col.{c}") for c in CSV_COLUMNS]]
    for alert in alerts:
        rows.append([t("due.alert.status"), alert.child, child_name(records, alert.child),
                     child_class(records, alert.child), "", "", "", f"{alert.source}:{alert.type}",
                     alert_label(alert), alert.date.isoformat(), alert_instruction(alert)])
    for item in items:
        rows.append([label("status", item.status), item.child or "", child_name(records, item.child),
                     child_class(records, item.child), item.pairing or "", ";".join(item.helpers),
                     helpers_text(records, item.helpers, with_ids=False), item.duty,
                     duty_text(item), item.due.isoformat(), days_text(item, today)])
    return excel_csv(rows)


def _json_pieces(records: Records, today: date, as_of: date, items: list[Item], alerts: list[Alert]) -> Iterator[str]:
    from liushou_cli.present.jsonout import pieces

    return pieces(json_payload(as_of, items, alerts))


def _csv_pieces(records: Records, today: date, as_of: date, items: list[Item], alerts: list[Alert]) -> Iterator[str]:
    return iter([csv_text(records, today, items, alerts)])


# ``due --json`` / ``--csv``: the formats that are data (standard output or ``-o``), each
# as text in pieces; a new one is a function and its line here (and its option in due_cmd).
DataFormat = Callable[["Records", date, date, "list[Item]", "list[Alert]"], Iterator[str]]
DATA_FORMATS: dict[str, DataFormat] = {"json": _json_pieces, "csv": _csv_pieces}
