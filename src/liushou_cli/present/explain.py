"""What ``explain`` shows: the engine's reasons for one record's duties and a child's
absences, in plain sentences (``explanation_lines``, ``absence_lines``) or as the JSON
contract (``json_payload``).

The engine (``duties.engine.explain``) decides every period, contact and verdict;
this only words them, with names from the records. A new format is a function
here and its line in ``FORMATS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from liushou_cli.duties.items import VERIFY
from liushou_cli.i18n import label, t
from liushou_cli.present import jsonout
from liushou_cli.present.due import item_json
from liushou_cli.present.due_text import child_text, days_text, helper_name, helpers_text, name_id

if TYPE_CHECKING:
    from rich.console import Console

    from liushou_cli.duties.absences import AbsenceCheck
    from liushou_cli.duties.reasons import PeriodCheck, RuleExplanation
    from liushou_cli.duties.risk_tiers import Tier
    from liushou_cli.model import Contact
    from liushou_cli.present.streams import Streams
    from liushou_cli.records.load import Records


def print_explanations(console: Console, records: Records, today: date, record_id: str,
                       explanations: list[RuleExplanation]) -> None:
    for line in explanation_lines(records, today, record_id, explanations):
        console.print(line, markup=False, soft_wrap=True)


def explanation_lines(records: Records, today: date, record_id: str,
                      explanations: list[RuleExplanation]) -> list[str]:
    """The whole explanation as lines of plain text (one function, easy to test)."""
    lines = [_heading(records, today, record_id)]
    if not explanations:
        lines.append(t("explain.nothing", id=record_id, day=today.isoformat()))
    for exp in explanations:
        lines.append("")
        lines.append(_rule_line(records, exp))
        for check in exp.checks:
            lines.extend(_check_lines(records, today, exp, check))
        if exp.item is not None:
            lines.append(t("explain.result.item", status=label("status", exp.item.status),
                           due=exp.item.due.isoformat(), days=days_text(exp.item, today)))
        else:
            lines.append(t("explain.result.none"))
    return lines


def _heading(records: Records, today: date, record_id: str) -> str:
    if record_id not in records.pairings and record_id not in records.children:
        program = records.program  # a programme duty's id (``liushou explain monthly_gathering``)
        return t("explain.head.program", program=program.program if program is not None else "", id=record_id,
                 day=today.isoformat())
    pairing = records.pairings.get(record_id)
    if pairing is not None:
        return t("explain.head.pairing", id=record_id, child=child_text(records, pairing.child),
                 helpers=helpers_text(records, pairing.helpers), day=today.isoformat())
    return t("explain.head.child", child=child_text(records, record_id), day=today.isoformat())


def _kinds(kinds: object) -> str:
    return "、".join(label("kind", k) for k in kinds)  # type: ignore[attr-defined]


def _activity_kinds(kinds: object) -> str:
    return "、".join(label("activity", k) for k in kinds)  # type: ignore[attr-defined]


def _rule_line(records: Records, exp: RuleExplanation) -> str:
    pairing = t("explain.rule.pairing", id=exp.pairing) if exp.pairing else ""
    rule = exp.rule
    if exp.program_rule is not None:
        shape = t("explain.shape.program", per=label("per", exp.program_rule.per), times=exp.program_rule.times,
                  kinds=_activity_kinds(exp.program_rule.activities))
        name = exp.program_rule.name
    elif rule is None and exp.duty == VERIFY:
        per = records.program.verify_archive if records.program is not None else "none"
        shape = t("explain.shape.verify", per=label("per", per))
        name = t("due.duty.verify_archive")
    elif rule is None:
        months = records.program.risk_assessment_months if records.program is not None else []
        shape = t("explain.shape.risk", months="、".join(str(m) for m in months))
        name = t("due.duty.risk_assessment")
    elif rule.within_days is not None:
        shape = t("explain.shape.within", days=rule.within_days, kinds=_kinds(rule.kinds))
        name = rule.name
    else:
        shape = t("explain.shape.per", per=label("per", rule.per), times=rule.times, kinds=_kinds(rule.kinds))
        name = rule.name
    line = t("explain.rule", name=name, duty=exp.duty, pairing=pairing, shape=shape)
    if exp.tier is not None:
        line += "\n" + tier_text(exp.tier)
    return line


def tier_text(tier: Tier) -> str:
    """Why a rule of ``risk_duties`` applies: the child's level and the assessment that set it."""
    return t("explain.tier", level=label("level", tier.level), date=tier.since.isoformat())


def _period_label(records: Records, check: PeriodCheck) -> str:
    """The period in words: a term with its name, a birthday as such."""
    if check.frame == "birthday":
        return t("explain.label.birthday", day=check.period)
    if check.frame == "term" and records.program is not None:
        for term in records.program.terms:
            if term.id == check.period and term.name:
                return t("due.name_id", name=term.name, id=term.id)
    return check.period


_NO_PERIOD = ("between_terms", "no_birth_date", "not_active")


def _check_lines(records: Records, today: date, exp: RuleExplanation, check: PeriodCheck) -> list[str]:
    lines: list[str] = []
    if check.reason == "window":
        lines.append(t("explain.window.tier" if exp.tier is not None else "explain.window",
                       start=check.start.isoformat(), end=check.end.isoformat()))
    elif check.reason in ("not_active_at_end", "level_not_held"):
        lines.append(t("explain.period_only", label=_period_label(records, check),
                       start=check.start.isoformat(), end=check.end.isoformat()))
    elif check.reason not in _NO_PERIOD:
        lines.append(t("explain.period", label=_period_label(records, check),
                       start=check.start.isoformat(), end=check.end.isoformat(), needed=check.needed,
                       done=check.done))
    for contact in check.contacts:
        if contact.activity is not None:
            lines.append(t("explain.activity", date=contact.date.isoformat(), **_activity_words(records, contact)))
            continue
        lines.append(t("explain.contact", date=contact.date.isoformat(), kinds=_kinds(contact.kinds),
                       helper=_contact_helpers(records, contact)))
    child = records.children.get(exp.child)
    levels = {a.date: a.level for a in child.risk_assessments} if child is not None else {}
    for day in check.assessed:
        if exp.duty == VERIFY:
            lines.append(t("explain.verified", date=day.isoformat()))
        else:
            lines.append(t("explain.assessment", date=day.isoformat(), level=label("level", levels.get(day, ""))))
    for contact, why in check.not_counted:
        if contact.activity is not None:
            lines.append(t("explain.activity_not_counted", date=contact.date.isoformat(),
                           why=t(f"explain.why.{why}", day=today.isoformat()), **_activity_words(records, contact)))
            continue
        lines.append(t("explain.not_counted", date=contact.date.isoformat(), kinds=_kinds(contact.kinds),
                       helper=_contact_helpers(records, contact),
                       why=t(f"explain.why.{why}", day=today.isoformat())))
    verdict = reason_text(exp, check)
    if check.reason in _NO_PERIOD:  # no period to show: the reason stands on its own
        lines.append(t("explain.no_period", text=verdict))
        return lines
    if check.status is not None:
        verdict = t("explain.verdict_status", status=label("status", check.status), text=verdict)
    lines.append(t("explain.verdict", text=verdict))
    return lines


def _activity_words(records: Records, contact: Contact) -> dict[str, str]:
    """An activity that counted (or did not): its kind, name, id and file, not a log line."""
    activity = records.activities.get(contact.activity or "")
    kind = label("activity", activity.kind) if activity is not None else ""
    given = t("explain.activity_gives", kinds=_kinds(contact.kinds)) if contact.pairing else ""
    return {"kind": kind, "name": contact.summary or "", "id": contact.activity or "", "path": contact.path,
            "gives": given}


def _contact_helpers(records: Records, contact: Contact) -> str:
    if contact.helper:
        return name_id(helper_name(records, contact.helper), contact.helper)
    pairing = records.pairings.get(contact.pairing)
    return helpers_text(records, pairing.helpers if pairing is not None else ())


def reason_text(exp: RuleExplanation, check: PeriodCheck) -> str:
    days = exp.rule.within_days if exp.rule is not None else None
    return t(f"explain.reason.{check.reason}", missing=check.missing, days=days or "", child=exp.child)


def _contact_json(contact: Contact) -> dict[str, Any]:
    return {"date": contact.date.isoformat(), "kinds": list(contact.kinds), "helper": contact.helper,
            "path": contact.path, "line": contact.line, "activity": contact.activity}


def explanation_json(exp: RuleExplanation) -> dict[str, Any]:
    return {
        "pairing": exp.pairing,
        "child": exp.child or None,  # null for a programme duty
        "duty": exp.duty,
        "rule_name": exp.rule.name if exp.rule is not None else
        exp.program_rule.name if exp.program_rule is not None else "",
        "risk_level": ({"level": exp.tier.level, "assessment": exp.tier.since.isoformat()}
                       if exp.tier is not None else None),
        "checks": [
            {
                "label": c.label,
                "start": c.start.isoformat(),
                "end": c.end.isoformat(),
                "needed": c.needed,
                "met": c.met,
                "status": c.status,
                "reason": c.reason,
                "contacts": [_contact_json(k) for k in c.contacts],
                "assessed": [d.isoformat() for d in c.assessed],
                "not_counted": [{**_contact_json(k), "why": why} for k, why in c.not_counted],
            }
            for c in exp.checks
        ],
        "item": json.loads(item_json(exp.item)) if exp.item is not None else None,
    }


def absence_lines(today: date, checks: list[AbsenceCheck]) -> list[str]:
    """Each absence: its span, how it stands on the day (d), each persuasion counted or
    why not, the report, and what it gives (alerts, the persuade item)."""
    lines: list[str] = []
    for check in checks:
        absence, settings = check.absence, check.settings
        lines.append("")
        lines.append(t("explain.absence", n=check.number + 1, start=absence.from_.isoformat(),
                       end=absence.to.isoformat() if absence.to is not None else t("explain.absence.open_end"),
                       persuade=settings.persuade_after_days, report=settings.report_after_failed))
        state = t(f"explain.absence.state.{check.state}", day=today.isoformat(), d=check.days)
        lines.append(t("explain.absence.line", text=state))
        if not absence.whereabouts_known:
            lines.append(t("explain.absence.line", text=t("explain.absence.whereabouts_unknown")))
        for p in check.persuasions:
            by = p.persuasion.by or ""
            result = label("persuasion", p.persuasion.result)
            if p.counted:
                lines.append(t("explain.persuasion.counted", date=p.persuasion.date.isoformat(), by=by, result=result))
            else:
                lines.append(t("explain.persuasion.not_counted", date=p.persuasion.date.isoformat(), by=by,
                               result=result, why=t(f"explain.persuasion.why.{p.why}", day=today.isoformat())))
        if absence.reported is not None:
            key = "explain.absence.reported" if check.reported else "explain.absence.reported_later"
            lines.append(t("explain.absence.line", text=t(key, date=absence.reported.date.isoformat(),
                                                          to=absence.reported.to, day=today.isoformat())))
        if check.state == "open":
            lines.append(t("explain.absence.line", text=t("explain.absence.failed", failed=check.failed,
                                                          needed=settings.report_after_failed)))
        for kind in check.alerts:
            lines.append(t("explain.absence.alert", type=label("absence_alert", kind),
                           action=t(f"due.alert.instruction.{kind}")))
        if check.item is not None:
            lines.append(t("explain.result.item", status=label("status", check.item.status),
                           due=check.item.due.isoformat(), days=days_text(check.item, today)))
        elif not check.alerts:
            lines.append(t("explain.result.none"))
    return lines


def absence_json(check: AbsenceCheck) -> dict[str, Any]:
    absence = check.absence
    return {
        "index": check.number + 1,
        "from": absence.from_.isoformat(),
        "to": absence.to.isoformat() if absence.to is not None else None,
        "state": check.state,
        "days": check.days,
        "failed": check.failed,
        "reported": check.reported,
        "persuasions": [{"index": p.number + 1, "date": p.persuasion.date.isoformat(), "result": p.persuasion.result,
                         "counted": p.counted, "why": p.why} for p in check.persuasions],
        "alerts": list(check.alerts),
        "item": json.loads(item_json(check.item)) if check.item is not None else None,
    }


def json_payload(records: Records, today: date, record_id: str, explanations: list[RuleExplanation],
                 absent: list[AbsenceCheck]) -> dict[str, Any]:
    """``explain --json``'s shape: ``{"as_of", "id", "rules"}``, and a child's ``absences``."""
    payload: dict[str, Any] = {"as_of": today.isoformat(), "id": record_id,
                               "rules": [explanation_json(e) for e in explanations]}
    if record_id in records.children:
        payload["absences"] = [absence_json(c) for c in absent]
    return payload


def _print_text(streams: Streams, records: Records, today: date, record_id: str,
                explanations: list[RuleExplanation], absent: list[AbsenceCheck]) -> None:
    print_explanations(streams.out, records, today, record_id, explanations)
    for line in absence_lines(today, absent):
        streams.out.print(line, markup=False, soft_wrap=True)


def _print_json(streams: Streams, records: Records, today: date, record_id: str,
                explanations: list[RuleExplanation], absent: list[AbsenceCheck]) -> None:
    streams.write(jsonout.dumps(json_payload(records, today, record_id, explanations, absent)))


# ``explain`` / ``explain --json``: a new format is a function and its line here (and its
# option in explain_cmd).
ExplainFormat = Callable[["Streams", "Records", date, str, "list[RuleExplanation]", "list[AbsenceCheck]"], None]
FORMATS: dict[str, ExplainFormat] = {"text": _print_text, "json": _print_json}
