"""Roll a model's outcomes up to the national outcomes they serve (`contributes_to`).

A national outcome is served through the model's outcomes that name it. Its class, share and
critical elements are those of a virtual node fed by each of them: green when single agencies
support one of them, red when collaboration does; the collaborative share counts the supporting
paths of all of them together; a critical element is one every one of those paths passes.
A partner "costs" a national outcome when, with that partner gone, the national outcome loses
its collaborative gain, its single-agency support or all support.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.results import (
    Row,
    Table,
    Tabular,
    format_csv,
    format_people,
    json_text,
    verify_format,
)
from logicmodel.analysis.tracing import (
    Change,
    JointWork,
    OutcomeTrace,
    Share,
    Trace,
    classify,
    trace_graph,
    whatif_graph,
)
from logicmodel.models import OUTCOME_STAGES, LogicModel, Outcome, TraceClass
from logicmodel.models.framework import Framework

GREEN = (TraceClass.SINGLE_AGENCY, TraceClass.COLLABORATIVE_GAIN)
RED = (TraceClass.COLLABORATIVE_GAIN, TraceClass.COLLABORATION_ONLY)
NATIONAL_STAGE = "national"


@dataclass(frozen=True)
class NationalTrace:
    """What the roll-up found for one national outcome the model serves."""

    id: str
    number: int  # its place in the framework, 0 when the model names no framework
    text: str
    served_by: tuple[str, ...]  # the model's outcomes that name it, in file order
    trace: OutcomeTrace  # the virtual node's trace: class, share, critical elements, partners
    costly_partners: dict[str, str] = field(default_factory=dict)  # partner -> what it loses

    @property
    def relies_on_collaboration(self) -> bool:
        """Return True when collaboration supports it, alone or with single agencies."""
        return self.trace.relies_on_collaboration


ROLL_UP_COLUMNS = {
    "number": "no.",
    "id": "national outcome",
    "trace_class": "class",
    "collaborative_share": "share",
    "served_by": "served by",
    "critical": "critical joint elements",
    "costly_partners": "partners whose leaving costs it",
}


@dataclass(frozen=True)
class NationalRollUp(Tabular):
    """The national outcomes a model serves, each with its trace; those in scope left unserved."""

    framework: Framework | None
    national: dict[str, NationalTrace]
    unserved: tuple[str, ...] = ()  # in `partnership.national_outcomes`, served by nothing

    def summary(self) -> str:
        """Return one line: the national outcomes served, how many rely on collaboration."""
        if not self.national:
            return "no outcome names a national outcome it serves (`contributes_to`)"
        relying = sum(n.relies_on_collaboration for n in self.national.values())
        served = len(self.national)
        line = (
            f"{served} national outcome{'' if served == 1 else 's'} served; "
            f"{relying} {'relies' if relying == 1 else 'rely'} on collaboration"
        )
        if self.unserved:
            line += f"; in scope but served by nothing: {', '.join(self.unserved)}"
        return line

    def to_records(self) -> list[Row]:
        """Return one plain dict per national outcome served, in the framework's order."""
        return [national_record(n) for n in self.national.values()]

    def table(self) -> Table:
        """Return every national outcome's record under the summary, for people."""
        rows = [
            {
                **record,
                "costly_partners": [
                    f"{p} ({loss})" for p, loss in record["costly_partners"].items()
                ],
            }
            for record in self.to_records()
        ]
        columns = dict(ROLL_UP_COLUMNS)
        if self.framework is None:
            del columns["number"]
        return Table(rows, columns, self.summary())


def national_record(national: NationalTrace) -> Row:
    """Return one national outcome's roll-up as plain values."""
    trace = national.trace
    return {
        "number": national.number,
        "id": national.id,
        "text": national.text,
        "trace_class": trace.trace_class.value,
        "relies_on_collaboration": trace.relies_on_collaboration,
        "depends_on_collaboration": trace.depends_on_collaboration,
        "collaborative_share": round(float(trace.share), 4),
        "served_by": list(national.served_by),
        "critical": list(trace.critical),
        "single_agency_partners": list(trace.single_agency_partners),
        "joint_partners": list(trace.joint_partners),
        "costly_partners": dict(national.costly_partners),
    }


def serving(model: LogicModel, framework: Framework | None = None) -> dict[str, list[str]]:
    """Return each national outcome the model serves -> its outcomes that name it.

    In the framework's order when there is one, else in the order the file first names them.
    """
    found: dict[str, list[str]] = {}
    for stage in OUTCOME_STAGES:
        for element in model.stage_elements(stage):
            assert isinstance(element, Outcome)
            for ident in element.contributes_to:
                found.setdefault(ident, [])
                if element.id not in found[ident]:
                    found[ident].append(element.id)
    if framework is None:
        return found
    order = {ident: place for place, ident in enumerate(framework.outcome_ids())}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))


def combine(ident: str, label: str, outcomes: Sequence[OutcomeTrace]) -> OutcomeTrace:
    """Return the trace of a virtual node fed by each of `outcomes` (a national outcome)."""
    classes = [o.trace_class for o in outcomes]
    trace_class = classify(any(c in GREEN for c in classes), any(c in RED for c in classes))
    supported = [o for o in outcomes if o.trace_class is not TraceClass.UNSUPPORTED]
    critical: list[str] = list(supported[0].critical) if supported else []
    for other in supported[1:]:
        critical = [element for element in critical if element in other.critical]
    share, paths, log10 = _pooled_share(supported)
    return OutcomeTrace(
        id=ident,
        stage=NATIONAL_STAGE,
        label=label,
        trace_class=trace_class,
        # Lost without collaboration when every outcome that had support would lose it.
        depends_on_collaboration=bool(supported)
        and all(o.depends_on_collaboration for o in supported),
        critical=tuple(critical),
        share=share,
        paths=paths,
        single_agency_partners=_union(o.single_agency_partners for o in outcomes),
        joint_partners=_union(o.joint_partners for o in outcomes),
        paths_log10=log10,
    )


def _pooled_share(outcomes: Sequence[OutcomeTrace]) -> tuple[Share, int | None, float]:
    """Return the share of all the outcomes' supporting paths together, their count and log10.

    Each path to the virtual node ends at one of the outcomes, so its paths are theirs, summed.
    """
    if not outcomes:
        return Fraction(0), 0, -math.inf
    if all(o.paths is not None for o in outcomes):
        total = sum(o.paths or 0 for o in outcomes)
        red = sum(Fraction(o.share) * (o.paths or 0) for o in outcomes)
        return (
            (red / total if total else Fraction(0)),
            total,
            math.log10(total) if total else -math.inf,
        )
    # Counts too large to be exact: weigh each share by its count relative to the largest.
    top = max(o.paths_log10 for o in outcomes)
    weights = [10 ** (o.paths_log10 - top) for o in outcomes]
    share = sum(float(o.share) * w for o, w in zip(outcomes, weights, strict=True)) / sum(weights)
    return share, None, top + math.log10(sum(weights))


def _union(groups: Any) -> tuple[str, ...]:
    """Return the items of several tuples once each, in the order first met."""
    return tuple(dict.fromkeys(item for group in groups for item in group))


def roll_up(
    model: LogicModel,
    framework: Framework | None = None,
    trace: Trace | None = None,
    joint_work: JointWork = "continues",
) -> NationalRollUp:
    """Return, for each national outcome the model serves, its class, share, critical joint
    elements and the partners whose leaving would cost it."""
    graph = build_graph(model)
    before = trace or trace_graph(graph)
    served = serving(model, framework)
    afters = {
        partner: whatif_graph(graph, partner, before=before, joint_work=joint_work)
        for partner in (model.partner_ids() if served else [])
    }
    national: dict[str, NationalTrace] = {}
    for ident, outcomes in served.items():
        known = framework.outcome(ident) if framework else None
        text = known.text if known else ident
        trace_now = combine(ident, text, [before.outcomes[o] for o in outcomes])
        costly: dict[str, str] = {}
        for partner, result in afters.items():
            after = {change.id: change.after for change in result.changes}
            loss = Change(
                ident, text, trace_now, combine(ident, text, [after[o] for o in outcomes])
            )
            if loss.loss:
                costly[partner] = loss.loss
        number = framework.number(ident) if framework else 0
        national[ident] = NationalTrace(ident, number, text, tuple(outcomes), trace_now, costly)
    unserved = tuple(i for i in model.partnership.national_outcomes if i not in national)
    return NationalRollUp(framework, national, unserved)


def render_roll_ups(
    results: Sequence[tuple[str, NationalRollUp]], fmt: str, width: int | None = None
) -> str:
    """Return the roll-ups of one or more models as one report, each row naming its model."""
    fmt = verify_format(fmt)
    several = len(results) > 1
    records = [
        {"model": name, **record} if several else record
        for name, result in results
        for record in result.to_records()
    ]
    summaries = [(name, result.summary()) for name, result in results]
    if fmt == "csv":
        flat = [{**r, "costly_partners": _costs_text(r["costly_partners"])} for r in records]
        return format_csv(flat)
    if fmt == "json":
        models = [{"model": name, "summary": summary} for name, summary in summaries]
        frameworks = {r.framework.id for _, r in results if r.framework is not None}
        document = {"frameworks": sorted(frameworks), "models": models, "national": records}
        return json_text(document) + "\n"
    rows = [
        {"model": name, **row} if several else row
        for name, result in results
        for row in result.table().rows
    ]
    columns = dict(ROLL_UP_COLUMNS)
    if all(result.framework is None for _, result in results):
        del columns["number"]
    if several:
        columns = {"model": "model", **columns}
    title = "\n".join(f"{name}: {summary}" if several else summary for name, summary in summaries)
    return format_people(Table(rows, columns, title), fmt, width) + "\n"


def _costs_text(costs: dict[str, str]) -> str:
    """Return partners and what their leaving costs as one cell: 'police (all support); ...'."""
    return "; ".join(f"{partner} ({loss})" for partner, loss in costs.items())


__all__ = [
    "GREEN",
    "NATIONAL_STAGE",
    "NationalRollUp",
    "NationalTrace",
    "RED",
    "ROLL_UP_COLUMNS",
    "combine",
    "national_record",
    "render_roll_ups",
    "roll_up",
    "serving",
]
