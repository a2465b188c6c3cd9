"""``liushou schema``: write the records' JSON Schemas again (after an upgrade, or if lost).

Only files whose text changed are rewritten, so git shows no churn.
"""

from __future__ import annotations

from liushou_cli.cli.common import CliError, LangOpt, RecordsOpt, root_of
from liushou_cli.cli.env import Env
from liushou_cli.i18n import t


def schema(records: RecordsOpt = None, lang: LangOpt = None) -> None:
    from liushou_cli.jsonschema import SCHEMA_DIR, schema_files
    from liushou_cli.records.write import atomic_write

    root = root_of(records)
    env = Env.create()
    for rel, text in schema_files().items():
        path = root / rel
        data = text.encode("utf-8")
        try:
            if path.is_file() and path.read_bytes() == data:
                env.out.print(t("schema.same", path=rel), markup=False, soft_wrap=True)
                continue
            atomic_write(path, data)
        except OSError as exc:
            raise CliError("init.err.write", "init.hint.write", path=str(path),
                           reason=exc.strerror or type(exc).__name__) from None
        env.out.print(t("schema.wrote", path=rel), markup=False, soft_wrap=True)
    env.err.print(t("schema.done", dir=SCHEMA_DIR), markup=False, soft_wrap=True)
