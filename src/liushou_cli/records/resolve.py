"""Contact rows that name a child instead of a pairing, or a helper by name.

RECORDS.md 1.1: a ``child`` / ``儿童`` column (an id or a name) may stand instead of
``pairing``: the row belongs to that child's one pairing active on the row's date.
Which pairing that is needs the children and pairings, so it is decided here, where
the programme is assembled, not in the per-file parser whose result the records
cache keeps. A ``helper`` cell may hold a helper's name as well: the one helper of
that name (or, when several share it, the one of them in the row's pairing).

Pure: reads loaded records, gives back the contacts with ids and the problems, as
codes with the candidates a coordinator chooses from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from liushou_cli.model import Contact
from liushou_cli.phrases import listed, period, phrase
from liushou_cli.problems import Problem, error
from liushou_cli.records.loaded import Records
from liushou_cli.records.lookup import Ambiguous, NameIndex, NotFound


class _Resolver:
    """Indexes built once per load, only when some row needs them."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self._children: NameIndex | None = None
        self._helpers: NameIndex | None = None
        self._pairings: dict[str, list[str]] | None = None
        self.problems: list[Problem] = []

    def contact(self, contact: Contact) -> Contact | None:
        """The row with ids in place of names, or None (its problem recorded)."""
        if contact.child is not None:
            found = self._child_row(contact)
            if found is None:
                return None
            contact = found
        helpers = self.records.helpers
        if contact.helper is not None and contact.helper not in helpers:
            return self._helper_row(contact)
        return contact

    # the child column ----------------------------------------------------------
    def _child_id(self, contact: Contact, text: str) -> str | None:
        if self._children is None:
            self._children = NameIndex(self.records.children, "child")
        where = (contact.path, contact.line, contact.col("child"))
        try:
            return self._children.one(text)
        except Ambiguous as exc:
            self.problems.append(error(*where, "contact-ambiguous-child", child=text, count=len(exc.candidates),
                                       candidates=listed(exc.candidates)))
        except NotFound as exc:
            if ("children", text) not in self.records.broken:  # a broken archive has its own error
                close = phrase("resolve.close", ids=listed(exc.candidates)) if exc.candidates else ""
                self.problems.append(error(*where, "contact-unknown-child", child=text, candidates=close))
        return None

    def _child_row(self, contact: Contact) -> Contact | None:
        text = contact.child or ""
        cid = self._child_id(contact, text)
        if cid is None:
            return None
        where = (contact.path, contact.line, contact.col("child"))
        pairings = self.records.pairings
        if contact.pairing:  # both written: they must agree
            pairing = pairings.get(contact.pairing)
            if pairing is not None and pairing.child != cid:
                self.problems.append(error(*where, "contact-child-mismatch", child=text,
                                           pairing=contact.pairing, other=pairing.child))
                return None
            return replace(contact, child=None)
        if self._pairings is None:
            self._pairings = defaultdict(list)
            for pid, pairing in sorted(pairings.items()):
                self._pairings[pairing.child].append(pid)
        kid = self.records.children[cid]
        own = self._pairings.get(cid, [])
        active = [pid for pid in own if pairings[pid].active_on(contact.date, kid)]
        if len(active) == 1:
            cols = (*contact.cols, ("pairing", contact.col("child")))
            return replace(contact, pairing=active[0], child=None, cols=cols)
        day = contact.date.isoformat()
        if active:
            self.problems.append(error(*where, "contact-child-several-pairings", child=text, date=day,
                                       count=len(active), candidates=listed(active)))
        else:
            spans = [phrase("resolve.pairing_period", pairing=pid, period=period(pairings[pid].start, pairings[pid].end))
                     for pid in own]
            self.problems.append(error(*where, "contact-child-no-pairing", child=text, date=day,
                                       candidates=phrase("resolve.pairings", ids=listed(spans)) if spans else ""))
        return None

    # the helper column -----------------------------------------------------------
    def _helper_row(self, contact: Contact) -> Contact | None:
        text = contact.helper or ""
        if self._helpers is None:
            self._helpers = NameIndex(self.records.helpers, "helper")
        try:
            return replace(contact, helper=self._helpers.one(text))
        except NotFound:
            return contact  # no such helper: ``check`` reports it (unknown-helper), as for an id
        except Ambiguous as exc:
            pairing = self.records.pairings.get(contact.pairing)
            mine = [hid for hid in exc.candidates if pairing is not None and hid in pairing.helpers]
            if len(mine) == 1:
                return replace(contact, helper=mine[0])
            self.problems.append(error(contact.path, contact.line, contact.col("helper"),
                                       "contact-ambiguous-helper", helper=text, count=len(exc.candidates),
                                       candidates=listed(exc.candidates)))
            return None


def resolve_contacts(records: Records) -> None:
    """Give every contact of ``records`` its pairing and helper ids; a row whose child or
    helper cannot be told is left out, with an error at its cell naming the candidates."""
    helpers = records.helpers
    pending = [i for i, c in enumerate(records.contacts)
               if c.child is not None or (c.helper is not None and c.helper not in helpers)]
    if not pending:
        return
    resolver = _Resolver(records)
    rows: list[Contact | None] = list(records.contacts)
    for i in pending:
        rows[i] = resolver.contact(records.contacts[i])
    records.contacts = [c for c in rows if c is not None]
    records.problems += resolver.problems
