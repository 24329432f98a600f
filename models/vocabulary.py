"""The file format's vocabulary: what each field of the models is to the rest of logicmodel.

Every field of the format carries one `Meta` marker (`Annotated[..., Meta(...)]`), read through
`Model.model_fields`: how its value is written, its place in the written key order, whether
`set` changes it, where it sits in the workbook, whether `diff` reports it and the browser
editor's forms that show it. An aspect a field lacks is a `Not` with the reason, so that adding
a field means deciding each one. The editing layer, the browser editor, the workbook, the diff
and the exports derive their lists of fields from the functions here, never from a copy.

The marker is a plain dataclass, which pydantic keeps in `FieldInfo.metadata` and leaves out
of the JSON Schema.

Adding a field to the format: give it a `Meta` (tests/test_vocabulary.py fails until it has
one); `set`, the workbook's columns and the diff then take it up, and the tests there check
each: `set` changes it from the command line, Python and the browser editor; a model with it
survives the workbook; `diff` reports a change of it. A one-line field of an indicator, a cost
or a benefit (`entry_fields`) is also an option of `indicator add`, `cost add` and `benefit
add`, a FIELD of their `set`, and an argument of the browser editor's measuring edits;
tests/test_measure_verbs.py sets and removes each.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


class Value(str, Enum):
    """How a field's value is written in the file (and typed after `set`)."""

    TEXT = "text"
    NUMBER = "number"
    AMOUNT = "number or range [low, high]"
    PERIOD = "year (a number) or financial year (text)"
    CHOICE = "one word of a closed list"
    FLAG = "true or false"
    ID = "an id"
    NEW_ID = "a new id (renamed everywhere it is used)"
    IDS = "list of ids"
    PARTNERS = "partner id, several (a,b) or all"
    ACTUALS = "numbers by period"
    ITEMS = "list of objects"
    OBJECT = "mapping of fields"
    VERSION = "format version number"


@dataclass(frozen=True)
class Not:
    """An aspect a field does not have, and the reason why."""

    reason: str


@dataclass(frozen=True)
class Cells:
    """Where a field sits in the workbook.

    `columns`: the columns of its owner's row that hold it (None: one column named as the
    field). `sheet`: a sheet of its own whose rows are its items (or its fields, for the
    partnership). `spread`: its own fields' columns go in its owner's row (a comparator).
    """

    columns: tuple[str, ...] | None = None
    sheet: str | None = None
    spread: bool = False


@dataclass(frozen=True)
class Meta:
    """Everything logicmodel needs to know about one field of the file format."""

    order: int  # place in the written key order, lowest first
    value: Value
    set: bool | Not  # True: `logicmodel set` changes it
    workbook: Cells | Not
    diff: bool | Not  # True: `logicmodel diff` reports a change of it
    form: tuple[str, ...] = ()  # the browser editor's forms that show it


# Forms of the browser editor (renderers/static/editor.js).
ADD_FORM = "add element"
ELEMENT_FORM = "element"
PARTNER_FORM = "partner"
ADD_PARTNER_FORM = "add partner"


def meta(field: FieldInfo) -> Meta | None:
    """Return a field's Meta marker, or None if it has none."""
    for marker in field.metadata:
        if isinstance(marker, Meta):
            return marker
    return None


def fields_of(*classes: type[BaseModel]) -> dict[str, tuple[FieldInfo, Meta]]:
    """Return the fields of one or more classes by the name the file uses, in key order.

    Raise TypeError for a field without a Meta marker: every field must say what it is.
    """
    found: dict[str, tuple[int, FieldInfo, Meta]] = {}
    for cls in classes:
        for key, field in cls.model_fields.items():
            marker = meta(field)
            if marker is None:
                raise TypeError(f"{cls.__name__}.{key} has no Meta marker")
            found.setdefault(field.alias or key, (marker.order, field, marker))
    ranked = sorted(found.items(), key=lambda item: item[1][0])
    return {name: (field, marker) for name, (_, field, marker) in ranked}


def key_order(*classes: type[BaseModel]) -> tuple[str, ...]:
    """Return the keys of one or more classes in the order the file writes them."""
    return tuple(fields_of(*classes))


def settable(*classes: type[BaseModel]) -> tuple[str, ...]:
    """Return the fields `set` changes, in key order."""
    return tuple(name for name, (_, m) in fields_of(*classes).items() if m.set is True)


# Values written on one line: what an entry's verb (`indicator set`, `cost set`) changes.
ONE_LINE = frozenset(Value) - {Value.ITEMS, Value.OBJECT, Value.ACTUALS, Value.VERSION}


def entry_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Return the fields of a list entry with no id (an indicator, a cost) that its verbs
    change, in key order: each one-line field, and a nested object's as `object.field`
    (an indicator's `comparator.name`)."""
    found: list[str] = []
    for name, (field, marker) in fields_of(cls).items():
        inner = nested(field)
        if marker.value is Value.OBJECT and inner is not None:
            found += [f"{name}.{sub}" for sub in entry_fields(inner)]
        elif marker.value in ONE_LINE:
            found.append(name)
    return tuple(found)


def period_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Return the fields of a class that hold numbers by period (an indicator's actuals)."""
    return tuple(name for name, (_, m) in fields_of(cls).items() if m.value is Value.ACTUALS)


def required(cls: type[BaseModel]) -> frozenset[str]:
    """Return the fields a class cannot do without (so `set --unset` refuses them)."""
    return frozenset(name for name, (field, _) in fields_of(cls).items() if field.is_required())


def diffed(*classes: type[BaseModel]) -> tuple[str, ...]:
    """Return the fields `diff` reports, in key order."""
    return tuple(name for name, (_, m) in fields_of(*classes).items() if m.diff is True)


def in_form(form: str, *classes: type[BaseModel]) -> tuple[str, ...]:
    """Return the fields a browser-editor form shows, in key order."""
    return tuple(name for name, (_, m) in fields_of(*classes).items() if form in m.form)


def value_of(cls: type[BaseModel], name: str) -> Value:
    """Return how a field of a class is written."""
    return fields_of(cls)[name][1].value


def columns(*classes: type[BaseModel]) -> tuple[str, ...]:
    """Return the workbook columns that hold the fields of one row of these classes."""
    found: list[str] = []
    for name in fields_of(*classes):
        owner = next(cls for cls in classes if name in _names(cls))
        found += columns_of(owner, name)
    return tuple(found)


def _names(cls: type[BaseModel]) -> set[str]:
    """Return the names the file uses for a class's fields."""
    return {field.alias or key for key, field in cls.model_fields.items()}


def columns_of(cls: type[BaseModel], name: str) -> tuple[str, ...]:
    """Return the workbook columns of one field of a class (none for a sheet of its own)."""
    field, marker = fields_of(cls)[name]
    cells = marker.workbook
    if not isinstance(cells, Cells) or cells.sheet is not None:
        return ()
    if cells.spread:
        return columns(*_nested(field.annotation))
    return cells.columns if cells.columns is not None else (name,)


def _nested(annotation: Any) -> list[type[BaseModel]]:
    """Return the model classes a field's annotation holds (a comparator's, say)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [cls for part in typing.get_args(annotation) for cls in _nested(part)]


def nested(field: FieldInfo) -> type[BaseModel] | None:
    """Return the one model class a field holds (itself or in a list), or None."""
    found = _nested(field.annotation)
    return found[0] if found else None


def sheet_fields(*classes: type[BaseModel]) -> dict[str, str]:
    """Return field name -> workbook sheet, for the fields that have a sheet of their own."""
    return {
        name: marker.workbook.sheet
        for name, (_, marker) in fields_of(*classes).items()
        if isinstance(marker.workbook, Cells) and marker.workbook.sheet is not None
    }


def reasons(aspect: str, *classes: type[BaseModel]) -> dict[str, str]:
    """Return field name -> why not, for the fields that lack an aspect (set, workbook, diff)."""
    return {
        name: getattr(marker, aspect).reason
        for name, (_, marker) in fields_of(*classes).items()
        if isinstance(getattr(marker, aspect), Not)
    }


def choices(field: FieldInfo) -> tuple[str, ...]:
    """Return the words a closed-list field takes (an enum, or a schema's enum), else ()."""
    return tuple(_choices(field.annotation) or _choices(field))


def _choices(annotation: Any) -> list[str]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    if isinstance(annotation, FieldInfo):
        extra = annotation.json_schema_extra
        return list(extra.get("enum", [])) if isinstance(extra, dict) else []  # type: ignore[arg-type]
    found: list[str] = []
    for part in typing.get_args(annotation):
        found += _choices(part)
    return found


__all__ = [
    "ADD_FORM",
    "ADD_PARTNER_FORM",
    "Cells",
    "ELEMENT_FORM",
    "Meta",
    "Not",
    "PARTNER_FORM",
    "Value",
    "choices",
    "columns",
    "columns_of",
    "ONE_LINE",
    "diffed",
    "entry_fields",
    "fields_of",
    "in_form",
    "key_order",
    "meta",
    "nested",
    "period_fields",
    "reasons",
    "required",
    "settable",
    "sheet_fields",
    "value_of",
]
