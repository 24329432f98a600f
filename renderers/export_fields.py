"""The attributes every export carries for each element and link, in one place."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple

from logicmodel.analysis.model_graph import build_graph, graph_records
from logicmodel.analysis.results import json_text
from logicmodel.analysis.tracing import (
    Ordered,
    OutcomeTrace,
    Trace,
    remove_collaboration,
    remove_partners_from_records,
    trace_graph,
    trace_ordered,
)
from logicmodel.models import Contribution, LogicModel, Outcome, Partnership, Stage, TraceClass
from logicmodel.models.vocabulary import Value, fields_of, key_order, value_of


class ExportField(NamedTuple):
    """One field of an export: its name, its type and what it says, as the README lists it."""

    name: str
    type: str  # string, boolean, integer, number, list or object
    meaning: str


# Every record about an element, in every export, in this order. A field the element does
# not have is null in JSON, and left out in GraphML and GEXF. A list or object is JSON in
# JSON, and JSON text where the format has no lists (GraphML, GEXF, CSV).
ELEMENT_FIELD_DOCS = (
    ExportField("id", "string", "the element's id"),
    ExportField("label", "string", "the element's label"),
    ExportField("stage", "string", "inputs, activities, outputs, interim, intermediate, ultimate"),
    ExportField("theme", "string", "the heading the element sits under"),
    ExportField("partners", "list", "ids of the partners making a contribution ('all' spelt out)"),
    ExportField("lead", "string", "id of the partner that leads the element"),
    ExportField("collaborative", "boolean", "whether the contribution is joint work"),
    ExportField("leads_to", "list", "ids the element feeds"),
    ExportField("enhances", "list", "ids of the single-agency contributions it improves"),
    ExportField("gain", "string", "an outcome's collaborative gain, as the model says it"),
    ExportField("evidence", "string", "how far the gain is established: planned ... verified"),
    ExportField("notes", "string", "the element's notes"),
    ExportField("source", "string", "where the element comes from"),
    ExportField("indicators", "list", "indicators as objects, with their actuals by period"),
    ExportField("category", "string", "the research's Figure 2 category (`logicmodel categories`)"),
    ExportField(
        "contributes_to", "list", "ids of the national outcomes an outcome serves (its framework's)"
    ),
    ExportField(
        "trace_class",
        "string",
        "an outcome's trace class; a contribution's 'single-agency' or 'collaborative'",
    ),
    ExportField("collaborative_share", "number", "share of supporting paths through collaboration"),
    ExportField("collaborative_share_exact", "string", "the same share as an exact fraction"),
    ExportField("depends_on_collaboration", "boolean", "whether it is lost without collaboration"),
    ExportField(
        "paths",
        "integer",
        "an outcome's number of supporting paths; empty past 10^15, when only its log is kept",
    ),
    ExportField("paths_log10", "number", "log10 of the number of paths, exact or not"),
    ExportField("critical", "list", "collaborative elements every path to the outcome passes"),
    ExportField("single_agency_partners", "list", "partners whose own work reaches the outcome"),
    ExportField("joint_partners", "list", "partners whose joint work reaches the outcome"),
    ExportField(
        "whatif_no_collaboration",
        "string",
        "the trace class after all collaboration stops; 'gone' for joint work",
    ),
    ExportField(
        "whatif_without_PARTNER",
        "string",
        "one per partner id: the trace class if that partner leaves (joint work carries on "
        "with the partners left); 'gone' for a contribution that goes with it",
    ),
)
ELEMENT_FIELDS = tuple(f.name for f in ELEMENT_FIELD_DOCS if f.name != "whatif_without_PARTNER")
WHATIF_PREFIX = "whatif_without_"
# Fields of the model's elements that exports name otherwise: `by` as the partners spelt out.
RENAMED_MODEL_FIELDS = {"by": "partners"}
# And the model's own: not `logicmodel`, which marks a file as a model to every command.
RENAMED_GRAPH_FIELDS = {"logicmodel": "format_version"}

# The partnership's one-value facts (its costs and benefits are lists, exported apart).
PARTNERSHIP_FACTS = tuple(
    name for name in key_order(Partnership) if value_of(Partnership, name) is not Value.ITEMS
)
# The partnership's facts, on the graph: a graph-level attribute where the format has them.
GRAPH_FIELD_DOCS = (
    ExportField("title", "string", "the model's title"),
    ExportField("area", "string", "the area it covers"),
    ExportField("notes", "string", "the model's notes"),
    ExportField("source", "string", "where the model comes from"),
    ExportField("format_version", "integer", "the model file format's version (`logicmodel:`)"),
    ExportField(
        "partnership_FIELD",
        "string",
        "one per fact of the partnership: " + ", ".join(PARTNERSHIP_FACTS),
    ),
    ExportField("partnership_costs", "list", "costs of working together, as objects"),
    ExportField("partnership_benefits", "list", "benefits of working together, as objects"),
    ExportField("partners", "list", "the partners as objects: id, name, short, notes"),
    ExportField("partner_names", "list", "the partners' names, in file order"),
    ExportField("advice_ignore", "list", "advice rules switched off, with the reasons"),
    ExportField("summary", "string", "the trace's one-line summary"),
)
LINK_FIELDS = ("source", "target", "kind")

# What views write in a split box with no stated gain, and in an unsupported outcome's box.
GAIN_FALLBACK = "Collaborative gain"
UNSUPPORTED_NOTE = "\u26a0 No contribution upstream"
# Evidence that a gain is only hoped for so far: every view draws such an outcome dotted.
CLAIMED = ("planned", "expected")


class BoxKind(str, Enum):
    """How every view draws an element: green, red, split green/red, or a warning box."""

    GREEN = "green"
    RED = "red"
    SPLIT = "split"
    UNSUPPORTED = "unsupported"

    def __str__(self) -> str:
        return self.value


# What a box's colour says, in words: a screen reader and a greyscale print need it too.
KIND_WORDS = {
    BoxKind.GREEN: "single-agency",
    BoxKind.RED: "collaborative",
    BoxKind.SPLIT: "collaborative gain",
    BoxKind.UNSUPPORTED: "warning: no contribution upstream",
}


# The box each class of element gets: a contribution's class, or an outcome's trace class.
BOX_KINDS = {
    "single-agency": BoxKind.GREEN,
    "collaborative": BoxKind.RED,
    TraceClass.COLLABORATION_ONLY.value: BoxKind.RED,
    TraceClass.COLLABORATIVE_GAIN.value: BoxKind.SPLIT,
    TraceClass.UNSUPPORTED.value: BoxKind.UNSUPPORTED,
}


def box_kinds(model: LogicModel, trace: Trace) -> dict[str, BoxKind]:
    """Return, per element id, the box every view draws: green, red, split or unsupported."""
    return {
        element.id: BOX_KINDS[_trace_class(model, trace, element)]
        for _, element in model.elements()
    }


def _trace_class(model: LogicModel, trace: Trace, element: Any) -> str:
    if isinstance(element, Contribution):
        return "collaborative" if model.is_collaborative(element) else "single-agency"
    return trace.outcomes[element.id].trace_class.value


def share(value: Any) -> float:
    """Return a share as every output gives it: a float rounded to 4 decimals."""
    return round(float(value), 4)


def _model_fields(stage: Stage, element: Any, model: LogicModel) -> dict[str, Any]:
    """Return the element's own fields, as the model file has them, in the export's names.

    Every field of an element in the vocabulary comes out, under its own name (`by` as the
    partners spelt out); a field of the other kind of element is empty: [] for ids, else null.
    """
    written = element.model_dump(mode="json")
    own: dict[str, Any] = {
        RENAMED_MODEL_FIELDS.get(name, name): written.get(name, [] if meta.value in _IDS else None)
        for name, (_, meta) in fields_of(Contribution, Outcome).items()
    }
    joint = isinstance(element, Contribution)
    own |= {
        "stage": stage.value,
        "partners": model.partners_of(element) if joint else [],
        "collaborative": model.is_collaborative(element) if joint else False,
        "indicators": [
            indicator.model_dump(mode="json", exclude_none=True) for indicator in element.indicators
        ],
    }
    return {name: own.pop(name) for name in ELEMENT_FIELDS if name in own} | own


_IDS = (Value.IDS, Value.PARTNERS)


def _whatifs(model: LogicModel) -> dict[str, dict[str, str]]:
    """Return, per element, its class in each what-if: each partner leaving, no collaboration."""
    graph = build_graph(model)
    found: dict[str, dict[str, str]] = {element.id: {} for _, element in model.elements()}
    partners = model.partner_ids()
    without = remove_collaboration(graph)
    present: dict[str, dict[str, Any]] = {node: data for node, data in without.nodes(data=True)}
    scenarios = [("whatif_no_collaboration", trace_graph(without), present)]
    # Each partner leaving, on plain records: no networkx graph copied per partner.
    nodes, edges = graph_records(model)
    for partner in partners:
        kept, links = remove_partners_from_records(nodes, edges, [partner])
        left = [p for p in partners if p != partner]
        traced = trace_ordered(Ordered.from_records(kept, links), left)
        scenarios.append((WHATIF_PREFIX + partner, traced, {n: d for n, d in kept}))
    for field, after, present in scenarios:
        for ident, outcome in after.outcomes.items():
            found[ident][field] = outcome.trace_class.value
        for node, data in nodes:
            if data["outcome"]:
                continue
            if node not in present:
                found[node][field] = "gone"
            else:
                found[node][field] = (
                    "collaborative" if present[node]["collaborative"] else "single-agency"
                )
    return found


def _log10(outcome: OutcomeTrace | None) -> float | None:
    """Return log10 of an outcome's path count to 4 decimals; None for no paths or no outcome."""
    if outcome is None or outcome.paths == 0:
        return None
    return round(outcome.paths_log10, 4)


def element_rows(model: LogicModel, trace: Trace) -> list[dict[str, Any]]:
    """Return one record per element: its own fields, its trace and its what-ifs, typed."""
    whatifs = _whatifs(model)
    rows = []
    for stage, element in model.elements():
        row = _model_fields(stage, element, model)
        outcome = trace.outcomes.get(element.id) if isinstance(element, Outcome) else None
        exact = trace.shares.get(element.id, 0)
        row |= {
            "trace_class": _trace_class(model, trace, element),
            "collaborative_share": share(exact),
            # A float share comes from logarithms (too many paths to count): no exact fraction.
            "collaborative_share_exact": "" if isinstance(exact, float) else str(exact),
            "depends_on_collaboration": element.id in trace.lost_without_collaboration,
            "paths": outcome.paths if outcome else None,
            "paths_log10": _log10(outcome),
            "critical": list(outcome.critical) if outcome else [],
            "single_agency_partners": list(outcome.single_agency_partners) if outcome else [],
            "joint_partners": list(outcome.joint_partners) if outcome else [],
        }
        row |= whatifs[element.id]
        rows.append(row)
    return rows


def link_rows(model: LogicModel) -> list[dict[str, str]]:
    """Return one row per link: source, target and kind (leads_to or enhances)."""
    _, edges = graph_records(model)
    return [{"source": s, "target": t, "kind": data["kind"]} for s, t, data in edges]


def graph_fields(model: LogicModel, trace: Trace) -> dict[str, Any]:
    """Return the partnership's facts and the partners' names: the graph-level attributes."""
    written = model.model_dump(mode="json", by_alias=False)
    fields: dict[str, Any] = {
        "title": model.title,
        "area": model.area,
        "notes": model.notes,
        "source": model.source,
        "format_version": model.logicmodel,
    }
    for name, value in written["partnership"].items():
        fields["partnership_" + name] = value
    fields["partners"] = [p.model_dump(mode="json", exclude_none=True) for p in model.partners]
    fields["partner_names"] = [p.name for p in model.partners]
    for name, value in written["advice"].items():
        fields["advice_" + name] = value
    # Fields added to the model later come out under their own names.
    skipped = {"schema_url", "partnership", "partners", "advice", *(s.value for s in Stage)}
    for name in LogicModel.model_fields:
        name = RENAMED_GRAPH_FIELDS.get(name, name)
        if name not in skipped and name not in fields:
            fields[name] = written.get(name)
    fields["summary"] = trace.summary()
    return fields


def flat(value: Any) -> Any:
    """Return a value for a format without lists: a list or object as JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json_text(value, indent=None)
    return value


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record for GraphML or GEXF: lists and objects as JSON text, nulls left out."""
    return {key: flat(value) for key, value in record.items() if value is not None}


__all__ = [
    "KIND_WORDS",
    "BOX_KINDS",
    "BoxKind",
    "CLAIMED",
    "ELEMENT_FIELDS",
    "ELEMENT_FIELD_DOCS",
    "ExportField",
    "GAIN_FALLBACK",
    "GRAPH_FIELD_DOCS",
    "LINK_FIELDS",
    "PARTNERSHIP_FACTS",
    "RENAMED_GRAPH_FIELDS",
    "RENAMED_MODEL_FIELDS",
    "UNSUPPORTED_NOTE",
    "WHATIF_PREFIX",
    "box_kinds",
    "element_rows",
    "flat",
    "flat_record",
    "graph_fields",
    "link_rows",
    "share",
]
