"""Where Figure 1 draws each box, and in which colours: the positions GEXF and yEd GraphML carry."""

from __future__ import annotations

from typing import NamedTuple

from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import BoxKind, box_kinds
from logicmodel.renderers.layout import layout
from logicmodel.renderers.themes import get_theme

__all__ = ["DrawnBox", "drawn_boxes"]


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
