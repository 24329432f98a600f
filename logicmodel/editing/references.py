"""Where an id is used in a model, in its data and in its text: what rename and remove change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from logicmodel.editing.fields import LINK_KINDS, PARTNERSHIP, STAGES, Data
from logicmodel.editing.spans import Mapping, Node, Scalar, Sequence, resolve, scalar_text
from logicmodel.fileformat.confusables import normalise_id
from logicmodel.models import ALL_PARTNERS


def entry_id(item: Any) -> str:
    """Return the id a list entry names: the id itself, or a link object's `to`."""
    return str(item.get("to")) if isinstance(item, dict) else str(item)


def ids(value: Any) -> list[str]:
    """Return a `by`, `leads_to` or `enhances` value as a list of ids."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [entry_id(item) for item in value]
    if isinstance(value, dict):
        return [entry_id(value)]  # one link object on its own
    return [str(value)]


def add_id(container: Any, key: str, ident: str) -> None:
    """Add an id to a list of ids (made from one id, or none, if need be)."""
    current = container.get(key)
    if isinstance(current, list):
        current.append(ident)
    else:
        container[key] = [*ids(current), ident]


def drop_id(container: Any, key: str, ident: str, *, replace: Iterable[str] = ()) -> None:
    """Take an id out of a list of ids, putting `replace` in its place."""
    current = container.get(key)
    new = list(replace)
    if isinstance(current, list):
        at = [entry_id(i) for i in current].index(ident)
        current[at : at + 1] = new
    else:
        container[key] = new


def references(data: Any, ident: str, kind: str) -> Iterator[tuple[Any, str, int | None]]:
    """Yield (container, key, list position or None) for each place an id is used."""

    def ids_at(container: Any, key: str) -> Iterator[tuple[Any, str, int | None]]:
        value = container.get(key) if hasattr(container, "get") else None
        if isinstance(value, dict) and key in LINK_KINDS:
            yield from ids_at(value, "to")  # one link object on its own
        if isinstance(value, list):
            for position, item in enumerate(value):
                if isinstance(item, dict) and key in LINK_KINDS:
                    yield from ids_at(item, "to")  # a link object: its target, facts kept
                elif str(item) == ident:
                    yield container, key, position
        elif value is not None and str(value) == ident:
            yield container, key, None

    if kind == "partner":
        for partner in data.get("partners") or []:
            yield from ids_at(partner, "id")
        partnership = data.get(PARTNERSHIP)
        if isinstance(partnership, dict):
            yield from ids_at(partnership, "lead")
            for cost in [*(partnership.get("costs") or []), *(partnership.get("benefits") or [])]:
                yield from ids_at(cost, "by")
        for stage in STAGES:
            for element in data.get(stage) or []:
                if element.get("by") != ALL_PARTNERS:
                    yield from ids_at(element, "by")
                yield from ids_at(element, "lead")
        return
    for stage in STAGES:
        for element in data.get(stage) or []:
            yield from ids_at(element, "id")
            for link in LINK_KINDS:
                yield from ids_at(element, link)
    partnership = data.get(PARTNERSHIP)
    if isinstance(partnership, dict):
        for benefit in partnership.get("benefits") or []:
            yield from ids_at(benefit, "outcome")


def reference_nodes(root: Mapping, ident: str, kind: str) -> Iterator[tuple[Node, Scalar, Mapping]]:
    """Yield (node, the key whose value holds it, the mapping of that key) for each use of an
    id in the text."""

    def ids_at(owner: Node | None, key: str) -> Iterator[tuple[Node, Scalar, Mapping]]:
        owner = resolve(owner)
        if not isinstance(owner, Mapping):
            return
        at = owner.index(key)
        if at is None:
            return
        value, name = owner.values[at], owner.keys[at]
        target = resolve(value)
        if isinstance(target, Mapping) and key in LINK_KINDS:
            yield from ids_at(target, "to")  # one link object on its own
        if isinstance(target, Sequence):
            for item in target.items:
                if isinstance(resolve(item), Mapping) and key in LINK_KINDS:
                    yield from ids_at(item, "to")  # a link object: its target, facts kept
                elif _as_id(scalar_text(item)) == ident:
                    yield item, name, owner
        elif _as_id(scalar_text(value)) == ident:
            yield value, name, owner

    def items(section: str) -> list[Node]:
        node = resolve(root.get(section))
        return node.items if isinstance(node, Sequence) else []

    if kind == "partner":
        for partner in items("partners"):
            yield from ids_at(partner, "id")
        partnership = resolve(root.get(PARTNERSHIP))
        if isinstance(partnership, Mapping):
            yield from ids_at(partnership, "lead")
            for section in ("costs", "benefits"):
                costs = resolve(partnership.get(section))
                for cost in costs.items if isinstance(costs, Sequence) else []:
                    yield from ids_at(cost, "by")
        for stage in STAGES:
            for element in items(stage):
                yield from ids_at(element, "by")
                yield from ids_at(element, "lead")
        return
    for stage in STAGES:
        for element in items(stage):
            yield from ids_at(element, "id")
            for link in LINK_KINDS:
                yield from ids_at(element, link)
    partnership = resolve(root.get(PARTNERSHIP))
    if isinstance(partnership, Mapping):
        benefits = resolve(partnership.get("benefits"))
        for benefit in benefits.items if isinstance(benefits, Sequence) else []:
            yield from ids_at(benefit, "outcome")


def spelt(owner: Mapping, key: str, ident: str) -> str:
    """Return an id as the text spells it under `key` (`ｏ1` for `o1`), or the id itself.

    The text splicer matches ids letter for letter; a file may spell an id in a form the loader
    folds (full-width letters, a ligature), which the edit must find as written.
    """
    value = resolve(owner.get(key))
    nodes = value.items if isinstance(value, Sequence) else [value]
    for node in nodes:
        text = scalar_text(node)
        if text is not None and _as_id(text) == ident:
            return text
    return ident


def _as_id(text: str | None) -> str | None:
    """Return an id written in the text as the loader reads it: `ｏ1` in the file is `o1`."""
    return text if text is None or text.isascii() else normalise_id(text)


def place(data: Data, container: Any, key: str) -> str:
    """Return how a message names the place a partner is named."""
    if container is data.get(PARTNERSHIP):
        return "the partnership's lead"
    for stage in STAGES:
        for element in data.get(stage) or []:
            if element is container:
                return f"{element.get('id')!r} ({key})"
    return f"a cost ({key})"


__all__ = [
    "add_id",
    "drop_id",
    "entry_id",
    "ids",
    "place",
    "reference_nodes",
    "references",
    "spelt",
]
