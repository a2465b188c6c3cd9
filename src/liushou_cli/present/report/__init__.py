"""The term report (``reports.data.build``'s dict) in each of its formats: one module a
format, one line in ``TEXTS`` (formats that are text: standard output or a file) or
``FILES`` (formats that are only files).

A text format is ``render(data, template) -> str``; a file format is
``render(data, path, template)``, writing through ``present.files``. Both raise
``TemplateProblem`` for a template that cannot be used. ``report`` picks the format
from ``--format`` or the ending of ``-o``. To add a format: a module, its line here,
and its ending in ``cli/report_cmd.FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from liushou_cli.present import jsonout

TextFormat = Callable[[dict[str, Any], "Path | None"], str]
FileFormat = Callable[[dict[str, Any], Path, "Path | None"], None]


def _markdown(data: dict[str, Any], template: Path | None) -> str:
    from liushou_cli.present.report.as_markdown import render_md

    return render_md(data, template)


def _json(data: dict[str, Any], template: Path | None) -> str:
    return jsonout.indented(data)


def _docx(data: dict[str, Any], path: Path, template: Path | None) -> None:
    from liushou_cli.present.report.as_docx import render_docx  # docxtpl: ~115 ms, only when asked

    render_docx(data, path, template)


TEXTS: dict[str, TextFormat] = {"md": _markdown, "json": _json}
FILES: dict[str, FileFormat] = {"docx": _docx}


def write(kind: str, data: dict[str, Any], path: Path, template: Path | None) -> None:
    """The report in format ``kind`` as the whole of ``path`` (owner-only: children's data)."""
    if kind in FILES:
        FILES[kind](data, path, template)
        return
    from liushou_cli.present.files import write_file

    write_file(path, TEXTS[kind](data, template).encode("utf-8"), None)
