"""``liushou set``: fields of an existing child, helper or pairing set or cleared through
the CLI, with the file's comments, key order and quoting kept, every refusal leaving
every byte as it was."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.load import load

TODAY = "2026-11-23"

COMMENTED_CHILD = """\
# 张小明的档案（2026年秋建档）
id: C001
name: 张小明   # 小名 明明
gender: male
school: 测试小学
class: 四(2)班
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01
consent: {date: 2026-09-01, by: 王桂兰}
# 评估每学期两次
risk_assessments:
  - {date: 2026-09-15, level: medium}
notes: 喜欢画画   # 兴趣
"""


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and not {".git", ".liushou-cache"} & set(p.parts)}


def run(runner: CliRunner, root: Path, *args: str) -> typer.testing.Result:
    return runner.invoke(app, [*args, "--records", str(root), "--today", TODAY])


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records({"children/C001.yaml": COMMENTED_CHILD})


def child_text(root: Path, cid: str = "C001") -> str:
    return (root / f"children/{cid}.yaml").read_text(encoding="utf-8")


def test_set_changes_only_its_lines_and_keeps_every_comment(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "set", "C001", "school=水湖镇中心小学", "guardian.phone=13900000005",
                 "consent.date=2026/9/3", "consent.by=张大山")
    assert result.exit_code == 0, result.output
    assert "已修改 C001" in result.stdout and "children/C001.yaml" in result.stdout
    assert child_text(root) == COMMENTED_CHILD.replace("school: 测试小学", "school: 水湖镇中心小学").replace(
        '"13700000003"', '"13900000005"').replace("consent: {date: 2026-09-01, by: 王桂兰}",
                                                 "consent: {date: 2026-09-03, by: 张大山}")
    child = load(root).children["C001"]
    assert child.school == "水湖镇中心小学" and child.consent is not None and child.consent.by == "张大山"


def test_chinese_field_names_and_values(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "set", "C001", "学校=水湖镇中心小学", "班级=四(3)班", "监护人电话=0731-84123456",
                 "性别=女", "类别=留守;单亲", "寄宿=是", "出生日期=2016年3月12日")
    assert result.exit_code == 0, result.output
    text = child_text(root)
    assert "school: 水湖镇中心小学\n" in text and "class: 四(3)班\n" in text
    assert 'phone: "0731-84123456"}' in text
    assert "gender: female\n" in text
    # new keys go where the record format puts them, not at the end
    assert "gender: female\nbirth_date: 2016-03-12\nschool:" in text
    assert "class: 四(3)班\nboarding: true\ncategories: [left_behind, single_parent]\nguardian:" in text
    assert text.endswith("notes: 喜欢画画   # 兴趣\n")


def test_clear_removes_the_key_and_an_emptied_mapping(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "set", "C001", "--clear", "notes", "--clear", "consent.by")
    assert result.exit_code == 0, result.output
    text = child_text(root)
    assert "notes" not in text and "喜欢画画" not in text
    assert "consent: {date: 2026-09-01}\n" in text
    assert text.startswith("# 张小明的档案（2026年秋建档）\nid: C001\nname: 张小明   # 小名 明明\n")
    assert "# 评估每学期两次\n" in text
    both = run(runner, root, "set", "C001", "--clear", "consent.date,consent.by")  # comma separated too
    assert both.exit_code == 0, both.output
    assert "consent" not in child_text(root)


def test_a_missing_mapping_is_created_in_its_place(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张小明\nschool: 测试小学\nenrolled: 2026-09-01\n"})
    result = run(runner, root, "set", "C001", "guardian.name=王桂兰", "guardian.phone=13700000003",
                 "class_teacher.name=李老师")
    assert result.exit_code == 0, result.output
    assert child_text(root) == (
        "id: C001\nname: 张小明\nschool: 测试小学\nclass_teacher: {name: 李老师}\n"
        'guardian: {name: 王桂兰, phone: "13700000003"}\nenrolled: 2026-09-01\n'
    )


def test_list_items_by_number_and_a_new_one(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张小明\nenrolled: 2026-09-01\nparents:\n"
                         "  - {name: 张大山, relation: 父亲, phone: \"13900000002\"}\n"})
    result = run(runner, root, "set", "C001", "parents.1.phone=13900000009", "parents.2.name=李梅",
                 "parents.2.relation=母亲")
    assert result.exit_code == 0, result.output
    assert child_text(root).endswith(
        'parents:\n  - {name: 张大山, relation: 父亲, phone: "13900000009"}\n  - {name: 李梅, relation: 母亲}\n')
    before = snapshot(root)
    far = run(runner, root, "set", "C001", "parents.5.name=王")
    assert far.exit_code == 1 and "parents" in far.stderr
    assert snapshot(root) == before


def test_text_that_yaml_would_misread_is_quoted(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "set", "C001", "class=0123", "notes=是: 否, #1")
    assert result.exit_code == 0, result.output
    child = load(root).children["C001"]
    assert child.class_ == "0123" and child.notes == "是: 否, #1"


def test_a_record_by_name_and_a_pairing_by_helper_names(runner: CliRunner, root: Path) -> None:
    by_name = run(runner, root, "set", "张小明", "grade=四年级")
    assert by_name.exit_code == 0, by_name.output
    assert "grade: 四年级\n" in child_text(root)
    pairing = run(runner, root, "set", "P001", "helpers=严万莲", "end=2027/1/20", "结对卡日期=2026-09-05")
    assert pairing.exit_code == 0, pairing.output
    assert (root / "pairings/P001.yaml").read_text(encoding="utf-8") == (
        "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nend: 2027-01-20\n"
        "agreement: {date: 2026-09-05}\n")
    helper = run(runner, root, "set", "H001", "单位=宋家沟小学", "role=代理家长")
    assert helper.exit_code == 0, helper.output
    assert (root / "helpers/H001.yaml").read_text(encoding="utf-8") == (
        'id: H001\nname: 严万莲\nrole: proxy_parent\nunit: 宋家沟小学\nphone: "13600000004"\n')


def test_a_shared_name_is_refused_with_the_candidates(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C002.yaml": "id: C002\nname: 张小明\nenrolled: 2026-09-01\n"})
    before = snapshot(root)
    result = run(runner, root, "set", "张小明", "grade=四年级")
    assert result.exit_code == 1
    assert "C001" in result.stderr and "C002" in result.stderr and "Traceback" not in result.output
    unknown = run(runner, root, "set", "张小", "grade=四年级")
    assert unknown.exit_code == 1 and "C001" in unknown.stderr  # close names offered
    assert snapshot(root) == before


@pytest.mark.parametrize(("args", "code", "said"), [
    (("id=C009",), 1, "编号"),                       # structural: names the file
    (("gaurdian.phone=1",), 1, "guardian"),          # unknown, with a suggestion
    (("school.name=x",), 1, "school"),               # nothing below a value
    (("concerns=x",), 1, "concerns"),                # history is not set wholesale
    (("guardian.age=200",), 1, "children/C001.yaml:7:"),   # the schema's refusal, at its place
    (("--clear", "name"), 1, "name"),                # a required field
    (("--clear", "risk_assessments"), 1, "risk_assessments"),
    (("gender=未知",), 2, "male"),                   # the choices listed
    (("enrolled=明天",), 2, "明天"),
    (("guardian.phone=电话",), 2, "电话"),
    (("notes=",), 2, "--clear notes"),               # empty is not "clear": said how
    (("school",), 2, "字段=值"),
    ((), 2, "--clear"),
])
def test_refusals_write_nothing(runner: CliRunner, root: Path, args: tuple[str, ...], code: int, said: str) -> None:
    before = snapshot(root)
    result = run(runner, root, "set", "C001", *args)
    assert result.exit_code == code, result.output
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_consent_by_without_a_date_is_the_schemas_refusal(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张小明\nenrolled: 2026-09-01\n"})
    before = snapshot(root)
    result = run(runner, root, "set", "C001", "consent.by=王桂兰")
    assert result.exit_code == 1
    assert "children/C001.yaml:" in result.stderr and "date" in result.stderr
    assert snapshot(root) == before


def test_dry_run_shows_the_diff_and_writes_nothing(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "set", "C001", "school=水湖镇中心小学", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "-school: 测试小学\n+school: 水湖镇中心小学\n" in result.stdout
    assert "试运行" in result.stderr
    assert snapshot(root) == before


def test_nothing_to_change_is_said_and_nothing_written(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "set", "C001", "school=测试小学", "--clear", "address")
    assert result.exit_code == 0, result.output
    assert "没有需要修改" in result.stderr
    assert snapshot(root) == before


def test_an_implausible_phone_is_written_with_a_note(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "set", "C001", "guardian.phone=1370000", )
    assert result.exit_code == 0, result.output
    assert "注意" in result.stderr and "guardian.phone" in result.stderr
    assert 'phone: "1370000"' in child_text(root)


def test_commit_names_ids_and_fields_only(runner: CliRunner, root: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    result = run(runner, root, "set", "C001", "guardian.phone=13900000005", "--clear", "notes", "--commit")
    assert result.exit_code == 0, result.output
    message = git("log", "-1", "--format=%B").strip()
    assert message == "set: C001 guardian.phone notes"
    assert "139" not in message and "张" not in message
    assert git("status", "--porcelain") == ""


def test_english(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "--lang", "en", "set", "C001", "gaurdian.phone=1")
    assert result.exit_code == 1
    assert "There is no field gaurdian.phone" in result.stderr and "guardian" in result.stderr


def test_set_mends_a_record_that_failed_to_load(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    """A required value the schema refuses keeps the record out of every list; ``set`` is
    how it gets back, and an optional one read without its value is set right too."""
    root = make_records({"children/C002.yaml": "id: C002\nname: 李小红\ngender: 未知   # 待核实\n"
                                               "enrolled: [2026-09-01]\n"})
    assert "C002" not in load(root).children
    result = run(runner, root, "set", "C002", "enrolled=2026/9/1", "gender=女")
    assert result.exit_code == 0, result.output
    assert child_text(root, "C002").startswith("id: C002\nname: 李小红\ngender: female")
    assert "# 待核实" in child_text(root, "C002") and "enrolled: 2026-09-01\n" in child_text(root, "C002")
    assert load(root).children["C002"].gender == "female"


ACTIVITY = """\
id: A20261020
date: 2026-10-20
kind: parents_meeting  # 家长会
name: 留守儿童家长会
children: [C001]
counts_as: [guardian_contact]
"""


def test_an_activity_kind_and_counts_as_in_chinese_are_written_in_english(
        runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"activities/A20261020.yaml": ACTIVITY})
    assert run(runner, root, "set", "A20261020", "kind=讲座").exit_code == 0
    assert run(runner, root, "set", "A20261020", "counts_as=谈心、与监护人沟通").exit_code == 0
    text = (root / "activities" / "A20261020.yaml").read_text(encoding="utf-8")
    kind_line = next(line for line in text.splitlines() if line.startswith("kind:"))
    assert kind_line.split() == ["kind:", "lecture", "#", "家长会"]  # the comment kept, at its column
    assert "counts_as: [talk, guardian_contact]\n" in text
    refused = run(runner, root, "set", "A20261020", "kind=开会")
    assert refused.exit_code == 2 and "lecture（讲座/培训）" in refused.stderr
    assert "kind: lecture" in (root / "activities" / "A20261020.yaml").read_text(encoding="utf-8")
