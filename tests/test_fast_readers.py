"""The quick readers read exactly as the reference ones: the fast YAML path (libyaml
composing, our YAML 1.2 resolver) as ruamel.yaml, and the quick CSV row as the csv
module, on tricky and on generated input."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liushou_cli.records import fullwidth, yamlio

TRICKY = [
    "a: yes\nb: no\nc: on\nd: off\ne: y\n",
    "phone: 13800000001\nid: 0123\nx: 0o17\ny: 0x1F\nz: 1_000\nf: 1.5e3\ng: .inf\n",
    "birth: 2016-03-12\nt: 2016-03-12T10:00:00Z\n",
    "a: true\nb: False\nc: TRUE\nd: ~\ne: null\nf: Null\ng:\n",
    "a:\nb: 1\n",
    "a:   # comment\n  # more\nb: [x, y]\n",
    "k:\n- a\n- b:\n  c:\n",
    "a: {x: 1, y: [1, 2, {z: w}]}\n",
    "a: |\n  line one\n  line two\n",
    "a: >-\n  folded\n\n  text\n",
    "a: 'it''s'\nb: \"x\\ty\\u4e2d\"\n",
    "a: &x [1, 2]\nb: *x\n",
    "name: 陈子墨\nclass: 二(1)班\nnotes: 喜欢唱歌，性格开朗\n",
    "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "---\na: 1\n...\n",
    "<<: {a: 1}\nb: 2\n",
    "a: b: c\n",
    "a: 1\na: 2\n",
    "a: !!str 1\nb: !foo x\n",
    "%YAML 1.1\n---\nboarding: yes\n",
    "a:\tb\n",
    "a: =\n",
    "? a\n: b\n",
    "[1, 2]\n",
    "just text\n",
    "a: [1, 2\n",
    "a: {x: }\n",
    "a: \"unclosed\n",
    "",
    "# only a comment\n",
]


def _same_reading(source: str) -> None:
    fast = yamlio.parse_fast(source, "x.yaml")
    reference = yamlio.parse_reference(source, "x.yaml")
    expected = fast if fast is not None else reference
    data_read, located_read, problems_read = yamlio.parse(source, "x.yaml")
    # full-width punctuation in the structure (``records.fullwidth``) is added on top
    wide = [p for p in problems_read if p.code == "full-width"]
    assert [p for p in problems_read if p.code != "full-width"] == expected[2]
    assert (data_read, located_read) == expected[:2] or (wide and data_read is None)
    if fast is None:
        return
    if isinstance(fast[0], dict):  # the same characters blamed, whichever reader placed the nodes
        assert fullwidth.in_data(source, fast[0], fast[1].values, fast[1].keys, "x.yaml") == \
            fullwidth.in_data(source, reference[0], reference[1].values, reference[1].keys, "x.yaml")
    data, located, problems = fast
    assert repr(data) == repr(reference[0])  # True is not "true", None is not ""
    assert located == reference[1] and problems == reference[2] == []


@pytest.mark.parametrize("source", TRICKY)
def test_the_fast_path_reads_like_ruamel(source: str) -> None:
    _same_reading(source)


def test_the_fast_path_takes_the_usual_records() -> None:
    for path in (Path(__file__).parent.parent / "examples" / "records").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert yamlio.parse_fast(text, path.name) is not None, path
        _same_reading(text)


FRAGMENTS = ["id: C1", "name: 张", "- a", "  - b", "k: [1, 2", "x: {a: 1}", ": ", "? ", "&a x", "*a",
             "!!str", "'", '"', "#", "\t", "---", "...", "2026-09-01", "<<: *a", "  ", "    ", "a:",
             "b: c", "- ", "|", ">", "|-", ">+", "'it''s'", "[", "]", "{", "}", ",", "true", "no", "~",
             "=", "\r\n", "\n", " #c", "中文：值", "a: b: c", "-1", "- - x", "  k: v", "%", "x\\y"]
yaml_like = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join),
    st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=5).map("".join), max_size=10).map("\n".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(yaml_like)
def test_the_fast_path_reads_yaml_like_text_like_ruamel(source: str) -> None:
    _same_reading(source)


plain = st.recursive(
    st.one_of(st.none(), st.booleans(), st.text(max_size=8), st.integers()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(plain, st.sampled_from([None, True, False]))
def test_the_fast_path_reads_dumped_documents_like_ruamel(value: Any, flow: bool | None) -> None:
    from ruamel.yaml import YAML

    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = flow
    out = io.StringIO()
    dumper.dump({"k": value}, out)
    _same_reading(out.getvalue())


def test_a_deeply_nested_file_goes_to_ruamel() -> None:
    deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    assert yamlio.parse_fast(deep, "x.yaml") is None
    assert yamlio.parse(deep, "x.yaml")[2][0].code.startswith("yaml-")  # ruamel says how


@given(st.lists(st.text(st.characters(blacklist_characters='",\r\n'), max_size=6), min_size=1, max_size=8),
       st.sampled_from(["", "\n", "\r\n"]))
def test_cells_of_a_plain_csv_row_start_where_counted(cells: list[str], end: str) -> None:
    """The quick path for rows without quotes (most rows) places cells exactly."""
    from liushou_cli.records.csvio import field_starts

    expected, col = [], 1
    for cell in cells:
        expected.append((7, col))
        col += len(cell) + 1
    assert field_starts(",".join(cells) + end, 7) == expected
