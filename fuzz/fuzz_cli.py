"""atheris fuzzing of the commands: one records file replaced by the input, one command run.

    python fuzz/fuzz_cli.py fuzz/corpus/cli -dict=fuzz/yaml.dict -max_total_time=600 -timeout=30

Byte 0 picks the command, byte 1 the file to replace and how (its bytes; or the
file removed, made a folder, or its folder made a file), the rest is the file.
The oracle (``harness.judge``) fails on an escaped exception, a traceback, the
"内部错误" (internal error) line, or an exit status other than 0/1/2.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["liushou_cli"]):
    import liushou_cli.cli.app  # noqa: F401  (all commands, instrumented)

from harness import COMMANDS, TARGETS, command_args, fresh_records, run_cli  # noqa: E402

SCRATCH = Path(tempfile.mkdtemp(prefix="liushou-fuzz-cli-"))
SHAPES = 8  # of byte 1 // len(TARGETS): 0-4 the bytes, 5 removed, 6 a folder, 7 its folder a file


def records_for(how: int, raw: bytes) -> Path:
    target = TARGETS[how % len(TARGETS)]
    shape = (how // len(TARGETS)) % SHAPES
    root = SCRATCH / "records"
    if shape <= 4:
        return fresh_records(root, {target: raw})
    if shape == 5:
        return fresh_records(root, {target: None})
    if shape == 6:
        fresh_records(root, {target: None})
        (root / target).mkdir()
        return root
    folder = target.split("/")[0]
    if folder == target:  # liushou.yaml has no folder: binary bytes instead
        return fresh_records(root, {target: raw + b"\x00"})
    return fresh_records(root, {folder: raw})


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    command = COMMANDS[data[0] % len(COMMANDS)]
    root = records_for(data[1], data[2:])
    out = SCRATCH / "out"
    out.mkdir(exist_ok=True)
    run_cli(command_args(command, root, out))


def main() -> None:
    sys.setrecursionlimit(3000)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
