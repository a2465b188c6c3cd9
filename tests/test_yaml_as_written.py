"""Issue 12 parts 2-4: YAML records as coordinators write them.

Chinese words for enumerated values and every date form of the contract read as the
English value and the ISO day; full-width punctuation in YAML's structure is an error
where the character stands; one invalid optional field never hides a child.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from liushou_cli.cli.app import app
from liushou_cli.i18n import set_lang
from liushou_cli.model import Child, Helper, Program
from liushou_cli.records.checks import all_problems
from liushou_cli.records.load import load
from liushou_cli.records.yamlio import parse
from liushou_cli.vocab import ZH_VALUES

TODAY = "2026-11-23"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "records.md"


def run(runner: CliRunner, root: Path, *args: str) -> Result:
    return runner.invoke(app, [*args, "--records", str(root), "--today", TODAY])


# Chinese values --------------------------------------------------------------------

ENGLISH_CHILD = """\
id: C001
name: 张小明
gender: female
birth_date: 2016-03-12
school: 测试小学
class: 四(2)班
boarding: true
categories: [left_behind, single_parent]
parents_away: mother
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01
left: {date: 2027-03-01, reason: transferred}
risk_assessments:
  - {date: 2026-09-15, level: high}
concerns:
  - {date: 2026-11-02, type: unsupervised, notes: 祖母住院，孩子独自在家}
consent: {date: 2026-09-01, by: 王桂兰}
"""

CHINESE_CHILD = """\
id: C001
name: 张小明
gender: 女
birth_date: 2016/3/12
school: 测试小学
class: 四(2)班
boarding: 是
categories: [留守, 单亲儿童]
parents_away: 母亲
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026年9月1日
left: {date: 2027.3.1, reason: 转学}
risk_assessments:
  - {date: 2026-9-15, level: 高}
concerns:
  - {date: 2026/11/02, type: 单独居住, notes: 祖母住院，孩子独自在家}
consent: {date: 2026年09月01日, by: 王桂兰}
"""


def test_a_child_written_in_chinese_checks_clean_and_is_due_the_same(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path
) -> None:
    """The issue's done-when: the same child in Chinese values and slashed dates gives the
    same ``check`` and ``due --json`` as in the contract's English form."""
    english = make_records({"children/C001.yaml": ENGLISH_CHILD}).rename(tmp_path / "english")
    zh = make_records({
        "children/C001.yaml": CHINESE_CHILD,
        "helpers/H001.yaml": "id: H001\nname: 严万莲\nrole: 爱心妈妈\nphone: \"13600000004\"\n",
        "pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026/9/5\n",
    })
    checks = [json.loads(run(runner, root, "check", "--json").stdout) for root in (english, zh)]
    assert checks[1]["errors"] == [] and checks[0]["errors"] == []
    assert checks[1] == checks[0]
    due = [run(runner, root, "due", "--json", "--all") for root in (english, zh)]
    assert due[1].exit_code == due[0].exit_code == 1  # the concern is an alert
    assert json.loads(due[1].stdout) == json.loads(due[0].stdout)
    assert json.loads(due[1].stdout)["alerts"] == [{"child": "C001", "type": "unsupervised", "date": "2026-11-02"}]


FIELDS: dict[str, Callable[[str], tuple[type[Child] | type[Helper] | type[Program], dict[str, Any]]]] = {
    "gender": lambda w: (Child, {"gender": w}),
    "category": lambda w: (Child, {"categories": [w]}),
    "parents_away": lambda w: (Child, {"parents_away": w}),
    "level": lambda w: (Child, {"risk_assessments": [{"date": "2026-09-15", "level": w}]}),
    "left_reason": lambda w: (Child, {"left": {"date": "2027-03-01", "reason": w}}),
    "concern": lambda w: (Child, {"concerns": [{"date": "2026-11-02", "type": w}]}),
    "bool": lambda w: (Child, {"boarding": w}),
    "role": lambda w: (Helper, {"role": w}),
    "excused": lambda w: (Child, {"absences": [{"from": "2026-11-16", "excused": w}]}),
    "persuasion": lambda w: (Child, {"absences": [{"from": "2026-11-16", "persuasions": [
        {"date": "2026-11-19", "result": w}]}]}),
    "verify_archive": lambda w: (Program, {"verify_archive": w}),
    "per": lambda w: (Program, {"program_duties": [{"id": "g", "name": "g", "activities": ["gathering"],
                                                    "per": w}]}),
}


def _value(obj: Child | Helper | Program, group: str) -> object:
    if isinstance(obj, Helper):
        return obj.role
    if isinstance(obj, Program):
        if group == "per":  # a programme duty's period (program_duties)
            rule = obj.program_duties[0]
            return getattr(rule, "per", None)
        return obj.verify_archive
    child = obj
    return {
        "gender": lambda: child.gender,
        "category": lambda: child.categories[0],
        "parents_away": lambda: child.parents_away,
        "level": lambda: child.risk_assessments[0].level,
        "left_reason": lambda: child.left.reason if child.left else None,
        "concern": lambda: child.concerns[0].type,
        "bool": lambda: str(child.boarding).lower(),
        "excused": lambda: str(child.absences[0].excused).lower(),
        "persuasion": lambda: child.absences[0].persuasions[0].result,
    }[group]()


@pytest.mark.parametrize(("group", "word", "english"),
                         [(g, w, e) for g, words in ZH_VALUES.items() for w, e in words.items()])
def test_every_chinese_word_means_its_english_value(group: str, word: str, english: str) -> None:
    model, extra = FIELDS[group](word)
    head = "program: 某\n" if model is Program else "id: X1\nname: 某\nenrolled: 2026-09-01\n"
    data, located, problems = parse(f"{head}{_yaml(extra)}", "x.yaml")
    assert not problems
    obj = model.model_validate(data)
    assert _value(obj, group) == english
    assert english in json.dumps(obj.model_dump(mode="json"), ensure_ascii=False)
    assert word not in json.dumps(obj.model_dump(mode="json"), ensure_ascii=False)


def _yaml(extra: dict[str, Any]) -> str:
    """One key as a flow value, the way the records write nested parts."""
    (key, value), = extra.items()
    return f"{key}: {json.dumps(value, ensure_ascii=False)}\n"


def test_every_field_that_takes_chinese_is_covered() -> None:
    assert set(FIELDS) == set(ZH_VALUES)


def test_docs_list_every_chinese_word() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    missing = [w for words in ZH_VALUES.values() for w in words if f"`{w}`" not in docs]
    assert missing == []


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "gender：不能写 男孩，取值应为 男 / 女（也可写英文 male / female）"),
    ("en", "gender: 男孩 is not allowed; use one of male / female (or in Chinese: 男 / 女)"),
])
def test_an_invalid_value_names_both_words_rightly(
    runner: CliRunner, make_records: Callable[..., Path], lang: str, expected: str
) -> None:
    root = make_records({"children/C001.yaml": ENGLISH_CHILD.replace("gender: female", "gender: 男孩")})
    result = run(runner, root, "check", "--json", "--lang", lang)
    (problem,) = json.loads(result.stdout)["errors"]
    assert (problem["path"], problem["line"], problem["col"]) == ("children/C001.yaml", 3, 9)
    assert problem["message"] == expected


# dates -------------------------------------------------------------------------------

FORMS: list[Callable[[date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}/{d.month:02}/{d.day:02}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f'"{d.year}/{d.month}/{d.day}"',  # quoted: a string to YAML either way
]


@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
       form=st.sampled_from(range(len(FORMS))))
def test_every_date_form_reads_as_its_day(day: date, form: int) -> None:
    written = FORMS[form](day)
    text = (f"id: C001\nname: 张\nenrolled: {written}\nbirth_date: {written}\n"
            f"left: {{date: {written}}}\nrisk_assessments:\n  - date: {written}\n    level: low\n")
    data, _, problems = parse(text, "children/C001.yaml")
    assert not problems
    child = Child.model_validate(data)
    assert child.enrolled == child.birth_date == day
    assert child.left is not None and child.left.date == day and child.risk_assessments[0].date == day


@pytest.mark.parametrize("written", ["2026-02-30", "2026/13/1", "2026年9月", "去年九月", "20260901x"])
def test_a_date_that_is_no_day_is_an_error_where_it_stands(make_records: Callable[..., Path], written: str) -> None:
    root = make_records({"pairings/P001.yaml": f"id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n"
                                               f"end: {written}\n"})
    found = {(p.code, p.line, p.col) for p in all_problems(load(root), date(2026, 11, 23)) if p.is_error}
    assert found == {("bad-date", 5, 6)}


# full-width punctuation ---------------------------------------------------------------

FULL_WIDTH = [
    # the guardian: the relation and phone were one unknown key
    ('id: C001\nguardian: {name: 刘德华, relation：祖父，phone: "13900000001"}\n', {(2, 31, "："), (2, 34, "，")}),
    # a full-width comma between entries: a syntax error, blamed on the comma
    ("id: C001\nguardian: {name: 刘德华，relation: 祖父}\n", {(2, 21, "，")}),
    # both: the name swallowed the relation
    ("id: C001\nguardian: {name: 刘德华，relation：祖父}\n", {(2, 21, "，"), (2, 30, "：")}),
    # a block key: a syntax error, blamed on the colon
    ("id: C001\nname: 张小明\ngender：男\nenrolled: 2026-09-01\n", {(3, 7, "：")}),
    ("id: C001\nname: 张小明\ngender： 男\n", {(3, 7, "：")}),
    # indented under a value, it would have become part of the name
    ("id: C001\nname: 张小明\n  gender：男\nenrolled: 2026-09-01\n", {(3, 9, "：")}),
    ("id: C001\nguardian:\n  name: 王桂兰\n  relation：祖母\n", {(4, 11, "：")}),
    # every line: the whole file would be one text
    ("id：C001\nname：张小明\n", {(1, 3, "："), (2, 5, "：")}),
    # items of a list
    ("id: C001\ncategories: [留守，困境]\n", {(2, 16, "，")}),
    ("id: C001\ncategories: [留守、困境；孤儿]\n", {(2, 16, "、"), (2, 19, "；")}),
    # a quoted key is still no key of the record
    ('id: C001\n"gender：": 男\n', {(2, 8, "：")}),
]


@pytest.mark.parametrize(("text", "expected"), FULL_WIDTH)
def test_full_width_punctuation_in_structure_is_an_error_where_it_stands(
    text: str, expected: set[tuple[int, int, str]]
) -> None:
    _, _, problems = parse(text, "children/C001.yaml")
    assert {(p.line, p.col, p.args["char"]) for p in problems} == expected
    assert all(p.code == "full-width" and p.is_error for p in problems)
    # the place is the character itself
    lines = text.split("\n")
    assert all(lines[line - 1][col - 1] == char for line, col, char in expected)


@pytest.mark.parametrize("text", [
    "id: C001\nnotes: 祖母住院，孩子独自在家；周末回家\n",
    "id: C001\nnotes: 时间：周五下午\n",
    "id: C001\nguardian: {name: 王桂兰, health: 一般，腿脚不便}\n",
    "id: C001\nrisk_assessments:\n  - {date: 2026-09-15, level: medium, notes: 祖母年迈，需关注：每周电话}\n",
    'id: C001\ncategories: ["留守，困境"]\n',
    "id: C001\nnotes: 祖母住院，\n  孩子独自在家：由邻居照看\n",
    "id: C001\nnotes: |\n  时间：周五\n  地点：家中\n",
])
def test_full_width_punctuation_in_text_is_chinese(text: str) -> None:
    assert parse(text, "children/C001.yaml")[2] == []


@pytest.mark.parametrize("text", [
    "id: C001\nnotes: 祖母住院，phone: 139\n",  # the ``: `` in a block value is what breaks it
    "id: C001\nnotes: 祖母住院，\n\tphone: 139\n",
    'id: C001\nguardian: {notes: "a，b: c", name: [x}\n',
])
def test_a_syntax_error_elsewhere_is_not_blamed_on_chinese_text(text: str) -> None:
    (problem,) = parse(text, "children/C001.yaml")[2]
    assert problem.code == "yaml-syntax"


def test_a_full_width_key_is_an_error_with_a_hint_not_an_unknown_key(
    runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    child = ENGLISH_CHILD.replace('guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}',
                                  'guardian: {name: 王桂兰, relation：祖母，phone: "13700000003"}')
    root = make_records({"children/C001.yaml": child})
    result = run(runner, root, "check", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert not [w for w in data["warnings"] if w["code"] == "unknown-key"]
    places = [(e["line"], e["col"], e["code"]) for e in data["errors"]]
    assert places == [(10, 31, "full-width"), (10, 34, "full-width")]
    assert "全角" in data["errors"][0]["message"] and "“: ”" not in data["errors"][0]["hint"]
    assert "半角“:”" in data["errors"][0]["hint"] and "半角“,”" in data["errors"][1]["hint"]
    set_lang("en")
    english = json.loads(run(runner, root, "check", "--json", "--lang", "en").stdout)["errors"][0]
    assert "full-width" in english["message"] and "ASCII “:”" in english["hint"]
    # the child is still counted: the error is in the guardian, not in what makes it a record
    assert "C001" in {i["child"] for i in json.loads(run(runner, root, "due", "--json", "--all").stdout)["items"]}


def test_a_block_key_with_a_full_width_colon_is_placed_by_check(
    runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    root = make_records({"children/C001.yaml": ENGLISH_CHILD.replace("gender: female", "gender：女")})
    result = run(runner, root, "check")
    assert result.exit_code == 1
    assert "children/C001.yaml:3:7: 错误 full-width: 这里是全角（中文）标点“：”" in result.stdout
    assert "yaml-syntax" not in result.stdout


# one bad field does not hide a child ---------------------------------------------------


def _due(runner: CliRunner, root: Path) -> tuple[int, Any]:
    result = run(runner, root, "due", "--json", "--all")
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize(("bad", "instead"), [
    ("gender: female", "gender: 男孩"),
    ("boarding: true", "boarding: 也许"),
    ("categories: [left_behind, single_parent]", "categories: [left_behind, 搬迁]"),
    ("parents_away: mother", "parents_away: {mother: 广东}"),
    ("class: 四(2)班", "class: [四, 2]"),
    ("birth_date: 2016-03-12", "birth_date: 2016-02-30"),
    ("consent: {date: 2026-09-01, by: 王桂兰}", "consent: {date: 九月, by: 王桂兰}"),
])
def test_an_invalid_optional_field_counts_as_not_written(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, bad: str, instead: str
) -> None:
    without = ENGLISH_CHILD.replace(bad + "\n", "")
    reference = make_records({"children/C001.yaml": without})
    expected = _due(runner, reference)
    reference.rename(tmp_path / "reference")
    root = make_records({"children/C001.yaml": ENGLISH_CHILD.replace(bad, instead)})
    assert _due(runner, root) == expected
    records = load(root)
    assert "C001" in records.children and records.unreadable == []
    (error,) = records.errors
    assert (error.path, error.line) == ("children/C001.yaml", ENGLISH_CHILD.split("\n").index(bad) + 1)


def test_one_bad_entry_of_a_list_drops_that_entry_only(make_records: Callable[..., Path]) -> None:
    child = ENGLISH_CHILD.replace(
        "risk_assessments:\n  - {date: 2026-09-15, level: high}\n",
        "risk_assessments:\n  - {date: 2026-09-15, level: 很高}\n  - {date: 2026-10-15, level: low, by: 李老师}\n")
    root = make_records({"children/C001.yaml": child})
    for cache in (False, True, True):  # read, then from the cache's snapshot: the same
        records = load(root, cache=cache)
        kept = records.children["C001"]
        assert [(a.date, a.level) for a in kept.risk_assessments] == [(date(2026, 10, 15), "low")]
        (error,) = records.errors
        assert (error.line, error.col, error.code) == (14, 31, "schema")
        # the entry kept is found where it stands, not where the dropped one was
        assert records.located("children", "C001").at(("risk_assessments", 0, "by")) == (15, 40)


def test_a_bad_value_in_one_file_is_cached_the_same_way(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": ENGLISH_CHILD.replace("gender: female", "gender: 男孩")})
    fresh = load(root, cache=False)
    load(root)  # fills the cache and the snapshot
    (root / "helpers" / "H002.yaml").write_text("id: H002\nname: 刘芳\n", encoding="utf-8")
    from_cache = load(root)  # the snapshot is stale: each unchanged file from the cache
    from_snapshot = load(root)
    for records in (from_cache, from_snapshot):
        assert records.children == fresh.children
        assert [p for p in records.problems if p.path.startswith("children/")] == \
            [p for p in fresh.problems if p.path.startswith("children/")]
        assert records.located("children", "C001").at(("birth_date",)) == (4, 13)


def test_report_is_made_without_the_value_and_names_it(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_records({"children/C001.yaml": ENGLISH_CHILD.replace("gender: female", "gender: 男孩")})
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["report", "--records", str(root), "--today", TODAY, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "张小明" in out.read_text(encoding="utf-8")
    assert "children/C001.yaml:3:9: gender：不能写 男孩" in result.stderr
    assert "按未填写计算" in result.stderr


@pytest.mark.parametrize(("child", "where"), [
    (ENGLISH_CHILD.replace("enrolled: 2026-09-01\n", ""), "children/C001.yaml"),
    (ENGLISH_CHILD.replace("enrolled: 2026-09-01", "enrolled: 九月一日"), "children/C001.yaml"),
    (ENGLISH_CHILD.replace("id: C001", "id: [C001]"), "children/C001.yaml"),
    (ENGLISH_CHILD.replace("id: C001\n", ""), "children/C001.yaml"),
])
def test_a_record_without_its_required_fields_is_left_out_and_said_so(
    runner: CliRunner, make_records: Callable[..., Path], child: str, where: str
) -> None:
    root = make_records({"children/C001.yaml": child})
    result = run(runner, root, "due")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("以下文件没有计入结果（共 1 个")
    assert f"  - {where}" in result.stderr.splitlines()
    last = result.stdout.rstrip("\n").splitlines()[-1]
    assert last == f"注意：1 个文件未计入，结果不完整：{where}（运行 liushou check 查看）"
    as_json = run(runner, root, "due", "--json")
    assert as_json.exit_code == 2
    json.loads(as_json.stdout)  # the data stays data
    assert where in as_json.stderr.rstrip("\n").splitlines()[-1]
    english = run(runner, root, "due", "--lang", "en")
    assert english.stdout.rstrip("\n").splitlines()[-1].startswith(f"Note: 1 file(s) left out, the results are "
                                                                  f"incomplete: {where}")


def test_a_pairing_without_readable_helpers_is_left_out(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [严 万莲]\nstart: 2026-09-05\n"})
    result = run(runner, root, "due")
    assert result.exit_code == 2
    assert "pairings/P001.yaml" in result.stdout.splitlines()[-1]
    records = load(root)
    assert "P001" not in records.pairings and records.unreadable == ["pairings/P001.yaml"]


# the editors' schemas say the same -------------------------------------------------------


def _schema(name: str) -> dict[str, Any]:
    from liushou_cli.jsonschema import schema_files

    loaded: dict[str, Any] = json.loads(schema_files()[f".liushou/schema/{name}.json"])
    return loaded


def test_the_editor_schemas_offer_the_chinese_words() -> None:
    child, helper, program = _schema("child"), _schema("helper"), _schema("program")
    defs = child["$defs"]
    offered = {
        "gender": child["properties"]["gender"]["anyOf"][0]["enum"],
        "category": child["properties"]["categories"]["items"]["enum"],
        "parents_away": child["properties"]["parents_away"]["anyOf"][0]["enum"],
        "level": defs["RiskAssessment"]["properties"]["level"]["enum"],
        "left_reason": defs["Left"]["properties"]["reason"]["anyOf"][0]["enum"],
        "concern": defs["Concern"]["properties"]["type"]["enum"],
        "role": helper["properties"]["role"]["anyOf"][0]["enum"],
        "bool": [*child["properties"]["boarding"]["anyOf"][1]["enum"], "true", "false"],
        "excused": [*defs["Absence"]["properties"]["excused"]["anyOf"][2]["enum"], "true", "false"],
        "persuasion": defs["Persuasion"]["properties"]["result"]["enum"],
        "verify_archive": program["properties"]["verify_archive"]["enum"],
        "per": program["$defs"]["ProgramRule"]["properties"]["per"]["enum"],
    }
    levels = set(program["$defs"]["RiskDuties"]["properties"])
    assert levels == set(ZH_VALUES["level"]) | set(ZH_VALUES["level"].values())  # risk_duties' keys
    for group, words in ZH_VALUES.items():
        assert set(words) | set(words.values()) == set(offered[group]), group
    assert "男 即 male" in child["properties"]["gender"]["description"]


@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
       form=st.sampled_from(range(len(FORMS) - 1)))
def test_the_editor_schemas_take_every_date_form(day: date, form: int) -> None:
    import re

    pattern = _schema("child")["properties"]["enrolled"]["pattern"]
    assert re.match(pattern, FORMS[form](day))
    assert not re.match(pattern, f"{day.month}月{day.day}日")
