"""The comparison chart: one stacked bar of outcome classes per partnership (matplotlib).

Each bar is a partnership's outcomes as shares of 100%, in the trace classes' colours of
Figure 1: green for single-agency, green over red (the split box) for collaborative gain, red
for collaboration only, the warning colour for unsupported; the bars are sorted by the share
relying on collaboration, so the chart answers "where does most rely on working together?".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logicmodel.renderers.drawing import hatching
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel
    from logicmodel.renderers.options import Options

CLASSES = ("single_agency", "collaborative_gain", "collaboration_only", "unsupported")
BAR_PITCH = 0.36  # inches per partnership
# Hundreds of partnerships: the bars get thinner and their names smaller, so that the picture
# stays within what a PNG can hold (and a screen can scroll).
BARS_HEIGHT = 120.0  # inches at the most
LABEL_CHARS = 34


def generate(model: LogicModel, trace: Trace, options: Options) -> Figure:
    """Return the chart of one model (the registry's entry point): one bar."""
    from logicmodel.analysis.comparing import compare_model

    return chart([compare_model(model)], options.theme)


def bar_name(row: dict[str, Any]) -> str:
    """Return a bar's name: the model file's stem, else its title, clipped.

    >>> bar_name({"model": "samples/figure1.yaml", "title": "Figure 1"})
    'figure1'
    """
    name = Path(row["model"]).stem if row.get("model") else str(row["title"])
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


HEADING = "Outcomes by trace class, per partnership (sorted by the share relying on collaboration)"
# The same bars for `compare --by-national-outcome`: a bar per national outcome, its segments
# the models serving it, counted by the class their outcomes give it.
NATIONAL_HEADING = (
    "Models serving each national outcome, by trace class (sorted by the share relying on "
    "collaboration)"
)


def chart(rows: Sequence[dict[str, Any]], theme: str = "classic", heading: str = HEADING) -> Figure:
    """Return the stacked bars of outcome classes for comparison rows, as a matplotlib Figure.

    A row counts `outcomes` in all and by class; `compare --by-national-outcome` gives rows
    whose `outcomes` are the models serving a national outcome, with `heading` to say so.
    """
    from matplotlib.figure import Figure

    chosen = get_theme(theme)
    ordered = sorted(rows, key=lambda row: -row["relying_share"])
    size = chosen.font_size
    scale = size / 9
    top, bottom = 0.85 * scale, 0.45 * scale  # inches: title and legend above, ticks below
    pitch = min(BAR_PITCH * scale, BARS_HEIGHT / max(1, len(ordered)))
    name_size = min(size, pitch * 72 * 0.75)
    height = max(2.0 * scale, pitch * len(ordered)) + top + bottom
    width = max(9.0 * scale, height * chosen.aspect)
    figure = Figure(figsize=(width, height), facecolor=chosen.background)
    left = (LABEL_CHARS * 0.55 * size / 72 + 0.2) / width
    right = 1.0 * scale / width
    axes = figure.add_axes((left, bottom / height, 1 - left - right, 1 - (top + bottom) / height))
    axes.set_facecolor(chosen.background)
    counted = pitch >= 0.25 * scale  # room for the count inside each segment
    for position, row in enumerate(ordered):
        _bar(axes, position, row, chosen, name_size, counted)
    axes.set_xlim(0, 1)
    axes.set_ylim(len(ordered) - 0.5, -0.5)
    axes.set_yticks(range(len(ordered)))
    axes.set_yticklabels(
        [bar_name(row) for row in ordered],
        fontsize=name_size,
        color=chosen.muted_text,
        parse_math=False,  # a title such as "$5 and $10" is money, not maths
    )
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
    axes.set_xticklabels(
        ["0%", "25%", "50%", "75%", "100%"], fontsize=size, color=chosen.muted_text
    )
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    figure.text(
        0.2 / width,
        1 - 0.12 * scale / height,
        heading,
        fontsize=size * 1.2,
        color=chosen.muted_text,  # text on the background: theme.text is for text on boxes
        va="top",
    )
    _legend(axes, chosen)
    return figure


def _colours(theme: Theme) -> dict[str, tuple[str, str, str]]:
    """Return each class's fill, edge and hatch."""
    return {
        "single_agency": (theme.green_fill, theme.green_edge, ""),
        "collaboration_only": (theme.red_fill, theme.red_edge, theme.red_hatch),
        "unsupported": (theme.warning_fill, theme.warning_edge, ".."),
    }


def _bar(
    axes: Axes, position: int, row: dict[str, Any], theme: Theme, size: float, counted: bool
) -> None:
    """Draw one partnership's bar: its outcome classes side by side, counted where they fit."""
    from matplotlib.patches import Rectangle

    total = row["outcomes"]
    left = 0.0
    colours = _colours(theme)
    for name in CLASSES:
        count = row[name]
        if not total or not count:
            continue
        width = count / total
        top, bar_h = position - 0.35, 0.7
        if name == "collaborative_gain":
            # The split box of Figure 1: green above (what partners achieve alone), red below.
            for y, h, fill, edge, hatch in (
                (top, bar_h / 2, theme.green_fill, theme.green_edge, ""),
                (top + bar_h / 2, bar_h / 2, theme.red_fill, theme.red_edge, theme.red_hatch),
            ):
                axes.add_patch(Rectangle((left, y), width, h, facecolor=fill, edgecolor=edge))
                if hatch:
                    axes.add_patch(hatching(left, y, width, h, hatch, theme.hatch_colour))
        else:
            fill, edge, hatch = colours[name]
            axes.add_patch(Rectangle((left, top), width, bar_h, facecolor=fill, edgecolor=edge))
            if hatch:
                axes.add_patch(hatching(left, top, width, bar_h, hatch, theme.hatch_colour))
        if counted and width >= 0.04:
            axes.text(
                left + width / 2,
                position,
                str(count),
                ha="center",
                va="center",
                fontsize=theme.font_size * 0.9,
                color=theme.muted_text,
                fontweight="bold",
                zorder=5,
                # On a plate, so the count reads across the split line and the hatching.
                bbox={"boxstyle": "round,pad=0.15", "facecolor": theme.background, "lw": 0},
            )
        left += width
    axes.text(
        1.01,
        position,
        f"{row['relying_share']:.0%} of {total}",
        va="center",
        fontsize=min(size, theme.font_size * 0.9),
        color=theme.muted_text,
        transform=axes.get_yaxis_transform(),
        clip_on=False,
    )


def _legend(axes: Axes, theme: Theme) -> None:
    """Draw the key to the classes above the bars."""
    from matplotlib.patches import Patch

    colours = _colours(theme)
    handles = [
        Patch(facecolor=colours["single_agency"][0], edgecolor=theme.green_edge),
        Patch(facecolor=theme.red_fill, edgecolor=theme.green_edge, hatch=theme.red_hatch),
        Patch(facecolor=theme.red_fill, edgecolor=theme.red_edge, hatch=theme.red_hatch),
        Patch(facecolor=theme.warning_fill, edgecolor=theme.warning_edge, hatch=".."),
    ]
    labels = [
        f"single-agency ({theme.single_name})",
        f"collaborative gain ({theme.single_name} and {theme.joint_name})",
        f"collaboration only ({theme.joint_name})",
        "unsupported",
    ]
    axes.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=2,
        fontsize=theme.font_size * 0.9,
        frameon=False,
        labelcolor=theme.muted_text,
    )


__all__ = [
    "BARS_HEIGHT",
    "BAR_PITCH",
    "CLASSES",
    "HEADING",
    "LABEL_CHARS",
    "NATIONAL_HEADING",
    "bar_name",
    "chart",
    "generate",
]
