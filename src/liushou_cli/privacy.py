"""``liushou check --privacy``: where children's personal data would leave the folder.

Judges facts gathered elsewhere (``records.gitfacts``) against the names and
phone numbers in the records; no I/O here, so every rule is tested with plain
values. Findings are warnings: the coordinator decides, the tool points.
A finding never repeats the personal data it found: names print as 张*明 and
phones as 138****0001, because the output itself may be pasted into a chat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from liushou_cli.phrases import Phrase
from liushou_cli.problems import Problem, warning

if TYPE_CHECKING:
    from liushou_cli.records.gitfacts import GitFacts
    from liushou_cli.records.load import Records

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# what liushou writes by default: reports land in out/; a report's default name
REPORT_NAME = re.compile(r"-report\.(docx|md|json)$")
_WINDOWS_PATH = re.compile(r"^([A-Za-z]:[\\/]|\\\\)")
_SCP_LIKE = re.compile(r"^[^/\\:]+:")  # user@host:path — a remote, as git reads it


def is_local(url: str) -> bool:
    """Whether a remote URL is a path on this computer (or a mounted share), not a server."""
    url = url.strip()
    if url.lower().startswith("file://") or _WINDOWS_PATH.match(url):
        return True
    if "://" in url:
        return False
    if url.startswith(("/", "./", "../", "~")) or url in (".", ".."):
        return True
    return not _SCP_LIKE.match(url)


def host_of(url: str) -> str:
    """The server a remote points at, without any user name or token in the URL."""
    rest = url.split("://", 1)[1] if "://" in url else url
    rest = rest.split("/", 1)[0]
    rest = rest.rsplit("@", 1)[-1]
    return rest.split(":", 1)[0] or "?"


def mask(text: str) -> str:
    """张小明 → 张*明, 王芳 → 王*, 13800000001 → 138****0001."""
    if PHONE.fullmatch(text):
        return text[:3] + "****" + text[-4:]
    if len(text) <= 2:
        return text[:1] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def personal_names(records: Records) -> list[str]:
    """Names of the children, their guardians and parents, and the helpers: longest first,
    so 张小明 is found before a 张小 that is someone else's whole name."""
    names: set[str] = set()
    for child in records.children.values():
        names.add(child.name)
        if child.guardian is not None and child.guardian.name:
            names.add(child.guardian.name)
        names.update(p.name for p in child.parents or [] if p.name)
    names.update(h.name for h in records.helpers.values())
    # one character is not a name to search for; it would match everywhere
    return sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=lambda n: (-len(n), n))


class Finder:
    """Names and phone numbers in a text, with their 1-based line and column."""

    def __init__(self, names: Iterable[str]) -> None:
        alternatives = [re.escape(n) for n in names]
        self.names = re.compile("|".join(alternatives)) if alternatives else None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """``(line, col, what, masked)`` for every match, names before phones on a tie."""
        hits = []
        for number, line in enumerate(text.splitlines() or [""], start=1):
            if self.names is not None:
                hits += [(number, m.start() + 1, "name", mask(m.group(0))) for m in self.names.finditer(line)]
            hits += [(number, m.start() + 1, "phone", mask(m.group(0))) for m in PHONE.finditer(line)]
        return sorted(hits)


def _masked_path(path: str, finder: Finder) -> str:
    """The path with every name and phone in it masked, so the report can be shown."""
    out = path
    if finder.names is not None:
        out = finder.names.sub(lambda m: mask(m.group(0)), out)
    return PHONE.sub(lambda m: mask(m.group(0)), out)


def _what(kind: str) -> Phrase:
    return Phrase(f"privacy.what.{kind}")


IN_TREE = Phrase("privacy.in_tree")


def _is_output(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and (parts[0] in ("out", ".liushou-cache") or bool(REPORT_NAME.search(path)))


def scan(records: Records, facts: GitFacts) -> list[Problem]:
    """Every privacy finding, as warnings located where they can be fixed."""
    if not facts.repo:
        return []
    problems: list[Problem] = []
    for remote in facts.remotes:
        if not is_local(remote.url):
            problems.append(warning(remote.config, remote.line, 1, "privacy-remote",
                                    remote=remote.name, host=host_of(remote.url)))
    for folder in facts.not_ignored:
        problems.append(warning(".gitignore", 1, 1, "privacy-not-ignored", folder=folder))
    finder = Finder(personal_names(records))
    problems += _file_names(facts, finder)
    for commit in facts.commits:
        for line, col, kind, masked in finder.find(commit.message):
            problems.append(warning(f"commit {commit.hash[:10]}", line, col, "privacy-commit-message",
                                    what=_what(kind), value=masked))
    return problems


def _file_names(facts: GitFacts, finder: Finder) -> list[Problem]:
    """Each path once: outputs committed, and names or phones in file or folder names, now or
    in history (a renamed file keeps its old name in every clone)."""
    where: dict[str, str | Phrase] = dict.fromkeys(facts.tracked, IN_TREE)
    for commit in reversed(facts.commits):  # oldest first: keep the newest commit per path
        for path in commit.files:
            if path not in where or where[path] != IN_TREE:
                where[path] = commit.hash[:10]
    problems = []
    for path, seen in sorted(where.items()):
        shown = _masked_path(path, finder)
        if _is_output(path):
            problems.append(warning(shown, 1, 1, "privacy-output-tracked", commit=seen))
        for _, col, kind, masked in finder.find(path.replace("\n", " "))[:1]:
            problems.append(warning(shown, 1, col, "privacy-file-name", what=_what(kind), value=masked,
                                    commit=seen))
    return problems
