"""Names for ids and dates as people write them, in every command (issue 12 part 5,
RECORDS.md 1.1 "Names for ids" and "Dates ... command options").

A coordinator types 刘子豪 not C002, 赵丽 not H002, 11月3日 not 2026-11-03; a name two
children share is refused listing both (with their classes), a child stands for its one
active pairing, and a kind is never guessed from part of its name (``联系``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from liushou_cli.cli.app import app
from liushou_cli.cli.choices import kind_words, pick_kinds
from liushou_cli.cli.common import GLOBALS, CliError, parse_day
from liushou_cli.cli.edit_common import (
    complete_child,
    complete_helper,
    complete_kind,
    complete_pairing,
)
from liushou_cli.records.load import load
from liushou_cli.vocab import CONTACT_KINDS

TODAY = "2026-11-23"


def child(cid: str, name: str, klass: str, extra: str = "") -> str:
    return (f"id: {cid}\nname: {name}\ngender: male\nbirth_date: 2016-05-01\nschool: 测试小学\n"
            f"class: {klass}\nenrolled: 2026-09-01\nconsent: {{date: 2026-09-01, by: 王桂兰}}\n"
            f"risk_assessments:\n  - {{date: 2026-09-15, level: low}}\n{extra}")


def helper(hid: str, name: str, unit: str) -> str:
    return f"id: {hid}\nname: {name}\nrole: aixin_mama\nunit: {unit}\n"


def pairing(pid: str, kid: str, helpers: str, start: str = "2026-09-05", end: str | None = None) -> str:
    return f"id: {pid}\nchild: {kid}\nhelpers: [{helpers}]\nstart: {start}\n" + (f"end: {end}\n" if end else "")


PEOPLE: dict[str, str | None] = {
    "children/C002.yaml": child("C002", "刘子豪", "三(1)班"),
    "children/C003.yaml": child("C003", "王芳", "五(1)班"),
    "children/C004.yaml": child("C004", "王芳", "二(3)班"),  # two children called 王芳
    "children/C005.yaml": child("C005", "陈静", "四(1)班"),  # two active pairings
    "children/C006.yaml": child("C006", "孙悦", "六(2)班"),  # only an ended pairing
    "helpers/H002.yaml": helper("H002", "赵丽", "宋家沟小学"),
    "helpers/H003.yaml": helper("H003", "李华", "水湖镇中心小学"),
    "helpers/H004.yaml": helper("H004", "张伟", "一中"),  # two helpers called 张伟
    "helpers/H005.yaml": helper("H005", "张伟", "二小"),
    "pairings/P002.yaml": pairing("P002", "C002", "H002"),
    "pairings/P003.yaml": pairing("P003", "C003", "H003"),
    "pairings/P004.yaml": pairing("P004", "C005", "H001"),
    "pairings/P005.yaml": pairing("P005", "C005", "H002"),
    "pairings/P006.yaml": pairing("P006", "C006", "H003", end="2026-10-31"),
}


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records(PEOPLE)


def run(runner: CliRunner, root: Path, *args: str, today: str = TODAY) -> Result:
    return runner.invoke(app, [*args, "--records", str(root), "--today", today])


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and ".liushou-cache" not in p.parts}


def logged(root: Path) -> list[str]:
    """The rows of November's contact log, without its header."""
    path = root / "contacts/2026-11.csv"
    return path.read_text(encoding="utf-8-sig").splitlines()[1:] if path.exists() else []


def refused(result: Result, status: int, *needles: str) -> None:
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


# log: a child for its one pairing, helpers by name ----------------------------------------------


def test_log_by_a_childs_name_writes_its_one_pairing(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "log", "刘子豪", "家访", "--date", "11月3日", "--helper", "赵丽")
    assert result.exit_code == 0, result.output
    assert "P002" in result.stdout
    assert logged(root) == ["2026-11-03,P002,home_visit,H002,,,"]


def test_log_by_a_child_id_with_one_pairing(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "log", "C002", "talk", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert logged(root) == ["2026-11-20,P002,talk,,,,"]


def test_log_picks_the_pairing_active_on_the_contacts_date(runner: CliRunner, root: Path) -> None:
    """孙悦's pairing ended on 10-31: a contact of 10-20 is its own; today there is none."""
    ok = run(runner, root, "log", "孙悦", "谈心", "--date", "10月20日")
    assert ok.exit_code == 0, ok.output
    assert "2026-10-20,P006,talk" in (root / "contacts/2026-10.csv").read_text(encoding="utf-8-sig")


def test_log_refuses_a_shared_name_listing_who_they_are(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "log", "王芳", "谈心")
    refused(result, 1, "有 2 名儿童叫“王芳”", "王芳（C003）五(1)班", "王芳（C004）二(3)班", "请改用编号")
    assert snapshot(root) == before


def test_log_refuses_a_child_with_several_pairings_naming_them(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "log", "陈静", "谈心", "--date", "2026-11-20")
    refused(result, 1, "2026-11-20 有 2 个进行中的结对", "P004（严万莲（H001）", "P005（赵丽（H002）", "如 P004")
    assert snapshot(root) == before


def test_log_refuses_a_child_with_no_active_pairing_saying_how_to_pair(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "log", "孙悦", "谈心")
    refused(result, 1, "孙悦（C006）六(2)班 在 2026-11-23 没有进行中的结对",
            "P006（李华（H003），2026-09-05 至 2026-10-31）", "liushou pair C006")
    assert snapshot(root) == before


def test_log_refuses_an_unknown_name_with_close_names(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "log", "刘子", "谈心")
    refused(result, 1, "找不到结对 刘子", "刘子豪（C002）三(1)班")


def test_log_refuses_a_shared_helper_name(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "log", "P002", "谈心", "--helper", "张伟")
    refused(result, 1, "有 2 位帮扶人叫“张伟”", "张伟（H004）一中", "张伟（H005）二小")
    assert snapshot(root) == before


def test_log_in_english(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "--lang", "en", "log", "王芳", "talk")
    refused(result, 1, "2 children are called '王芳'", "Use the id instead, e.g. C003")
    result = run(runner, root, "--lang", "en", "log", "P002", "联系")
    refused(result, 2, "is not the whole name of a contact kind", "teacher_contact")


# kinds: exact words only --------------------------------------------------------------------------


def test_log_refuses_part_of_a_kinds_name(runner: CliRunner, root: Path) -> None:
    """``联系`` once became 与班主任联系 and left the monthly contact overdue."""
    before = snapshot(root)
    result = run(runner, root, "log", "P002", "联系")
    refused(result, 2, "“联系”不是联系类型的全称", "与班主任联系（teacher_contact）")
    assert snapshot(root) == before


@pytest.mark.parametrize(("typed", "kinds"), [
    (["走访、谈心"], "home_visit;talk"),
    (["家访", "谈心"], "home_visit;talk"),  # separate words on the command line
    (["电话；写信"], "call;letter"),
    (["走访/家访，与监护人沟通"], "home_visit;guardian_contact"),
    (["home visit/talk"], "home_visit;talk"),
    (["contact with guardian call"], "guardian_contact;call"),
    (["视频 电话"], "call"),  # two words for one kind: once
])
def test_log_kinds_separated_as_in_the_contact_log(runner: CliRunner, root: Path, typed: list[str],
                                                   kinds: str) -> None:
    result = run(runner, root, "log", "P002", *typed, "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert logged(root) == [f"2026-11-20,P002,{kinds},,,,"]


@pytest.mark.parametrize("separator", [";", "；", "、", "，", ",", " ", "\u3000", "/", " ; ", "//"])
def test_each_separator_of_the_contact_log_separates_kinds(separator: str) -> None:
    assert pick_kinds(f"走访{separator}谈心") == ["home_visit", "talk"]
    assert pick_kinds(f"talk{separator}home_visit{separator}") == ["talk", "home_visit"]


@pytest.mark.parametrize("separator", [";", "；", "、", "，", ",", "/", " / "])
def test_only_spaces_join_the_words_of_one_english_name(separator: str) -> None:
    """``home visit`` is one kind; ``home;visit`` is two words, neither a kind's whole name."""
    assert pick_kinds("home  visit") == ["home_visit"]
    with pytest.raises(CliError) as info:
        pick_kinds(f"home{separator}visit")
    assert info.value.key == "names.err.partial_kind"
    assert info.value.args_["value"] == "home"


def test_a_slash_inside_a_kinds_label_does_not_separate() -> None:
    assert pick_kinds("电话/视频") == ["call"]
    assert pick_kinds("家访/电话/视频") == ["home_visit", "call"]
    with pytest.raises(CliError) as info:
        pick_kinds("走访／谈心")  # a full-width slash is no separator on the command line
    assert info.value.key == "edit.err.bad_choice"


@pytest.mark.parametrize("text", ["", " ", ";", "/", " ；、 "])
def test_separators_alone_name_no_kind(text: str) -> None:
    with pytest.raises(CliError) as info:
        pick_kinds(text)
    assert info.value.key == "edit.err.missing"


def test_every_kind_word_means_its_kind() -> None:
    for word, kind in kind_words():
        assert pick_kinds(word) == [kind], word
    assert {kind for _, kind in kind_words()} == set(CONTACT_KINDS)


def test_no_part_of_a_chinese_kind_name_is_guessed() -> None:
    """Every piece of every Chinese name that is not itself a whole name is refused."""
    words = dict(kind_words())
    for word in [w for w in words if not w.isascii()]:
        for i in range(len(word)):
            for j in range(i + 1, len(word) + 1):
                piece = word[i:j]
                if piece in words or any(sep in piece for sep in "/"):
                    continue
                with pytest.raises(CliError) as info:
                    pick_kinds(piece)
                assert info.value.key == "names.err.partial_kind", piece


def test_an_unknown_kind_lists_every_kind() -> None:
    with pytest.raises(CliError) as info:
        pick_kinds("跳舞")
    assert info.value.key == "edit.err.bad_choice"
    assert "teacher_contact" in (info.value.hint or "")


# dates in every form --------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2026-11-03", "2026-11-3", "2026/11/3", "2026/11/03", "2026.11.3",
                                   "2026年11月3日", "11月3日", "11-3", "11/3", "２０２６／１１／３"])
def test_log_date_forms(runner: CliRunner, root: Path, typed: str) -> None:
    result = run(runner, root, "log", "P002", "谈心", "--date", typed)
    assert result.exit_code == 0, result.output
    assert logged(root) == ["2026-11-03,P002,talk,,,,"]


def test_a_day_without_a_year_is_the_latest_not_after_today(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "log", "刘子豪", "谈心", "--date", "11月3日", today="2027-01-05")
    assert result.exit_code == 0, result.output
    assert logged(root) == ["2026-11-03,P002,talk,,,,"]


@pytest.mark.parametrize("typed", ["11月31日", "2026-02-30", "昨天", "20.11.2026", "13/1"])
def test_a_bad_date_shows_the_forms(runner: CliRunner, root: Path, typed: str) -> None:
    before = snapshot(root)
    result = run(runner, root, "log", "P002", "谈心", "--date", typed)
    refused(result, 2, "YYYY-MM-DD", "2026/11/3", "11月3日")
    assert snapshot(root) == before


def test_parse_day_counts_back_from_the_given_today() -> None:
    assert parse_day("11月3日", date(2026, 11, 3)) == date(2026, 11, 3)
    assert parse_day("11月4日", date(2026, 11, 3)) == date(2025, 11, 4)
    assert parse_day(None, date(2026, 1, 1)) == date(2026, 1, 1)
    assert parse_day(" 2026/9/1 ") == date(2026, 9, 1)


@given(today=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
       month=st.integers(1, 12), day=st.integers(1, 31), form=st.sampled_from(["{m}月{d}日", "{m}-{d}", "{m}/{d}"]))
def test_a_month_and_day_is_the_latest_such_day_not_after_today(today: date, month: int, day: int,
                                                                form: str) -> None:
    typed = form.format(m=month, d=day)
    try:
        got = parse_day(typed, today)
    except CliError as exc:  # only a day no year has (2月30日)
        assert exc.key == "err.bad_date"
        assert all(not _exists(year, month, day) for year in range(2000, 2005))
        return
    assert (got.month, got.day) == (month, day) and got <= today
    later = [y for y in range(got.year + 1, today.year + 1) if _exists(y, month, day) and date(y, month, day) <= today]
    assert later == []


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("typed", ["2026/11/23", "2026年11月23日", "2026.11.23", "2026-11-23"])
def test_today_in_any_form(runner: CliRunner, root: Path, typed: str) -> None:
    result = run(runner, root, "due", "--json", today=typed)
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["as_of"] == "2026-11-23"
    checked = run(runner, root, "check", today=typed)
    assert "Traceback" not in checked.output and checked.exit_code in (0, 1), checked.output


# pair, unpair, assess, concern, leave, add ------------------------------------------------------


def test_pair_by_names(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "pair", "孙悦", "赵丽", "H003", "--start", "11月20日", "--id", "P010")
    assert result.exit_code == 0, result.output
    made = load(root).pairings["P010"]
    assert (made.child, list(made.helpers), made.start) == ("C006", ["H002", "H003"], date(2026, 11, 20))


@pytest.mark.parametrize(("args", "needles"), [
    (("pair", "王芳", "H001"), ("王芳（C003）五(1)班", "王芳（C004）二(3)班")),
    (("pair", "C006", "张伟"), ("张伟（H004）一中", "张伟（H005）二小")),
    (("pair", "C006", "周杰"), ("找不到帮扶人 周杰",)),
    (("unpair", "陈静"), ("P004", "P005")),
    (("unpair", "王芳"), ("王芳（C003）五(1)班", "王芳（C004）二(3)班")),
    (("assess", "王芳", "高"), ("C003", "C004")),
    (("concern", "王芳", "单独居住"), ("C003", "C004")),
    (("leave", "王芳", "--reason", "转学"), ("C003", "C004")),
])
def test_shared_names_are_refused_everywhere(runner: CliRunner, root: Path, args: tuple[str, ...],
                                             needles: tuple[str, ...]) -> None:
    before = snapshot(root)
    refused(run(runner, root, *args), 1, *needles)
    assert snapshot(root) == before


def test_unpair_by_a_childs_name(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "unpair", "刘子豪", "--date", "2026/11/20")
    assert result.exit_code == 0, result.output
    assert load(root).pairings["P002"].end == date(2026, 11, 20)


def test_assess_concern_and_leave_by_name(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "assess", "刘子豪", "高", "--date", "11月3日").exit_code == 0
    assert run(runner, root, "concern", "刘子豪", "单独居住", "--date", "2026年11月5日").exit_code == 0
    reported = run(runner, root, "concern", "刘子豪", "--reported-to", "镇派出所", "--date", "11-6")
    assert reported.exit_code == 0, reported.output
    left = run(runner, root, "leave", "刘子豪", "--reason", "转学", "--date", "2026.11.20")
    assert left.exit_code == 0, left.output
    kid = load(root).children["C002"]
    assert kid.risk_assessments[-1].date == date(2026, 11, 3) and kid.risk_assessments[-1].level == "high"
    assert kid.concerns[-1].date == date(2026, 11, 5) and kid.concerns[-1].reported is not None
    assert kid.concerns[-1].reported.date == date(2026, 11, 6)
    assert kid.left is not None and kid.left.date == date(2026, 11, 20)


def test_add_child_dates_in_any_form(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "add", "child", "--name", "李小红", "--birth-date", "2017/5/1",
                 "--enrolled", "2026年9月1日", "--consent-date", "9月1日", "--consent-by", "王桂兰", "--id", "C020")
    assert result.exit_code == 0, result.output
    kid = load(root).children["C020"]
    assert (kid.birth_date, kid.enrolled) == (date(2017, 5, 1), date(2026, 9, 1))
    assert kid.consent is not None and kid.consent.date == date(2026, 9, 1)


def test_add_helper_takes_today_in_any_form(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "add", "helper", "--name", "周杰", "--id", "H010", today="2026/11/23")
    assert result.exit_code == 0, result.output
    assert "H010" in load(root).helpers


def test_init_takes_today_in_any_form(runner: CliRunner, tmp_path: Path) -> None:
    made = {}
    for typed in ("2026年11月23日", "2026-11-23"):
        target = tmp_path / typed
        result = runner.invoke(app, ["init", str(target), "--program", "测试", "--organization", "测试小学",
                                     "--coordinator", "王老师", "--today", typed, "--no-git"])
        assert result.exit_code == 0, result.output
        made[typed] = (target / "liushou.yaml").read_text(encoding="utf-8")
    assert made["2026年11月23日"] == made["2026-11-23"]


# explain, due, remind, report, table -----------------------------------------------------------


def test_explain_by_a_childs_name_is_the_childs_explanation(runner: CliRunner, root: Path) -> None:
    by_name = run(runner, root, "explain", "刘子豪", "--json")
    by_id = run(runner, root, "explain", "C002", "--json")
    assert by_name.exit_code == 0, by_name.output
    assert json.loads(by_name.stdout) == json.loads(by_id.stdout)
    assert json.loads(by_name.stdout)["id"] == "C002"


@pytest.mark.parametrize(("typed", "needles"), [
    ("王芳", ("王芳（C003）五(1)班", "王芳（C004）二(3)班")),
    ("赵丽", ("赵丽（H002）宋家沟小学 是帮扶人", "P002、P005")),
    ("P0002", ("找不到结对、儿童或项目职责 P0002",)),
])
def test_explain_refusals(runner: CliRunner, root: Path, typed: str, needles: tuple[str, ...]) -> None:
    refused(run(runner, root, "explain", typed), 2, *needles)


def _due_json(runner: CliRunner, root: Path, *args: str) -> dict[str, object]:
    result = run(runner, root, "due", "--json", "--all", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_due_helper_by_name(runner: CliRunner, root: Path) -> None:
    by_name = _due_json(runner, root, "--helper", "赵丽")
    assert by_name == _due_json(runner, root, "--helper", "H002")
    assert {i["pairing"] for i in by_name["items"]} == {"P002", "P005"}  # type: ignore[index,union-attr]


def test_due_and_remind_refuse_a_shared_helper_name(runner: CliRunner, root: Path) -> None:
    for command in ("due", "remind"):
        refused(run(runner, root, command, "--helper", "张伟"), 2, "有 2 位帮扶人叫“张伟”", "二小")


def test_remind_helper_by_name(runner: CliRunner, root: Path) -> None:
    by_name = run(runner, root, "remind", "--helper", "赵丽", today="2027-01-15")  # the term ends soon
    by_id = run(runner, root, "remind", "--helper", "H002", today="2027-01-15")
    assert by_name.exit_code == 0, by_name.output
    assert by_name.stdout == by_id.stdout and "赵丽" in by_name.stdout


def test_report_term_by_name_and_today_in_any_form(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "report", "--term", "2026年秋季学期", "--format", "json", today="2026/11/23")
    assert result.exit_code == 0, result.output
    assert "2026-autumn" in result.stdout


def test_table_today_in_any_form(runner: CliRunner, root: Path) -> None:
    slashed = run(runner, root, "table", "pairings", today="2026/11/23")
    iso = run(runner, root, "table", "pairings")
    assert slashed.exit_code == 0, slashed.output
    assert slashed.stdout == iso.stdout


# completion ----------------------------------------------------------------------------------------


@pytest.fixture
def ctx(root: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Context:
    monkeypatch.chdir(root)
    monkeypatch.setattr(GLOBALS, "records", None)  # found from the working folder, as in a shell
    return typer.Context(typer.main.get_command(app))


def test_completion_offers_ids_with_names_and_names_with_ids(ctx: typer.Context) -> None:
    assert complete_child(ctx, "C00")[:2] == [("C001", "张小明 四(2)班"), ("C002", "刘子豪 三(1)班")]
    assert complete_child(ctx, "刘") == [("刘子豪", "C002 三(1)班")]
    assert complete_child(ctx, "王芳") == [("王芳", "C003 五(1)班"), ("王芳", "C004 二(3)班")]
    assert complete_helper(ctx, "张") == [("张伟", "H004 一中"), ("张伟", "H005 二小")]
    assert complete_helper(ctx, "H00")[1] == ("H002", "赵丽 宋家沟小学")
    assert complete_pairing(ctx, "P00")[0] == ("P001", "张小明 · 严万莲")
    assert complete_pairing(ctx, "陈") == [("陈静", "P004 · 严万莲"), ("陈静", "P005 · 赵丽")]
    assert complete_pairing(ctx, "孙") == [("孙悦", "P006 · 李华 (2026-10-31)")]
    assert ("走访", "home_visit") in complete_kind(ctx, "走")


def test_completion_through_the_shell_protocol(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What zsh gets for ``liushou log 刘<TAB>`` and ``liushou due --helper H<TAB>``."""
    monkeypatch.chdir(root)
    monkeypatch.setattr(GLOBALS, "records", None)
    monkeypatch.setenv("_LIUSHOU_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "liushou log 刘")
    result = CliRunner().invoke(app, [], prog_name="liushou")
    assert '"刘子豪":"P002 · 赵丽"' in result.stdout, result.output
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "liushou due --helper H")
    result = CliRunner().invoke(app, [], prog_name="liushou")
    assert '"H002":"赵丽 宋家沟小学"' in result.stdout, result.output


def test_import_enrolled_in_any_form(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    roster = tmp_path / "花名册.csv"
    roster.write_bytes("姓名,出生日期\r\n李小红,2017/5/1\r\n".encode("gbk"))  # as Excel saves it
    result = runner.invoke(app, ["import", str(roster), "--records", str(root), "--today", "2026/11/23",
                                 "--enrolled", "9月1日", "--yes"])
    assert result.exit_code == 0, result.output
    added = [c for c in load(root).children.values() if c.name == "李小红"]
    assert [c.enrolled for c in added] == [date(2026, 9, 1)]


# the core lookup, pure --------------------------------------------------------------------------


def test_lookup_answers_in_ids_and_refuses_with_codes(root: Path) -> None:
    from liushou_cli.records import lookup

    records = load(root)
    assert lookup.child_id(records, " 刘子豪 ") == "C002"
    assert lookup.child_id(records, "c002") == "C002"
    assert lookup.helper_id(records, "赵 丽") == "H002"  # padded as Excel pads it
    assert lookup.pairing_id(records, "刘子豪", date(2026, 11, 23)) == "P002"
    assert lookup.pairing_id(records, "C006", date(2026, 10, 1)) == "P006"
    with pytest.raises(lookup.Ambiguous) as shared:
        lookup.child_id(records, "王芳")
    assert (shared.value.what, shared.value.candidates) == ("child", ("C003", "C004"))
    with pytest.raises(lookup.Ambiguous) as several:
        lookup.pairing_id(records, "陈静", date(2026, 11, 23))
    assert (several.value.what, several.value.candidates) == ("pairing", ("P004", "P005"))
    with pytest.raises(lookup.NotFound) as none:
        lookup.pairing_id(records, "孙悦", date(2026, 11, 23))
    assert none.value.candidates == ()
    with pytest.raises(lookup.NotFound) as close:
        lookup.child_id(records, "子豪")
    assert close.value.candidates == ("C002",)
