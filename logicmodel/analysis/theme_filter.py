"""Keeping one theme's outcomes: `trace --only-theme` and `compare --only-theme`."""

from __future__ import annotations

from dataclasses import replace

from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel


def model_themes(model: LogicModel) -> list[str]:
    """Return the themes a model's elements have, in the order they first appear."""
    return list(dict.fromkeys(e.theme for _, e in model.elements() if e.theme is not None))


def theme_outcomes(model: LogicModel, theme: str) -> frozenset[str]:
    """Return the ids of the outcomes under a theme, matched without regard to case; raise
    ValueError naming the model's themes when no outcome has it."""
    wanted = theme.strip().casefold()
    found = frozenset(
        element.id
        for stage, element in model.elements()
        if stage.is_outcome and element.theme is not None and element.theme.casefold() == wanted
    )
    if not found:
        themes = model_themes(model)
        known = f"its themes are {', '.join(map(repr, themes))}" if themes else "it has no themes"
        raise ValueError(f"no outcome has the theme {theme!r}: {known}")
    return found


def only_theme(trace: Trace, model: LogicModel, theme: str) -> Trace:
    """Return a model's trace with only the outcomes under a theme (ValueError if none).

    >>> import logicmodel
    >>> model = logicmodel.load("tests/themes/themed.yaml")
    >>> sorted(only_theme(logicmodel.trace(model), model, "productivity").outcomes)
    ['gva', 'productivity']
    """
    kept = theme_outcomes(model, theme)
    return replace(
        trace,
        outcomes={key: value for key, value in trace.outcomes.items() if key in kept},
        lost_without_collaboration=trace.lost_without_collaboration & kept,
    )


__all__ = ["model_themes", "only_theme", "theme_outcomes"]
