"""Round-trip YAML that changes only what was meant.

ruamel keeps comments, key order and quotes, but re-flows some things it did not
need to touch (a flow mapping written over two lines). So after an edit every
top-level key whose value did not change is put back byte for byte, and the result
is checked to mean exactly the edited document.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap


def rt_yaml() -> YAML:
    """The round-trip reader/writer whose settings change only what was meant."""
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def dump_yaml(doc: Any) -> str:
    """The document as text; a date or text used twice is written twice, never as
    ``&id001``/``*id001`` (anchors mean nothing to the people reading the file)."""
    yaml = rt_yaml()
    keep = yaml.representer.ignore_aliases
    yaml.representer.ignore_aliases = lambda data: isinstance(data, (date, str)) or keep(data)  # type: ignore[method-assign]
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()[:10]
    return value


def _blocks(text: str) -> tuple[str, dict[str, str], list[str]]:
    """Split a YAML mapping's text into the part before its first key and one block of
    lines per top-level key (its comment lines following it included)."""
    doc = rt_yaml().load(text)
    lines = text.splitlines(keepends=True)
    if not isinstance(doc, CommentedMap) or not doc:
        return text, {}, []
    keys = list(doc.keys())
    starts = [doc.lc.key(k)[0] for k in keys]
    if doc.fa.flow_style() or any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
        raise ValueError("not one top-level key a line")
    blocks: dict[str, str] = {}
    for i, key in enumerate(keys):
        end = starts[i + 1] if i + 1 < len(keys) else len(lines)
        block = "".join(lines[starts[i]:end])
        blocks[str(key)] = block if block.endswith("\n") else block + "\n"
    return "".join(lines[: starts[0]]), blocks, [str(k) for k in keys]


def minimal_yaml_text(original: str, doc: CommentedMap) -> str:
    """The edited document's text, with every top-level key whose value did not change
    kept byte for byte as it was (ruamel would re-flow multi-line flow mappings)."""
    dumped = dump_yaml(doc)
    try:
        head, old_blocks, _ = _blocks(original)
        _, new_blocks, new_keys = _blocks(dumped)
        old_doc = rt_yaml().load(original)
    except Exception:  # the original could not be split: fall back to ruamel's text
        return dumped
    new_plain = _plain(doc)
    old_plain = _plain(old_doc)
    out = [head]
    for key in new_keys:
        same = key in old_blocks and old_plain.get(key) == new_plain.get(key)
        out.append(old_blocks[key] if same else new_blocks[key])
    text = "".join(out)
    if not original.endswith("\n") and text.endswith("\n") and text[:-1] == original:
        return original
    try:  # the safety net: the spliced text must mean exactly what the edited document means
        same = _plain(rt_yaml().load(text)) == new_plain
    except Exception:
        same = False
    return text if same else dumped
