"""The one JSON encoder: JSON as commands print it, one list entry per line.

``json.dumps(indent=2)`` sends every value through the pure-Python encoder
(1.3 s for a county's ``due --json``); compact JSON is fast but one endless
line. Entries of the top-level lists on lines of their own, each encoded by
the C encoder, read and diff as well as indented JSON at compact speed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from json import encoder
from typing import Any

_ENTRY = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
# a string as JSON, exactly as the entry encoder writes it (no ASCII escaping)
quote: Callable[[str], str] = encoder.encode_basestring


class Encoded(list[str]):
    """List entries their maker already wrote as JSON, exactly as ``dumps`` would: written as they
    are, as a value of the payload's top-level object (anywhere else they are plain strings).

    For the few payloads too big for dicts: a county's ``due --json`` has 35,000 items,
    and one template is twice as fast as a dict each through the C encoder. Plain strings
    in a list: nothing for the garbage collector to track, as dicts would be."""


def _entry_encoder() -> Callable[[Any], str]:
    """``_ENTRY.encode`` without making a new C encoder for each of 35,000 entries."""
    make = getattr(encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator
        return _ENTRY.encode
    encode = make(None, _ENTRY.default, encoder.encode_basestring, None, ": ", ", ", False, False, True)

    def fast(value: Any) -> str:
        if isinstance(value, (dict, list, tuple)):
            return "".join(encode(value, 0))
        return _ENTRY.encode(value)

    return fast


_encode_entry = _entry_encoder()


def dumps(payload: Any) -> str:
    """``payload`` as JSON text ending in a newline."""
    return "".join(pieces(payload))


BATCH = 2_000  # list entries per piece


def pieces(payload: Any) -> Iterator[str]:
    """``dumps(payload)`` in pieces, to be written as they come: a county's ``due --json``
    is 9 MB of text, and made as one string (then its bytes) it was copied five times."""
    if not isinstance(payload, dict) or not payload:
        yield _ENTRY.encode(payload) + "\n"
        return
    yield "{\n"
    for n, (key, value) in enumerate(payload.items()):
        head = (",\n" if n else "") + f"  {_ENTRY.encode(str(key))}: "
        if isinstance(value, list) and value:
            yield head + "[\n"
            for start in range(0, len(value), BATCH):
                batch = value[start:start + BATCH]
                texts = batch if isinstance(value, Encoded) else [_encode_entry(entry) for entry in batch]
                yield (",\n    " if start else "    ") + ",\n    ".join(texts)
            yield "\n  ]"
        else:
            yield head + _ENTRY.encode(value)
    yield "\n}\n"


def indented(payload: Any) -> str:
    """``payload`` indented by two at every level, ending in a newline: the term report's
    JSON (``report --format json``), a small document read by people and other programs."""
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
