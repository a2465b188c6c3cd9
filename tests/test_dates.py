"""``dates.parse_date``, the one reader of every date form (YAML, CSV, options, import)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from liushou_cli.dates import parse_date

FORMS = ("{y}-{m:02d}-{d:02d}", "{y}-{m}-{d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{y} - {m} - {d}")
FULL_WIDTH = str.maketrans("0123456789/-. ", "０１２３４５６７８９／－．　")
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(DAYS, st.sampled_from(FORMS))
def test_every_form_and_its_full_width_twin_mean_the_same_day(day: date, form: str) -> None:
    text = form.format(y=day.year, m=day.month, d=day.day)
    assert parse_date(text) == day
    assert parse_date(text.translate(FULL_WIDTH)) == day, text.translate(FULL_WIDTH)


@given(DAYS, st.lists(st.booleans(), min_size=10, max_size=10))
def test_an_iso_day_with_some_full_width_digits_is_read(day: date, wide: list[bool]) -> None:
    """Typed on a Chinese keyboard half in full-width mode: ``２０２６-11-０３``."""
    digits = iter(wide)
    text = "".join(c.translate(FULL_WIDTH) if c.isdigit() and next(digits) else c for c in day.isoformat())
    assert parse_date(text) == day


def test_what_is_not_a_day_is_none() -> None:
    for text in ("2026-02-30", "２０２６-０２-３０", "2026-13-01", "26-11-03", "2026年11月", "", "²"):
        assert parse_date(text) is None, text
