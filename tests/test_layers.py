"""The house's layers, read from the source: which package may import which, and no cycle.

Data flows files -> ``records/`` -> the pure core (``duties/``, ``reports/``) ->
``present/`` <- ``cli/`` (``docs/architecture.md``). Every import counts, at the top
of a module, inside a function or under ``TYPE_CHECKING``: a lazy import is still
knowledge of the other layer. For cycles, imports under ``TYPE_CHECKING`` do not
count (they never run); the rest, lazy ones included, do.
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


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the import statements under ``if TYPE_CHECKING:`` (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _imports(*, run_only: bool) -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        skipped = _type_checking_only(tree) if run_only else set()
        found[name] = frozenset(
            target
            for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped
            for target in _targets(node, name, path.name == "__init__.py")
        )
    return found


@cache
def imports() -> dict[str, frozenset[str]]:
    """Each module -> every module or library it imports (full dotted names)."""
    return _imports(run_only=False)


@cache
def run_imports() -> dict[str, frozenset[str]]:
    """Each module -> the modules of the package it imports when it runs (not ``TYPE_CHECKING``)."""
    return {name: frozenset(t for t in targets if t in modules() and t != name)
            for name, targets in _imports(run_only=True).items()}


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """One cycle ``[a, b, ..., a]`` through each strongly connected group of ``graph``
    (Tarjan's algorithm, iterative: the package has hundreds of modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, ()):
                    groups.append(group)
    return [_path_around(graph, group) for group in groups]


def _path_around(graph: dict[str, frozenset[str]], group: set[str]) -> list[str]:
    """A shortest cycle from the group's first module back to itself, inside the group."""
    first = min(group)
    came_from: dict[str, str] = {}
    frontier = [first]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child == first:
                    path = [node]
                    while path[-1] != first:
                        path.append(came_from[path[-1]])
                    return [first, *reversed(path[:-1]), first] if node != first else [first, first]
                if child in group and child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no cycle in {sorted(group)}")


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


def test_the_cycle_finder_names_a_planted_cycle() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a", "d"}), "d": frozenset(),
             "e": frozenset({"e"})}
    assert cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]
    assert cycles({"x": frozenset({"y", "z"}), "y": frozenset({"x"}), "z": frozenset({"y"})}) == [["x", "y", "x"]]
    assert cycles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_the_run_graph_sees_lazy_imports_and_skips_type_checking_ones() -> None:
    assert f"{NAME}.records.checks" in run_imports()[f"{NAME}.records.write"]  # inside a function
    assert f"{NAME}.records.load" in imports()[f"{NAME}.cli.due_common"]  # also under TYPE_CHECKING there
    assert f"{NAME}.duties.engine" in imports()[f"{NAME}.cli.due_common"]
    assert f"{NAME}.duties.engine" not in run_imports()[f"{NAME}.cli.due_common"]  # TYPE_CHECKING only


def test_no_module_imports_itself_round_a_cycle() -> None:
    """A cycle makes import order matter and the two modules one concern in two files;
    shared parts go to a third module (``cli/import_common.py``) or to the one that uses them."""
    found = [" -> ".join(cycle) for cycle in cycles(run_imports())]
    assert found == [], "import cycles: " + "; ".join(found)


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
