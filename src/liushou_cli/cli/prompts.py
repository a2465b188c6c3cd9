"""Ask for what a command was not given, in Chinese, only when a person is there.

A script (stdin not a terminal) is never asked anything: a missing required
value is a ``CliError`` naming the option, so a cron job fails instead of hanging.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from liushou_cli.cli.common import CliError
from liushou_cli.i18n import t

T = TypeVar("T")
_TRIES = 3


def interactive() -> bool:
    """Whether a person can answer: stdin is a terminal."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _same(text: str) -> str:
    return text


def ask(value: str | None, field: str, option: str, *, required: bool = False,
        parse: Callable[[str], T] = _same,  # type: ignore[assignment]
        prompt: bool = True, default: str | None = None) -> T | None:
    """``value`` parsed; or, when it is missing, the answer to a prompt for ``field``
    (a catalogue key); or None / the default / a CliError when nobody can answer.
    ``prompt=False`` asks nothing for an optional value (scripts and quick use)."""
    if value is not None:
        return parse(value)
    if not interactive() or not (prompt or required):
        if default is not None:
            return parse(default)
        if required:
            raise CliError("edit.err.missing", "edit.hint.missing", field=t(field), option=option)
        return None
    for attempt in range(_TRIES):
        text = typer.prompt(t(field), default=default if default is not None else "",
                            show_default=default is not None).strip()
        if not text:
            if not required:
                return None
            continue
        try:
            return parse(text)
        except CliError as exc:
            if attempt == _TRIES - 1:
                raise
            typer.echo(f"  {exc.message}", err=True)
    raise CliError("edit.err.missing", "edit.hint.missing", field=t(field), option=option)
