"""The trace on hand-worked models, one case each, and its properties on random valid models."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.tracing import (
    Ordered,
    remove_collaboration,
    remove_partners,
    trace,
    trace_graph,
    whatif,
    whatif_graph,
)
from logicmodel.fileformat.loading import load
from logicmodel.fileformat.rules import find_problems
from logicmodel.models import LogicModel, Stage, TraceClass

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


def _has_red_upstream(graph: nx.DiGraph[str], node: str) -> bool:
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
        and not any(d["kind"] == "leads_to" for _, _, d in graph.in_edges(n, data=True))
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


# ---------------------------------------------------------------- details the figures rest on


def test_summary_counts_outcomes_with_no_support_in_words() -> None:
    m = model(
        activities=[el("act", ["a", "b"], ["fed"])],
        interim=[el("fed"), el("orphan"), el("stray")],
    )
    result = trace(m)
    assert result.summary() == (
        "1 of 3 outcomes rely on collaboration; 1 would be lost without it; "
        "2 have no support at all"
    )
    one = trace(model(activities=[el("act", "a", ["fed"])], interim=[el("fed"), el("orphan")]))
    assert one.summary() == (
        "0 of 2 outcomes rely on collaboration; 0 would be lost without it; 1 has no support at all"
    )
    assert one.count(NONE) == 1 and one.count(SINGLE) == 1 and one.count(GAIN) == 0
    assert result.outcomes["fed"].relies_on_collaboration
    assert not one.outcomes["fed"].relies_on_collaboration


def test_trace_results_cannot_be_changed_by_accident() -> None:
    m = model(activities=[el("act", "a", ["fed"])], interim=[el("fed")])
    result = trace(m)
    change = whatif(m, ["a"]).changes[0]
    for frozen, name in (
        (result, "partners"),
        (result.outcomes["fed"], "share"),
        (change, "after"),
        (whatif(m, ["a"]), "scenario"),
        (Ordered.from_graph(build_graph(m)), "nodes"),
    ):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(frozen, name, None)


def test_ordering_a_graph_with_a_cycle_is_refused() -> None:
    nodes = [("x", {"outcome": False, "collaborative": False}), ("y", {"outcome": True})]
    edges = [("x", "y", {"kind": "leads_to"}), ("y", "x", {"kind": "leads_to"})]
    with pytest.raises(ValueError, match="^the graph has a cycle$"):
        Ordered.from_records(nodes, edges)


def test_critical_elements_ignore_routes_from_unsupported_outcomes() -> None:
    # `orphan` has no support, so no supporting path comes through it: `joint` is still
    # on every supporting path to `o`.
    m = model(
        activities=[el("joint", ["a", "b"], ["o"])],
        interim=[el("orphan", to=["o"]), el("o")],
    )
    o = trace(m).outcomes["o"]
    assert o.critical == ("joint",) and o.paths == 1 and o.share == 1


def test_lost_without_collaboration_is_joint_work_and_what_only_it_feeds() -> None:
    m = model(
        inputs=[el("pool", ["a", "b"], ["funded"]), el("staff", "a", ["own"])],
        activities=[
            el("funded", "a", ["o"]),  # fed only by pooled money: still a's own work without it
            el("own", "a", ["o"]),
            el("joint", "all", ["p"]),
        ],
        interim=[el("o"), el("p"), el("orphan")],
    )
    result = trace(m)
    assert result.lost_without_collaboration == frozenset({"pool", "joint", "p"})
    assert result.shares["pool"] == 1 and result.shares["staff"] == 0
    assert result.shares["funded"] == 1 and result.shares["o"] == Fraction(1, 2)


def test_a_partner_leaving_leaves_other_partners_joint_work_alone() -> None:
    # A seconded analyst: one partner's work, marked collaborative. When another partner
    # leaves, it is untouched: still collaborative, still enhancing.
    m = model(
        activities=[
            el("analyst", "a", collaborative=True, enhances=["patrols"]),
            el("patrols", "a", ["safer"]),
            el("leafleting", "c", ["safer"]),
        ],
        interim=[el("safer")],
    )
    graph = remove_partners(build_graph(m), ["c"])
    assert graph.nodes["analyst"]["collaborative"] is True
    assert graph.nodes["analyst"]["partners"] == ("a",)
    assert ("analyst", "patrols") in graph.edges
    assert "leafleting" not in graph
    assert trace_graph(graph).outcomes["safer"].trace_class is GAIN


def test_each_change_says_what_the_outcome_loses() -> None:
    m = model(
        inputs=[el("budget", ["a", "b"], ["work"]), el("staff", "a", ["work"])],
        activities=[
            el("work", "a", ["gain"]),
            el("own", "b", ["own-only"]),
            el("mixed", ["a", "c"], ["red-left"]),
            el("b-own", "b", ["red-left"]),
        ],
        interim=[el("gain"), el("own-only"), el("red-left"), el("untouched")],
    )
    result = whatif(m, ["b"])
    loss = {change.id: change.loss for change in result.changes}
    assert loss == {
        "gain": "collaborative gain",
        "own-only": "all support",
        "red-left": "single-agency support",
        "untouched": "",
    }
    flags = {c.id: (c.loses_gain, c.loses_support, c.loses_own_support) for c in result.changes}
    assert flags == {
        "gain": (True, False, False),
        "own-only": (False, True, True),
        "red-left": (False, False, True),
        "untouched": (False, False, False),
    }
    assert result.summary() == (
        "Without b (joint work they took part in carries on with the partners left): 1 of 4 "
        "outcomes would lose their collaborative gain, 1 their single-agency support and "
        "1 all support"
    )


def test_whatif_names_its_scenario_and_refuses_an_empty_or_unknown_one() -> None:
    m = model(
        inputs=[el("budget", ["a", "b"], ["work"]), el("staff", "a", ["work"])],
        activities=[el("work", "a", ["o"]), el("c-work", "c", ["o"])],
        interim=[el("o")],
    )
    graph = build_graph(m)
    carry_on = "(joint work they took part in carries on with the partners left)"
    assert whatif_graph(graph, ["b"]).scenario == f"Without b {carry_on}"
    assert whatif_graph(graph, ["b"]).losing_gain == ["o"]
    assert whatif(m, ["b", "c"]).scenario == f"Without b, c {carry_on}"
    stopping = whatif(m, ["b"], joint_work="stops").scenario
    assert stopping == "Without b (joint work they took part in stops)"
    both = whatif(m, ["c"], without_collaboration=True)
    assert both.scenario == f"Without c {carry_on} and without collaboration"
    assert both.losing_gain == ["o"]
    assert whatif(m, without_collaboration=True).scenario == "Without collaboration"
    with pytest.raises(ValueError, match="^say what changes: partners to leave, or "):
        whatif(m)
    with pytest.raises(ValueError, match="^unknown partner 'd': the partners are a, b, c$"):
        whatif(m, ["d"])


def test_removing_collaboration_removes_joint_work_and_its_enhances_links() -> None:
    m = model(
        activities=[
            el("patrols", "b", ["safer"]),
            el("intelligence", ["a", "b"], enhances=["patrols"]),
        ],
        interim=[el("safer")],
    )
    graph = remove_collaboration(build_graph(m))
    assert list(graph.nodes) == ["patrols", "safer"]
    assert list(graph.edges(data="kind")) == [("patrols", "safer", "leads_to")]
    assert trace_graph(graph).outcomes["safer"].trace_class is SINGLE


def test_partners_upstream_count_those_whose_joint_work_enhances() -> None:
    m = model(
        activities=[
            el("patrols", "b", ["safer"]),
            el("intelligence", ["a", "c"], enhances=["patrols"]),
        ],
        interim=[el("safer")],
    )
    o = trace(m).outcomes["safer"]
    assert o.single_agency_partners == ("b",) and o.joint_partners == ("a", "c")
    assert o.critical == () and o.paths == 2
