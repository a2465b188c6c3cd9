"""What the commands that make files (``due -o``, ``report``, ``table``, ``remind -o``)
share: the target checked by ``records.outputs``, ``-o -`` as standard output, and a
failed write worded in the coordinator's language, never ``内部错误``.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable, Iterator
from pathlib import Path

from liushou_cli.cli.common import CliError
from liushou_cli.i18n import t
from liushou_cli.records.outputs import (
    OutputRefused,
    check_file,
    check_folder,
    default_folder,
    is_stdout,
)

__all__ = ["checked_file", "checked_folder", "default_out", "is_stdout", "worded", "write_failed", "write_output",
           "write_reason"]

# errno → catalogue key: what a coordinator can do something about
_REASONS = {
    errno.ENOSPC: "out.why.full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "out.why.full",
    errno.EFBIG: "out.why.too_big",
    errno.EACCES: "out.why.denied",
    errno.EPERM: "out.why.denied",
    errno.EROFS: "out.why.read_only",
    errno.EISDIR: "out.why.is_folder",
    errno.ENOTDIR: "out.why.not_folder",
    errno.EIO: "out.why.io",
}


def _refused(exc: OutputRefused) -> CliError:
    return CliError(exc.key, exc.hint_key, path=exc.path)


def checked_file(target: Path, root: Path | None) -> Path:
    """``target``, if a generated file may be written there; else a CliError that says why."""
    return _checked(check_file, target, root)


def checked_folder(folder: Path, root: Path | None) -> Path:
    """``folder``, if generated files may be written into it (``remind -o``)."""
    return _checked(check_folder, folder, root)


def _checked(check: Callable[[Path, Path | None], None], path: Path, root: Path | None) -> Path:
    try:
        check(path, root)
    except OutputRefused as exc:
        raise _refused(exc) from None
    return path


def write_output(path: Path, data: bytes, root: Path | None) -> None:
    """``present.files.write_file``: the whole file or nothing, owner-only, where
    ``records.outputs`` allows it; a refusal or a failed write as a CliError (exit 2)."""
    from liushou_cli.present.files import write_file

    with worded(path):
        write_file(path, data, root)


@contextlib.contextmanager
def worded(path: Path | str) -> Iterator[None]:
    """What ``present.files`` raises inside the block (a refused place, a failed write)
    as the CliError that says so (exit 2)."""
    try:
        yield
    except OutputRefused as exc:
        raise _refused(exc) from None
    except OSError as exc:
        raise write_failed(path, exc) from None


def default_out(root: Path) -> Path:
    """The records' ``out/``, checked to be a real folder there (not a link elsewhere)."""
    try:
        return default_folder(root)
    except OutputRefused as exc:
        raise _refused(exc) from None


def write_reason(exc: OSError) -> str:
    """Why a write failed, in the current language: the disk full, the file too large
    (``ulimit -f``, FAT's 4 GB), no permission...; else the system's own words."""
    key = _REASONS.get(exc.errno or 0)
    if key is not None:
        return t(key)
    return exc.strerror or type(exc).__name__


def write_failed(path: Path | str, exc: OSError) -> CliError:
    """The one message for a generated file that could not be written (exit 2)."""
    return CliError("out.err.write", "out.hint.write", path=str(path), reason=write_reason(exc))
