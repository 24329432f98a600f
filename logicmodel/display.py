"""Notebook display: results as HTML tables and models as SVG pictures, for Jupyter.

Jupyter calls `_repr_html_` or `_repr_svg_` on the last value of a cell; the result classes
(and the model, whose `_repr_svg_` imports this module only when called, so `models/` stays
pure data) call these helpers, and matplotlib loads only when a picture is asked for.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel


def html_table(rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str], caption: str) -> str:
    """Return rows as an HTML table under a caption, every value escaped.

    >>> html_table([{"a": "<b>"}], {"a": "A"}, "one row")
    '<table><caption>one row</caption>...<tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{html.escape(title)}</th>" for title in columns.values())
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(_text(row.get(key)))}</td>" for key in columns)
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def figure_svg(figure: Figure) -> str:
    """Return a matplotlib figure as SVG text, with no date in it."""
    from logicmodel.renderers import encode

    made = encode(figure, "svg")
    assert isinstance(made, bytes)
    return made.decode("utf-8")


def model_svg(model: LogicModel, trace: Trace | None = None, theme: str = "classic") -> str:
    """Return a model's Figure 1 diagram as SVG text."""
    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.renderers.figure1 import render

    return figure_svg(render(model, trace or trace_model(model), theme))
