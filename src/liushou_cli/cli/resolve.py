"""What a person typed for a child, helper, pairing or term → the id the records use.

``records.lookup`` (the core) answers with ids, or raises codes with the candidates;
this is the one place those refusals become words, so every command says them the
same way: who the candidates are (name, id, class or unit, so two 王芳 can be told
apart) and what to type instead. Commands call it after loading the records; it is
never imported at start-up (``liushou --help`` stays light).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liushou_cli.cli.common import CliError
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.i18n import t
from liushou_cli.present.due_text import child_text, helper_name, helpers_text, name_id
from liushou_cli.records import lookup

if TYPE_CHECKING:
    from liushou_cli.model import Term
    from liushou_cli.records.loaded import Records

_FOLDER_OF = {"child": "children", "helper": "helpers", "pairing": "pairings"}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The one close id, as a suggestion to append to a refusal ("" when none is close)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return t("word.did_you_mean", name=close[0]) if close else ""


def child(records: Records, text: str, status: ExitStatus = ExitStatus.PROBLEMS) -> str:
    """A child's id, from its id or its one name."""
    try:
        return lookup.child_id(records, text)
    except lookup.NameLookupError as exc:
        raise refusal(records, exc, status) from None


def helper(records: Records, text: str, status: ExitStatus = ExitStatus.PROBLEMS) -> str:
    """A helper's id, from its id or its one name."""
    try:
        return lookup.helper_id(records, text)
    except lookup.NameLookupError as exc:
        raise refusal(records, exc, status) from None


def helpers(records: Records, texts: Iterable[str]) -> list[str]:
    """Each helper's id (``pair 刘子豪 赵丽 H003``)."""
    return [helper(records, text) for text in texts]


def pairing(records: Records, text: str, day: date, status: ExitStatus = ExitStatus.PROBLEMS) -> str:
    """A pairing's id, from its id, or from a child (id or name) with one pairing active on ``day``."""
    try:
        return lookup.pairing_id(records, text, day)
    except lookup.NameLookupError as exc:
        raise refusal(records, exc, status, day) from None


def record(records: Records, text: str, also: Sequence[str] = ()) -> str:
    """What ``explain`` takes: a pairing id, or a child (id or name). A helper is refused
    naming the helper's pairings, since duties belong to pairings and children."""
    text = text.strip()
    if text in records.pairings or text.upper() in records.pairings:
        return text if text in records.pairings else text.upper()
    try:
        return lookup.child_id(records, text)
    except lookup.Ambiguous as exc:
        raise refusal(records, exc, ExitStatus.ERROR) from None
    except lookup.NotFound:
        pass
    try:
        helper_id = lookup.helper_id(records, text)
    except lookup.NameLookupError:
        raise CliError("explain.err.unknown_id", "explain.hint.unknown_id", id=text,
                       suggestion=did_you_mean(text, [*records.pairings, *records.children, *also])) from None
    theirs = sorted(p.id for p in records.pairings.values() if helper_id in p.helpers)
    key = "explain.err.helper_id" if helper_id == text else "names.err.helper_named"
    raise CliError(key, "explain.hint.helper_id", id=helper_id, who=describe(records, "helper", helper_id),
                   pairings="、".join(theirs) or "-")


def term(terms: Sequence[Term], text: str | None) -> str | None:
    """A term's id from its id or its name (``2026年秋季学期``); anything else is passed on
    for the report to refuse with the list of terms."""
    if text is None:
        return None
    wanted = "".join(text.split())
    for one in terms:
        if one.id == text.strip() or (one.name and "".join(one.name.split()) == wanted):
            return one.id
    return text.strip()


# refusals in words -----------------------------------------------------------------------------


def refusal(records: Records, exc: lookup.NameLookupError, status: ExitStatus,
            day: date | None = None) -> CliError:
    """The CliError for a lookup's refusal: which record, the candidates, the fix."""
    if isinstance(exc, lookup.Ambiguous):
        if exc.what == "pairing":  # a child with several pairings active on the day
            kid = lookup.child_id(records, exc.text)
            return CliError("names.err.several_pairings", "names.hint.several_pairings", status,
                            child=child_text(records, kid), day=_day(day), count=len(exc.candidates),
                            candidates=_list(pairing_text(records, p) for p in exc.candidates),
                            first=exc.candidates[0])
        return CliError(f"names.err.shared_{exc.what}", "names.hint.shared", status, text=exc.text,
                        count=len(exc.candidates), first=exc.candidates[0],
                        candidates=_list(describe(records, exc.what, c) for c in exc.candidates))
    unreadable = _unreadable(records, exc)
    if unreadable is not None:
        return CliError("edit.err.unreadable_record", None, status, path=unreadable)
    if exc.what == "pairing":
        try:
            known: str | None = lookup.child_id(records, exc.text)
        except lookup.NameLookupError:
            known = None
        if known is not None:  # the child is there, with no pairing active on the day
            others = sorted(p.id for p in records.pairings.values() if p.child == known)
            return CliError("names.err.no_active_pairing", "names.hint.no_active_pairing", status,
                            child=child_text(records, known), day=_day(day), id=known,
                            others=t("names.other_pairings", candidates=_list(
                                pairing_text(records, p) for p in others)) if others else "")
    if exc.candidates:
        what = "child" if exc.what == "pairing" else exc.what
        return CliError(f"names.err.no_{exc.what}", "names.hint.close", status, text=exc.text, suggestion="",
                        candidates=_list(describe(records, what, c) for c in exc.candidates))
    ids: list[str] = list(getattr(records, _FOLDER_OF[exc.what]))
    return CliError(f"names.err.no_{exc.what}", "names.hint.ids", status, text=exc.text,
                    suggestion=did_you_mean(exc.text, ids))


def _unreadable(records: Records, exc: lookup.NameLookupError) -> str | None:
    """``children/C002.yaml`` when the id typed is a file that could not be read: the
    person must be told to fix that file, not that the child does not exist."""
    from liushou_cli.records.load import YAML_SUFFIXES
    from liushou_cli.records.paths import is_id

    text = exc.text.strip()
    if not is_id(text):
        return None
    for suffix in YAML_SUFFIXES:
        rel = f"{_FOLDER_OF[exc.what]}/{text}{suffix}"
        if (records.root / rel).is_file():
            return rel
    return None


def describe(records: Records, what: str, record_id: str) -> str:
    """One candidate as a person tells it apart: 张小明（C001）四(2)班; 赵丽（H002）宋家沟小学."""
    if what == "child":
        return child_text(records, record_id)
    if what == "helper":
        unit = getattr(records.helpers.get(record_id), "unit", None)
        who = name_id(helper_name(records, record_id), record_id)
        return t("due.child_text", who=who, klass=unit) if unit else who
    return pairing_text(records, record_id)


def pairing_text(records: Records, pairing_id: str) -> str:
    """P001（严万莲（H001），2026-09-05 起）, and its end when it has one."""
    found = records.pairings.get(pairing_id)
    if found is None:
        return pairing_id
    span = (t("names.span_ended", start=found.start.isoformat(), end=found.end.isoformat())
            if found.end is not None else t("names.span_open", start=found.start.isoformat()))
    return t("names.pairing_text", id=pairing_id, helpers=helpers_text(records, found.helpers), span=span)


def _list(items: Iterable[str]) -> str:
    return t("names.sep").join(items)


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


# shell completion --------------------------------------------------------------------------------


def completions(root: Path, folder: str, incomplete: str) -> list[tuple[str, str]]:
    """``(value, help)`` for shell completion. Typed the start of an id: the ids, each with
    its name (``C001`` 张小明 四(2)班). Typed the start of a name: the names, which every
    command takes, each with its id (``张小明`` C001 四(2)班; two 王芳 show as two lines with
    their ids); a pairing by its child's name. The shell keeps only values that start with
    what was typed, so a name can only complete to a name. Nothing (not an error) when the
    records cannot be read: a completion must never print a traceback into the shell."""
    from liushou_cli.records.load import load

    try:
        records = load(root)
    except OSError:
        return []
    if folder == "pairings":
        return _pairing_completions(records, incomplete)
    table: dict[str, Any] = records.children if folder == "children" else records.helpers
    out = []
    for found in lookup.name_candidates(records, folder, incomplete):
        rec = table[found.id]
        where = (rec.class_ or rec.grade) if folder == "children" else rec.unit
        name = "".join(found.name.split())
        if found.id.startswith(incomplete):
            out.append((found.id, " ".join(filter(None, [name, where])) or found.id))
        else:
            out.append((name, " ".join(filter(None, [found.id, where]))))
    return out


def _pairing_completions(records: Records, incomplete: str) -> list[tuple[str, str]]:
    start = "".join(incomplete.split())
    out = []
    for pid, found in sorted(records.pairings.items()):
        kid = records.children.get(found.child)
        name = "".join((kid.name if kid is not None else found.child).split())
        ended = f" ({found.end.isoformat()})" if found.end else ""
        helpers_names = "、".join(helper_name(records, h) for h in found.helpers)
        if pid.startswith(incomplete):
            out.append((pid, f"{name} · {helpers_names}{ended}"))
        elif start and name.startswith(start):
            out.append((name, f"{pid} · {helpers_names}{ended}"))
    return out
