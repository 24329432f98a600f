"""The trace: which outcomes rely on collaboration, how much, and what if a partner leaves.

Every function here is linear or near-linear in the size of the graph. Nothing lists paths:
path counts grow exponentially with depth, so they are counted in topological order, and
critical elements come from dominators, not from intersecting paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import networkx as nx

from logicmodel.graph import ENHANCES, LEADS_TO, build_graph, outcomes
from logicmodel.models import LogicModel, TraceClass

# A node name no element can have (ids start with a letter or digit).
SOURCE = "<source>"

RELY_ON_COLLABORATION = (TraceClass.COLLABORATIVE_GAIN, TraceClass.COLLABORATION_ONLY)


@dataclass(frozen=True)
class OutcomeTrace:
    """What the trace found for one outcome."""

    id: str
    stage: str
    label: str
    trace_class: TraceClass
    depends_on_collaboration: bool
    critical: tuple[str, ...]
    share: Fraction
    paths: int
    single_agency_partners: tuple[str, ...]
    joint_partners: tuple[str, ...]

    @property
    def relies_on_collaboration(self) -> bool:
        """Return True when collaboration supports the outcome, alone or with single agencies."""
        return self.trace_class in RELY_ON_COLLABORATION


@dataclass(frozen=True)
class Trace:
    """The trace of a whole model: one OutcomeTrace per outcome, in file order."""

    outcomes: dict[str, OutcomeTrace]
    partners: tuple[str, ...]

    def count(self, trace_class: TraceClass) -> int:
        """Return how many outcomes have a class."""
        return sum(1 for o in self.outcomes.values() if o.trace_class is trace_class)

    def summary(self) -> str:
        """Return one line: how many outcomes rely on collaboration, how many would be lost."""
        relying = sum(o.relies_on_collaboration for o in self.outcomes.values())
        lost = sum(o.depends_on_collaboration for o in self.outcomes.values())
        unsupported = self.count(TraceClass.UNSUPPORTED)
        line = (
            f"{relying} of {len(self.outcomes)} outcomes rely on collaboration; "
            f"{lost} would be lost without it"
        )
        if unsupported:
            line += f"; {unsupported} {'has' if unsupported == 1 else 'have'} no support at all"
        return line


# ---------------------------------------------------------------- small pure functions


def topological_order(graph: nx.DiGraph) -> list[str]:
    """Return the nodes so that every edge runs from an earlier to a later node."""
    return list(nx.topological_sort(graph))


def contribution_sources(graph: nx.DiGraph) -> list[str]:
    """Return the contributions that nothing feeds: where supporting paths start."""
    return [
        node
        for node, outcome in graph.nodes(data="outcome")
        if not outcome and graph.in_degree(node) == 0
    ]


def green_supported(graph: nx.DiGraph, order: Sequence[str]) -> set[str]:
    """Return the nodes reached from a single-agency contribution by a wholly green path.

    A green path touches no collaborative element and no `enhances` link; it may start at any
    single-agency contribution, since real models often start at an activity.
    """
    reached: set[str] = set()
    for node in order:
        data = graph.nodes[node]
        if data["collaborative"]:
            continue
        if not data["outcome"] or any(
            pred in reached and kind == LEADS_TO
            for pred, _, kind in graph.in_edges(node, data="kind")
        ):
            reached.add(node)
    return reached


def red_supported(graph: nx.DiGraph, order: Sequence[str]) -> set[str]:
    """Return the nodes with a collaborative element or an `enhances` link upstream (or own)."""
    reached: set[str] = set()
    for node in order:
        if graph.nodes[node]["collaborative"] or any(
            pred in reached or kind == ENHANCES
            for pred, _, kind in graph.in_edges(node, data="kind")
        ):
            reached.add(node)
    return reached


def classify(green: bool, red: bool) -> TraceClass:
    """Return the trace class from whether green and red support reach an outcome.

    >>> classify(True, True).value
    'collaborative-gain'
    """
    if green and red:
        return TraceClass.COLLABORATIVE_GAIN
    if green:
        return TraceClass.SINGLE_AGENCY
    if red:
        return TraceClass.COLLABORATION_ONLY
    return TraceClass.UNSUPPORTED


def immediate_dominators(graph: nx.DiGraph, order: Sequence[str]) -> dict[str, str]:
    """Return each reachable node's immediate dominator from a virtual source.

    The virtual source feeds every contribution that nothing feeds. On a DAG taken in
    topological order, a node's immediate dominator is the nearest common dominator of its
    predecessors, found in one pass (Cooper, Harvey and Kennedy's intersection).
    """
    position = {node: index for index, node in enumerate(order)}
    position[SOURCE] = -1
    idom: dict[str, str] = {}
    for node in order:
        preds = [pred for pred in graph.predecessors(node) if pred in idom]
        if not preds:
            if graph.in_degree(node) == 0 and not graph.nodes[node]["outcome"]:
                idom[node] = SOURCE
            continue
        dominator = preds[0]
        for pred in preds[1:]:
            a, b = dominator, pred
            while a != b:
                while position[a] > position[b]:
                    a = idom[a]
                while position[b] > position[a]:
                    b = idom[b]
            dominator = a
        idom[node] = dominator
    return idom


def critical_collaborative(graph: nx.DiGraph, idom: dict[str, str], node: str) -> tuple[str, ...]:
    """Return the collaborative elements every supporting path to a node passes, nearest first."""
    critical: list[str] = []
    current = idom.get(node)
    while current is not None and current != SOURCE:
        if graph.nodes[current]["collaborative"]:
            critical.append(current)
        current = idom.get(current)
    return tuple(critical)


def count_paths(graph: nx.DiGraph, order: Sequence[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Return, per node, the number of source paths and of those with no red on them.

    Exact integers: path counts can exceed any float, and the share must stay exact.
    """
    total: dict[str, int] = {}
    green: dict[str, int] = {}
    for node in order:
        data = graph.nodes[node]
        if graph.in_degree(node) == 0:
            total[node] = 0 if data["outcome"] else 1
            green[node] = 0 if data["outcome"] or data["collaborative"] else 1
            continue
        all_paths = clean = 0
        for pred, _, kind in graph.in_edges(node, data="kind"):
            all_paths += total[pred]
            if kind == LEADS_TO:
                clean += green[pred]
        total[node] = all_paths
        green[node] = 0 if data["collaborative"] else clean
    return total, green


def collaborative_share(total: int, green: int) -> Fraction:
    """Return the fraction of paths that pass collaboration, 0 when there are no paths.

    >>> collaborative_share(4, 1)
    Fraction(3, 4)
    """
    return Fraction(total - green, total) if total else Fraction(0)


def partner_masks(
    graph: nx.DiGraph, order: Sequence[str], partners: Sequence[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Return, per node, bit masks of partners upstream single-agency and jointly."""
    bit = {partner: 1 << index for index, partner in enumerate(partners)}
    single: dict[str, int] = {}
    joint: dict[str, int] = {}
    for node in order:
        data = graph.nodes[node]
        own = 0
        for partner in data["partners"]:
            own |= bit.get(partner, 0)
        alone = own if not data["collaborative"] else 0
        together = own if data["collaborative"] else 0
        for pred in graph.predecessors(node):
            alone |= single[pred]
            together |= joint[pred]
        single[node], joint[node] = alone, together
    return single, joint


def _names(mask: int, partners: Sequence[str]) -> tuple[str, ...]:
    return tuple(partner for index, partner in enumerate(partners) if mask >> index & 1)


# ---------------------------------------------------------------- the trace


def trace_graph(graph: nx.DiGraph) -> Trace:
    """Return the trace of every outcome in a model graph."""
    partners: tuple[str, ...] = graph.graph.get("partners", ())
    order = topological_order(graph)
    green = green_supported(graph, order)
    red = red_supported(graph, order)
    idom = immediate_dominators(graph, order)
    total, clean = count_paths(graph, order)
    single, joint = partner_masks(graph, order, partners)
    traced: dict[str, OutcomeTrace] = {}
    for node in outcomes(graph):
        data = graph.nodes[node]
        trace_class = classify(node in green, node in red)
        traced[node] = OutcomeTrace(
            id=node,
            stage=data["stage"],
            label=data["label"],
            trace_class=trace_class,
            # With collaboration removed only green paths are left, so an outcome depends on
            # collaboration exactly when red support reaches it and green does not.
            depends_on_collaboration=trace_class is TraceClass.COLLABORATION_ONLY,
            critical=critical_collaborative(graph, idom, node),
            share=collaborative_share(total[node], clean[node]),
            paths=total[node],
            single_agency_partners=_names(single[node], partners),
            joint_partners=_names(joint[node], partners),
        )
    return Trace(traced, partners)


def trace(model: LogicModel) -> Trace:
    """Return the trace of every outcome in a model."""
    return trace_graph(build_graph(model))


# ---------------------------------------------------------------- what if


def remove_partners(graph: nx.DiGraph, leaving: Iterable[str]) -> nx.DiGraph:
    """Return the graph as it would be if some partners left.

    A partner's own contributions go. A joint contribution carries on with the partners
    left: with one it becomes single-agency, with none it goes. A contribution that is no
    longer collaborative no longer enhances anyone's work.
    """
    gone = set(leaving)
    result = graph.copy()
    for node, data in graph.nodes(data=True):
        if data["outcome"] or not gone.intersection(data["partners"]):
            continue
        staying = tuple(p for p in data["partners"] if p not in gone)
        if not staying:
            result.remove_node(node)
            continue
        result.nodes[node]["partners"] = staying
        if len(staying) == 1:
            result.nodes[node]["collaborative"] = False
    _drop_stale_enhances(result)
    result.graph["partners"] = tuple(p for p in graph.graph.get("partners", ()) if p not in gone)
    return result


def remove_collaboration(graph: nx.DiGraph) -> nx.DiGraph:
    """Return the graph with every collaborative element and every `enhances` link removed."""
    result = graph.copy()
    result.remove_nodes_from([n for n, collab in graph.nodes(data="collaborative") if collab])
    _drop_stale_enhances(result, everything=True)
    return result


def _drop_stale_enhances(graph: nx.DiGraph, everything: bool = False) -> None:
    stale = [
        (source, target)
        for source, target, kind in graph.edges(data="kind")
        if kind == ENHANCES and (everything or not graph.nodes[source]["collaborative"])
    ]
    graph.remove_edges_from(stale)


@dataclass(frozen=True)
class Change:
    """One outcome before and after a change to the partnership."""

    id: str
    label: str
    before: OutcomeTrace
    after: OutcomeTrace

    @property
    def loses_gain(self) -> bool:
        """Return True when collaboration reached the outcome before but not after, support left."""
        return (
            self.before.trace_class in RELY_ON_COLLABORATION
            and self.after.trace_class is TraceClass.SINGLE_AGENCY
        )

    @property
    def loses_own_support(self) -> bool:
        """Return True when single agencies supported the outcome before but not after."""
        return self.before.trace_class in (
            TraceClass.SINGLE_AGENCY,
            TraceClass.COLLABORATIVE_GAIN,
        ) and self.after.trace_class in (TraceClass.COLLABORATION_ONLY, TraceClass.UNSUPPORTED)

    @property
    def loss(self) -> str:
        """Return what the outcome loses in words, or '' when nothing."""
        if self.loses_support:
            return "all support"
        if self.loses_gain:
            return "collaborative gain"
        if self.loses_own_support:
            return "single-agency support"
        return ""

    @property
    def loses_support(self) -> bool:
        """Return True when the outcome had support before and has none after."""
        return (
            self.before.trace_class is not TraceClass.UNSUPPORTED
            and self.after.trace_class is TraceClass.UNSUPPORTED
        )


@dataclass(frozen=True)
class WhatIf:
    """What changes when partners leave or collaboration stops."""

    scenario: str
    changes: list[Change] = field(default_factory=list)

    @property
    def losing_gain(self) -> list[str]:
        """Return the outcomes that keep support but lose their collaborative gain."""
        return [change.id for change in self.changes if change.loses_gain]

    @property
    def losing_support(self) -> list[str]:
        """Return the outcomes that lose all support."""
        return [change.id for change in self.changes if change.loses_support]

    def summary(self) -> str:
        """Return one line: the scenario and how many outcomes lose gain or support."""
        gain, support = len(self.losing_gain), len(self.losing_support)
        return (
            f"{self.scenario}: {gain} of {len(self.changes)} outcomes would lose their "
            f"collaborative gain; {support} would lose all support"
        )


def whatif(
    model: LogicModel,
    without: Sequence[str] = (),
    *,
    without_collaboration: bool = False,
) -> WhatIf:
    """Return each outcome's trace before and after partners leave or collaboration stops."""
    return whatif_graph(build_graph(model), without, without_collaboration=without_collaboration)


def whatif_graph(
    graph: nx.DiGraph,
    without: Sequence[str] = (),
    *,
    without_collaboration: bool = False,
) -> WhatIf:
    """Return each outcome's trace before and after a change, from a model graph."""
    if not without and not without_collaboration:
        raise ValueError("say what changes: partners to leave, or without_collaboration=True")
    unknown = [p for p in without if p not in graph.graph.get("partners", ())]
    if unknown:
        raise ValueError(f"unknown partner {unknown[0]!r}")
    changed = graph
    scenarios = []
    if without:
        changed = remove_partners(changed, without)
        scenarios.append("without " + ", ".join(without))
    if without_collaboration:
        changed = remove_collaboration(changed)
        scenarios.append("without collaboration")
    before = trace_graph(graph)
    after = trace_graph(changed)
    changes = [
        Change(node, outcome.label, outcome, after.outcomes[node])
        for node, outcome in before.outcomes.items()
    ]
    return WhatIf(" and ".join(scenarios).capitalize(), changes)
