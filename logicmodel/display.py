"""Notebook display: models and diffs as SVG pictures, for Jupyter.

Jupyter calls `_repr_svg_` or `_repr_html_` on the last value of a cell. Every result's table
comes from `logicmodel.analysis.results` (`html_table`, kept importable from here); the
pictures are drawn here, above the analysis, so no result module imports a renderer: a diff's
picture is `diff_svg(changes)`. matplotlib loads only when a picture is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logicmodel.analysis.results import html_table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from logicmodel.analysis.diffing import ModelDiff
    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel

__all__ = ["diff_svg", "figure_svg", "html_table", "model_svg"]


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


def diff_svg(changes: ModelDiff) -> str | None:
    """Return Figure 1 of the new model with its changes marked, as SVG text; None when the
    diff was made without the new model."""
    if changes.new_model is None:
        return None
    from logicmodel.renderers.diff_view import render_diff

    return figure_svg(render_diff(changes))
