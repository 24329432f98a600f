"""The editing layer's verb that tells the layout to keep a cell's order: `layout.keep_order`.

`Draft` takes it from `LayoutEdits`; the reorder edit uses it, so a box a person has dragged
into place is never moved back by crossing reduction. The entry is spliced into the text like
every other edit (comments kept), and only once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logicmodel.editing.fields import TOP_KEYS, Data
from logicmodel.editing.moving import key_of, root_of
from logicmodel.editing.spans import Mapping, Sequence, Unsupported, resolve
from logicmodel.editing.verb_groups import VerbGroup
from logicmodel.models import Layout
from logicmodel.models.cells import PARTNERS_JOINED
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

    def rename_kept_lanes(self, old: str, new: str | None) -> Self:
        """Follow a partner renamed (`new`) or removed (None) in `layout.keep_order`: a cell
        naming it is renamed, or forgotten; nothing happens if no cell names it."""
        section = self.data.get(LAYOUT) or {}
        cells: list[str] = list(section.get(KEEP_ORDER) or [])
        renamed = [_lane_renamed(cell, old, new) for cell in cells]
        if renamed == cells:
            return self

        def change(data: Data) -> None:
            kept = [cell for cell in renamed if cell is not None]
            data[LAYOUT][KEEP_ORDER] = kept

        def patch(patcher: Patcher) -> None:
            owner = resolve(root_of(patcher).get(LAYOUT))
            items = resolve(owner.get(KEEP_ORDER)) if isinstance(owner, Mapping) else None
            if not isinstance(owner, Mapping) or not isinstance(items, Sequence):
                raise Unsupported("a layout that is not written as a mapping of lists")
            for index in reversed(range(len(cells))):
                now = renamed[index]
                if now is None:
                    patcher.delete_item(items, index, key_of(owner, KEEP_ORDER))
                elif now != cells[index]:
                    patcher.replace(items.items[index], now)

        what = f"renamed to {new!r}" if new else "removed"
        return self._apply(
            f"kept cells follow partner {old!r} {what}", change, patch, removes=new is None
        )


def _lane_renamed(cell: str, old: str, new: str | None) -> str | None:
    """Return a cell with a partner renamed in its lane, or None if it named a removed one."""
    stage, slash, lane = cell.partition("/")
    partners = lane.split(PARTNERS_JOINED) if slash else []
    if old not in partners:
        return cell
    if new is None:
        return None
    return stage + slash + PARTNERS_JOINED.join(new if p == old else p for p in partners)


__all__ = ["LayoutEdits"]
