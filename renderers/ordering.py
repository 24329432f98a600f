"""Crossing reduction for the Figure 1 layout: orders of lanes and boxes that cross fewer links.

Barycentre sweeps, alternately left to right and back, over ranks within each column; lanes of
partners' own work move as wholes, joint work stays on top. Each order found is a candidate:
the layout routes them and keeps the one whose drawn links cross least.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from logicmodel.models import CONTRIBUTION_STAGES, OUTCOME_STAGES, LogicModel, Stage

if TYPE_CHECKING:
    from logicmodel.renderers.layout import Box, Lane

STAGES = (*CONTRIBUTION_STAGES, *OUTCOME_STAGES)


@dataclass
class Order:
    """One ordering of the lanes, the boxes in their cells and the outcome columns."""

    lanes: list[Lane]
    cells: dict[int, dict[Stage, list[Box]]]
    outcomes: dict[Stage, list[Box]]

    @classmethod
    def of(cls, lanes: list[Lane], outcomes: dict[Stage, list[Box]]) -> Order:
        """Return a copy of the present order."""
        cells = {id(lane): {s: list(c) for s, c in lane.cells.items()} for lane in lanes}
        return cls(list(lanes), cells, {s: list(c) for s, c in outcomes.items()})


def reduce_crossings(
    model: LogicModel,
    lanes: list[Lane],
    outcomes: dict[Stage, list[Box]],
    boxes: dict[str, Box],
    sweeps: int,
) -> list[Order]:
    """Return the orders found by sweeps of the barycentre heuristic, left to right and back,
    fewest straight-line crossings first; lanes of partners' own work move as wholes.

    Positions are ranks within a column, so a sweep is cheap. Works on copies.
    """
    cells = {id(lane): lane.cells for lane in lanes}
    for lane in lanes:
        lane.cells = {s: list(c) for s, c in lane.cells.items()}
    sweeper = _Sweeper(model, list(lanes), {s: list(c) for s, c in outcomes.items()}, boxes)
    found: list[tuple[int, int, Order]] = []
    seen = {sweeper.count()}
    for sweep in range(sweeps):
        sweeper.sweep(forward=sweep % 2 == 0)
        count = sweeper.count()
        if count not in seen:
            seen.add(count)
            found.append((count, sweep, Order.of(sweeper.lanes, sweeper.outcomes)))
    for lane in lanes:
        lane.cells = cells[id(lane)]
    found.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in found]


class _Sweeper:
    """Barycentre sweeps over one copy of an order, each box's position its rank in its column."""

    def __init__(
        self,
        model: LogicModel,
        lanes: list[Lane],
        outcomes: dict[Stage, list[Box]],
        boxes: dict[str, Box],
    ) -> None:
        self.lanes = lanes
        self.outcomes = outcomes
        self.column = {
            box.id: STAGES.index(stage)
            for stage in STAGES
            for box in column_boxes(stage, lanes, outcomes)
        }
        self.neighbours: dict[str, list[str]] = {key: [] for key in boxes}
        self.links: list[tuple[str, str]] = []
        for _, element in model.elements():
            for target in [*element.leads_to, *getattr(element, "enhances", [])]:
                self.neighbours[element.id].append(target)
                self.neighbours[target].append(element.id)
                self.links.append((element.id, target))
        self.position = self.ranks()

    def ranks(self) -> dict[str, float]:
        """Return each box's rank in its column, as a share of the column's length."""
        found: dict[str, float] = {}
        for stage in STAGES:
            order = column_boxes(stage, self.lanes, self.outcomes)
            for index, box in enumerate(order):
                found[box.id] = (index + 0.5) / len(order)
        return found

    def count(self) -> int:
        """Return how many links of the present order would cross drawn straight."""
        return straight_crossings(self.links, self.position, self.column)

    def sweep(self, forward: bool) -> None:
        """Reorder the partners' lanes, then each column by its neighbours on the side swept
        from."""
        self._sort_lanes()
        self.position.update(self.ranks())
        order = range(len(STAGES)) if forward else range(len(STAGES) - 1, -1, -1)
        for at in order:
            stage = STAGES[at]

            def wanted(box: Box, at: int = at) -> float:
                return self._barycentre(box.id, at, forward)

            if stage in CONTRIBUTION_STAGES:
                for lane in self.lanes:
                    lane.cells[stage].sort(key=wanted)
            else:
                self.outcomes[stage].sort(key=wanted)
            self.position.update(self.ranks())

    def _sort_lanes(self) -> None:
        """Order the lanes of partners' own work by the mean position of what they link to."""
        lanes = self.lanes
        own = lanes[1:] if lanes and lanes[0].joint else lanes
        lane_key = {
            id(lane): _mean(
                [
                    self.position[n]
                    for cell in lane.cells.values()
                    for b in cell
                    for n in self.neighbours[b.id]
                ]
            )
            for lane in own
        }
        own = sorted(own, key=lambda lane: lane_key[id(lane)])
        lanes[len(lanes) - len(own) :] = own

    def _barycentre(self, key: str, at: int, forward: bool) -> float:
        """Return the mean position of a box's neighbours on the side swept from, or its own."""
        near = [
            self.position[n]
            for n in self.neighbours[key]
            if (self.column[n] < at) == forward and self.column[n] != at
        ]
        return sum(near) / len(near) if near else self.position[key]


def column_boxes(stage: Stage, lanes: list[Lane], outcomes: dict[Stage, list[Box]]) -> list[Box]:
    """Return a column's boxes top to bottom."""
    if stage in outcomes:
        return outcomes[stage]
    return [box for lane in lanes for box in lane.cells[stage]]


def _mean(values: list[float]) -> float:
    """Return the mean of values, or 0 for none."""
    return sum(values) / len(values) if values else 0.0


def straight_crossings(
    links: list[tuple[str, str]], position: dict[str, float], column: dict[str, int]
) -> int:
    """Return how many pairs of links would cross if drawn straight between columns.

    Each link is cut at every gap between columns it spans; two links cross in a gap where
    their order on its two sides differs.
    """
    import numpy as np

    total = 0
    for gap in range(max(column.values(), default=0)):
        left, right = [], []
        for source, target in links:
            a, b = column[source], column[target]
            if a <= gap < b:
                ya, yb = position[source], position[target]
                left.append(ya + (yb - ya) * (gap - a) / (b - a))
                right.append(ya + (yb - ya) * (gap + 1 - a) / (b - a))
        if len(left) < 2:
            continue
        lv, rv = np.array(left), np.array(right)
        product = (lv[:, None] - lv[None, :]) * (rv[:, None] - rv[None, :])
        total += int((product < -1e-12).sum()) // 2
    return total


__all__ = ["STAGES", "Order", "column_boxes", "reduce_crossings", "straight_crossings"]
