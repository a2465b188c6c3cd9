"""Why a duty stands as it does, as data: the periods each rule considered, the contacts
that counted in each and, for every other contact of the pairing dated in it, why not.

``liushou explain`` only words these codes; ``compute_due`` builds none of them (a
county's run would make 75,000 checks nobody reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from liushou_cli.duties.items import Item, Status
from liushou_cli.duties.log import between
from liushou_cli.model import Contact, ProgramRule, Rule

if TYPE_CHECKING:
    from liushou_cli.duties.risk_tiers import Tier

# What kind of span a check is about: the rule's ``per``, a ``within_days`` gap, or none
Frame = Literal["term", "month", "year", "birthday", "window", "none"]
# How the check came out (docs/duties.md, "For developers")
Reason = Literal["met", "short", "not_active_at_end", "between_terms", "no_birth_date", "window", "not_active",
                 "level_not_held"]
# Why a contact dated in the check's span did not count there
Why = Literal[
    "after_today",  # dated after the day the duties are computed for
    "kind",  # none of its kinds is one of the rule's
    "not_owed",  # the pairing was not active on the period's last day: nothing was owed
    "other_level",  # the child was at another risk level on the period's last day: nothing was owed
    "same_day",  # a gap runs from the day's last contact, which is the one that counted
    "no_period",  # the rule has no period on the day (between terms, no birth date, not active)
]


class ContactCheck(NamedTuple):
    """A contact of the pairing dated in a check's span that did not count there, and why."""

    contact: Contact
    why: Why


class PeriodCheck(NamedTuple):
    """One period (or gap) a rule considered, what counted in it and how it came out."""

    frame: Frame
    period: str  # the period's id: "2026-11", "2026", a term's id, the birthday "2026-12-01"; else ""
    start: date
    end: date
    contacts: tuple[Contact, ...]  # the contacts that counted
    needed: int
    met: bool
    status: Status | None  # the status of the item the period gives; None when it gives none
    reason: Reason
    assessed: tuple[date, ...] = ()  # risk assessments, or ``verified`` days, that counted (not contacts)
    not_counted: tuple[ContactCheck, ...] = ()  # filled by ``with_not_counted``

    @property
    def label(self) -> str:
        """The period as machine text, as ``explain --json`` shows it."""
        if self.frame == "birthday":
            return f"{self.period} birthday"
        return "window" if self.frame == "window" else self.period

    @property
    def done(self) -> int:
        return len(self.contacts) + len(self.assessed)

    @property
    def missing(self) -> int:
        return max(self.needed - self.done, 0)


def no_period(today: date, needed: int, reason: Reason) -> PeriodCheck:
    """A check with no span to count in (between terms, no birth date, not active)."""
    return PeriodCheck(frame="none", period="", start=today, end=today, contacts=(), needed=needed,
                       met=False, status=None, reason=reason)


@dataclass(frozen=True)
class RuleExplanation:
    pairing: str | None
    child: str
    rule: Rule | None  # None for the child's own duties (risk assessment, archive verification)
    duty: str
    checks: tuple[PeriodCheck, ...]
    item: Item | None  # the most urgent item the rule gives
    tier: Tier | None = None  # the child's risk level that brought the rule, if it is one of ``risk_duties``
    program_rule: ProgramRule | None = None  # a programme duty's rule (``rule`` is None then)


# A contact of the rule's kinds up to the day, dated in a met or short period, always counts.
_UNCOUNTED: dict[str, Why] = {"not_active_at_end": "not_owed", "level_not_held": "other_level", "window": "same_day",
                              "between_terms": "no_period", "no_birth_date": "no_period",
                              "not_active": "no_period"}


def with_not_counted(check: PeriodCheck, log: Sequence[Contact], kinds: frozenset[str],
                     today: date) -> PeriodCheck:
    """``check`` with every other contact of the pairing's whole ``log`` (date-sorted, any
    date) dated in its span, each with why it did not count."""
    counted = {id(c) for c in check.contacts}
    found: list[ContactCheck] = []
    for contact in between(log, check.start, check.end):
        if id(contact) in counted:
            continue
        if contact.date > today:
            why: Why = "after_today"
        elif kinds.isdisjoint(contact.kinds):
            why = "kind"
        else:
            why = _UNCOUNTED[check.reason]
        found.append(ContactCheck(contact, why))
    return check._replace(not_counted=tuple(found))
