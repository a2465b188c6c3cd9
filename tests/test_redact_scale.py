"""The fast ``Redactor`` masks exactly what the old single-regex one did.

``Reference`` below is the previous implementation, kept verbatim: one regex
alternation of every key, longest first. It is correct but tries each of a
county's 50,000 keys at every character; the property tests hold the
dictionary scan to its output on texts built to hit the awkward cases (keys
that are prefixes, suffixes or overlaps of others, keys inside longer words,
phones inside longer digit runs, names that are also secrets, padded names).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from liushou_cli.duties.engine import obligations
from liushou_cli.records.load import load
from liushou_cli.reports.data import build, pick_term
from liushou_cli.reports.redact import HIDDEN, Redactor, mask_name, redact_report


class Reference:
    """The old matcher: ``re.sub`` over one alternation, longest keys first."""

    def __init__(self, names: set[str], secrets: set[str]) -> None:
        self.replacements: dict[str, str] = {}
        for secret in secrets:
            if len(secret.strip()) >= 2:
                self.replacements[secret.strip()] = HIDDEN
        for name in names:
            if len(name.strip()) >= 2:
                self.replacements[name.strip()] = mask_name(name)
        self.compile()

    @classmethod
    def of(cls, replacements: dict[str, str]) -> Reference:
        reference = cls(set(), set())
        reference.replacements = dict(replacements)
        reference.compile()
        return reference

    def compile(self) -> None:
        keys = sorted(self.replacements, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def text(self, value: str) -> str:
        if self.pattern is None:
            return value
        return self.pattern.sub(lambda m: self.replacements[m.group(0)], value)

    def data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        return value


# few letters, so keys collide, nest and overlap; digits for phones; spaces for padding
NAME_CHARS = "张王李小明梅华欧阳"
DIGITS = "13780"
names_st = st.sets(st.text(alphabet=NAME_CHARS + " ", min_size=0, max_size=5), max_size=8)
secrets_st = st.sets(
    st.one_of(
        st.text(alphabet=DIGITS, min_size=1, max_size=6),
        st.text(alphabet=NAME_CHARS + DIGITS + " 村组", min_size=1, max_size=6),
    ),
    max_size=8,
)
filler_st = st.text(alphabet=NAME_CHARS + DIGITS + "，。的 a\n", max_size=6)


@st.composite
def case(draw: st.DrawFn) -> tuple[set[str], set[str], str]:
    names = draw(names_st)
    secrets = draw(secrets_st)
    if draw(st.booleans()):
        secrets |= draw(st.sets(st.sampled_from(sorted(names)), max_size=2)) if names else set()
    keys = sorted(k.strip() for k in names | secrets if k.strip())
    pieces = st.one_of(filler_st, st.sampled_from(keys)) if keys else filler_st
    # keys cut in half and glued to others make overlaps and near-misses
    halves = st.sampled_from(keys).flatmap(lambda k: st.sampled_from([k[: len(k) // 2], k[len(k) // 2 :]])) if keys else filler_st
    text = "".join(draw(st.lists(st.one_of(pieces, halves), max_size=12)))
    return names, secrets, text


@settings(max_examples=600)
@given(case())
@example(({"张小", "张小明", "小明华"}, set(), "张小明华张小张小明"))  # prefix, overlap
@example(({"王梅", "李王梅"}, set(), "李王梅王梅李王"))  # suffix
@example(({"小明"}, set(), "明小明小明明"))  # inside a longer word
@example((set(), {"13700000003", "3700"}, "813700000003913700000"))  # phone inside a longer digit run
@example(({"13700"}, {"13700"}, "137001"))  # a name that is also a secret: masked as a name
@example(({" 张小明 ", "李 四"}, {" 1378 "}, "张小明 李 四1378"))  # padded keys, inner spaces
@example((set(), set(), "张小明"))  # nothing to mask
def test_same_output_as_the_regex_alternation(c: tuple[set[str], set[str], str]) -> None:
    names, secrets, text = c
    fast, reference = Redactor(names, secrets), Reference(names, secrets)
    assert fast.replacements == reference.replacements
    assert fast.text(text) == reference.text(text)
    assert fast.text(text) == reference.text(text)  # the remembered answer too


@given(st.lists(st.text(alphabet=NAME_CHARS, min_size=2, max_size=4), min_size=1, max_size=6), filler_st)
def test_no_listed_key_survives_when_keys_are_separated(names: list[str], gap: str) -> None:
    """Keys written apart by a character no key holds are all gone, whatever the nesting."""
    out = Redactor(set(names), set()).text("，".join(names) + "，" + gap)
    assert not any(n in out for n in names)


def test_phones_inside_longer_digit_runs_are_masked() -> None:
    redactor = Redactor(set(), {"13700000003"})
    assert redactor.text("电话813700000003、137000000039") == f"电话8{HIDDEN}、{HIDDEN}9"


def test_longest_key_wins_at_each_position() -> None:
    redactor = Redactor({"张小", "张小明", "小明华"}, set())
    # at 张 the longer 张小明 is taken; 小明华 overlapping it is then not seen
    assert redactor.text("张小明华") == "张*明华"
    assert redactor.text("张小华") == "张*华"


def test_many_keys_match_the_reference_on_a_long_text() -> None:
    """A few thousand look-alike phones and names, written end to end."""
    phones = {f"137{n:08d}" for n in range(0, 3_000_000, 997)}
    names = {f"{s}{g}{e}" for s in "张王李刘陈" for g in "小大建丽" for e in "明华梅军芳"} | {"欧阳娜娜", "欧阳娜"}
    text = "，".join(sorted(phones | names)) + "".join(sorted(phones))[:20_000]
    assert Redactor(names, phones).text(text) == Reference(names, phones).text(text)


def test_report_of_the_example_programme_matches_the_reference(example_copy: Path) -> None:
    records = load(example_copy)
    assert records.program is not None
    day = date(2026, 11, 23)
    data = build(records, pick_term(records.program.terms, day), day, obligations=obligations)
    reference = Reference.of(Redactor.from_records(records).replacements)
    out = redact_report(data, records)
    assert out == {**reference.data(data), "redacted": True}
    assert out != {**data, "redacted": True}
