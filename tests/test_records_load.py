"""Loading records: text as written, positions, damaged files, the root, the catalogue.

Property tests feed the loaders arbitrary text and bytes: they must never raise,
and every position they give must lie inside the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import string
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.i18n import set_lang, t
from liushou_cli.messages import CATALOG
from liushou_cli.model import CONTACT_KINDS, Child
from liushou_cli.records import csvio, text, yamlio
from liushou_cli.records.checks import all_problems
from liushou_cli.records.load import load

TODAY = date(2026, 11, 23)
HEADER = "date,pairing,kinds,helper,channel,minutes,summary\n"


def codes_at(root: Path) -> set[tuple[str, str]]:
    return {(p.code, f"{p.path}:{p.line}:{p.col}") for p in all_problems(load(root), TODAY)}


# values as written -----------------------------------------------------------------


def test_phone_numbers_without_quotes_keep_their_digits(make_records: Callable[..., Path]) -> None:
    root = make_records({
        "children/C001.yaml": "id: C001\nname: 张小明\nenrolled: 2026-09-01\nclass: 401\n"
        "guardian: {name: 王桂兰, phone: 13800000001}\n"
        "class_teacher: {name: 李老师, phone: 07101234567}\n"
        "parents:\n  - {name: 张大山, phone: 0086139000000020, employer_phone: 0769-1234}\n",
    })
    child = load(root).children["C001"]
    assert child.guardian is not None and child.guardian.phone == "13800000001"
    assert child.class_teacher is not None and child.class_teacher.phone == "07101234567"
    assert child.parents[0].phone == "0086139000000020"
    assert child.parents[0].employer_phone == "0769-1234"
    assert child.class_ == "401"


@given(st.from_regex(r"\+?[0-9]{1,18}", fullmatch=True))
def test_any_digits_read_back_as_written(digits: str) -> None:
    data, _, problems = yamlio.parse(f"phone: {digits}\nid: {digits}\n", "x.yaml")
    assert problems == []
    assert data == {"phone": digits, "id": digits}


def test_yml_files_are_records_too(make_records: Callable[..., Path]) -> None:
    root = make_records({"helpers/H001.yaml": None, "helpers/H001.yml": "id: H001\nname: 严万莲\n"})
    records = load(root)
    assert "H001" in records.helpers
    assert records.located("helpers", "H001").path == "helpers/H001.yml"
    assert not [p for p in all_problems(records, TODAY) if p.is_error]


def test_yaml_1_1_documents_keep_their_booleans() -> None:
    data, _, problems = yamlio.parse("%YAML 1.1\n---\nboarding: yes\nnotes: no\n", "x.yaml")
    assert problems == [] and data == {"boarding": True, "notes": False}
    data, _, _ = yamlio.parse("boarding: yes\nnotes: no\n", "x.yaml")
    assert data == {"boarding": "yes", "notes": "no"}  # YAML 1.2: plain words


# CSV -------------------------------------------------------------------------------


def test_csv_with_bom_and_crlf(make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-09.csv": None})
    body = (HEADER + "2026-09-20,P001,home_visit,,,,家访\n2026-10-08,P001,letter,,letter,,写信\n").replace("\n", "\r\n")
    (root / "contacts").mkdir()
    (root / "contacts" / "excel.csv").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    records = load(root)
    assert [(c.date.isoformat(), c.line, c.kinds) for c in records.contacts] == [
        ("2026-09-20", 2, ("home_visit",)),
        ("2026-10-08", 3, ("letter",)),
    ]
    assert records.problems == []


def test_rows_after_a_quoted_line_break_keep_their_lines(make_records: Callable[..., Path]) -> None:
    root = make_records({
        "contacts/2026-09.csv": HEADER + '2026-09-20,P001,talk,,,,"第一行\n第二行, 还有逗号"\n'
        '2026-09-21,"P001",talk;tlak,"H001",,,\n2026-09-22,P001,call,H404,,,\n',
    })
    records = load(root)
    assert records.contacts[0].line == 2 and records.contacts[0].summary == "第一行\n第二行, 还有逗号"
    assert codes_at(root) == {("unknown-kind", "contacts/2026-09.csv:4:19"),
                              ("unknown-helper", "contacts/2026-09.csv:5:22")}


def test_kinds_joined_wrongly_get_the_separator_hint(make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-09.csv": HEADER + '2026-09-20,P001,"talk,call",,,,\n'
                         "2026-09-21,P001,talk|call,,,,\n"})
    (problem,) = [p for p in all_problems(load(root), TODAY) if p.code == "unknown-kind"]
    assert problem.line == 3 and problem.args["kind"] == "talk|call"
    assert t("word.kinds_separator") in problem.message and "、" in problem.message
    assert load(root).contacts[0].kinds == ("talk", "call")  # a comma inside quotes separates kinds too


def test_excel_trailing_empty_columns_are_fine(make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-09.csv": "date,pairing,kinds,,\n2026-09-20,P001,talk,,\n"})
    assert codes_at(root) == set()
    assert len(load(root).contacts) == 1


# damaged records -------------------------------------------------------------------


def test_an_invalid_record_is_not_data_but_its_other_mistakes_are_shown(
    make_records: Callable[..., Path],
) -> None:
    root = make_records({
        "pairings/P002.yaml": "id: P002\nchild: C404\nhelpers: [H001, H404]\nstart: 2026-13-01\n"
        "end: 2026-09-01\nduties: five-one\n",
    })
    records = load(root)
    assert "P002" not in records.pairings and "pairings/P002.yaml" in records.unreadable
    assert codes_at(root) >= {
        ("bad-date", "pairings/P002.yaml:4:8"),
        ("unknown-child", "pairings/P002.yaml:2:8"),
        ("unknown-helper", "pairings/P002.yaml:3:17"),
        ("unknown-preset", "pairings/P002.yaml:6:9"),
    }


def test_a_broken_rule_does_not_hide_the_other_rules(make_records: Callable[..., Path]) -> None:
    root = make_records({
        "liushou.yaml": "program: 测试\nterms:\n  - {id: t1, start: 2026-09-01, end: 2027-01-20}\n"
        "  - {id: t2, start: 2027-01-10, end: 2027-07-10}\nduties:\n"
        "  - {id: a, name: A, kinds: [talk], per: week}\n"
        "  - {id: b, name: B, kinds: [hom_visit], per: term}\n",
    })
    found = codes_at(root)
    assert ("schema", "liushou.yaml:6:42") in found
    assert ("unknown-kind", "liushou.yaml:7:30") in found
    assert ("terms-overlap", "liushou.yaml:4:21") in found
    assert not any(code == "schema" and "duties" in where and where != "liushou.yaml:6:42" for code, where in found)


def test_references_to_an_unreadable_child_are_not_reported_again(make_records: Callable[..., Path]) -> None:
    root = make_records({
        "children/C001.yaml": "id: C001\nname: [张小明\nenrolled: 2026-09-01\n",
        "children/zhang.yaml": "id: C002\nname: 张\nenrolled: 2026-9-31\n",
        "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H001]\nstart: 2026-09-05\n",
    })
    found = {code for code, _ in codes_at(root)}
    assert "yaml-syntax" in found and "bad-date" in found
    assert not found & {"unknown-child", "contact-outside-pairing", "unknown-pairing"}


def test_a_pairing_of_a_left_child_with_an_end_after_it(make_records: Callable[..., Path]) -> None:
    left = "id: C001\nname: 张\nenrolled: 2026-09-01\nleft: {date: 2026-11-01, reason: transferred}\n"
    pairing = "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nend: {end}\n"
    late = make_records({"children/C001.yaml": left, "pairings/P001.yaml": pairing.format(end="2027-07-10")})
    assert ("left-child-open-pairing", "pairings/P001.yaml:5:6") in codes_at(late)
    ended = make_records({"children/C001.yaml": left, "pairings/P001.yaml": pairing.format(end="2026-11-01")})
    assert not any(code == "left-child-open-pairing" for code, _ in codes_at(ended))


def test_a_child_leaving_later_is_not_warned_yet(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张\nenrolled: 2026-09-01\n"
                         "left: {date: 2027-03-01, reason: graduated}\nconsent: {date: 2026-09-01}\n"
                         "school: 小学\nclass: 一班\nguardian: {name: 王, phone: '13700000003'}\n"})
    assert codes_at(root) == set()


def test_office_lock_files_and_notes_are_ignored(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/README.md": "说明", "contacts/说明.txt": "x"})
    (root / "contacts" / "~$2026-09.csv").write_bytes(b"\x00\x01lock")
    assert codes_at(root) == set()


# finding the root ------------------------------------------------------------------


def test_root_found_by_walking_up(
    runner: CliRunner, make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_records({"contacts/b.csv": HEADER + "2026-10-02,P404,talk,,,,\n"})
    monkeypatch.chdir(root / "children")
    result = runner.invoke(app, ["check", "--today", "2026-11-23"])
    assert result.exit_code == 1 and "contacts/b.csv:2:12" in result.stdout


def test_root_from_the_global_option_the_command_option_and_the_environment(
    runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_records({"contacts/b.csv": HEADER + "2026-10-02,P404,talk,,,,\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for args in (["--records", str(root), "check"], ["check", "--records", str(root)], ["-r", str(root), "check"]):
        result = runner.invoke(app, [*args, "--today", "2026-11-23"])
        assert result.exit_code == 1 and "unknown-pairing" in result.stdout, args
    monkeypatch.setenv("LIUSHOU_RECORDS", str(root))
    assert "unknown-pairing" in runner.invoke(app, ["check", "--today", "2026-11-23"]).stdout
    # an explicit option beats the environment, wherever it is given
    monkeypatch.setenv("LIUSHOU_RECORDS", str(elsewhere))
    for args in (["--records", str(root), "check"], ["check", "--records", str(root)]):
        assert runner.invoke(app, [*args, "--today", "2026-11-23"]).exit_code == 1, args
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2 and "liushou.yaml" in result.stderr


def test_no_root_anywhere_exits_two(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "找不到台账" in result.stderr and "LIUSHOU_RECORDS" in result.stderr


# the catalogue ---------------------------------------------------------------------


def _words(text_: str) -> str:
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(text_)).strip("：: ")


def _fields(text_: str) -> set[str]:
    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(text_) if name}


def test_every_problem_has_a_hint_in_both_languages() -> None:
    problems = [key for key in CATALOG if key.startswith("problem.")]
    assert len(problems) > 40
    for key in problems:
        hint = "hint." + key.removeprefix("problem.")
        assert hint in CATALOG, hint
        for k in (key, hint):
            zh, en = CATALOG[k]
            assert zh.strip() and en.strip(), k
            if _words(zh):  # not only placeholders such as "{field}：{reason}"
                assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), k
            assert _fields(zh) == _fields(en), k


def test_english_messages(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/b.csv": HEADER + "2026-10-02,P404,talk,,,,\n"})
    result = runner.invoke(app, ["check", "--records", str(root), "--today", "2026-11-23", "--lang", "en", "--json"])
    (problem,) = json.loads(result.stdout)["errors"]
    assert problem["message"] == "no pairing P404"
    assert problem["hint"] == ("check the id, or make the pairing first: liushou pair CHILD HELPER --id P404; "
                               "a row logged by mistake goes with liushou unlog contacts/b.csv:2")
    set_lang("en")
    assert t("problem.csv-unknown-encoding").startswith("cannot tell this CSV's encoding")


# properties: never raise, positions inside the file --------------------------------


YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what ruamel counts as a new line
CSV_BREAKS = re.compile("\r\n|[\r\n]")


def _inside(source: str, line: int, col: int, breaks: re.Pattern[str] = CSV_BREAKS) -> bool:
    lines = breaks.split(source)
    if breaks is CSV_BREAKS:
        return 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1
    # ruamel may or may not break lines at \x85 and \u2028: bound by both readings
    longest = max(len(x) for x in CSV_BREAKS.split(source))
    return 1 <= line <= len(lines) and 1 <= col <= longest + 1


def _yaml_positions_inside(source: str) -> None:
    data, located, problems = yamlio.parse(source, "x.yaml")
    for problem in problems:
        assert problem.path == "x.yaml" and _inside(source, problem.line, problem.col, YAML_BREAKS)
    for line, col in [*located.values.values(), *located.keys.values()]:
        assert _inside(source, line, col, YAML_BREAKS)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_yaml_parse_never_raises(source: str) -> None:
    _yaml_positions_inside(source)


yaml_ish = st.lists(
    st.sampled_from(["id: C1", "name: 张", "- a", "  - b", "k: [1, 2", "x: {a: 1}", ": ", "? ", "&a x",
                     "*a", "!!binary", "'", '"', "#", "\t", "---", "%YAML 1.1", "2026-09-01", "<<: *a"]),
    max_size=12,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(yaml_ish)
def test_yaml_parse_never_raises_on_yaml_like_text(source: str) -> None:
    _yaml_positions_inside(source)


printable = st.characters(blacklist_categories=("Cs", "Cn"), blacklist_characters="".join(map(chr, range(0x7F, 0xA0))))


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), st.text(printable), max_size=6))
def test_yaml_values_are_located_at_their_start(values: dict[str, str]) -> None:
    source = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())
    data, located, problems = yamlio.parse(source, "x.yaml")
    assert problems == [] and (data or {}) == values
    lines = source.split("\n")
    for key in values:
        line, col = located.at((key,))
        assert lines[line - 1][col - 1] == '"'


def _csv_positions_inside(source: str) -> None:
    contacts, problems = csvio.parse_contacts(source, "c.csv")
    for problem in problems:
        assert _inside(source, problem.line, problem.col)
    for contact in contacts:
        assert _inside(source, contact.line, contact.col("date"))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_csv_parse_never_raises(source: str) -> None:
    _csv_positions_inside(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["date,pairing,kinds", "2026-09-20,P001,talk", '"a', 'b"', ",,,", '"x""y"',
                                 "2026-9-1,P 1,tlak;call,,x", "\ufeffdate", "\r", "kinds,kinds"]), max_size=8))
def test_csv_parse_never_raises_on_csv_like_text(rows: list[str]) -> None:
    _csv_positions_inside("\n".join(rows))


cells = st.text(alphabet=st.sampled_from('ab张,"\n ;'), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CONTACT_KINDS), cells, cells), min_size=1, max_size=6))
def test_csv_rows_and_cells_are_located_exactly(rows: list[tuple[str, str, str]]) -> None:
    """Whatever quoting Excel or csv.writer used, a row's line and its cells' columns are exact."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["summary", "channel", "date", "pairing", "kinds"])
    starts = []
    for kind, summary, channel in rows:
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow([summary, channel, "2026-09-20", "P001", kind])
    source = out.getvalue()
    contacts, problems = csvio.parse_contacts(source, "c.csv")
    assert problems == []
    assert [c.line for c in contacts] == starts
    lines = source.split("\n")
    for contact, (kind, summary, channel) in zip(contacts, rows, strict=True):
        assert contact.kinds == (kind,) and (contact.summary or "") == summary.strip()
        if "\n" not in summary + channel:  # cells after a line break are on a later line
            assert lines[contact.line - 1][contact.col("pairing") - 1 :].startswith("P001,")


@settings(max_examples=300, deadline=None)
@given(st.binary(), st.booleans())
def test_decode_never_raises(raw: bytes, is_csv: bool) -> None:
    decoded = text.decode(raw, "f", csv=is_csv)
    assert (decoded.text is None) == any(p.code != "conflict-marker" for p in decoded.problems)
    for problem in decoded.problems:
        assert 1 <= problem.line <= raw.count(b"\n") + 1 and problem.col >= 1


@given(st.text(alphabet=st.sampled_from("张a\n,")).filter(lambda s: any(ord(c) > 127 for c in s)))
def test_gbk_text_is_named_gbk(source: str) -> None:
    """GBK YAML is refused at its first Chinese character; a GBK CSV is read (RECORDS.md 1.1)."""
    decoded = text.decode(source.encode("gbk"), "f")
    assert [p.code for p in decoded.problems] == ["gbk-yaml"]
    (problem,) = decoded.problems
    first = next(i for i, ch in enumerate(source) if ord(ch) > 127)
    assert problem.line == source.count("\n", 0, first) + 1
    read = text.decode(source.encode("gbk"), "f", csv=True)
    assert (read.text, read.problems, read.encoding) == (source, [], "gb18030")


def test_child_model_reads_what_the_loader_gives() -> None:
    data, located, problems = yamlio.parse("id: C001\nname: 张\nenrolled: 2026-09-01\nboarding: false\n", "c")
    child = Child.model_validate(data)
    assert child.enrolled == date(2026, 9, 1) and child.boarding is False and not problems


def test_chinese_names_point_at_the_value_to_write(make_records: Callable[..., Path]) -> None:
    root = make_records({
        "contacts/2026-09.csv": HEADER + "2026-09-20,P001,家访;谈心,,,,\n",
        "helpers/H001.yaml": "id: H001\nname: 严万莲\nrole: 爱心妈\n",
    })
    assert [c.kinds for c in load(root).contacts] == [("home_visit", "talk")]  # RECORDS.md 1.1
    set_lang("en")
    (role,) = [p for p in all_problems(load(root), TODAY) if p.code == "schema"]
    assert role.message.startswith("role: 爱心妈 is not allowed; use one of teacher / aixin_mama / proxy_parent")
    assert "(or in Chinese: 教师 / 爱心妈妈 / 代理家长" in role.message
    assert role.message.endswith(" (did you mean aixin_mama?)")


# where a record's id stands, kept when its other positions are not -----------------


def _no_consent_child(head: str) -> str:
    return head + "name: 张小明\nschool: 测试小学\nclass: 四(2)班\nenrolled: 2026-09-01\n" \
        "guardian: {name: 王桂兰, phone: \"13700000003\"}\n"


@pytest.mark.parametrize("head", [
    "id: C001\n",
    "# 档案\n\n---\nid:   C001\n",
    "name_note: x\n  # 注释\n'id': \"C001\"\n",
])
def test_a_warning_at_the_id_needs_no_second_read(make_records: Callable[..., Path],
                                                  monkeypatch: pytest.MonkeyPatch, head: str) -> None:
    """``check`` on a county re-read hundreds of files only to find where each ``id`` is."""
    from liushou_cli.records import load as load_mod

    text = _no_consent_child(head)
    root = make_records({"children/C001.yaml": text})
    expected = {
        (p.code, p.line, p.col) for p in all_problems(load(root, cache=False), TODAY) if p.path == "children/C001.yaml"
    }
    full = yamlio.parse(text, "children/C001.yaml")[1]
    assert ("no-consent", *full.at(("id",))) in expected
    reread: list[str] = []
    real = load_mod._positions
    monkeypatch.setattr(load_mod, "_positions", lambda root, rel: reread.append(rel) or real(root, rel))
    for _ in range(2):  # read afresh (and cached), then from the cache
        got = {(p.code, p.line, p.col) for p in all_problems(load(root), TODAY) if p.path == "children/C001.yaml"}
        assert got == expected
    assert reread == []


@settings(max_examples=200, deadline=None)
@given(yaml_ish, st.sampled_from(["id: C1", "  id: C1", "- id: C1", "id:\n  C1", "'id': 'C1'"]))
def test_the_kept_id_position_is_the_one_the_file_gives(source: str, id_line: str) -> None:
    text = source + "\n" + id_line
    _, full, _ = yamlio.parse(text, "x.yaml")
    kept = yamlio.Located.rereading("x.yaml", lambda path: full, full.id_positions())
    if full.id_positions() is not None:
        assert kept.at(("id",)) == full.at(("id",))
        assert kept.key_at(("id",)) == full.key_at(("id",))
    assert kept.values == full.values and kept.at(("name",)) == full.at(("name",))
