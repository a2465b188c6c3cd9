"""One message catalogue for everything a coordinator reads.

Texts live in ``liushou_cli.messages`` as ``key: (zh, en)`` pairs, one module per
area; code only ever names keys. Chinese is the default; ``--lang en`` or
``LIUSHOU_LANG=en`` switches to English.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from liushou_cli.messages import CATALOG

_lang = "zh"


def normalize(lang: str | None) -> str:
    """Map what people type (zh_CN, en-US, EN) onto a supported language."""
    if not lang:
        return "zh"
    low = lang.strip().lower()
    return "en" if low.startswith("en") else "zh"


def detect(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """Language before the CLI parses anything, so help texts and usage errors are
    translated too: the last ``--lang X`` / ``--lang=X`` (as the option parser keeps the
    last of an option given twice), else ``LIUSHOU_LANG``."""
    env = os.environ if environ is None else environ
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return normalize(found if found is not None else env.get("LIUSHOU_LANG"))


def set_lang(lang: str | None) -> None:
    global _lang
    _lang = normalize(lang)


def get_lang() -> str:
    return _lang


def t(key: str, /, **kwargs: object) -> str:
    """The text for ``key`` in the current language, formatted with ``kwargs``."""
    zh, en = CATALOG[key]
    text = en if _lang == "en" else zh
    return text.format(**kwargs) if kwargs else text


def has(key: str) -> bool:
    return key in CATALOG


def label(group: str, value: object) -> str:
    """Human name of an enum value (``label("kind", "home_visit")`` → 走访/家访)."""
    key = f"{group}.{value}"
    return t(key) if key in CATALOG else str(value)
