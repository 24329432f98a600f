"""Compare partnerships: one row of facts per model, as a table, CSV, Markdown or JSON.

The question researchers ask across partnerships: how much relies on collaboration, and
where? Each row counts partners, elements and collaborative contributions, the outcomes of
each trace class, the share of outcomes relying on collaboration, the partners whose leaving
costs most, the planned and measured gain and the advice. Every fact comes from the same
functions as `trace`, `whatif`, `gain` and `check`, so the row agrees with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.results import (
    MAX_SHOWN,
    Table,
    Tabular,
    format_csv,
    format_people,
    json_text,
    too_large,
    verify_format,
)
from logicmodel.models import Contribution, LogicModel, TraceClass

if TYPE_CHECKING:
    from logicmodel.analysis.gain import GainReport
    from logicmodel.analysis.national import NationalRollUp
    from logicmodel.analysis.tracing import Trace

__all__ = [
    "CLASS_COLUMNS",
    "NATIONAL_COLUMNS",
    "NationalComparison",
    "PEOPLE_COLUMNS",
    "SHARE_DECIMALS",
    "Comparison",
    "compare",
    "compare_model",
    "compare_national",
    "compare_rows",
    "costliest_partners",
    "csv_rows",
    "gain_text",
    "gains",
    "people_rows",
    "render_comparison",
    "render_national_comparison",
    "share",
]

Row = dict[str, Any]
SHARE_DECIMALS = 4  # every output gives shares to four decimals

# One column per trace class, named as the class with underscores (a valid identifier for
# pandas and R); the text table heads them with the class itself.
CLASS_COLUMNS = {cls: cls.value.replace("-", "_") for cls in TraceClass}


@dataclass(frozen=True)
class Comparison(Tabular):
    """One row per model, in the order given; `to_records()` gives them as plain dicts."""

    rows: list[Row] = field(default_factory=list)

    def to_records(self) -> list[Row]:
        """Return every row as a plain dict (lists stay lists), e.g. for pandas.DataFrame."""
        return [dict(row) for row in self.rows]

    def summary(self) -> str:
        """Return one line: how many models, and how many outcomes across them rely on it."""
        # A parent's row holds its strands' outcomes already: their own rows are not counted.
        counted = [row for row in self.rows if not row.get("strand_of")]
        outcomes = sum(row["outcomes"] for row in counted)
        relying = sum(row["relying_on_collaboration"] for row in counted)
        models = f"{len(counted)} model{'' if len(counted) == 1 else 's'}"
        return f"{models}: {relying} of {outcomes} outcomes rely on collaboration"

    def table(self) -> Table:
        """Return the columns a person reads, as text, under the summary."""
        return Table(people_rows(self.rows), PEOPLE_COLUMNS, self.summary())


def share(part: int, whole: int) -> float:
    """Return part / whole rounded to four decimals, 0.0 when whole is 0.

    >>> share(2, 3)
    0.6667
    """
    return round(part / whole, SHARE_DECIMALS) if whole else 0.0


def costliest_partners(model: LogicModel, trace: Trace) -> tuple[list[str], int]:
    """Return the partners whose leaving costs most outcomes something (their gain, their
    single-agency support or all support, as `whatif` reports), and how many; ties all named,
    in file order; ([], 0) when no partner's leaving costs any outcome anything."""
    from logicmodel.analysis.model_graph import graph_records
    from logicmodel.analysis.tracing import (
        Change,
        Ordered,
        remove_partners_from_records,
        trace_ordered,
    )

    nodes, edges = graph_records(model)
    partners = model.partner_ids()
    costs: dict[str, int] = {}
    for partner in partners:
        left = [p for p in partners if p != partner]
        after = trace_ordered(
            Ordered.from_records(*remove_partners_from_records(nodes, edges, [partner])), left
        )
        costs[partner] = sum(
            1
            for ident, before in trace.outcomes.items()
            if Change(ident, before.label, before, after.outcomes[ident]).loss
        )
    worst = max(costs.values(), default=0)
    if worst == 0:
        return [], 0
    return [p for p, cost in costs.items() if cost == worst], worst


def gains(report: GainReport) -> tuple[list[Row], list[Row]]:
    """Return the planned gains and the latest measured gains, one record per indicator."""
    planned: list[Row] = []
    measured: list[Row] = []
    for each in report.indicators:
        base = {"id": each.element, "indicator": each.indicator, "unit": each.unit}
        if each.planned_gain is not None:
            planned.append({**base, "gain": each.planned_gain, "period": each.target_period})
        latest = [p for p in each.periods if p.gain is not None]
        if latest:
            measured.append(
                {
                    **base,
                    "gain": latest[-1].gain,
                    "period": latest[-1].period,
                    "method": each.method,
                }
            )
    return planned, measured


def compare_model(model: LogicModel, name: str = "", theme: str | None = None) -> Row:
    """Return one model's row of facts (`name` is the file it came from, if any); with a
    `theme`, its outcomes and their gains are only those under it (ValueError if none)."""
    from logicmodel.analysis.advice import Severity, advise
    from logicmodel.analysis.gain import measure
    from logicmodel.analysis.theme_filter import only_theme
    from logicmodel.analysis.tracing import trace as trace_model

    trace = full = trace_model(model)
    report = measure(model)
    if theme is not None:
        trace = only_theme(full, model, theme)
        kept = [i for i in report.indicators if i.element in trace.outcomes]
        report = replace(report, indicators=kept)
    elements = contributions = collaborative = links = 0
    for _, element in model.elements():
        elements += 1
        links += len(element.leads_to)
        if isinstance(element, Contribution):
            contributions += 1
            links += len(element.enhances)
            collaborative += model.is_collaborative(element)
    outcomes = list(trace.outcomes.values())
    relying = sum(o.relies_on_collaboration for o in outcomes)
    costliest, cost = costliest_partners(model, trace) if outcomes else ([], 0)
    planned, measured = gains(report)
    findings = advise(model, full)
    kind = model.partnership.type
    row: Row = {
        "model": name,
        "title": model.title,
        "type": kind.value if kind is not None else None,
        "partners": len(model.partners),
        "elements": elements,
        "contributions": contributions,
        "collaborative_contributions": collaborative,
        "links": links,
        "outcomes": len(outcomes),
    }
    for cls, column in CLASS_COLUMNS.items():
        row[column] = trace.count(cls)
    row.update(
        {
            "relying_on_collaboration": relying,
            "relying_share": share(relying, len(outcomes)),
            "lost_without_collaboration": sum(o.depends_on_collaboration for o in outcomes),
            "costliest_partners": costliest,
            "costliest_partners_cost": cost,
            "planned_gain": planned,
            "measured_gain": measured,
            "advice_errors": sum(f.severity is Severity.ERROR for f in findings),
            "advice_warnings": sum(f.severity is Severity.WARNING for f in findings),
            "advice_notes": sum(f.severity is Severity.NOTE for f in findings),
        }
    )
    return row


def compare(models: Sequence[LogicModel | tuple[str, LogicModel]]) -> Comparison:
    """Return the comparison of models, each given alone or as (name, model).

    >>> import logicmodel
    >>> table = compare([("figure1", logicmodel.load("samples/figure1.yaml"))])
    >>> table.rows[0]["outcomes"], table.rows[0]["relying_share"]
    (14, 0.7857)
    """
    rows = []
    for item in models:
        name, model = item if isinstance(item, tuple) else ("", item)
        rows += compare_rows(model, name)
    return Comparison(rows)


def compare_rows(model: LogicModel, name: str = "", theme: str | None = None) -> list[Row]:
    """Return a model's row; for a parent, first a row per strand (as its own file, named
    `parent:strand`), then the parent's row over the whole merged model; with a `theme`, as
    `compare_model`."""
    from logicmodel.analysis.strand_rows import strand_models

    strands = [compare_model(alone, label, theme) for label, alone in strand_models(model, name)]
    for row in strands:
        row["strand_of"] = name or model.title
    return [*strands, compare_model(model, name, theme) | {"strand_of": None}]


# ---------------------------------------------------------------- reports


def gain_text(records: list[Row]) -> str:
    """Return gain records in words: `id: +280 young people (2007)`, joined with '; '.

    >>> gain_text([{"id": "a", "indicator": "x", "unit": "jobs", "gain": 12.0, "period": "2007"}])
    'a: +12 jobs (2007)'
    """
    parts = []
    for record in records:
        value = record["gain"]
        number = (
            f"{value:+.1f}".rstrip("0").rstrip(".") if abs(value) <= MAX_SHOWN else too_large(value)
        )
        unit = f" {record['unit']}" if record.get("unit") else ""
        period = f" ({record['period']})" if record.get("period") else ""
        parts.append(f"{record['id']}: {number}{unit}{period}")
    return "; ".join(parts)


# What a person reads: short headings; machines get every field.
PEOPLE_COLUMNS = {
    "model": "model",
    "partners": "partners",
    "elements": "elements",
    "collaborative_contributions": "joint",
    "outcomes": "outcomes",
    "single_agency": "single-agency",
    "collaborative_gain": "collaborative-gain",
    "collaboration_only": "collaboration-only",
    "unsupported": "unsupported",
    "relying_share": "relying",
    "costliest": "costliest leaver",
    "planned_gain": "planned gain",
    "measured_gain": "measured gain",
    "advice": "advice e/w/n",
}


def people_rows(rows: Sequence[Row]) -> list[Row]:
    """Return rows with the columns a person reads, as text."""
    shown = []
    for row in rows:
        costliest = ", ".join(row["costliest_partners"])
        if costliest:
            costliest += f" ({row['costliest_partners_cost']})"
        shown.append(
            {
                **{key: str(row.get(key, "")) for key in PEOPLE_COLUMNS},
                "model": row["model"] or row["title"],
                "relying_share": f"{row['relying_share']:.0%}",
                "costliest": costliest or "none",
                "planned_gain": gain_text(row["planned_gain"]) or "-",
                "measured_gain": gain_text(row["measured_gain"]) or "-",
                "advice": (
                    f"{row['advice_errors']}/{row['advice_warnings']}/{row['advice_notes']}"
                ),
            }
        )
    return shown


def csv_rows(rows: Sequence[Row]) -> list[Row]:
    """Return rows for CSV: gain records in words, every other field as it is."""
    return [
        {
            **row,
            "planned_gain": gain_text(row["planned_gain"]),
            "measured_gain": gain_text(row["measured_gain"]),
        }
        for row in rows
    ]


def render_comparison(comparison: Comparison, fmt: str, width: int | None = None) -> str:
    """Return the comparison as text (a table), csv, json or markdown."""
    fmt = verify_format(fmt)
    if fmt == "json":
        return json_text({"models": comparison.to_records()}) + "\n"
    if fmt == "csv":
        return format_csv(csv_rows(comparison.rows))
    return format_people(comparison.table(), fmt, width) + "\n"


# ---------------------------------------------------------------- by national outcome


@dataclass(frozen=True)
class NationalComparison(Tabular):
    """One row per national outcome the models serve, those relying most on partnership first."""

    rows: list[Row] = field(default_factory=list)

    def to_records(self) -> list[Row]:
        """Return every row as a plain dict (lists stay lists)."""
        return [dict(row) for row in self.rows]

    def summary(self) -> str:
        """Return one line: how many national outcomes, served by how many models."""
        models = len({name for row in self.rows for name in row["served_by_models"]})
        return (
            f"{len(self.rows)} national outcomes served by {models} "
            f"model{'' if models == 1 else 's'}; the first rely most on partnership working"
        )

    def table(self) -> Table:
        """Return the columns a person reads, under the summary."""
        rows = [
            {
                **row,
                "relying_share": f"{row['relying_share']:.0%}",
                "mean_collaborative_share": f"{row['mean_collaborative_share']:.0%}",
                "models": row["outcomes"],
            }
            for row in self.rows
        ]
        return Table(rows, NATIONAL_COLUMNS, self.summary())


NATIONAL_COLUMNS = {
    "number": "no.",
    "id": "national outcome",
    "models": "models",
    "single_agency": "single-agency",
    "collaborative_gain": "collaborative-gain",
    "collaboration_only": "collaboration-only",
    "unsupported": "unsupported",
    "relying_share": "relying",
    "lost_without_collaboration": "lost without",
    "mean_collaborative_share": "mean share",
}


def compare_national(roll_ups: Sequence[tuple[str, NationalRollUp]]) -> NationalComparison:
    """Return, for each national outcome any model serves, how many models serve it and how:
    their classes counted, the share relying on collaboration, the mean collaborative share.

    `outcomes` counts the models serving it (the chart reads the column by that name)."""
    rows: dict[tuple[str, str], Row] = {}
    shares: dict[tuple[str, str], list[float]] = {}
    for name, result in roll_ups:
        framework = result.framework.id if result.framework is not None else ""
        for ident, national in result.national.items():
            key = (framework, ident)
            row = rows.setdefault(key, _national_row(framework, national.number, ident))
            row["title"], row["text"] = f"{national.number or ''} {ident}".strip(), national.text
            row["outcomes"] += 1
            row[CLASS_COLUMNS[national.trace.trace_class]] += 1
            row["relying_on_collaboration"] += national.relies_on_collaboration
            row["lost_without_collaboration"] += national.trace.depends_on_collaboration
            row["served_by_models"].append(name or result.summary())
            shares.setdefault(key, []).append(float(national.trace.share))
    for key, row in rows.items():
        row["relying_share"] = share(row["relying_on_collaboration"], row["outcomes"])
        row["mean_collaborative_share"] = round(sum(shares[key]) / len(shares[key]), 4)
    ordered = sorted(
        rows.values(),
        key=lambda r: (-r["relying_share"], -r["outcomes"], r["framework"], r["number"], r["id"]),
    )
    return NationalComparison(ordered)


def _national_row(framework: str, number: int, ident: str) -> Row:
    """Return an empty row of the national comparison."""
    return {
        "framework": framework,
        "number": number,
        "id": ident,
        "title": ident,
        "model": "",
        "text": ident,
        "outcomes": 0,
        **{column: 0 for column in CLASS_COLUMNS.values()},
        "relying_on_collaboration": 0,
        "relying_share": 0.0,
        "lost_without_collaboration": 0,
        "mean_collaborative_share": 0.0,
        "served_by_models": [],
    }


def render_national_comparison(
    comparison: NationalComparison, fmt: str, width: int | None = None
) -> str:
    """Return the comparison by national outcome as text (a table), csv, json or markdown."""
    fmt = verify_format(fmt)
    if fmt == "json":
        return json_text({"national": comparison.to_records()}) + "\n"
    if fmt == "csv":
        return format_csv(
            [{**r, "served_by_models": "; ".join(r["served_by_models"])} for r in comparison.rows]
        )
    return format_people(comparison.table(), fmt, width) + "\n"
