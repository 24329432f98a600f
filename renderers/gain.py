"""The gain view: "turn the curve" charts, one panel per indicator, of what happened against
what was expected without the partnership.

The convention is the Results-Based Accountability scorecard's: the values before the
partnership, the trend they project (dashed) with its 95% prediction interval, or one value
held flat (long dash and dot), each within the indicator's bounds; the values with the
partnership, what a comparator says would have happened (dotted), the alone and
together targets at their period, a line where the partnership started, and the gain shaded
between what was expected and what happened. Layout is computed in inches before anything is
drawn, as in Figure 1. Each panel's axes carry the gid `gain:<element>:<indicator>` and each
thing drawn on them that gid with a part: before, actual, bridge, trend, flat, band, comparator,
gain, shortfall (and their :hatch), started, target-alone, target-together, and the labels
started-label, target-alone-label, target-together-label, ylabel, empty; so tests can read
the figure back.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.gain import measure
from logicmodel.analysis.results import MAX_SHOWN
from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.renderers.drawing import MARGIN, Painter
from logicmodel.renderers.gain_layout import (
    EMPTY_LINES,
    LEGEND,
    LEGEND_HANDLE,
    LINE_STYLES,
    TARGET_MARKER,
    TARGET_OFFSET,
    Layout,
    Panel,
    Sizes,
    band_points,
    clip_lines,
    expectation_line,
    labels_beside,
    layout,
    panels_of,
    shade,
    target_year,
    tick_labels,
    values_near,
)
from logicmodel.renderers.options import OptionProblem, Options
from logicmodel.renderers.text import FONT, LINE_PITCH, Block, text_width, wrap
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NO_INDICATORS = "no indicators to chart: add `indicators` with `actuals` to an element"
# Salt for the ids of SVG clip paths and markers: matplotlib draws a random one otherwise,
# and the same model must give the same file.
SVG_SALT = "logicmodel"


def generate(model: LogicModel, trace: Trace, options: Options) -> Figure:
    """Return the gain charts (the registry's entry point); the registry saves them."""
    return render(model, options.theme)


def render(model: LogicModel, theme: str = "classic") -> Figure:
    """Return a model's gain charts as a matplotlib Figure (nothing is shown).

    Raises OptionProblem when the model has no indicator to chart.
    """
    import matplotlib.style

    report = measure(model)
    if not report.indicators:
        raise OptionProblem(NO_INDICATORS)
    chosen = get_theme(theme)
    # matplotlib's defaults, not the user's matplotlibrc: the same model gives the same picture.
    with matplotlib.style.context("default"):
        sizes = Sizes.of(chosen)
        placed = layout(model, panels_of(model, report), chosen)
        figure = _figure_class()(figsize=(placed.width, placed.height))
        figure.set_facecolor(chosen.background)
        canvas = figure.add_axes((0, 0, 1, 1))
        canvas.set_xlim(-placed.offset_x, placed.width - placed.offset_x)
        canvas.set_ylim(placed.height - placed.offset_y, -placed.offset_y)
        canvas.set_axis_off()
        painter = _Painter(figure, canvas, chosen, sizes, placed)
        painter.titles()
        for index, panel in enumerate(placed.panels):
            painter.panel(panel, placed.header_h[index // placed.columns])
        painter.legend()
    return figure


@lru_cache(maxsize=1)
def _figure_class() -> type[Figure]:
    """Return a Figure that saves with matplotlib's defaults and a fixed SVG id salt."""
    import matplotlib.style
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    class GainFigure(Figure):
        """A figure whose SVG is the same bytes every time it is saved."""

        def savefig(self, *args: Any, **kwargs: Any) -> None:
            with matplotlib.style.context("default"), rc_context({"svg.hashsalt": SVG_SALT}):
                super().savefig(*args, **kwargs)

    return GainFigure


class _Painter:
    """Draws the placed figure: free text on a canvas in inches, each panel on axes of its own."""

    def __init__(
        self, figure: Figure, canvas: Axes, theme: Theme, sizes: Sizes, placed: Layout
    ) -> None:
        self.figure = figure
        self.canvas = canvas
        self.theme = theme
        self.sizes = sizes
        self.placed = placed
        self.line = sizes.scale  # thicker lines go with larger type
        self.pen = Painter(canvas, theme)

    def text(
        self, x: float, y: float, lines: list[str], size: float, gid: str, **style: Any
    ) -> float:
        """Draw lines of text on the canvas from (x, y), their top-left; return the y below."""
        block = Block(lines, size, style.get("weight") == "bold", style.get("style") == "italic")
        self.pen.text(x, y, block, self.theme.muted_text, gid)
        return y + len(lines) * self.sizes.pitch(size)

    def titles(self) -> None:
        placed, scale = self.placed, self.sizes.scale
        y = self.text(
            MARGIN * scale,
            MARGIN * scale,
            placed.title,
            self.theme.title_size,
            "text:title",
            weight="bold",
        )
        self.text(MARGIN * scale, y, placed.subtitle, self.sizes.size, "text:subtitle")

    def panel(self, panel: Panel, header_h: float) -> None:
        """Draw one panel: its header on the canvas, then its chart on axes of its own."""
        sizes = self.sizes
        y = self.text(
            panel.x, panel.y, panel.title, sizes.title, f"{panel.key}:title", weight="bold"
        )
        y = self.text(panel.x, y, panel.subtitle, sizes.subtitle, f"{panel.key}:indicator")
        y = self.text(panel.x, y, panel.note, sizes.note, f"{panel.key}:note", style="italic")
        self.text(panel.x, y, panel.summary, sizes.note, f"{panel.key}:summary")
        placed = self.placed
        # A chart leaves room on its left for its values; a panel with no figures has none.
        left = panel.x + (0.0 if panel.empty else placed.left_room)
        width = placed.axes_w + (placed.left_room if panel.empty else 0.0)
        top = panel.y + header_h
        axes = self.figure.add_axes(
            (
                (left + placed.offset_x) / placed.width,
                1 - (top + placed.offset_y + sizes.axes_h) / placed.height,
                width / placed.width,
                sizes.axes_h / placed.height,
            )
        )
        axes.set_gid(panel.key)
        self._frame(axes)
        if panel.empty:
            self._empty(axes, panel)
            return
        axes.set_xlim(*panel.xlim)
        axes.set_ylim(*panel.ylim)
        self._ticks(axes, panel)
        self._series(axes, panel)

    def _frame(self, axes: Axes) -> None:
        """Style the axes by hand, so no rcParams setting changes them."""
        t = self.theme
        axes.set_facecolor(t.background)
        for spine in axes.spines.values():
            spine.set_color(t.divider)
            spine.set_linewidth(0.8 * self.line)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.minorticks_off()
        axes.tick_params(
            colors=t.muted_text,
            labelcolor=t.muted_text,
            labelsize=self.sizes.size,
            length=3.5 * self.line,
            width=0.8 * self.line,
            direction="out",
        )
        axes.set_axisbelow(True)

    def _empty(self, axes: Axes, panel: Panel) -> None:
        """Say that an indicator has no figures yet, with its own note if it has one."""
        for spine in axes.spines.values():
            spine.set_visible(True)
            spine.set_linestyle((0, (4, 3)))
        axes.set_xticks([])
        axes.set_yticks([])
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        width = (self.placed.axes_w + self.placed.left_room) * 0.9
        size = self.sizes.size
        lines = ["No figures yet"]
        lines += wrap("add `actuals` (and targets) to chart this indicator", width, size)
        if panel.notes:
            lines += [""] + clip_lines(wrap(panel.notes, width, size * 0.9), EMPTY_LINES)
        axes.text(
            0.5,
            0.5,
            "\n".join(lines),
            transform=axes.transAxes,
            ha="center",
            va="center",
            multialignment="center",
            fontsize=size * 0.95,
            fontfamily=FONT,
            color=self.theme.muted_text,
            linespacing=LINE_PITCH,
            parse_math=False,
            gid=f"{panel.key}:empty",
        )

    def _ticks(self, axes: Axes, panel: Panel) -> None:
        """Set the periods on x (thinned so their names never touch) and values on y."""
        t, size = self.theme, self.sizes.size
        labels = tick_labels(panel, self.placed.axes_w, self.sizes)
        text_style: dict[str, Any] = {
            "fontsize": size,
            "fontfamily": FONT,
            "color": t.muted_text,
            "parse_math": False,
        }
        axes.set_xticks([year for year, _ in panel.ticks], labels, **text_style)
        axes.set_yticks([v for v, _ in panel.yticks], [s for _, s in panel.yticks], **text_style)
        axes.set_ylabel(
            "\n".join(panel.ylabel),
            fontsize=size,
            fontfamily=FONT,
            color=t.muted_text,
            linespacing=1.15,
            parse_math=False,
            gid=f"{panel.key}:ylabel",
        )
        axes.grid(False, axis="x")
        axes.grid(True, axis="y", color=t.divider, alpha=0.35, linewidth=0.6 * self.line)

    def _series(self, axes: Axes, panel: Panel) -> None:
        """Draw the expectation, its band, the gain, the actuals, the targets and the start."""
        t, gain, key, lw = self.theme, panel.gain, panel.key, 1.0 * self.line
        marker = 5.5 * self.line
        band = band_points(gain, panel.x_end)
        if band:
            axes.fill_between(
                [x for x, _, _ in band],
                [low for _, low, _ in band],
                [high for _, _, high in band],
                facecolor=t.link,
                edgecolor="none",
                alpha=0.16,
                linewidth=0,
                zorder=1,
                gid=f"{key}:band",
            )
        self._gain(axes, panel)
        line = expectation_line(gain, panel.x_end)
        if line:
            part = "trend" if gain.trend is not None else "flat"
            axes.plot(
                [x for x, _ in line],
                [y for _, y in line],
                color=t.link,
                linestyle=LINE_STYLES[part],
                linewidth=1.5 * lw,
                zorder=3,
                gid=f"{key}:{part}",
            )
        if gain.comparator_expected:
            axes.plot(
                [year for _, year, _ in gain.comparator_expected],
                [v if abs(v) <= MAX_SHOWN else math.nan for _, _, v in gain.comparator_expected],
                color=t.green_edge,
                linestyle=LINE_STYLES["comparator"],
                linewidth=2.0 * lw,
                zorder=3,
                gid=f"{key}:comparator",
            )
        if gain.started is not None:
            self._started(axes, panel, gain.started)
        self._actuals(axes, panel, lw, marker)
        self._targets(axes, panel, marker)

    def _gain(self, axes: Axes, panel: Panel) -> None:
        """Shade between what was expected and what happened: gain in the collaborative colour,
        a shortfall in the warning colour."""
        t, key = self.theme, panel.key
        measured = [
            p
            for p in panel.gain.periods
            if p.expected is not None and p.gain is not None and abs(p.expected) <= MAX_SHOWN
        ]
        if not measured:
            return
        xs = [float(p.year) for p in measured]
        actual = [p.actual for p in measured]
        expected = [p.expected or 0.0 for p in measured]
        if len(measured) == 1:  # one period: a narrow bar, so the gain still shows
            xs = [xs[0] - 0.12, xs[0] + 0.12]
            actual, expected = actual * 2, expected * 2
            measured = measured * 2
        shading = (
            ("gain", [(p.gain or 0.0) >= 0 for p in measured]),
            ("shortfall", [(p.gain or 0.0) <= 0 for p in measured]),
        )
        for part, where in shading:
            fill = shade(t, part)
            signs = [p.gain or 0.0 for p, w in zip(measured, where, strict=True) if w]
            if not any(signs):  # nothing but zeros on this side
                continue
            common: dict[str, Any] = {
                "where": where,
                "interpolate": True,
                "linewidth": 0,
                "zorder": 2,
            }
            axes.fill_between(
                xs,
                expected,
                actual,
                facecolor=fill.colour,
                edgecolor="none",
                alpha=fill.alpha,
                gid=f"{key}:{part}",
                **common,
            )
            if fill.hatch:
                # Hatching in a patch of its own, in its own colour (as Figure 1 does).
                axes.fill_between(
                    xs,
                    expected,
                    actual,
                    facecolor="none",
                    edgecolor=fill.hatch_colour,
                    hatch=fill.hatch,
                    gid=f"{key}:{part}:hatch",
                    **common,
                )

    def _actuals(self, axes: Axes, panel: Panel, lw: float, marker: float) -> None:
        """Draw the values before the partnership (muted) and with it (strong), joined."""
        t, gain, key = self.theme, panel.gain, panel.key
        pre = [(year, value) for _, year, value in gain.pre]
        post = [(p.year, p.actual) for p in gain.periods]
        if not gain.pre and not gain.periods:  # no start: every actual is just an actual
            post = [(year, value) for _, year, value in gain.actuals]
        if pre and post:
            axes.plot(
                [pre[-1][0], post[0][0]],
                [pre[-1][1], post[0][1]],
                color=t.link,
                linewidth=1.6 * lw,
                zorder=4,
                gid=f"{key}:bridge",
            )
        for part, points, colour, face, width in (
            ("before", pre, t.link, t.background, 1.6 * lw),
            ("actual", post, t.red_edge, t.red_edge, 2.4 * lw),
        ):
            if points:
                axes.plot(
                    [x for x, _ in points],
                    [y for _, y in points],
                    color=colour,
                    linewidth=width,
                    marker="o",
                    markersize=marker,
                    markerfacecolor=face,
                    markeredgecolor=colour,
                    markeredgewidth=1.4 * lw,
                    zorder=5,
                    gid=f"{key}:{part}",
                )

    def _targets(self, axes: Axes, panel: Panel, marker: float) -> None:
        """Draw the alone and together targets at their period, each labelled beside it."""
        t, gain, key = self.theme, panel.gain, panel.key
        year = target_year(gain)
        if year is None:
            return
        targets = [
            (name, value, shape, colour, face)
            for name, value, shape, colour, face in (
                ("alone", gain.target_alone, "s", t.green_edge, t.background),
                ("together", gain.target_together, "D", t.red_edge, t.red_edge),
                # A plain target: neither alone nor together, so in the line colour.
                ("plain", gain.target, "^", t.link, t.background),
            )
            if value is not None
        ]
        # Lowest first: when two labels would touch, the higher's goes above its marker and
        # the lower's below, so they never collide, even when the targets are level.
        targets.sort(key=lambda target: target[1])
        values = [value for _, value, *_ in targets]
        span = panel.ylim[1] - panel.ylim[0]
        apart = (max(values) - min(values)) / span * self.sizes.axes_h
        close = len(targets) > 1 and apart < 1.3 * self.sizes.pitch(self.sizes.note)
        beside = labels_beside(panel)  # in room made to the right of the last period
        for index, (name, value, shape, colour, face) in enumerate(targets):
            axes.plot(
                [year],
                [value],
                linestyle="none",
                marker=shape,
                markersize=marker * TARGET_MARKER,
                markerfacecolor=face,
                markeredgecolor=colour,
                markeredgewidth=1.6 * self.line,
                zorder=6,
                gid=f"{key}:target-{name}",
            )
            vertical = 0.0 if beside and not close else (7.0 if index == len(targets) - 1 else -7.0)
            axes.annotate(
                "target" if name == "plain" else f"target {name}",
                xy=(year, value),
                xytext=((1 if beside else -1) * TARGET_OFFSET * self.line, vertical * self.line),
                textcoords="offset points",
                ha="left" if beside else "right",
                va="center" if vertical == 0 else "bottom" if vertical > 0 else "top",
                fontsize=self.sizes.note,
                fontfamily=FONT,
                color=colour,
                parse_math=False,
                zorder=7,
                gid=f"{key}:target-{name}-label",
            )

    def _started(self, axes: Axes, panel: Panel, started: int) -> None:
        """Draw the line where the partnership started, labelled where the data leaves room."""
        from matplotlib.transforms import blended_transform_factory, offset_copy

        t, gain, key, sizes = self.theme, panel.gain, panel.key, self.sizes
        axes.axvline(
            started, color=t.divider, linewidth=1.4 * self.line, zorder=1, gid=f"{key}:started"
        )
        # The label runs up the line's right side: find what the data leaves free there.
        per_year = self.placed.axes_w / (panel.xlim[1] - panel.xlim[0])
        thickness = (sizes.pitch(sizes.note) + 5 * self.line / 72) / per_year
        low, high = panel.ylim
        near = [(v - low) / (high - low) for v in values_near(panel, started, started + thickness)]
        below, above = (min(near), 1 - max(near)) if near else (1.0, 0.0)
        at_bottom = below >= above
        room = max(below, above) * sizes.axes_h - 0.12 * sizes.scale
        label = f"partnership started {gain.started_period}"
        if text_width(label, sizes.note) > room:
            label = f"started {gain.started_period}"
        where = blended_transform_factory(axes.transData, axes.transAxes)
        axes.text(
            started,
            0.02 if at_bottom else 0.98,
            label,
            transform=offset_copy(where, fig=self.figure, x=4 * self.line, units="points"),
            rotation=90,
            ha="left",
            va="bottom" if at_bottom else "top",
            fontsize=sizes.note,
            fontfamily=FONT,
            color=t.muted_text,
            parse_math=False,
            zorder=7,
            gid=f"{key}:started-label",
        )

    def legend(self) -> None:
        """Draw one legend for every panel, below them, with only what some panel shows."""
        from matplotlib.font_manager import FontProperties

        placed, sizes = self.placed, self.sizes
        if not placed.legend_keys:
            return
        handles = [self._handle(key) for key in placed.legend_keys]
        legend = self.figure.legend(
            handles,
            [LEGEND[key] for key in placed.legend_keys],
            loc="upper left",
            bbox_to_anchor=(
                (MARGIN * sizes.scale + placed.offset_x) / placed.width,
                1 - (placed.legend_y + placed.offset_y) / placed.height,
            ),
            ncol=placed.legend_columns,
            frameon=False,
            prop=FontProperties(family=FONT, size=sizes.size),
            labelcolor=self.theme.muted_text,
            handlelength=LEGEND_HANDLE,
            handletextpad=0.8,
            columnspacing=2.0,
            borderaxespad=0.0,
            borderpad=0.0,
        )
        legend.set_gid("gain:legend")
        for text in legend.get_texts():
            text.set_parse_math(False)

    def _handle(self, key: str) -> Artist:
        """Return the legend's sample of one kind of mark."""
        from matplotlib.colors import to_rgba
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        t, lw, marker = self.theme, self.line, 5.5 * self.line
        if key == "before":
            return Line2D(
                [],
                [],
                color=t.link,
                linewidth=1.6 * lw,
                marker="o",
                markersize=marker,
                markerfacecolor=t.background,
                markeredgewidth=1.4 * lw,
            )
        if key == "actual":
            return Line2D(
                [],
                [],
                color=t.red_edge,
                linewidth=2.4 * lw,
                marker="o",
                markersize=marker,
                markerfacecolor=t.red_edge,
                markeredgewidth=1.4 * lw,
            )
        if key in ("trend", "flat"):
            return Line2D([], [], color=t.link, linestyle=LINE_STYLES[key], linewidth=1.5 * lw)
        if key == "comparator":
            return Line2D(
                [], [], color=t.green_edge, linestyle=LINE_STYLES[key], linewidth=2.0 * lw
            )
        if key == "band":
            return Patch(facecolor=t.link, alpha=0.16, linewidth=0)
        if key in ("target-alone", "target-together"):
            alone = key == "target-alone"
            colour = t.green_edge if alone else t.red_edge
            return Line2D(
                [],
                [],
                linestyle="none",
                marker="s" if alone else "D",
                markersize=marker * TARGET_MARKER,
                markeredgecolor=colour,
                markerfacecolor=t.background if alone else colour,
                markeredgewidth=1.6 * lw,
            )
        if key in ("gain", "shortfall"):
            fill = shade(t, key)
            # Alpha in the colour, not the patch, so the hatching stays as dark as the chart's.
            return Patch(
                facecolor=to_rgba(fill.colour, fill.alpha),
                edgecolor=fill.hatch_colour if fill.hatch else "none",
                hatch=fill.hatch or None,
                linewidth=0,
            )
        raise ValueError(f"no legend entry {key!r}")


__all__ = ["NO_INDICATORS", "SVG_SALT", "generate", "render"]
