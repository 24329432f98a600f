"""Tables of the trace and of what-if scenarios, as text, CSV, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from logicmodel.analysis.losses import (
    LOSES_ALL_SUPPORT,
    LOSES_GAIN,
    LOSES_OWN_SUPPORT,
    loss_sentence,
)

# The shared formatter; its names stay importable from here for the command line's sake.
from logicmodel.analysis.results import (
    LABEL_WIDTH,
    REPORT_FORMATS,
    TEXT,
    Row,
    Table,
    csv_cell,
    finite_json,
    format_csv,
    format_markdown,
    format_people,
    format_table,
    markdown_text,
    people_cells,
    verify_format,
)

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import OutcomeTrace, Trace, WhatIf

__all__ = [
    "LABEL_WIDTH",
    "REPORT_FORMATS",
    "SPARSE_COLUMNS",
    "TEXT",
    "TRACE_COLUMNS",
    "WHATIF_COLUMNS",
    "csv_cell",
    "describe_outcome",
    "format_csv",
    "format_json",
    "format_markdown",
    "format_table",
    "markdown_text",
    "people_cells",
    "render_trace",
    "render_traces",
    "render_whatif",
    "render_whatifs",
    "share_text",
    "trace_rows",
    "verify_format",
    "whatif_rows",
    "whatif_summary",
]


def share_text(outcome: OutcomeTrace) -> str:
    """Return the collaborative share as a percentage for people."""
    return f"{float(outcome.share):.0%}"


def trace_rows(trace: Trace) -> list[Row]:
    """Return one row per outcome: the trace's facts as plain values."""
    return [
        {
            "id": o.id,
            "stage": o.stage,
            "trace_class": o.trace_class.value,
            "depends_on_collaboration": o.depends_on_collaboration,
            "collaborative_share": round(float(o.share), 4),
            # Exact only while the path counts are (see tracing.EXACT_LIMIT); else left empty.
            "collaborative_share_exact": str(o.share) if o.paths is not None else "",
            # An integer while exact; past that, text such as '≈1.23e+6320'.
            "paths": o.paths if o.paths is not None else o.paths_text,
            "critical": list(o.critical),
            "single_agency_partners": list(o.single_agency_partners),
            "joint_partners": list(o.joint_partners),
            "evidence": o.evidence or "",
            "label": o.label,
        }
        for o in trace.outcomes.values()
    ]


def whatif_rows(result: WhatIf) -> list[Row]:
    """Return one row per outcome: its class before and after, and what it loses."""
    return [
        {
            "id": change.id,
            "stage": change.before.stage,
            "before": change.before.trace_class.value,
            "after": change.after.trace_class.value,
            "loses": change.loss,
            "label": change.label,
        }
        for change in result.changes
    ]


# Columns that a person reads on a terminal, and their headings; machines get every field.
TRACE_COLUMNS = {
    "id": "id",
    "stage": "stage",
    "trace_class": "trace_class",
    "depends_on_collaboration": "lost without",
    "collaborative_share": "share",
    "critical": "critical collaborative",
    "evidence": "evidence",
    "label": "label",
}
SPARSE_COLUMNS = frozenset({"evidence"})
WHATIF_COLUMNS = {
    "id": "id",
    "stage": "stage",
    "before": "before",
    "after": "after",
    "loses": "loses",
    "label": "label",
}


def format_json(rows: Sequence[Row], models: Sequence[Row]) -> str:
    """Return each model's summary and every row as JSON."""
    return (
        json.dumps(
            finite_json({"models": list(models), "outcomes": list(rows)}), indent=2, allow_nan=False
        )
        + "\n"
    )


def render_trace(
    trace: Trace, fmt: str, outcome: str | None = None, width: int | None = None
) -> str:
    """Return the trace in a report format, for every outcome or one; tables fit `width`."""
    if outcome is not None and fmt == TEXT:
        return describe_outcome(trace.outcomes[outcome])
    return render_traces([("", trace)], fmt, width, outcome)


def render_traces(
    traces: Sequence[tuple[str, Trace]],
    fmt: str,
    width: int | None = None,
    outcome: str | None = None,
) -> str:
    """Return the traces of several models as one report, each row naming its model."""
    rows = [
        _named(name, row)
        for name, trace in traces
        for row in trace_rows(trace)
        if outcome is None or row["id"] == outcome
    ]
    from logicmodel.analysis.strand_rows import summary_by_strand  # a parent: per strand too

    models = [_named(name, {"summary": summary_by_strand(trace)}) for name, trace in traces]
    return _render(rows, verify_format(fmt), TRACE_COLUMNS, models, width)


def render_whatif(result: WhatIf, fmt: str, width: int | None = None) -> str:
    """Return a what-if scenario in a report format; tables fit `width`."""
    return render_whatifs([("", result)], fmt, width)


def render_whatifs(
    results: Sequence[tuple[str, WhatIf]], fmt: str, width: int | None = None
) -> str:
    """Return what-if scenarios of several models as one report, each row naming its model.

    Each summary is counted from the very rows shown under it (see losses.loss_sentence).
    """
    rows: list[Row] = []
    models: list[Row] = []
    for name, result in results:
        shown = whatif_rows(result)
        rows += [_named(name, row) for row in shown]
        models.append(_named(name, whatif_summary(result, shown)))
    return _render(rows, verify_format(fmt), WHATIF_COLUMNS, models, width)


def whatif_summary(result: WhatIf, rows: Sequence[Row]) -> Row:
    """Return a what-if's summary record (sentence, scenario, assumption, the outcomes losing
    each kind of thing) from the rows that show it."""
    losses = [str(row["loses"]) for row in rows]
    return {
        "summary": loss_sentence(result.scenario, losses),
        "scenario": result.scenario,
        "joint_work": result.joint_work,
        "outcomes": len(rows),
        "losing_gain": [row["id"] for row in rows if row["loses"] == LOSES_GAIN],
        "losing_own_support": [row["id"] for row in rows if row["loses"] == LOSES_OWN_SUPPORT],
        "losing_support": [row["id"] for row in rows if row["loses"] == LOSES_ALL_SUPPORT],
    }


def _named(model: str, row: Row) -> Row:
    """Return a row led by the model it comes from, when a model is named."""
    return {"model": model, **row} if model else row


def _render(
    rows: list[Row],
    fmt: str,
    columns: dict[str, str],
    models: Sequence[Row],
    width: int | None = None,
) -> str:
    """Return rows in a format; for people, a model column only when there are several."""
    if fmt == "csv":
        return format_csv(rows)
    if fmt == "json":
        return format_json(rows, models)
    # A column most models leave empty is shown only when some row fills it.
    columns = {
        key: title
        for key, title in columns.items()
        if key not in SPARSE_COLUMNS or any(row.get(key) for row in rows)
    }
    if len(models) > 1:
        columns = {"model": "model", **columns}
        summary = "\n".join(f"{m.get('model', '')}: {m['summary']}" for m in models)
    else:
        summary = models[0]["summary"] if models else ""
    return format_people(Table(rows, columns, summary), fmt, width) + "\n"


def describe_outcome(outcome: OutcomeTrace) -> str:
    """Return one outcome's trace as aligned 'field: value' lines for a person."""
    fields = {
        "trace class": outcome.trace_class.value,
        "lost without collaboration": "yes" if outcome.depends_on_collaboration else "no",
        "collaborative share": (
            "none: no contribution lies upstream, so no path supports it"
            if outcome.paths == 0
            else f"{share_text(outcome)} of {outcome.paths_text} supporting "
            + ("path" if outcome.paths == 1 else "paths")
        ),
        "critical collaborative": ", ".join(outcome.critical) or "none",
        "single-agency partners": ", ".join(outcome.single_agency_partners) or "none",
        "joint partners": ", ".join(outcome.joint_partners) or "none",
    }
    if outcome.evidence:
        fields["evidence of the gain"] = outcome.evidence
    width = max(len(key) for key in fields) + 1
    lines = [f"{outcome.id} ({outcome.stage}): {outcome.label}"]
    lines += [f"  {key + ':':{width}} {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"
