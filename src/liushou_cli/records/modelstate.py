"""Every speed trick that reaches inside the record models, with what it assumes.

A county is 120,000 pydantic models (10,000 children with their parents, guardians,
assessments...) and 60,000 contact rows, made on every load: validated from YAML
or unpickled from the records cache. Two things pydantic does in Python cost too
much at that scale, and are done here by hand instead:

- **Pickling.** pydantic's ``__setstate__`` is a Python call per model. ``reduce``
  pickles a record model as one call of ``rebuild``, which sets its four slots
  through their descriptors; a contact is pickled as its class called with its
  fields in order. A warm load after a change unpickles twice as fast.
- **Small values shared.** Each validated model holds its own ``set`` of the names
  of the fields given (~50 MB for a county) and each date its own object (pickled
  80,000 times). ``share_small_values`` makes equal ones one object, through a
  ``Shared`` table bounded in size.

What the tricks assume, each checked by name in ``tests/test_modelstate_contract.py``
(a pydantic upgrade that breaks one fails there, saying which):

``slots``
    A ``BaseModel``'s whole instance state is the four slots in ``STATE_SLOTS``,
    each a descriptor on ``BaseModel`` that can set it, and pydantic's own
    ``__getstate__`` gives exactly those four.
``values-by-name``
    A model's ``__dict__`` holds its field values under the field names (aliases
    and extra keys elsewhere); putting an equal value in place of one (or of an
    item of a list of days, such as a child's ``verified``) changes nothing
    pydantic does with the model.
``no-private``
    Record models have no private attributes and no ``model_post_init``: setting the
    slots makes a model whole, nothing else runs when pydantic makes one.
``fields-set-read``
    pydantic only reads ``__pydantic_fields_set__`` of a model no one assigns to, so
    one frozenset may serve many models. (It adds to it on assignment, which fails
    loudly on a frozenset; ``model_dump(exclude_unset=True)`` and ``model_copy(update=...)``
    refuse one too: liushou uses neither, and assigns to no loaded record.)
``contact-fields``
    ``Contact`` is a slotted dataclass without ``__post_init__``, made whole by
    calling it with its fields in ``dataclasses.fields`` order.

When ``slots`` or ``no-private`` does not hold for a class (checked once per class,
at its first use), its models are pickled the ordinary way: slower, the same
result. When ``__pydantic_fields_set__`` is not a slot, the sets are left alone.
This module imports pydantic only when first used: the CLI imports ``records.cache``
for its settings before any record is read.
"""

from __future__ import annotations

import dataclasses
import functools
import pickle
from collections.abc import Callable, Hashable
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar

STATE_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")

H = TypeVar("H", bound=Hashable)


class AssumptionBroken(Exception):
    """One of the module's assumptions does not hold for this pydantic: names it."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"records.modelstate assumption {name!r} no longer holds: {detail}")
        self.name = name


# -- the checks ----------------------------------------------------------------------


def check_slots() -> None:
    """``slots``: raises ``AssumptionBroken`` unless the four slots are all the state."""
    from pydantic import BaseModel

    if tuple(getattr(BaseModel, "__slots__", ())) != STATE_SLOTS:
        raise AssumptionBroken("slots", f"BaseModel.__slots__ is {getattr(BaseModel, '__slots__', None)!r}, "
                               f"expected {STATE_SLOTS!r}")
    for name in STATE_SLOTS:
        descriptor = vars(BaseModel).get(name)
        if not hasattr(descriptor, "__set__") or not hasattr(descriptor, "__get__"):
            raise AssumptionBroken("slots", f"BaseModel.{name} is no slot descriptor ({descriptor!r})")


def check_no_private(cls: type[Any]) -> None:
    """``no-private``: raises ``AssumptionBroken`` if making ``cls`` runs more than the slots."""
    from pydantic import BaseModel

    if getattr(cls, "__private_attributes__", None):
        raise AssumptionBroken("no-private", f"{cls.__name__} has private attributes")
    if getattr(cls, "model_post_init", None) is not getattr(BaseModel, "model_post_init", None):
        raise AssumptionBroken("no-private", f"{cls.__name__} has its own model_post_init")
    if getattr(cls, "__pydantic_post_init__", None) is not None:
        raise AssumptionBroken("no-private", f"pydantic runs a post-init for {cls.__name__}")


def check_contact_fields(cls: type[Any]) -> None:
    """``contact-fields``: raises ``AssumptionBroken`` unless ``cls(*fields)`` remakes one."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in vars(cls):
        raise AssumptionBroken("contact-fields", f"{cls.__name__} is not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise AssumptionBroken("contact-fields", f"{cls.__name__} has a __post_init__")
    if any(not f.init or f.kw_only for f in dataclasses.fields(cls)):
        raise AssumptionBroken("contact-fields", f"{cls.__name__} has a field not given in order to __init__")


@functools.cache
def _slots_hold() -> bool:
    try:
        check_slots()
    except AssumptionBroken:
        return False
    return True


_FAST: dict[type[Any], bool] = {}


def fast_pickling(cls: type[Any]) -> bool:
    """Whether models of ``cls`` may be pickled through ``rebuild`` (asked once a class)."""
    known = _FAST.get(cls)
    if known is None:
        known = _FAST[cls] = _slots_hold() and _holds(check_no_private, cls)
    return known


def _holds(check: Callable[[type[Any]], None], cls: type[Any]) -> bool:
    try:
        check(cls)
    except AssumptionBroken:
        return False
    return True


# -- pickling ------------------------------------------------------------------------


@functools.cache
def record_classes() -> frozenset[type[Any]]:
    """The record models (``liushou_cli.model``'s pydantic classes): the only ones ``rebuild`` makes."""
    from pydantic import BaseModel

    from liushou_cli import model

    return frozenset(obj for obj in vars(model).values()
                     if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__)


@functools.cache
def _setters() -> tuple[Callable[[Any, Any], None], ...]:
    """The four slots' own setters: half the time of ``object.__setattr__``."""
    from pydantic import BaseModel

    return tuple(vars(BaseModel)[name].__set__ for name in STATE_SLOTS)


_REBUILT: set[type[Any]] = set()  # the classes ``rebuild`` has checked (a set: it runs 120,000 times)
_SETTERS: tuple[Callable[[Any, Any], None], ...] = ()


def rebuild(cls: type[Any], values: dict[str, Any], fields_set: Any, extra: dict[str, Any] | None) -> Any:
    """A validated record model, exactly as it was, without validating it again.
    Refuses any other class: a cache file names the classes it makes."""
    if cls not in _REBUILT:
        _admit(cls)
    set_dict, set_fields, set_extra, set_private = _SETTERS
    obj = object.__new__(cls)
    set_dict(obj, values)
    set_fields(obj, fields_set)
    set_extra(obj, extra)
    set_private(obj, None)
    return obj


def _admit(cls: type[Any]) -> None:
    global _SETTERS
    if cls not in record_classes() or not fast_pickling(cls):
        raise TypeError(f"{cls!r} is not a record model to rebuild")
    _SETTERS = _setters()
    _REBUILT.add(cls)


def _reduce_model(obj: Any) -> Any:
    if obj.__pydantic_private__:
        return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    return (rebuild, (type(obj), obj.__dict__, obj.__pydantic_fields_set__, obj.__pydantic_extra__))


@functools.cache
def _contact() -> tuple[type[Any], Callable[[Any], tuple[Any, ...]] | None]:
    """``Contact``, and what gives a contact's fields in order (one C call); None when
    ``contact-fields`` does not hold."""
    from liushou_cli.model import Contact

    try:
        check_contact_fields(Contact)
    except AssumptionBroken:
        return Contact, None
    return Contact, attrgetter(*(f.name for f in dataclasses.fields(Contact)))


def _reduce_contact(obj: Any) -> Any:
    fields = _contact()[1]
    assert fields is not None
    return (type(obj), fields(obj))


@functools.cache
def dispatch_table() -> dict[type[Any], Callable[[Any], Any]]:
    """The reducers for a ``pickle.Pickler.dispatch_table``: a table, not
    ``reducer_override``, which would be a Python call for every object pickled."""
    table: dict[type[Any], Callable[[Any], Any]] = {
        cls: _reduce_model for cls in record_classes() if fast_pickling(cls)}
    contact, fields = _contact()
    if fields is not None:
        table[contact] = _reduce_contact
    return table


# -- small values shared ---------------------------------------------------------------


class Shared:
    """One object for each distinct value seen, forgetting all once ``limit`` are
    held: the sharing saves memory, so the table may not grow without end."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.table: dict[Any, Any] = {}

    def one(self, value: H) -> H:
        """The first value seen equal to ``value`` (``value`` itself if none)."""
        found = self.table.get(value)
        if found is None:
            if len(self.table) >= self.limit:
                self.table.clear()
            found = self.table[value] = value
        return found  # type: ignore[no-any-return]


FIELD_SETS = Shared(4_096)  # distinct sets of given fields: a few hundred in a county
DATES = Shared(65_536)  # distinct days: a county's span many times over


def share_small_values(record: Any) -> None:
    """Equal sets of given field names, and equal dates, in ``record`` and the models
    inside it made one object each (``fields-set-read``, ``values-by-name``)."""
    from pydantic import BaseModel

    set_fields = _setters()[1] if _slots_hold() else None
    stack = [record]
    while stack:
        model = stack.pop()
        if set_fields is not None:
            set_fields(model, FIELD_SETS.one(frozenset(model.__pydantic_fields_set__)))
        values = model.__dict__
        for key, value in values.items():
            if type(value) is date:
                values[key] = DATES.one(value)
            elif isinstance(value, BaseModel):
                stack.append(value)
            elif type(value) is list and value:
                if type(value[0]) is date:  # a list of days (a child's ``verified``): each shared in place
                    value[:] = [DATES.one(day) if type(day) is date else day for day in value]
                else:
                    stack.extend(item for item in value if isinstance(item, BaseModel))
