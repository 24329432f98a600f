"""Turn a logic model into a graph: the one place that reads its elements and links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.models import ALL_PARTNERS, Contribution, Element, LogicModel, Outcome, Stage
from logicmodel.models.links import LinkFacts

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
# What a stated link's edge carries beside its kind: plain words, which every export can hold.
LINK_DATA = ("evidence", "stance", "confidence", "channel", "effect")


def link_data(kind: str, facts: LinkFacts) -> dict[str, str]:
    """Return a stated link's edge data: its kind and the facts the trace and views read."""
    data = {"kind": kind}
    if facts.evidence is not None:
        data["evidence"] = facts.evidence.level.value
        data["stance"] = facts.evidence.stance.value
    for name in ("confidence", "channel", "effect"):
        value = getattr(facts, name)
        if value is not None:
            data[name] = value.value
    return data


def _links(element: Element, kind: str, targets: list[str]) -> list[EdgeRecord]:
    """Return an element's links of one kind as edges; plain links share one dict of data."""
    plain = ENHANCES_DATA if kind == ENHANCES else LEADS_TO_DATA
    if not element.link_facts:
        return [(element.id, target, plain) for target in targets]
    stated = element.link_facts
    return [(element.id, t, link_data(kind, stated[t]) if t in stated else plain) for t in targets]


def graph_records(model: LogicModel) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Return the model's nodes with their data and its links with their kind, in file order.

    Node data: `stage` (the stage's name), `label`, `partners` (a tuple of partner ids, empty
    for outcomes), `collaborative` (False for outcomes), `outcome`, and `evidence` on an
    outcome that states it. Link data: `kind`, "leads_to" or "enhances", and a stated link's
    `LINK_DATA` where the file gives them (`evidence` is its level; `effect` "negative" for a
    link that works against its target). The trace reads these directly; `build_graph` wraps
    them in networkx for everyone else.
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
                edges += _links(element, ENHANCES, element.enhances)
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
            edges += _links(element, LEADS_TO, element.leads_to)
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
    "LINK_DATA",
    "link_data",
    "NodeRecord",
    "build_graph",
    "graph_records",
]
