"""``liushou --help`` stays fast: the app's import pulls in no heavy library.

Issue 6 wants ``liushou --help`` under 0.25 s. Timing it in a test would be flaky
on a busy machine, so this checks the cause instead: what is imported. Each
heavy library below costs 30-150 ms to import and belongs inside the command
that uses it (validation, YAML editing, reports, rosters).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "pydantic_core", "ruamel", "jinja2", "docx", "docxtpl", "openpyxl", "yaml", "lxml")

_PROBE = """
import json, sys
{setup}
heavy = {heavy!r}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))))
"""


def _heavy_after(setup: str) -> list[str]:
    code = _PROBE.format(setup=setup, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_app_loads_no_heavy_library() -> None:
    assert _heavy_after("import liushou_cli.cli.app") == []


def test_every_command_module_is_light() -> None:
    """A command's module is imported when that command runs, shows its help or completes
    its options (the reference imports all of them): each must stay cheap."""
    from liushou_cli.cli.app import COMMANDS

    modules = sorted({module for _, module, _ in COMMANDS})
    setup = "import importlib\n" + "".join(f"importlib.import_module('liushou_cli.cli.{m}')\n" for m in modules)
    assert _heavy_after(setup) == []


@pytest.mark.parametrize(("argv", "imported"), [(["--help"], []), (["due", "--help"], ["due_cmd"]),
                                              (["add", "child", "--help"], ["add_cmd"])])
def test_help_imports_only_the_command_it_shows(argv: list[str], imported: list[str]) -> None:
    """The root's help lists the commands without importing them (``cli/lazy_commands.py``)."""
    from liushou_cli.cli.app import COMMANDS

    modules = sorted({f"liushou_cli.cli.{module}" for _, module, _ in COMMANDS})
    code = (
        f"import contextlib, io, json, sys\nsys.argv = ['liushou', *{argv!r}]\n"
        "from liushou_cli.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(hard_exit=False)\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({modules!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [f"liushou_cli.cli.{m}" for m in imported]


def test_the_vocabularies_need_no_pydantic() -> None:
    assert _heavy_after("import liushou_cli.vocab") == []


@pytest.mark.parametrize("argv", [["--help"], ["due", "--help"], ["report", "--help"], ["import", "--help"],
                                  ["add", "child", "--help"], ["log", "--help"], ["check", "--help"]])
def test_help_loads_no_heavy_library(argv: list[str]) -> None:
    setup = (
        f"sys.argv = ['liushou', *{argv!r}]\n"
        "import io, contextlib\n"
        "from liushou_cli.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(hard_exit=False)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
    )
    assert _heavy_after(setup) == []


def test_the_model_still_offers_the_vocabularies() -> None:
    """``model`` re-exports what moved to ``vocab``: old imports keep working."""
    from liushou_cli import model, vocab

    assert model.CONTACT_KINDS is vocab.CONTACT_KINDS
    assert vocab.values(model.Gender) == ("male", "female")
    assert "aixin_mama" in vocab.values(vocab.Role)
