"""Help pages wholly in the user's language.

Our options and commands carry their own Chinese help, but the frame of a help
page is the option parser's (typer's vendored click): ``Usage:``, ``Options``,
``Commands``, ``[default: helper]``, ``Show this message and exit.`` -- English
in the middle of a Chinese page. Help is formatted by the context's
``formatter_class`` (click's documented hook); ours translates those words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from liushou_cli.i18n import t

_HEADINGS = {"Options": "help.heading.options", "Commands": "help.heading.commands",
             "Arguments": "help.heading.arguments"}
_WHOLE = {  # help texts of the options the parser adds by itself
    "Show this message and exit.": "help.help_option",
    "Install completion for the current shell.": "help.install_completion",
    "Show completion for the current shell, to copy it or customize the installation.": "help.show_completion",
}
_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")  # click's "[default: x; required]" at the end of a help text


def _part(text: str) -> str:
    if text.startswith("default: "):
        return t("help.default", value=text[len("default: "):])
    if text.startswith("env var: "):
        return t("help.envvar", var=text[len("env var: "):])
    if text == "required":
        return t("help.required")
    return text


def localize(help_text: str) -> str:
    """One option's or command's help text with click's English words translated."""
    whole = _WHOLE.get(help_text)
    if whole is not None:
        return t(whole)
    found = _EXTRA.search(help_text)
    if found is None:
        return help_text
    parts = [_part(p) for p in found.group(1).split("; ")]
    return help_text[:found.start()] + "  [" + t("help.separator").join(parts) + "]"


class LocalizedFormatter(HelpFormatter):
    """click's formatter, saying Usage/Options/Commands in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("usage.usage") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(t(key) if key is not None else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, localize(text)) for term, text in rows], col_max, col_spacing)


def install() -> None:
    """Every help page of this process through ``LocalizedFormatter``."""
    Context.formatter_class = LocalizedFormatter
