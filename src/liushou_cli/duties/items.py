"""What the engine hands back: items (duties not yet met), alerts and term-report obligations.

Plain data with codes, no words and no JSON: presenters translate and encode them.
Items are made by ``new_item(field=...)`` only, so a missing or misspelt field fails
where the item is made, not later in a listing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from liushou_cli.duties.risk_tiers import Tier
    from liushou_cli.model import Child, Pairing, Rule

Status = Literal["overdue", "due_soon", "pending"]
RISK = "risk_assessment"  # the duty of an item about a child's risk assessment (no pairing, no rule)
VERIFY = "verify_archive"  # the duty of an item about checking a child's archive (no pairing, no rule)


class Item(NamedTuple):
    """One duty that is not (yet) met, as ``liushou due`` lists it.

    A named tuple, not a dataclass: a county's weekly run makes 66,000 of them, and
    a frozen dataclass spends a Python call per field on each."""

    status: Status
    child: str | None  # the child's id; None for a programme duty (the programme's own)
    pairing: str | None  # the pairing's id; None for a child's own duty (risk assessment, archive) or a programme duty
    duty: str  # the rule's id, or ``RISK`` or ``VERIFY``
    due: date
    rule_name: str  # the rule's own name; "" for a risk assessment
    helpers: tuple[str, ...]  # the pairing's helpers' ids, who must act; () for a risk assessment
    period_start: date | None  # the period counted; None for a ``within_days`` rule
    period_end: date | None
    done: int  # contacts that counted (see docs/duties.md, "done / needed")
    needed: int


_tuple_new = tuple.__new__


def new_item(*, status: Status, child: str | None, pairing: str | None, duty: str, due: date, rule_name: str,
             helpers: tuple[str, ...], period_start: date | None, period_end: date | None, done: int,
             needed: int) -> Item:
    """The one place items are made, by field name (a test pins the order to ``Item._fields``).

    ``Item(field=...)`` passes keywords through a slot wrapper as a dict, three times the
    cost of this for a county's 66,000 items; a keyword call of a function does not."""
    return _tuple_new(Item, (status, child, pairing, duty, due, rule_name, helpers, period_start, period_end,
                             done, needed))


_RANK = {"overdue": 0, "due_soon": 1, "pending": 2}


def urgency(item: Item) -> tuple[int, date, str, str, str]:
    """The listing's order: overdue first (oldest first), then due soon, then pending."""
    return (_RANK[item.status], item.due, item.child or "", item.pairing or "", item.duty)


AlertSource = Literal["concern", "absence"]


@dataclass(frozen=True)
class Alert:
    """A mandatory report not yet made (强制报告): a concern not reported, listed whatever
    its age, or an absence out of school that must be reported (控辍保学: ``type``
    ``missing_absent`` or ``dropout``, ``date`` the absence's ``from``)."""

    child: str
    type: str
    date: date
    index: int  # its place in the child's ``concerns`` (or ``absences``, by ``source``)
    source: AlertSource = "concern"


@dataclass(frozen=True)
class DueResult:
    as_of: date
    items: list[Item]  # most urgent first
    alerts: list[Alert]
    # each child whose risk level brings rules on the day: the level and the assessment that
    # set it, so a presenter can say why an item of those rules is owed (``tier_of``)
    tiers: dict[str, Tier] = field(default_factory=dict)

    def tier_of(self, item: Item) -> Tier | None:
        """The tier whose rule gave ``item``, if one did."""
        found = self.tiers.get(item.child) if item.child is not None else None
        if found is None or item.pairing is None or all(rule.id != item.duty for rule in found.rules):
            return None
        return found


class Obligation(NamedTuple):
    """One duty that fell due in a term report's span, and whether (and when) it was met."""

    pairing: str | None
    child: str
    duty: str
    rule_name: str
    helpers: tuple[str, ...]
    due: date
    met: bool
    met_on: date | None

    @classmethod
    def of(cls, pairing: Pairing, child: Child, rule: Rule, due: date, met_on: date | None) -> Obligation:
        """A rule's obligation of a pairing, met if ``met_on`` is a day."""
        return cls(pairing=pairing.id, child=child.id, duty=rule.id, rule_name=rule.name,
                   helpers=tuple(pairing.helpers), due=due, met=met_on is not None, met_on=met_on)
