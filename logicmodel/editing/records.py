"""Edits of a list of records, the entries with no id: costs, benefits, indicators and ignored
advice. The layer's Draft has no edit for them yet, so `RecordDraft` adds one, `put_records`,
made the way the layer makes every edit: the data changed the simple way, the text spliced
(an entry added at the end, or changed field by field), and ruamel.yaml's round trip where the
splice cannot be made; checked and written by the layer's `check` and `save`.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from logicmodel.editing.fields import ELEMENT_KEYS, PARTNERSHIP_KEYS, TOP_KEYS, Data
from logicmodel.editing.layer import Draft
from logicmodel.editing.patch import Patcher
from logicmodel.editing.spans import Mapping, Sequence, Splice, Unsupported, resolve
from logicmodel.models import Benefit, Cost, IgnoredRule, Indicator
from logicmodel.models.vocabulary import key_order

Path = tuple[str | int, ...]
# Where a record list lives, and the order its entries' keys are written in.
RECORD_KEYS: dict[str, tuple[str, ...]] = {
    "costs": key_order(Cost),
    "benefits": key_order(Benefit),
    "indicators": key_order(Indicator),
    "ignore": key_order(IgnoredRule),
}
_ABSENT = object()
# The text writer quotes a year that is a key or a period ('2006': 460); the format writes it
# as a number, as people do, so that a merged file reads as the rest of it.
_QUOTED_YEAR_KEY = re.compile(r"""(?<=[\s{,])(['"])(\d{1,4})\1(?=:)""")
_QUOTED_YEAR_VALUE = re.compile(r"""((?:target_period|started): )(['"])(\d{1,4})\2""")


class RecordDraft(Draft):
    """A Draft that can also replace a list of records (costs, benefits, indicators, advice)."""

    @classmethod
    def open_file(cls, path: str, *, max_bytes: int) -> RecordDraft:
        """Return a draft of a model file that can also edit its records."""
        draft = cls.open(path, max_bytes=max_bytes)
        assert isinstance(draft, RecordDraft)
        return draft

    def put_records(self, path: Path, new: list[Data], summary: str) -> RecordDraft:
        """Make the list of records at a data path `new`: entries added at its end, removed,
        or changed field by field, splicing only what changed."""
        old = _at(self.data, path)
        old = list(old) if isinstance(old, list) else []
        if new == old:
            return self
        if len(new) > len(old) and new[: len(old)] == old:
            for count in range(len(old) + 1, len(new) + 1):  # one entry an edit: each a splice
                self._records(path, new[:count], summary)
            return self
        return self._records(path, new, summary)

    def _records(self, path: Path, new: list[Data], summary: str) -> RecordDraft:
        old = _at(self.data, path)
        old = list(old) if isinstance(old, list) else []
        value = copy.deepcopy(new)

        def change(data: Data) -> None:
            owner = _owner(data, path)
            if value:
                owner[path[-1]] = copy.deepcopy(value)
            else:
                owner.pop(path[-1], None)

        def patch(patcher: Patcher) -> None:
            _patch_records(patcher, path, old, value)
            if not patcher.json:
                patcher.splices[:] = [
                    Splice(s.start, s.end, _years_as_numbers(s.text)) for s in patcher.splices
                ]

        self._apply(summary, change, patch, removes=len(value) < len(old))
        return self


def _years_as_numbers(text: str) -> str:
    """Return new YAML text with quoted years written as numbers, where they are keys or periods."""
    text = _QUOTED_YEAR_KEY.sub(r"\2", text)
    return _QUOTED_YEAR_VALUE.sub(r"\1\3", text)


def _at(data: Any, path: Path) -> Any:
    """Return the value at a data path, or None."""
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def _owner(data: Any, path: Path) -> Any:
    """Return the mapping that holds the last key of a path, making missing mappings."""
    node = data
    for part in path[:-1]:
        if isinstance(part, str) and node.get(part) is None:
            node[part] = {}
        node = node[part]
    return node


def _patch_records(patcher: Patcher, path: Path, old: list[Data], new: list[Data]) -> None:
    """Splice a record list's change: entries added at the end, or changed field by field."""
    owner = resolve(patcher.tree.lookup(path[:-1]))
    key = str(path[-1])
    root = resolve(patcher.tree.root)
    if owner is None and len(path) == 2 and isinstance(root, Mapping) and new:
        # No `partnership:` (or `advice:`) yet: the section, where the format's order puts it.
        patcher.set_key(root, str(path[0]), {key: new}, TOP_KEYS)
        return
    if not isinstance(owner, Mapping):
        raise Unsupported("a record list whose owner is not written as a mapping")
    order = TOP_KEYS if not path[:-1] else _owner_order(path)
    node = resolve(owner.get(key))
    if not new:
        patcher.delete_key(owner, key)
        return
    if not isinstance(node, Sequence) or not node.items:
        patcher.set_key(owner, key, new, order)
        return
    if len(new) == len(old) + 1 and new[:-1] == old:
        _append(patcher, node, new[-1])
        return
    if len(new) != len(old):
        patcher.set_key(owner, key, new, order)
        return
    for index, (was, now) in enumerate(zip(old, new, strict=True)):
        item = resolve(node.items[index])
        if was != now:
            if not isinstance(item, Mapping):
                raise Unsupported("a record that is not written as a mapping")
            _patch_mapping(patcher, item, was, now, RECORD_KEYS.get(key, ()))


def _owner_order(path: Path) -> tuple[str, ...]:
    """Return the key order of the mapping that holds a record list."""
    if path[:-1] == ("partnership",):
        return PARTNERSHIP_KEYS
    if path[:-1] == ("advice",):
        return ("ignore",)
    return ELEMENT_KEYS


def _append(patcher: Patcher, sequence: Sequence, item: Data) -> None:
    """Splice one record after the last of a list, written as its siblings are."""
    if patcher.json:
        text = patcher.json_item(item, sequence)
    else:
        sibling = resolve(sequence.items[-1])
        block = not sequence.flow and not (isinstance(sibling, Mapping) and sibling.flow)
        last = len(sequence.items) - 1
        dash = 0 if sequence.flow else patcher.tree.column(patcher.dash(sequence, last))
        text = patcher.item_text(item, dash, block=block)
    patcher.append_item(sequence, text)


def _patch_mapping(
    patcher: Patcher, mapping: Mapping, old: Data, new: Data, order: tuple[str, ...]
) -> None:
    """Splice a mapping's change key by key; nested mappings (actuals) entry by entry."""
    for key in old:
        if key not in new:
            patcher.delete_key(mapping, key)
    for key, value in new.items():
        was = old.get(key, _ABSENT)
        if was == value:
            continue
        inner = resolve(mapping.get(key))
        if isinstance(was, dict) and isinstance(value, dict) and isinstance(inner, Mapping):
            if inner.keys:
                _patch_mapping(patcher, inner, was, value, tuple(value))
                continue
        patcher.set_key(mapping, key, value, order)


def record_at(data: Data, path: Path) -> Any:
    """Return the value at a data path of a model's data, or None."""
    return _at(data, path)


__all__ = ["RECORD_KEYS", "Path", "RecordDraft", "record_at"]
