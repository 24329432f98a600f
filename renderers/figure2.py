"""The Figure 2 view: collaborative activities -> processes and benefits -> results (matplotlib).

Three columns list the research's categories as boxes, the model's joint work under each as
small boxes coloured as in Figure 1; as in the research's own list, single-agency work is not
drawn (the footnote counts it). Empty categories stay visible, drawn dashed: which collaborative
activities is the partnership not doing? Joint work without a `category` is listed in a band
under the columns, "not yet placed", never guessed into one. The results are the study's three;
the masterclass's names for two of them head the box they are drawn in, so that one saving is
one result. Every box and text carries a gid (`category:<id>`, `element:<id>`, `unplaced`,
`text:...`) so tests can read it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from logicmodel.analysis.categories import CategoryBox, ColumnBox, Figure2, Placed, place
from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.models.categories import SOURCE
from logicmodel.renderers.drawing import Painter, pad_to_aspect
from logicmodel.renderers.export_fields import BOX_KINDS, BoxKind
from logicmodel.renderers.options import Options
from logicmodel.renderers.text import Block, text_width, wrap
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TITLE = "Designing and delivering collaborative gain"
EMPTY = "none yet"
UNPLACED = "Not yet placed: joint work without a category (logicmodel categories lists them)"
# What the arrows between the columns say, after the research's wording.
ARROWS = ("generate", "result in")

# Inches at the classic 9 pt; every other theme scales them by its type size.
MARGIN = 0.35
PAD = 0.07
GAP = 0.1  # between category boxes
CHIP_GAP = 0.05  # between element boxes inside a category
GUTTER = 0.7  # between columns, room for an arrow and its word
COLUMN_W = 3.1
SPLIT_STRIP = 0.14  # the green strip at the left of a collaborative-gain element


@dataclass
class Chip:
    """One element drawn inside a category box (or the band of work not yet placed)."""

    placed: Placed
    kind: BoxKind
    lines: Block
    pad: float
    y: float = 0.0
    x: float = 0.0  # from the left of its cell, until the cell is placed

    def height(self) -> float:
        """Return the chip's height in inches."""
        return self.lines.height() + 2 * self.pad


@dataclass
class Cell:
    """A category box, or the band of joint work not yet placed, with its chips."""

    gid: str
    heading: Block
    chips: list[Chip]
    empty: Block | None  # "none yet", for a category with nothing in it
    aside: Block | None = None  # the masterclass's words for the same result
    y: float = 0.0
    height: float = 0.0
    x: float = 0.0
    width: float = 0.0


@dataclass
class Col:
    """One column: its heading and cells, placed at x."""

    key: str
    x: float
    heading: Block
    width: float
    cells: list[Cell] = field(default_factory=list)
    heading_h: float = 0.0


@dataclass
class Layout:
    """Everything placed, in inches from the top-left corner, y growing downwards."""

    width: float
    height: float
    offset_x: float
    offset_y: float
    column_w: float
    title: Block
    subtitle: Block
    columns: list[Col]
    heading_y: float
    unplaced: Cell | None
    notes: Block
    notes_y: float
    scale: float


def _kind(placed: Placed) -> BoxKind:
    """Return how Figure 1 draws this element, so both figures colour it the same way."""
    return BOX_KINDS[placed.element_class]


def layout(model: LogicModel, figure: Figure2, theme: Theme) -> Layout:
    """Return the placed Figure 2 for a model: columns, category boxes, elements and notes.

    A theme with an aspect (the projector's 16:9) flows each column's boxes into up to three
    sub-columns, whichever count comes nearest the aspect: one tall column each would leave a
    slide mostly empty and its type small.
    """
    s = theme.font_size / 9.0
    size = theme.font_size
    column_w, pad = COLUMN_W * theme.box_width / 1.9, PAD * s
    inner = column_w - 2 * pad
    headings = [
        Block(wrap(column.title, inner, size * 1.1, bold=True), size * 1.1, True)
        for column in figure.columns
    ]
    cells = [_cells(column, inner, size, pad, s) for column in figure.columns]
    best: Layout | None = None
    for split in (1, 2, 3) if theme.aspect else (1,):
        made = _arrange(model, figure, theme, headings, cells, split, column_w)
        if best is None or _misfit(made, theme.aspect) < _misfit(best, theme.aspect):
            best = made
    assert best is not None
    return best


def _misfit(placed: Layout, aspect: float) -> float:
    """Return how far a layout's content is from the aspect: 0 is a perfect fit."""
    content_w = placed.width - 2 * placed.offset_x
    content_h = placed.height - 2 * placed.offset_y
    return abs(content_w / content_h - aspect)


def _cells(column: ColumnBox, inner: float, size: float, pad: float, s: float) -> list[Cell]:
    """Return a column's category boxes, measured but not yet placed."""
    chip_inner = inner - 2 * pad - SPLIT_STRIP * s
    found: list[Cell] = []
    for box in column.categories:
        chips = [_chip(p, chip_inner, size * 0.9, pad) for p in box.elements]
        empty = None if chips else Block([EMPTY], size * 0.85, italic=True)
        head = Block(wrap(box.label, inner, size, bold=True), size, True)
        cell = Cell(f"category:{box.id}", head, chips, empty, _aside(box, inner, size))
        _stack(cell, pad, s)
        found.append(cell)
    return found


def _aside(box: CategoryBox, width: float, size: float) -> Block | None:
    """Return the masterclass's words for a result, under its heading, or None."""
    if not box.synonyms:
        return None
    words = "Masterclass: " + "; ".join(word.lower() for word in box.synonyms)
    return Block(wrap(words, width, size * 0.85, italic=True), size * 0.85, italic=True)


def _arrange(
    model: LogicModel,
    figure: Figure2,
    theme: Theme,
    headings: list[Block],
    cells: list[list[Cell]],
    split: int,
    column_w: float,
) -> Layout:
    """Return the layout with each column's boxes flowed into `split` sub-columns."""
    s, size = theme.font_size / 9.0, theme.font_size
    pad, gap, sub_gap = PAD * s, GAP * s, 2 * GAP * s
    wide = split * column_w + (split - 1) * sub_gap
    width = 2 * MARGIN * s + 3 * wide + 2 * GUTTER * s
    title_size = theme.title_size
    title = Block(wrap(TITLE, width - 2 * MARGIN * s, title_size, bold=True), title_size, True)
    subtitle = Block(wrap(model.title, width - 2 * MARGIN * s, size), size)
    heading_y = MARGIN * s + title.height() + subtitle.height() + 0.2 * s
    # One heading height for all three, so the first categories line up across the columns.
    heading_h = max(heading.height() for heading in headings) + 2 * pad
    columns: list[Col] = []
    bottom = heading_y + heading_h
    lanes: list[float] = []  # the left of every sub-column, for the band below
    for number, column in enumerate(figure.columns):
        x = MARGIN * s + number * (wide + GUTTER * s)
        lanes += [x + part * (column_w + sub_gap) for part in range(split)]
        col = Col(column.key, x, headings[number], wide, heading_h=heading_h)
        top = heading_y + heading_h + gap
        bottom = max(bottom, _flow(col, cells[number], top, split, column_w, s))
        columns.append(col)
    band = None
    if figure.unplaced:
        band = _band(figure.unplaced, lanes, column_w, bottom + 2 * gap, size, s)
        bottom = band.y + band.height
    notes = Block(wrap(_notes(figure), width - 2 * MARGIN * s, size * 0.85), size * 0.85)
    notes_y = bottom + 0.2 * s
    height = notes_y + notes.height() + MARGIN * s
    padded_w, padded_h, off_x, off_y = pad_to_aspect(width, height, theme.aspect)
    return Layout(
        padded_w,
        padded_h,
        off_x,
        off_y,
        column_w,
        title,
        subtitle,
        columns,
        heading_y,
        band,
        notes,
        notes_y,
        s,
    )


def _flow(col: Col, cells: list[Cell], top: float, split: int, column_w: float, s: float) -> float:
    """Place a column's cells from `top` down `split` sub-columns; return the lowest bottom."""
    gap, sub_gap = GAP * s, 2 * GAP * s
    total = sum(cell.height + gap for cell in cells)
    part, y, bottom = 0, top, top
    for cell in cells:
        # Start the next sub-column once this one holds its share of the height.
        if part < split - 1 and y > top and y - top + cell.height / 2 > total / split:
            part, y = part + 1, top
        col.cells.append(_moved(cell, col.x + part * (column_w + sub_gap), y, column_w))
        y += cell.height + gap
        bottom = max(bottom, y - gap)
    return bottom


def _band(
    unplaced: tuple[Placed, ...],
    lanes: list[float],
    column_w: float,
    top: float,
    size: float,
    s: float,
) -> Cell:
    """Return the band of joint work not yet placed, across the columns, its elements flowed
    down one lane after another in file order."""
    pad = PAD * s
    left, right = lanes[0], lanes[-1] + column_w
    heading = Block(wrap(UNPLACED, right - left - 2 * pad, size, italic=True), size, italic=True)
    chip_inner = column_w - 4 * pad - SPLIT_STRIP * s
    chips = [_chip(p, chip_inner, size * 0.9, pad, with_stage=True) for p in unplaced]
    share = sum(chip.height() + CHIP_GAP * s for chip in chips) / len(lanes)
    first = top + 2 * pad + heading.height()
    lane, y, deepest = 0, first, first
    for chip in chips:
        if lane < len(lanes) - 1 and y > first and y - first + chip.height() / 2 > share:
            lane, y = lane + 1, first
        chip.x, chip.y = lanes[lane] + pad, y
        y += chip.height() + CHIP_GAP * s
        deepest = max(deepest, y)
    height = deepest - CHIP_GAP * s + pad - top
    return Cell("unplaced", heading, chips, None, None, top, height, left, right - left)


def _moved(cell: Cell, x: float, y: float, width: float) -> Cell:
    """Return a copy of a measured cell placed with its top-left corner at (x, y)."""
    chips = [Chip(c.placed, c.kind, c.lines, c.pad, c.y + y, c.x + x) for c in cell.chips]
    return Cell(cell.gid, cell.heading, chips, cell.empty, cell.aside, y, cell.height, x, width)


def _chip(placed: Placed, width: float, size: float, pad: float, with_stage: bool = False) -> Chip:
    """Return an element's box, its label wrapped to the width (with its stage, when asked)."""
    label = f"{placed.label} ({placed.stage.singular})" if with_stage else placed.label
    return Chip(placed, _kind(placed), Block(wrap(label, width, size), size), pad)


def _stack(cell: Cell, pad: float, s: float) -> None:
    """Place a cell's heading, aside and chips from its top at 0, and measure its height."""
    y = pad + cell.heading.height() + pad
    if cell.aside is not None:
        y += cell.aside.height() + pad
    for chip in cell.chips:
        chip.x, chip.y = pad, y
        y += chip.height() + CHIP_GAP * s
    if cell.empty is not None:
        y += cell.empty.height() + pad
    cell.height = max(y, cell.heading.height() + 2 * pad)


def _notes(figure: Figure2) -> str:
    """Return the footnote: what is shown and left out, how the results are named, the source."""
    parts = ["Joint work only, as in the research's Figure 2."]
    if figure.left_out:
        also = (
            f" ({figure.left_out_categorised} of them with a `category`)"
            if figure.left_out_categorised
            else ""
        )
        parts.append(f"{figure.left_out} single-agency or unsupported element(s){also} not shown.")
    parts.append(
        f"Dashed boxes ('{EMPTY}'): categories with nothing in this model; "
        "which of them is the partnership doing?"
    )
    if figure.unplaced:
        parts.append(
            f"{len(figure.unplaced)} joint element(s) without `category` are listed as not yet "
            "placed: give each a `category` to place it."
        )
    parts.append(
        "The results are the study's three; the masterclass's 'business benefits to partners' "
        "are drawn as resources freed and its 'enhanced outcomes' as greater progress on "
        "strategic objectives, so that no result is counted twice."
    )
    parts.append(f"Categories: {SOURCE}.")
    return " ".join(parts)


# ---------------------------------------------------------------- drawing


def generate(model: LogicModel, trace: Trace, options: Options) -> Figure:
    """Return Figure 2 (the registry's entry point); the registry saves it."""
    return render(model, trace, options.theme)


def render(model: LogicModel, trace: Trace, theme: str = "classic") -> Figure:
    """Return Figure 2 of a model as a matplotlib Figure (nothing is shown)."""
    from matplotlib.figure import Figure

    chosen = get_theme(theme)
    placed = layout(model, place(model, trace), chosen)
    figure = Figure(figsize=(placed.width, placed.height), facecolor=chosen.background)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(-placed.offset_x, placed.width - placed.offset_x)
    axes.set_ylim(placed.height - placed.offset_y, -placed.offset_y)
    axes.set_axis_off()
    _Painter(axes, chosen, placed.scale).draw(placed)
    return figure


class _Painter(Painter):
    """Draws Figure 2's parts: titles, columns, category boxes, elements and arrows."""

    def __init__(self, axes: Axes, theme: Theme, scale: float) -> None:
        # Hatching stays unnamed: tests and tools read an element's box by its gid alone.
        super().__init__(axes, theme, name_hatching=False)
        self.s = scale

    def draw(self, placed: Layout) -> None:
        t, s = self.theme, self.s
        self.text(MARGIN * s, MARGIN * s, placed.title, t.muted_text, "text:title")
        self.text(
            MARGIN * s,
            MARGIN * s + placed.title.height(),
            placed.subtitle,
            t.muted_text,
            "text:subtitle",
        )
        for number, column in enumerate(placed.columns):
            self.column(column, placed)
            if number < len(ARROWS):
                self.arrow(column, placed, ARROWS[number])
        if placed.unplaced is not None:
            self.cell(placed.unplaced, placed.column_w)
        self.text(MARGIN * s, placed.notes_y, placed.notes, t.muted_text, "text:notes")

    def column(self, column: Col, placed: Layout) -> None:
        t, s = self.theme, self.s
        pad = PAD * s
        self.rect(
            column.x,
            placed.heading_y,
            column.width,
            column.heading_h,
            facecolor=t.focus_fill,
            edgecolor=t.focus_edge,
            linewidth=1.1,
            zorder=3,
            gid=f"column:{column.key}",
        )
        self.text(
            column.x + pad,
            placed.heading_y + pad,
            column.heading,
            t.focus_text,
            f"text:column:{column.key}",
        )
        for cell in column.cells:
            self.cell(cell, placed.column_w)

    def cell(self, cell: Cell, chip_lane: float) -> None:
        """Draw a category box (or the band not yet placed), its heading and its chips."""
        t, s = self.theme, self.s
        pad = PAD * s
        empty, band = cell.empty is not None, cell.gid == "unplaced"
        self.rect(
            cell.x,
            cell.y,
            cell.width,
            cell.height,
            facecolor=t.red_lane if cell.chips and not band else t.background,
            edgecolor=t.divider if empty or band else t.red_edge,
            linestyle="--" if empty else ":" if band else "-",
            linewidth=1.0 * s,
            zorder=2,
            gid=cell.gid,
        )
        self.text(cell.x + pad, cell.y + pad, cell.heading, t.muted_text, f"text:{cell.gid}")
        below = cell.y + 2 * pad + cell.heading.height()
        if cell.aside is not None:
            self.text(cell.x + pad, below, cell.aside, t.muted_text, f"text:{cell.gid}:aside")
            below += cell.aside.height() + pad
        if cell.empty is not None:
            self.text(cell.x + 2 * pad, below, cell.empty, t.muted_text, f"text:{cell.gid}:empty")
        for chip in cell.chips:
            self.chip(chip, chip_lane - 2 * pad)

    def chip(self, chip: Chip, w: float) -> None:
        t, s = self.theme, self.s
        x, h = chip.x, chip.height()
        # Joint work only: a collaborative element, or a collaborative-gain outcome split.
        fill, edge, hatch = t.red_fill, t.red_edge, t.red_hatch
        gid = f"element:{chip.placed.id}"
        self.rect(
            x,
            chip.y,
            w,
            h,
            facecolor=fill,
            edgecolor=edge,
            hatch=hatch,
            linewidth=0.8 * s,
            zorder=3,
            gid=gid,
        )
        strip = SPLIT_STRIP * s if chip.kind is BoxKind.SPLIT else 0.0
        if strip:
            # Green on the left, red on the right: what partners achieve alone, and the gain.
            self.rect(
                x, chip.y, strip, h, facecolor=t.green_fill, edgecolor=t.green_edge, zorder=3.5
            )
        self.text(x + strip + chip.pad, chip.y + chip.pad, chip.lines, t.text, f"text:{gid}")

    def arrow(self, column: Col, placed: Layout, word: str) -> None:
        t, s = self.theme, self.s
        y = placed.heading_y + column.heading_h / 2
        start = column.x + column.width + 0.06 * s
        end = column.x + column.width + GUTTER * s - 0.06 * s
        self.axes.annotate(
            "",
            xy=(end, y),
            xytext=(start, y),
            arrowprops={"arrowstyle": "-|>", "color": t.link, "linewidth": 1.6 * s},
            zorder=4,
        )
        size = t.font_size * 0.8
        words = Block([word], size, italic=True)
        middle = (start + end) / 2 - text_width(word, size, italic=True) / 2
        self.text(middle, y - words.height() - 0.03 * s, words, t.muted_text, f"text:arrow:{word}")


__all__ = [
    "ARROWS",
    "CHIP_GAP",
    "COLUMN_W",
    "EMPTY",
    "GAP",
    "GUTTER",
    "MARGIN",
    "PAD",
    "SPLIT_STRIP",
    "TITLE",
    "Cell",
    "Chip",
    "Col",
    "Layout",
    "generate",
    "layout",
    "render",
]
