"""Turn a logic model into a networkx directed graph: the one place that does so."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from logicmodel.models import Contribution, LogicModel
from logicmodel.perf import without_gc_pauses

LEADS_TO = "leads_to"
ENHANCES = "enhances"
if TYPE_CHECKING:
    ModelGraph = nx.DiGraph[str]
else:
    ModelGraph = nx.DiGraph

LEADS_TO_DATA = {"kind": LEADS_TO}
ENHANCES_DATA = {"kind": ENHANCES}


@without_gc_pauses
def build_graph(model: LogicModel) -> ModelGraph:
    """Return the model as a graph: a node per element, an edge per `leads_to` or `enhances`.

    Nodes carry `stage` (the stage's name), `label`, `partners` (a tuple of partner ids,
    empty for outcomes), `collaborative` (False for outcomes) and `outcome`. Edges carry
    `kind`, either "leads_to" or "enhances". Nodes come in file order, stage by stage.
    """
    graph: ModelGraph = nx.DiGraph(title=model.title, partners=tuple(model.partner_ids()))
    nodes = []
    edges = []
    for stage, element in model.elements():
        outcome = stage.is_outcome
        if isinstance(element, Contribution):
            partners = tuple(model.partners_of(element))
            collaborative = model.is_collaborative(element)
            edges += [(element.id, target, ENHANCES_DATA) for target in element.enhances]
        else:
            partners, collaborative = (), False
        edges += [(element.id, target, LEADS_TO_DATA) for target in element.leads_to]
        nodes.append(
            (
                element.id,
                {
                    "stage": stage.value,
                    "label": element.label,
                    "partners": partners,
                    "collaborative": collaborative,
                    "outcome": outcome,
                },
            )
        )
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def is_contribution(graph: ModelGraph, node: str) -> bool:
    """Return True for an input, activity or output."""
    return not graph.nodes[node]["outcome"]


def outcomes(graph: ModelGraph) -> list[str]:
    """Return the outcome nodes in file order."""
    return [node for node, outcome in graph.nodes(data="outcome") if outcome]
