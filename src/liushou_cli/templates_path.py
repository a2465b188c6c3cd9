"""Where the built-in templates are, installed or in a checkout.

The wheel packages the repository's top-level ``templates/`` as
``liushou_cli/templates``; an editable install (and the tests) run from the
checkout, where only ``<repo>/templates`` exists. Commands ask here instead of
guessing paths, and a programme's own ``templates/`` folder comes first.
"""

from __future__ import annotations

from pathlib import Path

import liushou_cli

_PACKAGED = Path(liushou_cli.__file__).resolve().parent / "templates"
_CHECKOUT = Path(liushou_cli.__file__).resolve().parent.parent.parent / "templates"


def builtin_dir() -> Path:
    """The built-in templates folder: the packaged one, else the checkout's."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def builtin(name: str) -> Path | None:
    """A built-in template by file name, or None if it is not shipped."""
    path = builtin_dir() / name
    return path if path.is_file() else None


def find(name: str, records_root: Path | None = None) -> tuple[Path, bool] | None:
    """``(path, is_programme_own)``: the programme's ``templates/<name>`` first, then built-in.

    A programme's own template is untrusted input and must be rendered sandboxed.
    """
    if records_root is not None:
        from liushou_cli.records.paths import escapes

        own = records_root / "templates" / name
        if own.is_file() and not escapes(records_root, own):  # never a link out of the records
            return own, True
    path = builtin(name)
    return (path, False) if path is not None else None
