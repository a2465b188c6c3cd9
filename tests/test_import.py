"""``liushou import``: rosters as Excel and WPS save them, read into child records.

Every roster here is a real file written into tmp_path the way Excel/WPS write it
(GBK with CRLF, UTF-8 with BOM, .xlsx with merged cells and date cells).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli import import_cmd, import_common
from liushou_cli.cli.app import app
from liushou_cli.records.load import load
from liushou_cli.roster import (
    CellError,
    RosterError,
    parse_categories,
    parse_date,
    parse_id_number,
    parse_name,
    parse_phone,
    read_roster,
)

TODAY = "2026-11-23"
HEADER = ["序号", "姓名", "性别", "出生日期", "学校", "班级", "监护人", "与儿童关系", "联系电话", "村/居"]
ROWS = [
    ["1", "李  芳", "女", "2015/6/1", "测试小学", "三(1)班", "李大妈", "祖母", "13700000011", "水三村"],
    ["2", "王小虎", "男", "2014-9-30", "测试小学", "四(2)班", "王老汉", "祖父", "13700000012", "水三村"],
]


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    """As Excel writes CSV: CRLF line ends, GBK ("CSV (逗号分隔)") or UTF-8 with BOM."""
    text = "".join(",".join(row) + "\r\n" for row in rows)
    return text.encode(encoding)


def roster_file(tmp_path: Path, rows: list[list[str]], encoding: str = "gbk", name: str = "花名册.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, encoding))
    return path


def run(runner: CliRunner, root: Path, roster: Path, *args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, ["import", str(roster), "--records", str(root), "--today", TODAY, *args], input=input)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file but the records cache, which reading the records may refresh."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".liushou-cache" not in p.relative_to(root).parts}


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records()


# --- encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_in_each_encoding_excel_and_wps_write(runner: CliRunner, root: Path, tmp_path: Path, encoding: str) -> None:
    roster = roster_file(tmp_path, [["水三村留守儿童花名册", "", ""], HEADER, *ROWS], encoding)
    result = run(runner, root, roster, "--yes")
    assert result.exit_code == 0, result.output
    records = load(root)
    assert not records.errors
    fang, hu = records.children["C002"], records.children["C003"]
    assert (fang.name, fang.gender, fang.birth_date) == ("李芳", "female", date(2015, 6, 1))
    assert fang.guardian is not None
    assert (fang.guardian.name, fang.guardian.relation, fang.guardian.phone) == ("李大妈", "祖母", "13700000011")
    assert (fang.school, fang.class_, fang.village) == ("测试小学", "三(1)班", "水三村")
    assert (hu.name, hu.birth_date, hu.enrolled) == ("王小虎", date(2014, 9, 30), date(2026, 11, 23))
    assert "表头在第 2 行" in result.stderr
    # the phone is quoted in the file, so no YAML reader turns it into a number
    assert 'phone: "13700000011"' in (root / "children" / "C002.yaml").read_text(encoding="utf-8")


def test_gbk_is_not_mistaken_for_utf8(tmp_path: Path) -> None:
    roster = read_roster(roster_file(tmp_path, [HEADER, *ROWS], "gbk"))
    assert roster.encoding == "gb18030"
    assert [r.data["name"] for r in roster.rows] == ["李芳", "王小虎"]


def test_check_passes_after_import(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    assert run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]), "--yes").exit_code == 0
    check = runner.invoke(app, ["check", "--records", str(root), "--today", TODAY, "--json"])
    assert check.exit_code == 0, check.output
    assert '"errors": []' in check.stdout


# --- .xlsx ---------------------------------------------------------------------------


def make_xlsx(path: Path) -> Path:
    """A roster as typed in Excel: a merged title, a two-row header under a merged
    监护人, real date cells, a serial number, a text date, a merged 学校 column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "水三村留守儿童花名册"
    ws.merge_cells("A1:I1")
    top = ["序号", "姓名", "性别", "出生日期", "监护人", None, None, "学校", "是否寄宿"]
    for col, value in enumerate(top, start=1):
        if value:
            ws.cell(2, col, value)
    for col in (1, 2, 3, 4, 8, 9):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    ws.merge_cells("E2:G2")
    for col, value in zip((5, 6, 7), ("姓名", "电话", "关系"), strict=True):
        ws.cell(3, col, value)
    rows = [
        (1, "陈一", "男", datetime(2016, 3, 12), "陈奶奶", 13700000021, "祖母", None, "是"),
        (2, "陈二", "女", 42370, "陈爷爷", "13700000022", "祖父", None, "否"),
        (3, "刘三", "女", "2015年6月1日", "刘妈妈", 13700000023, "母亲", None, None),
    ]
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, datetime):
                    cell.number_format = "yyyy/m/d"
    ws["H4"] = "水湖镇中心小学"
    ws.merge_cells("H4:H6")
    wb.save(path)
    return path


def test_xlsx_with_title_merged_two_row_header_and_date_cells(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "roster.xlsx")
    roster = read_roster(path)
    assert roster.header.row == 3 and roster.header.rows_used == 2
    fields = {c.label: c.field for c in roster.header.columns}
    assert fields["监护人姓名"] == "guardian.name" and fields["监护人电话"] == "guardian.phone"
    assert fields["监护人关系"] == "guardian.relation" and fields["姓名"] == "name"

    result = run(runner, root, path, "--yes")
    assert result.exit_code == 0, result.output
    kids = {c.name: c for c in load(root).children.values()}
    assert kids["陈一"].birth_date == date(2016, 3, 12)
    assert kids["陈二"].birth_date == date(2016, 1, 1)  # Excel serial 42370
    assert kids["刘三"].birth_date == date(2015, 6, 1)
    assert {k.school for k in (kids["陈一"], kids["陈二"], kids["刘三"])} == {"水湖镇中心小学"}
    assert kids["陈一"].guardian is not None and kids["陈一"].guardian.phone == "13700000021"
    assert (kids["陈一"].boarding, kids["陈二"].boarding, kids["刘三"].boarding) == (True, False, None)
    assert "工作表“花名册”" in result.stderr


def test_old_xls_is_refused_with_a_way_out(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    result = run(runner, root, path, "--yes")
    assert result.exit_code == 2
    assert "不支持 .xls" in result.stderr and "另存为" in result.stderr


# --- dates and cells -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2016/3/12", "2016-3-12", "2016.3.12", "2016年3月12日", "20160312", "2016-03-12", "2016/03/12 0:00", " 2016年03月12日 "],
)
def test_text_dates_in_every_form(text: str) -> None:
    assert parse_date(text) == date(2016, 3, 12)


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 12, 31)))
def test_every_written_form_and_the_serial_number_mean_the_same_day(day: date) -> None:
    forms = [f"{day.year}/{day.month}/{day.day}", f"{day.year}.{day.month}.{day.day}",
             f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y%m%d"), day.isoformat()]
    assert {parse_date(f) for f in forms} == {day}
    assert parse_date((day - date(1899, 12, 30)).days) == day
    assert parse_date(float((day - date(1899, 12, 30)).days)) == day


@pytest.mark.parametrize("text", ["2016.13.1", "2016/2/30", "3/12/2016", "十二月", "16.3.12"])
def test_bad_dates_are_errors(text: str) -> None:
    with pytest.raises(CellError) as info:
        parse_date(text)
    assert info.value.issue.key == "importer.cell.bad_date"


@pytest.mark.parametrize("text", ["２０１６／３／１２", "２０１６－０３－１２", "２０１６．３．１２", "２０１６年３月１２日", "２０１６０３１２",
                                  "2016/3/12 8:00", "2016年3月12日 08:00:00", "２０１６/３/１２ ８:００"])
def test_a_cell_reads_full_width_text_and_a_time_of_day(text: str) -> None:
    """The forms of the records (``dates.parse_date``, full-width included), and the time
    of day Excel writes after a date-and-time cell saved as text."""
    assert parse_date(text) == date(2016, 3, 12)


@pytest.mark.parametrize("text", ["²", "8:00", "2016/3/12 25", "2016/3/12 8：00", "十二月 8:00"])
def test_a_cell_that_is_no_date_is_an_error_not_a_crash(text: str) -> None:
    with pytest.raises(CellError) as info:
        parse_date(text)
    assert info.value.issue.key == "importer.cell.bad_date"


def test_year_and_month_only_is_named_as_such() -> None:
    with pytest.raises(CellError) as info:
        parse_date("2016年3月")
    assert info.value.issue.key == "importer.cell.year_month"


def test_cells_excel_mangles_or_people_pad() -> None:
    assert parse_name("王  芳") == "王芳" and parse_name("Li Na") == "Li Na"
    assert parse_phone(13700000003) == "13700000003" and parse_phone(13700000003.0) == "13700000003"
    assert parse_phone("137 0000 0003") == "13700000003" and parse_phone("0710-3456789") == "0710-3456789"
    with pytest.raises(CellError):
        parse_phone("1.37E+10")
    assert parse_categories("留守儿童、困境,单亲") == ["left_behind", "in_difficulty", "single_parent"]
    with pytest.raises(CellError):
        parse_categories("贫困")
    assert parse_id_number("42010020160312001X") == (date(2016, 3, 12), "male")
    assert parse_id_number("420100201603120020") == (date(2016, 3, 12), "female")


# --- matching, ids, --update --------------------------------------------------------


def test_a_child_already_on_record_is_skipped(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    before = (root / "children" / "C001.yaml").read_bytes()
    rows = [HEADER, ["1", "张小明", "男", "2016.3.12", "", "", "", "", "", "三村"], ROWS[0]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 0, result.output
    assert (root / "children" / "C001.yaml").read_bytes() == before
    assert sorted(load(root).children) == ["C001", "C002"]
    assert "跳过" in result.stdout and "已在台账中" in result.stdout


def test_update_fills_only_empty_fields(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "性别", "出生日期", "年级", "联系电话", "监护人住址", "父亲姓名", "父亲务工地点"],
            ["张小明", "女", "2016-03-12", "四年级", "13999999999", "水湖镇三村五组", "张大山", "广东东莞"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes", "--update")
    assert result.exit_code == 0, result.output
    child = load(root).children["C001"]
    assert child.gender == "male"  # not overwritten
    assert child.guardian is not None and child.guardian.phone == "13700000003"  # not overwritten
    assert child.guardian.address == "水湖镇三村五组"
    assert child.grade == "四年级"
    assert [(p.name, p.relation, p.work_place) for p in child.parents] == [("张大山", "父亲", "广东东莞")]
    text = (root / "children" / "C001.yaml").read_text(encoding="utf-8")
    assert text.index("grade:") < text.index("class:")  # in the record format's order
    assert "consent: {date: 2026-09-01, by: 王桂兰}" in text  # untouched lines kept


def test_new_ids_continue_from_the_highest(runner: CliRunner, make_records: Callable[..., Path], tmp_path: Path) -> None:
    root = make_records({"children/C007.yaml": "id: C007\nname: 周七\nenrolled: 2026-09-01\n"})
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]), "--yes", "--enrolled", "2026-09-01")
    assert result.exit_code == 0, result.output
    children = load(root).children
    assert children["C008"].name == "李芳" and children["C009"].name == "王小虎"
    assert children["C008"].enrolled == date(2026, 9, 1)


def test_same_name_other_birth_date_is_added_with_a_note(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "出生日期"], ["张小明", "2017-01-05"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 0
    assert load(root).children["C002"].birth_date == date(2017, 1, 5)
    assert "同名儿童 C001" in result.stdout


# --- bad rows, confirmation, dry run -------------------------------------------------


def test_bad_rows_are_reported_by_row_number_and_the_rest_imported(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [
        ["水三村留守儿童花名册"],
        HEADER,
        ROWS[0],
        ["2", "赵小花", "女", "2015.13.1", "", "", "", "", "", ""],
        ["3", "", "男", "2015-1-1", "", "", "", "", "", "水三村"],
        ["4", "钱多", "未知", "2015-1-1", "", "", "", "", "1.37E+10", ""],
        ROWS[1],
        ["5", "李芳", "女", "2015/6/1", "", "", "", "", "", ""],
    ]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 1
    out = result.stdout
    assert "行 4：出生日期“2015.13.1”不是日期" in out
    assert "行 5：缺少姓名" in out
    assert "行 6：性别“未知”无法识别" in out and "科学计数法" in out
    assert "行 8：与第 3 行是同一名儿童" in out
    assert sorted(c.name for c in load(root).children.values()) == ["张小明", "李芳", "王小虎"]


def test_without_yes_and_without_a_terminal_nothing_is_written(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]))
    assert result.exit_code == 0
    assert "新增" in result.stdout and "李芳" in result.stdout
    assert "未写入任何文件" in result.stderr and "--yes" in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize(("answer", "written"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_at_a_terminal_it_asks(runner: CliRunner, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              answer: str, written: bool) -> None:
    monkeypatch.setattr(import_common, "_interactive", lambda env: True)
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]), input=answer)
    assert result.exit_code == 0, result.output
    assert "写入以上修改？" in result.output
    assert (root / "children" / "C002.yaml").exists() is written


def test_with_bad_rows_the_question_says_so(runner: CliRunner, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_common, "_interactive", lambda env: True)
    rows = [HEADER, ROWS[0], ["2", "赵小花", "女", "2015.13.1"]]
    result = run(runner, root, roster_file(tmp_path, rows), input="y\n")
    assert "有 1 行无法导入。只导入其余的（新增 1 名" in result.output
    assert result.exit_code == 1
    assert load(root).children["C002"].name == "李芳"


def test_dry_run_shows_the_diff_and_leaves_files_unchanged(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]), "--dry-run", "--yes")
    assert result.exit_code == 0
    assert "+++ b/children/C002.yaml" in result.stdout and "+name: 李芳" in result.stdout
    assert snapshot(root) == before


# --- headers ----------------------------------------------------------------------------


def test_map_names_unknown_columns(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["学生", "紧急联系电话", "民族", "出生年月"], ["孙悟", "13700000031", "汉", "2016-1-2"]]
    roster = roster_file(tmp_path, rows)
    without = run(runner, root, roster, "--yes")
    assert without.exit_code == 2 and "找不到表头" in without.stderr
    result = run(runner, root, roster, "--yes", "--map", "学生=name", "--map", "紧急联系电话 = guardian.phone")
    assert result.exit_code == 0, result.output
    child = load(root).children["C002"]
    assert child.name == "孙悟" and child.guardian is not None and child.guardian.phone == "13700000031"
    assert "以下列没有导入：民族" in result.stderr


def test_map_mistakes_are_clear_errors(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    roster = roster_file(tmp_path, [HEADER, *ROWS])
    bad_field = run(runner, root, roster, "--map", "村/居=villages")
    assert bad_field.exit_code == 2 and "没有字段 villages" in bad_field.stderr and "guardian.phone" in bad_field.stderr
    bad_header = run(runner, root, roster, "--map", "家长手机=guardian.phone")
    assert bad_header.exit_code == 2 and "“家长手机”不在花名册里" in bad_header.stderr
    malformed = run(runner, root, roster, "--map", "家长手机")
    assert malformed.exit_code == 2


def test_csv_of_a_merged_header_and_parents_columns(tmp_path: Path) -> None:
    """Saved as CSV, a merged 监护人 keeps its text in its first column only."""
    rows = [
        ["序号", "姓名", "监护人", "", "", "父亲", "母亲", "务工地点", "父母外出情况", "类别"],
        ["", "", "姓名", "电话", "关系", "", "", "", "", ""],
        ["1", "何七", "何奶奶", "13700000041", "祖母", "何大", "吴二", "浙江义乌", "双方外出", "留守、单亲"],
        ["2", "何八", "何奶奶", "13700000041", "祖母", "何大", "", "江苏苏州", "父亲外出", ""],
    ]
    roster = read_roster(roster_file(tmp_path, rows, "utf-8-sig"))
    first, second = roster.rows[0].data, roster.rows[1].data
    assert first["guardian"] == {"name": "何奶奶", "phone": "13700000041", "relation": "祖母"}
    assert first["parents"] == [
        {"name": "何大", "relation": "父亲", "work_place": "浙江义乌"},
        {"name": "吴二", "relation": "母亲", "work_place": "浙江义乌"},
    ]
    assert first["parents_away"] == "both" and first["categories"] == ["left_behind", "single_parent"]
    assert second["parents"] == [{"name": "何大", "relation": "父亲", "work_place": "江苏苏州"}]


def test_no_header_at_all(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as info:
        read_roster(roster_file(tmp_path, [["a", "b"], ["1", "2"]]))
    assert info.value.key == "importer.err.no_header"


def test_english(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [HEADER, ROWS[0], ["2", "赵小花", "女", "2015.13.1"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--lang", "en")
    assert "row 3: 出生日期 '2015.13.1' is not a date" in result.stdout
    assert "Nothing was written" in result.stderr


def test_id_numbers_give_birth_date_and_gender_but_are_not_kept(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "身份证号"], ["冯九", "420100201605060021"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 0, result.output
    child = load(root).children["C002"]
    assert (child.birth_date, child.gender) == (date(2016, 5, 6), "female")
    assert "4201002016" not in (root / "children" / "C002.yaml").read_text(encoding="utf-8")


def test_serial_epoch_matches_excel() -> None:
    # Excel shows serial 1 as 1900-01-01 only because it counts a 29 Feb 1900 that never was;
    # from March 1900 on, day 0 is 1899-12-30.
    assert parse_date(61) == date(1900, 3, 1)
    assert parse_date(45000) == date(1899, 12, 30) + timedelta(days=45000)


def test_group_row_above_the_header_and_unknown_sub_columns(tmp_path: Path) -> None:
    """儿童信息 | 监护人 over 姓名 … 民族 | 姓名 | 电话: the group names make the labels."""
    rows = [
        ["水三村留守儿童花名册"],
        ["儿童信息", "", "", "", "监护人", "", ""],
        ["姓名", "性别", "出生日期", "民族", "姓名", "电话", "关系"],
        ["何九", "男", "2016-2-3", "汉", "何奶奶", "13700000051", "祖母"],
    ]
    roster = read_roster(roster_file(tmp_path, rows))
    assert roster.header.row == 3
    assert roster.rows[0].data == {
        "name": "何九", "gender": "male", "birth_date": date(2016, 2, 3),
        "guardian": {"name": "何奶奶", "phone": "13700000051", "relation": "祖母"},
    }
    assert roster.header.unused() == ["儿童信息民族"]


def test_a_data_row_is_never_taken_for_a_second_header_row(tmp_path: Path) -> None:
    rows = [["姓名", "监护人", "关系"], ["母亲", "", ""], ["张三", "张母", "母亲"]]
    roster = read_roster(roster_file(tmp_path, rows))
    assert roster.header.row == 1
    assert [r.data["name"] for r in roster.rows] == ["母亲", "张三"]


def test_a_first_row_without_name_is_data_not_a_header(tmp_path: Path) -> None:
    rows = [["姓名", "性别", "关系"], ["", "女", "母亲"], ["张三", "男", "祖母"]]
    roster = read_roster(roster_file(tmp_path, rows))
    assert roster.header.row == 1
    assert roster.rows[1].data["guardian"] == {"relation": "祖母"}
    assert roster.rows[0].issues[0].key == "importer.cell.no_name"


def test_commit_message_holds_no_names(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
        return done.stdout

    git("init", "-q")
    git("config", "user.email", "coordinator@example.org")
    git("config", "user.name", "coordinator")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]), "--yes", "--commit")
    assert result.exit_code == 0, result.output
    message = git("log", "-1", "--format=%B")
    assert "新增 2 名儿童" in message and "李芳" not in message and "王小虎" not in message
    assert git("status", "--porcelain") == ""
    assert sorted(git("show", "--name-only", "--format=", "HEAD").split()) == ["children/C002.yaml", "children/C003.yaml"]


def test_sheet_option_and_first_sheet_with_a_header(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本表由村委会填写"
    for title, child in (("一组", "甲一"), ("二组", "乙二")):
        ws = wb.create_sheet(title)
        ws.append(["姓名", "性别"])
        ws.append([child, "男"])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    assert read_roster(path).rows[0].data["name"] == "甲一"
    assert read_roster(path, sheet="二组").rows[0].data["name"] == "乙二"
    with pytest.raises(RosterError):
        read_roster(path, sheet="三组")


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(
    # (a name reading 暂无 "none yet" or 合计 "total" is a blank or a footer, not a child)
    names=st.lists(st.text(_CJK, min_size=2, max_size=4).filter(lambda n: "暂无" not in n and "合计" not in n
                   and "总计" not in n), min_size=1, max_size=5, unique=True),
    encoding=st.sampled_from(["gbk", "utf-8-sig", "utf-8"]),
    extra=st.sampled_from(["", "家住“三组”,靠河", '"引号"']),
)
def test_any_roster_excel_writes_reads_back(tmp_path_factory: pytest.TempPathFactory, names: list[str],
                                            encoding: str, extra: str) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["姓名", "出生日期", "备注"])
    for i, name in enumerate(names):
        writer.writerow([name, f"2015/{i + 1}/{i + 2}", extra])
    path = tmp_path_factory.mktemp("roster") / "r.csv"
    path.write_bytes(buf.getvalue().encode(encoding))
    rows = read_roster(path).rows
    assert [r.data["name"] for r in rows] == names
    assert [r.data["birth_date"] for r in rows] == [date(2015, i + 1, i + 2) for i in range(len(names))]
    assert all(r.data.get("notes") == (extra or None) for r in rows)


def test_ids_count_on_from_the_highest_keeping_the_width() -> None:
    from liushou_cli.records.write import next_id

    make = import_cmd._id_maker({"C001", "C007", "C009", "H001"}, next_id)
    assert [make() for _ in range(3)] == ["C010", "C011", "C012"]
    make = import_cmd._id_maker({"C0998", "C0999"}, next_id)
    assert [make(), make()] == ["C1000", "C1001"]
    assert import_cmd._id_maker(set(), next_id)() == "C001"


def test_update_with_nothing_new_writes_nothing(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    before = snapshot(root)
    rows = [["姓名", "出生日期", "学校"], ["张小明", "2016-03-12", "别的小学"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes", "--update")
    assert result.exit_code == 0
    assert "没有可补充的内容" in result.stdout and "没有需要写入的内容" in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize("content", [b"not a workbook at all", b"PK\x03\x04 broken zip"])
def test_a_damaged_xlsx_is_a_clear_error(runner: CliRunner, root: Path, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    result = run(runner, root, path, "--yes")
    assert result.exit_code == 2 and "无法打开这个 Excel 文件" in result.stderr


def test_the_written_count_and_a_missing_file(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]), "--yes")
    assert "已写入 2 个文件：新增 2 名，更新 0 名。" in result.stdout
    missing = run(runner, root, tmp_path / "nope.csv")
    assert missing.exit_code == 2 and "找不到花名册文件" in missing.stderr


# --- issue 12: enrolled shown, work places, villages, --school, duplicates ------------------


def test_enrolled_from_a_column_is_shown(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "出生日期", "入学日期"], ["李芳", "2015/6/1", "2025/9/1"], ["王小虎", "2014-9-30", ""]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes", "--enrolled", "2026/9/1")
    assert result.exit_code == 0, result.output
    children = load(root).children
    assert children["C002"].enrolled == date(2025, 9, 1)
    assert children["C003"].enrolled == date(2026, 9, 1)  # the cell is empty: --enrolled
    assert "建档日期" in result.stdout and "2025-09-01" in result.stdout  # a column of the preview
    assert "建档日期（enrolled）取自“入学日期”列（1 名）" in result.stdout
    assert "建档日期（enrolled）：2026-09-01（--enrolled，1 名）" in result.stdout
    assert "记为今天" not in result.stdout


def test_without_enrolled_it_says_today_is_used_and_what_that_means(runner: CliRunner, root: Path,
                                                                     tmp_path: Path) -> None:
    result = run(runner, root, roster_file(tmp_path, [HEADER, *ROWS]))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2 名新增儿童的建档日期（enrolled）记为今天 2026-11-23" in out
    assert "建档日期之前的联系记录不计入" in out and "--enrolled" in out
    assert out.count("2026-11-23") >= 3  # in each added row of the preview too


def test_enrolled_in_the_forms_people_type(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    result = run(runner, root, roster_file(tmp_path, [HEADER, ROWS[0]]), "--yes", "--enrolled", "9月1日")
    assert result.exit_code == 0, result.output
    assert load(root).children["C002"].enrolled == date(2026, 9, 1)
    bad = run(runner, root, roster_file(tmp_path, [HEADER, ROWS[1]]), "--yes", "--enrolled", "九月")
    assert bad.exit_code == 2 and "九月" in bad.stderr


def test_work_place_goes_to_the_parents_not_the_notes(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "出生日期", "务工地点", "备注"], ["李芳", "2015/6/1", "广东省东莞市", "爱画画"],
            ["王小虎", "2014-9-30", "浙江义乌", ""]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 0, result.output
    fang, hu = load(root).children["C002"], load(root).children["C003"]
    assert [(p.relation, p.work_place) for p in fang.parents] == [("父母", "广东省东莞市")]
    assert fang.notes == "爱画画" and hu.notes is None
    assert [(p.relation, p.work_place) for p in hu.parents] == [("父母", "浙江义乌")]


def test_home_address_fills_the_guardians_address_and_the_village(runner: CliRunner, root: Path,
                                                                   tmp_path: Path) -> None:
    rows = [["姓名", "出生日期", "监护人", "家庭住址"],
            ["李芳", "2015/6/1", "李奶奶", "水湖镇三村五组"],
            ["王小虎", "2014-9-30", "", "宋家沟村3组"],
            ["赵小花", "2015-3-3", "", "城关镇白沙关社区3栋"],
            ["钱多", "2015-4-4", "", "湖北省恩施州宣恩县椒园镇黄坪村二组"],
            ["孙悟", "2015-5-5", "", "新村镇五里村3组"],
            ["周全", "2015-6-6", "", "水湖镇街上"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 0, result.output
    kids = {c.name: c for c in load(root).children.values()}
    assert kids["李芳"].guardian is not None
    assert (kids["李芳"].guardian.name, kids["李芳"].guardian.address) == ("李奶奶", "水湖镇三村五组")
    assert {n: kids[n].village for n in ("李芳", "王小虎", "赵小花", "钱多", "孙悟", "周全")} == {
        "李芳": "三村", "王小虎": "宋家沟村", "赵小花": "白沙关社区", "钱多": "黄坪村", "孙悟": "五里村", "周全": None}
    assert kids["周全"].guardian is not None and kids["周全"].guardian.address == "水湖镇街上"
    text = (root / "children" / "C002.yaml").read_text(encoding="utf-8")
    assert "address: 水湖镇三村五组" in text and "village: 三村" in text
    assert "三村" in result.stdout  # the village is shown in the preview


def test_a_village_column_wins_over_the_address(tmp_path: Path) -> None:
    rows = [["姓名", "村/居", "家庭住址"], ["李芳", "水三村", "水湖镇三村五组"]]
    data = read_roster(roster_file(tmp_path, rows)).rows[0].data
    assert data["village"] == "水三村" and data["guardian"] == {"address": "水湖镇三村五组"}


def test_school_option_for_a_roster_without_a_school_column(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "出生日期", "学校"], ["李芳", "2015/6/1", ""], ["王小虎", "2014-9-30", "别的小学"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes", "--school", "水湖镇中心小学")
    assert result.exit_code == 0, result.output
    children = load(root).children
    assert children["C002"].school == "水湖镇中心小学" and children["C003"].school == "别的小学"


def test_duplicates_inside_the_roster_by_id_number(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    rows = [["姓名", "身份证号"], ["冯九", "420100201605060021"], ["冯玖", "420100201605060021"],
            ["冯九", "420100201605060021"]]
    result = run(runner, root, roster_file(tmp_path, rows), "--yes")
    assert result.exit_code == 1
    assert "行 3：与第 2 行身份证号相同" in result.stdout and "行 4：与第 2 行身份证号相同" in result.stdout
    assert [c.name for c in load(root).children.values() if c.name.startswith("冯")] == ["冯九"]


def test_a_contact_before_an_imported_enrolment_names_enrolled(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    """The issue: a roster imported without enrolment refused every earlier contact, and
    the refusal never said why. Now the import says it, and so does the contact import."""
    assert run(runner, root, roster_file(tmp_path, [HEADER, ROWS[0]]), "--yes").exit_code == 0
    pair = runner.invoke(app, ["pair", "C002", "H001", "--start", "2026-09-01", "--records", str(root),
                               "--today", TODAY])
    assert pair.exit_code == 0, pair.output
    sheet = tmp_path / "台帐.csv"
    sheet.write_bytes("日期,儿童,类型\r\n2026/10/8,李芳,家访\r\n".encode("gbk"))
    result = runner.invoke(app, ["import", "--contacts", str(sheet), "--records", str(root), "--today", TODAY])
    assert result.exit_code == 1
    assert "李芳（C002）的建档日期（enrolled）是 2026-11-23，晚于这条记录的 2026-10-08" in result.stdout
    fixed = runner.invoke(app, ["set", "C002", "enrolled=2026/9/1", "--records", str(root), "--today", TODAY])
    assert fixed.exit_code == 0, fixed.output
    again = runner.invoke(app, ["import", "--contacts", str(sheet), "--records", str(root), "--today", TODAY, "--yes"])
    assert again.exit_code == 0, again.output
    assert "新增 1 条" in again.stdout


def test_the_handover_list_groups_an_imported_roster_by_village(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    """The issue's roster: 家庭住址 only, no 村/居 column. The hand-over list for the 村居两委
    then put 7 of 8 children under 未填写; now each is under its village."""
    addresses = ["水湖镇三村五组", "水湖镇三村二组", "宋家沟村3组", "宋家沟村1组", "水湖镇五里村",
                 "水湖镇五里村4组", "城关镇白沙关社区3栋", "水湖镇三村一组"]
    rows = [["姓名", "出生日期", "监护人", "家庭住址", "务工地点"]] + [
        [f"儿童{'甲乙丙丁戊己庚辛'[i]}", f"2015/{i + 1}/1", "奶奶", address, "广东东莞"]
        for i, address in enumerate(addresses)]
    assert run(runner, root, roster_file(tmp_path, rows), "--yes", "--enrolled", "2026-09-01").exit_code == 0
    result = runner.invoke(app, ["table", "handover", "--records", str(root), "--today", TODAY])
    assert result.exit_code == 0, result.output
    grid = result.stdout
    assert grid.count("未填写") == 1  # the fixture's own child, who has no village
    for village in ("三村", "宋家沟村", "五里村", "白沙关社区"):
        assert village in grid
    assert all(c.parents and c.parents[0].work_place == "广东东莞" for c in load(root).children.values()
               if c.name.startswith("儿童"))
