"""Turn a logic model into a graph: the one place that reads its elements and links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.models import Contribution, LogicModel

if TYPE_CHECKING:
    import networkx as nx

    ModelGraph = nx.DiGraph[str]
else:
    ModelGraph = "nx.DiGraph"

LEADS_TO = "leads_to"
ENHANCES = "enhances"
LEADS_TO_DATA = {"kind": LEADS_TO}
ENHANCES_DATA = {"kind": ENHANCES}

NodeRecord = tuple[str, dict[str, Any]]
EdgeRecord = tuple[str, str, dict[str, str]]


def graph_records(model: LogicModel) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Return the model's nodes with their data and its links with their kind, in file order.

    Node data: `stage` (the stage's name), `label`, `partners` (a tuple of partner ids, empty
    for outcomes), `collaborative` (False for outcomes), `outcome`, and `evidence` on an
    outcome that states it. Link data: `kind`,
    "leads_to" or "enhances". The trace reads these directly; `build_graph` wraps them in
    networkx for everyone else.
    """
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    for stage, element in model.elements():
        if isinstance(element, Contribution):
            partners = tuple(model.partners_of(element))
            collaborative = model.is_collaborative(element)
            edges += [(element.id, target, ENHANCES_DATA) for target in element.enhances]
        else:
            partners, collaborative = (), False
        edges += [(element.id, target, LEADS_TO_DATA) for target in element.leads_to]
        data = {
            "stage": stage.value,
            "label": element.label,
            "partners": partners,
            "collaborative": collaborative,
            "outcome": stage.is_outcome,
        }
        evidence = getattr(element, "evidence", None)
        if evidence is not None:
            data["evidence"] = evidence.value
        nodes.append((element.id, data))
    return nodes, edges


@without_gc_pauses
def build_graph(model: LogicModel) -> ModelGraph:
    """Return the model as a networkx graph: a node per element, an edge per link.

    Nodes and edges carry the data of `graph_records`; nodes come in file order.
    """
    import networkx as nx

    nodes, edges = graph_records(model)
    graph: ModelGraph = nx.DiGraph(title=model.title, partners=tuple(model.partner_ids()))
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


__all__ = [
    "ENHANCES",
    "ENHANCES_DATA",
    "EdgeRecord",
    "LEADS_TO",
    "LEADS_TO_DATA",
    "NodeRecord",
    "build_graph",
    "graph_records",
]
