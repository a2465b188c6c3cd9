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
from liushou_cli.vocab import CONTACT_KINDS, KIND_WORDS

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


def kind_words() -> list[tuple[str, str]]:
    """Every word that names a contact kind exactly, with its kind: the English id, the
    catalogue's labels in both languages (and their halves: 走访, 家访), and ``KIND_WORDS``."""
    words = {kind: kind for kind in CONTACT_KINDS}
    for kind in CONTACT_KINDS:
        for alias in _aliases("kind", kind):
            words.setdefault(alias, kind)
    for word, kind in KIND_WORDS.items():
        words.setdefault(word.lower(), kind)
    return sorted(words.items())


def pick_kinds(text: str) -> list[str]:
    """Contact kinds, each named exactly (``走访;谈心``, ``家访 谈心``, ``home visit/talk``).

    A kind is never guessed from part of its name: ``联系`` once logged 与班主任联系 and
    left the monthly contact overdue. A part is refused naming the kinds that hold it.
    Separators are the contact log's (``;`` ``；`` ``、`` ``，`` ``/``) and spaces; a name of
    several English words (``home visit``) is read whole.
    """
    words = dict(kind_words())
    picked: list[str] = []
    for run in _kind_runs(text):
        i = 0
        while i < len(run):
            # the longest run of words from here that names a kind (``contact with guardian``)
            j = next((j for j in range(len(run), i, -1) if " ".join(run[i:j]) in words), None)
            if j is None:
                raise _not_a_kind(run[i], words)
            picked.append(words[" ".join(run[i:j])])
            i = j
    if not picked:
        raise CliError("edit.err.missing", "edit.hint.missing", field=t("edit.field.kinds"), option="KIND")
    return list(dict.fromkeys(picked))


def _kind_runs(text: str) -> list[list[str]]:
    """The words of ``text`` (lower case) split as the contact log splits a kinds cell
    (``csvio.KIND_SEPARATORS``, ``csvio.slash_words``), in runs that only spaces join: any
    other separator ends a run, so ``home visit`` can be one name and ``home;visit`` not."""
    # here, not at start-up: csvio needs pydantic, and ``liushou --help`` does not
    from liushou_cli.records.csvio import KIND_SEPARATORS, slash_words

    runs: list[list[str]] = [[]]
    for n, piece in enumerate(re.split(f"({KIND_SEPARATORS.pattern})", text)):
        if n % 2:  # a separator: spaces join, anything else ends the run
            if not piece.isspace():
                runs.append([])
            continue
        if piece.startswith("/"):
            runs.append([])
        for k, word in enumerate(slash_words(piece)):
            if k:
                runs.append([])
            runs[-1].append(word.lower())
        if piece.endswith("/"):
            runs.append([])
    return [run for run in runs if run]


def _not_a_kind(word: str, words: dict[str, str]) -> CliError:
    """A part of kinds' names (the kinds holding it listed), or no kind at all."""
    holding = list(dict.fromkeys(kind for alias, kind in words.items() if word in alias))
    if holding:
        return CliError("names.err.partial_kind", "names.hint.partial_kind", value=word,
                        candidates="、".join(f"{label('kind', k)}（{k}）" for k in holding))
    choices = "、".join(f"{k}（{label('kind', k)}）" for k in CONTACT_KINDS)
    return CliError("edit.err.bad_choice", "edit.hint.choices", field=t("edit.field.kinds"), value=word,
                    choices=choices)
