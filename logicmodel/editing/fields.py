"""What the editing layer may change and how it writes a value, from the models' vocabulary.

`set ID FIELD VALUE` names an element, a partner, the partnership or the model; the fields it
changes on each are the ones the models mark settable (`logicmodel.models.vocabulary`), and a
value is written as the field's type: a year as a number, a flag as true or false, a closed
list's word as the list spells it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from logicmodel.editing.errors import EditError
from logicmodel.fileformat.confusables import normalise_id
from logicmodel.fileformat.periods import period_year
from logicmodel.models import Contribution, LogicModel, Outcome, Partner, Partnership, Stage
from logicmodel.models.vocabulary import Value, choices, fields_of, key_order, required, settable

Data = dict[str, Any]

STAGES = tuple(stage.value for stage in Stage)
CONTRIBUTION_STAGES = STAGES[:3]
TOP_KEYS = key_order(LogicModel)
PARTNER_KEYS = key_order(Partner)
PARTNERSHIP_KEYS = key_order(Partnership)
ELEMENT_KEYS = key_order(Contribution, Outcome)
LINK_KINDS = ("leads_to", "enhances")
# What `set` can name, and the class of the format each is.
KINDS: dict[str, type[BaseModel]] = {
    "contribution": Contribution,
    "outcome": Outcome,
    "partner": Partner,
    "partnership": Partnership,
    "model": LogicModel,
}
# The fields `set` changes, by what they belong to; the required ones cannot be unset.
FIELDS = {kind: settable(cls) for kind, cls in KINDS.items()}
REQUIRED = {kind: required(cls) for kind, cls in KINDS.items()}
# `set ID FIELD VALUE` takes these words for ID when no element or partner has that id.
PARTNERSHIP, MODEL = "partnership", "model"
# How the format writes a field that holds ids: the loader reads these in NFKC form.
ID_VALUES = frozenset({Value.ID, Value.NEW_ID, Value.IDS, Value.PARTNERS})
# The fields of an element that hold ids, from the vocabulary.
ELEMENT_ID_FIELDS = frozenset(
    name for name, (_, meta) in fields_of(Contribution, Outcome).items() if meta.value in ID_VALUES
)
# A period written as a plain year is a number in the file; a financial year (2004-05) is text.
_YEAR = re.compile(r"[0-9]{1,4}")


def as_normal(typed: str, written: str) -> str:
    """Return the note an edit's summary carries when an id was written in its normal form."""
    if typed == written:
        return ""
    return f" (written as {written!r}, the NFKC form the loader reads {typed!r} as)"


def key_order_of(kind: str) -> tuple[str, ...]:
    """Return the order keys are written in for a kind of `set` target."""
    return {
        "partner": PARTNER_KEYS,
        "partnership": PARTNERSHIP_KEYS,
        "model": TOP_KEYS,
    }.get(kind, ELEMENT_KEYS)


def optional_fields(kind: str) -> list[str]:
    """Return the fields `set --unset` may remove from a kind of target."""
    return [name for name in FIELDS[kind] if name not in REQUIRED[kind]]


def kind_name(kind: str, ident: str | None = None) -> str:
    """Return how a message names a `set` target: 'the model', "element 'x'", 'a partner'."""
    if kind == "model":
        return "the model"
    if kind == "partnership":
        return "the partnership"
    word = {"contribution": "element", "outcome": "element", "partner": "partner"}[kind]
    return f"{word} {ident!r}" if ident else f"an {word}" if word == "element" else f"a {word}"


def by_value(by: str | Iterable[str] | None) -> str | list[str] | None:
    """Return `by` as the file writes it: one id, a list, or 'all'."""
    if by is None:
        return None
    if isinstance(by, str):
        parts = [p.strip() for p in by.split(",") if p.strip()]
    else:
        parts = [str(p) for p in by]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return parts


def normal_ids(value: Any) -> Any:
    """Return an id, or each id of a list, in the NFKC form the loader reads ids in.

    >>> normal_ids(["ｏ1", "ﬁnal"])
    ['o1', 'final']
    """
    if isinstance(value, str):
        return normalise_id(value)
    if isinstance(value, list):
        return [normal_ids(item) for item in value]
    return value


def field_value(name: str, kind: str, field: str, value: Any) -> Any:
    """Return a `set` value as the file writes the field: its type, not always text.

    `name` is the file's, for messages.
    """
    return typed_value(name, KINDS[kind], field, value)


def typed_value(name: str, cls: type[BaseModel], field: str, value: Any) -> Any:
    """Return a value typed (or given from Python) as the file writes a field of a class.

    `name` is the file's, for messages.
    """
    info, meta = fields_of(cls)[field]
    written = meta.value
    if written is Value.FLAG:
        return _flag(name, field, value)
    if written in (Value.PARTNERS, Value.IDS):
        result = by_value(value)
        if result is None:
            raise EditError(f"{name}: `{field}` needs a partner id, several (a,b) or all")
        return normal_ids(result)
    if written is Value.ID and isinstance(value, str):
        return normalise_id(value)
    if written is Value.PERIOD:
        return _period(name, field, value)
    if written is Value.CHOICE:
        return _choice(choices(info), value)
    if written is Value.NUMBER:
        return number(name, field, value)
    if written is Value.AMOUNT:
        return _amount(name, field, value)
    if written is not Value.TEXT:
        return _parsed(name, field, value)
    if isinstance(value, (list, dict)):
        raise EditError(f"{name}: {field} takes one value, not {type(value).__name__}")
    return str(value)


def number(name: str, field: str, value: Any) -> int | float:
    """Return a number as the file writes it: whole numbers whole (460, not 460.0)."""
    if isinstance(value, bool):
        raise EditError(f"{name}: {field} is a number, not {value!r}")
    if isinstance(value, (int, float)):
        found: int | float = value
    else:
        text = str(value).strip().replace(",", "")
        try:
            found = int(text) if re.fullmatch(r"[-+]?[0-9]+", text) else float(text)
        except ValueError:
            raise EditError(f"{name}: {field} is a number, not {value!r}") from None
    if isinstance(found, float) and not math.isfinite(found):
        raise EditError(f"{name}: {field} is a number, not {value!r}")
    return found


def _amount(name: str, field: str, value: Any) -> int | float | list[int | float]:
    """Return an amount: one number, or a range written `low..high` (or [low, high])."""
    parts = value if isinstance(value, (list, tuple)) else None
    if parts is None and isinstance(value, str) and ".." in value:
        parts = value.split("..")
    if parts is None:
        return number(name, field, value)
    if len(parts) != 2:
        raise EditError(f"{name}: {field} is a number, or a range low..high")
    return [number(name, field, part) for part in parts]


def _parsed(name: str, field: str, value: Any) -> Any:
    """Return a value of a shape the verbs have no word for, read as YAML reads it from text
    (`[1, 2]` a list): the loader then checks it against the field's type."""
    if not isinstance(value, str):
        return value
    import yaml

    try:
        return yaml.safe_load(value)
    except yaml.YAMLError:
        raise EditError(f"{name}: {field}: cannot read {value!r}") from None


def period(name: str, field: str, value: Any) -> int | str:
    """Return a period as the file holds it: 2005 as a number, 2005-06 as text; raise
    EditError for anything else (a key of values by period, which must sort in time)."""
    written = _period(name, field, value)
    try:
        period_year(written)
    except ValueError as error:
        raise EditError(f"{name}: {field}: {error}") from None
    return written


def _flag(name: str, field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in ("true", "false"):
        raise EditError(f"{name}: {field} is true or false, not {value!r}")
    return word == "true"


def _period(name: str, field: str, value: Any) -> int | str:
    """Return a period as the file holds it: 2005 as a number, 2005-06 as text."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise EditError(f"{name}: {field} is a year (2004) or a financial year (2004-05)")
    text = str(value).strip()
    return int(text) if _YEAR.fullmatch(text) else text


def _choice(words: tuple[str, ...], value: Any) -> str:
    """Return a closed list's word as the list spells it, typed in any case; a word not in
    the list as typed, for the loader to refuse with its did-you-mean."""
    typed = str(value).strip()
    return next((word for word in words if word.lower() == typed.lower()), typed)


def placed(order: tuple[str, ...], mapping: Any, key: str) -> tuple[str, ...]:
    """Return the key order a new key is placed by in a mapping of the text: just before the
    nearest key that follows it in `order`, where the file has one, so that a file written in
    its own order (a model's `source` near its title) gets the key beside its neighbour.

    >>> class Keys:
    ...     keys = [type("K", (), {"value": v}) for v in ("title", "source", "inputs")]
    >>> placed(("title", "inputs", "notes", "source"), Keys(), "notes")
    ('title', 'notes', 'source', 'inputs')
    """
    present = [scalar.value for scalar in getattr(mapping, "keys", [])]
    if key in present or key not in order:
        return order
    later = order[order.index(key) + 1 :]
    successor = next((name for name in later if name in present), None)
    if successor is None:
        return order
    written = [name for name in present if name != key]
    at = written.index(successor)
    return (*written[:at], key, *written[at:])


def ordered(element: Data) -> Data:
    """Return an element's keys in the order people write them."""
    first = {k: element[k] for k in ELEMENT_KEYS if k in element}
    return {**first, **element}


def stage_name(stage: Stage | str) -> str:
    """Return a stage's section name; raise EditError for an unknown stage."""
    try:
        return Stage(stage).value
    except ValueError:
        raise EditError(f"unknown stage {stage!r}: choose from {', '.join(STAGES)}") from None


def section_items(data: Any, name: str) -> Any:
    """Return the list of a section, making it (in the format's order) when missing or empty."""
    items = data.get(name)
    if isinstance(items, list):
        return items
    items = []
    if name in data or not hasattr(data, "insert"):
        data[name] = items
    else:  # ruamel.yaml's mapping: put the section where the format's order puts it
        keys = list(data)
        rank = {k: n for n, k in enumerate(TOP_KEYS)}
        at = sum(1 for k in keys if rank.get(k, len(TOP_KEYS)) <= rank[name])
        data.insert(at, name, items)
    return data[name]


def container_at(data: Data, path: tuple[str | int, ...]) -> Any:
    """Return the mapping at a data path, making `partnership` when it is missing."""
    node: Any = data
    for part in path:
        if part == PARTNERSHIP and not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    return node


__all__ = [
    "CONTRIBUTION_STAGES",
    "Data",
    "as_normal",
    "ELEMENT_ID_FIELDS",
    "ELEMENT_KEYS",
    "ID_VALUES",
    "FIELDS",
    "KINDS",
    "LINK_KINDS",
    "MODEL",
    "PARTNERSHIP",
    "PARTNERSHIP_KEYS",
    "PARTNER_KEYS",
    "REQUIRED",
    "STAGES",
    "TOP_KEYS",
    "by_value",
    "container_at",
    "field_value",
    "key_order_of",
    "kind_name",
    "normal_ids",
    "number",
    "optional_fields",
    "placed",
    "period",
    "ordered",
    "section_items",
    "stage_name",
    "typed_value",
]
