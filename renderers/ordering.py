"""Crossing reduction for the Figure 1 layout, anchored to the file's order so the picture holds
still.

Lanes keep the file's order (joint work on top, then partners as listed) and never move. Boxes
start in the order they are written; rounds of exchanges then swap two neighbouring boxes of
one cell (one lane's part of a column, or an outcome column) only when that strictly reduces
the crossings of their own links, so ties keep the file's order. An edit changes the counts of
the few boxes it touches, so it moves only those boxes and their neighbours: a room following
the picture keeps its place. A cell a person has put in order (`layout.keep_order`, written by
the editor's drag) is never refined: its boxes keep the file's order, the others move around them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from logicmodel.models import CONTRIBUTION_STAGES, OUTCOME_STAGES, LogicModel, Stage
from logicmodel.models.cells import kept_elements

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

    def groups(self) -> list[tuple[int, list[Box]]]:
        """Return every cell whose boxes may change places, with its column's number, left to
        right and top to bottom."""
        found: list[tuple[int, list[Box]]] = []
        for at, stage in enumerate(STAGES):
            if stage in self.outcomes:
                found.append((at, self.outcomes[stage]))
            else:
                found += [(at, self.cells[id(lane)][stage]) for lane in self.lanes]
        return found


def reduce_crossings(
    model: LogicModel,
    lanes: list[Lane],
    outcomes: dict[Stage, list[Box]],
    rounds: int,
    heights: Callable[[Order], dict[str, float]] | None = None,
) -> list[Order]:
    """Return the file's order and the order after each round of refinement (up to `rounds`,
    until one moves nothing): each round moves a box within its cell only to where its links
    cross strictly less, ties keeping the present order; lanes and kept cells never move.

    `heights`, if given, says where each box's middle would be drawn in an order: links are
    then compared by those heights, remeasured each round, instead of by rank in a column.
    Works on a copy: the lanes and columns passed in keep their order.
    """
    order = Order.of(lanes, outcomes)
    found = [Order.of(lanes, outcomes)]
    exchanger = _Exchanger(model, order)
    for _ in range(rounds):
        if heights is not None:
            exchanger.position = heights(order)
        if not exchanger.round():
            break
        found.append(_copy(order))
    return found


def _copy(order: Order) -> Order:
    """Return a copy of an order whose cells are its own lists."""
    return Order(
        list(order.lanes),
        {key: {s: list(c) for s, c in cells.items()} for key, cells in order.cells.items()},
        {s: list(c) for s, c in order.outcomes.items()},
    )


class _Exchanger:
    """Exchanges of neighbouring boxes over one order, each box's position its rank in its
    column as a share of the column's length."""

    def __init__(self, model: LogicModel, order: Order) -> None:
        self.order = order
        kept = kept_elements(model)
        # A kept cell's boxes hold still; they still count in the others' crossings.
        self.groups = [
            (at, cell) for at, cell in order.groups() if not any(box.id in kept for box in cell)
        ]
        self.column: dict[str, int] = {}
        self.position: dict[str, float] = {}
        for at, stage in enumerate(STAGES):
            column = column_boxes(stage, order.lanes, order.outcomes)
            for index, box in enumerate(column):
                self.column[box.id] = at
                self.position[box.id] = (index + 0.5) / len(column)
        # Each box's neighbours in other columns, on its left and on its right.
        self.left: dict[str, list[str]] = {key: [] for key in self.column}
        self.right: dict[str, list[str]] = {key: [] for key in self.column}
        for _, element in model.elements():
            for target in [*element.leads_to, *getattr(element, "enhances", [])]:
                a, b = self.column[element.id], self.column[target]
                if a < b:
                    self.right[element.id].append(target)
                    self.left[target].append(element.id)
                elif b < a:  # an enhances link may point back to an earlier column
                    self.left[element.id].append(target)
                    self.right[target].append(element.id)

    def round(self) -> bool:
        """Pass once over every cell, moving each box to the place in its cell where its links
        cross least, if that is strictly fewer than where it is; return whether any moved."""
        moved = False
        for _, cell in self.groups:
            if len(cell) < 2:
                continue
            # The links of a cell's boxes lead to other columns, which hold still while the
            # cell is sifted: their positions are read once, for every box of the cell.
            costs = _CellCosts(cell, self.position, (self.left, self.right))
            for box in list(cell):
                moved |= self._sift(cell, box, costs)
        return moved

    def _sift(self, cell: list[Box], box: Box, costs: _CellCosts) -> bool:
        """Move one box to the place in its cell where its links cross least, the nearest such
        place if several tie; return whether it moved."""
        import numpy as np

        start = costs.place_of(box.id)
        # With the box at place k, the others above it cost cost(other, box), those below
        # cost(box, other): the crossings at each place are a prefix and a suffix sum.
        above, below = costs.against(box.id)
        counts = np.concatenate(([0], np.cumsum(above))) + np.concatenate(
            (np.cumsum(below[::-1])[::-1], [0])
        )
        tied = np.flatnonzero(counts == counts.min())
        best = int(tied[np.argmin(np.abs(tied - start))])  # the nearest; the upper of two
        if counts[best] >= counts[start]:
            return False
        low, high = min(start, best), max(start, best)
        slots = sorted(self.position[each.id] for each in cell[low : high + 1])
        cell.insert(best, cell.pop(start))
        costs.move(start, best)
        for slot, each in zip(slots, cell[low : high + 1], strict=True):
            self.position[each.id] = slot
        return True

    def cost(self, upper: str, lower: str) -> int:
        """Return how many of two boxes' links cross when `upper` sits just above `lower`."""
        total = 0
        for side in (self.left, self.right):
            mine = [self.position[n] for n in side[upper]]
            theirs = [self.position[n] for n in side[lower]]
            total += sum(1 for a in mine for b in theirs if a > b)
        return total


class _CellCosts:
    """The crossings between one box of a cell and each other box, counted at once with numpy
    over the positions of their links' far ends (which hold still while the cell is sifted):
    two links cross where one box's far end is lower than the other's while the boxes sit the
    other way round."""

    def __init__(
        self, cell: list[Box], position: dict[str, float], sides: tuple[dict[str, list[str]], ...]
    ) -> None:
        import numpy as np

        self.slot = {box.id: number for number, box in enumerate(cell)}
        self.order = np.arange(len(cell))  # the slot of the box at each place
        self.sides = []
        for side in sides:
            ends = [sorted(position[n] for n in side[box.id]) for box in cell]
            flat = np.array([y for far in ends for y in far], dtype=float)
            owner = np.repeat(np.arange(len(cell)), [len(far) for far in ends])
            self.sides.append(([np.array(far, dtype=float) for far in ends], flat, owner))

    def place_of(self, ident: str) -> int:
        """Return where a box is in its cell now."""
        import numpy as np

        return int(np.flatnonzero(self.order == self.slot[ident])[0])

    def against(self, ident: str) -> tuple[Any, Any]:
        """Return, for the other boxes in their present order, the crossings with each above
        this box and with each below it."""
        import numpy as np

        mine = self.slot[ident]
        count = len(self.order)
        above = np.zeros(count, dtype=np.int64)
        below = np.zeros(count, dtype=np.int64)
        for ends, flat, owner in self.sides:
            own = ends[mine]
            if not own.size or not flat.size:
                continue
            # Another's far end a over this box's far end c crosses when a > c (it sits above);
            # this box's far end over another's c crosses when it is greater.
            lower = np.searchsorted(own, flat, side="left")
            higher = own.size - np.searchsorted(own, flat, side="right")
            above += np.bincount(owner, weights=lower, minlength=count).astype(np.int64)
            below += np.bincount(owner, weights=higher, minlength=count).astype(np.int64)
        others = self.order[self.order != mine]
        return above[others], below[others]

    def move(self, start: int, best: int) -> None:
        """Note that the box at place `start` moved to place `best`."""
        import numpy as np

        moved = self.order[start]
        self.order = np.insert(np.delete(self.order, start), best, moved)


def column_boxes(stage: Stage, lanes: list[Lane], outcomes: dict[Stage, list[Box]]) -> list[Box]:
    """Return a column's boxes top to bottom."""
    if stage in outcomes:
        return outcomes[stage]
    return [box for lane in lanes for box in lane.cells[stage]]


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
            a, b = sorted((column[source], column[target]))
            if a <= gap < b:
                ya, yb = (position[source], position[target])
                if column[source] > column[target]:
                    ya, yb = yb, ya
                left.append(ya + (yb - ya) * (gap - a) / (b - a))
                right.append(ya + (yb - ya) * (gap + 1 - a) / (b - a))
        if len(left) < 2:
            continue
        lv, rv = np.array(left), np.array(right)
        product = (lv[:, None] - lv[None, :]) * (rv[:, None] - rv[None, :])
        total += int((product < -1e-12).sum()) // 2
    return total


__all__ = ["STAGES", "Order", "column_boxes", "reduce_crossings", "straight_crossings"]
