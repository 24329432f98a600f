"""JSON export: networkx's node-link form with the model's own facts alongside."""

from __future__ import annotations

from logicmodel.analysis.results import json_text
from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import element_rows, graph_fields, link_rows
from logicmodel.renderers.options import Options


def generate_json(model: LogicModel, trace: Trace) -> str:
    """Return node-link JSON: `nodes`, `links` and the partnership's facts under `graph`."""
    data = {
        "directed": True,
        "multigraph": False,
        "graph": graph_fields(model, trace),
        "nodes": element_rows(model, trace),
        "links": link_rows(model),
    }
    return json_text(data) + "\n"


def generate(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return the node-link JSON (the registry's entry point)."""
    return generate_json(model, trace)


__all__ = [
    "generate",
    "generate_json",
]
