"""Problems hold codes and values, never words: the same problems whatever ``--lang``
says, worded only when shown. That is what lets the records cache and the snapshot
serve both languages (``test_cache.test_one_cache_serves_both_languages``).

Every mistake ``check`` knows (the cases of ``test_check_codes``, privacy's too) is
made, and its problems built in Chinese, in English, and with every catalogue text
replaced by a marker: equal in the first two, no marker in any argument of the third.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import records_at
from liushou_cli.i18n import set_lang
from liushou_cli.messages import CATALOG
from liushou_cli.phrases import Choices, Joined, Phrase, Words, listed, period, phrase
from liushou_cli.privacy import scan
from liushou_cli.problems import Problem
from liushou_cli.records.checks import all_problems
from liushou_cli.records.gitfacts import gather
from liushou_cli.records.load import load
from test_check_codes import CASES, EXTRA, PRIVACY_CASES, _build, repo

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """One programme per mistake, and one repository holding every privacy finding."""
    base = tmp_path_factory.mktemp("codes")
    count = itertools.count()

    def make_records(files: dict[str, str | None] | None = None) -> Path:
        return records_at(base / f"r{next(count)}", files)

    roots = [_build(make_records, case) for case in (*CASES, *EXTRA)]
    private = repo(make_records())
    for case in PRIVACY_CASES:
        case.setup(private)
    return [*roots, private]


def problems(roots: list[Path], lang: str) -> list[tuple[Problem, dict[str, Any]]]:
    """Every problem of every programme, read afresh in ``lang``, with its arguments."""
    set_lang(lang)
    found: list[Problem] = []
    for root in roots:
        records = load(root, cache=False)
        found += all_problems(records, TODAY)
        found += scan(records, gather(root))
    return [(p, p.args) for p in found]


def leaves(value: Any) -> Iterator[Any]:
    """The plain values inside an argument: what a phrase, a list or choices are made of."""
    if isinstance(value, Phrase):
        for _, arg in value.args:
            yield from leaves(arg)
    elif isinstance(value, Joined):
        yield from leaves(value.sep)
        for part in value.parts:
            yield from leaves(part)
    elif isinstance(value, Choices):
        yield from value.values
    elif isinstance(value, tuple | list):
        for item in value:
            yield from leaves(item)
    else:
        yield value


def test_the_same_problems_in_both_languages(roots: list[Path]) -> None:
    zh = problems(roots, "zh")
    assert len(zh) > len(CASES)  # every case found something, some more than one thing
    assert problems(roots, "en") == zh


def test_no_argument_is_catalogue_text(roots: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Words looked up while the problems are made would show as ``«key»`` here."""
    for key in list(CATALOG):
        monkeypatch.setitem(CATALOG, key, (f"«{key}»", f"«{key}»"))
    found = problems(roots, "zh")
    assert len(found) > len(CASES)
    worded = [(p.code, arg) for p, args in found for value in args.values() for arg in leaves(value)
              if isinstance(arg, str) and "«" in arg]
    assert worded == []


def test_words_are_found_when_shown() -> None:
    reason = Joined((phrase("reason.literal_error", given="boy", expected=Choices(("male", "female"), "gender")),
                     phrase("word.did_you_mean", name="male")))
    span = listed([phrase("resolve.pairing_period", pairing="P001", period=period(date(2026, 9, 1), None))])
    assert isinstance(reason, Words) and str(reason) == str(reason)  # ``str``: its code, in any language
    set_lang("zh")
    assert f"{reason}" == "不能写 boy，取值应为 男 / 女（也可写英文 male / female）（是否应为 male？）"
    assert f"{span}" == "P001（2026-09-01 ~ 至今）"
    set_lang("en")
    assert f"{reason}" == "boy is not allowed; use one of male / female (or in Chinese: 男 / 女) (did you mean male?)"
    assert f"{span}" == "P001（2026-09-01 ~ open）"


def test_a_problem_is_worded_in_the_language_it_is_shown_in(make_records: Callable[..., Path]) -> None:
    root = make_records({"children/C002.yaml": "id: C002\nname: 李\nenrolled: 2026-09-01\ngender: boy\n"})
    problem = next(p for p in load(root, cache=False).problems if p.code == "schema")
    assert "取值应为" in problem.message
    set_lang("en")
    assert "is not allowed" in problem.message
