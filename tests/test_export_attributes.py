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

from logicmodel.analysis.tracing import Trace, trace, whatif
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import (
    BOX_KINDS,
    ELEMENT_FIELD_DOCS,
    ELEMENT_FIELDS,
    GRAPH_FIELD_DOCS,
    LINK_FIELDS,
    box_kinds,
    element_rows,
    graph_fields,
)
from logicmodel.renderers.gexf import generate_gexf
from logicmodel.renderers.graphml import generate_graphml
from logicmodel.renderers.nodelink import generate_json
from logicmodel.renderers.options import Options
from logicmodel.renderers.tables import generate, generate_tables, generate_zip

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
EXPECTED: dict[str, tuple[str, list[str], bool, str, float, bool]] = {
    "pool": ("inputs", ["a", "b"], True, "collaborative", 1.0, True),
    "staff": ("inputs", ["a"], False, "single-agency", 0.0, False),
    "volunteers": ("inputs", ["a"], False, "single-agency", 0.0, False),
    "work": ("activities", ["a"], False, "single-agency", 0.3333, False),
    "joint": ("activities", ["a", "b", "c"], True, "collaborative", 1.0, True),
    "o": ("interim", [], False, "collaborative-gain", 0.3333, False),
    "p": ("interim", [], False, "collaboration-only", 1.0, True),
    "orphan": ("interim", [], False, "unsupported", 0.0, False),
}
CORE = (
    "id",
    "label",
    "stage",
    "partners",
    "collaborative",
    "trace_class",
    "collaborative_share",
    "depends_on_collaboration",
)
# What each element becomes if a leaves, or if all collaboration stops, worked out by hand:
# a's own work goes, the pool is b's own, joint work carries on with b and c.
WHATIF: dict[str, tuple[str, str]] = {
    "pool": ("single-agency", "gone"),
    "staff": ("gone", "single-agency"),
    "volunteers": ("gone", "single-agency"),
    "work": ("gone", "single-agency"),
    "joint": ("collaborative", "gone"),
    "o": ("unsupported", "single-agency"),
    "p": ("collaboration-only", "unsupported"),
    "orphan": ("unsupported", "unsupported"),
}


def expected_rows() -> list[dict[str, Any]]:
    rows = []
    for ident, (stage, partners, collab, cls, share, depends) in EXPECTED.items():
        label = next(e.label for _, e in MODEL.elements() if e.id == ident)
        values = (ident, label, stage, partners, collab, cls, share, depends)
        rows.append(dict(zip(CORE, values, strict=True)))
    return rows


def test_the_fields_are_the_documented_ones() -> None:
    assert ELEMENT_FIELDS[:3] == ("id", "label", "stage")
    assert set(CORE) <= set(ELEMENT_FIELDS)
    assert LINK_FIELDS == ("source", "target", "kind")
    rows = element_rows(MODEL, TRACE)
    whatifs = [f"whatif_without_{p}" for p in ("a", "b", "c")]
    assert all(list(row) == [*ELEMENT_FIELDS, *whatifs] for row in rows)


def test_json_nodes_carry_the_worked_out_values() -> None:
    text = generate_json(MODEL, TRACE)
    data = json.loads(text)
    assert [{k: node[k] for k in CORE} for node in data["nodes"]] == expected_rows()
    assert {
        node["id"]: (node["whatif_without_a"], node["whatif_no_collaboration"])
        for node in data["nodes"]
    } == WHATIF
    assert data["directed"] is True and data["multigraph"] is False
    assert data["graph"]["summary"] == TRACE.summary()
    assert data["graph"]["title"] == "Sràidean nas sàbhailte" and data["graph"]["area"] == (
        "Inbhir Chluaidh"
    )
    # Readable UTF-8 and two-space indents, as people open the file.
    assert "Sràidean" in text and text.startswith('{\n  "directed": true,\n')
    assert text.endswith("}\n")


def test_the_graph_carries_the_partnership_and_the_partners_names() -> None:
    facts = graph_fields(MODEL, TRACE)
    assert facts["partnership_name"] == "Safety" and facts["partnership_lead"] == "a"
    assert facts["partnership_type"] is None and facts["partnership_costs"] == []
    assert facts["partners"] == [
        {"id": "a", "name": "A", "short": "Ay"},
        {"id": "b", "name": "B"},
        {"id": "c", "name": "C"},
    ]
    assert facts["partner_names"] == ["A", "B", "C"]
    assert facts["title"] == MODEL.title and facts["area"] == MODEL.area


def test_whatif_fields_follow_the_tracing_whatif() -> None:
    rows = {row["id"]: row for row in element_rows(MODEL, TRACE)}
    for partner in ("a", "b", "c"):
        for change in whatif(MODEL, [partner]).changes:
            assert rows[change.id][f"whatif_without_{partner}"] == change.after.trace_class.value


def _csv_text(value: Any) -> str:
    """Return a value as the CSV export writes it: JSON lists, true/false, plain numbers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)
    return str(value)


def test_csv_elements_carry_the_worked_out_values() -> None:
    tables = generate_tables(MODEL, TRACE)
    assert list(tables) == ["elements.csv", "nodes.csv", "links.csv", "trace.csv", "graph.csv"]
    rows = list(csv.DictReader(io.StringIO(tables["elements.csv"])))
    # The trace's columns, whatever columns of the file format come with them.
    fields = ["id", "label", "stage", "trace_class", "collaborative_share"]
    fields += ["depends_on_collaboration"]
    assert [{k: row[k] for k in fields} for row in rows] == [
        {k: _csv_text(row[k]) for k in fields} for row in expected_rows()
    ]
    nodes = list(csv.DictReader(io.StringIO(tables["nodes.csv"])))
    assert [{k: row[k] for k in CORE} for row in nodes] == [
        {k: _csv_text(row[k]) for k in CORE} for row in expected_rows()
    ]
    assert [json.loads(row["partners"]) for row in nodes][:2] == [["a", "b"], ["a"]]
    trace_rows = list(csv.DictReader(io.StringIO(tables["trace.csv"])))
    assert [row["id"] for row in trace_rows] == ["o", "p", "orphan"]
    facts = {row["field"]: row["value"] for row in csv.DictReader(io.StringIO(tables["graph.csv"]))}
    assert json.loads(facts["partner_names"]) == ["A", "B", "C"]
    assert facts["partnership_name"] == "Safety" and facts["partnership_type"] == ""


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
    full = {row["id"]: row for row in element_rows(MODEL, TRACE)}
    for row in expected_rows():
        attributes = graph.nodes[row["id"]]
        # The id is the node itself; a field the element lacks (null in JSON) is left out.
        present = {k for k, v in full[row["id"]].items() if v is not None} - {"id"}
        assert set(attributes) - {"viz", "x", "y", "shape_type"} == present, row["id"]
        for field in CORE[1:]:
            value = row[field]
            expected = json.dumps(value) if isinstance(value, list) else value
            assert attributes[field] == expected, (row["id"], field)
        assert json.loads(attributes["partners"]) == row["partners"]


def test_graphml_writes_booleans_as_true_and_false() -> None:
    text = generate_graphml(MODEL, TRACE)
    root = ElementTree.fromstring(text.encode("utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    booleans = {
        key.get("id") for key in root.iterfind("g:key", ns) if key.get("attr.type") == "boolean"
    }
    assert booleans, "collaborative and depends_on_collaboration are booleans"
    values = {d.text for d in root.iterfind(".//g:data", ns) if d.get("key") in booleans}
    assert values == {"true", "false"}


def test_graphml_carries_the_partnership_on_the_graph() -> None:
    graph = nx.read_graphml(io.BytesIO(generate_graphml(MODEL, TRACE).encode("utf-8")))
    assert graph.graph["title"] == "Sràidean nas sàbhailte"
    assert graph.graph["area"] == "Inbhir Chluaidh"
    assert graph.graph["partnership_name"] == "Safety"
    assert json.loads(graph.graph["partner_names"]) == ["A", "B", "C"]
    assert graph.graph["format_version"] == 1
    no_area = MODEL.model_copy(update={"area": None})
    graph = nx.read_graphml(io.BytesIO(generate_graphml(no_area, TRACE).encode("utf-8")))
    assert "area" not in graph.graph


def test_gexf_carries_the_title_and_the_facts_in_its_meta() -> None:
    text = generate_gexf(MODEL, TRACE)
    assert nx.read_gexf(io.BytesIO(text.encode("utf-8"))).graph["name"] == MODEL.title
    root = ElementTree.fromstring(text.encode("utf-8"))
    description = root.find(
        "{http://www.gexf.net/1.2draft}meta/{http://www.gexf.net/1.2draft}description"
    )
    assert description is not None and description.text is not None
    assert json.loads(description.text) == json.loads(json.dumps(graph_fields(MODEL, TRACE)))


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


def test_the_readme_lists_every_export_field() -> None:
    from .conftest import ROOT

    readme = (ROOT / "docs" / "researchers.md").read_text("utf-8")
    section = readme.split("## Export fields", 1)[1].split("\n## ", 1)[0]
    for field in (*ELEMENT_FIELD_DOCS, *GRAPH_FIELD_DOCS):
        assert f"| `{field.name}` | {field.type} |" in section, field.name
