"""A whole programme with many different mistakes planted at once.

``liushou check`` must report every one of them in a single run, each at its
own file, line and column, and nothing else as an error; exit status 1.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from liushou_cli.cli.app import app

PROGRAM = """\
program: 水湖镇中心小学留守儿童一对一帮扶
organization: 水湖镇中心小学德育处
coordinator: 王老师
terms:
  - id: 2026-autumn
    name: 2026年秋季学期
    start: 2026-09-01
    end: 2027-01-20
  - id: 2027-spring
    name: 2027年春季学期
    start: 2027-01-15
    end: 2027-07-10
duties:
  - id: visit
    name: 走访一次
    kinds: [home_visit]
    per: term
  - id: contact
    name: 每月联系
    kinds: [call, meeting, chat]
    within_days: 30
  - id: talk
    name: 谈心
    kinds: [talk]
    per: month
    within_days: 30
"""

CHILD = """\
id: {id}
name: {name}
gender: {gender}
birth_date: {birth}
school: 水湖镇中心小学
grade: 四年级
class: 四(2)班
{guardian_key}: {{name: 王桂兰, relation: 祖母, phone: 13700000003}}
enrolled: 2026-09-01
consent: {{date: 2026-09-01, by: 王桂兰}}
"""

HEADER = "date,pairing,kinds,helper,channel,minutes,summary\n"

FILES: dict[str, str] = {
    "liushou.yaml": PROGRAM,
    "children/C001.yaml": CHILD.format(id="C001", name="张小明", gender="male", birth="2016-03-12",
                                       guardian_key="gaurdian"),
    "children/C002.yaml": CHILD.format(id="C002", name="李小红", gender="female", birth="2016-02-30",
                                       guardian_key="guardian"),
    "children/C003.yaml": CHILD.format(id="C004", name="王小军", gender="男孩", birth="2015-07-01",
                                       guardian_key="guardian"),
    "helpers/H001.yaml": "id: H001\nname: 严万莲\nrole: aixin_mama\nphone: 13600000004\n",
    "helpers/H002.yaml": "id: H002\nname: 刘芳\nrole: 爱心妈\n",
    "pairings/P001.yaml": "id: P001\nchild: C001\nhelpers: [H001, H009]\nstart: 2026-09-05\n",
    "pairings/P002.yaml": "id: P002\nchild: C002\nhelpers: [H002]\nstart: 2026-09-05\nend: 2026-09-01\n",
    "pairings/P003.yaml": "id: P003\nchild: C404\nhelpers: [H001]\nstart: 2026-09-05\nduties: aixin-mama-month\n",
    "contacts/2026-09.csv": HEADER
    + '2026-09-20,P001,home_visit;guardian_contact,H001,in_person,60,"家访，与奶奶交流"\n'
    + "2026-09-01,P001,talk,,,,开学前\n"
    + "2026-10-08,P009,letter,,letter,,给小明写信\n",
    "contacts/2026-11.csv": HEADER + "2026-11-30,P001,call,,phone,10,电话\n2026-11-02,P001,talk;tlak,,,,谈心\n",
    "contacts/2026-10.csv": HEADER + "<<<<<<< HEAD\n2026-10-09,P001,call,,,,\n=======\n2026-10-09,P001,talk,,,,\n"
    ">>>>>>> helper-laptop\n",
}

EXPECTED_ERRORS = {
    ("terms-overlap", "liushou.yaml:11:12"),
    ("unknown-kind", "liushou.yaml:20:28"),
    ("rule-shape", "liushou.yaml:22:5"),
    ("bad-date", "children/C002.yaml:4:13"),
    ("id-mismatch", "children/C003.yaml:1:5"),
    ("schema", "children/C003.yaml:3:9"),
    ("schema", "helpers/H002.yaml:3:7"),
    ("unknown-helper", "pairings/P001.yaml:3:17"),
    ("pairing-end-before-start", "pairings/P002.yaml:5:6"),
    ("unknown-child", "pairings/P003.yaml:2:8"),
    ("unknown-preset", "pairings/P003.yaml:5:9"),
    ("contact-outside-pairing", "contacts/2026-09.csv:3:1"),
    ("unknown-pairing", "contacts/2026-09.csv:4:12"),
    ("contact-in-future", "contacts/2026-11.csv:2:1"),
    ("unknown-kind", "contacts/2026-11.csv:3:17"),
    ("conflict-marker", "contacts/2026-10.csv:2:1"),
    ("conflict-marker", "contacts/2026-10.csv:4:1"),
    ("conflict-marker", "contacts/2026-10.csv:6:1"),
    ("csv-unknown-encoding", "contacts/big5.csv:1:6"),
}

EXPECTED_WARNINGS = {
    ("unknown-key", "children/C001.yaml:8:1"),
    ("incomplete-archive", "children/C001.yaml:1:5"),
}


def planted(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "contacts" / "excel.csv").write_bytes((HEADER + "2026/10/20,P001,谈心,,,,谈心\n").encode("gbk"))  # read
    (root / "contacts" / "big5.csv").write_bytes("date,結對,類型\n2026-10-20,P001,talk\n".encode("big5"))
    return root


def test_every_planted_mistake_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    root = planted(tmp_path / "records")
    result = runner.invoke(app, ["check", "--records", str(root), "--today", "2026-11-23", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    errors = {(p["code"], f"{p['path']}:{p['line']}:{p['col']}") for p in data["errors"]}
    warnings = {(p["code"], f"{p['path']}:{p['line']}:{p['col']}") for p in data["warnings"]}
    assert errors == EXPECTED_ERRORS
    assert warnings >= EXPECTED_WARNINGS
    assert all(p["message"] and p["hint"] for p in data["errors"] + data["warnings"])


def test_the_text_report_lists_them_in_file_order(runner: CliRunner, tmp_path: Path) -> None:
    root = planted(tmp_path / "records")
    result = runner.invoke(app, ["check", "--records", str(root), "--today", "2026-11-23", "-q"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if ": 错误 " in line]
    assert len(lines) == len(EXPECTED_ERRORS)
    for code, where in EXPECTED_ERRORS:
        assert any(line.startswith(f"{where}: 错误 {code}: ") for line in lines), (code, where)
    places = [(line.split(":")[0], int(line.split(":")[1]), int(line.split(":")[2])) for line in lines]
    assert places == sorted(places)
    assert f"共 {len(EXPECTED_ERRORS)} 个错误" in result.stderr


def test_did_you_mean_for_a_chinese_role(runner: CliRunner, tmp_path: Path) -> None:
    root = planted(tmp_path / "records")
    result = runner.invoke(app, ["check", "--records", str(root), "--today", "2026-11-23", "--json"])
    (role,) = [p for p in json.loads(result.stdout)["errors"] if p["path"] == "helpers/H002.yaml"]
    assert "不能写 爱心妈，取值应为 教师 / 爱心妈妈 / 代理家长" in role["message"]
    assert "也可写英文 teacher / aixin_mama" in role["message"] and "是否应为 aixin_mama" in role["message"]
