"""``liushou init`` and ``liushou schema``: a new programme that checks clean, never an overwrite."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from liushou_cli.cli import init_cmd
from liushou_cli.cli.app import app
from liushou_cli.jsonschema import schema_comment
from liushou_cli.model import CONTACT_KINDS, Activity, Child, Dropout, Helper, Pairing, Program
from liushou_cli.presets import DROPOUT_PRESETS, PRESETS
from liushou_cli.records.yamlio import parse
from liushou_cli.scaffold import (
    NEW_PROGRAMME_FOLDERS,
    Settings,
    program_yaml,
    school_terms,
    school_year,
    yaml_scalar,
)

HAS_GIT = shutil.which("git") is not None
CJK = re.compile(r"[\u4e00-\u9fff]")
SCHEMA_FILES = ("program.json", "child.json", "helper.json", "pairing.json", "activity.json")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def program_of(root: Path) -> Program:
    data, _, problems = parse((root / "liushou.yaml").read_text(encoding="utf-8"), "liushou.yaml")
    assert not problems
    return Program.model_validate(data)


def run_init(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["init", *args])
    return result.exit_code, result.output


# --- what init creates ---------------------------------------------------------------------


def test_init_creates_a_programme(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "水湖镇"
    code, out = run_init(runner, str(target), "--program", "水湖镇留守儿童帮扶", "--organization",
                         "水湖镇中心小学德育处", "--coordinator", "王老师", "--today", "2026-11-23", "--no-git")
    assert code == 0, out
    program = program_of(target)
    assert (program.program, program.organization, program.coordinator) == ("水湖镇留守儿童帮扶", "水湖镇中心小学德育处", "王老师")
    assert [(t.id, t.name, t.start, t.end) for t in program.terms] == [
        ("2026-autumn", "2026年秋季学期", date(2026, 9, 1), date(2027, 1, 31)),
        ("2027-spring", "2027年春季学期", date(2027, 2, 1), date(2027, 7, 15)),
    ]
    assert program.duties == "five-ones-term"
    text = (target / "liushou.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=.liushou/schema/program.json"
    for name in PRESETS:  # every preset named in a comment
        assert re.search(rf"^#\s+{re.escape(name)}\s", text, re.M), name
    assert "走访一次" in text and "每年3月、9月进行风险评估" in text
    # 控辍保学: the default written out, both seeds quoted, the alternative named
    assert program.dropout == Dropout(persuade_after_days=2, report_after_failed=2)
    assert "dropout: {persuade_after_days: 2, report_after_failed: 2}" in text
    for preset in DROPOUT_PRESETS.values():
        assert preset.quote in text and re.search(rf"^#\s+{re.escape(preset.name)}（", text, re.M), preset.name
    for folder in NEW_PROGRAMME_FOLDERS:
        assert (target / folder / ".gitkeep").is_file()
    ignored = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".liushou-cache/", "out/", "*.docx~", "~$*"} <= set(ignored)
    for name in SCHEMA_FILES:
        assert (target / ".liushou" / "schema" / name).is_file()
    assert not (target / ".git").exists()
    assert "下一步" in out and "helpers/" in out


def test_defaults_without_terminal_use_folder_name(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "lianxi-xiaoxue"
    code, out = run_init(runner, str(target), "--no-git")
    assert code == 0, out
    program = program_of(target)
    assert program.program == "lianxi-xiaoxue"
    assert program.organization is None and program.coordinator is None
    text = (target / "liushou.yaml").read_text(encoding="utf-8")
    assert re.search(r"^organization:$", text, re.M) and re.search(r"^coordinator:$", text, re.M)


def test_default_directory_is_cwd(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run_init(runner, "--no-git", "--program", "当前目录项目")
    assert code == 0, out
    assert program_of(tmp_path).program == "当前目录项目"


def test_prompts_when_a_terminal_is_attached(runner: CliRunner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    target = tmp_path / "folder"
    result = runner.invoke(app, ["init", str(target), "--no-git"], input="宋家沟关爱行动\n宋家沟小学\n\n")
    assert result.exit_code == 0, result.output
    assert "项目名称" in result.output
    program = program_of(target)
    assert (program.program, program.organization, program.coordinator) == ("宋家沟关爱行动", "宋家沟小学", None)


def test_prompt_default_is_folder_name(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    target = tmp_path / "myfolder"
    result = runner.invoke(app, ["init", str(target), "--no-git", "--coordinator", "李老师"], input="\n\n")
    assert result.exit_code == 0, result.output
    program = program_of(target)
    assert (program.program, program.coordinator) == ("myfolder", "李老师")


@pytest.mark.parametrize("name", ["项目: 第一期 # 试点", "- 列表", "'引号'", "true", "2026", "@开头", "  空格  "])
def test_awkward_names_are_quoted(runner: CliRunner, tmp_path: Path, name: str) -> None:
    target = tmp_path / "p"
    code, out = run_init(runner, str(target), "--no-git", "--program", name, "--organization", name)
    assert code == 0, out
    program = program_of(target)
    assert program.program == name.strip() and program.organization == name.strip()


def test_english_comments_with_lang_en(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "en"
    code, out = run_init(runner, str(target), "--no-git", "--lang", "en", "--today", "2027-03-01")
    assert code == 0, out
    text = (target / "liushou.yaml").read_text(encoding="utf-8")
    assert "# Terms: one item each" in text and "Next steps" in out
    assert [t.name for t in program_of(target).terms] == ["Autumn term 2026", "Spring term 2027"]
    assert runner.invoke(app, ["check", "--records", str(target)]).exit_code == 0


# --- never overwrite -----------------------------------------------------------------------


def test_refuses_an_existing_programme(runner: CliRunner, make_records, tmp_path: Path) -> None:
    root = make_records()
    before = snapshot(root)
    code, out = run_init(runner, str(root), "--program", "新项目")
    assert code == 2
    assert "liushou.yaml 已存在" in out and "不会覆盖" in out
    assert snapshot(root) == before
    assert not (root / ".git").exists() and not (root / ".liushou").exists()


def test_refuses_in_cwd_too(runner: CliRunner, make_records, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_records()
    monkeypatch.chdir(root)
    before = snapshot(root)
    assert run_init(runner)[0] == 2
    assert snapshot(root) == before


def test_non_empty_folder_only_gets_missing_files(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "old"
    (target / "helpers").mkdir(parents=True)
    (target / ".gitignore").write_text("私有规则\n", encoding="utf-8")
    (target / "说明.txt").write_text("旧文件\n", encoding="utf-8")
    (target / "helpers" / "H001.yaml").write_text("id: H001\nname: 严万莲\n", encoding="utf-8")
    code, out = run_init(runner, str(target), "--no-git")
    assert code == 0, out
    assert (target / ".gitignore").read_text(encoding="utf-8") == "私有规则\n"
    assert (target / "说明.txt").read_text(encoding="utf-8") == "旧文件\n"
    assert (target / "helpers" / "H001.yaml").read_text(encoding="utf-8") == "id: H001\nname: 严万莲\n"
    assert "保留  .gitignore" in out
    assert (target / "liushou.yaml").is_file() and (target / "children" / ".gitkeep").is_file()
    assert runner.invoke(app, ["check", "--records", str(target)]).exit_code == 0


def test_target_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    code, out = run_init(runner, str(target))
    assert code == 2 and "不是文件夹" in out
    assert target.read_text(encoding="utf-8") == "x"


def test_empty_or_multiline_name_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    for bad in ("   ", "第一行\n第二行"):
        target = tmp_path / "x"
        code, out = run_init(runner, str(target), "--no-git", "--program", bad)
        assert code == 2, out
        assert not (target / "liushou.yaml").exists()


def test_interrupted_init_can_run_again(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """liushou.yaml is written last: a failure before it leaves a folder init accepts again."""
    target = tmp_path / "p"
    real = init_cmd.create_new

    def failing(path: Path, data: bytes, mode: int | None = None) -> bool:
        if path.name == "pairing.json":
            raise OSError(28, "No space left on device")
        return real(path, data, mode)

    monkeypatch.setattr(init_cmd, "create_new", failing)
    code, out = run_init(runner, str(target), "--no-git")
    assert code == 2 and "无法写入" in out
    assert not (target / "liushou.yaml").exists()
    monkeypatch.setattr(init_cmd, "create_new", real)
    code, out = run_init(runner, str(target), "--no-git")
    assert code == 0, out
    assert (target / ".liushou" / "schema" / "pairing.json").is_file()


# --- school terms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "autumn", "spring"),
    [
        ("2026-11-23", ("2026-autumn", "2026-09-01", "2027-01-31"), ("2027-spring", "2027-02-01", "2027-07-15")),
        ("2026-09-01", ("2026-autumn", "2026-09-01", "2027-01-31"), ("2027-spring", "2027-02-01", "2027-07-15")),
        ("2026-08-31", ("2025-autumn", "2025-09-01", "2026-01-31"), ("2026-spring", "2026-02-01", "2026-07-15")),
        ("2027-01-31", ("2026-autumn", "2026-09-01", "2027-01-31"), ("2027-spring", "2027-02-01", "2027-07-15")),
        ("2027-02-01", ("2026-autumn", "2026-09-01", "2027-01-31"), ("2027-spring", "2027-02-01", "2027-07-15")),
        ("2028-02-29", ("2027-autumn", "2027-09-01", "2028-01-31"), ("2028-spring", "2028-02-01", "2028-07-15")),
        ("2027-08-01", ("2026-autumn", "2026-09-01", "2027-01-31"), ("2027-spring", "2027-02-01", "2027-07-15")),
    ],
)
def test_terms_of_a_day(day: str, autumn: tuple[str, str, str], spring: tuple[str, str, str]) -> None:
    got = school_terms(date.fromisoformat(day))
    assert [(t.id, t.start.isoformat(), t.end.isoformat()) for t in got] == [autumn, spring]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_terms_never_overlap_and_cover_the_school_year(day: date) -> None:
    autumn, spring = school_terms(day)
    year = school_year(day)
    assert date(year, 9, 1) <= day < date(year + 1, 9, 1)  # the school year holding the day
    assert autumn.start == date(year, 9, 1) and spring.start == date(year + 1, 2, 1)
    assert autumn.start <= autumn.end < spring.start <= spring.end < date(year + 1, 9, 1)
    assert autumn.id != spring.id
    # the written liushou.yaml reads back to exactly these terms
    program = Program.model_validate(parse(program_yaml(Settings("p"), day), "liushou.yaml")[0])
    assert [(t.id, t.start, t.end) for t in program.terms] == [(t.id, t.start, t.end) for t in (autumn, spring)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_yaml_scalar_reads_back(text: str) -> None:
    data, _, problems = parse(f"k: {yaml_scalar(text)}\n", "t.yaml")
    assert not problems and data == {"k": text}


def test_terms_via_cli_in_february(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "feb"
    assert run_init(runner, str(target), "--no-git", "--today", "2027-02-10")[0] == 0
    assert [t.id for t in program_of(target).terms] == ["2026-autumn", "2027-spring"]


# --- the result checks clean ---------------------------------------------------------------


@pytest.mark.parametrize("today", ["2026-11-23", "2027-02-01", "2027-08-20"])
def test_check_passes_on_a_new_programme(runner: CliRunner, tmp_path: Path, today: str) -> None:
    target = tmp_path / "new"
    assert run_init(runner, str(target), "--no-git", "--today", today)[0] == 0
    result = runner.invoke(app, ["check", "--records", str(target), "--json", "--today", today])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"errors": [], "warnings": []}


# --- git and the pre-commit check -----------------------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("LIUSHOU_RECORDS", None)
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env, check=False)


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_git_repository_and_hook(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    code, out = run_init(runner, str(target))
    assert code == 0, out
    assert (target / ".git").is_dir()
    hook = target / ".git" / "hooks" / "pre-commit"
    assert hook.stat().st_mode & stat.S_IXUSR
    assert "check" in hook.read_text(encoding="utf-8")
    assert _git(target, "add", "-A").returncode == 0
    committed = _git(target, "commit", "-q", "-m", "start")
    assert committed.returncode == 0, committed.stderr
    # an error in the records blocks the next commit
    (target / "pairings" / "P001.yaml").write_text("id: P001\nchild: C404\nhelpers: [H001]\nstart: 2026-09-05\n",
                                                   encoding="utf-8")
    assert _git(target, "add", "-A").returncode == 0
    blocked = _git(target, "commit", "-q", "-m", "bad")
    assert blocked.returncode != 0
    assert "已阻止提交" in blocked.stderr and "P001.yaml" in blocked.stdout + blocked.stderr
    assert _git(target, "rev-list", "--count", "HEAD").stdout.strip() == "1"


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_existing_hook_and_repository_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    assert _git(target, "init", "-q").returncode == 0
    hook = target / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    code, out = run_init(runner, str(target))
    assert code == 0, out
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    assert "已有提交前钩子" in out and "已有 git 仓库" in out


def test_without_git_init_still_works(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    target = tmp_path / "nogit"
    code, out = run_init(runner, str(target))
    assert code == 0, out
    assert not (target / ".git").exists()
    assert (target / "liushou.yaml").is_file()


def test_hook_falls_back_to_liushou_and_blocks_without_it() -> None:
    from liushou_cli.scaffold import hook_script

    text = hook_script("/opt/py with space/bin/python")
    assert "'/opt/py with space/bin/python' -m liushou_cli check -q" in text
    assert "liushou check -q" in text and "exit 1" in text
    assert hook_script(None).startswith("#!/bin/sh\n") and "-m liushou_cli" not in hook_script(None)


# --- JSON Schemas ---------------------------------------------------------------------------


def _properties(schema: dict) -> list[tuple[str, dict]]:
    found = list(schema.get("properties", {}).items())
    for sub in schema.get("$defs", {}).values():
        found += list(sub.get("properties", {}).items())
    return found


def test_schemas_are_json_with_chinese_texts(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "s"
    assert run_init(runner, str(target), "--no-git")[0] == 0
    models = {"program.json": Program, "child.json": Child, "helper.json": Helper, "pairing.json": Pairing,
              "activity.json": Activity}
    for name, model in models.items():
        schema = json.loads((target / ".liushou" / "schema" / name).read_text(encoding="utf-8"))
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert CJK.search(schema["title"]) and CJK.search(schema["description"])
        assert set(schema.get("required", [])) == {
            (f.alias or k) for k, f in model.model_fields.items() if f.is_required()
        }
        for key, prop in _properties(schema):
            assert CJK.search(prop.get("title", "")), (name, key)
            assert CJK.search(prop.get("description", "")), (name, key)
        for sub in schema.get("$defs", {}).values():
            assert CJK.search(sub["title"])
    child = json.loads((target / ".liushou" / "schema" / "child.json").read_text(encoding="utf-8"))
    assert "class" in child["properties"] and "class_" not in child["properties"]
    program = json.loads((target / ".liushou" / "schema" / "program.json").read_text(encoding="utf-8"))
    rule = program["$defs"]["Rule"]
    assert rule["properties"]["kinds"]["items"]["enum"] == list(CONTACT_KINDS)
    presets = [b for b in program["properties"]["duties"]["anyOf"] if b.get("type") == "string"][0]
    assert presets["enum"] == list(PRESETS)


def test_schema_comment_points_at_the_written_schema(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "c"
    assert run_init(runner, str(target), "--no-git")[0] == 0
    for folder, name in (("children", "child"), ("helpers", "helper"), ("pairings", "pairing")):
        line = schema_comment(folder)
        assert line == f"# yaml-language-server: $schema=../.liushou/schema/{name}.json"
        assert (target / folder / line.split("$schema=", 1)[1]).resolve().is_file()
    with pytest.raises(ValueError):
        schema_comment("contacts")


def test_schema_command_rewrites_the_schemas(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "r"
    assert run_init(runner, str(target), "--no-git")[0] == 0
    folder = target / ".liushou" / "schema"
    good = snapshot(folder)
    (folder / "child.json").write_text("{}", encoding="utf-8")
    (folder / "helper.json").unlink()
    result = runner.invoke(app, ["schema", "--records", str(target)])
    assert result.exit_code == 0, result.output
    assert snapshot(folder) == good
    assert "已写入  .liushou/schema/child.json" in result.output
    assert "已写入  .liushou/schema/helper.json" in result.output
    assert "无变化  .liushou/schema/program.json" in result.output


def test_schema_command_on_an_older_programme(runner: CliRunner, make_records) -> None:
    root = make_records()
    result = runner.invoke(app, ["schema", "--records", str(root)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (root / ".liushou" / "schema").iterdir()} == set(SCHEMA_FILES)
    assert runner.invoke(app, ["check", "--records", str(root)]).exit_code == 0


def test_schema_command_needs_records(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--records", str(tmp_path)])
    assert result.exit_code == 2
    assert "liushou.yaml" in result.output


def _enums(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [str(v) for v in node.get("enum", [])]
        for value in node.values():
            found += _enums(value)
        return found
    if isinstance(node, list):
        return [e for item in node for e in _enums(item)]
    return []


def _descriptions(node: object) -> str:
    if isinstance(node, dict):
        own = str(node.get("description", ""))
        return own + " ".join(_descriptions(v) for k, v in node.items() if k != "description")
    if isinstance(node, list):
        return " ".join(_descriptions(v) for v in node)
    return ""


def test_every_choice_is_explained() -> None:
    """An editor shows the description: each allowed value must be named there with its meaning."""
    from liushou_cli.jsonschema import schema_files

    for rel, text in schema_files().items():
        for key, prop in _properties(json.loads(text)):
            described = _descriptions(prop)
            for value in _enums(prop):
                assert re.search(rf"{re.escape(value)}[ ：:]+\S", described), (rel, key, value)


# --- risk-tiered duties and archive verification: an example to set, not numbers to assume --


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_risk_duties_example_is_commented_out_and_valid_once_uncommented(runner: CliRunner, tmp_path: Path,
                                                                           lang: str) -> None:
    target = tmp_path / "new"
    assert run_init(runner, str(target), "--no-git", "--lang", lang)[0] == 0
    text = (target / "liushou.yaml").read_text(encoding="utf-8")
    program = program_of(target)
    assert program.risk_duties is None and program.verify_archive == "none"  # nothing applies until set
    assert "分类施策" in text and "004" in text  # the seed quoted
    if lang == "zh":
        assert "没有规定每一级要做几次" in text and "由本项目自己定" in text
    # removing the leading "# " of the example's block makes it the programme's own
    lines = text.splitlines()
    first = lines.index("# risk_duties:")
    block = [line.removeprefix("# ") for line in lines[first:] if line.startswith("# ")][: 15]
    uncommented = "\n".join([*lines[:first], *block, *lines[first + 15:]]) + "\n"
    (target / "liushou.yaml").write_text(uncommented.replace("verify_archive: none", "verify_archive: month"),
                                         encoding="utf-8")
    program = program_of(target)
    assert program.risk_duties is not None and program.verify_archive == "month"
    assert [r.id for r in program.risk_duties.high] == ["weekly_contact", "monthly_visit"]
    assert [r.within_days for r in program.risk_duties.medium] == [14]
    result = runner.invoke(app, ["check", "--records", str(target), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["errors"] == []
