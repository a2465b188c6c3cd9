"""The built-in presets: the contract's table, and quotes verbatim from the seed plans."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from liushou_cli.duties.engine import compute_due
from liushou_cli.model import CONTACT_KINDS, Child, Contact, Dropout, Pairing, Program
from liushou_cli.presets import DEFAULT_DROPOUT, DROPOUT_PRESETS, PRESETS, dropout_of
from liushou_cli.records.load import Records

SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():  # the seeds travel with the shared notes, not the package
    SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Traditional → simplified, for exactly the characters of the quoted passages.
TRAD = "時愛媽個與結對兒聯導給寫電話過堅雙訪臨監護學習況溝絡見書節將應課師談記錄兩詳細長負責幫關進認"
SIMP = "时爱妈个与结对儿联导给写电话过坚双访临监护学习况沟络见书节将应课师谈记录两详细长负责帮关进认"
TO_SIMPLIFIED = str.maketrans(TRAD, SIMP)
# The seeds use ASCII punctuation; one (002) annotates some characters with pinyin: 聯(lián).
PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")

# name → (per or within, times, kinds) for each rule, in order: RECORDS.md's table.
ANY = set(CONTACT_KINDS)
CONTACT = {"call", "meeting", "talk", "letter", "home_visit"}
TABLE: dict[str, list[tuple[str | int, int, set[str]]]] = {
    "five-ones-term": [("term", 1, {k}) for k in
                       ("home_visit", "talk", "teacher_contact", "guardian_contact", "letter")],
    "aixin-mama-monthly": [("month", 1, CONTACT), ("month", 1, {"parent_link"}),
                           ("month", 1, {"teacher_contact"}), ("birthday", 1, {"birthday"})],
    "hubei-double-visit": [("term", 1, {"teacher_contact"}), ("term", 1, {"guardian_contact"}),
                           ("month", 1, CONTACT), ("year", 1, {"home_visit", "meeting"}),
                           ("year", 1, {"festival"})],
    "teacher-talk-monthly": [("month", 1, {"talk"})],
    "teacher-talk-twice-monthly": [("month", 2, {"talk"})],
    "kindergarten-biweekly": [(14, 1, {"talk"}), ("month", 1, {"call", "guardian_contact"})],
    "teacher-term-visit": [("term", 1, {k}) for k in ("home_visit", "assistance", "info_check")],
    "volunteer-monthly": [("month", 1, ANY)],
}


def seed_text(name: str) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return PINYIN.sub("", text).translate(PUNCT).translate(TO_SIMPLIFIED)


def plan_section(text: str, number: int) -> str:
    """方案 N of seed 000 (a collection of sixteen plans)."""
    start = text.index(f"帮扶方案 {number}\n")
    end = text.find(f"帮扶方案 {number + 1}\n", start)
    return text[start:] if end < 0 else text[start:end]


def test_names_are_the_contracts() -> None:
    assert set(PRESETS) == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_rules_match_the_table(name: str) -> None:
    rules = PRESETS[name].rules
    shapes = [(r.per if r.per else r.within_days, r.times, set(r.kinds)) for r in rules]
    assert shapes == TABLE[name]
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.name and set(r.kinds) <= ANY for r in rules)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed plans not available")
@pytest.mark.parametrize("name", sorted(TABLE))
def test_quote_is_verbatim_from_its_seeds(name: str) -> None:
    preset = PRESETS[name]
    assert preset.seeds and preset.fragments
    for seed in preset.seeds:
        text = seed_text(seed)
        if seed.startswith("000_"):
            number = int(re.search(r"方案(\d+)", preset.source).group(1))  # type: ignore[union-attr]
            text = plan_section(text, number)
        for fragment in preset.fragments:
            assert fragment in text, (seed, fragment)


def test_source_cites_the_seed_number() -> None:
    for preset in PRESETS.values():
        numbers = {s[:3] for s in preset.seeds}
        assert numbers == set(re.findall(r"\b(00\d)\b", preset.source)), preset.name


# --- each preset on one hand-made pairing, expected items computed by hand --------------------
# Child born 1 December, enrolled 1 Sept 2026, paired from 5 Sept; as of Monday 23 Nov 2026.
LOG = [("2026-10-08", "letter"), ("2026-10-15", "talk;guardian_contact"), ("2026-11-10", "call"),
       ("2026-11-12", "home_visit;info_check"), ("2026-11-20", "teacher_contact")]
EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "five-ones-term": [],  # every one of the five is met in the autumn term
    "aixin-mama-monthly": [("overdue", "parent_link", "2026-10-31"), ("overdue", "teacher_contact", "2026-10-31"),
                           ("due_soon", "parent_link", "2026-11-30"), ("due_soon", "birthday", "2026-12-01")],
    # 2025 is not owed: the pairing was not active on 31 Dec 2025
    "hubei-double-visit": [("pending", "festival", "2026-12-31")],
    "teacher-talk-monthly": [("due_soon", "talk", "2026-11-30")],
    "teacher-talk-twice-monthly": [("overdue", "talk", "2026-10-31"), ("due_soon", "talk", "2026-11-30")],
    "kindergarten-biweekly": [("overdue", "talk", "2026-10-29")],  # last talk 15 Oct + 14 days
    "teacher-term-visit": [("pending", "assistance", "2027-01-20")],
    "volunteer-monthly": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_preset_on_a_pairing(name: str) -> None:
    program = Program.model_validate({"program": "测试", "duties": name, "terms": [
        {"id": "2026-autumn", "start": "2026-09-01", "end": "2027-01-20"}]})
    child = Child.model_validate({"id": "C001", "name": "张小明", "birth_date": "2016-12-01",
                                  "enrolled": "2026-09-01",
                                  "risk_assessments": [{"date": "2026-09-15", "level": "low"}]})
    pairing = Pairing.model_validate({"id": "P001", "child": "C001", "helpers": ["H001"], "start": "2026-09-05"})
    contacts = [Contact(date.fromisoformat(d), "P001", tuple(k.split(";"))) for d, k in LOG]
    records = Records(root=Path("."), program=program, children={"C001": child},
                      pairings={"P001": pairing}, contacts=contacts)
    items = compute_due(records, date(2026, 11, 23)).items
    assert [(i.status, i.duty, i.due.isoformat()) for i in items if i.pairing] == EXPECTED[name]


# --- 控辍保学: the dropout presets (RECORDS.md 1.1) -----------------------------------------
DROPOUT_TRAD = "學無曠課兩體確勸須報單鎮啟動復對監護與"
DROPOUT_SIMP = "学无旷课两体确劝须报单镇启动复对监护与"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed plans not available")
@pytest.mark.parametrize("name", sorted(DROPOUT_PRESETS))
def test_dropout_quote_is_verbatim_from_its_seed(name: str) -> None:
    preset = DROPOUT_PRESETS[name]
    assert preset.seeds and preset.fragments
    for seed in preset.seeds:
        # 004 is a paged copy: its sentences run on across page markers ("\n\n6、")
        text = re.sub(r"\n\n\d+、", "", seed_text(seed)).translate(str.maketrans(DROPOUT_TRAD, DROPOUT_SIMP))
        if seed.startswith("000_"):
            number = int(re.search(r"方案(\d+)", preset.source).group(1))  # type: ignore[union-attr]
            text = plan_section(text, number)
        for fragment in preset.fragments:
            assert fragment in text, (seed, fragment)
        assert {seed[:3]} == set(re.findall(r"\b(00\d)\b", preset.source))


def test_dropout_presets_hold_the_seeds_numbers() -> None:
    """000 方案11: 两天以上, 两次以上劝未果 (the default); 004: 超过一个星期, 劝返无效 (once)."""
    numbers = {n: (p.settings.persuade_after_days, p.settings.report_after_failed) for n, p in DROPOUT_PRESETS.items()}
    assert numbers == {"two-days": (2, 2), "one-week": (7, 1)}
    assert Dropout() == DROPOUT_PRESETS[DEFAULT_DROPOUT].settings
    assert dropout_of(Program(program="x")) == Dropout()
    assert dropout_of(Program(program="x", dropout="one-week")).persuade_after_days == 7
    assert dropout_of(Program(program="x", dropout="no-such")) == Dropout()  # check reports the name
