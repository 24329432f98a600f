"""Parse JSON text into plain data, with a way back to each value's line and column."""

from __future__ import annotations

import json
import re
from typing import Any

from logicmodel.fileformat.documents import (
    MAX_DEPTH,
    Document,
    NestedTooDeep,
    Path,
    SyntaxProblem,
    lazy_line_index,
    line_col,
    locator,
    whole_number,
)

__all__ = ["parse_json"]

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


def parse_json(text: str) -> Document:
    """Parse JSON text into a Document; raise SyntaxProblem with a position on any fault."""
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_int=whole_number)
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
    return Document(data, locator(lambda: _json_offsets(text)[0], lazy_line_index(text)))


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
                return SyntaxProblem(*line_col(text, match.start()), NestedTooDeep(1, 1).message)
        elif token in "]}":
            depth -= 1
    return NestedTooDeep(1, 1)


# Brackets, and strings skipped whole so that brackets inside them do not count.
_JSON_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
