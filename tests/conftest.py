"""Shared fixtures: real record folders in tmp_path, and the CLI runner."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liushou_cli.i18n import set_lang

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts in Chinese, with no records folder from the environment."""
    for name in ("LIUSHOU_RECORDS", "LIUSHOU_LANG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    set_lang("zh")
    yield
    set_lang("zh")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL_PROGRAM = """\
program: 测试项目
organization: 测试小学德育处
terms:
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-20}
  - {id: 2027-spring, name: 2027年春季学期, start: 2027-02-20, end: 2027-07-10}
duties: five-ones-term
"""

GOOD_CHILD = """\
id: C001
name: 张小明
gender: male
birth_date: 2016-03-12
school: 测试小学
class: 四(2)班
guardian: {name: 王桂兰, relation: 祖母, phone: "13700000003"}
enrolled: 2026-09-01
consent: {date: 2026-09-01, by: 王桂兰}
risk_assessments:
  - {date: 2026-09-15, level: medium}
"""

GOOD_HELPER = """\
id: H001
name: 严万莲
role: aixin_mama
phone: "13600000004"
"""

GOOD_PAIRING = """\
id: P001
child: C001
helpers: [H001]
start: 2026-09-05
"""


@pytest.fixture
def make_records(tmp_path: Path) -> Callable[..., Path]:
    """A small valid programme; ``files`` replaces, adds (text) or removes (None) by path."""
    return lambda files=None: records_at(tmp_path / "records", files)


def records_at(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """``make_records``'s programme at ``root``."""
    base = {
        "liushou.yaml": MINIMAL_PROGRAM,
        "children/C001.yaml": GOOD_CHILD,
        "helpers/H001.yaml": GOOD_HELPER,
        "pairings/P001.yaml": GOOD_PAIRING,
        "contacts/2026-09.csv": "date,pairing,kinds,helper,channel,minutes,summary\n"
        "2026-09-20,P001,home_visit;guardian_contact,H001,in_person,60,家访\n",
    }
    merged: dict[str, str | None] = {**base, **(files or {})}
    for rel, text in merged.items():
        if text is not None:
            write(root, rel, text)
    return root


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example programme, safe to change."""
    target = tmp_path / "example"
    shutil.copytree(EXAMPLES, target)
    return target


def chdir(path: Path) -> None:
    os.chdir(path)


@pytest.fixture
def locked() -> Iterator[Callable[[Path], Path]]:
    """Hold the records' write lock on a root for the rest of the test, as every writing
    command does before it reads (``ChangeSet.apply`` refuses a change planned without it)."""
    from liushou_cli.records.lock import records_lock

    with contextlib.ExitStack() as stack:

        def take(root: Path) -> Path:
            stack.enter_context(records_lock(root))
            return root

        yield take


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files ``load`` actually read and parsed (not served by the cache): the one
    place the cache tests look inside the loader."""
    from liushou_cli.records import load as load_mod

    seen: list[str] = []
    record, contacts = load_mod._read_record, load_mod._contacts_of

    def counting_record(rel: str, raw: object, model: type) -> object:
        seen.append(rel)
        return record(rel, raw, model)  # type: ignore[arg-type]

    def counting_contacts(rel: str, raw: object) -> object:
        seen.append(rel)
        return contacts(rel, raw)  # type: ignore[arg-type]

    monkeypatch.setattr(load_mod, "_read_record", counting_record)
    monkeypatch.setattr(load_mod, "_contacts_of", counting_contacts)
    return seen


@pytest.fixture
def another_liushou(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Makes this process another liushou (another version): its caches are not ours."""
    import liushou_cli
    from liushou_cli.records import cache

    def become() -> None:
        monkeypatch.setattr(liushou_cli, "__version__", "99.0")
        cache.global_key.cache_clear()

    yield become
    monkeypatch.undo()
    cache.global_key.cache_clear()


@pytest.fixture
def assembled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per load that assembled the records (did not take the snapshot)."""
    from liushou_cli.records import cache

    seen: list[str] = []
    opened = cache.Cache.open

    def counting(root: Path) -> cache.Cache:
        seen.append("assembled")
        return opened(root)

    monkeypatch.setattr(cache.Cache, "open", staticmethod(counting))
    return seen
