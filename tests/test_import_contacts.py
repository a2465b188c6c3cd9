"""``liushou import --contacts``: a helpers' 活动台帐 as Excel and WPS save it, into the contact log.

Every sheet is a real file in tmp_path: .xlsx written by openpyxl (a merged title
row over the header, date cells, serial numbers, text dates) or CSV bytes as Excel
writes them (GBK, CRLF). The records are the conftest programme plus a second
pairing, a namesake and a child enrolled late, so refusals have candidates to name.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli import import_common
from liushou_cli.cli.app import app
from liushou_cli.records.load import load
from liushou_cli.roster.contact_sheet import (
    leading_kinds,
    parse_kinds,
    parse_minutes,
    read_contact_sheet,
)
from liushou_cli.roster.errors import CellError
from liushou_cli.vocab import KIND_WORDS

TODAY = "2026-11-23"
EXTRA = {
    # 张小明 C001 (H001 严万莲, P001 since 2026-09-05) also has 李红 H002 since 2026-10-01
    "helpers/H002.yaml": "id: H002\nname: 李红\nrole: teacher\n",
    "pairings/P002.yaml": "id: P002\nchild: C001\nhelpers: [H002]\nstart: 2026-10-01\n",
    # 王芳 C002 came into the programme on 2026-11-01
    "children/C002.yaml": "id: C002\nname: 王芳\ngender: female\nbirth_date: 2015-06-01\nenrolled: 2026-11-01\n",
    "pairings/P003.yaml": "id: P003\nchild: C002\nhelpers: [H001, H002]\nstart: 2026-11-01\n",
    # two children called 李强
    "children/C003.yaml": "id: C003\nname: 李强\nbirth_date: 2014-01-01\nenrolled: 2026-09-01\n",
    "children/C004.yaml": "id: C004\nname: 李强\nbirth_date: 2016-05-05\nenrolled: 2026-09-01\n",
    "pairings/P004.yaml": "id: P004\nchild: C003\nhelpers: [H001]\nstart: 2026-09-05\n",
    "pairings/P005.yaml": "id: P005\nchild: C004\nhelpers: [H002]\nstart: 2026-09-05\n",
}
HEADER = ["序号", "日期", "儿童", "帮扶人", "类型", "时长", "活动内容"]


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records(EXTRA)


def run(runner: CliRunner, root: Path, sheet: Path, *args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, ["import", "--contacts", str(sheet), "--records", str(root), "--today", TODAY, *args],
                         input=input)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".liushou-cache" not in p.relative_to(root).parts}


def xlsx(path: Path, rows: list[list[object]], title: str | None = "2026年秋季学期帮扶活动台帐") -> Path:
    """A 活动台帐 as typed in Excel: a title merged over the header's width, then the rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "活动台帐"
    if title:
        ws["A1"] = title
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r, row in enumerate(rows, start=2 if title else 1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, datetime):
                    cell.number_format = "yyyy/m/d"
    wb.save(path)
    return path


def gbk_csv(path: Path, rows: list[list[str]]) -> Path:
    """As Excel's "CSV (逗号分隔)" saves on Chinese Windows: GBK, CRLF."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("gbk"))
    return path


def log_rows(root: Path) -> list[tuple[str, ...]]:
    return sorted((c.date.isoformat(), c.pairing, ";".join(c.kinds), c.helper or "", c.channel or "",
                   "" if c.minutes is None else str(c.minutes), c.summary or "") for c in load(root).contacts)


GOOD_ROWS: list[list[object]] = [
    HEADER,
    [1, datetime(2026, 9, 28), "张小明", "严万莲", "家访、谈心", "60分钟", "到小明家走访，与奶奶交流"],
    [2, 46320, "张  小明", "李红", "电话", 30, "电话了解学习情况"],  # serial 46320 = 2026-10-25
    [3, "2026/11/3", "C002", "", "谈心；与监护人沟通", "1小时", "在学校谈心"],
    [4, "2026年11月20日", "王芳", "H002", "走访/家访", None, None],
    [None, "填表人：王老师", None, None, None, None, None],
]


def test_an_xlsx_sheet_is_previewed_then_appended_to_the_month_files(runner: CliRunner, root: Path,
                                                                      tmp_path: Path) -> None:
    sheet = xlsx(tmp_path / "台帐.xlsx", GOOD_ROWS)
    before = log_rows(root)
    result = run(runner, root, sheet, "--yes")
    assert result.exit_code == 0, result.output
    assert "表头在第 2 行，数据 4 行" in result.stderr
    assert "新增 4 条，已在联系记录中 0 条，无法导入 0 行。" in result.stdout
    assert "已写入 3 个文件：新增 4 条联系记录。" in result.stdout
    added = sorted(set(log_rows(root)) - set(before))
    assert added == [
        ("2026-09-28", "P001", "home_visit;talk", "H001", "", "60", "到小明家走访，与奶奶交流"),
        ("2026-10-25", "P002", "call", "H002", "", "30", "电话了解学习情况"),  # 李红's pairing of 张小明
        ("2026-11-03", "P003", "talk;guardian_contact", "", "", "60", "在学校谈心"),
        ("2026-11-20", "P003", "home_visit", "H002", "", "", ""),
    ]
    # the contract's form, in the month file `liushou log` uses: UTF-8, ISO dates, English kinds
    september = (root / "contacts" / "2026-09.csv").read_text(encoding="utf-8")
    assert september.endswith("2026-09-28,P001,home_visit;talk,H001,,60,到小明家走访，与奶奶交流\n")
    november = (root / "contacts" / "2026-11.csv").read_bytes()
    assert november.startswith(b"\xef\xbb\xbfdate,pairing,kinds,helper,channel,minutes,summary\n")
    assert "2026-10-25,P002,call,H002,,30," in (root / "contacts" / "2026-10.csv").read_text(encoding="utf-8")
    check = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY, "--json"])
    assert '"errors": []' in check.stdout, check.stdout


def test_reimporting_the_same_sheet_adds_nothing(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    sheet = xlsx(tmp_path / "台帐.xlsx", GOOD_ROWS)
    assert run(runner, root, sheet, "--yes").exit_code == 0
    once = snapshot(root)
    again = run(runner, root, sheet, "--yes")
    assert again.exit_code == 0, again.output
    assert "新增 0 条，已在联系记录中 4 条" in again.stdout
    assert "已在联系记录中、不再添加的行：3–6" in again.stdout
    assert "没有需要写入的内容" in again.stderr
    assert snapshot(root) == once


def test_a_row_already_in_the_log_is_counted_not_added(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    # conftest's log holds 2026-09-20,P001,home_visit;guardian_contact,H001,in_person,60,家访
    rows = [["日期", "结对编号", "类型", "帮扶人", "方式", "时长", "内容"],
            ["2026/9/20", "P001", "与监护人沟通、家访", "严万莲", "当面", "60", "家访"],
            ["2026/9/21", "P001", "家访", "严万莲", "当面", "60", "家访"]]
    result = run(runner, root, gbk_csv(tmp_path / "t.csv", rows), "--yes")
    assert result.exit_code == 0, result.output
    assert "新增 1 条，已在联系记录中 1 条，无法导入 0 行。" in result.stdout
    assert "已在联系记录中、不再添加的行：2" in result.stdout
    text = (root / "contacts" / "2026-09.csv").read_text(encoding="utf-8")
    assert text.count("2026-09-20") == 1
    assert "2026-09-21,P001,home_visit,H001,in_person,60,家访" in text


def test_gbk_csv_with_pairing_ids_and_helper_names(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["日期", "结对编号", "帮扶人", "联系类型", "方式", "时长(分钟)", "摘要"],
            ["2026/10/8", "P002", "李红", "写信", "书信", "", "给小明写信"],
            ["2026-10-9", "p001", "严万莲", "谈心 学习辅导", "视频", "半小时", "视频辅导作业"]]
    result = run(runner, root, gbk_csv(tmp_path / "台帐.csv", rows), "--yes")
    assert result.exit_code == 0, result.output
    assert "编码 GBK/GB18030" in result.stderr
    text = (root / "contacts" / "2026-10.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines() == ["date,pairing,kinds,helper,channel,minutes,summary",
                                 "2026-10-08,P002,letter,H002,letter,,给小明写信",
                                 "2026-10-09,P001,talk;tutoring,H001,video,30,视频辅导作业"]


def test_refused_rows_name_their_row_column_and_the_candidates(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        HEADER,
        [1, "2026.13.1", "张小明", "严万莲", "家访", None, None],        # row 3: not a date
        [2, "2026-10-20", "张小明", None, "家访", None, None],          # row 4: two pairings on that day
        [3, "2026-10-20", "李强", None, "家访", None, None],            # row 5: two children of that name
        [4, "2026-10-20", "赵六", None, "家访", None, None],            # row 6: no such child
        [5, "2026-10-20", "王芳", None, "谈心", None, None],            # row 7: before her enrolment
        [6, "2026-10-20", "张小明", "严万莲", "跳舞", None, None],      # row 8: not a kind
        [7, "2026-12-01", "张小明", "严万莲", "家访", None, None],      # row 9: after today
        [8, "2026-10-20", "张小明", "严万莲", "家访", "很久", None],    # row 10: not a duration
        [9, "2026-10-20", "张小明", "王五", "家访", None, None],        # row 11: no such helper
        [10, "2026-10-21", "张小明", "严万莲", "家访", None, "走访"],   # row 12: fine
        [11, "2026-10-21", "张小明", "严万莲", "家访", None, "走访"],   # row 13: the same as row 12
        [12, None, "张小明", "严万莲", "家访", None, None],             # row 14: no date
        [13, "2026-10-22", None, "严万莲", "家访", None, None],         # row 15: no child
    ]
    before = snapshot(root)
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", rows))
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "行 3：B 列（日期）：“2026.13.1”不是日期" in out
    assert "行 4：C 列（儿童）：张小明（C001）在 2026-10-20 有几个结对：P001（严万莲）；P002（李红）" in out
    assert "行 5：C 列（儿童）：有几名儿童叫“李强”：李强（C003）、李强（C004）" in out
    assert "行 6：C 列（儿童）：台账中没有儿童“赵六”" in out
    assert "行 7：C 列（儿童）：王芳（C002）的建档日期（enrolled）是 2026-11-01，晚于这条记录的 2026-10-20" in out
    assert "liushou set C002 enrolled=YYYY-MM-DD 改正（children/C002.yaml）" in out
    assert "行 8：E 列（类型）：“跳舞”不是联系类型" in out
    assert "行 9：B 列（日期）：日期 2026-12-01 在今天（2026-11-23）之后" in out
    assert "行 10：F 列（时长）：“很久”不是时长" in out
    assert "行 11：D 列（帮扶人）：台账中没有帮扶人“王五”" in out
    assert "行 13：与第 12 行是同一条记录" in out
    assert "行 14：B 列（日期）：缺少日期" in out
    assert "行 15：C 列（儿童）：没有写儿童" in out
    assert "新增 1 条，已在联系记录中 0 条，无法导入 12 行。" in out
    assert snapshot(root) == before  # no --yes, no terminal: nothing written


def test_the_helper_picks_the_pairing_and_all_helpers_mean_none(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER,
                                # of the two 李强, 李红 is paired with C004 only
                                [1, "2026-11-10", "李强", "李红", "谈心", None, "a"],
                                [2, "2026-11-10", "王芳", "严万莲、李红", "家访", None, "b"],  # P003's two helpers
                                [3, "2026-11-10", "张小明", "严万莲、李红", "家访", None, "c"],  # two pairings
                                [4, "2026-11-10", "王芳", "严万莲、严万莲", "谈心", None, "d"],  # the same twice
                                [5, "2026-11-10", "李强", "刘静", "谈心", None, "e"]]  # nobody's helper
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", rows, title=None), "--yes")
    assert result.exit_code == 1, result.output
    assert "行 4：C 列（儿童）：张小明（C001）在 2026-11-10 有几个结对" in result.stdout
    assert "行 6：D 列（帮扶人）：台账中没有帮扶人“刘静”" in result.stdout
    added = [r for r in log_rows(root) if r[0] == "2026-11-10"]
    assert added == [("2026-11-10", "P003", "home_visit", "", "", "", "b"),
                     ("2026-11-10", "P003", "talk", "H001", "", "", "d"),
                     ("2026-11-10", "P005", "talk", "H002", "", "", "a")]


def test_without_a_kinds_column_the_kinds_open_the_content(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [["时间", "帮扶对象", "帮扶人", "活动内容"],
                                [datetime(2026, 10, 3), "C003", "严万莲", "家访：与爷爷交流"],
                                [datetime(2026, 10, 4), "C003", "严万莲", "电话、谈心，了解近况"],
                                [datetime(2026, 10, 5), "C003", "严万莲", "和孩子一起包饺子"]]
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", rows), "--yes")
    assert result.exit_code == 1, result.output
    assert "联系类型取自“活动内容”列开头的词" in result.stderr
    assert "行 5：D 列（活动内容）：台帐没有“类型”列，而“和孩子一起包饺子…”不以联系类型开头" in result.stdout
    added = [r for r in log_rows(root) if r[1] == "P004"]
    assert added == [("2026-10-03", "P004", "home_visit", "H001", "", "", "家访：与爷爷交流"),
                     ("2026-10-04", "P004", "call;talk", "H001", "", "", "电话、谈心，了解近况")]


def test_dry_run_shows_the_diff_and_writes_nothing(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", GOOD_ROWS), "--dry-run", "--yes")
    assert result.exit_code == 0, result.output
    assert "+++ b/contacts/2026-11.csv" in result.stdout
    assert "+2026-09-28,P001,home_visit;talk,H001,,60,到小明家走访，与奶奶交流" in result.stdout
    assert "未写入任何文件" in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize(("answer", "written"), [("y\n", True), ("n\n", False)])
def test_at_a_terminal_it_asks(runner: CliRunner, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              answer: str, written: bool) -> None:
    monkeypatch.setattr(import_common, "_interactive", lambda env: True)
    before = snapshot(root)
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", GOOD_ROWS), input=answer)
    assert result.exit_code == 0, result.output
    assert "写入以上 4 条联系记录？" in result.output
    assert (snapshot(root) != before) is written


def test_an_existing_month_file_keeps_its_line_ends_and_chinese_columns(
        runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path) -> None:
    root = make_records({**EXTRA, "contacts/2026-10.csv": "日期,结对编号,类型,帮扶人,方式,时长,内容\r\n"
                                                          "2026-10-02,P001,talk,H001,,,谈心\r\n"})
    rows = [["日期", "结对", "类型"], ["2026/10/12", "P002", "写信"]]
    result = run(runner, root, gbk_csv(tmp_path / "t.csv", rows), "--yes")
    assert result.exit_code == 0, result.output
    assert (root / "contacts" / "2026-10.csv").read_bytes().endswith(b"2026-10-02,P001,talk,H001,,,\xe8\xb0\x88\xe5"
                                                                      b"\xbf\x83\r\n2026-10-12,P002,letter,,,,\r\n")


def test_a_gbk_month_file_stays_gbk_never_left_in_two_encodings(
        runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path) -> None:
    """As ``liushou log``: the new rows are written in the file's GBK; only a character
    GBK cannot hold turns the whole file into UTF-8, and that is said."""
    root = make_records(EXTRA)
    gbk = "date,pairing,kinds,helper,channel,minutes,summary\r\n2026-10-02,P001,talk,H001,,,谈心\r\n"
    (root / "contacts" / "2026-10.csv").write_bytes(gbk.encode("gbk"))
    rows = [["日期", "结对", "类型", "内容"], ["2026/10/12", "P002", "写信", "给小明写信"]]
    result = run(runner, root, gbk_csv(tmp_path / "t.csv", rows), "--yes")
    assert result.exit_code == 0, result.output
    assert "原是 GBK 编码" not in result.stdout
    after = gbk + "2026-10-12,P002,letter,,,,给小明写信\r\n"
    assert (root / "contacts" / "2026-10.csv").read_bytes() == after.encode("gbk")
    rows = [["日期", "结对", "类型", "内容"], ["2026/10/13", "P002", "写信", "喆𠮷"]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (tmp_path / "u.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))
    result = run(runner, root, tmp_path / "u.csv", "--yes")
    assert result.exit_code == 0, result.output
    assert "原是 GBK 编码" in result.stdout
    data = (root / "contacts" / "2026-10.csv").read_bytes()
    assert data.decode("utf-8-sig").splitlines() == ["date,pairing,kinds,helper,channel,minutes,summary",
                                                     "2026-10-02,P001,talk,H001,,,谈心",
                                                     "2026-10-12,P002,letter,,,,给小明写信",
                                                     "2026-10-13,P002,letter,,,,喆𠮷"]


def test_commit_message_holds_no_names(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("config", "user.email", "coordinator@example.org")
    git("config", "user.name", "coordinator")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", GOOD_ROWS), "--yes", "--commit")
    assert result.exit_code == 0, result.output
    message = git("log", "-1", "--format=%B")
    assert "新增 4 条联系记录" in message and "张小明" not in message and "王芳" not in message
    assert git("status", "--porcelain") == ""


def test_file_and_options_that_do_not_go_together(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    sheet = xlsx(tmp_path / "t.xlsx", GOOD_ROWS)
    both = runner.invoke(app, ["import", str(sheet), "--contacts", str(sheet), "--records", str(root)])
    assert both.exit_code == 2 and "请给出一个文件" in both.stderr
    neither = runner.invoke(app, ["import", "--records", str(root)])
    assert neither.exit_code == 2
    enrolled = run(runner, root, sheet, "--enrolled", "2026-09-01")
    assert enrolled.exit_code == 2 and "--enrolled 只用于导入花名册" in enrolled.stderr


def test_a_sheet_without_a_contact_header(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    sheet = xlsx(tmp_path / "t.xlsx", [["姓名", "性别"], ["张三", "男"]])
    result = run(runner, root, sheet)
    assert result.exit_code == 2 and "找不到表头" in result.stderr and "--map" in result.stderr
    mapped = run(runner, root, gbk_csv(tmp_path / "m.csv", [["走访时间", "学生", "形式"], ["2026/10/3", "C003", "家访"]]),
                 "--map", "走访时间=date", "--map", "学生=child", "--yes")
    assert mapped.exit_code == 0, mapped.output
    assert ("2026-10-03", "P004", "home_visit", "", "", "", "") in log_rows(root)


def test_english(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER, [1, "2026-10-20", "张小明", None, "家访", None, None]]
    result = run(runner, root, xlsx(tmp_path / "t.xlsx", rows), "--lang", "en")
    assert "row 3: column C (儿童): 张小明（C001） has several pairings on 2026-10-20" in result.stdout
    assert "0 to add, 0 already in the log, 1 rows cannot be imported." in result.stdout


def test_read_sheet_cells_directly(tmp_path: Path) -> None:
    sheet = read_contact_sheet(xlsx(tmp_path / "t.xlsx", GOOD_ROWS))
    assert [(p.name, p.header.row, p.rows) for p in sheet.parts] == [("活动台帐", 2, 4)]
    assert [r.date for r in sheet.rows] == [date(2026, 9, 28), date(2026, 10, 25), date(2026, 11, 3),
                                            date(2026, 11, 20)]
    assert [r.child for r in sheet.rows] == ["张小明", "张小明", "C002", "王芳"]
    assert sheet.parts[0].unused() == []


# --- cells ---------------------------------------------------------------------------------


def test_minutes_as_people_write_them() -> None:
    assert [parse_minutes(v) for v in (60, 60.0, "60", "60分钟", "45分", "1小时", "1.5小时", "1小时30分钟",
                                       "半小时", None, "")] == [60, 60, 60, 60, 45, 60, 90, 90, 30, None, None]
    for bad in ("很久", "3天", "1.5", "25小时"):
        with pytest.raises(CellError):
            parse_minutes(bad)


def test_kinds_whose_name_holds_a_slash() -> None:
    assert parse_kinds("走访/家访") == ("home_visit",)
    assert parse_kinds("电话/视频、谈心") == ("call", "talk")
    assert parse_kinds("家访/谈心") == ("home_visit", "talk")
    assert parse_kinds("home_visit;talk；家访") == ("home_visit", "talk")
    assert leading_kinds("家访、谈心：与奶奶交流") == ("home_visit", "talk")
    with pytest.raises(CellError):
        parse_kinds("家访/跳舞")


_SEPARATORS = st.sampled_from([";", "；", "、", "，", ",", "/", " ", " 、 "])


@given(words=st.lists(st.sampled_from(sorted(KIND_WORDS)), min_size=1, max_size=5), seps=st.lists(_SEPARATORS,
       min_size=5, max_size=5))
def test_any_kind_words_joined_by_any_separator_read_back(words: list[str], seps: list[str]) -> None:
    text = words[0] + "".join(sep + word for sep, word in zip(seps, words[1:], strict=False))
    expected = tuple(dict.fromkeys(KIND_WORDS[w] for w in words))
    assert parse_kinds(text) == expected


def test_the_name_index_answers_as_the_lookup_does(root: Path) -> None:
    from liushou_cli.records.lookup import Ambiguous, NameIndex, NotFound, child_id

    records = load(root)
    index = NameIndex(records.children, "child")
    for text in ("C001", "c002", "张小明", "张 小明", "王芳", "李强", "赵六", "张", " C003 "):
        try:
            expected: object = child_id(records, text)
        except (Ambiguous, NotFound) as exc:
            expected = (type(exc), exc.what, exc.text, exc.candidates)
        try:
            got: object = index.one(text)
        except (Ambiguous, NotFound) as exc:
            got = (type(exc), exc.what, exc.text, exc.candidates)
        assert got == expected, text


def test_a_workbook_with_a_sheet_a_month(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    """Helpers often keep one sheet a month: every sheet with a header is read, rows named by sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "每月一张表，月底交德育处"
    for title, rows in (("10月", [["2026-10-12", "C003", "家访", "a"], ["2026-10-13", "赵六", "家访", ""]]),
                        ("11月", [["2026-11-02", "C003", "谈心", "b"], ["2026-10-12", "C003", "家访", "a"]])):
        ws = wb.create_sheet(title)
        ws.append(["帮扶记录"])
        ws.append(["日期", "儿童", "类型", "内容"])
        for row in rows:
            ws.append(row)
    path = tmp_path / "台帐.xlsx"
    wb.save(path)
    result = run(runner, root, path, "--yes")
    assert result.exit_code == 1, result.output
    assert "工作表“10月”，表头在第 2 行，数据 2 行" in result.stderr and "工作表“11月”" in result.stderr
    assert "工作表“10月”行 4：B 列（儿童）：台账中没有儿童“赵六”" in result.stdout
    assert "工作表“11月”行 4：与工作表“10月”第 3 行是同一条记录" in result.stdout
    assert [r for r in log_rows(root) if r[1] == "P004"] == [("2026-10-12", "P004", "home_visit", "", "", "", "a"),
                                                            ("2026-11-02", "P004", "talk", "", "", "", "b")]
    again = run(runner, root, path, "--sheet", "11月", "--yes")
    assert "已在联系记录中、不再添加的行：3–4" in again.stdout and "10月" not in again.stdout


def test_a_helper_outside_the_pairing_is_imported_with_the_warning_shown(runner: CliRunner, root: Path,
                                                                         tmp_path: Path) -> None:
    """A substitute helper's visit counts (RECORDS.md: only a warning); the import says where."""
    rows = [["日期", "结对编号", "帮扶人", "类型"], ["2026/10/8", "P004", "李红", "家访"]]
    result = run(runner, root, gbk_csv(tmp_path / "t.csv", rows), "--yes")
    assert result.exit_code == 0, result.output
    assert "会多出 1 条提醒" in result.stderr
    assert "contacts/2026-10.csv:2:" in result.stderr
    assert ("2026-10-08", "P004", "home_visit", "H002", "", "", "") in log_rows(root)
