"""Absences and dropout (控辍保学): RECORDS.md 1.1, "Absences and dropout".

An absence is open on T when it began on or before T, is not excused, has no ``to``
before T and no ``returned`` persuasion dated on or before T. For each open absence
of a child active on T, with d = (T - from) + 1 and only persuasions and reports dated
on or before T counted:

- whereabouts unknown and not reported: an alert ``missing_absent`` (000 方案11: report
  at once to the township government and the police), whatever d;
- ``report_after_failed`` failed persuasions and not reported: an alert ``dropout``
  (report the name to the township government);
- neither alert, d > ``persuade_after_days`` and fewer failed persuasions than that:
  an item ``persuade`` (no pairing), due ``from + persuade_after_days``.

The item is the class teacher's when the child's ``class_teacher`` names exactly one
helper of the programme (``teachers``), else the coordinator's, as risk assessments are.
Reasons for ``explain`` are data (``AbsenceCheck``); ``compute_due`` builds none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Literal, NamedTuple

from liushou_cli.duties.items import Alert, Item, Status, new_item
from liushou_cli.model import Absence, Child, Dropout, Helper, Persuasion

PERSUADE = "persuade"  # the duty of an item asking for a persuasion (劝返)
MISSING = "missing_absent"  # whereabouts unknown: report to the township government and the police
DROPOUT = "dropout"  # persuasions failed: report the name to the township government
ALERT_TYPES = (MISSING, DROPOUT)

# Why a persuasion did not count towards ``report_after_failed`` on the day
Uncounted = Literal["after_today", "returned"]
# How an absence stands on the day (``AbsenceCheck.state``)
State = Literal["open", "excused", "not_begun", "closed_by_to", "returned", "not_active"]


class PersuasionCheck(NamedTuple):
    """One persuasion of an absence and whether it counted as a failed one on the day."""

    number: int  # its place in the absence's ``persuasions``
    persuasion: Persuasion
    counted: bool
    why: Uncounted | None  # why not, when not counted


class AbsenceCheck(NamedTuple):
    """One absence of a child as the rules saw it on the day, for ``explain``."""

    number: int  # its place in the child's ``absences`` (0-based)
    absence: Absence
    state: State
    days: int  # d = (T - from) + 1; 0 before it began
    failed: int  # failed persuasions counted
    reported: bool  # reported on or before the day
    report_after_day: bool  # a report exists, dated after the day
    persuasions: tuple[PersuasionCheck, ...]
    alerts: tuple[str, ...]  # the alert types it gives
    item: Item | None  # the ``persuade`` item it gives
    settings: Dropout


def teachers(helpers: Iterable[Helper]) -> dict[str, str]:
    """Helper id by name, for names that belong to one helper only (a teacher, if the
    name is shared and only one of them is a teacher): who a class teacher is."""
    by_name: dict[str, list[Helper]] = {}
    for helper in helpers:
        by_name.setdefault(helper.name.strip(), []).append(helper)
    found: dict[str, str] = {}
    for name, those in by_name.items():
        if len(those) > 1:
            those = [h for h in those if h.role == "teacher"]
        if len(those) == 1:
            found[name] = those[0].id
    return found


def class_teacher(child: Child, teacher_ids: dict[str, str]) -> tuple[str, ...]:
    """The helper who is the child's class teacher, if the records say so; else none."""
    teacher = child.class_teacher
    if teacher is None or not teacher.name:
        return ()
    found = teacher_ids.get(teacher.name.strip())
    return (found,) if found is not None else ()


def _state(absence: Absence, today: date) -> State:
    if absence.from_ > today:
        return "not_begun"
    if absence.excused:
        return "excused"
    if absence.to is not None and absence.to < today:
        return "closed_by_to"
    if any(p.result == "returned" and p.date <= today for p in absence.persuasions):
        return "returned"
    return "open"


def is_open(absence: Absence, today: date) -> bool:
    """The contract's "open on T"."""
    return _state(absence, today) == "open"


def _status(due: date, today: date) -> Status:
    return "overdue" if today > due else "due_soon"


def check(child: Child, index: int, absence: Absence, today: date, settings: Dropout,
          helpers: tuple[str, ...]) -> AbsenceCheck:
    """How one absence stands on ``today``: its state, the persuasions that counted, its
    alerts and its item (``settings``: the programme's ``dropout`` numbers)."""
    state = _state(absence, today)
    pchecks: list[PersuasionCheck] = []
    for j, persuasion in enumerate(absence.persuasions):
        if persuasion.date > today:
            pchecks.append(PersuasionCheck(j, persuasion, False, "after_today"))
        elif persuasion.result == "returned":
            pchecks.append(PersuasionCheck(j, persuasion, False, "returned"))
        else:
            pchecks.append(PersuasionCheck(j, persuasion, True, None))
    failed = sum(1 for p in pchecks if p.counted)
    reported = absence.reported is not None and absence.reported.date <= today
    later_report = absence.reported is not None and absence.reported.date > today
    days = (today - absence.from_).days + 1 if absence.from_ <= today else 0
    alerts: list[str] = []
    item = None
    if state == "open":
        if not absence.whereabouts_known and not reported:
            alerts.append(MISSING)
        if failed >= settings.report_after_failed and not reported:
            alerts.append(DROPOUT)
        if not alerts and days > settings.persuade_after_days and failed < settings.report_after_failed:
            due = absence.from_ + timedelta(days=settings.persuade_after_days)
            item = new_item(status=_status(due, today), child=child.id, pairing=None, duty=PERSUADE, due=due,
                            rule_name="", helpers=helpers, period_start=absence.from_, period_end=None,
                            done=failed, needed=settings.report_after_failed)
    return AbsenceCheck(index, absence, state, days, failed, reported, later_report, tuple(pchecks),
                        tuple(alerts), item, settings)


def owed(child: Child, today: date, settings: Dropout, helpers: tuple[str, ...], items: list[Item],
         alerts: list[Alert]) -> None:
    """Add the items and alerts of a child active on ``today`` (one pass over its absences)."""
    for i, absence in enumerate(child.absences):
        if absence.from_ > today or absence.excused:
            continue  # the common case of a closed record, without building its check
        found = check(child, i, absence, today, settings, helpers)
        for kind in found.alerts:
            alerts.append(Alert(child.id, kind, absence.from_, i, source="absence"))
        if found.item is not None:
            items.append(found.item)


def checks(child: Child, today: date, settings: Dropout, helpers: tuple[str, ...]) -> Iterator[AbsenceCheck]:
    """Every absence of the child as ``explain`` tells it; a child not active on the day
    has every absence ``not_active`` (nothing is owed for it)."""
    active = child.active_on(today)
    for i, absence in enumerate(child.absences):
        found = check(child, i, absence, today, settings, helpers)
        if not active and found.state == "open":
            found = found._replace(state="not_active", alerts=(), item=None)
        yield found
