"""Each helper's work in a period (reports/helpers.py) and ``liushou table helpers`` (年终考核)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import EXAMPLES
from liushou_cli.cli.app import app
from liushou_cli.duties.items import Obligation
from liushou_cli.model import Contact, Helper
from liushou_cli.reports.helpers import evaluate
from test_engine import D, child, pairing, program, records

START, AS_OF = D("2026-09-01"), D("2026-11-23")


def row(day: str, pid: str, helper: str | None = None, kinds: str = "talk") -> Contact:
    return Contact(D(day), pid, tuple(kinds.split(";")), helper=helper)


def ob(pid: str | None, helpers: tuple[str, ...], due: str, met: bool) -> Obligation:
    return Obligation(pid, "C001", "talk", "谈心", helpers, D(due), met, D(due) if met else None)


def test_who_is_listed_and_what_counts_for_whom() -> None:
    kids = [child("C001"), child("C002"), child("C003", left={"date": "2026-08-20"}), child("C004")]
    pairs = [
        pairing("P001", "C001", helpers=["H001", "H002"]),  # 多对一
        pairing("P002", "C002", helpers=["H003"], start="2026-03-01", end="2026-10-01"),  # ended in the term
        pairing("P003", "C003", helpers=["H004"], start="2026-03-01"),  # its child left before the term
        pairing("P004", "C004", helpers=["H005"], start="2026-03-01", end="2026-08-31"),  # ended before it
        pairing("P005", "C004", helpers=["H006"], start="2026-11-01"),  # nothing owed yet, no contact
    ]
    log = [
        row("2026-06-10", "P001"),  # last term: a last contact, not a contact of the term
        row("2026-09-10", "P001", kinds="home_visit;guardian_contact"),  # nobody named: both helpers
        row("2026-10-10", "P001", helper="H002", kinds="call"),  # H002's alone
        row("2026-11-30", "P001", helper="H001"),  # after the as-of day: nobody's
        row("2026-09-20", "P002", helper="H003"),
        row("2026-09-21", "P003", helper="H004"),
    ]
    recs = records(program(), kids, pairs, log)
    obligations = [ob("P001", ("H001", "H002"), "2026-09-30", True), ob("P001", ("H001", "H002"), "2026-10-31", False),
                   ob("P002", ("H003",), "2026-09-30", False), ob("P001", ("H001", "H002"), "2027-01-20", False)]
    found = {w.helper: w for w in evaluate(recs, obligations, START, AS_OF)}
    assert set(found) == {"H001", "H002", "H003", "H006"}
    h1, h2, h3, h6 = found["H001"], found["H002"], found["H003"], found["H006"]
    assert (h1.contacts, dict(h1.kinds), h1.last) == (1, {"home_visit": 1, "guardian_contact": 1}, D("2026-09-10"))
    assert (h2.contacts, dict(h2.kinds), h2.last) == (2, {"home_visit": 1, "guardian_contact": 1, "call": 1},
                                                      D("2026-10-10"))
    assert (h1.owed, h1.met, h1.rate) == (2, 1, 0.5)  # the 2027 obligation is after the as-of day
    assert (h3.owed, h3.met, h3.rate, h3.children) == (1, 0, 0.0, {"C002"})
    assert (h6.owed, h6.contacts, h6.last, h6.rate, h6.days_since(AS_OF)) == (0, 0, None, None, None)


def test_the_ones_who_need_a_word_first() -> None:
    kids = [child(f"C00{i}") for i in range(1, 6)]
    pairs = [pairing(f"P00{i}", f"C00{i}", helpers=[f"H00{i}"]) for i in range(1, 6)]
    log = [row("2026-11-20", "P001"), row("2026-10-01", "P002"), row("2026-11-01", "P003"),
           row("2026-09-10", "P004")]
    obligations = [ob("P001", ("H001",), "2026-10-31", False), ob("P002", ("H002",), "2026-10-31", True),
                   ob("P003", ("H003",), "2026-10-31", False), ob("P003", ("H003",), "2026-09-30", True)]
    order = [w.helper for w in evaluate(records(program(), kids, pairs, log), obligations, START, AS_OF)]
    # 0% (H001), 50% (H003), 100% (H002); then nothing owed: never contacted (H005), 74 days (H004)
    assert order == ["H001", "H003", "H002", "H005", "H004"]


def test_a_contact_naming_a_helper_of_another_pairing_is_theirs() -> None:
    kids = [child("C001"), child("C002")]
    pairs = [pairing("P001", "C001", helpers=["H001"]), pairing("P002", "C002", helpers=["H002"])]
    found = {w.helper: w for w in evaluate(records(program(), kids, pairs, [row("2026-10-01", "P001", "H002")]),
                                           [], START, AS_OF)}
    assert (found["H001"].contacts, found["H002"].contacts) == (0, 1)


@pytest.fixture
def programme(make_records: Callable[..., Path]) -> Path:
    return make_records({
        "helpers/H002.yaml": "id: H002\nname: 李老师\nrole: teacher\nunit: 测试小学\n",
        "children/C002.yaml": "id: C002\nname: 李小红\nenrolled: 2026-09-01\n",
        "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H002]\nstart: 2026-11-10\n",
    })


@pytest.mark.parametrize("kind", ["helpers", "帮扶人", "考核"])
def test_table_helpers_csv(runner: CliRunner, programme: Path, kind: str) -> None:
    result = runner.invoke(app, ["--records", str(programme), "table", kind, "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["序号", "帮扶人姓名", "身份", "单位", "结对儿童", "联系次数", "联系方式", "应完成", "已完成",
                       "完成率", "最后联系", "距今天数"]
    # five-ones-term owes nothing before the term ends: both listed, the one never in contact first;
    # 严万莲's one home visit on 09-20
    assert rows[1] == ["1", "李老师", "教师", "测试小学", "1", "0", "", "0", "0", "—", "从未联系", ""]
    assert rows[2] == ["2", "严万莲", "爱心妈妈", "", "1", "1", "走访/家访 1、与监护人沟通 1", "0", "0", "—",
                       "2026-09-20", "64"]


def test_table_helpers_xlsx_and_docx(runner: CliRunner, programme: Path, tmp_path: Path) -> None:
    for name in ("考核.xlsx", "考核.docx"):
        target = tmp_path / "out" / name
        target.parent.mkdir(exist_ok=True)
        result = runner.invoke(app, ["--records", str(programme), "table", "helpers", "--today", "2026-11-23",
                                     "-o", str(target)])
        assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "out" / "考核.xlsx").active
    assert sheet is not None
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert any(r[:2] == ["序号", "帮扶人姓名"] for r in values)
    assert any(r[1] == "李老师" for r in values)
    text = "\n".join(p.text for p in Document(str(tmp_path / "out" / "考核.docx")).paragraphs)
    assert "帮扶人工作考核表" in text
    cells = {c.text for t in Document(str(tmp_path / "out" / "考核.docx")).tables for r in t.rows for c in r.cells}
    assert {"严万莲", "李老师", "从未联系"} <= cells


def test_an_unknown_table_names_the_choices(runner: CliRunner, programme: Path) -> None:
    result = runner.invoke(app, ["--records", str(programme), "table", "考评"])
    assert result.exit_code == 2
    assert "没有表格 考评" in result.stderr and "helpers（帮扶人考核表）" in result.stderr


def test_every_paired_helper_of_the_example_is_listed(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--records", str(EXAMPLES), "table", "helpers", "--today", "2026-11-23"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))[1:]
    from liushou_cli.records.load import load

    recs = load(EXAMPLES)
    paired = {h for p in recs.pairings.values() if p.active_on(date(2026, 11, 23), recs.children.get(p.child))
              for h in p.helpers}
    names = {recs.helpers[h].name for h in paired if isinstance(recs.helpers.get(h), Helper)}
    assert names <= {r[1] for r in rows}


def test_table_helpers_for_a_year(runner: CliRunner, programme: Path) -> None:
    """The 年终考核 goes by the year: 2026 holds the 2026-09-20 home visit; 2027 does not."""
    def rows(*period: str, today: str) -> list[list[str]]:
        result = runner.invoke(app, ["--records", str(programme), "table", "helpers", "--today", today, *period])
        assert result.exit_code == 0, result.output
        return list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))

    year = rows("--year", "2026", today="2027-01-10")
    assert [r[1] for r in year[1:]] == ["李老师", "严万莲"]
    assert year[2][5] == "1" and year[2][11] == "102"  # days since, as of 2026-12-31
    spring = rows("--from", "2027-01-01", "--to", "2027-01-31", today="2027-01-10")
    assert spring[2][5] == "0" and spring[2][10] == "2026-09-20"  # the last contact whenever it was


def test_periods_are_for_the_helpers_table_only(runner: CliRunner, programme: Path) -> None:
    result = runner.invoke(app, ["--records", str(programme), "table", "roster", "--year", "2026"])
    assert result.exit_code == 2
    assert "只用于 helpers" in result.stderr
    two = runner.invoke(app, ["--records", str(programme), "table", "helpers", "--year", "2026", "--quarter", "2026Q4"])
    assert two.exit_code == 2 and "统计期只能选一种" in two.stderr
