"""What the fuzzers share: a small valid programme, the commands, and the crash oracle.

A "crash" is anything the issue forbids: an exception escaping the command, a
traceback or the error boundary's "内部错误" (internal error: a bug) in the
output, or an exit status other than 0, 1 or 2. Hangs and memory are bounded by
libFuzzer (``-timeout``, ``-rss_limit_mb``) or by ``run.py``'s own limits.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PROGRAM = """\
program: 测试项目
organization: 测试小学德育处
terms:
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
  - {id: 2027-spring, name: 2027年春季学期, start: 2027-02-20, end: 2027-07-10}
duties: five-ones-term
"""
CHILD = """\
id: C001
name: 张小明
gender: male
birth_date: 2016-03-12
school: 测试小学
class: 四(2)班
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01
consent: {date: 2026-09-01, by: 王桂兰}
risk_assessments:
  - {date: 2026-09-15, level: medium}
concerns:
  - {date: 2026-10-01, type: other, notes: 需要关注}
"""
HELPER = "id: H001\nname: 严万莲\nrole: aixin_mama\nphone: \"13600000004\"\n"
PAIRING = "id: P001\nchild: C001\nhelpers: [H001]\nstart: 2026-09-05\n"
CONTACTS = (
    "date,pairing,kinds,helper,channel,minutes,summary\n"
    "2026-09-20,P001,home_visit;guardian_contact,H001,in_person,60,家访\n"
)
FILES: dict[str, str] = {
    "liushou.yaml": PROGRAM,
    "children/C001.yaml": CHILD,
    "helpers/H001.yaml": HELPER,
    "pairings/P001.yaml": PAIRING,
    "contacts/2026-09.csv": CONTACTS,
}
TARGETS = tuple(FILES)  # the file a fuzz input replaces

TODAY = ("--today", "2026-11-23")
# every command that reads the records; {out} is a scratch folder outside them
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check",),
    ("check", "--json"),
    ("due", "--all"),
    ("due", "--json"),
    ("due", "--by", "child", "--csv"),
    ("explain", "P001"),
    ("explain", "C001", "--json"),
    ("remind",),
    ("report", "-f", "md", "-o", "{out}/r.md"),
    ("report", "-f", "json", "-o", "{out}/r.json"),
    ("report", "-f", "docx", "-o", "{out}/r.docx"),
    ("table", "pairings"),
    ("table", "roster"),
    ("table", "handover", "-o", "{out}/h.xlsx"),
    ("log", "P001", "home_visit", "--date", "2026-11-20", "--summary", "走访"),
    ("add", "child", "--name", "李四", "--gender", "男", "--birth-date", "2016-01-01"),
    ("add", "helper", "--name", "王五", "--role", "aixin_mama"),
    ("pair", "C001", "H001", "--start", "2026-11-01"),
    ("assess", "C001", "高", "--date", "2026-11-20"),
    ("concern", "C001", "其他情形", "--date", "2026-11-20"),
    ("leave", "C001", "--reason", "转学", "--date", "2026-11-20"),
    ("unpair", "P001", "--date", "2026-11-20"),
    ("schema",),
)
# writing commands, then the ones that take no --today
NO_TODAY = {"schema"}

CRASH_MARKS = ("内部错误", "internal error", "Traceback (most recent call last)")


def fresh_records(root: Path, replace: dict[str, bytes | None] | None = None) -> Path:
    """The small programme at ``root`` (emptied first), with files replaced (bytes) or removed (None)."""
    if root.exists():
        shutil.rmtree(root)
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for rel, data in (replace or {}).items():
        path = root / rel
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        if data is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return root


def command_args(command: tuple[str, ...], root: Path, out: Path) -> list[str]:
    args = ["--records", str(root), *(a.format(out=out) for a in command)]
    if command[0] not in NO_TODAY:
        args += list(TODAY)
    return args


class Crash(AssertionError):
    """What the fuzzers stop on."""


def judge(args: list[str], exit_code: int, output: str, exception: BaseException | None) -> None:
    """Raise ``Crash`` unless the command ended the way the issue allows."""
    if exception is not None and not isinstance(exception, SystemExit):
        raise Crash(f"{args}: exception escaped: {exception!r}") from exception
    for mark in CRASH_MARKS:
        if mark in output:
            raise Crash(f"{args}: {mark!r} in output:\n{output[-2000:]}")
    if exit_code not in (0, 1, 2):
        raise Crash(f"{args}: exit status {exit_code}")
    if exit_code == 2 and not output.strip():
        raise Crash(f"{args}: exit 2 without a message")


def run_cli(args: list[str]) -> None:
    """One command in-process, judged."""
    from typer.testing import CliRunner

    from liushou_cli.cli.app import app
    from liushou_cli.i18n import set_lang

    set_lang("zh")
    result = CliRunner().invoke(app, args)
    judge(args, result.exit_code, result.output, result.exception)
