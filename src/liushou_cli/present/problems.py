"""Problems as a person reads them: ``check``'s listing, its JSON and its summary, and
the load errors other commands show before refusing or listing what they could read.

A ``Problem`` carries a code, a place and values; its words are looked up here, when
shown (``Problem.message``, ``Problem.hint``). Which problems a command shows, and
the exit code, are the command's (``cli/check_cmd.py``, ``cli/load_errors.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from liushou_cli.i18n import label, t
from liushou_cli.present import jsonout

if TYPE_CHECKING:
    from rich.console import Console

    from liushou_cli.present.streams import Streams
    from liushou_cli.problems import Problem

SHOWN_IGNORED = 10  # a report names this many ignored values; ``check`` lists them all


def print_listing(console: Console, problems: list[Problem], quiet: bool) -> None:
    """``PATH:LINE:COL: 错误 CODE: message`` then the hint; styled text, never markup,
    so a ``[`` in a file name or a record prints as written. Piped, the same lines are
    written as they are: rich lays out each line on its own (a tenth of a second for
    a county's 500 warnings) for no styles to show."""
    from rich.text import Text

    plain = not console.is_terminal
    hint_label = t("label.hint")
    lines: list[str] = []
    for p in problems:
        head = f"{p.path}:{p.line}:{p.col}: "
        code = f"{label('severity', p.severity.value)} {p.code}"
        hint = f"    {hint_label}: {p.hint}" if p.hint and not quiet else None
        if plain and _printable(head, code, p.message, hint or ""):
            lines.append(f"{head}{code}: {p.message}\n")
            if hint is not None:
                lines.append(hint + "\n")
            continue
        _write(console, "".join(lines))
        lines.clear()
        line = Text(head)
        line.append(code, style="bold red" if p.is_error else "yellow")
        line.append(f": {p.message}")
        console.print(line, soft_wrap=True)
        if hint is not None:
            console.print(Text(hint, style="dim"), soft_wrap=True)
    _write(console, "".join(lines))


def _write(console: Console, text: str) -> None:
    """Text as it is to the console's file: no markup, no wrapping."""
    console.file.write(text)
    console.file.flush()


def _printable(*parts: str) -> bool:
    """No tab or control character (which rich would expand or drop) in any part."""
    return all(part.isprintable() for part in parts)


def check_json(errors: list[Problem], warnings: list[Problem]) -> str:
    """``check --json``: ``{"errors", "warnings"}``, each problem as its codes and values."""
    return jsonout.dumps({"errors": [p.as_dict() for p in errors], "warnings": [p.as_dict() for p in warnings]})


def summary(errors: int, warnings: int) -> str:
    """The last line of ``check``: how many of each, or that all is well."""
    key = "check.summary.ok" if not errors and not warnings else "check.summary"
    return t(key, errors=errors, warnings=warnings)


def _check_text(streams: Streams, errors: list[Problem], warnings: list[Problem], quiet: bool) -> None:
    """The listing in place order on standard output, the summary on stderr."""
    from liushou_cli.problems import Problem

    print_listing(streams.out, sorted([*errors, *warnings], key=Problem.sort_key), quiet)
    streams.err.print(summary(len(errors), len(warnings)), markup=False)


def _check_json(streams: Streams, errors: list[Problem], warnings: list[Problem], quiet: bool) -> None:
    streams.write(check_json(errors, warnings))


# ``check`` / ``check --json``: a new format is a function and its line here (and its option in check_cmd).
CheckFormat = Callable[["Streams", "list[Problem]", "list[Problem]", bool], None]
FORMATS: dict[str, CheckFormat] = {"text": _check_text, "json": _check_json}


def print_located(console: Console, problems: Iterable[Problem], unlocated: Iterable[str] = ()) -> None:
    """``path:line:col: message`` and the hint under it, never as markup; then each
    path in ``unlocated`` that no problem named."""
    shown = set()
    for p in sorted(problems, key=lambda p: p.sort_key()):
        shown.add(p.path)
        console.print(f"{p.path}:{p.line}:{p.col}: {p.message}", markup=False, soft_wrap=True)
        if p.hint:
            console.print(f"    {t('label.hint')}: {p.hint}", markup=False, soft_wrap=True)
    for path in unlocated:
        if path not in shown:
            console.print(path, markup=False, soft_wrap=True)


def print_losses(console: Console, losses: Iterable[Problem], unlocated: Iterable[str],
                 ignored: Iterable[Problem]) -> None:
    """What was left out, where; then values read as not written (the first
    ``SHOWN_IGNORED``): the output is made without them, and the coordinator should
    know which."""
    print_located(console, losses, unlocated)
    values = sorted(ignored, key=lambda p: p.sort_key())
    if values:
        console.print(t("load.ignored.head", count=len(values)), style="yellow", markup=False, soft_wrap=True)
        print_located(console, values[:SHOWN_IGNORED])
        if len(values) > SHOWN_IGNORED:
            console.print(t("load.ignored.more", count=len(values) - SHOWN_IGNORED), markup=False, soft_wrap=True)


def print_left_out(console: Console, lost: list[str], errors: int) -> None:
    """Before a listing: every file that could not be read, or how many records have errors."""
    if lost:
        console.print(t("due.left_out.head", count=len(lost)), style="bold red", markup=False, soft_wrap=True)
        for path in lost:
            console.print(t("due.unreadable_item", path=path), markup=False, soft_wrap=True)
    elif errors:
        console.print(t("due.record_errors", count=errors), style="yellow", markup=False, soft_wrap=True)


def left_out_line(lost: list[str]) -> str | None:
    """The last line of a listing that lacks some files' records: which ones, by file."""
    if not lost:
        return None
    return t("due.left_out.last", count=len(lost), paths=t("word.and").join(lost))
