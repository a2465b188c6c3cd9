"""The term report as a Word document, through docxtpl.

The template is an ordinary .docx a coordinator can open and restyle in
Word or WPS; its tags are linted first (full-width punctuation) and a
failure names the tag. Its simple table row loops (the county-sized 结对登记表
and the lists of unmet duties) are streamed into the saved file rather than
parsed (``docx_rows``). Output is written to a temporary file beside the
target and moved into place, so a failed render never leaves half a report.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liushou_cli.present.templating import (
    TAG,
    TemplateProblem,
    explain,
    lint,
    make_env,
    templates_dir,
)
from liushou_cli.progress import Progress, steps

if TYPE_CHECKING:
    from jinja2 import Environment

DEFAULT = "term_report.docx"


def docx_text(path: Path) -> str:
    """Every paragraph of a .docx (body, tables, headers, footers), one per line."""
    from docx import Document

    doc = Document(str(path))
    lines: list[str] = []

    def walk(container: Any) -> None:
        for para in container.paragraphs:
            lines.append(para.text)
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    for section in doc.sections:
        for part in (section.header, section.footer):
            walk(part)
    return "\n".join(lines)


def render_docx(data: dict[str, Any], out: Path, template: Path | None = None,
                progress: Progress | None = None) -> None:
    """Render ``data`` into ``out``; a user ``template`` runs sandboxed. Raises ``TemplateProblem``.
    ``progress`` hears of its three parts: reading the template, rendering the
    document around its big tables, and saving (which writes those tables' rows)."""
    from liushou_cli.present.report.docx_rows import StreamingTemplate

    step = steps(progress, "report", 3)
    path = template or templates_dir() / DEFAULT
    from liushou_cli.records.bounded import check_docx

    try:
        check_docx(path)  # the bytes it really inflates to, counted: a lying zip is no 2 GB
        source = docx_text(path)
    except OSError as exc:
        raise TemplateProblem("report.err.tpl_unreadable", path=str(path),
                              why=exc.strerror or type(exc).__name__) from None
    except Exception as exc:  # not a zip, not a Word file, unreadable
        raise TemplateProblem("report.err.tpl_unreadable", path=str(path), why=type(exc).__name__) from None
    lint(source)
    env = make_env(user=template is not None, kind="docx")
    doc = StreamingTemplate(path)
    step()
    from liushou_cli.present.files import file_stream

    with _explained(source, env):
        doc.render(data, jinja_env=env, autoescape=True)
    step()
    with file_stream(out, None) as stream, _explained(source, env):  # owner-only, swept if killed
        doc.save_streaming(stream)  # a row loop failing here is the template's, as above
    step()


@contextmanager
def _explained(source: str, env: Environment) -> Iterator[None]:
    """A template failure as a ``TemplateProblem`` that names the tag."""
    try:
        yield
    except (TemplateProblem, OSError):
        raise
    except Exception as exc:
        problem = explain(exc, source, env)
        context = [line.strip() for line in getattr(exc, "docx_context", []) or []]
        if problem.args_.get("tag") == "?" and context:
            middle = context[min(3, len(context) - 1)]
            found = TAG.findall(middle)
            problem.args_["tag"] = found[0] if found else middle[:60]
        raise problem from None
