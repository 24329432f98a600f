"""The trace on hand-worked models, one case each, and its properties on random valid models."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.graph import build_graph
from logicmodel.io import load
from logicmodel.models import LogicModel, Stage, TraceClass
from logicmodel.tracing import remove_collaboration, trace, trace_graph, whatif
from logicmodel.validate import find_problems

from .conftest import ROOT

GAIN = TraceClass.COLLABORATIVE_GAIN
ONLY = TraceClass.COLLABORATION_ONLY
SINGLE = TraceClass.SINGLE_AGENCY
NONE = TraceClass.UNSUPPORTED


def model(**stages: list[dict[str, Any]]) -> LogicModel:
    """Return a model with partners a, b and c and the given stage sections."""
    partners = [{"id": p, "name": p.upper()} for p in ("a", "b", "c")]
    return LogicModel.model_validate(
        {"logicmodel": 1, "title": "t", "partners": partners, **stages}
    )


def el(ident: str, by: Any = None, to: list[str] | None = None, **more: Any) -> dict[str, Any]:
    element: dict[str, Any] = {"id": ident, "label": ident.title(), "leads_to": to or []}
    if by is not None:
        element["by"] = by
    return {**element, **more}


def test_diamond_with_one_red_branch_is_a_gain_on_half_the_paths() -> None:
    m = model(
        inputs=[el("staff", "a", ["own", "joint"])],
        activities=[el("own", "a", ["o"]), el("joint", ["a", "b"], ["o"])],
        interim=[el("o")],
    )
    o = trace(m).outcomes["o"]
    assert o.trace_class is GAIN
    assert o.share == Fraction(1, 2) and o.paths == 2
    assert not o.depends_on_collaboration
    assert o.critical == ()
    assert o.single_agency_partners == ("a",) and o.joint_partners == ("a", "b")


def test_red_only_outcome_depends_on_collaboration() -> None:
    m = model(activities=[el("tasking", "all", ["trust"])], interim=[el("trust")])
    o = trace(m).outcomes["trust"]
    assert o.trace_class is ONLY
    assert o.depends_on_collaboration
    assert o.share == 1
    assert o.critical == ("tasking",)
    assert o.single_agency_partners == () and o.joint_partners == ("a", "b", "c")


def test_enhances_link_into_a_green_chain_adds_a_gain() -> None:
    m = model(
        inputs=[el("officers", "b", ["patrols"])],
        activities=[
            el("patrols", "b", ["safer"]),
            el("intelligence", ["a", "b"], enhances=["patrols"]),
        ],
        interim=[el("safer")],
    )
    o = trace(m).outcomes["safer"]
    assert o.trace_class is GAIN
    assert o.share == Fraction(1, 2)
    assert not o.depends_on_collaboration


def test_outcome_with_nothing_upstream_is_unsupported() -> None:
    m = model(
        activities=[el("act", "a", ["fed"])],
        interim=[el("fed"), el("orphan", to=["later"])],
        intermediate=[el("later")],
    )
    result = trace(m).outcomes
    assert result["fed"].trace_class is SINGLE
    assert result["orphan"].trace_class is NONE and result["later"].trace_class is NONE
    assert result["later"].paths == 0 and result["later"].share == 0
    assert not result["later"].depends_on_collaboration


def test_critical_element_versus_two_parallel_ones() -> None:
    chain = model(
        inputs=[el("pool", "all", ["plan"])],
        activities=[el("plan", "all", ["o"])],
        interim=[el("o")],
    )
    assert trace(chain).outcomes["o"].critical == ("plan", "pool")
    parallel = model(
        activities=[el("plan", ["a", "b"], ["o"]), el("market", ["b", "c"], ["o"])],
        interim=[el("o")],
    )
    assert trace(parallel).outcomes["o"].critical == ()
    # Two routes that meet again before the outcome: the meeting point is critical.
    rejoin = model(
        activities=[el("plan", "all", ["share"]), el("market", "all", ["share"])],
        outputs=[el("share", "all", ["o"])],
        interim=[el("o")],
    )
    assert trace(rejoin).outcomes["o"].critical == ("share",)


def test_withdrawal_turns_a_joint_input_green_and_loses_the_gain() -> None:
    m = model(
        inputs=[el("budget", ["a", "b"], ["work"]), el("staff", "a", ["work"])],
        activities=[el("work", "a", ["o"])],
        interim=[el("o")],
    )
    assert trace(m).outcomes["o"].trace_class is GAIN
    result = whatif(m, ["b"])
    (change,) = result.changes
    assert change.after.trace_class is SINGLE
    assert result.losing_gain == ["o"] and result.losing_support == []


def test_withdrawal_of_the_only_partner_loses_the_outcome() -> None:
    m = model(
        activities=[el("own", "b", ["o"]), el("joint", ["b", "c"], ["p"])],
        interim=[el("o"), el("p")],
    )
    result = whatif(m, ["b"])
    assert result.losing_support == ["o"]
    # The joint activity carries on with c alone, as single-agency work.
    assert [c.after.trace_class for c in result.changes] == [NONE, SINGLE]
    both = whatif(m, ["b", "c"])
    assert both.losing_support == ["o", "p"]


def test_activity_fed_only_by_pooled_funds_is_collaboration_only_but_survives_without() -> None:
    # Pooled money funds a partner's own activity: today every path passes the pooled input,
    # yet without collaboration the activity itself is still a contribution.
    m = model(
        inputs=[el("pool", ["a", "b"], ["work"])],
        activities=[el("work", "a", ["o"])],
        interim=[el("o")],
    )
    o = trace(m).outcomes["o"]
    assert o.trace_class is ONLY and o.share == 1
    assert not o.depends_on_collaboration
    assert whatif(m, without_collaboration=True).losing_support == []


def test_figure1_sample_matches_the_research_report() -> None:
    result = trace(load(ROOT / "samples" / "figure1.yaml")).outcomes
    classes = {node: o.trace_class for node, o in result.items()}
    # Dual red/green boxes: the immediate gains and the benefit that accrues from them.
    for node in ("better-targeting", "higher-uptake", "more-frequent", "deeper-provision"):
        assert classes[node] is GAIN
    for node in ("improved-services", "strategic-progress", "ultimate-outcome"):
        assert classes[node] is GAIN
    # Solely green: collaboration has little or no direct effect.
    for node in ("core-standards", "core-outcome", "partner-b-long-term"):
        assert classes[node] is SINGLE
    # Solely red: liaison, mutual understanding and trust.
    for node in ("partner-liaison", "mutual-understanding", "trust"):
        assert classes[node] is ONLY and result[node].depends_on_collaboration
    assert NONE not in classes.values()


# ---------------------------------------------------------------- properties


@st.composite
def random_models(draw: st.DrawFn) -> LogicModel:
    """Return a random valid model: links run forward, enhances go from red to green."""
    partners = ["p1", "p2", "p3", "p4"][: draw(st.integers(1, 4))]
    sizes = {stage: draw(st.integers(0, 4)) for stage in Stage}
    ids = {stage: [f"{stage.value}-{i}" for i in range(n)] for stage, n in sizes.items()}
    order = [(stage, ident) for stage in Stage for ident in ids[stage]]
    sections: dict[str, list[dict[str, Any]]] = {stage.value: [] for stage in Stage}
    collaborative: dict[str, bool] = {}
    for position, (stage, ident) in enumerate(order):
        later = [other for _, other in order[position + 1 :]]
        targets = draw(st.lists(st.sampled_from(later), unique=True, max_size=3)) if later else []
        element: dict[str, Any] = {"id": ident, "label": ident, "leads_to": targets}
        if not stage.is_outcome:
            by = draw(st.lists(st.sampled_from(partners), min_size=1, unique=True))
            element["by"] = by
            override = draw(st.sampled_from([None, None, True, False]))
            if override is not None:
                element["collaborative"] = override
            collaborative[ident] = override if override is not None else len(by) >= 2
        sections[stage.value].append(element)
    contributions = [(s, ident) for s, ident in order if not s.is_outcome]
    for position, (stage, ident) in enumerate(contributions):
        element = next(e for e in sections[stage.value] if e["id"] == ident)
        if not collaborative[ident]:
            continue
        # Only to green contributions further along, so that enhances links make no cycle.
        greens = [
            other
            for _, other in contributions[position + 1 :]
            if not collaborative[other] and other not in element["leads_to"]
        ]
        if greens:
            element["enhances"] = draw(st.lists(st.sampled_from(greens), unique=True, max_size=2))
    result = LogicModel.model_validate(
        {
            "logicmodel": 1,
            "title": "random",
            "partners": [{"id": p, "name": p} for p in partners],
            **sections,
        }
    )
    assert find_problems(result) == []
    return result


def _has_red_upstream(graph: nx.DiGraph, node: str) -> bool:
    return any(graph.nodes[a]["collaborative"] for a in nx.ancestors(graph, node))


@settings(max_examples=300, deadline=None)
@given(random_models())
def test_trace_properties_hold_on_random_models(m: LogicModel) -> None:
    graph = build_graph(m)
    before = trace_graph(graph)
    after = trace_graph(remove_collaboration(graph))
    lost = whatif(m, without_collaboration=True)
    # Paths start at contributions that nothing leads to; an enhances link does not feed.
    sources = [
        n
        for n in graph
        if not graph.nodes[n]["outcome"]
        and not any(k == "leads_to" for _, _, k in graph.in_edges(n, data="kind"))
    ]
    for node, o in before.outcomes.items():
        supported_before = o.trace_class is not NONE
        supported_after = after.outcomes[node].trace_class is not NONE
        # Removing collaboration never adds support.
        assert supported_before or not supported_after
        # Depending on collaboration is exactly being lost without it.
        assert o.depends_on_collaboration == (node in lost.losing_support)
        # The share is 0 exactly when nothing collaborative is upstream...
        assert (o.share == 0) == (not _has_red_upstream(graph, node))
        # ... and 1 exactly when only collaboration supports the outcome.
        assert (o.share == 1) == (o.trace_class is ONLY)
        # Critical elements are upstream and collaborative.
        ancestors = nx.ancestors(graph, node)
        for element in o.critical:
            assert element in ancestors and graph.nodes[element]["collaborative"]
            # ... and every supporting path passes them: without one, nothing reaches the outcome.
            cut = graph.copy()
            cut.remove_node(element)
            assert not any(nx.has_path(cut, s, node) for s in sources if s in cut)


def test_enhanced_activity_with_no_input_still_starts_a_green_path() -> None:
    # Enhancing a partner's own work improves it; it does not feed it.
    m = model(
        activities=[
            el("patrols", "b", ["safer"]),
            el("analysis", ["a", "b"], enhances=["patrols"]),
        ],
        interim=[el("safer")],
    )
    o = trace(m).outcomes["safer"]
    assert o.trace_class is GAIN
    assert o.share == Fraction(1, 2) and o.paths == 2
