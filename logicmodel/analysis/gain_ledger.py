"""The costs and benefits of partnership working: the "pain" the gain must outweigh, per unit.

Amounts may be ranges (low, high) for an estimate; units are never added together. The gain
report (`gain_maths`) carries the ledger, and `gain_format` writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from logicmodel.models import LogicModel

__all__ = [
    "NO_UNIT",
    "Amount",
    "LedgerEntry",
    "LedgerLine",
    "add_amounts",
    "ledger",
    "ledger_row",
    "net_of",
]

# Costs and benefits written without a unit are grouped, never added to those with one.
NO_UNIT = "(no unit)"
# An amount of money or time: a number, or a range (low, high) for an estimate.
Amount = float | tuple[float, float]


@dataclass(frozen=True)
class LedgerEntry:
    """One cost or benefit, as the ledger lists it."""

    kind: str  # "cost" or "benefit"
    item: str
    amount: Amount | None
    by: list[str]
    outcome: str | None
    evidence: str | None
    source: str | None


@dataclass(frozen=True)
class LedgerLine:
    """The costs and benefits in one unit, and the net: benefits less costs."""

    unit: str
    costs: Amount | None  # None when no cost in this unit has an amount
    benefits: Amount | None
    net: Amount | None  # None unless both costs and benefits are known in this unit
    entries: list[LedgerEntry]

    @property
    def unstated(self) -> int:
        """Return how many costs and benefits in this unit have no amount."""
        return sum(1 for entry in self.entries if entry.amount is None)


def _amount(value: float | list[float] | None) -> Amount | None:
    """Return an amount as the file writes it, a range as a (low, high) pair."""
    if isinstance(value, list):
        return value[0], value[1]
    return value


def add_amounts(amounts: Iterable[Amount | None]) -> Amount | None:
    """Return the total of amounts, a (low, high) range if any is one; None if none is known.

    >>> add_amounts([1, (2, 3), None])
    (3, 4)
    """
    known = [a for a in amounts if a is not None]
    if not known:
        return None
    if all(not isinstance(a, tuple) for a in known):
        return sum(a for a in known if not isinstance(a, tuple))
    lows = sum(a[0] if isinstance(a, tuple) else a for a in known)
    highs = sum(a[1] if isinstance(a, tuple) else a for a in known)
    return lows, highs


def net_of(benefits: Amount | None, costs: Amount | None) -> Amount | None:
    """Return benefits less costs, widest range first: low benefits less high costs.

    >>> net_of((4.5, 5), 1)
    (3.5, 4)
    """
    if benefits is None or costs is None:
        return None
    if not isinstance(benefits, tuple) and not isinstance(costs, tuple):
        return benefits - costs
    b_low, b_high = benefits if isinstance(benefits, tuple) else (benefits, benefits)
    c_low, c_high = costs if isinstance(costs, tuple) else (costs, costs)
    return b_low - c_high, b_high - c_low


def ledger(model: LogicModel) -> list[LedgerLine]:
    """Return the costs and benefits per unit, in the order units first appear; never mixed."""
    by_unit: dict[str, list[LedgerEntry]] = {}
    partnership = model.partnership
    for kind, written in (("cost", partnership.costs), ("benefit", partnership.benefits)):
        for entry in written:
            bearers = [entry.by] if isinstance(entry.by, str) else list(entry.by or [])
            by_unit.setdefault(entry.unit or NO_UNIT, []).append(
                LedgerEntry(
                    kind=kind,
                    item=entry.item,
                    amount=_amount(entry.amount),
                    by=bearers,
                    outcome=getattr(entry, "outcome", None),
                    evidence=getattr(getattr(entry, "evidence", None), "value", None),
                    source=entry.source,
                )
            )
    lines = []
    for unit, entries in by_unit.items():
        costs = add_amounts(e.amount for e in entries if e.kind == "cost")
        benefits = add_amounts(e.amount for e in entries if e.kind == "benefit")
        lines.append(LedgerLine(unit, costs, benefits, net_of(benefits, costs), entries))
    return lines


def _json_amount(amount: Amount | None) -> float | list[float] | None:
    """Return an amount as JSON writes it, a range as [low, high]."""
    return list(amount) if isinstance(amount, tuple) else amount


def ledger_row(line: LedgerLine) -> dict[str, Any]:
    """Return one unit of the ledger as plain values, ranges as [low, high], for JSON."""
    return {
        "unit": line.unit,
        "costs": _json_amount(line.costs),
        "benefits": _json_amount(line.benefits),
        "net": _json_amount(line.net),
        "entries": [
            {
                "kind": e.kind,
                "item": e.item,
                "amount": _json_amount(e.amount),
                "by": e.by,
                "outcome": e.outcome,
                "evidence": e.evidence,
                "source": e.source,
            }
            for e in line.entries
        ],
    }
