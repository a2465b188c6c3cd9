"""Every command's output on a programme, written to a folder, to compare two commits.

A restructuring that should change no output (issue 18) is checked by running this
at the commit before and the commit after and comparing the folders byte by byte::

    python benchmarks/outputs.py OUT-BEFORE            # on the old commit
    python benchmarks/outputs.py OUT-AFTER             # on the new one
    diff -r OUT-BEFORE OUT-AFTER                       # nothing: nothing changed

Each command runs as a fresh process (the ``liushou`` beside this interpreter), in
both languages, on three programmes: the example programme, the same with the
mistakes people make (Excel-saved CSV, Chinese values, a YAML error, a full-width
colon, a bad field...), the same with mistakes that leave a file out, and a generated one (``--children N``, default 1,000; the
issue's 10,000 with ``--children 10000``). For each run the folder gets stdout,
stderr and the exit status, and every file the command wrote; a .docx or .xlsx is
unpacked into its parts, leaving out ``docProps/core.xml`` (it holds the time of
writing). Writing commands run on a copy, and the records they leave are kept too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run.py and generate.py are siblings
from run import liushou_exe  # noqa: E402

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "records"
TODAY = "2026-11-23"

# (name, argv after --records ROOT); {out} is a fresh output folder of the run
READS: list[tuple[str, list[str]]] = [
    ("help", ["--help"]),
    ("due-help", ["due", "--help"]),
    ("check", ["check"]),
    ("check-json", ["check", "--json"]),
    ("check-privacy", ["check", "--privacy"]),
    ("due", ["due"]),
    ("due-all", ["due", "--all"]),
    ("due-by-child", ["due", "--by", "child"]),
    ("due-by-duty", ["due", "--by", "duty"]),
    ("due-json", ["due", "--json"]),
    ("due-csv", ["due", "--csv"]),
    ("due-csv-file", ["due", "--csv", "-o", "{out}/due.csv"]),
    ("due-helper", ["due", "--helper", "H001"]),
    ("due-quiet", ["due", "--quiet-days", "30"]),
    ("due-quiet-json", ["due", "--quiet-days", "30", "--json"]),
    ("explain-pairing", ["explain", "P001"]),
    ("explain-child", ["explain", "C001"]),
    ("explain-json", ["explain", "P001", "--json"]),
    ("explain-child-json", ["explain", "C003", "--json"]),
    ("remind", ["remind"]),
    ("remind-dir", ["remind", "-o", "{out}/remind"]),
    ("report-md", ["report", "--format", "md", "-o", "{out}/report.md"]),
    ("report-md-redact", ["report", "--format", "md", "--redact", "-o", "{out}/report.md"]),
    ("report-md-contacts", ["report", "--format", "md", "--with-contacts", "-o", "{out}/report.md"]),
    ("report-json", ["report", "--format", "json", "-o", "{out}/report.json"]),
    ("report-docx", ["report", "--format", "docx", "-o", "{out}/report.docx"]),
    ("table-pairings-csv", ["table", "pairings", "-o", "{out}/t.csv"]),
    ("table-roster-xlsx", ["table", "roster", "-o", "{out}/t.xlsx"]),
    ("table-handover-docx", ["table", "handover", "-o", "{out}/t.docx"]),
    ("table-roster-csv", ["table", "roster", "-o", "{out}/t.csv"]),
    ("table-helpers-xlsx", ["table", "helpers", "-o", "{out}/t.xlsx"]),
    ("schema", ["schema"]),
]
WRITES: list[tuple[str, list[str]]] = [
    ("log", ["log", "P001", "家访", "--date", "2026/11/20", "--summary", "走访"]),
    ("log-bad", ["log", "P001", "bogus-kind", "--date", "2026-11-20"]),
    ("add-child", ["add", "child", "--name", "新同学", "--gender", "女", "--birth-date", "2018-03-04"]),
    ("assess", ["assess", "C001", "high", "--date", "2026-11-20", "--by", "张秀梅"]),
    ("concern", ["concern", "C002", "unsupervised", "--date", "2026-11-20"]),
    ("pair", ["pair", "C001", "H003", "--start", "2026-11-01"]),
    ("unpair", ["unpair", "P001", "--date", "2026-11-22"]),
    ("leave", ["leave", "C004", "--date", "2026-11-22", "--reason", "parents_returned"]),
    ("set", ["set", "C001", "学校=水湖镇中心小学"]),
    ("unlog", ["unlog", "contacts/2025-09.csv:2", "--yes"]),
]


def broken(root: Path) -> None:
    """The example programme as people leave it: every kind of mistake ``check`` knows."""
    contacts = root / "contacts" / "2025-10.csv"
    text = contacts.read_text(encoding="utf-8").replace("2025-10-0", "2025/10/")
    text = text.replace("date,pairing,kinds,helper", "日期,结对编号,联系类型,帮扶人")
    contacts.write_bytes(text.encode("gbk", errors="replace"))  # Excel's "CSV (逗号分隔)"
    child = root / "children" / "C002.yaml"
    text = child.read_text(encoding="utf-8")
    child.write_text(text.replace("gender: female", "gender: 女").replace("gender: male", "gender: 男"),
                     encoding="utf-8")
    c3 = root / "children" / "C003.yaml"
    c3.write_text(c3.read_text(encoding="utf-8").replace("relation: ", "relation：", 1), encoding="utf-8")
    c5 = root / "children" / "C005.yaml"
    text = c5.read_text(encoding="utf-8")
    c5.write_text(text.replace("birth_date: 20", "birth_date: 19", 1) + "hobby: 画画\n", encoding="utf-8")
    month = root / "contacts" / "2026-11.csv"
    with month.open("a", encoding="utf-8") as f:
        f.write("2026-11-05,P999,talk,H001,in_person,30,没有这个结对\n")
        f.write("2026/11/6,P003,家访；谈心,H001,当面,30,Excel 的日期与中文类型\n")


def fatal(root: Path) -> None:
    """Mistakes that leave a file out: a YAML error, a child's bad id, an impossible date."""
    c6 = root / "children" / "C006.yaml"
    c6.write_text(c6.read_text(encoding="utf-8").replace("\nname: ", "\nname: [unclosed ", 1), encoding="utf-8")
    p2 = root / "pairings" / "P002.yaml"
    p2.write_text(p2.read_text(encoding="utf-8").replace("child: C", "child: X", 1), encoding="utf-8")
    c7 = root / "children" / "C007.yaml"
    c7.write_text(c7.read_text(encoding="utf-8").replace("enrolled: ", "enrolled: 2026-02-30 #", 1),
                  encoding="utf-8")
    month = root / "contacts" / "2026-10.csv"
    with month.open("a", encoding="utf-8") as f:
        f.write("2026-10-32,P003,home_visit,H001,in_person,30,日期不对\n")


def keep(source: Path, dest: Path) -> None:
    """A written file into ``dest``; a zip (docx, xlsx) as its parts, without the time of writing."""
    if source.suffix in (".docx", ".xlsx") and zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as z:
            for name in sorted(z.namelist()):
                if name == "docProps/core.xml" or name.endswith("/"):
                    continue
                part = dest.with_name(dest.name + ".parts") / name
                part.parent.mkdir(parents=True, exist_ok=True)
                part.write_bytes(z.read(name))
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".liushou-cache" not in p.parts and ".git" not in p.parts}


def run(exe: list[str], root: Path, argv: list[str], dest: Path, env: dict[str, str], work: Path) -> None:
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    args = [*exe, "--records", str(root), *(a.format(out=out) for a in argv)]
    if argv and argv[0] not in ("schema",) and "--help" not in argv:
        args += ["--today", TODAY]
    done = subprocess.run(args, capture_output=True, env=env, cwd=work, stdin=subprocess.DEVNULL)
    dest.mkdir(parents=True, exist_ok=True)
    text_of = str(root), str(out)  # paths of this run's folders: the same words in both runs
    def clean(data: bytes) -> bytes:
        for path, word in zip(text_of, (b"<records>", b"<out>"), strict=True):
            data = data.replace(path.encode(), word)
        return data
    (dest / "stdout").write_bytes(clean(done.stdout))
    (dest / "stderr").write_bytes(clean(done.stderr))
    (dest / "status").write_text(f"{done.returncode}\n")
    for path in sorted(out.rglob("*")):
        if path.is_file():
            keep(path, dest / "files" / path.relative_to(out))


def programme(exe: list[str], name: str, source: Path, dest: Path, env: dict[str, str], work: Path,
              writes: bool) -> None:
    print(f"{name} ...", file=sys.stderr)
    for lang in ("zh", "en"):
        lang_env = {**env, "LIUSHOU_LANG": lang}
        for cmd, argv in READS:
            run(exe, source, argv, dest / name / lang / cmd, lang_env, work)
        if not writes:
            continue
        for cmd, argv in WRITES:
            copy = work / "copy"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".liushou-cache"))
            before = tree(copy)
            run(exe, copy, argv, dest / name / lang / f"write-{cmd}", lang_env, work)
            after = tree(copy)
            changed = dest / name / lang / f"write-{cmd}" / "records"
            for rel in sorted(set(before) | set(after)):
                if before.get(rel) != after.get(rel):
                    target = changed / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(after.get(rel, b"<deleted>\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (must not exist)")
    parser.add_argument("--children", type=int, default=1000, help="size of the generated programme (0: none)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "liushou-bench",
                        help="where generated programmes are kept between runs")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists")
    exe = liushou_exe()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUSHOU_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "120", "TZ": "UTC", "LIUSHOU_LOCK_WAIT": "60"})
    work = Path(tempfile.mkdtemp(prefix="liushou-outputs-"))
    env["XDG_CACHE_HOME"] = str(work / "xdg")
    try:
        example = work / "example"
        shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns(".liushou-cache"))
        programme(exe, "example", example, args.out, env, work, writes=True)
        mistakes = work / "mistakes"
        shutil.copytree(example, mistakes, ignore=shutil.ignore_patterns(".liushou-cache"))
        broken(mistakes)
        programme(exe, "mistakes", mistakes, args.out, env, work, writes=True)
        left_out = work / "left-out"
        shutil.copytree(mistakes, left_out, ignore=shutil.ignore_patterns(".liushou-cache"))
        fatal(left_out)
        programme(exe, "left-out", left_out, args.out, env, work, writes=True)
        if args.children:
            import generate

            generated = args.data / f"outputs-n{args.children}"
            if not (generated / "liushou.yaml").exists():
                shutil.rmtree(generated, ignore_errors=True)
                generate.generate(generated, args.children, seed=1)
            copy = work / "generated"
            shutil.copytree(generated, copy, ignore=shutil.ignore_patterns(".liushou-cache"))
            programme(exe, f"generated-{args.children}", copy, args.out, env, work, writes=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
