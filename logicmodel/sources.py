"""Parse YAML and JSON text into plain data, keeping a way back to each value's line and column."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import yaml


Path = tuple[str | int, ...]
Locate = Callable[[Path], tuple[int, int]]
T = TypeVar("T")

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
    locate: Locate


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset in text."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


class LineIndex:
    """Offsets of line starts in a text, for many offset -> (line, col) look-ups.

    Counting newlines from the start for each look-up is quadratic when a big file has
    thousands of findings; a binary search over line starts is not.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0]
        position = text.find("\n")
        while position >= 0:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of a character offset."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


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


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _yaml_events(text: str) -> Iterator[yaml.Event]:
    """Yield the parser's events, turning its errors into SyntaxProblem."""
    import yaml  # loaded only for YAML files: JSON models start faster

    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    try:
        yield from yaml.parse(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(error.problem or error.context or "not valid YAML")
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            problem = "tab character: indent with spaces, not tabs"
        raise SyntaxProblem(line, col, "YAML: " + problem) from None
    except yaml.reader.ReaderError as error:
        line, col = line_col(text, error.position)
        raise SyntaxProblem(
            line, col, f"control character U+{error.character:04X} is not allowed in YAML text"
        ) from None
    except yaml.YAMLError as error:
        raise SyntaxProblem(1, 1, "YAML: " + " ".join(str(error).split())) from None


class _Frame:
    """An open mapping or sequence while events arrive."""

    __slots__ = ("value", "start", "size", "key", "key_event")

    def __init__(self, value: dict[str, Any] | list[Any], start: yaml.Event) -> None:
        self.value = value
        self.start = start
        self.size = 1
        self.key: str | None = None
        self.key_event: yaml.Event | None = None


def _build_yaml(text: str) -> Any:
    """Return the plain data of a YAML document, built from parser events without recursion.

    Events rather than PyYAML's composer: the composer recurses, and a file nested
    a hundred thousand levels deep crashes the interpreter.
    """
    import yaml

    anchors: dict[str, tuple[Any, int]] = {}
    expanded = 0
    stack: list[_Frame] = []
    documents = 0
    result: Any = None

    def add(value: Any, size: int, event: yaml.Event) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        frame = stack[-1]
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
        elif frame.key_event is None:
            if not isinstance(event, yaml.ScalarEvent):
                raise SyntaxProblem(*_position(event), "a key must be plain text")
            if event.value in frame.value:
                raise SyntaxProblem(
                    *_position(event), f"duplicate key {event.value!r} in this mapping"
                )
            frame.key, frame.key_event = event.value, event
        else:
            frame.value[frame.key or ""] = value
            frame.key = frame.key_event = None

    for event in _yaml_events(text):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise SyntaxProblem(
                    *_position(event), "a second YAML document ('---'): one file holds one model"
                )
        elif isinstance(event, yaml.ScalarEvent):
            value = event.value if event.style else _plain_scalar(event.value)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            add(value, 1, event)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise SyntaxProblem(
                    *_position(event), f"alias *{event.anchor} refers to an unfinished anchor"
                )
            value, size = anchors[event.anchor]
            expanded += size
            if expanded > MAX_ALIAS_EXPANSION:
                raise SyntaxProblem(
                    *_position(event),
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                    "(a YAML alias bomb?); write the values out instead",
                )
            add(value, size, event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise SyntaxProblem(*_position(event), f"nested more than {MAX_DEPTH} levels deep")
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            stack.append(_Frame(container, event))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            anchor = getattr(frame.start, "anchor", None)
            if anchor:
                anchors[anchor] = (frame.value, frame.size)
            add(frame.value, frame.size, frame.start)
    return result


def _yaml_offsets(text: str) -> dict[Path, tuple[int, int]]:
    """Return the position of every mapping key and sequence item in a YAML document."""
    import yaml  # loaded only for YAML files: JSON models start faster

    positions: dict[Path, tuple[int, int]] = {(): (1, 1)}
    # Each open container: [path, is_mapping, next index or awaiting-key flag, current key]
    stack: list[list[Any]] = []
    for event in _yaml_events(text):
        if not isinstance(
            event,
            (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent),
        ):
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
            continue
        path: Path = ()
        if stack:
            frame = stack[-1]
            if frame[1]:
                if frame[2]:  # this event is a key
                    frame[2], frame[3] = False, getattr(event, "value", "")
                    positions.setdefault((*frame[0], frame[3]), _position(event))
                    continue
                frame[2] = True
                path = (*frame[0], frame[3])
            else:
                path = (*frame[0], frame[2])
                positions[path] = _position(event)
                frame[2] += 1
        else:
            positions[()] = _position(event)
        if isinstance(event, yaml.MappingStartEvent):
            stack.append([path, True, True, None])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([path, False, 0, None])
    return positions


def _locator(
    positions_of: Callable[[], dict[Path, T]], to_line_col: Callable[[T], tuple[int, int]]
) -> Locate:
    """Return a locator that finds the deepest known prefix of a path, scanning on first use."""
    # Positions are needed only when something is wrong, so the scan waits until then.
    cache: list[dict[Path, T]] = []

    def locate(path: Path) -> tuple[int, int]:
        if not cache:
            cache.append(positions_of())
        positions = cache[0]
        for length in range(len(path), -1, -1):
            if path[:length] in positions:
                return to_line_col(positions[path[:length]])
        return 1, 1

    return locate


def parse_yaml(text: str) -> Document:
    """Parse YAML text into a Document; raise SyntaxProblem with a position on any fault."""
    data = _build_yaml(text)
    return Document(data, _locator(lambda: _yaml_offsets(text), lambda position: position))


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
    offsets[path + (index,)] = start
    return (*path, index)


class _DuplicateKey(Exception):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def _lazy_line_index(text: str) -> Callable[[int], tuple[int, int]]:
    """Return offset -> (line, col), building the line index on first use."""
    built: list[LineIndex] = []

    def convert(offset: int) -> tuple[int, int]:
        if not built:
            built.append(LineIndex(text))
        return built[0].line_col(offset)

    return convert


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
    # Offsets become lines only for the paths asked about: counting lines for every value
    # of a 13 MB file would take minutes.
    return Document(data, _locator(lambda: _json_offsets(text)[0], _lazy_line_index(text)))
