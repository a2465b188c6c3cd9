"""Term reports and tables: pure data built from records, then presenters.

``data`` turns records + a term + an as-of day into the plain dict every
presenter (JSON, Markdown, DOCX) and every programme's own template sees;
``redact`` masks it for documents leaving the school; ``tables`` builds the
registers coordinators hand on (结对登记表, 花名册, 交接名单).
"""
