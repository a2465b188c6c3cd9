"""``liushou check --privacy``: the pure rules with plain values, and the whole check
against real git repositories in tmp_path."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.privacy import Finder, host_of, is_local, mask, personal_names, scan
from liushou_cli.records.gitfacts import Commit, GitFacts, Remote, gather
from liushou_cli.records.load import load

TODAY = "2026-11-23"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


def repo(root: Path) -> Path:
    (root / ".gitignore").write_text("out/\n.liushou-cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "init")
    return root


def privacy(runner: CliRunner, root: Path, *extra: str) -> tuple[int, list[dict[str, str]], str]:
    result = runner.invoke(app, ["check", "--privacy", "--records", str(root), "--today", TODAY, "--json", *extra])
    data = json.loads(result.stdout)
    return result.exit_code, [p for p in data["warnings"] if p["code"].startswith("privacy-")], result.stdout


# the pure rules ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/srv/git/records.git", "../backup.git", "./b", "~/records.git",
                                 "file:///srv/records.git", "D:\\备份\\台账", "E:/台账.git",
                                 "\\\\school-nas\\share\\records", "backup-folder"])
def test_local_paths_are_local(url: str) -> None:
    assert is_local(url)


@pytest.mark.parametrize("url", ["https://gitee.com/school/records.git", "git@github.com:school/records.git",
                                 "ssh://git@10.0.0.5/records.git", "http://user:token@example.org/r.git",
                                 "nas:records.git"])
def test_servers_are_not_local(url: str) -> None:
    assert not is_local(url)


def test_the_host_never_carries_a_user_or_token() -> None:
    assert host_of("https://zhang:ghp_SECRET@gitee.com/school/r.git") == "gitee.com"
    assert host_of("git@github.com:school/r.git") == "github.com"
    assert host_of("ssh://git@10.0.0.5:2222/r.git") == "10.0.0.5"


def test_masking() -> None:
    assert [mask(x) for x in ("张小明", "王芳", "欧阳小明", "13800000001")] == ["张*明", "王*", "欧**明", "138****0001"]


@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=8))
def test_a_mask_keeps_the_length_and_hides_all_but_the_ends(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text) and masked[0] == text[0]
    hidden = masked[1:-1] if len(text) > 2 else masked[1:]
    assert set(hidden) == {"*"}


def test_the_finder_locates_names_and_phones_but_not_longer_numbers() -> None:
    finder = Finder(["张小明", "王桂兰"])
    assert finder.find("第一行\n给张小明的奶奶王桂兰打电话 13700000003") == [
        (2, 2, "name", "张*明"), (2, 8, "name", "王*兰"), (2, 15, "phone", "137****0003")]
    assert finder.find("订单号 213700000003 和 137000000031") == []  # part of a longer number
    assert Finder([]).find("13800000001") == [(1, 1, "phone", "138****0001")]


def test_names_come_from_children_guardians_parents_and_helpers(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C002.yaml": "id: C002\nname: 李\nenrolled: 2026-09-01\n"
                         "parents: [{name: 李大山, relation: 父亲}]\n"})
    assert personal_names(load(root)) == ["严万莲", "张小明", "李大山", "王桂兰"]  # 李: one character, skipped


def test_scan_of_plain_facts(make_records: Callable[..., Path]) -> None:
    records = load(make_records())
    facts = GitFacts(
        repo=True,
        remotes=[Remote("origin", "https://gitee.com/a/b.git", ".git/config", 9), Remote("usb", "/media/u/b.git",
                                                                                            ".git/config", 11)],
        not_ignored=["out/"],
        tracked=["children/C001.yaml", "out/roster.xlsx"],
        commits=[Commit("a" * 40, "log: P001 talk 2026-10-02", ("contacts/2026-10.csv",)),
                 Commit("b" * 40, "删除 张小明 的照片", ("photos/张小明.jpg",))],
    )
    found = sorted((p.code, p.path, p.line, p.col, tuple(sorted(p.args.items()))) for p in scan(records, facts))
    assert [f[:4] for f in found] == [
        ("privacy-commit-message", "commit bbbbbbbbbb", 1, 4),
        ("privacy-file-name", "photos/张*明.jpg", 1, 8),
        ("privacy-not-ignored", ".gitignore", 1, 1),
        ("privacy-output-tracked", "out/roster.xlsx", 1, 1),
        ("privacy-remote", ".git/config", 9, 1),
    ]
    assert "张小明" not in repr(found)
    assert scan(records, GitFacts()) == []  # no repository: nothing leaves through git


# against real repositories -------------------------------------------------------------------


def test_a_clean_private_repository_says_nothing(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = repo(make_records())
    git(root, "remote", "add", "backup", str(root.parent / "backup.git"))
    assert privacy(runner, root)[:2] == (0, [])


def test_no_repository_no_git_findings_and_no_failure(make_records: Callable[..., Path], runner: CliRunner) -> None:
    code, found, _ = privacy(runner, make_records())
    assert (code, found) == (0, [])


def test_a_token_in_the_remote_url_is_never_printed(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = repo(make_records())
    git(root, "remote", "add", "origin", "https://zhang:ghp_SECRET123@gitee.com/school/records.git")
    code, found, raw = privacy(runner, root)
    assert code == 0 and [p["code"] for p in found] == ["privacy-remote"]
    assert "gitee.com" in found[0]["message"] and "ghp_SECRET123" not in raw and "zhang" not in raw


def test_names_are_masked_everywhere_in_the_output(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = repo(make_records())
    (root / "照片").mkdir()
    (root / "照片" / "张小明-家访.jpg").write_bytes(b"\xff\xd8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "张小明家访照片，奶奶王桂兰电话13700000003")
    _, found, raw = privacy(runner, root)
    text = runner.invoke(app, ["check", "--privacy", "--records", str(root), "--today", TODAY]).stdout
    for shown in (raw, text):
        assert "张小明" not in shown and "王桂兰" not in shown and "13700000003" not in shown
    assert sorted((p["code"], p["col"]) for p in found) == [
        ("privacy-commit-message", 1), ("privacy-commit-message", 11), ("privacy-commit-message", 16),
        ("privacy-file-name", 4)]


def test_a_renamed_file_is_still_found_in_history(make_records: Callable[..., Path], runner: CliRunner) -> None:
    """Renaming 张小明.docx to C001.docx does not take the name out of the clone's history."""
    root = repo(make_records())
    (root / "张小明.docx").write_bytes(b"PK")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "add")
    git(root, "mv", "张小明.docx", "C001.docx")
    git(root, "commit", "-q", "-m", "rename")
    _, found, _ = privacy(runner, root)
    assert [(p["code"], p["path"]) for p in found] == [("privacy-file-name", "张*明.docx")]


def test_the_history_scan_is_bounded(make_records: Callable[..., Path]) -> None:
    root = repo(make_records())
    for n in range(3):
        (root / f"n{n}.md").write_text("x", encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"c{n}")
    assert [c.message for c in gather(root, limit=2).commits] == ["c2", "c1"]
    assert len(gather(root).commits) == 4


def test_records_in_a_subfolder_of_the_repository(make_records: Callable[..., Path], runner: CliRunner) -> None:
    """Paths are shown relative to the records folder, like every other problem."""
    root = make_records()
    top = root.parent
    (top / ".gitignore").write_text("out/\n.liushou-cache/\n", encoding="utf-8")
    git(top, "init", "-q")
    (top / "张小明.txt").write_text("x", encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "init")
    git(top, "remote", "add", "origin", "git@github.com:s/r.git")
    _, found, _ = privacy(runner, root)
    assert sorted((p["code"], p["path"]) for p in found) == [
        ("privacy-file-name", "../张*明.txt"), ("privacy-remote", "../.git/config")]


def test_english_output_and_no_warnings(make_records: Callable[..., Path], runner: CliRunner) -> None:
    root = repo(make_records())
    git(root, "remote", "add", "origin", "git@github.com:s/r.git")
    result = runner.invoke(app, ["check", "--privacy", "--records", str(root), "--today", TODAY, "--lang", "en"])
    assert "warning privacy-remote: remote origin is at github.com" in result.stdout
    assert privacy(runner, root, "--no-warnings")[:2] == (0, [])
