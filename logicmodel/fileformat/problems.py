"""What a broken rule of the file format is (a problem at a data path), and the words every
rule uses: an element named as messages name it, and the nearest choice to a slip."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from logicmodel.fileformat.parsing import Path
from logicmodel.models import Element, Stage


@dataclass(frozen=True)
class Problem:
    """A rule broken at a place in the file, named by its data path."""

    path: Path
    message: str
    also: Path | None = None  # another place the message names as "{where}" ("on line 7")


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the nearest choice, or '' when none is near.

    A name that differs from a choice only by lookalike letters (a Cyrillic 'а' for a Latin
    'a') says so: the two look the same, and no edit distance would explain it.
    """
    from logicmodel.fileformat.confusables import lookalike_of, lookalikes

    choices = list(choices)
    twin = lookalike_of(name, choices)
    if twin is not None:
        letters = ", ".join(lookalikes(name) or lookalikes(twin))
        return f" (it looks like {twin!r} but is spelt with lookalike letters: {letters})"
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def describe(stage: Stage, element: Element) -> str:
    """Return how messages name an element: "activity 'joint-diagnosis'"."""
    return f"{stage.singular} {element.id!r}"


__all__ = ["Problem", "describe", "did_you_mean"]
