"""The root's commands are built when one is used, not all at every start.

typer turns each registered function into a click command when the app is
called -- ``inspect.signature`` and ``typing.get_type_hints`` of every
parameter of every command -- and ``liushou --help`` paid for all eighteen
(and for importing their modules) to print one line about each. Here the
root group holds a stand-in per command: its name and its help text, which
is all the command list needs. The real click command is built, by typer
from the command's own function exactly as eager registration would, the
first time anything asks the group for it by name: running it, completing
its options, the usage line of an error in its arguments, the reference.

What this assumes about typer 0.29 and its vendored click
(``tests/test_lazy_commands.py`` checks each one directly):

- A group's two listings of its commands -- ``TyperGroup.format_commands``
  (the "Commands" section of ``--help``) and command-name completion
  (``TyperGroup.shell_complete``) -- look each one up with ``get_command``
  and read only its ``hidden`` and ``get_short_help_str()``. A stand-in with
  the same help text gives the same rows.
- Every other reader resolves a command through ``get_command`` or
  ``resolve_command``, so it gets the real one; "did you mean" suggestions
  read only the names (``commands.keys()``).
- ``typer.main.get_group`` of a Typer holding one command (or one sub-Typer)
  builds it as the app's own build would, given the same
  ``rich_markup_mode`` and ``suggest_commands`` (the app leaves
  ``pretty_exceptions_short`` at typer's default, as the holder does).
- The group lists commands in the order they are in ``commands``: the order
  of the table (typer would list sub-Typers after plain commands; the table
  puts them last).
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from types import FunctionType
from typing import Any, NoReturn

import typer
from typer._click import Command, Context
from typer._click.formatting import HelpFormatter
from typer._click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class Entry:
    """One command of the root group, before it is built."""

    name: str
    module: str  # the module that defines it (imported only to build it)
    attr: str  # its function, or its ``typer.Typer`` of sub-commands (``add``)
    help: str  # its help text, as the listing and the built command both show it


class StandIn(TyperCommand):
    """A command's name and help for the root's listing; the group never hands it out to run."""

    def __init__(self, entry: Entry) -> None:
        super().__init__(entry.name, help=inspect.cleandoc(entry.help))
        self.entry = entry

    def make_context(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(f"the stand-in for {self.entry.name!r} was asked to run")

    def invoke(self, ctx: Context) -> NoReturn:
        raise RuntimeError(f"the stand-in for {self.entry.name!r} was asked to run")


def build(entry: Entry, *, rich_markup_mode: Any, suggest_commands: bool) -> Command:
    """The real click command for ``entry``, as typer builds a registered one."""
    target = getattr(import_module(entry.module), entry.attr)
    holder = typer.Typer(add_completion=False, rich_markup_mode=rich_markup_mode,
                         suggest_commands=suggest_commands)
    if isinstance(target, typer.Typer):
        holder.add_typer(_evaluated_typer(target), name=entry.name, help=entry.help)
    else:
        holder.command(entry.name, help=entry.help)(evaluated(target))
    return typer.main.get_group(holder).commands[entry.name]


def evaluated(func: Callable[..., Any]) -> Callable[..., Any]:
    """A copy of ``func`` whose annotations are already evaluated, once.

    typer reads a command's parameters twice as it builds it, each time with
    ``inspect.signature(eval_str=True)`` and ``typing.get_type_hints``: four
    evaluations of every ``Annotated[..., typer.Option(...)]`` string (most of
    the time a build takes). A copy, not the function itself: the next build
    evaluates them again, so its help texts are in the language of that run.
    """
    if not isinstance(func, FunctionType):
        return func
    twin = FunctionType(func.__code__, func.__globals__, func.__name__, func.__defaults__, func.__closure__)
    twin.__kwdefaults__ = func.__kwdefaults__
    twin.__qualname__, twin.__module__, twin.__doc__ = func.__qualname__, func.__module__, func.__doc__
    twin.__dict__.update(func.__dict__)
    twin.__annotations__ = inspect.get_annotations(func, eval_str=True)
    return twin


def _evaluated_typer(app: typer.Typer) -> typer.Typer:
    """A shallow copy of a sub-Typer (``add``) whose commands' functions are ``evaluated``."""
    out = copy.copy(app)
    out.registered_commands = []
    for info in app.registered_commands:
        info = copy.copy(info)
        if info.callback is not None:
            info.callback = evaluated(info.callback)
        out.registered_commands.append(info)
    group = app.registered_callback
    if group is not None and group.callback is not None:
        out.registered_callback = copy.copy(group)
        out.registered_callback.callback = evaluated(group.callback)
    return out


class LazyGroup(TyperGroup):
    """A group that offers its ``offered()`` entries as stand-ins and builds each one when it is asked for."""

    _listing = False  # inside a listing: stand-ins are enough

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for entry in self.offered():
            self.commands.setdefault(entry.name, StandIn(entry))

    def offered(self) -> Sequence[Entry]:
        """The commands to build when used (their help in the language the group is made in)."""
        return ()

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = self.commands.get(cmd_name)
        if isinstance(command, StandIn) and not self._listing:
            command = self.commands[cmd_name] = build(
                command.entry, rich_markup_mode=self.rich_markup_mode, suggest_commands=self.suggest_commands)
        return command

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        with self._stand_ins():
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        with self._stand_ins():
            return super().shell_complete(ctx, incomplete)

    @contextmanager
    def _stand_ins(self) -> Iterator[None]:
        self._listing = True
        try:
            yield
        finally:
            self._listing = False
