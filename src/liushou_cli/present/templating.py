"""The one Jinja environment (``make_env``), its lint, its limits, and errors people can act on.

Every template liushou renders goes through here: the term report (DOCX and
Markdown) and the reminders. Documents render with autoescaping (a ``<`` or ``&``
in a record must not break a DOCX); every template with ``StrictUndefined`` (a
misspelt name is an error, not a blank). A programme's own template runs
sandboxed and bounded (``Limits``). Full-width punctuation typed inside ``{{ }}``
by a Chinese input method is the commonest mistake and Jinja's own message for it
is cryptic, so it is caught first, by name (``lint``).
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

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


class TemplateLimit(Exception):
    """A template stopped by a limit (``Limits``): catalogue ``key`` and its arguments;
    ``str()`` words it in the current language."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args

    def __str__(self) -> str:
        from liushou_cli.i18n import t

        return t(self.key, **self.args_)


@dataclass
class Limits:
    """What one rendering of someone else's template may take. A report's template is a
    file from the records (or ``--template``): ``{{ ('x' * 2000000000)|length }}`` took
    2 GB, two nested ``range(100000)`` loops ran forever. Far above any real report (a
    county's Word report is ~30 MB of XML, made in seconds)."""

    output_chars: int = 256 * 1024 * 1024  # all the text a rendering makes
    value_chars: int = 4 * 1024 * 1024  # one string or list the template makes (``*``, ``~``, filters)
    seconds: float = 120.0
    steps: int = 100_000_000  # loop iterations, calls and lookups

    def size(self, chars: int) -> str:
        return f"{chars / (1024 * 1024):g} MB" if chars >= 1024 * 1024 else f"{chars} B"


LIMITS = Limits()


class Guard:
    """The limits as one rendering spends them: checked at every loop iteration, call,
    attribute lookup and piece of output, so the time limit needs no signal (Windows
    has none to interrupt a thread with)."""

    def __init__(self, limits: Limits) -> None:
        import time

        self.limits = limits
        self._clock = time.monotonic
        self.deadline = self._clock() + limits.seconds
        self.steps = 0
        self.output = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.limits.steps:
            raise TemplateLimit("tpl.limit.loop", limit=self.limits.steps)
        if not self.steps & 0x3FF and self._clock() > self.deadline:
            raise TemplateLimit("tpl.limit.time", seconds=f"{self.limits.seconds:g}")

    def emit(self, piece: str) -> str:
        self.output += len(piece)
        if self.output > self.limits.output_chars:
            raise TemplateLimit("tpl.limit.output", limit=self.limits.size(self.limits.output_chars))
        self.tick()
        return piece

    def value(self, made: Any) -> Any:
        """``made`` if it is no larger than one value may be."""
        if isinstance(made, (str, list, tuple, bytes)) and len(made) > self.limits.value_chars:
            raise TemplateLimit("tpl.limit.output", limit=self.limits.size(self.limits.value_chars))
        return made

    def planned(self, chars: int) -> None:
        """Refuse to make a value of ``chars`` before it is made."""
        if chars > self.limits.value_chars:
            raise TemplateLimit("tpl.limit.output", limit=self.limits.size(self.limits.value_chars))


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, bytes)) else len(str(value))


def _planned_size(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound of what a filter or method named ``name`` would make from these
    arguments, for the ones that can make much from little (0 when nothing to fear)."""
    numbers = [v for v in (*args, *kwargs.values()) if isinstance(v, int) and not isinstance(v, bool)]
    biggest = max((abs(n) for n in numbers), default=0)
    first = args[0] if args else None
    if name == "replace" and len(args) >= 3 and all(isinstance(a, str) for a in args[:3]):
        text, old, new = args[:3]
        return len(text) + (len(text) + 1) * max(len(new) - len(old), 0) if len(new) > len(old) else len(text)
    if name == "join" and isinstance(first, (list, tuple)):
        sep = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
        return sum(_length(item) for item in first) + len(sep) * len(first)
    if name in ("format", "format_map"):
        widths = [int(w) for w in re.findall(r"\d+", " ".join(a for a in args if isinstance(a, str)))]
        return max(widths, default=0) + biggest
    return biggest


def limited_sandbox(limits: Limits | None = None) -> type[Environment]:
    """A ``SandboxedEnvironment`` class whose renderings are bounded by ``limits``: the
    sandbox's own ``range`` limit, string and list ``*`` and ``~`` and every filter
    checked for size, every loop counted, and all output counted and timed."""
    from jinja2 import nodes
    from jinja2.environment import Template
    from jinja2.sandbox import SandboxedEnvironment

    bound = limits or LIMITS

    class LimitedTemplate(Template):
        def generate(self, *args: Any, **kwargs: Any) -> Any:
            emit = self.environment.guard.emit  # type: ignore[attr-defined]
            for piece in super().generate(*args, **kwargs):
                yield emit(piece)

    class LimitedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+"})
        template_class = LimitedTemplate

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.guard = Guard(bound)
            self.concat = self._concat  # type: ignore[method-assign]
            self.globals["_liushou_steps"] = self._steps
            self.globals["_liushou_value"] = self.guard.value
            bound_filters(self)

        def _concat(self, pieces: Any) -> str:
            emit = self.guard.emit
            return "".join([emit(piece) for piece in pieces])

        def _steps(self, iterable: Any) -> Any:
            return _Counted(iterable, self.guard.tick)

        def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
            tree = super()._parse(source, name, filename)
            for loop in tree.find_all(nodes.For):
                loop.iter = nodes.Call(nodes.Name("_liushou_steps", "load"), [loop.iter], [], None, None)
            for parent in list(tree.find_all(nodes.Node)):  # listed first: the wrappers are not walked
                for field in parent.fields:
                    child = getattr(parent, field)
                    if isinstance(child, nodes.Concat):
                        setattr(parent, field, _sized(child))
                    elif isinstance(child, list):
                        setattr(parent, field, [_sized(c) if isinstance(c, nodes.Concat) else c for c in child])
            return tree

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            self.guard.tick()
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                        self.guard.planned(len(seq) * max(times, 0))
            elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
                if abs(left) > 1 and right > 1024:  # a number of millions of digits: minutes of work
                    self.guard.planned(int(right))
            elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                self.guard.planned(len(left) + len(right))
            return self.guard.value(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            __self.guard.tick()
            name = getattr(__obj, "__name__", "")
            owner = getattr(__obj, "__self__", None)
            whole = (owner, *args) if isinstance(owner, (str, list, tuple)) else args
            __self.guard.planned(_planned_size(name, whole, kwargs))
            return __self.guard.value(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value: Any) -> Any:
            """``'{:>2000000000}'.format``: a width in the text itself, refused when looked up."""
            owner = getattr(value, "__self__", None)
            if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
                self.guard.planned(_planned_size("format", (owner,), {}))
            return super().wrap_str_format(value)

        def getattr(self, obj: Any, attribute: str) -> Any:
            self.guard.tick()
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            self.guard.tick()
            return super().getitem(obj, argument)

    def _sized(node: nodes.Concat) -> nodes.Call:
        return nodes.Call(nodes.Name("_liushou_value", "load"), [node], [], None, None)

    return LimitedSandbox


class _Counted:
    """An iterable whose every item is counted (and timed): a loop of a template."""

    def __init__(self, iterable: Any, tick: Any) -> None:
        self.iterable = iterable
        self.tick = tick

    def __iter__(self) -> Any:
        tick = self.tick
        for item in self.iterable:
            tick()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)


def bound_filters(env: Environment) -> None:
    """Every filter of a limited sandbox counted and checked for size (``center(10**9)``,
    ``replace`` on a long text, ``join`` of huge strings): filters are not calls the
    sandbox sees."""
    guard = getattr(env, "guard", None)
    if guard is None:
        return
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded(name, function, guard)


def _bounded(name: str, function: Any, guard: Guard) -> Any:
    import functools

    @functools.wraps(function)
    def filtered(*args: Any, **kwargs: Any) -> Any:
        guard.tick()
        plain = tuple(a for a in args if not _is_context(a))
        guard.planned(_planned_size(name, plain, kwargs))
        return guard.value(function(*args, **kwargs))

    return filtered


def _is_context(value: Any) -> bool:
    from jinja2 import Environment as _Env
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return isinstance(value, (Context, _Env, EvalContext))


MAX_TEMPLATE_BYTES = 4 * 1024 * 1024  # a text template; a real one is a few KB


def read_template(path: Path) -> str:
    """A text template's source, read without trusting it (no FIFO hang, no gigabytes):
    raises OSError or UnicodeDecodeError."""
    from liushou_cli.records.bounded import read_bounded

    return read_bounded(path, MAX_TEMPLATE_BYTES).decode("utf-8-sig")


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


Kind = Literal["docx", "markdown", "text"]  # what a template makes: a Word report, Markdown, a message


def make_env(*, user: bool, kind: Kind) -> Environment:
    """The environment for a template of ``kind``; ``user`` (someone else's file: the
    records' own or ``--template``) makes it a limited sandbox. Text (a reminder) is
    not escaped: it is no markup, and ``&`` must stay ``&`` in a WeChat message."""
    from jinja2 import Environment, StrictUndefined

    cls = limited_sandbox() if user else Environment
    options: dict[str, Any] = {"autoescape": kind != "text", "undefined": StrictUndefined}
    if kind != "docx":
        options.update(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    if kind == "markdown":
        options["finalize"] = _md_cell
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
    if isinstance(exc, TemplateLimit):
        return TemplateProblem("report.err.tpl_limit", tag=tag, why=str(exc))
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
