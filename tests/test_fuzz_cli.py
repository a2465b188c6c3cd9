"""Property tests: whatever the bytes, the readers give problems and the commands end cleanly.

The same oracle as the atheris harness in ``fuzz/`` (``fuzz/harness.py``), with
hypothesis drawing the inputs: random bytes, and valid files with random damage
spliced in (which reaches far deeper than random bytes do).
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liushou_cli.model import Child, Helper, Pairing, Program
from liushou_cli.records.csvio import parse_contacts
from liushou_cli.records.text import decode
from liushou_cli.records.validate import validate_parts
from liushou_cli.records.yamlio import parse


def _harness() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "fuzz" / "harness.py"
    spec = importlib.util.spec_from_file_location("liushou_fuzz_harness", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


H = _harness()
MODELS = (Program, Child, Helper, Pairing)
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# pieces that make YAML and CSV parsers and the schema work hard
TOKENS = [
    "\n", "  ", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a\n", "!!python/object/apply:os.system ['x']",
    "!!str ", "!!binary ", "%YAML 1.1\n", "---\n", "...\n", "|\n  ", ">-\n  ", "#", "'", '"', "\t", "\r", "\x00",
    "\ufeff", "\u2028", "2026-02-30", "2026-09-01", "9" * 30, "-1", "null", "~", "yes", "true", "id: ", "name: ",
    "terms:\n", "rules:\n", "duties: ", "child: ", "helpers: ", "start: ", "end: ", "P001", "C001", "H001",
    "home_visit;guardian_contact", "concerns:\n", "left: ", "guardian: ", "risk_assessments:\n", "level: ", "张小明",
    "<<<<<<< HEAD\n", ">>>>>>> x\n",
]
pieces = st.one_of(st.sampled_from(TOKENS), st.text(max_size=8))


@st.composite
def damaged(draw: st.DrawFn, original: str) -> bytes:
    """A valid file with a few pieces inserted, removed or overwritten, then maybe re-encoded."""
    text = original
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        cut = draw(st.integers(0, 12))
        piece = draw(pieces)
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + cut:]
        else:
            text = text[:at] + piece + text[at + cut:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gbk", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        return data
    return data[: draw(st.integers(0, len(data)))]  # a truncated save


def _worded(problems: list) -> None:  # type: ignore[type-arg]
    for p in problems:
        assert p.line >= 1 and p.col >= 1, p
        assert p.message, p  # every problem can be worded (a missing argument would raise)
        _ = p.hint


def _read_yaml(raw: bytes, model_index: int) -> None:
    decoded = decode(raw, "x.yaml")
    _worded(decoded.problems)
    text = decoded.text if decoded.text is not None else raw.decode("utf-8", errors="replace")
    data, located, problems = parse(text, "x.yaml")
    _worded(problems)
    if any(p.is_error for p in problems):
        assert data is None or problems  # an error is never silently dropped
    if isinstance(data, dict):
        _, _, schema = validate_parts(MODELS[model_index % len(MODELS)], data, located)
        _worded(schema)


@given(raw=st.binary(max_size=2000), model_index=st.integers(0, 3))
@SLOW
def test_any_bytes_are_read_as_problems(raw: bytes, model_index: int) -> None:
    _read_yaml(raw, model_index)


@given(data=st.data(), index=st.integers(0, 3))
@settings(SLOW, max_examples=300)
def test_damaged_records_are_read_as_problems(data: st.DataObject, index: int) -> None:
    original = H.FILES[H.TARGETS[index]]
    _read_yaml(data.draw(damaged(original)), index)


@given(data=st.data())
@settings(SLOW, max_examples=300)
def test_damaged_contacts_are_read_as_problems(data: st.DataObject) -> None:
    raw = data.draw(st.one_of(damaged(H.CONTACTS * 3), st.binary(max_size=500)))
    decoded = decode(raw, "contacts/x.csv", csv=True)
    _worded(decoded.problems)
    text = decoded.text if decoded.text is not None else raw.decode("utf-8", errors="replace")
    contacts, problems = parse_contacts(text, "contacts/x.csv")
    _worded(problems)
    for contact in contacts:
        assert contact.line >= 2 and isinstance(contact.date, date)


@given(data=st.data(), command=st.sampled_from(H.COMMANDS), index=st.integers(0, len(H.TARGETS) - 1))
@settings(SLOW, max_examples=120)
def test_every_command_ends_cleanly_on_a_damaged_file(
    tmp_path_factory: object, data: st.DataObject, command: tuple[str, ...], index: int
) -> None:
    base = Path(getattr(tmp_path_factory, "mktemp")("fuzz"))  # noqa: B009
    target = H.TARGETS[index]
    raw = data.draw(damaged(H.FILES[target]))
    root = H.fresh_records(base / "records", {target: raw})
    out = base / "out"
    out.mkdir()
    H.run_cli(H.command_args(command, root, out))


def test_the_oracle_catches_an_internal_error() -> None:
    """The property above could not fail if the oracle let a crash through."""
    for output in ("内部错误：RuntimeError。", "Traceback (most recent call last):\n"):
        try:
            H.judge(["due"], 2, output, None)
        except H.Crash:
            continue
        raise AssertionError(f"not caught: {output!r}")
    try:
        H.judge(["due"], 1, "", RuntimeError("x"))
    except H.Crash:
        pass
    else:
        raise AssertionError("an escaped exception was not caught")
    H.judge(["check"], 1, "liushou.yaml:1:1: 错误 yaml-syntax", SystemExit(1))  # a finding is not a crash
