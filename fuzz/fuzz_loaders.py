"""atheris fuzzing of the loaders: bytes -> text -> YAML/CSV -> models -> checks -> duties.

    python fuzz/fuzz_loaders.py fuzz/corpus/loaders -dict=fuzz/yaml.dict -max_total_time=600

Two kinds of input, picked by the first byte: one file's bytes through the
pure readers (decode, parse, validate, parse_contacts), or one file of a small
programme replaced on disk and the whole folder loaded, checked and run through
the duty engine. Any exception is a crash: these functions promise to turn
every input into problems.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from datetime import date
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["liushou_cli"]):
    from liushou_cli.duties.engine import compute_due, explain
    from liushou_cli.model import Child, Helper, Pairing, Program
    from liushou_cli.records.checks import all_problems
    from liushou_cli.records.csvio import parse_contacts
    from liushou_cli.records.load import load
    from liushou_cli.records.text import decode
    from liushou_cli.records.validate import validate_parts
    from liushou_cli.records.yamlio import parse

from harness import TARGETS, fresh_records  # noqa: E402

MODELS = (Program, Child, Helper, Pairing)
TODAY = date(2026, 11, 23)
SCRATCH = Path(tempfile.mkdtemp(prefix="liushou-fuzz-"))


def pure(raw: bytes, model_index: int) -> None:
    for csv in (False, True):
        decoded = decode(raw, "x", csv=csv)
        text = raw.decode("utf-8", errors="replace") if decoded.text is None else decoded.text
        if csv:
            parse_contacts(text, "contacts/x.csv")
            continue
        data, located, problems = parse(text, "x.yaml")
        for p in problems:
            _ = p.message, p.hint  # every problem can be worded
        if isinstance(data, dict):
            model = MODELS[model_index % len(MODELS)]
            _, _, schema_problems = validate_parts(model, data, located)
            for p in schema_problems:
                _ = p.message, p.hint


def whole(raw: bytes, target_index: int) -> None:
    root = fresh_records(SCRATCH / "records", {TARGETS[target_index % len(TARGETS)]: raw})
    records = load(root, cache=False)
    for p in all_problems(records, TODAY):
        _ = p.message, p.hint
    if records.program is not None:
        compute_due(records, TODAY)
        for record_id in ("P001", "C001"):
            with contextlib.suppress(KeyError):  # an id the records do not hold: explain_cmd words it
                explain(records, TODAY, record_id)


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    mode, index, raw = data[0], data[1], data[2:]
    if mode % 2:
        pure(raw, index)
    else:
        whole(raw, index)


def main() -> None:
    sys.setrecursionlimit(3000)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
