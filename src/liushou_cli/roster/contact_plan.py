"""What importing a contact sheet would do: each row new, already in the log, or refused.

Pure: it takes the sheet's rows and the loaded records and returns one action per
row. Names become ids (``records.lookup``); a child becomes its one pairing active
on the row's date — narrowed by the row's helper when the child has several — and
a row that still has none or several is refused naming the candidates, as is a
row dated before the child's ``enrolled`` (the reason names it: an import that
set ``enrolled`` to today refuses every earlier contact). A row already in the log
(same date, pairing, kinds, helper and summary) is not added again, so importing
the same sheet twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from liushou_cli.model import Contact, Pairing
from liushou_cli.records.loaded import Records
from liushou_cli.records.lookup import Ambiguous, NameIndex, NotFound
from liushou_cli.roster.contact_sheet import SheetContact, kind_of
from liushou_cli.roster.errors import Issue
from liushou_cli.roster.header import Header

NEW, PRESENT, REFUSED = "new", "present", "refused"

Key = tuple[date, str, frozenset[str], str | None, str | None]


@dataclass
class ContactAction:
    row: int
    kind: str
    date: date | None = None
    pairing: str | None = None
    child: str | None = None  # the child's id
    kinds: tuple[str, ...] = ()
    helper: str | None = None  # None: the pairing's helpers
    channel: str | None = None
    minutes: int | None = None
    summary: str | None = None
    issues: list[Issue] = field(default_factory=list)
    sheet: str = ""  # the workbook's sheet the row is on

    def cells(self) -> dict[str, str]:
        """The row as the contact log's columns hold it (RECORDS.md: ISO date, ``;``)."""
        return {"date": self.date.isoformat() if self.date else "", "pairing": self.pairing or "",
                "kinds": ";".join(self.kinds), "helper": self.helper or "", "channel": self.channel or "",
                "minutes": "" if self.minutes is None else str(self.minutes), "summary": self.summary or ""}


def contact_key(day: date, pairing: str, kinds: Iterable[str], helper: str | None, summary: str | None) -> Key:
    """What makes two rows the same contact: date, pairing, kinds (in any order), helper
    and summary (blank and missing alike)."""
    return day, pairing, frozenset(kinds), helper or None, (summary or "").strip() or None


def log_keys(contacts: Iterable[Contact]) -> Counter[Key]:
    """The contact log's rows by their key (kinds the log holds in Chinese read as English)."""
    return Counter(
        contact_key(c.date, c.pairing, (kind_of(k) or k for k in c.kinds), c.helper, c.summary) for c in contacts
    )


def plan_contacts(rows: Iterable[SheetContact], records: Records, today: date) -> list[ContactAction]:
    """One action per sheet row, in sheet order."""
    by_child: dict[str, list[Pairing]] = {}
    for pairing in records.pairings.values():
        by_child.setdefault(pairing.child, []).append(pairing)
    in_log = log_keys(records.contacts)
    names = _Names(NameIndex(records.children, "child"), NameIndex(records.helpers, "helper"))
    in_sheet: dict[Key, SheetContact] = {}
    out: list[ContactAction] = []
    for row in rows:
        act = _resolve(row, records, names, by_child, today)
        if act.kind != REFUSED and act.date is not None and act.pairing is not None:
            key = contact_key(act.date, act.pairing, act.kinds, act.helper, act.summary)
            first = in_sheet.get(key)
            if in_log[key] > 0:
                act.kind = PRESENT
            elif first is not None:
                act.kind = REFUSED
                other = first.part.name if first.part is not None else ""
                mine = row.part.name if row.part is not None else ""
                act.issues = [Issue.of("importer.contact.same_row", other=first.row) if other == mine else
                              Issue.of("importer.contact.same_row_sheet", other=first.row, sheet=other)]
            else:
                in_sheet[key] = row
        out.append(act)
    return out


@dataclass
class _Names:
    children: NameIndex
    helpers: NameIndex


def _where(header: Header, fld: str) -> dict[str, str]:
    col = header.first(fld)
    return {"letter": col.letter, "column": col.label} if col is not None else {"letter": "?", "column": fld}


def _resolve(row: SheetContact, records: Records, names: _Names, by_child: dict[str, list[Pairing]],
             today: date) -> ContactAction:
    act = ContactAction(row.row, REFUSED, row.date, kinds=row.kinds, channel=row.channel, minutes=row.minutes,
                        summary=row.summary, sheet=row.part.name if row.part is not None else "")
    header = row.part.header if row.part is not None else Header(0, [])
    if row.issues:
        act.issues = list(row.issues)
        return act
    assert row.date is not None  # a row without a date has an issue
    day = row.date
    if day > today:
        act.issues = [Issue.of("importer.contact.future", **_where(header, "date"), date=day.isoformat(),
                               today=today.isoformat())]
        return act

    helper_choices: list[list[str]] = []  # each helper written: the ids it may mean
    for text in row.helpers:
        try:
            helper_choices.append([names.helpers.one(text)])
        except Ambiguous as exc:
            helper_choices.append(list(exc.candidates))
        except NotFound as exc:
            key = "importer.contact.unknown_helper_close" if exc.candidates else "importer.contact.unknown_helper"
            act.issues = [Issue.of(key, **_where(header, "helper"), name=text, close=_helpers_named(records, exc.candidates))]
            return act

    pairing, issue = _pairing(row, records, names, by_child, header, day, helper_choices)
    if pairing is None:
        act.issues = [issue] if issue else []
        return act
    act.pairing, act.child = pairing.id, pairing.child
    helper, issue = _helper(row, pairing, helper_choices, header)
    if issue is not None:
        act.issues = [issue]
        return act
    act.helper = helper
    act.kind = NEW
    return act


def _pairing(row: SheetContact, records: Records, names: _Names, by_child: dict[str, list[Pairing]],
             header: Header, day: date, helper_choices: list[list[str]]) -> tuple[Pairing | None, Issue | None]:
    """The row's pairing, or why there is none."""
    child: str | None = None
    if row.child is not None:
        try:
            child = names.children.one(row.child)
        except Ambiguous as exc:
            # of two children called 李强, the one paired with the row's helper on that day
            wanted = {h for ids in helper_choices for h in ids}
            theirs = [cid for cid in exc.candidates
                      if any(wanted & set(p.helpers) and p.active_on(day, records.children.get(cid))
                             for p in by_child.get(cid, []))]
            if len(theirs) != 1:
                return None, Issue.of("importer.contact.ambiguous_child", **_where(header, "child"), name=row.child,
                                      ids=_children_named(records, exc.candidates))
            child = theirs[0]
        except NotFound as exc:
            key = "importer.contact.unknown_child_close" if exc.candidates else "importer.contact.unknown_child"
            return None, Issue.of(key, **_where(header, "child"), name=row.child,
                                  close=_children_named(records, exc.candidates))
    if row.pairing is not None:
        pid = row.pairing if row.pairing in records.pairings else row.pairing.upper()
        found = records.pairings.get(pid)
        if found is None:
            if child is None:  # a child's name in the 结对 column: its pairing, as `liushou log` takes it
                try:
                    child = names.children.one(row.pairing)
                except (Ambiguous, NotFound):
                    return None, Issue.of("importer.contact.unknown_pairing", **_where(header, "pairing"),
                                          id=row.pairing)
                return _active(records, by_child, child, day, helper_choices, header)
            return None, Issue.of("importer.contact.unknown_pairing", **_where(header, "pairing"), id=row.pairing)
        if child is not None and found.child != child:
            return None, Issue.of("importer.contact.pairing_child", **_where(header, "pairing"), pairing=found.id,
                                  child=_child_label(records, found.child), named=_child_label(records, child))
        if not found.active_on(day, records.children.get(found.child)):
            return None, _inactive(records, found.child, [found], day, header, "pairing")
        return found, None
    assert child is not None  # a row with neither has an issue
    return _active(records, by_child, child, day, helper_choices, header)


def _active(records: Records, by_child: dict[str, list[Pairing]], child: str, day: date,
            helper_choices: list[list[str]], header: Header) -> tuple[Pairing | None, Issue | None]:
    """The child's one pairing active on ``day`` (the helper's, when it has several)."""
    kid = records.children.get(child)
    mine = sorted(by_child.get(child, []), key=lambda p: p.id)
    active = [p for p in mine if p.active_on(day, kid)]
    if len(active) > 1 and helper_choices:
        wanted = {h for ids in helper_choices for h in ids}
        narrowed = [p for p in active if wanted & set(p.helpers)]
        if narrowed:
            active = narrowed
    if len(active) == 1:
        return active[0], None
    if active:
        return None, Issue.of("importer.contact.several_pairings", **_where(header, "child"),
                              child=_child_label(records, child), date=day.isoformat(),
                              pairings=_pairings_named(records, active))
    return None, _inactive(records, child, mine, day, header, "child")


def _inactive(records: Records, child: str, pairings: list[Pairing], day: date, header: Header,
              fld: str) -> Issue:
    """Why no pairing of ``child`` counts on ``day``: the child's enrolment is later (named,
    with its file), it had left, or its pairings start later or had ended."""
    kid = records.children.get(child)
    where = _where(header, fld if header.first(fld) is not None else "child")
    label = _child_label(records, child)
    if kid is not None and kid.enrolled > day:
        return Issue.of("importer.contact.before_enrolled", **where, child=label, id=child, date=day.isoformat(),
                        enrolled=kid.enrolled.isoformat(), path=records.located("children", child).path
                        if child in records.children else f"children/{child}.yaml")
    if kid is not None and kid.left is not None and kid.left.date <= day:
        return Issue.of("importer.contact.after_left", **where, child=label, date=day.isoformat(),
                        left=kid.left.date.isoformat())
    if not pairings:
        return Issue.of("importer.contact.no_pairing", **where, child=label)
    spans = "、".join(f"{p.id}（{p.start.isoformat()} ~ {p.end.isoformat() if p.end else '…'}）" for p in pairings)
    return Issue.of("importer.contact.no_active_pairing", **where, child=label, date=day.isoformat(), spans=spans)


def _helper(row: SheetContact, pairing: Pairing, helper_choices: list[list[str]],
            header: Header) -> tuple[str | None, Issue | None]:
    """The helper column's one helper, or None for the pairing's helpers (the column
    empty, or naming every helper of the pairing)."""
    if not helper_choices:
        return None, None
    chosen: list[str] = []
    for text, ids in zip(row.helpers, helper_choices, strict=True):
        mine = [h for h in ids if h in pairing.helpers]
        if len(ids) == 1:
            chosen.append(ids[0])
        elif len(mine) == 1:
            chosen.append(mine[0])
        else:
            return None, Issue.of("importer.contact.ambiguous_helper", **_where(header, "helper"), name=text,
                                  ids="、".join(ids))
    unique = list(dict.fromkeys(chosen))
    if len(unique) == 1:
        return unique[0], None
    if set(unique) == set(pairing.helpers):
        return None, None
    return None, Issue.of("importer.contact.several_helpers", **_where(header, "helper"), pairing=pairing.id,
                          helpers="、".join(pairing.helpers))


def _child_label(records: Records, child: str) -> str:
    kid = records.children.get(child)
    return f"{kid.name}（{child}）" if kid is not None else child


def _children_named(records: Records, ids: Iterable[str]) -> str:
    return "、".join(_child_label(records, cid) for cid in ids)


def _helpers_named(records: Records, ids: Iterable[str]) -> str:
    return "、".join(f"{records.helpers[h].name}（{h}）" if h in records.helpers else h for h in ids)


def _pairings_named(records: Records, pairings: Iterable[Pairing]) -> str:
    def helpers(p: Pairing) -> str:
        return "、".join(records.helpers[h].name if h in records.helpers else h for h in p.helpers)

    return "；".join(f"{p.id}（{helpers(p)}）" for p in pairings)
