"""A sheet's cell values read straight from its XML, as openpyxl's read-only mode gives them,
in a fraction of its time: openpyxl builds an object for every inline string (the kind it
writes itself), which is most of the time `import --into` takes on a large workbook.

`sheet_values` reads the whole sheet first with expat (a DOCTYPE refused: no entities), then
yields its rows exactly as `cells.sheet_rows` does (values only, padded to one column past
MAX_COLUMNS, a row left out of the sheet as a blank row). Anything it does not handle the
same way (a date, a sheet openpyxl does not expose the parts of, XML it cannot parse) sends
the whole sheet to `cells.sheet_rows`, which reads it with openpyxl and words any fault.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from xml.parsers import expat

from logicmodel.fileformat.cells import MAX_COLUMNS, sheet_rows

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_WIDTH = MAX_COLUMNS + 1


class Unhandled(Exception):
    """A sheet this reader does not read as openpyxl would: openpyxl reads it instead."""


def sheet_values(sheet: Any, name: str) -> Iterator[Sequence[Any]]:
    """Yield a read-only openpyxl sheet's rows as values, as `cells.sheet_rows` does."""
    try:
        parsed = _read(sheet)
    except Exception:  # noqa: BLE001 - openpyxl reads it again and words the fault
        parsed = None
    if parsed is None:
        yield from sheet_rows(sheet, name)
        return
    yield from padded(parsed)


def _read(sheet: Any) -> list[tuple[int, list[tuple[int, Any]]]] | None:
    """Return a sheet's rows as (row number, [(column, value), ...]), or None to leave it
    to openpyxl."""
    book = getattr(sheet, "parent", None)
    archive = getattr(book, "_archive", None)
    path = getattr(sheet, "_worksheet_path", None)
    shared = getattr(book, "shared_strings", None)
    if archive is None or not isinstance(path, str) or shared is None:
        return None
    if not getattr(book, "data_only", False):
        return None
    dated = frozenset(getattr(book, "_date_formats", ()) or ())
    with archive.open(path) as source:
        return parse_sheet(source.read(), shared, dated)


def padded(parsed: list[tuple[int, list[tuple[int, Any]]]]) -> Iterator[tuple[Any, ...]]:
    """Yield parsed rows as openpyxl does: each padded to the width read, a row the sheet
    leaves out as one shared blank row, a row number met again (or going back) dropped."""
    blank = (None,) * _WIDTH
    counter = 1
    for number, cells in parsed:
        while counter < number:
            counter += 1
            yield blank
        if counter <= number:
            row: list[Any] = [None] * _WIDTH
            for column, value in cells:
                if 1 <= column <= _WIDTH:
                    row[column - 1] = value
            counter += 1
            yield tuple(row)


def parse_sheet(
    xml: bytes, shared: Sequence[str], dated: frozenset[int] = frozenset()
) -> list[tuple[int, list[tuple[int, Any]]]]:
    """Return a worksheet part's rows as (row number, [(column, value), ...]); raise
    Unhandled for what openpyxl must read (a DOCTYPE, a date)."""
    reader = _SheetParser(shared, dated)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = reader.refuse
    parser.EntityDeclHandler = reader.refuse
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.Parse(xml, True)
    return reader.rows


class _SheetParser:
    """Expat's handlers for one worksheet: rows and their cells' values."""

    def __init__(self, shared: Sequence[str], dated: frozenset[int]) -> None:
        self.shared = shared
        self.dated = dated
        self.rows: list[tuple[int, list[tuple[int, Any]]]] = []
        self.stack: list[str] = []
        self.row = 0
        self.column = 0
        self.cells: list[tuple[int, Any]] = []
        self.cell: dict[str, str] = {}
        self.value: str | None = None
        self.inline: list[str] | None = None
        self.chunks: list[str] = []

    def refuse(self, *_: Any) -> None:
        raise Unhandled("a DOCTYPE")

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        space, _, local = tag.rpartition(" ")
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(local if space == _MAIN else "")
        if space != _MAIN:
            return
        if local == "row":
            self._row(attributes)
        elif local == "c":
            self.cell, self.value, self.inline = attributes, None, None
        elif local == "v" and parent == "c" or local == "t":
            self.chunks = []
        elif local == "is" and parent == "c":
            self.inline = []

    def text(self, data: str) -> None:
        self.chunks.append(data)

    def end(self, tag: str) -> None:
        local = self.stack.pop()
        parent = self.stack[-1] if self.stack else ""
        if local == "v" and parent == "c":
            self.value = "".join(self.chunks)
        elif local == "t" and self.inline is not None:
            grand = self.stack[-2] if len(self.stack) > 1 else ""
            text = "".join(self.chunks)
            if text and (parent == "is" or (parent == "r" and grand == "is")):
                self.inline.append(text)
        elif local == "c":
            self._cell()
        elif local == "row":
            self.rows.append((self.row, self.cells))

    def _row(self, attributes: dict[str, str]) -> None:
        number = attributes.get("r")
        if number is None:
            self.row += 1
        elif number.isdigit():
            self.row = int(number)
        else:
            raise Unhandled("a row number that is not a whole number")
        self.column = 0
        self.cells = []

    def _cell(self) -> None:
        attributes = self.cell
        coordinate = attributes.get("r")
        if coordinate:
            self.column = _column(coordinate)
        else:
            self.column += 1
        self.cells.append((self.column, self._value(attributes)))

    def _value(self, attributes: dict[str, str]) -> Any:
        kind = attributes.get("t", "n")
        if kind == "inlineStr":
            return None if self.inline is None else "".join(self.inline)
        value = self.value or None
        if value is None:
            return None
        if kind == "n":
            style = attributes.get("s")
            if (int(style) if style else 0) in self.dated:
                raise Unhandled("a date")
            return float(value) if "." in value or "E" in value or "e" in value else int(value)
        if kind == "s":
            return self.shared[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            raise Unhandled("a date")
        return value  # "str" (a formula's text) and "e" (an error) as written


def _column(coordinate: str) -> int:
    """Return the column number of a cell reference such as 'AB12'."""
    letters = coordinate.rstrip("0123456789")
    if not letters or not letters.isalpha() or not letters.isupper() or len(letters) > 3:
        raise Unhandled("a cell reference openpyxl reads its own way")
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


__all__ = ["Unhandled", "padded", "parse_sheet", "sheet_values"]
