"""Parse YAML and JSON text into plain data, keeping a way back to each value's line and column."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

Path = tuple[str | int, ...]

# A document may reuse anchors, but aliases may not add more than this many values in all:
# a "billion laughs" file is a few lines long and expands past any memory.
MAX_ALIAS_EXPANSION = 100_000
# Real models nest six levels deep; a deeper file is a mistake or an attack on the parser.
MAX_DEPTH = 64


class SyntaxProblem(Exception):
    """The text is not well-formed YAML or JSON; carries a 1-based line and column."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


@dataclass
class Document:
    """Plain data parsed from one file, and a locator from a data path to (line, col)."""

    data: Any
    locate: Callable[[Path], tuple[int, int]]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset in text."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# ---------------------------------------------------------------- YAML

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _plain_scalar(text: str) -> Any:
    """Return a plain YAML scalar as YAML 1.2 reads it: `no` and `on` stay text."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _YamlBuilder:
    """Turn a composed YAML node graph into plain data, refusing duplicate keys and alias bombs."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.expanded = 0

    def build(self, node: yaml.Node, depth: int = 0, in_alias: bool = False) -> Any:
        if depth > MAX_DEPTH:
            raise SyntaxProblem(*_mark(node), f"nested more than {MAX_DEPTH} levels deep")
        # The composer shares one node object for an anchor and all its aliases.
        if id(node) in self.seen:
            in_alias = True
        self.seen.add(id(node))
        if in_alias:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise SyntaxProblem(
                    *_mark(node),
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                    "(a YAML alias bomb?); write the values out instead",
                )
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.style else _plain_scalar(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1, in_alias) for item in node.value]
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SyntaxProblem(*_mark(key_node), "a key must be plain text")
            key = key_node.value
            if key in mapping:
                raise SyntaxProblem(*_mark(key_node), f"duplicate key {key!r} in this mapping")
            mapping[key] = self.build(value_node, depth + 1, in_alias)
        return mapping


def _yaml_locator(root: yaml.Node | None) -> Callable[[Path], tuple[int, int]]:
    def locate(path: Path) -> tuple[int, int]:
        node = root
        if node is None:
            return 1, 1
        position = _mark(node)
        for step in path:
            if isinstance(node, yaml.MappingNode):
                match = next((pair for pair in node.value if pair[0].value == step), None)
                if match is None:
                    break
                position = _mark(match[0])
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if step >= len(node.value):
                    break
                node = node.value[step]
                position = _mark(node)
            else:
                break
        return position

    return locate


_YAML_HINTS = {
    "found character '\\t' that cannot start any token": "tab character: indent with spaces",
    "mapping values are not allowed here": (
        "unexpected ':' (quote a text that contains ': ', or check the indentation)"
    ),
}


def parse_yaml(text: str) -> Document:
    """Parse YAML text into a Document; raise SyntaxProblem with a position on any fault."""
    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = str(error.problem or error.context or "not valid YAML")
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SyntaxProblem(line, col, "YAML: " + _YAML_HINTS.get(problem, problem)) from None
    except yaml.YAMLError as error:
        raise SyntaxProblem(1, 1, f"YAML: {error}") from None
    except RecursionError:
        raise SyntaxProblem(1, 1, f"nested more than {MAX_DEPTH} levels deep") from None
    data = None if root is None else _YamlBuilder().build(root)
    return Document(data, _yaml_locator(root))


# ---------------------------------------------------------------- JSON

_JSON_TOKEN = re.compile(r'\s*(?:(")|([{}\[\],:])|([^\s{}\[\],:"]+))')
_JSON_STRING_END = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)


def _json_offsets(text: str) -> tuple[dict[Path, int], tuple[Path, int] | None]:
    """Return the offset of every key and array item in valid JSON, and the first duplicate key."""
    offsets: dict[Path, int] = {(): 0}
    duplicate: tuple[Path, int] | None = None
    # Each open container: (path, is_object, next_index, keys seen)
    stack: list[tuple[Path, bool, list[int], set[str]]] = []
    position = 0
    expect_key = False
    pending_key: str | None = None
    while True:
        match = _JSON_TOKEN.match(text, position)
        if match is None:
            break
        start = match.start(match.lastindex or 0)
        position = match.end()
        if match.group(1):
            end = _JSON_STRING_END.match(text, position)
            assert end is not None
            raw = text[start : end.end()]
            position = end.end()
            if expect_key and stack:
                path, _, _, keys = stack[-1]
                pending_key = json.loads(raw)
                if pending_key in keys and duplicate is None:
                    duplicate = ((*path, pending_key), start)
                keys.add(pending_key)
                offsets.setdefault((*path, pending_key), start)
                expect_key = False
                continue
            _note_value(stack, offsets, start, pending_key)
            pending_key = None
            continue
        token = match.group(2) or match.group(3)
        if token in "{[":
            path = _note_value(stack, offsets, start, pending_key)
            pending_key = None
            stack.append((path, token == "{", [0], set()))
            expect_key = token == "{"
        elif token in "}]":
            stack.pop()
        elif token == ",":
            expect_key = bool(stack) and stack[-1][1]
        elif token == ":":
            pass
        else:
            _note_value(stack, offsets, start, pending_key)
            pending_key = None
    return offsets, duplicate


def _note_value(
    stack: list[tuple[Path, bool, list[int], set[str]]],
    offsets: dict[Path, int],
    start: int,
    key: str | None,
) -> Path:
    """Record where a value starts and return its path."""
    if not stack:
        return ()
    path, is_object, counter, _ = stack[-1]
    if is_object:
        return (*path, key or "")
    index = counter[0]
    counter[0] += 1
    offsets[(*path, index)] = start
    return (*path, index)


def _json_locator(text: str) -> Callable[[Path], tuple[int, int]]:
    # Positions are needed only when something is wrong, so the scan waits until then.
    cache: list[dict[Path, int]] = []

    def locate(path: Path) -> tuple[int, int]:
        if not cache:
            cache.append(_json_offsets(text)[0])
        offsets = cache[0]
        for length in range(len(path), -1, -1):
            if path[:length] in offsets:
                return line_col(text, offsets[path[:length]])
        return 1, 1

    return locate


class _DuplicateKey(Exception):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def parse_json(text: str) -> Document:
    """Parse JSON text into a Document; raise SyntaxProblem with a position on any fault."""
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as error:
        message = error.msg[0].lower() + error.msg[1:]
        raise SyntaxProblem(error.lineno, error.colno, f"JSON: {message}") from None
    except _DuplicateKey:
        _, duplicate = _json_offsets(text)
        assert duplicate is not None
        (*_, key), offset = duplicate
        line, col = line_col(text, offset)
        raise SyntaxProblem(line, col, f"duplicate key {key!r} in this object") from None
    except RecursionError:
        raise SyntaxProblem(1, 1, "nested too deeply") from None
    return Document(data, _json_locator(text))
