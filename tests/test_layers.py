"""The house's layers, read from the source: which package may import which,.

Data flows files -> ``records/`` -> the pure core (``duties/``, ``reports/``) ->
``present/`` <- ``cli/`` (``docs/architecture.md``). Every import counts, at the top
of a module, inside a function or under ``TYPE_CHECKING``: a lazy import is still
knowledge of the other layer.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import liushou_cli

PACKAGE = Path(liushou_cli.__file__).resolve().parent
NAME = "liushou_cli"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> Iterator[str]:
    """What one import statement names: ``from a import b`` is module ``a.b`` when that is
    a module, else ``a``; relative imports are resolved against ``importer``."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        here = importer.split(".") if is_package else importer.split(".")[:-1]
        here = here[: len(here) - node.level + 1]
        base = ".".join([*here, base] if base else here)
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in modules() else base


@cache
def imports() -> dict[str, frozenset[str]]:
    """Each module -> every module or library it imports (full dotted names)."""
    found: dict[str, frozenset[str]] = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found[name] = frozenset(
            target
            for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
            for target in _targets(node, name, path.name == "__init__.py")
        )
    return found


def _under(name: str, area: str) -> bool:
    return name == area or name.startswith(area + ".")


def _area(name: str) -> str:
    return f"{NAME}.{name}"


def breaches(importer_area: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    """``importer -> imported`` for every import from ``importer_area`` into ``forbidden``."""
    return [
        f"{importer} -> {target}"
        for importer, targets in imports().items() if _under(importer, importer_area)
        for target in sorted(targets)
        if any(_under(target, area) for area in forbidden) and not any(_under(target, a) for a in allowed)
    ]


def test_the_walker_sees_the_imports_it_must_judge() -> None:
    """The layering tests pass vacuously if the walker finds nothing: pin a few known edges
    (a top-level, a lazy and a ``from package import module`` import)."""
    assert f"{NAME}.records.loaded" in imports()[f"{NAME}.records.load"]
    assert f"{NAME}.records.checks" in imports()[f"{NAME}.records.write"]  # inside a function
    assert f"{NAME}.duties.periods" in imports()[f"{NAME}.duties.engine"]  # from liushou_cli.duties import periods
    assert "typer" in imports()[f"{NAME}.cli.app"]


def test_reading_knows_no_rules_reports_output_or_commands() -> None:
    """``records/`` reads, validates, locates and writes back; what it reads means
    nothing to it yet, and it shows nothing."""
    assert breaches(_area("records"), (_area("duties"), _area("reports"), _area("present"), _area("cli"))) == []


def test_the_engine_reads_loaded_records_and_shows_nothing() -> None:
    """``duties/`` works on records already loaded (``records/loaded.py``, the data
    types) and knows nothing of files, the terminal or commands."""
    forbidden = (_area("cli"), _area("present"), _area("records"))
    assert breaches(_area("duties"), forbidden, allowed=(_area("records.loaded"),)) == []


def test_report_data_knows_no_commands() -> None:
    assert breaches(_area("reports"), (_area("cli"),)) == []


@pytest.mark.parametrize("library", ["typer", "rich", "click"])
def test_only_the_edge_imports_the_terminal_libraries(library: str) -> None:
    """The core is data in, data out: only ``cli/`` and ``present/`` know the terminal."""
    edge = (_area("cli"), _area("present"))
    used = [
        f"{importer} -> {target}"
        for importer, targets in imports().items() if not any(_under(importer, area) for area in edge)
        for target in sorted(targets) if _under(target, library)
    ]
    assert used == []
