"""Where each element sits in the research's Figure 2: joint work under its category, or unplaced.

The research lists joint work only in Figure 2, so single-agency and unsupported elements are
left out, counted, whatever their `category`. Joint work with a `category` goes under it (a
masterclass synonym of a result under the study's result it names). Joint work without one is
listed as not yet placed: the trace tells that an element is joint work, not which of the
research's categories it is, and a guess would mislead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from logicmodel.analysis.tracing import Trace
from logicmodel.models import Contribution, Element, LogicModel, Stage, TraceClass
from logicmodel.models.categories import (
    CATEGORY_COLUMN,
    COLUMNS,
    DRAWN_UNDER,
    RESULT_SYNONYMS,
    SOURCE,
)

# The classes of joint work: a collaborative contribution, or an outcome collaboration feeds.
JOINT_WORK = (
    "collaborative",
    TraceClass.COLLABORATION_ONLY.value,
    TraceClass.COLLABORATIVE_GAIN.value,
)


@dataclass(frozen=True)
class Placed:
    """One element in Figure 2: its id, label, stage, class (as export_fields names them) and
    the category it names (None when not yet placed)."""

    id: str
    label: str
    stage: Stage
    element_class: str  # "collaborative" or an outcome's trace class: joint work only
    category: str | None


@dataclass(frozen=True)
class CategoryBox:
    """One of the research's categories, the masterclass's names for it, and the elements."""

    id: str
    label: str
    elements: tuple[Placed, ...]
    synonyms: tuple[str, ...] = ()  # the masterclass's words for the same result


@dataclass(frozen=True)
class ColumnBox:
    """One column of Figure 2 and its categories."""

    key: str
    title: str
    categories: tuple[CategoryBox, ...]

    def empty(self) -> list[str]:
        """Return the ids of the categories with nothing under them, in the research's order."""
        return [box.id for box in self.categories if not box.elements]


@dataclass(frozen=True)
class Figure2:
    """The whole of Figure 2 for one model."""

    columns: tuple[ColumnBox, ...]
    unplaced: tuple[Placed, ...]  # joint work without a category, in file order
    left_out: int  # single-agency and unsupported elements: not joint work, so not drawn
    left_out_categorised: int  # of those, how many name a category all the same

    @property
    def categorised(self) -> int:
        """Return how many elements the model itself places under a category."""
        return sum(len(box.elements) for column in self.columns for box in column.categories)


def element_class(model: LogicModel, trace: Trace, element: Element) -> str:
    """Return an element's class: collaborative or single-agency, or an outcome's trace class."""
    if isinstance(element, Contribution):
        return "collaborative" if model.is_collaborative(element) else "single-agency"
    return trace.outcomes[element.id].trace_class.value


def place(model: LogicModel, trace: Trace) -> Figure2:
    """Return the model's joint work under its Figure 2 categories, and what is not yet placed."""
    chosen: dict[str, list[Placed]] = {ident: [] for ident in DRAWN_UNDER.values()}
    unplaced: list[Placed] = []
    left_out = left_out_categorised = 0
    for stage, element in model.elements():
        kind = element_class(model, trace, element)
        if kind not in JOINT_WORK:
            left_out += 1
            left_out_categorised += element.category is not None
            continue
        placed = Placed(element.id, element.label, stage, kind, element.category)
        if element.category in DRAWN_UNDER:
            chosen[DRAWN_UNDER[element.category]].append(placed)
        else:
            unplaced.append(placed)
    synonyms: dict[str, list[str]] = {}
    for _, words, result in RESULT_SYNONYMS:
        synonyms.setdefault(result, []).append(words)
    columns = tuple(
        ColumnBox(
            column.key,
            column.title,
            tuple(
                CategoryBox(i, label, tuple(chosen[i]), tuple(synonyms.get(i, ())))
                for i, label in column.categories
            ),
        )
        for column in COLUMNS
    )
    return Figure2(columns, tuple(unplaced), left_out, left_out_categorised)


def format_categories(output_format: str = "text") -> str:
    """Return the Figure 2 vocabulary, column by column, as text for people or JSON.

    The masterclass's names for the study's results follow the results, each saying which
    result it is drawn as.
    """
    if output_format == "json":
        data = [
            {
                "column": column.key,
                "title": column.title,
                "categories": [{"id": i, "label": label} for i, label in column.categories],
                "synonyms": [
                    {"id": i, "label": label, "drawn_as": result}
                    for i, label, result in RESULT_SYNONYMS
                    if CATEGORY_COLUMN[i] == column.key
                ],
            }
            for column in COLUMNS
        ]
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    width = max(len(ident) for ident in CATEGORY_COLUMN)
    lines: list[str] = []
    for column in COLUMNS:
        lines.append(f"{column.title} ({column.key}):")
        lines += [f"  {ident:<{width}}  {label}" for ident, label in column.categories]
        lines += [
            f"  {ident:<{width}}  {label} (the masterclass's words; drawn as {result})"
            for ident, label, result in RESULT_SYNONYMS
            if CATEGORY_COLUMN[ident] == column.key
        ]
        lines.append("")
    lines.append(f"Source: {SOURCE}.")
    lines.append("Use one as `category: ID` on an element; `render --view figure2` draws them.")
    return "\n".join(lines) + "\n"


__all__ = [
    "CategoryBox",
    "ColumnBox",
    "Figure2",
    "JOINT_WORK",
    "Placed",
    "element_class",
    "format_categories",
    "place",
]
