"""Issue 13: nothing overwritten, nothing written outside, bounded everything, reports
that never silently miss data. Each test plants the attack for real (a link, a FIFO, a
0644 cache, a lying zip, a template bomb, ``ulimit -f``) and fails without the fix.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.present.templating import Limits, TemplateLimit, limited_sandbox
from liushou_cli.records import cache as cache_mod
from liushou_cli.records import snapshot
from liushou_cli.records.bounded import check_docx, check_xlsx
from liushou_cli.records.load import load
from liushou_cli.records.outputs import OutputRefused, check_file, check_folder

TODAY = "2026-11-23"
NEAR_TERM_END = "2027-01-15"
posix_only = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and modes as POSIX has them")


def invoke(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


def files(root: Path) -> dict[str, bytes]:
    """Every record file's bytes (not the cache, not out/)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in (".liushou-cache", "out")}


# finding 2: -o never lands on records, links or devices --------------------------------

WRITERS = [
    ("report", "-f", "md"),
    ("report", "-f", "json"),
    ("due", "--csv"),
    ("due", "--json"),
    ("table", "roster"),
]
RECORD_TARGETS = ["children/C001.yaml", "contacts/2026-09.csv", "liushou.yaml", "helpers/H001.yaml",
                  "pairings/new.csv", "Children/C001.yaml", ".git/config", "templates/x.md", "reports/2026-autumn.md"]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("rel", RECORD_TARGETS)
def test_o_never_overwrites_a_record(command: tuple[str, ...], rel: str, make_records: Callable[..., Path],
                                     runner: CliRunner) -> None:
    root = make_records({".git/config": "[core]\n", "templates/x.md": "x\n", "reports/2026-autumn.md": "做法\n"})
    suffix = Path(rel).suffix
    if command[0] == "table":
        suffix_ok = suffix in (".csv", ".xlsx", ".docx")
    elif command[0] == "report":
        suffix_ok = {".md": "md", ".json": "json", ".docx": "docx"}.get(suffix, command[2]) == command[2]
    else:
        suffix_ok = True
    before = files(root)
    result = invoke(runner, *command, "--records", str(root), "--today", TODAY, "-o", str(root / rel))
    after = files(root)
    assert after == before
    if suffix_ok:
        assert result.exit_code == 2, result.output
        assert "不能写到" in result.stderr and "台账就从这里读取" in result.stderr
        assert "Traceback" not in result.output


@posix_only
@pytest.mark.parametrize("command", WRITERS[:4], ids=lambda c: " ".join(c))
def test_o_onto_a_link_leaves_the_link_and_its_target(command: tuple[str, ...], make_records: Callable[..., Path],
                                                      runner: CliRunner, tmp_path: Path) -> None:
    root = make_records()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("别人的文件\n", encoding="utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(elsewhere)
    result = invoke(runner, *command, "--records", str(root), "--today", TODAY, "-o", str(link))
    assert result.exit_code == 2 and "链接" in result.stderr
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "别人的文件\n"


@posix_only
def test_o_onto_a_fifo_or_dev_stdout_is_refused_not_replaced(make_records: Callable[..., Path], runner: CliRunner,
                                                             tmp_path: Path) -> None:
    root = make_records()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/stdout"), Path("/dev/null")):
        result = invoke(runner, "due", "--json", "--records", str(root), "--today", TODAY, "-o", str(target))
        assert result.exit_code == 2, (target, result.output)
        # /dev/stdout is a link to whatever fd 1 is here (a pipe, or pytest's file)
        assert ("不是普通文件" in result.stderr and "-o -" in result.stderr) or (
            target == Path("/dev/stdout") and "链接" in result.stderr)
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()
    for target in (fifo, tmp_path):  # a folder, where report would have failed on the rename
        result = invoke(runner, "report", "-f", "md", "--records", str(root), "--today", TODAY, "-o", str(target))
        assert result.exit_code == 2 and "不是普通文件" in result.stderr
    assert fifo.is_fifo()


def test_o_dash_is_standard_output(make_records: Callable[..., Path], runner: CliRunner, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_records()
    monkeypatch.chdir(tmp_path)
    due = invoke(runner, "due", "--json", "--records", str(root), "--today", TODAY, "-o", "-")
    assert due.exit_code in (0, 1) and '"as_of": "2026-11-23"' in due.stdout
    table = invoke(runner, "table", "roster", "--records", str(root), "--today", TODAY, "-o", "-")
    assert table.exit_code == 0 and "张小明" in table.stdout
    report = invoke(runner, "report", "--records", str(root), "--today", TODAY, "-o", "-")
    assert report.exit_code == 0 and report.stdout.startswith("# ")
    remind = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END, "-o", "-")
    assert remind.exit_code == 0 and "严万莲" in remind.stdout
    docx = invoke(runner, "report", "-f", "docx", "--records", str(root), "--today", TODAY, "-o", "-")
    assert docx.exit_code == 2 and "屏幕" in docx.stderr
    assert not (tmp_path / "-").exists() and not (root / "-").exists()


def test_english_refusal(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = make_records()
    result = invoke(runner, "report", "-f", "md", "--lang", "en", "--records", str(root), "--today", TODAY,
                    "-o", str(root / "children" / "C001.yaml"))
    assert result.exit_code == 2 and "the records are read from there" in result.stderr


def test_ordinary_targets_still_work(make_records: Callable[..., Path], runner: CliRunner, tmp_path: Path) -> None:
    root = make_records()
    for target in (root / "out" / "r.md", tmp_path / "elsewhere" / "r.md", root / "reports" / "r.docx"):
        result = invoke(runner, "report", "--records", str(root), "--today", TODAY, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert target.is_file()


# finding 3: links lead no write outside the records ----------------------------------------


@posix_only
def test_a_linked_out_folder_receives_nothing(make_records: Callable[..., Path], runner: CliRunner,
                                              tmp_path: Path) -> None:
    root = make_records()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "out").symlink_to(elsewhere)
    report = invoke(runner, "report", "--records", str(root), "--today", TODAY)
    assert report.exit_code == 2 and "链接" in report.stderr
    table = invoke(runner, "table", "roster", "--records", str(root), "--today", TODAY,
                   "-o", str(root / "out" / "t.csv"))
    assert table.exit_code == 2
    remind = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END, "-o", str(root / "out"))
    assert remind.exit_code == 2
    assert list(elsewhere.iterdir()) == []


@posix_only
def test_a_linked_folder_inside_out_leading_to_records_is_refused(make_records: Callable[..., Path],
                                                                  runner: CliRunner) -> None:
    root = make_records()
    (root / "out").mkdir()
    (root / "out" / "kids").symlink_to(root / "children")
    before = files(root)
    result = invoke(runner, "report", "-f", "md", "--records", str(root), "--today", TODAY,
                    "-o", str(root / "out" / "kids" / "C001.yaml"))
    assert result.exit_code == 2 and files(root) == before


@posix_only
def test_a_linked_cache_folder_is_replaced_never_written_through(make_records: Callable[..., Path],
                                                                 tmp_path: Path) -> None:
    root = make_records()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".liushou-cache").symlink_to(elsewhere)
    load(root)
    assert list(elsewhere.iterdir()) == []
    folder = root / ".liushou-cache"
    assert folder.is_dir() and not folder.is_symlink() and (folder / cache_mod.FILE).is_file()


@posix_only
def test_a_dangling_gitignore_link_in_the_cache_is_repaired(make_records: Callable[..., Path],
                                                            tmp_path: Path) -> None:
    root = make_records()
    load(root)
    ignore = root / ".liushou-cache" / ".gitignore"
    target = tmp_path / "created-by-a-link"
    ignore.unlink()
    ignore.symlink_to(target)
    (root / "children" / "C002.yaml").write_text((root / "children" / "C001.yaml").read_text(encoding="utf-8")
                                                 .replace("C001", "C002"), encoding="utf-8")
    load(root)
    assert not target.exists()
    assert not ignore.is_symlink() and ignore.read_text(encoding="utf-8").endswith("*\n")


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_missing_or_empty_gitignore_is_written_again(state: str, make_records: Callable[..., Path]) -> None:
    root = make_records()
    load(root)
    ignore = root / ".liushou-cache" / ".gitignore"
    if state == "missing":
        ignore.unlink()
    else:
        ignore.write_text("", encoding="utf-8")
    (root / "children" / "C001.yaml").write_text(GOOD_CHILD_EDITED, encoding="utf-8")
    load(root)
    assert ignore.read_text(encoding="utf-8").endswith("*\n")


GOOD_CHILD_EDITED = """\
id: C001
name: 张小明
gender: male
birth_date: 2016-03-12
school: 测试小学
class: 四(3)班
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01
consent: {date: 2026-09-01, by: 王桂兰}
"""


# findings 4-6: the cache holds only what exists, only for its owner ------------------------


def _cache_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (root / ".liushou-cache").glob("*.pickle"))


def _age(root: Path) -> None:
    """Every record file as if written long ago: its cache entry is trusted (not racy)."""
    old = time.time() - 3600
    for path in root.rglob("*"):
        if path.is_file() and ".liushou-cache" not in path.parts:
            os.utime(path, (old, old))


def test_a_deleted_child_is_gone_from_cache_and_snapshot(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C002.yaml": GOOD_CHILD_EDITED.replace("C001", "C002")
                         .replace("张小明", "李秘密").replace("13700000003", "13912345678")})
    _age(root)
    load(root)
    load(root)  # the snapshot made and used
    assert "李秘密".encode() in _cache_bytes(root)
    (root / "children" / "C002.yaml").unlink()
    for _ in range(2):
        records = load(root)
        assert "C002" not in records.children
        data = _cache_bytes(root)
        assert "李秘密".encode() not in data and b"13912345678" not in data


def test_a_removed_big_csv_no_longer_weighs_on_the_cache(make_records: Callable[..., Path]) -> None:
    rows = "".join(f"2026-10-{1 + i % 28:02d},P001,home_visit,H001,in_person,30,第{i}次\n" for i in range(20000))
    root = make_records({"contacts/2026-10.csv": "date,pairing,kinds,helper,channel,minutes,summary\n" + rows})
    _age(root)
    load(root)
    big = (root / ".liushou-cache" / cache_mod.FILE).stat().st_size
    (root / "contacts" / "2026-10.csv").unlink()
    load(root)
    assert (root / ".liushou-cache" / cache_mod.FILE).stat().st_size < big / 20


def test_a_renamed_file_leaves_no_row_under_its_old_name(make_records: Callable[..., Path]) -> None:
    root = make_records()
    _age(root)
    load(root)
    (root / "helpers" / "H001.yaml").rename(root / "helpers" / "H001.yml")
    load(root)
    store = cache_mod.Cache.open(root)
    assert "helpers/H001.yaml" not in store.old and "helpers/H001.yml" in store.old


@posix_only
def test_a_world_readable_cache_is_replaced_not_appended(make_records: Callable[..., Path]) -> None:
    root = make_records()
    _age(root)
    load(root)
    path = root / ".liushou-cache" / cache_mod.FILE
    path.chmod(0o644)
    inode = path.stat().st_ino
    assert cache_mod.Cache.open(root).old == {}  # not read
    (root / "children" / "C001.yaml").write_text(GOOD_CHILD_EDITED, encoding="utf-8")
    load(root)
    info = path.stat()
    assert info.st_mode & 0o777 == 0o600 and info.st_ino != inode
    assert cache_mod.Cache.open(root).old  # ours again, and used


@posix_only
def test_an_open_cache_folder_is_closed_and_not_read_before(make_records: Callable[..., Path]) -> None:
    root = make_records()
    _age(root)
    load(root)
    (root / ".liushou-cache").chmod(0o755)
    assert cache_mod.Cache.open(root).old == {}
    (root / "children" / "C001.yaml").write_text(GOOD_CHILD_EDITED, encoding="utf-8")
    load(root)
    assert (root / ".liushou-cache").stat().st_mode & 0o777 == 0o700


@posix_only
@pytest.mark.parametrize("name", [cache_mod.FILE, snapshot.FILE])
def test_a_fifo_in_place_of_a_cache_file_hangs_nothing(name: str, make_records: Callable[..., Path]) -> None:
    root = make_records()
    load(root)
    path = root / ".liushou-cache" / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    started = time.monotonic()
    process = subprocess.run([sys.executable, "-m", "liushou_cli", "check", "--records", str(root),
                              "--today", TODAY], capture_output=True, text=True, timeout=60, check=False)
    assert time.monotonic() - started < 30
    assert process.returncode == 0, process.stderr


@posix_only
def test_a_cache_of_another_user_is_not_read(make_records: Callable[..., Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_records()
    load(root)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(root).st_uid + 1)
    assert cache_mod.Cache.open(root).old == {}


# finding 7: a records folder linked out is refused at once ---------------------------------


@posix_only
@pytest.mark.parametrize("folder", ["contacts", "children"])
def test_a_records_folder_linked_to_root_is_refused_not_walked(folder: str, make_records: Callable[..., Path],
                                                               runner: CliRunner) -> None:
    root = make_records({f"{folder}/{'2026-09.csv' if folder == 'contacts' else 'C001.yaml'}": None})
    real = root / folder
    if real.exists():
        for child in real.iterdir():
            child.unlink()
        real.rmdir()
    real.symlink_to("/")
    started = time.monotonic()
    result = invoke(runner, "check", "--records", str(root), "--today", TODAY)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1 and f"{folder}:1:1:" in result.stdout + result.stderr
    assert "内部错误" not in result.output
    report = invoke(runner, "report", "-f", "md", "--records", str(root), "--today", TODAY)
    assert report.exit_code == 2 and f"{folder}:1:1:" in report.stderr


# finding 8: a zip that lies about its size ---------------------------------------------------


def _lying_zip(path: Path, member: str, real: int, declared: int = 100) -> None:
    """A zip whose one member inflates to ``real`` bytes but declares ``declared``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b"<a/>" + b" " * (real - 4))
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, declared)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, declared)
    path.write_bytes(bytes(data))


def test_an_xlsx_that_understates_its_size_is_refused_by_what_it_inflates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from liushou_cli.records import bounded

    monkeypatch.setattr(bounded, "MAX_XLSX_UNZIPPED", 8 * 1024 * 1024)
    lying = tmp_path / "roster.xlsx"
    _lying_zip(lying, "xl/worksheets/sheet1.xml", 12 * 1024 * 1024, declared=100)
    assert zipfile.ZipFile(lying).infolist()[0].file_size == 100  # the header's claim
    with pytest.raises(OSError, match="文件过大"):
        bounded.check_xlsx(lying)
    small_lie = tmp_path / "small.xlsx"  # within the limit, but more than it declares
    _lying_zip(small_lie, "xl/worksheets/sheet1.xml", 200_000, declared=100)
    with pytest.raises(OSError):
        check_xlsx(small_lie)


def test_a_lying_docx_template_is_refused(make_records: Callable[..., Path], runner: CliRunner,
                                          tmp_path: Path) -> None:
    root = make_records()
    template = tmp_path / "t.docx"
    _lying_zip(template, "word/document.xml", 300_000, declared=100)
    with pytest.raises(OSError):
        check_docx(template)
    result = invoke(runner, "report", "--records", str(root), "--today", TODAY, "--template", str(template),
                    "-o", str(root / "out" / "r.docx"))
    assert result.exit_code == 2 and "内部错误" not in result.output


def test_an_honest_workbook_passes(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["姓名", "性别"])
    book.active.append(["张小明", "男"])
    path = tmp_path / "ok.xlsx"
    book.save(path)
    check_xlsx(path)


# finding 9: template bombs ---------------------------------------------------------------

BOMBS = {
    "string times": "{{ ('x' * 2000000000)|length }}",
    "nested range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "nested string loops": "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "center": "{{ 'x'|center(2000000000) }}",
    "ljust": "{{ 'x'.ljust(2000000000) }}",
    "format width": "{{ '{:>2000000000}'.format(1) }}",
    "replace": "{% set s = 'x' * 1000000 %}{{ s|replace('x', s)|length }}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                "{% endfor %}{{ ns.s|length }}",
    "power": "{{ 9 ** 99999999 }}",
    "list times": "{{ ([1] * 2000000000)|length }}",
    "output": "{% for i in range(100000) %}{{ 'y' * 1000000 }}{% endfor %}",
}


@pytest.mark.parametrize("source", list(BOMBS.values()), ids=list(BOMBS))
def test_template_bombs_stop_within_limits(source: str) -> None:
    env = limited_sandbox(Limits(seconds=1.0, output_chars=16 * 1024 * 1024))()
    started = time.monotonic()
    with pytest.raises(TemplateLimit):
        env.from_string(source).render()
    assert time.monotonic() - started < 5


def test_a_limited_template_still_does_what_templates_do() -> None:
    env = limited_sandbox()(autoescape=True)
    text = env.from_string("{% for x in xs %}{{ loop.index }}/{{ loop.length }}:{{ x|upper }} {% endfor %}"
                           "{{ '-' * 3 }}{{ 'a' ~ 'b' }}{{ '{}!'.format('ok') }}{{ xs|join(',') }}").render(xs=["a", "b"])
    assert text == "1/2:A 2/2:B ---ab" + "ok!" + "a,b"


def test_a_report_template_bomb_is_a_clear_error(make_records: Callable[..., Path], runner: CliRunner,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from liushou_cli.present import templating

    monkeypatch.setattr(templating, "LIMITS", Limits(seconds=1.0))
    root = make_records({"templates/term_report.md.j2": BOMBS["nested range"]})
    result = invoke(runner, "report", "-f", "md", "--records", str(root), "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert "模板运行超过 1 秒" in result.stderr and "内部错误" not in result.output
    assert not (root / "out").exists() or list((root / "out").iterdir()) == []


def test_a_remind_template_bomb_is_a_clear_error(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = make_records({"templates/remind.txt.j2": BOMBS["string times"]})
    result = invoke(runner, "remind", "--records", str(root), "--today", NEAR_TERM_END)
    assert result.exit_code == 2 and "4 MB" in result.stderr and "内部错误" not in result.output


@posix_only
def test_a_fifo_as_a_template_hangs_nothing(make_records: Callable[..., Path]) -> None:
    root = make_records()
    (root / "templates").mkdir()
    os.mkfifo(root / "templates" / "remind.txt.j2")
    process = subprocess.run([sys.executable, "-m", "liushou_cli", "remind", "--records", str(root),
                              "--today", NEAR_TERM_END], capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode in (0, 2) and "Traceback" not in process.stderr  # ended: the pipe is not waited on


# finding 10: write errors are messages, exit 2 ------------------------------------------------


def _limited(size: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@posix_only
@pytest.mark.parametrize("args", [["table", "roster", "-o", "t.xlsx"], ["table", "pairings", "-o", "t.docx"],
                                  ["report", "-o", "r.docx"], ["report", "-f", "md", "-o", "r.md"],
                                  ["due", "--json", "-o", "d.json"]], ids=lambda a: " ".join(a[:2]))
def test_ulimit_f_while_writing_is_a_clear_error(args: list[str], tmp_path: Path) -> None:
    root = tmp_path / "records"
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "benchmarks" / "generate.py"), str(root),
                    "--children", "60"], check=True, capture_output=True)
    target = tmp_path / "out" / args[-1]
    target.parent.mkdir()
    target.write_bytes(b"old")
    process = subprocess.run([sys.executable, "-m", "liushou_cli", *args[:-1], str(target), "--records", str(root),
                              "--today", TODAY], capture_output=True, text=True, timeout=120, check=False,
                             preexec_fn=_limited(3000))
    assert process.returncode == 2, process.stderr
    assert "无法写入" in process.stderr and "内部错误" not in process.stderr
    assert target.read_bytes() == b"old"  # what was there is untouched
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp left


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EFBIG", "EACCES"])
def test_every_write_error_is_worded(errno_name: str, make_records: Callable[..., Path], runner: CliRunner,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from liushou_cli.records import atomic as atomic_mod

    def fail(handle: object, data: bytes) -> None:
        raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)))

    monkeypatch.setattr(atomic_mod, "_write", fail)
    root = make_records()
    result = invoke(runner, "due", "--csv", "--records", str(root), "--today", TODAY, "-o", str(root / "out" / "d.csv"))
    assert result.exit_code == 2
    words = {"ENOSPC": "磁盘已满", "EFBIG": "文件超过了系统允许的大小", "EACCES": "没有写入权限"}
    assert words[errno_name] in result.stderr


# finding 13: reports and tables refuse when data is left out ---------------------------------


@pytest.mark.parametrize("command", [("report", "-f", "md"), ("table", "roster")], ids=lambda c: c[0])
@pytest.mark.parametrize("damage", ["ragged row", "folder for a child", "folder for a month", "duplicate id",
                                    "bad row"])
def test_reports_refuse_when_an_error_leaves_data_out(command: tuple[str, ...], damage: str,
                                                      make_records: Callable[..., Path], runner: CliRunner,
                                                      tmp_path: Path) -> None:
    root = make_records()
    where = ""
    if damage == "ragged row":
        with open(root / "contacts" / "2026-09.csv", "a", encoding="utf-8") as handle:
            handle.write("2026-09-21,P001,home_visit,H001,in_person,30,家访,多出来的一格\n")
        where = "contacts/2026-09.csv:3:"
    elif damage == "bad row":
        with open(root / "contacts" / "2026-09.csv", "a", encoding="utf-8") as handle:
            handle.write("2026-09-31,P001,home_visit,H001,in_person,30,家访\n")
        where = "contacts/2026-09.csv:3:"
    elif damage == "folder for a child":
        (root / "children" / "C002.yaml").mkdir()
        where = "children/C002.yaml:1:1:"
    elif damage == "folder for a month":
        (root / "contacts" / "2026-10.csv").mkdir()
        where = "contacts/2026-10.csv:1:1:"
    else:
        (root / "children" / "C009.yaml").write_text(
            (root / "children" / "C001.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        where = "children/C009.yaml:1:"
    target = tmp_path / ("r.md" if command[0] == "report" else "t.csv")
    result = invoke(runner, *command, "--records", str(root), "--today", TODAY, "-o", str(target))
    assert result.exit_code == 2, result.output
    assert where in result.stderr
    assert not target.exists()


def test_a_warning_leaves_nothing_out_so_the_report_is_made(make_records: Callable[..., Path], runner: CliRunner,
                                                            tmp_path: Path) -> None:
    root = make_records({"children/notes.txt": "说明\n", "contacts/old.xlsx": "x"})
    (root / "children" / "archive").mkdir()
    result = invoke(runner, "report", "-f", "md", "--records", str(root), "--today", TODAY,
                    "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 0, result.output


def test_check_names_a_folder_where_a_record_should_be(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = make_records()
    (root / "children" / "C002.yaml").mkdir()
    result = invoke(runner, "check", "--records", str(root), "--today", TODAY)
    assert result.exit_code == 1 and "children/C002.yaml:1:1:" in result.stdout + result.stderr


# the one module --------------------------------------------------------------------------


def test_check_file_and_folder_directly(make_records: Callable[..., Path], tmp_path: Path) -> None:
    root = make_records()
    for rel in ("liushou.yaml", "LIUSHOU.YAML", "children/x.md", "contacts/a/b.csv", ".liushou-cache/x"):
        with pytest.raises(OutputRefused):
            check_file(root / rel, root)
    check_file(root / "out" / "x.md", root)
    check_file(root / "reports" / "x.docx", root)
    check_file(tmp_path / "anywhere.md", root)
    for rel in ("", "children", "templates"):
        with pytest.raises(OutputRefused):
            check_folder(root / rel if rel else root, root)
    check_folder(root / "out" / "remind", root)


def test_the_cache_key_covers_the_module_that_decides_on_its_folder() -> None:
    assert cache_mod.PACKAGE / "records" / "outputs.py" in cache_mod.source_files()


def test_the_writer_of_outputs_checks_the_place_itself(tmp_path: Path) -> None:
    """``present.files`` refuses a link put at the target after the command's own check
    (the report is rendered in between), and leaves what the link points at as it was."""
    from liushou_cli.present.files import file_stream, write_file

    record = tmp_path / "C001.yaml"
    record.write_bytes(b"id: C001\n")
    link = tmp_path / "out.csv"
    try:
        link.symlink_to(record)
    except OSError:
        pytest.skip("no symbolic links here")
    with pytest.raises(OutputRefused):
        write_file(link, b"report", None)
    with pytest.raises(OutputRefused), file_stream(link, None) as handle:
        handle.write(b"report")
    assert record.read_bytes() == b"id: C001\n" and link.is_symlink()
    plain = tmp_path / "plain.csv"
    write_file(plain, b"report", None)
    assert plain.read_bytes() == b"report"
