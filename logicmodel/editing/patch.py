"""Text changes for each kind of edit, as splices over a syntax tree: only the characters an edit
is about change, so comments, blank lines, quoting, styles and line endings stay as they were.

Comments belong to what they sit above: the comment lines directly above a list item (no blank
line between) are its own, and go where it goes. A layout these functions do not change in
place raises `Unsupported`, and the editing layer decides what to do instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence as Seq
from typing import Any

from logicmodel.editing.spans import (
    Alias,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Splice,
    Tree,
    Unsupported,
    json_scalar,
    resolve,
    scalar_text,
)
from logicmodel.fileformat.writing import block_scalar, yaml_scalar, yaml_value
from logicmodel.models import OUTCOME_STAGES

# Sections a planner reads as one group, under one comment: a new one goes under it too.
OUTCOME_SECTIONS = {stage.value for stage in OUTCOME_STAGES}


class Patcher:
    """Collect the splices of one edit over one tree."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.text = tree.text
        self.json = tree.kind == "json"
        self.nl = tree.newline
        self.splices: list[Splice] = []
        # A JSON file that escapes characters beyond ASCII (and has none unescaped) keeps to ASCII.
        self.ascii = self.json and self.text.isascii() and bool(_BEYOND_ASCII.search(self.text))
        self._layout: tuple[int, int, int] | None = None

    # ------------------------------------------------------------ basics

    def splice(self, start: int, end: int, text: str) -> None:
        """Replace text[start:end]."""
        self.splices.append(Splice(start, end, text))

    def guard(self, start: int, end: int) -> None:
        """Refuse to drop text that holds a comment nobody asked to remove."""
        if self.json:
            return
        for at, _ in self.tree.comments_between(start, end):
            line = self.text.count("\n", 0, at) + 1
            raise Unsupported(f"the comment on line {line} sits inside what would be replaced")

    def scalar(self, value: str, *, flow: bool, like: Node | None = None) -> str:
        """Return text as a scalar in the file's format, quoted as `like` is where possible."""
        if self.json:
            return json_scalar(value, ascii_only=self.ascii)
        style = like.style if isinstance(like, Scalar) and like.style in ("'", '"') else ""
        return yaml_scalar(value, flow=flow, style=style)

    def inline(self, value: Any, *, flow: bool) -> str:
        """Return a scalar, or a list or mapping of scalars, on one line."""
        if self.json:
            return json.dumps(value, ensure_ascii=self.ascii, allow_nan=False)
        return yaml_value(value, flow=flow)

    # ------------------------------------------------------------ layout

    def layout(self) -> tuple[int, int, int]:
        """Return (mapping indent, list dash indent, item key indent) as the file has them."""
        if self._layout is not None:
            return self._layout
        mapping_indent, dash_indent, item_indent = 2, 2, 2
        root = resolve(self.tree.root)
        if isinstance(root, Mapping) and not root.flow:
            base = self.tree.column(root.keys[0].outer) if root.keys else 0
            for written in root.values:
                value = resolve(written)
                if isinstance(value, Mapping) and not value.flow and value.keys:
                    mapping_indent = self.tree.column(value.keys[0].outer) - base
                    break
            for written in root.values:
                value = resolve(written)
                if isinstance(value, Sequence) and not value.flow and value.items:
                    try:
                        dash = self.dash(value, 0)
                    except Unsupported:
                        continue
                    dash_indent = self.tree.column(dash) - base
                    first = resolve(value.items[0])
                    if isinstance(first, Mapping) and first.keys and not first.flow:
                        item_indent = self.tree.column(first.keys[0].outer) - self.tree.column(dash)
                    break
        self._layout = (max(mapping_indent, 1), max(dash_indent, 0), max(item_indent, 2))
        return self._layout

    def json_unit(self) -> str:
        """Return one level of indentation in a JSON file ('' when it is on one line)."""
        match = re.search(r"\n([ \t]+)\S", self.text)
        return match.group(1) if match else ""

    # ------------------------------------------------------------ values

    def replace(self, node: Node, value: Any, *, key: Scalar | None = None) -> None:
        """Replace a value (a mapping's, when `key` is given, or a list item's)."""
        tree = self.tree
        if isinstance(node, Alias):
            self.splice(node.start, node.end, self.inline(value, flow=node.flow))
            return
        if node.anchor and node.anchor in tree.aliased:
            raise Unsupported(f"the value is the anchor &{node.anchor}, repeated elsewhere")
        if self.json:
            self.splice(node.start, node.end, self._json_text(value, tree.indent_at(node.start)))
            return
        if isinstance(node, Scalar) and isinstance(value, str) and node.style in ("|", ">"):
            content = tree.next_line(node.start)
            indent = tree.indent_at(content) if content < node.end else ""
            if not indent:
                indent = tree.indent_at(node.start) + " " * self.layout()[0]
            text = block_scalar(value, node.style, indent, self.nl)
            if text is not None:
                self.splice(node.start, node.end, text)
                return
        if isinstance(node, Scalar):
            if isinstance(value, str):
                text = self.scalar(value, flow=node.flow, like=node)
            else:
                text = self.inline(value, flow=node.flow)
            if node.start == node.end and self.text[node.start - 1 : node.start] == ":":
                text = " " + text  # a key that had no value: `leads_to:`
            self.splice(node.start, node.end, text)
            return
        if node.flow:
            self.guard(node.start, node.end)
            self.splice(node.start, node.end, self.inline(value, flow=True))
            return
        if key is None:
            raise Unsupported("a block collection inside a list")
        colon = self.colon(key)
        self.guard(colon, node.end)
        self.splice(colon + 1, node.end, " " + self.inline(value, flow=False))

    def colon(self, key: Scalar) -> int:
        """Return the offset of the ':' after a key."""
        at = self.text.find(":", key.end)
        if at < 0 or self.text[key.end : at].strip():
            raise Unsupported("a key whose ':' is not beside it")
        return at

    def set_key(self, mapping: Mapping, key: str, value: Any, order: Seq[str]) -> None:
        """Give a mapping's key a value, adding the key in `order` if it is missing."""
        at = mapping.index(key)
        if at is not None:
            self.replace(mapping.values[at], value, key=mapping.keys[at])
            return
        after = self._key_after(mapping, key, order)
        if mapping.flow:
            self._flow_add_entry(mapping, after, key, value)
        else:
            self._block_add_entry(mapping, after, key, value)

    def _key_after(self, mapping: Mapping, key: str, order: Seq[str]) -> int | None:
        """Return the index of the key a new key goes after, or None for an empty mapping."""
        rank = {name: position for position, name in enumerate(order)}
        mine = rank.get(key, len(order))
        after = None
        for position, existing in enumerate(mapping.keys):
            if rank.get(existing.value, len(order)) <= mine:
                after = position
        if after is None and mapping.keys:
            after = 0
        return after

    def _flow_add_entry(self, mapping: Mapping, after: int | None, key: str, value: Any) -> None:
        if self.json:
            indent = self.tree.indent_at(mapping.keys[0].outer if mapping.keys else mapping.start)
            entry = json_scalar(key) + ": " + self._json_text(value, indent)
        else:
            entry = yaml_scalar(key, flow=True) + ": " + self.inline(value, flow=True)
        if after is None:
            self.splice(mapping.start + 1, mapping.start + 1, entry)
            return
        end = mapping.values[after].end
        if not self.tree.same_line(mapping.start, mapping.keys[0].outer):
            indent = self.tree.indent_at(mapping.keys[0].outer)
            self.splice(end, end, "," + self.nl + indent + entry)
        else:
            self.splice(end, end, self._separator(mapping.keys, mapping.values) + entry)

    def _separator(self, firsts: Seq[Node], lasts: Seq[Node]) -> str:
        """Return what separates items of a one-line collection: ', ' or ','."""
        if len(firsts) > 1:
            between = self.text[lasts[0].end : firsts[1].outer]
            if between.strip() == "," and between == ",":
                return ","
        return ", "

    def _block_add_entry(self, mapping: Mapping, after: int | None, key: str, value: Any) -> None:
        tree = self.tree
        if after is None:
            raise Unsupported("an empty block mapping")
        end = mapping.values[after].end
        if not tree.rest_is_blank(end):
            raise Unsupported("a value followed by more on its line")
        column = tree.column(mapping.keys[0].outer)
        lines = " " * column + yaml_scalar(key, flow=False) + ":" + self.block_value(value, column)
        blank = ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            # A new section: set apart as the sections around it are.
            if self.blank_before(mapping, after + 1) or self.blank_before(mapping, after):
                blank = self.nl
            following = mapping.keys[after + 1] if after + 1 < len(mapping.keys) else None
            grouped = following is not None and {key, following.value} <= OUTCOME_SECTIONS
            if grouped and following is not None and tree.comments_between(end, following.outer):
                # The comment over the outcome sections introduces this one too: go under it.
                at = tree.line_start(following.outer)
                self.splice(at, at, lines + self.nl + (self.nl if blank else ""))
                return
        self.insert_lines(tree.next_line(end), blank + lines)

    def insert_lines(self, at: int, lines: str) -> None:
        """Insert whole lines at a line start; at the end of a file with no last line break,
        add one before them instead of after."""
        if at == len(self.text) and not self.text.endswith("\n"):
            self.splice(at, at, self.nl + lines)
        else:
            self.splice(at, at, lines + self.nl)

    def blank_before(self, mapping: Mapping, position: int) -> bool:
        """Return whether a blank line comes before entry `position` (after the one before it)."""
        if position <= 0 or position >= len(mapping.keys):
            return False
        gap = self.text[
            self.tree.next_line(mapping.values[position - 1].end) : mapping.keys[position].outer
        ]
        return any(not line.strip() for line in gap.split("\n")[:-1])

    def block_value(self, value: Any, column: int) -> str:
        """Return what follows 'key:' for a value in a block mapping whose keys sit at `column`."""
        mapping_indent, dash_indent, _ = self.layout()
        if isinstance(value, dict):
            inner = column + mapping_indent
            return "".join(
                self.nl
                + " " * inner
                + yaml_scalar(k, flow=False)
                + ":"
                + self.block_value(v, inner)
                for k, v in value.items()
            )
        if isinstance(value, list) and value and isinstance(value[0], dict):
            dash = column + dash_indent
            return "".join(
                self.nl + " " * dash + "- " + self.item_text(item, dash, block=True)
                for item in value
            )
        if isinstance(value, str):
            return " " + yaml_scalar(value, flow=False)
        return " " + self.inline(value, flow=False)

    def item_text(self, item: dict[str, Any], dash_column: int, *, block: bool) -> str:
        """Return a mapping as a list item, the text after its '- '."""
        if not block:
            return self.inline(item, flow=True)
        column = dash_column + self.layout()[2]
        lines = [
            yaml_scalar(k, flow=False) + ":" + self.block_value(v, column) for k, v in item.items()
        ]
        return (self.nl + " " * column).join(lines)

    def delete_key(self, mapping: Mapping, key: str) -> None:
        """Remove a key and its value, with the comment lines directly above it (its own)."""
        at = mapping.index(key)
        if at is None:
            return
        if mapping.flow:
            self._flow_delete(mapping.keys, mapping.values, at, mapping.start, mapping.end)
            return
        name, value = mapping.keys[at], mapping.values[at]
        tree = self.tree
        if not tree.rest_is_blank(value.end):
            raise Unsupported("a value followed by more on its line")
        before = self.text[tree.line_start(name.outer) : name.outer]
        if before.strip():
            # The first key of a list item, after its '- ': the next key moves up beside the dash.
            if len(mapping.keys) < 2:
                raise Unsupported("the only key of a list item")
            self.guard(name.outer, mapping.keys[1].outer)
            self.splice(name.outer, mapping.keys[1].outer, "")
            return
        self.splice(self.own_start(tree.line_start(name.outer)), tree.next_line(value.end), "")

    def own_start(self, line: int) -> int:
        """Return where the comment lines directly above a line start (the line itself if none),
        going no higher than the line after the last value before it."""
        tree = self.tree
        floor = tree.token_end_before(line)
        floor_line = tree.next_line(floor) if floor >= 0 else 0
        own = line
        while own > floor_line:
            previous = tree.line_start(own - 1)
            if self.text[previous:own].strip().startswith("#"):
                own = previous
            else:
                break
        return own

    # ------------------------------------------------------------ lists of ids

    def list_edit(
        self,
        mapping: Mapping,
        key: str,
        remove: str | None,
        add: Seq[str],
        order: Seq[str],
    ) -> None:
        """Change a list of ids (`leads_to`, `enhances`, `by`): drop `remove`, put `add` in its
        place (or at the end); a single id becomes a list, an emptied list becomes []."""
        node = mapping.get(key)
        if node is None or (isinstance(node, Scalar) and scalar_text(node) is None):
            if add:
                if node is None:
                    self.set_key(mapping, key, list(add), order)
                else:
                    self.replace(node, list(add), key=mapping.keys[mapping.index(key) or 0])
            return
        position = mapping.index(key)
        assert position is not None
        name = mapping.keys[position]
        if isinstance(node, Alias) or (node.anchor and node.anchor in self.tree.aliased):
            self._shared_list_edit(node, name, remove, add)
        elif isinstance(node, Scalar):
            self._single_id_edit(node, remove, add)
        elif not isinstance(node, Sequence):
            raise Unsupported(f"'{key}' is not a list")
        else:
            index = next(
                (n for n, item in enumerate(node.items) if scalar_text(item) == remove), None
            )
            if remove is not None and index is not None:
                self._replace_list_item(node, name, index, add)
            else:
                for new_id in add:
                    self.append_item(node, self.scalar(new_id, flow=node.flow))

    def _shared_list_edit(
        self, node: Node, name: Scalar, remove: str | None, add: Seq[str]
    ) -> None:
        """Write out a list that an alias shares (or is) as its own, edited."""
        current = _alias_ids(node)
        new = [i for i in current if i != remove]
        at = current.index(remove) if remove in current else len(new)
        new[at:at] = [i for i in add if i not in new]
        self.replace(node, new, key=name)

    def _single_id_edit(self, node: Scalar, remove: str | None, add: Seq[str]) -> None:
        """Edit a single id written without brackets: it becomes a [...] list when ids remain."""
        if scalar_text(node) == remove:
            items = [self.scalar(i, flow=True) for i in add]
            self.splice(node.start, node.end, "[" + ", ".join(items) + "]")
        elif add:
            old = self.text[node.start : node.end]
            items = [old] + [self.scalar(i, flow=True) for i in add]
            self.splice(node.start, node.end, "[" + ", ".join(items) + "]")

    def _replace_list_item(self, node: Sequence, name: Scalar, index: int, add: Seq[str]) -> None:
        """Put `add` in place of item `index`, or remove it; an emptied list becomes []."""
        item = node.items[index]
        if add:
            like = item if isinstance(item, Scalar) else None
            if node.flow:
                sep = self._separator(node.items, node.items)
                if not self.tree.same_line(node.start, node.items[0].outer):
                    sep = "," + self.nl + self.tree.indent_at(item.outer)
                text = sep.join(self.scalar(i, flow=True, like=like) for i in add)
            else:
                dash = self.dash(node, index)
                text = (self.nl + " " * self.tree.column(dash) + "- ").join(
                    self.scalar(i, flow=False, like=like) for i in add
                )
            self.splice(item.start, item.end, text)
        elif len(node.items) > 1:
            self.delete_item(node, index)
        elif node.flow:
            self.guard(node.start + 1, node.end - 1)
            self.splice(node.start + 1, node.end - 1, "")
        else:
            own, _, end = self.extent(node, 0)
            self.splice(own, end, "")
            colon = self.colon(name)
            self.splice(colon + 1, colon + 1, " []")

    # ------------------------------------------------------------ list items

    def dash(self, sequence: Sequence, index: int) -> int:
        """Return the offset of a block list item's '-', which must start its line."""
        node = sequence.items[index]
        position = node.outer - 1
        text = self.text
        while position >= 0:
            char = text[position]
            if char in " \t\r\n":
                position -= 1
                continue
            if char == "-":
                if text[self.tree.line_start(position) : position].strip():
                    raise Unsupported("a list item that does not start its line")
                return position
            break
        raise Unsupported("a list item whose '-' is not found")

    def extent(self, sequence: Sequence, index: int) -> tuple[int, int, int]:
        """Return where a block list item's own lines start (its comments above it), where its
        '-' line starts, and where its last line ends (past the line break)."""
        tree = self.tree
        dash = self.dash(sequence, index)
        first = tree.line_start(dash)
        own = self.own_start(first)
        end = sequence.items[index].end
        if not tree.rest_is_blank(end):
            raise Unsupported("a list item followed by more on its line")
        if index + 1 < len(sequence.items) and self.dash(sequence, index + 1) < end:
            raise Unsupported("two list items on one line")
        return own, first, tree.next_line(end)

    def delete_item(self, sequence: Sequence, index: int, key: Scalar | None = None) -> None:
        """Remove a list item with its own comments; a block list of `key` left empty reads
        `key: []`."""
        if key is not None and not sequence.flow and len(sequence.items) == 1:
            colon = self.colon(key)
            self.splice(colon + 1, colon + 1, " []")
        if sequence.flow:
            items = sequence.items
            self._flow_delete(items, items, index, sequence.start, sequence.end)
            return
        own, _, end = self.extent(sequence, index)
        text = self.text
        above_blank = own > 0 and not text[self.tree.line_start(own - 1) : own].strip()
        if own == 0:
            above_blank = False
        below = text[end : self.tree.next_line(end)] if end < len(text) else "x"
        if not below.strip() and end < len(text):
            if above_blank or (index == 0 and len(sequence.items) > 1):
                end = self.tree.next_line(end)
        self.splice(own, end, "")

    def _flow_delete(
        self, firsts: Seq[Node], lasts: Seq[Node], index: int, open_at: int, close_end: int
    ) -> None:
        """Remove entry `index` of a [...] or {...} with the comma beside it."""
        lines = self._flow_lines(firsts[index], lasts[index], open_at)
        if lines is not None:
            own, end, _ = lines
            # Removing the last leaves a comma after the one before it: YAML allows that.
            self.splice(own, end, "")
            return
        if len(firsts) == 1:
            start, end = open_at + 1, close_end - 1
        elif index < len(firsts) - 1:
            start, end = firsts[index].outer, firsts[index + 1].outer
        else:
            start, end = lasts[index - 1].end, lasts[index].end
        self.guard(start, end)
        self.splice(start, end, "")

    def _flow_lines(self, first: Node, last: Node, open_at: int) -> tuple[int, int, bool] | None:
        """Return the own lines of an entry of a YAML [...] or {...} written one entry a line
        (its comments above it, through its comma and comment), and whether a comma follows it;
        None when the entry shares a line."""
        if self.json:
            return None
        tree = self.tree
        start = tree.line_start(first.outer)
        if self.text[start : first.outer].strip() or tree.line_start(open_at) == start:
            return None
        rest = tree.line_of(last.end)[tree.column(last.end) :]
        match = _REST.fullmatch(rest)
        if match is None:
            return None
        return self.own_start(start), tree.next_line(last.end), bool(match.group(1))

    def append_item(self, sequence: Sequence, item: str, after: int | None = None) -> None:
        """Add an item (its text, without '- ') after item `after`, or at the end."""
        items = sequence.items
        if after is None:
            after = len(items) - 1
        if sequence.flow:
            if not items:
                unit = self.json_unit() if self.json else ""
                if unit and ("\n" in item or not self.json_inline_lists()):
                    # An empty list in JSON laid out a value a line: the item on a line of its own.
                    indent = self.tree.indent_at(sequence.start)
                    item = self.nl + indent + unit + item + self.nl + indent
                self.splice(sequence.start + 1, sequence.start + 1, item)
                return
            end = items[after].end
            lines = self._flow_lines(items[after], items[after], sequence.start)
            if lines is not None:
                # One item a line, perhaps with comments: a line of its own after the item's.
                _, line_end, comma = lines
                indent = self.tree.indent_at(items[after].outer)
                more = after < len(items) - 1
                if not comma:
                    self.splice(end, end, ",")
                line = indent + item + ("," if comma or more else "") + self.nl
                self.splice(line_end, line_end, line)
            elif not self.tree.same_line(sequence.start, items[0].outer):
                indent = self.tree.indent_at(items[0].outer)
                self.splice(end, end, "," + self.nl + indent + item)
            else:
                self.splice(end, end, self._separator(items, items) + item)
            return
        _, _, end = self.extent(sequence, after)
        dash = self.dash(sequence, after)
        blank = self.nl if self.items_spaced(sequence) else ""
        self.insert_lines(end, blank + " " * self.tree.column(dash) + "- " + item)

    def items_spaced(self, sequence: Sequence) -> bool:
        """Return whether a block list sets its items apart with blank lines."""
        if len(sequence.items) < 2:
            return False
        for index in range(1, len(sequence.items)):
            _, _, end = self.extent(sequence, index - 1)
            own, _, _ = self.extent(sequence, index)
            if self.text[end:own].strip(" \t\r\n") == "" and "\n" in self.text[end:own]:
                return True
        return False

    # ------------------------------------------------------------ JSON values

    def _json_text(self, value: Any, indent: str) -> str:
        """Return a JSON value laid out as the file lays out its values, starting at `indent`."""
        unit = self.json_unit()
        return _json_layout(value, unit, indent, self.json_inline_lists(), self.nl, self.ascii)

    def json_inline_lists(self) -> bool:
        """Return whether a JSON file writes lists of ids on one line."""
        return not re.search(r"\[\s*\n\s*\"", self.text)

    def json_item(self, value: Any, sequence: Sequence) -> str:
        """Return a JSON item laid out for a list, at the indentation of its items."""
        if sequence.items:
            indent = self.tree.indent_at(sequence.items[0].outer)
            if self.tree.same_line(sequence.start, sequence.items[0].outer):
                sample = self.text[sequence.items[0].outer : sequence.items[0].end]
                if "\n" not in sample:
                    return json.dumps(value, ensure_ascii=self.ascii, allow_nan=False)
        else:
            indent = self.tree.indent_at(sequence.start) + self.json_unit()
        return self._json_text(value, indent)


_BEYOND_ASCII = re.compile(r"\\u(?!00[0-7])[0-9a-fA-F]{4}")
_REST = re.compile(r"\s*(,)?\s*(?:#.*)?")


def _json_layout(
    value: Any, unit: str, indent: str, inline_lists: bool, nl: str, ascii_only: bool
) -> str:
    """Return a JSON value: mappings one key a line at `unit` deeper, short lists inline."""
    if not unit:
        return json.dumps(value, ensure_ascii=ascii_only, allow_nan=False)
    scalar_list = isinstance(value, list) and all(not isinstance(i, (dict, list)) for i in value)
    if isinstance(value, dict) and value:
        inner = indent + unit
        parts = [
            inner
            + json.dumps(k, ensure_ascii=ascii_only, allow_nan=False)
            + ": "
            + _json_layout(v, unit, inner, inline_lists, nl, ascii_only)
            for k, v in value.items()
        ]
        return "{" + nl + ("," + nl).join(parts) + nl + indent + "}"
    if isinstance(value, list) and value and not (scalar_list and inline_lists):
        inner = indent + unit
        parts = [inner + _json_layout(v, unit, inner, inline_lists, nl, ascii_only) for v in value]
        return "[" + nl + ("," + nl).join(parts) + nl + indent + "]"
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=False)


def _alias_ids(node: Node) -> list[str]:
    """Return the ids in a list reached through an alias (or a single id)."""
    target = resolve(node)
    if isinstance(target, Sequence):
        return [t for t in (scalar_text(item) for item in target.items) if t is not None]
    single = scalar_text(target)
    return [single] if single is not None else []


def lines_of(text: str) -> list[str]:
    """Return text's lines with their breaks, split at line feeds only (str.splitlines also
    splits at characters that may sit inside a label)."""
    return _LINE.findall(text)


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def reindent(block: str, delta: int) -> str:
    """Return lines shifted right (or left) by `delta` spaces; blank lines stay blank."""
    if delta == 0:
        return block
    out = []
    for line in lines_of(block):
        if not line.strip():
            out.append(line)
        elif delta > 0:
            out.append(" " * delta + line)
        else:
            spaces = len(line) - len(line.lstrip(" "))
            out.append(line[min(spaces, -delta) :])
    return "".join(out)


__all__ = ["Patcher", "lines_of", "reindent"]
