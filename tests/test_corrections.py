"""Correcting mistakes without opening a file (issue 12): a contact row logged by
mistake (``unlog``), a pairing entered by mistake (``unpair --delete``), a pairing
entered twice (refused by ``pair``), implausible phone numbers, and hints that name
the command that fixes the problem."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.checks import plausible_phone

TODAY = "2026-11-23"
HEADER = "date,pairing,kinds,helper,channel,minutes,summary"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and not {".git", ".liushou-cache"} & set(p.parts)}


def run(runner: CliRunner, root: Path, *args: str, stdin: str | None = None) -> typer.testing.Result:
    return runner.invoke(app, [*args, "--records", str(root), "--today", TODAY], input=stdin)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


ROWS = [
    "2026-11-02,P001,talk,,,,谈心",
    "2026-11-03,P001,home_visit;guardian_contact,H001,in_person,60,家访，与奶奶交流",
    "2026-11-03,P001,call,,phone,10,电话",
    "2026-11-05,P001,letter,,,,\"写信，\n第二行\"",
    "2026-11-06,P001,talk,,,,谈心",
]


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    """November's log as Excel's "CSV UTF-8" saves it: a BOM, CRLF line ends."""
    root = make_records()
    (root / "contacts/2026-11.csv").write_bytes(("\ufeff" + "\r\n".join([HEADER, *ROWS]) + "\r\n").encode())
    return root


@pytest.fixture
def gbk_root(make_records: Callable[..., Path]) -> Path:
    """November's log as Excel's "CSV (逗号分隔)" saves it on Chinese Windows: GBK, CRLF."""
    root = make_records()
    (root / "contacts/2026-11.csv").write_bytes(("\r\n".join([HEADER, *ROWS]) + "\r\n").encode("gbk"))
    return root


def log_text(root: Path) -> str:
    return (root / "contacts/2026-11.csv").read_bytes().decode("utf-8-sig")


# unlog ---------------------------------------------------------------------------------------


def test_unlog_by_place_removes_that_row_and_nothing_else(runner: CliRunner, gbk_root: Path) -> None:
    root = gbk_root
    before = (root / "contacts/2026-11.csv").read_bytes()
    result = run(runner, root, "unlog", "contacts/2026-11.csv:3", "--yes")
    assert result.exit_code == 0, result.output
    assert "contacts/2026-11.csv:3: 2026-11-03,P001,home_visit;guardian_contact,H001,in_person,60,家访，与奶奶交流" \
        in result.stderr
    expected = before.replace("2026-11-03,P001,home_visit;guardian_contact,H001,in_person,60,家访，与奶奶交流\r\n"
                              .encode("gbk"), b"")
    assert (root / "contacts/2026-11.csv").read_bytes() == expected  # still GBK, still CRLF


def test_unlog_a_row_over_two_lines(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "unlog", "contacts\\2026-11.csv:5", "--yes")  # as Windows writes a path
    assert result.exit_code == 0, result.output
    assert (root / "contacts/2026-11.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    text = log_text(root)
    assert "写信" not in text and "第二行" not in text
    assert text.endswith("2026-11-03,P001,call,,phone,10,电话\r\n2026-11-06,P001,talk,,,,谈心\r\n")


def test_unlog_by_pairing_or_child_and_date(runner: CliRunner, root: Path) -> None:
    by_pairing = run(runner, root, "unlog", "P001", "--date", "11月2日", "--yes")
    assert by_pairing.exit_code == 0, by_pairing.output
    assert "2026-11-02" not in log_text(root)
    by_child = run(runner, root, "unlog", "张小明", "--date", "2026/11/6", "-y")
    assert by_child.exit_code == 0, by_child.output
    assert "2026-11-06" not in log_text(root)


def test_several_rows_are_refused_and_listed(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "unlog", "P001", "--date", "2026-11-03", "--yes")
    assert result.exit_code == 1
    assert "contacts/2026-11.csv:3:" in result.stderr and "contacts/2026-11.csv:4:" in result.stderr
    assert "liushou unlog contacts/2026-11.csv:3" in result.stderr
    assert snapshot(root) == before
    narrowed = run(runner, root, "unlog", "P001", "--date", "2026-11-03", "--kind", "电话", "--yes")
    assert narrowed.exit_code == 0, narrowed.output
    text = log_text(root)
    assert "电话" not in text and "家访" in text


@pytest.mark.parametrize(("args", "code"), [
    (("contacts/2026-11.csv:3",), 2),            # not confirmed, and nobody to ask
    (("contacts/2026-11.csv:1", "--yes"), 1),    # the header
    (("contacts/2026-11.csv:6", "--yes"), 1),    # the second line of a row
    (("contacts/2026-10.csv:2", "--yes"), 1),    # no such file
    (("liushou.yaml:2", "--yes"), 2),            # not a place in a contact log: read as a pairing, no --date
    (("P001", "--date", "2026-11-04", "--yes"), 1),   # no row that day
    (("P001", "--yes"), 2),                      # a date is needed
    (("P404", "--date", "2026-11-03", "--yes"), 1),
])
def test_unlog_refusals_write_nothing(runner: CliRunner, root: Path, args: tuple[str, ...], code: int) -> None:
    before = snapshot(root)
    result = run(runner, root, "unlog", *args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_unlog_asks_at_a_terminal(runner: CliRunner, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from liushou_cli.cli import prompts

    monkeypatch.setattr(prompts, "interactive", lambda: True)
    before = snapshot(root)
    no = run(runner, root, "unlog", "contacts/2026-11.csv:2", stdin="n\n")
    assert no.exit_code == 0 and "已取消" in no.stderr
    assert snapshot(root) == before
    yes = run(runner, root, "unlog", "contacts/2026-11.csv:2", stdin="y\n")
    assert yes.exit_code == 0, yes.output
    assert "2026-11-02" not in log_text(root)


def test_unlog_dry_run_shows_the_removed_line(runner: CliRunner, gbk_root: Path) -> None:
    root = gbk_root  # the diff shows GBK as text, not bytes
    before = snapshot(root)
    result = run(runner, root, "unlog", "contacts/2026-11.csv:2", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "-2026-11-02,P001,talk,,,,谈心" in result.stdout
    assert snapshot(root) == before


def test_unlog_keeps_a_bom_and_commits_the_file(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"contacts/2026-11.csv": "\ufeff" + HEADER + "\n" + "\n".join(ROWS[:3]) + "\n"})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    result = run(runner, root, "unlog", "contacts/2026-11.csv:2", "--yes", "--commit")
    assert result.exit_code == 0, result.output
    raw = (root / "contacts/2026-11.csv").read_bytes()
    assert raw == ("\ufeff" + HEADER + "\n" + "\n".join(ROWS[1:3]) + "\n").encode()
    assert git(root, "log", "-1", "--format=%s").strip() == "unlog: contacts/2026-11.csv:2"


def test_a_duplicate_contacts_hint_names_unlog_and_it_works(runner: CliRunner, root: Path) -> None:
    with (root / "contacts/2026-11.csv").open("ab") as f:
        f.write((ROWS[0] + "\r\n").encode())
    checked = run(runner, root, "check")
    assert "liushou unlog contacts/2026-11.csv:8" in checked.stderr + checked.stdout
    fixed = run(runner, root, "unlog", "contacts/2026-11.csv:8", "--yes")
    assert fixed.exit_code == 0, fixed.output
    assert "duplicate-contact" not in (lambda r: r.stdout + r.stderr)(run(runner, root, "check"))


# unpair --delete -------------------------------------------------------------------------------


def test_delete_a_pairing_without_contacts(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"pairings/P002.yaml": "id: P002\nchild: C001\nhelpers: [H002]\nstart: 2026-11-01\n",
                         "helpers/H002.yaml": "id: H002\nname: 王芳\n"})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    dry = run(runner, root, "unpair", "P002", "--delete", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "--- a/pairings/P002.yaml\n+++ /dev/null\n" in dry.stdout
    assert (root / "pairings/P002.yaml").is_file()
    result = run(runner, root, "unpair", "P002", "--delete", "--commit")
    assert result.exit_code == 0, result.output
    assert not (root / "pairings/P002.yaml").exists()
    assert git(root, "log", "-1", "--format=%s").strip() == "delete pairing: P002"
    assert git(root, "status", "--porcelain") == ""


def test_a_pairing_with_contacts_is_not_deleted(runner: CliRunner, root: Path) -> None:
    before = snapshot(root)
    result = run(runner, root, "unpair", "P001", "--delete")
    assert result.exit_code == 1
    assert "6 条联系记录" in result.stderr  # one in September, five in November
    assert "liushou unpair P001 --date" in result.stderr and "liushou unlog contacts/2026-09.csv:2" in result.stderr
    assert snapshot(root) == before
    both = run(runner, root, "unpair", "P001", "--delete", "--date", "2026-11-20")
    assert both.exit_code == 2
    assert snapshot(root) == before


def test_deleting_an_unknown_pairing_is_refused(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records()
    before = snapshot(root)
    result = run(runner, root, "unpair", "P404", "--delete")
    assert result.exit_code == 1
    assert snapshot(root) == before


# pair twice ----------------------------------------------------------------------------------


def test_an_identical_active_pairing_is_refused(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"helpers/H002.yaml": "id: H002\nname: 王芳\n",
                         "pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001, H002]\nstart: 2026-09-05\n"})
    before = snapshot(root)
    twin = run(runner, root, "pair", "C001", "H002", "H001", "--start", "2026-11-01")
    assert twin.exit_code == 1
    assert "P001" in twin.stderr and "liushou unpair P001" in twin.stderr
    assert snapshot(root) == before
    other = run(runner, root, "pair", "C001", "H002")  # a different set of helpers: a real second pairing
    assert other.exit_code == 0, other.output
    ended = run(runner, root, "unpair", "P001", "--date", "2026-11-10")
    assert ended.exit_code == 0, ended.output
    after_end = run(runner, root, "pair", "C001", "H001", "H002", "--start", "2026-11-11")
    assert after_end.exit_code == 0, after_end.output


# phones ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["13700000003", "137 0000 0003", "137-0000-0003", "+8613700000003",
                                   "0731-84123456", "073184123456", "(0731)84123456", "（0731）84123456",
                                   "010-12345678", "0731-8412345"])
def test_plausible_phones(phone: str) -> None:
    assert plausible_phone(phone)


@pytest.mark.parametrize("phone", ["1370000000", "137000000031", "23700000003", "84123456", "0731",
                                   "731-84123456", "电话", "13700000003转", "12345"])
def test_implausible_phones(phone: str) -> None:
    assert not plausible_phone(phone)


@settings(max_examples=200, deadline=None)
@given(st.text("0123456789", min_size=11, max_size=11))
def test_eleven_digits_are_a_mobile_exactly_when_they_start_with_1(digits: str) -> None:
    assert plausible_phone(digits) == (digits[0] == "1" or digits[0] == "0")  # 0 + 10 digits: a landline


@settings(max_examples=200, deadline=None)
@given(st.text("0123456789", min_size=1, max_size=16).filter(lambda d: not 10 <= len(d) <= 12))
def test_other_lengths_are_implausible(digits: str) -> None:
    assert not plausible_phone(digits)


def test_check_warns_at_each_phone(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({
        "children/C001.yaml": "id: C001\nname: 张小明\nschool: 测试小学\nclass: 四(2)班\n"
                              "class_teacher: {name: 李老师, phone: \"1380000000\"}\n"
                              "guardian: {name: 王桂兰, phone: \"13700000003\"}\nenrolled: 2026-09-01\n"
                              "consent: {date: 2026-09-01, by: 王桂兰}\n"
                              "parents:\n  - name: 张大山\n    phone: \"0731-84123456\"\n    employer_phone: \"8412\"\n",
        "helpers/H001.yaml": "id: H001\nname: 严万莲\nphone: 1360000000\n",
    })
    result = run(runner, root, "check", "--json")
    assert result.exit_code == 0, result.output
    found = {(p["path"], p["line"], p["col"], p["hint"]) for p in json.loads(result.stdout)["warnings"]
             if p["code"] == "implausible-phone"}
    assert {(path, line, col) for path, line, col, _ in found} == {
        ("children/C001.yaml", 5, 35), ("children/C001.yaml", 12, 21), ("helpers/H001.yaml", 3, 8)}
    hints = {hint for *_, hint in found}
    assert any("liushou set C001 class_teacher.phone=" in h for h in hints)
    assert any("liushou set C001 parents.1.employer_phone=" in h for h in hints)
    assert any("liushou set H001 phone=" in h for h in hints)


def test_add_notes_an_implausible_phone(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records()
    result = run(runner, root, "add", "helper", "--name", "王芳", "--phone", "136000")
    assert result.exit_code == 0, result.output
    assert "注意" in result.stderr and "phone" in result.stderr
    assert (root / "helpers/H002.yaml").is_file()


# hints that name the command ----------------------------------------------------------------------


def test_check_hints_name_the_command_with_the_id(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C002.yaml": "id: C002\nname: 李小红\nschool: 测试小学\nenrolled: 2026-09-01\n",
                         "children/C003.yaml": "id: C003\nname: 王小兰\nenrolled: 2026-09-01\n"
                                               "left: {date: 2026-11-01, reason: transferred}\n",
                         "pairings/P003.yaml": "id: P003\nchild: C003\nhelpers: [H001]\nstart: 2026-09-05\n"})
    result = run(runner, root, "check", "--json")
    hints = {p["code"]: p["hint"] for p in json.loads(result.stdout)["warnings"]}
    assert "liushou pair C002 " in hints["child-unpaired"]
    assert "liushou set C002 consent.date=" in hints["no-consent"]
    assert "liushou set C002 guardian.name=… guardian.phone=… class=…" in hints["incomplete-archive"]
    assert "liushou unpair P003 --date 2026-11-01" in hints["left-child-open-pairing"]
    english = runner.invoke(app, ["--lang", "en", "check", "--json", "--records", str(root), "--today", TODAY])
    en_hints = {p["code"]: p["hint"] for p in json.loads(english.stdout)["warnings"]}
    assert "liushou set C002 consent.date=YYYY-MM-DD consent.by=NAME" in en_hints["no-consent"]


def test_the_set_the_hint_names_clears_the_warning(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C001.yaml": "id: C001\nname: 张小明\nschool: 测试小学\nclass: 四(2)班\n"
                         "guardian: {name: 王桂兰, phone: \"13700000003\"}\nenrolled: 2026-09-01\n"})
    checked = json.loads(run(runner, root, "check", "--json").stdout)
    assert [p["code"] for p in checked["warnings"]] == ["no-consent"]
    fixed = run(runner, root, "set", "C001", "consent.date=2026/9/1", "consent.by=王桂兰")
    assert fixed.exit_code == 0, fixed.output
    assert json.loads(run(runner, root, "check", "--json").stdout)["warnings"] == []


def test_due_alert_names_the_report_command(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    concerns = ("concerns:\n  - {date: 2026-11-02, type: unsupervised}\n"
                "  - {date: 2026-11-03, type: other}\n")
    root = make_records({"children/C001.yaml": "id: C001\nname: 张小明\nschool: 测试小学\nclass: 四(2)班\n"
                         "guardian: {name: 王桂兰, phone: \"13700000003\"}\nenrolled: 2026-09-01\n"
                         "consent: {date: 2026-09-01, by: 王桂兰}\n" + concerns})
    result = run(runner, root, "due")
    assert "liushou concern C001 --reported-to 报告对象 --date 报告日期 --index 1" in result.stdout
    assert "liushou concern C001 --reported-to 报告对象 --date 报告日期 --index 2" in result.stdout
    reported = run(runner, root, "concern", "C001", "--reported-to", "镇派出所", "--index", "1",
                   "--date", "2026-11-03")
    assert reported.exit_code == 0, reported.output
    after = run(runner, root, "due")
    assert "--index" not in after.stdout  # one left: no index needed
    assert "liushou concern C001 --reported-to" in after.stdout


def test_explain_names_set_for_a_missing_birth_date(runner: CliRunner, make_records: Callable[..., Path]) -> None:
    root = make_records({"pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n"
                         "duties: aixin-mama-monthly\n",
                         "children/C001.yaml": "id: C001\nname: 张小明\nenrolled: 2026-09-01\n"})
    result = run(runner, root, "explain", "P001")
    assert "liushou set C001 birth_date=YYYY-MM-DD" in result.stdout
