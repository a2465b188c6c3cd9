"""The example programme (examples/records) is valid, realistic and tells the
story its README promises: the seeds' 40 children, every shape of pairing,
a school year of contacts, and a Monday with something (not everything) to do."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.load import Records, load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RECORDS = EXAMPLES / "records"
TODAY = date(2026, 11, 23)
AS_OF = ["--today", TODAY.isoformat()]

# 000 方案5: 水三村40名留守儿童 by grade and gender.
SEED_DISTRIBUTION = {
    ("二年级", "male"): 1, ("二年级", "female"): 4,
    ("三年级", "male"): 2, ("三年级", "female"): 2,
    ("四年级", "female"): 4,
    ("五年级", "male"): 1,
    ("六年级", "male"): 1, ("六年级", "female"): 2,
    ("幼儿园", "male"): 13, ("幼儿园", "female"): 10,
}


@pytest.fixture(scope="module")
def records() -> Records:
    return load(RECORDS)


def _run(runner: CliRunner, args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.stdout


# ---------------------------------------------------------------- validity

def test_check_passes_with_only_the_explained_warning(runner: CliRunner, example_copy: Path) -> None:
    code, out = _run(runner, ["check", "--records", str(example_copy), *AS_OF, "--json"])
    assert code == 0
    found = json.loads(out)
    assert found["errors"] == []
    # README: the one deliberate warning is C040's missing guardian phone.
    assert [(w["code"], w["path"]) for w in found["warnings"]] == [("incomplete-archive", "children/C040.yaml")]


def test_records_load_without_problems(records: Records) -> None:
    assert not records.unreadable
    assert [p for p in records.problems if p.is_error] == []


def test_generator_reproduces_the_committed_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example is exactly what build_example.py writes (and stays deterministic)."""
    module = _generator(monkeypatch)
    module.main(tmp_path)
    generated = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(RECORDS).as_posix() for p in RECORDS.rglob("*")
        if p.is_file() and p.parts[len(RECORDS.parts)] not in ("reports", "README.md", "out", ".liushou", ".git", ".liushou-cache")
    }
    assert generated == committed
    for rel in sorted(generated):
        assert (tmp_path / rel).read_bytes() == (RECORDS / rel).read_bytes(), rel


def _generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_example", EXAMPLES / "build_example.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the programme

def test_programme_and_terms(records: Records) -> None:
    program = records.program
    assert program is not None
    assert program.duties == "five-ones-term"
    assert [t.id for t in program.terms] == ["2025-autumn", "2026-spring", "2026-autumn"]
    spans = sorted((t.start, t.end) for t in program.terms)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    assert any(t.start <= TODAY <= t.end for t in program.terms)


def test_active_children_follow_the_seed_distribution(records: Records) -> None:
    assert len(records.children) >= 40
    active = [c for c in records.children.values() if c.active_on(TODAY)]
    assert len(active) == 40
    assert Counter((c.grade, c.gender) for c in active) == SEED_DISTRIBUTION


def test_contact_cards_are_full_and_varied(records: Records) -> None:
    children = list(records.children.values())
    complete = [c for c in children if c.guardian and c.guardian.phone and c.school and c.class_ and c.birth_date]
    assert len(complete) == len(children) - 1  # C040: guardian phone pending (README)
    categories = {cat for c in children for cat in c.categories}
    assert {"left_behind", "in_difficulty", "single_parent", "orphan", "disabled"} <= categories
    assert {c.parents_away for c in children} == {"both", "father", "mother", "none"}
    relations = Counter(c.guardian.relation for c in children if c.guardian)
    grandparents = sum(n for rel, n in relations.items() if rel and rel.startswith(("祖", "外祖")))
    assert grandparents > len(children) / 2  # 隔代抚养
    places = {p.work_place for c in children for p in c.parents if p.work_place}
    assert any("东莞" in p for p in places) and any("义乌" in p for p in places)
    assert all(c.consent is not None for c in children)


def test_phone_numbers_are_quoted_test_numbers() -> None:
    """Never a real subscriber: every 11-digit mobile is 138-0000-xxxx, written quoted."""
    for path in RECORDS.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'(?<![\d"])1\d{10}(?!\d)', text):
            raise AssertionError(f"{path}: unquoted phone {match.group()}")
        for number in re.findall(r'"(1\d{10})"', text):
            assert number.startswith("1380000"), f"{path}: {number}"


def test_record_files_name_their_schema() -> None:
    first = (RECORDS / "liushou.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=.liushou/schema/program.json"
    for folder, schema in (("children", "child"), ("helpers", "helper"), ("pairings", "pairing")):
        for path in (RECORDS / folder).glob("*.yaml"):
            head = path.read_text(encoding="utf-8").splitlines()[0]
            assert head == f"# yaml-language-server: $schema=../.liushou/schema/{schema}.json", path


def test_helpers_of_every_role(records: Records) -> None:
    roles = Counter(h.role for h in records.helpers.values())
    assert set(roles) == {"teacher", "aixin_mama", "proxy_parent", "volunteer", "student_buddy", "elder"}


def test_pairings_of_every_shape(records: Records) -> None:
    active = [p for p in records.pairings.values() if p.active_on(TODAY, records.children.get(p.child))]
    squads = [p for p in active if len(p.helpers) > 1]
    assert squads and all(records.helpers[h].role == "volunteer" for p in squads for h in p.helpers)  # 多对一
    per_helper = Counter(h for p in active for h in p.helpers)
    assert any(per_helper[h] >= 3 and records.helpers[h].role == "aixin_mama" for h in per_helper)  # 一对多
    own = {p.duties for p in records.pairings.values() if isinstance(p.duties, str)}
    assert {"aixin-mama-monthly", "teacher-talk-monthly", "hubei-double-visit", "volunteer-monthly"} <= own
    assert any(isinstance(p.duties, list) for p in records.pairings.values())  # a rule list of its own
    assert any(p.duties is None for p in active)  # the programme's default
    paired = {p.child for p in active}
    assert all(c.id in paired for c in records.children.values() if c.active_on(TODAY))  # 结对面 100%
    assert all(p.agreement is not None for p in records.pairings.values())


def test_a_child_left_and_its_pairing_ended(records: Records) -> None:
    left = [c for c in records.children.values() if c.left is not None]
    assert [c.id for c in left] == ["C041"]
    child = left[0]
    assert child.left is not None and child.left.reason == "parents_returned"
    assert child.left.date <= TODAY
    pairings = [p for p in records.pairings.values() if p.child == child.id]
    assert pairings and all(p.end is not None and p.end < child.left.date for p in pairings)


def test_concerns_one_reported_one_not(records: Records) -> None:
    concerns = [(c.id, k) for c in records.children.values() for k in c.concerns]
    unreported = [(cid, k) for cid, k in concerns if k.reported is None]
    reported = [(cid, k) for cid, k in concerns if k.reported is not None]
    assert [(cid, k.type) for cid, k in unreported] == [("C031", "unsupervised")]
    assert records.children["C031"].active_on(TODAY)
    assert reported and all(k.reported is not None and k.reported.date >= k.date for _, k in reported)


def test_a_child_enrolled_in_november_2026(records: Records) -> None:
    recent = [c.id for c in records.children.values() if date(2026, 11, 1) <= c.enrolled <= TODAY]
    assert recent == ["C040"]


def test_contacts_span_a_school_year_in_monthly_files(records: Records) -> None:
    days = [c.date for c in records.contacts]
    assert len(days) > 500
    assert min(days) <= date(2025, 9, 30) and date(2026, 11, 1) <= max(days) <= date(2026, 11, 20)
    months = sorted({(d.year, d.month) for d in days})
    assert months[0] == (2025, 9) and months[-1] == (2026, 11) and len(months) == 15  # no month missing
    for contact in records.contacts:
        assert Path(contact.path).name == f"{contact.date:%Y-%m}.csv"
        assert contact.summary and re.search(r"[\u4e00-\u9fff]", contact.summary)


def test_risk_assessments_each_march_and_september_with_gaps(records: Records) -> None:
    def has(cid: str, first: date, last: date) -> bool:
        return any(first <= a.date <= last for a in records.children[cid].risk_assessments)

    spring, autumn = (date(2026, 3, 1), date(2026, 8, 31)), (date(2026, 9, 1), TODAY)
    older = [c for c in records.children.values() if c.enrolled < date(2026, 1, 1)]
    assert all(has(c.id, date(2025, 9, 1), date(2025, 12, 31)) for c in older)
    missed = sorted(c.id for c in older if not (has(c.id, *spring) and has(c.id, *autumn)))
    assert missed == ["C020", "C024"]  # README: one March and one September round missing
    late = [a for c in older for a in c.risk_assessments if a.date.month in (4, 10)]
    assert late  # and some done late


def test_coordinator_report_has_the_seed_sections() -> None:
    text = (RECORDS / "reports" / "2026-autumn.md").read_text(encoding="utf-8")
    headings = re.findall(r"^##\s+(.+)$", text, flags=re.MULTILINE)
    assert headings == ["一、主要做法", "二、存在问题", "三、下步打算"]


def test_coordinator_report_numbers_match_the_records(records: Records) -> None:
    """The hand-written summary quotes the log; regenerating the example must not make it wrong."""
    text = (RECORDS / "reports" / "2026-autumn.md").read_text(encoding="utf-8")
    term = [c for c in records.contacts if date(2026, 9, 1) <= c.date <= TODAY]
    kinds = Counter(k for c in term for k in c.kinds)
    quoted = re.search(r"联系(\d+)次，其中走访家访(\d+)次、谈心(\d+)次、与监护人沟通(\d+)次、与班主任联系(\d+)次、"
                       r"指导孩子与父母视频通话(\d+)次、学习辅导(\d+)次、生活帮扶(\d+)次", text)
    assert quoted is not None
    actual = [len(term), *(kinds[k] for k in ("home_visit", "talk", "guardian_contact", "teacher_contact",
                                              "parent_link", "tutoring", "assistance"))]
    assert [int(n) for n in quoted.groups()] == actual
    assert f"本学期写信只记录了{kinds['letter']}次" in text


# ---------------------------------------------------------------- what is due

EXPECTED_OVERDUE = {
    ("C021", "P035", "home_visit"), ("C027", "P045", "letter"), ("C028", "P038", "info_check"),
    ("C024", None, "risk_assessment"), ("C035", None, "risk_assessment"),
    ("C013", "P016", "teacher_contact"), ("C019", "P033", "contact"),
    ("C009", "P012", "birthday"), ("C036", "P049", "talk"),
    ("C014", None, "persuade"),  # 控辍保学: absent since 16 Nov, one failed persuasion
    # 分类施策: the two high-risk children's pairings, a contact every two weeks
    ("C007", "P008", "high_contact"), ("C015", "P019", "high_contact"), ("C015", "P020", "high_contact"),
    ("C012", None, "verify_archive"),  # 动态排查: October's check was missed
}
EXPECTED_DUE_SOON = {
    ("C040", "P053", "talk"), ("C035", "P048", "talk"), ("C039", "P052", "talk"),
    ("C012", "P015", "birthday"), ("C004", "P003", "parent_link"), ("C015", "P019", "talk"),
    ("C040", None, "risk_assessment"),
    ("C007", "P008", "high_visit"), ("C015", "P019", "high_visit"), ("C015", "P020", "high_visit"),
    ("C033", None, "verify_archive"), ("C040", None, "verify_archive"),  # not yet checked in November
    ("C040", None, "risk_assessment"),
    # the programme's own: November's 留守儿童会 not yet held (class-gathering-monthly, 000 方案2)
    (None, None, "monthly_gathering"),
    # P033's November contact is met by the kindergarten parents' meeting of 20 Nov (counts_as)
}


def test_due_on_the_example_monday_shows_what_the_readme_says(runner: CliRunner, example_copy: Path) -> None:
    code, out = _run(runner, ["due", "--records", str(example_copy), *AS_OF, "--json"])
    assert code == 1  # something is overdue and a concern is unreported
    result = json.loads(out)
    by_status: dict[str, set[tuple[str, str | None, str]]] = {"overdue": set(), "due_soon": set()}
    for item in result["items"]:
        by_status[item["status"]].add((item["child"], item["pairing"], item["duty"]))
    assert by_status["overdue"] == EXPECTED_OVERDUE
    assert by_status["due_soon"] == EXPECTED_DUE_SOON
    assert result["alerts"] == [{"child": "C031", "type": "unsupervised", "date": "2026-11-18"},
                                {"child": "C016", "type": "missing_absent", "date": "2026-11-20"}]


def test_absences_tell_the_readmes_story(runner: CliRunner, example_copy: Path) -> None:
    """控辍保学 on the Monday: C014's persuasion is its class teacher's (H005), overdue since
    18 Nov; C016's whereabouts are unknown (an alert); C006 came back after two failed
    persuasions and a report; C011 was away with leave."""
    code, out = _run(runner, ["due", "--records", str(example_copy), *AS_OF, "--json"])
    persuade = [i for i in json.loads(out)["items"] if i["duty"] == "persuade"]
    assert persuade == [{"status": "overdue", "child": "C014", "pairing": None, "duty": "persuade",
                         "due": "2026-11-18", "rule_name": "", "helpers": ["H005"], "done": 1, "needed": 2}]
    code, out = _run(runner, ["due", "--records", str(example_copy), *AS_OF])
    assert "（C016）六(1)班：无故缺课、具体去向不明，2026-11-20 起无故缺课，尚未报告" in out
    assert "立即向镇人民政府和派出所报告" in out
    code, out = _run(runner, ["explain", "C006", "--records", str(example_copy), *AS_OF, "--json"])
    (c006,) = json.loads(out)["absences"]
    assert (c006["state"], c006["failed"], c006["reported"], c006["alerts"]) == ("returned", 2, True, [])
    code, out = _run(runner, ["explain", "C011", "--records", str(example_copy), *AS_OF, "--json"])
    assert [a["state"] for a in json.loads(out)["absences"]] == ["excused"]


def test_tiers_and_verification_tell_the_readmes_story(runner: CliRunner, example_copy: Path) -> None:
    """分类施策: C007 and C015 are high risk, so each of their pairings owes the two extra
    rules, and explain says which assessment set the level; 动态排查: the coordinator checks
    every archive monthly, and `liushou verify` takes an item away."""
    code, out = _run(runner, ["explain", "P008", "--records", str(example_copy), *AS_OF, "--json"])
    rules = {r["duty"]: r for r in json.loads(out)["rules"]}
    assert rules["high_contact"]["risk_level"]["level"] == "high"
    assert rules["five-ones-term" if "five-ones-term" in rules else "home_visit"]["risk_level"] is None
    code, out = _run(runner, ["explain", "C015", "--records", str(example_copy), *AS_OF])
    assert "分类施策：儿童现为高风险（2025-09-27 的风险评估评定" in out  # high since its first assessment
    code, out = _run(runner, ["verify", "C033", "--records", str(example_copy), *AS_OF])
    assert code == 0
    code, out = _run(runner, ["due", "--records", str(example_copy), *AS_OF, "--json"])
    assert ("C033", "verify_archive") not in {(i["child"], i["duty"]) for i in json.loads(out)["items"]}


def test_due_is_not_all_red(runner: CliRunner, example_copy: Path, records: Records) -> None:
    """Most active pairings have nothing overdue: the example shows a programme that works."""
    code, out = _run(runner, ["due", "--records", str(example_copy), *AS_OF, "--json"])
    overdue_pairings = {i["pairing"] for i in json.loads(out)["items"] if i["status"] == "overdue" and i["pairing"]}
    active = [p for p in records.pairings.values() if p.active_on(TODAY, records.children.get(p.child))]
    assert 0 < len(overdue_pairings) <= len(active) // 5


def test_the_programme_calendar_and_a_term_of_activities(runner: CliRunner, example_copy: Path,
                                                          records: Records) -> None:
    """activities/ holds the last two terms' group activities; the parents' meeting counted as a
    guardian contact for every kindergarten child's pairings, which is why P033's November is met."""
    autumn = [a for a in records.activities.values() if a.date >= date(2026, 9, 1)]
    assert {a.kind for a in autumn} == {"gathering", "letters", "family_call", "parents_meeting"}
    assert all((RECORDS / m).is_file() for a in records.activities.values() for m in a.materials)
    code, out = _run(runner, ["explain", "P033", "--records", str(example_copy), *AS_OF])
    assert "✓ 2026-11-20 集体活动 家长会“幼儿园留守儿童家长会”（A20261120" in out
    code, out = _run(runner, ["table", "activities", "--records", str(example_copy), *AS_OF, "--term", "2026-autumn"])
    assert code == 0 and len(out.strip().splitlines()) == 1 + len(autumn)
    code, out = _run(runner, ["explain", "monthly_gathering", "--records", str(example_copy), *AS_OF])
    assert "✓ 2026-10-16 集体活动 留守儿童会“10月留守儿童会”" in out and "即将到期" in out
