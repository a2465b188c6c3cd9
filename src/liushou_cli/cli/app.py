"""The ``liushou`` command: global options, command registry, and the error boundary.

Commands live one per module (``cli/<name>_cmd.py``) and are listed in
``COMMANDS``; a command's module is imported, and its click command built, only
when that command is used (``cli/lazy_commands.py``); heavy libraries are
imported inside the commands that use them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any, ClassVar, NoReturn

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from liushou_cli import __version__
from liushou_cli.cli.common import GLOBALS, CliError, LangOpt, RecordsOpt
from liushou_cli.cli.env import Env
from liushou_cli.cli.exitcodes import ExitStatus
from liushou_cli.cli.help_format import install as localize_help
from liushou_cli.cli.lazy_commands import Entry, LazyGroup
from liushou_cli.cli.lazyparams import defer_coercion
from liushou_cli.i18n import detect, get_lang, set_lang, t

localize_help()

# (command name, module under liushou_cli.cli, function or sub-Typer), in the order
# `liushou --help` lists them (`absence` and `add`, groups, last, where typer put sub-Typers)
COMMANDS: list[tuple[str, str, str]] = [
    ("check", "check_cmd", "check"),
    ("due", "due_cmd", "due"),
    ("explain", "explain_cmd", "explain"),
    ("remind", "remind_cmd", "remind"),
    ("init", "init_cmd", "init"),
    ("schema", "schema_cmd", "schema"),
    ("pair", "pair_cmd", "pair"),
    ("unpair", "pair_cmd", "unpair"),
    ("log", "log_cmd", "log"),
    ("activity", "activity_cmd", "activity"),
    ("assess", "child_events_cmd", "assess"),
    ("concern", "child_events_cmd", "concern"),
    ("leave", "child_events_cmd", "leave"),
    ("verify", "child_events_cmd", "verify"),
    ("report", "report_cmd", "report"),
    ("table", "table_cmd", "table"),
    ("import", "import_cmd", "import_roster"),
    ("set", "set_cmd", "set_record"),
    ("unlog", "unlog_cmd", "unlog"),
    ("absence", "absence_cmd", "absence_app"),
    ("add", "add_cmd", "add_app"),
]


def entries() -> tuple[Entry, ...]:
    """The root's commands, their help in the language of now."""
    return tuple(Entry(name, f"liushou_cli.cli.{module}", attr, t(f"help.{name}")) for name, module, attr in COMMANDS)


class _Group(LazyGroup):
    """The error boundary, over commands built when used: a ``CliError`` becomes its message and exit code, a usage
    error (unknown option, missing argument...) its translation with exit 2, anything
    else a short internal-error line; no traceback unless ``--debug``.

    It also decides the language of a run, once, before anything is parsed
    (``main``): the last ``--lang`` of the arguments wherever it stands, else
    ``LIUSHOU_LANG``. So a usage error, a help page and every command speak it,
    and no command sets it again (each still accepts ``--lang`` where it did)."""

    typer_app: ClassVar[typer.Typer]  # what this group is built from (set below), to build it again
    built_in: str  # the language its own texts were made in: its help, the commands' help, the root's options

    def __init__(self, **attrs: Any) -> None:
        self.built_in = get_lang()
        super().__init__(**{**attrs, "help": t("app.help")})

    def offered(self) -> Sequence[Entry]:
        return entries()

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        # the console script passes none (sys.argv), CliRunner its own list
        set_lang(detect(list(args) if args is not None else sys.argv[1:]))
        group = self
        if self.built_in != get_lang():  # built before the language was known: build it again in it
            group = typer.main.get_command(self.typer_app)  # type: ignore[assignment]
            assert isinstance(group, _Group)
        return super(_Group, group).main(args, *rest, **kwargs)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        defer_coercion(self.get_params(ctx))  # `liushou due --help`: no pydantic for unset options
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:  # `liushou --bogus`: the root's own options
            raise _localized(exc, ctx) from None

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as exc:  # an unknown command, or any error in a command's arguments
            raise _localized(exc, _subcontext(self, ctx)) from None
        except CliError as exc:
            report_error(exc, Env.create())
            raise typer.Exit(exc.status) from None
        except (KeyboardInterrupt, Abort) as exc:  # Ctrl-C anywhere; at a prompt click makes it Abort
            if isinstance(exc, Abort) and not isinstance(exc.__context__, (KeyboardInterrupt, EOFError)):
                raise
            say_interrupted()
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except (TyperException, Exit):
            raise
        except BrokenPipeError:  # `liushou due | head`: the reader left; that is not an error
            _silence_stdout()
            raise typer.Exit(ExitStatus.OK) from None
        except Exception as exc:  # everything else is a bug
            if GLOBALS.debug:
                import traceback

                traceback.print_exc()  # frames and lines only: locals could hold children's data
            Env.create().err.print(t("err.internal", error=type(exc).__name__), markup=False)
            raise typer.Exit(ExitStatus.ERROR) from None


def say_interrupted() -> None:
    """Ctrl-C: a line saying so, before exit 130 (nothing is half written:
    ``ChangeSet.apply`` answers it between whole files and puts a partial change back)."""
    with contextlib.suppress(Exception):
        Env.create().err.print(t("interrupted"), markup=False, soft_wrap=True)


def _localized(exc: UsageError, fallback: typer.Context) -> UsageError:
    from liushou_cli.cli.usage_errors import localize

    return localize(exc, fallback)


def _subcontext(group: TyperGroup, ctx: typer.Context) -> typer.Context:
    """The command being parsed when click's error names no context (``due --today``
    with no value): its usage line is the one to show."""
    name = ctx.invoked_subcommand
    command = group.get_command(ctx, name) if name else None
    return typer.Context(command, info_name=name, parent=ctx) if command is not None else ctx


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    name="liushou",
    cls=_Group,  # its help, t("app.help"), in the language of the run (_Group.__init__)
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
_Group.typer_app = app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"liushou {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    records: RecordsOpt = None,
    lang: LangOpt = None,
    debug: Annotated[bool, typer.Option("--debug", help=t("opt.debug"))] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", help=t("opt.version"), callback=_version, is_eager=True)
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=t("opt.no_cache"))] = False,
) -> None:
    GLOBALS.records = records
    GLOBALS.debug = debug
    GLOBALS.no_cache = no_cache or os.environ.get("LIUSHOU_NO_CACHE", "") not in ("", "0")
    _session_defaults(ctx)


def _session_defaults(ctx: typer.Context) -> None:
    """What the core uses when a command does not say: the cache switch and where
    progress goes (a bar on a terminal's stderr, else nowhere)."""
    from liushou_cli import progress
    from liushou_cli.cli.progress_bar import for_stderr
    from liushou_cli.records import cache

    cache.DEFAULTS.enabled = not GLOBALS.no_cache
    reporter = for_stderr(sys.stderr)
    progress.set_default(reporter)
    if reporter is not None:
        ctx.call_on_close(reporter.close)


def report_error(exc: CliError, env: Env) -> None:
    env.err.print(f"liushou: {exc.message}", markup=False, soft_wrap=True)
    if exc.hint:
        env.err.print(f"  {t('label.hint')}: {exc.hint}", markup=False, soft_wrap=True)


def main(*, hard_exit: bool = True) -> None:
    """Console-script entry point.

    The process then ends without freeing what it made (``os._exit`` once the output
    is flushed), as mypy does: a county's records are half a million objects, and
    freeing them one by one at exit took a tenth of a second of every command. Every
    file a command writes is closed (and renamed into place) before it returns.
    ``hard_exit=False`` raises ``SystemExit`` instead, for a caller in the same process.
    """
    try:
        try:
            app(prog_name="liushou")
        except KeyboardInterrupt:  # outside a command (parsing its arguments, closing it)
            say_interrupted()
            raise SystemExit(ExitStatus.INTERRUPTED) from None
    except SystemExit as exc:
        if not hard_exit:
            raise
        _end(exc.code)
    if hard_exit:
        _end(0)


def _end(code: object) -> NoReturn:
    """Exit with ``code`` as ``SystemExit`` would, minus the freeing."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # a message: printed, status 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # the reader left (`liushou due | head`)
            stream.flush()
    os._exit(status)
