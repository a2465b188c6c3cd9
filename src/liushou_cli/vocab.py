"""The record format's closed vocabularies, with no pydantic behind them.

``model`` builds its schemas from these and re-exports them; the CLI's commands
offer them as choices at import time, and importing pydantic for a handful of
strings would cost ``liushou --help`` a tenth of a second (issue 6).
"""

from __future__ import annotations

from typing import Literal, get_args

Gender = Literal["male", "female"]
Category = Literal["left_behind", "in_difficulty", "disabled", "single_parent", "orphan", "migrant"]
ParentsAway = Literal["both", "father", "mother", "none"]
LeftReason = Literal["parents_returned", "transferred", "graduated", "other"]
Level = Literal["low", "medium", "high"]
ConcernType = Literal["unsupervised", "missing", "guardian_incapable", "suspected_harm", "other"]
Role = Literal["teacher", "aixin_mama", "proxy_parent", "volunteer", "student_buddy", "elder"]
Per = Literal["term", "month", "year", "birthday"]

CONTACT_KINDS: tuple[str, ...] = (
    "home_visit",
    "talk",
    "teacher_contact",
    "guardian_contact",
    "letter",
    "call",
    "meeting",
    "parent_link",
    "birthday",
    "festival",
    "tutoring",
    "assistance",
    "info_check",
    "counselling",
)


def values(vocabulary: object) -> tuple[str, ...]:
    """The allowed values of one of the ``Literal`` vocabularies above, in order."""
    return tuple(str(value) for value in get_args(vocabulary))
