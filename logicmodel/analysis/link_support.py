"""Which links the trace counts as support: none that works against its target, and, when asked,
only those that evidence supports at a level or above."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from logicmodel.analysis.model_graph import EdgeRecord
from logicmodel.models.links import Effect, Evidence, Stance


def counted_links(
    edges: Iterable[EdgeRecord], evidenced: Evidence | None = None
) -> Iterator[EdgeRecord]:
    """Yield the links the trace counts as support.

    A link that works against its target (`effect: negative`) supports nothing. With
    `evidenced`, only links whose evidence supports them at that level or above count: the
    claimed links that rest on evidence, not on assumption.
    """
    negative = Effect.NEGATIVE.value
    if evidenced is None:
        for edge in edges:
            if edge[2].get("effect") != negative:
                yield edge
        return
    levels = {e.value for e in Evidence if e.rank >= evidenced.rank}
    supports = Stance.SUPPORTS.value
    for edge in edges:
        data = edge[2]
        if (
            data.get("effect") != negative
            and data.get("evidence") in levels
            and data.get("stance") == supports
        ):
            yield edge


__all__ = ["counted_links"]
