"""The registers coordinators hand on, as rows (written as CSV, XLSX or DOCX by ``present.tables``).

- 结对登记表 (pairings): the columns of seed 002's registration table.
- 花名册 (roster): every child active on the day, with the archive's facts.
- 交接名单 (handover): per village, for the 村居两委 before the winter and
  summer holidays (seed 004), with guardian contacts and helpers.
- 帮扶人工作考核表 (helpers): each helper's children, contacts and duties met in the
  term, for the 年终考核 (003, 004; ``reports.helpers``).

Tables are working documents for the programme itself, so they carry phones.
This module makes their rows; ``present.tables`` writes them as CSV, XLSX or DOCX
(cells Excel would run as formulas neutralised in every format Excel opens).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from liushou_cli.i18n import label, t
from liushou_cli.reports.data import ReportError, register_rows
from liushou_cli.vocab import ACTIVITY_KINDS, CONTACT_KINDS

if TYPE_CHECKING:
    from liushou_cli.model import Child, Pairing
    from liushou_cli.records.load import Records
    from liushou_cli.reports.period import ReportPeriod

KINDS = ("pairings", "roster", "handover", "helpers", "activities")
PERIOD_KINDS = ("helpers", "activities")  # the tables of a span (--term, --quarter...), not of one day
# what a coordinator may type instead of the English name
KIND_WORDS = {"结对登记表": "pairings", "结对": "pairings", "花名册": "roster", "交接名单": "handover",
              "假期交接名单": "handover", "帮扶人": "helpers", "考核": "helpers", "帮扶人考核表": "helpers",
              "集体活动": "activities", "活动": "activities", "集体活动登记表": "activities"}


@dataclass
class Section:
    title: str
    rows: list[list[str]]


@dataclass
class Table:
    title: str
    subtitle: str
    headers: list[str]
    sections: list[Section] = field(default_factory=list)
    section_header: str | None = None  # when sections are meaningful (handover: 村/居)
    organization: str = ""  # who the document is from (its author, in a DOCX)


def _pairings_by_child(records: Records) -> dict[str, list[Pairing]]:
    """Each child's pairings: looked up per child, not searched for (10,000 x 12,000)."""
    index: dict[str, list[Pairing]] = {}
    for pairing in records.pairings.values():
        index.setdefault(pairing.child, []).append(pairing)
    return index


def _helpers_of(records: Records, index: dict[str, list[Pairing]], child_id: str, day: date) -> tuple[str, str]:
    """Names and phones of the helpers of the child's pairings active on ``day``."""
    child = records.children.get(child_id)
    names, phones = [], []
    for pairing in sorted((p for p in index.get(child_id, []) if p.active_on(day, child)), key=lambda p: p.id):
        for hid in pairing.helpers:
            helper = records.helpers.get(hid)
            if helper is None:
                names.append(hid)
                continue
            if helper.name not in names:
                names.append(helper.name)
                if helper.phone:
                    phones.append(helper.phone)
    return "、".join(names), "、".join(phones)


def _subtitle(records: Records, day: date) -> str:
    program = records.program
    org = (program.organization or program.program) if program else ""
    return t("table.subtitle", organization=org, day=day.isoformat())


def pairings_table(records: Records, day: date) -> Table:
    headers = [t(k) for k in ("table.no", "table.helper_name", "table.unit", "table.position", "table.phone",
                              "table.child_name", "table.school_class", "table.notes")]
    rows = [[str(r["no"]), r["helper_names"], r["units"], r["positions"], r["phones"], r["child_name"],
             r["school_class"], r["notes"]] for r in register_rows(records, day, with_phones=True)]
    return Table(t("table.title.pairings"), _subtitle(records, day), headers, [Section("", rows)],
                 organization=_org(records))


def _active(records: Records, day: date) -> list[Child]:
    return [c for _, c in sorted(records.children.items()) if c.active_on(day)]


def _latest_level(child: Child, day: date) -> str:
    dated = [a for a in child.risk_assessments if a.date <= day]
    return label("level", max(dated, key=lambda a: a.date).level) if dated else ""


def roster_table(records: Records, day: date) -> Table:
    keys = ("table.no", "table.name", "table.gender", "table.birth_date", "table.school", "table.grade",
            "table.class", "table.boarding", "table.categories", "table.parents_away", "table.guardian",
            "table.relation", "table.guardian_phone", "table.village", "table.address", "table.enrolled",
            "table.helpers", "table.notes")
    rows = []
    index = _pairings_by_child(records)
    for i, c in enumerate(_active(records, day), start=1):
        g = c.guardian
        helpers, _ = _helpers_of(records, index, c.id, day)
        rows.append([
            str(i), c.name, label("gender", c.gender) if c.gender else "",
            c.birth_date.isoformat() if c.birth_date else "", c.school or "", c.grade or "", c.class_ or "",
            "" if c.boarding is None else t("table.yes" if c.boarding else "table.no_"),
            "、".join(label("category", k) for k in c.categories),
            label("parents_away", c.parents_away) if c.parents_away else "",
            (g.name or "") if g else "", (g.relation or "") if g else "", (g.phone or "") if g else "",
            c.village or "", ((g.address if g and g.address else c.address) or ""),
            c.enrolled.isoformat(), helpers, c.notes or "",
        ])
    return Table(t("table.title.roster"), _subtitle(records, day), [t(k) for k in keys], [Section("", rows)],
                 organization=_org(records))


def handover_table(records: Records, day: date) -> Table:
    keys = ("table.no", "table.name", "table.gender", "table.school_class", "table.guardian", "table.relation",
            "table.phone", "table.address", "table.class_teacher", "table.helpers", "table.helper_phone",
            "table.risk")
    by_village: dict[str, list[Child]] = {}
    for c in _active(records, day):
        by_village.setdefault(c.village or t("report.unknown"), []).append(c)
    sections = []
    index = _pairings_by_child(records)
    for village in sorted(by_village):
        rows = []
        for i, c in enumerate(by_village[village], start=1):
            g = c.guardian
            helpers, phones = _helpers_of(records, index, c.id, day)
            teacher = c.class_teacher
            rows.append([
                str(i), c.name, label("gender", c.gender) if c.gender else "",
                " ".join(p for p in (c.school, c.grade, c.class_) if p),
                (g.name or "") if g else "", (g.relation or "") if g else "", (g.phone or "") if g else "",
                ((g.address if g and g.address else c.address) or ""),
                " ".join(p for p in ((teacher.name or "", teacher.phone or "") if teacher else ()) if p),
                helpers, phones, _latest_level(c, day),
            ])
        sections.append(Section(village, rows))
    return Table(t("table.title.handover"), _subtitle(records, day), [t(k) for k in keys], sections,
                 section_header=t("table.village"), organization=_org(records))


def helpers_table(records: Records, day: date, period: ReportPeriod | None = None) -> Table:
    """Every helper with a pairing active in the period (by default the term holding
    ``day``, or the one just ended), up to ``day``, the ones who need a word first
    (``reports.data.helper_rows``, as the report has them); a year or school year for the 年终考核."""
    from liushou_cli.duties.engine import obligations
    from liushou_cli.reports.data import helper_rows, period_name, pick_term
    from liushou_cli.reports.period import ReportPeriod

    assert records.program is not None
    if period is None:
        period = ReportPeriod.of_term(pick_term(records.program.terms, day))
    if day < period.start:
        raise ReportError("report.err.period_not_started", period=period.id, start=period.start.isoformat())
    as_of = min(period.end, day)
    keys = ("table.no", "table.helper_name", "table.role", "table.unit", "table.children_paired",
            "table.contacts", "table.contact_kinds", "table.owed", "table.met", "table.rate",
            "table.last_contact", "table.days_since")
    rows = []
    for i, h in enumerate(helper_rows(records, obligations(records, period.start, as_of), period.start, as_of),
                          start=1):
        owed, met = h["owed"], h["met"]
        rows.append([
            str(i), h["name"], label("role", h["role"]) if h["role"] else "", h["unit"], str(h["children"]),
            str(h["contacts"]),
            "、".join(t("table.kind_count", kind=label("kind", k["code"]), n=k["count"]) for k in h["by_kind"]),
            str(owed), str(met), f"{met / owed:.0%}" if owed else "—",
            h["last_contact"] or t("table.never"), "" if h["days_since"] is None else str(h["days_since"]),
        ])
    subtitle = t("table.subtitle.period", organization=_subtitle(records, as_of), term=period_name(period),
                 start=period.start.isoformat())
    return Table(t("table.title.helpers"), subtitle, [t(k) for k in keys], [Section("", rows)],
                 organization=_org(records))


def activities_table(records: Records, day: date, period: ReportPeriod | None = None) -> Table:
    """Every group activity up to ``day`` (in ``period``, when given), oldest first: who
    was reached, what it counted as, where its photos are (000 方案4, 002: 活动资料存档)."""
    from liushou_cli.duties.activities import held
    from liushou_cli.reports.data import period_name

    start = period.start if period is not None else date.min
    end = min(period.end, day) if period is not None else day
    keys = ("table.no", "table.date", "table.activity_kind", "table.activity_name", "table.children_reached",
            "table.helpers", "table.counts_as", "table.summary", "table.materials")
    rows = []
    for i, activity in enumerate(held(records, start, end), start=1):
        names = [records.children[c].name if c in records.children else c for c in activity.children]
        helpers = [records.helpers[h].name if h in records.helpers else h for h in activity.helpers]
        reached = t("table.reached", count=len(names), names="、".join(names)) if names else ""
        rows.append([
            str(i), activity.date.isoformat(),
            label("activity", activity.kind) if activity.kind in ACTIVITY_KINDS else activity.kind,
            activity.name, reached, "、".join(helpers),
            "、".join(label("kind", k) if k in CONTACT_KINDS else k for k in activity.counts_as),
            activity.summary or "", "\n".join(activity.materials),
        ])
    if period is None:
        subtitle = t("table.subtitle.all", organization=_org(records), day=end.isoformat())
    else:
        subtitle = t("table.subtitle.period", organization=_subtitle(records, end), term=period_name(period),
                     start=period.start.isoformat())
    return Table(t("table.title.activities"), subtitle, [t(k) for k in keys], [Section("", rows)],
                 organization=_org(records))


def _org(records: Records) -> str:
    program = records.program
    return (program.organization or program.program) if program else ""


BUILDERS: dict[str, Callable[[Records, date], Table]] = {
    "pairings": pairings_table, "roster": roster_table, "handover": handover_table, "helpers": helpers_table,
    "activities": activities_table,
}
