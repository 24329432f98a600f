"""What every result shares: the result protocol, and one formatter for text, Markdown, CSV,
JSON and the notebook's HTML table.

Every result of analysis (a check, trace, what-if, gain report, comparison or diff) gives
plain records for machines (`to_records()`) and a table for people (`table()`: rows, the
columns a person reads with their headings, and a title line). This module imports nothing
from the modules that make results, so each of them can use it without a cycle.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol, runtime_checkable

from logicmodel.fileformat.cells import formula_guarded
from logicmodel.terminal import terminal_text

__all__ = [
    "LABEL_WIDTH",
    "MAX_SHOWN",
    "REPORT_FORMATS",
    "TEXT",
    "TOO_LARGE",
    "Result",
    "Row",
    "Table",
    "Tabular",
    "bounded",
    "csv_cell",
    "finite_json",
    "format_csv",
    "format_markdown",
    "format_people",
    "format_table",
    "html_table",
    "json_text",
    "markdown_text",
    "people_cells",
    "people_number",
    "render",
    "too_large",
    "verify_format",
]

TEXT = "text"  # the plain format for people, the same word in every command
REPORT_FORMATS = (TEXT, "csv", "json", "markdown")
LABEL_WIDTH = 44

# A result past this is "too large to show". The file format takes numbers within 10^18, so
# every sum or difference of them fits: only a division by a tiny number can go past it.
MAX_SHOWN = 1e21
TOO_LARGE = "too large to show"

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """What a person reads of a result: rows, the columns shown (key: heading), a title."""

    rows: Sequence[Mapping[str, Any]]
    columns: Mapping[str, str]
    title: str


@runtime_checkable
class Result(Protocol):
    """The protocol every result of analysis follows."""

    def summary(self) -> str:
        """Return one line saying what the result found."""
        ...

    def to_records(self) -> list[Row]:
        """Return one plain dict per row (lists stay lists), e.g. for pandas.DataFrame."""
        ...

    def table(self) -> Table:
        """Return the result as a person reads it."""
        ...


class Tabular(ABC):
    """A result's shared behaviour: `as_dicts` and the notebook's table, from its own two."""

    @abstractmethod
    def to_records(self) -> list[Row]:
        """Return one plain dict per row (lists stay lists), e.g. for pandas.DataFrame."""

    @abstractmethod
    def table(self) -> Table:
        """Return the result as a person reads it."""

    def as_dicts(self) -> list[Row]:
        """Return the same as `to_records()`."""
        return self.to_records()

    def _repr_html_(self) -> str:
        """Return the result as an HTML table, for Jupyter."""
        shown = self.table()
        return html_table(shown.rows, shown.columns, shown.title)


def verify_format(name: str) -> str:
    """Return a report format name, or raise ValueError listing the valid ones."""
    if name not in REPORT_FORMATS:
        raise ValueError(f"unknown format {name!r}: choose from {', '.join(REPORT_FORMATS)}")
    return name


# ---------------------------------------------------------------- cells for people


def _cell(value: Any) -> str:
    """Return a value as a person reads it in a table: yes/no, lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and not math.isfinite(value):
        return too_large(value)
    return str(value)


def _clip(text: str, width: int) -> str:
    """Return text cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def bounded(value: Fraction | float) -> float:
    """Return an exact result as a number, or an infinity of its sign when past MAX_SHOWN.

    The infinity stands for "too large to show": every writer turns it into those words.

    >>> bounded(Fraction(1, 4)), bounded(Fraction(6, 2)), bounded(-Fraction(10) ** 400)
    (0.25, 3, -inf)
    """
    if isinstance(value, float) and not math.isfinite(value):
        return value
    exact = Fraction(value)
    if abs(exact) > Fraction(MAX_SHOWN):  # exactly: a Fraction this large overflows a float
        return -math.inf if exact < 0 else math.inf
    # A whole result stays a whole number, as plain arithmetic on whole inputs keeps it.
    return int(exact) if exact.denominator == 1 else float(exact)


def too_large(value: float) -> str:
    """Return the words for a value past what can be shown, or NaN, with its sign."""
    if math.isnan(value):
        return "not a number"
    return TOO_LARGE if value > 0 else f"{TOO_LARGE} (negative)"


def people_number(value: float | None, signed: bool = False) -> str:
    """Return a number for people: one decimal at most, three figures below one.

    >>> people_number(1234.56), people_number(0.012345), people_number(3.0, signed=True)
    ('1,234.6', '0.0123', '+3')
    >>> people_number(float("inf"))
    'too large to show'
    """
    if value is None:
        return ""
    if not abs(value) <= MAX_SHOWN:  # NaN too
        return too_large(value)
    if value != 0 and abs(value) < 1:
        text = f"{value:.3g}"
    else:
        rounded = round(value, 1)
        text = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"
    if text in ("-0", "0"):
        return "0"
    return "+" + text if signed and value > 0 else text


def people_cells(
    rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str], label_width: int = LABEL_WIDTH
) -> list[list[str]]:
    """Return the cells a person reads: shares as percentages, labels on one clipped line."""
    table = []
    for row in rows:
        cells = []
        for key in columns:
            value = row[key]
            if key == "collaborative_share":
                cells.append(f"{value:.0%}")
            elif key == "label":
                cells.append(_clip(" ".join(str(value).split()), label_width))
            else:
                cells.append(_cell(value))
        table.append(cells)
    return table


# ---------------------------------------------------------------- text, Markdown, CSV


def format_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Mapping[str, str],
    summary: str,
    width: int | None = None,
) -> str:
    """Return aligned columns, labels clipped to fit `width`, then the summary line."""
    headings = list(columns.values())
    # Escaped before measuring, so that a row holding a control still lines up.
    body = [
        [terminal_text(cell) for cell in row]
        for row in people_cells(rows, columns, label_width=10_000)
    ]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headings)]
    if width is not None and headings[-1] == "label":
        room = width - sum(widths[:-1]) - 2 * (len(widths) - 1)
        widths[-1] = min(widths[-1], max(20, room))
        body = [[*r[:-1], _clip(r[-1], widths[-1])] for r in body]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join([*lines, "", summary])


# Characters Markdown reads as markup inside a line: emphasis, code, links, cells, strikes.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")


def markdown_text(text: str) -> str:
    r"""Return text that a Markdown viewer shows as written: no HTML, no markup, one line.

    HTML specials become entities (a viewer would run `<img onerror=...>`), Markdown
    punctuation is escaped with a backslash, and line breaks become spaces.

    >>> markdown_text("<b>*x*</b> | [a](b)")
    '&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\[a\\](b)'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(_MARKDOWN_SPECIALS.sub(r"\\\1", text).splitlines())
    return text


def format_markdown(
    rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str], summary: str
) -> str:
    """Return a Markdown table, every cell shown as written, then the summary line."""
    lines = ["| " + " | ".join(columns.values()) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines += [
        "| " + " | ".join(markdown_text(c) for c in r) + " |" for r in people_cells(rows, columns)
    ]
    summary = "\n".join(markdown_text(line) for line in summary.split("\n"))
    return "\n".join([*lines, "", summary])


def format_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """Return every field of every row as CSV: lists as JSON arrays, booleans true or false."""
    buffer = io.StringIO()
    if rows:
        fields = list(rows[0])
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        # The writer quotes a cell holding the line terminator, "\n", but not a lone CR, which
        # some readers take for a line end: a row holding one has every cell quoted.
        quoted = csv.DictWriter(
            buffer, fieldnames=fields, lineterminator="\n", quoting=csv.QUOTE_ALL
        )
        writer.writeheader()
        for row in rows:
            cells = {k: csv_cell(v) for k, v in row.items()}
            held = any(isinstance(v, str) and "\r" in v for v in cells.values())
            (quoted if held else writer).writerow(cells)
    return buffer.getvalue()


def csv_cell(value: Any) -> Any:
    """Return a value as one CSV cell: a list or mapping as JSON, a boolean as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json_text(value, indent=None)
    if isinstance(value, float) and not math.isfinite(value):
        return too_large(value)
    # A label such as "=HYPERLINK(...)" must stay text when a spreadsheet opens the file.
    if isinstance(value, str):
        return formula_guarded(value)
    return value


def finite_json(value: Any) -> Any:
    """Return value with every infinite number turned into words and NaN into null, so that
    strict JSON (`allow_nan=False`) can write it; the rest as is (copied where changed)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else too_large(value)
    if isinstance(value, dict):
        return {key: finite_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_json(item) for item in value]
    return value


def json_text(value: Any, indent: int | None = 2) -> str:
    """Return value as strict JSON (no NaN or Infinity), non-ASCII written as is."""
    return json.dumps(finite_json(value), indent=indent, ensure_ascii=False, allow_nan=False)


def format_people(table: Table, fmt: str, width: int | None = None) -> str:
    """Return a table for people: aligned text fitting `width`, or Markdown; then its title."""
    if fmt == "markdown":
        return format_markdown(table.rows, table.columns, table.title)
    return format_table(table.rows, table.columns, table.title, width)


def render(result: Result, fmt: str, width: int | None = None) -> str:
    """Return any result in a report format: its table for people as text or Markdown, every
    record as CSV, or its summary and records as JSON.

    The commands' own reports add to this (several models in one, a model column); this is
    the form every result has in common.
    """
    fmt = verify_format(fmt)
    if fmt == "csv":
        return format_csv(result.to_records())
    if fmt == "json":
        document = {"summary": result.summary(), "records": result.to_records()}
        return json_text(document) + "\n"
    return format_people(result.table(), fmt, width) + "\n"


# ---------------------------------------------------------------- the notebook


def html_table(rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str], caption: str) -> str:
    """Return rows as an HTML table under a caption, every value escaped.

    >>> html_table([{"a": "<b>"}], {"a": "A"}, "one row")
    '<table><caption>one row</caption>...<tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{html.escape(title)}</th>" for title in columns.values())
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(_html_cell(row.get(key)))}</td>" for key in columns)
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _html_cell(value: Any) -> str:
    """Return a value for an HTML cell: empty for None, yes/no, sequences joined by commas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and not math.isfinite(value):
        return too_large(value)
    return str(value)
