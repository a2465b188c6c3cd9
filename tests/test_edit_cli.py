"""The editing commands through the CLI: what they write, what they refuse (leaving
every byte as it was), dry runs, prompts, commits and completion."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from liushou_cli.cli import prompts
from liushou_cli.cli.app import app
from liushou_cli.cli.common import GLOBALS
from liushou_cli.cli.edit_common import complete_child, complete_pairing
from liushou_cli.records.load import load

TODAY = "2026-11-23"
HEADER = "date,pairing,kinds,helper,channel,minutes,summary"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()  # not the cache, which loading refreshes
            for p in sorted(root.rglob("*")) if p.is_file() and not {".git", ".liushou-cache"} & set(p.parts)}


def run(runner: CliRunner, root: Path, *args: str, stdin: str | None = None) -> typer.testing.Result:
    return runner.invoke(app, [*args, "--records", str(root), "--today", TODAY], input=stdin)


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records()


# add ------------------------------------------------------------------------------------


def test_add_child_writes_the_card_with_the_next_id(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "add", "child", "--name", "李小红", "--gender", "女", "--birth-date", "2017-05-01",
                 "--school", "测试小学", "--grade", "三年级", "--class", "三(1)班", "--class-teacher", "李老师",
                 "--class-teacher-phone", "13800000001", "--boarding", "否", "--categories", "留守儿童，困境儿童",
                 "--parents-away", "父亲外出", "--guardian", "王桂兰", "--guardian-relation", "祖母",
                 "--guardian-phone", "13700000003", "--guardian-address", "三村五组", "--village", "三村",
                 "--consent-date", "2026-11-20", "--consent-by", "王桂兰")
    assert result.exit_code == 0, result.output
    assert "C002" in result.stdout and "children/C002.yaml" in result.stdout
    text = (root / "children/C002.yaml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../.liushou/schema/child.json\n"
        "id: C002\nname: 李小红\ngender: female\nbirth_date: 2017-05-01\nschool: 测试小学\ngrade: 三年级\n"
        'class: 三(1)班\nclass_teacher: {name: 李老师, phone: "13800000001"}\nboarding: false\n'
        "categories: [left_behind, in_difficulty]\nparents_away: father\n"
        'guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003", address: 三村五组}\n'
        "village: 三村\nenrolled: 2026-11-23\nconsent: {date: 2026-11-20, by: 王桂兰}\n"
    )
    assert "C002" in load(root).children


def test_add_child_with_an_id_and_refusing_a_taken_one(runner: CliRunner, root: Path) -> None:
    ok = run(runner, root, "add", "child", "--name", "甲", "--id", "C010", "--enrolled", "2026-09-01")
    assert ok.exit_code == 0, ok.output
    assert (root / "children/C010.yaml").is_file()
    assert run(runner, root, "add", "child", "--name", "乙").exit_code == 0
    assert (root / "children/C011.yaml").is_file()
    before = snapshot(root)
    taken = run(runner, root, "add", "child", "--name", "丙", "--id", "C001")
    assert taken.exit_code == 1
    assert "C001" in taken.stderr
    assert snapshot(root) == before


def test_add_child_without_a_name_and_no_terminal_fails_cleanly(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "add", "child", "--school", "测试小学")
    assert result.exit_code == 2
    assert "--name" in result.stderr and "Traceback" not in result.output
    assert snapshot(root) == before


def test_add_child_bad_values_write_nothing(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    for args in (("--birth-date", "2017-02-30"), ("--gender", "x"), ("--guardian-phone", "电话"),
                 ("--categories", "unknown")):
        result = run(runner, root, "add", "child", "--name", "甲", *args)
        assert result.exit_code == 2, (args, result.output)
    assert snapshot(root) == before


def test_add_helper(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "add", "helper", "--name", "严万莲", "--role", "爱心妈妈", "--unit", "宋家沟小学",
                 "--position", "教师", "--phone", "13600000004")
    assert result.exit_code == 0, result.output
    assert (root / "helpers/H002.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../.liushou/schema/helper.json\n"
        'id: H002\nname: 严万莲\nrole: aixin_mama\nunit: 宋家沟小学\nposition: 教师\nphone: "13600000004"\n'
    )


def test_prompts_fill_in_the_card_on_a_terminal(runner: CliRunner, root: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    answers = ["王小丽", "女", "", "", "", "", "", "", "", "", "", "王奶奶", "", "abc", "13700000005",
               "", "", "", "", "", ""]
    result = run(runner, root, "add", "child", stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "儿童姓名" in result.stdout and "电话号码 'abc' 无效" in result.output
    child = load(root).children["C002"]
    assert (child.name, child.gender, child.enrolled.isoformat()) == ("王小丽", "female", TODAY)
    assert child.guardian is not None and child.guardian.phone == "13700000005"


# pair / unpair ----------------------------------------------------------------------------------


def test_pair_and_unpair(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"helpers/H002.yaml": "id: H002\nname: 王芳\n"})
    result = run(runner, root, "pair", "C001", "H002", "--start", "2026-11-01", "--duties", "aixin-mama-monthly")
    assert result.exit_code == 0, result.output
    assert (root / "pairings/P002.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../.liushou/schema/pairing.json\n"
        "id: P002\nchild: C001\nhelpers: [H002]\nstart: 2026-11-01\nduties: aixin-mama-monthly\n"
    )
    ended = run(runner, root, "unpair", "P002", "--date", "2026-11-20")
    assert ended.exit_code == 0, ended.output
    assert (root / "pairings/P002.yaml").read_text(encoding="utf-8").endswith(
        "start: 2026-11-01\nend: 2026-11-20\nduties: aixin-mama-monthly\n")
    before = snapshot(root)
    again = run(runner, root, "unpair", "P002")
    assert again.exit_code == 1 and "2026-11-20" in again.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize("args", [
    ("pair", "C001", "H404"),  # a helper that does not exist
    ("pair", "C404", "H001"),  # an unknown child
    ("pair", "C001", "H001", "--start", "2026-09-02", "--duties", "no-such-preset"),  # before P001: no twin
    ("pair", "C001", "H001", "--start", "2026-09-02", "--id", "bad/id"),
    ("unpair", "P404"),
    ("unpair", "P001", "--date", "2026-08-01"),  # would end before it started
])
def test_pair_refusals_leave_every_file_unchanged(runner: CliRunner, root: Path, args: tuple[str, ...]) -> None:
    before = snapshot(root)
    result = run(runner, root, *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(root) == before


# log -------------------------------------------------------------------------------------------------


def test_log_creates_the_month_file_with_its_header(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "log", "P001", "走访；谈心", "--date", "2026-11-20", "--helper", "H001",
                 "--channel", "in_person", "--minutes", "45", "--summary", "家访，与奶奶交流")
    assert result.exit_code == 0, result.output
    assert "走访/家访、谈心" in result.stdout
    raw = (root / "contacts/2026-11.csv").read_bytes()
    assert raw == ("\ufeff" + HEADER + "\n2026-11-20,P001,home_visit;talk,H001,in_person,45,\"家访，与奶奶交流\"\n"
                   ).encode() or raw == ("\ufeff" + HEADER + "\n2026-11-20,P001,home_visit;talk,H001,in_person,45,"
                                         "家访，与奶奶交流\n").encode()
    contact = [c for c in load(root).contacts if c.date.isoformat() == "2026-11-20"]
    assert [(c.kinds, c.minutes, c.summary) for c in contact] == [(("home_visit", "talk"), 45, "家访，与奶奶交流")]


def test_log_appends_in_the_files_own_column_order(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-09.csv": "pairing,date,summary,kinds\nP001,2026-09-20,家访,home_visit\n"})
    result = run(runner, root, "log", "P001", "letter", "--date", "2026-09-28", "--summary", "写信")
    assert result.exit_code == 0, result.output
    assert (root / "contacts/2026-09.csv").read_text(encoding="utf-8") == (
        "pairing,date,summary,kinds\nP001,2026-09-20,家访,home_visit\nP001,2026-09-28,写信,letter\n")


def test_log_follows_contacts_file_in_liushou_yaml(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    from conftest import MINIMAL_PROGRAM

    root = make_records({"liushou.yaml": MINIMAL_PROGRAM + "contacts_file: contacts/{year}.csv\n"})
    result = run(runner, root, "log", "P001", "call", "--date", "2026-10-03")
    assert result.exit_code == 0, result.output
    assert (root / "contacts/2026.csv").is_file()
    assert not (root / "contacts/2026-10.csv").exists()


@pytest.mark.parametrize(("args", "status"), [
    (("log", "P001", "talk", "--date", "2026-08-01"), 1),  # before the pairing started
    (("log", "P001", "talk", "--date", "2026-11-30"), 1),  # in the future
    (("log", "P404", "talk", "--date", "2026-11-20"), 1),  # unknown pairing
    (("log", "P001", "talk", "--helper", "H404"), 1),  # unknown helper
    (("log", "P001", "talk", "--date", "2026-02-30"), 2),  # a bad date
    (("log", "P001", "talk", "--date", "20.11.2026"), 2),
    (("log", "P001", "跳舞"), 2),  # unknown kind
    (("log", "P001", "talk", "--minutes", "半小时"), 2),
    (("log", "P001"), 2),  # no kind, no terminal
])
def test_log_refusals_leave_every_file_unchanged(runner: CliRunner, root: Path,
                                                 args: tuple[str, ...], status: int) -> None:
    before = snapshot(root)
    result = run(runner, root, *args)
    assert result.exit_code == status, result.output
    assert result.stderr.startswith(("liushou:", "contacts/", "pairings/"))
    assert snapshot(root) == before


def test_a_refusal_names_the_reason(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "log", "P001", "talk", "--date", "2026-08-01")
    assert "2026-08-01" in result.stderr and "P001" in result.stderr and "未写入" in result.stderr


# assess / concern / leave --------------------------------------------------------------------------------

COMMENTED = """\
# 档案：请勿删除注释
id: C001
name: 张小明   # 小名 明明
school: 测试小学
class: '四(2)班'
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01   # 建档
consent: {date: 2026-09-01, by: 王桂兰}
risk_assessments:
  - {date: 2026-09-15, level: medium}   # 开学
concerns:
  - date: 2026-11-02
    type: unsupervised
    notes: 祖母住院, 孩子独自在家
"""


@pytest.fixture
def commented(make_records: Callable[..., Path]) -> Path:
    return make_records({"children/C001.yaml": COMMENTED})


def added_lines(before: str, after: str) -> list[str]:
    """Lines of ``after`` not in ``before``, checking nothing was removed or moved."""
    old, new = before.splitlines(), after.splitlines()
    rest = [line for line in new if line not in old]
    assert [line for line in new if line in old] == old
    return rest


def test_assess_appends_one_line_in_the_files_style(runner: CliRunner, commented: Path) -> None:
    result = run(runner, commented, "assess", "C001", "高", "--date", "2026-11-20", "--by", "李老师")
    assert result.exit_code == 0, result.output
    after = (commented / "children/C001.yaml").read_text(encoding="utf-8")
    assert added_lines(COMMENTED, after) == ["  - {date: 2026-11-20, level: high, by: 李老师}"]


def test_concern_then_its_report(runner: CliRunner, commented: Path) -> None:
    new = run(runner, commented, "concern", "C001", "missing", "--date", "2026-11-21", "--notes", "未到校")
    assert new.exit_code == 0, new.output
    after_new = (commented / "children/C001.yaml").read_text(encoding="utf-8")
    assert added_lines(COMMENTED, after_new) == ["  - date: 2026-11-21", "    type: missing", "    notes: 未到校"]
    before = snapshot(commented)
    ambiguous = run(runner, commented, "concern", "C001", "--reported-to", "镇派出所")
    assert ambiguous.exit_code == 1 and "--index" in ambiguous.stderr
    assert snapshot(commented) == before
    report = run(runner, commented, "concern", "C001", "--reported-to", "镇派出所、镇人民政府",
                 "--index", "1", "--date", "2026-11-03")
    assert report.exit_code == 0, report.output
    after = (commented / "children/C001.yaml").read_text(encoding="utf-8")
    assert added_lines(after_new, after) == ["    reported: {date: 2026-11-03, to: 镇派出所、镇人民政府}"]
    child = load(commented).children["C001"]
    assert child.concerns[0].reported is not None and child.concerns[1].reported is None
    again = run(runner, commented, "concern", "C001", "--reported-to", "镇政府", "--index", "1")
    assert again.exit_code == 1


def test_leave_ends_the_open_pairings_too(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "leave", "C001", "--reason", "父母返乡", "--date", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert "left: {date: 2026-11-22, reason: parents_returned}" in (root / "children/C001.yaml").read_text("utf-8")
    assert (root / "pairings/P001.yaml").read_text("utf-8").endswith("start: 2026-09-05\nend: 2026-11-22\n")
    records = load(root)
    assert records.pairings["P001"].end is not None
    before = snapshot(root)
    assert run(runner, root, "leave", "C001", "--reason", "转学").exit_code == 1
    assert snapshot(root) == before


@pytest.mark.parametrize(("args", "status"), [
    (("assess", "C404", "low"), 1),  # unknown child
    (("assess", "C001", "low", "--date", "2026-12-01"), 1),  # future
    (("assess", "C001", "很高"), 2),
    (("assess", "C001", "low", "--date", "11月31日"), 2),  # no such day (2026/11/01 is a date: RECORDS 1.1)
    (("concern", "C001", "unsupervised", "--date", "2026-12-24"), 1),
    (("concern", "C001", "--reported-to", "派出所"), 1),  # nothing open
    (("concern", "C001", "flood"), 2),
    (("leave", "C001", "--reason", "转学", "--date", "2026-08-01"), 1),  # before enrolment
    (("leave", "C001"), 2),  # no reason, no terminal
    (("leave", "C404", "--reason", "转学"), 1),
])
def test_child_event_refusals_leave_every_file_unchanged(runner: CliRunner, root: Path,
                                                         args: tuple[str, ...], status: int) -> None:
    before = snapshot(root)
    result = run(runner, root, *args)
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    assert snapshot(root) == before


# dry run -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("add", "child", "--name", "甲"),
    ("add", "helper", "--name", "乙"),
    ("pair", "C001", "H001", "--start", "2026-09-02"),  # before P001 starts: not its twin
    ("unpair", "P001"),
    ("log", "P001", "talk"),
    ("assess", "C001", "low"),
    ("concern", "C001", "other"),
    ("leave", "C001", "--reason", "other"),
])
def test_dry_run_prints_a_diff_and_writes_nothing(runner: CliRunner, root: Path, args: tuple[str, ...]) -> None:
    before = snapshot(root)
    result = run(runner, root, *args, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(("--- a/", "--- /dev/null"))
    assert "\n+" in result.stdout
    assert "试运行" in result.stderr
    assert snapshot(root) == before


# git -----------------------------------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def test_commit_takes_only_the_changed_files_and_no_names(runner: CliRunner, root: Path) -> None:
    git(root, "init", "-q")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "T")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    (root / "notes.txt").write_text("未提交的其他工作\n", encoding="utf-8")
    result = run(runner, root, "leave", "C001", "--reason", "转学", "--date", "2026-11-22", "--commit")
    assert result.exit_code == 0, result.output
    shown = git(root, "show", "--name-only", "--format=%s", "HEAD").split("\n")
    assert shown[0] == "leave: C001 P001"  # the command and ids only (issue 13)
    assert sorted(filter(None, shown[1:])) == ["children/C001.yaml", "pairings/P001.yaml"]
    assert "?? notes.txt" in git(root, "status", "--porcelain")
    added = run(runner, root, "add", "child", "--name", "李小红", "--guardian", "王桂兰",
                "--guardian-phone", "13700000003", "--commit")
    assert added.exit_code == 0, added.output
    message = git(root, "log", "-1", "--format=%B")
    assert message.strip() == "add child: C002"
    assert "李" not in message and "王" not in message and "137" not in message


def test_commit_outside_git_writes_nothing(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "log", "P001", "talk", "--commit")
    assert result.exit_code == 2
    assert "git" in result.stderr
    assert snapshot(root) == before


# completion and language -------------------------------------------------------------------------------------------


def test_completion_offers_ids_with_names_and_unreadable_files_by_name(root: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "children/C002.yaml").write_text("not: [valid", encoding="utf-8")
    monkeypatch.chdir(root / "contacts")
    monkeypatch.setattr(GLOBALS, "records", None)  # found by walking up, as in a shell
    ctx = typer.Context(typer.main.get_command(app))
    assert complete_child(ctx, "C") == [("C001", "张小明 四(2)班"), "C002"]
    assert complete_child(ctx, "X") == []
    assert complete_pairing(ctx, "") == [("P001", "张小明 · 严万莲")]


def test_english_confirmation(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "--lang", "en", "log", "P001", "call", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Logged contact: P001 call / video call 2026-11-20")


@pytest.mark.parametrize(("lang", "said"), [("zh", "P001 电话/视频、走访/家访 2026-11-20"),
                                            ("en", "P001 call / video call, home visit 2026-11-20")])
def test_several_kinds_are_named_and_listed_in_the_language_shown(runner: CliRunner, root: Path, lang: str,
                                                                   said: str) -> None:
    """The plan carries the kinds as codes; the confirmation names and lists them (、 / ", ")."""
    result = run(runner, root, "--lang", lang, "log", "P001", "call,home_visit", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert said in result.stdout


def test_a_reported_concern_on_a_new_list_is_block_style_without_anchors(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "concern", "C001", "监护人丧失监护能力", "--date", "2026-11-20",
                 "--notes", "祖母住院", "--reported-to", "镇派出所")
    assert result.exit_code == 0, result.output
    text = (root / "children/C001.yaml").read_text(encoding="utf-8")
    assert text.endswith("concerns:\n  - date: 2026-11-20\n    type: guardian_incapable\n    notes: 祖母住院\n"
                         "    reported: {date: 2026-11-20, to: 镇派出所}\n")
    assert "&" not in text and "*" not in text


@pytest.mark.parametrize(("typed", "stored"), [
    ("双方", "both"), ("均在家", "none"), ("父亲", "father"), ("母亲外出", "mother"), ("both", "both"),
])
def test_parents_away_takes_the_words_its_help_gives(runner: CliRunner, root: Path, typed: str, stored: str) -> None:
    """The help says （双方/父亲/母亲/均在家）: each of those words is understood."""
    result = run(runner, root, "add", "child", "--name", "李四", "--parents-away", typed)
    assert result.exit_code == 0, result.output
    assert load(root).children["C002"].parents_away == stored


def test_a_part_of_several_choices_is_refused(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "add", "child", "--name", "李四", "--parents-away", "外出")
    assert result.exit_code == 2 and "both" in result.output
    assert snapshot(root) == before
