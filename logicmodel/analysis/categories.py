"""Where each element sits in the research's Figure 2: its own category, or one its trace suggests.

An element with `category` goes under that category. One without goes to the column its trace
class suggests (a collaborative contribution is an activity, a collaboration-only outcome a
process or benefit, a collaborative-gain outcome a result), marked as derived, because the
trace cannot tell which of the research's categories it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from logicmodel.analysis.tracing import Trace
from logicmodel.models import Contribution, Element, LogicModel, Stage, TraceClass
from logicmodel.models.categories import CATEGORY_COLUMN, COLUMNS, SOURCE

# The trace class each column takes elements without a category from, in a planner's words.
DERIVED_FROM = {
    "activities": "collaborative contributions",
    "processes": "collaboration-only outcomes",
    "results": "collaborative-gain outcomes",
}
_DERIVED_COLUMN = {
    "collaborative": "activities",
    TraceClass.COLLABORATION_ONLY.value: "processes",
    TraceClass.COLLABORATIVE_GAIN.value: "results",
}


@dataclass(frozen=True)
class Placed:
    """One element in Figure 2: its id, label, stage and class (as export_fields names them)."""

    id: str
    label: str
    stage: Stage
    element_class: str  # "single-agency", "collaborative" or an outcome's trace class
    derived: bool  # placed by its trace class, not by a `category` the model gives


@dataclass(frozen=True)
class CategoryBox:
    """One of the research's categories and the model's elements under it."""

    id: str
    label: str
    elements: tuple[Placed, ...]


@dataclass(frozen=True)
class ColumnBox:
    """One column of Figure 2: its categories, then the elements placed there by trace class."""

    key: str
    title: str
    categories: tuple[CategoryBox, ...]
    derived: tuple[Placed, ...]

    def empty(self) -> list[str]:
        """Return the ids of the categories with nothing under them, in the research's order."""
        return [box.id for box in self.categories if not box.elements]


@dataclass(frozen=True)
class Figure2:
    """The whole of Figure 2 for one model."""

    columns: tuple[ColumnBox, ...]
    left_out: int  # single-agency and unsupported elements without a category: not collaborative

    @property
    def categorised(self) -> int:
        """Return how many elements the model itself places under a category."""
        return sum(len(box.elements) for column in self.columns for box in column.categories)

    @property
    def derived(self) -> int:
        """Return how many elements are placed by their trace class."""
        return sum(len(column.derived) for column in self.columns)


def element_class(model: LogicModel, trace: Trace, element: Element) -> str:
    """Return an element's class: collaborative or single-agency, or an outcome's trace class."""
    if isinstance(element, Contribution):
        return "collaborative" if model.is_collaborative(element) else "single-agency"
    return trace.outcomes[element.id].trace_class.value


def place(model: LogicModel, trace: Trace) -> Figure2:
    """Return every collaborative or categorised element under its Figure 2 category or column."""
    chosen: dict[str, list[Placed]] = {ident: [] for ident in CATEGORY_COLUMN}
    derived: dict[str, list[Placed]] = {column.key: [] for column in COLUMNS}
    left_out = 0
    for stage, element in model.elements():
        kind = element_class(model, trace, element)
        if element.category in chosen:
            chosen[element.category].append(Placed(element.id, element.label, stage, kind, False))
        elif kind in _DERIVED_COLUMN:
            placed = Placed(element.id, element.label, stage, kind, True)
            derived[_DERIVED_COLUMN[kind]].append(placed)
        else:
            left_out += 1
    columns = tuple(
        ColumnBox(
            column.key,
            column.title,
            tuple(CategoryBox(i, label, tuple(chosen[i])) for i, label in column.categories),
            tuple(derived[column.key]),
        )
        for column in COLUMNS
    )
    return Figure2(columns, left_out)


def format_categories(output_format: str = "text") -> str:
    """Return the Figure 2 vocabulary, column by column, as text for people or JSON."""
    if output_format == "json":
        data = [
            {
                "column": column.key,
                "title": column.title,
                "categories": [{"id": i, "label": label} for i, label in column.categories],
            }
            for column in COLUMNS
        ]
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    width = max(len(ident) for ident in CATEGORY_COLUMN)
    lines: list[str] = []
    for column in COLUMNS:
        lines.append(f"{column.title} ({column.key}):")
        lines += [f"  {ident:<{width}}  {label}" for ident, label in column.categories]
        lines.append("")
    lines.append(f"Source: {SOURCE}.")
    lines.append("Use one as `category: ID` on an element; `render --view figure2` draws them.")
    return "\n".join(lines) + "\n"


__all__ = [
    "CategoryBox",
    "ColumnBox",
    "DERIVED_FROM",
    "Figure2",
    "Placed",
    "element_class",
    "format_categories",
    "place",
]
