"""Term report data: numbers checked against hand counts on a small programme.

The programme below is also used by the other report and table tests. As of
2026-11-23 in the 2026 autumn term (2026-09-01 .. 2027-01-20):
- active: C001, C002, C004 (C003 left on 2026-10-15, parents returned)
- new this term: C002 (09-10), C004 (09-01); left: C003
- paired: C001 (P001), C002 (P002); C004 has no pairing
- archives complete: C001, C004 (C002 lacks the guardian's phone)
- contacts in the term up to 11-23: 4 (one 2026-06 row is last term, one 12-01 row is later)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liushou_cli.duties.engine import Obligation
from liushou_cli.records.load import Records, load
from liushou_cli.reports.chart import bar, month_bars
from liushou_cli.reports.data import ReportError, build, narrative_blocks, pick_term
from liushou_cli.reports.redact import Redactor, mask_name, redact_report

PROGRAMME: dict[str, str] = {
    "liushou.yaml": """\
program: 水湖镇中心小学留守儿童一对一帮扶
organization: 水湖镇中心小学德育处
coordinator: 王老师
terms:
  - {id: 2026-spring, name: 2026年春季学期, start: 2026-02-20, end: 2026-07-10}
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
duties: five-ones-term
""",
    "children/C001.yaml": """\
id: C001
name: 张小明
gender: male
birth_date: 2016-03-12
school: 水湖镇中心小学
grade: 四年级
class: 四(2)班
class_teacher: {name: 李芳芳, phone: "13800000001"}
categories: [left_behind]
parents_away: both
parents:
  - {name: 张大山, relation: 父亲, phone: "13900000002", work_place: 广东省东莞市长安镇, employer: 某电子厂}
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003", address: 水湖镇三村五组}
village: 三村
enrolled: 2026-03-01
risk_assessments:
  - {date: 2026-09-15, level: medium, by: 李芳芳}
concerns:
  - date: 2026-11-02
    type: unsupervised
    notes: 祖母住院孩子独自在家
    reported: {date: 2026-11-03, to: 镇派出所}
""",
    "children/C002.yaml": """\
id: C002
name: 李梅
gender: female
school: 水湖镇中心小学
grade: 三年级
class: 三(1)班
categories: [left_behind, single_parent]
guardian: {name: 李国华, relation: 祖父}
village: 五村
address: 水湖镇五村二组
enrolled: 2026-09-10
concerns:
  - {date: 2026-10-20, type: other, notes: 多日未到校}
""",
    "children/C003.yaml": """\
id: C003
name: 王强
gender: male
school: 水湖镇中心小学
grade: 四年级
class: 四(1)班
categories: [in_difficulty]
guardian: {name: 王秀英, relation: 外祖母, phone: "13700000009"}
village: 三村
enrolled: 2026-02-25
left: {date: 2026-10-15, reason: parents_returned}
""",
    "children/C004.yaml": """\
id: C004
name: 赵丽
gender: female
school: 水湖镇中心小学
grade: 一年级
class: 一(3)班
guardian: {name: 赵明德, relation: 祖父, phone: "13700000010"}
village: 五村
enrolled: 2026-09-01
risk_assessments:
  - {date: 2026-10-05, level: low}
""",
    "helpers/H001.yaml": """\
id: H001
name: 严万莲
role: aixin_mama
unit: 宋家沟小学
position: 教师
phone: "13600000004"
address: 宋家沟村一组
""",
    "helpers/H002.yaml": """\
id: H002
name: 陈静
role: teacher
unit: 水湖镇中心小学
position: 班主任
phone: "13600000005"
""",
    "pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-03-05\n",
    "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H001, H002]\nstart: 2026-09-15\nnotes: =多对一\n",
    "pairings/P003.yaml": "id: P003\nchild: C003\nhelpers: [H002]\nstart: 2026-03-01\n",
    "contacts/log.csv": """\
date,pairing,kinds,helper,channel,minutes,summary
2026-06-01,P001,talk,,,,上学期谈心
2026-09-20,P001,home_visit;guardian_contact,H001,in_person,60,家访
2026-10-08,P001,letter,,letter,,写信
2026-10-12,P002,talk,H002,,,谈心
2026-11-05,P001,talk;teacher_contact,,,,谈心并联系班主任
2026-12-01,P002,call,,,,电话
""",
}

TODAY = date(2026, 11, 23)


def make_programme(root: Path, extra: dict[str, str | None] | None = None) -> Path:
    for rel, text in {**PROGRAMME, **(extra or {})}.items():
        path = root / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def fake_obligations(records: Records, start: date, end: date) -> list[Obligation]:
    """Stand-in for the engine: fixed obligations, some outside the range to be filtered."""
    ob = Obligation
    return [
        ob("P001", "C001", "home_visit", "走访一次", ("H001",), date(2026, 10, 31), True, date(2026, 9, 20)),
        ob("P002", "C002", "home_visit", "走访一次", ("H001", "H002"), date(2026, 10, 31), False, None),
        ob("P002", "C002", "talk", "谈心一次", ("H001", "H002"), date(2026, 10, 31), True, date(2026, 10, 12)),
        ob(None, "C001", "risk_assessment", "", (), date(2026, 9, 30), True, date(2026, 9, 15)),
        ob(None, "C004", "risk_assessment", "", (), date(2026, 9, 30), True, date(2026, 10, 5)),
        ob(None, "C002", "risk_assessment", "", (), date(2026, 9, 30), False, None),
        ob("P001", "C001", "letter", "写信一次", ("H001",), date(2027, 1, 20), False, None),  # after T
    ]


@pytest.fixture
def records(tmp_path: Path) -> Records:
    return load(make_programme(tmp_path / "records"))


def _data(records: Records, **kw: object) -> dict:
    assert records.program is not None
    term = pick_term(records.program.terms, TODAY)
    return build(records, term, TODAY, obligations=fake_obligations, **kw)  # type: ignore[arg-type]


def _counts(rows: list[dict]) -> dict:
    return {r["code"]: r["count"] for r in rows}


def test_headline_counts(records: Records) -> None:
    data = _data(records)
    assert data["term"]["id"] == "2026-autumn"
    assert data["as_of"] == "2026-11-23"
    assert not data["ended"]
    ch = data["children"]
    assert (ch["active"], ch["paired"], ch["new"], ch["left"]) == (3, 2, 2, 1)
    assert data["pairings"]["active"] == 2
    assert data["contacts"]["total"] == 4
    assert all(type(v) is int for v in (ch["active"], ch["paired"], ch["new"], ch["left"]))


def test_breakdowns(records: Records) -> None:
    ch = _data(records)["children"]
    assert _counts(ch["by_category"]) == {"left_behind": 2, "single_parent": 1, None: 1}
    assert [r["code"] for r in ch["by_grade"]] == ["一年级", "三年级", "四年级"]
    assert _counts(ch["by_gender"]) == {"male": 1, "female": 2}
    assert _counts(ch["by_village"]) == {"五村": 2, "三村": 1}
    assert [c["id"] for c in ch["new_list"]] == ["C002", "C004"]
    assert ch["left_list"] == [{"id": "C003", "name": "王强", "date": "2026-10-15", "reason": "parents_returned"}]
    assert [c["id"] for c in ch["unpaired_list"]] == ["C004"]


def test_rates_helpers_contacts(records: Records) -> None:
    data = _data(records)
    assert data["rates"]["archive"] == {"count": 2, "total": 3, "percent": 66.7}
    assert data["rates"]["pairing"] == {"count": 2, "total": 3, "percent": 66.7}
    assert data["archive_incomplete"] == [{"id": "C002", "name": "李梅", "missing": ["guardian_phone"]}]
    assert _counts(data["helpers"]["by_role"]) == {"teacher": 1, "aixin_mama": 1}
    kinds = _counts(data["contacts"]["by_kind"])
    assert kinds == {"home_visit": 1, "guardian_contact": 1, "letter": 1, "talk": 2, "teacher_contact": 1}
    assert [(m["month"], m["count"]) for m in data["contacts"]["by_month"]] == [
        ("2026-09", 1), ("2026-10", 2), ("2026-11", 1)]


def test_pairings_touched_and_quiet_as_of_t(records: Records) -> None:
    """P001 last contacted 11-05 (18 days before T), P002 on 10-12 (42 days; its 12-01 call is after T)."""
    pairings = _data(records)["pairings"]
    assert pairings["touched"] == [
        {"days": 30, "count": 1, "total": 2, "percent": 50.0},
        {"days": 60, "count": 2, "total": 2, "percent": 100.0},
        {"days": 120, "count": 2, "total": 2, "percent": 100.0},
    ]
    assert pairings["quiet"] == {"days": 30, "count": 1}


def test_every_paired_helper_evaluated(records: Records) -> None:
    """H002's pairing P003 counts though its child left on 10-15: it was active in the term."""
    rows = _data(records)["helpers"]["evaluation"]
    assert [(r["id"], r["children"], r["contacts"], r["owed"], r["met"], r["last_contact"], r["days_since"])
            for r in rows] == [("H002", 2, 1, 2, 1, "2026-10-12", 42), ("H001", 2, 3, 3, 2, "2026-11-05", 18)]
    assert rows[0]["rate"] == {"count": 1, "total": 2, "percent": 50.0}
    assert rows[1]["by_kind"] == [{"code": "home_visit", "count": 1}, {"code": "talk", "count": 1},
                                  {"code": "teacher_contact", "count": 1}, {"code": "guardian_contact", "count": 1},
                                  {"code": "letter", "count": 1}]


def test_duties_from_obligations(records: Records) -> None:
    duties = _data(records)["duties"]
    assert (duties["due"], duties["met"]) == (6, 4)  # the 2027-01-20 one is after T
    rules = {r["duty"]: (r["due"], r["met"]) for r in duties["rules"]}
    assert rules == {"home_visit": (2, 1), "talk": (1, 1), "risk_assessment": (3, 2)}
    helpers = {h["id"]: (h["due"], h["met"]) for h in duties["helpers"]}
    assert helpers == {"H001": (3, 2), "H002": (2, 1)}
    unmet = {c["id"]: c["missed"] for c in duties["unmet_children"]}
    assert unmet == {"C002": 2}


def test_risk_and_concerns(records: Records) -> None:
    data = _data(records)
    assert _counts(data["risk"]["levels"]) == {"medium": 1, "low": 1, None: 1}
    risk = data["risk"]
    assert (risk["owed"], risk["on_time"], risk["late"], risk["missing"]) == (3, 1, 1, 1)
    assert data["concerns"] | {"details": []} == {"raised": 2, "reported": 1, "outstanding": 1, "details": []}
    assert data["concerns"]["details"] == []


def test_register_rows_follow_seed_002(records: Records) -> None:
    rows = _data(records)["pairings"]["register"]
    assert [(r["no"], r["helper_names"], r["child_name"]) for r in rows] == [
        (1, "严万莲", "张小明"), (2, "严万莲、陈静", "李梅")]
    assert rows[1]["units"] == "宋家沟小学、水湖镇中心小学"
    assert all(r["phones"] == "" for r in rows)


def test_contact_details_only_when_asked(records: Records) -> None:
    text = repr(_data(records))
    for secret in ("13600000004", "13700000003", "水湖镇三村五组", "广东省东莞市长安镇", "祖母住院"):
        assert secret not in text
    full = repr(_data(records, with_contacts=True))
    for secret in ("13600000004", "13700000003", "水湖镇三村五组", "广东省东莞市长安镇", "祖母住院"):
        assert secret in full


def test_term_ended_uses_term_end(records: Records) -> None:
    assert records.program is not None
    term = pick_term(records.program.terms, date(2027, 2, 1))
    assert term.id == "2026-autumn"
    data = build(records, term, date(2027, 2, 1), obligations=fake_obligations)
    assert data["as_of"] == "2027-01-20" and data["ended"]
    assert data["contacts"]["total"] == 5
    assert data["duties"]["due"] == 7


def test_pick_term_errors(records: Records) -> None:
    assert records.program is not None
    terms = records.program.terms
    assert pick_term(terms, date(2026, 8, 1)).id == "2026-spring"
    with pytest.raises(ReportError) as exc:
        pick_term(terms, date(2026, 1, 1))
    assert exc.value.key == "report.err.no_term"
    with pytest.raises(ReportError) as exc:
        pick_term(terms, TODAY, "2027-spring")
    assert exc.value.key == "report.err.no_such_term"
    with pytest.raises(ReportError) as exc:
        build(records, terms[1], date(2026, 8, 1), obligations=fake_obligations)
    assert exc.value.key == "report.err.term_not_started"


def test_real_engine_at_term_end(records: Records) -> None:
    """Five ones per term, due on 2027-01-20: P001 met all five, P002 only the talk."""
    from liushou_cli.duties.engine import obligations

    assert records.program is not None
    term = pick_term(records.program.terms, TODAY)
    data = build(records, term, date(2027, 1, 25), obligations=obligations)
    rules = [r for r in data["duties"]["rules"] if r["duty"] != "risk_assessment"]
    assert sum(r["due"] for r in rules) == 10
    assert sum(r["met"] for r in rules) == 6
    helpers = {h["id"]: (h["due"], h["met"]) for h in data["duties"]["helpers"]}
    assert helpers == {"H001": (10, 6), "H002": (5, 1)}


def test_narrative_blocks() -> None:
    blocks = narrative_blocks("## 主要做法\n\n一是家访。\n二是谈心。\n\n- 建档\n1. 结对\n")
    assert blocks == [
        {"kind": "heading", "level": 2, "text": "主要做法"},
        {"kind": "para", "level": 0, "text": "一是家访。二是谈心。"},
        {"kind": "item", "level": 0, "text": "建档"},
        {"kind": "item", "level": 0, "text": "结对"},
    ]


def test_mask_name() -> None:
    assert [mask_name(n) for n in ("张小明", "李四", "欧阳娜娜", "王")] == ["张*明", "李*", "欧**娜", "*"]


def test_redacted_data_holds_no_personal_strings(records: Records) -> None:
    data = redact_report(_data(records, narrative="张小明的奶奶王桂兰电话13700000003。"), records)
    text = repr(data)
    for child in records.children.values():
        assert child.name not in text
    assert "13700000003" not in text and "王桂兰" not in text
    assert "张*明" in text and data["redacted"] is True


@given(st.lists(st.text(alphabet="张王李小明梅华", min_size=2, max_size=4), min_size=1, max_size=6))
def test_redactor_removes_every_name(names: list[str]) -> None:
    out = Redactor(set(names), set()).text("，".join(names))
    assert not any(n in out for n in names)


def _eighths(text: str) -> int:
    from liushou_cli.reports.chart import EIGHTHS

    partial = text[-1:] if text[-1:] not in ("", "█") else ""
    return 8 * text.count("█") + (EIGHTHS.index(partial) if partial else 0)


@given(st.integers(0, 500), st.integers(1, 500))
def test_bar_is_monotonic_and_bounded(count: int, largest: int) -> None:
    count = min(count, largest)
    text = bar(count, largest)
    assert (text == "") == (count == 0)
    assert _eighths(text) <= 160 and len(text) <= 20
    assert _eighths(bar(largest, largest)) == 160
    if count < largest:
        assert _eighths(text) <= _eighths(bar(count + 1, largest))


def test_month_bars_labels() -> None:
    rows = month_bars([{"month": "2026-09", "count": 4}, {"month": "2026-10", "count": 0}])
    assert rows[0]["label"] == "2026年9月" and rows[0]["bar"] == "█" * 20 and rows[1]["bar"] == ""


def test_month_labels_stay_chinese_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is a Chinese document whatever ``--lang``: its months are too."""
    from liushou_cli import i18n

    monkeypatch.setattr(i18n, "_lang", "en")
    assert [r["label"] for r in month_bars([{"month": "2026-12", "count": 1}])] == ["2026年12月"]


# --- archive verification (动态排查) and risk-tiered duties (分类施策) ------------------------------

VERIFYING = """\
program: 水湖镇中心小学留守儿童一对一帮扶
terms:
  - {id: 2026-spring, name: 2026年春季学期, start: 2026-02-20, end: 2026-07-10}
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
duties: five-ones-term
verify_archive: month
risk_duties:
  中:
    - {id: weekly_contact, name: 每周联系, kinds: [call, talk], within_days: 7}
"""


def _verifying(tmp_path: Path) -> Records:
    root = make_programme(tmp_path / "records", {"liushou.yaml": VERIFYING})
    c1 = (root / "children" / "C001.yaml").read_text(encoding="utf-8")
    # C001: checked in the term; a day of last term and one after T do not count for this term
    (root / "children" / "C001.yaml").write_text(c1 + "verified: [2026-06-20, 2026/10/8]\n", encoding="utf-8")
    c2 = (root / "children" / "C002.yaml").read_text(encoding="utf-8")
    (root / "children" / "C002.yaml").write_text(c2 + "verified: [2026-06-20, 2026-11-24]\n", encoding="utf-8")
    return load(root)


def test_share_of_active_children_verified_in_the_term(tmp_path: Path) -> None:
    records = _verifying(tmp_path)
    data = _data(records)
    assert data["rates"]["verified"] == {"count": 1, "total": 3, "percent": 33.3}  # C001 of C001, C002, C004
    assert data["verified"]["setting"] == "month"
    assert [c["id"] for c in data["verified"]["unverified"]] == ["C002", "C004"]
    redacted = redact_report(data, records)
    assert "李小红" not in str(redacted["verified"]) and redacted["rates"]["verified"]["count"] == 1


def test_without_verification_the_share_is_still_given_and_nobody_listed(records: Records) -> None:
    data = _data(records)
    assert data["rates"]["verified"]["count"] == 0 and data["verified"]["unverified"] == []


def test_risk_tiers_counted_by_the_level_on_t(tmp_path: Path) -> None:
    data = _data(_verifying(tmp_path))
    assert data["risk"]["tiers"] == [{"code": "medium", "children": 1, "rules": ["每周联系"]}]  # C001, medium


def test_verification_and_tier_obligations_in_the_duties(tmp_path: Path) -> None:
    from liushou_cli.duties.engine import obligations

    records = _verifying(tmp_path)
    assert records.program is not None
    term = pick_term(records.program.terms, TODAY)
    data = build(records, term, TODAY, obligations=obligations)
    rules = {r["duty"]: (r["due"], r["met"]) for r in data["duties"]["rules"]}
    # September and October for each child active at their ends: C001 met October only
    assert rules["verify_archive"][1] == 1 and rules["verify_archive"][0] >= 4
    assert "weekly_contact" in rules  # C001 is medium since 15 September
