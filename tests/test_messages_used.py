"""Every message in ``messages/`` is said somewhere: a key no code names is dead text
that a translator keeps up for nothing (and a sign that a message was renamed).

A key is used when ``src/`` or ``templates/`` names it whole, or when it is one a
composed key stands for: a prefix named in ``COMPOSED`` plus a code that the code
base writes as a string (``problem.`` + a problem's code, ``kind.`` + a contact kind).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from pydantic_core.core_schema import ErrorType

from liushou_cli.messages import CATALOG

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "src" / "liushou_cli" / "messages"

# prefix -> where the key is composed from it and a code
COMPOSED = {
    "problem.": "Problem.message (problems.py)",
    "hint.": "Problem.hint (problems.py)",
    "reason.": "records/validate.py: pydantic's error type (PYDANTIC_TYPES) or our own code",
    "help.": "help_format.py: a command's help by its name",
    "progress.": "progress_bar.py: a step's name",
    "usage.reason.": "usage_errors.py: click's reason, by code",
    "due.col.": "present/due.py: a column's name",
    "due.quiet.col.": "present/quiet.py: a column of due --quiet-days",
    "report.period.word.": "reports/data.py: what the period is (本学期, 本季度...), by its kind",
    "report.period.name.": "reports/data.py: the period's name, by its kind",
    "explain.reason.": "present/explain.py: a period's verdict",
    "explain.why.": "present/explain.py: why a contact did not count",
    "explain.absence.state.": "present/explain.py: how an absence stands",
    "explain.persuasion.why.": "present/explain.py: why a persuasion did not count",
    "due.alert.instruction.": "present/due_text.py: what an alert asks for, by its type",
    "due.alert.command.": "present/due_text.py: the command that records it reported",
    "importer.col.": "import_cmd.py: a roster column",
    "importer.contacts.col.": "import_contacts.py: a contact sheet column",
    "importer.kind.": "roster/: a kind written in a sheet",
    "init.word.": "init_cmd.py: a word of the scaffold",
    "privacy.what.": "privacy.py: what was found",
    "names.err.no_": "cli/resolve.py: no such child / helper / pairing",
    "names.err.shared_": "cli/resolve.py: several children / helpers of that name",
    # i18n.label(group, code), present.templating.zh_label and the templates' |label filter
    **{f"{group}.": "a code's name (label)" for group in (
        "absence_alert", "activity", "category", "concern", "gender", "kind", "left_reason", "level", "parents_away", "per",
        "persuasion", "role", "severity", "status", "report.duty", "report.field", "report.risk")},
}


# a hint named after its error: ``records/outputs.py`` OutputRefused.hint_key (out.err.X -> out.hint.X)
TWINS = {"out.hint.": "out.err."}
PYDANTIC_TYPES = frozenset(get_args(ErrorType))  # the codes ``reason.`` is composed with


def _corpus() -> str:
    files = [*(ROOT / "src").rglob("*.py"), *(ROOT / "templates").rglob("*.j2"), *(ROOT / "templates").rglob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if MESSAGES not in p.parents)


CORPUS = _corpus()
QUOTED = set(re.findall(r"""["']([^"'\s{}]+)["']""", CORPUS))


def _used(key: str) -> bool:
    if key in CORPUS:
        return True
    for prefix, twin in TWINS.items():
        if key.startswith(prefix) and twin + key[len(prefix):] in CORPUS:
            return True
    codes = QUOTED | PYDANTIC_TYPES if key.startswith("reason.") else QUOTED
    return any(key.startswith(prefix) and key[len(prefix):] in codes for prefix in COMPOSED)


def test_every_message_is_used() -> None:
    assert [key for key in CATALOG if not _used(key)] == []


def test_every_composed_prefix_is_composed_somewhere() -> None:
    """The list above stays true: each prefix has keys, and the code names it."""
    for prefix in [*COMPOSED, *TWINS, *TWINS.values()]:
        assert any(key.startswith(prefix) for key in CATALOG), prefix
        assert prefix.rstrip("._") in CORPUS, prefix
