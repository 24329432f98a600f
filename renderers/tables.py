"""CSV export: elements, links and the trace as three tables, in a zip or a folder."""

from __future__ import annotations

import io
import zipfile

from logicmodel.models import LogicModel
from logicmodel.renderers.attributes import element_rows, link_rows
from logicmodel.reports import format_csv, trace_rows
from logicmodel.tracing import Trace

OUTPUT = "files"
SUFFIXES = (".zip", "")  # a zip file, or a folder (a name without a suffix)


def generate_tables(model: LogicModel, trace: Trace) -> dict[str, str]:
    """Return the three tables by file name: elements.csv, links.csv, trace.csv."""
    return {
        "elements.csv": format_csv(element_rows(model, trace)),
        "links.csv": format_csv(link_rows(model)),
        "trace.csv": format_csv(trace_rows(trace)),
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
