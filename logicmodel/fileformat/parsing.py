"""Parse YAML and JSON text into plain data, keeping a way back to each value's line and column."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from logicmodel.models import (
    Advice,
    Contribution,
    Cost,
    IgnoredRule,
    Indicator,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
)

if TYPE_CHECKING:
    import yaml


Path = tuple[str | int, ...]
Locate = Callable[[Path], tuple[int, int]]
T = TypeVar("T")

# A document may reuse anchors, but aliases may not add more than this many values in all:
# a "billion laughs" file is a few lines long and expands past any memory.
MAX_ALIAS_EXPANSION = 100_000
# ... nor more than this many characters of text: a few values, each a large scalar repeated
# through aliases, can still expand a 1 MB file to gigabytes.
MAX_ALIAS_TEXT = 10_000_000
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
    """Plain data parsed from one file, and a locator from a data path to (line, col).

    A source without lines (a workbook) also gives `place`, a data path's place in its words.
    """

    data: Any
    locate: Locate
    place: Callable[[Path], str] | None = None

    def place_of(self, path: Path) -> str:
        """Return a data path's place in the source's own words, or '' for a text file."""
        return self.place(path) if self.place else ""

    def where(self, path: Path) -> str:
        """Return a data path's place for a message: 'on line 7', or 'at Elements!A3'."""
        if self.place:
            return f"at {self.place(path)}"
        return f"on line {self.locate(path)[0]}"


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


def plain_scalar(text: str) -> Any:
    """Return a plain YAML scalar as YAML 1.2 reads it: `no` and `on` stay text."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return _integer(text)
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


# Integers longer than this are read as floats (inf when huge): Python refuses to convert more
# than 4,300 digits, and the loader refuses numbers this large anyway, with their place.
_MAX_DIGITS = 30


def _integer(text: str) -> int | float:
    """Return an integer, or a float when it has too many digits to be a sensible number."""
    return int(text) if len(text) <= _MAX_DIGITS else float(text)


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def yaml_loader() -> type[Any]:
    """Return PyYAML's safe loader on libyaml (CSafeLoader), or its pure-Python one without it.

    PyYAML built without libyaml (from source, on a platform without a wheel) has only the
    pure-Python parser. Both give the same events for a valid file; their errors differ in
    wording, position and limits, which is why every error is put in our own words below.
    """
    import yaml  # loaded only for YAML files: JSON models start faster

    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


class _ParserDepthLimit(Exception):
    """The parser stopped at a nesting limit of its own, at a 0-based character index."""

    def __init__(self, index: int, line: int, col: int) -> None:
        super().__init__(index)
        self.index = index
        self.line = line
        self.col = col


class _TooDeep(SyntaxProblem):
    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col, f"nested more than {MAX_DEPTH} levels deep")


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
            raise _ParserDepthLimit(mark.index, mark.line + 1, mark.column + 1) from None
        raise _explain_yaml_error(text, error) from None
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


def _build_yaml(text: str, loader: type[Any]) -> Any:
    """Return the plain data of a YAML document, built from parser events without recursion.

    Events rather than PyYAML's composer: the composer recurses, and a file nested
    a hundred thousand levels deep crashes the interpreter.
    """
    import yaml

    anchors: dict[str, tuple[Any, int, int]] = {}  # value, values inside, characters inside
    expanded = expanded_text = 0
    stack: list[_Frame] = []
    documents = 0
    result: Any = None

    def add(value: Any, size: int, event: yaml.Event, text_size: int) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        frame = stack[-1]
        frame.size += size
        frame.text += text_size
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
            if getattr(frame.start, "flow_style", False) and _no_value(text, frame.key_event):
                parent = stack[-2].key if len(stack) > 1 else None
                owner = (parent, frame.start) if parent is not None else None
                raise _keyless_entry(text, frame.key_event, frame.last, owner)
            frame.value[frame.key or ""] = value
            frame.last = (frame.key or "", event)
            frame.key = frame.key_event = None

    for event in _yaml_events(text, loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise SyntaxProblem(
                    *_position(event), "a second YAML document ('---'): one file holds one model"
                )
        elif isinstance(event, yaml.ScalarEvent):
            value = event.value if event.style else plain_scalar(event.value)
            if event.anchor:
                anchors[event.anchor] = (value, 1, len(event.value))
            add(value, 1, event, len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise SyntaxProblem(
                    *_position(event), f"alias *{event.anchor} refers to an unfinished anchor"
                )
            value, size, text_size = anchors[event.anchor]
            expanded += size
            expanded_text += text_size
            if expanded > MAX_ALIAS_EXPANSION:
                raise SyntaxProblem(
                    *_position(event),
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                    "(a YAML alias bomb?); write the values out instead",
                )
            if expanded_text > MAX_ALIAS_TEXT:
                raise SyntaxProblem(
                    *_position(event),
                    f"aliases expand to more than {MAX_ALIAS_TEXT:,} characters of text "
                    "(a YAML alias bomb?); write the values out instead",
                )
            add(value, size, event, text_size)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _TooDeep(*_position(event))
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            stack.append(_Frame(container, event))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            anchor = getattr(frame.start, "anchor", None)
            if anchor:
                anchors[anchor] = (frame.value, frame.size, frame.text)
            add(frame.value, frame.size, frame.start, frame.text)
    return result


def _yaml_offsets(text: str, loader: type[Any]) -> dict[Path, tuple[int, int]]:
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
    loader = yaml_loader()
    try:
        data = _build_yaml(text, loader)
    except _ParserDepthLimit as limit:
        raise _too_deep(text, limit) from None
    return Document(data, _locator(lambda: _yaml_offsets(text, loader), lambda position: position))


def _too_deep(text: str, limit: _ParserDepthLimit) -> SyntaxProblem:
    """Return where the text first nests deeper than MAX_DEPTH, after the parser's own limit.

    The pure-Python parser has no limit of its own and reads no further ahead than the end
    of a line, so reading up to the end of the line where the parser stopped finds the
    place MAX_DEPTH is passed: the same place as on a parser that stops later or never.
    """
    import yaml

    end = _BREAK.search(text, limit.index)
    try:
        _build_yaml(text[: end.end() if end else len(text)], yaml.SafeLoader)
    except _TooDeep as problem:
        return problem
    except (SyntaxProblem, _ParserDepthLimit):
        pass
    return _TooDeep(limit.line, limit.col)


# ---------------------------------------------------------------- YAML errors in our words

# YAML's line breaks: the parsers count lines by these, so the advice below does too.
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# A line of a block mapping or sequence: indentation, any "- " items, and a `key:` if any.
_LINE = re.compile(
    r"(?P<indent>[ \t]*)(?P<dashes>(?:-(?:[ \t]+|$))*)"
    r"(?:(?P<key>\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'"
    r"|[^\s#'\"\[\]{},&*!|>%@`:](?:[^:]|:(?![ \t]|$))*?)[ \t]*:(?:[ \t]+|$))?"
)
_COMMENT = re.compile(r"(?:^|[ \t])#")
_CLOSER = {"[": "]", "{": "}"}
_OPENER = {"]": "[", "}": "{"}
# Characters that YAML reads as syntax at the start of a value, and what they mean there.
_STARTS = {
    "*": "it marks an alias",
    "&": "it marks an anchor",
    "!": "it marks a tag",
    "|": "it starts a block of text",
    ">": "it starts a block of text",
    "-": "'- ' starts a list",
    "@": "it is reserved",
    "`": "it is reserved",
    "%": "it starts a directive",
}
# Keys of the file format, to tell a missing comma in {...} from a colon inside a value.
_KNOWN_KEYS = frozenset(
    field.alias or name
    for model in (
        LogicModel,
        Partnership,
        Cost,
        Advice,
        IgnoredRule,
        Partner,
        Contribution,
        Outcome,
        Indicator,
    )
    for name, field in model.model_fields.items()
)


@dataclass
class _Line:
    """The shape of one line of YAML, for advice on what it should line up with."""

    number: int  # 1-based
    text: str
    content: int  # 0-based column of the first character that is not a space or tab
    dashes: list[int]  # columns of its "- " item markers
    key: str | None  # the key it starts, if any
    key_col: int  # that key's column, or the content's after any "- "
    value_col: int  # where the key's value starts


def _shape(lines: list[str], index: int) -> _Line | None:
    """Return the shape of line `index` (0-based), or None for a blank or comment line."""
    if index >= len(lines):
        return None
    text = lines[index]
    match = _LINE.match(text)
    assert match is not None  # every part is optional
    content = match.end("indent")
    if content == len(text) or text[content] == "#":
        return None
    dashes = [match.start("dashes") + i for i, c in enumerate(match["dashes"]) if c == "-"]
    key = match["key"]
    key_col = match.start("key") if key else match.end("dashes")
    return _Line(index + 1, text, content, dashes, key, key_col, match.end())


def _uncommented(text: str) -> str:
    """Return text without a trailing comment, stripped."""
    comment = _COMMENT.search(text)
    return (text[: comment.start()] if comment else text).strip()


def _value_text(line: _Line) -> str:
    """Return the value of the key on a line, without a trailing comment."""
    return _uncommented(line.text[line.value_col :])


def _quoted(value: str) -> str:
    """Return a value in the quotes that suit it: double, else single."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _the(key: str) -> str:
    """Return how advice names the value of a key: "the label", "the value of 'name'"."""
    return "the label" if key == "label" else f"the value of {key!r}"


def _it(key: str) -> str:
    return "the label" if key == "label" else "it"


def _spaces(count: int) -> str:
    return "at the left margin" if count == 0 else f"{count} space{'s' * (count != 1)}"


def _char(lines: list[str], line: int, col: int) -> str:
    return lines[line][col : col + 1] if line < len(lines) else ""


Where = tuple[int, int]  # 0-based line and column


def _line_up(lines: list[str], index: int) -> tuple[str, Where] | None:
    """Return advice on what line `index` (0-based) should line up with, if anything fits.

    A key lines up with the nearest-indented key above it, a "- " item with the
    nearest-indented item above it, other text with the line above; on a tie, the
    closest line wins.
    """
    line = _shape(lines, index)
    if line is None:
        return None
    item = bool(line.dashes) and line.dashes[0] == line.content
    best: tuple[int, int, str, int] | None = None  # (distance, -line number, what, column)
    for above in range(index - 1, max(-1, index - 1000), -1):
        other = _shape(lines, above)
        if other is None:
            continue
        if item:
            if not other.dashes:
                continue
            column, what = other.dashes[0], "the '-'"
        elif line.key is not None:
            if other.key is None:
                continue
            column, what = other.key_col, f"{other.key + ':'!r}"
        else:
            column, what = other.content, "the text"
        candidate = (abs(column - line.content), -other.number, what, column)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
        if best[0] == 0 or line.key is None and not item:
            break
    if best is None or best[0] == 0:
        return None
    _, number, what, column = best
    first = next(i for i in range(len(lines)) if _shape(lines, i) is not None)
    if -number == first + 1 and line.content == 0 and column > 0:
        return "the first line is indented: start it at the left margin", (first, 0)
    return f"indent this line like {what} on line {-number} ({_spaces(column)})", (
        index,
        line.content,
    )


def _continues(lines: list[str], index: int) -> str | None:
    """Return advice for a `key:` that YAML read as more of the value on a line above."""
    line = _shape(lines, index)
    if line is None or line.key is None:
        return None
    for above in range(index - 1, -1, -1):
        other = _shape(lines, above)
        if other is None:
            continue
        if other.key is not None:
            if other.key_col < line.key_col:
                return (
                    f"indent this line like {other.key + ':'!r} on line {other.number} "
                    f"({_spaces(other.key_col)})"
                )
            return None
        # Text with no `key:` before it: a key whose colon is missing, or more of a value.
        text = _uncommented(other.text[other.key_col :])
        squeezed = re.fullmatch(r"([^\s:#]+):(\S+)", text)
        if squeezed:
            return (
                f"put a space after the colon in {squeezed[0]!r} on line {other.number}: "
                f"{squeezed[1]}: {squeezed[2]}"
            )
        if other.dashes and other.key_col <= line.key_col:
            return f"{text[:40]!r} on line {other.number} has no ':': write key: value there"
        if other.key_col < line.key_col:
            return None
    return None


def _starts_value(lines: list[str], where: Where) -> str:
    """Return advice for a value that starts with a character YAML reads as syntax."""
    char = _char(lines, *where)
    shape = _shape(lines, where[0])
    advice = f"a value cannot start with {char!r} in YAML ({_STARTS[char]}): put "
    if shape is not None and shape.key is not None and shape.value_col == where[1]:
        return (
            advice + f"{_the(shape.key)} in quotes, like {shape.key}: {_quoted(_value_text(shape))}"
        )
    return advice + "it in quotes"


def _after_value(lines: list[str], where: Where) -> str | None:
    """Return advice for text that goes on after a quoted or bracketed value has ended."""
    line, col = where
    before = lines[line][:col].rstrip()[-1:]
    shape = _shape(lines, line)
    if before not in ("'", '"', "]", "}") or shape is None or shape.key is None:
        return None
    return _whole_value(shape.key, _value_text(shape), before)


def _whole_value(key: str, value: str, ended_by: str) -> str:
    """Return advice to quote a value that YAML ended early, at a quote or a bracket."""
    if ended_by in ("'", '"'):
        reason = "text after the closing quote"
        if value[:1] == value[-1:] == "'" or value[:1] == value[-1:] == '"':
            value = value[1:-1]  # the quotes were meant as the value's own
    else:
        reason = f"a value starting with {value[:1]!r} is read as a " + (
            "list" if value[:1] == "[" else "mapping"
        )
    return f"{reason}: put all of {_the(key)} in quotes, like {key}: {_quoted(value)}"


def _explain_yaml_error(text: str, error: yaml.MarkedYAMLError) -> SyntaxProblem:
    """Return a parser's error in our words, at the place the fix goes.

    The two parsers (libyaml and pure Python) word their problems differently and do not
    always mark the same place, so the advice rests on where the error is, what the text
    there holds and what was being read (a context both name alike), never on the wording
    of the problem: the same slip reads the same on either parser, and in our words.
    """
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    if mark is None:
        return SyntaxProblem(
            1, 1, "YAML cannot read this file: check its quotes, brackets and indentation"
        )
    lines = _BREAK.split(text)
    where: Where = (mark.line, mark.column)
    opened: Where | None = (context_mark.line, context_mark.column) if context_mark else None
    here = _char(lines, *where)
    opener = _char(lines, *opened) if opened else ""
    context = str(error.context or "")
    ends = not text[mark.index :].strip()
    shape = _shape(lines, where[0])
    at_start = shape is not None and where[1] in (shape.content, shape.key_col)

    def at(message: str, place: Where = where) -> SyntaxProblem:
        return SyntaxProblem(place[0] + 1, place[1] + 1, message)

    if here == "\t":
        if not lines[where[0]][: where[1]].strip():
            return at("tabs cannot indent YAML: use spaces")
        return at("a tab cannot separate YAML here: use a space")
    if "flow" in context and opened is not None:
        problem = _flow_error(lines, where, opened, ends)
        if problem is not None:
            return problem
        return at("cannot read this [...] or {...}: check its commas, colons, quotes and brackets")
    if "simple key" in context and opened is not None:
        words_here = _uncommented(lines[opened[0]][opened[1] :]).split(None, 1)
        if len(words_here) == 2 and words_here[0] in _KNOWN_KEYS:
            key, value = words_here
            return at(f"missing ':' after {key!r}: write {key}: {value}", opened)
        return at(
            "this line has no ':': write key: value, or indent it to carry on the line above",
            opened,
        )
    if opener in ("'", '"') and opened is not None:
        if ends:
            return at(f"this {opener} is never closed: end the value with {opener}", opened)
        backslash = (where[0], where[1] - (here != "\\"))
        if _char(lines, *backslash) == "\\" and opener == '"':
            escape = lines[backslash[0]][backslash[1] : backslash[1] + 2]
            return at(
                f"unknown escape {escape} in double quotes: write \\\\ for a backslash, "
                "or use single quotes",
                backslash,
            )
    if opened is not None and opener in _STARTS and ("scanning" in context or "tag" in context):
        return at(_starts_value(lines, opened), opened)
    if here in _STARTS and ("scanning" in context or not context and not at_start):
        return at(_starts_value(lines, where))
    if here == ":" and not context and shape is not None:
        if shape.key is not None and shape.value_col <= where[1]:
            return at(
                f"a colon inside {_the(shape.key)}: put {_it(shape.key)} in quotes, like "
                f"{shape.key}: {_quoted(_value_text(shape))}",
                (where[0], shape.value_col),
            )
        if where[1] > 1024 and ":" not in lines[where[0]][: where[1]]:
            return at("a key longer than 1024 characters: shorten it")
        advice = _continues(lines, where[0])
        if advice:
            return at(advice, (where[0], shape.key_col))
    if here in ("]", "}"):
        return at(f"this {here!r} closes nothing: remove it")
    if here == ":" and at_start and shape is not None and shape.key is None:
        return at("a ':' with no key before it: write key: value")
    if at_start:
        lined_up = _line_up(lines, where[0])
        if lined_up:
            return at(*lined_up)
    elif shape is not None and not ends:
        advice = _after_value(lines, where)
        if advice:
            return at(advice, (where[0], shape.value_col if shape.key else where[1]))
    if "scanning" in context and here.strip():
        return at(f"{here!r} cannot start a value in YAML: put the value in quotes")
    return at("YAML cannot read this: check the quotes, brackets, colons and indentation here")


def _flow_error(lines: list[str], where: Where, opened: Where, ends: bool) -> SyntaxProblem | None:
    """Return advice for an error inside [...] or {...}, or None if none fits."""
    opener = _char(lines, *opened)
    if opener not in _CLOSER:
        if ends:
            return SyntaxProblem(
                where[0] + 1,
                where[1] + 1,
                "the file ends inside [...] or {...}: close each '[' with ']' and each '{' "
                "with '}'",
            )
        return None
    closer = _CLOSER[opener]
    here = _char(lines, *where)
    opened_line, this_line = _shape(lines, opened[0]), _shape(lines, where[0])
    if ends or (
        where[0] > opened[0]
        and this_line is not None
        and opened_line is not None
        and this_line.content <= opened_line.content
    ):
        return SyntaxProblem(
            opened[0] + 1, opened[1] + 1, f"this {opener!r} is never closed: add {closer!r}"
        )
    line, col = where
    text = lines[line]

    def at(message: str, column: int = col) -> SyntaxProblem:
        return SyntaxProblem(line + 1, column + 1, message)

    if here in _OPENER and here != closer:
        return at(
            f"missing {closer!r} to close the {opener!r} at line {opened[0] + 1}, "
            f"column {opened[1] + 1}"
        )
    before = text[:col].rstrip()[-1:]
    if here != ":" and before not in ("'", '"', "]", "}"):
        return None
    # The entry of {...} the error is in: from the comma or bracket before it.
    value_from = col
    if before in _OPENER:
        value_from = text.rfind(_OPENER[before], 0, col)
    start = max(text.rfind(c, 0, value_from) for c in ",{[") + 1
    entry = re.match(r"\s*([^\s:,\[\]{}]+)\s*:\s+", text[start:])
    if entry is None:
        return None
    key, value_start = entry[1], start + entry.end()
    if here == ":":
        last_word = re.search(r"(\S+)\s*$", text[start:col])
        if last_word and last_word[1] in _KNOWN_KEYS and start + last_word.start(1) >= value_start:
            return at(f"missing ',' before {last_word[1]!r} in {{...}}", start + last_word.start(1))
    stop = re.compile(r"[,}\]]").search(text, col)
    value = text[value_start : stop.start() if stop else len(text)].strip()
    if here == ":":
        return at(
            f"a colon inside {_the(key)} in {{...}}: put {_it(key)} in quotes, like "
            f"{key}: {_quoted(value)}",
            value_start,
        )
    return at(_whole_value(key, value, before), value_start)


def _no_value(text: str, key: yaml.Event) -> bool:
    """Return True if a key in {...} has no ':' after it, so YAML gave it no value."""
    gap = _GAP.match(text, key.end_mark.index if key.end_mark else 0)
    return text[gap.end() : gap.end() + 1] != ":" if gap else True


_GAP = re.compile(r"[ \t]*")


def _keyless_entry(
    text: str,
    key: yaml.Event,
    last: tuple[str, yaml.Event] | None,
    owner: tuple[str, yaml.Event] | None,
) -> SyntaxProblem:
    """Return advice for an entry of {...} with no ':', most often after a comma in a label.

    `last` is the entry before it; `owner` the key whose value the {...} is, and its start.
    """
    import yaml

    name = str(getattr(key, "value", ""))
    squeezed = re.fullmatch(r"([^\s:]+):(\S.*)", name)
    if squeezed:
        return SyntaxProblem(
            *_position(key),
            f"put a space after the colon in {name!r}: {squeezed[1]}: {squeezed[2]}",
        )
    if last is not None and isinstance(last[1], yaml.ScalarEvent) and not last[1].style:
        previous, value = last
        run = _flow_run(text, value.start_mark.index if value.start_mark else 0)
        return SyntaxProblem(
            *_position(value),
            f"a comma inside {_the(previous)} in {{...}} ends it there: put {_it(previous)} "
            f"in quotes, like {previous}: {_quoted(run)}",
        )
    if last is None and owner is not None and owner[1].start_mark is not None:
        start = owner[1].start_mark.index
        end = _BREAK.search(text, start)
        braced = _uncommented(text[start : end.start() if end else len(text)])
        return SyntaxProblem(*_position(owner[1]), _whole_value(owner[0], braced, "}"))
    return SyntaxProblem(
        *_position(key),
        f"{name!r} has no ':' and value: write key: value in {{...}}, and put text that "
        "holds a comma in quotes",
    )


def _flow_run(text: str, start: int) -> str:
    """Return the text from `start` through the entries of {...} after it that have no ':'."""
    pieces: list[str] = []
    position = start
    while True:
        match = _FLOW_PIECE.match(text, position)
        assert match is not None
        piece = match.group()
        if pieces and re.search(r":(?:\s|$)", piece):
            break
        pieces.append(piece)
        position = match.end()
        if text[position : position + 1] != ",":
            break
        position += 1
    return ",".join(pieces).strip()


_FLOW_PIECE = re.compile(r"[^,{}\[\]\r\n]*")


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
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise _explain_json_error(text, error) from None
    except _DuplicateKey:
        _, duplicate = _json_offsets(text)
        assert duplicate is not None
        (*_, key), offset = duplicate
        line, col = line_col(text, offset)
        raise SyntaxProblem(line, col, f"duplicate key {key!r} in this object") from None
    except RecursionError:
        raise _json_too_deep(text) from None
    # Offsets become lines only for the paths asked about: counting lines for every value
    # of a 13 MB file would take minutes.
    return Document(data, _locator(lambda: _json_offsets(text)[0], _lazy_line_index(text)))


def _explain_json_error(text: str, error: json.JSONDecodeError) -> SyntaxProblem:
    """Return the json module's error in our words, at the place the fix goes."""
    position = error.pos
    here = text[position : position + 1]
    before = text[:position].rstrip()
    message = error.msg
    if message.startswith(("Expecting value", "Expecting property name")):
        if before.endswith(",") and here in ("]", "}"):
            position = len(before) - 1
            message = f"a comma before {here!r}: JSON allows none after the last item; remove it"
        elif here == "'":
            message = "JSON needs double quotes: write \"text\", not 'text'"
        elif not here:
            message = "the JSON ends too soon: a value or a closing bracket is missing"
        elif message.startswith("Expecting property name"):
            message = 'expected a name in double quotes, like "title"'
        else:
            message = (
                "expected a value: text in double quotes, a number, true, false, null, [...] "
                "or {...}"
            )
    elif message.startswith("Expecting ',' delimiter"):
        message = "missing ',' between two items"
    elif message.startswith("Expecting ':' delimiter"):
        message = "missing ':' after the name"
    elif message.startswith("Extra data"):
        message = "more text after the end of the model: a file holds one JSON value"
    elif message.startswith("Unterminated string"):
        message = 'this text has no closing double quote (")'
    elif message.startswith("Invalid control character"):
        message = "a line break or tab inside text: write it as \\n or \\t"
    elif message.startswith("Invalid \\"):
        message = "an unknown escape in text: write \\\\ for a backslash"
    else:
        message = f"not valid JSON here ({message})"
    line, col = line_col(text, position)
    return SyntaxProblem(line, col, message)


def _json_too_deep(text: str) -> SyntaxProblem:
    """Return where JSON text first nests deeper than MAX_DEPTH (json gave up much deeper)."""
    depth = 0
    for match in _JSON_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return SyntaxProblem(*line_col(text, match.start()), _TooDeep(1, 1).message)
        elif token in "]}":
            depth -= 1
    return _TooDeep(1, 1)


# Brackets, and strings skipped whole so that brackets inside them do not count.
_JSON_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
