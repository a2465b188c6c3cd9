"""The safe-writing core: ids, atomic writes, round-trip edits, validation, rollback, git."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from liushou_cli.model import Child, Pairing
from liushou_cli.problems import Problem
from liushou_cli.records import write as write_mod
from liushou_cli.records.edits import append_item, set_key
from liushou_cli.records.load import load
from liushou_cli.records.lock import records_lock
from liushou_cli.records.write import ChangeSet, WriteError, atomic_write, next_id, render_record

COMMENTED_CHILD = """\
# 张小明的档案（2026 年秋建档）
id: C001
name: 张小明   # 小名 明明
gender: male
birth_date: 2016-03-12
school: 测试小学
class: '四(2)班'
class_teacher: {name: 李老师, phone: "13800000001"}
parents:
  - {name: 张大山, relation: 父亲, phone: "13900000002",
     work_place: 广东省东莞市长安镇, employer: 某电子厂}
guardian:
  {name: 王桂兰, relation: 祖母, age: 68, health: 一般, occupation: 务农,
   phone: "13700000003", address: 水湖镇三村五组}
enrolled: 2026-09-01         # 纳入项目
risk_assessments:
  - {date: 2026-09-15, level: medium, by: 李老师, notes: 祖母年迈}   # 开学评估

# 下面是同意书
consent: {date: 2026-09-01, by: 王桂兰}
notes: 喜欢画画
"""

def errors(changes: ChangeSet) -> list[Problem]:
    """The error problems the change would introduce, as the editing commands ask."""
    return [p for p in changes.introduced(date(2026, 11, 23)) if p.is_error]



def snapshot(root: Path) -> dict[str, bytes]:
    """Every file but the records cache, which reading the records may refresh."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".liushou-cache" not in p.relative_to(root).parts}


def changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    return [x[1:] for x in lines if x.startswith("+")], [x[1:] for x in lines if x.startswith("-")]


# next_id -------------------------------------------------------------------------


def test_next_id_keeps_width_and_skips_gaps_above_the_highest() -> None:
    assert next_id(["C001", "C002", "C009"], "C") == "C010"
    assert next_id(["C0099"], "C") == "C0100"
    assert next_id(["C999"], "C") == "C1000"
    assert next_id([], "P") == "P001"
    assert next_id(["H01", "X7", "notes"], "H") == "H02"


@given(st.lists(st.integers(min_value=0, max_value=5000), max_size=30), st.integers(min_value=1, max_value=5))
def test_next_id_is_free_and_numbered_after_all(numbers: list[int], width: int) -> None:
    existing = [f"C{n:0{width}d}" for n in numbers]
    new = next_id(existing, "C")
    assert new not in existing
    assert new.startswith("C") and new[1:].isdigit()
    assert int(new[1:]) > max(numbers, default=0)
    assert len(new) - 1 >= width if numbers else len(new) == 4


# atomic_write ------------------------------------------------------------------------


def test_atomic_write_replaces_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic_write(target, "新的\n".encode())
    assert target.read_text(encoding="utf-8") == "新的\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"old\n")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write_mod.os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


# round-trip edits ----------------------------------------------------------------------


def _child_root(make_records: Callable[..., Path]) -> Path:
    return make_records({"children/C001.yaml": COMMENTED_CHILD})


def test_appending_an_assessment_adds_exactly_one_flow_line(make_records: Callable[..., Path]) -> None:
    root = _child_root(make_records)
    changes = ChangeSet(root)
    append_item(changes.edit_yaml("children/C001.yaml"), "risk_assessments",
                {"date": date(2026, 11, 20), "level": "high", "by": None, "notes": "祖母住院"}, Child)
    added, removed = changed_lines(changes.diff())
    assert removed == []
    assert added == ["  - {date: 2026-11-20, level: high, notes: 祖母住院}"]
    new_text = changes.texts()["children/C001.yaml"]
    assert new_text.replace("  - {date: 2026-11-20, level: high, notes: 祖母住院}\n", "") == COMMENTED_CHILD


def test_a_new_key_goes_in_model_order_and_nothing_else_moves(make_records: Callable[..., Path]) -> None:
    root = _child_root(make_records)
    changes = ChangeSet(root)
    doc = changes.edit_yaml("children/C001.yaml")
    left = CommentedMap(date=date(2026, 11, 23), reason="transferred")
    left.fa.set_flow_style()
    set_key(doc, "left", left, Child)
    added, removed = changed_lines(changes.diff())
    assert removed == []
    assert added == ["left: {date: 2026-11-23, reason: transferred}"]
    lines = changes.texts()["children/C001.yaml"].splitlines()
    assert lines.index("left: {date: 2026-11-23, reason: transferred}") == lines.index(
        "enrolled: 2026-09-01         # 纳入项目") + 1


def test_block_style_concerns_get_a_block_item(make_records: Callable[..., Path]) -> None:
    text = COMMENTED_CHILD + "concerns:\n  - date: 2026-11-02\n    type: unsupervised\n    notes: 独自在家\n"
    root = make_records({"children/C001.yaml": text})
    changes = ChangeSet(root)
    append_item(changes.edit_yaml("children/C001.yaml"), "concerns",
                {"date": date(2026, 11, 10), "type": "missing"}, Child)
    added, removed = changed_lines(changes.diff())
    assert removed == []
    assert added == ["  - date: 2026-11-10", "    type: missing"]


def test_no_change_means_no_path_and_no_diff(make_records: Callable[..., Path]) -> None:
    root = _child_root(make_records)
    changes = ChangeSet(root)
    changes.edit_yaml("children/C001.yaml")
    assert changes.paths() == []
    assert changes.diff() == ""


def test_edit_yaml_of_a_missing_file_is_a_write_error(make_records: Callable[..., Path]) -> None:
    with pytest.raises(WriteError) as info:
        ChangeSet(make_records()).edit_yaml("children/C404.yaml")
    assert info.value.key == "edit.err.no_file"


def test_paths_outside_the_root_are_refused(make_records: Callable[..., Path]) -> None:
    changes = ChangeSet(make_records())
    for bad in ("../x.csv", "/etc/passwd"):
        with pytest.raises(WriteError):
            changes.put_text(bad, "x")


# appending ---------------------------------------------------------------------------------


def test_append_keeps_bom_and_crlf_and_adds_a_missing_newline(make_records: Callable[..., Path], locked: Callable[[Path], Path]) -> None:
    root = locked(make_records({"contacts/x.csv": None}))
    (root / "contacts/x.csv").write_bytes(b"\xef\xbb\xbfdate,pairing,kinds\r\n2026-09-20,P001,talk")
    changes = ChangeSet(root)
    changes.append_text("contacts/x.csv", "2026-09-21,P001,talk\r\n")
    changes.apply()
    assert (root / "contacts/x.csv").read_bytes() == (
        b"\xef\xbb\xbfdate,pairing,kinds\r\n2026-09-20,P001,talk\r\n2026-09-21,P001,talk\r\n"
    )


# new records ---------------------------------------------------------------------------------


def test_new_record_is_canonical_and_loads_back(make_records: Callable[..., Path], locked: Callable[[Path], Path]) -> None:
    root = locked(make_records())
    changes = ChangeSet(root)
    rel = changes.new_record("children", {
        "notes": "喜欢画画", "enrolled": "2026-09-01", "name": "李四", "id": "C002", "class_": "001",
        "guardian": {"phone": "13700000009", "name": "王五"}, "categories": ["left_behind"],
        "consent": {"by": "王五", "date": date(2026, 9, 1)}, "boarding": False,
    })
    assert rel == "children/C002.yaml"
    assert changes.texts()[rel] == (
        "# yaml-language-server: $schema=../.liushou/schema/child.json\n"
        "id: C002\nname: 李四\nclass: '001'\nboarding: false\ncategories: [left_behind]\n"
        'guardian: {name: 王五, phone: "13700000009"}\nenrolled: 2026-09-01\n'
        "consent: {date: 2026-09-01, by: 王五}\nnotes: 喜欢画画\n"
    )
    changes.apply()
    records = load(root)
    child = records.children["C002"]
    assert (child.class_, child.guardian and child.guardian.phone, child.boarding) == ("001", "13700000009", False)
    assert not records.errors


def test_new_record_never_overwrites(make_records: Callable[..., Path]) -> None:
    with pytest.raises(WriteError) as info:
        ChangeSet(make_records()).new_record("helpers", {"id": "H001", "name": "x"})
    assert info.value.key == "edit.err.exists"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s)


@settings(max_examples=60, deadline=None)
@given(name=_TEXT, notes=_TEXT, phone=st.from_regex(r"\A[0-9]{11}\Z"))
def test_any_text_survives_a_new_record(name: str, notes: str, phone: str) -> None:
    text = render_record("helpers", {"id": "H009", "name": name, "notes": notes, "phone": phone})
    from liushou_cli.records.yamlio import parse

    data, _, problems = parse(text, "helpers/H009.yaml")
    assert problems == []
    assert data == {"id": "H009", "name": name, "notes": notes, "phone": phone}
    assert f'phone: "{phone}"' in text


# validation ----------------------------------------------------------------------------------


def test_validate_reports_only_what_the_change_introduces(make_records: Callable[..., Path]) -> None:
    broken = "id: P009\nchild: C404\nhelpers: [H001]\nstart: 2026-09-05\n"
    root = make_records({"pairings/P009.yaml": broken})
    changes = ChangeSet(root)
    changes.append_text("contacts/2026-09.csv", "2026-09-21,P001,talk,,,,\n")
    assert errors(changes) == []
    changes.append_text("contacts/2026-09.csv", "2026-08-01,P001,talk,H404,,,\n")
    codes = sorted(p.code for p in errors(changes))
    assert codes == ["contact-outside-pairing", "unknown-helper"]


def test_validate_touches_no_real_file(make_records: Callable[..., Path]) -> None:
    root = make_records()
    before = snapshot(root)
    changes = ChangeSet(root)
    changes.put_text("helpers/H002.yaml", "id: H002\nname: 新人\n")
    changes.append_text("contacts/2026-09.csv", "2026-09-21,P001,talk,,,,\n")
    errors(changes)
    assert snapshot(root) == before


# apply: all or nothing --------------------------------------------------------------------------


def test_apply_rolls_back_when_a_later_write_fails(make_records: Callable[..., Path], locked: Callable[[Path], Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = locked(make_records())
    before = snapshot(root)
    changes = ChangeSet(root)
    changes.append_text("contacts/2026-09.csv", "2026-09-21,P001,talk,,,,\n")
    changes.put_text("pairings/P001.yaml", "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nend: 2026-11-01\n")
    changes.put_text("reports/new/x.yaml", "a: 1\n")  # a folder that does not exist yet
    real = write_mod.atomic_write
    calls = []

    def flaky(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(write_mod, "atomic_write", flaky)
    with pytest.raises(OSError):
        changes.apply()
    assert snapshot(root) == before
    assert not (root / "reports").exists()


def test_apply_refuses_a_file_changed_since_it_was_read(make_records: Callable[..., Path], locked: Callable[[Path], Path]) -> None:
    root = locked(make_records())
    changes = ChangeSet(root)
    changes.append_text("contacts/2026-09.csv", "2026-09-21,P001,talk,,,,\n")
    (root / "contacts/2026-09.csv").write_text("someone else\n", encoding="utf-8")
    with pytest.raises(WriteError) as info:
        changes.apply()
    assert info.value.key == "edit.err.changed_meanwhile"
    assert (root / "contacts/2026-09.csv").read_text(encoding="utf-8") == "someone else\n"


# git ----------------------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def init_repo(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")


def test_commit_takes_exactly_the_changed_files(make_records: Callable[..., Path], locked: Callable[[Path], Path]) -> None:
    root = locked(make_records())
    init_repo(root)
    (root / "helpers/H001.yaml").write_text("id: H001\nname: 改过\n", encoding="utf-8")  # unrelated work
    git(root, "add", "helpers/H001.yaml")  # even staged, it stays out of our commit
    changes = ChangeSet(root)
    changes.append_text("contacts/2026-09.csv", "2026-09-21,P001,talk,,,,\n")
    changes.put_text("contacts/2026-10.csv", "date,pairing,kinds\n2026-10-01,P001,talk\n")
    paths = changes.paths()
    changes.apply()
    changes.commit("log: P001 talk 2026-09-21", paths)
    assert git(root, "show", "--name-only", "--format=%s", "HEAD").split() == [
        "log:", "P001", "talk", "2026-09-21", "contacts/2026-09.csv", "contacts/2026-10.csv"]
    assert "helpers/H001.yaml" in git(root, "diff", "--cached", "--name-only")


def test_commit_outside_a_repo_is_a_clear_error(make_records: Callable[..., Path]) -> None:
    changes = ChangeSet(make_records())
    with pytest.raises(WriteError) as info:
        changes.ensure_git()
    assert info.value.key == "edit.err.not_repo"


def test_a_one_line_flow_document_is_still_edited_correctly(make_records: Callable[..., Path], locked: Callable[[Path], Path]) -> None:
    root = locked(make_records({"pairings/P001.yaml": "{id: P001, child: C001, helpers: [H001], start: 2026-09-05}\n"}))
    changes = ChangeSet(root)
    set_key(changes.edit_yaml("pairings/P001.yaml"), "end", date(2026, 11, 1), Pairing)
    changes.apply()
    assert load(root).pairings["P001"].end == date(2026, 11, 1)


@settings(max_examples=40, deadline=None)
@given(level=st.sampled_from(["low", "medium", "high"]), notes=st.one_of(st.none(), _TEXT),
       day=st.dates(min_value=date(2026, 9, 1), max_value=date(2026, 11, 23)))
def test_any_assessment_adds_one_line_and_reads_back(tmp_path_factory: pytest.TempPathFactory, level: str,
                                                     notes: str | None, day: date) -> None:
    root = tmp_path_factory.mktemp("rt")
    (root / "children").mkdir()
    (root / "children/C001.yaml").write_text(COMMENTED_CHILD, encoding="utf-8")
    with records_lock(root):
        changes = ChangeSet(root)
        append_item(changes.edit_yaml("children/C001.yaml"), "risk_assessments",
                    {"date": day, "level": level, "notes": notes}, Child)
        added, removed = changed_lines(changes.diff())
        assert removed == [] and len(added) == 1 and added[0].startswith("  - {")
        changes.apply()
    child = load(root).children["C001"]
    last = child.risk_assessments[-1]
    assert (last.date, last.level, last.notes) == (day, level, notes)
