"""The Figure 1 view: the research report's red/green logic-model diagram, drawn with matplotlib.

Layout is computed in inches before anything is drawn: text is measured with the font's own
metrics and wrapped to the box, so boxes fit their text for 3 elements or 500. Every box and
text carries a gid (`box:<id>`, `text:<id>:<part>`) so tests can read the figure back.
"""

from __future__ import annotations

import bisect
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.tracing import Trace
from logicmodel.models import (
    CONTRIBUTION_STAGES,
    OUTCOME_STAGES,
    Contribution,
    LogicModel,
    Outcome,
    Stage,
)
from logicmodel.renderers.export_fields import (
    CLAIMED,
    GAIN_FALLBACK,
    UNSUPPORTED_NOTE,
    BoxKind,
    box_kinds,
)
from logicmodel.renderers.options import Options
from logicmodel.renderers.routes import Column, Grid, Point, Rect, Request, route
from logicmodel.renderers.routes import crossings as route_crossings
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.textpath import TextToPath

COLUMN_TITLES = {
    Stage.INPUTS: "Inputs",
    Stage.ACTIVITIES: "Activities",
    Stage.OUTPUTS: "Outputs",
    Stage.INTERIM: "Interim outcomes\n(short term)",
    Stage.INTERMEDIATE: "Intermediate outcomes\n(medium term)",
    Stage.ULTIMATE: "Ultimate outcomes\n(long term)",
}
TOGETHER = "Working together"

# Spacing in inches, scaled by the theme's type size over the classic 9 pt.
PAD = 0.07
BOX_GAP = 0.12
LANE_GAP = 0.16
GUTTER = 0.75
SIDE_GAP = 0.45
MARGIN = 0.35
LINE_PITCH = 1.28  # line height as a multiple of the font size
SAFETY = 1.07  # measured widths run a little short of rendered ones
TAB = 0.06  # the red tab on the left of a box that joint work enhances
SWEEPS = 8  # rounds of barycentre ordering, alternately left to right and back
ROUTE_BAND = 0.25
SVG_SALT = "logicmodel-figure1"  # fixed, so SVG ids (clip paths, hatches) repeat run to run
SLIDE = (1920, 1080)  # a projected slide in pixels
SLIDE_TEXT_PX = 24  # the least body text height that reads at the back of a room


# ---------------------------------------------------------------- measuring and wrapping


# Bounded: a long session drawing many models (serve, a notebook) must not grow without end;
# a few thousand entries hold every word of a large model at each size it is drawn.
@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Return the width of one line of text in inches."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(
        family="DejaVu Sans",
        size=size,
        weight="bold" if bold else "normal",
        style="italic" if italic else "normal",
    )
    with warnings.catch_warnings():
        # A character no font has (an emoji) is drawn as a box; one warning per word is noise.
        warnings.filterwarnings("ignore", "Glyph", UserWarning)
        width, _, _ = _measurer().get_text_width_height_descent(text, prop, ismath=False)
    return float(width) * SAFETY / 72


@lru_cache(maxsize=1)
def _measurer() -> TextToPath:
    from matplotlib.textpath import TextToPath

    return TextToPath()


def wrap(
    text: str, width: float, size: float, bold: bool = False, italic: bool = False
) -> list[str]:
    """Return text broken into lines no wider than `width` inches; long words are split.

    Linear in the length of the text: a word wider than the box is cut by summed character
    widths and checked exactly only near each cut, never by measuring every prefix.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if _fits(candidate, width, size, bold, italic):
                line = candidate
                continue
            if line:
                lines.append(line)
            # A word wider than the box (a URL, a long compound) is cut where it must be.
            pieces = _split_word(word, width, size, bold, italic)
            lines += pieces[:-1]
            line = pieces[-1]
        lines.append(line)
    return [line for line in lines if line] or [""]


def _fits(text: str, width: float, size: float, bold: bool, italic: bool) -> bool:
    """Return True when one line of text is no wider than `width`, measuring only short text."""
    # A line far longer than any box could hold is not measured at all: measuring is linear
    # in its length, and doing so for every word of a long paragraph would not be.
    if len(text) * _char_width("i", size, bold, italic) > 2 * width:
        return False
    return text_width(text, size, bold, italic) <= width


def _char_width(char: str, size: float, bold: bool, italic: bool) -> float:
    return text_width(char, size, bold, italic)


def _split_word(word: str, width: float, size: float, bold: bool, italic: bool) -> list[str]:
    """Return a word cut into lines that fit `width`, each but the last ending in '-'."""
    advance = [0.0]
    for char in word:
        advance.append(advance[-1] + _char_width(char, size, bold, italic))
    hyphen = _char_width("-", size, bold, italic)
    pieces: list[str] = []
    start = 0
    while True:
        rest = word[start:]
        if len(rest) <= 1 or _fits(rest, width, size, bold, italic):
            pieces.append(rest)
            return pieces
        # Summed widths give the cut within a character or two; the exact check settles it.
        cut = bisect.bisect_right(advance, advance[start] + width - hyphen, start + 1) - 1
        cut = min(max(cut, start + 1), len(word) - 1)
        while cut > start + 1 and not _fits(word[start:cut] + "-", width, size, bold, italic):
            cut -= 1
        while cut + 1 < len(word) and _fits(word[start : cut + 1] + "-", width, size, bold, italic):
            cut += 1
        pieces.append(word[start:cut] + "-")
        start = cut


# ---------------------------------------------------------------- layout


@dataclass
class Block:
    """Lines of text in one style, placed inside a box part."""

    lines: list[str]
    size: float
    bold: bool = False
    italic: bool = False

    def height(self) -> float:
        """Return the block's height in inches."""
        return len(self.lines) * self.size * LINE_PITCH / 72


@dataclass
class Box:
    """One drawn box: an element, the focus box, or a part of a split outcome."""

    id: str
    kind: str  # green | red | split | unsupported | focus
    x: float
    width: float
    label: Block
    gain: Block | None = None
    y: float = 0.0
    predecessors: list[str] = field(default_factory=list)
    claimed: bool = False  # an outcome whose gain is only planned or expected, not yet shown

    @property
    def label_height(self) -> float:
        return self.label.height() + 2 * PAD

    @property
    def gain_height(self) -> float:
        return self.gain.height() + 2 * PAD if self.gain else 0.0

    @property
    def height(self) -> float:
        return self.label_height + self.gain_height

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2


@dataclass
class Lane:
    """A horizontal band of the contributions side: one partner's own work, or joint work."""

    title: str
    joint: bool
    cells: dict[Stage, list[Box]]
    partners: tuple[str, ...] = ()  # whose own work it holds; empty for joint work
    y: float = 0.0
    height: float = 0.0


@dataclass
class Layout:
    """Everything placed, in inches from the top-left corner, y growing downwards."""

    width: float
    height: float
    offset_x: float  # where the content starts on a canvas padded to the theme's aspect
    offset_y: float
    boxes: dict[str, Box]
    lanes: list[Lane]
    columns: dict[Stage, float]
    focus: Box
    title: Block
    subtitle: Block
    header_y: float
    content_top: float
    content_bottom: float
    divider_x: float
    legend_y: float
    legend_items: list[tuple[str, str]]
    routes: dict[str, list[Point]] = field(default_factory=dict)  # by gid: link:a->b, enhances:
    ends: dict[str, tuple[str, str]] = field(default_factory=dict)  # each route's two boxes
    rects: list[tuple[str, Rect]] = field(default_factory=list)  # what routes must not touch
    enhanced: set[str] = field(default_factory=set)  # boxes with an enhances tab
    legend_width: float = 0.0  # how wide the key may run


@dataclass(frozen=True)
class Spacing:
    """The theme's sizes in inches: every step of the layout measures with these."""

    size: float
    scale: float
    box_w: float
    inner: float
    gutter: float
    box_gap: float
    lane_gap: float
    lane_title_h: float

    @classmethod
    def of(cls, theme: Theme) -> Spacing:
        """Return the spacing a theme's type size and box width make."""
        size, scale = theme.font_size, theme.font_size / 9.0
        return cls(
            size=size,
            scale=scale,
            box_w=theme.box_width,
            inner=theme.box_width - 2 * PAD,
            gutter=GUTTER * scale,
            box_gap=BOX_GAP * scale,
            lane_gap=LANE_GAP * scale,
            lane_title_h=size * LINE_PITCH / 72 + PAD,
        )


def layout(model: LogicModel, trace: Trace, theme: Theme, sweeps: int = SWEEPS) -> Layout:
    """Return the placed diagram for a model: lanes, columns, boxes, routes and legend.

    `sweeps` rounds of barycentre ordering reduce crossings; 0 keeps the first, greedy order.
    """
    space = Spacing.of(theme)
    focus_x, columns, divider_x, width = _place_columns(space)
    boxes = _make_boxes(model, trace, columns, space)
    # A slide theme keeps the title over the contributions, which may be a slide of their own.
    title_width = divider_x + MARGIN if theme.aspect else width
    title, subtitle, header_y, content_top = _title_block(model, trace, theme, title_width, space)
    lanes = _lanes(model, boxes)
    _stack_lanes(lanes, boxes, content_top, space)
    outcomes = {stage: _outcome_order(model, boxes, stage) for stage in OUTCOME_STAGES}
    _place_outcomes(outcomes, boxes, content_top, space)
    focus = _focus_box(model, focus_x, space.box_w, space.size)
    focus.y = content_top
    legend_items = _legend_items(theme, claimed=any(box.claimed for box in boxes.values()))
    frame = Layout(
        width=width,
        height=0.0,
        offset_x=0.0,
        offset_y=0.0,
        boxes=boxes,
        lanes=lanes,
        columns=columns,
        focus=focus,
        title=title,
        subtitle=subtitle,
        header_y=header_y,
        content_top=content_top,
        content_bottom=0.0,
        divider_x=divider_x,
        legend_y=0.0,
        legend_items=legend_items,
    )
    candidates = [_Order.of(lanes, outcomes)]
    if sweeps:
        # Straight-line counts pick the likely orders; the routed crossings decide among them.
        tried = 4 if len(boxes) <= 150 else 1
        candidates += _reduce_crossings(model, lanes, outcomes, boxes, sweeps)[:tried]
    # Outcome boxes are placed near what feeds them, read from the boxes' present heights, so
    # each candidate starts from the same heights: else a refinished order would differ from
    # the one counted, and the sweeps could end with more crossings than the first order.
    start_y = {key: box.y for key, box in boxes.items()}

    def finish(order: _Order) -> Layout:
        for key, box in boxes.items():
            box.y = start_y[key]
        return _finish(model, frame, order, theme, space)

    best: tuple[int, _Order] | None = None
    for candidate in candidates:
        placed = finish(candidate)
        count = crossings(placed) if len(candidates) > 1 else 0
        if best is None or count < best[0]:
            best = (count, candidate)
    assert best is not None
    if best[1] is not candidates[-1]:
        placed = finish(best[1])
    return placed


@dataclass
class _Order:
    """One ordering of the lanes, the boxes in their cells and the outcome columns."""

    lanes: list[Lane]
    cells: dict[int, dict[Stage, list[Box]]]
    outcomes: dict[Stage, list[Box]]

    @classmethod
    def of(cls, lanes: list[Lane], outcomes: dict[Stage, list[Box]]) -> _Order:
        """Return a copy of the present order."""
        cells = {id(lane): {s: list(c) for s, c in lane.cells.items()} for lane in lanes}
        return cls(list(lanes), cells, {s: list(c) for s, c in outcomes.items()})


def _finish(
    model: LogicModel, frame: Layout, order: _Order, theme: Theme, space: Spacing
) -> Layout:
    """Return the diagram placed in an order: boxes stacked, canvas sized, links routed."""
    for lane in order.lanes:
        lane.cells = {s: list(c) for s, c in order.cells[id(lane)].items()}
    top = frame.content_top
    contributions_bottom = _stack_lanes(order.lanes, frame.boxes, top, space, keep=True)
    outcomes_bottom = _place_outcomes(order.outcomes, frame.boxes, top, space)
    content_bottom = max(contributions_bottom, outcomes_bottom, top + frame.focus.height)
    # Below the lowest box runs a channel that routes may use to pass a full column.
    legend_y = content_bottom + (ROUTE_BAND + 0.3) * space.scale
    width = frame.width
    # A slide theme keeps the key on the contributions side, which may be a slide of its own.
    legend_width = (frame.divider_x if theme.aspect else width) - 2 * MARGIN
    legend_rows = _legend_rows(frame.legend_items, legend_width, space.size)
    row_h = space.size * LINE_PITCH / 72 + 0.12 * space.scale
    height = legend_y + legend_rows * row_h + MARGIN
    # The canvas takes the theme's shape (16:9 for a projector).
    width, height, offset_x, offset_y = pad_to_aspect(width, height, theme.aspect)
    placed = replace(
        frame,
        width=width,
        height=height,
        offset_x=offset_x,
        offset_y=offset_y,
        lanes=list(order.lanes),
        content_bottom=content_bottom,
        legend_y=legend_y,
        enhanced=set(),
        legend_width=legend_width,
    )
    _route_links(model, placed, theme, space)
    return placed


def _route_links(model: LogicModel, placed: Layout, theme: Theme, space: Spacing) -> None:
    """Route every link of a placed diagram in the gaps between its boxes; store the routes."""
    stages = [*CONTRIBUTION_STAGES, *OUTCOME_STAGES]
    column_of = {stage: number + 1 for number, stage in enumerate(stages)}
    stage_of = {element.id: stage for stage, element in model.elements()}
    requests: list[Request] = []
    for stage, element in model.elements():
        for target in element.leads_to:
            requests.append(
                Request(
                    f"link:{element.id}->{target}",
                    element.id,
                    target,
                    column_of[stage],
                    column_of[stage_of[target]],
                )
            )
        if isinstance(element, Contribution):
            for target in element.enhances:
                placed.enhanced.add(target)
                requests.append(
                    Request(
                        f"enhances:{element.id}->{target}",
                        element.id,
                        target,
                        column_of[stage],
                        column_of[stage_of[target]],
                        enhances=True,
                    )
                )
    boxes: dict[str, Rect] = {}
    for key, box in placed.boxes.items():
        left = box.x - TAB if key in placed.enhanced else box.x
        boxes[key] = (left, box.y, box.x + box.width, box.y + box.height)
    focus = placed.focus
    rects: list[tuple[str, Rect]] = list(boxes.items())
    rects.append(("focus", (focus.x, focus.y, focus.x + focus.width, focus.y + focus.height)))
    for lane in placed.lanes:
        title = _lane_title(lane.title, space)
        x = placed.columns[Stage.INPUTS] - PAD
        w = text_width(title.lines[0], title.size, bold=True)
        rects.append(
            (f"lane:{lane.title}", (x, lane.y + PAD / 2, x + w, lane.y + PAD / 2 + title.height()))
        )
    xs = [(focus.x, focus.x + focus.width)]
    xs += [(placed.columns[stage], placed.columns[stage] + space.box_w) for stage in stages]
    keep = 0.1 * space.scale  # tracks keep this far from a column's boxes
    columns = []
    for number, (x0, x1) in enumerate(xs):
        if number + 1 < len(xs):
            left, right = x1 + keep, xs[number + 1][0] - keep
            gutter: tuple[tuple[float, float], ...]
            if left < placed.divider_x < right:
                # The divider between contributions and outcomes is no place for a route.
                gap = 0.06 * space.scale
                gutter = ((left, placed.divider_x - gap), (placed.divider_x + gap, right))
            else:
                gutter = ((left, right),)
        else:
            gutter = ((x1 + keep, x1 + MARGIN - 0.05),)
        columns.append(Column(x0, x1, gutter))
    grid = Grid(
        columns=columns,
        boxes=boxes,
        obstacles=rects,
        top=placed.content_top,
        bottom=placed.content_bottom + ROUTE_BAND * space.scale,
        spacing=0.08 * space.scale,
        clearance=0.035 * space.scale,
    )
    placed.routes = route(grid, requests)
    placed.ends = {request.key: (request.source, request.target) for request in requests}
    placed.rects = rects


def _lane_title(title: str, space: Spacing) -> Block:
    """Return a lane's title as drawn: bold, wrapped to the inputs column, so that routes in
    the gutters beside it never strike through it."""
    return Block(wrap(title, space.box_w, space.size, bold=True), space.size, bold=True)


def _place_columns(space: Spacing) -> tuple[float, dict[Stage, float], float, float]:
    """Return the focus column's x, each stage's x, the divider's x and the content width.

    Left to right: focus | inputs | activities | outputs || interim | intermediate | ultimate.
    """
    x = MARGIN
    focus_x = x
    x += space.box_w + space.gutter
    columns: dict[Stage, float] = {}
    for stage in CONTRIBUTION_STAGES:
        columns[stage] = x
        x += space.box_w + space.gutter
    divider_x = x - space.gutter / 2 + SIDE_GAP * space.scale / 2
    x += SIDE_GAP * space.scale
    for stage in OUTCOME_STAGES:
        columns[stage] = x
        x += space.box_w + space.gutter
    return focus_x, columns, divider_x, x - space.gutter + MARGIN


def _make_boxes(
    model: LogicModel, trace: Trace, columns: dict[Stage, float], space: Spacing
) -> dict[str, Box]:
    """Return a box per element, its text wrapped, in its stage's column (not yet stacked)."""
    predecessors: dict[str, list[str]] = {}
    for _, element in model.elements():
        for target in element.leads_to:
            predecessors.setdefault(target, []).append(element.id)
    boxes: dict[str, Box] = {}
    kinds = box_kinds(model, trace)
    size, inner, small = space.size, space.inner, space.size * 0.92
    for stage, element in model.elements():
        kind = kinds[element.id]
        gain_text = element.gain if isinstance(element, Outcome) else None
        label = Block(wrap(element.label, inner, size), size)
        gain = None
        if kind == BoxKind.SPLIT:
            gain_text = gain_text or GAIN_FALLBACK
        if kind == BoxKind.UNSUPPORTED:
            gain = Block(wrap(UNSUPPORTED_NOTE, inner, small, bold=True), small, bold=True)
        elif gain_text and kind in (BoxKind.SPLIT, BoxKind.RED):
            gain = Block(wrap(gain_text, inner, small, italic=True), small, italic=True)
        boxes[element.id] = Box(
            element.id,
            kind,
            columns[stage],
            space.box_w,
            label,
            gain,
            predecessors=predecessors.get(element.id, []),
            claimed=isinstance(element, Outcome)
            and element.evidence is not None
            and element.evidence.value in CLAIMED,
        )
    return boxes


def _title_block(
    model: LogicModel, trace: Trace, theme: Theme, width: float, space: Spacing
) -> tuple[Block, Block, float, float]:
    """Return the title, the subtitle, where the column headings go and where content starts."""
    title_w = width - 2 * MARGIN
    title = Block(
        wrap(model.title, title_w, theme.title_size, bold=True), theme.title_size, bold=True
    )
    sub_parts = [p for p in (model.area, model.partnership.name) if p]
    sub_parts.append(trace.summary())
    sub_size = space.size * 1.1
    subtitle = Block(wrap("  \u00b7  ".join(sub_parts), title_w, sub_size), sub_size)
    header_y = MARGIN + title.height() + subtitle.height() + 0.15 * space.scale
    header_h = 2 * space.size * 1.05 * LINE_PITCH / 72 + 0.1 * space.scale
    return title, subtitle, header_y, header_y + header_h + 0.1 * space.scale


def _stack_lanes(
    lanes: list[Lane], boxes: dict[str, Box], top: float, space: Spacing, keep: bool = False
) -> float:
    """Stack the contribution lanes from `top`, boxes in each cell ordered by what feeds them
    (or in their present order, if `keep`); return the bottom of the last lane."""
    y = top
    for lane in lanes:
        lane.y = y
        # The title sits above the inputs; the other columns start a line below the lane's top.
        title_h = _lane_title(lane.title, space).height() + PAD
        tallest = 0.0
        for stage in CONTRIBUTION_STAGES:
            cell = lane.cells[stage]
            if not keep:
                cell.sort(key=lambda box: _barycentre(box, boxes) or 0.0)
            cell_top = y + (title_h if stage == Stage.INPUTS else space.lane_title_h)
            cy = cell_top
            for box in cell:
                box.y = cy
                cy += box.height + space.box_gap
            tallest = max(tallest, cy - y, title_h + space.box_gap)
        lane.height = tallest + PAD
        y += lane.height + space.lane_gap
    return y - space.lane_gap


def _outcome_order(model: LogicModel, boxes: dict[str, Box], stage: Stage) -> list[Box]:
    """Return an outcome column's boxes ordered by the height of what feeds them."""
    column = [boxes[e.id] for e in model.stage_elements(stage)]
    wanted = {box.id: _barycentre(box, boxes) for box in column}
    return sorted(column, key=lambda box: (wanted[box.id] is None, wanted[box.id] or 0.0))


def _place_outcomes(
    outcomes: dict[Stage, list[Box]], boxes: dict[str, Box], top: float, space: Spacing
) -> float:
    """Place each outcome column in its order, each box near what feeds it to keep links
    short; return the bottom."""
    bottom = top
    for stage in OUTCOME_STAGES:
        cy = top
        for box in outcomes[stage]:
            wanted_y = _barycentre(box, boxes)
            box_top = wanted_y - box.height / 2 if wanted_y is not None else cy
            box.y = max(cy, box_top)
            cy = box.y + box.height + space.box_gap
        bottom = max(bottom, cy - space.box_gap)
    return bottom


def _reduce_crossings(
    model: LogicModel,
    lanes: list[Lane],
    outcomes: dict[Stage, list[Box]],
    boxes: dict[str, Box],
    sweeps: int,
) -> list[_Order]:
    """Return the orders found by sweeps of the barycentre heuristic, left to right and back,
    fewest straight-line crossings first; lanes of partners' own work move as wholes.

    Positions are ranks within a column, so a sweep is cheap. Works on copies.
    """
    lanes = list(lanes)
    start = _Order.of(lanes, outcomes)
    cells = {id(lane): lane.cells for lane in lanes}
    for lane in lanes:
        lane.cells = {s: list(c) for s, c in lane.cells.items()}
    outcomes = {s: list(c) for s, c in outcomes.items()}
    stages = [*CONTRIBUTION_STAGES, *OUTCOME_STAGES]
    column = {
        box.id: stages.index(stage) for stage in stages for box in _column(stage, lanes, outcomes)
    }
    neighbours: dict[str, list[str]] = {key: [] for key in boxes}
    links: list[tuple[str, str]] = []
    for _, element in model.elements():
        for target in [*element.leads_to, *getattr(element, "enhances", [])]:
            neighbours[element.id].append(target)
            neighbours[target].append(element.id)
            links.append((element.id, target))

    def ranks() -> dict[str, float]:
        found: dict[str, float] = {}
        for stage in stages:
            order = _column(stage, lanes, outcomes)
            for index, box in enumerate(order):
                found[box.id] = (index + 0.5) / len(order)
        return found

    position = ranks()
    found: list[tuple[int, int, _Order]] = []
    seen = {_straight_crossings(links, position, column)}
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        order = range(len(stages)) if forward else range(len(stages) - 1, -1, -1)

        def barycentre(
            key: str, at: int, forward: bool = forward, position: dict[str, float] = position
        ) -> float:
            near = [
                position[n]
                for n in neighbours[key]
                if (column[n] < at) == forward and column[n] != at
            ]
            return sum(near) / len(near) if near else position[key]

        own = lanes[1:] if lanes and lanes[0].joint else lanes
        lane_key = {
            id(lane): _mean(
                [
                    position[n]
                    for cell in lane.cells.values()
                    for b in cell
                    for n in neighbours[b.id]
                ]
            )
            for lane in own
        }
        own = sorted(own, key=lambda lane: lane_key[id(lane)])
        lanes[len(lanes) - len(own) :] = own
        position.update(ranks())
        for at in order:
            stage = stages[at]
            if stage in CONTRIBUTION_STAGES:
                for lane in lanes:
                    lane.cells[stage].sort(key=lambda box: barycentre(box.id, at))
            else:
                outcomes[stage].sort(key=lambda box: barycentre(box.id, at))
            position.update(ranks())
        count = _straight_crossings(links, position, column)
        if count not in seen:
            seen.add(count)
            found.append((count, sweep, _Order.of(lanes, outcomes)))
    for lane in start.lanes:
        lane.cells = cells[id(lane)]
    found.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in found]


def _column(stage: Stage, lanes: list[Lane], outcomes: dict[Stage, list[Box]]) -> list[Box]:
    """Return a column's boxes top to bottom."""
    if stage in outcomes:
        return outcomes[stage]
    return [box for lane in lanes for box in lane.cells[stage]]


def _mean(values: list[float]) -> float:
    """Return the mean of values, or 0 for none."""
    return sum(values) / len(values) if values else 0.0


def _straight_crossings(
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


def crossings(placed: Layout) -> int:
    """Return how many times two of a placed diagram's drawn links cross one another."""
    return route_crossings(placed.routes.values())


def _legend_items(theme: Theme, claimed: bool = False) -> list[tuple[str, str]]:
    """Return the legend's entries: each box kind and link, in the theme's own colour words;
    the dotted outline of a claimed gain only when some outcome has one."""
    single, joint = theme.single_name, theme.joint_name
    extra = [("claimed", "Gain planned or expected, not yet shown (dotted)")] if claimed else []
    return extra + [
        (BoxKind.GREEN, "Single-agency: what a partner does on its own"),
        (BoxKind.RED, "Collaborative: what partners do together"),
        (
            BoxKind.SPLIT,
            f"Collaborative gain: {single} part alone, {joint} part added by working together",
        ),
        (BoxKind.UNSUPPORTED, "Warning: nothing leads to this outcome"),
        ("link", "leads to"),
        ("enhances", "joint work enhancing a partner's own"),
    ]


def _lanes(model: LogicModel, boxes: dict[str, Box]) -> list[Lane]:
    """Return the contribution lanes: joint work first, then each partner's own, in file order."""
    names = {partner.id: partner.display_name for partner in model.partners}
    keyed: dict[tuple[str, ...], Lane] = {}
    joint = Lane(TOGETHER, True, {stage: [] for stage in CONTRIBUTION_STAGES})
    for stage, contribution in model.contributions():
        box = boxes[contribution.id]
        if box.kind == "red":
            joint.cells[stage].append(box)
            continue
        partners = tuple(model.partners_of(contribution))
        if partners not in keyed:
            title = " and ".join(names[p] for p in partners)
            if len(partners) > 1:
                title += ", each on its own"
            keyed[partners] = Lane(title, False, {s: [] for s in CONTRIBUTION_STAGES}, partners)
        keyed[partners].cells[stage].append(box)
    order = {partner.id: index for index, partner in enumerate(model.partners)}
    own = sorted(keyed.items(), key=lambda item: [order[p] for p in item[0]])
    lanes = [lane for _, lane in own]
    if any(joint.cells.values()):
        lanes.insert(0, joint)
    return lanes


def _barycentre(box: Box, boxes: dict[str, Box]) -> float | None:
    """Return the mean centre height of the boxes already placed that feed a box."""
    # Boxes start at y = 0 and every placed box lies below the title, so y > 0 means placed.
    placed = [boxes[p].centre_y for p in box.predecessors if boxes[p].y > 0]
    return sum(placed) / len(placed) if placed else None


def _focus_box(model: LogicModel, x: float, width: float, size: float, brief: bool = False) -> Box:
    """Return the focus box: the partnership's name, type, focus, vision, lead and partners;
    only name, type, lead and the partner count if `brief` (a slide's narrow column)."""
    partnership = model.partnership
    inner = width - 2 * PAD
    parts = []
    if partnership.name:
        parts.append(partnership.name)
    if partnership.type:
        parts.append(f"Type: {partnership.type.value}")
    if partnership.focus and not brief:
        parts.append(f"Focus: {partnership.focus}")
    if partnership.vision and not brief:
        parts.append(f"Vision: {partnership.vision}")
    if partnership.lead:
        lead = next(p.display_name for p in model.partners if p.id == partnership.lead)
        parts.append(f"Lead: {lead}")
    if brief:
        count = len(model.partners)
        parts.append(f"{count} partner{'' if count == 1 else 's'}")
    else:
        partners = ", ".join(p.display_name for p in model.partners)
        parts.append(f"Partners: {partners}")
    lines: list[str] = []
    for part in parts:
        lines += wrap(part, inner, size)
    return Box("focus", "focus", x, width, Block(lines, size))


def _legend_item_width(text: str, size: float) -> float:
    """Return the width of one legend entry: swatch, gap, text, space before the next."""
    return 0.45 + text_width(text, size) + 0.3


def _legend_rows(items: list[tuple[str, str]], width: float, size: float) -> int:
    rows, x = 1, 0.0
    for _, text in items:
        item_w = _legend_item_width(text, size)
        if x + item_w > width and x > 0:
            rows, x = rows + 1, 0.0
        x += item_w
    return rows


def pad_to_aspect(width: float, height: float, aspect: float) -> tuple[float, float, float, float]:
    """Return width, height and the content's x and y offsets on a canvas padded to `aspect`
    (width / height; 0 pads nothing), the content centred."""
    if not aspect:
        return width, height, 0.0, 0.0
    padded_w, padded_h = max(width, height * aspect), max(height, width / aspect)
    return padded_w, padded_h, (padded_w - width) / 2, (padded_h - height) / 2


# ---------------------------------------------------------------- drawing


def generate(model: LogicModel, trace: Trace, options: Options) -> Figure | dict[str, Figure]:
    """Return the Figure 1 diagram (the registry's entry point); the registry saves it.

    A slide theme too small to read on one slide gives several, named by their suffix."""
    made = slides(model, trace, options.theme)
    if len(made) == 1:
        return made[0]
    return {f"-slide{number}": figure for number, figure in enumerate(made, start=1)}


def render(model: LogicModel, trace: Trace, theme: str = "classic") -> Figure:
    """Return the Figure 1 diagram of a model as a matplotlib Figure (nothing is shown)."""
    chosen = get_theme(theme)
    placed = layout(model, trace, chosen)
    whole: View = (
        0.0,
        placed.width - 2 * placed.offset_x,
        [(0.0, placed.height - 2 * placed.offset_y)],
    )
    return _draw(model, placed, chosen, whole)


View = tuple[float, float, list[tuple[float, float]]]  # x0, x1 and the y bands shown, stacked


def slides(model: LogicModel, trace: Trace, theme: str = "projector") -> list[Figure]:
    """Return the diagram as slides: one, or for a slide theme whose body text would be smaller
    than SLIDE_TEXT_PX on a 1920x1080 slide, the contributions and then the outcomes over as
    many slides as keep it that large, each under the column headings."""
    chosen = get_theme(theme)
    placed = layout(model, trace, chosen)
    right = placed.width - 2 * placed.offset_x
    whole: View = (0.0, right, [(0.0, placed.height - 2 * placed.offset_y)])
    if not chosen.aspect or slide_text_px(whole, chosen) >= SLIDE_TEXT_PX:
        return [_draw(model, placed, chosen, whole)]
    views = _slide_views(placed, chosen.font_size)
    # The focus box keeps to the first slide: its essentials, cut to the room that slide has.
    _, _, (_, (_, first_end), *_) = views[0]
    placed = replace(placed, focus=_slide_focus(model, placed.focus, first_end))
    return [_draw(model, placed, chosen, view) for view in views]


def _slide_focus(model: LogicModel, focus: Box, bottom: float) -> Box:
    """Return the focus box in brief (name, type, lead, partner count), its lines cut so that
    it ends above `bottom`, the last kept line marked as cut."""
    brief = _focus_box(model, focus.x, focus.width, focus.label.size, brief=True)
    brief.y = focus.y
    pitch = brief.label.size * LINE_PITCH / 72
    room = max(1, int((bottom - focus.y - 2 * PAD - 0.02) / pitch))
    lines = brief.label.lines
    if len(lines) > room:
        lines = [*lines[: room - 1], lines[room - 1].rstrip(" ,") + "\u2026"]
        brief.label = replace(brief.label, lines=lines)
    return brief


def _slide_views(placed: Layout, size: float) -> list[View]:
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


def _draw(model: LogicModel, placed: Layout, chosen: Theme, view: View) -> Figure:
    """Return a Figure showing a view of the diagram: its bands stacked, padded to the theme's
    shape."""
    x0, x1, bands = view
    content_h = sum(b - a for a, b in bands)
    width, height, offset_x, offset_y = pad_to_aspect(x1 - x0, content_h, chosen.aspect)
    figure = _figure_class()(figsize=(width, height), facecolor=chosen.background)
    figure.slide = bool(chosen.aspect)  # type: ignore[attr-defined]
    y = offset_y
    # The whole diagram fills the canvas; a slide's bands show only themselves, stacked.
    whole = len(bands) == 1 and bands[0][0] <= 0.0
    for band_top, band_bottom in bands:
        band_h = band_bottom - band_top
        frame = (
            (0.0, 0.0, 1.0, 1.0)
            if whole
            else (offset_x / width, 1 - (y + band_h) / height, (x1 - x0) / width, band_h / height)
        )
        axes = figure.add_axes(frame)
        if whole:
            axes.set_xlim(x0 - offset_x, x0 - offset_x + width)
            axes.set_ylim(band_top - offset_y + height, band_top - offset_y)
        else:
            axes.set_xlim(x0, x1)
            axes.set_ylim(band_bottom, band_top)
        axes.set_axis_off()
        _paint(axes, model, placed, chosen, _shows_focus(placed.focus, view))
        if not whole and band_top >= placed.content_top - 1e-6:
            _mark_cut_links(axes, placed, chosen, (x0, x1, band_top, band_bottom))
        y += band_h
    return figure


def _mark_cut_links(
    axes: Axes, placed: Layout, chosen: Theme, window: tuple[float, float, float, float]
) -> None:
    """Draw an outward arrowhead where a link leaves a slide at its side (the divider), so the
    audience sees it goes on to the other side's slides."""
    from matplotlib.collections import PolyCollection

    _, x1, top, bottom = window
    right = placed.width - 2 * placed.offset_x
    scale = chosen.font_size / 9.0 * chosen.line_weight
    length, half = 0.1 * scale, 0.04 * scale  # a little larger than a link's arrowhead
    marks = []
    # Only the contributions' slides end where links go on (at the divider); on the outcomes'
    # a line from the left edge plainly comes from somewhere, and a head there reads as its end.
    if x1 < right - 1e-6:
        for y in _edge_crossings(placed, x1, top, bottom):
            tip = x1 - 0.02  # just inside the slide, pointing out across the edge
            marks.append([(tip, y), (tip - length, y - half), (tip - length, y + half)])
    if marks:
        axes.add_artist(
            PolyCollection(
                marks,
                facecolors=chosen.link,
                edgecolors=chosen.background,
                linewidths=0.8,
                zorder=6,
                gid="continues",
            )
        )


def _edge_crossings(placed: Layout, x: float, top: float, bottom: float) -> list[float]:
    """Return the heights between top and bottom where a route crosses the upright line at x."""
    found = set()
    for points in placed.routes.values():
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            if abs(ay - by) < 1e-9 and min(ax, bx) < x < max(ax, bx) and top < ay < bottom:
                found.add(round(ay, 4))
    return sorted(found)


def _shows_focus(focus: Box, view: View) -> bool:
    """Return whether a view shows any of the focus box (else its heading is left out)."""
    x0, _, bands = view
    top, bottom = focus.y, focus.y + focus.height
    return x0 < focus.x + focus.width and any(a < bottom and b > top for a, b in bands)


@lru_cache(maxsize=1)
def _figure_class() -> type[Figure]:
    """Return a Figure whose SVG keeps text as text, so a label can be edited in Inkscape or
    PowerPoint, and is the same bytes every time it is saved."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    class Figure1(Figure):
        slide = False  # a slide theme's PNG is 1920 pixels wide, whatever dpi is asked

        def savefig(self, *args: Any, **kwargs: Any) -> None:
            if self.slide and kwargs.get("format", "png") == "png":
                # A hair over: older matplotlib truncates width x dpi, so 1919.9999 would
                # give a PNG one pixel short of the slide.
                kwargs["dpi"] = SLIDE[0] / self.get_figwidth() * (1 + 1e-9)
            with rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "none"}):
                super().savefig(*args, **kwargs)

    return Figure1


def _paint(
    axes: Axes, model: LogicModel, placed: Layout, chosen: Theme, focus_heading: bool = True
) -> None:
    """Draw the whole diagram onto axes; the axes' limits say what part shows."""
    painter = _Painter(axes, chosen)
    painter.frame(model, placed, focus_heading)
    for lane in placed.lanes:
        painter.lane(lane, placed)
    painter.links(model, placed)
    painter.box(placed.focus, label_colour=chosen.focus_text)
    for box in placed.boxes.values():
        painter.box(box)
    painter.legend(placed)


class _Painter:
    """Draws layout parts onto matplotlib axes whose units are inches, y downwards."""

    def __init__(self, axes: Axes, theme: Theme) -> None:
        self.axes = axes
        self.theme = theme
        # Thicker lines go with larger type, and thicker still for a slide.
        self.line_scale = theme.font_size / 9.0 * theme.line_weight

    def text(self, x: float, y: float, block: Block, colour: str, gid: str, **kw: object) -> None:
        """Draw a block line by line from (x, y), its top-left corner."""
        pitch = block.size * LINE_PITCH / 72
        for number, line in enumerate(block.lines):
            self.axes.text(
                x,
                y + number * pitch + (pitch - block.size / 72) / 2,
                line,
                fontsize=block.size,
                fontfamily="DejaVu Sans",
                fontweight="bold" if block.bold else "normal",
                fontstyle="italic" if block.italic else "normal",
                color=colour,
                va="top",
                ha=kw.get("ha", "left"),
                parse_math=False,  # a label is plain text: "$5 and $10" is money, not maths
                gid=f"{gid}:{number}",
                zorder=5,
                clip_on=True,  # a slide's band of the diagram shows only its own texts
            )

    def rect(self, x: float, y: float, w: float, h: float, hatch: str = "", **kw: Any) -> None:
        """Draw a rectangle; hatching goes on a patch of its own in the theme's hatch colour."""
        from matplotlib.patches import Rectangle

        self.axes.add_artist(Rectangle((x, y), w, h, **kw))
        if hatch:
            # Hatching in the edge colour (black) would cross out the text; a lighter overlay
            # marks collaborative parts and leaves labels readable.
            self.axes.add_artist(
                Rectangle(
                    (x, y),
                    w,
                    h,
                    facecolor="none",
                    edgecolor=self.theme.hatch_colour,
                    hatch=hatch,
                    linewidth=0,
                    zorder=kw.get("zorder", 3) + 0.1,
                    gid=f"{kw['gid']}:hatch" if kw.get("gid") else None,
                )
            )

    def box(self, box: Box, label_colour: str | None = None) -> None:
        t = self.theme
        fills = {
            "green": (t.green_fill, t.green_edge, ""),
            "red": (t.red_fill, t.red_edge, t.red_hatch),
            "split": (t.green_fill, t.green_edge, ""),
            "unsupported": (t.warning_fill, t.warning_edge, ""),
            "focus": (t.focus_fill, t.focus_edge, ""),
        }
        fill, edge, hatch = fills[box.kind]
        style = "--" if box.kind == "unsupported" else ":" if box.claimed else "-"
        width = 2.2 if box.kind == "unsupported" or box.claimed else 1.1
        text_colour = label_colour or (t.muted_text if box.kind == "unsupported" else t.text)
        self.rect(
            box.x,
            box.y,
            box.width,
            box.height,
            facecolor=fill,
            edgecolor=edge,
            hatch=hatch,
            linewidth=width * t.line_weight,
            linestyle=style,
            zorder=3,
            gid=f"box:{box.id}",
        )
        self.text(box.x + PAD, box.y + PAD, box.label, text_colour, f"text:{box.id}:label")
        if box.gain is None:
            return
        gain_y = box.y + box.label_height
        if box.kind == "split":
            self.rect(
                box.x,
                gain_y,
                box.width,
                box.gain_height,
                facecolor=t.red_fill,
                edgecolor=t.red_edge,
                hatch=t.red_hatch,
                linewidth=1.1,
                zorder=3,
                gid=f"box:{box.id}:gain",
            )
        self.text(box.x + PAD, gain_y + PAD, box.gain, text_colour, f"text:{box.id}:gain")

    def frame(self, model: LogicModel, placed: Layout, focus_heading: bool = True) -> None:
        t = self.theme
        self.text(MARGIN, MARGIN, placed.title, t.muted_text, "text:title")
        self.text(
            MARGIN, MARGIN + placed.title.height(), placed.subtitle, t.muted_text, "text:subtitle"
        )
        size = t.font_size * 1.05
        headers = [("focus", placed.focus.x, "Partnership focus\nand status")]
        headers = headers if focus_heading else []
        headers += [(s.value, x, COLUMN_TITLES[s]) for s, x in placed.columns.items()]
        for key, x, title in headers:
            block = Block(title.split("\n"), size, bold=True)
            self.text(x, placed.header_y, block, t.muted_text, f"text:header:{key}")
        self.axes.plot(
            [placed.divider_x, placed.divider_x],
            [placed.header_y, placed.content_bottom],
            color=t.divider,
            linewidth=2.5,
            zorder=1,
        )

    def lane(self, lane: Lane, placed: Layout) -> None:
        t = self.theme
        left = placed.columns[Stage.INPUTS] - PAD * 2
        right = placed.columns[Stage.OUTPUTS] + placed.focus.width + PAD * 2
        self.rect(
            left,
            lane.y,
            right - left,
            lane.height,
            facecolor=t.red_lane if lane.joint else t.green_lane,
            edgecolor=t.red_edge if lane.joint else t.green_edge,
            linewidth=0.6,
            zorder=0,
            gid=f"lane:{lane.title}",
        )
        self.text(
            left + PAD,
            lane.y + PAD / 2,
            _lane_title(lane.title, Spacing.of(t)),
            t.muted_text,
            f"text:lane:{lane.title}",
        )

    def links(self, model: LogicModel, placed: Layout) -> None:
        """Draw every routed link: grey leads-to lines, then dashed enhances routes on top."""
        from matplotlib.collections import PolyCollection
        from matplotlib.lines import Line2D

        t = self.theme
        heads: dict[bool, list[list[Point]]] = {False: [], True: []}
        length, half = 0.09 * self.line_scale, 0.035 * self.line_scale
        for gid, points in placed.routes.items():
            enhances = gid.startswith("enhances:")
            xs, ys = zip(*points, strict=True)
            # Added as artists, not plotted: the limits are set, and 500 links stay quick.
            self.axes.add_artist(
                Line2D(
                    xs,
                    ys,
                    color=t.enhances if enhances else t.link,
                    linewidth=(1.6 if enhances else 0.9) * self.line_scale,
                    linestyle=(0, (4, 2)) if enhances else "-",
                    solid_joinstyle="miter",
                    zorder=2.5 if enhances else 2,
                    gid=gid,
                )
            )
            (ax, _), (bx, by) = points[-2], points[-1]
            sign = 1.0 if bx >= ax else -1.0  # every route ends on a box's side: horizontally
            heads[enhances].append(
                [(bx, by), (bx - sign * length, by - half), (bx - sign * length, by + half)]
            )
        for enhances, triangles in heads.items():
            if triangles:
                colour = t.enhances if enhances else t.link
                self.axes.add_artist(
                    PolyCollection(
                        triangles,
                        facecolors=colour,
                        edgecolors=colour,
                        linewidths=0.5,
                        zorder=2.6 if enhances else 2.1,
                        gid="arrowheads:enhances" if enhances else "arrowheads:links",
                    )
                )
        for target in placed.enhanced:
            # Red touching green: a tab on the enhanced box's left edge.
            box = placed.boxes[target]
            self.rect(
                box.x - TAB,
                box.y,
                TAB,
                box.height,
                facecolor=t.enhances,
                edgecolor="none",
                zorder=3,
                gid=f"tab:{target}",
            )

    def legend(self, placed: Layout) -> None:
        t = self.theme
        size = t.font_size
        x, y = MARGIN, placed.legend_y
        row_h = size * LINE_PITCH / 72 + 0.12 * size / 9
        swatch_h = size * LINE_PITCH / 72
        limit = MARGIN + placed.legend_width
        for kind, text in placed.legend_items:
            item_w = _legend_item_width(text, size)
            if x + item_w > limit and x > MARGIN:
                x, y = MARGIN, y + row_h
            if kind in ("link", "enhances"):
                colour = t.link if kind == "link" else t.enhances
                self.axes.annotate(
                    "",
                    xy=(x + 0.38, y + swatch_h / 2),
                    xytext=(x, y + swatch_h / 2),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": colour,
                        "linestyle": "--" if kind == "enhances" else "-",
                        "linewidth": 1.6 if kind == "enhances" else 0.9,
                    },
                )
            else:
                self._swatch(kind, x, y, 0.38, swatch_h)
            self.text(x + 0.45, y, Block([text], size), t.muted_text, f"text:legend:{kind}")
            x += item_w

    def _swatch(self, kind: str, x: float, y: float, w: float, h: float) -> None:
        t = self.theme
        if kind == "split":
            self.rect(x, y, w, h / 2, facecolor=t.green_fill, edgecolor=t.green_edge, zorder=3)
            self.rect(
                x,
                y + h / 2,
                w,
                h / 2,
                facecolor=t.red_fill,
                edgecolor=t.red_edge,
                hatch=t.red_hatch,
                zorder=3,
            )
            return
        fill, edge, hatch, style = {
            "claimed": (t.background, t.muted_text, "", ":"),
            "green": (t.green_fill, t.green_edge, "", "-"),
            "red": (t.red_fill, t.red_edge, t.red_hatch, "-"),
            "unsupported": (t.warning_fill, t.warning_edge, "", "--"),
        }[kind]
        self.rect(
            x, y, w, h, facecolor=fill, edgecolor=edge, hatch=hatch, linestyle=style, zorder=3
        )
