"""Nothing is lost, nobody gets in: crash-safe writes, locked appends, paths that stay
inside the records, sandboxed templates, exports Excel will not execute, private outputs.

Each test plants the attack or the failure for real (a killed process, eight
processes at once, a symlink out of the folder, a template reaching for
``__globals__``) and would fail if the protection were taken away.
"""

from __future__ import annotations

import csv
import io
import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records import atomic as atomic_mod
from liushou_cli.records import tempfiles
from liushou_cli.records.load import load
from liushou_cli.records.paths import file_for, is_id
from liushou_cli.records.write import ChangeSet, WriteError, atomic_write

TODAY = "2026-11-23"
NEAR_TERM_END = "2027-01-15"  # five-ones-term duties are due soon: remind has messages
HEADER = "date,pairing,kinds,helper,channel,minutes,summary\n"


class Crash(BaseException):
    """A stand-in for the process dying: not an Exception, so nothing may swallow it."""


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, hidden ones (temp files) included; not the cache, which
    reading the records may refresh."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".liushou-cache" not in p.relative_to(root).parts}


def invoke(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The common default, so a file or folder created without care would be 0o644/0o755."""
    old = os.umask(0o022)
    yield
    os.umask(old)


# nothing is lost: a write interrupted at any step ---------------------------------------

OLD, NEW = "id: C001\nname: 旧\n".encode(), "id: C001\nname: 新的内容\n".encode()


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(tempfiles.SUFFIX))


@pytest.mark.parametrize("exists", [True, False], ids=["replace", "create"])
@pytest.mark.parametrize("step", atomic_mod.STEPS)
def test_a_failure_at_any_step_leaves_the_old_file_and_no_temp(
    step: str, exists: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "C001.yaml"
    if exists:
        target.write_bytes(OLD)

    def crash(*args: object) -> None:
        raise Crash(step)

    monkeypatch.setattr(atomic_mod, step, crash)
    with pytest.raises(Crash):
        atomic_write(target, NEW)
    after = target.read_bytes() if target.exists() else None
    if step == "_fsync_dir":  # the rename happened: the new file, whole
        assert after == NEW
    else:
        assert after == (OLD if exists else None)
    assert temps(tmp_path) == []


@pytest.mark.parametrize("step", atomic_mod.STEPS)
def test_a_crash_right_after_any_step_leaves_old_or_new_never_a_mix(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The step ran, then the process "died": whatever is left is a whole file, and any
    temp file is a hidden ``.<name>.*.tmp`` that the loader skips."""
    target = tmp_path / "C001.yaml"
    target.write_bytes(OLD)
    real = getattr(atomic_mod, step)

    def then_crash(*args: Any) -> Any:
        real(*args)
        raise Crash(step)

    monkeypatch.setattr(atomic_mod, step, then_crash)
    with pytest.raises(Crash):
        atomic_write(target, NEW)
    assert target.read_bytes() in (OLD, NEW)
    assert target.read_bytes() == (NEW if step in ("_replace", "_fsync_dir") else OLD)
    assert all(tempfiles.OURS.match(name) and name.endswith(".C001.yaml.tmp") for name in temps(tmp_path))


KILL_CHILD = """
import itertools, sys
from pathlib import Path
from liushou_cli.records.write import atomic_write
target = Path(sys.argv[1])
versions = [Path(p).read_bytes() for p in sys.argv[2:]]
print("ready", flush=True)
for data in itertools.cycle(versions):
    atomic_write(target, data)
"""


def test_killing_a_writer_at_random_moments_never_leaves_a_mix(make_records: Callable[..., Path],
                                                                 tmp_path: Path, runner: CliRunner,
                                                                 locked: Callable[[Path], Path]) -> None:
    """SIGKILL a process rewriting a record in a loop, twenty times: the record is always
    one whole version; the temp files a kill leaves are skipped by ``check`` and removed
    by the next process writing there (their writer is dead), however fresh they are."""
    root = make_records()
    record = root / "children" / "C001.yaml"
    base = record.read_text(encoding="utf-8")
    versions = [(base + f"notes: {mark * 300_000}\n").encode() for mark in ("甲", "乙")]
    sources = []
    for i, data in enumerate(versions):
        sources.append(tmp_path / f"v{i}.yaml")
        sources[-1].write_bytes(data)
    record.write_bytes(versions[0])
    script = tmp_path / "writer.py"
    script.write_text(KILL_CHILD, encoding="utf-8")
    pick = random.Random(7)
    left: set[str] = set()  # temp files seen after a kill
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, str(script), str(record), *map(str, sources)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n", proc.stderr.read() if proc.stderr else b""
        time.sleep(pick.uniform(0, 0.2))  # when to kill, not an assertion about time
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        assert record.read_bytes() in versions
        now = {p.name for p in (root / "children").iterdir() if p.name.endswith(".tmp")}
        assert len(now) <= 1, now  # this writer's, if the kill landed mid-write: it swept those before it
        left |= now
    assert all(tempfiles.OURS.match(name) for name in left)
    result = invoke(runner, "check", "--records", str(root), "--today", TODAY)
    assert result.exit_code == 0 and "stray" not in result.stdout, result.stdout
    long_ago = time.time() - 2 * tempfiles.STALE_SECONDS
    fresh = root / "children" / ".C001.yaml.live0000.tmp"  # an older version's write, maybe in progress: kept
    fresh.write_bytes(b"")
    old = root / "children" / ".C001.yaml.dead0000.tmp"  # an older version's leftover, long ago: swept
    old.write_bytes(b"")
    os.utime(old, (long_ago, long_ago))
    fd, live = tempfiles.mkstemp(root / "children", "C001.yaml")  # this (live) process's: kept
    os.close(fd)
    other = root / "children" / ".notes.tmp"  # not liushou's: kept whatever its age
    other.write_bytes(b"")
    os.utime(other, (long_ago, long_ago))
    changes = ChangeSet(locked(root))
    changes.put_text("children/C001.yaml", base + "# 再改一次\n")
    changes.apply()
    assert sorted(p.name for p in (root / "children").iterdir() if p.name.endswith(".tmp")) == sorted(
        [fresh.name, other.name, Path(live).name])
    assert left, "no kill landed mid-write: the sweep was not exercised"


def _three_file_change(root: Path) -> ChangeSet:
    changes = ChangeSet(root)
    changes.append_text("contacts/2026-09.csv", "2026-09-21,P001,talk,,,,谈心\n")
    changes.put_text("pairings/P001.yaml", "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n"
                     "end: 2026-11-01\n")
    changes.new_record("helpers", {"id": "H002", "name": "王老师"})
    return changes


@pytest.mark.parametrize("nth", [1, 2, 3])
@pytest.mark.parametrize("step", atomic_mod.STEPS)
def test_a_change_of_several_files_is_all_or_nothing_at_every_step(
    step: str, nth: int, make_records: Callable[..., Path], locked: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail the ``nth`` call of each step during ``apply``: every file is back as it was
    (a failure after the rename of a file is undone too)."""
    root = locked(make_records())
    before = snapshot(root)
    changes = _three_file_change(root)
    real = getattr(atomic_mod, step)
    calls = 0

    def fail_once(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth:
            raise OSError(28, "No space left on device")
        return real(*args)

    monkeypatch.setattr(atomic_mod, step, fail_once)
    with pytest.raises(OSError):
        changes.apply()
    assert snapshot(root) == before


def test_the_same_change_applies_when_nothing_fails(make_records: Callable[..., Path], locked: Callable[[Path], Path]) -> None:
    """The failing cases above do fail where they should: this change does write three files."""
    root = locked(make_records())
    before = snapshot(root)
    _three_file_change(root).apply()
    after = snapshot(root)
    assert {k for k in after if after[k] != before.get(k)} == {
        "contacts/2026-09.csv", "pairings/P001.yaml", "helpers/H002.yaml"}


# nothing is lost: concurrent and append-only logging ------------------------------------


def test_eight_log_processes_at_once_all_land(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = make_records()
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("LIUSHOU_RECORDS", None)
    procs = [
        subprocess.Popen([sys.executable, "-m", "liushou_cli", "log", "P001", "talk", "--date", f"2026-10-{i + 1:02d}",
                          "--summary", f"第{i + 1}次谈心", "--records", str(root), "--today", TODAY],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for i in range(8)
    ]
    outcomes = [(p.wait(timeout=300), p.stderr.read().decode() if p.stderr else "") for p in procs]
    for proc in procs:
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert [code for code, _ in outcomes] == [0] * 8, outcomes
    text = (root / "contacts" / "2026-10.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["summary"] for r in rows) == sorted(f"第{i + 1}次谈心" for i in range(8))
    assert text.count("date,pairing") == 1
    assert invoke(runner, "check", "--records", str(root), "--today", TODAY).exit_code == 0


@pytest.mark.parametrize("existing", [
    '\ufeffdate,pairing,kinds,helper,channel,minutes,summary\r\n"2026-10-02",P001,"talk",,,,"家访, 与奶奶交流"\r\n',
    "kinds,date,pairing,summary\ntalk,2026-10-02,P001,\ntalk,2026-10-03,P001,",  # no newline at the end
    HEADER + '2026-10-02,P001,talk,H001,in_person,30,"说了""谢谢"""\n',
], ids=["bom-crlf-quoted", "no-final-newline", "escaped-quotes"])
def test_log_only_appends_bytes(existing: str, make_records: Callable[..., Path], runner: CliRunner) -> None:
    """The existing bytes are a prefix of the new file: no row is re-quoted, re-ordered or
    re-encoded, so ``git diff`` shows one added line."""
    root = make_records()
    path = root / "contacts" / "2026-10.csv"
    old = existing.encode("utf-8")
    path.write_bytes(old)
    result = invoke(runner, "log", "P001", "talk", "--date", "2026-10-20", "--summary", "新的一行",
                    "--records", str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    new = path.read_bytes()
    assert new.startswith(old) and len(new) > len(old)
    added = new[len(old):].decode("utf-8")
    assert "新的一行" in added and added.count("2026-10-20") == 1


def test_log_refuses_a_value_the_file_has_no_column_for(make_records: Callable[..., Path],
                                                        runner: CliRunner) -> None:
    """A summary typed for a file without a ``summary`` column would vanish: refused instead."""
    root = make_records()
    path = root / "contacts" / "2026-10.csv"
    path.write_bytes(b"date,pairing,kinds\n2026-10-02,P001,talk\n")
    result = invoke(runner, "log", "P001", "talk", "--date", "2026-10-20", "--summary", "不能丢",
                    "--records", str(root), "--today", TODAY)
    assert result.exit_code == 1 and "summary" in result.output
    assert path.read_bytes() == b"date,pairing,kinds\n2026-10-02,P001,talk\n"
    ok = invoke(runner, "log", "P001", "talk", "--date", "2026-10-20", "--records", str(root), "--today", TODAY)
    assert ok.exit_code == 0 and path.read_bytes().endswith(b"2026-10-20,P001,talk\n")


# nobody gets in: paths ------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["../../etc/x", "/tmp/x", "C001/../../x", "C00\n1", "C001\n", "a/b", "..", ""])
def test_an_id_never_becomes_a_path_outside(bad: str, make_records: Callable[..., Path],
                                           runner: CliRunner, tmp_path: Path) -> None:
    root = make_records()
    before = snapshot(root)
    result = invoke(runner, "add", "helper", "--id", bad, "--name", "王老师", "--records", str(root),
                    "--today", TODAY)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert snapshot(root) == before
    assert not (tmp_path / "etc").exists() and not Path("/tmp/x.yaml").exists()
    assert not is_id(bad)
    with pytest.raises(ValueError):
        file_for(tmp_path, bad, ".txt")


@pytest.mark.parametrize("command", [["log", "@ID@", "talk"], ["assess", "@ID@", "low"], ["unpair", "@ID@"],
                                     ["leave", "@ID@", "--reason", "other"], ["pair", "@ID@", "H001"]])
def test_ids_typed_for_existing_records_never_probe_paths(command: list[str], make_records: Callable[..., Path],
                                                           runner: CliRunner, tmp_path: Path) -> None:
    """``../`` in an id names no record, even when a file exists where it would lead."""
    root = make_records()
    (tmp_path / "x.yaml").write_text("id: x\nname: 外面\nenrolled: 2026-09-01\nchild: C001\n", encoding="utf-8")
    before = snapshot(root)
    result = invoke(runner, *["../../x" if a == "@ID@" else a for a in command], "--records", str(root),
                    "--today", TODAY)
    assert result.exit_code != 0 and "x.yaml" not in result.output and "Traceback" not in result.output
    assert snapshot(root) == before


@pytest.mark.parametrize("rel", ["../x.yaml", "/etc/passwd", "children/../../x.yaml", "."])
def test_a_changeset_refuses_paths_outside_the_root(rel: str, make_records: Callable[..., Path]) -> None:
    changes = ChangeSet(make_records())
    with pytest.raises(WriteError) as info:
        changes.put_text(rel, "x")
    assert info.value.key == "edit.err.bad_path"


def test_a_record_id_with_a_slash_or_newline_is_refused_where_the_path_is_built(
    make_records: Callable[..., Path],
) -> None:
    changes = ChangeSet(make_records())
    for bad in ("sub/H009", "H009\n", "../H009"):
        with pytest.raises(WriteError):
            changes.new_record("helpers", {"id": bad, "name": "王"})
    assert changes.paths() == []


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the records holding someone else's valid-looking files."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "C009.yaml").write_text("id: C009\nname: 外面的孩子\nenrolled: 2026-09-01\n", encoding="utf-8")
    (folder / "log.csv").write_text(HEADER + "2026-10-02,P001,talk,,,,外面的记录\n", encoding="utf-8")
    (folder / "secret.md").write_text("TOPSECRET 外面的文件\n", encoding="utf-8")
    return folder


def test_a_symlinked_record_pointing_out_is_not_read(make_records: Callable[..., Path], outside: Path,
                                                    runner: CliRunner) -> None:
    root = make_records()
    os.symlink(outside / "C009.yaml", root / "children" / "C009.yaml")
    os.symlink(outside / "log.csv", root / "contacts" / "log.csv")
    records = load(root)
    assert "C009" not in records.children
    assert not any(c.summary == "外面的记录" for c in records.contacts)
    result = invoke(runner, "check", "--records", str(root), "--today", TODAY)
    assert "children/C009.yaml:1:1: 错误 link-outside" in result.stdout
    assert "contacts/log.csv:1:1: 错误 link-outside" in result.stdout


def test_a_symlinked_folder_pointing_out_is_neither_read_nor_written(
    make_records: Callable[..., Path], outside: Path, runner: CliRunner
) -> None:
    root = make_records({"helpers/H001.yaml": None})
    os.symlink(outside, root / "helpers")
    assert load(root).helpers == {}
    before = sorted(p.name for p in outside.iterdir())
    result = invoke(runner, "add", "helper", "--name", "王老师", "--records", str(root), "--today", TODAY)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert sorted(p.name for p in outside.iterdir()) == before


def test_a_link_inside_the_records_still_works(make_records: Callable[..., Path]) -> None:
    """Only links that lead out are refused; a link to a file in the folder is read."""
    root = make_records()
    (root / "archive").mkdir()
    (root / "children" / "C001.yaml").rename(root / "archive" / "C001.yaml")
    os.symlink(root / "archive" / "C001.yaml", root / "children" / "C001.yaml")
    assert "C001" in load(root).children


def test_symlinked_narrative_and_template_pointing_out_are_not_used(
    make_records: Callable[..., Path], outside: Path, runner: CliRunner
) -> None:
    root = make_records()
    (root / "reports").mkdir()
    os.symlink(outside / "secret.md", root / "reports" / "2026-autumn.md")
    result = invoke(runner, "report", "--records", str(root), "--today", TODAY, "-f", "md", "-o",
                    str(root / "out" / "r.md"))
    assert result.exit_code == 2 and "TOPSECRET" not in result.output
    assert not (root / "out" / "r.md").exists()
    (root / "reports" / "2026-autumn.md").unlink()
    (root / "templates").mkdir()
    os.symlink(outside / "secret.md", root / "templates" / "remind.txt.j2")
    result = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END)
    assert result.exit_code == 0 and "TOPSECRET" not in result.output


def test_remind_writes_only_inside_its_output_folder(make_records: Callable[..., Path], runner: CliRunner,
                                                     tmp_path: Path) -> None:
    root = make_records()
    out = tmp_path / "reminders"
    result = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["H001.txt"]


# nobody gets in: templates run sandboxed ------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ helper.__class__ }}",
    "{{ cycler.__init__.__globals__.os.popen('echo PWN' ~ 'ED').read() }}",
    "{{ lipsum.__globals__['os'].getcwd() }}",
    "{{ '{0.__class__.__mro__}'.format(1) }}",
    "{% include '@SECRET@' %}",
    "{% import 'os' as os %}{{ os.getcwd() }}",
    "{% from '@SECRET@' import x %}",
]


def _plant(source: str, secret: Path) -> str:
    return source.replace("@SECRET@", str(secret))


@pytest.mark.parametrize("source", ESCAPES)
def test_a_programme_remind_template_cannot_escape(source: str, make_records: Callable[..., Path],
                                                   outside: Path, runner: CliRunner) -> None:
    root = make_records({"templates/remind.txt.j2": _plant(source, outside / "secret.md")})
    result = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END)
    assert result.exit_code == 2, result.output
    for leaked in ("TOPSECRET", "PWNED", "<class", str(Path.cwd())):
        assert leaked not in result.stdout


@pytest.mark.parametrize("source", ESCAPES)
def test_a_report_template_cannot_escape(source: str, make_records: Callable[..., Path], outside: Path,
                                         runner: CliRunner, tmp_path: Path) -> None:
    root = make_records()
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ program.name }}\n" + _plant(source, outside / "secret.md") + "\n", encoding="utf-8")
    out = tmp_path / "r.md"
    result = invoke(runner, "report", "--records", str(root), "--today", TODAY, "--template", str(template),
                    "-o", str(out))
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert "TOPSECRET" not in result.output and "PWNED" not in result.output


def test_a_programme_docx_template_is_sandboxed_too(make_records: Callable[..., Path], runner: CliRunner,
                                                    tmp_path: Path) -> None:
    from docx import Document

    root = make_records()
    (root / "templates").mkdir()
    doc = Document()
    doc.add_paragraph("{{ ''.__class__.__mro__ }}")
    doc.save(str(root / "templates" / "term_report.docx"))
    out = tmp_path / "r.docx"
    result = invoke(runner, "report", "--records", str(root), "--today", TODAY, "-o", str(out))
    assert result.exit_code == 2, result.output
    assert not out.exists()


def test_a_harmless_programme_template_still_renders(make_records: Callable[..., Path], runner: CliRunner) -> None:
    """The sandbox refuses the escapes above, not templates: this one works."""
    root = make_records({"templates/remind.txt.j2": "{{ helper.name }}：{% for i in items %}{{ i.duty }}{% endfor %}\n"})
    result = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END)
    assert result.exit_code == 0 and "严万莲：" in result.stdout


# nobody gets in: exports Excel would execute --------------------------------------------

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x","点我")']
STARTS = ("=", "+", "-", "@", "\t", "\r")


def _planted(make_records: Callable[..., Path], value: str) -> Path:
    quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    child = (
        f'id: C001\nname: "{quoted}"\ngender: male\nbirth_date: 2016-03-12\nschool: "{quoted}"\n'
        f'class: "{quoted}"\nguardian: {{name: "{quoted}", relation: 祖母, phone: "13700000003"}}\n'
        f'village: "{quoted}"\nenrolled: 2026-09-01\nconsent: {{date: 2026-09-01, by: 王桂兰}}\n')
    return make_records({"children/C001.yaml": child,
                         "helpers/H001.yaml": f'id: H001\nname: "{quoted}"\nrole: aixin_mama\nphone: "13600000004"\n'})


def _cells_are_safe(cells: list[str], value: str) -> None:
    cells = [c for c in cells if c]
    assert cells
    assert not [c for c in cells if c.startswith(STARTS)], [c for c in cells if c.startswith(STARTS)]
    assert any(value.strip("\t\r") in c for c in cells)  # the value is there, neutralised


@pytest.mark.parametrize("value", FORMULAS)
def test_due_csv_neutralises_formulas(value: str, make_records: Callable[..., Path], runner: CliRunner,
                                      tmp_path: Path) -> None:
    root = _planted(make_records, value)
    out = tmp_path / "due.csv"
    result = invoke(runner, "due", "--all", "--csv", "-o", str(out), "--records", str(root), "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    _cells_are_safe([c for row in rows[1:] for c in row], value)


@pytest.mark.parametrize("kind", ["roster", "pairings", "handover"])
@pytest.mark.parametrize("value", FORMULAS)
def test_table_csv_and_xlsx_neutralise_formulas(value: str, kind: str, make_records: Callable[..., Path],
                                                runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _planted(make_records, value)
    result = invoke(runner, "table", kind, "--records", str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"), newline="")))
    _cells_are_safe([c for row in rows for c in row], value)
    out = tmp_path / f"{kind}.xlsx"
    assert invoke(runner, "table", kind, "--records", str(root), "--today", TODAY, "-o", str(out)).exit_code == 0
    cells = [c for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    _cells_are_safe([str(c.value) for c in cells], value)


# private outputs ----------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("fmt", ["md", "docx", "json"])
def test_reports_in_out_are_owner_only(fmt: str, make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = make_records()
    target = root / "out" / f"r.{fmt}"
    result = invoke(runner, "report", "--records", str(root), "--today", TODAY, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert (_mode(root / "out"), _mode(target)) == (0o700, 0o600)
    target.chmod(0o644)  # written again: private again
    assert invoke(runner, "report", "--records", str(root), "--today", TODAY, "-o", str(target)).exit_code == 0
    assert _mode(target) == 0o600


@pytest.mark.usefixtures("umask_022")
def test_default_report_tables_due_and_reminders_are_owner_only(make_records: Callable[..., Path],
                                                                runner: CliRunner) -> None:
    root = make_records()
    assert invoke(runner, "report", "--records", str(root), "--today", TODAY).exit_code == 0
    written = [root / "out" / "2026-autumn-report.docx"]
    for name in ("t.xlsx", "t.csv", "t.docx"):
        assert invoke(runner, "table", "roster", "--records", str(root), "--today", TODAY, "-o",
                      str(root / "out" / "tables" / name)).exit_code == 0
        written.append(root / "out" / "tables" / name)
    assert invoke(runner, "due", "--csv", "-o", str(root / "out" / "due" / "d.csv"), "--records", str(root),
                  "--today", TODAY).exit_code in (0, 1)
    written.append(root / "out" / "due" / "d.csv")
    assert invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END, "-o",
                  str(root / "out" / "remind")).exit_code == 0
    written.append(root / "out" / "remind" / "H001.txt")
    assert {str(p.relative_to(root)): _mode(p) for p in written} == {str(p.relative_to(root)): 0o600 for p in written}
    folders = {p.parent for p in written}
    assert {str(p.relative_to(root)): _mode(p) for p in folders} == {str(p.relative_to(root)): 0o700 for p in folders}


@pytest.mark.usefixtures("umask_022")
def test_records_edited_by_commands_keep_their_mode(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = make_records()
    csv_path, child = root / "contacts" / "2026-09.csv", root / "children" / "C001.yaml"
    csv_path.chmod(0o640)
    child.chmod(0o604)
    assert invoke(runner, "log", "P001", "talk", "--date", "2026-09-21", "--records", str(root),
                  "--today", TODAY).exit_code == 0
    assert invoke(runner, "assess", "C001", "low", "--date", "2026-11-01", "--records", str(root),
                  "--today", TODAY).exit_code == 0
    assert (_mode(csv_path), _mode(child)) == (0o640, 0o604)
    assert "2026-09-21" in csv_path.read_text(encoding="utf-8") and "2026-11-01" in child.read_text(encoding="utf-8")
