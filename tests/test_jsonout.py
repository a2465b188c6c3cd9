"""Command JSON: the same data as ``json.dumps``, one top-level list entry per line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from liushou_cli.present import jsonout

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.floats(allow_nan=False))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                       max_leaves=12)


@given(st.one_of(_values, st.dictionaries(st.text(), _values, max_size=5)))
def test_reads_back_as_the_same_data(payload: Any) -> None:
    text = jsonout.dumps(payload)
    assert text.endswith("\n")
    assert json.loads(text) == payload


def test_one_entry_per_line_and_chinese_kept() -> None:
    text = jsonout.dumps({"as_of": "2026-11-23", "items": [{"child": "张三"}, {"child": "李四"}], "alerts": []})
    assert text.splitlines() == [
        "{",
        '  "as_of": "2026-11-23",',
        '  "items": [',
        '    {"child": "张三"},',
        '    {"child": "李四"}',
        "  ],",
        '  "alerts": []',
        "}",
    ]


def _one_per_line(payload: dict[str, Any]) -> str:
    """The layout, written the plain way: each top-level list entry on a line of its own."""
    def enc(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    fields = []
    for key, value in payload.items():
        if isinstance(value, list) and value:
            entries = ",\n".join("    " + enc(entry) for entry in value)
            fields.append(f"  {enc(str(key))}: [\n{entries}\n  ]")
        else:
            fields.append(f"  {enc(str(key))}: {enc(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


@given(st.dictionaries(st.sampled_from(["as_of", "items", "alerts", "x"]),
                       st.one_of(st.text(max_size=5), st.lists(st.dictionaries(st.text(max_size=3), st.integers()),
                                                               max_size=7)), min_size=1, max_size=4),
       st.integers(1, 3))
def test_the_pieces_make_the_layout_whatever_the_batch(payload: dict[str, Any], batch: int) -> None:
    """``due --json`` writes ``pieces`` as they come, in batches of entries."""
    old_batch = jsonout.BATCH
    try:
        jsonout.BATCH = batch
        assert "".join(jsonout.pieces(payload)) == _one_per_line(payload)
    finally:
        jsonout.BATCH = old_batch
