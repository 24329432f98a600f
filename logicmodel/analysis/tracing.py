"""The trace: which outcomes rely on collaboration, how much, and what if a partner leaves.

Every function here is linear or near-linear in the size of the graph. Nothing lists paths:
path counts grow exponentially with depth, so they are counted in topological order, and
critical elements come from dominators, not from intersecting paths.

Path counts are exact integers while they stay below EXACT_LIMIT; past it (a deep ladder of
activities doubles them at every rung) a node's counts are kept as natural logarithms, so
arithmetic stays linear in the size of the graph and nothing prints a giant integer. Shares
from logarithms are floats correct to about twelve significant digits, far more than shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from logicmodel.analysis.link_support import counted_links
from logicmodel.analysis.losses import (
    LOSES_ALL_SUPPORT,
    LOSES_GAIN,
    LOSES_OWN_SUPPORT,
    loss_sentence,
    scenario_text,
)
from logicmodel.analysis.model_graph import (
    ENHANCES,
    EdgeRecord,
    ModelGraph,
    NodeRecord,
    build_graph,
    graph_records,
)
from logicmodel.analysis.results import Table, Tabular
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.strands import without_unloaded_strands
from logicmodel.models import LogicModel, TraceClass
from logicmodel.models.links import Evidence

RELY_ON_COLLABORATION = (TraceClass.COLLABORATIVE_GAIN, TraceClass.COLLABORATION_ONLY)

# What happens to joint work a leaving partner took part in: it carries on with the partners
# left (the default), or it stops with the partner. The first is the hopeful reading, the
# second the cautious one: joint work often exists only because all its partners signed up.
JointWork = Literal["continues", "stops"]
JOINT_WORK: tuple[JointWork, ...] = ("continues", "stops")
# Path counts above this are kept as logarithms: exact integers past it cost time that grows
# with their length, and only 4,300 digits of one can be printed.
EXACT_LIMIT = 10**15

Share = Fraction | float  # a Fraction while the counts are exact, else a float


@dataclass(frozen=True)
class OutcomeTrace:
    """What the trace found for one outcome."""

    id: str
    stage: str
    label: str
    trace_class: TraceClass
    depends_on_collaboration: bool
    critical: tuple[str, ...]
    share: Share
    paths: int | None  # None when too many to count exactly: see paths_log10
    single_agency_partners: tuple[str, ...]
    joint_partners: tuple[str, ...]
    evidence: str | None = None  # how far its gain is established, as the model says
    paths_log10: float = 0.0  # log10 of the number of paths, exact or not (-inf for none)

    @property
    def paths_text(self) -> str:
        """Return the number of supporting paths: exact digits, or '≈1.23e+6320' when huge."""
        return str(self.paths) if self.paths is not None else approximate(self.paths_log10)

    @property
    def relies_on_collaboration(self) -> bool:
        """Return True when collaboration supports the outcome, alone or with single agencies."""
        return self.trace_class in RELY_ON_COLLABORATION


@dataclass(frozen=True)
class Trace(Tabular):
    """The trace of a whole model: one OutcomeTrace per outcome, in file order."""

    outcomes: dict[str, OutcomeTrace]
    partners: tuple[str, ...]
    # For every element, outcomes and contributions alike (exports carry them for all):
    shares: dict[str, Share] = field(default_factory=dict)
    lost_without_collaboration: frozenset[str] = frozenset()

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

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per outcome (lists stay lists, shares to 4 decimals), e.g.
        for pandas.DataFrame."""
        return [outcome_record(o) for o in self.outcomes.values()]

    def table(self) -> Table:
        """Return every outcome's record under the summary, as the notebook shows it."""
        return Table(self.to_records(), {k: k for k in RECORD_COLUMNS}, self.summary())


RECORD_COLUMNS = (
    "id",
    "label",
    "stage",
    "trace_class",
    "depends_on_collaboration",
    "collaborative_share",
    "critical",
    "single_agency_partners",
    "joint_partners",
    "paths",
    "evidence",
)


def outcome_record(outcome: OutcomeTrace) -> dict[str, Any]:
    """Return one outcome's trace as plain values, in the vocabulary every output uses."""
    return {
        "id": outcome.id,
        "label": outcome.label,
        "stage": outcome.stage,
        "trace_class": outcome.trace_class.value,
        "depends_on_collaboration": outcome.depends_on_collaboration,
        "collaborative_share": round(float(outcome.share), 4),
        "critical": list(outcome.critical),
        "single_agency_partners": list(outcome.single_agency_partners),
        "joint_partners": list(outcome.joint_partners),
        "paths": outcome.paths,
        "evidence": outcome.evidence,
    }


# ---------------------------------------------------------------- small pure functions


@dataclass(frozen=True)
class Ordered:
    """A model graph in topological order, as plain lists indexed by position.

    The trace makes several passes over every node and edge; plain lists make each pass a
    tight loop, and building them needs no networkx graph at all.
    """

    nodes: list[str]
    data: list[dict[str, Any]]  # each node's data, as in `graph_records`
    leads_from: list[list[int]]  # positions of the `leads_to` predecessors of each node
    enhanced_by: list[list[int]]  # positions of the `enhances` predecessors of each node
    collaborative: list[bool]
    outcome: list[bool]
    outcomes_in_file_order: list[int]

    @classmethod
    def from_records(cls, nodes: Sequence[NodeRecord], edges: Iterable[EdgeRecord]) -> Ordered:
        """Return nodes and links (as `graph_records` gives them) in topological order."""
        index = {node: i for i, (node, _) in enumerate(nodes)}
        successors: list[list[int]] = [[] for _ in nodes]
        indegree = [0] * len(nodes)
        kinds: list[tuple[int, int, bool]] = []
        for source, target, link in counted_links(edges):
            s, t = index[source], index[target]
            successors[s].append(t)
            indegree[t] += 1
            kinds.append((s, t, link["kind"] == ENHANCES))
        # Kahn's algorithm, taking ready nodes in file order so the result is stable.
        ready = [i for i in range(len(nodes)) if indegree[i] == 0]
        ready.reverse()
        order: list[int] = []
        while ready:
            current = ready.pop()
            order.append(current)
            for nxt in reversed(successors[current]):
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    ready.append(nxt)
        if len(order) != len(nodes):
            raise ValueError("the graph has a cycle")  # the loader refuses these first
        position = [0] * len(nodes)
        for rank, original in enumerate(order):
            position[original] = rank
        leads_from: list[list[int]] = [[] for _ in nodes]
        enhanced_by: list[list[int]] = [[] for _ in nodes]
        for s, t, enhances in kinds:
            (enhanced_by if enhances else leads_from)[position[t]].append(position[s])
        data = [nodes[original][1] for original in order]
        return cls(
            [nodes[original][0] for original in order],
            data,
            leads_from,
            enhanced_by,
            [d["collaborative"] for d in data],
            [d["outcome"] for d in data],
            [position[i] for i, (_, d) in enumerate(nodes) if d["outcome"]],
        )

    @classmethod
    def from_graph(cls, graph: ModelGraph) -> Ordered:
        """Return a networkx model graph in topological order."""
        nodes: list[NodeRecord] = [(node, data) for node, data in graph.nodes(data=True)]
        return cls.from_records(nodes, graph.edges(data=True))

    def is_source(self, index: int) -> bool:
        """Return True for a contribution that nothing feeds: where supporting paths start.

        An `enhances` link improves a contribution but does not feed it: a partner's own
        activity that joint work enhances is still what the partner would do anyway.
        """
        return not self.outcome[index] and not self.leads_from[index]


def green_supported(ordered: Ordered) -> list[bool]:
    """Return, per node, whether a wholly green path from a starting point reaches it.

    Paths start where nothing feeds a contribution (real models often start at an
    activity), and a green path touches no collaborative element and no `enhances` link.
    A partner's activity fed only by pooled resources is not what it would do in isolation.
    """
    return _green_reach(ordered, [ordered.is_source(i) for i in range(len(ordered.nodes))])


def supported_without_collaboration(ordered: Ordered) -> list[bool]:
    """Return, per node, whether it keeps support once all collaboration is gone.

    Removing collaborative elements and `enhances` links leaves some single-agency
    contributions fed by nothing, and those become starting points, as in
    `remove_collaboration` followed by a new trace.
    """
    collaborative = ordered.collaborative.__getitem__
    starts = [all(map(collaborative, preds)) for preds in ordered.leads_from]
    return _green_reach(ordered, starts)


def _green_reach(ordered: Ordered, starts: list[bool]) -> list[bool]:
    reached = [False] * len(ordered.nodes)
    was_reached = reached.__getitem__
    collaborative, outcome = ordered.collaborative, ordered.outcome
    for index, preds in enumerate(ordered.leads_from):
        if collaborative[index]:
            continue
        if (starts[index] and not outcome[index]) or any(map(was_reached, preds)):
            reached[index] = True
    return reached


def red_supported(ordered: Ordered) -> list[bool]:
    """Return, per node, whether it is collaborative or has collaboration upstream.

    Collaboration upstream is a collaborative element or an `enhances` link.
    """
    reached = list(ordered.collaborative)
    was_reached = reached.__getitem__
    enhanced_by = ordered.enhanced_by
    for index, preds in enumerate(ordered.leads_from):
        if not reached[index] and (enhanced_by[index] or any(map(was_reached, preds))):
            reached[index] = True
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


SOURCE = -1  # the virtual source's position: before every node


def immediate_dominators(ordered: Ordered) -> list[int | None]:
    """Return each node's immediate dominator from a virtual source, None when unreachable.

    The virtual source feeds every contribution that nothing feeds. In topological order a
    node's immediate dominator is the nearest common dominator of its predecessors, found in
    one pass (Cooper, Harvey and Kennedy's intersection): no iteration, no path listing.
    """
    idom: list[int | None] = [None] * len(ordered.nodes)
    outcome, enhanced_by = ordered.outcome, ordered.enhanced_by
    for index, leads in enumerate(ordered.leads_from):
        if not leads and not outcome[index]:  # a starting point (Ordered.is_source)
            idom[index] = SOURCE
            continue
        dominator: int | None = None
        enhancers = enhanced_by[index]
        for pred in leads + enhancers if enhancers else leads:
            if idom[pred] is None:
                continue  # unreachable: no supporting path comes this way
            if dominator is None:
                dominator = pred
                continue
            a, b = dominator, pred
            while a != b:
                while a > b:
                    a = idom[a]  # type: ignore[assignment]
                while b > a:
                    b = idom[b]  # type: ignore[assignment]
            dominator = a
        idom[index] = dominator
    return idom


def critical_collaborative(ordered: Ordered, idom: list[int | None], index: int) -> tuple[str, ...]:
    """Return the collaborative elements every supporting path to a node passes, nearest first."""
    critical: list[str] = []
    current = idom[index]
    while current is not None and current != SOURCE:
        if ordered.collaborative[current]:
            critical.append(ordered.nodes[current])
        current = idom[current]
    return tuple(critical)


@dataclass
class PathCounts:
    """Per node, the paths from the virtual source that pass collaboration and that do not.

    `red` and `green` hold exact integers while a node's total stays below EXACT_LIMIT, else
    None, and then `log_red` and `log_green` hold natural logarithms (-inf for no path).
    """

    red: list[int | None]
    green: list[int | None]
    log_red: list[float]
    log_green: list[float]

    def exact(self, index: int) -> bool:
        """Return True when a node's counts are exact integers."""
        return self.red[index] is not None

    def total(self, index: int) -> int | None:
        """Return a node's exact number of paths, or None when it is too large to keep exact."""
        red, green = self.red[index], self.green[index]
        return None if red is None or green is None else red + green

    def log10_total(self, index: int) -> float:
        """Return log10 of a node's number of paths (-inf for none)."""
        total = self.total(index)
        if total is not None:
            return math.log10(total) if total else -math.inf
        return _log_add([self.log_red[index], self.log_green[index]]) / math.log(10)

    def share(self, index: int) -> Share:
        """Return the fraction of a node's paths that pass collaboration, 0 when there are none.

        Exactly 0 only when no path passes collaboration and exactly 1 only when every path
        does, in either form.
        """
        red, green = self.red[index], self.green[index]
        if red is not None and green is not None:
            return collaborative_share(red + green, green)
        log_red, log_green = self.log_red[index], self.log_green[index]
        if log_red == -math.inf:
            return Fraction(0)
        if log_green == -math.inf:
            return Fraction(1)
        difference = log_green - log_red
        share = 0.0 if difference > 700 else 1 / (1 + math.exp(difference))
        return min(max(share, math.nextafter(0.0, 1.0)), math.nextafter(1.0, 0.0))


def _log(count: int | None, log_count: float) -> float:
    if count is None:
        return log_count
    return math.log(count) if count else -math.inf


def _log_add(logs: Sequence[float]) -> float:
    """Return log(sum(exp(x))) without overflow; -inf for an empty sum."""
    top = max(logs, default=-math.inf)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(x - top) for x in logs))


def count_paths(ordered: Ordered) -> PathCounts:
    """Return, per node, the number of paths from the virtual source, red and green apart.

    A path is red when it passes a collaborative element or an `enhances` link. Counts stay
    exact integers while they are small, and become logarithms past EXACT_LIMIT, so the work
    is linear in nodes and links however deep the graph.
    """
    size = len(ordered.nodes)
    counts = PathCounts([0] * size, [0] * size, [0.0] * size, [0.0] * size)
    red, green = counts.red, counts.green
    # While all_exact, every count read is an integer.
    red_of: Callable[[int], int] = red.__getitem__  # type: ignore[assignment]
    green_of: Callable[[int], int] = green.__getitem__  # type: ignore[assignment]
    all_exact = True  # until some node's counts become logarithms, every count is exact
    for index in range(size):
        leads, enhancers = ordered.leads_from[index], ordered.enhanced_by[index]
        # A starting point has one path of its own, from the virtual source straight to it.
        start = 0 if leads or ordered.outcome[index] else 1
        collaborative = ordered.collaborative[index]
        if all_exact or all(red[p] is not None for p in (*leads, *enhancers)):
            lead_red, lead_green = sum(map(red_of, leads)), sum(map(green_of, leads))
            boost = sum(map(red_of, enhancers)) + sum(map(green_of, enhancers))
            here_red = lead_red + boost + (start + lead_green if collaborative else 0)
            here_green = 0 if collaborative else start + lead_green
            if here_red + here_green < EXACT_LIMIT:
                red[index], green[index] = here_red, here_green
                continue
        # Too many for exact integers: logarithms from here on down.
        greens = [math.log(start)] if start else []
        greens += [_log(green[p], counts.log_green[p]) for p in leads]
        reds = [_log(red[p], counts.log_red[p]) for p in leads]
        reds += [_log(red[p], counts.log_red[p]) for p in enhancers]
        reds += [_log(green[p], counts.log_green[p]) for p in enhancers]
        if collaborative:
            reds, greens = reds + greens, []
        red[index] = green[index] = None
        all_exact = False
        counts.log_red[index], counts.log_green[index] = _log_add(reds), _log_add(greens)
    return counts


def approximate(log10_count: float) -> str:
    """Return a count known by its log10 in scientific notation, e.g. '≈1.23e+6320'.

    >>> approximate(6320.09)
    '≈1.23e+6320'
    """
    if log10_count == -math.inf:
        return "0"
    exponent = math.floor(log10_count)
    mantissa = round(10 ** (log10_count - exponent), 2)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"≈{mantissa:.2f}e+{exponent}"


def collaborative_share(total: int, green: int) -> Fraction:
    """Return the fraction of paths that pass collaboration, 0 when there are no paths.

    >>> collaborative_share(4, 1)
    Fraction(3, 4)
    """
    if not total or green == total:  # the commonest shares, made once (Fractions are immutable)
        return _NONE_SHARED
    return _ALL_SHARED if not green else Fraction(total - green, total)


_NONE_SHARED, _ALL_SHARED = Fraction(0), Fraction(1)


def partner_masks(ordered: Ordered, partners: Sequence[str]) -> tuple[list[int], list[int]]:
    """Return, per node, bit masks of the partners upstream, single-agency and jointly."""
    bit = {partner: 1 << index for index, partner in enumerate(partners)}
    single = [0] * len(ordered.nodes)
    joint = [0] * len(ordered.nodes)
    for index, data in enumerate(ordered.data):
        own = 0
        for partner in data["partners"]:
            own |= bit.get(partner, 0)
        alone, together = (0, own) if ordered.collaborative[index] else (own, 0)
        for pred in (*ordered.leads_from[index], *ordered.enhanced_by[index]):
            alone |= single[pred]
            together |= joint[pred]
        single[index], joint[index] = alone, together
    return single, joint


# ---------------------------------------------------------------- the trace


@without_gc_pauses
def trace_ordered(ordered: Ordered, partners: Sequence[str]) -> Trace:
    """Return the trace of every outcome of a graph in topological order."""
    green = green_supported(ordered)
    red = red_supported(ordered)
    still_supported = supported_without_collaboration(ordered)
    idom = immediate_dominators(ordered)
    counts = count_paths(ordered)
    single, joint = partner_masks(ordered, partners)
    names: dict[int, tuple[str, ...]] = {}  # few distinct partner sets: spell each out once

    def spelt(mask: int) -> tuple[str, ...]:
        if mask not in names:
            names[mask] = tuple(p for i, p in enumerate(partners) if mask >> i & 1)
        return names[mask]

    traced: dict[str, OutcomeTrace] = {}
    for index in ordered.outcomes_in_file_order:
        node, data = ordered.nodes[index], ordered.data[index]
        trace_class = classify(green[index], red[index])
        traced[node] = OutcomeTrace(
            id=node,
            stage=data["stage"],
            label=data["label"],
            trace_class=trace_class,
            depends_on_collaboration=(
                trace_class is not TraceClass.UNSUPPORTED and not still_supported[index]
            ),
            critical=critical_collaborative(ordered, idom, index),
            share=counts.share(index),
            paths=counts.total(index),
            single_agency_partners=spelt(single[index]),
            joint_partners=spelt(joint[index]),
            evidence=data.get("evidence"),
            paths_log10=counts.log10_total(index),
        )
    shares = {node: counts.share(i) for i, node in enumerate(ordered.nodes)}
    lost = frozenset(
        node
        for i, node in enumerate(ordered.nodes)
        if not still_supported[i] and (green[i] or red[i] or not ordered.outcome[i])
    )
    return Trace(traced, tuple(partners), shares, lost)


def trace_graph(graph: ModelGraph) -> Trace:
    """Return the trace of every outcome in a networkx model graph."""
    return trace_ordered(Ordered.from_graph(graph), graph.graph.get("partners", ()))


@without_gc_pauses
def trace(model: LogicModel, evidenced: Evidence | str | None = None) -> Trace:
    """Return the trace of every outcome; with `evidenced` (a level), on links evidenced so."""
    model = without_unloaded_strands(model)  # a parent read from text alone: its own part
    nodes, edges = graph_records(model)
    if evidenced is not None:
        edges = list(counted_links(edges, Evidence(evidenced)))
    return trace_ordered(Ordered.from_records(nodes, edges), model.partner_ids())


# ---------------------------------------------------------------- what if


def remove_partners(
    graph: ModelGraph, leaving: Iterable[str], joint_work: JointWork = "continues"
) -> ModelGraph:
    """Return the graph as it would be if some partners left.

    A partner's own contributions go. With `joint_work="continues"` a joint contribution
    carries on with the partners left: with one it becomes single-agency, with none it goes.
    With `joint_work="stops"` every joint contribution a leaving partner took part in goes.
    A contribution that is no longer collaborative no longer enhances anyone's work.
    """
    if joint_work not in JOINT_WORK:
        raise ValueError(f"joint_work is {' or '.join(JOINT_WORK)}, not {joint_work!r}")
    gone = set(leaving)
    result = graph.copy()
    for node, data in graph.nodes(data=True):
        if data["outcome"] or not gone.intersection(data["partners"]):
            continue
        staying = tuple(p for p in data["partners"] if p not in gone)
        if not staying or (joint_work == "stops" and data["collaborative"]):
            result.remove_node(node)
            continue
        result.nodes[node]["partners"] = staying
        if len(staying) == 1:
            result.nodes[node]["collaborative"] = False
    _drop_stale_enhances(result)
    result.graph["partners"] = tuple(p for p in graph.graph.get("partners", ()) if p not in gone)
    return result


def remove_partners_from_records(
    nodes: Sequence[NodeRecord], edges: Iterable[EdgeRecord], leaving: Iterable[str]
) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Return graph records (as `graph_records` gives them) as `remove_partners` leaves them.

    The same rule on plain lists, with no networkx graph to copy: asking what if each partner
    left, for many models, is then a few passes over lists per partner.
    """
    gone = set(leaving)
    kept: list[NodeRecord] = []
    removed: set[str] = set()
    for node, data in nodes:
        if data["outcome"] or not gone.intersection(data["partners"]):
            kept.append((node, data))
            continue
        staying = tuple(p for p in data["partners"] if p not in gone)
        if not staying:
            removed.add(node)
            continue
        changed = {**data, "partners": staying}
        if len(staying) == 1:
            changed["collaborative"] = False
        kept.append((node, changed))
    collaborative = {node: data["collaborative"] for node, data in kept}
    links = [
        (source, target, data)
        for source, target, data in edges
        if source not in removed
        and target not in removed
        and (data["kind"] != ENHANCES or collaborative[source])
    ]
    return kept, links


def remove_collaboration(graph: ModelGraph) -> ModelGraph:
    """Return the graph with every collaborative element and every `enhances` link removed."""
    result = graph.copy()
    result.remove_nodes_from([n for n, collab in graph.nodes(data="collaborative") if collab])
    _drop_stale_enhances(result, everything=True)
    return result


def _drop_stale_enhances(graph: ModelGraph, everything: bool = False) -> None:
    stale = [
        (source, target)
        for source, target, data in graph.edges(data=True)
        if data["kind"] == ENHANCES and (everything or not graph.nodes[source]["collaborative"])
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
            return LOSES_ALL_SUPPORT
        if self.loses_gain:
            return LOSES_GAIN
        if self.loses_own_support:
            return LOSES_OWN_SUPPORT
        return ""

    @property
    def loses_support(self) -> bool:
        """Return True when the outcome had support before and has none after."""
        return (
            self.before.trace_class is not TraceClass.UNSUPPORTED
            and self.after.trace_class is TraceClass.UNSUPPORTED
        )


@dataclass(frozen=True)
class WhatIf(Tabular):
    """What changes when partners leave or collaboration stops."""

    scenario: str
    changes: list[Change] = field(default_factory=list)
    joint_work: JointWork = "continues"  # the assumption about a leaving partner's joint work

    @property
    def losing_gain(self) -> list[str]:
        """Return the outcomes that keep support but lose their collaborative gain."""
        return self.losing(LOSES_GAIN)

    @property
    def losing_own_support(self) -> list[str]:
        """Return the outcomes that keep some support but lose their single-agency support."""
        return self.losing(LOSES_OWN_SUPPORT)

    @property
    def losing_support(self) -> list[str]:
        """Return the outcomes that lose all support."""
        return self.losing(LOSES_ALL_SUPPORT)

    def losing(self, loss: str) -> list[str]:
        """Return the outcomes whose 'loses' cell is `loss` (one of losses.LOSSES)."""
        return [change.id for change in self.changes if change.loss == loss]

    def summary(self) -> str:
        """Return one line: the scenario and how many outcomes lose each kind of thing."""
        return loss_sentence(self.scenario, [change.loss for change in self.changes])

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per outcome: its class before and after, and what it loses."""
        return [
            {
                "id": change.id,
                "label": change.label,
                "stage": change.before.stage,
                "trace_class_before": change.before.trace_class.value,
                "trace_class_after": change.after.trace_class.value,
                "loses": change.loss,
            }
            for change in self.changes
        ]

    def table(self) -> Table:
        """Return every outcome's change under the summary, as the notebook shows it."""
        records = self.to_records()
        columns = {k: k for k in records[0]} if records else {"id": "id"}
        return Table(records, columns, self.summary())


def whatif(
    model: LogicModel,
    without: str | Sequence[str] = (),
    *,
    without_collaboration: bool = False,
    joint_work: JointWork = "continues",
) -> WhatIf:
    """Return each outcome's trace before and after partners leave or collaboration stops.

    `joint_work` says what becomes of joint work a leaving partner took part in: it
    "continues" with the partners left, or it "stops".
    """
    return whatif_graph(
        build_graph(model),
        without,
        without_collaboration=without_collaboration,
        joint_work=joint_work,
    )


def whatif_graph(
    graph: ModelGraph,
    without: str | Sequence[str] = (),
    *,
    without_collaboration: bool = False,
    before: Trace | None = None,
    joint_work: JointWork = "continues",
) -> WhatIf:
    """Return each outcome's trace before and after a change, from a model graph.

    `before`, the graph's own trace, saves tracing it again when asking several what-ifs.
    """
    if not without and not without_collaboration:
        raise ValueError("say what changes: partners to leave, or without_collaboration=True")
    if isinstance(without, str):
        without = [without]  # one partner's id, not a sequence of one-letter ids
    partners = graph.graph.get("partners", ())
    unknown = [p for p in without if p not in partners]
    if unknown:
        raise ValueError(f"unknown partner {unknown[0]!r}: the partners are {', '.join(partners)}")
    changed = graph
    if without:
        changed = remove_partners(changed, without, joint_work)
    if without_collaboration:
        changed = remove_collaboration(changed)
    before = before or trace_graph(graph)
    after = trace_graph(changed)
    changes = [
        Change(node, outcome.label, outcome, after.outcomes[node])
        for node, outcome in before.outcomes.items()
    ]
    scenario = scenario_text(without, joint_work, without_collaboration)
    return WhatIf(scenario, changes, joint_work)


__all__ = [
    "Change",
    "EXACT_LIMIT",
    "JOINT_WORK",
    "JointWork",
    "Ordered",
    "OutcomeTrace",
    "PathCounts",
    "RECORD_COLUMNS",
    "RELY_ON_COLLABORATION",
    "SOURCE",
    "Share",
    "Trace",
    "WhatIf",
    "approximate",
    "classify",
    "collaborative_share",
    "count_paths",
    "critical_collaborative",
    "green_supported",
    "immediate_dominators",
    "outcome_record",
    "partner_masks",
    "red_supported",
    "remove_collaboration",
    "remove_partners",
    "remove_partners_from_records",
    "supported_without_collaboration",
    "trace",
    "trace_graph",
    "trace_ordered",
    "whatif",
    "whatif_graph",
]
