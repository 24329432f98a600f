"""The trace on evidence: how much of the claimed collaborative gain survives when only links
that evidence supports, at a level or above, count."""

from __future__ import annotations

from dataclasses import dataclass

from logicmodel.analysis.tracing import Trace, trace
from logicmodel.models import LogicModel, TraceClass
from logicmodel.models.links import Evidence


@dataclass(frozen=True)
class EvidencedTrace(Trace):
    """The trace counting only evidenced links, with the claimed trace (every link) beside it."""

    level: Evidence = Evidence.PLANNED
    claimed: Trace | None = None

    def gains_kept(self) -> tuple[int, int]:
        """Return (outcomes with a collaborative gain on evidence, outcomes claiming one)."""
        claimed = self.claimed or self
        claiming = [o for o in claimed.outcomes.values() if o.relies_on_collaboration]
        kept = sum(self.outcomes[o.id].relies_on_collaboration for o in claiming)
        return kept, len(claiming)

    def mean_shares(self) -> tuple[float, float]:
        """Return the outcomes' mean collaborative share on evidence and as claimed."""
        claimed = self.claimed or self
        count = len(self.outcomes) or 1
        return (
            sum(float(o.share) for o in self.outcomes.values()) / count,
            sum(float(o.share) for o in claimed.outcomes.values()) / count,
        )

    def summary(self) -> str:
        """Return one line: what survives on evidence, class by class, against the claim."""
        claimed = self.claimed or self
        kept, claiming = self.gains_kept()
        on_evidence, as_claimed = self.mean_shares()
        classes = ", ".join(
            f"{c.value} {claimed.count(c)} -> {self.count(c)}"
            for c in TraceClass
            if claimed.count(c) or self.count(c)
        )
        return (
            f"on links evidenced as {self.level.value} or better: {kept} of {claiming} outcomes "
            f"claiming collaboration keep it; {classes}; mean collaborative share "
            f"{as_claimed:.0%} -> {on_evidence:.0%}"
        )


def trace_on_evidence(model: LogicModel, level: Evidence | str) -> EvidencedTrace:
    """Return the trace counting only links evidenced at `level` or above, beside the claim."""
    level = Evidence(level)
    found = trace(model, evidenced=level)
    return EvidencedTrace(
        found.outcomes,
        found.partners,
        found.shares,
        found.lost_without_collaboration,
        level=level,
        claimed=trace(model),
    )


__all__ = ["EvidencedTrace", "trace_on_evidence"]
