"""Turn a logic model into a networkx directed graph: the one place that does so."""

from __future__ import annotations

import networkx as nx

from logicmodel.models import Contribution, LogicModel

LEADS_TO = "leads_to"
ENHANCES = "enhances"


def build_graph(model: LogicModel) -> nx.DiGraph:
    """Return the model as a graph: a node per element, an edge per `leads_to` or `enhances`.

    Nodes carry `stage` (the stage's name), `label`, `partners` (a tuple of partner ids,
    empty for outcomes), `collaborative` (False for outcomes) and `outcome`. Edges carry
    `kind`, either "leads_to" or "enhances". Nodes come in file order, stage by stage.
    """
    graph = nx.DiGraph(title=model.title, partners=tuple(model.partner_ids()))
    for stage, element in model.elements():
        if isinstance(element, Contribution):
            partners = tuple(model.partners_of(element))
            collaborative = model.is_collaborative(element)
        else:
            partners, collaborative = (), False
        graph.add_node(
            element.id,
            stage=stage.value,
            label=element.label,
            partners=partners,
            collaborative=collaborative,
            outcome=stage.is_outcome,
        )
    for _, element in model.elements():
        for target in element.leads_to:
            graph.add_edge(element.id, target, kind=LEADS_TO)
        if isinstance(element, Contribution):
            for target in element.enhances:
                graph.add_edge(element.id, target, kind=ENHANCES)
    return graph


def is_contribution(graph: nx.DiGraph, node: str) -> bool:
    """Return True for an input, activity or output."""
    return not graph.nodes[node]["outcome"]


def outcomes(graph: nx.DiGraph) -> list[str]:
    """Return the outcome nodes in file order."""
    return [node for node, outcome in graph.nodes(data="outcome") if outcome]
