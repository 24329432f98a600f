"""GraphML export (networkx's writer): opens in Gephi, yEd, Cytoscape and networkx."""

from __future__ import annotations

from logicmodel.model_graph import ModelGraph
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import element_rows, link_rows
from logicmodel.renderers.options import Options
from logicmodel.tracing import Trace


def export_graph(model: LogicModel, trace: Trace) -> ModelGraph:
    """Return a networkx graph whose nodes and edges carry the export attributes."""
    import networkx as nx

    graph: ModelGraph = nx.DiGraph(title=model.title, area=model.area or "")
    for row in element_rows(model, trace):
        graph.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    for row in link_rows(model):
        graph.add_edge(row["source"], row["target"], kind=row["kind"])
    return graph


def generate_graphml(model: LogicModel, trace: Trace) -> str:
    """Return the model as GraphML text."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(export_graph(model, trace))) + "\n"


def generate(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return the GraphML text (the registry's entry point)."""
    return generate_graphml(model, trace)
