"""Text splices that put list items in place: a new element or partner, an element moved.

The editing layer's `add`, `add_partner` and `move` call these on a `Patcher` over the file's
syntax tree; each raises `Unsupported` for a layout it cannot change in place, and the layer
then falls back to ruamel.yaml's round trip.
"""

from __future__ import annotations

from dataclasses import dataclass

from logicmodel.editing.fields import TOP_KEYS, Data
from logicmodel.editing.patch import Patcher, reindent
from logicmodel.editing.spans import Mapping, Node, Scalar, Sequence, Unsupported, resolve


def root_of(patcher: Patcher) -> Mapping:
    """Return the model's top-level mapping; raise Unsupported if it is not one."""
    root = resolve(patcher.tree.root)
    if not isinstance(root, Mapping):
        raise Unsupported("a model that is not a mapping")
    return root


def element_node(patcher: Patcher, stage: str, index: int) -> Mapping:
    """Return an element's mapping in the text; raise Unsupported if it is not one."""
    node = resolve(patcher.tree.lookup((stage, index)))
    if not isinstance(node, Mapping):
        raise Unsupported("an element that is not written as a mapping")
    return node


def key_of(mapping: Mapping, key: str) -> Scalar | None:
    """Return the key scalar of a mapping's entry, or None."""
    at = mapping.index(key)
    return None if at is None else mapping.keys[at]


def insert_item(patcher: Patcher, section: str, after: int | None, item: Data) -> None:
    """Splice a new list item (an element or a partner) into a section."""
    insert_entry(patcher, root_of(patcher), section, after, item, TOP_KEYS)


def insert_entry(
    patcher: Patcher,
    owner: Mapping,
    section: str,
    after: int | None,
    item: Data,
    order: tuple[str, ...],
) -> None:
    """Splice a new item into the list under a mapping's key (a stage, an element's
    indicators, the partnership's costs), made in `order` where it is missing."""
    node = owner.get(section)
    if node is None:
        patcher.set_key(owner, section, [item], order)
        return
    node = resolve(node)
    if isinstance(node, Sequence) and node.items:
        if patcher.json:
            text = patcher.json_item(item, node)
        else:
            sibling = resolve(node.items[len(node.items) - 1 if after is None else after])
            block = not node.flow and not (isinstance(sibling, Mapping) and sibling.flow)
            at = len(node.items) - 1 if after is None else after
            dash = 0 if node.flow else patcher.tree.column(patcher.dash(node, at))
            text = patcher.item_text(item, dash, block=block)
        patcher.append_item(node, text, after)
        return
    fill_section(patcher, owner, section, [item], None)


def fill_section(
    patcher: Patcher, root: Mapping, section: str, items: list[Data], raw: str | None
) -> None:
    """Put the first items in a section that is empty (`inputs:` or `inputs: []`): `items`
    as data, or `raw`, item lines as they stand."""
    position = root.index(section)
    assert position is not None
    key, node = root.keys[position], root.values[position]
    if patcher.json or root.flow:
        if raw is not None:
            raise Unsupported("moving into an empty section of a one-line model")
        patcher.replace(node, items, key=key)
        return
    colon = patcher.colon(key)
    patcher.guard(colon + 1, node.end)
    patcher.splice(colon + 1, node.end, "")
    if raw is None:
        lines = patcher.block_value(items, patcher.tree.column(key.outer))
        patcher.insert_lines(patcher.tree.next_line(colon), lines.lstrip("\r\n"))
    else:
        patcher.splice(patcher.tree.next_line(colon), patcher.tree.next_line(colon), raw)


def new_section(patcher: Patcher, root: Mapping, section: str, lines: str) -> None:
    """Add a section key with raw item lines under it, where the format's order puts it."""
    after = patcher._key_after(root, section, TOP_KEYS)
    if after is None:
        raise Unsupported("an empty model")
    end = root.values[after].end
    if not patcher.tree.rest_is_blank(end):
        raise Unsupported("a value followed by more on its line")
    column = patcher.tree.column(root.keys[0].outer)
    blank = patcher.nl if patcher.blank_before(root, after + 1) else ""
    blank = blank or (patcher.nl if patcher.blank_before(root, after) else "")
    head = " " * column + section + ":" + patcher.nl
    at = patcher.tree.next_line(end)
    if at == len(patcher.text) and not patcher.text.endswith("\n"):
        patcher.splice(at, at, patcher.nl + blank + head + lines.rstrip("\r\n"))
    else:
        patcher.splice(at, at, blank + head + lines)


@dataclass
class _Moving:
    """An element on its way: where it is, where it goes, and its text."""

    root: Mapping
    source: str
    index: int
    section: str
    from_node: Sequence
    node: Node
    to_node: Sequence | None
    anchor: int  # the item of `to_node` it goes after
    flat: str  # its text as it stands
    # Its own lines, comments with it, as a block list item whose '-' is at `column`; None
    # where it has no lines of its own (JSON, or spread over lines in [...]).
    block: str | None = None
    column: int = 0
    commented: bool = False

    @property
    def filled(self) -> bool:
        """Return whether the section it goes to has items already."""
        return self.to_node is not None and bool(self.to_node.items)


def move_item(
    patcher: Patcher, source: str, index: int, section: str, after: int | None, element: Data
) -> None:
    """Move an element's text from one section (or place) to another, after item `after` or
    at the end; `element` is its data, for a JSON file."""
    moving = _moving(patcher, source, index, section, after)
    _own_lines(patcher, moving)
    to_node = moving.to_node
    if moving.filled and to_node is not None and to_node.flow:
        _into_flow_list(patcher, moving, to_node)
    elif moving.block is None:
        _json_move(patcher, moving, element)
    elif moving.filled and to_node is not None:
        _into_block_list(patcher, moving, to_node, moving.block)
    else:
        _into_empty_section(patcher, moving, moving.block)


def _moving(patcher: Patcher, source: str, index: int, section: str, after: int | None) -> _Moving:
    """Return what a move is about, found in the text."""
    root = root_of(patcher)
    from_node = resolve(root.get(source))
    if not isinstance(from_node, Sequence):
        raise Unsupported("a stage that is not a list")
    node = from_node.items[index]
    to_node = resolve(root.get(section))
    anchor = 0
    if not isinstance(to_node, Sequence):
        to_node = None
    elif to_node.items:
        anchor = len(to_node.items) - 1 if after is None else after
        if to_node is from_node and anchor == index:
            anchor -= 1
    flat = patcher.tree.text[node.outer : node.end]
    return _Moving(root, source, index, section, from_node, node, to_node, anchor, flat)


def _own_lines(patcher: Patcher, moving: _Moving) -> None:
    """Find the element's own lines, with the comments that go with it."""
    tree, from_node, index, node = patcher.tree, moving.from_node, moving.index, moving.node
    if patcher.json:
        return
    if not from_node.flow:
        own, first_line, end = patcher.extent(from_node, index)
        block = tree.text[own:end]
        moving.block = block if block.endswith("\n") else block + patcher.nl
        moving.column = tree.column(patcher.dash(from_node, index))
        moving.commented = own != first_line or bool(tree.comments_between(own, end))
    elif "\n" not in moving.flat:
        lines = patcher._flow_lines(node, node, from_node.start)
        above, trailing = "", ""
        if lines is not None:
            above = tree.text[lines[0] : tree.line_start(node.outer)]
            rest = tree.line_of(node.end)[tree.column(node.end) :]
            trailing = "  " + rest[rest.index("#") :] if "#" in rest else ""
        moving.column = tree.column(node.outer)
        moving.block = above + " " * moving.column + "- " + moving.flat + trailing + patcher.nl
        moving.commented = bool(above or trailing)


def _into_flow_list(patcher: Patcher, moving: _Moving, to_node: Sequence) -> None:
    """Move the element into a [...] list that has items."""
    if moving.commented:
        raise Unsupported("moving an element with comments into a [...] list")
    flat = moving.flat
    if "\n" in flat:
        tree = patcher.tree
        delta = tree.column(to_node.items[0].outer) - tree.column(moving.node.outer)
        head, _, rest_lines = flat.partition("\n")
        flat = head + "\n" + reindent(rest_lines, delta)
    _delete(patcher, moving)
    patcher.append_item(to_node, flat, moving.anchor)


def _json_move(patcher: Patcher, moving: _Moving, element: Data) -> None:
    """Move the element in a JSON file: written anew from its data."""
    if not patcher.json:
        raise Unsupported("moving an element written over several lines in [...]")
    _delete(patcher, moving)
    if moving.root.get(moving.section) is None:
        patcher.set_key(moving.root, moving.section, [element], TOP_KEYS)
    else:
        fill_section(patcher, moving.root, moving.section, [element], None)


def _into_block_list(patcher: Patcher, moving: _Moving, to_node: Sequence, block: str) -> None:
    """Move the element's lines after an item of a block list."""
    tree = patcher.tree
    dash = patcher.dash(to_node, moving.anchor)
    _, _, at = patcher.extent(to_node, moving.anchor)
    _delete(patcher, moving)
    blank = patcher.nl if patcher.items_spaced(to_node) else ""
    moved = reindent(block, tree.column(dash) - moving.column)
    if at == len(tree.text) and not tree.text.endswith("\n"):
        patcher.splice(at, at, patcher.nl + blank + moved.rstrip("\r\n"))
    else:
        patcher.splice(at, at, blank + moved)


def _into_empty_section(patcher: Patcher, moving: _Moving, block: str) -> None:
    """Move the element's lines into a section that is empty or not there."""
    root = moving.root
    if root.flow:
        raise Unsupported("a model written on one line")
    _, dash_indent, _ = patcher.layout()
    base = patcher.tree.column(root.keys[0].outer)
    moved = reindent(block, base + dash_indent - moving.column)
    _delete(patcher, moving)
    if root.get(moving.section) is None:
        new_section(patcher, root, moving.section, moved)
    else:
        fill_section(patcher, root, moving.section, [], moved)


def _delete(patcher: Patcher, moving: _Moving) -> None:
    """Take the element out of the section it was in."""
    patcher.delete_item(moving.from_node, moving.index, key_of(moving.root, moving.source))


__all__ = [
    "element_node",
    "fill_section",
    "insert_entry",
    "insert_item",
    "key_of",
    "move_item",
    "new_section",
    "root_of",
]
