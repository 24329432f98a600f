"""What a link rests on, on the picture: a channel apart from red and green.

A link with evidence that supports it carries a small dot where it starts; one whose evidence
refutes it, a cross; once a model states evidence for any link, a link with none is drawn
dotted (assumed); a link that works against its target ends in a flat bar with a minus sign
instead of an arrowhead. Plain models, which state nothing, draw as before. Figure 1 and the
page both take their marks from `link_marks`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from logicmodel.models import Contribution, LogicModel
from logicmodel.models.links import Stance

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from logicmodel.renderers.layout import Layout
    from logicmodel.renderers.themes import Theme

NEGATIVE = "negative"
EVIDENCED = "evidenced"
REFUTED = "refuted"
ASSUMED = "assumed"
# The legend's words for each mark, in the order the key lists them.
MARK_WORDS = {
    EVIDENCED: "link with evidence (dot)",
    ASSUMED: "link assumed, no evidence stated (dotted)",
    REFUTED: "link its evidence refutes (cross)",
    NEGATIVE: "works against its target (flat end, minus)",
}
LEGEND_PREFIX = "mark:"
ASSUMED_DASHES = (0, (1, 1.6))  # dotted: apart from the solid leads-to and dashed enhances


def link_marks(model: LogicModel) -> dict[str, str]:
    """Return each marked link's mark by its route's gid ('link:a->b', 'enhances:a->b')."""
    stated = any(
        facts.evidence is not None
        for _, element in model.elements()
        for facts in element.link_facts.values()
    )
    marks: dict[str, str] = {}
    for _, element in model.elements():
        kinds = [("link", element.leads_to)]
        if isinstance(element, Contribution):
            kinds.append(("enhances", element.enhances))
        for kind, targets in kinds:
            for target in targets:
                facts = element.facts_of(target)
                gid = f"{kind}:{element.id}->{target}"
                if facts is not None and facts.negative:
                    marks[gid] = NEGATIVE
                elif facts is not None and facts.evidence is not None:
                    refutes = facts.evidence.stance is Stance.REFUTES
                    marks[gid] = REFUTED if refutes else EVIDENCED
                elif stated:
                    marks[gid] = ASSUMED
    return marks


def legend_items(model: LogicModel) -> list[tuple[str, str]]:
    """Return the key's entries for the marks a model's picture shows."""
    shown = set(link_marks(model).values())
    return [(LEGEND_PREFIX + mark, words) for mark, words in MARK_WORDS.items() if mark in shown]


def line_style(mark: str | None, usual: Any) -> Any:
    """Return a link's line style: dotted when assumed, else its usual one."""
    return ASSUMED_DASHES if mark == ASSUMED else usual


def _bar_and_minus(
    axes: Axes, end: tuple[float, float], sign: float, colour: str, scale: float, gid: str
) -> None:
    """Draw a flat bar across a line's end and a minus sign beside it."""
    from matplotlib.lines import Line2D

    bx, by = end
    half = 0.06 * scale
    axes.add_artist(
        Line2D(
            [bx, bx],
            [by - half, by + half],
            color=colour,
            linewidth=1.8 * scale,
            zorder=2.7,
            gid=f"bar:{gid}",
        )
    )
    axes.text(
        bx - sign * 0.16 * scale,
        by - 0.05 * scale,
        "\u2212",
        color=colour,
        fontsize=11 * scale,
        fontweight="bold",
        ha="center",
        va="bottom",
        zorder=2.7,
        gid=f"minus:{gid}",
    )


def _start_mark(
    axes: Axes, points: list[tuple[float, float]], mark: str, colour: str, scale: float, gid: str
) -> None:
    """Draw a dot (evidenced) or a cross (refuted) a little way along a link from its start."""
    from matplotlib.lines import Line2D

    (ax, ay), (bx, by) = points[0], points[1]
    step = 0.1 * scale
    length = max(abs(bx - ax) + abs(by - ay), 1e-9)
    x, y = ax + (bx - ax) / length * step, ay + (by - ay) / length * step
    axes.add_artist(
        Line2D(
            [x],
            [y],
            marker="o" if mark == EVIDENCED else "X",
            markersize=5 * scale,
            markerfacecolor=colour,
            markeredgecolor="white" if mark == EVIDENCED else colour,
            markeredgewidth=0.6,
            linestyle="none",
            zorder=2.8,
            gid=f"{mark}:{gid}",
        )
    )


def draw_marks(
    axes: Axes,
    placed: Layout,
    marks: dict[str, str],
    draws: Callable[[tuple[str, str]], bool],
    theme: Theme,
    scale: float,
) -> None:
    """Draw each drawn link's mark: a dot or cross at its start, or a bar and minus at its end."""
    for gid, mark in marks.items():
        points = placed.routes.get(gid)
        if not points or len(points) < 2 or not draws(placed.ends[gid]):
            continue
        colour = theme.enhances if gid.startswith("enhances:") else theme.link
        if mark == NEGATIVE:
            (ax, _), end = points[-2], points[-1]
            _bar_and_minus(axes, end, 1.0 if end[0] >= ax else -1.0, colour, scale, gid)
        elif mark in (EVIDENCED, REFUTED):
            _start_mark(axes, points, mark, colour, scale, gid)


def draw_legend_mark(
    axes: Axes, kind: str, x: float, y: float, swatch_h: float, theme: Theme
) -> bool:
    """Draw the key's sample of a mark (a short link bearing it); False for other kinds."""
    from matplotlib.lines import Line2D

    if not kind.startswith(LEGEND_PREFIX):
        return False
    mark = kind.removeprefix(LEGEND_PREFIX)
    scale = theme.line_weight
    mid = y + swatch_h / 2
    points = [(x, mid), (x + 0.38, mid)]
    axes.add_artist(
        Line2D(
            [x, x + 0.38],
            [mid, mid],
            color=theme.link,
            linewidth=0.9 * scale,
            linestyle=line_style(mark, "-"),
            zorder=3,
        )
    )
    if mark == NEGATIVE:
        _bar_and_minus(axes, points[1], 1.0, theme.link, scale, "legend")
    elif mark in (EVIDENCED, REFUTED):
        _start_mark(axes, points, mark, theme.link, scale, "legend")
    return True


__all__ = [
    "ASSUMED",
    "ASSUMED_DASHES",
    "EVIDENCED",
    "LEGEND_PREFIX",
    "MARK_WORDS",
    "NEGATIVE",
    "REFUTED",
    "draw_legend_mark",
    "draw_marks",
    "legend_items",
    "line_style",
    "link_marks",
]
