"""The attributes every export carries for each element and link, in one place."""

from __future__ import annotations

from enum import Enum
from typing import Any

from logicmodel.model_graph import graph_records
from logicmodel.models import LogicModel, TraceClass
from logicmodel.tracing import Trace

ELEMENT_FIELDS = (
    "id",
    "label",
    "stage",
    "partners",
    "collaborative",
    "trace_class",
    "collaborative_share",
    "depends_on_collaboration",
)
LINK_FIELDS = ("source", "target", "kind")

# What views write in a split box with no stated gain, and in an unsupported outcome's box.
GAIN_FALLBACK = "Collaborative gain"
UNSUPPORTED_NOTE = "\u26a0 Nothing leads to this outcome"
# Evidence that a gain is only hoped for so far: every view draws such an outcome dotted.
CLAIMED = ("planned", "expected")


class BoxKind(str, Enum):
    """How every view draws an element: green, red, split green/red, or a warning box."""

    GREEN = "green"
    RED = "red"
    SPLIT = "split"
    UNSUPPORTED = "unsupported"

    def __str__(self) -> str:
        return self.value


# The box each class of element gets: a contribution's class, or an outcome's trace class.
BOX_KINDS = {
    "single-agency": BoxKind.GREEN,
    "collaborative": BoxKind.RED,
    TraceClass.COLLABORATION_ONLY.value: BoxKind.RED,
    TraceClass.COLLABORATIVE_GAIN.value: BoxKind.SPLIT,
    TraceClass.UNSUPPORTED.value: BoxKind.UNSUPPORTED,
}


def box_kinds(model: LogicModel, trace: Trace) -> dict[str, BoxKind]:
    """Return, per element id, the box every view draws: green, red, split or unsupported."""
    return {row["id"]: BOX_KINDS[row["trace_class"]] for row in element_rows(model, trace)}


def element_rows(model: LogicModel, trace: Trace) -> list[dict[str, Any]]:
    """Return one row per element with ELEMENT_FIELDS: plain str, bool and float values."""
    nodes, _ = graph_records(model)
    rows = []
    for node, data in nodes:
        if data["outcome"]:
            trace_class = trace.outcomes[node].trace_class.value
        else:
            trace_class = "collaborative" if data["collaborative"] else "single-agency"
        rows.append(
            {
                "id": node,
                "label": data["label"],
                "stage": data["stage"],
                "partners": ";".join(data["partners"]),
                "collaborative": bool(data["collaborative"]),
                "trace_class": trace_class,
                "collaborative_share": round(float(trace.shares.get(node, 0)), 6),
                "depends_on_collaboration": node in trace.lost_without_collaboration,
            }
        )
    return rows


def link_rows(model: LogicModel) -> list[dict[str, str]]:
    """Return one row per link: source, target and kind (leads_to or enhances)."""
    _, edges = graph_records(model)
    return [{"source": s, "target": t, "kind": data["kind"]} for s, t, data in edges]


def model_metadata(model: LogicModel) -> dict[str, Any]:
    """Return the model's own facts for exports that carry them: title, area, partnership."""
    return {
        "title": model.title,
        "area": model.area,
        "partnership": model.partnership.model_dump(mode="json", exclude_none=True),
        "partners": [p.model_dump(mode="json", exclude_none=True) for p in model.partners],
    }
