"""Checks across records: references, spans, overlaps, and the programme's own warnings.

Pure: reads a loaded ``Records`` and a day, returns problems. Schema and
syntax problems come from loading; these are what only the whole set shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from liushou_cli.duties.presets import PRESETS
from liushou_cli.i18n import t
from liushou_cli.model import CONTACT_KINDS, Child, Pairing, Rule
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.load import Records
from liushou_cli.records.validate import suggest
from liushou_cli.records.yamlio import Loc, Located


def run_checks(records: Records, today: date) -> list[Problem]:
    """Every cross-record problem, in a stable order."""
    found: list[Problem] = []
    for check in (_program, _children, _pairings, _contacts):
        found.extend(check(records, today))
    return found


def all_problems(records: Records, today: date) -> list[Problem]:
    """Loading problems and check problems together, sorted by place."""
    return sorted([*records.problems, *run_checks(records, today)], key=Problem.sort_key)


def _at(located: Located, loc: Loc) -> tuple[int, int]:
    return located.at(loc)


def _duties(duties: str | list[Rule] | None, located: Located, loc: Loc) -> Iterator[Problem]:
    if duties is None:
        return
    if isinstance(duties, str):
        if duties not in PRESETS:
            yield error(located.path, *_at(located, loc), "unknown-preset", name=duties,
                        suggestion=suggest(duties, PRESETS), names=", ".join(PRESETS))
        return
    seen: dict[str, int] = {}
    for i, rule in enumerate(duties):
        if rule.id in seen:
            yield error(located.path, *_at(located, (*loc, i, "id")), "duplicate-id", id=rule.id,
                        other=f"{located.path}:{_at(located, (*loc, seen[rule.id], 'id'))[0]}")
        seen.setdefault(rule.id, i)
        for j, kind in enumerate(rule.kinds):
            if kind not in CONTACT_KINDS:
                yield error(located.path, *_at(located, (*loc, i, "kinds", j)), "unknown-kind", kind=kind,
                            suggestion=suggest(kind, CONTACT_KINDS), kinds=", ".join(CONTACT_KINDS))


def _program(records: Records, today: date) -> Iterator[Problem]:
    program = records.program
    if program is None:
        return
    located = records.located("program", "")
    yield from _duties(program.duties, located, ("duties",))
    seen: dict[str, int] = {}
    for i, term in enumerate(program.terms):
        if term.id in seen:
            yield error(located.path, *_at(located, ("terms", i, "id")), "duplicate-id", id=term.id,
                        other=f"{located.path}:{_at(located, ('terms', seen[term.id], 'id'))[0]}")
        seen.setdefault(term.id, i)
        if term.end < term.start:
            yield error(located.path, *_at(located, ("terms", i, "end")), "term-end-before-start", id=term.id)
    ordered = sorted(enumerate(program.terms), key=lambda it: it[1].start)
    latest = None  # the term reaching furthest so far: catches a term inside another too
    for j, b in ordered:
        if latest is not None and b.start <= latest.end:
            yield error(located.path, *_at(located, ("terms", j, "start")), "terms-overlap", a=latest.id, b=b.id)
        if latest is None or b.end > latest.end:
            latest = b


def _missing_card_fields(child: Child) -> list[str]:
    missing = []
    guardian = child.guardian
    if guardian is None or not guardian.name:
        missing.append(t("word.field.guardian"))
    if guardian is None or not guardian.phone:
        missing.append(t("word.field.guardian_phone"))
    if not child.school:
        missing.append(t("word.field.school"))
    if not child.class_:
        missing.append(t("word.field.class"))
    return missing


def _children(records: Records, today: date) -> Iterator[Problem]:
    active_paired = {
        p.child for p in records.pairings.values() if p.active_on(today, records.children.get(p.child))
    }
    for cid, child in records.children.items():
        located = records.located("children", cid)
        if child.left is not None and child.left.date < child.enrolled:
            yield error(located.path, *_at(located, ("left", "date")), "left-before-enrolled",
                        left=child.left.date.isoformat(), enrolled=child.enrolled.isoformat())
        if child.left is not None and child.left.date <= today:
            continue
        line, col = _at(located, ("id",))
        if child.active_on(today) and cid not in active_paired:
            yield warning(located.path, line, col, "child-unpaired", child=cid)
        if child.consent is None:
            yield warning(located.path, line, col, "no-consent", child=cid)
        missing = _missing_card_fields(child)
        if missing:
            yield warning(located.path, line, col, "incomplete-archive", child=cid,
                          fields=t("word.and").join(missing))


def _pairings(records: Records, today: date) -> Iterator[Problem]:
    for pid, pairing in records.pairings.items():
        located = records.located("pairings", pid)
        yield from _duties(pairing.duties, located, ("duties",))
        child = records.children.get(pairing.child)
        if child is None and not _unreadable(records, "children", pairing.child):
            yield error(located.path, *_at(located, ("child",)), "unknown-child", id=pairing.child)
        for i, hid in enumerate(pairing.helpers):
            if hid not in records.helpers and not _unreadable(records, "helpers", hid):
                yield error(located.path, *_at(located, ("helpers", i)), "unknown-helper", id=hid)
        if pairing.end is not None and pairing.end < pairing.start:
            yield error(located.path, *_at(located, ("end",)), "pairing-end-before-start",
                        start=pairing.start.isoformat(), end=pairing.end.isoformat())
        if child is not None and child.left is not None and pairing.end is None:
            yield warning(located.path, *_at(located, ("id",)), "left-child-open-pairing",
                          child=pairing.child, left=child.left.date.isoformat(), pairing=pid)


def _unreadable(records: Records, folder: str, record_id: str) -> bool:
    """A reference to a record whose file failed to load is not a second error."""
    return f"{folder}/{record_id}.yaml" in records.unreadable or f"{folder}/{record_id}.yml" in records.unreadable


def _span(pairing: Pairing, child: Child | None) -> str:
    start = max(pairing.start, child.enrolled) if child else pairing.start
    ends = [d for d in (pairing.end, child.left.date if child and child.left else None) if d is not None]
    end = min(ends).isoformat() if ends else t("word.open")
    return f"{start.isoformat()} ~ {end}"


def _contacts(records: Records, today: date) -> Iterable[Problem]:
    for contact in records.contacts:
        pairing = records.pairings.get(contact.pairing)
        if contact.date > today:
            yield error(contact.path, contact.line, 1, "contact-in-future", date=contact.date.isoformat())
        if pairing is None:
            if not _unreadable(records, "pairings", contact.pairing):
                yield error(contact.path, contact.line, 1, "unknown-pairing", id=contact.pairing)
            continue
        child = records.children.get(pairing.child)
        if child is not None and not pairing.active_on(contact.date, child):
            yield error(contact.path, contact.line, 1, "contact-outside-pairing", date=contact.date.isoformat(),
                        pairing=pairing.id, span=_span(pairing, child))
        if contact.helper is not None:
            if contact.helper not in records.helpers:
                if not _unreadable(records, "helpers", contact.helper):
                    yield error(contact.path, contact.line, 1, "unknown-helper", id=contact.helper)
            elif contact.helper not in pairing.helpers:
                yield warning(contact.path, contact.line, 1, "helper-not-in-pairing",
                              helper=contact.helper, pairing=pairing.id)
