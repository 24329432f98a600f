"""How large a model the Figure 1 layout takes, and the one-line refusal past it.

Figure 1's layout (ordering, routing, drawing) grows faster than the model: about n^2 in time
(`python benchmarks/render.py growth`), a minute at 2,000 elements and hours past 10,000. Every
view that lays Figure 1 out (the picture, the html page, the report, GEXF positions, yEd
GraphML) therefore refuses a larger model at once, saying what to do instead, rather than
exhausting the machine; `--max-elements` raises the limit for whoever accepts the wait.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logicmodel.models import LogicModel

# Past this many elements a Figure 1 view refuses: on a shared 2-core machine 2,000 shallow
# elements take about a minute and 400 MB to PNG, 5,000 more than three minutes; a diagram
# of more boxes than this cannot be read on any page or screen.
FIGURE1_MAX_ELEMENTS = 2_000
# Past this many elements a Figure 1 view takes more than a few seconds: say so on stderr.
FIGURE1_SLOW_ELEMENTS = 300

# What to do instead, by the view refused.
INSTEAD = {
    "html": "use --layout graph (Graphviz's layout)",
    "gexf": "export --format graphml or json (the same data without positions)",
    "graphml": "leave --yed out (the same data without positions)",
    "report": "draw the model with render --view graph",
}
INSTEAD_DEFAULT = "draw it with --view graph (Graphviz's layout)"


def element_count(model: LogicModel) -> int:
    """Return how many boxes Figure 1 would draw: every element of every stage."""
    return sum(1 for _ in model.elements())


def lays_out_figure1(view: str, options: Mapping[str, Any] | None = None) -> bool:
    """Return True if a view or export, with these options, lays Figure 1 out."""
    chosen = options or {}
    if view == "html":
        return bool(chosen.get("layout", "figure1") == "figure1")
    if view == "graphml":
        return bool(chosen.get("yed"))
    return view in ("figure1", "gexf", "report")


def figure1_refusal(
    count: int, view: str, limit: int = FIGURE1_MAX_ELEMENTS, raisable: bool = True
) -> str | None:
    """Return why a model of `count` elements is refused by a Figure 1 view, or None.

    `raisable` says whether the command takes --max-elements (the servers do not).
    """
    if count <= limit:
        return None
    ways = [INSTEAD.get(view, INSTEAD_DEFAULT), "split the model into strands"]
    if raisable:
        ways.append("raise the limit with --max-elements")
    instead = ", ".join(ways[:-1]) + ", or " + ways[-1]
    return f"{count:,} elements is more than Figure 1 lays out (at most {limit:,}): {instead}"


__all__ = [
    "FIGURE1_MAX_ELEMENTS",
    "FIGURE1_SLOW_ELEMENTS",
    "element_count",
    "figure1_refusal",
    "lays_out_figure1",
]
