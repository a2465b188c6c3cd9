"""Safe writing: plan every file change, check the records as they would be, then
write all of it atomically, or nothing.

Why this shape: coordinators keep their records in git and read the diffs, so an
edit must change only the lines it means (comments, key order and quoting kept),
a refused change must leave every byte as it was, and a crash half-way must not
leave half a change behind.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap

from liushou_cli.errors import KeyedError
from liushou_cli.problems import Problem
from liushou_cli.records.atomic import atomic_stream, atomic_write, private_dirs
from liushou_cli.records.interrupts import deferred
from liushou_cli.records.loaded import FOLDER_MODELS
from liushou_cli.records.lock import check_held, held, records_lock
from liushou_cli.records.paths import escapes, is_id
from liushou_cli.records.render import render_record, shape
from liushou_cli.records.yamledit import dump_yaml, minimal_yaml_text, rt_yaml

if TYPE_CHECKING:
    from liushou_cli.records.load import Records

# what validation needs to see; everything else (.git, exports) is left out of the copy

# re-exported: the one place importers and commands take writing from
__all__ = ["ChangeSet", "WriteError", "atomic_stream", "atomic_write", "dump_yaml", "next_id", "private_dirs",
           "records_lock", "render_record", "rt_yaml", "shape"]


class WriteError(KeyedError):
    """A change that cannot be planned or carried out; ``key`` names the message."""


def next_id(existing: Iterable[str], prefix: str) -> str:
    """The next free id after the highest ``<prefix><digits>``, keeping the digits' width
    (C009 → C010, C0099 → C0100); ``<prefix>001`` when there is none."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    taken = set(existing)
    numbers = [(int(m.group(1)), len(m.group(1))) for m in map(pattern.match, taken) if m]
    width = max((w for _, w in numbers), default=3)
    n = max((n for n, _ in numbers), default=0) + 1
    while f"{prefix}{n:0{width}d}" in taken:
        n += 1
    return f"{prefix}{n:0{width}d}"


class ChangeSet:
    """Planned file changes under a records root: validated first, then written
    atomically all together, or not at all."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._old: dict[str, bytes | None] = {}  # as read from disk when first touched
        self._text: dict[str, str] = {}  # planned whole-file text
        self._docs: dict[str, CommentedMap] = {}  # YAML documents being edited in place
        self._base: dict[str, str] = {}  # each edited document's text before the edit
        self._removed: set[str] = set()  # files to delete (a pairing entered by mistake)
        self._applied: list[str] = []  # what apply() wrote, for commit()
        self._lock = held(self.root)  # the write lock this plan is made under (checked by apply)
        self._rendered: dict[str, tuple[str, str, str]] = {}  # an edited document: its base, dump and text
        # after introduced(): the records as the change leaves them, each changed file's
        # reading, and the files it creates -- when it could be checked without loading
        self.checked: tuple[Records, dict[str, Any], set[str]] | None = None

    # planning -----------------------------------------------------------------
    def _touch(self, rel: str) -> None:
        rel = _check_rel(rel)
        if escapes(self.root, self.root / rel):  # a symlinked folder or file leading out
            raise WriteError("edit.err.bad_path", path=rel)
        if rel not in self._old:
            path = self.root / rel
            self._old[rel] = path.read_bytes() if path.is_file() else None

    def current_text(self, rel: str) -> str | None:
        """The file's text as planned so far (or as on disk); None if there is none."""
        rel = _check_rel(rel)
        self._touch(rel)
        return self._current(rel)

    def _current(self, rel: str) -> str | None:
        if rel in self._removed:
            return None
        if rel in self._docs:
            return self._render_yaml(rel)
        if rel in self._text:
            return self._text[rel]
        old = self._old.get(rel)
        return None if old is None else _decode(old)

    def exists(self, rel: str) -> bool:
        """Whether ``rel`` exists on disk or is planned to."""
        rel = _check_rel(rel)
        if rel in self._removed:
            return False
        return rel in self._text or rel in self._docs or (self.root / rel).is_file()

    def put_text(self, rel: str, text: str) -> None:
        """Create or replace a whole file."""
        self._touch(rel)
        self._removed.discard(rel)
        self._docs.pop(rel, None)
        self._text[rel] = text

    def append_text(self, rel: str, text: str) -> None:
        """Append to a file (a row to the contact log), after a newline if it lacks one."""
        self._touch(rel)
        current = self._current(rel) or ""
        if current and not current.endswith("\n"):
            current += "\r\n" if "\r\n" in current else "\n"
        self._docs.pop(rel, None)
        self._text[rel] = current + text

    def remove(self, rel: str) -> None:
        """Delete an existing file (a record entered by mistake); validated and written
        (or put back) together with the rest of the change."""
        self._touch(rel)
        rel = _check_rel(rel)
        if self._old.get(rel) is None:
            raise WriteError("edit.err.no_file", path=rel)
        self._docs.pop(rel, None)
        self._text.pop(rel, None)
        self._removed.add(rel)

    def removed(self) -> list[str]:
        """Files the change deletes, sorted."""
        return sorted(self._removed)

    def edit_yaml(self, rel: str) -> CommentedMap:
        """The round-trip document of an existing YAML file, to mutate in place."""
        self._touch(rel)
        if rel in self._docs:
            return self._docs[rel]
        text = self._current(rel)
        if text is None:
            raise WriteError("edit.err.no_file", path=rel)
        try:
            doc = rt_yaml().load(text)
        except Exception as exc:  # ruamel raises many kinds; all mean "cannot edit safely"
            raise WriteError("edit.err.unparsable", path=rel, reason=type(exc).__name__) from None
        if not isinstance(doc, CommentedMap):
            raise WriteError("edit.err.unparsable", path=rel, reason="not a mapping")
        self._text.pop(rel, None)
        self._docs[rel] = doc
        self._base[rel] = text
        return doc

    def new_record(self, folder: str, data: dict[str, Any]) -> str:
        """Render a NEW record file in the model's key order; returns its path."""
        if folder not in FOLDER_MODELS:
            raise WriteError("edit.err.bad_folder", folder=folder)
        record_id = str(data.get("id") or "")
        if not is_id(record_id):  # the id becomes a file name: no ``/``, ``..`` or newline
            raise WriteError("edit.err.bad_path", path=f"{folder}/{record_id}.yaml")
        rel = f"{folder}/{record_id}.yaml"
        if self.exists(rel) or self.exists(f"{folder}/{record_id}.yml"):
            raise WriteError("edit.err.exists", path=rel)
        self.put_text(rel, render_record(folder, data))
        return rel

    # reading the plan ----------------------------------------------------------
    def _render_yaml(self, rel: str) -> str:
        """The edited document's text; made again only when the document dumps otherwise
        (checking, listing and writing a change each ask for it: three ruamel passes each)."""
        doc, base = self._docs[rel], self._base[rel]
        dumped = dump_yaml(doc)
        known = self._rendered.get(rel)
        if known is not None and known[:2] == (base, dumped):
            return known[2]
        text = minimal_yaml_text(base, doc)
        self._rendered[rel] = (base, dumped, text)
        return text

    def texts(self) -> dict[str, str]:
        """Every planned file's new text, by path."""
        out = {rel: self._render_yaml(rel) for rel in self._docs}
        out.update(self._text)
        return dict(sorted(out.items()))

    def _new_bytes(self) -> dict[str, bytes]:
        out = {}
        for rel, text in self.texts().items():
            old = self._old.get(rel)
            data = _encode(text, old)
            if data != old:
                out[rel] = data
        return out

    def paths(self) -> list[str]:
        """Files the change actually alters (or deletes), sorted."""
        return sorted({*self._new_bytes(), *self._removed})

    def converted(self) -> list[str]:
        """Files the change turns from GBK/GB18030 into UTF-8 (see ``_encode``), sorted."""
        return sorted(rel for rel, data in self._new_bytes().items()
                      if encoding_of(self._old.get(rel)) != "utf-8" and encoding_of(data) == "utf-8")

    def diff(self) -> str:
        """A unified diff of every file, as ``git diff`` would show it."""
        chunks: list[str] = []
        for rel, data in self._new_bytes().items():
            old = self._old.get(rel)
            before = [] if old is None else readable(old).splitlines(keepends=True)
            after = readable(data).splitlines(keepends=True)
            lines = difflib.unified_diff(
                before, after, "/dev/null" if old is None else f"a/{rel}", f"b/{rel}"
            )
            chunks.extend(line if line.endswith("\n") else line + "\n" for line in lines)
        for rel in sorted(self._removed):
            before = readable(self._old.get(rel) or b"").splitlines(keepends=True)
            lines = difflib.unified_diff(before, [], f"a/{rel}", "/dev/null")
            chunks.extend(line if line.endswith("\n") else line + "\n" for line in lines)
        return "".join(chunks)

    # checking ------------------------------------------------------------------
    def introduced(self, today: date | None = None, before: Records | None = None) -> list[Problem]:
        """Problems (errors and warnings) the records would have after the change that
        they do not have now. The real files are not touched.
        ``before`` is the records as already loaded from this root: given, a change to
        record files and contact logs is checked from it alone (``_introduced_fast``);
        anything else loads the records again with the change in memory."""
        day = today or date.today()
        changed: dict[str, bytes | None] = dict(self._new_bytes())
        for rel in changed:
            _placeable(self.root, rel)
        changed.update(dict.fromkeys(self._removed))
        self.checked = None
        if before is not None and not self._removed:  # a file removed: loaded again
            fast = self._introduced_fast(before, self._new_bytes(), day)
            if fast is not None:
                return fast
        return introduced_by_loading(self.root, changed, day, before)

    def _introduced_fast(self, before: Records, changed: dict[str, bytes], day: date) -> list[Problem] | None:
        """``introduced_by_loading`` without loading anything: the changed files read from
        memory and put in place of what they gave (``records.patch``), and only the
        problems they can alter compared (``checks.scoped_problems``). None when the
        change is not one that can be followed so. Keeps ``checked``: the records after
        the change and each changed file's reading, to refresh the snapshot with."""
        from liushou_cli.records.checks import scope_of, scoped_problems
        from liushou_cli.records.load import reading
        from liushou_cli.records.patch import patched

        values = {rel: reading(rel, data) for rel, data in changed.items()}
        if not values or any(value is None for value in values.values()):
            return None
        created = {rel for rel in changed if self._old.get(rel) is None}
        after = patched(before, values, created)
        if after is None:
            return None
        scope = scope_of((before, after), changed)
        self.checked = (after, values, created)
        return _new_problems(scoped_problems(before, day, scope, changed), scoped_problems(after, day, scope, changed))

    # writing -------------------------------------------------------------------
    def apply(self) -> None:
        """Write every changed file atomically; if any write fails, put back the ones
        already written and remove the files and folders created.

        Only under the write lock the change was planned under (``LockNotHeld``
        otherwise): a plan made from records read without it could undo another
        writer's change or reuse its id. Ctrl-C is held off while files are written
        and answered between two files, with everything put back."""
        check_held(self.root, self._lock)
        with deferred() as interrupted:
            self._apply(interrupted)

    def _apply(self, interrupted: Callable[[], None]) -> None:
        changed = self._new_bytes()
        for rel in [*changed, *sorted(self._removed)]:
            path = self.root / rel
            now = path.read_bytes() if path.is_file() else None
            if now != self._old.get(rel):
                raise WriteError("edit.err.changed_meanwhile", path=rel)
        tried: list[str] = []
        made_dirs: list[Path] = []
        try:
            for rel, data in changed.items():
                path = self.root / rel
                for parent in reversed(path.relative_to(self.root).parents):
                    folder = self.root / parent
                    if not folder.exists():
                        folder.mkdir()
                        made_dirs.append(folder)
                tried.append(rel)  # before writing: a failure after the rename must be undone too
                atomic_write(path, data)
                interrupted()  # Ctrl-C pressed meanwhile: raised here, between two whole files
            for rel in sorted(self._removed):
                tried.append(rel)
                (self.root / rel).unlink()
                interrupted()
        except BaseException:
            self._roll_back(tried, made_dirs)
            raise
        self._old.update(changed)
        self._old.update(dict.fromkeys(self._removed))
        self._applied = sorted({*changed, *self._removed})  # each folder written was swept by its first atomic_write

    def _roll_back(self, tried: list[str], made_dirs: list[Path]) -> None:
        """Put back every file the failed apply may have touched; one that cannot be put
        back does not stop the others (the original error is what gets reported)."""
        for rel in reversed(tried):
            path, old = self.root / rel, self._old.get(rel)
            with contextlib.suppress(OSError):
                if rel in self._removed and old is not None:
                    if not path.is_file():
                        atomic_write(path, old)
                elif old is None:
                    path.unlink(missing_ok=True)
                elif not path.is_file() or path.read_bytes() != old:
                    atomic_write(path, old)
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def ensure_git(self) -> None:
        """Fail early, before writing, when ``--commit`` cannot work here."""
        if shutil.which("git") is None:
            raise WriteError("edit.err.no_git")
        result = _git(self.root, "rev-parse", "--is-inside-work-tree")
        if result.returncode != 0 or result.stdout.strip() != "true":
            raise WriteError("edit.err.not_repo", path=str(self.root))

    def commit(self, message: str, paths: list[str] | None = None) -> None:
        """``git add`` exactly these paths and commit only them (other staged work is
        left staged and out of this commit)."""
        self.ensure_git()
        targets = paths if paths is not None else (self._applied or self.paths())
        if not targets:
            return
        gone = [p for p in targets if not (self.root / p).exists()]
        if gone:  # a deleted file: staged as removed if git knew it, else left out
            known = set(_git(self.root, "ls-files", "-z", "--", *gone).stdout.split("\0"))
            targets = [p for p in targets if p not in gone or p in known]
            if not targets:
                return
        for args in (("add", "-A", "--", *targets), ("commit", "-q", "-m", message, "--only", "--", *targets)):
            result = _git(self.root, *args)
            if result.returncode != 0:
                reason = (result.stderr or result.stdout).strip().splitlines()
                raise WriteError("edit.err.git_failed", reason=reason[-1] if reason else args[0])


def introduced_by_loading(root: Path, changed: Mapping[str, bytes | None], day: date,
                          before: Records | None = None) -> list[Problem]:
    """What the change introduces, found the whole way: every problem of the records
    before, and of the records loaded again with ``changed`` in memory (the rest from
    disk and the cache: nothing copied, nothing written -- a scratch copy of hard links
    would touch every file's ctime, and with it every entry of the records cache). The
    reference ``_introduced_fast`` is tested against, and its fallback."""
    from liushou_cli.records.checks import all_problems
    from liushou_cli.records.load import load

    problems_before = all_problems(before if before is not None else load(root), day)
    return _new_problems(problems_before, all_problems(load(root, overlay=changed), day))


def _new_problems(before: list[Problem], after: list[Problem]) -> list[Problem]:
    """The problems of ``after`` that ``before`` does not have, by ``_identity``, counted."""
    seen = Counter(_identity(p) for p in before)
    new: list[Problem] = []
    for problem in after:
        key = _identity(problem)
        if seen[key] > 0:
            seen[key] -= 1
        else:
            new.append(problem)
    return new


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C"}
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env, check=False)


def _check_rel(rel: str) -> str:
    """Paths are relative, inside the root, with forward slashes."""
    norm = Path(rel).as_posix()
    if Path(norm).is_absolute() or ".." in Path(norm).parts or not norm or norm == ".":
        raise WriteError("edit.err.bad_path", path=rel)
    return norm


_BOM = b"\xef\xbb\xbf"


def encoding_of(raw: bytes | None) -> str:
    """What a file's bytes are written in: ``utf-8`` (with or without BOM), else ``gbk``
    or ``gb18030`` when they read as such (a contact log saved by Excel/WPS), else
    ``utf-8`` again: bytes no reader understands are kept as they are."""
    if raw is None or raw.startswith(_BOM):
        return "utf-8"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("gbk", "gb18030"):
        try:
            raw.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "utf-8"


def _decode(raw: bytes) -> str:
    encoding = encoding_of(raw)
    if encoding != "utf-8":
        return raw.decode(encoding)
    text = raw.decode("utf-8", errors="surrogateescape")
    return text[1:] if text.startswith("\ufeff") else text


def readable(raw: bytes) -> str:
    """A file's text for people (a diff, a row shown before it is removed): UTF-8, or
    GBK as Excel saves a CSV on Chinese Windows; never a lone surrogate to print."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return text.removeprefix("\ufeff")


def _encode(text: str, old: bytes | None) -> bytes:
    """In the file's own encoding, so a file never holds two: UTF-8 (a file that had a
    BOM keeps it), or the GBK/GB18030 Excel saved it in. Text that GBK cannot hold
    (a rare character, an emoji) turns the whole file into UTF-8 with a BOM, which
    Excel opens as readily (``ChangeSet.converted`` names such files)."""
    encoding = encoding_of(old)
    if encoding != "utf-8":
        try:
            return text.encode(encoding)
        except UnicodeEncodeError:
            return _BOM + text.removeprefix("\ufeff").encode("utf-8")
    data = text.encode("utf-8", errors="surrogateescape")
    if (old or b"").startswith(_BOM) or text.startswith("\ufeff"):
        return _BOM + data.removeprefix(_BOM)
    return data


def _identity(problem: Problem) -> tuple[str, str, str, str]:
    """What a problem is, without its line: an edit above it moves it, not changes it."""
    args = repr(sorted((k, str(v)) for k, v in problem.args.items()))
    return (problem.path, problem.severity.value, problem.code, args)


def _placeable(root: Path, rel: str) -> None:
    """Raise what writing ``rel`` would: ``NotADirectoryError`` when a file stands where one
    of its folders goes (the change could not be written, so it is not checked either)."""
    folder = root
    for part in Path(rel).parts[:-1]:
        folder = folder / part
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
