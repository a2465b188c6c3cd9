"""The records cache never changes what loading gives, and the fast YAML path
never changes what parsing gives: every result here is compared with a
cache-less run, or with ruamel's reading."""

from __future__ import annotations

import io
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import liushou_cli
from liushou_cli import progress
from liushou_cli.cli.app import app
from liushou_cli.cli.progress_bar import TerminalProgress, for_stderr
from liushou_cli.i18n import set_lang
from liushou_cli.records import cache, fullwidth, snapshot, yamlio
from liushou_cli.records import load as load_mod
from liushou_cli.records.load import Records, load

BROKEN_CHILD = "id: C009\nname: 李四\ngender: boy\nbirth_date: 2016-13-01\nnotes: [unclosed\n"


def _problems(records: Records) -> list[tuple[Any, ...]]:
    return [(p.path, p.line, p.col, p.severity, p.code, sorted(p.args.items())) for p in records.problems]


def _state(records: Records) -> tuple[Any, ...]:
    """Everything ``load`` gives, in comparable form."""
    return (
        records.program,
        records.children,
        records.helpers,
        records.pairings,
        records.contacts,
        [(c.cols) for c in records.contacts],
        records.where,
        _problems(records),
        records.unreadable,
        records.salvaged,
        records.broken,
    )


def assert_same_as_uncached(root: Path) -> Records:
    cached = load(root)
    assert _state(cached) == _state(load(root, cache=False))
    return cached


@pytest.fixture(autouse=True)
def _fresh_global_key() -> Any:
    yield
    cache.global_key.cache_clear()  # a test may have changed what it depends on


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually read and parsed (not served by the cache)."""
    seen: list[str] = []
    record, contacts = load_mod._read_record, load_mod._contacts_of

    def counting_record(rel: str, raw: Any, model: Any) -> Any:
        seen.append(rel)
        return record(rel, raw, model)

    def counting_contacts(rel: str, raw: Any) -> Any:
        seen.append(rel)
        return contacts(rel, raw)

    monkeypatch.setattr(load_mod, "_read_record", counting_record)
    monkeypatch.setattr(load_mod, "_contacts_of", counting_contacts)
    return seen


@pytest.fixture
def root(make_records: Callable[..., Path]) -> Path:
    return make_records({
        "children/C002.yaml": "id: C002\nname: 王五\nguardian: {name: 王, phone: 13700000001}\nnotes:\n",
        "children/C009.yaml": BROKEN_CHILD,
        "contacts/2026-10.csv": "date,pairing,kinds\n2026-10-01,P001,home_visit\n2026-13-01,P001,talk\n",
    })


def _cache_file(root: Path) -> Path:
    return root / cache.FOLDER / cache.FILE


def test_a_second_load_reads_nothing_and_gives_the_same(root: Path, reads: list[str]) -> None:
    first = load(root)
    assert len(reads) == 8 and _cache_file(root).is_file()
    reads.clear()
    second = load(root)
    assert reads == []
    assert _state(second) == _state(first) == _state(load(root, cache=False))


def test_the_cache_is_private(root: Path) -> None:
    load(root)
    assert stat.S_IMODE(_cache_file(root).stat().st_mode) == 0o600
    assert stat.S_IMODE(_cache_file(root).parent.stat().st_mode) == 0o700
    assert (root / cache.FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_no_cache_writes_nothing(root: Path) -> None:
    load(root, cache=False)
    assert not (root / cache.FOLDER).exists()


def test_an_edited_file_is_read_again(root: Path, reads: list[str]) -> None:
    load(root)
    reads.clear()
    (root / "children/C001.yaml").write_text(
        (root / "children/C001.yaml").read_text(encoding="utf-8").replace("张小明", "张小红"), encoding="utf-8")
    records = assert_same_as_uncached(root)
    assert reads[0] == "children/C001.yaml"
    assert records.children["C001"].name == "张小红"


def test_an_edit_of_the_same_size_in_the_same_tick_is_seen(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat key cannot tell (a coarse clock, FAT): the digest of a recent file does."""
    monkeypatch.setattr(cache, "stat_key", lambda info: (info.st_size, info.st_mtime_ns, 0, info.st_ino))
    path = root / "helpers/H001.yaml"
    before = path.stat()
    load(root)
    path.write_text(path.read_text(encoding="utf-8").replace("严万莲", "严万芳"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.stat_key(path.stat()) == cache.stat_key(before)
    records = assert_same_as_uncached(root)
    assert records.helpers["H001"].name == "严万芳"


def test_added_removed_and_renamed_files(root: Path, reads: list[str]) -> None:
    load(root)
    (root / "helpers/H002.yaml").write_text("id: H002\nname: 刘\nrole: teacher\n", encoding="utf-8")
    assert assert_same_as_uncached(root).helpers.keys() == {"H001", "H002"}
    (root / "children/C002.yaml").unlink()
    assert "C002" not in assert_same_as_uncached(root).children
    (root / "contacts/2026-10.csv").rename(root / "contacts/2026-10-old.csv")
    records = assert_same_as_uncached(root)
    assert {c.path for c in records.contacts} == {"contacts/2026-09.csv", "contacts/2026-10-old.csv"}
    (root / "children/C001.yaml").rename(root / "children/C003.yaml")  # now id-mismatch
    records = assert_same_as_uncached(root)
    assert any(p.code == "id-mismatch" and p.path == "children/C003.yaml" for p in records.problems)
    assert "children/C003.yaml" in cache.Cache.open(root).old


def _rows_in_file(root: Path) -> int:
    return cache.Cache.open(root).rows


def test_a_change_is_appended_not_the_whole_cache_rewritten(root: Path, reads: list[str]) -> None:
    load(root)
    path = _cache_file(root)
    before = path.stat()
    (root / "helpers/H002.yaml").write_text("id: H002\nname: 刘\nrole: teacher\n", encoding="utf-8")
    assert_same_as_uncached(root)
    after = path.stat()
    assert after.st_ino == before.st_ino and after.st_size > before.st_size  # the same file, grown
    assert path.read_bytes().startswith(_bytes_before(path, before.st_size))
    reads.clear()
    assert_same_as_uncached(root)
    assert reads.count("helpers/H002.yaml") == 1  # only the uncached run read it: the appended row is used


def _bytes_before(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def test_the_cache_is_written_whole_again_before_it_doubles(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SAVE_CHUNK", 4)  # the slack allowed over twice the rows in use
    load(root)
    live = len(cache.Cache.open(root).old)
    extra = [root / f"children/X{i}.yaml" for i in range(30)]
    for path in extra:
        path.write_text(f"id: {path.stem}\nname: 新\nenrolled: 2026-09-01\n", encoding="utf-8")
    assert_same_as_uncached(root)
    assert _rows_in_file(root) == live + len(extra)  # appended
    for path in extra:
        path.unlink()
    child = root / "children/C001.yaml"
    text = child.read_text(encoding="utf-8")
    for n in range(3):
        child.write_text(text + f"notes: 第{n}次\n", encoding="utf-8")
        assert_same_as_uncached(root)
        assert _rows_in_file(root) <= 2 * live + cache.SAVE_CHUNK
    assert _rows_in_file(root) <= live + 2  # the removed files' rows went with the rewrite


def test_a_cache_rewritten_by_another_run_is_not_appended_to(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Appending onto another liushou's cache would have its header vouch for our rows."""
    load(root)
    early = cache.Cache.open(root)  # this run read the cache...
    _cache_file(root).write_bytes(pickle.dumps((cache._MAGIC, ("another liushou",))))  # ...then another rewrote it
    monkeypatch.setattr(cache.Cache, "open", staticmethod(lambda folder: early))
    (root / "helpers/H002.yaml").write_text("id: H002\nname: 刘\nrole: teacher\n", encoding="utf-8")
    load(root)  # something changed: saved
    monkeypatch.undo()
    assert "helpers/H002.yaml" in cache.Cache.open(root).old  # our header, written whole
    assert_same_as_uncached(root)


def test_a_torn_append_loses_only_time(root: Path, reads: list[str]) -> None:
    load(root)
    (root / "helpers/H002.yaml").write_text("id: H002\nname: 刘\nrole: teacher\n", encoding="utf-8")
    load(root)
    path = _cache_file(root)
    path.write_bytes(path.read_bytes()[:-5])  # the last chunk cut short (a crash while appending)
    reads.clear()
    assert_same_as_uncached(root)
    assert len(reads) == 9 * 2  # read again in full; then cached again
    reads.clear()
    load(root)
    assert reads == []


def test_touch_without_change(root: Path, reads: list[str]) -> None:
    load(root)
    reads.clear()
    os.utime(root / "pairings/P001.yaml")
    assert_same_as_uncached(root)
    assert reads[0] == "pairings/P001.yaml"


@pytest.mark.parametrize("damage", [
    lambda data: b"\x00garbage" * 10,
    lambda data: data[: len(data) // 2],
    lambda data: b"",
    lambda data: pickle.dumps(("something else", 1, 2)),
    lambda data: pickle.dumps(cache._MAGIC),
])
def test_a_damaged_cache_is_rebuilt(root: Path, reads: list[str], damage: Callable[[bytes], bytes]) -> None:
    load(root)
    path = _cache_file(root)
    path.write_bytes(damage(path.read_bytes()))
    reads.clear()
    assert_same_as_uncached(root)
    assert len(reads) == 8 * 2  # everything read again (the uncached run reads it all too)
    reads.clear()
    load(root)
    assert reads == []  # and the cache works again


def test_a_cache_of_another_version_is_not_used(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load(root)
    reads.clear()
    monkeypatch.setattr(liushou_cli, "__version__", "99.0")
    cache.global_key.cache_clear()
    load(root)
    assert len(reads) == 8


def test_a_changed_model_source_is_a_new_cache(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load(root)
    reads.clear()
    monkeypatch.setattr(cache, "source_digest", lambda: "another schema")
    cache.global_key.cache_clear()
    load(root)
    assert len(reads) == 8


def _words(records: Records) -> list[str]:
    return [f"{p.message} | {p.hint}" for p in records.problems]


def test_one_cache_serves_both_languages(root: Path, reads: list[str]) -> None:
    """Problems hold codes and values, worded when shown: a run in English after one
    in Chinese reads nothing again, and says everything in English."""
    zh = load(root)
    zh_words = _words(zh)
    set_lang("en")
    reads.clear()
    en = load(root)
    assert reads == [] and _problems(en) == _problems(zh)
    assert _state(en) == _state(load(root, cache=False))
    assert _words(en) == _words(load(root, cache=False)) != zh_words
    assert any("YAML syntax error" in words for words in _words(en))
    assert any("YAML 格式错误" in words for words in zh_words)


def test_a_crafted_cache_runs_no_code(root: Path, tmp_path: Path, reads: list[str]) -> None:
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, (f"touch {marker}",))

    load(root)
    _cache_file(root).write_bytes(pickle.dumps((cache._MAGIC, cache.global_key(), {"liushou.yaml": Evil()})))
    assert_same_as_uncached(root)
    assert not marker.exists()


def test_a_cache_others_can_write_is_not_read(root: Path, reads: list[str]) -> None:
    load(root)
    _cache_file(root).chmod(0o666)
    reads.clear()
    load(root)
    assert len(reads) == 8


def test_the_cache_folder_is_not_records(root: Path) -> None:
    load(root)
    (root / cache.FOLDER / "notes.yaml").write_text("id: X\n", encoding="utf-8")
    records = load(root)
    assert not [p for p in records.problems if cache.FOLDER in p.path]


def test_the_example_programme_the_same_cached(example_copy: Path) -> None:
    load(example_copy)
    assert_same_as_uncached(example_copy)


def test_cli_no_cache_option_and_environment(
    runner: CliRunner, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["--records", str(root), "--no-cache", "check", "--today", "2026-11-23"])
    assert result.exit_code == 1 and not (root / cache.FOLDER).exists()
    monkeypatch.setenv("LIUSHOU_NO_CACHE", "1")
    runner.invoke(app, ["--records", str(root), "check", "--today", "2026-11-23"])
    assert not (root / cache.FOLDER).exists()
    monkeypatch.delenv("LIUSHOU_NO_CACHE")
    first = runner.invoke(app, ["--records", str(root), "check", "--json", "--today", "2026-11-23"])
    assert (root / cache.FOLDER).exists()
    second = runner.invoke(app, ["--records", str(root), "check", "--json", "--today", "2026-11-23"])
    assert first.stdout == second.stdout and "progress" not in second.stderr


# progress -------------------------------------------------------------------------


def test_load_reports_progress(root: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    load(root, progress=lambda task, done, total: heard.append((task, done, total)))
    assert heard[0] == ("load", 0, 8) and heard[-1] == ("load", 8, 8)
    assert [done for _, done, _ in heard] == list(range(9))


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    assert for_stderr(io.StringIO()) is None
    assert progress.default() is progress.silent or callable(progress.default())


def test_the_bar_shows_only_for_slow_work(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream)
    for done in range(5):
        bar("load", done, 4)  # quick: nothing shown
    assert stream.getvalue() == ""
    monkeypatch.setattr("liushou_cli.cli.progress_bar.DELAY", 0.0)
    bar = TerminalProgress(stream)
    bar("load", 0, 4)
    bar("load", 1, 4)
    assert bar.bar is not None
    bar("load", 4, 4)
    assert bar.bar is None


# the fast YAML path against ruamel ----------------------------------------------------

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
    fast = yamlio._fast_parse(source, "x.yaml")
    reference = yamlio._ruamel_parse(source, "x.yaml")
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
        assert yamlio._fast_parse(text, path.name) is not None, path
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
    assert yamlio._fast_parse(deep, "x.yaml") is None
    assert yamlio.parse(deep, "x.yaml")[2][0].code.startswith("yaml-")  # ruamel says how


def test_every_module_that_loading_runs_is_in_the_cache_key(example_copy: Path) -> None:
    """A change to any code that shapes a loaded record must make a new cache."""
    import subprocess
    import sys

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
    assert used - keyed == set()


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


# the snapshot: the assembled records, reused whole while no file changed ----------


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are written (not only seconds later), so
    a test can make and use a snapshot without waiting."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def assembled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per load that assembled the records (did not take the snapshot)."""
    seen: list[str] = []
    opened = cache.Cache.open

    def counting(root: Path) -> cache.Cache:
        seen.append("assembled")
        return opened(root)

    monkeypatch.setattr(cache.Cache, "open", staticmethod(counting))
    return seen


def _snapshot_file(root: Path) -> Path:
    return root / cache.FOLDER / snapshot.FILE


def test_the_snapshot_is_used_while_nothing_changed(
    root: Path, settled: None, reads: list[str], assembled: list[str]
) -> None:
    first = load(root)
    assert _snapshot_file(root).is_file() and assembled == ["assembled"]
    assert stat.S_IMODE(_snapshot_file(root).stat().st_mode) == 0o600
    reads.clear()
    second = load(root)
    assert reads == [] and assembled == ["assembled"]  # neither read nor assembled: taken whole
    assert _state(second) == _state(first) == _state(load(root, cache=False))
    assert second.root == root


@pytest.mark.parametrize("change", [
    lambda root: (root / "children/C001.yaml").write_text(
        (root / "children/C001.yaml").read_text(encoding="utf-8").replace("张小明", "张小红"), encoding="utf-8"),
    lambda root: (root / "helpers/H002.yaml").write_text("id: H002\nname: 刘\nrole: teacher\n", encoding="utf-8"),
    lambda root: (root / "children/C002.yaml").unlink(),
    lambda root: (root / "contacts/2026-10.csv").rename(root / "contacts/2026-10-old.csv"),
    lambda root: (root / "children/C001.yaml").rename(root / "children/C003.yaml"),
    lambda root: os.utime(root / "pairings/P001.yaml"),
    lambda root: (root / "children/notes.docx").write_bytes(b"x"),  # a stray file: a new warning
    lambda root: (root / "helpers/old").mkdir(),  # a stray folder
    lambda root: (root / "contacts/2026").mkdir() or (root / "contacts/2026/11.csv").write_text(
        "date,pairing,kinds\n2026-11-02,P001,talk\n", encoding="utf-8"),
    lambda root: (root / "liushou.yaml").unlink(),
])
def test_any_change_is_seen_through_the_snapshot(
    root: Path, settled: None, assembled: list[str], change: Callable[[Path], Any]
) -> None:
    load(root)
    change(root)
    assembled.clear()
    records = assert_same_as_uncached(root)
    assert assembled == ["assembled"]  # the snapshot was not taken
    assembled.clear()
    assert _state(load(root)) == _state(records)  # and the new one is
    assert assembled == []


@pytest.mark.parametrize("damage", [
    lambda data: b"\x00garbage" * 10,
    lambda data: data[: len(data) // 2],
    lambda data: data[: len(data) - 7],
    lambda data: b"",
    lambda data: pickle.dumps(("something else", 1, 2)),
    lambda data: data[: data.index(b".") + 1] + pickle.dumps(("children", [("C001", "not a child")])),
])
def test_a_damaged_snapshot_is_not_used(
    root: Path, settled: None, assembled: list[str], damage: Callable[[bytes], bytes]
) -> None:
    load(root)
    path = _snapshot_file(root)
    path.write_bytes(damage(path.read_bytes()))
    assembled.clear()
    assert_same_as_uncached(root)
    assert assembled == ["assembled"]
    assembled.clear()
    load(root)
    assert assembled == []  # made again


def test_a_crafted_snapshot_runs_no_code(root: Path, settled: None, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, (f"touch {marker}",))

    load(root)
    path = _snapshot_file(root)
    head = path.read_bytes()
    head = head[: head.index(b".") + 1]  # the real header: the digest matches
    path.write_bytes(head + pickle.dumps(("head", Evil())))
    assert_same_as_uncached(root)
    assert not marker.exists()


def test_the_snapshot_serves_both_languages_and_follows_the_version(
    root: Path, settled: None, assembled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    zh = load(root)
    zh_words = _words(zh)
    set_lang("en")
    assembled.clear()
    en = assert_same_as_uncached(root)  # taken whole: its problems are worded now, in English
    assert assembled == [] and _problems(en) == _problems(zh)
    assert _words(en) == _words(load(root, cache=False)) != zh_words
    monkeypatch.setattr(liushou_cli, "__version__", "99.0")
    cache.global_key.cache_clear()
    assembled.clear()
    assert_same_as_uncached(root)
    assert assembled == ["assembled"]


def test_no_snapshot_of_files_just_changed(root: Path, assembled: list[str]) -> None:
    """A file written a moment ago could change again unseen within the clock's tick."""
    load(root)
    assert not _snapshot_file(root).exists()
    load(root)
    assert assembled == ["assembled", "assembled"]


def test_no_snapshot_with_a_linked_record(root: Path, settled: None, tmp_path: Path) -> None:
    (root / "helpers/H001.yaml").rename(root / "H001.yaml")
    (root / "helpers/H001.yaml").symlink_to(root / "H001.yaml")
    assert_same_as_uncached(root)
    assert not _snapshot_file(root).exists()  # a link's target can change without its own stat


def test_a_planned_change_neither_takes_nor_makes_a_snapshot(root: Path, settled: None) -> None:
    load(root)
    before = _snapshot_file(root).read_bytes()
    planned = load(root, overlay={"helpers/H002.yaml": b"id: H002\nname: \xe5\x88\x98\nrole: teacher\n"})
    assert "H002" in planned.helpers
    assert "H002" not in load(root).helpers
    assert _snapshot_file(root).read_bytes() == before


def test_positions_are_found_again_after_the_snapshot(root: Path, settled: None) -> None:
    load(root)
    located = load(root).located("helpers", "H001")
    assert located.deferred and located.at(("id",)) == (1, 5)
    assert located.at(("name",)) == yamlio.parse(
        (root / "helpers/H001.yaml").read_text(encoding="utf-8"), "helpers/H001.yaml")[1].at(("name",))


_ops = st.lists(st.tuples(st.sampled_from(["edit", "add", "remove", "rename", "touch", "stray", "bad"]),
                          st.integers(0, 3)), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ops)
def test_snapshot_and_cache_always_give_what_reading_gives(
    make_records: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, ops: list[tuple[str, int]]
) -> None:
    import shutil

    monkeypatch.setattr(cache, "RACY_NS", 0)
    root = make_records()
    shutil.rmtree(root / cache.FOLDER, ignore_errors=True)
    for i in range(4):
        (root / f"children/C10{i}.yaml").write_text(
            f"id: C10{i}\nname: 孩子{i}\nenrolled: 2026-09-0{i + 1}\n", encoding="utf-8")
    load(root)
    for op, n in ops:
        path = root / f"children/C10{n}.yaml"
        if op == "edit" and path.exists():
            path.write_text(path.read_text(encoding="utf-8") + f"notes: 第{n}次\n", encoding="utf-8")
        elif op == "add":
            path.write_text(f"id: C10{n}\nname: 新{n}\nenrolled: 2026-10-01\n", encoding="utf-8")
        elif op == "remove" and path.exists():
            path.unlink()
        elif op == "rename" and path.exists():
            path.rename(root / f"children/C10{(n + 1) % 4}.yaml")
        elif op == "touch" and path.exists():
            os.utime(path)
        elif op == "stray":
            (root / f"pairings/note{n}.doc").write_bytes(b"")
        elif op == "bad":
            path.write_text("id: [\n", encoding="utf-8")
        assert _state(load(root)) == _state(load(root, cache=False))
    shutil.rmtree(root)
