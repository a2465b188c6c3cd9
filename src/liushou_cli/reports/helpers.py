"""Each helper's work in a period: the figures of the 年终考核 file.

004: "将农村留守儿童关爱保护工作纳入教师年度考核和绩效考核"; 003: "把此项工作纳入教师年终考核
范围"; 002's 爱心妈妈 are judged by a 管理考核细则. Every helper with a pairing active on
some day of the period is listed — also those with nothing owed yet, with their contacts —
so the table is the whole team, not only the ones a rule has caught.

A contact counts for the helper its ``helper`` column names; one that names nobody
counts for every helper of its pairing (多对一: each of them). Contacts dated after the
as-of day count for nobody. Obligations are the
engine's (``duties.engine.obligations``), owed by every helper of their pairing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from liushou_cli.duties.activities import counted
from liushou_cli.model import CONTACT_KINDS, Pairing

if TYPE_CHECKING:
    from liushou_cli.duties.items import Obligation
    from liushou_cli.records.loaded import Records


@dataclass
class HelperWork:
    """One helper's figures for ``[start, as_of]``."""

    helper: str
    children: set[str] = field(default_factory=set)
    pairings: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    contacts: int = 0
    owed: int = 0
    met: int = 0
    last: date | None = None  # the helper's last contact on or before as_of, whenever it was

    @property
    def rate(self) -> float | None:
        return self.met / self.owed if self.owed else None

    def days_since(self, as_of: date) -> int | None:
        return (as_of - self.last).days if self.last is not None else None

    def kinds_in_order(self) -> list[tuple[str, int]]:
        known = [(k, self.kinds[k]) for k in CONTACT_KINDS if self.kinds[k]]
        return known + sorted((k, n) for k, n in self.kinds.items() if k not in CONTACT_KINDS)


def _active_in(pairing: Pairing, records: Records, start: date, as_of: date) -> bool:
    """Active on some day of ``[start, as_of]`` (the contract's "active on D" for some D)."""
    child = records.children.get(pairing.child)
    if child is None:
        return False
    first = max(start, pairing.start, child.enrolled)
    last = min(as_of, pairing.end or date.max,
               child.left.date - timedelta(days=1) if child.left is not None else date.max)
    return first <= last


def evaluate(records: Records, obligations: Iterable[Obligation], start: date, as_of: date) -> list[HelperWork]:
    """Every helper with a pairing active in the period, the ones who need a word first:
    the lowest completion rate, then the longest without a contact; those with nothing
    owed after them, longest without a contact first; then by helper id."""
    work: dict[str, HelperWork] = {}
    theirs: dict[str, tuple[str, ...]] = {}
    for pairing in records.pairings.values():
        if not _active_in(pairing, records, start, as_of):
            continue
        theirs[pairing.id] = tuple(pairing.helpers)
        for hid in pairing.helpers:
            entry = work.setdefault(hid, HelperWork(hid))
            entry.children.add(pairing.child)
            entry.pairings.add(pairing.id)
    for contact in counted(records):  # an activity's contact names no helper: every helper's
        helpers = theirs.get(contact.pairing)
        if helpers is None or contact.date > as_of:
            continue
        credited: Sequence[str] = helpers if not contact.helper else \
            (contact.helper,) if contact.helper in work else ()
        for hid in credited:
            entry = work[hid]
            if entry.last is None or contact.date > entry.last:
                entry.last = contact.date
            if contact.date >= start:
                entry.contacts += 1
                entry.kinds.update(contact.kinds)
    for ob in obligations:
        if start <= ob.due <= as_of:
            for hid in ob.helpers:
                if hid in work:
                    work[hid].owed += 1
                    work[hid].met += ob.met
    never = (as_of - date.min).days + 1

    def order(entry: HelperWork) -> tuple[bool, float, int, str]:
        days = entry.days_since(as_of)
        return (entry.rate is None, entry.rate or 0.0, -(never if days is None else days), entry.helper)

    return sorted(work.values(), key=order)
