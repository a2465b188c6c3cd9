"""Enum values from what people type: the English id or the Chinese label.

``走访``, ``家访``, ``走访/家访`` and ``home_visit`` all mean ``home_visit``; an
unambiguous beginning (``中`` for 中风险), or else an unambiguous part (``双方``
for 父母双方外出, ``均在家`` for 父母均在家), is enough. Both languages are accepted
whatever ``--lang`` says, because a coordinator's script should not break on it.
"""

from __future__ import annotations

import re

from liushou_cli.cli.common import CliError
from liushou_cli.i18n import label, t
from liushou_cli.messages import CATALOG

_SPLIT = re.compile(r"[;；,，、]")


def _aliases(group: str, value: str) -> set[str]:
    zh, en = CATALOG.get(f"{group}.{value}", (value, value))
    names = {value, zh, en, *zh.split("/"), *en.split(" / ")}
    return {n.strip().lower() for n in names if n.strip()}


def pick(group: str, values: tuple[str, ...], text: str, field: str) -> str:
    """The one value ``text`` names, or a CliError listing the choices."""
    low = text.strip().lower()
    exact = [v for v in values if low in _aliases(group, v)]
    if len(exact) == 1:
        return exact[0]
    starts = [v for v in values if low and any(a.startswith(low) for a in _aliases(group, v))]
    if len(starts) == 1:
        return starts[0]
    inside = [v for v in values if low and any(low in a for a in _aliases(group, v))]
    if not starts and len(inside) == 1:  # ``双方`` for 父母双方外出, as the help words it
        return inside[0]
    choices = "、".join(f"{v}（{label(group, v)}）" for v in values)
    raise CliError("edit.err.bad_choice", "edit.hint.choices", field=t(field), value=text, choices=choices)


def pick_many(group: str, values: tuple[str, ...], text: str, field: str) -> list[str]:
    """Several values joined by ; , or 、 (full-width too), each once, in order."""
    picked = [pick(group, values, part, field) for part in _SPLIT.split(text) if part.strip()]
    if not picked:
        raise CliError("edit.err.missing", "edit.hint.missing", field=t(field), option=field)
    return list(dict.fromkeys(picked))
