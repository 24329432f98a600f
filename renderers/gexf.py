"""GEXF export (networkx's writer): Gephi's own format."""

from __future__ import annotations

from logicmodel.models import LogicModel
from logicmodel.renderers.graphml import export_graph
from logicmodel.renderers.options import Options
from logicmodel.tracing import Trace


def generate_gexf(model: LogicModel, trace: Trace) -> str:
    """Return the model as GEXF text."""
    import networkx as nx

    return "\n".join(nx.generate_gexf(export_graph(model, trace))) + "\n"


def generate(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return the GEXF text (the registry's entry point)."""
    return generate_gexf(model, trace)
