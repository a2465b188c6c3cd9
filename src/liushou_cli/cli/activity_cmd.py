"""``liushou activity``: record a group activity (家长会, 集体生日会, 亲情电话...) without YAML.

Who took part is given as a list (ids or names), a class, a village or everyone in
the programme that day; the file is ``activities/A<YYYYMMDD>.yaml`` (``-2``, ``-3``...
when that day has one), written under the lock like every other change.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liushou_cli.cli import edit_common as ec
from liushou_cli.cli.common import (
    CliError,
    LangOpt,
    RecordsOpt,
    TodayOpt,
    parse_day,
    root_of,
)
from liushou_cli.cli.prompts import ask
from liushou_cli.i18n import label, t

if TYPE_CHECKING:
    from liushou_cli.records.load import Records

Opt = typer.Option
S = str | None
_LIST = re.compile(r"[;；,，、\s]+")


def _names(text: str | None) -> list[str]:
    """``C001,张小明`` or ``C001、张小明 C003``: each once, in order."""
    return list(dict.fromkeys(part for part in _LIST.split(text or "") if part))


def activity_kind(text: str) -> str:
    """An activity kind from its English id, its Chinese name (家长会) or a seed's word (两地书亲子情)."""
    from liushou_cli.cli.choices import pick
    from liushou_cli.vocab import ACTIVITY_KINDS, english_value

    return english_value("activity", text) or pick("activity", ACTIVITY_KINDS, text, "edit.field.activity_kind")


def _who(records: Records, day: date, children: S, class_: S, village: S, everyone: bool) -> list[str]:
    """The children reached: listed (ids or names), or every child active on ``day`` of a
    class, a village, or the whole programme; none of these: nobody."""
    from liushou_cli.cli import resolve

    ways = [children is not None, class_ is not None, village is not None, everyone]
    if sum(ways) > 1:
        raise CliError("activity.err.one_way", "activity.hint.one_way")
    if children is not None:
        return list(dict.fromkeys(resolve.child(records, name) for name in _names(children)))
    if not any(ways):
        return []
    wanted = "".join((class_ or village or "").split())
    found = [c.id for c in sorted(records.children.values(), key=lambda c: c.id) if c.active_on(day) and (
        everyone or "".join(((c.class_ if class_ is not None else c.village) or "").split()) == wanted
        or (class_ is not None and "".join(f"{c.grade or ''}{c.class_ or ''}".split()) == wanted))]
    if not found:
        raise CliError("activity.err.nobody", "activity.hint.nobody", which=class_ or village or "",
                       date=day.isoformat())
    return found


def _material(root: Path, text: str) -> str:
    """A material's path as the record keeps it: relative to the records root, ``/``
    separated; a file outside the records, or none, is refused."""
    from liushou_cli.records.checks import material_path

    given = Path(text)
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, root / given]
    for path in candidates:
        try:
            rel = path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            continue
        where = material_path(root, rel)
        if where is not None and where.is_file():
            return rel
    if not any(_inside(root, p) for p in candidates):
        raise CliError("activity.err.material_outside", "activity.hint.material_outside", file=text)
    raise CliError("activity.err.no_material", "activity.hint.material_outside", file=text)


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def activity(
    date_: ec.DateOpt = None,
    kind: Annotated[S, Opt("--kind", help=t("opt.activity.kind"))] = None,
    name: Annotated[S, Opt("--name", help=t("opt.activity.name"))] = None,
    children: Annotated[S, Opt("--children", help=t("opt.activity.children"), metavar="C001,张小明",
                               autocompletion=ec.complete_child)] = None,
    class_: Annotated[S, Opt("--class", help=t("opt.activity.class"), metavar="四(2)班")] = None,
    village: Annotated[S, Opt("--village", help=t("opt.activity.village"))] = None,
    everyone: Annotated[bool, Opt("--all", help=t("opt.activity.all"))] = False,
    helpers: Annotated[S, Opt("--helpers", help=t("opt.activity.helpers"), metavar="H001,李老师",
                              autocompletion=ec.complete_helper)] = None,
    counts_as: Annotated[S, Opt("--counts-as", help=t("opt.activity.counts_as"), metavar="KIND")] = None,
    summary: Annotated[S, Opt("--summary", help=t("opt.activity.summary"))] = None,
    materials: Annotated[list[str] | None, Opt("--material", help=t("opt.activity.material"),
                                               metavar="FILE")] = None,
    record_id: ec.IdOpt = None,
    dry_run: ec.DryRunOpt = False,
    commit: ec.CommitOpt = False,
    records: RecordsOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from liushou_cli.cli import resolve
    from liushou_cli.cli.choices import pick_kinds
    from liushou_cli.records import edits
    from liushou_cli.records.write import WriteError

    root = root_of(records)
    as_of = parse_day(today)
    day = ask(date_, "edit.field.date", "--date", parse=ec.day_on(as_of), prompt=False,
              default=as_of.isoformat()) or as_of
    kind_id = ask(kind, "edit.field.activity_kind", "--kind", required=True, parse=activity_kind)
    title = ask(name, "edit.field.activity_name", "--name", required=True, parse=ec.text)
    gives = pick_kinds(counts_as) if counts_as is not None else []
    loaded = ec.load_records(root)
    reached = _who(loaded, day, children, class_, village, everyone)
    data: dict[str, Any] = {
        "date": day,
        "kind": kind_id,
        "name": title,
        "children": reached or None,
        "helpers": list(dict.fromkeys(resolve.helpers(loaded, _names(helpers)))) or None,
        "counts_as": gives or None,
        "summary": ec.text(summary) if summary else None,
        "materials": [_material(loaded.root, m) for m in materials or ()] or None,
    }
    try:
        plan = edits.add_activity(loaded, data, record_id)
    except WriteError as exc:
        raise ec.refused(exc) from None
    plan.args["kind"] = label("activity", kind_id)
    ec.finish(plan, loaded, as_of, dry_run=dry_run, commit=commit)
