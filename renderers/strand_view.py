"""A parent model's Figure 1 with each strand collapsed to one box, coloured by its own trace.

Loading a parent merges its strands (`strand:element` ids); the views of the parent draw each
strand as a single outcome box instead, so the parent's picture stays the size of the parent.
The box takes the strand's class from the trace of its elements: the outcomes whose links
leave the strand (all its outcomes when none do) give it green support, red support or both.
Links into and out of a strand end at its box; the merged trace keeps every figure, so the
parent's own outcomes keep the classes the whole graph gives them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from html import escape

from logicmodel.analysis.tracing import OutcomeTrace, Trace, classify
from logicmodel.fileformat.strands import strand_alone, strand_of
from logicmodel.models import (
    OUTCOME_STAGES,
    Contribution,
    Element,
    LogicModel,
    Outcome,
    Stage,
    Strand,
    TraceClass,
)

GREEN = (TraceClass.SINGLE_AGENCY, TraceClass.COLLABORATIVE_GAIN)
RED = (TraceClass.COLLABORATIVE_GAIN, TraceClass.COLLABORATION_ONLY)


@dataclass(frozen=True)
class StrandBox:
    """What the parent's picture shows of one strand: its box and where the box opens."""

    id: str
    label: str
    file: str
    elements: int
    trace_class: TraceClass


def strand_label(strand: Strand, members: int) -> str:
    """Return the words on a strand's box: its name and how many elements it folds away."""
    return f"Strand: {strand.label or strand.id} ({members} elements)"


def collapse(model: LogicModel, trace: Trace) -> tuple[LogicModel, Trace]:
    """Return a merged parent and its trace with each strand drawn as one outcome box."""
    if not model.strands:
        return model, trace
    stages = {strand.id: _box_stage(model, strand.id) for strand in model.strands}
    kept: dict[Stage, list[Element]] = {stage: [] for stage in Stage}
    for stage, element in model.elements():
        if strand_of(element.id) is None:
            kept[stage].append(_rewired(element))
    outcomes = {k: v for k, v in trace.outcomes.items() if strand_of(k) is None}
    for box in strand_boxes(model, trace):
        stage = stages[box.id]
        kept[stage].append(
            Outcome(id=box.id, label=box.label, leads_to=_box_targets(model, box.id))
        )
        outcomes[box.id] = _box_trace(model, trace, box, stage)
    # Every partner of every strand stays: the focus box names the whole partnership.
    collapsed = model.model_copy(update={stage.value: items for stage, items in kept.items()})
    shares = {k: v for k, v in trace.shares.items() if strand_of(k) is None}
    shares |= {box: outcomes[box].share for box in stages}
    return collapsed, replace(trace, outcomes=outcomes, shares=shares)


def strand_boxes(model: LogicModel, trace: Trace) -> list[StrandBox]:
    """Return each strand's box: its label, file, size and class from its elements' trace."""
    boxes = []
    for strand in model.strands:
        members = _members(model, strand.id)
        boxes.append(
            StrandBox(
                strand.id,
                strand_label(strand, len(members)),
                strand.file,
                len(members),
                _strand_class(model, trace, strand.id),
            )
        )
    return boxes


def _members(model: LogicModel, strand: str) -> list[tuple[Stage, Element]]:
    """Return a strand's elements in the merged model, with their stages."""
    return [(stage, e) for stage, e in model.elements() if strand_of(e.id) == strand]


def _leaving(model: LogicModel, strand: str) -> list[Element]:
    """Return a strand's elements that link out of it (to the parent or another strand)."""
    return [
        element
        for _, element in _members(model, strand)
        if any(strand_of(t) != strand for t in _targets(element))
    ]


def _targets(element: Element) -> list[str]:
    """Return everything an element links to, `leads_to` and `enhances` alike."""
    return [*element.leads_to, *getattr(element, "enhances", [])]


def _box_stage(model: LogicModel, strand: str) -> Stage:
    """Return the outcome column a strand's box stands in: that of its latest element whose
    links leave the strand (else its latest element), never past what those links feed."""
    stages = {e.id: s for s, e in model.elements()}
    leaving = _leaving(model, strand) or [e for _, e in _members(model, strand)]
    latest = max((stages[e.id] for e in leaving), key=lambda s: s.order, default=Stage.INTERIM)
    fed = [stages[t] for e in leaving for t in _targets(e) if strand_of(t) != strand]
    earliest_fed = min(fed, key=lambda s: s.order, default=Stage.ULTIMATE)
    chosen = min(latest, earliest_fed, key=lambda s: s.order)
    return chosen if chosen in OUTCOME_STAGES else Stage.INTERIM


def _box_id(ident: str) -> str:
    """Return the id a link to an element draws to: its strand's box, or itself."""
    return strand_of(ident) or ident


def _rewired(element: Element) -> Element:
    """Return a parent element whose links to a strand's element go to the strand's box."""
    leads_to = list(dict.fromkeys(_box_id(t) for t in element.leads_to))
    changes: dict[str, list[str]] = {"leads_to": leads_to}
    if isinstance(element, Contribution):
        enhances = [t for t in element.enhances if strand_of(t) is None]
        # A box is an outcome, which nothing enhances: a link into a strand is drawn as one.
        moved = [_box_id(t) for t in element.enhances if strand_of(t) is not None]
        changes["enhances"] = enhances
        changes["leads_to"] = list(dict.fromkeys([*leads_to, *moved]))
    return element.model_copy(update=changes)


def _box_targets(model: LogicModel, strand: str) -> list[str]:
    """Return the boxes and parent elements that a strand's links out of it reach."""
    out = [_box_id(t) for e in _leaving(model, strand) for t in _targets(e)]
    return list(dict.fromkeys(t for t in out if t != strand))


def _strand_class(model: LogicModel, trace: Trace, strand: str) -> TraceClass:
    """Return a strand's class: green, red or both from the outcomes that carry it out."""
    tops = _top_outcomes(model, trace, strand)
    if tops:
        green = any(o.trace_class in GREEN for o in tops)
        red = any(o.trace_class in RED for o in tops)
        return classify(green, red)
    contributions = [e for _, e in _members(model, strand) if isinstance(e, Contribution)]
    joint = [model.is_collaborative(c) for c in contributions]
    return classify(not all(joint), any(joint)) if joint else TraceClass.UNSUPPORTED


def _top_outcomes(model: LogicModel, trace: Trace, strand: str) -> list[OutcomeTrace]:
    """Return the traces of the strand's outcomes whose links leave it, else of all of them."""
    leaving = [trace.outcomes[e.id] for e in _leaving(model, strand) if e.id in trace.outcomes]
    if leaving:
        return leaving
    return [trace.outcomes[e.id] for _, e in _members(model, strand) if e.id in trace.outcomes]


def _box_trace(model: LogicModel, trace: Trace, box: StrandBox, stage: Stage) -> OutcomeTrace:
    """Return the trace a strand's box shows: its class, its top outcomes' largest share."""
    tops = _top_outcomes(model, trace, box.id)
    share = max((o.share for o in tops), default=Fraction(0))
    return OutcomeTrace(
        id=box.id,
        stage=stage.value,
        label=box.label,
        trace_class=box.trace_class,
        depends_on_collaboration=bool(tops) and all(o.depends_on_collaboration for o in tops),
        critical=(),
        share=share,
        paths=sum(o.paths or 0 for o in tops),
        single_agency_partners=tuple(
            dict.fromkeys(p for o in tops for p in o.single_agency_partners)
        ),
        joint_partners=tuple(dict.fromkeys(p for o in tops for p in o.joint_partners)),
    )


# Ids inside a strand's picture are given a prefix, so that they stay unique on the page.
_ID_ATTRIBUTE = re.compile(r'(\sid="|url\(#|href="#)([^"\)]+)')


def strand_templates(model: LogicModel, draw: Callable[[LogicModel], str]) -> str:
    """Return each strand's own Figure 1 (drawn by `draw`) as an inert <template> of the page,
    which the page's strands script opens in place of the parent's picture."""
    parts = []
    for strand in model.strands:
        picture = draw(strand_alone(model, strand.id))
        unique = _ID_ATTRIBUTE.sub(rf"\g<1>strand-{strand.id}-\g<2>", picture)
        parts.append(
            f'<template class="lm-strand" data-strand="{escape(strand.id)}" '
            f'data-label="{escape(strand.label or strand.id)}" data-file="{escape(strand.file)}">'
            f"{unique}</template>"
        )
    return "".join(parts)


def strand_figures(model: LogicModel, draw: Callable[[LogicModel], str]) -> str:
    """Return each strand's own Figure 1 (drawn by `draw`, as HTML) under a heading naming the
    strand and its file: the report of a parent shows them after the parent's picture."""
    parts = []
    for strand in model.strands:
        heading = escape(f"Strand: {strand.label or strand.id} ({strand.file})")
        parts.append(f"<h3>{heading}</h3>{draw(strand_alone(model, strand.id))}")
    return "".join(parts)


__all__ = [
    "StrandBox",
    "collapse",
    "strand_boxes",
    "strand_figures",
    "strand_label",
    "strand_templates",
]
