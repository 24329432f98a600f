"""Putting the boxes of one cell of the diagram in a person's order: the editor's drag.

The file's order is the drawing's order, so a cell's new order is written by moving its
elements within their stage, each with the editing layer's `move` (comments and layout kept),
only where it stands before the element it should follow. Its cell is then added to
`layout.keep_order`, so that crossing reduction keeps the order the person chose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logicmodel.editing.errors import EditError
from logicmodel.models import Stage
from logicmodel.models.cells import cell_of

if TYPE_CHECKING:
    from logicmodel.editing.layer import Draft

__all__ = ["reorder"]


def reorder(draft: Draft, order: list[str]) -> Draft:
    """Return the draft (changed in place, as every verb of the layer) with `order`'s elements,
    all of one stage, in that order relative to each other; the stage's others keep theirs."""
    if len(order) < 2 or len(set(order)) != len(order):
        raise EditError("an order names two or more different elements")
    where = draft.element_ids()
    unknown = [ident for ident in order if ident not in where]
    if unknown:
        raise EditError(f"no element {unknown[0]!r}")
    stages = {where[ident][0] for ident in order}
    if len(stages) > 1:
        raise EditError("an order names elements of one stage only")
    (stage,) = stages
    moves = 0
    for previous, ident in zip(order, order[1:], strict=False):
        places = draft.element_ids()
        if places[ident][1] < places[previous][1]:
            draft = draft.move(ident, stage, after=previous)
            moves += 1
    if not moves:
        raise EditError("the elements are in that order already")
    # The layout must not undo a person's order: the cell is kept from now on.
    model = draft.model
    named = set(order)
    cells = [
        cell_of(model, Stage(stage), element)
        for element in model.stage_elements(Stage(stage))
        if element.id in named
    ]
    for cell in dict.fromkeys(cells):
        draft = draft.keep_order(cell)
    return draft
