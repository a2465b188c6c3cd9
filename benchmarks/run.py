"""Time liushou as whole processes against a plain PyYAML script, and check the targets.

One command from a fresh clone (see benchmarks/README.md):

    python benchmarks/run.py [--sizes 1000,10000] [--repeat 3] [--quick] [--output FILE]

For each size it generates a synthetic programme (benchmarks/generate.py,
seeded, kept in a temp folder between runs), then runs each command as a
fresh subprocess: ``liushou --help``, ``check``, ``due --json``,
``report --format md`` and ``report --format docx``, each *cold* (no cache:
the cache liushou left beside or outside the records is deleted first, so a
cold run also pays for writing it; ``--no-cache`` when the cache cannot be
found) and *warm* (after one priming run). Then the writing commands ``log``,
``add child``, ``assess``, ``pair`` and ``concern``, warm, in a copy of the
programme: each run is a real write (a new contact, child, assessment, pairing
or concern each time), so each is warm after the write before it, as when a
coordinator enters a week's contacts one after another. In the same run it times the
baseline, benchmarks/baseline.py. Wall time is the median of the repeats;
peak memory is the largest resident set of any repeat, read from the
child's own rusage (``os.wait4``), so one run's peak never leaks into
another's.

It prints the machine, a table of times and memory with ratios to the
baseline, and a table of the targets with PASS/FAIL. Exit 0 when every
target is met, 1 when one is not, 2 when a command failed.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TODAY = "2026-11-23"
CACHE_NAMES = (".liushou-cache", ".liushou/cache")  # where a records-side cache may live


@dataclass
class Command:
    key: str
    label: str
    args: list[str]  # after the executable; {root} and {out} are filled in
    ok: tuple[int, ...] = (0,)  # exit statuses that mean it ran (due: 1 = something is overdue)


@dataclass
class Result:
    times: list[float] = field(default_factory=list)
    rss_kib: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


LIUSHOU_COMMANDS = (
    Command("check", "`liushou check`", ["--records", "{root}", "check", "--today", TODAY]),
    Command("due", "`liushou due --json`", ["--records", "{root}", "due", "--json", "--today", TODAY],
            ok=(0, 1)),
    Command("md", "`liushou report --format md`",
            ["--records", "{root}", "report", "--format", "md", "--today", TODAY, "-o", "{out}/r.md"]),
    Command("docx", "`liushou report --format docx`",
            ["--records", "{root}", "report", "--format", "docx", "--today", TODAY, "-o", "{out}/r.docx"]),
)

@dataclass
class Write:
    """A writing command; ``args`` is filled in per run from ``write_targets`` ({pairing},
    {child}, {helper}: a different open pairing, active child each run; {other}: a helper
    not of that pairing; {n}: the run)."""

    key: str
    label: str
    args: list[str]


WRITE_COMMANDS = (
    Write("log", "`liushou log`", ["--records", "{root}", "log", "{pairing}", "call", "--date", "2026-11-20",
                                   "--today", TODAY]),
    Write("add", "`liushou add child`", ["--records", "{root}", "add", "child", "--name", "新生{n}", "--gender", "男",
                                         "--enrolled", "2026-09-01", "--today", TODAY]),
    Write("assess", "`liushou assess`", ["--records", "{root}", "assess", "{child}", "high", "--date", "2026-11-20",
                                         "--today", TODAY]),
    Write("pair", "`liushou pair`", ["--records", "{root}", "pair", "{child}", "{other}", "--start", "2026-11-01",
                                     "--today", TODAY]),
    Write("concern", "`liushou concern`", ["--records", "{root}", "concern", "{child}", "other", "--date",
                                           "2026-11-20", "--today", TODAY]),
)
WRITE_LIMIT = 0.25  # the slowest writing command, warm, as a ratio to the baseline


def write_targets(root: Path, count: int) -> list[dict[str, str]]:
    """``count`` open pairings (started by 2026-11-01, no end) of different children who
    have not left, in file order, each with its child, first helper and a helper the child
    is not paired with (for ``pair``): plain text, no parser."""
    found: list[dict[str, str]] = []
    pairings = []
    helpers_of: dict[str, set[str]] = {}  # every helper a child is paired with, in any pairing
    for path in sorted((root / "pairings").glob("*.yaml")):
        fields = dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines() if ": " in line)
        pairings.append(fields)
        helpers_of.setdefault(fields["child"], set()).update(
            h.strip() for h in fields["helpers"].strip("[]").split(","))
    for fields in pairings:
        if "end" in fields or fields.get("start", "9999") > "2026-11-01":
            continue
        if any(t["child"] == fields["child"] for t in found):  # one write per child: an earlier `pair` is its own
            continue
        child = (root / "children" / f"{fields['child']}.yaml").read_text(encoding="utf-8")
        if "\nleft:" in child:
            continue
        helper = fields["helpers"].strip("[]").split(",")[0].strip()
        # another pairing's helper, never one of the child's own: pairing a child with a
        # helper it already has is refused
        other = next((t["helper"] for t in reversed(found) if t["helper"] not in helpers_of[fields["child"]]), None)
        if other is None:  # the first: any helper of the programme the child does not have
            other = next(h for hs in helpers_of.values() for h in sorted(hs) if h not in helpers_of[fields["child"]])
        found.append({"pairing": fields["id"], "child": fields["child"], "helper": helper, "other": other})
        if len(found) == count:
            return found
    raise BenchError(f"the programme has fewer than {count} open pairings to write to")


def write_argv(exe: list[str], write: Write, root: Path, target: dict[str, str], n: int) -> list[str]:
    return [*exe, *(a.format(root=root, n=n, **target) for a in write.args)]


# (label, command key, mode, limit as a ratio to the baseline)
RATIO_TARGETS = (
    ("`due --json` warm", "due", "warm", 0.25),
    ("`due --json` cold", "due", "cold", 1.5),
    ("`check` warm", "check", "warm", 0.25),
    ("`check` cold", "check", "cold", 1.5),
    ("`report --format md` warm", "md", "warm", 0.5),
)
HELP_LIMIT_S = 0.25
MEMORY_LIMIT = 2.0
SCALING_SLACK = 1.1  # 10x the children may cost at most 11x the time


class BenchError(Exception):
    """A command did not run as expected: the numbers would mean nothing."""


def liushou_exe() -> list[str]:
    """The ``liushou`` installed beside this interpreter, else on PATH, else ``python -m``."""
    beside = Path(sys.executable).with_name("liushou")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("liushou")
    return [found] if found else [sys.executable, "-m", "liushou_cli"]


def compile_bytecode() -> str:
    """Compile liushou's modules as ``pip install`` does, so that no timed run pays for it.

    An editable install under ``PYTHONDONTWRITEBYTECODE`` (set on some machines) would
    otherwise compile every module of liushou in every run: 0.1 s of ``--help``.
    """
    try:
        import liushou_cli
    except ImportError:
        return "bytecode: liushou not importable from this Python; left as installed"
    folder = Path(liushou_cli.__file__).parent
    done = subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], capture_output=True)
    state = "compiled" if done.returncode == 0 else f"compileall exited {done.returncode}"
    return f"bytecode: liushou's modules {state} before timing, as `pip install` does"


def run_once(argv: list[str], env: dict[str, str], ok: tuple[int, ...]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one fresh process; raise on an unexpected exit status."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise BenchError(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
    return elapsed, rss


def sweep(argv: list[str], env: dict[str, str], ok: tuple[int, ...], repeat: int,
          before: Callable[[], None] | None = None) -> Result:
    result = Result()
    for _ in range(repeat):
        if before is not None:
            before()
        seconds, rss = run_once(argv, env, ok)
        result.times.append(seconds)
        result.rss_kib = max(result.rss_kib, rss)
    return result


def programme(data: Path, children: int, seed: int) -> Path:
    """The generated records for this size, made once per generator version and kept."""
    version = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:10]
    root = data / f"n{children}-s{seed}-{version}" / "records"
    if (root / "liushou.yaml").exists():
        return root
    fresh = root.parent.with_name(root.parent.name + ".tmp")
    shutil.rmtree(fresh, ignore_errors=True)
    stats = generate.generate(fresh / "records", children, seed)
    fresh.rename(root.parent)
    time.sleep(3)  # files written this very second look "racily clean" to an mtime-keyed cache
    print(f"generated {children} children, {stats.pairings} pairings, {stats.contacts} contacts "
          f"in {stats.seconds:.1f} s -> {root}", file=sys.stderr)
    return root


class Cache:
    """Finds and clears whatever cache liushou keeps for a records folder."""

    def __init__(self, root: Path, xdg: Path, has_flag: bool) -> None:
        self.root, self.xdg, self.has_flag = root, xdg, has_flag
        self.baseline_entries = self._entries()
        self.found: list[Path] = []

    def _entries(self) -> set[Path]:
        return set(self.root.iterdir()) | set(self.xdg.glob("*"))

    def learn(self) -> None:
        """After a run: anything new beside the records or in the cache home is the cache."""
        new = sorted(self._entries() - self.baseline_entries)
        known = [self.root / n for n in CACHE_NAMES if (self.root / n).exists()]
        self.found = sorted(set(new) | set(known))

    def clear(self) -> None:
        for path in self.found:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def describe(self) -> str:
        if self.found:
            shown = ", ".join(str(p.relative_to(self.root)) if p.is_relative_to(self.root) else "$XDG_CACHE_HOME/"
                              + p.name for p in self.found)
            return f"cache deleted before each cold run ({shown})"
        if self.has_flag:
            return "no cache files found; cold runs use `--no-cache`"
        return "liushou keeps no cache here: cold and warm differ only by the OS file cache"


def machine() -> list[str]:
    """What the numbers were measured on; read-only looks at /proc, Python and git."""
    cpu, mhz, mem = platform.processor() or "unknown", "", "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and cpu in ("unknown", platform.processor()):
                cpu = value.strip()
            if key.strip() == "cpu MHz" and not mhz:
                mhz = f" at {float(value):.0f} MHz"
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        import yaml

        pyyaml = f"PyYAML {yaml.__version__} (libyaml: {'yes' if yaml.__with_libyaml__ else 'no'})"
    except ImportError:
        pyyaml = "PyYAML missing"
    return [
        f"- CPU: {cpu}{mhz}, {usable} usable cores (nproc), {os.cpu_count()} online",
        f"- Memory: {mem}",
        f"- OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()}, {pyyaml}",
        f"- liushou {version()}; run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
    ]


def version() -> str:
    """The installed version, and the commit of the tree it runs from when that is a git clone."""
    try:
        from liushou_cli import __version__ as found
    except ImportError:
        found = "(not importable from this Python)"
    git = ["git", "-C", str(HERE.parent)]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True).stdout.strip()
    except OSError:  # no git here: a tarball, not a clone
        return found
    if head.returncode != 0:
        return found
    return f"{found}, commit {head.stdout.strip()}" + (" with uncommitted changes" if dirty else "")


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def fmt_s(seconds: float | None) -> str:
    return "—" if seconds is None else (f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time liushou against a plain PyYAML script.")
    parser.add_argument("--sizes", default="1000,10000", help="children per programme, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command and mode")
    parser.add_argument("--quick", action="store_true", help="a smoke run: sizes 100,1000, one repeat")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "liushou-bench",
                        help="where generated programmes are kept between runs")
    parser.add_argument("--output", type=Path, help="also write the tables (Markdown) to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat = "100,1000", 1
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1000,10000")
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--sizes and --repeat must be positive")
    try:
        import yaml

        yaml.CSafeLoader  # noqa: B018  (the baseline needs the C loader)
    except (ImportError, AttributeError):
        print("benchmarks need PyYAML with libyaml: pip install pyyaml", file=sys.stderr)
        return 2
    try:
        lines, failed = bench(sizes, args.repeat, args.seed, args.data)
    except BenchError as exc:
        print(f"benchmark aborted: {exc}", file=sys.stderr)
        return 2
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 1 if failed else 0


def bench(sizes: list[int], repeat: int, seed: int, data: Path) -> tuple[list[str], bool]:
    exe = liushou_exe()
    work = Path(tempfile.mkdtemp(prefix="liushou-bench-run-"))
    xdg = work / "xdg-cache"
    xdg.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUSHOU_")}
    env.update({"NO_COLOR": "1", "XDG_CACHE_HOME": str(xdg)})
    bytecode = compile_bytecode()
    help_text = subprocess.run([*exe, "--help"], capture_output=True, text=True, env=env).stdout
    has_flag = "--no-cache" in help_text
    results: dict[tuple[int, str, str], Result] = {}
    notes: list[str] = [bytecode]
    load_before = load()
    try:
        sweep([*exe, "--help"], env, (0,), 1)  # warm the OS file cache, like any second use
        results[(0, "help", "warm")] = sweep([*exe, "--help"], env, (0,), max(repeat, 5))
        for size in sizes:
            root = programme(data, size, seed)
            print(f"timing {size} children ...", file=sys.stderr)
            base = [sys.executable, str(HERE / "baseline.py"), str(root), "--today", TODAY]
            sweep(base, env, (0,), 1)  # warm the OS file cache for everyone alike
            results[(size, "baseline", "warm")] = sweep(base, env, (0,), repeat)
            for name in CACHE_NAMES:  # a cache left by an earlier benchmark run
                shutil.rmtree(root / name, ignore_errors=True)
            cache = Cache(root, xdg, has_flag)
            for cmd in LIUSHOU_COMMANDS:
                argv = [*exe, *(a.format(root=root, out=work) for a in cmd.args)]
                cache.clear()
                first = sweep(argv, env, cmd.ok, 1)  # no cache exists: the first cold run ...
                cache.learn()  # ... and it shows where the cache went
                cold_argv = argv if cache.found or not has_flag else [*exe, "--no-cache", *argv[len(exe):]]
                cold = sweep(cold_argv, env, cmd.ok, repeat - 1, before=cache.clear)
                cold.times += first.times
                cold.rss_kib = max(cold.rss_kib, first.rss_kib)
                results[(size, cmd.key, "cold")] = cold
                if has_flag:  # reading every file afresh, without writing the cache either
                    flagged = [*exe, "--no-cache", *argv[len(exe):]]
                    results[(size, cmd.key, "nocache")] = sweep(flagged, env, cmd.ok, repeat)
                sweep(argv, env, cmd.ok, 1)  # the priming run
                results[(size, cmd.key, "warm")] = sweep(argv, env, cmd.ok, repeat)
            cache.clear()
            notes.append(f"{size:,} children: {cache.describe()}")
            results.update(bench_writes(exe, env, root, work / f"writes-{size}", size, repeat))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    notes.append(f"load average (1 / 5 / 15 min) before: {load_before}; after: {load()}")
    return render(sizes, repeat, results, notes)


def bench_writes(exe: list[str], env: dict[str, str], root: Path, copy: Path, size: int,
                 repeat: int) -> dict[tuple[int, str, str], Result]:
    """Each writing command warm, in a copy of the programme (the generated one stays as
    it is for the next benchmark run): one priming write, then ``repeat`` timed ones, each
    a new write to a different pairing or child."""
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*CACHE_NAMES))
    time.sleep(3)  # as after generating: files this fresh are never trusted by their stat alone
    check = [*exe, "--records", str(copy), "check", "--today", TODAY]
    sweep(check, env, (0,), 1)  # the cache and the snapshot, as any earlier command leaves them
    targets = write_targets(copy, len(WRITE_COMMANDS) * (repeat + 1))
    runs = iter(enumerate(targets))
    results: dict[tuple[int, str, str], Result] = {}
    for write in WRITE_COMMANDS:
        result = Result()
        for i in range(repeat + 1):
            n, target = next(runs)
            seconds, rss = run_once(write_argv(exe, write, copy, target, n), env, (0,))
            if i:  # the first is the priming run
                result.times.append(seconds)
                result.rss_kib = max(result.rss_kib, rss)
        results[(size, write.key, "warm")] = result
    shutil.rmtree(copy, ignore_errors=True)
    return results


def render(sizes: list[int], repeat: int, results: dict[tuple[int, str, str], Result],
           notes: list[str]) -> tuple[list[str], bool]:
    mib = 1024
    out = ["## Machine", "", *machine(), "", f"Median of {repeat} runs per cell; peak memory is the "
           "largest resident set of any of them. Times are whole processes (start-up included).",
           *[f"- {note}" for note in notes], "",
           "## Results", "",
           "| children | command | cold s | warm s | `--no-cache` s | cold ÷ baseline | warm ÷ baseline "
           "| peak MiB | memory ÷ baseline | time ÷ previous size (cold / warm) |",
           "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    helped = results[(0, "help", "warm")]
    out.append(f"| — | `liushou --help` | — | {fmt_s(helped.median)} | | | | {helped.rss_kib / mib:.0f} | | |")
    for i, size in enumerate(sizes):
        base = results[(size, "baseline", "warm")]
        out.append(f"| {size:,} | baseline (PyYAML CSafeLoader + csv) | {fmt_s(base.median)} | "
                   f"{fmt_s(base.median)} | | 1 | 1 | {base.rss_kib / mib:.0f} | 1 | "
                   f"{scaling(results, sizes, i, 'baseline')} |")
        for cmd in LIUSHOU_COMMANDS:
            cold, warm = results[(size, cmd.key, "cold")], results[(size, cmd.key, "warm")]
            flagged = results.get((size, cmd.key, "nocache"))
            rss = max(cold.rss_kib, warm.rss_kib, flagged.rss_kib if flagged else 0)
            out.append(f"| {size:,} | {cmd.label} | {fmt_s(cold.median)} | {fmt_s(warm.median)} | "
                       f"{fmt_s(flagged.median if flagged else None)} | "
                       f"{cold.median / base.median:.2f}× | {warm.median / base.median:.2f}× | "
                       f"{rss / mib:.0f} | {rss / base.rss_kib:.2f}× | {scaling(results, sizes, i, cmd.key)} |")
        for write in WRITE_COMMANDS:
            warm = results[(size, write.key, "warm")]
            grown = (f"— / {warm.median / results[(sizes[i - 1], write.key, 'warm')].median:.1f}× "
                     f"(for {size / sizes[i - 1]:g}× children)" if i else "")
            out.append(f"| {size:,} | {write.label} (warm after a write) | — | {fmt_s(warm.median)} | | | "
                       f"{warm.median / base.median:.2f}× | {warm.rss_kib / mib:.0f} | "
                       f"{warm.rss_kib / base.rss_kib:.2f}× | {grown} |")
    targets, failed = target_rows(sizes, results)
    big = sizes[-1]
    out += ["", f"## Targets (at {big:,} children; ratios to the baseline measured in the same run)", "",
            "| target | measured | limit | result |", "|---|---|---|---|", *targets]
    if len(os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)) != 2:
        out += ["", "Note: the targets are stated for a 2-core machine; this one differs."]
    return out, failed


def scaling(results: dict[tuple[int, str, str], Result], sizes: list[int], i: int, key: str) -> str:
    if i == 0:
        return ""
    small, big = sizes[i - 1], sizes[i]
    parts = []
    for mode in (("warm",) if key == "baseline" else ("cold", "warm")):
        ratio = results[(big, key, mode)].median / results[(small, key, mode)].median
        parts.append(f"{ratio:.1f}×")
    return " / ".join(parts) + f" (for {big / small:g}× children)"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def target_rows(sizes: list[int], results: dict[tuple[int, str, str], Result]) -> tuple[list[str], bool]:
    big = sizes[-1]
    base = results[(big, "baseline", "warm")]
    rows: list[str] = []
    failed = False
    for label, key, mode, limit in RATIO_TARGETS:
        got = results[(big, key, mode)].median
        ok = got / base.median <= limit
        failed |= not ok
        rows.append(f"| {label} | {got / base.median:.2f}× ({fmt_s(got)} s vs {fmt_s(base.median)} s) | "
                    f"≤ {limit:g}× | {verdict(ok)} |")
    helped = results[(0, "help", "warm")].median
    failed |= helped >= HELP_LIMIT_S
    rows.append(f"| `liushou --help` | {fmt_s(helped)} s | < {HELP_LIMIT_S} s | {verdict(helped < HELP_LIMIT_S)} |")
    worst_mem = max((max(r.rss_kib for m in ("cold", "warm", "nocache") if (r := results.get((big, c.key, m)))),
                     c.label) for c in LIUSHOU_COMMANDS)
    mem_ratio = worst_mem[0] / base.rss_kib
    failed |= mem_ratio > MEMORY_LIMIT
    rows.append(f"| peak memory, every command | {mem_ratio:.2f}× (worst: {worst_mem[1]}, "
                f"{worst_mem[0] / 1024:.0f} MiB vs {base.rss_kib / 1024:.0f} MiB) | ≤ {MEMORY_LIMIT:g}× | "
                f"{verdict(mem_ratio <= MEMORY_LIMIT)} |")
    slowest = max((results[(big, w.key, "warm")].median, w.label) for w in WRITE_COMMANDS)
    heaviest = max((results[(big, w.key, "warm")].rss_kib, w.label) for w in WRITE_COMMANDS)
    ok = slowest[0] / base.median <= WRITE_LIMIT and heaviest[0] / base.rss_kib <= MEMORY_LIMIT
    failed |= not ok
    rows.append(f"| writing command warm (`log`, `add child`, `assess`, `pair`, `concern`) | "
                f"{slowest[0] / base.median:.2f}× (slowest: {slowest[1]}, {fmt_s(slowest[0])} s vs "
                f"{fmt_s(base.median)} s); memory {heaviest[0] / base.rss_kib:.2f}× ({heaviest[1]}, "
                f"{heaviest[0] / 1024:.0f} MiB) | ≤ {WRITE_LIMIT:g}×, memory ≤ {MEMORY_LIMIT:g}× | {verdict(ok)} |")
    if len(sizes) > 1:
        small = sizes[-2]
        allowed = SCALING_SLACK * big / small
        worst = max((results[(big, c.key, m)].median / results[(small, c.key, m)].median, f"{c.label} {m}")
                    for c in LIUSHOU_COMMANDS for m in ("cold", "warm"))
        failed |= worst[0] > allowed
        rows.append(f"| {big / small:g}× the children, every command and mode | worst {worst[0]:.1f}× "
                    f"({worst[1]}) | ≤ {allowed:g}× | {verdict(worst[0] <= allowed)} |")
    return rows, failed


if __name__ == "__main__":
    sys.exit(main())
