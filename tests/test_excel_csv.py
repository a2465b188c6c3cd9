"""Contact logs as Excel and WPS save them (RECORDS.md 1.1, issue 12).

She opens ``contacts/2026-11.csv`` in Excel, adds a few rows and saves: GBK bytes,
``2026/11/3`` dates, and as often Chinese column names and kinds, trailing empty
columns and ``,,,,`` rows. The files here are written byte for byte that way
(``.encode("gb18030")``, CRLF), and read through the CLI and the core.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.i18n import t
from liushou_cli.model import CONTACT_KINDS
from liushou_cli.records import text
from liushou_cli.records.checks import all_problems
from liushou_cli.records.csvio import header_makes_sense, parse_contacts, read_kinds
from liushou_cli.records.load import load
from liushou_cli.vocab import KIND_WORDS

TODAY = "2026-11-23"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"
ZH_HEADER = {"date": "日期", "pairing": "结对编号", "kinds": "联系类型", "helper": "帮扶人", "channel": "方式",
             "minutes": "时长(分钟)", "summary": "内容"}
WORDS = {kind: sorted(word for word, k in KIND_WORDS.items() if k == kind) for kind in CONTACT_KINDS}


def excel_resave(source: str, salt: int = 0) -> bytes:
    """A contact log as Excel's "CSV (逗号分隔)" saves it after a coordinator edited it:
    Chinese headers, ``2026/11/3`` dates, Chinese kinds joined by ``；``, three empty
    columns on the right, a blank ``,,,,`` row, CRLF, GBK bytes."""
    rows = list(csv.reader(io.StringIO(source.removeprefix("\ufeff"), newline="")))
    header, body = rows[0], rows[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([ZH_HEADER[name] for name in header] + ["", "", ""])
    for n, row in enumerate(body):
        cells = dict(zip(header, row, strict=True))
        day = date.fromisoformat(cells["date"])
        cells["date"] = f"{day.year}/{day.month}/{day.day}"
        words = [WORDS[kind][(n + salt) % len(WORDS[kind])] for kind in cells["kinds"].split(";")]
        cells["kinds"] = "；".join(words)
        writer.writerow([cells[name] for name in header] + ["", "", ""])
        if n == len(body) // 2:
            writer.writerow([""] * (len(header) + 3))
    writer.writerow([""] * (len(header) + 3))
    return out.getvalue().encode("gb18030")


def due_json(runner: CliRunner, root: Path) -> object:
    result = runner.invoke(app, ["--no-cache", "due", "--json", "--today", TODAY, "--records", str(root)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_an_example_resaved_by_excel_is_due_item_for_item_as_before(runner: CliRunner, tmp_path: Path) -> None:
    """The issue's done-when: nothing drops out of ``due`` when Excel re-saves the logs."""
    original, resaved = tmp_path / "original", tmp_path / "resaved"
    shutil.copytree(EXAMPLES, original)
    shutil.copytree(EXAMPLES, resaved)
    files = sorted((resaved / "contacts").glob("*.csv"))
    assert len(files) > 10
    for i, path in enumerate(files):
        raw = excel_resave(path.read_text(encoding="utf-8"), salt=i)
        assert raw.decode("gbk") and b"\r\n" + b"," * 9 + b"\r\n" in raw  # truly GBK, with its blank rows
        path.write_bytes(raw)
    before, after = due_json(runner, original), due_json(runner, resaved)
    assert isinstance(before, dict) and isinstance(after, dict) and before["items"]
    assert len(after["items"]) == len(before["items"])
    for mine, theirs in zip(after["items"], before["items"], strict=True):
        assert mine == theirs
    assert after == before
    check = runner.invoke(app, ["check", "--json", "--today", TODAY, "--records", str(resaved)])
    assert json.loads(check.stdout)["errors"] == []
    counts = [len(load(root, cache=False).contacts) for root in (original, resaved)]
    assert counts[0] == counts[1] > 900


def test_the_same_through_the_cache_and_its_snapshot(runner: CliRunner, tmp_path: Path) -> None:
    """A warm run (cache, then snapshot) gives what the first, cold one gave."""
    root = tmp_path / "resaved"
    shutil.copytree(EXAMPLES, root)
    for path in (root / "contacts").glob("*.csv"):
        path.write_bytes(excel_resave(path.read_text(encoding="utf-8")))
    runs = [runner.invoke(app, ["due", "--json", "--today", TODAY, "--records", str(root)]).stdout
            for _ in range(3)]
    assert runs[0] == runs[1] == runs[2] and json.loads(runs[0])["items"]


# what one row may hold ----------------------------------------------------------------

DATE_FORMS = (
    lambda d: d.isoformat(),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(DATE_FORMS),
       st.sampled_from(["\n", "\r\n"]))
def test_every_date_form_reads_as_that_day(day: date, form: Callable[[date], str], newline: str) -> None:
    contacts, problems = parse_contacts(f"日期,结对,类型{newline}{form(day)},P001,谈心{newline}", "c.csv")
    assert problems == [] and [(c.date, c.pairing, c.kinds) for c in contacts] == [(day, "P001", ("talk",))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CONTACT_KINDS), min_size=1, max_size=5), st.data())
def test_kinds_joined_by_any_separator_read_back(kinds: list[str], data: st.DataObject) -> None:
    """Any words for the kinds, any accepted separators between them: the same kinds,
    in order, once each; ``走访/家访`` and ``电话/视频`` are one kind, not two words."""
    words = [data.draw(st.sampled_from([kind, *WORDS[kind]])) for kind in kinds]
    cell = words[0]
    for word in words[1:]:
        cell += data.draw(st.sampled_from([";", "；", "、", "，", "/", " ", " ; ", "、 "])) + word
    assert read_kinds(cell) == (tuple(dict.fromkeys(kinds)), ())


@pytest.mark.parametrize(("cell", "kinds"), [
    ("走访/家访", ("home_visit",)),
    ("电话/视频", ("call",)),
    ("家访/电话/视频", ("home_visit", "call")),
    ("视频/家访", ("call", "home_visit")),
    ("走访；家访", ("home_visit",)),
    ("生活帮扶/资助、信息核查", ("assistance", "info_check")),
    ("home_visit guardian_contact", ("home_visit", "guardian_contact")),
])
def test_slashes_inside_a_label_keep_it_one_kind(cell: str, kinds: tuple[str, ...]) -> None:
    assert read_kinds(cell) == (kinds, ())


def test_an_unknown_word_is_named_at_the_kinds_cell(make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-10.csv": "日期,结对编号,联系类型\n2026/10/3,P001,家访；跳舞\n"})
    records = load(root)
    (problem,) = [p for p in records.problems if p.is_error]
    assert (problem.code, problem.line, problem.col, problem.args["kind"]) == ("unknown-kind", 2, 16, "跳舞")
    assert [c.date for c in records.contacts if c.path.endswith("10.csv")] == []


def test_gbk_crlf_positions_count_characters(make_records: Callable[..., Path]) -> None:
    """A problem in a GBK file is at its line and character column, as in UTF-8."""
    root = make_records()
    body = "日期,结对编号,联系类型,内容,,\r\n2026/10/3,P001,谈心,聊天,,\r\n2026/10/32,P001,谈心,再聊,,\r\n"
    (root / "contacts" / "2026-10.csv").write_bytes(body.encode("gb18030"))
    found = {(p.code, p.line, p.col) for p in all_problems(load(root), date(2026, 11, 23)) if p.is_error}
    assert found == {("bad-date", 3, 1)}
    assert any(c.summary == "聊天" and c.line == 2 for c in load(root).contacts)


def test_utf16_is_still_refused_with_the_fix() -> None:
    for raw in ("date,pairing,kinds\n".encode("utf-16"), "date,pairing,kinds\n".encode("utf-16-le")):
        decoded = text.decode(raw, "c.csv", csv=True, header_ok=header_makes_sense)
        assert decoded.text is None and [p.code for p in decoded.problems] == ["utf16-csv"]
    assert "CSV UTF-8" in t("hint.utf16-csv")


def test_bytes_no_encoding_reads_are_refused_at_their_place(make_records: Callable[..., Path]) -> None:
    root = make_records()
    (root / "contacts" / "bad.csv").write_bytes(b"date,pairing,kinds\n2026-10-03,P001,\xff\xfe\n")
    (problem,) = [p for p in all_problems(load(root), date(2026, 11, 23)) if p.is_error]
    assert (problem.code, problem.path, problem.line, problem.col) == ("encoding", "contacts/bad.csv", 2, 17)


# a child instead of a pairing, a helper by name ------------------------------------------


TWO_PAIRINGS = {  # C001's first pairing ends on 10-15, the second starts the next day
    "pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\nend: 2026-10-15\n",
    "pairings/P002.yaml": "id: P002\nchild: C001\nhelpers: [H002]\nstart: 2026-10-16\n",
    "helpers/H002.yaml": "id: H002\nname: 王芳\nrole: teacher\n",
}


def test_a_child_column_gives_the_pairing_active_on_the_rows_date(make_records: Callable[..., Path]) -> None:
    root = make_records({**TWO_PAIRINGS, "contacts/2026-10.csv":
                         "日期,儿童,类型,帮扶人\r\n2026/10/3,张小明,谈心,严万莲\r\n2026/10/20,C001,电话,王芳\r\n"})
    records = load(root)
    rows = [(c.date.day, c.pairing, c.helper, c.child) for c in records.contacts if c.path.endswith("10.csv")]
    assert rows == [(3, "P001", "H001", None), (20, "P002", "H002", None)]
    assert [p for p in all_problems(records, date(2026, 11, 23)) if p.is_error] == []


def test_a_child_without_a_pairing_that_day_is_an_error_listing_its_pairings(
    make_records: Callable[..., Path],
) -> None:
    root = make_records({**TWO_PAIRINGS, "contacts/2026-10.csv": "date,child,kinds\n2026-09-01,张小明,talk\n"})
    records = load(root)
    (problem,) = [p for p in records.problems if p.code == "contact-child-no-pairing"]
    assert (problem.line, problem.col) == (2, 12)
    assert "P001（2026-09-05 ~ 2026-10-15）" in problem.message and "P002（2026-10-16 ~ 至今）" in problem.message
    assert not any(c.path.endswith("10.csv") for c in records.contacts)


def test_a_helper_name_shared_by_two_is_the_one_in_the_pairing(make_records: Callable[..., Path]) -> None:
    root = make_records({"helpers/H002.yaml": "id: H002\nname: 严万莲\n",
                         "contacts/2026-10.csv": "date,pairing,kinds,helper\n2026-10-03,P001,talk,严万莲\n"})
    (row,) = [c for c in load(root).contacts if c.path.endswith("10.csv")]
    assert row.helper == "H001"


def test_an_unknown_helper_name_is_reported_as_an_unknown_helper(make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-10.csv": "date,pairing,kinds,helper\n2026-10-03,P001,talk,李四\n"})
    found = {(p.code, p.line, p.col) for p in all_problems(load(root), date(2026, 11, 23)) if p.is_error}
    assert found == {("unknown-helper", 2, 22)}


def test_a_changed_pairing_changes_the_resolution_despite_the_cache(make_records: Callable[..., Path]) -> None:
    """The row's pairing is decided on assembly, not cached with the file it is in."""
    root = make_records({**TWO_PAIRINGS, "contacts/2026-10.csv": "date,child,kinds\n2026-10-20,C001,talk\n"})
    assert [c.pairing for c in load(root).contacts if c.path.endswith("10.csv")] == ["P002"]
    (root / "pairings" / "P002.yaml").write_text("id: P002\nchild: C001\nhelpers: [H002]\nstart: 2026-10-21\n",
                                                 encoding="utf-8")
    (root / "pairings" / "P001.yaml").write_text("id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n",
                                                 encoding="utf-8")
    assert [c.pairing for c in load(root).contacts if c.path.endswith("10.csv")] == ["P001"]


# liushou log into a file Excel saved ------------------------------------------------------


def log(runner: CliRunner, root: Path, *args: str) -> str:
    result = runner.invoke(app, ["log", *args, "--records", str(root), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_log_into_a_gbk_file_writes_gbk_in_its_column_order(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records()
    before = "日期,结对编号,联系类型,帮扶人,内容,,\r\n2026/11/3,P001,家访；谈心,严万莲,家访,,\r\n,,,,,,\r\n"
    path = root / "contacts" / "2026-11.csv"
    path.write_bytes(before.encode("gb18030"))
    out = log(runner, root, "P001", "电话", "--date", "2026-11-20", "--helper", "H001", "--summary", "电话联系奶奶")
    assert "UTF-8" not in out
    raw = path.read_bytes()
    assert raw.decode("gbk") == before + "2026-11-20,P001,call,H001,电话联系奶奶,,\r\n"
    assert [c.kinds for c in load(root).contacts if c.path.endswith("11.csv")] == [("home_visit", "talk"), ("call",)]


def test_log_of_a_character_gbk_lacks_converts_the_whole_file(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records()
    before = "日期,结对编号,联系类型,内容\r\n2026/11/3,P001,谈心,聊天\r\n"
    path = root / "contacts" / "2026-11.csv"
    path.write_bytes(before.encode("gbk"))
    dry = runner.invoke(app, ["log", "P001", "talk", "--date", "2026-11-20", "--summary", "喆𠮷😀",
                              "--records", str(root), "--today", TODAY, "--dry-run"])
    assert dry.exit_code == 0 and "UTF-8" in dry.stderr and path.read_bytes() == before.encode("gbk")
    out = log(runner, root, "P001", "talk", "--date", "2026-11-20", "--summary", "喆𠮷😀")
    assert "contacts/2026-11.csv" in out and "UTF-8" in out
    assert path.read_bytes() == ("\ufeff" + before + "2026-11-20,P001,talk,喆𠮷😀\r\n").encode("utf-8")


def test_log_into_a_file_that_names_children_writes_the_childs_id(
    runner: CliRunner, make_records: Callable[..., Path],
) -> None:
    root = make_records({"contacts/2026-11.csv": "日期,儿童,类型\n2026/11/3,张小明,谈心\n"})
    log(runner, root, "P001", "home_visit;talk", "--date", "2026-11-20")
    assert (root / "contacts/2026-11.csv").read_text(encoding="utf-8").endswith(
        "2026/11/3,张小明,谈心\n2026-11-20,C001,home_visit;talk\n")
    assert [c.pairing for c in load(root).contacts if c.path.endswith("11.csv")] == ["P001", "P001"]


def test_log_refuses_a_file_it_cannot_read(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records()
    path = root / "contacts" / "2026-11.csv"
    path.write_bytes("date,結對,類型\n2026-11-03,P001,talk\n".encode("big5"))
    before = path.read_bytes()
    result = runner.invoke(app, ["log", "P001", "talk", "--date", "2026-11-20", "--records", str(root),
                                 "--today", TODAY])
    assert result.exit_code != 0 and "liushou check" in result.output
    assert path.read_bytes() == before


def test_unlog_of_a_row_in_a_gbk_file_leaves_it_gbk(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records()
    rows = "日期,结对编号,联系类型,内容\r\n2026/11/3,P001,谈心,聊天\r\n2026/11/5,P001,电话,问候\r\n"
    path = root / "contacts" / "2026-11.csv"
    path.write_bytes(rows.encode("gbk"))
    result = runner.invoke(app, ["unlog", "contacts/2026-11.csv:2", "--yes", "--records", str(root),
                                 "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "日期,结对编号,联系类型,内容\r\n2026/11/5,P001,电话,问候\r\n".encode("gbk")
