"""The files of a new programme, as text: what ``liushou init`` writes.

Pure: no I/O and no terminal, so every text can be tested and the CLI only
decides what to write where. School terms are computed from a day because a
coordinator starts a programme in the middle of a school year and the
per-term duties need that year's terms from the first day.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from datetime import date

from liushou_cli.i18n import t
from liushou_cli.jsonschema import program_schema_comment, schema_files
from liushou_cli.presets import DEFAULT_DROPOUT, DROPOUT_PRESETS, PRESETS, PROGRAM_PRESETS
from liushou_cli.records.locate import PROGRAM_FILE

# the folders `liushou init` makes, each with a .gitkeep (not the record folders alone: see records.loaded)
NEW_PROGRAMME_FOLDERS: tuple[str, ...] = ("children", "helpers", "pairings", "contacts", "reports")
KEEP_FILE = ".gitkeep"
GITIGNORE = ".gitignore"
IGNORED: tuple[str, ...] = (".liushou-cache/", "out/", "*.docx~", "~$*")

# The school year starts on 1 September. The autumn term runs into the winter
# holiday (Spring Festival visits count in it); the spring term starts on
# 1 February and ends mid-July; the summer holiday is in no term.
AUTUMN_START = (9, 1)
AUTUMN_END = (1, 31)  # of the next calendar year
SPRING_START = (2, 1)
SPRING_END = (7, 15)


@dataclass(frozen=True)
class SchoolTerm:
    id: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Settings:
    """What the coordinator tells ``init``; ``None`` leaves a key to fill in later."""

    program: str
    organization: str | None = None
    coordinator: str | None = None


def school_year(day: date) -> int:
    """The calendar year in which ``day``'s school year started (September to August)."""
    return day.year if day.month >= AUTUMN_START[0] else day.year - 1


def school_terms(day: date) -> tuple[SchoolTerm, SchoolTerm]:
    """The autumn and spring terms of the school year holding ``day``."""
    year = school_year(day)
    autumn = SchoolTerm(
        f"{year}-autumn", t("init.term.autumn", year=year), date(year, *AUTUMN_START), date(year + 1, *AUTUMN_END)
    )
    spring = SchoolTerm(
        f"{year + 1}-spring", t("init.term.spring", year=year + 1),
        date(year + 1, *SPRING_START), date(year + 1, *SPRING_END),
    )
    return autumn, spring


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML value: plain when it reads back unchanged, else double-quoted.

    JSON string syntax is valid YAML 1.2, so quoting never changes what is read.
    """
    if "\n" in text or "\r" in text:
        raise ValueError("a single-line value is expected")
    if text and _reads_back(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    from liushou_cli.records.yamlio import parse

    try:
        data, _, problems = parse(f"k: {text}\n", "-")
    except Exception:  # any doubt about the plain form: quote (always correct)
        return False
    return not problems and isinstance(data, dict) and data == {"k": text}


# the commented example of ``risk_duties``: numbers for the programme to set (the seeds give none)
RISK_DUTIES_EXAMPLE = """\
# risk_duties:
#   high:                        # {high}
#     - id: weekly_contact
#       name: 每周联系一次
#       kinds: [call, meeting, talk, home_visit]
#       within_days: 7
#     - id: monthly_visit
#       name: 每月走访一次
#       kinds: [home_visit]
#       per: month
#   medium:                      # {medium}
#     - id: biweekly_contact
#       name: 两周联系一次
#       kinds: [call, meeting, talk, home_visit]
#       within_days: 14"""


# the commented example of ``program_duties``: a preset and a rule of the programme's own
PROGRAM_DUTIES_EXAMPLE = """\
# program_duties:
#   - class-gathering-monthly
#   - id: parents_meeting
#     name: 每学期召开一次家长会
#     activities: [家长会]
#     per: term"""


def program_yaml(settings: Settings, day: date) -> str:
    """A commented ``liushou.yaml``: this school year's terms, the default duties."""
    five = PRESETS["five-ones-term"]
    lines = [program_schema_comment(), t("init.yaml.header"), ""]
    lines += [t("init.yaml.program"), f"program: {yaml_scalar(settings.program)}"]
    lines += [t("init.yaml.organization"), _optional("organization", settings.organization)]
    lines += [t("init.yaml.coordinator"), _optional("coordinator", settings.coordinator), ""]
    lines += [t("init.yaml.terms"), "terms:"]
    for term in school_terms(day):
        lines += [
            f"  - id: {term.id}",
            f"    name: {yaml_scalar(term.name)}",
            f"    start: {term.start.isoformat()}",
            f"    end: {term.end.isoformat()}",
        ]
    lines += ["", t("init.yaml.duties", quote=five.quote, source=five.source)]
    width = max(len(name) for name in PRESETS)
    lines += [f"#   {p.name.ljust(width)}  {p.title}（{p.source}）" for p in PRESETS.values()]
    lines += [t("init.yaml.duties_custom"), f"duties: {five.name}", ""]
    lines += [t("init.yaml.due_soon_days"), "due_soon_days: 14", ""]
    lines += [t("init.yaml.risk", quote=t("init.yaml.risk_quote"), source="004"), "risk_assessment_months: [3, 9]", ""]
    lines += [t("init.yaml.risk_duties", quote=t("init.yaml.risk_duties_quote"), source="004"),
              *RISK_DUTIES_EXAMPLE.format(high=t("init.yaml.risk_high"), medium=t("init.yaml.risk_medium")).splitlines(),
              ""]
    lines += [t("init.yaml.verify_archive", monthly="档案信息更新", dynamic="建立动态排查报告制度，随时更新信息",
                match="电子档案、纸质档案和实际情况完全相符"), "verify_archive: none", ""]
    gathering = PROGRAM_PRESETS["class-gathering-monthly"]
    lines += [t("init.yaml.program_duties", quote=gathering.quote, source=gathering.source)]
    pwidth = max(len(name) for name in PROGRAM_PRESETS)
    lines += [f"#   {p.name.ljust(pwidth)}  {p.title}（{p.source}）" for p in PROGRAM_PRESETS.values()]
    lines += PROGRAM_DUTIES_EXAMPLE.splitlines()
    lines += ["", *_dropout_lines()]
    return "\n".join(lines) + "\n"


def _dropout_lines() -> list[str]:
    """控辍保学: the default numbers written out, each preset quoted, and the other one's name."""
    lines = [t("init.yaml.dropout")]
    for preset in DROPOUT_PRESETS.values():
        lines.append(t("init.yaml.dropout_preset", name=preset.name, source=preset.source,
                       quote=preset.quote, days=preset.settings.persuade_after_days,
                       failed=preset.settings.report_after_failed))
    default = DROPOUT_PRESETS[DEFAULT_DROPOUT].settings
    return [*lines, t("init.yaml.dropout_how"),
            f"dropout: {{persuade_after_days: {default.persuade_after_days}, "
            f"report_after_failed: {default.report_after_failed}}}"]


def _optional(key: str, value: str | None) -> str:
    """An empty key (read as absent) invites filling it in without a made-up value."""
    return f"{key}: {yaml_scalar(value)}" if value else f"{key}:"


def gitignore() -> str:
    return t("init.gitignore") + "\n" + "\n".join(IGNORED) + "\n"


def hook_script(python: str | None) -> str:
    """A POSIX-sh pre-commit hook running ``liushou check`` on the working tree.

    ``python`` is the interpreter liushou was installed with (so the hook works
    without ``liushou`` on PATH); when it is gone the hook falls back to
    ``liushou``, and with neither it blocks rather than let unchecked records in.
    """
    comment = "\n".join(f"# {line}" for line in t("init.hook.comment").splitlines())
    lines = [
        "#!/bin/sh",
        comment,
        "unset LIUSHOU_RECORDS",
        'cd "$(git rev-parse --show-toplevel)" || exit 1',
    ]
    if python:
        py = shlex.quote(python)
        lines += [
            f"if [ -x {py} ] && {py} -c 'import liushou_cli' >/dev/null 2>&1; then",
            f"  {py} -m liushou_cli check -q --records .",
        ]
        lines += ["elif command -v liushou >/dev/null 2>&1; then"]
    else:
        lines += ["if command -v liushou >/dev/null 2>&1; then"]
    lines += [
        "  liushou check -q --records .",
        "else",
        f"  echo {shlex.quote(t('init.hook.missing'))} >&2",
        "  exit 1",
        "fi",
        "status=$?",
        'if [ "$status" -ne 0 ]; then',
        f"  echo {shlex.quote(t('init.hook.blocked'))} >&2",
        '  exit "$status"',
        "fi",
        "exit 0",
    ]
    return "\n".join(lines) + "\n"


def programme_files(settings: Settings, day: date) -> dict[str, str]:
    """Every file of a new programme (path relative to its root → text), schemas included."""
    files = {PROGRAM_FILE: program_yaml(settings, day), GITIGNORE: gitignore()}
    files.update({f"{folder}/{KEEP_FILE}": "" for folder in NEW_PROGRAMME_FOLDERS})
    files.update(schema_files())
    return files
