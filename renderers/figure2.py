"""The Figure 2 view: collaborative activities -> processes and benefits -> results (matplotlib).

Three columns list the research's categories as boxes, the model's elements under each as
small boxes coloured as in Figure 1. Empty categories stay visible, drawn dashed: which
collaborative activities is the partnership not doing? Elements without a `category` go in a
box at the foot of the column their trace class suggests, headed as derived. Every box and
text carries a gid (`category:<id>`, `element:<id>`, `text:...`) so tests can read it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from logicmodel.analysis.categories import DERIVED_FROM, ColumnBox, Figure2, Placed, place
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
    """One element drawn inside a category box."""

    placed: Placed
    kind: BoxKind
    lines: Block
    pad: float
    y: float = 0.0

    def height(self) -> float:
        """Return the chip's height in inches."""
        return self.lines.height() + 2 * self.pad


@dataclass
class Cell:
    """A category box, or the derived box of a column, with its chips."""

    gid: str
    heading: Block
    chips: list[Chip]
    empty: Block | None  # "none yet", for a category with nothing in it
    derived: bool = False
    y: float = 0.0
    height: float = 0.0
    x: float = 0.0


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
    """Return a column's category boxes and its derived box, measured but not yet placed."""
    chip_inner = inner - 2 * pad - SPLIT_STRIP * s
    found: list[Cell] = []
    for box in column.categories:
        chips = [_chip(p, chip_inner, size * 0.9, pad) for p in box.elements]
        empty = None if chips else Block([EMPTY], size * 0.85, italic=True)
        head = Block(wrap(box.label, inner, size, bold=True), size, True)
        found.append(Cell(f"category:{box.id}", head, chips, empty))
    if column.derived:
        words = f"No category given: placed as {DERIVED_FROM[column.key]} (derived from the trace)"
        head = Block(wrap(words, inner, size * 0.9, italic=True), size * 0.9, italic=True)
        chips = [_chip(p, chip_inner, size * 0.9, pad) for p in column.derived]
        found.append(Cell(f"derived:{column.key}", head, chips, None, derived=True))
    for cell in found:
        _stack(cell, 0.0, pad, s)
    return found


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
    for number, column in enumerate(figure.columns):
        x = MARGIN * s + number * (wide + GUTTER * s)
        col = Col(column.key, x, headings[number], wide, heading_h=heading_h)
        top = heading_y + heading_h + gap
        total = sum(cell.height + gap for cell in cells[number])
        part, y = 0, top
        for cell in cells[number]:
            # Start the next sub-column once this one holds its share of the height.
            if part < split - 1 and y > top and y - top + cell.height / 2 > total / split:
                part, y = part + 1, top
            col.cells.append(_moved(cell, x + part * (column_w + sub_gap), y))
            y += cell.height + gap
            bottom = max(bottom, y - gap)
        columns.append(col)
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
        notes,
        notes_y,
        s,
    )


def _moved(cell: Cell, x: float, y: float) -> Cell:
    """Return a copy of a measured cell placed with its top-left corner at (x, y)."""
    chips = [Chip(c.placed, c.kind, c.lines, c.pad, c.y + y) for c in cell.chips]
    return Cell(cell.gid, cell.heading, chips, cell.empty, cell.derived, y, cell.height, x)


def _chip(placed: Placed, width: float, size: float, pad: float) -> Chip:
    """Return an element's box, its label wrapped to the width."""
    return Chip(placed, _kind(placed), Block(wrap(placed.label, width, size), size), pad)


def _stack(cell: Cell, top: float, pad: float, s: float) -> float:
    """Place a cell's heading and chips from `top`; return the cell's bottom."""
    cell.y = top
    y = top + pad + cell.heading.height() + pad
    for chip in cell.chips:
        chip.y = y
        y += chip.height() + CHIP_GAP * s
    if cell.empty is not None:
        y += cell.empty.height() + pad
    cell.height = max(y, top + cell.heading.height() + 2 * pad) - top
    return top + cell.height


def _notes(figure: Figure2) -> str:
    """Return the footnote: what empty and derived boxes mean, what is left out, the source."""
    parts = [
        f"Dashed boxes ('{EMPTY}'): categories with nothing in this model; "
        "which of them is the partnership doing?"
    ]
    if figure.derived:
        parts.append(
            f"{figure.derived} element(s) without `category` are placed by their trace class "
            "(derived); give each a `category` to place it (`logicmodel categories` lists them)."
        )
    if figure.left_out:
        parts.append(f"{figure.left_out} single-agency or unsupported element(s) are not shown.")
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
            self.cell(column, cell, placed)

    def cell(self, column: Col, cell: Cell, placed: Layout) -> None:
        t, s = self.theme, self.s
        w, pad = placed.column_w, PAD * s
        empty = cell.empty is not None
        self.rect(
            cell.x,
            cell.y,
            w,
            cell.height,
            facecolor=t.background if empty else t.red_lane,
            edgecolor=t.divider if empty or cell.derived else t.red_edge,
            linestyle="--" if empty else ":" if cell.derived else "-",
            linewidth=1.0 * s,
            zorder=2,
            gid=cell.gid,
        )
        self.text(cell.x + pad, cell.y + pad, cell.heading, t.muted_text, f"text:{cell.gid}")
        if cell.empty is not None:
            y = cell.y + 2 * pad + cell.heading.height()
            self.text(cell.x + 2 * pad, y, cell.empty, t.muted_text, f"text:{cell.gid}:empty")
        for chip in cell.chips:
            self.chip(cell.x + pad, w - 2 * pad, chip, cell.derived)

    def chip(self, x: float, w: float, chip: Chip, derived: bool) -> None:
        t, s = self.theme, self.s
        h = chip.height()
        fills = {
            BoxKind.GREEN: (t.green_fill, t.green_edge, ""),
            BoxKind.RED: (t.red_fill, t.red_edge, t.red_hatch),
            BoxKind.SPLIT: (t.red_fill, t.red_edge, t.red_hatch),
            BoxKind.UNSUPPORTED: (t.warning_fill, t.warning_edge, ""),
        }
        fill, edge, hatch = fills[chip.kind]
        gid = f"element:{chip.placed.id}" + (":derived" if derived else "")
        self.rect(
            x,
            chip.y,
            w,
            h,
            facecolor=fill,
            edgecolor=edge,
            hatch=hatch,
            linewidth=0.8 * s,
            linestyle="--" if chip.kind is BoxKind.UNSUPPORTED else "-",
            zorder=3,
            gid=gid,
        )
        strip = SPLIT_STRIP * s if chip.kind is BoxKind.SPLIT else 0.0
        if strip:
            # Green on the left, red on the right: what partners achieve alone, and the gain.
            self.rect(
                x, chip.y, strip, h, facecolor=t.green_fill, edgecolor=t.green_edge, zorder=3.5
            )
        colour = t.muted_text if chip.kind is BoxKind.UNSUPPORTED else t.text
        self.text(x + strip + chip.pad, chip.y + chip.pad, chip.lines, colour, f"text:{gid}")

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
