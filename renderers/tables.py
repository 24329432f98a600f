"""CSV export: elements, links and the trace as three tables, in a zip or a folder."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from logicmodel.models import LogicModel
from logicmodel.renderers.attributes import element_rows, link_rows
from logicmodel.reports import trace_rows
from logicmodel.tracing import Trace

OUTPUT = "files"
SUFFIXES = (".zip", "")  # a zip file, or a folder (a name without a suffix)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """Return a cell value a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table(rows: list[dict[str, Any]]) -> str:
    """Return rows as CSV text, lists joined with ';' and formulas defused."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: inert(";".join(v) if isinstance(v, list) else v) for k, v in row.items()}
            )
    return buffer.getvalue()


def generate_tables(model: LogicModel, trace: Trace) -> dict[str, str]:
    """Return the three tables by file name: elements.csv, links.csv, trace.csv."""
    return {
        "elements.csv": table(element_rows(model, trace)),
        "links.csv": table(link_rows(model)),
        "trace.csv": table(trace_rows(trace)),
    }


def generate_zip(model: LogicModel, trace: Trace) -> bytes:
    """Return the three tables in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in generate_tables(model, trace).items():
            # A byte-order mark tells spreadsheets the file is UTF-8 (accents, Gaelic).
            archive.writestr(name, "\ufeff" + text)
    return buffer.getvalue()


def render(model: LogicModel, trace: Trace, theme: str = "classic") -> dict[str, bytes]:
    """Return the tables as file name -> bytes (the registry's entry point)."""
    return {
        name: ("\ufeff" + text).encode("utf-8")
        for name, text in generate_tables(model, trace).items()
    }
