"""Who has gone longest without any contact: "who has not been contacted for a month?"

Not a duty of the contract but a look across every pairing active on T, whatever its
rules: the last contact of any kind dated on or before T. A pairing is *quiet* for N
days when no contact is dated in the N days ending on T (``T - N < date <= T``) and it
has existed that long; one that never had a contact is measured from its start, so a
pairing made last week is not reported as a month without contact. The models are
CommCare's case-activity report (the share of cases touched in the last 30/60/120 days)
and OSCaR's 30-day case-note cadence (DOMAIN.md, "Peers' lessons").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from liushou_cli.duties.activities import counted
from liushou_cli.model import Contact

if TYPE_CHECKING:
    from liushou_cli.records.loaded import Records

TOUCHED_WINDOWS = (30, 60, 120)  # the report's "contacted in the last N days" (CommCare)


@dataclass(frozen=True, slots=True)
class Quiet:
    """One active pairing and how long it has been without a contact, as of T."""

    pairing: str
    child: str
    helpers: tuple[str, ...]
    last: date | None  # the last contact dated on or before T; None: never
    since: date  # what ``days`` counts from: the last contact, or the start if none (or later)
    days: int  # whole days from ``since`` to T


def last_contacts(contacts: Iterable[Contact], today: date) -> dict[str, date]:
    """Each pairing's last contact dated on or before ``today`` (one pass over the log)."""
    last: dict[str, date] = {}
    for contact in contacts:
        day = contact.date
        if day <= today and day > last.get(contact.pairing, date.min):
            last[contact.pairing] = day
    return last


def standing(records: Records, today: date) -> list[Quiet]:
    """Every pairing active on ``today`` with its last contact, longest without first
    (then by pairing id, so the order is the same on every run)."""
    last = last_contacts(counted(records), today)
    out: list[Quiet] = []
    for pairing in records.pairings.values():
        child = records.children.get(pairing.child)
        if child is None or not pairing.active_on(today, child):
            continue
        seen = last.get(pairing.id)
        since = seen if seen is not None and seen >= pairing.start else pairing.start
        out.append(Quiet(pairing.id, child.id, tuple(pairing.helpers), seen, since, (today - since).days))
    out.sort(key=lambda q: (-q.days, q.pairing))
    return out


def quiet(records: Records, today: date, days: int) -> list[Quiet]:
    """The active pairings with no contact in the ``days`` days ending on ``today``."""
    return [q for q in standing(records, today) if q.days >= days]


def touched(pairings: Sequence[Quiet], windows: Sequence[int] = TOUCHED_WINDOWS) -> dict[int, int]:
    """For each window N: how many of ``pairings`` had a contact in the N days ending on T.

    Measured by the last contact itself, not by ``since``: a new pairing nobody has
    contacted yet is not counted as touched."""
    ages = [q.days + (q.since - q.last).days for q in pairings if q.last is not None]
    return {n: sum(1 for age in ages if age < n) for n in windows}
