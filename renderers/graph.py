"""The graph view: every element and link, ranked by stage, drawn by Graphviz's `dot`.

Building the DOT text (`build_digraph`, `generate_dot`) never runs a program; only `draw`
calls `dot`. Labels are HTML-like labels with every user character escaped, so a label shows
exactly as typed and can never end the label or inject DOT; every other attribute holding
user text goes through `dot_string`. The view's own nodes and clusters have names starting
with '_' after any prefix, which no element or partner id can (ids start with a letter or
digit), so an element called `legend_green` is only ever itself.
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.tracing import Trace
from logicmodel.models import Contribution, LogicModel, Stage
from logicmodel.renderers import GRAPHVIZ_MISSING
from logicmodel.renderers.export_fields import (
    CLAIMED,
    GAIN_FALLBACK,
    UNSUPPORTED_NOTE,
    box_kinds,
)
from logicmodel.renderers.options import GraphOptions, OptionProblem
from logicmodel.renderers.themes import Theme, get_theme

if TYPE_CHECKING:
    import graphviz

FADED = "33"  # alpha appended to colours of elements outside a --trace or --partner focus
LABEL_CHARS = 28  # characters per line in a node label
TOOLTIP_CHARS = 1_000  # a tooltip naming thousands of partners is shortened, visibly


def dot_string(text: str, limit: int = TOOLTIP_CHARS) -> str:
    r"""Return user text for a plain DOT attribute: backslashes doubled, one line, at most
    `limit` characters (then ending in '…').

    The graphviz package escapes quotes but leaves backslashes alone (for \n and \l), so a
    name ending in a backslash would swallow the closing quote.

    >>> print(dot_string("Back\\"))
    Back\\
    """
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\\", "\\\\")


class GraphvizMissing(RuntimeError):
    """The `dot` program is not on the PATH."""


def label_html(
    text: str, width: int = LABEL_CHARS, *, italic: bool = False, bold: bool = False
) -> str:
    """Return text as the inside of an HTML-like label: escaped, wrapped with <BR/>."""
    import textwrap

    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    # Graphviz expands \N, \G and the like even inside HTML-like labels (an entity for the
    # backslash too); a doubled backslash is the one way to show one.
    body = '<BR ALIGN="LEFT"/>'.join(
        html.escape(line, quote=True).replace("\\", "\\\\") for line in lines
    )
    if italic:
        body = f"<I>{body}</I>"
    if bold:
        body = f"<B>{body}</B>"
    return body + '<BR ALIGN="LEFT"/>'


def focus_nodes(model: LogicModel, trace: Trace, options: GraphOptions) -> set[str] | None:
    """Return the elements in focus for --trace or --partner, or None when all are."""
    if options.trace_outcome is None and options.partner is None:
        return None
    import networkx as nx

    graph = build_graph(model)
    if options.trace_outcome is not None:
        return {options.trace_outcome} | nx.ancestors(graph, options.trace_outcome)
    own = {c.id for _, c in model.contributions() if options.partner in model.partners_of(c)}
    reached = set(own)
    for node in own:
        reached |= nx.descendants(graph, node)
    return reached


def build_digraph(
    model: LogicModel,
    trace: Trace,
    options: GraphOptions | None = None,
    *,
    numbered: bool = False,
) -> graphviz.Digraph:
    """Return the model as a graphviz.Digraph, without running `dot`.

    `numbered` gives each node the SVG id `el-<n>` and each link `ln-<n>`, counted in file
    order as the interactive page counts them, instead of ids made from element ids.
    """
    options = options or GraphOptions()
    theme = get_theme(options.theme)
    in_focus = focus_nodes(model, trace, options)
    font_size = str(round(theme.font_size + 1))
    dot = _new_digraph(model, theme, font_size)
    names = {partner.id: partner.display_name for partner in model.partners}
    nodes = _node_attributes(model, trace, options, theme, in_focus, names)
    if numbered:
        for number, node in enumerate(nodes.values()):
            node["id"], node["class"] = f"el-{number}", "el " + node["class"]
    placed = (
        _add_clusters(dot, model, nodes, names, theme, font_size) if options.clusters else set()
    )
    _add_stage_ranks(dot, model, nodes, placed)
    _add_links(dot, model, nodes, theme, in_focus, numbered)
    _legend(dot, theme, font_size)
    return dot


def _new_digraph(model: LogicModel, theme: Theme, font_size: str) -> graphviz.Digraph:
    """Return an empty digraph with the view's graph, node and edge defaults and the title."""
    import graphviz

    return graphviz.Digraph(
        "logicmodel",
        graph_attr={
            "rankdir": "LR",
            "charset": "UTF-8",
            "fontname": "DejaVu Sans",
            "fontsize": str(round(theme.title_size)),
            "label": f"<{label_html(model.title, 80, bold=True)}>",
            "labelloc": "t",
            "labeljust": "l",
            "nodesep": "0.25",
            "ranksep": "0.8",
            "bgcolor": theme.background,
            "newrank": "true",
        },
        node_attr={
            "shape": "box",
            "style": "filled",
            "fontname": "DejaVu Sans",
            "fontsize": font_size,
            "margin": "0.12,0.06",
        },
        edge_attr={"color": theme.link, "arrowsize": "0.7"},
    )


def _node_attributes(
    model: LogicModel,
    trace: Trace,
    options: GraphOptions,
    theme: Theme,
    in_focus: set[str] | None,
    names: dict[str, str],
) -> dict[str, dict[str, str]]:
    """Return each shown element's node attributes: fill, tooltip, focus and critical marks."""
    critical = (
        set(trace.outcomes[options.trace_outcome].critical) if options.trace_outcome else set()
    )
    nodes: dict[str, dict[str, str]] = {}
    kinds = box_kinds(model, trace)
    for stage, element in model.elements():
        kind = kinds[element.id]
        faded = in_focus is not None and element.id not in in_focus
        if options.partner is not None and faded:
            continue  # --partner shows only that partner's part of the model
        attrs = _node_attrs(kind, element, theme, faded)
        if isinstance(element, Contribution):
            partners = ", ".join(names[p] for p in model.partners_of(element))
            attrs["tooltip"] = dot_string(f"{stage.singular}: {partners}")
        else:
            attrs["tooltip"] = f"{stage.singular}: {trace.outcomes[element.id].trace_class.value}"
        if element.id in critical:
            attrs["penwidth"] = "3.5"
            attrs["peripheries"] = "2"
            attrs["xlabel"] = "<<B>critical</B>>"
        if options.trace_outcome == element.id:
            attrs["penwidth"] = "3.5"
        attrs["id"] = f"node-{element.id}"
        attrs["class"] = f"{stage.value} {kind}"
        nodes[element.id] = attrs
    return nodes


def _add_clusters(
    dot: graphviz.Digraph,
    model: LogicModel,
    nodes: dict[str, dict[str, str]],
    names: dict[str, str],
    theme: Theme,
    font_size: str,
) -> set[str]:
    """Draw each partner's own contributions (and the joint work) in a box; return those drawn."""
    placed: set[str] = set()
    for cluster_id, title, members in _partner_clusters(model, nodes, names):
        with dot.subgraph(name=f"cluster_{cluster_id}") as cluster:
            joint = cluster_id == "_together"
            cluster.attr(
                label=f"<{label_html(title, 60, bold=True)}>",
                style="rounded,filled",
                color=theme.red_edge if joint else theme.green_edge,
                fillcolor=theme.red_lane if joint else theme.green_lane,
                fontname="DejaVu Sans",
                fontsize=font_size,
            )
            for node in members:
                cluster.node(node, **nodes[node])
                placed.add(node)
    return placed


def _add_stage_ranks(
    dot: graphviz.Digraph, model: LogicModel, nodes: dict[str, dict[str, str]], placed: set[str]
) -> None:
    """Put each stage's elements in one rank, drawing those no cluster has drawn."""
    for stage in Stage:
        members = [e.id for e in model.stage_elements(stage) if e.id in nodes]
        if not members:
            continue
        # One rank per stage; newrank lets a rank cross the partner clusters.
        with dot.subgraph(name=f"stage_{stage.value}") as group:
            group.attr(rank="same")
            for node in members:
                if node in placed:
                    group.node(node)  # already drawn in its cluster: only its rank here
                else:
                    group.node(node, **nodes[node])


def _add_links(
    dot: graphviz.Digraph,
    model: LogicModel,
    nodes: dict[str, dict[str, str]],
    theme: Theme,
    in_focus: set[str] | None,
    numbered: bool = False,
) -> None:
    """Draw every leads_to link, and every enhances link dashed with a diamond head."""
    count = iter(range(1 << 62))

    def link_id() -> dict[str, str]:
        return {"id": f"ln-{next(count)}", "class": "link"} if numbered else {}

    for _, element in model.elements():
        if element.id not in nodes:
            continue
        for target in element.leads_to:
            if target in nodes:
                alpha = _edge_alpha(in_focus, element.id, target)
                dot.edge(element.id, target, color=theme.link + alpha, **link_id())
        if isinstance(element, Contribution):
            for target in element.enhances:
                if target in nodes:
                    alpha = _edge_alpha(in_focus, element.id, target)
                    dot.edge(
                        element.id,
                        target,
                        **link_id(),
                        color=theme.enhances + alpha,
                        style="dashed",
                        penwidth="2",
                        arrowhead="diamond",
                        tooltip="enhances",
                    )


def _node_attrs(kind: str, element: object, theme: Theme, faded: bool) -> dict[str, str]:
    """Return the fill, outline and label of one node."""
    alpha = FADED if faded else ""
    label = label_html(element.label)  # type: ignore[attr-defined]
    text_colour = (theme.muted_text if kind == "unsupported" else theme.text) + alpha
    font = f'<FONT COLOR="{text_colour}">'
    attrs: dict[str, str] = {}
    if kind == "green":
        attrs.update(fillcolor=theme.green_fill + alpha, color=theme.green_edge + alpha)
    elif kind == "red":
        # A double outline as well as the colour: greyscale and colour-blind readers see it.
        attrs.update(
            fillcolor=theme.red_fill + alpha, color=theme.red_edge + alpha, peripheries="2"
        )
        gain = getattr(element, "gain", None)
        if gain:
            label += label_html(gain, italic=True)
    elif kind == "split":
        gain = getattr(element, "gain", None) or GAIN_FALLBACK
        # Wedged halves: green for what partners achieve alone, red for the gain.
        attrs.update(
            style="striped",
            fillcolor=f"{theme.green_fill}{alpha};0.5:{theme.red_fill}{alpha}",
            color=theme.red_edge + alpha,
        )
        label += label_html(gain, italic=True)
    else:
        attrs.update(
            fillcolor=theme.warning_fill + alpha,
            color=theme.warning_edge + alpha,
            style="filled,dashed,bold",
        )
        label += label_html(UNSUPPORTED_NOTE, bold=True)
    evidence = getattr(element, "evidence", None)
    if kind != "unsupported" and evidence is not None and evidence.value in CLAIMED:
        # A gain only planned or expected so far: a dotted outline, as in every view.
        attrs["style"] = attrs.get("style", "filled") + ",dotted"
        attrs["penwidth"] = "2"
    attrs["label"] = f"<{font}{label}</FONT>>"
    return attrs


def _edge_alpha(in_focus: set[str] | None, source: str, target: str) -> str:
    """Return the alpha suffix for a link's colour: faded when it leaves the focus."""
    if in_focus is None or (source in in_focus and target in in_focus):
        return ""
    return FADED


def _partner_clusters(
    model: LogicModel, nodes: dict[str, dict[str, str]], names: dict[str, str]
) -> list[tuple[str, str, list[str]]]:
    """Return (id, title, members) for a joint-work cluster and one per partner's own work."""
    joint: list[str] = []
    own: dict[str, list[str]] = {}
    for _, contribution in model.contributions():
        if contribution.id not in nodes:
            continue
        if model.is_collaborative(contribution):
            joint.append(contribution.id)
        else:
            own.setdefault(model.partners_of(contribution)[0], []).append(contribution.id)
    clusters = [("_together", "Working together", joint)] if joint else []
    clusters += [(p, names[p], own[p]) for p in model.partner_ids() if p in own]
    return clusters


def _legend(dot: graphviz.Digraph, theme: Theme, font_size: str) -> None:
    """Add a small legend cluster: the four kinds of box and the two kinds of link."""
    with dot.subgraph(name="cluster__legend") as legend:
        legend.attr(
            label="<<B>Legend</B>>", style="rounded", color=theme.divider, fontsize=font_size
        )
        entries = [
            (
                "_legend_green",
                "Single-agency",
                {"fillcolor": theme.green_fill, "color": theme.green_edge},
            ),
            (
                "_legend_red",
                "Collaborative (double outline)",
                {"fillcolor": theme.red_fill, "color": theme.red_edge, "peripheries": "2"},
            ),
            (
                "_legend_split",
                "Collaborative gain",
                {"style": "striped", "fillcolor": f"{theme.green_fill};0.5:{theme.red_fill}"},
            ),
            (
                "_legend_unsupported",
                "No support",
                {
                    "fillcolor": theme.warning_fill,
                    "color": theme.warning_edge,
                    "style": "filled,dashed,bold",
                },
            ),
        ]
        for node, text, attrs in entries:
            text_colour = theme.muted_text if node == "_legend_unsupported" else theme.text
            legend.node(node, label=f'<<FONT COLOR="{text_colour}">{text}</FONT>>', **attrs)
        legend.edge("_legend_green", "_legend_split", label="leads to", fontsize=font_size)
        legend.edge(
            "_legend_red",
            "_legend_green",
            label="enhances",
            style="dashed",
            color=theme.enhances,
            penwidth="2",
            arrowhead="diamond",
            fontsize=font_size,
        )
        legend.edge("_legend_split", "_legend_unsupported", style="invis")


def generate_dot(model: LogicModel, trace: Trace, options: GraphOptions | None = None) -> str:
    """Return the DOT text of the graph view."""
    return str(build_digraph(model, trace, options).source)


def dot_program() -> str:
    """Return the path of Graphviz's `dot`, or raise GraphvizMissing with how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise GraphvizMissing(GRAPHVIZ_MISSING)
    return found


def draw(dot_text: str, image_format: str) -> bytes:
    """Return the image `dot` makes of DOT text, in svg, png or pdf."""
    program = dot_program()
    result = subprocess.run(
        [program, f"-T{image_format}"],
        input=dot_text.encode("utf-8"),
        capture_output=True,
        preexec_fn=_dying_with_us(),
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"dot failed: {message[-1] if message else result.returncode}")
    return without_dates(result.stdout) if image_format == "pdf" else result.stdout


def without_dates(pdf: bytes) -> bytes:
    """Return a PDF with its creation and modification dates blanked out.

    Cairo (which `dot -Tpdf` writes through) stamps the time of writing, so the same model
    would give a new file every run; its SOURCE_DATE_EPOCH support is too recent to rely on.
    The entries become spaces of the same length, so every offset in the file stays right.
    """
    import re

    return re.sub(rb"/(?:CreationDate|ModDate) *\([^)]*\)", lambda found: b" " * len(found[0]), pdf)


def _dying_with_us() -> Callable[[], None] | None:
    """Return what makes a child process die when we do (Linux), or None elsewhere.

    `dot` reads all its input before laying a large graph out for minutes; if we are killed
    (even with -9) meanwhile, nothing would tell it, and it would run on as an orphan.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()
    set_death_signal = 1  # PR_SET_PDEATHSIG

    def die_with_parent() -> None:
        prctl(set_death_signal, signal.SIGKILL)
        if os.getppid() != parent:  # we died before the line above: go now
            os._exit(1)

    return die_with_parent


# Output formats that are the DOT text itself; any other is laid out by `dot`.
DOT_TEXT = ("dot", "gv", "")


def verify_focus(model: LogicModel, options: GraphOptions) -> None:
    """Raise OptionProblem when --trace or --partner names nothing in the model."""
    from logicmodel.fileformat.rules import did_you_mean

    outcome, partner = options.trace_outcome, options.partner
    outcomes = [e.id for stage, e in model.elements() if stage.is_outcome]
    if outcome is not None and outcome not in outcomes:
        raise OptionProblem(f"no outcome {outcome!r} for --trace{did_you_mean(outcome, outcomes)}")
    partners = model.partner_ids()
    if partner is not None and partner not in partners:
        raise OptionProblem(
            f"no partner {partner!r} for --partner{did_you_mean(partner, partners)}"
        )


def generate(model: LogicModel, trace: Trace, options: GraphOptions) -> str | bytes:
    """Return the graph view as DOT text, or as the picture `dot` makes of it (the registry's
    entry point)."""
    verify_focus(model, options)
    dot_text = generate_dot(model, trace, options)
    if options.output_format in DOT_TEXT:
        return dot_text
    return draw(dot_text, options.output_format)


__all__ = [
    "DOT_TEXT",
    "FADED",
    "LABEL_CHARS",
    "TOOLTIP_CHARS",
    "GraphvizMissing",
    "build_digraph",
    "dot_program",
    "dot_string",
    "draw",
    "focus_nodes",
    "generate",
    "generate_dot",
    "label_html",
    "verify_focus",
    "without_dates",
]
