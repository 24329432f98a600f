"""Build plain data from YAML parser events, with limits, and find each value's position."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from logicmodel.fileformat.documents import (
    MAX_ALIAS_EXPANSION,
    MAX_ALIAS_TEXT,
    MAX_DEPTH,
    NestedTooDeep,
    Path,
    SyntaxProblem,
    line_col,
    whole_number,
)
from logicmodel.fileformat.yaml_errors import (
    YAML_BREAK,
    event_position,
    explain_yaml_error,
    keyless_entry,
    no_value,
)

if TYPE_CHECKING:
    import yaml

__all__ = ["ParserDepthLimit", "build_yaml", "plain_scalar", "too_deep", "yaml_offsets"]

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def plain_scalar(text: str) -> Any:
    """Return a plain YAML scalar as YAML 1.2 reads it: `no` and `on` stay text."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return whole_number(text)
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


class ParserDepthLimit(Exception):
    """The parser stopped at a nesting limit of its own, at a 0-based character index."""

    def __init__(self, index: int, line: int, col: int) -> None:
        super().__init__(index)
        self.index = index
        self.line = line
        self.col = col


def _yaml_events(text: str, loader: type[Any]) -> Iterator[yaml.Event]:
    """Yield the parser's events, turning its errors into SyntaxProblem in our words."""
    import yaml

    try:
        yield from yaml.parse(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is not None and "nesting" in str(error.problem):
            # libyaml 0.2.6 (in PyYAML 6.0.4's wheels) stops at 1,000 levels, and its
            # scanner reads ahead of the events on a long line, so it can stop there before
            # the events reach MAX_DEPTH.
            raise ParserDepthLimit(mark.index, mark.line + 1, mark.column + 1) from None
        raise explain_yaml_error(text, error) from None
    except yaml.reader.ReaderError as error:
        line, col = line_col(text, error.position)
        raise SyntaxProblem(
            line, col, f"control character U+{error.character:04X} is not allowed in YAML text"
        ) from None
    except yaml.YAMLError:
        raise SyntaxProblem(
            1, 1, "YAML cannot read this file: check its quotes, brackets and indentation"
        ) from None


class _Frame:
    """An open mapping or sequence while events arrive."""

    __slots__ = ("value", "start", "size", "text", "key", "key_event", "last")

    def __init__(self, value: dict[str, Any] | list[Any], start: yaml.Event) -> None:
        self.value = value
        self.start = start
        self.size = 1
        self.text = 0  # characters of text inside, aliases expanded
        self.key: str | None = None
        self.key_event: yaml.Event | None = None
        # The last key and its value's event in a mapping: a stray comma splits that value.
        self.last: tuple[str, yaml.Event] | None = None


class _Builder:
    """Plain data of one YAML document, growing event by event."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values and characters inside
        self.expanded = 0  # values added through aliases
        self.expanded_text = 0  # characters added through aliases
        self.stack: list[_Frame] = []
        self.documents = 0
        self.result: Any = None

    def document(self, event: yaml.Event) -> None:
        """Count a document start: one file holds one model."""
        self.documents += 1
        if self.documents > 1:
            raise SyntaxProblem(
                *event_position(event), "a second YAML document ('---'): one file holds one model"
            )

    def scalar(self, event: yaml.ScalarEvent) -> None:
        """Add a scalar, read as YAML 1.2 reads it unless it is quoted."""
        value = event.value if event.style else plain_scalar(event.value)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(event.value))
        self.add(value, 1, event, len(event.value))

    def alias(self, event: yaml.AliasEvent) -> None:
        """Add an anchor's value again, within the limits on what aliases may add."""
        if event.anchor not in self.anchors:
            raise SyntaxProblem(
                *event_position(event), f"alias *{event.anchor} refers to an unfinished anchor"
            )
        value, size, text_size = self.anchors[event.anchor]
        self.expanded += size
        self.expanded_text += text_size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise SyntaxProblem(
                *event_position(event),
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(a YAML alias bomb?); write the values out instead",
            )
        if self.expanded_text > MAX_ALIAS_TEXT:
            raise SyntaxProblem(
                *event_position(event),
                f"aliases expand to more than {MAX_ALIAS_TEXT:,} characters of text "
                "(a YAML alias bomb?); write the values out instead",
            )
        self.add(value, size, event, text_size)

    def open(self, event: yaml.Event, container: dict[str, Any] | list[Any]) -> None:
        """Open a mapping or sequence, no deeper than MAX_DEPTH."""
        if len(self.stack) >= MAX_DEPTH:
            raise NestedTooDeep(*event_position(event))
        self.stack.append(_Frame(container, event))

    def close(self) -> None:
        """Close the innermost mapping or sequence and add it to the one around it."""
        frame = self.stack.pop()
        anchor = getattr(frame.start, "anchor", None)
        if anchor:
            self.anchors[anchor] = (frame.value, frame.size, frame.text)
        self.add(frame.value, frame.size, frame.start, frame.text)

    def add(self, value: Any, size: int, event: yaml.Event, text_size: int) -> None:
        """Add a finished value to the innermost open container, or make it the document."""
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        frame.size += size
        frame.text += text_size
        if isinstance(frame.value, list):
            frame.value.append(value)
        elif frame.key_event is None:
            self.key(frame, event)
        else:
            self.value(frame, value, event)

    def key(self, frame: _Frame, event: yaml.Event) -> None:
        """Take a mapping's next key: plain text, not seen before in this mapping."""
        import yaml

        if not isinstance(event, yaml.ScalarEvent):
            raise SyntaxProblem(*event_position(event), "a key must be plain text")
        if event.value in frame.value:
            raise SyntaxProblem(
                *event_position(event), f"duplicate key {event.value!r} in this mapping"
            )
        frame.key, frame.key_event = event.value, event

    def value(self, frame: _Frame, value: Any, event: yaml.Event) -> None:
        """Set the value of a mapping's current key; in {...}, refuse a key with no ':'."""
        assert frame.key_event is not None and isinstance(frame.value, dict)
        if getattr(frame.start, "flow_style", False) and no_value(self.text, frame.key_event):
            parent = self.stack[-2].key if len(self.stack) > 1 else None
            owner = (parent, frame.start) if parent is not None else None
            raise keyless_entry(self.text, frame.key_event, frame.last, owner)
        frame.value[frame.key or ""] = value
        frame.last = (frame.key or "", event)
        frame.key = frame.key_event = None


def build_yaml(text: str, loader: type[Any]) -> Any:
    """Return the plain data of a YAML document, built from parser events without recursion.

    Events rather than PyYAML's composer: the composer recurses, and a file nested
    a hundred thousand levels deep crashes the interpreter.
    """
    import yaml

    builder = _Builder(text)
    for event in _yaml_events(text, loader):
        if isinstance(event, yaml.DocumentStartEvent):
            builder.document(event)
        elif isinstance(event, yaml.ScalarEvent):
            builder.scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            builder.alias(event)
        elif isinstance(event, yaml.MappingStartEvent):
            builder.open(event, {})
        elif isinstance(event, yaml.SequenceStartEvent):
            builder.open(event, [])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            builder.close()
    return builder.result


def yaml_offsets(text: str, loader: type[Any]) -> dict[Path, tuple[int, int]]:
    """Return the position of every mapping key and sequence item in a YAML document."""
    import yaml

    positions: dict[Path, tuple[int, int]] = {(): (1, 1)}
    # Each open container: [path, is_mapping, next index or awaiting-key flag, current key]
    stack: list[list[Any]] = []
    for event in _yaml_events(text, loader):
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
                    positions.setdefault((*frame[0], frame[3]), event_position(event))
                    continue
                frame[2] = True
                path = (*frame[0], frame[3])
            else:
                path = (*frame[0], frame[2])
                positions[path] = event_position(event)
                frame[2] += 1
        else:
            positions[()] = event_position(event)
        if isinstance(event, yaml.MappingStartEvent):
            stack.append([path, True, True, None])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([path, False, 0, None])
    return positions


def too_deep(text: str, limit: ParserDepthLimit) -> SyntaxProblem:
    """Return where the text first nests deeper than MAX_DEPTH, after the parser's own limit.

    The pure-Python parser has no limit of its own and reads no further ahead than the end
    of a line, so reading up to the end of the line where the parser stopped finds the
    place MAX_DEPTH is passed: the same place as on a parser that stops later or never.
    """
    import yaml

    end = YAML_BREAK.search(text, limit.index)
    try:
        build_yaml(text[: end.end() if end else len(text)], yaml.SafeLoader)
    except NestedTooDeep as problem:
        return problem
    except (SyntaxProblem, ParserDepthLimit):
        pass
    return NestedTooDeep(limit.line, limit.col)
