"""The editing layer's verb that tells the layout to keep a cell's order: `layout.keep_order`.

`Draft` takes it from `LayoutEdits`; the reorder edit uses it, so a box a person has dragged
into place is never moved back by crossing reduction. The entry is spliced into the text like
every other edit (comments kept), and only once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logicmodel.editing.fields import TOP_KEYS, Data
from logicmodel.editing.moving import root_of
from logicmodel.editing.spans import Mapping, Sequence, Unsupported, resolve
from logicmodel.editing.verb_groups import VerbGroup
from logicmodel.models import Layout
from logicmodel.models.vocabulary import key_order

if TYPE_CHECKING:
    from typing_extensions import Self

    from logicmodel.editing.patch import Patcher

LAYOUT = "layout"
KEEP_ORDER = "keep_order"


class LayoutEdits(VerbGroup):
    """`Draft`'s verb for the cells whose order a person chose."""

    def keep_order(self, cell: str) -> Self:
        """Add a cell (`activities/joint`, `interim`) to `layout.keep_order`, if not there yet."""
        section = self.data.get(LAYOUT) or {}
        if cell in (section.get(KEEP_ORDER) or []):
            return self

        def change(data: Data) -> None:
            if not isinstance(data.get(LAYOUT), dict):
                data[LAYOUT] = {}
            data[LAYOUT].setdefault(KEEP_ORDER, [])
            data[LAYOUT][KEEP_ORDER] = [*(data[LAYOUT][KEEP_ORDER] or []), cell]

        def patch(patcher: Patcher) -> None:
            root = root_of(patcher)
            if root.get(LAYOUT) is None:
                patcher.set_key(root, LAYOUT, {KEEP_ORDER: [cell]}, TOP_KEYS)
                return
            owner = resolve(root.get(LAYOUT))
            if not isinstance(owner, Mapping):
                raise Unsupported("a layout that is not written as a mapping")
            cells = resolve(owner.get(KEEP_ORDER))
            if not isinstance(cells, Sequence) or not cells.items:
                patcher.set_key(owner, KEEP_ORDER, [cell], key_order(Layout))
            elif patcher.json:
                patcher.append_item(cells, patcher.json_item(cell, cells))
            else:
                patcher.append_item(cells, patcher.inline(cell, flow=cells.flow))

        return self._apply(f"kept the order of {cell}", change, patch)


__all__ = ["LayoutEdits"]
