"""Staging an import plan in a ChangeSet: a new record per child added, fills per update.

Nothing reaches the disk here: the ChangeSet keeps every new text in memory
until the CLI applies it. Rendering a child's YAML (comments, quoting, key
order) takes about a millisecond, so a county roster of ten thousand children
is the slow part of an import: each action is reported to ``progress``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from liushou_cli.progress import Progress, steps
from liushou_cli.roster.plan import ADD, UPDATE, Action, apply_fills

if TYPE_CHECKING:
    from liushou_cli.records.load import Records
    from liushou_cli.records.write import ChangeSet


def stage(actions: Sequence[Action], changes: ChangeSet, existing: Records,
          progress: Progress | None = None) -> None:
    """Put each action into ``changes``; a refused change raises ``WriteError``."""
    step = steps(progress, "import", len(actions))
    for action in actions:
        if action.kind == ADD:
            changes.new_record("children", action.data)
        elif action.kind == UPDATE and action.child_id:
            apply_fills(changes.edit_yaml(existing.located("children", action.child_id).path), action.fills)
        step()
