"""Writers at once, writers killed, writers interrupted: real ``liushou`` processes.

Issue 13: four ``add child`` at once handed out one id twice and lost a child, three
``assess`` at once lost an entry, and every process said it succeeded. Each test
here runs real processes (``python -m liushou_cli``) against real files, because a
lock, a kill and a Ctrl-C are things only separate processes can show.

The big batch (4 streams × 25 writers, ``LIUSHOU_WRITERS_PER_STREAM=25``, as CI runs it:
about 57 s on a loaded 2-core machine) is 4 × 5 by default, which exercises the same
races (each stream's writers overlap the others', every command in every stream).
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from liushou_cli.records import lock as lock_mod
from liushou_cli.records import tempfiles
from liushou_cli.records.load import load

TODAY = "2026-11-23"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, SIGINT to a process and ptys are POSIX")
STREAMS = 4
PER_STREAM = int(os.environ.get("LIUSHOU_WRITERS_PER_STREAM", "") or 5)


def env(**extra: str) -> dict[str, str]:
    out = {**os.environ, "NO_COLOR": "1", **extra}
    out.pop("LIUSHOU_RECORDS", None)
    out.pop("LIUSHOU_LANG", None)
    return out


def liushou(root: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "liushou_cli", *args, "--records", str(root), "--today", TODAY],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env(**extra), timeout=600)


def spawn(root: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "liushou_cli", *args, "--records", str(root), "--today", TODAY],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(**extra))


def temps(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if tempfiles.is_temp(p.name))


# many writers at once ----------------------------------------------------------------------


def _helper(stream: int, n: int) -> str:
    return f"H9{stream}{n:02d}"


def _command(stream: int, n: int) -> tuple[str, list[str]]:
    """The ``n``-th writer of ``stream``: a mix of the commands of the issue, each with a
    mark of its own so its record can be found afterwards."""
    mark = f"w{stream}n{n}"
    kind = ("add", "assess", "log", "pair", "concern")[(stream + n) % 5]
    return mark, {
        "add": ["add", "child", "--name", f"儿童{mark}"],
        "assess": ["assess", "C001", "低", "--notes", mark],
        "log": ["log", "P001", "谈心", "--summary", mark],
        "pair": ["pair", "C001", _helper(stream, n), "--start", "2026-10-01"],  # one pairing per helper
        "concern": ["concern", "C001", "other", "--notes", mark],
    }[kind]


def test_concurrent_mixed_writers_lose_nothing_and_never_share_an_id(make_records: Callable[..., Path]) -> None:
    """``STREAMS`` streams of writers at once (add child, assess, log, pair, concern):
    every process exits 0, every one's record is there exactly once, no id is given
    twice, and the records load without an error."""
    root = make_records({f"helpers/{_helper(s, n)}.yaml": f"id: {_helper(s, n)}\nname: 帮扶人{s}{n}\n"
                         for s in range(STREAMS) for n in range(PER_STREAM)})
    done: list[tuple[str, list[str], subprocess.CompletedProcess[str]]] = []
    guard = threading.Lock()

    def stream(s: int) -> None:
        for n in range(PER_STREAM):
            mark, args = _command(s, n)
            result = liushou(root, *args, LIUSHOU_LOCK_WAIT="300")
            with guard:
                done.append((mark, args, result))

    started = time.monotonic()
    workers = [threading.Thread(target=stream, args=(s,)) for s in range(STREAMS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    failed = [(args, r.returncode, r.stderr) for _, args, r in done if r.returncode != 0]
    assert failed == []
    assert len(done) == STREAMS * PER_STREAM

    said = {"add": [], "pair": []}  # the ids each process printed
    for _, args, result in done:
        if args[0] in said:
            said[args[0]].extend(re.findall(r"\b[CP]\d{3,}\b", result.stdout.split("→")[0]))
    children = sorted(p.stem for p in (root / "children").glob("*.yaml"))
    pairings = sorted(p.stem for p in (root / "pairings").glob("*.yaml"))
    added = [i for i in said["add"] if i.startswith("C")]
    paired = [i for i in said["pair"] if i.startswith("P")]
    assert len(added) == len(set(added)) == sum(1 for _, a, _ in done if a[0] == "add")
    assert len(paired) == len(set(paired)) == sum(1 for _, a, _ in done if a[0] == "pair")
    assert children == sorted(["C001", *added])
    assert pairings == sorted(["P001", *paired])

    records = load(root, cache=False)
    assert records.errors == []
    assert sorted(p.helpers[0] for pid, p in records.pairings.items() if pid != "P001") == sorted(
        _helper(int(m[1]), int(m.split("n")[1])) for m, a, _ in done if a[0] == "pair")
    names = sorted(c.name for c in records.children.values())
    assert names == sorted(["张小明", *(f"儿童{m}" for m, a, _ in done if a[0] == "add")])
    child = records.children["C001"]
    assert sorted(a.notes or "" for a in child.risk_assessments[1:]) == sorted(
        m for m, a, _ in done if a[0] == "assess")
    assert sorted(c.notes or "" for c in child.concerns) == sorted(m for m, a, _ in done if a[0] == "concern")
    rows = list(csv.DictReader(io.StringIO((root / "contacts" / "2026-11.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["summary"] for r in rows) == sorted(m for m, a, _ in done if a[0] == "log")
    assert temps(root) == []
    print(f"{STREAMS}x{PER_STREAM} writers in {elapsed:.1f}s")


def test_three_assess_at_once_all_land(make_records: Callable[..., Path]) -> None:
    """The issue's own case: three ``assess C001`` at once, three entries."""
    root = make_records()
    procs = [spawn(root, "assess", "C001", "high", "--notes", f"第{i}次") for i in range(3)]
    outcomes = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [code for code, _, _ in outcomes] == [0, 0, 0], outcomes
    child = load(root, cache=False).children["C001"]
    assert sorted(a.notes or "" for a in child.risk_assessments) == ["", "第0次", "第1次", "第2次"]


# waiting for, and giving up on, a holder -----------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from liushou_cli.records import lock
if sys.argv[2] != "kernel":
    lock.STRATEGIES = (sys.argv[2],)
with lock.records_lock(Path(sys.argv[1]), command="import"):
    print("held", flush=True)
    time.sleep(600)
"""


def _hold(root: Path, tmp_path: Path, strategy: str) -> subprocess.Popen[str]:
    script = tmp_path / "holder.py"
    script.write_text(HOLDER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(root), strategy], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env())
    assert proc.stdout is not None
    assert proc.stdout.readline() == "held\n", proc.stderr.read() if proc.stderr else ""
    return proc


@POSIX
def test_a_held_lock_is_waited_for_named_and_given_up_on_then_a_killed_holder_blocks_nobody(
        make_records: Callable[..., Path], tmp_path: Path) -> None:
    """While another process holds the lock a writer waits, says who holds it (pid,
    command, since when), and gives up after the wait with exit 2 and nothing written.
    Once that holder is SIGKILLed, the next writer goes straight through."""
    root = make_records()
    before = (root / "children" / "C001.yaml").read_bytes()
    holder = _hold(root, tmp_path, "kernel")
    try:
        started = time.monotonic()
        result = liushou(root, "assess", "C001", "high", LIUSHOU_LOCK_WAIT="4")
        waited = time.monotonic() - started
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    assert result.returncode == 2, result.stderr
    assert f"进程 {holder.pid}" in result.stderr and "命令 import" in result.stderr
    assert "正在等它写完" in result.stderr  # said while waiting, after a few seconds
    assert "4 秒仍未释放" in result.stderr and "LIUSHOU_LOCK_WAIT" in result.stderr
    assert 4 <= waited < 30
    assert (root / "children" / "C001.yaml").read_bytes() == before

    started = time.monotonic()
    result = liushou(root, "assess", "C001", "high", LIUSHOU_LOCK_WAIT="60")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 15  # no wait for the dead holder (process start-up only)
    assert "正在等" not in result.stderr


@POSIX
def test_the_lock_file_fallback_frees_a_killed_holders_lock(make_records: Callable[..., Path], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Where files cannot be locked (the fallback, forced here): a live holder's owner
    file keeps others out; once the holder is SIGKILLed its file is removed by the next
    writer, which then gets the lock at once."""
    root = make_records()
    holder = _hold(root, tmp_path, lock_mod.FILE)
    monkeypatch.setattr(lock_mod, "STRATEGIES", (lock_mod.FILE,))
    try:
        with pytest.raises(lock_mod.LockError) as info, lock_mod.records_lock(root, wait=0.5):
            pass
        assert info.value.key == "lock.err.busy" and info.value.args_["pid"] == str(holder.pid)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    started = time.monotonic()
    with lock_mod.records_lock(root, wait=5) as token:
        assert lock_mod.held(root) == token
        assert token in (root / ".liushou-cache" / lock_mod.OWNER_FILE).read_text(encoding="utf-8")
    assert time.monotonic() - started < 2
    assert not (root / ".liushou-cache" / lock_mod.OWNER_FILE).exists()  # released: removed


def test_an_owner_file_from_another_computer_is_never_broken(make_records: Callable[..., Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A holder on another computer cannot be asked whether it runs: its lock stands
    (the wait ends in ``LockError``), and its file is left as it was."""
    root = make_records()
    monkeypatch.setattr(lock_mod, "STRATEGIES", (lock_mod.FILE,))
    folder = root / ".liushou-cache"
    folder.mkdir()
    note = lock_mod.Holder(999_999_999, "another-pc", "log", "2026-11-23 08:00:00", "abc").note()
    (folder / lock_mod.OWNER_FILE).write_bytes(note)
    with pytest.raises(lock_mod.LockError) as info, lock_mod.records_lock(root, wait=0.3):
        pass
    assert info.value.args_["host"] == "another-pc"
    assert (folder / lock_mod.OWNER_FILE).read_bytes() == note


def test_a_dead_local_owner_and_a_half_written_one_are_broken(make_records: Callable[..., Path],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An owner file naming a process of this computer that no longer runs is removed at
    once; an empty one (its writer died between making and filling it) once it is old."""
    from liushou_cli.records.owner import host

    root = make_records()
    monkeypatch.setattr(lock_mod, "STRATEGIES", (lock_mod.FILE,))
    folder = root / ".liushou-cache"
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    owner = folder / lock_mod.OWNER_FILE
    owner.write_bytes(lock_mod.Holder(int(dead.stdout), host(), "log", "?", "x").note())
    with lock_mod.records_lock(root, wait=2):
        pass
    owner.write_bytes(b"")
    with pytest.raises(lock_mod.LockError), lock_mod.records_lock(root, wait=0.3):
        pass  # fresh and empty: perhaps being written this instant
    old = time.time() - 2 * lock_mod.BREAK_STALE_SECONDS
    os.utime(owner, (old, old))
    with lock_mod.records_lock(root, wait=2):
        pass


def test_a_file_system_without_locks_falls_back_to_the_owner_file(make_records: Callable[..., Path],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``flock`` refused (ENOLCK, as on some network drives): the owner file is used."""
    import errno
    import fcntl

    def no_locks(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    root = make_records()
    with lock_mod.records_lock(root, command="log"):
        note = lock_mod.Holder.parse((root / ".liushou-cache" / lock_mod.OWNER_FILE).read_bytes())
        assert note is not None and note.pid == os.getpid() and note.command == "log"


def test_the_lock_is_reentrant_and_a_plan_outside_it_is_refused(make_records: Callable[..., Path]) -> None:
    """Within one process the lock nests; a ChangeSet planned without it, or under an
    earlier hold of it, cannot be applied (``LockNotHeld``): every writer must take it."""
    from liushou_cli.records.write import ChangeSet

    root = make_records()
    outside = ChangeSet(root)
    outside.put_text("helpers/H009.yaml", "id: H009\nname: 甲\n")
    with lock_mod.records_lock(root) as token, lock_mod.records_lock(root) as again:
        assert token == again == lock_mod.held(root)
        with pytest.raises(lock_mod.LockNotHeld):
            outside.apply()
        earlier = ChangeSet(root)
        earlier.put_text("helpers/H009.yaml", "id: H009\nname: 甲\n")
    assert lock_mod.held(root) is None
    with lock_mod.records_lock(root), pytest.raises(lock_mod.LockNotHeld):
        earlier.apply()
    assert not (root / "helpers" / "H009.yaml").exists()


# Ctrl-C -------------------------------------------------------------------------------------------


def _roster(tmp_path: Path, rows: int) -> Path:
    lines = ["姓名,性别,出生日期,学校,班级,监护人,与儿童关系,联系电话"]
    lines += [f"学生{i:04d},{'男女'[i % 2]},2015/6/{i % 28 + 1},测试小学,三(1)班,家长{i},祖母,1370000{i:04d}"
              for i in range(rows)]
    path = tmp_path / "花名册.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


@POSIX
def test_ctrl_c_during_an_import_leaves_every_file_old_or_new_and_no_temp(make_records: Callable[..., Path],
                                                                           tmp_path: Path) -> None:
    """SIGINT the moment an import of many children starts writing: exit 130, a
    Chinese line saying so, and the records exactly as before (the files written are
    put back); no temp file is left, and the next run writes normally."""
    root = make_records()
    roster = _roster(tmp_path, 800)
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
              if p.is_file() and ".liushou-cache" not in p.parts}
    proc = spawn(root, "import", str(roster), "--yes")
    children = root / "children"
    deadline = time.monotonic() + 300
    while len(os.listdir(children)) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)  # the first new files: writing has begun
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
             if p.is_file() and ".liushou-cache" not in p.parts}
    assert proc.returncode == 130, (out, err)
    assert "已中断" in err and "Traceback" not in err
    assert after == before  # every file old: the change was put back whole
    assert temps(root) == []
    result = liushou(root, "import", str(roster), "--yes")
    assert result.returncode == 0, result.stderr
    assert len(list(children.glob("*.yaml"))) == 801


@POSIX
@pytest.mark.parametrize(("lang", "said"), [("zh", "已中断"), ("en", "Interrupted")])
def test_ctrl_c_at_a_prompt_exits_130_with_a_message(make_records: Callable[..., Path], lang: str, said: str) -> None:
    """``add child`` at a terminal asks for the name; Ctrl-C there is exit 130 (not 1,
    "problems found") with the message in the user's language, and nothing written."""
    import pty

    root = make_records()
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "liushou_cli", "add", "child", "--records", str(root),
                             "--today", TODAY, "--lang", lang],
                            stdin=slave, stdout=slave, stderr=subprocess.PIPE, text=True, env=env())
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while b":" not in seen and time.monotonic() < deadline:  # the prompt for the name
            seen += os.read(master, 1024)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 130, err
    assert said in err and "Aborted" not in err
    assert sorted(p.name for p in (root / "children").iterdir()) == ["C001.yaml"]


def test_ctrl_c_while_loading_exits_130(make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Wherever Ctrl-C lands inside a command (here: reading the records), exit 130."""
    from typer.testing import CliRunner

    from liushou_cli.cli.app import app
    from liushou_cli.records import load as load_mod

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(load_mod, "load", interrupted)
    result = CliRunner().invoke(app, ["check", "--records", str(make_records()), "--today", TODAY])
    assert result.exit_code == 130
    assert "已中断" in result.stderr


def test_ctrl_c_between_two_files_of_a_change_puts_all_back(make_records: Callable[..., Path],
                                                            locked: Callable[[Path], Path],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGINT arriving while a change is written is answered after the file being
    written, and the files already written are put back: old or new, never a mix."""
    from liushou_cli.records import write as write_mod
    from liushou_cli.records.write import ChangeSet

    root = locked(make_records())
    handler = signal.getsignal(signal.SIGINT)
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    changes = ChangeSet(root)
    for i in range(5):
        changes.put_text(f"helpers/H1{i:02d}.yaml", f"id: H1{i:02d}\nname: 帮扶人{i}\n")
    real = write_mod.atomic_write
    calls = 0

    def ctrl_c_during_the_second(path: Path, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            os.kill(os.getpid(), signal.SIGINT)  # lands mid-write: noted, answered after this file
        real(path, data)

    monkeypatch.setattr(write_mod, "atomic_write", ctrl_c_during_the_second)
    with pytest.raises(KeyboardInterrupt):
        changes.apply()
    assert calls == 2  # the second file was finished, then both were removed again (they were new)
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before
    assert signal.getsignal(signal.SIGINT) is handler


# temp files of outputs --------------------------------------------------------------------------------


def test_a_killed_tables_temp_file_is_swept_by_the_next_run(make_records: Callable[..., Path]) -> None:
    """Issue 13 finding 11: ``table``/``report`` killed mid-save left ``out/.liushou-*.xlsx``
    for ever. A temp file whose writer is dead is swept by the next run writing there;
    a live process's is not, nor anything else."""
    root = make_records()
    out = root / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    left = out / f".liushou-{tempfiles.host_tag()}-{int(dead.stdout)}-abcd1234.台账.xlsx.tmp"
    left.write_bytes(b"PK half a workbook")
    legacy = out / ".liushou-k2j4h5g6.xlsx"  # as versions before this one named it
    legacy.write_bytes(b"PK")
    old = time.time() - 2 * tempfiles.STALE_SECONDS
    os.utime(legacy, (old, old))
    fd, live = tempfiles.mkstemp(out, "report.docx")  # this process's, in progress
    os.close(fd)
    mine = out / "notes.tmp"
    mine.write_bytes(b"keep")
    result = liushou(root, "table", "roster", "-o", str(out / "儿童.xlsx"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(["儿童.xlsx", Path(live).name, "notes.tmp"])


def test_a_streamed_write_that_fails_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    """``atomic_stream`` (the .docx/.xlsx writers): an error inside the block, even
    half-way through the bytes, leaves the old file and no temp file; success
    replaces it whole, owner-only."""
    from liushou_cli.records.write import atomic_stream

    target = tmp_path / "out" / "总结.docx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_stream(target, private=True) as handle:
        handle.write(b"half of a new")
        raise RuntimeError("the template failed")
    assert target.read_bytes() == b"old"
    assert temps(tmp_path) == []
    with atomic_stream(target, private=True) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    assert temps(tmp_path) == []
    if sys.platform != "win32":
        assert target.stat().st_mode & 0o777 == 0o600


def test_two_processes_making_the_cache_folder_at_once_both_get_the_lock(make_records: Callable[..., Path],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The first two writers of a fresh records folder both create ``.liushou-cache``;
    the one whose ``mkdir`` comes second must take the folder the other made, not give up."""
    from liushou_cli.records import cache

    root = make_records()
    real = Path.mkdir

    def made_meanwhile(self: Path, *args: object, **kwargs: object) -> None:
        real(self, 0o700)  # the other process, a moment earlier
        real(self, *args, **kwargs)  # type: ignore[arg-type]  # ours: FileExistsError

    monkeypatch.setattr(Path, "mkdir", made_meanwhile)
    cache.private_folder(root / ".liushou-cache")
    monkeypatch.setattr(Path, "mkdir", real)
    with lock_mod.records_lock(root, wait=1):
        assert lock_mod.held(root) is not None
