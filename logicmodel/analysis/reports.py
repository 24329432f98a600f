"""Tables of the trace and of what-if scenarios, as text, CSV, Markdown or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from logicmodel.terminal import terminal_text

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import OutcomeTrace, Trace, WhatIf

TEXT = "text"  # the plain format for people, the same word in every command
REPORT_FORMATS = (TEXT, "csv", "json", "markdown")
LABEL_WIDTH = 44

Row = dict[str, Any]


def verify_format(name: str) -> str:
    """Return a report format name, or raise ValueError listing the valid ones."""
    if name not in REPORT_FORMATS:
        raise ValueError(f"unknown format {name!r}: choose from {', '.join(REPORT_FORMATS)}")
    return name


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


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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


def people_rows(
    rows: Sequence[Row], columns: dict[str, str], label_width: int = LABEL_WIDTH
) -> list[list[str]]:
    table = []
    for row in rows:
        cells = []
        for key in columns:
            value = row[key]
            if key == "collaborative_share":
                cells.append(f"{value:.0%}")
            elif key == "label":
                cells.append(_clip(" ".join(str(value).split()), label_width))
            else:
                cells.append(_cell(value))
        table.append(cells)
    return table


def format_table(
    rows: Sequence[Row], columns: dict[str, str], summary: str, width: int | None = None
) -> str:
    """Return aligned columns, labels clipped to fit `width`, then the summary line."""
    headings = list(columns.values())
    # Escaped before measuring, so that a row holding a control still lines up.
    body = [
        [terminal_text(cell) for cell in row]
        for row in people_rows(rows, columns, label_width=10_000)
    ]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headings)]
    if width is not None and headings[-1] == "label":
        room = width - sum(widths[:-1]) - 2 * (len(widths) - 1)
        widths[-1] = min(widths[-1], max(20, room))
        body = [[*r[:-1], _clip(r[-1], widths[-1])] for r in body]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join([*lines, "", summary])


# Characters Markdown reads as markup inside a line: emphasis, code, links, cells, strikes.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")


def markdown_text(text: str) -> str:
    r"""Return text that a Markdown viewer shows as written: no HTML, no markup, one line.

    HTML specials become entities (a viewer would run `<img onerror=...>`), Markdown
    punctuation is escaped with a backslash, and line breaks become spaces.

    >>> markdown_text("<b>*x*</b> | [a](b)")
    '&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\[a\\](b)'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(_MARKDOWN_SPECIALS.sub(r"\\\1", text).splitlines())
    return text


def format_markdown(rows: Sequence[Row], columns: dict[str, str], summary: str) -> str:
    """Return a Markdown table, every cell shown as written, then the summary line."""
    lines = ["| " + " | ".join(columns.values()) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines += [
        "| " + " | ".join(markdown_text(c) for c in r) + " |" for r in people_rows(rows, columns)
    ]
    summary = "\n".join(markdown_text(line) for line in summary.split("\n"))
    return "\n".join([*lines, "", summary])


def format_csv(rows: Sequence[Row]) -> str:
    """Return every field of every row as CSV: lists as JSON arrays, booleans true or false."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def csv_cell(value: Any) -> Any:
    """Return a value as one CSV cell: a list or mapping as JSON, a boolean as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    # A label such as "=HYPERLINK(...)" must stay text when a spreadsheet opens the file.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def format_json(rows: Sequence[Row], models: Sequence[Row]) -> str:
    """Return each model's summary and every row as JSON."""
    return json.dumps({"models": list(models), "outcomes": list(rows)}, indent=2) + "\n"


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
    models = [_named(name, {"summary": trace.summary()}) for name, trace in traces]
    return _render(rows, verify_format(fmt), TRACE_COLUMNS, models, width)


def render_whatif(result: WhatIf, fmt: str, width: int | None = None) -> str:
    """Return a what-if scenario in a report format; tables fit `width`."""
    return render_whatifs([("", result)], fmt, width)


def render_whatifs(
    results: Sequence[tuple[str, WhatIf]], fmt: str, width: int | None = None
) -> str:
    """Return what-if scenarios of several models as one report, each row naming its model."""
    rows = [_named(name, row) for name, result in results for row in whatif_rows(result)]
    models = [
        _named(
            name,
            {
                "summary": result.summary(),
                "scenario": result.scenario,
                "joint_work": result.joint_work,
                "losing_gain": result.losing_gain,
                "losing_support": result.losing_support,
            },
        )
        for name, result in results
    ]
    return _render(rows, verify_format(fmt), WHATIF_COLUMNS, models, width)


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
    if fmt == "markdown":
        return format_markdown(rows, columns, summary) + "\n"
    return format_table(rows, columns, summary, width) + "\n"


def describe_outcome(outcome: OutcomeTrace) -> str:
    """Return one outcome's trace as aligned 'field: value' lines for a person."""
    fields = {
        "trace class": outcome.trace_class.value,
        "lost without collaboration": "yes" if outcome.depends_on_collaboration else "no",
        "collaborative share": f"{share_text(outcome)} of {outcome.paths_text} supporting "
        + ("path" if outcome.paths == 1 else "paths"),
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
