"""Projector pictures: the whole model on one 1920x1080 slide as large as it fits, and a deck of
zoomed steps over that same layout.

Pure geometry over a `Layout`: which box width fills a slide best, what each slide of a deck
shows (its title, the part of the diagram, the boxes drawn whole) and where links leave it.
`figure1` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from logicmodel.models import CONTRIBUTION_STAGES, OUTCOME_STAGES, LogicModel
from logicmodel.renderers.layout import COLUMN_TITLES, TAB, Layout, layout
from logicmodel.renderers.routes import Point, Rect
from logicmodel.renderers.text import LINE_PITCH
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import Trace

SLIDE = (1920, 1080)  # a projected slide in pixels
SLIDE_TEXT_PX = 24  # a step's body text is cut into more slides rather than drawn smaller
TITLE_PX = 84  # the band across the top of a step's slide that holds its title
# Box widths tried, as multiples of the theme's: narrower boxes make a taller diagram, wider
# ones a wider, and the one that fills 16:9 best draws the largest text.
WIDTHS = (0.8, 0.9, 1.0, 1.12, 1.25, 1.4, 1.6, 1.8)
FINER = (0.94, 0.97, 1.03, 1.06)
CONTINUED = " (continued)"
EXIT_ROWS = 3  # rows of labels in the strip above or below a band
EXIT_ROOM = 1.5  # inches either side of a step for the labels of links leaving, at 9 pt
EDGE = 0.04  # inches between a band's edge and the box it cuts below or above


@dataclass(frozen=True)
class Slide:
    """One slide of a deck: its title, the part of the diagram it shows (content inches, the
    shape of the slide under its title) and the boxes drawn on it, each whole."""

    title: str
    view: Rect
    shown: frozenset[str]  # the boxes drawn: the step's that lie wholly in view
    overview: bool = False
    step: frozenset[str] = frozenset()  # the boxes this slide is about

    def draws(self, ends: tuple[str, str]) -> bool:
        """Return whether the slide draws a link whole: both its ends shown, one of them a
        box of the step (the overview draws every link)."""
        shown = all(end in self.shown for end in ends)
        return shown and (self.overview or any(end in self.step for end in ends))


@dataclass(frozen=True)
class Exit:
    """A link with one end on a slide: the part of its route drawn, where it meets the edge
    (or a box not shown), and what the label there says."""

    key: str
    points: list[Point]
    outgoing: bool  # the shown end is the link's source: the route ends in an arrowhead
    edge: str  # left | right | top | bottom: which side of the view it leaves by
    label: str
    at_box: bool = False  # cut where it meets a box the slide leaves out, inside the view


def slide_theme(name: str) -> str:
    """Return the theme that draws slides in a theme's colours: the projector's sizes and
    shape, in the palette asked for."""
    if get_theme(name).aspect:
        return name
    base, _, palette = name.partition("+")
    return f"projector+{palette or base}"


def text_px(placed: Layout, theme: Theme) -> float:
    """Return the height in pixels of body text when the whole diagram fills a 1920-pixel-wide
    slide."""
    return theme.font_size / 72 * SLIDE[0] / placed.width


def fitted_layout(model: LogicModel, trace: Trace, theme: Theme) -> Layout:
    """Return the diagram laid out to fill one slide as large as it can (see `fitted`)."""
    return fitted(model, trace, theme)[0]


def fitted(
    model: LogicModel, trace: Trace, theme: Theme, every_column: bool = False
) -> tuple[Layout, Theme]:
    """Return the diagram laid out to fill one slide as large as it can, and the theme it was
    laid out in: of the box widths tried, the one whose whole picture draws the largest text
    (a theme with no slide shape keeps its own). Draw with that theme: lane titles wrap to
    its box width."""
    if not theme.aspect:
        return layout(model, trace, theme, every_column=every_column), theme

    def size(width: float) -> tuple[float, float]:
        # The order barely changes the extent, so widths are compared in the file's order.
        trial = replace(theme, box_width=width)
        placed = layout(
            model, trace, trial, sweeps=0, key_under_focus=True, every_column=every_column
        )
        return text_px(placed, trial), -abs(width - theme.box_width)

    widths = [round(theme.box_width * factor, 3) for factor in WIDTHS]
    best = max(widths, key=size)
    # Then a finer look either side of the best.
    best = max([best, *(round(best * factor, 3) for factor in FINER)], key=size)
    chosen = replace(theme, box_width=best)
    return layout(model, trace, chosen, key_under_focus=True, every_column=every_column), chosen


def content_size(placed: Layout) -> tuple[float, float]:
    """Return the width and height of the diagram without the padding to the slide's shape."""
    return placed.width - 2 * placed.offset_x, placed.height - 2 * placed.offset_y


def deck(model: LogicModel, placed: Layout, theme: Theme) -> list[Slide]:
    """Return a talk's slides: the whole diagram first, then the contributions and each
    outcome stage in turn, each a zoom into the same layout, cut into parts titled
    "(continued)" where one slide would draw its text smaller than SLIDE_TEXT_PX."""
    width, height = content_size(placed)
    every = frozenset(_all_boxes(placed))
    slides = [Slide(model.title, (0.0, 0.0, width, height), every, True, every)]
    stage_of = {element.id: stage for stage, element in model.elements()}
    steps: list[tuple[str, list[str]]] = [
        (
            "Contributions: inputs, activities and outputs",
            ["focus", *[k for k in placed.boxes if stage_of[k] in CONTRIBUTION_STAGES]],
        )
    ]
    for stage in OUTCOME_STAGES:
        ids = [key for key in placed.boxes if stage_of[key] == stage]
        if ids:
            steps.append((COLUMN_TITLES[stage].replace("\n", " "), ids))
    for title, ids in steps:
        for number, view in enumerate(_step_views(placed, theme, ids)):
            step = frozenset(key for key in ids if _inside(_rect(placed, key), view))
            name = title + (CONTINUED if number else "")
            slides.append(Slide(name, view, step, False, step))
    return slides


def _all_boxes(placed: Layout) -> list[str]:
    """Return every box's id, the focus box's too."""
    return [*placed.boxes, "focus"]


def _rect(placed: Layout, key: str) -> Rect:
    """Return the rectangle a box takes, an enhances tab included."""
    box = placed.focus if key == "focus" else placed.boxes[key]
    left = box.x - TAB if key in placed.enhanced else box.x
    return (left, box.y, box.x + box.width, box.y + box.height)


def _inside(rect: Rect, view: Rect) -> bool:
    """Return whether a rectangle lies wholly inside a view."""
    return (
        rect[0] >= view[0] - 1e-6
        and rect[1] >= view[1] - 1e-6
        and rect[2] <= view[2] + 1e-6
        and rect[3] <= view[3] + 1e-6
    )


def view_aspect() -> float:
    """Return the shape (width over height) of the part of a step's slide under its title."""
    return SLIDE[0] / (SLIDE[1] - TITLE_PX)


def _step_views(placed: Layout, theme: Theme, ids: list[str]) -> list[Rect]:
    """Return the views one step takes: its boxes in bands cut between boxes, each band as
    tall as keeps its text SLIDE_TEXT_PX high (or one box, if taller), widened to the slide's
    shape."""
    rects = [_rect(placed, key) for key in ids]
    pad = 0.15 * theme.font_size / 9
    # Room either side for the labels of links that leave by that side.
    room = EXIT_ROOM * theme.font_size / 9
    x0 = min(r[0] for r in rects) - room
    x1 = max(r[2] for r in rects) + room
    widest = theme.font_size / 72 * SLIDE[0] / SLIDE_TEXT_PX
    tallest = max(x1 - x0, widest) / view_aspect()
    # A band may end just below any box of the step that no other box of it spans.
    below = sorted({r[3] + EDGE for r in rects})
    cuts = [y for y in below if not any(r[1] < y < r[3] for r in rects)]
    top = placed.header_y - pad  # the first band shows the column headings
    bottom = max(r[3] for r in rects) + EDGE
    # A strip above and below a band holds the labels of links that leave by that edge.
    strip = exit_strip(theme)
    bands: list[tuple[float, float]] = []
    while top < bottom - 1e-6:
        room = tallest - 2 * strip
        fits = [c for c in cuts if top < c <= top + room]
        later = [c for c in cuts if c > top]
        end = fits[-1] if fits else min(later, default=bottom)
        bands.append((top - (strip if bands else 0.0), end + strip))
        following = min((r[1] for r in rects if r[1] >= end - 1e-6), default=bottom)
        top = max(following - EDGE, end)
    return [_widened(placed, (x0, a, x1, b)) for a, b in bands]


def exit_strip(theme: Theme) -> float:
    """Return the height of the strips above and below a band that hold EXIT_ROWS rows of the
    labels of links leaving by that edge."""
    return EXIT_ROWS * exit_size(theme) * LINE_PITCH / 72 + EDGE


def exit_size(theme: Theme) -> float:
    """Return the type size of the labels where links leave a slide."""
    return theme.font_size * 0.7


def _widened(placed: Layout, region: Rect) -> Rect:
    """Return a region grown to the slide's shape: wider about its middle, kept on the
    diagram where it can be, or taller downwards."""
    x0, y0, x1, y1 = region
    width, _ = content_size(placed)
    if (x1 - x0) / (y1 - y0) < view_aspect():
        grow = (y1 - y0) * view_aspect() - (x1 - x0)
        x0, x1 = x0 - grow / 2, x1 + grow / 2
        shift = max(0.0, -x0) - max(0.0, x1 - width) if x1 - x0 <= width else 0.0
        x0, x1 = x0 + shift, x1 + shift
    else:
        y1 = y0 + (x1 - x0) / view_aspect()
    return (x0, y0, x1, y1)


def exits(placed: Layout, slide: Slide) -> list[Exit]:
    """Return each link with one end shown on a slide, its route cut where it leaves the
    slide or meets a box the slide does not show."""
    names = {key: box.label.lines for key, box in placed.boxes.items()}
    hidden = [_rect(placed, key) for key in _all_boxes(placed) if key not in slide.shown]
    found = []
    for key, points in placed.routes.items():
        source, target = placed.ends[key]
        if (source in slide.shown) == (target in slide.shown):
            continue
        outgoing = source in slide.shown
        if (source if outgoing else target) not in slide.step:
            continue  # a context box's other links are not this slide's story
        walk = points if outgoing else points[::-1]
        cut, edge, at_box = _cut(walk, slide.view, hidden)
        other = " ".join(names[target if outgoing else source])
        label = ("to " if outgoing else "from ") + _short(other)
        found.append(Exit(key, cut if outgoing else cut[::-1], outgoing, edge, label, at_box))
    return found


def _cut(points: list[Point], view: Rect, hidden: list[Rect]) -> tuple[list[Point], str, bool]:
    """Return a route from its shown end up to where it leaves the view (or meets a hidden
    box), which side of the view that is nearest, and whether it was a box."""
    step = 0.01
    kept = [points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        length = abs(bx - ax) + abs(by - ay)
        count = max(1, int(length / step))
        for index in range(1, count + 1):
            x, y = ax + (bx - ax) * index / count, ay + (by - ay) * index / count
            if not _open(x, y, view, hidden):
                kept.append(
                    (ax + (bx - ax) * (index - 1) / count, ay + (by - ay) * (index - 1) / count)
                )
                return kept, _edge(kept[-1], view, (bx - ax, by - ay)), _open(x, y, view, [])
        kept.append((bx, by))
    return kept, _edge(kept[-1], view, (0.0, 0.0)), True


def _open(x: float, y: float, view: Rect, hidden: list[Rect]) -> bool:
    """Return whether a point of a route is on the slide and clear of the boxes not shown."""
    margin = 0.02
    if not (view[0] + margin < x < view[2] - margin and view[1] + margin < y < view[3] - margin):
        return False
    return not any(
        r[0] - margin < x < r[2] + margin and r[1] - margin < y < r[3] + margin for r in hidden
    )


def _edge(point: Point, view: Rect, heading: Point) -> str:
    """Return the side a route leaves by: the way it was heading, else the nearest side."""
    dx, dy = heading
    if abs(dx) > abs(dy):
        return "right" if dx > 0 else "left"
    if abs(dy) > 0:
        return "bottom" if dy > 0 else "top"
    x, y = point
    gaps = {"left": x - view[0], "right": view[2] - x, "top": y - view[1], "bottom": view[3] - y}
    return min(sorted(gaps), key=lambda side: gaps[side])


def _short(text: str, most: int = 36) -> str:
    """Return a label cut to a few words, marked where cut."""
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


__all__ = [
    "CONTINUED",
    "EDGE",
    "EXIT_ROOM",
    "EXIT_ROWS",
    "FINER",
    "SLIDE",
    "SLIDE_TEXT_PX",
    "TITLE_PX",
    "WIDTHS",
    "Exit",
    "Slide",
    "content_size",
    "deck",
    "exit_size",
    "exit_strip",
    "exits",
    "fitted",
    "fitted_layout",
    "slide_theme",
    "text_px",
    "view_aspect",
]
