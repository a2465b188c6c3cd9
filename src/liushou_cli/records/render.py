"""New record files: the model's key order, the record format's style, the schema line.

Written so a coordinator opening the file sees what the examples in the record
format show: nested mappings and lists of words on one line, phones in quotes.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, get_args

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from liushou_cli.jsonschema import schema_comment
from liushou_cli.records.loaded import FOLDER_MODELS
from liushou_cli.records.yamledit import dump_yaml

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _is_date(annotation: Any) -> bool:
    if annotation is date:
        return True
    return any(_is_date(arg) for arg in get_args(annotation))


def _flow_map(items: dict[str, Any]) -> CommentedMap:
    out = CommentedMap(items)
    out.fa.set_flow_style()
    return out


def _flow_seq(items: list[Any]) -> CommentedSeq:
    out = CommentedSeq(items)
    out.fa.set_flow_style()
    return out


def _scalar(key: str, value: Any, annotation: Any) -> Any:
    if isinstance(value, str) and (key == "phone" or key.endswith("_phone")):
        return DoubleQuotedScalarString(value)
    if isinstance(value, str) and _is_date(annotation) and _ISO.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def shape(model: type[BaseModel], data: dict[str, Any], *, top: bool = True) -> CommentedMap:
    """``data`` as a document in the model's key order (unknown keys last): nested
    mappings and lists of scalars on one line, lists of mappings one item a line,
    like the examples in the record format."""
    fields = {f.alias or name: f for name, f in model.model_fields.items()}
    order = {key: i for i, key in enumerate(fields)}
    data = {("class" if k == "class_" else k): v for k, v in data.items() if v is not None}
    out = CommentedMap()
    for key in sorted(data, key=lambda k: order.get(k, len(order))):
        value = data[key]
        field = fields.get(key)
        annotation = field.annotation if field is not None else None
        sub = _submodel(annotation)
        if isinstance(value, dict):
            inner = shape(sub, value, top=False) if sub else CommentedMap(value)
            inner.fa.set_flow_style()
            out[key] = inner
        elif isinstance(value, (list, tuple)):
            if value and all(isinstance(v, dict) for v in value):
                out[key] = CommentedSeq(_flow_map(shape(sub, v, top=False) if sub else v) for v in value)
            else:
                out[key] = _flow_seq([_scalar(key, v, annotation) for v in value])
        else:
            out[key] = _scalar(key, value, annotation)
    if not top:
        out.fa.set_flow_style()
    return out


def render_record(folder: str, data: dict[str, Any]) -> str:
    """A new record file's whole text, with the editor's schema line first."""
    doc = shape(FOLDER_MODELS[folder], data)
    return schema_comment(folder) + "\n" + dump_yaml(doc)
