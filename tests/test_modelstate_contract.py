"""What ``records.modelstate`` assumes about the record models, checked one by one.

A pydantic upgrade that breaks an assumption fails here, naming it (the names are
those of the module's docstring); then the trick that needs it is mended, or it
falls back to pydantic's own way, which ``test_ordinary_pickling_is_the_fallback``
keeps working.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, PrivateAttr

from liushou_cli.model import Child, Contact
from liushou_cli.records import cache, modelstate
from liushou_cli.records.load import load
from liushou_cli.records.loaded import Records
from liushou_cli.records.modelstate import AssumptionBroken


def _holds(check: Any, *args: Any) -> None:
    try:
        check(*args)
    except AssumptionBroken as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def example() -> Records:
    return load(Path(__file__).resolve().parent.parent / "examples" / "records", cache=False)


def _models(records: Records) -> list[BaseModel]:
    """Every model in the example, nested ones too: each record class appears."""
    found: list[BaseModel] = []
    stack: list[Any] = [records.program, *records.children.values(), *records.helpers.values(),
                        *records.pairings.values(), *records.activities.values()]
    while stack:
        value = stack.pop()
        if isinstance(value, BaseModel):
            found.append(value)
            stack.extend(value.__dict__.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def _whole(model: BaseModel) -> tuple[Any, ...]:
    return (type(model), model.model_dump(), model.model_fields_set, model.model_extra, model.__pydantic_private__)


def test_slots() -> None:
    _holds(modelstate.check_slots)


def test_slots_are_what_pydantic_pickles(example: Records) -> None:
    for model in _models(example):
        state = model.__getstate__()
        assert set(state) == set(modelstate.STATE_SLOTS), (
            f"assumption 'slots': pydantic's __getstate__ now gives {sorted(state)}")


def test_no_private() -> None:
    for cls in modelstate.record_classes():
        _holds(modelstate.check_no_private, cls)
        assert modelstate.fast_pickling(cls)


def test_values_by_name(example: Records) -> None:
    for model in _models(example):
        fields = type(model).model_fields
        assert model.__dict__.keys() <= fields.keys(), (
            f"assumption 'values-by-name': {type(model).__name__}.__dict__ holds {sorted(model.__dict__)}")
        for name in model.model_fields_set - (model.model_extra or {}).keys():
            assert model.__dict__[name] is getattr(model, name), f"assumption 'values-by-name': {name}"
    child = Child.model_validate({"id": "C1", "name": "张", "class": "四(2)班", "enrolled": "2026-09-01", "x": 1})
    assert child.__dict__["class_"] == "四(2)班" and "x" not in child.__dict__, "assumption 'values-by-name'"
    before = child.model_dump()
    child.__dict__["enrolled"] = date(2026, 9, 1)  # an equal date, another object
    assert child.model_dump() == before and child.model_dump_json(), "assumption 'values-by-name'"


def test_days_in_a_list_are_shared_in_place() -> None:
    """``verified`` (a list of days) keeps its list and holds equal days, now shared ones."""
    child = Child.model_validate({"id": "C1", "name": "张", "enrolled": "2026-09-01",
                                  "verified": ["2026-10-08", "2026/11/5"]})
    other = Child.model_validate({"id": "C2", "name": "李", "enrolled": "2026-09-01", "verified": ["2026-10-08"]})
    days, before = child.verified, child.model_dump()
    modelstate.share_small_values(child)
    modelstate.share_small_values(other)
    assert child.verified is days and child.model_dump() == before, "assumption 'values-by-name'"
    assert child.verified[0] is other.verified[0]


def test_fields_set_read(example: Records) -> None:
    """The shared frozensets are what pydantic reads, and an assignment fails loudly."""
    models = _models(example)
    for model in models:
        assert type(model.model_fields_set) is frozenset, "assumption 'fields-set-read': the sets are not shared"
        assert model == type(model).model_validate(model.model_dump(by_alias=True)), "assumption 'fields-set-read'"
    shared = {id(model.model_fields_set) for model in models}
    assert len(shared) < len(models), "assumption 'fields-set-read': equal sets are not one object"
    child = next(iter(example.children.values())).model_copy()
    with pytest.raises(AttributeError):
        child.name = "改"  # pydantic adds to the set on assignment: a frozenset refuses
    assert child.model_fields_set is next(iter(example.children.values())).model_fields_set


def test_nothing_writes_or_dumps_the_fields_set() -> None:
    """pydantic's serializer refuses a frozenset for ``exclude_unset`` (as ``model_copy``
    with ``update`` does): liushou must not use them on loaded records."""
    package = Path(modelstate.__file__).resolve().parent.parent
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("exclude_unset", "model_copy("):
            assert needle not in text or path.name == "modelstate.py", (
                f"assumption 'fields-set-read': {path.relative_to(package)} uses {needle}")


def test_contact_fields() -> None:
    _holds(modelstate.check_contact_fields, Contact)


def test_the_checks_can_fail() -> None:
    """Each check refuses what it guards against (else the tests above prove nothing)."""

    class WithPrivate(BaseModel):
        _seen: int = PrivateAttr(0)

    class WithPostInit(BaseModel):
        def model_post_init(self, context: Any) -> None:
            pass

    @dataclasses.dataclass(slots=True)
    class Later:
        a: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass
    class Unslotted:
        a: int

    for cls in (WithPrivate, WithPostInit):
        with pytest.raises(AssumptionBroken, match="no-private"):
            modelstate.check_no_private(cls)
    for other in (Later, Unslotted):
        with pytest.raises(AssumptionBroken, match="contact-fields"):
            modelstate.check_contact_fields(other)


def test_rebuilt_models_are_whole(example: Records) -> None:
    """What the cache pickles with ``rebuild`` comes back equal in every part."""
    models = _models(example)
    again = cache.loads(cache.dumps(models))
    assert [_whole(m) for m in again] == [_whole(m) for m in models]
    assert again == models
    assert b"rebuild" in cache.dumps(models[0]), "record models no longer pickle through rebuild"
    contacts = cache.loads(cache.dumps(example.contacts))
    assert contacts == example.contacts and [c.cols for c in contacts] == [c.cols for c in example.contacts]


def test_ordinary_pickling_is_the_fallback(example: Records) -> None:
    """Pickled by pydantic's own ``__reduce_ex__`` (when a check fails), the cache
    still reads every model back."""
    models = _models(example)
    ordinary = pickle.dumps(models, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"rebuild" not in ordinary
    assert [_whole(m) for m in cache.loads(ordinary)] == [_whole(m) for m in models]
    assert cache.loads(pickle.dumps(example.contacts)) == example.contacts


def test_rebuild_makes_only_record_models() -> None:
    class Other(BaseModel):
        a: int = 0

    with pytest.raises(TypeError):
        modelstate.rebuild(Other, {"a": 1}, {"a"}, None)


def test_shared_values_are_bounded() -> None:
    shared = modelstate.Shared(limit=2)
    first = (1, 2)
    assert shared.one(first) is first and shared.one((1, 2)) is first
    shared.one((3,))
    shared.one((4,))  # past the limit: forgets what it held
    assert len(shared.table) <= 2
    assert shared.one((1, 2)) == first
