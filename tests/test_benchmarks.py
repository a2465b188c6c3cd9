"""The benchmark's own parts: the generator, the baseline script and the runner's verdicts.

Nothing here is timed; the point is that the numbers the benchmark prints are
about valid, reproducible programmes and are judged against the right limits.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.checks import all_problems
from liushou_cli.records.load import load

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # run.py imports generate as a sibling
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


generate = _module("generate")
run = _module("run")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    root = tmp_path_factory.mktemp("bench") / "n100"
    return root, generate.generate(root, 100, seed=1)


def test_same_seed_same_bytes_other_seed_other_bytes(small: tuple[Path, Any], tmp_path: Path) -> None:
    root, _ = small
    again, other = tmp_path / "again", tmp_path / "other"
    generate.generate(again, 100, seed=1)
    generate.generate(other, 100, seed=2)
    assert _tree(again) == _tree(root)
    assert _tree(other) != _tree(root)


def test_same_bytes_from_another_process(small: tuple[Path, Any], tmp_path: Path) -> None:
    """String hashing is salted per process: no set or hash order may leak into the files."""
    root, _ = small
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(tmp_path / "p"), "--children", "100"],
                   check=True, capture_output=True, env=env)
    assert _tree(tmp_path / "p") == _tree(root)


def test_shape_of_a_programme(small: tuple[Path, Any]) -> None:
    root, stats = small
    records = load(root)
    assert not records.problems or all(not p.is_error for p in records.problems)
    assert len(records.children) == 100
    assert len(records.helpers) == 34  # one helper per three children, rounded up
    assert 1.1 <= len(records.pairings) / len(records.children) <= 1.3
    files = {c.path for c in records.contacts}
    assert len(files) >= 12 and all(f.startswith("contacts/") for f in files)
    per_child = len(records.contacts) / len(records.children)
    assert 4 <= per_child <= 8  # about 60,000 rows at 10,000 children
    assert min(c.date for c in records.contacts) >= date(2025, 11, 1)
    assert max(c.date for c in records.contacts) <= date(2026, 11, 23)
    presets = Counter(p.duties if isinstance(p.duties, str) else None for p in records.pairings.values())
    assert len(presets) >= 4  # mixed duties, the programme's default among them
    assert all(child.risk_assessments for child in records.children.values())
    assert stats.contacts == len(records.contacts)


def test_left_children_have_their_pairings_ended(tmp_path: Path) -> None:
    root = tmp_path / "n1000"
    stats = generate.generate(root, 1000, seed=3)
    records = load(root)
    left = {cid: c.left.date for cid, c in records.children.items() if c.left is not None}
    assert len(left) == stats.left > 0
    for pairing in records.pairings.values():
        if pairing.child in left:
            assert pairing.end is not None and pairing.end <= left[pairing.child]
    concerns = [c for child in records.children.values() for c in child.concerns]
    assert any(c.reported is None for c in concerns) and any(c.reported for c in concerns)
    absences = [a for child in records.children.values() for a in child.absences]
    assert len(absences) == stats.absences > 0
    assert any(a.to is None for a in absences) and any(a.reported for a in absences)
    assert any(a.excused for a in absences) and any(a.persuasions for a in absences)
    assert not [p for p in all_problems(records, date(2026, 11, 23)) if p.is_error]


def test_check_passes_with_no_errors(runner: CliRunner, small: tuple[Path, Any]) -> None:
    root, _ = small
    result = runner.invoke(app, ["--records", str(root), "check", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "共 0 个错误" in result.output


def test_due_runs_on_it(runner: CliRunner, small: tuple[Path, Any]) -> None:
    root, _ = small
    result = runner.invoke(app, ["--records", str(root), "due", "--json", "--today", "2026-11-23"])
    assert result.exit_code in (0, 1), result.output
    payload = json.loads(result.output)
    assert payload["as_of"] == "2026-11-23" and payload["items"]


def test_baseline_is_short_and_reads_the_same_folder(small: tuple[Path, Any]) -> None:
    pytest.importorskip("yaml")
    root, stats = small
    source = (BENCH / "baseline.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) < 100
    assert "CSafeLoader" in source
    done = subprocess.run([sys.executable, str(BENCH / "baseline.py"), str(root), "--today", "2026-11-23"],
                          capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout)["summary"]
    assert summary["children"] == 100 and summary["helpers"] == 34
    assert summary["pairings"] == stats.pairings and summary["contacts"] == stats.contacts


def test_run_once_measures_a_child_and_rejects_a_bad_exit() -> None:
    seconds, rss = run.run_once([sys.executable, "-c", "x = bytearray(50 * 2**20)"], {}, (0,))
    assert seconds > 0 and rss > 50 * 1024  # KiB: the child's own peak, not ours
    with pytest.raises(run.BenchError, match="exited 3"):
        run.run_once([sys.executable, "-c", "import sys; sys.exit(3)"], {}, (0,))


def test_cache_found_after_a_run_is_cleared(tmp_path: Path) -> None:
    root, xdg = tmp_path / "records", tmp_path / "xdg"
    root.mkdir()
    xdg.mkdir()
    (root / "liushou.yaml").write_text("program: x\n", encoding="utf-8")
    cache = run.Cache(root, xdg, has_flag=False)
    (root / ".liushou-cache").mkdir()
    (root / ".liushou-cache" / "index").write_text("x", encoding="utf-8")
    cache.learn()
    cache.clear()
    assert sorted(p.name for p in root.iterdir()) == ["liushou.yaml"]
    assert ".liushou-cache" in cache.describe()


def _results(base: float, check_warm: float, mem: int, big_time: float, write: float = 2.0,
             write_mem: int = 150_000) -> dict:
    R = run.Result
    out = {(0, "help", "warm"): R([0.1], 30_000)}
    for size, scale in ((1000, 1.0), (10000, big_time)):
        out[(size, "baseline", "warm")] = R([base * scale], 100_000)
        for cmd in run.LIUSHOU_COMMANDS:
            for mode in ("cold", "warm"):
                t = (check_warm if cmd.key == "check" and mode == "warm" else base * 0.2) * scale
                out[(size, cmd.key, mode)] = R([t], mem)
        for cmd in run.WRITE_COMMANDS:
            out[(size, cmd.key, "warm")] = R([write * scale if cmd.key == "assess" else base * 0.1 * scale],
                                             write_mem)
    return out


def test_targets_pass_and_fail_on_the_right_side_of_each_limit() -> None:
    rows, failed = run.target_rows([1000, 10000], _results(10.0, 2.0, 150_000, 10.0))
    assert not failed and all("PASS" in r for r in rows)
    rows, failed = run.target_rows([1000, 10000], _results(10.0, 3.0, 150_000, 10.0))
    assert failed and any("`check` warm" in r and "FAIL" in r for r in rows)
    rows, failed = run.target_rows([1000, 10000], _results(10.0, 2.0, 250_000, 10.0))
    assert failed and any("peak memory" in r and "FAIL" in r for r in rows)
    rows, failed = run.target_rows([1000, 10000], _results(10.0, 2.0, 150_000, 12.0))
    assert failed and any("10× the children" in r and "FAIL" in r for r in rows)
    rows, failed = run.target_rows([1000, 10000], _results(10.0, 2.0, 150_000, 10.0, write=3.0))
    assert failed and any("writing command" in r and "FAIL" in r and "assess" in r for r in rows)
    rows, failed = run.target_rows([1000, 10000], _results(10.0, 2.0, 150_000, 10.0, write_mem=250_000))
    assert failed and [r for r in rows if "FAIL" in r] == [r for r in rows if "writing command" in r]


def test_every_planned_write_is_accepted(small: tuple[Path, Any], tmp_path: Path, runner: CliRunner) -> None:
    """The benchmark's writes are real ones: each accepted, each a new row or file."""
    root = tmp_path / "copy"
    shutil.copytree(small[0], root)
    per_command = 4  # as many as the full run's repeats + 1: a child met twice is where a repeat pairing hides
    targets = run.write_targets(root, len(run.WRITE_COMMANDS) * per_command)
    assert len({t["pairing"] for t in targets}) == len({t["child"] for t in targets}) == len(targets)
    loaded = load(root)
    own = {(p.child, h) for p in loaded.pairings.values() for h in p.helpers}
    assert not [t for t in targets if (t["child"], t["other"]) in own]
    runs = iter(enumerate(targets))
    for write in run.WRITE_COMMANDS:
        for _ in range(per_command):
            n, target = next(runs)
            before = _records_tree(root)
            argv = run.write_argv([], write, root, target, n)
            result = runner.invoke(app, argv)
            assert result.exit_code == 0, (argv, result.output)
            assert _records_tree(root) != before


def _records_tree(root: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in _tree(root).items() if not rel.startswith(".liushou-cache/")}


def test_runner_rejects_bad_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run.main(["--sizes", "0"])
    assert "--sizes" in capsys.readouterr().err
