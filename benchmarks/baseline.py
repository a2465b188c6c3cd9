"""The baseline: what a capable coordinator would write instead of installing liushou.

Reads the same folder with PyYAML's C loader and the csv module, indexes the
contacts by pairing, and lists active pairings without a contact in 30 days.
No positions, no validation, no duty rules: the least work that still answers
"who has not been contacted". liushou's times are compared to this one.

    python benchmarks/baseline.py RECORDS_DIR [--today YYYY-MM-DD]
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

LOADER = yaml.CSafeLoader  # the C (libyaml) loader; fails loudly if PyYAML was built without it


def read_folder(root: Path, folder: str) -> dict[str, dict]:
    records = {}
    for path in sorted((root / folder).glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            record = yaml.load(fh, Loader=LOADER)
        records[str(record["id"])] = record
    return records


def read_contacts(root: Path) -> dict[str, list[dict]]:
    """Every row of every contacts/*.csv, grouped by pairing, oldest first."""
    by_pairing: dict[str, list[dict]] = defaultdict(list)
    for path in sorted((root / "contacts").rglob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                row["date"] = date.fromisoformat(row["date"])
                by_pairing[row["pairing"]].append(row)
    for rows in by_pairing.values():
        rows.sort(key=lambda r: r["date"])
    return by_pairing


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    today = date.fromisoformat(argv[argv.index("--today") + 1]) if "--today" in argv else date.today()
    with open(root / "liushou.yaml", encoding="utf-8") as fh:
        program = yaml.load(fh, Loader=LOADER)
    children = read_folder(root, "children")
    helpers = read_folder(root, "helpers")
    pairings = read_folder(root, "pairings")
    contacts = read_contacts(root)
    late = []
    for pid, pairing in sorted(pairings.items()):
        child = children.get(str(pairing["child"]))
        end = pairing.get("end")
        if child is None or pairing["start"] > today or (end is not None and end < today):
            continue
        left = (child.get("left") or {}).get("date")
        if child["enrolled"] > today or (left is not None and left <= today):
            continue
        rows = [r for r in contacts.get(pid, ()) if r["date"] <= today]
        last = rows[-1]["date"] if rows else pairing["start"]
        if last + timedelta(days=30) < today:
            late.append({"pairing": pid, "child": child["id"], "last": last.isoformat()})
    summary = {"program": program.get("program"), "children": len(children), "helpers": len(helpers),
               "pairings": len(pairings), "contacts": sum(map(len, contacts.values())),
               "late": len(late)}
    json.dump({"summary": summary, "late": late}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
