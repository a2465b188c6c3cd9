"""Reports for any period (issue 14 part 3): quarters, calendar and school years, any two
days; their edges, a period holding no term, and the refusals.

The programme is test_report_data's (terms 2026-spring 02-20..07-10 and 2026-autumn
09-01..2027-01-20; contacts 06-01, 09-20, 10-08, 10-12, 11-05, 12-01).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.duties.engine import obligations
from liushou_cli.records.load import load
from liushou_cli.reports.data import build
from liushou_cli.reports.period import (
    PeriodError,
    ReportPeriod,
    between,
    quarter,
    school_year,
    year,
)
from test_report_data import make_programme

D = date.fromisoformat


@pytest.mark.parametrize(("text", "expected"), [
    ("2026Q4", ("2026Q4", "2026-10-01", "2026-12-31")),
    ("2026q1", ("2026Q1", "2026-01-01", "2026-03-31")),
    ("2026-Q2", ("2026Q2", "2026-04-01", "2026-06-30")),
    ("2026年第三季度", ("2026Q3", "2026-07-01", "2026-09-30")),
    ("2026年第4季度", ("2026Q4", "2026-10-01", "2026-12-31")),
    ("2028Q1", ("2028Q1", "2028-01-01", "2028-03-31")),  # a leap year's February inside
])
def test_quarters(text: str, expected: tuple[str, str, str]) -> None:
    q = quarter(text)
    assert (q.id, q.start.isoformat(), q.end.isoformat()) == expected


@pytest.mark.parametrize("text", ["2026", "2026Q5", "20261", "Q4", "2026年第五季度", ""])
def test_quarters_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        quarter(text)


def test_years_and_school_years() -> None:
    assert (year("2026年").start, year("2026").end) == (D("2026-01-01"), D("2026-12-31"))
    for text in ("2026", "2026-2027", "2026学年", "2026-2027学年", "2026—2027学年"):
        sy = school_year(text)
        assert (sy.id, sy.start, sy.end) == ("2026-2027", D("2026-09-01"), D("2027-08-31")), text
    for bad in ("2026-2028", "twenty", "26"):
        with pytest.raises(PeriodError):
            school_year(bad)
    with pytest.raises(PeriodError):
        between(D("2026-10-02"), D("2026-10-01"))
    assert between(D("2026-10-01"), D("2026-10-01")).id == "2026-10-01_2026-10-01"  # one day is a period


def _build(root: Path, period: ReportPeriod, today: str) -> dict:
    return build(load(root), period, D(today), obligations=obligations)


def test_a_quarter_counts_only_its_own_days(tmp_path: Path) -> None:
    data = _build(make_programme(tmp_path / "r"), quarter("2026Q4"), "2026-11-23")
    assert data["period"] == {"kind": "quarter", "id": "2026Q4", "name": "2026年第四季度", "start": "2026-10-01",
                              "end": "2026-12-31", "word": "季度"}
    assert data["term"]["name"] == "2026年第四季度"  # programmes' own templates keep working
    assert data["as_of"] == "2026-11-23" and not data["ended"]
    assert data["contacts"]["total"] == 3  # 10-08, 10-12, 11-05; 09-20 is Q3, 12-01 after T
    assert data["children"]["new"] == 0  # C002 and C004 came in September
    assert data["children"]["left"] == 1  # C003 on 10-15


def test_a_year_ends_on_31_december(tmp_path: Path) -> None:
    extra = {"contacts/2027-01.csv": "date,pairing,kinds\n2027-01-01,P001,talk\n2026-12-31,P001,call\n"}
    data = _build(make_programme(tmp_path / "r", extra), year("2026"), "2027-01-05")
    assert (data["as_of"], data["ended"]) == ("2026-12-31", True)
    assert data["contacts"]["total"] == 7  # 06-01 .. 12-01 and 12-31; not 2027-01-01
    assert data["children"]["new"] == 4  # C003 in February, C001 in March, C002 and C004 in September
    months = [m["month"] for m in data["contacts"]["by_month"]]
    assert months[0] == "2026-01" and months[-1] == "2026-12"


def test_a_period_holding_no_term(tmp_path: Path) -> None:
    """The summer holidays: five-ones-term owes nothing in them; risk assessments and contacts still count."""
    extra = {"contacts/2026-08.csv": "date,pairing,kinds\n2026-08-10,P001,call\n"}
    data = _build(make_programme(tmp_path / "r", extra), between(D("2026-07-15"), D("2026-08-31")), "2026-11-23")
    assert data["contacts"]["total"] == 1
    assert [r["duty"] for r in data["duties"]["rules"]] in ([], ["risk_assessment"])
    assert data["ended"]


def test_the_term_report_is_unchanged_by_periods(tmp_path: Path) -> None:
    records = load(make_programme(tmp_path / "r"))
    assert records.program is not None
    autumn = next(t for t in records.program.terms if t.id == "2026-autumn")
    by_term = build(records, autumn, D("2026-11-23"), obligations=obligations)
    by_period = build(records, ReportPeriod.of_term(autumn), D("2026-11-23"), obligations=obligations)
    assert by_term == by_period
    assert by_term["period"]["kind"] == "term" and by_term["period"]["word"] == "学期"


def run(runner: CliRunner, root: Path, *args: str, today: str = "2026-11-23"):
    return runner.invoke(app, ["--records", str(root), "report", "--today", today, *args])


def test_quarterly_report_file_and_words(runner: CliRunner, tmp_path: Path) -> None:
    root = make_programme(tmp_path / "records", {"reports/2026Q4.md": "## 主要做法\n\n季度家访。\n"})
    result = run(runner, root, "--quarter", "2026年第四季度", "--format", "md")
    assert result.exit_code == 0, result.output
    text = (root / "out" / "2026Q4-report.md").read_text(encoding="utf-8")
    assert text.startswith("# 水湖镇中心小学留守儿童一对一帮扶 2026年第四季度工作总结")
    assert "\n- 统计期：2026年第四季度（2026-10-01 至 2026-12-31）\n- 统计截至：2026-11-23（季度尚未结束）\n" in text
    assert "（季度尚未结束）" in text and "本季度共记录联系 3 次" in text and "本学期" not in text
    assert "季度家访" in text  # reports/<period id>.md


def test_docx_for_a_school_year(runner: CliRunner, tmp_path: Path) -> None:
    from docx import Document

    root = make_programme(tmp_path / "records")
    result = run(runner, root, "--school-year", "2026", today="2027-09-03")
    assert result.exit_code == 0, result.output
    doc = Document(str(root / "out" / "2026-2027-report.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2026—2027学年工作总结" in text and "本学年" in text and "统计截至：2027-08-31" in text


def test_any_two_days_in_any_date_form(runner: CliRunner, tmp_path: Path) -> None:
    root = make_programme(tmp_path / "records")
    result = run(runner, root, "--from", "2026/10/1", "--to", "10月31日", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["period"]["start"], data["period"]["end"], data["as_of"]) == ("2026-10-01", "2026-10-31", "2026-10-31")
    assert data["contacts"]["total"] == 2


@pytest.mark.parametrize(("args", "lines"), [
    ([], "\n- 学期：2026年秋季学期（2026-09-01 至 2027-01-20）\n- 统计截至：2026-11-23（学期尚未结束）\n"),
    (["--from", "2026-10-01", "--to", "2026-10-31"], "\n- 统计期：2026-10-01 至 2026-10-31\n- 统计截至：2026-10-31\n"),
])
def test_the_heading_lines_stay_lines(runner: CliRunner, tmp_path: Path, args: list[str], lines: str) -> None:
    """The period line ends in a block tag: its newline must not be eaten (trim_blocks)."""
    result = run(runner, make_programme(tmp_path / "records"), *args, "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert lines in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--quarter", "2026Q4", "--year", "2026"], "统计期只能选一种：--quarter、--year"),
    (["--term", "2026-autumn", "--from", "2026-10-01", "--to", "2026-10-31"], "统计期只能选一种"),
    (["--from", "2026-10-01"], "--from 和 --to 要一起写"),
    (["--quarter", "2026Q5"], "看不懂季度 '2026Q5'"),
    (["--from", "2026-10-31", "--to", "2026-10-01"], "--to 2026-10-01 早于 --from 2026-10-31"),
    (["--quarter", "2027Q1"], "统计期 2027Q1 要到 2027-01-01 才开始"),
])
def test_refusals_name_the_fix(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    result = run(runner, make_programme(tmp_path / "records"), *args, "--format", "md")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output

