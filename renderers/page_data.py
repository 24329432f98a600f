"""The data an interactive page is written with: every element's facts and trace, the
partners' what-ifs and the scenarios the page switches between, as JSON for its script."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from logicmodel.analysis.losses import scenario_text
from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.reports import share_text
from logicmodel.analysis.tracing import (
    JOINT_WORK,
    Trace,
    WhatIf,
    remove_partners,
    whatif_graph,
)
from logicmodel.models import (
    CONTRIBUTION_STAGES,
    OUTCOME_STAGES,
    Contribution,
    LogicModel,
    Outcome,
)
from logicmodel.renderers.export_fields import BOX_KINDS, KIND_WORDS, BoxKind, box_kinds

# The presenter reveals the focus box, then each stage in turn.
REVEAL = ("focus",) + tuple(s.value for s in CONTRIBUTION_STAGES + OUTCOME_STAGES)


def page_data(
    model: LogicModel, trace: Trace, theme: str, events: str | None, *, whatifs: bool = True
) -> dict[str, Any]:
    """Return what the page's script needs: elements, links, trace, and every what-if (the
    partners' left out, as None, without `whatifs`: see `partner_whatifs`)."""
    index = {element.id: number for number, (_, element) in enumerate(model.elements())}
    elements = _element_rows(model, trace, index)
    links = [
        [index[element.id], index[target], kind]
        for _, element in model.elements()
        for kind, targets in (
            ("leads_to", element.leads_to),
            ("enhances", getattr(element, "enhances", [])),
        )
        for target in targets
    ]
    graph = build_graph(model)
    readings = (
        _partner_whatifs(model, trace, graph, index)
        if whatifs
        else {"continues": None, "stops": None}
    )
    without = whatif_graph(graph, without_collaboration=True, before=trace)
    gone_collaboration = {
        str(index[node]): "gone" for node, data in graph.nodes(data=True) if data["collaborative"]
    }
    return {
        "title": model.title,
        "summary": trace.summary(),
        "theme": theme,
        "events": events,
        "reveal": list(REVEAL),
        "kind_words": {kind.value: words for kind, words in KIND_WORDS.items()},
        "elements": elements,
        "links": links,
        "partners": [{"id": p.id, "name": p.display_name} for p in model.partners],
        # If a partner left: joint work carrying on with the partners left, the page's first
        # reading (kept as "whatif"), or joint work they took part in stopping.
        "whatif": readings["continues"],
        "whatif_stops": readings["stops"],
        "without_collaboration": _scenario(without, index, None, None)
        | {"contributions": gone_collaboration},
    }


def partner_whatifs(model: LogicModel, trace: Trace) -> dict[str, Any]:
    """Return what if each partner left, as `page_data` gives it ("whatif", "whatif_stops")."""
    index = {element.id: number for number, (_, element) in enumerate(model.elements())}
    readings = _partner_whatifs(model, trace, build_graph(model), index)
    return {"whatif": readings["continues"], "whatif_stops": readings["stops"]}


def _element_rows(model: LogicModel, trace: Trace, index: dict[str, int]) -> list[dict[str, Any]]:
    """Return each element as the page reads it: an outcome with its trace, a contribution
    with its partners."""
    kinds = box_kinds(model, trace)
    names = {p.id: p.display_name for p in model.partners}
    elements = []
    for stage, element in model.elements():
        row: dict[str, Any] = {
            "id": element.id,
            "label": element.label,
            "stage": stage.value,
            "kind": kinds[element.id].value,
            "theme": element.theme,
            "notes": element.notes,
            "source": element.source,
        }
        if isinstance(element, Outcome):
            outcome = trace.outcomes[element.id]
            row |= {
                "trace_class": outcome.trace_class.value,
                "share": share_text(outcome),
                "paths": outcome.paths if outcome.paths is not None else outcome.paths_text,
                "lost": outcome.depends_on_collaboration,
                "critical": [index[c] for c in outcome.critical],
                "alone": [names[p] for p in outcome.single_agency_partners],
                "joint": [names[p] for p in outcome.joint_partners],
                "gain": element.gain,
                "contributes_to": element.contributes_to,
                "indicators": [_indicator(i) for i in element.indicators],
            }
        elif isinstance(element, Contribution):
            partners = model.partners_of(element)
            row |= {
                "partners": partners,
                "by": [names[p] for p in partners],
                "collaborative": model.is_collaborative(element),
            }
        elements.append(row)
    return elements


def _partner_whatifs(
    model: LogicModel, trace: Trace, graph: Any, index: dict[str, int]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Return what if each partner left, by joint-work assumption and then partner id."""
    readings: dict[str, dict[str, dict[str, Any]]] = {j: {} for j in JOINT_WORK}
    for partner in model.partners:
        name = partner.display_name  # said with the partner's name, as the page shows partners
        hopeful = remove_partners(graph, [partner.id], "continues")
        result = whatif_graph(graph, [partner.id], before=trace)
        readings["continues"][partner.id] = _scenario(
            replace(result, scenario=scenario_text([name])), index, graph, hopeful
        )
        stopped = remove_partners(graph, [partner.id], "stops")
        # Tracing is most of the page's build; a partner in no joint work that goes on
        # without them leaves the same graph either way, so its first reading serves.
        if list(stopped.nodes(data=True)) != list(hopeful.nodes(data=True)):
            result = whatif_graph(graph, [partner.id], before=trace, joint_work="stops")
        said = scenario_text([name], "stops")
        readings["stops"][partner.id] = _scenario(
            replace(result, scenario=said, joint_work="stops"), index, graph, stopped
        )
    return readings


def _scenario(result: WhatIf, index: dict[str, int], before: Any, after: Any) -> dict[str, Any]:
    """Return a what-if as the page reads it: each outcome's new box, losses, and contributions."""
    outcomes = {
        str(index[change.id]): [
            BOX_KINDS[change.after.trace_class.value].value,
            change.loss,
            change.after.trace_class.value,
        ]
        for change in result.changes
    }
    contributions: dict[str, str] = {}
    if before is not None and after is not None:
        for node, data in before.nodes(data=True):
            if data["outcome"]:
                continue
            if node not in after:
                contributions[str(index[node])] = "gone"
            elif data["collaborative"] and not after.nodes[node]["collaborative"]:
                contributions[str(index[node])] = BoxKind.GREEN.value
    return {"summary": result.summary(), "outcomes": outcomes, "contributions": contributions}


def _indicator(indicator: Any) -> dict[str, Any]:
    """Return an indicator's facts as short strings for the side panel."""
    facts = {"name": indicator.name}
    if indicator.unit:
        facts["unit"] = indicator.unit
    if indicator.actuals:
        period = max(indicator.actuals, key=str)
        facts["latest"] = f"{indicator.actuals[period]} in {period}"
    for key in ("target_alone", "target_together"):
        value = getattr(indicator, key)
        if value is not None:
            facts[key] = str(value)
    return facts


__all__ = ["REVEAL", "page_data", "partner_whatifs"]
