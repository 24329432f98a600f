"""What the browser editor's measure forms read: each element's indicators and one-line facts,
the partnership's facts, costs and benefits, and how each field they edit is typed.

The fields come from the models' vocabulary (what `set` changes on an element or the
partnership, `entry_fields` of an indicator, a cost and a benefit), so a field added to the
format gets its box in the editor without a change here or in the page's script.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from logicmodel.editing.partners import PARTNER_FIELDS
from logicmodel.models import (
    Benefit,
    Contribution,
    Cost,
    Indicator,
    LogicModel,
    Outcome,
    Partnership,
)
from logicmodel.models.categories import CATEGORY_LABELS
from logicmodel.models.vocabulary import (
    ELEMENT_FORM,
    Value,
    choices,
    entry_fields,
    fields_of,
    in_form,
    nested,
    required,
    settable,
)

# How the page draws a box for each way a value is written.
_KINDS = {
    Value.CHOICE: "choice",
    Value.FLAG: "flag",
    Value.AMOUNT: "amount",
    Value.PARTNERS: "partners",
    Value.IDS: "partners",
}
# Written as one line of text, a number or a period: a text box.
_ONE_LINE = frozenset({Value.TEXT, Value.NUMBER, Value.PERIOD, Value.ID, *_KINDS})


def editor_facts(model: LogicModel) -> dict[str, Any]:
    """Return the measures and facts the editor's forms show, and the fields they edit."""
    partnership = model.partnership or Partnership()
    shown = {
        cls: [spec["name"] for spec in _element_fields(cls)] for cls in (Outcome, Contribution)
    }
    facts = {
        element.id: {
            "values": _values(
                element, shown[Outcome if isinstance(element, Outcome) else Contribution]
            ),
            "indicators": [_dump(indicator) for indicator in element.indicators],
        }
        for _, element in model.elements()
    }
    partnership_fields = _one_line(Partnership, settable(Partnership))
    return {
        "fields": {
            "outcome": _element_fields(Outcome),
            "contribution": _element_fields(Contribution),
            "partnership": [_described(Partnership, name, model) for name in partnership_fields],
            "indicator": _entry_specs(Indicator, model),
            "cost": _entry_specs(Cost, model),
            "benefit": _entry_specs(Benefit, model),
        },
        "elements": facts,
        "partnership": _values(partnership, partnership_fields),
        "costs": [_dump(cost) for cost in partnership.costs],
        "benefits": [_dump(benefit) for benefit in partnership.benefits],
    }


def _element_fields(cls: type[BaseModel]) -> list[dict[str, Any]]:
    """Return the element fields the edit form does not show already: evidence, category..."""
    shown = set(in_form(ELEMENT_FORM, cls))
    names = _one_line(cls, [name for name in settable(cls) if name not in shown])
    return [_described(cls, name, None) for name in names]


def _one_line(cls: type[BaseModel], names: Any) -> list[str]:
    """Return the fields among `names` written on one line (no lists of items)."""
    found = fields_of(cls)
    return [name for name in names if found[name][1].value in _ONE_LINE]


def _entry_specs(cls: type[BaseModel], model: LogicModel) -> list[dict[str, Any]]:
    """Return the one-line fields of an indicator, a cost or a benefit, described."""
    return [_described(cls, name, model) for name in entry_fields(cls)]


def _described(cls: type[BaseModel], name: str, model: LogicModel | None) -> dict[str, Any]:
    """Return how the page draws and saves a field: its kind, choices, and what empties it."""
    holder, _, own = name.rpartition(".")
    owner = cls
    if holder:
        inner = nested(fields_of(cls)[holder][0])
        assert inner is not None
        owner = inner
    info, meta = fields_of(owner)[own]
    kind = _KINDS.get(meta.value, "text")
    spec: dict[str, Any] = {"name": name, "label": name.replace("_", " ").replace(".", " ")}
    if meta.value is Value.CHOICE:
        spec["choices"] = [[word, CATEGORY_LABELS.get(word, word)] for word in choices(info)]
    elif meta.value is Value.ID:
        kind = "partner" if own in PARTNER_FIELDS else "outcome"
    spec["kind"] = kind
    # Emptying a field removes it; a comparator's name goes with the whole comparator; a
    # field every entry needs (an indicator's name) cannot be emptied.
    if own in required(owner):
        spec["unset"] = holder or None
    else:
        spec["unset"] = name
    if model is not None and kind == "outcome":
        spec["choices"] = [[e.id, e.label] for _, e in model.elements() if isinstance(e, Outcome)]
    return spec


def _values(item: BaseModel, names: list[str]) -> dict[str, Any]:
    """Return the fields of an element or the partnership that are set, as the page reads them."""
    dumped = item.model_dump(mode="json", exclude_none=True)
    return {name: dumped[name] for name in names if name in dumped}


def _dump(item: BaseModel) -> dict[str, Any]:
    """Return an indicator, a cost or a benefit as the page reads it (unset fields left out)."""
    return item.model_dump(mode="json", exclude_none=True)


__all__ = ["editor_facts"]
