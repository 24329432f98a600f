"""The Figure 1 view: the research report's red/green logic-model diagram, drawn with matplotlib.

The view's entry points (`generate`, `render`, `slides`) and its painter. The diagram is laid
out first (`layout`: text measured by `text`, order by `ordering`, links by `routes`), cut into
projector slides if it must be (`slides`), then drawn through the shared `drawing` helper.
Every box and text carries a gid (`box:<id>`, `text:<id>:<part>`) so tests can read the figure
back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel, Stage
from logicmodel.renderers.drawing import MARGIN, Painter
from logicmodel.renderers.layout import (
    COLUMN_TITLES,
    FOCUS_TITLE,
    LEGEND_GAP,
    LEGEND_SWATCH,
    PAD,
    TAB,
    Box,
    Lane,
    Layout,
    Spacing,
    crossings,
    drawn_stages,
    lane_title,
    layout,
    legend_entries,
    legend_item_width,
)
from logicmodel.renderers.link_marks import (
    NEGATIVE,
    draw_legend_mark,
    draw_marks,
    line_style,
    link_marks,
)
from logicmodel.renderers.options import Options
from logicmodel.renderers.routes import Point, Rect
from logicmodel.renderers.slides import (
    EXIT_ROWS,
    SLIDE,
    TITLE_PX,
    Exit,
    Slide,
    deck,
    exit_size,
    exits,
    fitted,
    slide_theme,
)
from logicmodel.renderers.strand_view import collapse
from logicmodel.renderers.text import FONT, LINE_PITCH, Block, text_width
from logicmodel.renderers.theme_bands import paint_bands
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SVG_SALT = "logicmodel-figure1"  # fixed, so SVG ids (clip paths, hatches) repeat run to run


def arrowhead(before: Point, end: Point, length: float, half: float) -> list[Point]:
    """Return the triangle of an arrowhead at a route's end, pointing the way it arrives."""
    (ax, ay), (bx, by) = before, end
    if ax == bx:  # a link within a column drops onto its target's top
        sign = 1.0 if by >= ay else -1.0
        return [(bx, by), (bx - half, by - sign * length), (bx + half, by - sign * length)]
    sign = 1.0 if bx >= ax else -1.0  # any other route ends on a box's side
    return [(bx, by), (bx - sign * length, by - half), (bx - sign * length, by + half)]


def generate(
    model: LogicModel, trace: Trace, options: Options
) -> Figure | bytes | dict[str, Figure]:
    """Return the Figure 1 diagram (the registry's entry point); the registry saves it.

    With `slides`, a deck: one PDF of its pages for a PDF, else a figure per slide, named by
    its suffix."""
    if not getattr(options, "slides", False):
        return render(model, trace, options.theme)
    made = slides(model, trace, options.theme)
    if options.output_format == "pdf":
        return deck_pdf(made)
    return {f"-slide{number}": figure for number, figure in enumerate(made, start=1)}


def render(model: LogicModel, trace: Trace, theme: str = "classic") -> Figure:
    """Return the Figure 1 diagram of a model as a matplotlib Figure (nothing is shown); a
    slide theme's is one 1920x1080 picture of the whole model, as large as it fits."""
    model, trace = collapse(model, trace)  # a parent draws each strand as one box
    placed, chosen = fitted(model, trace, get_theme(theme))
    return _draw_whole(model, placed, chosen)


def slides(model: LogicModel, trace: Trace, theme: str = "projector") -> list[Figure]:
    """Return a deck of 1920x1080 slides in a theme's colours: the whole model first, then the
    contributions and each outcome stage zoomed into the same layout, every box whole."""
    model, trace = collapse(model, trace)
    placed, chosen = fitted(model, trace, get_theme(slide_theme(theme)))
    return [
        _draw_whole(model, placed, chosen)
        if slide.overview
        else _draw_slide(model, placed, chosen, slide)
        for slide in deck(model, placed, chosen)
    ]


def deck_pdf(figures: list[Figure]) -> bytes:
    """Return slides as the pages of one PDF, without dates, so one model gives one file."""
    import io

    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"CreationDate": None, "ModDate": None}) as pages:
        for figure in figures:
            pages.savefig(figure)
    return buffer.getvalue()


def _draw_whole(model: LogicModel, placed: Layout, chosen: Theme) -> Figure:
    """Return a Figure of the whole diagram, padded to the theme's shape."""
    figure = _figure_class()(figsize=(placed.width, placed.height), facecolor=chosen.background)
    figure.slide = bool(chosen.aspect)  # type: ignore[attr-defined]
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_xlim(-placed.offset_x, placed.width - placed.offset_x)
    axes.set_ylim(placed.height - placed.offset_y, -placed.offset_y)
    axes.set_axis_off()
    _paint(axes, model, placed, chosen)
    return figure


def _draw_slide(model: LogicModel, placed: Layout, chosen: Theme, slide: Slide) -> Figure:
    """Return a Figure of one step of a deck: its title across the top, under it its view of
    the diagram at the slide's full width."""
    x0, y0, x1, y1 = slide.view
    width = x1 - x0
    height = width * SLIDE[1] / SLIDE[0]
    figure = _figure_class()(figsize=(width, height), facecolor=chosen.background)
    figure.slide = True  # type: ignore[attr-defined]
    axes = figure.add_axes((0.0, 0.0, 1.0, (y1 - y0) / height))
    axes.set_xlim(x0, x1)
    axes.set_ylim(y1, y0)
    axes.set_axis_off()
    inch_px = SLIDE[0] / width  # pixels per inch of the diagram on this slide
    figure.text(
        0.015,
        1 - TITLE_PX / 2 / SLIDE[1],
        slide.title,
        fontsize=TITLE_PX * 0.5 * 72 / inch_px,
        fontfamily=FONT,
        fontweight="bold",
        color=chosen.muted_text,
        va="center",
        ha="left",
        parse_math=False,
        gid="text:slide-title",
    )
    _paint(axes, model, placed, chosen, slide)
    return figure


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
    axes: Axes, model: LogicModel, placed: Layout, chosen: Theme, slide: Slide | None = None
) -> None:
    """Draw the diagram onto axes, or a deck slide's part of it (only the boxes it shows, and
    links leaving it marked); the axes' limits say what part shows."""
    painter = _Painter(axes, chosen)
    shown = slide.shown if slide else frozenset([*placed.boxes, "focus"])
    across = (slide.view[0], slide.view[2]) if slide else (-1e9, 1e9)
    painter.frame(model, placed, "focus" in shown, across)
    for lane in placed.lanes:
        if any(box.id in shown for cell in lane.cells.values() for box in cell):
            painter.lane(lane, placed)
    paint_bands(painter, placed, shown)
    painter.links(model, placed, slide.draws if slide else lambda ends: True, shown)
    if slide:
        painter.exits(exits(placed, slide), slide)
    if "focus" in shown:
        painter.box(placed.focus, label_colour=chosen.focus_text)
    for box in placed.boxes.values():
        if box.id in shown:
            painter.box(box)
    if slide is None:
        painter.legend(placed)


def _side_place(
    leave: Exit,
    end: Point,
    width: float,
    view: Rect,
    pitch: float,
    used: list[tuple[float, float, float, str]],
) -> tuple[str, float, float]:
    """Return how a label by the left or right goes (its alignment, x and y): beside the cut
    end where a box was left out, else just inside the edge above the link, moved down past
    the labels already there."""
    x0, _, x1, _ = view
    x, y = end
    inset = 0.06
    if leave.at_box:
        # Where the box left out would be, or as near it as the slide's edge allows.
        ha = "left" if leave.edge == "right" else "right"
        if ha == "left":
            x = min(x + 0.06, x1 - inset - width)
        else:
            x = max(x - 0.06, x0 + inset + width)
    else:
        ha = "left" if leave.edge == "left" else "right"
        x = x0 + inset if leave.edge == "left" else x1 - inset
        y -= pitch * 0.55
    left = x if ha == "left" else x - width
    while any(
        abs(y - oy) < pitch and left < ox1 and left + width > ox0 for ox0, ox1, oy, _ in used
    ):
        y += pitch
    return ha, x, y


def _free_place(
    edge: str,
    x: float,
    width: float,
    view: Rect,
    pitch: float,
    used: list[tuple[float, float, float, str]],
) -> tuple[float, float]:
    """Return where a label goes in the strip by the top or bottom edge: the row nearest the
    edge with room at its link, else further along that row."""
    x0, y0, x1, y1 = view
    inset = 0.06
    sign = 1 if edge == "top" else -1
    start = y0 if edge == "top" else y1
    rows = [start + sign * (inset + pitch * (n + 0.5)) for n in range(EXIT_ROWS)]
    x = max(x0 + inset, min(x, x1 - inset - width))

    def clear(row: float, at: float) -> bool:
        return not any(
            abs(row - oy) < pitch * 0.9 and at < ox1 + 0.05 and at + width > ox0 - 0.05
            for ox0, ox1, oy, _ in used
        )

    for row in rows:
        if clear(row, x):
            return row, x
    for row in rows:
        # Further along: just right of the labels that are in the way.
        at = max([x, *(ox1 + 0.1 for ox0, ox1, oy, _ in used if abs(row - oy) < pitch * 0.9)])
        if at + width <= x1 - inset and clear(row, at):
            return row, at
    return rows[-1], x


def _triangle(tip: Point, back: Point, side: Point, colour: str, gid: str) -> Any:
    """Return an arrowhead: a triangle from its tip back to a base across `side`."""
    from matplotlib.patches import Polygon

    corners = [
        tip,
        (back[0] + side[0], back[1] + side[1]),
        (back[0] - side[0], back[1] - side[1]),
    ]
    return Polygon(corners, closed=True, facecolor=colour, edgecolor=colour, zorder=6, gid=gid)


class _Painter(Painter):
    """Draws Figure 1's parts: boxes, lanes, headings, links and the key."""

    def __init__(self, axes: Axes, theme: Theme) -> None:
        # Texts clip to the axes: a slide's band of the diagram shows only its own texts.
        super().__init__(axes, theme, clip=True)
        # Thicker lines go with larger type, and thicker still for a slide.
        self.line_scale = theme.font_size / 9.0 * theme.line_weight

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

    def frame(
        self,
        model: LogicModel,
        placed: Layout,
        focus_heading: bool = True,
        across: tuple[float, float] = (-1e9, 1e9),
    ) -> None:
        """Draw the title, the column headings that lie wholly `across` the view, and the
        divider."""
        t = self.theme
        self.text(MARGIN, MARGIN, placed.title, t.muted_text, "text:title")
        self.text(
            MARGIN, MARGIN + placed.title.height(), placed.subtitle, t.muted_text, "text:subtitle"
        )
        size = t.font_size * 1.05
        headers = [("focus", placed.focus.x, FOCUS_TITLE)]
        headers = headers if focus_heading else []
        headers += [(s.value, placed.columns[s], COLUMN_TITLES[s]) for s in drawn_stages(placed)]
        for key, x, title in headers:
            block = Block(title.split("\n"), size, bold=True)
            wide = max(text_width(line, size, bold=True) for line in block.lines)
            if across[0] <= x and x + wide <= across[1]:
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
            lane_title(lane.title, Spacing.of(t)),
            t.muted_text,
            f"text:lane:{lane.title}",
        )

    def links(
        self,
        model: LogicModel,
        placed: Layout,
        draws: Callable[[tuple[str, str]], bool],
        shown: frozenset[str],
    ) -> None:
        """Draw every routed link between shown boxes: grey leads-to lines, then dashed
        enhances routes on top."""
        from matplotlib.collections import PolyCollection
        from matplotlib.lines import Line2D

        t = self.theme
        heads: dict[bool, list[list[Point]]] = {False: [], True: []}
        length, half = 0.09 * self.line_scale, 0.035 * self.line_scale
        marks = link_marks(model)  # what links rest on: renderers/link_marks.py
        for gid, points in placed.routes.items():
            if not draws(placed.ends[gid]):
                continue
            enhances = gid.startswith("enhances:")
            usual = (0, (4, 2)) if enhances else "-"
            xs, ys = zip(*points, strict=True)
            # Added as artists, not plotted: the limits are set, and 500 links stay quick.
            self.axes.add_artist(
                Line2D(
                    xs,
                    ys,
                    color=t.enhances if enhances else t.link,
                    linewidth=(1.6 if enhances else 0.9) * self.line_scale,
                    linestyle=line_style(marks.get(gid), usual),
                    solid_joinstyle="miter",
                    zorder=2.5 if enhances else 2,
                    gid=gid,
                )
            )
            if marks.get(gid) == NEGATIVE:
                continue  # a flat bar, not an arrowhead (draw_marks)
            heads[enhances].append(arrowhead(points[-2], points[-1], length, half))
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
        draw_marks(self.axes, placed, marks, draws, t, self.line_scale)
        self._tabs(placed, shown)

    def _tabs(self, placed: Layout, shown: frozenset[str]) -> None:
        """Draw a red tab on the left edge of each shown box that joint work enhances."""
        for target in sorted(placed.enhanced & shown):
            box = placed.boxes[target]
            self.rect(
                box.x - TAB,
                box.y,
                TAB,
                box.height,
                facecolor=self.theme.enhances,
                edgecolor="none",
                zorder=3,
                gid=f"tab:{target}",
            )

    def exits(self, leaving: list[Exit], slide: Slide) -> None:
        """Draw each link that leaves a slide up to the slide's edge, an outgoing one ending in
        an arrowhead there, each labelled with the box at its other end."""
        from matplotlib.lines import Line2D

        t = self.theme
        length, half = 0.09 * self.line_scale, 0.035 * self.line_scale
        size = exit_size(t)
        pitch = size * LINE_PITCH / 72
        placed_labels: dict[str, list[tuple[float, float, float, str]]] = {}
        for leave in sorted(
            leaving, key=lambda each: (each.edge, each.points[-1 if each.outgoing else 0], each.key)
        ):
            enhances = leave.key.startswith("enhances:")
            colour = t.enhances if enhances else t.link
            xs, ys = zip(*leave.points, strict=True)
            self.axes.add_artist(
                Line2D(
                    xs,
                    ys,
                    color=colour,
                    linewidth=(1.6 if enhances else 0.9) * self.line_scale,
                    linestyle=(0, (4, 2)) if enhances else "-",
                    zorder=2.5,
                    gid=leave.key,
                )
            )
            points = leave.points if leave.outgoing else leave.points[::-1]
            (ax, ay), (bx, by) = points[-2] if len(points) > 1 else points[-1], points[-1]
            dx, dy = bx - ax, by - ay
            norm = max(abs(dx) + abs(dy), 1e-9)
            ux, uy = dx / norm, dy / norm
            if leave.outgoing:
                tip = (bx, by)
                back = (bx - ux * length, by - uy * length)
                self.axes.add_artist(
                    _triangle(tip, back, (-uy * half, ux * half), colour, f"exit-head:{leave.key}")
                )
            self._exit_label(leave, (bx, by), slide, size, pitch, placed_labels)

    def _exit_label(
        self,
        leave: Exit,
        end: Point,
        slide: Slide,
        size: float,
        pitch: float,
        taken: dict[str, list[tuple[float, float, float, str]]],
    ) -> None:
        """Write where a leaving link goes beside its cut end, inside the slide, clear of the
        labels already written by that edge (above and below: in the band's strip)."""
        x, y = end
        width = text_width(leave.label, size, italic=True) + 0.1
        used = taken.setdefault(leave.edge, [])
        # One label by an edge says it for every arrowhead to the same box; arrows stopped at a
        # box the slide hides share one when they end within a few rows of each other.
        if leave.outgoing and any(
            label == leave.label and (not leave.at_box or abs(at - y) < 4 * pitch)
            for _, _, at, label in used
        ):
            return
        if leave.edge in ("left", "right"):
            ha, x, y = _side_place(leave, (x, y), width, slide.view, pitch, used)
            left = x if ha == "left" else x - width
        else:
            ha = "left"
            y, x = _free_place(leave.edge, x + 0.05, width, slide.view, pitch, used)
            left = x
        used.append((left, left + width, y, leave.label))
        self.axes.text(
            x,
            y,
            leave.label,
            fontsize=size,
            fontfamily=FONT,
            fontstyle="italic",
            color=self.theme.muted_text,
            ha=ha,
            va="center",
            parse_math=False,
            zorder=6,
            gid=f"exit:{leave.key}",
            # Readable where it crosses a link.
            bbox={"facecolor": self.theme.background, "edgecolor": "none", "alpha": 0.8, "pad": 1},
        )

    def legend(self, placed: Layout) -> None:
        if placed.legend_stacked:
            self._stacked_legend(placed)
            return
        t = self.theme
        size = t.font_size
        x, y = MARGIN, placed.legend_y
        row_h = size * LINE_PITCH / 72 + 0.12 * size / 9
        swatch_h = size * LINE_PITCH / 72
        limit = MARGIN + placed.legend_width
        for kind, text in placed.legend_items:
            item_w = legend_item_width(text, size)
            if x + item_w > limit and x > MARGIN:
                x, y = MARGIN, y + row_h
            self._legend_mark(kind, x, y, swatch_h)
            self.text(x + 0.45, y, Block([text], size), t.muted_text, f"text:legend:{kind}")
            x += item_w

    def _stacked_legend(self, placed: Layout) -> None:
        """Draw the key one entry under another, each text wrapped beside its swatch."""
        t = self.theme
        x, y = placed.legend_x, placed.legend_y
        swatch_h = t.font_size * LINE_PITCH / 72
        for kind, block in legend_entries(placed.legend_items, placed.legend_width, t.font_size):
            self._legend_mark(kind, x, y, swatch_h)
            self.text(x + LEGEND_SWATCH, y, block, t.muted_text, f"text:legend:{kind}")
            y += block.height() + LEGEND_GAP * t.font_size / 9

    def _legend_mark(self, kind: str, x: float, y: float, swatch_h: float) -> None:
        """Draw a key entry's swatch, or its arrow for a kind of link."""
        t = self.theme
        if draw_legend_mark(self.axes, kind, x, y, swatch_h, t):
            return
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
                    "linewidth": (1.6 if kind == "enhances" else 0.9) * t.line_weight,
                },
            )
        else:
            self._swatch(kind, x, y, 0.38, swatch_h)

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


__all__ = [
    "arrowhead",
    "SVG_SALT",
    "crossings",
    "deck_pdf",
    "generate",
    "layout",
    "render",
    "slides",
]
