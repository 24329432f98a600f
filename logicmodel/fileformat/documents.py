"""Parsed data and its way back to the text: positions, located syntax errors, the limits."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_ALIAS_TEXT",
    "MAX_DEPTH",
    "Document",
    "LineIndex",
    "Locate",
    "NestedTooDeep",
    "Path",
    "SyntaxProblem",
    "lazy_line_index",
    "line_col",
    "locator",
    "whole_number",
]

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


class NestedTooDeep(SyntaxProblem):
    """The text nests deeper than MAX_DEPTH at this place."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col, f"nested more than {MAX_DEPTH} levels deep")


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


def lazy_line_index(text: str) -> Callable[[int], tuple[int, int]]:
    """Return offset -> (line, col), building the line index on first use."""
    built: list[LineIndex] = []

    def convert(offset: int) -> tuple[int, int]:
        if not built:
            built.append(LineIndex(text))
        return built[0].line_col(offset)

    return convert


def locator(
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


# Integers longer than this are read as floats (inf when huge): Python refuses to convert more
# than 4,300 digits, and the loader refuses numbers this large anyway, with their place.
_MAX_DIGITS = 30


def whole_number(text: str) -> int | float:
    """Return an integer, or a float when it has too many digits to be a sensible number."""
    return int(text) if len(text) <= _MAX_DIGITS else float(text)
