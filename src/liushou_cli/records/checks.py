"""Checks across records: references, spans, overlaps, and the programme's own warnings.

Pure: reads a loaded ``Records`` and a day, returns problems. Schema and
syntax problems come from loading; these are what only the whole set shows.
Records that failed to load are checked from what could be salvaged, so a
file with one broken value still has its other mistakes shown in the same run;
references to them are not reported again as missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PureWindowsPath

from pydantic import BaseModel

from liushou_cli.model import (
    CONTACT_KINDS,
    Activity,
    Child,
    Contact,
    Helper,
    Pairing,
    Program,
    ProgramRule,
    Rule,
)
from liushou_cli.phrases import Phrase, listed, period
from liushou_cli.presets import DROPOUT_PRESETS, PRESETS, PROGRAM_PRESETS
from liushou_cli.problems import Problem, error, warning
from liushou_cli.records.load import Records
from liushou_cli.records.loaded import FOLDER_MODELS
from liushou_cli.records.patch import stem_of
from liushou_cli.records.paths import escapes
from liushou_cli.records.validate import suggest
from liushou_cli.records.yamlio import Loc, Located
from liushou_cli.vocab import ACTIVITY_KINDS


def run_checks(records: Records, today: date) -> list[Problem]:
    """Every cross-record problem, in a stable order."""
    found: list[Problem] = []
    for check in (_program, _children, _helpers, _pairings, _contacts, _activities):
        found.extend(check(records, today))
    return found


def all_problems(records: Records, today: date) -> list[Problem]:
    """Loading problems and check problems together, sorted by place."""
    return sorted([*records.problems, *run_checks(records, today)], key=Problem.sort_key)


@dataclass(frozen=True)
class Scope:
    """The records whose check problems a change to some record files can alter, so
    that only their checks run again (``scoped_problems``): every check reads one record
    and the few it names, so a problem elsewhere is the same before and after."""

    children: frozenset[str]  # children checked: the changed ones, and those of changed pairings
    pairings: frozenset[str]  # pairings checked: changed, or naming a changed child or helper
    changed_children: frozenset[str]  # a salvaged pairing naming one is checked too
    changed_helpers: frozenset[str]
    rows: frozenset[tuple[object, ...]]  # rows checked: those changed (``_row_key``) ...
    contact_pairings: frozenset[str]  # ... and every row of these pairings (changed, or of a changed child)
    duplicates: frozenset[tuple[object, ...]]  # rows with the contents of a changed row are compared again
    activities: frozenset[str] = frozenset()  # activities changed (those naming a changed child or helper too)


def scope_of(sides: Iterable[Records], changed: Collection[str]) -> Scope:
    """What changing the files ``changed`` (paths from the root: record files and contact
    logs only) can alter, seen from the records before and after the change (``sides``)."""
    folders: dict[str, set[str]] = {folder: set() for folder in FOLDER_MODELS}
    files = frozenset(rel for rel in changed if rel.startswith("contacts/"))
    for rel in changed:
        folder, _, name = rel.partition("/")
        if folder in folders:
            folders[folder].add(stem_of(rel))
    kids, helpers, pids = folders["children"], folders["helpers"], folders["pairings"]
    children, pairings, contact_pairings = set(kids), set(pids), set(pids)
    sides = list(sides)
    for records in sides:
        children.update(p.child for pid in pids if (p := records.pairings.get(pid)) is not None)
        if kids or helpers:
            for pid, pairing in records.pairings.items():
                if pairing.child in kids:
                    pairings.add(pid)
                    contact_pairings.add(pid)
                elif helpers and not helpers.isdisjoint(pairing.helpers):
                    pairings.add(pid)
    # a row of a changed log that is the same before and after (contents, line, columns)
    # has the same problems: only the rows added, removed or moved are checked again
    rows = [Counter(_row_key(c) for c in records.contacts if c.path in files) if files else Counter()
            for records in sides]
    changed_rows = frozenset(key for side in rows for key in side if rows[0][key] != rows[-1][key])
    duplicates = frozenset(_duplicate_key(contact) for contact, _cols in changed_rows)
    acts = set(folders["activities"])
    if kids or helpers:
        for records in sides:
            acts.update(aid for aid, a in records.activities.items()
                        if not kids.isdisjoint(a.children) or not helpers.isdisjoint(a.helpers))
    return Scope(frozenset(children), frozenset(pairings), frozenset(kids), frozenset(helpers), changed_rows,
                 frozenset(contact_pairings), duplicates, frozenset(acts))


def _row_key(contact: Contact) -> tuple[Contact, tuple[tuple[str, int], ...]]:
    """A row with everything its problems depend on (a contact's equality leaves out ``cols``)."""
    return contact, contact.cols


def scoped_problems(records: Records, today: date, scope: Scope, paths: Collection[str]) -> list[Problem]:
    """The loading problems of the files ``paths`` and the check problems of ``scope``,
    sorted by place: of ``all_problems``, the part a change to those files can alter."""
    found = [p for p in records.problems if p.path in paths]
    for check in (_children, _helpers, _pairings, _contacts, _activities):
        found.extend(check(records, today, scope))
    return sorted(found, key=Problem.sort_key)


def _program_of(records: Records) -> tuple[Program | None, Located]:
    if records.program is not None:
        return records.program, records.located("program", "")
    salvaged = records.salvaged.get(("program", ""))
    if salvaged is not None and isinstance(salvaged[0], Program):
        return salvaged[0], salvaged[1]
    return None, records.located("program", "")


def _has(record: BaseModel, *names: str) -> bool:
    """Whether ``record`` has these fields: a salvaged record may lack required ones."""
    return all(name in record.model_fields_set for name in names)


def _pairings_of(records: Records) -> Iterator[tuple[Pairing, Located, bool]]:
    """Loaded pairings, then salvaged ones (``True``: only partly readable)."""
    for pid, pairing in records.pairings.items():
        yield pairing, records.located("pairings", pid), False
    for (folder, _), (obj, located) in records.salvaged.items():
        if folder == "pairings" and isinstance(obj, Pairing):
            yield obj, located, True


def _duties(duties: str | list[Rule] | None, located: Located, loc: Loc) -> Iterator[Problem]:
    if duties is None:
        return
    if isinstance(duties, str):
        if duties not in PRESETS:
            yield error(located.path, *located.at(loc), "unknown-preset", name=duties,
                        suggestion=suggest(duties, PRESETS), names=", ".join(PRESETS))
        return
    seen: dict[str, int] = {}
    for i, rule in enumerate(duties):
        if rule.id in seen:
            first = located.at((*loc, seen[rule.id], "id"))[0]
            yield error(located.path, *located.at((*loc, i, "id")), "duplicate-id", id=rule.id,
                        other=f"{located.path}:{first}")
        seen.setdefault(rule.id, i)
        for j, kind in enumerate(rule.kinds):
            if kind not in CONTACT_KINDS:
                yield error(located.path, *located.at((*loc, i, "kinds", j)), "unknown-kind", kind=kind,
                            suggestion=suggest(kind, CONTACT_KINDS, "kind"), kinds=", ".join(CONTACT_KINDS))


# duty ids of a child's own duties (duties/items.py): no rule of a risk level may take one
_CHILD_DUTIES = ("risk_assessment", "verify_archive", "persuade")
_LEVELS = ("high", "medium", "low")


def _rule_ids(duties: str | list[Rule] | None) -> set[str]:
    """The rule ids of a ``duties`` value (a preset's by name; an unknown name has none)."""
    if duties is None:
        return set()
    if isinstance(duties, str):
        preset = PRESETS.get(duties)
        return {rule.id for rule in preset.rules} if preset is not None else set()
    return {rule.id for rule in duties}


def _tier_ids(program: Program | None) -> dict[str, str]:
    """Each rule id of ``risk_duties`` with the (first) level it belongs to."""
    found: dict[str, str] = {}
    if program is not None and program.risk_duties is not None:
        for level in _LEVELS:
            for rule in program.risk_duties.of(level):
                found.setdefault(rule.id, level)
    return found


def _level_words(level: str) -> list[str]:
    """The keys ``risk_duties`` may write ``level`` as: ``high``, ``高``, ``高风险``."""
    from liushou_cli.vocab import ZH_VALUES

    return [level, *(w for w, v in ZH_VALUES["level"].items() if v == level)]


def _level_key(located: Located, level: str) -> str:
    """The key ``risk_duties`` writes ``level`` as (the first one, when written twice)."""
    return next((w for w in _level_words(level) if ("risk_duties", w) in located.values), level)


def _risk_duties(program: Program, located: Located) -> Iterator[Problem]:
    """Each level's rules checked like ``duties``; a rule id that a programme duty or a
    child's own duty already has is refused: its items could not be told apart."""
    risk = program.risk_duties
    if risk is None:
        return
    taken = _rule_ids(program.duties) if _has(program, "duties") else set()
    for level in _LEVELS:
        rules = risk.of(level)
        if not rules:
            continue
        loc: Loc = ("risk_duties", _level_key(located, level))
        written = [w for w in _level_words(level) if ("risk_duties", w) in located.values]
        for again in written[1:]:  # ``high:`` and ``高:`` both: pydantic reads one, the other would be lost
            yield error(located.path, *located.key_at(("risk_duties", again)), "duplicate-risk-level",
                        key=again, first=written[0])
        yield from _duties(rules, located, loc)
        for i, rule in enumerate(rules):
            if rule.id in taken or rule.id in _CHILD_DUTIES:
                yield error(located.path, *located.at((*loc, i, "id")), "risk-duty-id-taken", id=rule.id,
                            level=Phrase(f"level.{level}"))
def _unknown_activity_kind(located: Located, loc: Loc, kind: str) -> Problem:
    return error(located.path, *located.at(loc), "unknown-activity-kind", kind=kind,
                 suggestion=suggest(kind, ACTIVITY_KINDS, "activity"), kinds=", ".join(ACTIVITY_KINDS))


def _program_duties(program: Program, located: Located) -> Iterator[Problem]:
    """``program_duties``: preset names known, rule ids unique (with the presets'), kinds known."""
    duties = program.program_duties
    entries: list[str | ProgramRule] = [duties] if isinstance(duties, str) else list(duties)
    base: Loc = ("program_duties",)
    seen: dict[str, Loc] = {}
    for i, entry in enumerate(entries):
        loc: Loc = base if isinstance(duties, str) else (*base, i)
        if isinstance(entry, str):
            preset = PROGRAM_PRESETS.get(entry)
            if preset is None:
                yield error(located.path, *located.at(loc), "unknown-preset", name=entry,
                            suggestion=suggest(entry, PROGRAM_PRESETS), names=", ".join(PROGRAM_PRESETS))
                continue
            ids = [(rule.id, loc) for rule in preset.rules]
        else:
            ids = [(entry.id, (*loc, "id"))]
            for j, kind in enumerate(entry.activities):
                if kind not in ACTIVITY_KINDS:
                    yield _unknown_activity_kind(located, (*loc, "activities", j), kind)
        for rule_id, at in ids:
            if rule_id in seen:
                yield error(located.path, *located.at(at), "duplicate-id", id=rule_id,
                            other=f"{located.path}:{located.at(seen[rule_id])[0]}")
            seen.setdefault(rule_id, at)


def _program(records: Records, today: date) -> Iterator[Problem]:
    program, located = _program_of(records)
    if program is None:
        return
    if _has(program, "duties"):
        yield from _duties(program.duties, located, ("duties",))
    if isinstance(program.dropout, str) and program.dropout not in DROPOUT_PRESETS:
        yield error(located.path, *located.at(("dropout",)), "unknown-dropout-preset", name=program.dropout,
                    suggestion=suggest(program.dropout, DROPOUT_PRESETS), names=", ".join(DROPOUT_PRESETS))
    if _has(program, "risk_duties"):
        yield from _risk_duties(program, located)
    if _has(program, "program_duties"):
        yield from _program_duties(program, located)
    seen: dict[str, int] = {}
    for i, term in enumerate(program.terms):
        if term.id in seen:
            first = located.at(("terms", seen[term.id], "id"))[0]
            yield error(located.path, *located.at(("terms", i, "id")), "duplicate-id", id=term.id,
                        other=f"{located.path}:{first}")
        seen.setdefault(term.id, i)
        if term.end < term.start:
            yield error(located.path, *located.at(("terms", i, "end")), "term-end-before-start", id=term.id,
                        start=term.start.isoformat(), end=term.end.isoformat())
    ordered = sorted(enumerate(program.terms), key=lambda it: (it[1].start, it[0]))
    latest = None  # the term reaching furthest so far: catches a term inside another too
    for j, term in ordered:
        if term.end < term.start:
            continue  # already reported; its span means nothing
        if latest is not None and term.start <= latest.end:
            yield error(located.path, *located.at(("terms", j, "start")), "terms-overlap", a=latest.id, b=term.id)
        if latest is None or term.end > latest.end:
            latest = term


_CARD_WORDS = {"guardian.name": "word.field.guardian", "guardian.phone": "word.field.guardian_phone",
               "school": "word.field.school", "class": "word.field.class"}


def _children(records: Records, today: date, scope: Scope | None = None) -> Iterator[Problem]:
    pairings: Iterable[Pairing] = records.pairings.values()
    children: Iterable[tuple[str, Child]] = records.children.items()
    if scope is not None:
        pairings = [p for p in pairings if p.child in scope.children]
        children = [(cid, records.children[cid]) for cid in sorted(scope.children) if cid in records.children]
    paired = {p.child for p in pairings if p.active_on(today, records.children.get(p.child))}
    # a pairing file that failed to load may be the child's pairing: no guess either way
    paired |= {p.child for p, _, partial in _pairings_of(records) if partial and _has(p, "child")}
    for cid, child in children:
        located = records.located("children", cid)
        yield from _child_dates(child, located)
        if child.left is not None and child.left.date <= today:
            continue  # left the programme: the archive is closed
        # positions are looked up only for a warning: a cached record keeps them packed
        if child.active_on(today) and cid not in paired:
            yield warning(located.path, *located.at(("id",)), "child-unpaired", child=cid)
        if child.consent is None:
            yield warning(located.path, *located.at(("id",)), "no-consent", child=cid)
        missing = missing_card_paths(child)
        if missing:
            yield warning(located.path, *located.at(("id",)), "incomplete-archive", child=cid,
                          fields=listed(Phrase(_CARD_WORDS[path]) for path in missing),
                          assign=" ".join(f"{path}=…" for path in missing))
        for loc in () if _phones_plain(child) else _implausible_phones(child):
            yield warning(located.path, *located.at(loc), "implausible-phone", id=cid, field=_dotted(loc))
    if scope is not None:
        return  # a salvaged child is a file no fast change touches: its problems stay
    for (folder, _), (obj, located) in records.salvaged.items():
        if folder == "children" and isinstance(obj, Child):
            yield from _child_dates(obj, located)


# A phone a person can ring: a mobile is 11 digits from 1 (+86 allowed); a landline has
# its area code, 0 and 2-3 digits, before 7-8 digits: 0731-84123456, 073184123456,
# (0731)84123456. Spaces and dashes between digit groups are allowed.
_PHONE = re.compile(r"1\d{10}|0\d{9,11}|0\d{2,3}-\d{7,8}")
_PHONE_LOOSE = re.compile(r"(?:\+?86)?1\d{10}|0\d{9,11}|\(0\d{2,3}\)\d{7,8}")
_PHONE_NOISE = str.maketrans({" ": None, "-": None, "\u3000": None, "（": "(", "）": ")", "－": None})


def plausible_phone(phone: str) -> bool:
    """Whether ``phone`` looks like a number that can be rung (see ``_PHONE``)."""
    if _PHONE.fullmatch(phone):  # the usual case, written plainly: one match and done
        return True
    return _PHONE_LOOSE.fullmatch(phone.strip().translate(_PHONE_NOISE)) is not None


def _phones_plain(child: Child) -> bool:
    """Whether every phone of the child is written the usual way (nearly every child of
    a county's 10,000): one regex match each, no generator, nothing else looked at."""
    plain = _PHONE.fullmatch
    for person in (child.class_teacher, child.guardian):
        if person is not None and person.phone and not plain(person.phone):
            return False
    for parent in child.parents:
        if (parent.phone and not plain(parent.phone)) or (parent.employer_phone and not plain(parent.employer_phone)):
            return False
    return True


def _implausible_phones(child: Child) -> Iterator[Loc]:
    """Where the child's record holds a phone that cannot be rung."""
    for key, person in (("class_teacher", child.class_teacher), ("guardian", child.guardian)):
        if person is not None and person.phone and not plausible_phone(person.phone):
            yield (key, "phone")
    for i, parent in enumerate(child.parents):
        for key in ("phone", "employer_phone"):
            value = getattr(parent, key)
            if value and not plausible_phone(value):
                yield ("parents", i, key)


def _dotted(loc: Loc) -> str:
    """``("parents", 0, "phone")`` as ``liushou set`` takes it: ``parents.1.phone``."""
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in loc)


def missing_card_paths(child: Child) -> list[str]:
    """The contact card's missing fields, as ``liushou set`` takes them (``guardian.phone``)."""
    guardian = child.guardian
    present = {"guardian.name": guardian is not None and bool(guardian.name),
               "guardian.phone": guardian is not None and bool(guardian.phone),
               "school": bool(child.school), "class": bool(child.class_)}
    return [path for path, there in present.items() if not there]


def _helpers(records: Records, today: date, scope: Scope | None = None) -> Iterator[Problem]:
    helpers: Iterable[tuple[str, Helper]] = records.helpers.items()
    if scope is not None:
        helpers = [(hid, records.helpers[hid]) for hid in sorted(scope.changed_helpers) if hid in records.helpers]
    for hid, helper in helpers:
        if helper.phone and not plausible_phone(helper.phone):
            located = records.located("helpers", hid)
            yield warning(located.path, *located.at(("phone",)), "implausible-phone", id=hid, field="phone")


def _child_dates(child: Child, located: Located) -> Iterator[Problem]:
    if _has(child, "enrolled") and child.left is not None and child.left.date < child.enrolled:
        yield error(located.path, *located.at(("left", "date")), "left-before-enrolled",
                    left=child.left.date.isoformat(), enrolled=child.enrolled.isoformat(), child=child.id)
    if child.verified and _has(child, "enrolled"):
        left = child.left.date if child.left is not None else None
        for i, day in enumerate(child.verified):
            if day < child.enrolled:
                yield warning(located.path, *located.at(("verified", i)), "verified-before-enrolled",
                              date=day.isoformat(), enrolled=child.enrolled.isoformat(), child=child.id)
            elif left is not None and day > left:
                yield warning(located.path, *located.at(("verified", i)), "verified-after-left",
                              date=day.isoformat(), left=left.isoformat(), child=child.id)
    if child.absences:
        yield from _absences(child, located)


def _absences(child: Child, located: Located) -> Iterator[Problem]:
    """An absence's own dates (``to``, persuasions, the report not before ``from``; not
    before enrolment), then overlaps between the child's absences (控辍保学)."""
    cid = child.id if _has(child, "id") else ""
    enrolled = child.enrolled if _has(child, "enrolled") else None
    for i, absence in enumerate(child.absences):
        start = absence.from_.isoformat()
        n = i + 1
        if enrolled is not None and absence.from_ < enrolled:
            yield error(located.path, *located.at(("absences", i, "from")), "absence-before-enrolled",
                        start=start, enrolled=enrolled.isoformat(), child=cid, n=n)
        if absence.to is not None and absence.to < absence.from_:
            yield error(located.path, *located.at(("absences", i, "to")), "absence-end-before-start",
                        start=start, end=absence.to.isoformat(), child=cid, n=n)
        for j, persuasion in enumerate(absence.persuasions):
            if persuasion.date < absence.from_:
                yield error(located.path, *located.at(("absences", i, "persuasions", j, "date")),
                            "persuasion-before-absence", date=persuasion.date.isoformat(), start=start,
                            child=cid, n=n, m=j + 1)
        if absence.reported is not None and absence.reported.date < absence.from_:
            yield error(located.path, *located.at(("absences", i, "reported", "date")),
                        "absence-report-before-start", date=absence.reported.date.isoformat(), start=start,
                        child=cid, n=n)
    if len(child.absences) < 2:
        return
    ordered = sorted(enumerate(child.absences), key=lambda it: (it[1].from_, it[0]))
    latest: tuple[int, date | None] | None = None  # the absence reaching furthest so far (None: still open)
    for i, absence in ordered:
        end = absence.last_day()
        if end is not None and end < absence.from_:
            continue  # already reported; its span means nothing
        if latest is not None and (latest[1] is None or absence.from_ <= latest[1]):
            other = located.at(("absences", latest[0], "from"))[0]
            yield error(located.path, *located.at(("absences", i, "from")), "absences-overlap",
                        start=absence.from_.isoformat(), other=f"{located.path}:{other}", child=cid, n=i + 1,
                        m=latest[0] + 1)
        if latest is None or (latest[1] is not None and (end is None or end > latest[1])):
            latest = (i, end)


def _in_scope(pairing: Pairing, partial: bool, scope: Scope) -> bool:
    if not partial:
        return pairing.id in scope.pairings
    return ((_has(pairing, "child") and pairing.child in scope.changed_children)
            or (_has(pairing, "helpers") and not scope.changed_helpers.isdisjoint(pairing.helpers)))


def _rule_at(duties: str | list[Rule] | None, rule_id: str, located: Located) -> tuple[int, int]:
    """Where a pairing's rule ``rule_id`` stands: its ``id`` in a list, else the preset's name."""
    if isinstance(duties, list):
        i = next(i for i, rule in enumerate(duties) if rule.id == rule_id)
        return located.at(("duties", i, "id"))
    return located.at(("duties",))


def _pairings(records: Records, today: date, scope: Scope | None = None) -> Iterator[Problem]:
    tiers: dict[str, str] | None = None  # the risk levels' rule ids, looked up at the first pairing with duties
    for pairing, located, partial in _pairings_of(records):
        if scope is not None and not _in_scope(pairing, partial, scope):
            continue
        pid = pairing.id
        if _has(pairing, "duties"):
            yield from _duties(pairing.duties, located, ("duties",))
            if tiers is None:
                tiers = _tier_ids(_program_of(records)[0])
            for rid in sorted(_rule_ids(pairing.duties) & tiers.keys()):
                yield error(located.path, *_rule_at(pairing.duties, rid, located), "pairing-duty-id-taken",
                            id=rid, pairing=pid, level=Phrase(f"level.{tiers[rid]}"))
        if _has(pairing, "child") and not records.exists("children", pairing.child):
            yield error(located.path, *located.at(("child",)), "unknown-child", id=pairing.child)
        if _has(pairing, "helpers"):
            for i, hid in enumerate(pairing.helpers):
                if not records.exists("helpers", hid):
                    yield error(located.path, *located.at(("helpers", i)), "unknown-helper", id=hid)
        if pairing.end is not None and _has(pairing, "start") and pairing.end < pairing.start:
            yield error(located.path, *located.at(("end",)), "pairing-end-before-start",
                        start=pairing.start.isoformat(), end=pairing.end.isoformat(), pairing=pid)
        child = records.children.get(pairing.child) if _has(pairing, "child") else None
        left = child.left.date if child is not None and child.left is not None else None
        if left is not None and left <= today and (pairing.end is None or pairing.end > left):
            where = located.at(("end",)) if pairing.end is not None else located.at(("id",))
            end = pairing.end.isoformat() if pairing.end is not None else Phrase("word.no_end")
            yield warning(located.path, *where, "left-child-open-pairing",
                          child=pairing.child, left=left.isoformat(), pairing=pid, end=end)


def _active_days(pairing: Pairing, child: Child) -> tuple[date, date | None]:
    """First and last day the pairing and its child are both active (last None: no end
    yet); a child who left on the first day of the calendar has none (first after last)."""
    ends = [pairing.end]
    if child.left is not None:
        if child.left.date == date.min:
            return date.max, date.min
        ends.append(child.left.date - timedelta(days=1))  # active until the day before leaving
    known = [d for d in ends if d is not None]
    return max(pairing.start, child.enrolled), min(known) if known else None


def _span(pairing: Pairing, child: Child) -> Phrase:
    """When the pairing counts contacts: both it and its child active."""
    return period(*_active_days(pairing, child))


def _duplicate_key(contact: Contact) -> tuple[object, ...]:
    """What makes two rows the same contact (kinds in any order)."""
    return (contact.date, contact.pairing, frozenset(contact.kinds), contact.helper,
            contact.channel, contact.minutes, contact.summary)


def _duplicate(contact: Contact, earlier: Contact) -> Problem:
    return warning(contact.path, contact.line, 1, "duplicate-contact", other=f"{earlier.path}:{earlier.line}")


def _contacts(records: Records, today: date, scope: Scope | None = None) -> Iterator[Problem]:
    if scope is not None:
        yield from _scoped_contacts(records, today, scope)
        return
    first_seen: dict[tuple[object, ...], Contact] = {}
    kind_sets: dict[tuple[str, ...], frozenset[str]] = {}  # rows share their kinds tuples
    spans: dict[str, tuple[date, date, list[str]]] = {}
    helpers = records.helpers
    for contact in records.contacts:
        # a county logs 60,000 rows, nearly all fine: the whole check runs only for a row
        # outside its pairing's span or with a doubtful helper (it may then find nothing)
        span = spans.get(contact.pairing)
        if span is None:
            span = spans[contact.pairing] = _counting_span(records, contact.pairing, today)
        first, last, paired = span
        helper = contact.helper
        if (not first <= contact.date <= last
                or (helper is not None and (helper not in helpers or helper not in paired))):
            yield from _contact(records, contact, today)
        kinds = kind_sets.get(contact.kinds)
        if kinds is None:
            kinds = kind_sets[contact.kinds] = frozenset(contact.kinds)
        same = (contact.date, contact.pairing, kinds, contact.helper,
                contact.channel, contact.minutes, contact.summary)
        earlier = first_seen.setdefault(same, contact)
        if earlier is not contact:
            yield _duplicate(contact, earlier)


def _scoped_contacts(records: Records, today: date, scope: Scope) -> Iterator[Problem]:
    """``_contacts`` for the rows ``scope`` covers: each fully checked (no shortcut), and
    the rows sharing a changed row's contents compared again, in file order."""
    rows, pairings, helpers = scope.rows, scope.contact_pairings, scope.changed_helpers
    keys = scope.duplicates
    days = {key[0] for key in keys}
    first_seen: dict[tuple[object, ...], Contact] = {}
    for contact in records.contacts:
        if (contact.pairing in pairings or (helpers and contact.helper in helpers)
                or (contact.date in days and (contact, contact.cols) in rows)):
            yield from _contact(records, contact, today)
        if contact.date in days and (same := _duplicate_key(contact)) in keys:
            earlier = first_seen.setdefault(same, contact)
            if earlier is not contact:
                yield _duplicate(contact, earlier)


def _counting_span(records: Records, pairing_id: str, today: date) -> tuple[date, date, list[str]]:
    """First and last day a contact of this pairing may bear (the pairing and its child
    both active, not after ``today``), and its helpers. An unknown pairing has none."""
    pairing = records.pairings.get(pairing_id)
    if pairing is None:
        return date.max, date.min, []
    child = records.children.get(pairing.child)
    if child is None:  # an unknown child is reported once, on the pairing
        return date.min, today, pairing.helpers
    first, last = _active_days(pairing, child)
    return first, today if last is None else min(last, today), pairing.helpers


def _contact(records: Records, contact: Contact, today: date) -> Iterator[Problem]:
    where_date = (contact.line, contact.col("date"))
    if contact.date > today:
        yield error(contact.path, *where_date, "contact-in-future", date=contact.date.isoformat(),
                    today=today.isoformat())
    pairing = records.pairings.get(contact.pairing)
    if pairing is None:
        if not records.exists("pairings", contact.pairing):
            yield error(contact.path, contact.line, contact.col("pairing"), "unknown-pairing", id=contact.pairing)
        return
    child = records.children.get(pairing.child)
    if child is not None and not pairing.active_on(contact.date, child):
        yield error(contact.path, *where_date, "contact-outside-pairing", date=contact.date.isoformat(),
                    pairing=pairing.id, span=_span(pairing, child))
    if contact.helper is not None:
        where_helper = (contact.line, contact.col("helper"))
        if not records.exists("helpers", contact.helper):
            yield error(contact.path, *where_helper, "unknown-helper", id=contact.helper)
        elif contact.helper not in pairing.helpers:
            yield warning(contact.path, *where_helper, "helper-not-in-pairing",
                          helper=contact.helper, pairing=pairing.id)



def _activities(records: Records, today: date, scope: Scope | None = None) -> Iterator[Problem]:
    """Each group activity: its kind and ``counts_as`` known, every child and helper on
    record, each child active on the day, each material a file under the records."""
    ids = sorted(records.activities) if scope is None else sorted(scope.activities & records.activities.keys())
    for aid in ids:
        yield from _activity(records, records.activities[aid], records.located("activities", aid), today)
    if scope is not None:
        return
    # the same activity recorded twice (same day, kind and name): the later file is pointed at
    first: dict[tuple[object, ...], str] = {}
    for aid in ids:
        activity = records.activities[aid]
        earlier = first.setdefault((activity.date, activity.kind, "".join(activity.name.split())), aid)
        if earlier != aid:
            located = records.located("activities", aid)
            yield warning(located.path, *located.at(("id",)), "duplicate-activity",
                          other=records.located("activities", earlier).path)
    for (folder, _), (obj, located) in records.salvaged.items():
        if folder == "activities" and isinstance(obj, Activity):
            yield from _activity(records, obj, located, today)


def material_path(root: Path, text: str) -> Path | None:
    """Where a material named in an activity lies, or None if that is outside the records
    (an absolute path, ``..`` or a link leading out): the records are one folder to hand over."""
    rel = text.strip().replace("\\", "/")
    if not rel or rel.startswith("/") or PureWindowsPath(rel).drive or any(p == ".." for p in rel.split("/")):
        return None
    path = root / rel
    return None if escapes(root, path) else path


def _activity(records: Records, activity: Activity, located: Located, today: date) -> Iterator[Problem]:
    path = located.path
    if _has(activity, "date") and activity.date > today:
        yield error(path, *located.at(("date",)), "activity-in-future", date=activity.date.isoformat(),
                    today=today.isoformat())
    if _has(activity, "kind") and activity.kind not in ACTIVITY_KINDS:
        yield _unknown_activity_kind(located, ("kind",), activity.kind)
    for j, kind in enumerate(activity.counts_as):
        if kind not in CONTACT_KINDS:
            yield error(path, *located.at(("counts_as", j)), "unknown-kind", kind=kind,
                        suggestion=suggest(kind, CONTACT_KINDS, "kind"), kinds=", ".join(CONTACT_KINDS))
    for i, cid in enumerate(activity.children):
        child = records.children.get(cid)
        if child is None:
            if not records.exists("children", cid):
                yield error(path, *located.at(("children", i)), "unknown-child", id=cid)
        elif _has(activity, "date") and not child.active_on(activity.date):
            yield warning(path, *located.at(("children", i)), "activity-child-not-active", child=cid,
                          date=activity.date.isoformat(), span=period(child.enrolled, _last_day(child)))
    for i, hid in enumerate(activity.helpers):
        if not records.exists("helpers", hid):
            yield error(path, *located.at(("helpers", i)), "unknown-helper", id=hid)
    for i, text in enumerate(activity.materials):
        where = material_path(records.root, text)
        if where is None:
            yield error(path, *located.at(("materials", i)), "material-outside", file=text)
        elif not where.is_file():
            yield warning(path, *located.at(("materials", i)), "missing-material", file=text)


def _last_day(child: Child) -> date | None:
    return child.left.date - timedelta(days=1) if child.left is not None and child.left.date > date.min else None
