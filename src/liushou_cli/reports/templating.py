"""Jinja for report templates: one environment, a lint, and errors people can act on.

Templates render with autoescaping (a ``<`` or ``&`` in a record must not
break a DOCX) and ``StrictUndefined`` (a misspelt name is an error, not a
blank). A programme's own template runs sandboxed. Full-width punctuation
typed inside ``{{ }}`` by a Chinese input method is the commonest mistake and
Jinja's own message for it is cryptic, so it is caught first, by name.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

FULLWIDTH = {
    "（": "(", "）": ")", "。": ".", "，": ",", "“": '"', "”": '"', "‘": "'", "’": "'",
    "：": ":", "；": ";", "！": "!", "？": "?", "【": "[", "】": "]", "｛": "{", "｝": "}",
    "％": "%", "｜": "|", "＝": "=", "＋": "+", "－": "-", "　": " ", "、": ",", "《": "<", "》": ">",
}
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class TemplateProblem(Exception):
    """A template that cannot be used: catalogue ``key`` and its arguments (tag, why, line)."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def templates_dir() -> Path:
    """Bundled templates: inside the package when installed, ``templates/`` in a checkout."""
    from liushou_cli.templates_path import builtin_dir

    return builtin_dir()


def zh_label(code: object, group: str) -> str:
    """A code's Chinese name for documents (documents are Chinese whatever ``--lang``)."""
    from liushou_cli.messages import CATALOG

    if code is None or code == "":
        return CATALOG["report.unknown"][0]
    pair = CATALOG.get(f"{group}.{code}")
    return pair[0] if pair else str(code)


def pct(rate: dict[str, Any] | None) -> str:
    """``{"count", "total", "percent"}`` → ``83.3%`` (or ``—`` when nothing was counted)."""
    if not rate or rate.get("percent") is None:
        return "—"
    value = rate["percent"]
    return f"{value:g}%"


def lint(text: str) -> None:
    """Full-width punctuation inside a tag, found before Jinja sees it."""
    for match in TAG.finditer(text):
        tag = match.group(0)
        for char in tag:
            if char in FULLWIDTH:
                line = text.count("\n", 0, match.start()) + 1
                raise TemplateProblem("report.err.tpl_fullwidth", tag=_short(tag), char=char,
                                      ascii=FULLWIDTH[char], line=line)


def make_env(*, user: bool, markdown: bool) -> Environment:
    from jinja2 import Environment, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    cls = SandboxedEnvironment if user else Environment
    options: dict[str, Any] = {"autoescape": True, "undefined": StrictUndefined}
    if markdown:
        options.update(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                       finalize=_md_cell)
    env = cls(**options)
    env.filters["label"] = zh_label
    env.filters["pct"] = pct
    return env


def _md_cell(value: object) -> object:
    """Values never break a Markdown table: ``|`` escaped, line breaks flattened."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return value.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return value


def _short(tag: str) -> str:
    tag = " ".join(tag.split())
    return tag if len(tag) <= 60 else tag[:57] + "..."


def explain(exc: Exception, source: str, env: Environment) -> TemplateProblem:
    """A Jinja failure as: which tag, and why (syntax, unknown name, forbidden)."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    message = getattr(exc, "message", None) or str(exc)
    tag = _culprit(exc, source, env)
    if isinstance(exc, TemplateSyntaxError):
        return TemplateProblem("report.err.tpl_syntax", tag=tag, why=message)
    if isinstance(exc, UndefinedError):
        return TemplateProblem("report.err.tpl_undefined", tag=tag, why=message)
    if isinstance(exc, SecurityError):
        return TemplateProblem("report.err.tpl_unsafe", tag=tag, why=message)
    return TemplateProblem("report.err.tpl_other", tag=tag, why=f"{type(exc).__name__}: {message}")


def _culprit(exc: Exception, source: str, env: Environment) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError

    tags = [m.group(0) for m in TAG.finditer(source)]
    if isinstance(exc, UndefinedError):
        found = re.search(r"attribute '([^']+)'|'([^']+)' is undefined", str(exc))
        name = found and (found.group(1) or found.group(2))
        for tag in tags:
            if name and re.search(rf"\b{re.escape(name)}\b", tag):
                return _short(tag)
    if isinstance(exc, TemplateSyntaxError):
        unclosed = re.search(r"needs to be closed is '(\w+)'", str(exc))
        if unclosed:
            opening = [t for t in tags if re.match(rf"\{{%-?\s*(?:[a-z]{{1,2}}\s+)?{unclosed.group(1)}\b", t)]
            if opening:
                return _short(opening[-1])
        for tag in tags:
            if tag.startswith("{{"):
                try:
                    env.parse(tag)
                except TemplateSyntaxError:
                    return _short(tag)
        line = _line_of(exc)
        if line is not None and source.count("\n") >= line - 1:
            text = source.splitlines()[line - 1] if source.splitlines() else ""
            in_line = TAG.findall(text)
            return _short(in_line[0] if in_line else text.strip())
    line = _line_of(exc)
    if line is not None:
        lines = source.splitlines()
        if 0 < line <= len(lines):
            in_line = TAG.findall(lines[line - 1])
            return _short(in_line[0] if in_line else lines[line - 1].strip())
    return "?"


def _line_of(exc: Exception) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None
