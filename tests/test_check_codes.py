"""One case per ``liushou check`` code, each pinned to its exact ``path:line:col``.

Every case starts from the valid programme of ``make_records`` and plants one
mistake; the test asserts that the code is reported at that place with that
severity. ``test_every_code_has_a_case`` keeps this table complete: a new
code in the catalogue without a case here fails the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import MINIMAL_PROGRAM
from liushou_cli.cli.app import app
from liushou_cli.messages import CATALOG
from liushou_cli.records.checks import all_problems
from liushou_cli.records.load import load

TODAY = "2026-11-23"
HEADER = "date,pairing,kinds,helper,channel,minutes,summary\n"


@dataclass
class Case:
    code: str
    files: dict[str, str | None]
    where: str  # "path:line:col"
    severity: str = "error"
    raw: dict[str, bytes] = field(default_factory=dict)  # files written as bytes
    symlinks: dict[str, str] = field(default_factory=dict)
    dirs: tuple[str, ...] = ()


def child(extra: str = "", cid: str = "C002") -> str:
    """A complete child record; ``extra`` lines are appended."""
    return (
        f"id: {cid}\nname: 李小红\nschool: 测试小学\nclass: 三(1)班\n"
        "guardian: {name: 李奶奶, phone: \"13700000009\"}\n"
        "enrolled: 2026-09-01\nconsent: {date: 2026-09-01, by: 李奶奶}\n" + extra
    )


def paired(cid: str = "C002", pid: str = "P002") -> dict[str, str | None]:
    """A pairing for a second child, so that child is not unpaired."""
    return {f"pairings/{pid}.yaml": f"id: {pid}\nchild: {cid}\nhelpers: [H001]\nstart: 2026-09-05\n"}


CASES = [
    # files and encodings
    Case("binary-file", {"children/C002.yaml": "id: C002\nname: x\x00\n"}, "children/C002.yaml:2:1"),
    Case("encoding", {}, "children/C002.yaml:2:7", raw={"children/C002.yaml": b"id: C002\nname: \xff\xfe\n"}),
    Case("csv-unknown-encoding", {}, "contacts/big5.csv:1:6",  # Big5 read as GBK: a header of nonsense
         raw={"contacts/big5.csv": "date,結對,類型\n2026-09-21,P001,talk\n".encode("big5")}),
    Case("gbk-yaml", {}, "children/C002.yaml:2:7", raw={"children/C002.yaml": "id: C002\nname: 李小红\n".encode("gbk")}),
    Case("utf16", {}, "children/C002.yaml:1:1", raw={"children/C002.yaml": "id: C002\n".encode("utf-16")}),
    Case("utf16-csv", {}, "contacts/u.csv:1:1", raw={"contacts/u.csv": HEADER.encode("utf-16")}),
    Case("unreadable", {}, "children/C002.yaml:1:1", symlinks={"children/C002.yaml": "nowhere.yaml"}),
    Case("link-outside", {}, "children/C002.yaml:1:1", symlinks={"children/C002.yaml": "../../outside.yaml"}),
    Case("conflict-marker",
         {"helpers/H001.yaml": "id: H001\n<<<<<<< HEAD\nname: 严万莲\n=======\nname: 严老师\n>>>>>>> other\n"},
         "helpers/H001.yaml:2:1"),
    # YAML
    Case("yaml-syntax", {"helpers/H002.yaml": "id: H002\nname: 严: 老师\n"}, "helpers/H002.yaml:2:8"),
    Case("yaml-too-deep", {"helpers/H002.yaml": "id: H002\nnotes: " + "[" * 80 + "]" * 80 + "\n"},
         "helpers/H002.yaml:1:1"),
    Case("yaml-too-large", {"helpers/H002.yaml": "id: H002\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
                            + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
                                      for p, c in zip("abcd", "bcde", strict=True))},
         "helpers/H002.yaml:1:1"),
    Case("yaml-tag", {"helpers/H002.yaml": "id: H002\nname: 严\nnotes: !!binary aGk=\n"}, "helpers/H002.yaml:3:8"),
    Case("yaml-key", {"helpers/H002.yaml": "id: H002\nname: 严\n? [a, b]\n: 1\n"}, "helpers/H002.yaml:3:3"),
    Case("duplicate-key", {"helpers/H002.yaml": "id: H002\nname: 严\nname: 王\n"}, "helpers/H002.yaml:3:1"),
    Case("not-mapping", {"helpers/H002.yaml": "- H002\n- 严\n"}, "helpers/H002.yaml:1:1"),
    Case("empty-file", {"helpers/H002.yaml": "# 待填写\n"}, "helpers/H002.yaml:1:1"),
    # schema
    Case("schema", {"children/C002.yaml": child("gender: 男孩\n"), **paired()}, "children/C002.yaml:8:9"),
    Case("full-width", {"children/C002.yaml": child("class_teacher: {name: 王老师, phone：13900000001}\n"), **paired()},
         "children/C002.yaml:8:33"),
    Case("unknown-key", {"children/C002.yaml": child("gaurdian: {name: 李}\n"), **paired()},
         "children/C002.yaml:8:1", "warning"),
    Case("rule-shape",
         {"liushou.yaml": "program: 测试\nduties:\n  - {id: a, name: 谈心, kinds: [talk]}\n"},
         "liushou.yaml:3:5"),
    Case("bad-id", {"helpers/H002.yaml": "id: H 2\nname: 严\n"}, "helpers/H002.yaml:1:5"),
    Case("bad-date", {"children/C002.yaml": child().replace("enrolled: 2026-09-01", "enrolled: 2026-13-01")},
         "children/C002.yaml:6:11"),
    Case("required", {"helpers/H002.yaml": "id: H002\nphone: \"1\"\n"}, "helpers/H002.yaml:1:1"),
    # identity
    Case("id-mismatch", {"children/C002.yaml": child(cid="C003"), **paired("C003")}, "children/C002.yaml:1:5"),
    Case("duplicate-id", {"helpers/H001.yml": "id: H001\nname: 严二\n"}, "helpers/H001.yml:1:5"),
    # references
    Case("unknown-child", {"pairings/P002.yaml": "id: P002\nchild: C404\nhelpers: [H001]\nstart: 2026-09-05\n"},
         "pairings/P002.yaml:2:8"),
    Case("unknown-helper",
         {"pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001, H404]\nstart: 2026-09-05\n"},
         "pairings/P001.yaml:3:17"),
    Case("unknown-pairing", {"contacts/b.csv": HEADER + "2026-10-02,P404,talk,,,,\n"}, "contacts/b.csv:2:12"),
    Case("unknown-kind", {"contacts/b.csv": HEADER + "2026-10-02,P001,talk;tlak,,,,\n"}, "contacts/b.csv:2:17"),
    Case("unknown-preset", {"liushou.yaml": "program: 测试\nduties: five-ones\n"}, "liushou.yaml:2:9"),
    # risk-tiered duties (分类施策)
    Case("unknown-risk-level", {"liushou.yaml": "program: 测试\nrisk_duties:\n  高: []\n  hihg: []\n"},
         "liushou.yaml:4:3"),
    Case("duplicate-risk-level", {"liushou.yaml": "program: 测试\nrisk_duties:\n"
                                  "  high: [{id: weekly, name: 每周联系, kinds: [call], within_days: 7}]\n"
                                  "  高风险: [{id: visit, name: 每月走访, kinds: [home_visit], per: month}]\n"},
         "liushou.yaml:4:3"),
    Case("risk-duty-id-taken", {"liushou.yaml": "program: 测试\nduties: five-ones-term\nrisk_duties:\n  高:\n"
                                "    - {id: weekly, name: 每周联系, kinds: [call], within_days: 7}\n"
                                "    - {id: talk, name: 谈心, kinds: [talk], within_days: 7}\n"},
         "liushou.yaml:6:12"),
    Case("pairing-duty-id-taken", {
        "liushou.yaml": "program: 测试\nrisk_duties:\n  high: [{id: weekly, name: 每周联系, kinds: [call], within_days: 7}]\n",
        "pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nduties:\n"
                              "  - {id: weekly, name: 每周谈心, kinds: [talk], within_days: 7}\n"},
         "pairings/P001.yaml:6:10"),
    Case("helper-not-in-pairing",
         {"helpers/H002.yaml": "id: H002\nname: 王\n", "contacts/b.csv": HEADER + "2026-10-02,P001,talk,H002,,,\n"},
         "contacts/b.csv:2:22", "warning"),
    Case("duplicate-contact",
         {"contacts/b.csv": HEADER + "2026-10-02,P001,talk,,,,谈心\n2026-10-02,P001,talk,,,,谈心\n"},
         "contacts/b.csv:3:1", "warning"),
    # dates and spans
    Case("pairing-end-before-start",
         {"pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nend: 2026-09-01\n"},
         "pairings/P001.yaml:5:6"),
    Case("term-end-before-start",
         {"liushou.yaml": "program: 测试\nterms:\n  - {id: t1, start: 2026-09-01, end: 2026-01-20}\n"},
         "liushou.yaml:3:38"),
    Case("terms-overlap",
         {"liushou.yaml": "program: 测试\nterms:\n  - id: t1\n    start: 2026-09-01\n    end: 2027-01-20\n"
          "  - id: t2\n    start: 2027-01-15\n    end: 2027-07-10\n"},
         "liushou.yaml:7:12"),
    Case("left-before-enrolled", {"children/C002.yaml": child("left: {date: 2026-08-01, reason: transferred}\n")},
         "children/C002.yaml:8:14"),
    # absences (控辍保学): line 8 is the first line after ``child()``
    Case("absence-end-before-start",
         {"children/C002.yaml": child("absences:\n  - {from: 2026-11-16, to: 2026-11-13}\n"), **paired()},
         "children/C002.yaml:9:28"),
    Case("absence-before-enrolled",
         {"children/C002.yaml": child("absences:\n  - {from: 2026-08-28, to: 2026-09-02}\n"), **paired()},
         "children/C002.yaml:9:12"),
    Case("persuasion-before-absence",
         {"children/C002.yaml": child("absences:\n  - from: 2026-11-16\n    persuasions:\n"
                                      "      - {date: 2026-11-12, by: 李老师, result: 劝返失败}\n"), **paired()},
         "children/C002.yaml:11:16"),
    Case("absence-report-before-start",
         {"children/C002.yaml": child("absences:\n  - from: 2026-11-16\n    reported: {date: 2026-11-15, to: 镇人民政府}\n"),
          **paired()},
         "children/C002.yaml:10:22"),
    Case("absences-overlap",
         {"children/C002.yaml": child("absences:\n  - {from: 2026-11-02, to: 2026-11-06}\n"
                                      "  - {from: 2026-11-16}\n  - {from: 2026-11-18, excused: 有故}\n"), **paired()},
         "children/C002.yaml:11:12"),
    Case("unknown-dropout-preset", {"liushou.yaml": "program: 测试\ndropout: one-weak\n"}, "liushou.yaml:2:10"),
    Case("verified-before-enrolled", {"children/C002.yaml": child("verified: [2026-09-03, 2026-08-20]\n"), **paired()},
         "children/C002.yaml:8:24", "warning"),
    Case("verified-after-left", {"children/C002.yaml": child(
        "left: {date: 2026-10-01, reason: transferred}\nverified:\n  - 2026-09-20\n  - 2026/10/8\n")},
         "children/C002.yaml:11:5", "warning"),
    Case("contact-outside-pairing", {"contacts/b.csv": HEADER + "2026-09-01,P001,talk,,,,\n"}, "contacts/b.csv:2:1"),
    Case("contact-in-future", {"contacts/b.csv": "kinds,pairing,date\ntalk,P001,2026-12-01\n"}, "contacts/b.csv:2:11"),
    # CSV
    Case("csv-missing-column", {"contacts/b.csv": "date,pairing\n2026-10-02,P001\n"}, "contacts/b.csv:1:1"),
    Case("csv-unknown-column", {"contacts/b.csv": "date,pairing,kinds,summery\n2026-10-02,P001,talk,x\n"},
         "contacts/b.csv:1:20", "warning"),
    Case("csv-duplicate-column", {"contacts/b.csv": "date,pairing,kinds,date\n2026-10-02,P001,talk,x\n"},
         "contacts/b.csv:1:20"),
    Case("csv-ragged", {"contacts/b.csv": "date,pairing,kinds\n2026-10-02,P001,talk,家访,x\n"}, "contacts/b.csv:2:22"),
    Case("csv-syntax", {"contacts/b.csv": HEADER + "2026-10-02,P001,talk,,,,ok\n2026-10-03,P001,talk,,,,\"a\"b\n"},
         "contacts/b.csv:3:1"),
    Case("bad-number", {"contacts/b.csv": HEADER + "2026-10-02,P001,talk,,,半小时,\n"}, "contacts/b.csv:2:24"),
    # a child (or a helper by name) in the contact log (RECORDS.md 1.1)
    Case("contact-unknown-child", {"contacts/b.csv": "date,child,kinds\n2026-10-02,李四,talk\n"}, "contacts/b.csv:2:12"),
    Case("contact-ambiguous-child",
         {"children/C002.yaml": child().replace("李小红", "张小明"), **paired(),
          "contacts/b.csv": "日期,儿童,类型\n2026-10-02,张小明,谈心\n"}, "contacts/b.csv:2:12"),
    Case("contact-child-no-pairing", {"contacts/b.csv": "date,child,kinds\n2026-09-02,C001,talk\n"},
         "contacts/b.csv:2:12"),
    Case("contact-child-several-pairings",
         {"pairings/P003.yaml": "id: P003\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n",
          "contacts/b.csv": "date,child,kinds\n2026-10-02,张小明,talk\n"}, "contacts/b.csv:2:12"),
    Case("contact-child-mismatch",
         {"children/C002.yaml": child(), **paired(), "contacts/b.csv": "date,pairing,child,kinds\n2026-10-02,P002,C001,talk\n"},
         "contacts/b.csv:2:17"),
    Case("contact-ambiguous-helper",
         {"helpers/H002.yaml": "id: H002\nname: 王芳\n", "helpers/H003.yaml": "id: H003\nname: 王 芳\n",
          "contacts/b.csv": "date,pairing,kinds,helper\n2026-10-02,P001,talk,王芳\n"}, "contacts/b.csv:2:22"),
    # group activities (RECORDS.md 1.1)
    Case("unknown-activity-kind", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: 家长汇\nname: 家长会\n"},
         "activities/A1.yaml:3:7"),
    Case("unknown-activity-kind",
         {"liushou.yaml": MINIMAL_PROGRAM + "program_duties:\n  - {id: g, name: 每月会, activities: [gathering, 聚会], per: month}\n"},
         "liushou.yaml:8:48"),
    Case("unknown-kind", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: parents_meeting\nname: 家长会\n"
                                                "counts_as: [guardian_contact, 通电话]\n"}, "activities/A1.yaml:5:31"),
    Case("unknown-child", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: 家长会\nname: 家长会\n"
                                                 "children: [C001, C404]\n"}, "activities/A1.yaml:5:18"),
    Case("unknown-helper", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: 家长会\nname: 家长会\n"
                                                  "helpers:\n  - H404\n"}, "activities/A1.yaml:6:5"),
    Case("activity-child-not-active",
         {"activities/A1.yaml": "id: A1\ndate: 2026-08-20\nkind: 家长会\nname: 家长会\nchildren: [C001]\n"},
         "activities/A1.yaml:5:12", "warning"),
    Case("activity-in-future", {"activities/A1.yaml": "id: A1\ndate: 2026-12-20\nkind: 家长会\nname: 家长会\n"},
         "activities/A1.yaml:2:7"),
    Case("duplicate-activity", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: 家长会\nname: 家长会\n",
                                "activities/A2.yaml": "id: A2\ndate: 2026/11/20\nkind: parents_meeting\nname: 家长会\n"},
         "activities/A2.yaml:1:5", "warning"),
    Case("missing-material", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: 家长会\nname: 家长会\n"
                                                    "materials: [materials/照片.jpg]\n"}, "activities/A1.yaml:5:13", "warning"),
    Case("material-outside", {"activities/A1.yaml": "id: A1\ndate: 2026-11-20\nkind: 家长会\nname: 家长会\n"
                                                    "materials: [../照片.jpg]\n"}, "activities/A1.yaml:5:13"),
    Case("unknown-preset", {"liushou.yaml": MINIMAL_PROGRAM + "program_duties: [monthly-gathering]\n"},
         "liushou.yaml:7:18"),
    Case("duplicate-id", {"liushou.yaml": MINIMAL_PROGRAM + "program_duties:\n  - class-gathering-monthly\n"
                          "  - {id: monthly_gathering, name: 每月会, activities: [gathering], per: month}\n"},
         "liushou.yaml:9:10"),
    # the programme's own warnings
    Case("left-child-open-pairing",
         {"children/C001.yaml": child("left: {date: 2026-11-01, reason: transferred}\n", cid="C001")},
         "pairings/P001.yaml:1:5", "warning"),
    Case("child-unpaired", {"children/C002.yaml": child()}, "children/C002.yaml:1:5", "warning"),
    Case("no-consent", {"children/C002.yaml": child().replace("consent: {date: 2026-09-01, by: 李奶奶}\n", ""),
                        **paired()}, "children/C002.yaml:1:5", "warning"),
    Case("incomplete-archive", {"children/C002.yaml": child().replace("class: 三(1)班\n", ""), **paired()},
         "children/C002.yaml:1:5", "warning"),
    Case("implausible-phone", {"children/C002.yaml": child().replace('"13700000009"', '"1370000000"'), **paired()},
         "children/C002.yaml:5:30", "warning"),
    Case("stray-file", {"children/名单.docx": "x"}, "children/名单.docx:1:1", "warning"),
    Case("stray-folder", {"children/old/C009.yaml": child(cid="C009")}, "children/old/:1:1", "warning"),
    Case("contacts-not-csv", {"contacts/2026-10.xlsx": "PK"}, "contacts/2026-10.xlsx:1:1", "warning"),
]


def _build(make_records: Callable[..., Path], case: Case) -> Path:
    root = make_records(case.files)
    for rel, data in case.raw.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    for rel, target in case.symlinks.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / rel)
    return root


def reported(runner: CliRunner, root: Path) -> tuple[int, set[tuple[str, str, str]]]:
    """Exit code and every (severity, code, "path:line:col") that ``check --json`` reports."""
    result = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY, "--json"])
    data = json.loads(result.stdout)
    found = {
        (severity, p["code"], f"{p['path']}:{p['line']}:{p['col']}")
        for severity, key in (("error", "errors"), ("warning", "warnings"))
        for p in data[key]
    }
    return result.exit_code, found


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{i}" for i, c in enumerate(CASES)])
def test_code_is_reported_where_it_is(
    case: Case, runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    code, found = reported(runner, _build(make_records, case))
    assert (case.severity, case.code, case.where) in found, sorted(found)
    assert code == (1 if any(s == "error" for s, _, _ in found) else 0)


def test_the_base_programme_is_clean(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    """The cases above rely on it: every problem they see is the planted one."""
    assert reported(runner, make_records()) == (0, set())


# the same code found in a second kind of place -------------------------------------

EXTRA = [
    Case("conflict-marker", {"contacts/b.csv": HEADER + "<<<<<<< HEAD\n2026-10-02,P001,talk,,,,\n=======\n"
                             "2026-10-03,P001,talk,,,,\n>>>>>>> theirs\n"}, "contacts/b.csv:2:1"),
    Case("unknown-kind", {"liushou.yaml": "program: 测试\nduties:\n  - id: a\n    name: 谈心\n"
                          "    kinds: [talk, tlak]\n    per: month\n"}, "liushou.yaml:5:19"),
    Case("unknown-helper", {"contacts/b.csv": HEADER + "2026-10-02,P001,talk,H404,,,\n"}, "contacts/b.csv:2:22"),
    Case("bad-id", {"contacts/b.csv": HEADER + "2026-10-02,P 1,talk,,,,\n"}, "contacts/b.csv:2:12"),
    Case("bad-date", {"contacts/b.csv": HEADER + "2026/9/31,P001,talk,,,,\n"}, "contacts/b.csv:2:1"),
    Case("required", {"contacts/b.csv": HEADER + "2026-10-02,P001,,,,,\n"}, "contacts/b.csv:2:17"),
    Case("duplicate-id", {"liushou.yaml": "program: 测试\nterms:\n  - {id: t1, start: 2026-09-01, end: 2027-01-20}\n"
                          "  - {id: t1, start: 2027-02-20, end: 2027-07-10}\n"}, "liushou.yaml:4:10"),
    Case("terms-overlap",  # a term inside another, listed first
         {"liushou.yaml": "program: 测试\nterms:\n  - {id: inner, start: 2026-10-01, end: 2026-10-31}\n"
          "  - {id: outer, start: 2026-09-01, end: 2027-01-20}\n"}, "liushou.yaml:3:24"),
    Case("schema", {"pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n"
                    "duties: {talk: 1}\n"}, "pairings/P001.yaml:5:9"),
    Case("csv-unknown-encoding", {}, "contacts/sjis.csv:1:1", raw={"contacts/sjis.csv": "日付,種類\n".encode("shift_jis")}),
    Case("encoding", {}, "contacts/bom.csv:2:25",  # a BOM promises UTF-8: GBK after it is not guessed at
         raw={"contacts/bom.csv": b"\xef\xbb\xbf" + (HEADER + "2026-09-21,P001,talk,,,,谈心\n").encode("gbk")}),
    Case("yaml-syntax", {"helpers/H002.yaml": 'id: H002\nname: "严老师\nunit: 小学\n'}, "helpers/H002.yaml:2:7"),
    Case("yaml-syntax", {"helpers/H002.yaml": "id: H002\nname: 严\n\tunit: 小学\n"}, "helpers/H002.yaml:3:1"),
]


@pytest.mark.parametrize("case", EXTRA, ids=[f"{c.code}-{i}" for i, c in enumerate(EXTRA)])
def test_code_in_another_place(case: Case, runner: CliRunner, make_records: Callable[..., Path]) -> None:
    _, found = reported(runner, _build(make_records, case))
    assert (case.severity, case.code, case.where) in found, sorted(found)


def test_no_program_from_the_core(tmp_path: Path) -> None:
    """The CLI refuses a folder without liushou.yaml (exit 2); ``load`` names it."""
    (tmp_path / "children").mkdir()
    problems = all_problems(load(tmp_path), date(2026, 11, 23))
    assert [(p.code, p.path, p.line, p.col) for p in problems] == [("no-program", "liushou.yaml", 1, 1)]


def test_every_code_has_a_case() -> None:
    codes = {key.removeprefix("problem.") for key in CATALOG if key.startswith("problem.")}
    tested = {case.code for case in CASES} | {"no-program"} | {case.code for case in PRIVACY_CASES}
    assert codes == tested


def test_the_text_output_format(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    """``PATH:LINE:COL: 错误|警告 CODE: message`` and an indented one-line hint."""
    root = make_records({"children/C002.yaml": child("gaurdian: {name: 李}\n") + "gender: 男孩\n", **paired()})
    result = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY])
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert "children/C002.yaml:8:1: 警告 unknown-key: 未知的键 gaurdian（是否应为 guardian？）" in lines
    at = lines.index("children/C002.yaml:9:9: 错误 schema: gender：不能写 男孩，取值应为 男 / 女（也可写英文 male / female）")
    assert lines[at + 1].startswith("    提示: ")
    quiet = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY, "-q"]).stdout
    assert "提示" not in quiet and "children/C002.yaml:9:9" in quiet
    assert "1 个错误，1 个警告" in result.stderr


def test_no_warnings_option_keeps_exit_zero(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C002.yaml": child()})
    result = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY, "--no-warnings", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"errors": [], "warnings": []}


def test_warnings_alone_exit_zero_and_errors_exit_one(
    runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    warned = make_records({"children/C002.yaml": child()})
    assert runner.invoke(app, ["check", "--records", str(warned), "--today", TODAY]).exit_code == 0
    (warned / "contacts" / "b.csv").write_text(HEADER + "2026-10-02,P404,talk,,,,\n", encoding="utf-8")
    assert runner.invoke(app, ["check", "--records", str(warned), "--today", TODAY]).exit_code == 1


def test_docs_explain_every_code() -> None:
    """docs/records.md has a row for every code, so the table cannot drift from the checks."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "records.md").read_text(encoding="utf-8")
    codes = {key.removeprefix("problem.") for key in CATALOG if key.startswith("problem.")}
    assert {code for code in codes if f"| `{code}` |" not in docs} == set()


# privacy (``check --privacy``), in a real git repository ----------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root,
                   check=True, capture_output=True)


def repo(root: Path, ignore: str = "out/\n.liushou-cache/\n") -> Path:
    """The records as a committed git repository that ignores liushou's outputs."""
    (root / ".gitignore").write_text(ignore, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "init")
    return root


def commit_file(root: Path, rel: str, message: str = "add") -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text("x\n", encoding="utf-8")
    git(root, "add", "-f", "--", rel)
    git(root, "commit", "-q", "-m", message)


def remote_line(root: Path) -> str:
    lines = (root / ".git" / "config").read_text(encoding="utf-8").splitlines()
    return f".git/config:{next(i for i, x in enumerate(lines, 1) if 'gitee.com' in x)}:1"


@dataclass
class PrivacyCase:
    code: str
    setup: Callable[[Path], object]
    where: Callable[[Path], str]


def _head(root: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, check=True, capture_output=True,
                          text=True).stdout.strip()[:10]


PRIVACY_CASES = [
    PrivacyCase("privacy-remote", lambda r: git(r, "remote", "add", "origin", "git@gitee.com:school/records.git"),
                remote_line),
    PrivacyCase("privacy-not-ignored", lambda r: (r / ".gitignore").write_text(".liushou-cache/\n", encoding="utf-8"),
                lambda r: ".gitignore:1:1"),
    PrivacyCase("privacy-output-tracked", lambda r: commit_file(r, "out/2026-autumn-report.docx"),
                lambda r: "out/2026-autumn-report.docx:1:1"),
    PrivacyCase("privacy-file-name", lambda r: commit_file(r, "notes/家访-张小明.txt"), lambda r: "notes/家访-张*明.txt:1:10"),
    PrivacyCase("privacy-commit-message", lambda r: commit_file(r, "notes/a.txt", "记录\n给 13700000003 回电"),
                lambda r: f"commit {_head(r)}:2:3"),
]


@pytest.mark.parametrize("case", PRIVACY_CASES, ids=[c.code for c in PRIVACY_CASES])
def test_privacy_code_is_reported_where_it_is(
    case: PrivacyCase, runner: CliRunner, make_records: Callable[..., Path]
) -> None:
    root = repo(make_records())
    assert reported_privacy(runner, root) == (0, set())  # a clean repository: nothing to say
    case.setup(root)
    code, found = reported_privacy(runner, root)
    assert ("warning", case.code, case.where(root)) in found, sorted(found)
    assert code == 0  # warnings only: the exit code stays the check's own
    _, plain = reported(runner, root)
    assert not any(c.startswith("privacy-") for _, c, _ in plain)  # only when asked


def reported_privacy(runner: CliRunner, root: Path) -> tuple[int, set[tuple[str, str, str]]]:
    result = runner.invoke(app, ["check", "--privacy", "--records", str(root), "--today", TODAY, "--json"])
    data = json.loads(result.stdout)
    return result.exit_code, {
        (severity, p["code"], f"{p['path']}:{p['line']}:{p['col']}")
        for severity, key in (("error", "errors"), ("warning", "warnings"))
        for p in data[key]
    }


# the quick pass over a county's contact rows ---------------------------------------

_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)) | st.dates(
    min_value=date(2025, 12, 25), max_value=date(2026, 1, 5))


@settings(max_examples=500, deadline=None)
@given(start=_days, end=st.none() | _days, enrolled=_days, left=st.none() | _days, day=_days, today=_days)
def test_a_row_passes_the_quick_pass_only_if_the_full_check_has_nothing_to_say(
    start: date, end: date | None, enrolled: date, left: date | None, day: date, today: date
) -> None:
    """``_contacts`` runs the full check of a row only outside its pairing's span: the
    span must be exactly the days the full check accepts."""
    from liushou_cli.model import Child, Pairing
    from liushou_cli.records.checks import _counting_span
    from liushou_cli.records.load import Records

    child = Child.model_validate({"id": "C1", "name": "张", "enrolled": enrolled,
                                  **({"left": {"date": left}} if left else {})})
    pairing = Pairing.model_validate({"id": "P1", "child": "C1", "helpers": ["H1"], "start": start, "end": end})
    records = Records(root=Path("."), children={"C1": child}, pairings={"P1": pairing})
    first, last, helpers = _counting_span(records, "P1", today)
    assert (first <= day <= last) == (day <= today and pairing.active_on(day, child))
    assert helpers == ["H1"]
    orphan = Records(root=Path("."), pairings={"P1": pairing})  # its child unknown: only today counts
    first, last, _ = _counting_span(orphan, "P1", today)
    assert (first <= day <= last) == (day <= today)
    first, last, _ = _counting_span(records, "P2", today)
    assert not first <= day <= last


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=150), st.text(max_size=30), st.booleans(), st.booleans())
def test_piped_problems_print_as_rich_prints_them(value: str, path: str, is_error: bool, quiet: bool) -> None:
    """Piped, ``check`` writes its lines itself: byte for byte what rich would."""
    import io

    from rich.console import Console
    from rich.text import Text

    from liushou_cli.cli.env import Env
    from liushou_cli.i18n import label, t
    from liushou_cli.present.problems import print_listing
    from liushou_cli.problems import error, warning

    make = error if is_error else warning
    problems = [make(path or "x.yaml", 3, 7, "unknown-helper", id=value),
                make("contacts/a.csv", 9, 1, "duplicate-contact", other=value)]
    got = io.StringIO()
    print_listing(Env.create(stdout=got, stderr=io.StringIO()).out, problems, quiet)
    out = io.StringIO()
    console = Console(file=out, no_color=True, highlight=False, soft_wrap=False, width=100)
    for p in problems:
        line = Text(f"{p.path}:{p.line}:{p.col}: ")
        line.append(f"{label('severity', p.severity.value)} {p.code}", style="bold red" if p.is_error else "yellow")
        line.append(f": {p.message}")
        console.print(line, soft_wrap=True)
        if p.hint and not quiet:
            console.print(Text(f"    {t('label.hint')}: {p.hint}", style="dim"), soft_wrap=True)
    assert got.getvalue() == out.getvalue()
