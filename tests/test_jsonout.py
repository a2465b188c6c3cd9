"""Command JSON: the same data as ``json.dumps``, one top-level list entry per line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from liushou_cli.cli import jsonout

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
