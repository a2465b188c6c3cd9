"""Reading a roster (花名册): .xlsx or CSV as Excel and WPS save them, into child data.

Rosters are made by hand in Excel/WPS: a title row above the header, two-row
headers under merged cells, dates as date cells, serial numbers or text in
half a dozen forms, CSV in GBK. This package turns one into rows of plain child
data (the record format's keys), each with its Excel row number and what could
not be read in it, so the coordinator can fix exactly that row; ``plan`` then
says what importing those rows would do.

One module per step: ``read`` (files and encodings, into a ``sheet``),
``header`` (finding the header row) with ``fields`` (which header means which
field), ``cells`` (values as people type them), ``rows`` (a row to child data),
``errors`` (how reading fails), ``plan`` (add, update or skip each child),
``stage`` (the plan into a ChangeSet). Reading and staging report ``progress``.
"""

from liushou_cli.roster.cells import (
    parse_categories,
    parse_date,
    parse_id_number,
    parse_name,
    parse_phone,
)
from liushou_cli.roster.errors import CellError, Issue, RosterError
from liushou_cli.roster.fields import parse_map
from liushou_cli.roster.read import read_roster
from liushou_cli.roster.rows import RosterRow

__all__ = [
    "CellError",
    "Issue",
    "RosterError",
    "RosterRow",
    "parse_categories",
    "parse_date",
    "parse_id_number",
    "parse_name",
    "parse_phone",
    "parse_map",
    "read_roster",
]
