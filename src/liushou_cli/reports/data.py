"""The term summary (or a quarter's, a year's...) as plain data: a pure function of records, period and as-of day.

Everything a template may show is computed here, once, as strings, ints and
lists, so the JSON output *is* what templates see and a programme's own
template cannot compute anything we did not check. Personal contact details
(phones, addresses, parents' work places, concern notes) are only put in when
asked for (``with_contacts``); names are masked afterwards by ``redact``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from liushou_cli.duties import absences as rules
from liushou_cli.duties.activities import counted, held, program_obligations
from liushou_cli.duties.quiet import TOUCHED_WINDOWS, standing, touched
from liushou_cli.duties.risk_tiers import level_on
from liushou_cli.errors import KeyedError
from liushou_cli.i18n import t
from liushou_cli.model import CONTACT_KINDS, Child, Dropout, Helper, Pairing, Program, Term
from liushou_cli.phrases import listed
from liushou_cli.presets import dropout_of
from liushou_cli.progress import Progress, steps
from liushou_cli.reports.chart import month_bars
from liushou_cli.reports.helpers import evaluate
from liushou_cli.reports.period import ReportPeriod
from liushou_cli.vocab import ACTIVITY_KINDS

if TYPE_CHECKING:
    from liushou_cli.duties.engine import Obligation
    from liushou_cli.records.load import Records

ObligationsFn = Callable[["Records", date, date], Sequence["Obligation"]]

RISK_DUTY = "risk_assessment"
QUIET_DAYS = 30  # "who has not been contacted for a month?" (issue 14)
ARCHIVE_FIELDS = ("guardian_name", "guardian_phone", "school", "class")
GRADE_ORDER = (
    "幼儿园", "托班", "小班", "中班", "大班", "学前班",
    "一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
    "七年级", "初一", "八年级", "初二", "九年级", "初三", "高一", "高二", "高三",
)
LEVELS = ("high", "medium", "low")


class ReportError(KeyedError):
    """A report that cannot be made; ``key`` names the catalogue message."""


def period_name(period: ReportPeriod) -> str:
    """本学期's own name; 2026年第四季度, 2026年, 2026—2027学年, 2026-10-01 至 2026-12-31."""
    if period.name is not None:
        return period.name
    if period.kind == "quarter":
        return t("report.period.name.quarter", year=period.start.year, q=period.number,
                 q_zh="一二三四"[period.number - 1])
    if period.kind in ("year", "school_year"):
        return t(f"report.period.name.{period.kind}", year=period.number, next=period.number + 1)
    return t("report.period.name.range", start=period.start.isoformat(), end=period.end.isoformat())


def pick_term(terms: Sequence[Term], today: date, term_id: str | None = None) -> Term:
    """The term asked for; else the one holding ``today``; between terms, the one just ended."""
    if term_id is not None:
        for term in terms:
            if term.id == term_id:
                return term
        raise ReportError("report.err.no_such_term", term=term_id,
                          known=listed(t.id for t in terms) if terms else "-")
    for term in terms:
        if term.start <= today <= term.end:
            return term
    ended = [t for t in terms if t.end < today]
    if not ended:
        raise ReportError("report.err.no_term", today=today.isoformat())
    return max(ended, key=lambda t: t.end)


def _program_duties(records: Records, start: date, day: date) -> dict[str, Any]:
    """The programme's own duties (``program_duties``) owed in the period: each period of
    each rule that ended in it, met or not."""
    owed = program_obligations(records, start, day)
    met = sum(1 for o in owed if o.met)
    return {
        "due": len(owed), "met": met, "rate": rate(met, len(owed)),
        "list": [{"duty": o.duty, "name": o.rule_name, "period": o.period, "start": o.start.isoformat(),
                  "due": o.due.isoformat(), "needed": o.needed, "done": o.done, "met": o.met,
                  "met_on": o.met_on.isoformat() if o.met_on else None} for o in owed],
    }


def _activities(records: Records, start: date, day: date) -> dict[str, Any]:
    """The group activities held in the period: how many, of which kind, children reached."""
    found = list(held(records, start, day))
    reached = {c for a in found for c in a.children}
    return {
        "total": len(found),
        "children_reached": len(reached),
        "by_kind": _counts((a.kind for a in found), ACTIVITY_KINDS),
        "list": [{"id": a.id, "date": a.date.isoformat(), "kind": a.kind, "name": a.name,
                  "children": len(a.children), "counts_as": list(a.counts_as)} for a in found],
    }


def rate(count: int, total: int) -> dict[str, Any]:
    return {"count": count, "total": total,
            "percent": round(100 * count / total, 1) if total else None}


def _counts(values: Iterable[str | None], order: Sequence[str] = ()) -> list[dict[str, Any]]:
    """``[{"code", "count"}]``: known codes in ``order`` first, then the rest by count; None last."""
    counter = Counter(values)
    rank = {code: i for i, code in enumerate(order)}
    keys = sorted(counter, key=lambda k: (k is None, rank.get(k or "", len(rank)),
                                          -counter[k], k or ""))
    return [{"code": k, "count": counter[k]} for k in keys]


def _archive_missing(child: Child) -> list[str]:
    """Contact-card fields (联系卡) still empty: guardian name and phone, school, class."""
    guardian = child.guardian
    have = {
        "guardian_name": bool(guardian and guardian.name),
        "guardian_phone": bool(guardian and guardian.phone),
        "school": bool(child.school),
        "class": bool(child.class_),
    }
    return [f for f in ARCHIVE_FIELDS if not have[f]]


def _school_class(child: Child | None) -> str:
    if child is None:
        return ""
    parts = [p for p in (child.school, child.grade, child.class_) if p]
    return " ".join(parts)


def register_rows(records: Records, day: date, *, with_phones: bool) -> list[dict[str, Any]]:
    """结对登记表 rows (seed 002) for pairings active on ``day``, numbered from 1."""
    rows: list[dict[str, Any]] = []
    active = [p for p in records.pairings.values() if p.active_on(day, records.children.get(p.child))]
    active.sort(key=lambda p: (p.helpers[0], p.child, p.id))
    for i, pairing in enumerate(active, start=1):
        helpers = [records.helpers.get(h) for h in pairing.helpers]
        child = records.children.get(pairing.child)
        rows.append({
            "no": i,
            "pairing": pairing.id,
            "helper_names": "、".join(h.name if h else hid for h, hid in zip(helpers, pairing.helpers, strict=True)),
            "units": "、".join(dict.fromkeys(h.unit for h in helpers if h and h.unit)),
            "positions": "、".join(dict.fromkeys(h.position for h in helpers if h and h.position)),
            "phones": "、".join(h.phone for h in helpers if h and h.phone) if with_phones else "",
            "child_name": child.name if child else pairing.child,
            "school_class": _school_class(child),
            "notes": pairing.notes or "",
        })
    return rows


def _month_keys(start: date, end: date) -> list[str]:
    keys, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _verified(active: list[Child], start: date, day: date, setting: str) -> dict[str, Any]:
    """档案核查 (动态排查): the active children whose archive was checked in ``[start, day]``,
    and those not (listed when the programme asks for checks, ``verify_archive``)."""
    done = [c for c in active if any(start <= d <= day for d in c.verified)]
    ids = {c.id for c in done}
    return {
        "setting": setting,
        "rate": rate(len(done), len(active)),
        "unverified": [{"id": c.id, "name": c.name} for c in active if c.id not in ids] if setting != "none" else [],
    }


def _tiers(active: list[Child], program: Program | None, day: date) -> list[dict[str, Any]]:
    """分类施策: each level with rules, how many active children are at it on ``day`` and
    the rules' names."""
    risk = program.risk_duties if program is not None else None
    if risk is None:
        return []
    levels = Counter(level_on(c, day) for c in active)
    return [{"code": level, "children": levels[level], "rules": [r.name for r in risk.of(level)]}
            for level in LEVELS if risk.of(level)]


def narrative_blocks(text: str | None) -> list[dict[str, Any]]:
    """The coordinator's own Markdown (主要做法, 存在问题, 下步打算) as headings,
    list items and paragraphs, so a DOCX template can lay them out."""
    if not text:
        return []
    blocks: list[dict[str, Any]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append({"kind": "para", "level": 0, "text": "".join(para)})
            para.clear()

    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = re.match(r"^(?:[-*+]|\d+[.、)])\s+(.*)$", line)
        if not line:
            flush()
        elif heading:
            flush()
            blocks.append({"kind": "heading", "level": len(heading.group(1)), "text": heading.group(2)})
        elif item:
            flush()
            blocks.append({"kind": "item", "level": 0, "text": item.group(1)})
        else:
            para.append(line)
    flush()
    return blocks


def demote_headings(text: str) -> str:
    """The narrative one heading level down, to sit under the report's own section."""
    return re.sub(r"^(#{1,5})(?=\s)", r"#\1", text, flags=re.M)


def _duties(records: Records, obligations: Sequence[Obligation], helpers: dict[str, Helper],
            children: dict[str, Child]) -> dict[str, Any]:
    by_rule: dict[tuple[str, str], list[int]] = {}
    by_helper: dict[str, list[int]] = {}
    unmet: dict[str, Counter[tuple[str, str]]] = {}
    for ob in obligations:
        cell = by_rule.setdefault((ob.duty, ob.rule_name), [0, 0])
        cell[0] += 1
        cell[1] += ob.met
        for hid in ob.helpers:
            hcell = by_helper.setdefault(hid, [0, 0])
            hcell[0] += 1
            hcell[1] += ob.met
        if not ob.met:
            unmet.setdefault(ob.child, Counter())[(ob.duty, ob.rule_name)] += 1
    total_due = len(obligations)
    total_met = sum(1 for ob in obligations if ob.met)
    return {
        "due": total_due,
        "met": total_met,
        "rate": rate(total_met, total_due),
        "rules": [
            {"duty": duty, "name": name or None, "due": due, "met": met, "rate": rate(met, due)}
            for (duty, name), (due, met) in sorted(by_rule.items(), key=lambda kv: (kv[0][0] == RISK_DUTY, kv[0]))
        ],
        "helpers": [
            {"id": hid, "name": helpers[hid].name if hid in helpers else hid,
             "role": helpers[hid].role if hid in helpers else None,
             "due": due, "met": met, "rate": rate(met, due)}
            for hid, (due, met) in sorted(by_helper.items())
        ],
        "unmet_children": [
            {"id": cid, "name": children[cid].name if cid in children else cid,
             "missed": sum(c.values()),
             "duties": [{"duty": duty, "name": name or None, "count": n}
                        for (duty, name), n in sorted(c.items())]}
            for cid, c in sorted(unmet.items())
        ],
    }


def helper_rows(records: Records, obligations: Sequence[Obligation], start: date, day: date) -> list[dict[str, Any]]:
    """``reports.helpers.evaluate`` as rows (the 年终考核 figures): the report's and ``table helpers``'."""
    rows = []
    for w in evaluate(records, obligations, start, day):
        helper = records.helpers.get(w.helper)
        rows.append({
            "id": w.helper, "name": helper.name if helper else w.helper,
            "role": helper.role if helper else None, "unit": (helper.unit or "") if helper else "",
            "children": len(w.children), "pairings": len(w.pairings), "contacts": w.contacts,
            "by_kind": [{"code": k, "count": n} for k, n in w.kinds_in_order()],
            "owed": w.owed, "met": w.met, "rate": rate(w.met, w.owed),
            "last_contact": w.last.isoformat() if w.last else None, "days_since": w.days_since(day),
        })
    return rows


def _risk(active: list[Child], obligations: Sequence[Obligation], day: date,
          children: dict[str, Child]) -> dict[str, Any]:
    checks = []
    for ob in sorted((o for o in obligations if o.duty == RISK_DUTY), key=lambda o: (o.due, o.child)):
        if not ob.met:
            status = "missing"
        elif ob.met_on is not None and ob.met_on > ob.due:
            status = "late"
        else:
            status = "on_time"
        child = children.get(ob.child)
        checks.append({"child": ob.child, "name": child.name if child else ob.child,
                       "due": ob.due.isoformat(),
                       "done": ob.met_on.isoformat() if ob.met_on else None, "status": status})
    statuses = Counter(c["status"] for c in checks)
    return {
        "levels": _counts((level_on(c, day) for c in active), LEVELS),
        "owed": len(checks),
        "on_time": statuses["on_time"],
        "late": statuses["late"],
        "missing": statuses["missing"],
        "checks": checks,
    }


def _concerns(children: Iterable[Child], start: date, day: date, with_contacts: bool) -> dict[str, Any]:
    raised = reported = outstanding = 0
    details = []
    for child in children:
        for concern in child.concerns:
            done = concern.reported is not None and concern.reported.date <= day
            if concern.date > day:
                continue
            if start <= concern.date:
                raised += 1
                reported += done
                if with_contacts:
                    details.append({
                        "child": child.id, "name": child.name, "date": concern.date.isoformat(),
                        "type": concern.type, "notes": concern.notes or "",
                        "reported": concern.reported.date.isoformat() if done and concern.reported else None,
                        "reported_to": concern.reported.to if done and concern.reported else "",
                    })
            if not done and child.active_on(day):
                outstanding += 1
    details.sort(key=lambda d: (d["date"], d["child"]))
    return {"raised": raised, "reported": reported, "outstanding": outstanding, "details": details}


def _absences(records: Records, children: Iterable[Child], start: date, day: date,
              with_contacts: bool) -> dict[str, Any]:
    """控辍保学 in the term: absences away in it (excused apart), persuasions, returns and
    reports dated in it, and on the report's day who is still away and what is unreported.
    Notes only ``with_contacts``; names masked by ``redact`` like every other string."""
    settings = dropout_of(records.program) if records.program is not None else Dropout()
    counts = Counter[str]()
    details = []
    for child in children:
        for i, absence in enumerate(child.absences):
            last = absence.last_day()
            if absence.from_ > day or (last is not None and last < start):
                continue  # not away in the term
            if absence.excused:
                counts["excused"] += 1
                continue
            counts["absences"] += 1
            counts["begun"] += start <= absence.from_
            persuasions = [p for p in absence.persuasions if start <= p.date <= day]
            counts["persuasions"] += len(persuasions)
            counts["failed"] += sum(1 for p in persuasions if p.result == "failed")
            back = last + timedelta(days=1) if last is not None and last < day else None
            counts["back"] += back is not None and start <= back <= day
            reported = absence.reported if absence.reported is not None and absence.reported.date <= day else None
            counts["reported"] += reported is not None and start <= reported.date
            found = rules.check(child, i, absence, day, settings, ()) if child.active_on(day) else None
            away = found is not None and found.state == "open"
            counts["away"] += away
            counts["unreported"] += bool(found and found.alerts)
            details.append({
                "child": child.id, "name": child.name, "class": child.class_ or child.grade or "",
                "from": absence.from_.isoformat(), "back": back.isoformat() if back else "",
                "days": ((last if last is not None and last < day else day) - absence.from_).days + 1,
                "whereabouts_known": absence.whereabouts_known, "away": away,
                "persuasions": len(persuasions), "failed": sum(1 for p in persuasions if p.result == "failed"),
                "by": "、".join(dict.fromkeys(p.by for p in persuasions if p.by)),
                "reported": reported.date.isoformat() if reported else "",
                "reported_to": reported.to if reported else "",
                "alerts": list(found.alerts) if found else [],
                "notes": (absence.notes or "") if with_contacts else "",
            })
    details.sort(key=lambda d: (d["from"], d["child"]))
    return {"absences": counts["absences"], "begun": counts["begun"], "excused": counts["excused"],
            "persuasions": counts["persuasions"], "failed": counts["failed"], "back": counts["back"],
            "reported": counts["reported"], "away": counts["away"], "unreported": counts["unreported"],
            "persuade_after_days": settings.persuade_after_days,
            "report_after_failed": settings.report_after_failed, "details": details}


def _card(child: Child) -> dict[str, Any]:
    """联系卡: only with ``with_contacts``."""
    g = child.guardian
    return {
        "id": child.id, "name": child.name, "village": child.village or "",
        "guardian": g.name or "" if g else "", "relation": g.relation or "" if g else "",
        "phone": g.phone or "" if g else "",
        "address": (g.address if g and g.address else child.address) or "",
        "parents_work": "、".join(p.work_place for p in child.parents if p.work_place),
    }


def build(
    records: Records,
    period: ReportPeriod | Term,
    today: date,
    *,
    obligations: ObligationsFn,
    with_contacts: bool = False,
    narrative: str | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The report's data for a term (the default), quarter, year, school year or any span,
    as of T = the earlier of the period's end and ``today``. ``progress`` hears of each of
    its four parts (a county's takes a second or so)."""
    if isinstance(period, Term):
        period = ReportPeriod.of_term(period)
    if today < period.start:
        if period.kind == "term":
            raise ReportError("report.err.term_not_started", term=period.id, start=period.start.isoformat())
        raise ReportError("report.err.period_not_started", period=period.id, start=period.start.isoformat())
    step = steps(progress, "report", 4)
    program = records.program
    day = min(period.end, today)
    start = period.start
    name = period_name(period)
    children = dict(sorted(records.children.items()))
    all_children = list(children.values())
    active = [c for c in all_children if c.active_on(day)]
    pairings_on: list[Pairing] = [
        p for p in records.pairings.values() if p.active_on(day, children.get(p.child))
    ]
    paired_ids = {p.child for p in pairings_on}
    helper_ids = sorted({h for p in pairings_on for h in p.helpers})
    new = [c for c in all_children if start <= c.enrolled <= day]
    left = [c for c in all_children if c.left is not None and start <= c.left.date <= day]
    incomplete = [(c, _archive_missing(c)) for c in active]
    verified = _verified(active, start, day, program.verify_archive if program is not None else "none")
    step()
    obs = [o for o in obligations(records, start, day) if start <= o.due <= day]
    step()
    register = register_rows(records, day, with_phones=with_contacts)
    duties = _duties(records, obs, records.helpers, children)
    risk = {**_risk(active, obs, day, children), "tiers": _tiers(active, program, day)}
    step()
    contacts = [c for c in counted(records) if start <= c.date <= day]
    kinds = Counter(k for c in contacts for k in c.kinds)
    since = standing(records, day)
    reached = touched(since)
    months = Counter(c.date.strftime("%Y-%m") for c in contacts)
    by_month = [{"month": m, "count": months.get(m, 0)} for m in _month_keys(start, day)]

    data = {
        "schema": 1,
        "program": {
            "name": program.program if program else "",
            "organization": (program.organization or "") if program else "",
            "coordinator": (program.coordinator or "") if program else "",
        },
        # ``term`` keeps its keys for the templates programmes made before periods: a
        # quarter's report fills it with the quarter
        "term": {"id": period.id, "name": name, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "period": {"kind": period.kind, "id": period.id, "name": name, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "word": t(f"report.period.word.{period.kind}")},
        "as_of": day.isoformat(),
        "today": today.isoformat(),
        "ended": day == period.end,
        "with_contacts": with_contacts,
        "redacted": False,
        "children": {
            "active": len(active),
            "paired": len([c for c in active if c.id in paired_ids]),
            "new": len(new),
            "left": len(left),
            "by_category": _counts(k for c in active for k in (c.categories or [None])),  # type: ignore[list-item]
            "by_grade": _counts((c.grade for c in active), GRADE_ORDER),
            "by_gender": _counts((c.gender for c in active), ("male", "female")),
            "by_village": _counts(c.village for c in active),
            "new_list": [{"id": c.id, "name": c.name, "date": c.enrolled.isoformat(),
                          "village": c.village or "", "class": _school_class(c)} for c in new],
            "left_list": [{"id": c.id, "name": c.name, "date": c.left.date.isoformat(),
                           "reason": c.left.reason} for c in left if c.left],
            "left_by_reason": _counts((c.left.reason for c in left if c.left),
                                      ("parents_returned", "transferred", "graduated", "other")),
            "unpaired_list": [{"id": c.id, "name": c.name} for c in active if c.id not in paired_ids],
            "cards": [_card(c) for c in active] if with_contacts else [],
        },
        "rates": {
            "archive": rate(sum(1 for _, m in incomplete if not m), len(active)),
            "pairing": rate(len([c for c in active if c.id in paired_ids]), len(active)),
            "verified": verified["rate"],
        },
        "verified": verified,
        "archive_incomplete": [{"id": c.id, "name": c.name, "missing": m} for c, m in incomplete if m],
        "helpers": {
            "active": len(helper_ids),
            # every helper with a pairing active in the term, the ones who need a word first
            "evaluation": helper_rows(records, obs, start, day),
            "by_role": _counts((records.helpers[h].role if h in records.helpers else None for h in helper_ids),
                               ("teacher", "aixin_mama", "proxy_parent", "volunteer", "student_buddy", "elder")),
        },
        "pairings": {
            "active": len(pairings_on),
            "register": register,
            # contacted in the last N days as of T (CommCare's case activity), and how many
            # have gone QUIET_DAYS without any (``liushou due --quiet-days``)
            "touched": [{"days": n, **rate(reached[n], len(since))} for n in TOUCHED_WINDOWS],
            "quiet": {"days": QUIET_DAYS, "count": sum(1 for q in since if q.days >= QUIET_DAYS)},
        },
        "duties": duties,
        "contacts": {
            "total": len(contacts),
            "by_kind": [{"code": k, "count": kinds[k]} for k in (*CONTACT_KINDS, *sorted(set(kinds) - set(CONTACT_KINDS)))
                        if kinds[k]],
            "by_month": month_bars(by_month),
        },
        "program_duties": _program_duties(records, start, day),
        "activities": _activities(records, start, day),
        "risk": risk,
        "concerns": _concerns(all_children, start, day, with_contacts),
        "absences": _absences(records, all_children, start, day, with_contacts),
        "narrative": {"text": narrative or "", "nested": demote_headings(narrative or ""),
                      "blocks": narrative_blocks(narrative)},
    }
    step()
    return data
