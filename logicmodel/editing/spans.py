"""Where each value of a model sits in its YAML or JSON text, so that an edit changes only those
characters: a concrete syntax tree with character spans, and scalars written the file's way."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from logicmodel.fileformat.parsing import Path, plain_scalar, yaml_loader
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.writing import (  # the one YAML writer, for this module's callers
    block_scalar,
    double_quoted,
    plain_ok,
    yaml_scalar,
    yaml_value,
)


class Unsupported(Exception):
    """The text is laid out in a way the span editor does not change in place."""


@dataclass(eq=False)
class Node:
    """A value in the text: `start`..`end` is the value, `outer` includes its anchor or tag."""

    start: int
    end: int
    outer: int
    flow: bool  # written in flow style, or inside [...] or {...} (JSON: always)
    anchor: str | None


@dataclass(eq=False)
class Scalar(Node):
    """Text, a number, true, false or null; `style` is '', "'", '"', '|' or '>'."""

    value: str
    style: str


@dataclass(eq=False)
class Alias(Node):
    """`*name`: the value of an anchor written elsewhere."""

    name: str
    target: Node | None


@dataclass(eq=False)
class Mapping(Node):
    """Keys and their values, in file order."""

    keys: list[Scalar] = field(default_factory=list)
    values: list[Node] = field(default_factory=list)

    def index(self, key: str) -> int | None:
        """Return the position of a key, or None."""
        for position, scalar in enumerate(self.keys):
            if scalar.value == key:
                return position
        return None

    def get(self, key: str) -> Node | None:
        """Return the value of a key, or None."""
        position = self.index(key)
        return None if position is None else self.values[position]


@dataclass(eq=False)
class Sequence(Node):
    """Items in file order."""

    items: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] with `text`; an insertion has start == end."""

    start: int
    end: int
    text: str


def resolve(node: Node | None) -> Node | None:
    """Return the node an alias stands for, or the node itself."""
    while isinstance(node, Alias):
        node = node.target
    return node


@dataclass
class Tree:
    """A parsed YAML or JSON text: its nodes with spans, and helpers over its lines."""

    text: str
    kind: str  # "yaml" or "json"
    root: Node
    aliased: frozenset[str]
    token_ends: list[int]
    scalar_spans: list[tuple[int, int]]
    newline: str
    _comments: list[tuple[int, str]] | None = None

    # ------------------------------------------------------------ lines

    def line_start(self, position: int) -> int:
        """Return the offset of the start of the line holding `position`."""
        return self.text.rfind("\n", 0, position) + 1

    def next_line(self, position: int) -> int:
        """Return the offset just past the line break ending the line of `position`."""
        found = self.text.find("\n", position)
        return len(self.text) if found < 0 else found + 1

    def column(self, position: int) -> int:
        """Return the 0-based column of an offset."""
        return position - self.line_start(position)

    def line_of(self, position: int) -> str:
        """Return the line holding `position`, without its line break."""
        start = self.line_start(position)
        found = self.text.find("\n", position)
        return self.text[start : len(self.text) if found < 0 else found].rstrip("\r")

    def same_line(self, first: int, second: int) -> bool:
        """Return whether two offsets are on one line."""
        low, high = sorted((first, second))
        return "\n" not in self.text[low:high]

    def rest_is_blank(self, position: int) -> bool:
        """Return whether only spaces, or a comment, follow `position` on its line."""
        rest = self.line_of(position)[self.column(position) :].strip()
        return not rest or rest.startswith("#")

    def token_end_before(self, position: int) -> int:
        """Return the end of the last value or bracket that ends at or before `position`, or -1."""
        found = bisect.bisect_right(self.token_ends, position)
        return self.token_ends[found - 1] if found else -1

    def indent_at(self, position: int) -> str:
        """Return the whitespace that starts the line of `position`."""
        line = self.line_of(position)
        return line[: len(line) - len(line.lstrip(" \t"))]

    # ------------------------------------------------------------ values

    def lookup(self, path: Path) -> Node | None:
        """Return the node at a data path (aliases followed on the way), or None."""
        node: Node | None = self.root
        for part in path:
            node = resolve(node)
            if isinstance(part, str) and isinstance(node, Mapping):
                node = node.get(part)
            elif isinstance(part, int) and isinstance(node, Sequence) and part < len(node.items):
                node = node.items[part]
            else:
                return None
        return node

    def comments(self) -> list[tuple[int, str]]:
        """Return every comment (YAML) with its offset, in file order."""
        if self.kind != "yaml":
            return []
        if self._comments is not None:
            return self._comments
        starts = [start for start, _ in self.scalar_spans]
        found = []
        for match in _COMMENT.finditer(self.text):
            at = match.start(1)
            inside = bisect.bisect_right(starts, at) - 1
            if inside >= 0 and at < self.scalar_spans[inside][1]:
                continue
            found.append((at, match.group(1).rstrip("\r")))
        self._comments = found
        return found

    def comments_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """Return the comments that start in text[start:end]."""
        every = self.comments()
        low = bisect.bisect_left(every, (start, ""))
        high = bisect.bisect_left(every, (end, ""))
        return every[low:high]


_COMMENT = re.compile(r"(?:^|(?<=[ \t]))(#[^\n]*)", re.MULTILINE)


def scalar_text(node: Node | None) -> str | None:
    """Return the text a model reads from a scalar (numbers as text), or None for null, true,
    false and anything that is not a scalar."""
    node = resolve(node)
    if not isinstance(node, Scalar):
        return None
    if node.style:
        return node.value
    value = plain_value(node.value)
    if value is None or isinstance(value, bool):
        return None
    return str(value)


# The loader's own reading of a plain scalar: an edit must read a value exactly as it does.
plain_value = plain_scalar


def apply_splices(text: str, splices: Iterable[Splice]) -> str:
    """Return text with the splices made; they must not overlap."""
    ordered = sorted(splices, key=lambda splice: (splice.start, splice.end))
    pieces: list[str] = []
    position = 0
    for splice in ordered:
        if splice.start < position:
            raise Unsupported("two changes overlap in the text")
        pieces.append(text[position : splice.start])
        pieces.append(splice.text)
        position = splice.end
    pieces.append(text[position:])
    return "".join(pieces)


# ---------------------------------------------------------------- YAML


def _after_properties(text: str, position: int, limit: int) -> int:
    """Return where a node's value starts, past its anchor and tag (and comments after them)."""
    while position < limit and text[position] in "&!":
        match = _PROPERTY.match(text, position)
        assert match is not None
        position = match.end()
    return position


_PROPERTY = re.compile(r"[&!][^\s,\[\]{}]*(?:\s+|#[^\n]*)*")


class _TreeBuilder:
    """The syntax tree of YAML text, growing event by event."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[Mapping | Sequence] = []
        self.anchors: dict[str, Node] = {}
        self.aliased: set[str] = set()
        self.token_ends: list[int] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self.root: list[Node] = []

    def in_flow(self) -> bool:
        """Return True inside [...] or {...}."""
        return bool(self.stack) and self.stack[-1].flow

    def scalar(self, event: Any) -> None:
        """Add a scalar; a block scalar's span ends at its text, before the blank lines it keeps."""
        text = self.text
        outer, raw_end = event.start_mark.index, event.end_mark.index
        start = _after_properties(text, outer, raw_end) if event.anchor or event.tag else outer
        style = event.style or ""
        end = raw_end
        if style in ("|", ">"):
            header = text[start : text.find("\n", start) if "\n" in text[start:] else raw_end]
            if "+" in header.split("#")[0]:
                end = raw_end - (2 if text[raw_end - 2 : raw_end] == "\r\n" else 1)
            else:
                end = start + len(text[start:raw_end].rstrip())
        self.scalar_spans.append((outer, raw_end))
        self.token_ends.append(end)
        self.attach(Scalar(start, end, outer, self.in_flow(), event.anchor, event.value, style))

    def alias(self, event: Any) -> None:
        """Add an alias, pointing at the node its anchor names."""
        start, end = event.start_mark.index, event.end_mark.index
        self.token_ends.append(end)
        self.aliased.add(event.anchor)
        target = self.anchors.get(event.anchor)
        self.attach(Alias(start, end, start, self.in_flow(), None, event.anchor, target))

    def open(self, event: Any, mapping: bool) -> None:
        """Open a mapping or sequence at its value, past any anchor and tag."""
        outer = start = event.start_mark.index
        if event.anchor or event.tag:
            start = _after_properties(self.text, outer, len(self.text))
        flow = self.in_flow() or bool(event.flow_style)
        kind = Mapping if mapping else Sequence
        if flow:
            self.token_ends.append(start + 1)
        self.stack.append(kind(start, start, outer, flow, event.anchor))

    def close(self, event: Any) -> None:
        """Close the innermost container: a flow one ends at its bracket, a block one at its
        last child."""
        container = self.stack.pop()
        if container.flow:
            container.end = event.end_mark.index
            self.token_ends.append(container.end)
        else:
            children = container.values if isinstance(container, Mapping) else container.items
            container.end = children[-1].end if children else container.start
        self.attach(container)

    def attach(self, node: Node) -> None:
        """Add a finished node to the innermost open container, or make it the root."""
        if node.anchor:
            self.anchors[node.anchor] = node
        if not self.stack:
            self.root.append(node)
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif len(parent.keys) == len(parent.values):
            if not isinstance(node, Scalar):
                raise Unsupported("a key that is not plain text")
            parent.keys.append(node)
        else:
            parent.values.append(node)


def parse_yaml_tree(text: str) -> Tree:
    """Return the syntax tree of YAML text that the loader has already accepted."""
    import yaml

    builder = _TreeBuilder(text)
    event: Any
    for event in yaml.parse(text, Loader=yaml_loader()):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            builder.scalar(event)
        elif kind is yaml.AliasEvent:
            builder.alias(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            builder.open(event, kind is yaml.MappingStartEvent)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            builder.close(event)
    builder.token_ends.sort()
    if not builder.root:
        raise Unsupported("an empty document")
    return Tree(
        text,
        "yaml",
        builder.root[0],
        frozenset(builder.aliased),
        builder.token_ends,
        builder.scalar_spans,
        _newline(text),
    )


def _newline(text: str) -> str:
    """Return the file's line break: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


# ---------------------------------------------------------------- JSON

_JSON_TOKEN = re.compile(r'[ \t\r\n]*(?:(")|([{}\[\],:])|([^\s{}\[\],:"]+))')
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def parse_json_tree(text: str) -> Tree:
    """Return the syntax tree of JSON text that the loader has already accepted."""
    stack: list[Mapping | Sequence] = []
    token_ends: list[int] = []
    root: list[Node] = []
    position = 0

    def attach(node: Node) -> None:
        if not stack:
            root.append(node)
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif len(parent.keys) == len(parent.values):
            assert isinstance(node, Scalar)
            parent.keys.append(node)
        else:
            parent.values.append(node)

    while True:
        match = _JSON_TOKEN.match(text, position)
        if match is None:
            break
        if match.group(1):
            start = match.start(1)
            string = _JSON_STRING.match(text, start)
            assert string is not None
            position = string.end()
            token_ends.append(position)
            attach(Scalar(start, position, start, True, None, json.loads(string.group()), '"'))
            continue
        position = match.end()
        token = match.group(2)
        if token in ("{", "["):
            start = match.start(2)
            token_ends.append(start + 1)
            stack.append(
                Mapping(start, start, start, True, None)
                if token == "{"
                else Sequence(start, start, start, True, None)
            )
        elif token in ("}", "]"):
            container = stack.pop()
            container.end = position
            token_ends.append(position)
            attach(container)
        elif token is None:
            start = match.start(3)
            token_ends.append(position)
            attach(Scalar(start, position, start, True, None, match.group(3), ""))
    return Tree(text, "json", root[0], frozenset(), token_ends, [], _newline(text))


@without_gc_pauses
def parse_tree(text: str, kind: str) -> Tree:
    """Return the syntax tree of a model's text in its format."""
    return parse_json_tree(text) if kind == "json" else parse_yaml_tree(text)


def json_scalar(value: Any, *, ascii_only: bool = False) -> str:
    """Return a JSON scalar."""
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=False)


__all__ = [
    "Alias",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "Splice",
    "Tree",
    "Unsupported",
    "apply_splices",
    "block_scalar",
    "double_quoted",
    "json_scalar",
    "parse_json_tree",
    "parse_tree",
    "parse_yaml_tree",
    "plain_ok",
    "plain_value",
    "resolve",
    "scalar_text",
    "yaml_scalar",
    "yaml_value",
]
