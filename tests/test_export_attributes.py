"""The attributes every export carries, checked against values worked out by hand.

Other tests compare each export with `element_rows`; these pin what `element_rows` itself
must say for a small model, as every format's reader sees it.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import (
    BOX_KINDS,
    ELEMENT_FIELDS,
    LINK_FIELDS,
    box_kinds,
    model_metadata,
)
from logicmodel.renderers.gexf import generate_gexf
from logicmodel.renderers.graphml import generate_graphml
from logicmodel.renderers.nodelink import generate_json
from logicmodel.renderers.options import Options
from logicmodel.renderers.tables import generate, generate_tables, generate_zip
from logicmodel.tracing import Trace, trace

DATA: dict[str, Any] = {
    "logicmodel": 1,
    "title": "Sràidean nas sàbhailte",
    "area": "Inbhir Chluaidh",
    "partnership": {"name": "Safety", "lead": "a"},
    "partners": [
        {"id": "a", "name": "A", "short": "Ay"},
        {"id": "b", "name": "B"},
        {"id": "c", "name": "C"},
    ],
    "inputs": [
        {"id": "pool", "label": "Pool", "by": ["a", "b"], "leads_to": ["work"]},
        {"id": "staff", "label": "Staff", "by": "a", "leads_to": ["work"]},
        {"id": "volunteers", "label": "Volunteers", "by": "a", "leads_to": ["work"]},
    ],
    "activities": [
        {"id": "work", "label": "Work", "by": "a", "leads_to": ["o"]},
        {"id": "joint", "label": "Joint", "by": "all", "leads_to": ["p"]},
    ],
    "interim": [
        {"id": "o", "label": "O", "gain": "More"},
        {"id": "p", "label": "P"},
        {"id": "orphan", "label": "Orphan"},
    ],
}
MODEL = LogicModel.model_validate(DATA)
TRACE = trace(MODEL)

# id -> (stage, partners, collaborative, trace_class, collaborative_share, depends)
EXPECTED: dict[str, tuple[str, str, bool, str, float, bool]] = {
    "pool": ("inputs", "a;b", True, "collaborative", 1.0, True),
    "staff": ("inputs", "a", False, "single-agency", 0.0, False),
    "volunteers": ("inputs", "a", False, "single-agency", 0.0, False),
    "work": ("activities", "a", False, "single-agency", 0.333333, False),
    "joint": ("activities", "a;b;c", True, "collaborative", 1.0, True),
    "o": ("interim", "", False, "collaborative-gain", 0.333333, False),
    "p": ("interim", "", False, "collaboration-only", 1.0, True),
    "orphan": ("interim", "", False, "unsupported", 0.0, False),
}


def expected_rows() -> list[dict[str, Any]]:
    rows = []
    for ident, (stage, partners, collab, cls, share, depends) in EXPECTED.items():
        label = next(e.label for _, e in MODEL.elements() if e.id == ident)
        values = (ident, label, stage, partners, collab, cls, share, depends)
        rows.append(dict(zip(ELEMENT_FIELDS, values, strict=True)))
    return rows


def test_the_fields_are_the_documented_ones() -> None:
    assert ELEMENT_FIELDS == (
        "id",
        "label",
        "stage",
        "partners",
        "collaborative",
        "trace_class",
        "collaborative_share",
        "depends_on_collaboration",
    )
    assert LINK_FIELDS == ("source", "target", "kind")


def test_json_nodes_carry_the_worked_out_values() -> None:
    text = generate_json(MODEL, TRACE)
    data = json.loads(text)
    assert data["nodes"] == expected_rows()
    assert data["directed"] is True and data["multigraph"] is False
    assert data["graph"]["summary"] == TRACE.summary()
    assert data["graph"]["title"] == "Sràidean nas sàbhailte" and data["graph"]["area"] == (
        "Inbhir Chluaidh"
    )
    # Readable UTF-8 and two-space indents, as people open the file.
    assert "Sràidean" in text and text.startswith('{\n  "directed": true,\n')
    assert text.endswith("}\n")


def test_metadata_leaves_out_what_the_file_does_not_say() -> None:
    metadata = model_metadata(MODEL)
    assert metadata["partnership"] == {"name": "Safety", "lead": "a", "costs": [], "benefits": []}
    assert metadata["partners"] == [
        {"id": "a", "name": "A", "short": "Ay"},
        {"id": "b", "name": "B"},
        {"id": "c", "name": "C"},
    ]
    assert metadata["title"] == MODEL.title and metadata["area"] == MODEL.area


def test_csv_elements_carry_the_worked_out_values() -> None:
    tables = generate_tables(MODEL, TRACE)
    assert list(tables) == ["elements.csv", "links.csv", "trace.csv"]
    rows = list(csv.DictReader(io.StringIO(tables["elements.csv"])))
    # The trace's columns, whatever columns of the file format come with them.
    fields = ["id", "label", "stage", "trace_class", "collaborative_share"]
    fields += ["depends_on_collaboration"]
    assert [{k: row[k] for k in fields} for row in rows] == [
        {k: str(row[k]) for k in fields} for row in expected_rows()
    ]
    trace_rows = list(csv.DictReader(io.StringIO(tables["trace.csv"])))
    assert [row["id"] for row in trace_rows] == ["o", "p", "orphan"]


def test_csv_files_start_with_a_byte_order_mark_for_spreadsheets() -> None:
    tables = generate_tables(MODEL, TRACE)
    files = generate(MODEL, TRACE, Options())
    assert files == {name: ("\ufeff" + text).encode("utf-8") for name, text in tables.items()}
    with zipfile.ZipFile(io.BytesIO(generate_zip(MODEL, TRACE))) as archive:
        assert archive.namelist() == list(tables)
        for name in tables:
            assert archive.read(name) == files[name]
            assert archive.getinfo(name).compress_type == zipfile.ZIP_DEFLATED


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_carry_the_worked_out_values(fmt: str) -> None:
    generators: dict[str, tuple[Callable[[LogicModel, Trace], str], Callable[..., Any]]] = {
        "graphml": (generate_graphml, nx.read_graphml),
        "gexf": (generate_gexf, nx.read_gexf),
    }
    generate, read = generators[fmt]
    text = generate(MODEL, TRACE)
    assert text.endswith(">\n")
    # One XML line per generated line: no stray text between the elements.
    root = ElementTree.fromstring(text.encode("utf-8"))
    assert all(not (element.tail or "").strip() for element in root.iter())
    graph = read(io.BytesIO(text.encode("utf-8")))
    assert graph.is_directed()
    for row in expected_rows():
        attributes = graph.nodes[row["id"]]
        # The id is the node itself, not an attribute as well.
        assert set(attributes) - {"label"} == set(ELEMENT_FIELDS[2:]), row["id"]
        for field in ELEMENT_FIELDS[1:]:
            assert attributes[field] == row[field], (row["id"], field)


def test_graphml_carries_the_title_and_area_of_the_model() -> None:
    graph = nx.read_graphml(io.BytesIO(generate_graphml(MODEL, TRACE).encode("utf-8")))
    assert graph.graph["title"] == "Sràidean nas sàbhailte"
    assert graph.graph["area"] == "Inbhir Chluaidh"
    no_area = MODEL.model_copy(update={"area": None})
    graph = nx.read_graphml(io.BytesIO(generate_graphml(no_area, TRACE).encode("utf-8")))
    assert graph.graph["area"] == ""


def test_box_kinds_follow_the_trace_class() -> None:
    assert BOX_KINDS == {
        "single-agency": "green",
        "collaborative": "red",
        "collaboration-only": "red",
        "collaborative-gain": "split",
        "unsupported": "unsupported",
    }
    assert box_kinds(MODEL, TRACE) == {
        "pool": "red",
        "staff": "green",
        "volunteers": "green",
        "work": "green",
        "joint": "red",
        "o": "split",
        "p": "red",
        "orphan": "unsupported",
    }
