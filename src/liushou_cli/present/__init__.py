"""Every way liushou shows or writes a result: terminal tables, plain aligned text,
JSON, CSV, XLSX, Markdown, DOCX and reminder text.

The core (``duties``, ``reports``) hands over data; a presenter here turns it into
text or bytes; ``cli`` picks the presenter and says where it goes. Files are put in
place by one writer (``files``), cells Excel would run are made safe by one
neutraliser (``cells``), JSON is encoded by one encoder (``jsonout``) and templates
render in one Jinja environment (``templating``). See ``docs/architecture.md``.
"""
