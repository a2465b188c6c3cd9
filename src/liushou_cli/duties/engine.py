"""What is due on a day: the contract's "What is due" rules, computed from records.

Pure: reads only the records' data, does no I/O and no translation. Presenters
(``liushou due``, ``explain``, ``remind``, term reports) translate codes and names.
Each kind of rule is its own module: ``per_period`` (term, month, year),
``within_days``, ``birthday``, ``risk_assessment``, ``risk_tiers`` (the rules of a child's
risk level), ``archive`` (archive verification), ``concerns``, ``absences`` (控辍保学);
this one runs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from liushou_cli import collector
from liushou_cli.duties import (
    absences,
    activities,
    archive,
    birthday,
    concerns,
    per_period,
    periods,
    risk_assessment,
    risk_tiers,
    within_days,
)
from liushou_cli.duties.day import Day
from liushou_cli.duties.items import RISK, VERIFY, Alert, DueResult, Item, Obligation, urgency
from liushou_cli.duties.log import by_pairing, qualifying
from liushou_cli.duties.reasons import PeriodCheck, RuleExplanation, no_period, with_not_counted
from liushou_cli.duties.risk_tiers import Tier
from liushou_cli.model import Child, Contact, Pairing, Program, Rule
from liushou_cli.presets import PRESETS, dropout_of

if TYPE_CHECKING:
    from liushou_cli.records.loaded import Records

__all__ = ["RISK", "VERIFY", "Alert", "DueResult", "Item", "Obligation", "PeriodCheck", "RuleExplanation", "Tier",
           "compute_due", "contact_index", "explain", "explain_absences", "explain_program", "obligations",
           "program_duty_ids", "rules_for"]


def rules_for(program: Program, pairing: Pairing) -> Sequence[Rule]:
    """The pairing's own duties if set, else the programme's; a preset name resolved.

    An unknown preset name gives no rules: ``liushou check`` reports it, and
    inventing duties would be worse than listing none.
    """
    duties = pairing.duties if pairing.duties is not None else program.duties
    if isinstance(duties, str):
        preset = PRESETS.get(duties)
        return preset.rules if preset is not None else ()
    return duties


def contact_index(records: Records, until: date, extra: Sequence[Contact] | None = None) -> dict[str, list[Contact]]:
    """Each pairing's contacts up to ``until``, oldest first: the log's rows and those the
    group activities give (``counts_as``; ``extra``, when already made)."""
    index = by_pairing(records.contacts, until)
    if extra is None:
        extra = activities.contacts_of(records)
    if extra:
        activities.with_activity_rows(index, extra, until)
    return index


def _day(records: Records, program: Program, today: date, extra: Sequence[Contact] | None = None) -> Day:
    terms = periods.sorted_terms(program.terms)
    pers = ("term", "month", "year")
    return Day(today, program.due_soon_days, terms, contact_index(records, today, extra),
               {per: periods.current(per, today, terms) for per in pers},
               {per: periods.previous(per, today, terms) for per in pers}, {},
               risk_assessment.first_days_around(program.risk_assessment_months, today))


def _evaluate(day: Day, pairing: Pairing, child: Child, rules: Sequence[Rule],
              checks: list[PeriodCheck] | None = None) -> list[Item]:
    """The items of ``rules`` of one pairing active on ``day.today``.

    ``checks`` collects the periods behind them for ``explain`` (one rule at a time);
    ``compute_due`` passes none. All of a pairing's rules in one call: its log, helpers
    and whether it was active when a previous period ended are looked up once, not once
    per rule."""
    log = day.contacts.get(pairing.id, ())
    helpers = tuple(pairing.helpers)
    active_at: dict[date, bool] = {}
    items: list[Item] = []
    for rule, kinds in day.with_kinds(rules):
        rows = qualifying(log, kinds)
        if rule.within_days is not None:
            within_days.owed(day, pairing, child, rule, rows, helpers, items, checks)
        elif rule.per == "birthday":
            birthday.owed(day, pairing, child, rule, rows, helpers, items, checks)
        elif rule.per is not None:
            per_period.owed(day, pairing, child, rule, rows, helpers, active_at, items, checks)
    return items


FREEZE_FROM = 10_000  # results this large live as long as the command: never walked by the collector again


def compute_due(records: Records, today: date) -> DueResult:
    """Every item and alert as of ``today``, most urgent first."""
    program = records.program
    if program is None:
        return DueResult(today, [], [])
    with collector.paused() as pause:  # a county's run makes 66,000 items, no cycles among them
        result = _due(records, program, today)
        pause.freeze = len(result.items) >= FREEZE_FROM
    return result


def _tiers(records: Records, program: Program, today: date) -> dict[str, Tier]:
    """Each child whose level on the day brings rules (``risk_tiers.tier``): one pass."""
    if program.risk_duties is None:
        return {}
    found = {}
    for cid, child in records.children.items():
        if child.risk_assessments:
            tier = risk_tiers.tier(program, child, today)
            if tier is not None:
                found[cid] = tier
    return found


def _due(records: Records, program: Program, today: date) -> DueResult:
    day = _day(records, program, today)
    items: list[Item] = []
    alerts: list[Alert] = []
    tiers = _tiers(records, program, today)
    for pairing in records.pairings.values():
        child = records.children.get(pairing.child)
        if child is None or not pairing.active_on(today, child):
            continue
        items.extend(_evaluate(day, pairing, child, rules_for(program, pairing)))
        if tiers:
            tier = tiers.get(child.id)
            if tier is not None:
                risk_tiers.owed(day, pairing, child, tier, items)
    dropout = dropout_of(program)
    teachers: dict[str, str] | None = None  # helper ids by name, made once if any child is absent
    verify = program.verify_archive
    for child in records.children.values():
        if child.active_on(today):
            risk_assessment.owed(day, child, items)
            if verify != "none":
                archive.owed(day, verify, child, items)
            if child.concerns:
                alerts.extend(concerns.alerts(child, today))
            if child.absences:
                if teachers is None:
                    teachers = absences.teachers(records.helpers.values())
                absences.owed(child, today, dropout, absences.class_teacher(child, teachers), items, alerts)
    items.extend(activities.program_items(records, day))
    items.sort(key=urgency)
    alerts.sort(key=lambda a: (a.date, a.child, a.source, a.index))  # stable: missing_absent first
    return DueResult(today, items, alerts, tiers)


def _most_urgent(items: list[Item]) -> Item | None:
    return min(items, key=urgency) if items else None


def _explain_pairing(day: Day, whole_log: dict[str, list[Contact]], program: Program, pairing: Pairing,
                     child: Child | None) -> list[RuleExplanation]:
    """Each rule of the pairing, its duties' then those of its child's risk level (if active)."""
    out = []
    active = child is not None and pairing.active_on(day.today, child)
    log = whole_log.get(pairing.id, ())
    tier = risk_tiers.tier(program, child, day.today) if child is not None and active else None
    ruled: list[tuple[Rule, frozenset[str], Tier | None]] = [
        (rule, kinds, None) for rule, kinds in day.with_kinds(rules_for(program, pairing))]
    if tier is not None:
        ruled += [(rule, kinds, tier) for rule, kinds in day.with_kinds(tier.rules)]
    for rule, kinds, by in ruled:
        item = None
        if child is None or not active:
            checks = [no_period(day.today, rule.times, "not_active")]
        else:
            checks = []
            found: list[Item] = []
            if by is None:
                found = _evaluate(day, pairing, child, (rule,), checks)
            else:
                risk_tiers.owed(day, pairing, child, by, found, checks, (rule,))
            item = _most_urgent(found)
        reasons = tuple(with_not_counted(check, log, kinds, day.today) for check in checks)
        out.append(RuleExplanation(pairing.id, child.id if child is not None else pairing.child, rule, rule.id,
                                   reasons, item, by))
    return out


def explain_program(records: Records, today: date, duty_id: str) -> RuleExplanation:
    """Why a programme duty stands as it does: its periods, the activities that counted in
    each, and every other activity dated in them with why not. KeyError: no such duty."""
    program = records.program
    rule = next((r for r in activities.program_rules(program) if r.id == duty_id), None) if program else None
    if program is None or rule is None:
        raise KeyError(duty_id)
    day = _day(records, program, today)
    start = activities.program_start(program)
    whole = activities.program_log(records)
    kinds = frozenset(rule.activities)
    rows = [c for c in whole if c.date <= today and not kinds.isdisjoint(c.kinds)]
    checks: list[PeriodCheck] = []
    items: list[Item] = []
    if start is None:
        checks.append(no_period(today, rule.times, "not_active"))
    else:
        activities.owed(day, start, rule, rows, items, checks)
    reasons = tuple(with_not_counted(check, whole, kinds, today) for check in checks)
    return RuleExplanation(None, "", None, rule.id, reasons, _most_urgent(items), program_rule=rule)


def program_duty_ids(records: Records) -> list[str]:
    """The ids ``explain`` takes for the programme's own duties."""
    return [r.id for r in activities.program_rules(records.program)] if records.program is not None else []


def explain(records: Records, today: date, record_id: str) -> list[RuleExplanation]:
    """Why each duty of a pairing (or of a child's active pairings, and its risk
    assessment) stands as it does: the periods considered, the contacts that counted in
    each, and every other contact of the pairing dated in it with why not."""
    program = records.program
    pairing = records.pairings.get(record_id)
    child = records.children.get(record_id)
    if pairing is None and child is None:
        if record_id in program_duty_ids(records):
            return [explain_program(records, today, record_id)]
        raise KeyError(record_id)
    if program is None:
        return []
    extra = activities.contacts_of(records)  # one set of rows: a check names the very rows it counted
    day = _day(records, program, today, extra)
    whole_log = contact_index(records, date.max, extra)  # contacts after the day are shown as such
    if pairing is not None:
        return _explain_pairing(day, whole_log, program, pairing, records.children.get(pairing.child))
    assert child is not None
    out: list[RuleExplanation] = []
    for p in sorted(records.pairings.values(), key=lambda p: p.id):
        if p.child == child.id and p.active_on(today, child):
            out.extend(_explain_pairing(day, whole_log, program, p, child))
    duties = [(RISK, lambda items, checks: risk_assessment.owed(day, child, items, checks))]
    verify = program.verify_archive
    if verify != "none":
        duties.append((VERIFY, lambda items, checks: archive.owed(day, verify, child, items, checks)))
    for duty, owed in duties:
        if child.active_on(today):
            checks: list[PeriodCheck] = []
            items: list[Item] = []
            owed(items, checks)
            out.append(RuleExplanation(None, child.id, None, duty, tuple(checks), _most_urgent(items)))
        else:
            out.append(RuleExplanation(None, child.id, None, duty, (no_period(today, 1, "not_active"),), None))
    return out


def explain_absences(records: Records, today: date, child_id: str) -> list[absences.AbsenceCheck]:
    """Each absence of a child as the rules saw it on ``today`` (控辍保学): open or why not,
    d, the persuasions counted and why others were not, the alerts and the item."""
    program = records.program
    child = records.children.get(child_id)
    if program is None or child is None:
        return []
    helpers = absences.class_teacher(child, absences.teachers(records.helpers.values()))
    return list(absences.checks(child, today, dropout_of(program), helpers))


def obligations(records: Records, start: date, end: date) -> list[Obligation]:
    """Every obligation due in ``[start, end]`` and whether it was met (contacts after ``end``
    ignored), for term reports. Sorted by due day, child, pairing, duty."""
    program = records.program
    if program is None or start > end:
        return []
    with collector.paused() as pause:
        found = _obligations(records, program, start, end)
        pause.freeze = len(found) >= FREEZE_FROM
    return found


def _obligations(records: Records, program: Program, start: date, end: date) -> list[Obligation]:
    terms = periods.sorted_terms(program.terms)
    months = sorted(set(program.risk_assessment_months))
    index = contact_index(records, end)
    out: list[Obligation] = []
    for pairing in records.pairings.values():
        child = records.children.get(pairing.child)
        if child is None:
            continue
        for rule in rules_for(program, pairing):
            rows = qualifying(index.get(pairing.id, ()), frozenset(rule.kinds))
            if rule.within_days is not None:
                out.extend(within_days.obligations(pairing, child, rule, rows, start, end))
            elif rule.per == "birthday":
                out.extend(birthday.obligations(pairing, child, rule, rows, start, end))
            elif rule.per is not None:
                out.extend(per_period.obligations(pairing, child, rule, rows, terms, start, end))
        if program.risk_duties is not None and child.risk_assessments:
            out.extend(risk_tiers.obligations(program, pairing, child, index, terms, start, end))
    verify = program.verify_archive
    for child in records.children.values():
        out.extend(risk_assessment.obligations(child, months, start, end))
        if verify != "none":
            out.extend(archive.obligations(child, verify, terms, start, end))
    out.sort(key=lambda o: (o.due, o.child, o.pairing or "", o.duty))
    return out
