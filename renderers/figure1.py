"""The Figure 1 view: the research report's red/green logic-model diagram, drawn with matplotlib.

The view's entry points (`generate`, `render`, `slides`) and its painter. The diagram is laid
out first (`layout`: text measured by `text`, order by `ordering`, links by `routes`), cut into
projector slides if it must be (`slides`), then drawn through the shared `drawing` helper.
Every box and text carries a gid (`box:<id>`, `text:<id>:<part>`) so tests can read the figure
back.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel, Stage
from logicmodel.renderers.drawing import MARGIN, Painter, pad_to_aspect
from logicmodel.renderers.layout import (
    COLUMN_TITLES,
    FOCUS_TITLE,
    PAD,
    TAB,
    Box,
    Lane,
    Layout,
    Spacing,
    crossings,
    lane_title,
    layout,
    legend_item_width,
)
from logicmodel.renderers.options import Options
from logicmodel.renderers.routes import Point
from logicmodel.renderers.slides import (
    SLIDE,
    View,
    cut,
    edge_crossings,
    fits_one_slide,
    shows_focus,
    whole_view,
)
from logicmodel.renderers.text import LINE_PITCH, Block
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SVG_SALT = "logicmodel-figure1"  # fixed, so SVG ids (clip paths, hatches) repeat run to run


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
    return _draw(model, placed, chosen, whole_view(placed))


def slides(model: LogicModel, trace: Trace, theme: str = "projector") -> list[Figure]:
    """Return the diagram as slides: one, or for a slide theme whose body text would be smaller
    than SLIDE_TEXT_PX on a 1920x1080 slide, the contributions and then the outcomes over as
    many slides as keep it that large, each under the column headings."""
    chosen = get_theme(theme)
    placed = layout(model, trace, chosen)
    if fits_one_slide(placed, chosen):
        return [_draw(model, placed, chosen, whole_view(placed))]
    placed, views = cut(model, placed, chosen)
    return [_draw(model, placed, chosen, view) for view in views]


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
        _paint(axes, model, placed, chosen, shows_focus(placed.focus, view))
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
        for y in edge_crossings(placed, x1, top, bottom):
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

    def frame(self, model: LogicModel, placed: Layout, focus_heading: bool = True) -> None:
        t = self.theme
        self.text(MARGIN, MARGIN, placed.title, t.muted_text, "text:title")
        self.text(
            MARGIN, MARGIN + placed.title.height(), placed.subtitle, t.muted_text, "text:subtitle"
        )
        size = t.font_size * 1.05
        headers = [("focus", placed.focus.x, FOCUS_TITLE)]
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
            lane_title(lane.title, Spacing.of(t)),
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
        for target in sorted(placed.enhanced):
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
            item_w = legend_item_width(text, size)
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


__all__ = ["SVG_SALT", "crossings", "generate", "layout", "render", "slides"]
