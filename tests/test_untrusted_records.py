"""Records that could not all be read: reports and tables refuse (exit 2) and say where
each file is broken; write commands refuse a broken liushou.yaml and write nothing;
the depth limit of a YAML document has its own wording."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.load import load
from liushou_cli.records.yamlio import MAX_DEPTH, MAX_NODES, parse

TODAY = "2026-11-23"
BROKEN_CHILD = "id: C009\nname: [broken\n"
BROKEN_PROGRAM = "program: 测试项目\nterms: [\n"


def located(runner: CliRunner, root: Path, path: str) -> list[str]:
    """``path:line:col: message`` of every error ``liushou check`` places in ``path``."""
    result = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY])
    found = []
    for line in result.stdout.splitlines():
        if line.startswith(f"{path}:") and " 错误 " in line:
            where, rest = line.split(" 错误 ", 1)
            found.append(f"{where} {rest.split(': ', 1)[1]}")
    assert found, result.stdout
    return found


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the records (the cache aside), with its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".liushou-cache" not in p.parts
    }


# 2. report and table refuse records that were not all read -----------------------------

OUTPUTS = {
    "report-md": ["report", "-f", "md", "-o", "{out}/r.md"],
    "report-docx": ["report", "-o", "{out}/r.docx"],
    "report-json": ["report", "-f", "json"],
    "table-stdout": ["table", "roster"],
    "table-csv": ["table", "pairings", "-o", "{out}/t.csv"],
    "table-xlsx": ["table", "handover", "-o", "{out}/t.xlsx"],
}


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_a_broken_child_file_refuses_report_and_table(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, command: str
) -> None:
    root = make_records({"children/C009.yaml": BROKEN_CHILD})
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(out=out) for a in OUTPUTS[command]]
    result = runner.invoke(app, [*args, "--records", str(root), "--today", TODAY])
    assert result.exit_code == 2, result.output
    for where in located(runner, root, "children/C009.yaml"):  # path:line:col: message
        assert where in result.stderr
    assert "    提示: " in result.stderr
    assert "读不出来" in result.stderr and "没有" in result.stderr
    assert result.stdout == ""
    assert list(out.iterdir()) == [] and not (root / "out").exists()  # nothing written anywhere


def test_the_same_records_fixed_give_the_report(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_records({"children/C009.yaml": BROKEN_CHILD})
    (root / "children" / "C009.yaml").unlink()
    result = runner.invoke(app, ["report", "-f", "md", "-o", str(tmp_path / "r.md"), "--records", str(root),
                                 "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.md").is_file()


def test_a_record_with_an_invalid_required_value_is_left_out_so_refused(
    runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    """``enrolled: 九月`` keeps the child out of the counts: the roster would be one short."""
    from conftest import GOOD_CHILD

    root = make_records({"children/C001.yaml": GOOD_CHILD.replace("enrolled: 2026-09-01", "enrolled: 九月")})
    result = runner.invoke(app, ["table", "roster", "--records", str(root), "--today", TODAY])
    assert result.exit_code == 2
    assert any(w in result.stderr for w in located(runner, root, "children/C001.yaml"))
    assert "张小明" not in result.stdout


def test_an_invalid_optional_value_is_listed_and_the_child_counted(
    runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    """``gender: 男孩`` is read as no gender (issue 12): the roster has the child, and says
    which value it went without."""
    from conftest import GOOD_CHILD

    root = make_records({"children/C001.yaml": GOOD_CHILD.replace("gender: male", "gender: 男孩")})
    result = runner.invoke(app, ["table", "roster", "--records", str(root), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "张小明" in result.stdout
    assert "children/C001.yaml:3:9: gender：不能写 男孩" in result.stderr


@pytest.mark.parametrize("command", ["report", "table", "due", "remind"])
def test_a_file_where_the_children_folder_should_be(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, command: str
) -> None:
    """Nothing under children/ was read: every command that presents records says so, exit 2."""
    root = make_records()
    shutil.rmtree(root / "children")
    (root / "children").write_text("not a folder\n", encoding="utf-8")
    args = {"report": ["report", "-f", "md", "-o", str(tmp_path / "r.md")], "table": ["table", "roster"],
            "due": ["due"], "remind": ["remind"]}[command]
    result = runner.invoke(app, [*args, "--records", str(root), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "children" in result.stderr
    if command in ("report", "table"):
        assert "children:1:1: " in result.stderr
        assert not (tmp_path / "r.md").exists()


def test_a_broken_programme_is_located_for_the_report(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_records({"liushou.yaml": BROKEN_PROGRAM})
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "r.md"), "--records", str(root), "--today", TODAY])
    assert result.exit_code == 2
    for where in located(runner, root, "liushou.yaml"):
        assert where in result.stderr


def test_refusal_in_english(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C009.yaml": BROKEN_CHILD})
    result = runner.invoke(app, ["table", "roster", "--records", str(root), "--lang", "en"])
    assert result.exit_code == 2
    assert "1 file(s) could not be read and the table would leave out what they hold" in result.stderr


# 3. write commands refuse a broken liushou.yaml and write nothing ------------------------

WRITES = {
    "add-child": ["add", "child", "--name", "李小红", "--gender", "female", "--birth-date", "2016-05-01"],
    "add-helper": ["add", "helper", "--name", "王老师", "--role", "teacher"],
    "pair": ["pair", "C001", "H001", "--start", "2026-11-01"],
    "unpair": ["unpair", "P001", "--date", "2026-11-20"],
    "log": ["log", "P001", "talk", "--date", "2026-11-20"],
    "assess": ["assess", "C001", "low", "--date", "2026-11-20"],
    "concern": ["concern", "C001", "neglect", "--date", "2026-11-20"],
    "leave": ["leave", "C001", "--date", "2026-11-20", "--reason", "transferred"],
    "import": ["import", "{roster}", "--yes"],
}


@pytest.mark.parametrize("program", ["syntax", "schema", "binary"])
@pytest.mark.parametrize("command", sorted(WRITES))
def test_write_commands_refuse_a_broken_programme(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, command: str, program: str
) -> None:
    text = {"syntax": BROKEN_PROGRAM, "schema": "program: 测试项目\nterms: 3\n", "binary": ""}[program]
    root = make_records({"liushou.yaml": text})
    if program == "binary":
        (root / "liushou.yaml").write_bytes(b"\x00\xff\xfeprogram: \x89PNG\r\n\x1a\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,性别,出生日期\n李小红,女,2016-05-01\n", encoding="utf-8")
    before = snapshot(root)
    args = [a.format(roster=roster) for a in WRITES[command]]
    result = runner.invoke(app, [*args, "--records", str(root), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "liushou: liushou.yaml 读不出来，没有写入任何文件" in result.stderr
    for where in located(runner, root, "liushou.yaml"):
        assert where in result.stderr
    assert snapshot(root) == before


def test_write_commands_still_work_on_a_good_programme(
    runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    root = make_records()
    result = runner.invoke(app, [*WRITES["log"], "--records", str(root), "--today", TODAY])
    assert result.exit_code == 0, result.output


# 4. too deep is not "too many nodes" ------------------------------------------------------


def test_depth_has_its_own_code_and_words() -> None:
    _, _, problems = parse("x: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "x.yaml")
    assert [p.code for p in problems] == ["yaml-too-deep"]
    assert problems[0].message == f"嵌套过深（超过 {MAX_DEPTH} 层）"
    assert "节点" not in problems[0].message and problems[0].hint


def test_many_nodes_keep_the_size_wording() -> None:
    text = "a: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcd", "bcde", strict=True))
    _, _, problems = parse(text, "x.yaml")
    assert [p.code for p in problems] == ["yaml-too-large"]
    assert problems[0].message == f"文件过大（超过 {MAX_NODES} 个节点）"


def test_a_deep_record_through_load_and_check(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"helpers/H002.yaml": "id: H002\nnotes: " + "[" * 100 + "]" * 100 + "\n"})
    assert [p.code for p in load(root).problems if p.path == "helpers/H002.yaml"] == ["yaml-too-deep"]
    result = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY, "--lang", "en"])
    assert f"helpers/H002.yaml:1:1: error yaml-too-deep: nested too deeply (over {MAX_DEPTH} levels)" in result.stdout

