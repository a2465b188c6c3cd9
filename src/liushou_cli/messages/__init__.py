"""The message catalogue: every area's ``MESSAGES`` merged into one table.

Each module maps a key to ``(zh, en)``. Keys are unique across modules; a
clash is a programming error caught at import (and by the tests).
"""

from __future__ import annotations

from importlib import import_module

_AREAS = ("core", "labels", "check", "due", "edit", "report", "init", "importer", "perf", "reference", "robustness",
          "usage", "safety")

CATALOG: dict[str, tuple[str, str]] = {}
for _area in _AREAS:
    _module = import_module(f"liushou_cli.messages.{_area}")
    for _key, _pair in _module.MESSAGES.items():
        if _key in CATALOG:
            raise RuntimeError(f"duplicate message key {_key!r} in {_area}")
        CATALOG[_key] = _pair
