"""Put YAML parsers' errors in our words, at the place the fix goes, with advice on the fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from logicmodel.fileformat.documents import SyntaxProblem
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

__all__ = ["YAML_BREAK", "event_position", "explain_yaml_error", "keyless_entry", "no_value"]


def event_position(event: yaml.Event) -> tuple[int, int]:
    """Return the 1-based line and column where a parser event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


# YAML's line breaks: the parsers count lines by these, so the advice below does too.
YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
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


@dataclass
class _Slip:
    """What the text holds where a parser stopped, and what it was reading then."""

    lines: list[str]
    where: Where  # where the parser saw the problem
    opened: Where | None  # where what it was reading began
    here: str  # the character at `where`
    opener: str  # the character at `opened`
    context: str  # what it was reading, in the parser's words (both parsers name it alike)
    ends: bool  # nothing but blanks follows the problem
    shape: _Line | None  # the shape of the problem's line
    at_start: bool  # the problem is at the line's content or key

    def at(self, message: str, place: Where | None = None) -> SyntaxProblem:
        """Return a problem at a 0-based place, the parser's own by default."""
        line, col = place or self.where
        return SyntaxProblem(line + 1, col + 1, message)


def _slip(text: str, error: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Slip:
    """Return what the text holds around a parser's error marks."""
    lines = YAML_BREAK.split(text)
    where: Where = (mark.line, mark.column)
    context_mark = error.context_mark
    opened: Where | None = (context_mark.line, context_mark.column) if context_mark else None
    shape = _shape(lines, where[0])
    return _Slip(
        lines=lines,
        where=where,
        opened=opened,
        here=_char(lines, *where),
        opener=_char(lines, *opened) if opened else "",
        context=str(error.context or ""),
        ends=not text[mark.index :].strip(),
        shape=shape,
        at_start=shape is not None and where[1] in (shape.content, shape.key_col),
    )


def explain_yaml_error(text: str, error: yaml.MarkedYAMLError) -> SyntaxProblem:
    """Return a parser's error in our words, at the place the fix goes.

    The two parsers (libyaml and pure Python) word their problems differently and do not
    always mark the same place, so the advice rests on where the error is, what the text
    there holds and what was being read (a context both name alike), never on the wording
    of the problem: the same slip reads the same on either parser, and in our words.
    """
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return SyntaxProblem(
            1, 1, "YAML cannot read this file: check its quotes, brackets and indentation"
        )
    slip = _slip(text, error, mark)
    for advice in _ADVICE:  # the first that fits wins: their order matters
        problem = advice(slip)
        if problem is not None:
            return problem
    return slip.at("YAML cannot read this: check the quotes, brackets, colons and indentation here")


def _tab(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a tab where YAML wants spaces."""
    if slip.here != "\t":
        return None
    if not slip.lines[slip.where[0]][: slip.where[1]].strip():
        return slip.at("tabs cannot indent YAML: use spaces")
    return slip.at("a tab cannot separate YAML here: use a space")


def _in_flow(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for an error inside [...] or {...}."""
    if "flow" not in slip.context or slip.opened is None:
        return None
    problem = _flow_error(slip.lines, slip.where, slip.opened, slip.ends)
    if problem is not None:
        return problem
    return slip.at("cannot read this [...] or {...}: check its commas, colons, quotes and brackets")


def _simple_key(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a line the parser read as a key with no ':'."""
    if "simple key" not in slip.context or slip.opened is None:
        return None
    opened = slip.opened
    words_here = _uncommented(slip.lines[opened[0]][opened[1] :]).split(None, 1)
    if len(words_here) == 2 and words_here[0] in _KNOWN_KEYS:
        key, value = words_here
        return slip.at(f"missing ':' after {key!r}: write {key}: {value}", opened)
    return slip.at(
        "this line has no ':': write key: value, or indent it to carry on the line above",
        opened,
    )


def _in_quotes(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for quoted text that never ends or holds an unknown escape."""
    if slip.opener not in ("'", '"') or slip.opened is None:
        return None
    if slip.ends:
        return slip.at(
            f"this {slip.opener} is never closed: end the value with {slip.opener}", slip.opened
        )
    where = slip.where
    backslash = (where[0], where[1] - (slip.here != "\\"))
    if _char(slip.lines, *backslash) == "\\" and slip.opener == '"':
        escape = slip.lines[backslash[0]][backslash[1] : backslash[1] + 2]
        return slip.at(
            f"unknown escape {escape} in double quotes: write \\\\ for a backslash, "
            "or use single quotes",
            backslash,
        )
    return None


def _syntax_start(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a value that starts with a character YAML reads as syntax."""
    reading = "scanning" in slip.context
    if slip.opened is not None and slip.opener in _STARTS and (reading or "tag" in slip.context):
        return slip.at(_starts_value(slip.lines, slip.opened), slip.opened)
    if slip.here in _STARTS and (reading or not slip.context and not slip.at_start):
        return slip.at(_starts_value(slip.lines, slip.where))
    return None


def _colon(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a colon inside a value, after a huge key, or after a lost key."""
    shape, where = slip.shape, slip.where
    if slip.here != ":" or slip.context or shape is None:
        return None
    if shape.key is not None and shape.value_col <= where[1]:
        return slip.at(
            f"a colon inside {_the(shape.key)}: put {_it(shape.key)} in quotes, like "
            f"{shape.key}: {_quoted(_value_text(shape))}",
            (where[0], shape.value_col),
        )
    if where[1] > 1024 and ":" not in slip.lines[where[0]][: where[1]]:
        return slip.at("a key longer than 1024 characters: shorten it")
    advice = _continues(slip.lines, where[0])
    return slip.at(advice, (where[0], shape.key_col)) if advice else None


def _stray_closer(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a ']' or '}' that closes nothing."""
    if slip.here in ("]", "}"):
        return slip.at(f"this {slip.here!r} closes nothing: remove it")
    return None


def _lone_colon(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a ':' at the start of a line, with no key."""
    shape = slip.shape
    if slip.here == ":" and slip.at_start and shape is not None and shape.key is None:
        return slip.at("a ':' with no key before it: write key: value")
    return None


def _layout(slip: _Slip) -> SyntaxProblem | None:
    """Return advice on indentation at a line's start, or on text after a value has ended."""
    if slip.at_start:
        lined_up = _line_up(slip.lines, slip.where[0])
        return slip.at(*lined_up) if lined_up else None
    shape, where = slip.shape, slip.where
    if shape is None or slip.ends:
        return None
    advice = _after_value(slip.lines, where)
    if advice:
        return slip.at(advice, (where[0], shape.value_col if shape.key else where[1]))
    return None


def _cannot_start(slip: _Slip) -> SyntaxProblem | None:
    """Return advice for a character that cannot start a value."""
    if "scanning" in slip.context and slip.here.strip():
        return slip.at(f"{slip.here!r} cannot start a value in YAML: put the value in quotes")
    return None


_ADVICE: tuple[Callable[[_Slip], SyntaxProblem | None], ...] = (
    _tab,
    _in_flow,
    _simple_key,
    _in_quotes,
    _syntax_start,
    _colon,
    _stray_closer,
    _lone_colon,
    _layout,
    _cannot_start,
)


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


def no_value(text: str, key: yaml.Event) -> bool:
    """Return True if a key in {...} has no ':' after it, so YAML gave it no value."""
    gap = _GAP.match(text, key.end_mark.index if key.end_mark else 0)
    return text[gap.end() : gap.end() + 1] != ":" if gap else True


_GAP = re.compile(r"[ \t]*")


def keyless_entry(
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
            *event_position(key),
            f"put a space after the colon in {name!r}: {squeezed[1]}: {squeezed[2]}",
        )
    if last is not None and isinstance(last[1], yaml.ScalarEvent) and not last[1].style:
        previous, value = last
        run = _flow_run(text, value.start_mark.index if value.start_mark else 0)
        return SyntaxProblem(
            *event_position(value),
            f"a comma inside {_the(previous)} in {{...}} ends it there: put {_it(previous)} "
            f"in quotes, like {previous}: {_quoted(run)}",
        )
    if last is None and owner is not None and owner[1].start_mark is not None:
        start = owner[1].start_mark.index
        end = YAML_BREAK.search(text, start)
        braced = _uncommented(text[start : end.start() if end else len(text)])
        return SyntaxProblem(*event_position(owner[1]), _whole_value(owner[0], braced, "}"))
    return SyntaxProblem(
        *event_position(key),
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
