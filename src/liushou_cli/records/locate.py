"""Find the records root the way git finds ``.git``."""

from __future__ import annotations

import os
from pathlib import Path

PROGRAM_FILE = "liushou.yaml"


class RootNotFound(Exception):
    """No ``liushou.yaml`` at the given path, or anywhere above the start."""

    def __init__(self, key: str, path: Path) -> None:
        super().__init__(key, str(path))
        self.key = key
        self.path = path


def find_root(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """``--records`` or ``LIUSHOU_RECORDS`` if given, else walk up from ``start``."""
    given = explicit if explicit is not None else os.environ.get("LIUSHOU_RECORDS") or None
    if given is not None:
        root = Path(given).expanduser()
        if not root.is_dir():
            raise RootNotFound("err.records_not_dir", root)
        if not (root / PROGRAM_FILE).is_file():
            raise RootNotFound("err.records_no_program", root)
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROGRAM_FILE).is_file():
            return folder
    raise RootNotFound("err.no_root", here)
