"""What git knows about the records' repository, for ``liushou check --privacy``.

Only facts are gathered here (remotes, ignore rules, file names, recent commit
messages); judging them is ``liushou_cli.privacy``'s job, which does no I/O.
No git, or no repository, is not an error: there is simply nothing to report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

COMMIT_LIMIT = 5000  # enough for years of a programme, bounded for a slow disk
WATCHED_FOLDERS = ("out/", ".liushou-cache/")  # generated outputs and the cache: never committed


@dataclass(frozen=True)
class Remote:
    name: str
    url: str
    config: str  # the config file, relative to the records root
    line: int  # the line of its ``url =`` there (1 when unknown)


@dataclass(frozen=True)
class Commit:
    hash: str
    message: str
    files: tuple[str, ...]  # paths it touched, relative to the records root


@dataclass
class GitFacts:
    repo: bool = False
    remotes: list[Remote] = field(default_factory=list)
    not_ignored: list[str] = field(default_factory=list)  # WATCHED_FOLDERS git would add
    tracked: list[str] = field(default_factory=list)  # relative to the records root
    commits: list[Commit] = field(default_factory=list)  # newest first


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
                              env=env, check=False, text=True, encoding="utf-8", errors="replace")
    except OSError:
        return None


def gather(root: Path, limit: int = COMMIT_LIMIT) -> GitFacts:
    """Everything the privacy scan needs, from the repository holding ``root``."""
    if shutil.which("git") is None:
        return GitFacts()
    top = _git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir")
    if top is None or top.returncode != 0 or len(top.stdout.splitlines()) < 2:
        return GitFacts()
    top_dir, git_dir = (Path(line) for line in top.stdout.splitlines()[:2])
    facts = GitFacts(repo=True)
    facts.remotes = _remotes(root, git_dir / "config")
    for folder in WATCHED_FOLDERS:
        probe = _git(root, "check-ignore", "-q", "--no-index", "--", f"{folder}liushou-probe")
        if probe is not None and probe.returncode == 1:
            facts.not_ignored.append(folder)
    listed = _git(root, "ls-files", "-z", "--full-name")
    if listed is not None and listed.returncode == 0:
        facts.tracked = [_from_top(top_dir, root, p) for p in listed.stdout.split("\0") if p]
    facts.commits = _commits(root, top_dir, limit)
    return facts


def _rel(root: Path, path: Path) -> str:
    return Path(os.path.relpath(path, root.resolve())).as_posix()


def _from_top(top: Path, root: Path, path: str) -> str:
    return _rel(root, top / _unquote(path))


def _unquote(path: str) -> str:
    """git quotes names with unusual characters even with quotepath off."""
    if len(path) >= 2 and path.startswith('"') and path.endswith('"'):
        return path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return path


def _remotes(root: Path, config: Path) -> list[Remote]:
    found = _git(root, "config", "--get-regexp", r"^remote\..*\.url$")
    if found is None or found.returncode != 0:
        return []
    try:
        lines = config.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    remotes = []
    for entry in found.stdout.splitlines():
        key, _, url = entry.partition(" ")
        name = key[len("remote."):-len(".url")]
        remotes.append(Remote(name, url.strip(), _rel(root, config), _url_line(lines, name)))
    return remotes


def _url_line(lines: list[str], name: str) -> int:
    section = False
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("["):
            section = text.replace(" ", "").replace("'", '"') == f'[remote"{name}"]'
        elif section and text.split("=")[0].strip().lower() == "url":
            return number
    return 1


def _commits(root: Path, top: Path, limit: int) -> list[Commit]:
    result = _git(root, "log", f"-n{limit}", "--no-renames", "--name-only", "--format=%x1e%H%x1f%B%x1f")
    if result is None or result.returncode != 0:  # an empty repository has no log
        return []
    commits = []
    for chunk in result.stdout.split("\x1e")[1:]:
        sha, _, rest = chunk.partition("\x1f")
        message, _, names = rest.partition("\x1f")
        files = tuple(_from_top(top, root, n) for n in names.splitlines() if n.strip())
        commits.append(Commit(sha.strip(), message.strip("\n"), files))
    return commits
