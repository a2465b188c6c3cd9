"""Concerns not yet reported (强制报告): an alert each, whatever its age (docs/duties.md, "强制报告事项")."""

from __future__ import annotations

from datetime import date

from liushou_cli.duties.items import Alert
from liushou_cli.model import Child


def alerts(child: Child, today: date) -> list[Alert]:
    """Concerns not reported as of ``today`` (a later report did not exist yet then)."""
    return [
        Alert(child.id, concern.type, concern.date, i)
        for i, concern in enumerate(child.concerns)
        if concern.date <= today and (concern.reported is None or concern.reported.date > today)
    ]
