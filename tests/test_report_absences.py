"""控辍保学 in the term report: absences, persuasions, returns and reports in the term,
counted by hand on the small programme of ``test_report_data``, in the data, the
Markdown and the DOCX, with ``--redact`` masking the persuaders' names too.

As of 2026-11-23 in the 2026 autumn term (2026-09-01 .. 2027-01-20), C001 has:
1. 2026-06-10 .. 06-12 (last term): not counted;
2. 2026-08-28 .. 09-02 (runs into the term): counted, back 09-03;
3. 2026-10-12, two failed persuasions (10-14, 10-15), reported 10-16, back by a returned
   persuasion on 10-19: counted, back 10-19, reported;
4. 2026-11-02 .. 11-04 excused: counted apart;
5. 2026-11-16, whereabouts unknown, a failed persuasion on 11-18 and one on 11-30 (after
   the day): still away, unreported (missing_absent).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from liushou_cli.duties.engine import obligations
from liushou_cli.model import Term
from liushou_cli.records.load import load
from liushou_cli.reports.data import build
from liushou_cli.reports.redact import redact_report
from test_report_cli import docx_all_text
from test_report_data import PROGRAMME, make_programme

D = "2026-11-23"
ABSENCES = """\
absences:
  - {from: 2026-06-10, to: 2026-06-12}
  - {from: 2026-08-28, to: 2026-09-02}
  - from: 2026-10-12
    persuasions:
      - {date: 2026-10-14, by: 李芳芳, result: failed}
      - {date: 2026-10-15, by: 李芳芳, result: 劝返未果}
      - {date: 2026-10-19, by: 赵劝返, result: 已返校}
    reported: {date: 2026-10-16, to: 镇人民政府}
  - {from: 2026-11-02, to: 2026-11-04, excused: 有故}
  - from: 2026-11-16
    whereabouts_known: 否
    persuasions:
      - {date: 2026-11-18, by: 李芳芳, result: failed}
      - {date: 2026-11-30, by: 李芳芳, result: failed}
    notes: 孩子说要去找妈妈
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    child = PROGRAMME["children/C001.yaml"] + ABSENCES
    return make_programme(tmp_path / "records", {"children/C001.yaml": child})


def _data(root: Path, *, with_contacts: bool = False) -> dict[str, Any]:
    records = load(root)
    assert records.program is not None
    term: Term = next(t for t in records.program.terms if t.id == "2026-autumn")
    return build(records, term, date.fromisoformat(D), obligations=obligations, with_contacts=with_contacts)


def test_the_terms_numbers(root: Path) -> None:
    found = _data(root)["absences"]
    numbers = {k: v for k, v in found.items() if k != "details"}
    assert numbers == {"absences": 3, "begun": 2, "excused": 1, "persuasions": 4, "failed": 3, "back": 2,
                       "reported": 1, "away": 1, "unreported": 1, "persuade_after_days": 2, "report_after_failed": 2}
    rows = [(d["from"], d["back"], d["days"], d["persuasions"], d["failed"], d["reported"], d["away"], d["alerts"])
            for d in found["details"]]
    assert rows == [
        ("2026-08-28", "2026-09-03", 6, 0, 0, "", False, []),
        ("2026-10-12", "2026-10-19", 7, 3, 2, "2026-10-16", False, []),
        ("2026-11-16", "", 8, 1, 1, "", True, ["missing_absent"]),
    ]
    assert found["details"][2]["notes"] == ""  # notes only with contacts
    assert _data(root, with_contacts=True)["absences"]["details"][2]["notes"] == "孩子说要去找妈妈"


def test_redact_masks_the_persuaders(root: Path) -> None:
    data = redact_report(_data(root), load(root))
    text = repr(data["absences"])
    assert "李芳芳" not in text and "赵劝返" not in text and "张小明" not in text
    assert "李*芳" in text and "张*明" in text


@pytest.mark.parametrize("ext", ["md", "docx"])
def test_the_documents_say_it_in_chinese(runner: CliRunner, root: Path, tmp_path: Path, ext: str) -> None:
    from liushou_cli.cli.app import app

    target = tmp_path / f"report.{ext}"
    result = runner.invoke(app, ["report", "--records", str(root), "--today", D, "--redact", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = docx_all_text(target) if ext == "docx" else target.read_text(encoding="utf-8")
    assert "本学期无故缺课 3 人次（有故缺课另有 1 人次，不计），劝返 4 次（未果 3 次），返校 2 人次，报告 1 次" in text
    assert "仍未返校 1 人，须报告而尚未报告 1 人" in text
    assert "（去向不明）" in text and "未返校" in text and "2026-10-16" in text
    assert "李芳芳" not in text and "赵劝返" not in text
