"""Usage errors (unknown option, missing argument, bad value) in the coordinator's language.

typer's vendored click words them in English ("Error: No such option"). The app's
error boundary hands each one to ``localize``, which returns a ``LocalizedUsageError``:
still a click ``UsageError`` (exit 2, shown by click's own machinery, so the console
script and ``CliRunner`` behave the same) but printing the usage line, a translated
message and a hint to run ``--help``. The common kinds are translated from the
exception's class and attributes; anything else keeps click's detail inside a
Chinese sentence, so nothing is lost.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Sequence
from typing import IO, Any

from typer._click import Context
from typer._click._compat import get_text_stderr
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.utils import echo

from liushou_cli.i18n import t

# click's own wording of the usage errors that carry no attributes (typer 0.29)
_NO_COMMAND = re.compile(r"^No such command (?P<name>.+?)\.(?: Did you mean .*)?$", re.S)
_EXTRA = re.compile(r"^Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)$", re.S)
_MISSING_COMMAND = "Missing command."
# pydantic's error types for a number out of range, and the bound each one names
_BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}


class LocalizedUsageError(UsageError):
    """A usage error already worded in the session's language; exit code 2 as click's."""

    def __init__(self, message: str, ctx: Context | None) -> None:
        super().__init__(message, ctx)

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        out = file if file is not None else get_text_stderr()
        if self.ctx is not None:
            echo(usage_line(self.ctx), file=out)
        echo(f"liushou: {self.message}", file=out)
        command = self.ctx.command_path if self.ctx is not None else "liushou"
        echo(f"  {t('label.hint')}: {t('usage.hint', command=command)}", file=out)


def usage_line(ctx: Context) -> str:
    """click's usage line (``Usage: liushou due [OPTIONS]``) with the label translated."""
    usage = ctx.get_usage()
    head = "Usage:"
    return t("usage.usage") + usage[len(head):].lstrip() if usage.startswith(head) else usage


def localize(exc: UsageError, fallback: Context | None) -> UsageError:
    """The same error in the language of the run (decided from the arguments before any
    was parsed, ``cli/app.py``: the error can be in the very option list that holds
    ``--lang``). ``fallback`` is the context to show usage for when click attached none.
    """
    if isinstance(exc, (LocalizedUsageError, NoArgsIsHelpError)):
        return exc  # already worded / the help page itself
    ctx = exc.ctx if exc.ctx is not None else fallback
    localized = LocalizedUsageError(message_for(exc, ctx), ctx)
    localized.exit_code = exc.exit_code
    return localized


def message_for(exc: UsageError, ctx: Context | None) -> str:
    """The translated sentence for one usage error."""
    if isinstance(exc, NoSuchOption):
        text = t("usage.no_such_option", option=exc.option_name)
        return _with_suggestions(text, exc.possibilities)
    if isinstance(exc, BadOptionUsage):
        if "requires" in exc.message and "argument" in exc.message:
            return t("usage.needs_value", option=exc.option_name)
        if "does not take a value" in exc.message:
            return t("usage.takes_no_value", option=exc.option_name)
    if isinstance(exc, MissingParameter):
        key = "usage.missing_option" if _param_type(exc) == "option" else "usage.missing_argument"
        return t(key, name=_param_name(exc))
    if isinstance(exc, BadParameter):
        return t("usage.bad_value", name=_param_name(exc), reason=_reason(exc))
    if type(exc) is UsageError:
        plain = _plain(exc.message, ctx)
        if plain is not None:
            return plain
    return t("usage.generic", detail=exc.format_message())


def _plain(message: str, ctx: Context | None) -> str | None:
    """The attribute-less errors click raises through ``ctx.fail``, by their wording."""
    if message == _MISSING_COMMAND:
        return t("usage.missing_command", command=ctx.command_path if ctx is not None else "liushou")
    found = _NO_COMMAND.match(message)
    if found:
        name = _unquote(found.group("name"))
        known: list[str] = []
        if ctx is not None and hasattr(ctx.command, "list_commands"):
            known = list(ctx.command.list_commands(ctx))
        return _with_suggestions(t("usage.no_such_command", name=name), difflib.get_close_matches(name, known))
    found = _EXTRA.match(message)
    if found:
        return t("usage.extra_args", args=found.group("args"))
    return None


def _with_suggestions(text: str, possibilities: Sequence[str] | None) -> str:
    if not possibilities:
        return text
    return text + t("usage.did_you_mean", choices=" / ".join(sorted(possibilities)))


def _unquote(text: str) -> str:
    """``'duee'`` (click writes the name with repr) back to ``duee``."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _param_type(exc: MissingParameter) -> str:
    if exc.param_type is not None:
        return exc.param_type
    return exc.param.param_type_name if exc.param is not None else "parameter"


def _param_name(exc: BadParameter) -> str:
    """``--index`` or ``ID``, without click's quotes."""
    hint: Sequence[str] | str | None = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is None:
        return "?"
    names = [hint] if isinstance(hint, str) else list(hint)
    return " / ".join(name.strip("'\"") for name in names)


def _reason(exc: BadParameter) -> str:
    """Why the value was refused: typer validates with pydantic, whose first error has a type."""
    errors = getattr(exc.__cause__, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
        except (IndexError, TypeError, ValueError):
            first = None
        if isinstance(first, dict):
            reason = _pydantic_reason(first)
            if reason is not None:
                return reason
    return exc.message


def _pydantic_reason(error: dict[str, Any]) -> str | None:
    kind = str(error.get("type", ""))
    value = error.get("input")
    limits = error.get("ctx") or {}
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return t("usage.reason.integer", value=value)
    if kind in ("float_parsing", "float_type", "decimal_parsing"):
        return t("usage.reason.number", value=value)
    if kind in ("bool_parsing", "bool_type"):
        return t("usage.reason.bool", value=value)
    bound = _BOUNDS.get(kind)
    if bound is not None and bound in limits:
        return t(f"usage.reason.{bound}", limit=limits[bound])
    return None
