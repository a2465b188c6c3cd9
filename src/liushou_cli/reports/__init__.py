"""Term reports and tables as data: pure, built from records; ``present`` shows them.

``data`` turns records + a term + an as-of day into the plain dict every
presenter (``present.report``: JSON, Markdown, DOCX) and every programme's own template sees;
``redact`` masks it for documents leaving the school; ``tables`` builds the
registers coordinators hand on (结对登记表, 花名册, 交接名单).
"""
