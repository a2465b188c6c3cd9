"""Bad input never crashes: every command on every kind of damaged records folder.

"Crash" is what the issue forbids: an exception escaping a command, a traceback,
the error boundary's "内部错误" (internal error: a bug), an exit status other
than 0/1/2, a hang, or unbounded memory. ``check`` exits 1 when it finds errors
(that is its job); commands that cannot do theirs exit 2 with a Chinese message.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.load import load
from liushou_cli.records.yamlio import MAX_NODES, parse

TODAY = ("--today", "2026-11-23")
CRASH_MARKS = ("内部错误", "internal error", "Traceback")

READERS: dict[str, tuple[str, ...]] = {
    "check": ("check",),
    "due": ("due", "--all"),
    "explain": ("explain", "P001"),
    "remind": ("remind",),
    "report-md": ("report", "-f", "md", "-o", "{out}/r.md"),
    "report-docx": ("report", "-f", "docx", "-o", "{out}/r.docx"),
    "report-json": ("report", "-f", "json", "-o", "{out}/r.json"),
    "table": ("table", "pairings"),
}
WRITERS: dict[str, tuple[str, ...]] = {
    "log": ("log", "P001", "home_visit", "--date", "2026-11-20"),
    "add-child": ("add", "child", "--name", "李四", "--gender", "男", "--birth-date", "2016-01-01"),
    "add-helper": ("add", "helper", "--name", "王五", "--role", "aixin_mama"),
    "pair": ("pair", "C001", "H001", "--start", "2026-11-01"),
    "assess": ("assess", "C001", "高", "--date", "2026-11-20"),
    "concern": ("concern", "C001", "其他情形", "--date", "2026-11-20"),
    "leave": ("leave", "C001", "--reason", "转学", "--date", "2026-11-20"),
    "unpair": ("unpair", "P001", "--date", "2026-11-20"),
    "schema": ("schema",),
}
COMMANDS = {**READERS, **WRITERS}

CSV_HEADER = "date,pairing,kinds,helper,channel,minutes,summary\n"
CSV_ROW = "2026-09-20,P001,home_visit;guardian_contact,H001,in_person,60,家访\n"
CHILD = "id: C001\nname: 张小明\ngender: male\nbirth_date: 2016-03-12\nenrolled: 2026-09-01\n"
DEEP_BLOCK = "".join(" " * i + "a:\n" for i in range(10_000))  # 10,000 levels, ~50 MB
DEEP_FLOW = "x: " + "[" * 10_000 + "]" * 10_000 + "\n"
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)  # 9**10 = 3.5 billion leaves if expanded
EVIL = "!!python/object/apply:os.system ['touch {marker}']"


def crash_free(result: object, args: list[str]) -> str:
    """The output, after asserting the command ended the way the issue allows."""
    exc = getattr(result, "exception")  # noqa: B009
    out: str = getattr(result, "output")  # noqa: B009
    code: int = getattr(result, "exit_code")  # noqa: B009
    assert exc is None or isinstance(exc, SystemExit), f"{args}: {exc!r}"
    for mark in CRASH_MARKS:
        assert mark not in out, f"{args}:\n{out}"
    assert code in (0, 1, 2), (args, code, out)
    if code == 2:
        # a clear message, not silence; "Usage:" is the option parser's own (typer/click) wording
        assert any(mark in out for mark in ("liushou: ", "以下文件", "Usage:")), out
    return out


def invoke(runner: CliRunner, root: Path, name: str, out: Path) -> tuple[int, str]:
    args = ["--records", str(root), *(a.format(out=out) for a in COMMANDS[name])]
    if name != "schema":
        args += list(TODAY)
    result = runner.invoke(app, args)
    return result.exit_code, crash_free(result, args)


# ---- the damage ------------------------------------------------------------------


def _replace(rel: str, data: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        _remove(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return apply


def _remove(path: Path) -> None:
    if path.is_dir():
        for sub in sorted(path.rglob("*"), reverse=True):
            sub.rmdir() if sub.is_dir() else sub.unlink()
        path.rmdir()
    elif path.exists():
        path.unlink()


def _folder(rel: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        _remove(root / rel)
        (root / rel).mkdir(parents=True)

    return apply


DAMAGE: dict[str, Callable[[Path], None]] = {
    "program-empty": _replace("liushou.yaml", b""),
    "program-binary": _replace("liushou.yaml", bytes(range(256)) * 4),
    "program-bad-utf8": _replace("liushou.yaml", "program: 测试\n".encode() + b"\xff\xfe\xfa\n"),
    "program-gbk": _replace("liushou.yaml", "program: 测试项目\n".encode("gbk")),
    "program-utf16": _replace("liushou.yaml", "program: 测试项目\n".encode("utf-16")),
    "program-list": _replace("liushou.yaml", b"- 1\n- 2\n"),
    "program-wrong-types": _replace("liushou.yaml", b"program: [1]\nterms: 5\nduties: {a: 1}\n"),
    "program-terms-wrong": _replace(
        "liushou.yaml", b"program: x\nterms:\n  - {id: 1, name: [], start: x, end: 2026-01-01}\n  - 7\nduties: [1, {x: 2}]\n"
    ),
    "program-syntax": _replace("liushou.yaml", b"program: [unclosed\n  terms: {\n"),
    "program-conflict": _replace("liushou.yaml", b"<<<<<<< HEAD\nprogram: a\n=======\nprogram: b\n>>>>>>> x\n"),
    "program-deep": _replace("liushou.yaml", DEEP_FLOW.encode()),
    "program-laughs": _replace("liushou.yaml", LAUGHS.encode()),
    "program-folder": _folder("liushou.yaml"),
    "child-empty": _replace("children/C001.yaml", b""),
    "child-nul": _replace("children/C001.yaml", CHILD.encode() + b"\x00"),
    "child-gbk": _replace("children/C001.yaml", CHILD.encode("gbk")),
    "child-scalar": _replace("children/C001.yaml", b"just text\n"),
    "child-wrong-types": _replace(
        "children/C001.yaml",
        b"id: C001\nname: [1, 2]\ngender: 5\nbirth_date: {a: 1}\nguardian: 3\nrisk_assessments: 4\n"
        b"concerns: [1, x, {date: 2026-01-01, type: x, reported: 5}]\nenrolled: []\nleft: {date: x}\n",
    ),
    "child-id-list": _replace("children/C001.yaml", b"id: [C001]\nname: x\n"),
    "child-folder": _folder("children/C001.yaml"),
    "children-is-file": _replace("children", b"not a folder"),
    "helpers-is-file": _replace("helpers", b"not a folder"),
    "pairings-is-file": _replace("pairings", b"not a folder"),
    "contacts-is-file": _replace("contacts", b"not a folder"),
    "pairing-wrong-types": _replace("pairings/P001.yaml", b"id: P001\nchild: [C001]\nhelpers: H001\nstart: x\nduties: 5\n"),
    "helper-wrong-types": _replace("helpers/H001.yaml", b"id: H001\nname: {}\nrole: []\nphone: 13600000004\n"),
    "csv-folder": _folder("contacts/2026-09.csv"),
    "csv-ragged": _replace(
        "contacts/2026-09.csv",
        (CSV_HEADER + CSV_ROW + "2026-09-21,P001\n2026-09-22,P001,phone_call,H001,x,1,2,3,4\n").encode(),
    ),
    "csv-unknown-header": _replace("contacts/2026-09.csv", b"foo,bar,\xe6\x97\xa5\xe6\x9c\x9f\n1,2,3\n"),
    "csv-nul": _replace("contacts/2026-09.csv", (CSV_HEADER + CSV_ROW).encode() + b"\x00\x00"),
    "csv-big5": _replace("contacts/2026-09.csv", ("日期,結對,類型\n" + CSV_ROW.replace("家访", "家訪")).encode("big5")),  # GBK is read
    "csv-utf16": _replace("contacts/2026-09.csv", (CSV_HEADER + CSV_ROW).encode("utf-16")),
    "csv-open-quote": _replace("contacts/2026-09.csv", (CSV_HEADER + CSV_ROW + '2026-09-22,"P001\n').encode()),
    "csv-empty": _replace("contacts/2026-09.csv", b""),
    "csv-huge-number": _replace("contacts/2026-09.csv", (CSV_HEADER + "2026-09-22,P001,phone_call,H001,x," + "9" * 5000 + ",x\n").encode()),
    "csv-spreadsheet": _replace("contacts/2026-10.xlsx", b"PK\x03\x04 not really"),
}
# what ``check`` exits with when it is not 1 (an error found)
# a folder named like a month's contact file is an error: that month is left out (issue 13)
CHECK_EXIT = {"program-folder": 2, "csv-empty": 0, "csv-spreadsheet": 0}
REPRESENTATIVE = ("program-binary", "program-folder", "children-is-file", "child-wrong-types", "csv-nul", "csv-ragged")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", ["check", "due", "report-json", "log"])
def test_each_damage_never_crashes_the_core_commands(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, damage: str, command: str
) -> None:
    root = make_records()
    DAMAGE[damage](root)
    code, text = invoke(runner, root, command, out)
    if command == "check":  # check names the damage: an error (1) unless it is harmless or no records (2)
        assert code == CHECK_EXIT.get(damage, 1), text


@pytest.mark.parametrize("damage", REPRESENTATIVE)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_survives_representative_damage(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, damage: str, command: str
) -> None:
    root = make_records()
    DAMAGE[damage](root)
    invoke(runner, root, command, out)


# ---- the program file ------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(set(READERS) - {"check"}))
@pytest.mark.parametrize("damage", ["program-empty", "program-binary", "program-folder", "program-gone"])
def test_no_usable_program_file_is_exit_2_naming_it(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, command: str, damage: str
) -> None:
    root = make_records({"liushou.yaml": None} if damage == "program-gone" else None)
    if damage != "program-gone":
        DAMAGE[damage](root)
    code, text = invoke(runner, root, command, out)
    assert code == 2
    assert "liushou.yaml" in text


def test_a_file_where_a_folder_goes_is_named_by_check(runner: CliRunner, make_records: Callable[..., Path], out: Path) -> None:
    root = make_records()
    DAMAGE["children-is-file"](root)
    code, text = invoke(runner, root, "check", out)
    assert code == 1
    assert "children:1:1: 错误 unreadable: 无法读取文件：这里应是文件夹，却是一个文件" in text


@pytest.mark.parametrize(("damage", "command"), [("children-is-file", "add-child"), ("helpers-is-file", "add-helper"),
                                                  ("pairings-is-file", "pair"), ("contacts-is-file", "log")])
def test_writing_into_a_file_where_a_folder_goes_is_refused_cleanly(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, damage: str, command: str
) -> None:
    root = make_records()
    DAMAGE[damage](root)
    before = (root / damage.split("-")[0]).read_bytes()
    code, text = invoke(runner, root, command, out)
    assert code == 2
    assert "台账没有改动" in text or "已恢复原样" in text
    assert (root / damage.split("-")[0]).read_bytes() == before


# ---- tags, bombs, depth, size ------------------------------------------------------


@pytest.mark.parametrize("where", ["liushou.yaml", "children/C001.yaml", "pairings/P001.yaml"])
@pytest.mark.parametrize("command", ["check", "due", "report-md", "log"])
def test_python_tags_are_never_executed(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, out: Path, where: str, command: str
) -> None:
    marker = tmp_path / "executed"
    root = make_records()
    path = root / where
    path.write_text(path.read_text(encoding="utf-8") + f"notes: {EVIL.format(marker=marker)}\n", encoding="utf-8")
    code, text = invoke(runner, root, command, out)
    assert not marker.exists()
    if command == "check":
        assert code == 1
        assert "yaml-tag" in text and "python/object" in text


def test_a_tag_on_a_whole_document_is_a_problem_not_a_mapping() -> None:
    _, _, problems = parse("!!python/object:os.system {a: 1}\n", "x.yaml")
    assert [p.code for p in problems] == ["yaml-tag"]


T = TypeVar("T")


def _peak(func: Callable[[], T]) -> tuple[T, int]:
    tracemalloc.start()
    try:
        value = func()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_billion_laughs_is_refused_with_bounded_memory() -> None:
    (data, _, problems), peak = _peak(lambda: parse(LAUGHS, "liushou.yaml"))
    assert data is None
    assert [p.code for p in problems] == ["yaml-too-large"]
    assert problems[0].args["limit"] == MAX_NODES
    assert peak < 64 * 1024 * 1024


def test_too_many_nodes_are_refused_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the size limit but far past the node limit: refused before ruamel builds them all."""
    from liushou_cli.records import yamlio

    monkeypatch.setattr(yamlio, "MAX_NODES", 5_000)  # the same bound, cheaper to reach
    text = "x: [" + "1," * 100_000 + "1]\n"  # 200 KB
    (data, _, problems), peak = _peak(lambda: parse(text, "x.yaml"))
    assert data is None
    assert [p.code for p in problems] == ["yaml-too-large"]
    assert peak < 16 * 1024 * 1024  # ~3 MB; composing all 100,000 nodes first takes ~170 MB


@pytest.mark.parametrize("text", [DEEP_FLOW, "[" * 10_000, "{a: " * 10_000, "- " * 10_000 + "x\n"])
def test_ten_thousand_levels_are_refused_as_too_deep(text: str) -> None:
    (data, _, problems), peak = _peak(lambda: parse(text, "x.yaml"))
    assert data is None
    assert [p.code for p in problems] == ["yaml-too-deep"]  # "嵌套过深（超过 64 层）", not "nodes"
    assert peak < 32 * 1024 * 1024


def test_deep_block_nesting_in_a_record_is_an_error_not_a_crash(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": CHILD + "notes:\n" + DEEP_BLOCK[:200_000]})
    records = load(root, cache=False)
    codes = {p.code for p in records.problems if p.path == "children/C001.yaml"}
    assert codes == {"yaml-too-deep"}
    assert "C001" not in records.children


@pytest.mark.parametrize("shape", ["one-string", "many-keys", "long-list"])
def test_a_10_mb_record_is_refused_before_parsing(make_records: Callable[..., Path], shape: str) -> None:
    size = 10 * 1024 * 1024
    body = {
        "one-string": "notes: " + "长" * (size // 3),
        "many-keys": "".join(f"k{i}: v\n" for i in range(size // 8)),
        "long-list": "x: [" + "1," * (size // 2) + "1]\n",
    }[shape]
    root = make_records({"children/C001.yaml": CHILD + body})
    records, peak = _peak(lambda: load(root, cache=False))
    problems = [p for p in records.problems if p.path == "children/C001.yaml"]
    assert [p.code for p in problems] == ["unreadable"]
    assert "文件过大（超过 512 KB）" in problems[0].message
    assert peak < 100 * 1024 * 1024  # the bytes and the text once each; composing 10 MB took GBs


def test_a_file_past_the_read_limit_is_not_read_whole(make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from liushou_cli.records import bounded

    monkeypatch.setattr(bounded, "MAX_FILE_BYTES", 1024)
    monkeypatch.setattr(bounded.read_bounded, "__defaults__", (1024,))
    root = make_records({"contacts/2026-10.csv": CSV_HEADER + CSV_ROW * 100})
    records = load(root, cache=False)
    (problem,) = [p for p in records.problems if p.path == "contacts/2026-10.csv"]
    assert problem.code == "unreadable"
    assert "文件过大" in problem.message
    assert "contacts/2026-10.csv" in records.unreadable


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("where", ["children/C002.yaml", "contacts/2026-10.csv"])
def test_a_named_pipe_among_the_records_does_not_hang(make_records: Callable[..., Path], where: str) -> None:
    root = make_records()
    os.mkfifo(root / where)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(load(root, cache=False)), daemon=True)
    worker.start()
    worker.join(60)  # a guard so a regression fails instead of hanging the suite; not a timing
    if not done:
        with open(root / where, "wb"):  # let the stuck open() return, so the thread ends
            pass
    assert done, "load() blocked on a named pipe"
    if where.endswith(".yaml"):  # a record name: reported; among contacts only regular files are looked at
        problems = [p for p in done[0].problems if p.path == where]  # type: ignore[attr-defined]
        assert [p.code for p in problems] == ["unreadable"]
        assert "普通文件" in problems[0].message


# ---- permissions ------------------------------------------------------------------


def _make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; as root (who reads anything) the OS refusal is simulated at os.open."""
    if os.name == "posix" and os.geteuid() != 0:
        path.chmod(0)
        return
    real_open = os.open
    target = os.path.realpath(path)

    def refusing(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if isinstance(file, (str, os.PathLike)) and os.path.realpath(file) == target:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)


@pytest.mark.parametrize("where", ["liushou.yaml", "children/C001.yaml", "contacts/2026-09.csv"])
@pytest.mark.parametrize("command", ["check", "due", "report-md", "assess"])
def test_unreadable_files_are_named(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, monkeypatch: pytest.MonkeyPatch,
    where: str, command: str,
) -> None:
    root = make_records()
    _make_unreadable(root / where, monkeypatch)
    try:
        code, text = invoke(runner, root, command, out)
    finally:
        (root / where).chmod(stat.S_IRUSR | stat.S_IWUSR)
    if command == "check":
        assert code == 1
        assert f"{where}:1:1: 错误 unreadable" in text
    elif command == "due":
        assert code == 2, text
        assert where in text
    elif command == "report-md":  # refused: a report must not silently leave a file out
        assert where in text
        assert code == 2
    elif where == "children/C001.yaml":  # assess refuses to edit what it cannot read
        assert code == 1
        assert where in text


# ---- arguments ---------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["notadate", "2026-02-30", "", "2026-13-01", "\x00", "9" * 400])
@pytest.mark.parametrize("command", ["check", "due", "explain", "remind", "report-md", "table", "log", "assess"])
def test_a_bad_today_is_exit_2_in_chinese(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, bad: str, command: str
) -> None:
    root = make_records()
    args = ["--records", str(root), *(a.format(out=out) for a in COMMANDS[command]), "--today", bad]
    result = runner.invoke(app, args)
    text = crash_free(result, args)
    assert result.exit_code == 2
    assert "日期" in text


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("records", ["file", "missing", "empty-folder", "nul"])
def test_records_option_pointing_at_the_wrong_thing(
    runner: CliRunner, tmp_path: Path, out: Path, command: str, records: str
) -> None:
    target = {"file": tmp_path / "a.txt", "missing": tmp_path / "nope", "empty-folder": tmp_path / "empty",
              "nul": tmp_path / "a\x00b"}[records]
    if records == "file":
        target.write_text("x", encoding="utf-8")
    elif records == "empty-folder":
        target.mkdir()
    args = ["--records", str(target), *(a.format(out=out) for a in COMMANDS[command])]
    result = runner.invoke(app, args)
    crash_free(result, args)
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "../../etc/passwd"],
        ["explain", "\x00"],
        ["log", "P001", "no_such_kind"],
        ["log", "P001", "home_visit", "--minutes", "-5"],
        ["log", "P001", "home_visit", "--date", "2026-02-30"],
        ["add", "child", "--name", "", "--birth-date", "x"],
        ["assess", "C001", "extreme"],
        ["concern", "C001", "--reported-to", "镇派出所", "--index", "99"],
        ["pair", "C999", "H999"],
        ["unpair", "P999"],
        ["report", "--term", "no-such-term"],
        ["report", "-f", "pdf"],
        ["report", "--template", "{out}/missing.docx", "-o", "{out}/r.docx"],
        ["table", "nonsense"],
        ["due", "--by", "nonsense"],
        ["due", "--helper", "H999"],
        ["remind", "-o", "{records}/liushou.yaml"],
        ["report", "-f", "md", "-o", "{out}"],
    ],
)
def test_bad_arguments_end_cleanly(runner: CliRunner, make_records: Callable[..., Path], out: Path, args: list[str]) -> None:
    root = make_records()
    full = ["--records", str(root), *(a.format(out=out, records=root) for a in args), *TODAY]
    result = runner.invoke(app, full)
    crash_free(result, full)
    assert result.exit_code in (1, 2)


@pytest.mark.parametrize("template", [b"", b"\x00\xff garbage", b"{% for %}", b"PK\x03\x04broken zip", b"{{ undefined.attr.x }}"])
@pytest.mark.parametrize("suffix", [".md.j2", ".docx"])
def test_broken_report_templates_end_cleanly(
    runner: CliRunner, make_records: Callable[..., Path], out: Path, template: bytes, suffix: str
) -> None:
    root = make_records()
    path = out / f"t{suffix}"
    path.write_bytes(template)
    target = out / ("r.md" if suffix == ".md.j2" else "r.docx")
    args = ["--records", str(root), "report", "--template", str(path), "-o", str(target), *TODAY]
    result = runner.invoke(app, args)
    crash_free(result, args)


# ---- import ------------------------------------------------------------------------


def _zip_without_workbook() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "不是工作簿")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("花名册.xlsx", b"this is not a zip"),
        ("花名册.xlsx", b""),
        ("花名册.xlsx", b"PK\x03\x04" + b"\x00" * 64),
        ("花名册.xlsx", _zip_without_workbook()),
        ("花名册.csv", b""),
        ("花名册.csv", b"\x00\x01\x02\xff\xfe garbage"),
        ("花名册.csv", b"foo,bar\n1,2\n"),
        ("花名册.csv", "姓名,出生日期\n张三,2016-02-30\n".encode("utf-16")),
        ("花名册.xls", b"\xd0\xcf\x11\xe0 old"),
        ("花名册.txt", os.urandom(2048)),
    ],
)
def test_garbage_rosters_end_cleanly(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, name: str, data: bytes
) -> None:
    root = make_records()
    roster = tmp_path / "in" / name
    roster.parent.mkdir()
    roster.write_bytes(data)
    args = ["--records", str(root), "import", str(roster), "--yes", *TODAY]
    result = runner.invoke(app, args)
    crash_free(result, args)
    assert result.exit_code in (1, 2)


def test_a_ragged_gbk_roster_imports_what_it_can(runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path) -> None:
    root = make_records()
    roster = tmp_path / "花名册.csv"
    roster.write_bytes("姓名,性别\n张三\n李四,男,多余,多余\n".encode("gbk"))
    args = ["--records", str(root), "import", str(roster), "--yes", *TODAY]
    crash_free(runner.invoke(app, args), args)


def _xlsx(path: Path, merge: str | None = None, padding: int = 0) -> Path:
    """A real one-child roster, with a merged range or a huge zero-filled part added."""
    import openpyxl

    plain = path.with_suffix(".plain.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "性别", "出生日期"])
    sheet.append(["李四", "男", "2016-01-01"])
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if merge and item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="'
                                    + merge.encode() + b'"/></mergeCells>')
            target.writestr(item, data)
        if padding:
            with target.open("xl/media/padding.bin", "w") as handle:
                chunk = b"\0" * (1 << 20)
                for _ in range(padding // len(chunk)):
                    handle.write(chunk)
    return path


@pytest.mark.parametrize(("merge", "padding", "words"), [
    ("C3:Z100000", 0, "合并单元格"),  # 2.4 million cells openpyxl would make one by one
    (None, 300 * 1024 * 1024, "文件过大"),  # a zip bomb: ~300 KB that unzips to 300 MB
])
def test_xlsx_bombs_are_refused_before_opening(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, merge: str | None, padding: int, words: str
) -> None:
    root = make_records()
    roster = _xlsx(tmp_path / "花名册.xlsx", merge, padding)
    args = ["--records", str(root), "import", str(roster), "--dry-run", *TODAY]
    result = runner.invoke(app, args)
    text = crash_free(result, args)
    assert result.exit_code == 2
    assert words in text


def test_a_merged_title_row_still_imports(runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path) -> None:
    root = make_records()
    roster = _xlsx(tmp_path / "花名册.xlsx", "D1:F1")
    args = ["--records", str(root), "import", str(roster), "--dry-run", *TODAY]
    result = runner.invoke(app, args)
    crash_free(result, args)
    assert result.exit_code == 0, result.output
    assert "李四" in result.output


def test_import_into_a_children_file_is_refused_cleanly(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_records()
    DAMAGE["children-is-file"](root)
    roster = tmp_path / "花名册.csv"
    roster.write_bytes("姓名,性别,出生日期\n李四,男,2016-01-01\n".encode("gbk"))
    args = ["--records", str(root), "import", str(roster), "--yes", *TODAY]
    result = runner.invoke(app, args)
    text = crash_free(result, args)
    assert result.exit_code == 2
    assert "台账没有改动" in text
    assert (root / "children").read_bytes() == b"not a folder"


@pytest.mark.parametrize("kind", ["missing", "folder", "fifo"])
def test_roster_that_is_not_a_file(runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, kind: str) -> None:
    root = make_records()
    roster = tmp_path / "花名册.xlsx"
    if kind == "folder":
        roster.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes are POSIX")
        os.mkfifo(roster)
    args = ["--records", str(root), "import", str(roster), "--yes", *TODAY]
    result = runner.invoke(app, args)
    crash_free(result, args)
    assert result.exit_code == 2


# ---- --debug -----------------------------------------------------------------------

SECRET = "机密小名"


def _planted_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug deep in a command, in a frame whose locals hold a child's record."""
    from liushou_cli.duties import engine

    def compute_due(records: object, today: object) -> object:
        child = getattr(records, "children")["C001"]  # noqa: B009
        secret_name = child.name  # a local a traceback with locals would print
        raise RuntimeError(f"planted bug ({len(secret_name)})")

    monkeypatch.setattr(engine, "compute_due", compute_due)


def test_without_debug_a_bug_is_one_line_and_no_traceback(
    runner: CliRunner, make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_records({"children/C001.yaml": CHILD.replace("张小明", SECRET)})
    _planted_bug(monkeypatch)
    result = runner.invoke(app, ["--records", str(root), "due", *TODAY])
    assert result.exit_code == 2
    assert "内部错误" in result.output and "RuntimeError" in result.output
    assert "Traceback" not in result.output
    assert SECRET not in result.output


def test_debug_shows_the_traceback_without_local_variables(
    runner: CliRunner, make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_records({"children/C001.yaml": CHILD.replace("张小明", SECRET)})
    _planted_bug(monkeypatch)
    result = runner.invoke(app, ["--debug", "--records", str(root), "due", *TODAY])
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.output
    assert "compute_due" in result.output and "planted bug" in result.output
    assert SECRET not in result.output  # the local ``secret_name`` is not printed
    assert "13700000003" not in result.output


def test_debug_on_a_clean_error_adds_no_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--debug", "--records", str(tmp_path), "due"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.startswith("liushou:")


def test_the_console_script_prints_no_traceback_for_bad_input(tmp_path: Path) -> None:
    """The real process, not the test runner: stderr is the coordinator's terminal."""
    import subprocess

    root = tmp_path / "r"
    root.mkdir()
    (root / "liushou.yaml").write_bytes(LAUGHS.encode())
    done = subprocess.run(
        [sys.executable, "-m", "liushou_cli", "--records", str(root), "due", *TODAY],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "liushou.yaml" in done.stderr
