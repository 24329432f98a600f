"""Advice on a valid model, drawn from the collaborative-gain research: one small function a rule.

Each rule has a stable code, a severity, a one-line title, the principle behind it and where
the seed documents state it. A rule is a function from the model and its trace to findings,
registered with `@rule`; `logicmodel rules` lists them and `check --explain CODE` explains one.
"""

from __future__ import annotations

from collections.abc import Iterator

from logicmodel.analysis.advice_links import LINK_RULES
from logicmodel.analysis.assessment import ANSWER_RULES
from logicmodel.analysis.gain import FLAT_BASELINE, ledger, measure_indicator
from logicmodel.analysis.model_graph import graph_records
from logicmodel.analysis.results import people_number
from logicmodel.analysis.rulebook import (
    RULES,
    SEVERITIES,
    Check,
    Finding,
    Rule,
    Severity,
    rule,
    verify_codes,
)
from logicmodel.analysis.tracing import RELY_ON_COLLABORATION, Ordered, Trace
from logicmodel.fileformat.parsing import Path
from logicmodel.fileformat.periods import period_year
from logicmodel.models import (
    Contribution,
    Element,
    LogicModel,
    Outcome,
    Stage,
    TraceClass,
)
from logicmodel.models.categories import ACTIVITIES

MAX_PARTNERS = 12
LARGE_MODEL = 40  # elements; past this a model should be broken into strands
TREND_POINTS = 2  # values before the start a pre-partnership trend needs
MEASURED = ("measured", "verified")  # evidence that says a gain was measured
EMPTY_ACTIVITIES = 6  # of Figure 2's eleven collaborative activities: more than half not done


def _where(model: LogicModel) -> dict[str, tuple[Stage, int, Element]]:
    return {
        element.id: (stage, index, element)
        for stage in Stage
        for index, element in enumerate(model.stage_elements(stage))
    }


def _name(stage: Stage, element: Element) -> str:
    return f"{stage.singular} {element.id!r}"


def _outcomes(model: LogicModel) -> Iterator[tuple[Stage, int, Outcome]]:
    for stage in (Stage.INTERIM, Stage.INTERMEDIATE, Stage.ULTIMATE):
        for index, element in enumerate(model.stage_elements(stage)):
            assert isinstance(element, Outcome)
            yield stage, index, element


def _ordered(model: LogicModel) -> Ordered:
    """Return the model's elements in topological order, as the trace sees them."""
    nodes, edges = graph_records(model)
    return Ordered.from_records(nodes, edges)


def upstream_any(ordered: Ordered, flag: list[bool]) -> list[bool]:
    """Return, per node, whether some node strictly upstream of it has the flag.

    One pass in topological order: linear, where collecting ancestor sets is quadratic.
    """
    found = [False] * len(ordered.nodes)
    for index in range(len(ordered.nodes)):
        for pred in (*ordered.leads_from[index], *ordered.enhanced_by[index]):
            if flag[pred] or found[pred]:
                found[index] = True
                break
    return found


def downstream_any(ordered: Ordered, flag: list[bool]) -> list[bool]:
    """Return, per node, whether some node strictly downstream of it has the flag."""
    found = [False] * len(ordered.nodes)
    for index in range(len(ordered.nodes) - 1, -1, -1):
        if flag[index] or found[index]:
            for pred in (*ordered.leads_from[index], *ordered.enhanced_by[index]):
                found[pred] = True
    return found


# ---------------------------------------------------------------- the rules


@rule(
    "LM101",
    "warning",
    "A collaborative contribution made by one partner",
    "Collaboration means partners working together: joint diagnosis, pooled funding, shared "
    "staff. A contribution marked collaborative with a single partner is either a partner's "
    "own work (remove `collaborative: true`) or joint work whose other partners are missing "
    "from `by`.",
    "Collaborative Gain Research Study (2008), main report, Main Features (Figure 1)",
)
def collaborative_with_one_partner(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for stage in (Stage.INPUTS, Stage.ACTIVITIES, Stage.OUTPUTS):
        for index, contribution in enumerate(model.stage_elements(stage)):
            assert isinstance(contribution, Contribution)
            if model.is_collaborative(contribution) and len(model.partners_of(contribution)) == 1:
                yield (
                    (stage.value, index, "collaborative"),
                    f"{_name(stage, contribution)} is collaborative but names one partner: "
                    "add the partners it works with, or drop `collaborative: true`",
                )


@rule(
    "LM102",
    "warning",
    "A collaborative gain is not stated",
    "Collaborative gain needs to be clear and specific: precisely what gain is desired and "
    "how it comes about. Where partners achieve part of an outcome alone and collaboration "
    "adds to it, say in `gain` what working together adds. (Later outcomes that only carry "
    "a gain stated upstream, and outcomes of collaboration itself such as trust, need none.)",
    "Outcomes approach briefing paper (2010), Fig. 4 'Planning for Collaborative Gain'",
)
def gain_not_stated(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    ordered = _ordered(model)
    stated = {o.id for _, _, o in _outcomes(model) if o.gain}
    gain_upstream = dict(
        zip(ordered.nodes, upstream_any(ordered, [n in stated for n in ordered.nodes]), strict=True)
    )
    for stage, index, outcome in _outcomes(model):
        result = trace.outcomes[outcome.id]
        if result.trace_class is not TraceClass.COLLABORATIVE_GAIN or outcome.gain:
            continue
        if gain_upstream[outcome.id]:
            continue  # the benefit accrues from a gain stated earlier on
        yield (
            (stage.value, index, "id"),
            f"{_name(stage, outcome)} gains from collaboration but states no `gain`: say what "
            "working together adds",
        )


@rule(
    "LM103",
    "warning",
    "A stated gain has no indicator",
    "Gain rarely happens by chance: it has to be planned for, designed in and monitored to "
    "see that it is achieved. Give the outcome an indicator that shows the gain. (When no "
    "outcome has an indicator, LM113 says so once instead.)",
    "Outcomes approach briefing paper (2010), Fig. 4; Collaborative Gain Research Study "
    "(2008), Key Messages (monitoring built in from the start)",
)
def gain_not_monitored(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    outcomes = list(_outcomes(model))
    if not any(o.indicators for _, _, o in outcomes):
        return
    for stage, index, outcome in outcomes:
        if outcome.gain and not outcome.indicators:
            yield (
                (stage.value, index, "gain"),
                f"{_name(stage, outcome)} states a gain but no indicator to monitor it",
            )


@rule(
    "LM104",
    "warning",
    "No lead partner",
    "Successful partnerships have strong and effective leadership; the research puts "
    "leadership and vision at the centre. Name the lead partner in `partnership.lead`.",
    "Outcomes approach briefing paper (2010), Fig. 5 'Features of successful "
    "outcomes-focused partnerships'",
)
def no_lead(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if model.partnership.lead is None:
        yield ("partnership",), "the partnership names no lead partner (`partnership.lead`)"


@rule(
    "LM105",
    "note",
    "A strand of a large model has no lead",
    "Large programmes should be broken into manageable strands of work, each with a lead "
    "responsibility, to bring ownership and accountability. Give the ultimate outcome (or an "
    "intermediate outcome feeding it) a `lead`.",
    "Collaborative Gain Research Study (2008), Key Messages; annexe, West Lothian 'Moving forward'",
)
def strand_without_lead(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if sum(1 for _ in model.elements()) <= LARGE_MODEL:
        return
    ordered = _ordered(model)
    where = _where(model)
    led = [where[node][0].is_outcome and where[node][2].lead is not None for node in ordered.nodes]
    lead_upstream = dict(zip(ordered.nodes, upstream_any(ordered, led), strict=True))
    for index, outcome in enumerate(model.ultimate):
        if not outcome.lead and not lead_upstream[outcome.id]:
            yield (
                ("ultimate", index, "id"),
                f"no outcome in the strand leading to {_name(Stage.ULTIMATE, outcome)} has a "
                "`lead`",
            )


@rule(
    "LM106",
    "warning",
    "More than 12 partners",
    "A partnership should be tight and formed around an essential core: groups of more than "
    "10-12 may become unwieldy and difficult to manage. Consider a core group with others "
    "joining specific strands.",
    "Collaborative Gain Research Study (2008), Conditions for Collaborative Gain",
)
def too_many_partners(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if len(model.partners) > MAX_PARTNERS:
        yield (
            ("partners",),
            f"{len(model.partners)} partners: groups of more than 10-12 become unwieldy",
        )


@rule(
    "LM107",
    "warning",
    "A partner contributes nothing",
    "The focus is on the quality of what each partner contributes, not the number at the "
    "table. A partner with no input, activity or output in the model either has a "
    "contribution to add, or need not be a partner of this strand.",
    "Collaborative Gain Research Study (2008), Key Messages",
)
def idle_partner(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    contributing = {p for _, c in model.contributions() for p in model.partners_of(c)}
    for index, partner in enumerate(model.partners):
        if partner.id not in contributing and not partner.unassigned:
            yield (
                ("partners", index, "id"),
                f"partner {partner.id!r} makes no contribution: add what it brings, or remove it",
            )


@rule(
    "LM108",
    "warning",
    "No agreed focus",
    "Accountability and ownership stem from an agreed vision and a mandate defined at the "
    "outset. State the partners' agreed focus in `partnership.focus`: the focus box of the "
    "diagram.",
    "Collaborative Gain Research Study (2008), Key Messages and Main Features",
)
def no_focus(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if not model.partnership.focus:
        yield ("partnership",), "the partnership states no agreed `focus`"


@rule(
    "LM109",
    "note",
    "No shared vision",
    "A clear, shared vision of the priority outcomes is the first feature of successful "
    "outcomes-focused partnerships. State it in `partnership.vision`.",
    "Outcomes approach briefing paper (2010), Fig. 5",
)
def no_vision(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if not model.partnership.vision:
        yield ("partnership",), "the partnership states no shared `vision`"


@rule(
    "LM110",
    "warning",
    "Collaboration that leads to no outcome",
    "Collaboration is not an end in itself: it needs to be designed around the desired "
    "outcome. Link this joint work to the outcome it serves, or reconsider it.",
    "Elected Members' Masterclass, 'Designing for Collaborative Gain'; outcomes approach "
    "briefing paper (2010)",
)
def collaboration_leads_nowhere(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    where = _where(model)
    ordered = _ordered(model)
    reaches = dict(zip(ordered.nodes, downstream_any(ordered, ordered.outcome), strict=True))
    for stage, contribution in model.contributions():
        if model.is_collaborative(contribution) and not reaches[contribution.id]:
            index = where[contribution.id][1]
            yield (
                (stage.value, index, "id"),
                f"{_name(stage, contribution)} is joint work that leads to no outcome",
            )


@rule(
    "LM111",
    "note",
    "A collaboration-only outcome feeds nothing further",
    "Outcomes of collaboration itself (liaison, mutual understanding, trust) matter, but "
    "their effect on wider outcomes is hard to measure. Say which outcome they help, so the "
    "gain can be traced, or accept them as ends and switch this note off for the model.",
    "Collaborative Gain Research Study (2008), main report, Main Features (Figure 1)",
)
def red_dead_end(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for stage, index, outcome in _outcomes(model):
        only = trace.outcomes[outcome.id].trace_class is TraceClass.COLLABORATION_ONLY
        if only and not outcome.leads_to and stage is not Stage.ULTIMATE:
            yield (
                (stage.value, index, "id"),
                f"{_name(stage, outcome)} comes only from collaboration and leads nowhere",
            )


@rule(
    "LM112",
    "note",
    "A large model is not broken into strands",
    "Collaborative gain is more readily identified in clearly defined, smaller-scale work; "
    "large programmes should be broken into manageable strands, each towards its own "
    "ultimate outcome.",
    "Collaborative Gain Research Study (2008), Key Messages; annexe, Inverclyde 'Moving forward'",
)
def no_strands(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    count = sum(1 for _ in model.elements())
    if count > LARGE_MODEL and len(model.ultimate) < 2:
        yield (
            ("ultimate",),
            f"{count} elements lead to {len(model.ultimate)} ultimate outcome(s): break the "
            "work into strands",
        )


@rule(
    "LM113",
    "warning",
    "Nothing is monitored",
    "A partnership performance management framework regularly assesses progress towards "
    "the agreed outcomes, and monitoring is built in from the start rather than bolted on. "
    "No outcome in this model has an indicator.",
    "Outcomes approach briefing paper (2010), Fig. 5; Collaborative Gain Research Study "
    "(2008), Key Messages",
)
def nothing_monitored(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    outcomes = list(_outcomes(model))
    if outcomes and not any(o.indicators for _, _, o in outcomes):
        yield ("interim",), "no outcome has an indicator: add how progress will be measured"


@rule(
    "LM114",
    "warning",
    "The costs of partnership working are not recorded",
    "Any gain has to outweigh the costs of partnership working: administration, legal "
    "costs, the time spent in meetings. Many partnerships are pain and no gain. Record the "
    "costs in `partnership.costs` so they can be weighed against the gain.",
    "Outcomes approach briefing paper (2010), Fig. 4; Elected Members' Masterclass",
)
def costs_not_recorded(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if not model.partnership.costs:
        yield ("partnership",), "no costs of partnership working are recorded (`partnership.costs`)"


@rule(
    "LM115",
    "warning",
    "An outcome with no contribution upstream",
    "In a logic model outcomes follow from contributions. An outcome with no input, "
    "activity or output upstream, directly or through other outcomes, is a gap: say what "
    "contributes to it. A model of outcomes alone is told once.",
    "Collaborative Gain Research Study (2008), main report, Main Features (Figure 1)",
)
def unsupported_outcome(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    outcomes = list(_outcomes(model))
    bare = [o for o in outcomes if trace.outcomes[o[2].id].trace_class is TraceClass.UNSUPPORTED]
    if len(outcomes) > 1 and len(bare) == len(outcomes):
        yield (
            (bare[0][0].value,),
            (
                "no outcome has a contribution upstream: add the inputs, activities or "
                "outputs that lead to them"
            ),
        )
        return
    for stage, index, outcome in bare:
        yield (
            (stage.value, index, "id"),
            f"no contribution lies upstream of {_name(stage, outcome)}",
        )


@rule(
    "LM129",
    "note",
    "An outcome that leads nowhere",
    "Outcomes short of the ultimate stage are steps towards the long-term outcomes. One that "
    "leads to no further outcome is a loose end: link it to the outcome it serves, or say "
    "why it stands alone (a side effect, an end in itself) and switch this note off.",
    "Collaborative Gain Research Study (2008), main report, Main Features (Figure 1)",
)
def dead_end_outcome(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for stage, index, outcome in _outcomes(model):
        only = trace.outcomes[outcome.id].trace_class is TraceClass.COLLABORATION_ONLY
        if stage is not Stage.ULTIMATE and not outcome.leads_to and not only:  # LM111 says it
            yield (stage.value, index, "id"), f"{_name(stage, outcome)} leads to no further outcome"


@rule(
    "LM116",
    "warning",
    "No collaboration at all",
    "Collaborative gain comes from partners working together. A model with no collaborative "
    "contribution shows partners working in isolation: add the joint work, or ask whether a "
    "partnership is needed.",
    "Elected Members' Masterclass ('many partnerships are pain and no gain'); outcomes "
    "approach briefing paper (2010)",
)
def no_collaboration(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    unassigned = {p.id for p in model.partners if p.unassigned}
    # Unknown partners may yet work together; with no contributions LM115 speaks.
    named = [c for _, c in model.contributions() if not set(model.partners_of(c)) & unassigned]
    if named and not any(model.is_collaborative(c) for c in named):
        yield ("partners",), "no contribution is collaborative: nothing here is done together"


@rule(
    "LM117",
    "note",
    "A gain is monitored but cannot be measured",
    "Gain can be measured two ways: a target for working alone against a stretched target "
    "for working together, or progress against the pre-partnership trend. Give the "
    "indicator `target_alone` and `target_together`, or `actuals` on both sides of "
    "`partnership.started`: at least two before it (a trend needs two) and one or more from "
    "it. Figures that all fall on one side of the start measure no gain, however many.",
    "Collaborative Gain Research Study (2008), Conclusions",
)
def gain_not_measurable(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    started = model.partnership.started
    start = period_year(started) if started is not None else None
    for stage, index, outcome in _outcomes(model):
        if not outcome.gain or not outcome.indicators:
            continue
        measurable = any(
            (i.target_alone is not None and i.target_together is not None)
            or _both_sides(list(i.actuals), start)
            for i in outcome.indicators
        )
        if measurable:
            continue
        sides = (
            "actuals before and from the start (there is no `partnership.started`)"
            if start is None
            else f"actuals both before {started} and from it"
        )
        yield (
            (stage.value, index, "indicators"),
            f"{_name(stage, outcome)}: no indicator has alone and together targets or {sides}",
        )


def _both_sides(periods: list[str], start: int | None) -> bool:
    """Return whether some periods fall before the start and some from it."""
    if start is None:
        return False
    years = [period_year(p) for p in periods]
    return any(year < start for year in years) and any(year >= start for year in years)


@rule(
    "LM118",
    "warning",
    "A gain is claimed where no collaboration leads",
    "Clarity is required on precisely how the gain comes about. This outcome states a gain, "
    "but nothing collaborative leads to it: link the joint work that produces the gain.",
    "Outcomes approach briefing paper (2010), Fig. 4",
)
def gain_without_collaboration(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for stage, index, outcome in _outcomes(model):
        if outcome.gain and trace.outcomes[outcome.id].trace_class not in RELY_ON_COLLABORATION:
            yield (
                (stage.value, index, "gain"),
                f"{_name(stage, outcome)} states a gain, but no collaboration leads to it",
            )


@rule(
    "LM119",
    "warning",
    "A partnership of one",
    "Collaborative gain is what partners achieve together that they could not alone; it "
    "needs at least two partners.",
    "Elected Members' Masterclass, 'Collaborative Gain'",
)
def single_partner(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    if len(model.partners) < 2 and not model.partners[0].unassigned:
        yield ("partners",), "the model has one partner: name the others"


@rule(
    "LM120",
    "error",
    "Advice switched off for an unknown rule",
    "`advice.ignore` names rule codes; an unknown code is most likely a typing slip, and it "
    "switches nothing off.",
    "logicmodel",
)
def unknown_ignore(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for index, ignored in enumerate(model.advice.ignore):
        if ignored.code.upper() not in RULES:
            yield (
                ("advice", "ignore", index, "code"),
                f"unknown rule {ignored.code!r} in advice.ignore (`logicmodel rules` lists them)",
            )


@rule(
    "LM121",
    "warning",
    "A gain claimed as measured with nothing to measure it",
    "A gain said to be `measured` or `verified` needs the indicator it was measured by: add "
    "the indicator, or say how far the claim is established (`planned`, `expected`, "
    "`reported`).",
    "Collaborative Gain Research Study (2008), 'Measuring Collaborative Gain'",
)
def measured_without_indicator(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for stage, index, outcome in _outcomes(model):
        evidence = outcome.evidence.value if outcome.evidence is not None else None
        if evidence in MEASURED and not outcome.indicators:
            yield (
                (stage.value, index, "evidence"),
                f"{_name(stage, outcome)} is {evidence} but has no indicator",
            )


@rule(
    "LM122",
    "note",
    "An indicator that does not say which way is better",
    "A gain is further or faster progress: the direction matters. Say `better: higher` or "
    "`better: lower`, so that a fall in, say, young people not in work counts as a gain.",
    "Collaborative Gain Research Study (2008), Conclusions",
)
def indicator_without_direction(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for stage in Stage:
        elements: list[Element] = list(model.stage_elements(stage))
        for index, element in enumerate(elements):
            yield from _undirected(stage, index, element)


def _undirected(stage: Stage, index: int, element: Element) -> Iterator[tuple[Path, str]]:
    """Yield each indicator of an element with figures but no `better`."""
    for number, indicator in enumerate(element.indicators):
        if indicator.better is None and (indicator.actuals or indicator.target_together):
            yield (
                (stage.value, index, "indicators", number, "name"),
                f"{_name(stage, element)}, indicator {indicator.name!r}: no `better`",
            )


@rule(
    "LM123",
    "note",
    "A gain with nothing to measure it against",
    "Gain is measured against what would have happened anyway: the pre-partnership trend, or "
    "a target for working alone. This outcome's indicators have neither a value from before "
    "`partnership.started` nor a `target_alone`.",
    "Collaborative Gain Research Study (2008), 'Measuring Collaborative Gain'",
)
def gain_without_baseline(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    started = model.partnership.started
    if started is None:
        return
    start = period_year(started)
    for stage, index, outcome in _outcomes(model):
        if not outcome.gain or not outcome.indicators:
            continue
        baseline = any(
            i.target_alone is not None or any(period_year(p) < start for p in i.actuals)
            for i in outcome.indicators
        )
        if not baseline:
            yield (
                (stage.value, index, "indicators"),
                f"{_name(stage, outcome)}: no indicator has a value before {started} or a "
                "target for working alone",
            )


@rule(
    "LM124",
    "note",
    "Costs without benefits, or benefits without costs",
    "Pain and gain are weighed together: a partnership that records what working together "
    "costs should record what it brings (`partnership.benefits`), and the other way round.",
    "Elected Members' Masterclass ('many partnerships are pain and no gain')",
)
def one_side_of_the_ledger(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    partnership = model.partnership
    if partnership.costs and not partnership.benefits:
        yield ("partnership", "costs"), "costs are recorded but no benefit"
    elif partnership.benefits and not partnership.costs:
        yield ("partnership", "benefits"), "benefits are recorded but no cost"


@rule(
    "LM125",
    "warning",
    "Benefits that do not outweigh their costs",
    "The gain must outweigh the pain. In this unit the recorded benefits come to less than "
    "the costs (at the low end of any range): record the benefits missing, or ask whether the "
    "joint work is worth it.",
    "Elected Members' Masterclass ('many partnerships are pain and no gain')",
)
def costs_outweigh_benefits(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for line in ledger(model):
        if line.net is None:
            continue
        low = line.net[0] if isinstance(line.net, tuple) else line.net
        if low < 0:
            yield (
                ("partnership", "benefits"),
                f"in {line.unit}, benefits fall short of costs by up to {-low:,.6g}",
            )


@rule(
    "LM126",
    "warning",
    "Ids that look alike",
    "Two ids that look the same on screen but differ in a letter from another script (a "
    "Cyrillic 'о' for a Latin 'o') are two different elements or partners: every link "
    "typed from the keyboard goes to one of them, and nobody can see which. Spell both "
    "the same way, or make them look different.",
    "logicmodel: ids are read after NFKC normalisation, and lookalike letters are compared",
)
def lookalike_ids(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    from logicmodel.fileformat.confusables import confusable_groups, lookalikes

    places: dict[str, Path] = {
        partner.id: ("partners", index, "id") for index, partner in enumerate(model.partners)
    }
    for ident, (stage, index, _) in _where(model).items():
        places.setdefault(ident, (stage.value, index, "id"))
    for group in confusable_groups(places):
        for ident in group[1:]:
            letters = ", ".join(lookalikes(ident) or lookalikes(group[0]))
            yield (
                places[ident],
                f"id {ident!r} looks the same as {group[0]!r} but differs in lookalike "
                f"letters ({letters})",
            )


@rule(
    "LM127",
    "note",
    "Few of the research's collaborative activities are done",
    "The research lists the collaborative activities that generate collaborative gain: sound "
    "governance, coherent plans, clarity of roles, drive, communications, shared "
    "understanding, informed services, shared resources, capacity, rationalisation, support "
    "for innovation. Partners found these tangible lists easier to relate to than gain itself. "
    "A partnership that places its joint work under them (`category`) and finds most of them "
    "empty should ask which it is not doing, and whether it should.",
    "Collaborative Gain Research Study (2008), Figure 2; Elected Members' Masterclass, "
    "'Working Collaboratively'",
)
def few_collaborative_activities(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    # Only once the partnership has begun placing its work: without any `category` every box is
    # empty, and the finding would say nothing about this partnership.
    if not any(element.category for _, element in model.elements()):
        return
    done = {c.category for _, c in model.contributions() if model.is_collaborative(c)}
    empty = [ident for ident, _ in ACTIVITIES if ident not in done]
    if len(empty) >= EMPTY_ACTIVITIES:
        yield (
            ("activities",) if model.activities else ("partnership",),
            f"{len(empty)} of the {len(ACTIVITIES)} collaborative activities have no "
            f"collaborative contribution: {', '.join(empty)} (`render --view figure2` shows them)",
        )


@rule(
    "LM128",
    "warning",
    "A gain that rests on one value before the start",
    "The research measures gain against the pre-partnership trend. With one value before "
    "`partnership.started` there is no trend, only that value held flat, which assumes nothing "
    "would have changed without the partnership: where the figures were already improving, "
    "it credits that improvement to the partnership and overstates the gain. Give two or more "
    "values before the start, a comparator, or alone and together targets, and read the gain "
    "as an upper figure until then.",
    "Collaborative Gain Research Study (2008), Conclusions ('further or faster progress ... "
    "against the pre-partnership performance trends')",
)
def gain_from_one_value(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    started = model.partnership.started
    if started is None:
        return
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            for number, indicator in enumerate(element.indicators):
                gain = measure_indicator(element, stage, indicator, started)
                latest = gain.further
                # Held flat: fewer values before the start than a trend needs, no comparator.
                if gain.method != FLAT_BASELINE or latest is None or len(gain.pre) >= TREND_POINTS:
                    continue
                (period, _, value), unit = gain.pre[0], f" {gain.unit}" if gain.unit else ""
                yield (
                    (stage.value, index, "indicators", number, "actuals"),
                    f"{_name(stage, element)}, indicator {indicator.name!r}: the gain of "
                    f"{people_number(latest.gain, signed=True)}{unit} by {latest.period} rests "
                    f"on one value before {started} ({period}: {people_number(value)}) held "
                    "flat; a trend needs at least two",
                )


@rule(
    "LM133",
    "note",
    "An ultimate outcome that serves no national outcome",
    "An SOA shows how each local outcome contributes to the national outcomes: with a framework "
    "named, an ultimate outcome naming none in `contributes_to` is a link not yet written, or a "
    "local priority the framework leaves out (say so in its notes).",
    "Outcomes approach briefing paper (2010), on Single Outcome Agreements",
)
def serves_no_national_outcome(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for index, outcome in enumerate(model.ultimate if model.partnership.framework else []):
        if not outcome.contributes_to:
            yield (
                ("ultimate", index),
                f"{_name(Stage.ULTIMATE, outcome)} serves no national outcome",
            )


@rule(
    "LM134",
    "warning",
    "A national outcome in the partnership's scope that nothing serves",
    "A national outcome the partnership agreed to serve (`partnership.national_outcomes`) that "
    "no outcome names in `contributes_to` is a commitment the model shows no way of meeting.",
    "Collaborative Gain Research Study (2008), on the SOA and the 15 national outcomes",
)
def national_outcome_unserved(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    served = {ident for _, _, outcome in _outcomes(model) for ident in outcome.contributes_to}
    for position, ident in enumerate(model.partnership.national_outcomes):
        if ident not in served:
            yield ("partnership", "national_outcomes", position), f"no outcome serves {ident!r}"


# What the partnership's own answers claim (assessment.py): registered here, in code order.
for *_registration, _check in ANSWER_RULES:
    rule(*_registration)(_check)

# What links rest on (advice_links.py): registered here, in code order.
for *_registration, _check in LINK_RULES:
    rule(*_registration)(_check)

# ---------------------------------------------------------------- running the rules


def advise(
    model: LogicModel,
    trace: Trace,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> list[Finding]:
    """Return every finding of the selected rules, less those the model or caller ignores."""
    chosen = [RULES[c] for c in (select or list(RULES))]
    skipped = {c.upper() for c in ignore or []}
    skipped |= {i.code.upper() for i in model.advice.ignore if i.code.upper() != "LM120"}
    findings: list[Finding] = []
    for each in chosen:
        if each.code in skipped:
            continue
        for path, message in each.check(model, trace):
            findings.append(Finding(each.code, each.severity, path, message))
    return findings


__all__ = [
    "Check",
    "EMPTY_ACTIVITIES",
    "Finding",
    "LARGE_MODEL",
    "MAX_PARTNERS",
    "MEASURED",
    "RULES",
    "Rule",
    "SEVERITIES",
    "Severity",
    "TREND_POINTS",
    "advise",
    "downstream_any",
    "rule",
    "upstream_any",
    "verify_codes",
]
