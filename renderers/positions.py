"""Where Figure 1 draws each box, and in which colours: the positions GEXF and yEd GraphML carry."""

from __future__ import annotations

from typing import NamedTuple

from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import BoxKind, box_kinds
from logicmodel.renderers.layout import Layout, layout
from logicmodel.renderers.themes import get_theme

__all__ = ["DrawnBox", "Movement", "drawn_boxes", "movement"]


class DrawnBox(NamedTuple):
    """Where Figure 1 draws an element's box, in points from the top left, and its colours."""

    x: float
    y: float
    width: float
    height: float
    fill: str  # "#RRGGBB"
    edge: str


def _mix(first: str, second: str) -> str:
    """Return the colour halfway between two "#RRGGBB" colours."""
    a, b = (int(first[1:7], 16), int(second[1:7], 16))
    parts = [((a >> s & 255) + (b >> s & 255)) // 2 for s in (16, 8, 0)]
    return "#{:02X}{:02X}{:02X}".format(*parts)


def drawn_boxes(model: LogicModel, trace: Trace, theme: str = "classic") -> dict[str, DrawnBox]:
    """Return, per element id, its box in the Figure 1 layout and the theme's colours for it.

    A split outcome is drawn half green, half red: one colour for a whole node is the two
    mixed, so that graph tools still tell it apart from either.
    """
    colours = get_theme(theme)
    fills = {
        BoxKind.GREEN: (colours.green_fill, colours.green_edge),
        BoxKind.RED: (colours.red_fill, colours.red_edge),
        BoxKind.SPLIT: (
            _mix(colours.green_fill, colours.red_fill),
            _mix(colours.green_edge, colours.red_edge),
        ),
        BoxKind.UNSUPPORTED: (colours.warning_fill, colours.warning_edge),
    }
    placed = layout(model, trace, colours)
    kinds = box_kinds(model, trace)
    inch = 72.0
    return {
        ident: DrawnBox(
            round((box.x + placed.offset_x) * inch, 2),
            round((box.y + placed.offset_y) * inch, 2),
            round(box.width * inch, 2),
            round(box.height * inch, 2),
            *fills[kinds[ident]],
        )
        for ident, box in placed.boxes.items()
        if ident in kinds
    }


class Movement(NamedTuple):
    """How far a drawing moved between two versions of a model, counting only what both show."""

    boxes_moved: int  # boxes that changed column or lane, or place among their column's boxes
    lanes_reordered: int  # lanes that changed place among the lanes
    moved: tuple[str, ...]  # the moved boxes' ids, sorted


def movement(before: Layout, after: Layout) -> Movement:
    """Return how far a drawing moved: the fewest boxes and lanes that must be picked up and
    put back elsewhere to turn one version's order into the other's.

    Boxes or lanes only one version has (an element added or removed) do not count; the others
    shifting down to make room for a new box is not a move, changing order is.
    """
    lanes = _moved([lane.title for lane in before.lanes], [lane.title for lane in after.lanes])
    places = [_places(before), _places(after)]
    moved: set[str] = set()
    for column in sorted(set(places[0]) | set(places[1])):
        old, new = places[0].get(column, []), places[1].get(column, [])
        moved |= set(_moved(old, new))
    # A box in another column or lane than before has moved, whatever its rank.
    where = [_where(places[0]), _where(places[1])]
    moved |= {key for key in where[0] if key in where[1] and where[0][key] != where[1][key]}
    return Movement(len(moved), len(lanes), tuple(sorted(moved)))


def _places(placed: Layout) -> dict[tuple[float, str], list[str]]:
    """Return each column's box ids top to bottom, a contributions column cut by lane."""
    found: dict[tuple[float, str], list[str]] = {}
    in_lane = {
        box.id: lane.title for lane in placed.lanes for cell in lane.cells.values() for box in cell
    }
    for box in sorted(placed.boxes.values(), key=lambda box: (box.x, box.y)):
        found.setdefault((round(box.x, 3), in_lane.get(box.id, "")), []).append(box.id)
    return found


def _where(places: dict[tuple[float, str], list[str]]) -> dict[str, tuple[float, str]]:
    """Return the column and lane of each box."""
    return {key: column for column, keys in places.items() for key in keys}


def _moved(old: list[str], new: list[str]) -> list[str]:
    """Return the fewest of the items both lists hold that must move to turn one order into
    the other: those outside a longest common subsequence."""
    shared = set(old) & set(new)
    a, b = [k for k in old if k in shared], [k for k in new if k in shared]
    # Longest common subsequence by dynamic programming: columns hold tens of boxes, not
    # thousands, and every id appears once in each.
    lengths = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            lengths[i][j] = (
                lengths[i + 1][j + 1] + 1
                if a[i] == b[j]
                else max(lengths[i + 1][j], lengths[i][j + 1])
            )
    kept: set[str] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return sorted(shared - kept)
