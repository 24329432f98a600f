"""CSV export: elements, nodes, links, the trace and the partnership's facts, in a zip or a folder.

elements.csv has the Elements sheet's columns (stage, id, label, by, collaborative, leads_to,
enhances, gain, lead, notes, source, lists comma-separated), so `logicmodel import
elements.csv` reads it back, then what the trace works out for each element (trace_class,
collaborative_share, depends_on_collaboration), which import passes over.

nodes.csv has every export field of every element, as the JSON export's nodes, and
graph.csv the graph-level facts as field,value rows: lists and objects are JSON text there,
booleans true or false.

Every cell a spreadsheet could run as a formula is written after an apostrophe (the shared CSV
writer's `csv_cell`), and import takes it away, so a model survives YAML -> CSV -> YAML.
"""

from __future__ import annotations

from typing import Any

from logicmodel.analysis.reports import format_csv, trace_rows
from logicmodel.analysis.tracing import Trace
from logicmodel.fileformat.workbook import DERIVED_ELEMENT_COLUMNS, ELEMENT_COLUMNS
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import element_rows, graph_fields, link_rows
from logicmodel.renderers.options import Options, TablesOptions
from logicmodel.renderers.xlsx import element_table


def elements_csv_rows(
    model: LogicModel, trace: Trace, nodes: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Return the rows of elements.csv: ELEMENT_COLUMNS, then DERIVED_ELEMENT_COLUMNS."""
    derived = {row["id"]: row for row in nodes or element_rows(model, trace)}
    rows = []
    for values in element_table(model):
        row = dict(zip(ELEMENT_COLUMNS, values, strict=True))
        worked_out = derived[row["id"]]
        rows.append({**row, **{column: worked_out[column] for column in DERIVED_ELEMENT_COLUMNS}})
    return rows


def generate_tables(model: LogicModel, trace: Trace) -> dict[str, str]:
    """Return the tables by file name: elements, nodes, links, trace and graph (.csv)."""
    nodes = element_rows(model, trace)
    facts = [{"field": name, "value": value} for name, value in graph_fields(model, trace).items()]
    return {
        "elements.csv": format_csv(elements_csv_rows(model, trace, nodes)),
        "nodes.csv": format_csv(nodes),
        "links.csv": format_csv(link_rows(model)),
        "trace.csv": format_csv(trace_rows(trace)),
        "graph.csv": format_csv(facts),
    }


def generate_zip(model: LogicModel, trace: Trace) -> bytes:
    """Return the tables in one zip file."""
    from logicmodel.renderers import encode

    made = encode(generate(model, trace, TablesOptions(output_format="zip")), "zip")
    assert isinstance(made, bytes)  # a zip is one file
    return made


def generate(model: LogicModel, trace: Trace, options: Options) -> dict[str, bytes]:
    """Return the tables as file name -> bytes (the registry's entry point); the registry
    writes them into a folder, or a zip file."""
    # utf-8-sig, the default, starts each file with a byte-order mark: it tells spreadsheets
    # the file is UTF-8 (accents, Gaelic); plain utf-8 leaves it out.
    chosen = options if isinstance(options, TablesOptions) else TablesOptions()
    return {
        name: text.encode(chosen.encoding) for name, text in generate_tables(model, trace).items()
    }


__all__ = [
    "elements_csv_rows",
    "generate",
    "generate_tables",
    "generate_zip",
]
