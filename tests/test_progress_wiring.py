"""Progress of ``import`` and ``report``: reported by the core, drawn only on a terminal.

The core reports ``(task, done, total)`` and knows no terminal; the CLI installs a
bar on stderr when stderr is a terminal. Here a recorder stands in for the
terminal's reporter, and a pipe checks that nothing is drawn when there is none.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from liushou_cli.cli import progress_bar
from liushou_cli.cli.app import app
from liushou_cli.cli.progress_bar import TerminalProgress
from liushou_cli.duties.engine import obligations
from liushou_cli.present.report.as_docx import render_docx
from liushou_cli.present.report.as_markdown import render_md
from liushou_cli.records.load import load
from liushou_cli.records.write import ChangeSet
from liushou_cli.reports.data import build, pick_term
from liushou_cli.reports.redact import redact_report
from liushou_cli.roster import read_roster
from liushou_cli.roster.plan import make_plan
from liushou_cli.roster.stage import stage

TODAY = "2026-11-23"
HEADER = "序号,姓名,性别,出生日期,学校,班级,监护人,与儿童关系,联系电话,村/居"
GIVEN = "芳华明强伟丽娟静敏燕军平"


def roster(tmp_path: Path, rows: int) -> Path:
    """A GBK roster as Excel saves it, ``rows`` distinct children."""
    lines = [HEADER]
    for i in range(1, rows + 1):
        name = "李" + GIVEN[i % len(GIVEN)] + GIVEN[(i // len(GIVEN)) % len(GIVEN)]
        lines.append(f"{i},{name},女,2015/{i % 12 + 1}/{i % 27 + 1},测试小学,三(1)班,李大妈,祖母,137{i:08d},水三村")
    path = tmp_path / "花名册.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


class Recorder:
    """A reporter that hears everything, as the terminal's bar would."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, int, int]] = []
        self.closed = False

    def __call__(self, task: str, done: int, total: int) -> None:
        self.heard.append((task, done, total))

    def close(self) -> None:
        self.closed = True

    def runs(self, task: str) -> list[list[int]]:
        """The ``done`` counts of each run of ``task``, a run starting at 0."""
        out: list[list[int]] = []
        for name, done, _ in self.heard:
            if name != task:
                continue
            if done == 0:
                out.append([])
            out[-1].append(done)
        return out


def assert_counts_up(recorder: Recorder, task: str) -> None:
    """Every run of ``task`` goes 0, 1, ... total, and ends at its total."""
    runs = recorder.runs(task)
    assert runs, recorder.heard
    totals = {(name, total) for name, _, total in recorder.heard if name == task}
    for run in runs:
        assert run == list(range(len(run)))
    ends = [(task, done, total) for task_, done, total in recorder.heard if task_ == task and done == total]
    assert len(ends) == len(runs), (ends, totals)


def fake_terminal(monkeypatch: pytest.MonkeyPatch, reporter: Any) -> None:
    """Make the CLI believe stderr is a terminal and report to ``reporter``."""
    monkeypatch.setattr(progress_bar, "for_stderr", lambda stream: reporter)


# the core reports, with no terminal in sight ------------------------------------------


def test_reading_a_roster_reports_each_row(tmp_path: Path) -> None:
    heard = Recorder()
    got = read_roster(roster(tmp_path, 30), progress=heard)
    assert len(got.rows) == 30
    assert heard.heard[0] == ("import", 0, 31) and heard.heard[-1] == ("import", 31, 31)  # header + rows
    assert_counts_up(heard, "import")


def test_staging_an_import_reports_each_child(tmp_path: Path, make_records: Any) -> None:
    root = make_records()
    existing = load(root)
    rows = read_roster(roster(tmp_path, 12)).rows
    numbers = iter(range(100, 1000))
    actions = make_plan(rows, existing.children, lambda: f"C{next(numbers)}", date(2026, 11, 23))
    heard = Recorder()
    changes = ChangeSet(root)
    stage(actions, changes, existing, progress=heard)
    assert [done for _, done, _ in heard.heard] == list(range(13))
    assert {task for task, _, _ in heard.heard} == {"import"}
    assert len([p for p in changes.paths() if p.startswith("children/")]) == 12


def test_building_and_rendering_a_report_report_their_parts(example_copy: Path, tmp_path: Path) -> None:
    records = load(example_copy)
    assert records.program is not None
    day = date(2026, 11, 23)
    term = pick_term(records.program.terms, day)
    heard = Recorder()
    data = build(records, term, day, obligations=obligations, progress=heard)
    assert heard.heard == [("report", n, 4) for n in range(5)]

    for part, expected in (
        (lambda p: render_md(data, progress=p), 2),
        (lambda p: render_docx(data, tmp_path / "r.docx", progress=p), 3),
        (lambda p: redact_report(data, records, progress=p), len(data)),
    ):
        heard = Recorder()
        part(heard)
        assert heard.heard == [("report", n, expected) for n in range(expected + 1)]
    assert (tmp_path / "r.docx").stat().st_size > 0


# the CLI: a terminal hears it, a pipe does not --------------------------------------


def test_import_reports_to_the_terminal(runner: CliRunner, make_records: Any, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_records()
    heard = Recorder()
    fake_terminal(monkeypatch, heard)
    path = roster(tmp_path, 25)
    result = runner.invoke(app, ["import", str(path), "--records", str(root), "--today", TODAY, "--yes"])
    assert result.exit_code == 0, result.output
    imports = heard.runs("import")
    assert [len(run) for run in imports] == [27, 26]  # 26 lines read, then 25 children staged
    assert_counts_up(heard, "import")
    assert heard.runs("load")  # the records, and the copy checked before writing
    assert heard.closed


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_report_reports_to_the_terminal(runner: CliRunner, example_copy: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    heard = Recorder()
    fake_terminal(monkeypatch, heard)
    out = tmp_path / f"r.{fmt}"
    result = runner.invoke(app, ["report", "--records", str(example_copy), "--today", TODAY, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [len(run) for run in heard.runs("report")] == [5, 3 if fmt == "md" else 4]  # build, then render
    assert_counts_up(heard, "report")


def test_the_bar_draws_its_label_on_a_terminal(runner: CliRunner, example_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Tty()
    monkeypatch.setattr(progress_bar, "DELAY", 0.0)
    fake_terminal(monkeypatch, TerminalProgress(screen))
    result = runner.invoke(app, ["report", "--records", str(example_copy), "--today", TODAY,
                                 "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    assert "生成报告" in screen.getvalue()  # progress.report
    assert "生成报告" not in result.stderr  # the bar is not the command's stderr text


def test_a_long_step_shows_the_bar_without_waiting_for_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    """One step of a DOCX render lasts seconds: the bar must appear during it."""
    monkeypatch.setattr(progress_bar, "DELAY", 0.01)
    bar = TerminalProgress(io.StringIO())
    bar("report", 0, 3)  # ...and then nothing for a long while
    deadline = time.monotonic() + 10
    while bar.bar is None and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        with bar.lock:
            assert bar.bar is not None and bar.task == "report"
    finally:
        bar.close()
    assert bar.bar is None


def test_a_quick_task_that_ends_never_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_bar, "DELAY", 0.2)
    screen = io.StringIO()
    bar = TerminalProgress(screen)
    for done in range(4):
        bar("import", done, 3)
    time.sleep(0.4)  # past the delay: the timer was cancelled when the task ended
    assert bar.bar is None and screen.getvalue() == ""


# liushou as a process, with no delay before a bar: any bar at all would show
_NO_DELAY = ("import liushou_cli.cli.progress_bar as bar; bar.DELAY = 0.0\n"
             "from liushou_cli.cli.app import main; main()")


def _liushou(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LIUSHOU_LANG", "LIUSHOU_RECORDS")}
    return subprocess.run([sys.executable, "-c", _NO_DELAY, *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300, check=False)


def test_nothing_on_a_piped_stderr(example_copy: Path, make_records: Any, tmp_path: Path) -> None:
    """A real process with stderr piped: no bar, no label, no terminal codes."""
    report = _liushou("report", "--records", str(example_copy), "--today", TODAY, "--format", "docx",
                      "-o", str(tmp_path / "r.docx"), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert report.stderr == ""

    root = make_records()
    imported = _liushou("import", str(roster(tmp_path, 40)), "--records", str(root), "--today", TODAY,
                        "--dry-run", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    for mark in ("导入花名册", "读取台账", "\x1b[", "\r", "━"):
        assert mark not in imported.stderr
    assert "数据 40 行" in imported.stderr  # the command's own account is still there
