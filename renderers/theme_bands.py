"""Themes in Figure 1 and the page: each theme's boxes kept together within their cell, on a
band headed with the theme's name.

Real outcome maps group boxes under headings (population, growth, productivity). The layout
keeps the order crossing reduction chose, but moves the boxes of one theme together within
each cell (a lane's column, or an outcome column), each theme where its first box was; the
stacking leaves room above a theme's first box for its heading; the views draw one band
behind each run of a theme's boxes, from the same placed layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from logicmodel.renderers.text import Block, wrap

if TYPE_CHECKING:
    from logicmodel.renderers.drawing import Painter
    from logicmodel.renderers.layout import Box, Layout

BAND_PAD = 0.06  # inches between a band's edge and the boxes in it
HEADING_SCALE = 1.0  # a heading's type size, of the theme's: as large as a label, to read as one


@dataclass(frozen=True)
class Band:
    """A theme's band behind a run of its boxes in one cell: its rectangle and heading."""

    theme: str
    x: float
    y: float
    width: float
    height: float
    heading: Block
    boxes: tuple[str, ...]


def group_by_theme(cells: Iterable[list[Box]]) -> None:
    """Move each theme's boxes together within each cell, in place: a theme (and the boxes
    with none) where its first box is, boxes in their present order within it."""
    for cell in cells:
        first: dict[str | None, int] = {}
        for at, box in enumerate(cell):
            first.setdefault(box.theme, at)
        if len(first) > 1:
            cell.sort(key=lambda box: first[box.theme])  # stable: keeps order within a theme


def heading_block(theme: str, width: float, size: float) -> Block:
    """Return a theme's heading as drawn above its boxes, wrapped to their width."""
    small = size * HEADING_SCALE
    return Block(wrap(theme, width - 2 * BAND_PAD, small, bold=True), small, bold=True)


def gap_before(previous: Box | None, box: Box, size: float) -> float:
    """Return the room the stacking leaves above a box for themes: a heading and the band's
    edge above a theme's first box, the band's edge below the last box of the one before."""
    room = 0.0
    if previous is not None and previous.theme is not None and previous.theme != box.theme:
        room += BAND_PAD
    if box.theme is not None and (previous is None or previous.theme != box.theme):
        room += heading_block(box.theme, box.width, size).height() + 2 * BAND_PAD
    return room


def gap_after(last: Box | None) -> float:
    """Return the room below a cell's last box for the edge of its theme's band."""
    return BAND_PAD if last is not None and last.theme is not None else 0.0


def runs(cell: list[Box]) -> list[list[Box]]:
    """Return the runs of neighbouring boxes of one theme in a cell (boxes with none left out)."""
    found: list[list[Box]] = []
    previous: Box | None = None
    for box in cell:
        if box.theme is not None:
            if previous is not None and previous.theme == box.theme:
                found[-1].append(box)
            else:
                found.append([box])
        previous = box
    return found


def bands(placed: Layout, size: float) -> list[Band]:
    """Return the band of every run of a theme's boxes in a placed diagram."""
    cells = [cell for lane in placed.lanes for cell in lane.cells.values()]
    in_lanes = {box.id for cell in cells for box in cell}
    columns: dict[float, list[Box]] = {}
    for box in placed.boxes.values():
        if box.id not in in_lanes:
            columns.setdefault(box.x, []).append(box)
    cells += list(columns.values())
    found = []
    for cell in cells:
        for run in runs(sorted(cell, key=_top)):
            first = run[0]
            assert first.theme is not None
            heading = heading_block(first.theme, first.width, size)
            top = first.y - heading.height() - 2 * BAND_PAD
            bottom = max(box.y + box.height for box in run) + BAND_PAD
            found.append(
                Band(
                    first.theme,
                    first.x - BAND_PAD,
                    top,
                    first.width + 2 * BAND_PAD,
                    bottom - top,
                    heading,
                    tuple(box.id for box in run),
                )
            )
    return found


def paint_bands(painter: Painter, placed: Layout, shown: Iterable[str]) -> None:
    """Draw the band and heading of each theme's run of boxes that shows, behind the boxes
    and links, over the lanes."""
    t, visible = painter.theme, set(shown)
    for band in bands(placed, t.font_size):
        if not visible.intersection(band.boxes):
            continue
        gid = f"theme:{band.boxes[0]}"
        painter.rect(
            band.x,
            band.y,
            band.width,
            band.height,
            facecolor=t.background,
            # Solid and thin: a dashed edge is the warning of an outcome nothing leads to.
            edgecolor=t.divider,
            linewidth=0.9,
            zorder=0.5,
            gid=gid,
        )
        painter.text(band.x + BAND_PAD, band.y + BAND_PAD, band.heading, t.muted_text, gid)


def _top(box: Box) -> float:
    """Return a box's top, to sort a cell top to bottom."""
    return box.y


__all__ = [
    "BAND_PAD",
    "Band",
    "bands",
    "gap_after",
    "gap_before",
    "group_by_theme",
    "heading_block",
    "paint_bands",
    "runs",
]
