"""Records as a change to a few files leaves them, made from the records already
assembled instead of loading every file again.

Why: at county scale a write loaded the whole programme a second time (with the
changed files in memory) only to check the change, and the first command after it
assembled the records from the cache again, two seconds each. Replacing what the
changed files gave is enough when the change is one this module can follow:

- a record file (``children/``, ``helpers/``, ``pairings/``) that was valid, keeps
  its ``id`` equal to its file name and is the only file with that id -- or a new
  one whose id no other file, loaded or broken, has;
- a contact log under ``contacts/`` that was and stays readable.

For anything else (``liushou.yaml``, a file that breaks or was broken, an id taken
twice, a file the loader would not read) ``patched`` gives None and the caller loads
everything as before. What it gives is what ``load`` gives for the same files, except
that a file's problems may stand elsewhere in ``problems`` (every reader sorts or
filters them); ``tests/test_write_fast.py`` compares the two.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import re
from collections.abc import Collection, Mapping
from pathlib import PurePath
from typing import Any

from liushou_cli.model import ID_PATTERN, Contact
from liushou_cli.problems import Problem
from liushou_cli.records.loaded import FOLDER_MODELS, Loaded, Records

YAML_SUFFIXES = (".yaml", ".yml")
_ID_SHAPED = re.compile(ID_PATTERN)
CONTACTS = "contacts"


def kind_of(rel: str) -> str | None:
    """The folder whose records a file of this path gives (``contacts`` for a contact
    log), as the loader lists them; None for a file the loader reads otherwise or not
    at all (``liushou.yaml``, hidden files, notes, a file in a sub-folder of ``children/``)."""
    parts = rel.split("/")
    if len(parts) < 2 or any(part.startswith((".", "~$")) or not part for part in parts):
        return None
    if parts[0] in FOLDER_MODELS and len(parts) == 2 and parts[1].lower().endswith(YAML_SUFFIXES):
        return parts[0]
    if parts[0] == CONTACTS and rel.lower().endswith(".csv"):
        return CONTACTS
    return None


def patched(records: Records, values: Mapping[str, Any], created: Collection[str], *,
            in_place: bool = False) -> Records | None:
    """``records`` with each file of ``values`` read as given there (what ``load`` reads
    from such bytes: a ``Loaded``, or ``(readable, contacts, problems)`` for a contact
    log). ``created``: the files that did not exist in ``records``. None when a file is
    one this cannot follow (see the module's notes); then nothing was changed.
    ``in_place`` changes ``records`` itself (one just unpickled); else it is left as it
    was and the result shares what did not change."""
    kinds = {rel: kind_of(rel) for rel in values}
    if any(kind is None for kind in kinds.values()):
        return None
    if records.named_rows and any(kind != CONTACTS for kind in kinds.values()):
        return None  # rows resolved by name may resolve otherwise: the loader decides
    if any(kinds[rel] == "helpers" and _ID_SHAPED.match(str(getattr(value.obj, "name", "")))
           for rel, value in values.items() if isinstance(value, Loaded)):
        return None  # a helper named like an id: a row's unknown id may be meant as that name
    probe = dataclasses.replace(records, contacts=[c for rel, value in values.items()
                                                   if kinds[rel] == CONTACTS and isinstance(value, tuple)
                                                   for c in value[1]])
    if named_rows(probe):
        return None  # a row to resolve by name (``records.resolve``): the loader does that
    records_named = [(kind, stem_of(rel)) for rel, kind in kinds.items() if kind != CONTACTS]
    if len(set(records_named)) != len(records_named):  # C001.yaml and C001.yml in one change
        return None
    if not all(_yaml_fits(records, rel, str(kinds[rel]), values[rel], rel in created)
               if kinds[rel] != CONTACTS else _csv_fits(records, rel, values[rel]) for rel in values):
        return None
    out = records if in_place else dataclasses.replace(records, where=dict(records.where),
                                                      unreadable=list(records.unreadable), basis=None)
    for folder in {str(kind) for kind in kinds.values() if kind != CONTACTS and not in_place}:
        setattr(out, folder, dict(getattr(records, folder)))
    if CONTACTS in kinds.values() and not in_place:
        out.contacts = list(records.contacts)
    new_problems: list[Problem] = []
    for rel, value in sorted(values.items(), key=lambda item: PurePath(item[0])):
        if kinds[rel] == CONTACTS:
            _put_contacts(out.contacts, rel, value[1])
            new_problems += value[2]
        else:
            _put_record(out, str(kinds[rel]), rel, value)
            new_problems += value.problems
    kept = [p for p in records.problems if p.path not in values]
    out.problems = kept + new_problems
    return out


def named_rows(records: Records) -> bool:
    """Whether a row names a child, or a helper by a name (what ``records.resolve`` looks
    up); a cell shaped like an id counts only when some helper's name is so shaped."""
    helpers = records.helpers
    id_names = any(_ID_SHAPED.match(h.name) for h in helpers.values())
    return any(c.child is not None or (c.helper is not None and c.helper not in helpers
                                       and (id_names or not _ID_SHAPED.match(c.helper)))
               for c in records.contacts)


def stem_of(rel: str) -> str:
    return os.path.splitext(rel.rsplit("/", 1)[-1])[0]


def _yaml_fits(records: Records, rel: str, folder: str, value: Any, created: bool) -> bool:
    """A valid record whose id is its file name and no other file's, before and after."""
    stem = stem_of(rel)
    if not (isinstance(value, Loaded) and value.obj is not None and value.salvaged is None
            and getattr(value.obj, "id", None) == stem):
        return False
    key = (folder, stem)
    if key in records.broken or key in records.salvaged:
        return False
    located = records.where.get(key)
    table: dict[str, Any] = getattr(records, folder)
    if created:
        return located is None and stem not in table
    return stem in table and located is not None and located.path == rel


def _csv_fits(records: Records, rel: str, value: Any) -> bool:
    """A contact log that was readable and stays so."""
    return (isinstance(value, tuple) and len(value) == 3 and value[0] is True
            and rel not in records.unreadable)


def _put_record(records: Records, folder: str, rel: str, value: Loaded) -> None:
    stem = stem_of(rel)
    table: dict[str, Any] = getattr(records, folder)
    records.where[(folder, stem)] = value.located
    if stem in table:
        table[stem] = value.obj
        return
    # a new file: where the loader would put it, in file-name order
    name = rel.rsplit("/", 1)[-1]
    last = next(reversed(table), None)
    if last is None or _name(records, folder, last) < name:  # the usual case: the next number
        table[stem] = value.obj
        return
    items = list(table.items())
    at = bisect.bisect_right([_name(records, folder, rid) for rid, _ in items], name)
    table.clear()
    table.update(items[:at])
    table[stem] = value.obj
    table.update(items[at:])


def _name(records: Records, folder: str, record_id: str) -> str:
    return records.where[(folder, record_id)].path.rsplit("/", 1)[-1]


def _put_contacts(contacts: list[Contact], rel: str, rows: list[Contact]) -> None:
    """The rows of ``rel`` in place of its old ones, or where its file stands among the others."""
    at = [i for i, contact in enumerate(contacts) if contact.path == rel]
    if at:
        start, end = at[0], at[-1] + 1
        if end - start != len(at):  # not one run of rows: cannot happen from ``load``
            raise ValueError(rel)
    else:
        where = PurePath(rel)
        start = end = bisect.bisect_right(contacts, where, key=lambda contact: PurePath(contact.path))
    contacts[start:end] = rows
