"""The term report as Markdown, from ``templates/term_report.md.j2`` or a programme's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from liushou_cli.present.templating import (
    TemplateProblem,
    explain,
    lint,
    make_env,
    read_template,
    templates_dir,
)
from liushou_cli.progress import Progress, steps

DEFAULT = "term_report.md.j2"


def render_md(data: dict[str, Any], template: Path | None = None, progress: Progress | None = None) -> str:
    """Render ``data``; a user ``template`` runs sandboxed. Raises ``TemplateProblem``.
    ``progress`` hears of its two parts: reading the template, rendering."""
    from markupsafe import Markup

    step = steps(progress, "report", 2)
    path = template or templates_dir() / DEFAULT
    try:
        source = read_template(path)
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise TemplateProblem("report.err.tpl_unreadable", path=str(path), why=why) from None
    lint(source)
    env = make_env(user=template is not None, kind="markdown")
    context = dict(data)
    # The coordinator's own narrative is Markdown already: include it as written.
    narrative = data["narrative"]
    context["narrative"] = {**narrative, "text": Markup(narrative["text"]), "nested": Markup(narrative["nested"])}
    try:
        compiled = env.from_string(source)
        step()
        text = compiled.render(context)
    except Exception as exc:  # any Jinja failure becomes a located, named error
        raise explain(exc, source, env) from None
    step()
    return text
