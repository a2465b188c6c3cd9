"""``liushou report`` end to end: files written, DOCX contents, privacy, template errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.cli.app import app
from liushou_cli.records.load import load
from test_report_data import make_programme

NARRATIVE = "## 主要做法\n\n一是坚持家访，张小明家每月走访。\n\n## 存在问题\n\n- 联系电话13700000003常打不通\n\n## 下步打算\n\n继续结对。\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_programme(tmp_path / "records", {"reports/2026-autumn.md": NARRATIVE})


def run(runner: CliRunner, root: Path, *args: str, today: str = "2026-11-23"):
    return runner.invoke(app, ["report", "--records", str(root), "--today", today, *args])


def docx_all_text(path: Path) -> str:
    """Every XML part of the .docx, tags stripped: what any reader could find in it."""
    import re

    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


def secrets(root: Path) -> tuple[set[str], set[str]]:
    """Every person's name, and every phone and address, in the records."""
    records = load(root)
    names: set[str] = {"王老师"}
    other: set[str] = set()
    for c in records.children.values():
        names.add(c.name)
        if c.guardian:
            names.add(c.guardian.name or "")
            other |= {c.guardian.phone or "", c.guardian.address or ""}
        if c.class_teacher:
            names.add(c.class_teacher.name or "")
            other.add(c.class_teacher.phone or "")
        for p in c.parents:
            names.add(p.name or "")
            other |= {p.phone or "", p.work_place or ""}
        other.add(c.address or "")
    for h in records.helpers.values():
        names.add(h.name)
        other |= {h.phone or "", h.address or ""}
    return names - {""}, other - {""}


def test_default_writes_docx_of_current_term(runner: CliRunner, root: Path) -> None:
    from docx import Document

    result = run(runner, root)
    assert result.exit_code == 0, result.output
    out = root / "out" / "2026-autumn-report.docx"
    assert str(out) in result.output
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2026年秋季学期工作总结" in text
    assert "在册儿童 3 人，本学期新增 2 人、离开 1 人" in text
    assert "主要做法" in text and "一是坚持家访" in text
    register = doc.tables[-1]
    header = [c.text for c in register.rows[0].cells]
    assert header == ["序号", "帮扶人姓名", "单位", "职务", "联系电话", "儿童姓名", "就读学校及班级", "备注"]
    assert [[c.text for c in r.cells][:2] + [r.cells[5].text] for r in register.rows[1:]] == [
        ["1", "严万莲", "张小明"], ["2", "严万莲、陈静", "李梅"]]
    by_month = next(t for t in doc.tables if t.rows[0].cells[0].text == "月份")
    assert [r.cells[0].text for r in by_month.rows[1:]] == ["2026年9月", "2026年10月", "2026年11月"]
    assert by_month.rows[2].cells[2].text == "█" * 20


def test_docx_styles_carry_chinese_fonts() -> None:
    from docx import Document
    from docx.oxml.ns import qn

    from liushou_cli.present.templating import templates_dir

    doc = Document(str(templates_dir() / "term_report.docx"))
    for name in ("Normal", "Heading 1", "Title"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体")


def test_markdown_and_format_from_extension(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    result = run(runner, root, "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "在册儿童 **3** 人" in text
    assert "| 建档率（监护人姓名电话、学校、班级齐全） | 2/3 | 66.7% |" in text
    assert "### 主要做法" in text
    assert "| 2 | 严万莲、陈静 | 宋家沟小学、水湖镇中心小学 | 教师、班主任 |  | 李梅 |" in text


def test_json_prints_the_data(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["term"]["id"] == "2026-autumn" and data["as_of"] == "2026-11-23"
    got = (data["children"]["active"], data["children"]["paired"], data["children"]["new"],
           data["children"]["left"], data["contacts"]["total"], data["pairings"]["active"])
    assert got == (3, 2, 2, 1, 4, 2)
    assert not (root / "out").exists()


def test_between_terms_reports_the_term_just_ended(runner: CliRunner, root: Path) -> None:
    data = json.loads(run(runner, root, "--format", "json", today="2027-02-05").output)
    assert data["term"]["id"] == "2026-autumn" and data["as_of"] == "2027-01-20"
    assert data["contacts"]["total"] == 5


def test_term_option_and_errors(runner: CliRunner, root: Path) -> None:
    data = json.loads(run(runner, root, "--format", "json", "--term", "2026-spring").output)
    assert data["term"]["id"] == "2026-spring" and data["as_of"] == "2026-07-10"
    result = run(runner, root, "--term", "2030-autumn")
    assert result.exit_code == 2
    assert "没有编号为 2030-autumn 的学期" in result.output
    result = run(runner, root, today="2025-12-01")
    assert result.exit_code == 2 and "之前没有已开始的学期" in result.output
    result = run(runner, root, "--format", "pdf")
    assert result.exit_code == 2 and "不支持的格式 pdf" in result.output
    result = run(runner, root, "--redact", "--with-contacts")
    assert result.exit_code == 2


def test_plain_report_has_no_contact_details(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    _, other = secrets(root)
    other.discard("13700000003")  # written by the coordinator into the narrative: included as written
    for ext in ("md", "docx"):
        target = tmp_path / f"plain.{ext}"
        assert run(runner, root, "-o", str(target)).exit_code == 0
        text = target.read_text(encoding="utf-8") if ext == "md" else docx_all_text(target)
        assert not [s for s in other if s in text]
        assert "祖母住院" not in text
    target = tmp_path / "full.md"
    assert run(runner, root, "--with-contacts", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "13600000004" in text and "水湖镇三村五组" in text and "祖母住院孩子独自在家" in text


@pytest.mark.parametrize("ext", ["md", "docx", "json"])
def test_redacted_report_carries_no_name_phone_or_address(
    runner: CliRunner, root: Path, tmp_path: Path, ext: str
) -> None:
    target = tmp_path / f"redacted.{ext}"
    result = run(runner, root, "--redact", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = docx_all_text(target) if ext == "docx" else target.read_text(encoding="utf-8")
    names, other = secrets(root)
    leaked = [s for s in names | other if s in text]
    assert leaked == []
    assert "张*明" in text and "严*莲" in text


def test_special_characters_are_escaped_in_docx(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    from docx import Document

    (root / "children" / "C004.yaml").write_text(
        (root / "children" / "C004.yaml").read_text(encoding="utf-8").replace("name: 赵丽", 'name: "赵<丽>&"'),
        encoding="utf-8")
    target = tmp_path / "r.docx"
    assert run(runner, root, "-o", str(target)).exit_code == 0
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "尚未结对：赵<丽>&。" in text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ children.active（ }}", "全角符号“（”"),
        ("{{ children.nosuch }}", "{{ children.nosuch }}"),
        ("{% for x in %}{% endfor %}", "写法有误"),
        ("{{ term.__class__.__mro__ }}", "不允许"),
    ],
)
def test_broken_markdown_template_names_the_tag(
    runner: CliRunner, root: Path, tmp_path: Path, body: str, expected: str
) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(f"# {{{{ program.name }}}}\n\n{body}\n", encoding="utf-8")
    result = run(runner, root, "--template", str(template), "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.md").exists()


def _docx_template(path: Path, *paragraphs: str) -> Path:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_own_docx_template(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    from docx import Document

    template = _docx_template(tmp_path / "mine.docx", "{{ program.name }}：在册 {{ children.active }} 人，"
                              "建档率 {{ rates.archive|pct }}")
    target = tmp_path / "r.docx"
    result = run(runner, root, "--template", str(template), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert Document(str(target)).paragraphs[0].text == "水湖镇中心小学留守儿童一对一帮扶：在册 3 人，建档率 66.7%"


@pytest.mark.parametrize(
    ("body", "expected"),
    [("{{ term.name，}}", "全角符号“，”"), ("{{ term.nme }}", "{{ term.nme }}"), ("{{ term.name ", "写法有误")],
)
def test_broken_docx_template_names_the_tag(
    runner: CliRunner, root: Path, tmp_path: Path, body: str, expected: str
) -> None:
    template = _docx_template(tmp_path / "bad.docx", "标题", body)
    result = run(runner, root, "--template", str(template), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert not (tmp_path / "r.docx").exists()


def test_template_kind_must_fit_format(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("x", encoding="utf-8")
    result = run(runner, root, "--template", str(template), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 2 and "不适用于 docx" in result.output


def test_english_messages(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    result = run(runner, root, "--lang", "en", "--term", "nope")
    assert result.exit_code == 2 and "No term nope" in result.output


def test_programme_own_template_is_used(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    own = root / "templates" / "term_report.md.j2"
    own.parent.mkdir()
    own.write_text("{{ term.name }}：结对率 {{ rates.pairing|pct }}\n", encoding="utf-8")
    target = tmp_path / "r.md"
    assert run(runner, root, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == "2026年秋季学期：结对率 66.7%\n"
    own.write_text("{{ term.__class__ }}\n", encoding="utf-8")
    result = run(runner, root, "-o", str(target))
    assert result.exit_code == 2 and "不允许" in result.output


def test_json_file_and_unreadable_record(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    (root / "children" / "C009.yaml").write_text("id: C009\nname: [broken\n", encoding="utf-8")
    target = tmp_path / "data.json"
    result = run(runner, root, "-o", str(target))
    assert result.exit_code == 2, result.output  # refused: the report would count a child fewer
    assert "children/C009.yaml:" in result.output  # named where it is broken
    assert not target.exists()


@pytest.mark.parametrize(("lang", "sep"), [("zh", "、"), ("en", ", ")])
def test_an_unknown_term_lists_the_known_ones_in_the_language_shown(runner: CliRunner, root: Path, lang: str,
                                                                     sep: str) -> None:
    result = run(runner, root, "--term", "nope", "--lang", lang, "-o", str(root.parent / "r.md"))
    assert result.exit_code == 2, result.output
    known = [t.id for t in load(root).program.terms]  # type: ignore[union-attr]
    assert len(known) > 1 and sep.join(known) in result.output.replace("\n", "")
