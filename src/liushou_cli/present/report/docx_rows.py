"""Table row loops of a Word template, rendered as a stream instead of a tree.

docxtpl renders a document as one Jinja string, regex-patches it and parses it
with lxml: for a county's report (20,000 table rows) that is seconds and
hundreds of megabytes, nearly all spent on the ``{%tr for %}`` rows. A row
loop whose cells only *print* values (every tag inside a cell's text, every
block closed in that same text) cannot change the document's structure, so
it is cut out of the template before docxtpl renders: a placeholder row stays
(docxtpl still sees the table's shape), the loop becomes a template of its own,
and its rows are written, escaped and unparsed, straight into the saved
``word/document.xml`` -- from the very template, so a restyled table keeps its
style. Anything else (``{%tc %}``, ``{%p %}`` or ``cellbg`` in a row,
``{% set %}``, ``|safe``...) is left to docxtpl as before: slower, never wrong.
"""

from __future__ import annotations

import re
import secrets
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from docxtpl import DocxTemplate

if TYPE_CHECKING:
    from jinja2 import Environment, Template

DOCUMENT = "word/document.xml"
# the only statements a template may use for its loops to be cut out: anything else
# (set, macro, import, include, with, raw...) could define or change what a loop sees
KNOWN = frozenset({"if", "elif", "else", "endif", "for", "endfor"})
TAG = re.compile(r"\{#.*?#\}|\{%[-+]?\s*(\w*)(.*?)[-+]?%\}|\{\{.*?\}\}", re.S)
TEXT = re.compile(r"<w:t(?: [^>]*)?>(.*?)</w:t>", re.S)
UNSAFE = re.compile(r"\bsafe\b|\burlize\b|\bxmlattr\b|\bMarkup\b|wp:docPr")
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
LISTING = re.compile(r"[\t\a\n\f]")  # what docxtpl's resolve_listing turns into markup
PARA = re.compile(r"<w:p[ >]")


@dataclass
class Loop:
    """One cut-out row loop: its own template, and the comments that bracket its place."""

    begin: str
    end: str
    template: Template
    source: str


def _blocks_balance(text: str) -> bool:
    """Every ``if``/``for`` opened in ``text`` is closed in it (so output is text only)."""
    depth = 0
    for match in TAG.finditer(text):
        word = match.group(1)
        if word in ("if", "for"):
            depth += 1
        elif word in ("endif", "endfor"):
            depth -= 1
            if depth < 0:
                return False
        elif word is not None and word not in KNOWN:
            return False
    return depth == 0


def _liftable(body: str) -> bool:
    """Whole ``<w:tr>`` rows whose tags all sit inside cell text, and print escaped values."""
    body = body.strip()
    if not (body.startswith("<w:tr") and body.endswith("</w:tr>")) or UNSAFE.search(body):
        return False
    if "{#" in body or "{_" in body:
        return False
    if not all(_blocks_balance(m.group(1)) for m in TEXT.finditer(body)):
        return False
    outside = TEXT.sub("", body)
    return "{{" not in outside and "{%" not in outside


def _placeholder(body: str) -> str:
    """The loop's rows with their text emptied: docxtpl's table fixing still sees their shape."""
    return TEXT.sub('<w:t xml:space="preserve"></w:t>', body)


def lift(src: str, env: Environment) -> tuple[str, list[Loop]]:
    """Cut the liftable row loops out of a patched docxtpl body ``src``.

    A loop is lifted only where the template renders it once: at the top or
    inside ``if`` blocks, never inside another loop. The returned main source
    has each loop replaced by commented placeholder rows. Anything that does
    not compile after cutting gives back ``src`` untouched, so docxtpl reports
    the template's own mistakes exactly as before."""
    from jinja2 import TemplateSyntaxError

    tags = [(m.start(), m.end(), m.group(1) or "") for m in TAG.finditer(src)
            if not m.group(0).startswith(("{{", "{#"))]
    if any(word not in KNOWN for _, _, word in tags):
        return src, []
    spans: list[tuple[int, int, int, int]] = []  # for-tag start/end, endfor start/end
    stack: list[tuple[str, int, int]] = []
    for start, end, word in tags:
        if word in ("if", "for"):
            stack.append((word, start, end))
        elif word in ("endif", "endfor"):
            if not stack:
                return src, []
            opened, o_start, o_end = stack.pop()
            if opened != word[3:]:
                return src, []
            if word == "endfor" and all(frame[0] == "if" for frame in stack):
                spans.append((o_start, o_end, start, end))
    if stack:
        return src, []
    token = secrets.token_hex(8)
    pieces: list[str] = []
    loops: list[Loop] = []
    done = 0
    try:
        for f_start, f_end, e_start, e_end in spans:
            body = src[f_end:e_start]
            if not _liftable(body):
                continue
            n = len(loops)
            begin, close = f"<!--liushou-rows-{token}-{n}-->", f"<!--liushou-end-{token}-{n}-->"
            # docxtpl numbers template lines one per paragraph: keep this loop's numbers
            lines = len(PARA.findall(src, 0, f_start))
            block = PARA.sub(lambda m: "\n" + m.group(0), src[f_start:e_end])
            source = "{#" + "\n" * lines + "#}" + block
            loops.append(Loop(begin, close, env.from_string(source), source))
            pieces += [src[done:f_start], begin, _placeholder(body), close]
            done = e_end
        main = "".join(pieces) + src[done:]
        if loops:
            env.parse(PARA.sub(lambda m: "\n" + m.group(0), main))
    except TemplateSyntaxError:
        return src, []
    return main, loops


def rows(loop: Loop, context: dict[str, Any], doc: DocxTemplate, chunk: int = 1 << 16) -> Iterator[str]:
    """The loop's rendered rows as XML text, a few dozen rows at a time.

    The same clean-up as docxtpl's on its whole document: paragraph breaks
    added for line numbers are removed, ``\\n``/``\\t`` in values become Word
    line breaks and tabs, and characters XML cannot hold are dropped (lxml's
    recovering parser drops them in docxtpl's path)."""
    buffer: list[str] = []
    size = 0
    for piece in loop.template.generate(context):
        buffer.append(piece)
        size += len(piece)
        if size >= chunk and "</w:tr>" in piece:  # rows end in the template's own text
            text = "".join(buffer)
            cut = text.rfind("</w:tr>") + len("</w:tr>")
            yield _clean(text[:cut], doc)
            buffer, size = [text[cut:]], len(text) - cut
    if buffer:
        yield _clean("".join(buffer), doc)


def _clean(xml: str, doc: DocxTemplate) -> str:
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    if "{_" in xml or "_}" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if LISTING.search(xml):
        xml = doc.resolve_listing(xml)
    return NOT_XML.sub("", xml) if NOT_XML.search(xml) else xml


class StreamingTemplate(DocxTemplate):  # type: ignore[misc]
    """A DocxTemplate whose simple row loops are streamed at save, not parsed."""

    def __init__(self, template_file: str | Path) -> None:
        super().__init__(str(template_file))
        self.loops: list[Loop] = []
        self.context: dict[str, Any] = {}

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any],
                        jinja_env: Environment | None = None) -> str:
        if jinja_env is not None and part is self.docx._part:
            src_xml, self.loops = lift(src_xml, jinja_env)
            self.context = context
        result: str = super().render_xml_part(src_xml, part, context, jinja_env)
        return result

    def save_streaming(self, out: IO[bytes]) -> None:
        """Save into ``out``, writing each lifted loop's rows in place of its placeholder."""
        import io

        package = io.BytesIO()
        self.save(package)
        package.seek(0)
        with zipfile.ZipFile(package) as zin, \
                zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                if info.filename != DOCUMENT or not self.loops:
                    zout.writestr(info, zin.read(info))
                    continue
                xml = zin.read(info).decode("utf-8")
                target = zipfile.ZipInfo(info.filename, info.date_time)
                target.compress_type = zipfile.ZIP_DEFLATED
                with zout.open(target, "w") as stream:
                    for text in self._document(xml):
                        stream.write(text.encode("utf-8"))

    def _document(self, xml: str) -> Iterator[str]:
        """``word/document.xml`` with every placeholder replaced by its loop's rows."""
        by_begin = {loop.begin: loop for loop in self.loops}
        marks = re.compile("|".join(re.escape(loop.begin) for loop in self.loops))
        done = 0
        for found in marks.finditer(xml):
            if found.start() < done:
                continue
            loop = by_begin[found.group(0)]
            stop = xml.find(loop.end, found.end())
            if stop < 0:  # lxml dropped the end mark: cannot happen with well-formed rows
                raise ValueError("placeholder end not found")
            yield xml[done:found.start()]
            try:
                yield from rows(loop, self.context, self)
            except Exception as exc:
                _attach_context(exc, loop.source)
                raise
            done = stop + len(loop.end)
        yield xml[done:]


def _attach_context(exc: Exception, source: str) -> None:
    """Lines around a failing tag, as docxtpl gives for the rest of the document."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        first = max(lineno - 4, 0)
        exc.docx_context = [re.sub(r"<[^>]+>", "", line)  # type: ignore[attr-defined]
                            for line in source.splitlines()[first:first + 7]]
