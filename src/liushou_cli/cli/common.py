"""What every command shares: options, finding and loading records, failing cleanly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.models import ArgumentInfo, OptionInfo, ParameterInfo

from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.dates import parse_option_date
from liushou_cli.i18n import t
from liushou_cli.records.locate import RootNotFound, find_root


class CliError(Exception):
    """A message for the coordinator (catalogue key), a hint, and an exit code."""

    def __init__(self, key: str, hint: str | None = None, status: ExitStatus = ExitStatus.ERROR,
                 **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.hint_key = hint
        self.status = status
        self.args_ = args

    @property
    def message(self) -> str:
        return t(self.key, **self.args_)

    @property
    def hint(self) -> str | None:
        return t(self.hint_key, **self.args_) if self.hint_key else None


@dataclass
class Globals:
    """Options given before the command (``liushou --records X due``)."""

    records: Path | None = None
    debug: bool = False
    no_cache: bool = False  # --no-cache or LIUSHOU_NO_CACHE=1: read every file afresh


GLOBALS = Globals()


def _said_help(self: ParameterInfo) -> str:
    return t(self.__dict__["help_key"])


def _keep_key(self: ParameterInfo, value: object) -> None:
    """typer's own ``__init__`` sets the help text; the key is what counts."""


class _SaidOption(OptionInfo):
    """An option whose help text is looked up when typer builds the command, in the
    language of that run: the option itself is made once, when its module is imported."""

    help = property(_said_help, _keep_key)  # type: ignore[assignment]


class _SaidArgument(ArgumentInfo):
    help = property(_said_help, _keep_key)  # type: ignore[assignment]


Info = TypeVar("Info", bound=ParameterInfo)


def said(info: Info, help_key: str) -> Info:
    """``typer.Option(...)`` or ``typer.Argument(...)`` with the help text of ``help_key``,
    for a parameter shared by several commands (an ``Annotated`` alias made at import)."""
    info.__class__ = _SaidOption if isinstance(info, OptionInfo) else _SaidArgument  # type: ignore[assignment]
    info.__dict__["help_key"] = help_key  # same fields as typer's class, one property more
    return info


RecordsOpt = Annotated[
    Path | None,
    # no envvar here: find_root reads LIUSHOU_RECORDS last, so `liushou --records X cmd` beats it
    said(typer.Option("--records", "-r"), "opt.records"),
]
# read by the root group before anything is parsed (cli/app.py); accepted wherever it was
LangOpt = Annotated[str | None, said(typer.Option("--lang"), "opt.lang")]
TodayOpt = Annotated[str | None, said(typer.Option("--today", metavar="YYYY-MM-DD"), "opt.today")]
JsonOpt = Annotated[bool, said(typer.Option("--json"), "opt.json")]


def root_of(records: Path | None) -> Path:
    """The records root: the command's --records, the global one, the env, or walk up."""
    given = records if records is not None else GLOBALS.records
    try:
        return find_root(given)
    except RootNotFound as exc:
        hint = "hint.no_root"
        raise CliError(exc.key, hint, start=str(exc.path), path=str(exc.path)) from None


def parse_day(text: str | None, today: date | None = None) -> date:
    """A date typed in an option, in any form a person writes (2026-11-03, 2026/11/3,
    2026年11月3日, or 11月3日 / 11-3: the latest such day not after ``today``), or
    ``today`` itself when none is given. ``today`` is the ``--today`` already read,
    or the real today (for ``--today`` itself)."""
    base = today if today is not None else date.today()
    if text is None:
        return base
    found = parse_option_date(text, base)
    if found is None:
        raise CliError("err.bad_date", "hint.date_forms", value=text)
    return found
