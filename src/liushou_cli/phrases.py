"""Words a problem's argument stands for, kept as codes and worded when shown.

A problem read in one run is shown in another, perhaps in the other language (the
records cache and the snapshot keep problems whatever ``--lang`` says). So an
argument that is words -- a reason, a field's name, the values a field allows --
is one of these values instead of text: a catalogue key with its own values, worded
by ``format`` (``t("problem.schema", reason=Phrase(...))``, an f-string) in the
language of the moment. ``str`` of one stays its code, the same in every language.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import Any

from liushou_cli.i18n import label, t
from liushou_cli.messages import CATALOG
from liushou_cli.vocab import ZH_VALUES


class Words(ABC):
    """A value that is worded when formatted."""

    __slots__ = ()

    @abstractmethod
    def worded(self) -> str:
        """The text in the current language."""

    def __format__(self, spec: str) -> str:
        return format(self.worded(), spec)


@dataclass(frozen=True)
class Phrase(Words):
    """The catalogue's text for ``key``, filled with ``args`` (which may be words too)."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()

    def worded(self) -> str:
        return t(self.key, **dict(self.args))


def phrase(key: str, **args: Any) -> Phrase:
    return Phrase(key, tuple(args.items()))


@dataclass(frozen=True)
class Joined(Words):
    """``parts`` one after another, ``sep`` between them (``AND``: 、 or ", ")."""

    parts: tuple[Any, ...]
    sep: Any = ""

    def worded(self) -> str:
        return f"{self.sep}".join(f"{part}" for part in self.parts)


@dataclass(frozen=True)
class Named(Words):
    """A code by its name in the catalogue's ``group`` (``kind`` ``home_visit``: 走访/家访)."""

    group: str
    code: str

    def worded(self) -> str:
        return label(self.group, self.code)


AND = Phrase("word.and")


def listed(items: Any) -> Joined:
    """``items`` as a list in words: ``C001、C002`` / ``C001, C002``."""
    return Joined(tuple(items), AND)


def period(start: date, end: date | None) -> Phrase:
    """``2026-09-01 ~ 2027-01-31``; an open end is ``至今`` / ``open``."""
    return phrase("word.period", start=start.isoformat(), end=end.isoformat() if end is not None else Phrase("word.open"))


@dataclass(frozen=True)
class Choices(Words):
    """The values an enum allows, as a coordinator may write them; ``group`` names their
    labels in the catalogue (``kind``, ``gender``; empty: none).

    Where the Chinese words are accepted too (``vocab.ZH_VALUES``), both are offered
    as words to type: ``男 / 女（也可写英文 male / female）``, ``male / female (or in
    Chinese: 男 / 女)``. Elsewhere the values, each with its name (``term 每学期``)."""

    values: tuple[str, ...]
    group: str = ""

    def worded(self) -> str:
        values, group = self.values, self.group
        if not group:
            return " / ".join(values)
        if group in ZH_VALUES:
            chinese = " / ".join(CATALOG[f"{group}.{v}"][0] for v in values)
            return t("word.enum_choices", zh=chinese, en=" / ".join(values))
        named = [(v, label(group, v)) for v in values]
        return " / ".join(v if name.lower() == v else t("word.enum_value", value=v, label=name) for v, name in named)
