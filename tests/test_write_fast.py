"""Checking a change without loading again (``ChangeSet._introduced_fast``) finds exactly
what loading the records with the change in memory finds (``introduced_by_loading``),
for every kind of change the editing commands make and for changes they cannot follow
(which then take the full path); and the records it patches are the records ``load``
gives once the change is written."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liushou_cli.model import Child, Pairing
from liushou_cli.problems import Problem
from liushou_cli.records import edits
from liushou_cli.records.checks import all_problems
from liushou_cli.records.load import Records, load
from liushou_cli.records.write import ChangeSet, _identity, introduced_by_loading, render_record

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"
TODAY = date(2026, 11, 23)

# oddities planted in a copy of the example programme, so that changes meet problems
# already there: salvaged and broken records, unknown references, duplicate rows ...
PLANTED = {
    "children/C090.yaml": "id: C090\nname: 坏档案\ngender: male\nenrolled: 2026-09-01\nnotes: [unclosed\n",
    "children/C096.yaml": "id: C096\nname: 寄宿不对\ngender: male\nboarding: 也许\nenrolled: 2026-09-01\n",
    "children/C091.yaml": "id: C091\nname: 未结对\ngender: female\nenrolled: 2026-09-01\n",
    "children/C092.yml": "id: C092\nname: 后缀\ngender: female\nenrolled: 2026-09-01\n",
    "children/X093.yaml": "id: C093\nname: 文件名不对\ngender: female\nenrolled: 2026-09-01\n",
    "children/C094.yaml": "id: C094\nname: 已离开\ngender: male\nenrolled: 2026-09-01\n"
                          "left: {date: 2026-10-01, reason: transferred}\n",
    "pairings/P090.yaml": "id: P090\nchild: C094\nhelpers: [H001]\nstart: 2026-09-02\n",
    "pairings/P091.yaml": "id: P091\nchild: C404\nhelpers: [H404]\nstart: 2026-09-02\n",
    "pairings/P092.yaml": "id: P092\nchild: C090\nhelpers: [H001, H404]\nstart: 2026-02-30\n",
    "pairings/P095.yaml": "id: P095\nchild: C097\nhelpers: [H092]\nstart: 2026-02-30\n",
    "pairings/P093.yaml": "id: P093\nchild: C095\nhelpers: [H001]\nstart: 2026-09-02\nend: 2026-09-01\n",
    "helpers/H090.yaml": "id: H090\nname: 新来的\nrole: teacher\n",
    "children/notes.txt": "a note\n",
    "contacts/2026-11.csv": None,  # appended to below
}
EXTRA_ROWS = (
    "2026-11-03,P404,talk,,,,\n"  # unknown pairing
    "2026-11-04,P001,talk,H404,,,\n"  # unknown helper
    "2026-11-05,P001,talk,H001,,,\n"  # a helper not of the pairing
    "2026-11-06,P090,talk,,,,\n"  # after the child left
    "2026-11-07,P091,talk,,,,\n"  # a pairing of an unknown child
    "2026-11-08,P001,talk,,,,\n"
    "2026-11-08,P001,talk,,,,\n"  # the same twice
)
CHILD_IDS = ["C001", "C002", "C010", "C041", "C090", "C091", "C092", "C093", "C094", "C095", "C096", "C097",
             "C404"]
HELPER_IDS = ["H001", "H002", "H010", "H090", "H404", "H091", "H092"]
PAIRING_IDS = ["P001", "P002", "P022", "P053", "P090", "P091", "P092", "P093", "P404", "P094"]
MONTHS = ["contacts/2026-11.csv", "contacts/2026-10.csv", "contacts/2026-12.csv", "contacts/2025/extra.csv",
          "contacts/2026-09.csv"]
KINDS = ["talk", "home_visit", "call", "meeting;talk", "bogus"]


def plant(root: Path) -> None:
    for rel, text in PLANTED.items():
        if text is not None:
            (root / rel).write_text(text, encoding="utf-8")
    with (root / "contacts/2026-11.csv").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_ROWS)


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Records]:
    root = tmp_path_factory.mktemp("fast") / "records"
    shutil.copytree(EXAMPLES, root)
    plant(root)
    return root, load(root)


def test_the_programme_holds_the_oddities(programme: tuple[Path, Records]) -> None:
    root, before = programme
    problems = {(p.path, p.code) for p in all_problems(before, TODAY)}
    assert ("children", "C090") in before.broken and "C096" in before.children
    assert ("children/C096.yaml", "schema") in problems  # read in part
    assert {("pairings", "P092"), ("pairings", "P095")} <= set(before.salvaged)
    assert {"duplicate-contact", "unknown-pairing", "unknown-helper", "helper-not-in-pairing", "id-mismatch",
            "unknown-child", "left-child-open-pairing", "child-unpaired"} <= {code for _, code in problems}


def _ids(problems: list[Problem]) -> Counter[tuple[str, str, str, str]]:
    return Counter(_identity(p) for p in problems)


def _placed(problems: list[Problem]) -> list[tuple[Any, ...]]:
    return sorted((p.path, p.line, p.col, p.code, repr(sorted(p.args.items()))) for p in problems)


def records_state(records: Records) -> tuple[Any, ...]:
    """What loading gives, comparable; a file's problems in any order (see records/patch.py)."""
    return (records.program, list(records.children.items()), list(records.helpers.items()),
            list(records.pairings.items()), records.contacts, [c.cols for c in records.contacts],
            {key: (loc.path, loc.values, loc.keys) for key, loc in records.where.items()},
            _placed(records.problems), sorted(records.unreadable), records.salvaged, records.broken)


def compare(root: Path, before: Records, changes: ChangeSet, *, fast: bool | None = None) -> list[Problem]:
    """Both ways of checking ``changes`` agree; ``fast``: whether the fast way must have been taken."""
    got = changes.introduced(TODAY, before=before)
    taken = changes.checked is not None
    if fast is not None:
        assert taken is fast
    changed = changes._new_bytes()
    want = introduced_by_loading(root, changed, TODAY, before)
    assert _ids(got) == _ids(want)
    assert _placed(got) == _placed(want)
    if taken:
        assert changes.checked is not None
        after = changes.checked[0]
        assert records_state(after) == records_state(load(root, overlay=changed, cache=False))
    return got


def _row(day: date, pairing: str, kinds: str, helper: str | None) -> str:
    return f"{day.isoformat()},{pairing},{kinds},{helper or ''},,,\n"


# a table of the changes the commands make ------------------------------------------


def _log(records: Records, pairing: str, day: date, helper: str | None = None) -> ChangeSet:
    return edits.log_contact(records, pairing, ["talk"], day, TODAY, helper=helper).changes


CASES: dict[str, Any] = {
    "log a contact": lambda r: _log(r, "P001", date(2026, 11, 20)),
    "log the same contact again": lambda r: _log(r, "P001", date(2026, 11, 8)),
    "log outside the pairing": lambda r: _log(r, "P001", date(2020, 1, 1)),
    "log a helper not of the pairing": lambda r: _log(r, "P001", date(2026, 11, 20), "H002"),
    "log an unknown helper": lambda r: _log(r, "P001", date(2026, 11, 20), "H404"),
    "log into a new month": lambda r: _new_month(r),
    "log for a child who left": lambda r: _log(r, "P090", date(2026, 11, 1)),
    "add a child": lambda r: edits.add_child(r, {"name": "新生", "gender": "male", "enrolled": date(2026, 9, 1)},
                                             None).changes,
    "add the child a pairing names": lambda r: edits.add_child(
        r, {"name": "补档", "gender": "male", "enrolled": date(2026, 9, 1)}, "C095").changes,
    "add a child pairings name but missing": lambda r: edits.add_child(
        r, {"name": "补档", "gender": "male", "enrolled": date(2026, 9, 1)}, "C404").changes,
    "add a child whose id another file has": lambda r: edits.add_child(
        r, {"name": "重号", "gender": "male", "enrolled": date(2026, 9, 1)}, "C093").changes,
    "add a helper a pairing names": lambda r: edits.add_helper(r, {"name": "补", "role": "teacher"}, "H404").changes,
    "add a helper with an implausible phone": lambda r: edits.add_helper(
        r, {"name": "补", "role": "teacher", "phone": "1"}, None).changes,
    "pair": lambda r: edits.pair(r, "C091", ["H001"], date(2026, 9, 10), None, None).changes,
    "pair with an unknown helper": lambda r: edits.pair(r, "C091", ["H404"], date(2026, 9, 10), None, None).changes,
    "pair with contacts waiting": lambda r: edits.pair(r, "C091", ["H001"], date(2026, 9, 10), None,
                                                       "P404").changes,
    "unpair": lambda r: edits.unpair(r, "P001", date(2026, 11, 1)).changes,
    "unpair before the start": lambda r: edits.unpair(r, "P001", date(2020, 1, 1)).changes,
    "assess": lambda r: edits.assess(r, "C001", "high", date(2026, 11, 20), TODAY).changes,
    "concern": lambda r: edits.concern(r, "C001", "unsupervised", date(2026, 11, 20), TODAY).changes,
    "leave": lambda r: edits.leave(r, "C002", "transferred", date(2026, 11, 1)).changes,
    "leave before the contacts": lambda r: edits.leave(r, "C010", "transferred", date(2025, 9, 1)).changes,
    "edit the .yml child": lambda r: edits.assess(r, "C092", "low", date(2026, 11, 20), TODAY).changes,
    "edit a child read in part": lambda r: edits.assess(r, "C096", "low", date(2026, 11, 20), TODAY).changes,
    "add the child a salvaged pairing names": lambda r: edits.add_child(
        r, {"name": "补档", "gender": "male", "enrolled": date(2026, 9, 1)}, "C097").changes,
    "add the helper a salvaged pairing names": lambda r: edits.add_helper(
        r, {"name": "补", "role": "teacher"}, "H092").changes,
}


def _new_month(records: Records) -> ChangeSet:
    changes = ChangeSet(records.root)
    changes.put_text("contacts/2026-10b.csv", "date,pairing,kinds\n2026-10-20,P001,talk\n2026-11-08,P001,talk\n")
    return changes


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_the_fast_check_finds_what_loading_finds(programme: tuple[Path, Records], case: str) -> None:
    root, before = programme
    compare(root, before, CASES[case](before))


def test_ordinary_changes_take_the_fast_way(programme: tuple[Path, Records]) -> None:
    root, before = programme
    assert compare(root, before, _log(before, "P001", date(2026, 11, 20)), fast=True) == []
    problems = compare(root, before, _log(before, "P001", date(2020, 1, 1)), fast=True)
    assert [p.code for p in problems] == ["contact-outside-pairing"]
    added = edits.add_child(before, {"name": "补档", "gender": "male", "enrolled": date(2026, 9, 1)}, "C095")
    assert sorted(p.code for p in compare(root, before, added.changes, fast=True)) == [
        "child-unpaired", "incomplete-archive", "no-consent"]


FALLBACKS: dict[str, tuple[str, str]] = {
    "a record that breaks": ("children/C001.yaml", "id: C001\nname: [unclosed\n"),
    "an id that no longer matches": ("children/C001.yaml", "id: C999\nname: x\ngender: male\nenrolled: 2026-09-01\n"),
    "a broken record mended": ("children/C090.yaml", "id: C090\nname: 修好\ngender: male\nenrolled: 2026-09-01\n"),
    "a broken pairing mended": ("pairings/P092.yaml", "id: P092\nchild: C090\nhelpers: [H001]\nstart: 2026-09-02\n"),
    "the programme": ("liushou.yaml", "program: [unclosed\n"),
    "a file the loader does not read": ("children/sub/C1.yaml", "id: C1\n"),
    "a note": ("helpers/README.md", "notes\n"),
    "a contact log that breaks": ("contacts/2026-11.csv", "<<<<<<< HEAD\n"),
    "a contact row naming a child": ("contacts/2026-12.csv", "date,child,kinds\n2026-11-20,C001,talk\n"),
    "a contact row naming a helper": ("contacts/2026-12.csv", "date,pairing,kinds,helper\n2026-11-20,P001,talk,某人\n"),
    "a file named for another's id": ("children/C093.yaml", "id: C093\nname: x\ngender: male\nenrolled: 2026-09-01\n"),
}


@pytest.mark.parametrize("case", list(FALLBACKS), ids=list(FALLBACKS))
def test_changes_it_cannot_follow_are_loaded(programme: tuple[Path, Records], case: str) -> None:
    root, before = programme
    rel, text = FALLBACKS[case]
    changes = ChangeSet(root)
    changes.put_text(rel, text)
    compare(root, before, changes, fast=False)


def test_without_the_loaded_records_it_loads(programme: tuple[Path, Records]) -> None:
    root, before = programme
    changes = _log(before, "P001", date(2020, 1, 1))
    assert [p.code for p in changes.introduced(TODAY)] == ["contact-outside-pairing"]
    assert changes.checked is None


# any mix of changes ----------------------------------------------------------------

_days = st.dates(date(2025, 8, 1), date(2027, 1, 31))
_contact_rows = st.builds(_row, _days, st.sampled_from(PAIRING_IDS), st.sampled_from(KINDS),
                          st.sampled_from([None, *HELPER_IDS]))


@st.composite
def _operations(draw: st.DrawFn) -> list[tuple[str, Any]]:
    ops = st.one_of(
        st.tuples(st.just("rows"), st.tuples(st.sampled_from(MONTHS), st.lists(_contact_rows, min_size=1,
                                                                               max_size=3))),
        st.tuples(st.just("child"), st.tuples(st.sampled_from(CHILD_IDS + ["C100", "C050"]), _days,
                                              st.one_of(st.none(), _days), st.booleans())),
        st.tuples(st.just("helper"), st.sampled_from(HELPER_IDS)),
        st.tuples(st.just("pairing"), st.tuples(st.sampled_from(PAIRING_IDS), st.sampled_from(CHILD_IDS),
                                                st.lists(st.sampled_from(HELPER_IDS), min_size=1, max_size=2,
                                                         unique=True), _days, st.one_of(st.none(), _days))),
        st.tuples(st.just("same row"), st.sampled_from(MONTHS[:2])),
    )
    return draw(st.lists(ops, min_size=1, max_size=4))


def _apply(root: Path, before: Records, ops: list[tuple[str, Any]]) -> ChangeSet:
    changes = ChangeSet(root)
    for kind, args in ops:
        if kind == "rows":
            rel, rows = args
            current = changes.current_text(rel)
            changes.put_text(rel, (current or "date,pairing,kinds,helper,channel,minutes,summary\n") + "".join(rows))
        elif kind == "same row":
            current = changes.current_text(args) or ""
            lines = current.splitlines(keepends=True)
            changes.put_text(args, current + (lines[1] if len(lines) > 1 else ""))
        elif kind == "child":
            cid, enrolled, left, consent = args
            data: dict[str, Any] = {"id": cid, "name": "某", "gender": "male", "enrolled": enrolled,
                                    "school": "某小学", "class": "一(1)班",
                                    "guardian": {"name": "某", "relation": "祖母", "phone": "13800000000"}}
            if left is not None:
                data["left"] = {"date": left, "reason": "transferred"}
            if consent:
                data["consent"] = {"date": enrolled, "by": "某"}
            changes.put_text(f"children/{cid}.yaml", render_record("children", data))
        elif kind == "helper":
            changes.put_text(f"helpers/{args}.yaml", render_record("helpers", {"id": args, "name": "某",
                                                                               "role": "teacher"}))
        elif kind == "pairing":
            pid, cid, helpers, start, end = args
            data = {"id": pid, "child": cid, "helpers": helpers, "start": start, "end": end}
            changes.put_text(f"pairings/{pid}.yaml", render_record("pairings", data))
    return changes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_operations())
def test_any_mix_of_changes_is_checked_alike(programme: tuple[Path, Records], ops: list[tuple[str, Any]]) -> None:
    root, before = programme
    compare(root, before, _apply(root, before, ops))


def test_the_loaded_records_are_left_as_they_were(programme: tuple[Path, Records]) -> None:
    root, before = programme
    state = records_state(before)
    compare(root, before, _apply(root, before, [("rows", (MONTHS[0], [_row(TODAY, "P001", "talk", None)])),
                                               ("child", ("C100", date(2026, 9, 1), None, True)),
                                               ("pairing", ("P001", "C100", ["H001"], date(2026, 9, 2), None))]))
    assert records_state(before) == state


def test_a_new_record_goes_where_loading_puts_it(programme: tuple[Path, Records]) -> None:
    root, before = programme
    changes = _apply(root, before, [("child", ("C050", date(2026, 9, 1), None, True)),
                                    ("rows", ("contacts/2025/extra.csv", [_row(TODAY, "P001", "talk", None)]))])
    compare(root, before, changes, fast=True)
    assert changes.checked is not None
    after = changes.checked[0]
    ids = list(after.children)
    assert ids.index("C050") == ids.index("C041") + 1
    assert [c.path for c in after.contacts].index("contacts/2025/extra.csv") == 0


def test_models_used_are_the_loaders(programme: tuple[Path, Records]) -> None:
    """A patched child and pairing are the models the loader makes (not look-alikes)."""
    root, before = programme
    changes = edits.assess(before, "C001", "high", TODAY - timedelta(days=1), TODAY).changes
    compare(root, before, changes, fast=True)
    assert changes.checked is not None
    assert type(changes.checked[0].children["C001"]) is Child
    assert type(changes.checked[0].pairings["P001"]) is Pairing


def test_an_edited_document_is_rendered_again_once_it_changes(make_records: Any) -> None:
    """Its text is kept between checking, listing and writing, but never outlives an edit."""
    root = make_records()
    changes = ChangeSet(root)
    doc = changes.edit_yaml("children/C001.yaml")
    doc["name"] = "张小红"
    first = changes.texts()["children/C001.yaml"]
    assert "张小红" in first and changes.texts()["children/C001.yaml"] == first
    doc["name"] = "张小兰"
    assert "张小兰" in changes.texts()["children/C001.yaml"]
    changes.put_text("children/C001.yaml", first.replace("张小红", "张小明") + "# 新的注释\n")
    again = changes.edit_yaml("children/C001.yaml")
    again["name"] = "张小兰"
    assert changes.texts()["children/C001.yaml"].endswith("# 新的注释\n")


def test_rows_resolved_by_name_leave_record_changes_to_loading(make_records: Any) -> None:
    """A row naming a child resolves to that child's pairing when the records are assembled:
    a new child of the same name makes it ambiguous, which only assembling shows."""
    root = make_records({"contacts/2026-10.csv": "date,child,kinds\n2026-10-20,张小明,talk\n"})
    before = load(root)
    assert before.named_rows
    changes = edits.add_child(before, {"name": "张小明", "gender": "male", "enrolled": date(2026, 9, 1)}, None).changes
    got = changes.introduced(TODAY, before=before)
    assert changes.checked is None
    assert _ids(got) == _ids(introduced_by_loading(root, changes._new_bytes(), TODAY, before))
