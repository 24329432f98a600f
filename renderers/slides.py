"""Projector slides: Figure 1's placed diagram cut into views that each read from the back of a
room.

A slide theme whose body text would be smaller than SLIDE_TEXT_PX on a 1920x1080 slide shows
the contributions and then the outcomes over as many slides as keep it that large, each under
the column headings, the title on the first and the key on the last. Pure geometry over a
`Layout`: figure1 draws each view.
"""

from __future__ import annotations

from dataclasses import replace

from logicmodel.models import LogicModel
from logicmodel.renderers.drawing import pad_to_aspect
from logicmodel.renderers.layout import PAD, ROUTE_BAND, Box, Layout, focus_box
from logicmodel.renderers.text import LINE_PITCH
from logicmodel.renderers.themes import Theme

SLIDE = (1920, 1080)  # a projected slide in pixels
SLIDE_TEXT_PX = 24  # the least body text height that reads at the back of a room

View = tuple[float, float, list[tuple[float, float]]]  # x0, x1 and the y bands shown, stacked


def whole_view(placed: Layout) -> View:
    """Return the view of the whole diagram."""
    return (0.0, placed.width - 2 * placed.offset_x, [(0.0, placed.height - 2 * placed.offset_y)])


def fits_one_slide(placed: Layout, theme: Theme) -> bool:
    """Return whether a theme draws the diagram whole: no slide shape, or text large enough."""
    return not theme.aspect or slide_text_px(whole_view(placed), theme) >= SLIDE_TEXT_PX


def cut(model: LogicModel, placed: Layout, theme: Theme) -> tuple[Layout, list[View]]:
    """Return the diagram with its focus box in brief, and the slides' views of it."""
    views = slide_views(placed, theme.font_size)
    # The focus box keeps to the first slide: its essentials, cut to the room that slide has.
    _, _, (_, (_, first_end), *_) = views[0]
    return replace(placed, focus=slide_focus(model, placed.focus, first_end)), views


def slide_focus(model: LogicModel, focus: Box, bottom: float) -> Box:
    """Return the focus box in brief (name, type, lead, partner count), its lines cut so that
    it ends above `bottom`, the last kept line marked as cut."""
    brief = focus_box(model, focus.x, focus.width, focus.label.size, brief=True)
    brief.y = focus.y
    pitch = brief.label.size * LINE_PITCH / 72
    room = max(1, int((bottom - focus.y - 2 * PAD - 0.02) / pitch))
    lines = brief.label.lines
    if len(lines) > room:
        lines = [*lines[: room - 1], lines[room - 1].rstrip(" ,") + "\u2026"]
        brief.label = replace(brief.label, lines=lines)
    return brief


def slide_views(placed: Layout, size: float) -> list[View]:
    """Return the slides a diagram is cut into: each side of the divider in bands of whole
    lanes (or rows of outcomes), under the headings; the title on the first, the key on the
    last."""
    right = placed.width - 2 * placed.offset_x
    bottom = placed.height - 2 * placed.offset_y
    # Headings end just above the content, so no box's top edge shows under them.
    headings = (placed.header_y - 0.1, placed.content_top - 0.04)
    first_top = (0.0, placed.content_top)
    key = (placed.content_bottom, bottom)
    # Where each side may be cut: between lanes, and where no outcome box spans.
    outcome_boxes = [b for b in placed.boxes.values() if b.x > placed.divider_x]
    own_boxes = [b for b in placed.boxes.values() if b.x < placed.divider_x]
    cuts_left = sorted({lane.y - 0.02 for lane in placed.lanes[1:]} | _free_cuts(own_boxes))
    cuts_right = sorted(_free_cuts(outcome_boxes))
    views: list[View] = []
    sides = ((0.0, placed.divider_x, cuts_left), (placed.divider_x, right, cuts_right))
    # The widest a slide may show with text still SLIDE_TEXT_PX high sets how tall it may be.
    widest = size / 72 * SLIDE[0] / SLIDE_TEXT_PX
    for x0, x1, cuts in sides:
        room = max(x1 - x0, widest) * SLIDE[1] / SLIDE[0]
        # The outcomes end below their lowest box and the channel of routes under it.
        lowest = max(b.y + b.height for b in outcome_boxes) if outcome_boxes and x0 else 1e9
        band = ROUTE_BAND * size / 9
        side_bottom = min(placed.content_bottom + 0.1, lowest + band)
        top = placed.content_top
        # A side ends with its last box (or lane): a band of routes alone makes no slide.
        drawn = [b.y + b.height for b in (outcome_boxes if x0 else own_boxes)]
        drawn += [] if x0 else [lane.y + lane.height for lane in placed.lanes]
        last = min(max(drawn, default=top), side_bottom - 0.1)
        while top < last - 1e-6:
            header = headings if views else first_top
            space = room - (header[1] - header[0])
            if top + space >= side_bottom:
                end = side_bottom
            else:
                fits = [c for c in cuts if top < c <= top + space]
                later = [c for c in cuts if c > top]
                end = fits[-1] if fits else min(later, default=side_bottom)
            # Later slides of the contributions leave out the focus column: its box is on
            # the first, and an empty column under its heading only takes room.
            left = placed.focus.x + placed.focus.width + 0.05 if views and not x0 else x0
            views.append((left, x1, [header, (top, end)]))
            top = end
    # The key goes under the slide with most room to spare, or on one of its own.
    spare = [
        (max(x1 - x0, widest) * SLIDE[1] / SLIDE[0] - sum(b - a for a, b in bands), number)
        for number, (x0, x1, bands) in enumerate(views)
        if x0 < placed.divider_x  # the key is drawn from the left margin
    ]
    room_left, number = max(spare)
    x0, x1, bands = views[number]
    if room_left >= key[1] - key[0]:
        # The key starts at the left margin, so its slide shows the diagram from there.
        x0 = 0.0 if x0 < placed.divider_x else x0
        views[number] = (x0, x1, [*bands, (key[0] + ROUTE_BAND, key[1])])
    else:
        # A slide of the key alone: no headings over nothing, no channel of routes above it.
        views.append((0.0, placed.divider_x, [(placed.legend_y - 0.15, key[1])]))
    return views


def _free_cuts(boxes: list[Box]) -> set[float]:
    """Return heights just below a box where a slide may end without cutting any box."""
    below = {b.y + b.height + 0.03 for b in boxes}
    return {y for y in below if not any(o.y < y < o.y + o.height for o in boxes)}


def slide_text_px(view: View, theme: Theme) -> float:
    """Return the height in pixels of body text on a 1920x1080 slide showing a view of a
    layout, padded to the slide's shape."""
    x0, x1, bands = view
    width, _, _, _ = pad_to_aspect(x1 - x0, sum(b - a for a, b in bands), 16 / 9)
    return theme.font_size / 72 * SLIDE[0] / width


def edge_crossings(placed: Layout, x: float, top: float, bottom: float) -> list[float]:
    """Return the heights between top and bottom where a route crosses the upright line at x."""
    found = set()
    for points in placed.routes.values():
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            if abs(ay - by) < 1e-9 and min(ax, bx) < x < max(ax, bx) and top < ay < bottom:
                found.add(round(ay, 4))
    return sorted(found)


def shows_focus(focus: Box, view: View) -> bool:
    """Return whether a view shows any of the focus box (else its heading is left out)."""
    x0, _, bands = view
    top, bottom = focus.y, focus.y + focus.height
    return x0 < focus.x + focus.width and any(a < bottom and b > top for a, b in bands)


__all__ = [
    "SLIDE",
    "SLIDE_TEXT_PX",
    "View",
    "cut",
    "edge_crossings",
    "fits_one_slide",
    "shows_focus",
    "slide_focus",
    "slide_text_px",
    "slide_views",
    "whole_view",
]
