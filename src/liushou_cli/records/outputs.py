"""Where liushou may write what it makes: reports, tables, lists, reminders.

A path after ``-o`` is typed by a person, and a records folder is often a cloned
repository holding someone else's links. Without this check ``report -o
children/C001.yaml`` replaced a child's record, ``-o`` onto a link replaced the
link (or, through a linked ``out/``, wrote children's data outside the records),
and ``-o`` onto a pipe or ``/dev/stdout`` replaced the device with a file. Every
writer of a generated file asks here first; what is refused is raised as
``OutputRefused`` with a catalogue key, which the CLI words with its hint.

The checks are made with ``lstat`` just before writing, and the write itself is
a temporary file renamed into place (``present.files``, through ``records.atomic``), which never
writes through a link at the target; what a check cannot close is a link swapped
in between the check and the rename by another program of the same user.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from liushou_cli.records.locate import PROGRAM_FILE

STDOUT = "-"  # ``-o -``: standard output, never a file named ``-``
OUT_FOLDER = "out"  # where reports and tables go when no ``-o`` is given

# What the loader and the commands read under a records root (compared without
# case: Windows and macOS folders are case-insensitive): a generated file must
# never land there. ``reports/`` holds the hand-written narratives (``<term>.md``).
READ_FOLDERS = ("children", "helpers", "pairings", "contacts", "activities", "templates", ".git",
                ".liushou-cache", ".liushou")
READ_FILES = (PROGRAM_FILE, ".gitignore", ".gitattributes")
NARRATIVES = ("reports", (".md",))


class OutputRefused(Exception):
    """A place liushou will not write to: catalogue ``key`` (its hint is ``key`` with
    ``err`` replaced by ``hint``) and the path as the person gave it."""

    def __init__(self, key: str, path: Path | str) -> None:
        super().__init__(key)
        self.key = key
        self.path = str(path)

    @property
    def hint_key(self) -> str:
        return self.key.replace(".err.", ".hint.", 1)


def is_stdout(path: Path | str | None) -> bool:
    """Whether ``-o`` asked for standard output."""
    return path is not None and str(path) == STDOUT


def check_file(target: Path, root: Path | None) -> None:
    """Raise ``OutputRefused`` unless ``target`` may be (re)written as a generated file:
    not a link, pipe, device or folder, and not a place the records are read from."""
    info = _lstat(target)
    if info is not None:
        if stat.S_ISLNK(info.st_mode):  # ``/dev/stdout`` too: a link to a device, named as one
            pointed = _stat(target)
            device = pointed is not None and not stat.S_ISREG(pointed.st_mode)
            raise OutputRefused("out.err.not_file" if device else "out.err.link", target)
        if not stat.S_ISREG(info.st_mode):
            raise OutputRefused("out.err.not_file", target)
    if root is not None:
        _check_place(target, root, folder=False)


def check_folder(folder: Path, root: Path | None) -> None:
    """Raise ``OutputRefused`` unless files may be written into ``folder`` (made if
    missing): a real folder or none, not a link, not a place records are read from."""
    info = _lstat(folder)
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise OutputRefused("out.err.folder_link", folder)
        if not stat.S_ISDIR(info.st_mode):
            raise OutputRefused("out.err.folder_not_dir", folder)
    if root is not None:
        _check_place(folder, root, folder=True)


def default_folder(root: Path) -> Path:
    """``out/`` under the records, checked: a link there (from a cloned repository)
    would carry children's data out of the records."""
    folder = root / OUT_FOLDER
    check_folder(folder, root)
    return folder


def _check_place(path: Path, root: Path, *, folder: bool) -> None:
    """Refuse a path that is, or leads through links to, a place the records are read
    from; or that is written under the records but lands outside them through a link."""
    base = _resolved(root)
    typed = Path(os.path.abspath(path))
    lexical = _relative(typed, Path(os.path.abspath(root)))
    parent = _resolved(typed.parent)
    real = _relative(parent / typed.name, base) if parent is not None else None
    if lexical is not None and real is None:  # under the records as typed, elsewhere in fact
        raise OutputRefused("out.err.folder_link", path)
    for parts in (lexical, real):
        if parts is not None and _read_place(parts, folder=folder):
            raise OutputRefused("out.err.records_place", path)


def _read_place(parts: tuple[str, ...], *, folder: bool) -> bool:
    if not parts:  # the records root itself: only a folder could be it
        return folder
    first = parts[0].casefold()
    if first in READ_FOLDERS:
        return True
    if len(parts) == 1 and not folder:
        return first in {name.casefold() for name in READ_FILES}
    if first == NARRATIVES[0]:
        return folder or parts[-1].casefold().endswith(NARRATIVES[1])
    return False


def _relative(path: Path, base: Path | None) -> tuple[str, ...] | None:
    """``path``'s parts under ``base`` (``()`` for ``base`` itself), None if outside."""
    if base is None:
        return None
    try:
        return path.relative_to(base).parts
    except ValueError:
        return None


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return None


def _lstat(path: Path) -> os.stat_result | None:
    """None when there is nothing there (or no permission to look: the write will say so)."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def private_info_ok(info: os.stat_result, *, folder: bool) -> bool:
    """Whether a cache file or folder is ours alone: a regular file (or a folder), owned
    by this user and closed to everyone else. Windows has no such modes or owners in
    ``stat``: there only the kind is checked (its ACLs are the profile's)."""
    kind_ok = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    if not kind_ok:
        return False
    if os.name != "posix":
        return True
    return info.st_mode & 0o077 == 0 and info.st_uid == os.getuid()
