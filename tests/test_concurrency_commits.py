"""``--commit`` messages: the command and ids only, for every writing command (issue 13).

A commit message goes wherever the repository is pushed and stays in its history;
``concern: C001 suspected_harm`` or ``assess: C001 high`` put a child's most
sensitive facts there. Each writing command is run for real with ``--commit`` and
its message compared whole, then searched for every sensitive word it was given.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app

TODAY = "2026-11-23"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(make_records: Callable[..., Path]) -> Path:
    root = make_records({"helpers/H002.yaml": "id: H002\nname: 李红\nrole: teacher\n"})
    git(root, "init", "-q")
    git(root, "config", "user.email", "coordinator@example.org")
    git(root, "config", "user.name", "coordinator")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


# (command line, the message it must commit); every value typed is one a message must not hold
CASES = [
    (["add", "child", "--name", "李小芳", "--guardian-phone", "13712345678", "--village", "水三村"],
     "add child: C002"),
    (["add", "helper", "--name", "严老师", "--phone", "13612345678", "--role", "aixin_mama"], "add helper: H003"),
    (["pair", "C001", "H002", "--start", "2026-10-01"], "pair: P002 C001 H002"),
    (["unpair", "P001", "--date", "2026-11-20"], "unpair: P001"),
    (["log", "P001", "home_visit", "--date", "2026-11-20", "--summary", "奶奶说孩子晚上哭"], "log: P001"),
    (["assess", "C001", "high", "--notes", "父母失联"], "assess: C001"),
    (["concern", "C001", "suspected_harm", "--notes", "手臂有伤"], "concern: C001"),
    (["concern", "C001", "missing", "--reported-to", "派出所"], "concern: C001"),
    (["leave", "C001", "--reason", "transferred", "--date", "2026-11-20"], "leave: C001 P001"),
    (["verify", "C001", "guardian.phone=13712345678", "--date", "2026-11-20"], "verify: C001"),
]
SENSITIVE = ["李小芳", "严老师", "李红", "13712345678", "13612345678", "水三村", "high", "高", "suspected_harm", "missing",
             "手臂", "父母", "奶奶", "派出所", "transferred", "home_visit", "2026-", "张小明", "aixin_mama"]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(c[0][:2]) for c in CASES])
def test_every_writing_commands_commit_holds_the_command_and_ids_only(
        repo: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, [*args, "--records", str(repo), "--today", TODAY, "--commit"])
    assert result.exit_code == 0, result.output
    committed = git(repo, "log", "-1", "--format=%B").strip()
    assert committed == message
    assert [word for word in SENSITIVE if word in committed] == []
    assert git(repo, "status", "--porcelain") == ""


def test_reporting_a_concern_commits_ids_only(repo: Path) -> None:
    run = CliRunner().invoke
    assert run(app, ["concern", "C001", "unsupervised", "--records", str(repo), "--today", TODAY]).exit_code == 0
    result = run(app, ["concern", "C001", "--reported-to", "民政所", "--records", str(repo), "--today", TODAY,
                       "--commit"])
    assert result.exit_code == 0, result.output
    assert git(repo, "log", "-1", "--format=%B").strip() == "concern reported: C001"


def test_import_commits_counts_only(repo: Path, tmp_path: Path) -> None:
    roster = tmp_path / "花名册.csv"
    roster.write_bytes("姓名,性别,出生日期,联系电话\r\n李小芳,女,2015/6/1,13712345678\r\n".encode("gbk"))
    result = CliRunner().invoke(app, ["import", str(roster), "--yes", "--commit", "--records", str(repo),
                                      "--today", TODAY])
    assert result.exit_code == 0, result.output
    committed = git(repo, "log", "-1", "--format=%B").strip()
    assert committed == "liushou import：新增 1 名儿童，更新 0 名"
    assert [word for word in SENSITIVE if word in committed] == []


def test_a_name_where_an_id_goes_never_reaches_the_message() -> None:
    """The message is built from ids only: text that is not an id is left out."""
    from liushou_cli.records.edits import commit_message

    assert commit_message("pair", "P002", "张小明", "C001", "H001", "C001") == "pair: P002 C001 H001"


def test_import_of_contacts_commits_counts_only(repo: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "活动台帐.csv"
    sheet.write_bytes("日期,儿童,帮扶人,类型,时长,活动内容\r\n2026/11/3,张小明,严万莲,家访,30,奶奶说孩子晚上哭\r\n"
                      .encode("gbk"))
    result = CliRunner().invoke(app, ["import", "--contacts", str(sheet), "--yes", "--commit", "--records",
                                      str(repo), "--today", TODAY])
    assert result.exit_code == 0, result.output
    committed = git(repo, "log", "-1", "--format=%B").strip()
    assert committed == "liushou import --contacts：新增 1 条联系记录"
    assert [word for word in [*SENSITIVE, "严万莲", "家访"] if word in committed] == []
