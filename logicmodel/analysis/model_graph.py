"""Turn a logic model into a graph: the one place that reads its elements and links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.models import ALL_PARTNERS, Contribution, LogicModel, Outcome, Stage

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
    everyone = tuple(model.partner_ids())
    for stage in Stage:
        name, is_outcome = stage.value, stage.is_outcome
        for element in model.stage_elements(stage):
            ident = element.id
            data: dict[str, Any]
            if isinstance(element, Contribution):
                by = element.by
                # As model.partners_of and model.is_collaborative say, without the calls.
                partners = (
                    everyone if by == ALL_PARTNERS else (by,) if isinstance(by, str) else tuple(by)
                )
                collaborative = (
                    len(partners) >= 2 if element.collaborative is None else element.collaborative
                )
                edges += [(ident, target, ENHANCES_DATA) for target in element.enhances]
                data = {
                    "stage": name,
                    "label": element.label,
                    "partners": partners,
                    "collaborative": collaborative,
                    "outcome": is_outcome,
                }
            else:
                data = {
                    "stage": name,
                    "label": element.label,
                    "partners": (),
                    "collaborative": False,
                    "outcome": is_outcome,
                }
                evidence = element.evidence if isinstance(element, Outcome) else None
                if evidence is not None:
                    data["evidence"] = evidence.value
            edges += [(ident, target, LEADS_TO_DATA) for target in element.leads_to]
            nodes.append((ident, data))
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
