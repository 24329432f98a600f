"""Reading a spreadsheet's cells safely: rows and columns bounded, hostile XML and zip bombs
refused, CSV rows read, and a cell's value as it was typed."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from logicmodel.fileformat.workbook import column_letter


class WorkbookError(ValueError):
    """A workbook cannot become a model; `errors` holds 'Sheet!A1: message' lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


# Bounds on what a sheet or CSV file is read to, so that a hostile file cannot exhaust the
# machine: a 100,000-element model, far above any real one, has 100,001 rows and 14 columns.
MAX_ROWS = 250_000
MAX_COLUMNS = 256  # IV, where spreadsheets used to end
MAX_CELL_CHARS = 32_767  # the most a spreadsheet cell holds


def plain(value: Any) -> Any:
    """Return a cell's value as typed: text trimmed (blank is None), 2007.0 as 2007.

    Text read back from a formula guard (`Verbatim`) keeps its spaces: they were written.
    """
    if isinstance(value, Verbatim):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def word(value: Any) -> str:
    """Return a choice as compared: lower case, '-', '_' and runs of spaces as one space."""
    return " ".join(str(value).lower().replace("_", " ").replace("-", " ").split())


def choices_text(*words: str) -> str:
    """Return 'a, b or c'."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


def sheet_rows(sheet: Any, name: str) -> Iterator[Sequence[Any]]:
    """Yield a read-only sheet's rows as values, row 1 first, blank rows as empty tuples."""
    sheet.reset_dimensions()  # never trust the size a file states: read every row it has
    # One column past the last one read, where a value is a located fault; cells further out
    # are not read at all, so a row with a cell at XFD is not padded out to 16,384 values.
    rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad sheet
            if defused(error):
                raise WorkbookError([f"{name}: sheet {sheet.title!r}: {HOSTILE_XML}"]) from None
            raise WorkbookError(
                [f"{name}: sheet {sheet.title!r} cannot be read ({type(error).__name__})"]
            ) from None
        yield row


def bounded(rows: Iterable[Sequence[Any]], title: str) -> Iterator[Sequence[Any]]:
    """Yield a table's rows cut to MAX_COLUMNS; raise WorkbookError, located, for a value past
    that column, a row past MAX_ROWS, or a text longer than MAX_CELL_CHARS."""
    blank: Sequence[Any] | None = None  # openpyxl yields one tuple for all the rows it skips
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise WorkbookError(
                [
                    f"{title}!A{number}: more than {MAX_ROWS:,} rows: a sheet is read to row "
                    f"{MAX_ROWS:,}; delete the rows below it"
                ]
            )
        if row is blank:
            yield ()
            continue
        given = row
        if len(row) > MAX_COLUMNS:
            rest = row[MAX_COLUMNS:]
            # Counting blanks runs at C speed: a row padded out to XFD costs little.
            filled = rest.count(None) != len(rest)
            past = filled and next(
                (MAX_COLUMNS + i for i, value in enumerate(rest) if plain(value) is not None),
                None,
            )
            if past:
                raise WorkbookError(
                    [
                        f"{title}!{column_letter(past + 1)}{number}: a value past column "
                        f"{column_letter(MAX_COLUMNS)}: a sheet is read to column "
                        f"{column_letter(MAX_COLUMNS)} ({MAX_COLUMNS} columns); clear it"
                    ]
                )
            row = row[:MAX_COLUMNS]
        # Blank cells at a row's end are no cells: a sheet that pads every row out to a far
        # column (an empty formatted cell at XFD) then costs no more than one that does not.
        end = len(row)
        if row.count(None) == end:
            blank, end = given, 0
        while end and row[end - 1] is None:
            end -= 1
        row = row[:end]
        for index, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise WorkbookError(
                    [
                        f"{title}!{column_letter(index + 1)}{number}: a text of "
                        f"{len(value):,} characters, over the {MAX_CELL_CHARS:,} a cell holds"
                    ]
                )
        yield row


HOSTILE_XML = (
    "its XML declares entities (a DOCTYPE), which no spreadsheet program writes: refused, "
    "since entities can expand without end or read other files"
)


def defused(error: BaseException) -> bool:
    """Return whether defusedxml refused some XML on the way to this error."""
    seen: BaseException | None = error
    for _ in range(10):  # openpyxl wraps the parser's error once or twice
        if seen is None:
            return False
        if type(seen).__module__.startswith("defusedxml"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def has_values(rows: Iterable[Sequence[Any]], title: str) -> str | None:
    """Return the first cell of a table that holds a value, or None."""
    for number, row in enumerate(bounded(rows, title), start=1):
        for index, value in enumerate(row):
            if plain(value) is not None:
                return f"{title}!{column_letter(index + 1)}{number}"
    return None


def refuse_unpacking_over(content: bytes, name: str, max_bytes: int) -> None:
    """Raise WorkbookError if a workbook's parts unpack to more than max_bytes in all.

    The sizes are those its zip directory states; Python's zip reader never unpacks a part
    past its stated size, so they bound what openpyxl will read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: openpyxl says it is not a workbook
    total = sum(part.file_size for part in parts)
    if total > max_bytes:
        largest = max(parts, key=lambda part: part.file_size)
        raise WorkbookError(
            [
                f"{name}: unpacks to {total:,} bytes ({largest.filename} alone "
                f"{largest.file_size:,}), over the {max_bytes:,}-byte limit (raise it with "
                "--max-size)"
            ]
        )


def csv_rows(text: str, title: str, delimiter: str) -> Iterator[list[str]]:
    """Yield a CSV file's rows; raise WorkbookError, at its line, for one that cannot be read."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = (
                f"a cell is over {MAX_CELL_CHARS:,} characters long, the most a cell holds"
                if "field larger" in str(error)
                else f"not a CSV row ({error})"
            )
            raise WorkbookError([f"{title}: line {reader.line_num}: {reason}"]) from None
        yield [csv_cell(cell) for cell in row]


# What makes a spreadsheet run a cell as a formula (OWASP's CSV injection list): one of these
# first, once leading spaces and control characters are passed over; or a tab or CR first.
FORMULA_STARTS = "=+-@"
_LEADERS = ("\t", "\r")


class Verbatim(str):
    """Text read from a cell exactly as written: `plain` keeps its spaces."""


def _formula_like(text: str) -> bool:
    """Return whether a spreadsheet could read text as a formula."""
    if text.startswith(_LEADERS):
        return True
    for character in text:
        if not character.isspace() and character.isprintable():
            return character in FORMULA_STARTS
    return False


def formula_guarded(text: str) -> str:
    """Return text a spreadsheet keeps as text: an apostrophe before a possible formula.

    Reversible by `unguarded`: text that is already apostrophes before a possible formula
    gets one more, so a label typed as `'=x` is written `''=x` and read back as `'=x`.

    >>> [formula_guarded(text) for text in ("=1+1", " @x", "'-1", "a")]
    ["'=1+1", "' @x", "''-1", 'a']
    """
    if _formula_like(text.lstrip("'")):
        return "'" + text
    return text


def unguarded(cell: str) -> str:
    """Return a cell's text as typed: the apostrophe `formula_guarded` added taken away.

    >>> unguarded("'=1+1"), unguarded("''-1"), unguarded("'quoted")
    ('=1+1', "'-1", "'quoted")
    """
    if cell[:1] == "'" and _formula_like(cell.lstrip("'")):
        return Verbatim(cell[1:])
    return cell


def csv_cell(value: str) -> str:
    """Return a CSV cell as typed: the apostrophe that keeps a formula as text removed."""
    return unguarded(value)


__all__ = [
    "FORMULA_STARTS",
    "HOSTILE_XML",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "Verbatim",
    "WorkbookError",
    "bounded",
    "choices_text",
    "csv_cell",
    "csv_rows",
    "defused",
    "formula_guarded",
    "has_values",
    "plain",
    "refuse_unpacking_over",
    "sheet_rows",
    "unguarded",
    "word",
]
