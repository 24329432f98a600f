"""Figure 1's layout: where every box, lane, column, heading and link goes, in inches.

Layout is computed before anything is drawn, so Figure 1, the html view's SVG, the diff
picture, the slides and the exports' box positions all read one placed diagram. Text is
measured and wrapped to the box, so boxes fit their text for 3 elements or 500; the order of
lanes and boxes is refined by crossing reduction (`ordering`) and links are routed in the gaps
between boxes (`routes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from logicmodel.analysis.tracing import Trace
from logicmodel.models import (
    CONTRIBUTION_STAGES,
    OUTCOME_STAGES,
    Contribution,
    LogicModel,
    Outcome,
    Stage,
)
from logicmodel.renderers.drawing import MARGIN, pad_to_aspect
from logicmodel.renderers.export_fields import (
    CLAIMED,
    GAIN_FALLBACK,
    UNSUPPORTED_NOTE,
    BoxKind,
    box_kinds,
)
from logicmodel.renderers.link_marks import legend_items as link_legend_items
from logicmodel.renderers.ordering import STAGES, Order, reduce_crossings
from logicmodel.renderers.routes import Column, Grid, Point, Rect, Request, route
from logicmodel.renderers.routes import crossings as route_crossings
from logicmodel.renderers.text import LINE_PITCH, Block, text_width, wrap
from logicmodel.renderers.theme_bands import gap_after, gap_before, group_by_theme
from logicmodel.renderers.themes import Theme

COLUMN_TITLES = {
    Stage.INPUTS: "Inputs",
    Stage.ACTIVITIES: "Activities",
    Stage.OUTPUTS: "Outputs",
    Stage.INTERIM: "Interim outcomes\n(short term)",
    Stage.INTERMEDIATE: "Intermediate outcomes\n(medium term)",
    Stage.ULTIMATE: "Ultimate outcomes\n(long term)",
}
FOCUS_TITLE = "Partnership focus\nand status"
TOGETHER = "Working together"

# Spacing in inches, scaled by the theme's type size over the classic 9 pt.
PAD = 0.07
BOX_GAP = 0.12
LANE_GAP = 0.16
GUTTER = 0.75
SIDE_GAP = 0.45
TAB = 0.06  # the red tab on the left of a box that joint work enhances
SWEEPS = 8  # rounds of exchanges of neighbouring boxes that reduce crossings
ROUTE_BAND = 0.25
LEGEND_SWATCH = 0.45  # the swatch and the gap after it, before an entry's text
LEGEND_GAP = 0.1  # between stacked entries of the key, at 9 pt
ROUTED_CHOICE = 150  # up to this many boxes, drawn crossings choose how many rounds to keep


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
    theme: str | None = None  # the element's heading: its theme's boxes are kept together

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
    legend_x: float = MARGIN
    legend_stacked: bool = False  # one entry under another, in the focus column (a slide)
    empty: tuple[Stage, ...] = ()  # stages with no element: no column drawn, a note says so


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
    spacing: float = 1.0  # the theme's multiple of the classic gaps

    @classmethod
    def of(cls, theme: Theme) -> Spacing:
        """Return the spacing a theme's type size and box width make."""
        size, scale = theme.font_size, theme.font_size / 9.0
        return cls(
            size=size,
            scale=scale,
            box_w=theme.box_width,
            inner=theme.box_width - 2 * PAD,
            gutter=theme.gutter * scale,
            box_gap=BOX_GAP * scale * theme.spacing,
            lane_gap=LANE_GAP * scale * theme.spacing,
            lane_title_h=size * LINE_PITCH / 72 + PAD,
            spacing=theme.spacing,
        )


def layout(
    model: LogicModel,
    trace: Trace,
    theme: Theme,
    sweeps: int = SWEEPS,
    key_under_focus: bool = False,
    every_column: bool = False,
) -> Layout:
    """Return the placed diagram for a model: lanes, columns, boxes, routes and legend.

    Lanes follow the file's partners and boxes the file's order; `sweeps` rounds of exchanges
    of neighbouring boxes then reduce crossings (0 keeps the file's order). `key_under_focus`
    stacks the key under the focus box (a slide has no height to spare), not across the foot.
    `every_column` draws the empty stages' columns too (the editor adds to them).
    """
    space = Spacing.of(theme)
    focus_x, columns, divider_x, width, empty = _place_columns(space, model, every_column)
    boxes = _make_boxes(model, trace, columns, space)
    title, subtitle, header_y, content_top = _title_block(model, trace, theme, width, space, empty)
    lanes = _lanes(model, boxes)
    outcomes = {s: [boxes[e.id] for e in model.stage_elements(s)] for s in OUTCOME_STAGES}
    focus = focus_box(model, focus_x, space.box_w, space.size)
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
        legend_items=legend_items + link_legend_items(model),  # renderers/link_marks.py
        legend_stacked=key_under_focus,
        empty=empty,
    )

    def heights(order: Order) -> dict[str, float]:
        _apply(order)
        lanes_bottom = _stack_lanes(order.lanes, content_top, space)
        floor = max(lanes_bottom, content_top + focus.height) if theme.aspect else None
        _place_outcomes(order.outcomes, boxes, content_top, space, floor)
        return {key: box.centre_y for key, box in boxes.items()}

    if not sweeps:
        return _finish(model, frame, Order.of(lanes, outcomes), theme, space)
    rounds = reduce_crossings(model, lanes, outcomes, sweeps, heights)
    if len(boxes) > ROUTED_CHOICE:
        return _finish(model, frame, rounds[-1], theme, space)
    # Rank crossings choose each move; the drawn links' crossings decide how many rounds to
    # keep: the first round after which they are fewest (the file's order if none helps).
    return _fewest_crossings(model, frame, rounds, theme, space)


def _fewest_crossings(
    model: LogicModel, frame: Layout, rounds: list[Order], theme: Theme, space: Spacing
) -> Layout:
    """Return the diagram finished in the first of the rounds' orders whose drawn links cross
    least."""
    # Outcome boxes are placed near what feeds them, read from the boxes' present heights, so
    # each order starts from the same heights: else the order finished again would differ
    # from the one counted.
    start_y = {key: box.y for key, box in frame.boxes.items()}

    def finish(order: Order) -> Layout:
        for key, box in frame.boxes.items():
            box.y = start_y[key]
        return _finish(model, frame, order, theme, space)

    counts = [crossings(finish(order)) for order in rounds]
    best = counts.index(min(counts))
    return finish(rounds[best])


def _apply(order: Order) -> None:
    """Give each lane its cells in an order."""
    for lane in order.lanes:
        lane.cells = {s: list(c) for s, c in order.cells[id(lane)].items()}


def _finish(model: LogicModel, frame: Layout, order: Order, theme: Theme, space: Spacing) -> Layout:
    """Return the diagram placed in an order: boxes stacked, canvas sized, links routed."""
    group_by_theme(cell for _, cell in order.groups())
    _apply(order)
    top = frame.content_top
    contributions_bottom = _stack_lanes(order.lanes, top, space)
    # A slide's outcomes end with its contributions where they can: it has no height to spare.
    floor = max(contributions_bottom, top + frame.focus.height) if theme.aspect else None
    outcomes_bottom = _place_outcomes(order.outcomes, frame.boxes, top, space, floor)
    content_bottom = max(contributions_bottom, outcomes_bottom, top + frame.focus.height)
    width = frame.width
    legend_x, legend_width = MARGIN, width - 2 * MARGIN
    if frame.legend_stacked:
        # A slide has height to spare nowhere but under the focus box: the key goes there.
        focus = frame.focus
        legend_x, legend_width = focus.x, focus.width
        legend_y = top + focus.height + 0.3 * space.scale
        stacked = legend_entries(frame.legend_items, legend_width, space.size)
        legend_h = sum(block.height() + LEGEND_GAP * space.scale for _, block in stacked)
        content_bottom = max(content_bottom, legend_y + legend_h)
        height = content_bottom + ROUTE_BAND * space.scale + MARGIN
    else:
        # Below the lowest box runs a channel that routes may use to pass a full column.
        legend_y = content_bottom + (ROUTE_BAND + 0.3) * space.scale
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
        legend_x=legend_x,
    )
    _route_links(model, placed, space)
    return placed


def _route_links(model: LogicModel, placed: Layout, space: Spacing) -> None:
    """Route every link of a placed diagram in the gaps between its boxes; store the routes."""
    requests = _link_requests(model, placed)
    boxes, rects = _obstacles(placed, space)
    grid = Grid(
        columns=_route_columns(placed, space),
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


def _link_requests(model: LogicModel, placed: Layout) -> list[Request]:
    """Return a request per link, leads-to and enhances, and note each box that joint work
    enhances (it gets a tab)."""
    column_of = {stage: number + 1 for number, stage in enumerate(drawn_stages(placed))}
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
    return requests


def _obstacles(placed: Layout, space: Spacing) -> tuple[dict[str, Rect], list[tuple[str, Rect]]]:
    """Return the element boxes (tabs included) by id, and everything routes must not touch:
    those boxes, the focus box and the lanes' titles."""
    boxes: dict[str, Rect] = {}
    for key, box in placed.boxes.items():
        left = box.x - TAB if key in placed.enhanced else box.x
        boxes[key] = (left, box.y, box.x + box.width, box.y + box.height)
    focus = placed.focus
    rects: list[tuple[str, Rect]] = list(boxes.items())
    rects.append(("focus", (focus.x, focus.y, focus.x + focus.width, focus.y + focus.height)))
    if placed.legend_stacked:
        x0, y0 = placed.legend_x, placed.legend_y
        rects.append(("legend", (x0, y0, x0 + placed.legend_width, placed.content_bottom)))
    for lane in placed.lanes:
        title = lane_title(lane.title, space)
        x = placed.columns[Stage.INPUTS] - PAD
        w = text_width(title.lines[0], title.size, bold=True)
        rects.append(
            (f"lane:{lane.title}", (x, lane.y + PAD / 2, x + w, lane.y + PAD / 2 + title.height()))
        )
    return boxes, rects


def _route_columns(placed: Layout, space: Spacing) -> list[Column]:
    """Return the columns routes run between, focus first, each with the gutter on its right."""
    focus = placed.focus
    xs = [(focus.x, focus.x + focus.width)]
    xs += [(placed.columns[s], placed.columns[s] + space.box_w) for s in drawn_stages(placed)]
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
    return columns


def lane_title(title: str, space: Spacing) -> Block:
    """Return a lane's title as drawn: bold, wrapped to the inputs column, so that routes in
    the gutters beside it never strike through it."""
    return Block(wrap(title, space.box_w, space.size, bold=True), space.size, bold=True)


def _place_columns(
    space: Spacing, model: LogicModel, every_column: bool = False
) -> tuple[float, dict[Stage, float], float, float, tuple[Stage, ...]]:
    """Return the focus column's x, each stage's x, the divider's x, the content width and
    the empty stages.

    Left to right: focus | inputs | activities | outputs || interim | intermediate | ultimate.
    An empty stage takes no width: it shares the x of a drawn neighbour on its side of the
    divider (the one before it, else the one after), so the lanes span only drawn columns.
    """
    empty = tuple(s for s in STAGES if not every_column and not model.stage_elements(s))
    x = MARGIN
    focus_x = x
    x += space.box_w + space.gutter
    columns: dict[Stage, float] = {}
    side_gap = SIDE_GAP * space.scale * space.spacing
    divider_x = x
    for side in (CONTRIBUTION_STAGES, OUTCOME_STAGES):
        if side is OUTCOME_STAGES:
            divider_x = x - space.gutter / 2 + side_gap / 2
            x += side_gap
        for stage in side:
            columns[stage] = x
            if stage not in empty:
                x += space.box_w + space.gutter
        drawn = [columns[stage] for stage in side if stage not in empty]
        for stage in side:
            if stage in empty and drawn:
                before = [at for at in drawn if at < columns[stage]]
                columns[stage] = before[-1] if before else drawn[0]
    return focus_x, columns, divider_x, x - space.gutter + MARGIN, empty


def drawn_stages(placed: Layout) -> list[Stage]:
    """Return the stages whose columns a diagram draws, left to right."""
    return [stage for stage in STAGES if stage not in placed.empty]


def empty_note(empty: tuple[Stage, ...]) -> str:
    """Return the note naming a diagram's empty stages, or '' when every stage has elements."""
    if not empty:
        return ""
    names = [COLUMN_TITLES[stage].replace("\n", " ").lower() for stage in empty]
    return "Nothing yet in: " + ", ".join(names)


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
    # With no contributions at all every outcome would carry the note: the stage note says it once.
    warn = any(True for _ in model.contributions())
    for stage, element in model.elements():
        kind = kinds[element.id]
        gain_text = element.gain if isinstance(element, Outcome) else None
        label = Block(wrap(element.label, inner, size), size)
        gain = None
        if kind == BoxKind.SPLIT:
            gain_text = gain_text or GAIN_FALLBACK
        if kind == BoxKind.UNSUPPORTED and warn:
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
            theme=element.theme,
        )
    return boxes


def _title_block(
    model: LogicModel,
    trace: Trace,
    theme: Theme,
    width: float,
    space: Spacing,
    empty: tuple[Stage, ...] = (),
) -> tuple[Block, Block, float, float]:
    """Return the title, the subtitle, where the column headings go and where content starts."""
    title_w = width - 2 * MARGIN
    title = Block(
        wrap(model.title, title_w, theme.title_size, bold=True), theme.title_size, bold=True
    )
    sub_parts = [p for p in (model.area, model.partnership.name) if p]
    sub_parts.append(trace.summary())
    sub_size = space.size * 1.1
    lines = wrap("  \u00b7  ".join(sub_parts), title_w, sub_size)
    note = empty_note(empty)
    subtitle = Block(lines + (wrap(note, title_w, sub_size) if note else []), sub_size)
    header_y = MARGIN + title.height() + subtitle.height() + 0.15 * space.scale
    header_h = 2 * space.size * 1.05 * LINE_PITCH / 72 + 0.1 * space.scale
    return title, subtitle, header_y, header_y + header_h + 0.1 * space.scale


def _stack_lanes(lanes: list[Lane], top: float, space: Spacing) -> float:
    """Stack the contribution lanes from `top`, boxes in each cell in their present order;
    return the bottom of the last lane."""
    y = top
    for lane in lanes:
        lane.y = y
        # The title sits above the inputs; the other columns start a line below the lane's top.
        title_h = lane_title(lane.title, space).height() + PAD
        tallest = 0.0
        for stage in CONTRIBUTION_STAGES:
            cell = lane.cells[stage]
            cell_top = y + (title_h if stage == Stage.INPUTS else space.lane_title_h)
            cy = cell_top
            for previous, box in zip([None, *cell], cell, strict=False):
                box.y = cy + gap_before(previous, box, space.size)
                cy = box.y + box.height + space.box_gap
            cy += gap_after(cell[-1] if cell else None)
            tallest = max(tallest, cy - y, title_h + space.box_gap)
        lane.height = tallest + PAD
        y += lane.height + space.lane_gap
    return y - space.lane_gap


def _place_outcomes(
    outcomes: dict[Stage, list[Box]],
    boxes: dict[str, Box],
    top: float,
    space: Spacing,
    floor: float | None = None,
) -> float:
    """Place each outcome column in its order, each box near what feeds it to keep links
    short; return the bottom. With a `floor`, a column reaching below it is pulled up to end
    there (or as high as its boxes stacked allow), its order kept: a slide has no height to
    spare."""
    bottom = top
    for stage in OUTCOME_STAGES:
        cy = top
        column = outcomes[stage]
        # Room above each box: for its theme's heading and band (above and below its boxes),
        # and for the arrow dropping into a box fed by the one right above it.
        extras = [
            gap_before(above, box, space.size)
            + (space.box_gap * 2.0 if above is not None and above.id in box.predecessors else 0.0)
            for above, box in zip([None, *column], column, strict=False)
        ]
        for box, extra in zip(column, extras, strict=True):
            wanted_y = _barycentre(box, boxes)
            box_top = wanted_y - box.height / 2 if wanted_y is not None else cy
            box.y = max(cy + extra, box_top)
            cy = box.y + box.height + space.box_gap
        if floor is not None and column:
            stacked = top + sum(
                b.height + space.box_gap + e for b, e in zip(column, extras, strict=True)
            )
            limit = max(floor, stacked - space.box_gap)
            for box, extra in zip(reversed(column), reversed(extras), strict=True):
                box.y = min(box.y, limit - box.height)
                limit = box.y - space.box_gap - extra
            cy = max(box.y + box.height for box in column) + space.box_gap
        cy += gap_after(column[-1] if column else None)
        bottom = max(bottom, cy - space.box_gap)
    return bottom


def crossings(placed: Layout) -> int:
    """Return how many times two of a placed diagram's drawn links cross one another."""
    return route_crossings(placed.routes.values())


def _legend_items(theme: Theme, claimed: bool = False) -> list[tuple[str, str]]:
    """Return the legend's entries: each box kind and link, in the theme's own colour words;
    the dotted outline of a claimed gain only when some outcome has one."""
    single, joint = theme.single_name, theme.joint_name
    hatched = " (hatched)" if theme.red_hatch else ""
    extra = [("claimed", "Gain planned or expected, not yet shown (dotted)")] if claimed else []
    return extra + [
        (BoxKind.GREEN, "Single-agency: what a partner does on its own"),
        (BoxKind.RED, f"Collaborative{hatched}: joint work of partners"),
        (
            BoxKind.SPLIT,
            f"Collaborative gain: {single} part alone, {joint} part added by working together",
        ),
        (BoxKind.UNSUPPORTED, "Warning: no contribution upstream"),
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


def focus_box(model: LogicModel, x: float, width: float, size: float, brief: bool = False) -> Box:
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


def legend_item_width(text: str, size: float) -> float:
    """Return the width of one legend entry: swatch, gap, text, space before the next."""
    return 0.45 + text_width(text, size) + 0.3


def legend_entries(
    items: list[tuple[str, str]], width: float, size: float
) -> list[tuple[str, Block]]:
    """Return the key's entries stacked one under another in `width` inches: each kind with
    its text wrapped beside the swatch."""
    return [(kind, Block(wrap(text, width - LEGEND_SWATCH, size), size)) for kind, text in items]


def _legend_rows(items: list[tuple[str, str]], width: float, size: float) -> int:
    """Return how many rows the legend's entries take in `width` inches."""
    rows, x = 1, 0.0
    for _, text in items:
        item_w = legend_item_width(text, size)
        if x + item_w > width and x > 0:
            rows, x = rows + 1, 0.0
        x += item_w
    return rows


__all__ = [
    "BOX_GAP",
    "COLUMN_TITLES",
    "FOCUS_TITLE",
    "GUTTER",
    "LANE_GAP",
    "LEGEND_GAP",
    "LEGEND_SWATCH",
    "PAD",
    "ROUTED_CHOICE",
    "ROUTE_BAND",
    "SIDE_GAP",
    "SWEEPS",
    "TAB",
    "TOGETHER",
    "Box",
    "Lane",
    "Layout",
    "Spacing",
    "crossings",
    "drawn_stages",
    "empty_note",
    "focus_box",
    "lane_title",
    "layout",
    "legend_entries",
    "legend_item_width",
]
