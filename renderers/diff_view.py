"""The diff picture: Figure 1 of the new model with added and changed elements marked and
removed ones listed beneath (matplotlib).

It draws Figure 1 through figure1's public `render` and `layout` and only adds marks on top,
so Figure 1's own drawing stays in one place. Marks are words and heavy outlines, not colours,
so they read in every theme, greyscale included. Not in the registry: a diff is of two models,
and the registry's entry point takes one (`logicmodel diff --view` draws it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logicmodel.renderers.themes import get_theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from logicmodel.analysis.diffing import ModelDiff

ADDED_MARK = "new"
CHANGED_MARK = "changed"
LIST_PITCH = 1.5  # line height of the removed list, as a multiple of the font size


def marked_ids(result: ModelDiff) -> dict[str, str]:
    """Return the new model's element ids to mark, each with its mark: new or changed."""
    from logicmodel.analysis.diffing import (
        ADDED,
        FIELD,
        LANE,
        LINK_ADDED,
        LINK_REMOVED,
        MOVED,
        OUTCOME,
        RELABELLED,
        RENAMED,
    )

    marks: dict[str, str] = {}
    for entry in result.entries:
        if entry.change == ADDED:
            marks[entry.id] = ADDED_MARK
        elif entry.change in (RENAMED, RELABELLED, MOVED, LANE, FIELD, OUTCOME, LINK_ADDED):
            marks.setdefault(entry.id, CHANGED_MARK)
        elif entry.change == LINK_REMOVED and entry.stage:
            marks.setdefault(entry.id, CHANGED_MARK)
    return marks


def removed_lines(result: ModelDiff) -> list[str]:
    """Return one line per removed element and partner, for the list beneath the picture."""
    from logicmodel.analysis.diffing import PARTNER_REMOVED, REMOVED, describe

    return [describe(e).lstrip("- ") for e in result.of(REMOVED, PARTNER_REMOVED)]


def render_diff(result: ModelDiff, theme: str = "classic") -> Figure:
    """Return Figure 1 of the diff's new model with its changes marked, as a matplotlib Figure."""
    from matplotlib.patches import Rectangle

    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.figure1 import render
    from logicmodel.renderers.layout import layout

    if result.new_model is None:
        raise ValueError("the diff holds no new model to draw")
    model = result.new_model
    traced = trace(model)
    chosen = get_theme(theme)
    figure = render(model, traced, theme)
    placed = layout(model, traced, chosen)
    axes = figure.axes[0]
    size = chosen.font_size
    for ident, mark in marked_ids(result).items():
        box = placed.boxes.get(ident)
        if box is None:
            continue
        axes.add_patch(
            Rectangle(
                (box.x - 0.04, box.y - 0.04),
                box.width + 0.08,
                box.height + 0.08,
                fill=False,
                edgecolor="#000000",
                linewidth=3.0 if mark == ADDED_MARK else 2.0,
                linestyle="-" if mark == ADDED_MARK else (0, (4, 2)),
                zorder=8,
            )
        )
        axes.text(
            box.x + box.width,
            box.y - 0.05,
            mark,
            ha="right",
            va="bottom",
            fontsize=size * 0.8,
            fontweight="bold",
            color="#FFFFFF",
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "#000000", "lw": 0},
            zorder=9,
        )
    _list_removed(figure, removed_lines(result), size, chosen.muted_text)
    return figure


def _list_removed(figure: Figure, lines: list[str], size: float, colour: str) -> None:
    """Grow the canvas downwards and list what was removed there."""
    if not lines:
        return
    width, height = figure.get_size_inches()
    pitch = size * LIST_PITCH / 72
    extra = pitch * (len(lines) + 1) + 0.3
    total = height + extra
    figure.set_size_inches(width, total)
    figure.axes[0].set_position((0, extra / total, 1, height / total))
    texts = ["Removed:", *(f"  {line}" for line in lines)]
    for number, text in enumerate(texts):
        figure.text(
            0.35 / width,
            (extra - 0.15 - number * pitch) / total,
            text,
            va="top",
            fontsize=size,
            fontweight="bold" if number == 0 else "normal",
            color=colour,
            parse_math=False,
        )


__all__ = [
    "ADDED_MARK",
    "CHANGED_MARK",
    "LIST_PITCH",
    "marked_ids",
    "removed_lines",
    "render_diff",
]
