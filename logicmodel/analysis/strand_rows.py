"""A parent model's strands, each as its own file has it: what `compare` gives a row each."""

from __future__ import annotations

import os
from dataclasses import replace

from logicmodel.analysis.tracing import OutcomeTrace, Trace
from logicmodel.fileformat.loading import LoadError, load
from logicmodel.fileformat.strands import strand_alone, strand_file, strand_of
from logicmodel.models import LogicModel


def strand_models(model: LogicModel, name: str = "") -> list[tuple[str, LogicModel]]:
    """Return each strand of a parent as (`parent:strand`, its model), in the parent's order.

    A strand is read from its own file when the parent's file is known, so that its row is
    the row `compare` gives that file; otherwise it is taken out of the merged model.
    """
    found = []
    for strand in model.strands:
        label = f"{name}:{strand.id}" if name else strand.id
        alone = strand_alone(model, strand.id)
        if name and os.path.isfile(strand_file(name, strand)):
            try:
                alone = load(strand_file(name, strand))
            except LoadError:
                pass  # the parent loaded it a moment ago; keep what the parent holds
        found.append((label, alone))
    return found


def summary_by_strand(trace: Trace) -> str:
    """Return a trace's summary: overall, then a line for the parent's own outcomes and one for
    each strand's (outcome ids `strand:element`), when the model has strands."""
    groups: dict[str | None, dict[str, OutcomeTrace]] = {}
    for ident, outcome in trace.outcomes.items():
        groups.setdefault(strand_of(ident), {})[ident] = outcome
    if set(groups) <= {None}:
        return trace.summary()
    lines = [f"overall: {trace.summary()}"]
    for strand, outcomes in groups.items():
        part = replace(trace, outcomes=outcomes)
        lines.append(f"{'parent' if strand is None else 'strand ' + strand}: {part.summary()}")
    return "\n".join(lines)


__all__ = ["strand_models", "summary_by_strand"]
