"""Masking for documents that leave the school (``--redact``).

Names are masked the way Chinese forms do (张*明, 李*). Rather than trusting
each template to call a filter, every string in the report's data is scrubbed
against every name, phone and address the records hold, so the coordinator's
own narrative (reports/<term>.md) is covered too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liushou_cli.progress import Progress, steps

if TYPE_CHECKING:
    from liushou_cli.records.load import Records

HIDDEN = "***"


def mask_name(name: str) -> str:
    """张小明 → 张*明, 李四 → 李*, 欧阳娜娜 → 欧**娜."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


class Redactor:
    """Replaces every known name, phone and address in a text in one pass.

    The match is the one a single regex alternation of all keys, longest
    first, would make: scanning left to right, at each position the longest
    key that starts there is replaced and the scan resumes after it; a key
    inside a longer word or digit run is masked too. A county holds some
    50,000 keys, and a regex alternation tries each of them at every
    character; instead every key (all are at least two characters long) is
    filed under its first two characters with the lengths found there, so a
    position costs one dictionary look-up, and a few more only where a key
    may start.
    """

    def __init__(self, names: set[str], secrets: set[str]) -> None:
        self.replacements: dict[str, str] = {}
        for secret in secrets:
            if len(secret.strip()) >= 2:
                self.replacements[secret.strip()] = HIDDEN
        for name in names:
            if len(name.strip()) >= 2:
                self.replacements[name.strip()] = mask_name(name)
        lengths: dict[str, set[int]] = {}
        for key in self.replacements:
            lengths.setdefault(key[:2], set()).add(len(key))
        self.lengths: dict[str, tuple[int, ...]] = {
            head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()
        }
        self.done: dict[str, str] = {}  # a report repeats its strings: a county's 185,000 are 39,000

    def text(self, value: str) -> str:
        seen = self.done.get(value)
        if seen is None:
            seen = self.done[value] = self.scan(value)
        return seen

    def scan(self, value: str) -> str:
        lengths, replacements = self.lengths, self.replacements
        if not lengths:
            return value
        end = len(value)
        parts: list[str] = []
        done = 0  # value[:done] is already in parts
        i = 0
        while i < end - 1:
            found = lengths.get(value[i : i + 2])
            if found is not None:
                for size in found:
                    if i + size <= end:
                        hidden = replacements.get(value[i : i + size])
                        if hidden is not None:
                            parts.append(value[done:i])
                            parts.append(hidden)
                            i = done = i + size
                            break
                else:
                    i += 1
                continue
            i += 1
        if not parts:
            return value
        parts.append(value[done:])
        return "".join(parts)

    @classmethod
    def from_records(cls, records: Records) -> Redactor:
        names: set[str] = set()
        secrets: set[str] = set()

        def add(bucket: set[str], value: object) -> None:
            if isinstance(value, str) and value.strip():
                bucket.add(value)

        if records.program is not None:
            add(names, records.program.coordinator)
        for c in records.children.values():
            add(names, c.name)
            add(secrets, c.address)
            if c.class_teacher:
                add(names, c.class_teacher.name)
                add(secrets, c.class_teacher.phone)
            if c.guardian:
                add(names, c.guardian.name)
                add(secrets, c.guardian.phone)
                add(secrets, c.guardian.address)
            for p in c.parents:
                add(names, p.name)
                for value in (p.phone, p.work_place, p.employer, p.employer_phone):
                    add(secrets, value)
            if c.consent:
                add(names, c.consent.by)
            for a in c.risk_assessments:
                add(names, a.by)
            for absence in c.absences:
                for persuasion in absence.persuasions:
                    add(names, persuasion.by)
        for h in records.helpers.values():
            add(names, h.name)
            add(secrets, h.phone)
            add(secrets, h.address)
        return cls(names, secrets)

    def data(self, value: Any) -> Any:
        """The same structure with every string scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        return value


def redact_report(data: dict[str, Any], records: Records, progress: Progress | None = None) -> dict[str, Any]:
    """``data`` scrubbed; ``progress`` hears of each of its parts (a county's take seconds)."""
    redactor = Redactor.from_records(records)
    step = steps(progress, "report", len(data))
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = redactor.data(value)
        step()
    out["redacted"] = True
    return out
