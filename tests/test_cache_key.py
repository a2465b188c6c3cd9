"""A cache belongs to one liushou: another version or another reading code, and it
is not used; it serves every language."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from liushou_cli.i18n import set_lang
from liushou_cli.records import cache
from liushou_cli.records.load import load
from loadcheck import FILES, problems, small_programme, state, words


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return small_programme(make_records)


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This liushou's package copied, and keyed by the copy's sources (as an edited
    checkout is)."""
    copy = tmp_path / "liushou_cli"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    cache.global_key.cache_clear()
    yield copy
    monkeypatch.undo()
    cache.global_key.cache_clear()


def test_a_cache_of_another_version_is_not_used(
    root: Path, reads: list[str], another_liushou: Callable[[], None]
) -> None:
    load(root)
    reads.clear()
    another_liushou()
    load(root)
    assert len(reads) == FILES


def test_an_edited_reading_module_is_a_new_cache(root: Path, reads: list[str], package_copy: Path) -> None:
    load(root)
    reads.clear()
    load(root)
    assert reads == []
    with (package_copy / "records" / "validate.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a change to how records are validated\n")
    cache.global_key.cache_clear()  # as the next run of the edited checkout
    load(root)
    assert len(reads) == FILES


@pytest.mark.parametrize("rel", ["model.py", "vocab.py", "records/validate.py", "records/new_module.py",
                                 "messages/check.py"])
def test_the_key_follows_every_module_that_shapes_a_reading(package_copy: Path, rel: str) -> None:
    before = cache.source_digest(package_copy)
    path = package_copy / rel
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert cache.source_digest(package_copy) != before


@pytest.mark.parametrize("rel", ["cli/app.py", "duties/engine.py", "reports/tables.py"])
def test_the_key_ignores_the_commands_and_the_engine(package_copy: Path, rel: str) -> None:
    before = cache.source_digest(package_copy)
    with (package_copy / rel).open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert cache.source_digest(package_copy) == before


def test_every_module_that_loading_runs_is_in_the_cache_key(example_copy: Path) -> None:
    """A change to any code that shapes a loaded record must make a new cache."""
    script = (
        "import sys, pathlib\n"
        "from liushou_cli.records.load import load\n"
        f"load(pathlib.Path({str(example_copy)!r}), cache=False)\n"
        "print('\\n'.join(m.__file__ for n, m in sorted(sys.modules.items()) "
        "if n.startswith('liushou_cli') and getattr(m, '__file__', None)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    used = {Path(line).resolve() for line in done.stdout.split()}
    keyed = {path.resolve() for path in cache.source_files()}
    assert used and used - keyed == set()


def test_one_cache_serves_both_languages(root: Path, reads: list[str]) -> None:
    """Problems hold codes and values, worded when shown: a run in English after one
    in Chinese reads nothing again, and says everything in English."""
    zh = load(root)
    zh_words = words(zh)
    set_lang("en")
    reads.clear()
    en = load(root)
    assert reads == [] and problems(en) == problems(zh)
    assert state(en) == state(load(root, cache=False))
    assert words(en) == words(load(root, cache=False)) != zh_words
    assert any("YAML syntax error" in text for text in words(en))
    assert any("YAML 格式错误" in text for text in zh_words)
