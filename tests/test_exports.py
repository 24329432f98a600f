"""Exports: every format opens in its real reader, round trips lose nothing, labels stay inert."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import dump_yaml, load, loads
from logicmodel.models import (
    Advice,
    Contribution,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
    Stage,
)
from logicmodel.renderers.export_fields import (
    ELEMENT_FIELD_DOCS,
    RENAMED_GRAPH_FIELDS,
    RENAMED_MODEL_FIELDS,
    element_rows,
    graph_fields,
)
from logicmodel.renderers.mermaid import generate_mermaid

from .conftest import FIGURE1, ROOT, SAMPLES, missing

MERMAID = ROOT / "tests" / "mermaid"
TABLES = ["elements.csv", "graph.csv", "links.csv", "nodes.csv", "trace.csv"]
HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+1+2",
    "-cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    'Quote " comma , and newline\nsecond line',
    "<script>alert('x')</script> & #hash; `tick` [x] {y} (z) |pipe| end",
    "Sràidean nas sàbhailte – Comhairle Inbhir Chluaidh",
    "Emoji 🚓🤝👩‍👩‍👧 < & > 'single' \"double\" tab\there",
]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hostile_model_text() -> str:
    """Return a model whose every text is hostile, and every field of every element is set."""
    lines = [
        "logicmodel: 1",
        f"title: {_quoted('Hostile labels ' + HOSTILE[7])}",
        f"area: {_quoted(HOSTILE[6])}",
        f"notes: {_quoted(HOSTILE[5])}",
        f"source: {_quoted(HOSTILE[4])}",
        "partnership:",
        f"  name: {_quoted(HOSTILE[7])}",
        "  type: strategic",
        f"  focus: {_quoted(HOSTILE[5])}",
        f"  vision: {_quoted(HOSTILE[6])}",
        "  lead: a",
        "  started: 2004-05",
        f"  costs: [{{item: {_quoted(HOSTILE[4])}, amount: [1, 2.5], unit: hours, by: [a, b]}}]",
        f"  benefits: [{{item: {_quoted(HOSTILE[7])}, amount: 3, outcome: end-0,"
        " evidence: reported}]",
        f"  notes: {_quoted(HOSTILE[4])}",
        "  framework: scotland-npf-2007",
        "  national_outcomes: [safe-from-crime]",
        f"partners: [{{id: a, name: '=CMD()', short: {_quoted(HOSTILE[7])}, notes: 'n'}},"
        f" {{id: b, name: {_quoted(HOSTILE[6])}}}]",
        "activities:",
    ]
    for index, label in enumerate(HOSTILE):
        lines.append(
            f"  - id: act-{index}\n    label: {_quoted(label)}\n    by: [a, b]\n"
            f"    leads_to: [end-{index}]\n    lead: b\n    category: coherent-plans\n"
            f"    notes: {_quoted(label)}\n    source: {_quoted(label)}"
        )
    lines.append("  - {id: own, label: Own work, by: a, leads_to: [end-0], collaborative: false}")
    lines.append("  - {id: boost, label: Boost, by: all, enhances: [own], collaborative: true}")
    lines.append("interim:")
    for index, label in enumerate(HOSTILE):
        lines.append(
            f"  - id: end-{index}\n    label: {_quoted(label)}\n    gain: {_quoted(label)}\n"
            f"    theme: {_quoted(label)}\n"
            f"    lead: a\n    category: strategic-progress\n    evidence: measured\n"
            "    contributes_to: [safe-from-crime]\n"
            f"    notes: {_quoted(label)}\n"
            f"    source: {_quoted(label)}\n"
            f"    indicators:\n      - name: {_quoted(label)}\n        unit: {_quoted(label)}\n"
            "        better: lower\n        actuals: {2003: 210, 2004-05: 180.5}\n"
            "        target_alone: 170\n        target_together: 150\n"
            "        target: 160\n        target_period: 2010\n"
            f"        comparator: {{name: {_quoted(label)}, actuals: {{2003: 1000}}}}\n"
            f"        benchmark: {{name: {_quoted(label)}, rule: below, actuals: {{2003: 200}}}}"
        )
    lines.append("advice:")
    lines.append(f"  ignore: [{{code: LM114, reason: {_quoted(HOSTILE[7])}}}]")
    return "\n".join(lines) + "\n"


HOSTILE_MODEL = loads(hostile_model_text(), name="hostile.yaml")
MODELS = [load(sample) for sample in SAMPLES] + [HOSTILE_MODEL]
IDS = [sample.stem for sample in SAMPLES] + ["hostile"]


def export(runner: CliRunner, tmp_path: Path, model_file: Path, fmt: str, suffix: str) -> Path:
    target = tmp_path / f"out{suffix}"
    result = runner.invoke(cli, ["export", str(model_file), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def model_file(tmp_path: Path, model_index: int) -> Path:
    if model_index < len(SAMPLES):
        return SAMPLES[model_index]
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_model_text(), "utf-8")
    return path


@pytest.mark.parametrize("index", range(len(MODELS)), ids=IDS)
def test_yaml_xlsx_yaml_gives_an_equal_model(runner: CliRunner, tmp_path: Path, index: int) -> None:
    workbook = export(runner, tmp_path, model_file(tmp_path, index), "xlsx", ".xlsx")
    back = tmp_path / "back.yaml"
    result = runner.invoke(cli, ["import", str(workbook), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert load(back) == MODELS[index]


@pytest.mark.parametrize("index", range(len(MODELS)), ids=IDS)
def test_yaml_json_yaml_gives_an_equal_model(tmp_path: Path, index: int) -> None:
    model = MODELS[index]
    as_json = tmp_path / "model.json"
    as_json.write_text(model.model_dump_json(by_alias=True, exclude_defaults=True), "utf-8")
    as_yaml = tmp_path / "model.yaml"
    as_yaml.write_text(dump_yaml(load(as_json)), "utf-8")
    assert load(as_yaml) == model


# Attributes networkx's readers add of their own: GEXF's viz, and yEd graphics' geometry.
READER_EXTRAS = {"viz", "x", "y", "shape_type"}
LIST_FIELDS = {f.name for f in ELEMENT_FIELD_DOCS if f.type in ("list", "object")}


def as_written(row: dict[str, Any]) -> dict[str, Any]:
    """Return a record as a format without lists carries it: JSON text, nulls left out."""
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
        for key, value in row.items()
        if value is not None and key != "id"
    }


@pytest.mark.parametrize(
    "fmt,suffix,reader",
    [
        ("graphml", ".graphml", nx.read_graphml),
        ("gexf", ".gexf", nx.read_gexf),
    ],
)
@pytest.mark.parametrize("index", range(len(MODELS)), ids=IDS)
def test_graphml_and_gexf_read_back_with_networkx(
    runner: CliRunner, tmp_path: Path, index: int, fmt: str, suffix: str, reader: object
) -> None:
    model = MODELS[index]
    graph = reader(export(runner, tmp_path, model_file(tmp_path, index), fmt, suffix))  # type: ignore[operator]
    rows = {row["id"]: row for row in element_rows(model, trace(model))}
    assert list(graph.nodes) == list(rows)
    for node, row in rows.items():
        attributes = {k: v for k, v in graph.nodes[node].items() if k not in READER_EXTRAS}
        # Every attribute, with its type: booleans, integers and floats as such.
        assert attributes == as_written(row), node
        for field in LIST_FIELDS & set(attributes):
            assert json.loads(attributes[field]) == row[field], (node, field)
    links = {(e.id, t) for _, e in model.elements() for t in e.leads_to}
    assert links <= set(graph.edges)
    kinds = {(s, t): k for s, t, k in graph.edges(data="kind")}
    assert all(kinds[link] == "leads_to" for link in links)


@pytest.mark.parametrize("index", range(len(MODELS)), ids=IDS)
def test_graphml_carries_the_partnership_on_the_graph(
    runner: CliRunner, tmp_path: Path, index: int
) -> None:
    model = MODELS[index]
    graph = nx.read_graphml(
        export(runner, tmp_path, model_file(tmp_path, index), "graphml", ".graphml")
    )
    facts = as_written(graph_fields(model, trace(model)))
    assert {
        k: v for k, v in graph.graph.items() if k not in ("node_default", "edge_default")
    } == facts
    assert json.loads(graph.graph["partner_names"]) == [p.name for p in model.partners]


def reload(data: dict[str, Any]) -> LogicModel:
    """Return the model a node-link export describes, read back from its fields alone."""
    facts = data["graph"]
    document: dict[str, Any] = {
        "logicmodel": facts["format_version"],
        "partnership": {
            name: facts["partnership_" + name]
            for name in Partnership.model_fields
            if facts["partnership_" + name] is not None
        },
        "partners": facts["partners"],
        "advice": {name: facts["advice_" + name] for name in Advice.model_fields},
    }
    skipped = {"schema_url", "partnership", "partners", "advice", *(s.value for s in Stage)}
    for name in set(LogicModel.model_fields) - skipped:
        written = facts[RENAMED_GRAPH_FIELDS.get(name, name)]
        if written is not None:
            document.setdefault(name, written)
    for node in data["nodes"]:
        stage = Stage(node["stage"])
        kind = Outcome if stage.is_outcome else Contribution
        element = {
            name: node[RENAMED_MODEL_FIELDS.get(name, name)]
            for name in kind.model_fields
            if node[RENAMED_MODEL_FIELDS.get(name, name)] is not None
        }
        document.setdefault(stage.value, []).append(element)
    return LogicModel.model_validate(document)


def model_facts(model: LogicModel) -> dict[str, Any]:
    """Return what a model says, with `by` spelt out and joint work stated, as exports say it."""
    facts = model.model_dump(mode="json", exclude={"schema_url"})
    for stage, element in model.contributions():
        index = model.stage_elements(stage).index(element)  # type: ignore[arg-type]
        facts[stage.value][index] |= {
            "by": model.partners_of(element),
            "collaborative": model.is_collaborative(element),
        }
    return facts


@pytest.mark.parametrize("index", range(len(MODELS)), ids=IDS)
def test_node_link_json_reloads_into_the_same_model_facts(
    runner: CliRunner, tmp_path: Path, index: int
) -> None:
    model = MODELS[index]
    path = export(runner, tmp_path, model_file(tmp_path, index), "json", ".json")
    data = json.loads(path.read_text("utf-8"))
    graph = nx.node_link_graph(data, edges="links")
    assert list(graph.nodes) == [e.id for _, e in model.elements()]
    assert model_facts(reload(data)) == model_facts(model)
    for node in data["nodes"]:
        assert isinstance(node["partners"], list) and isinstance(node["collaborative"], bool)
        assert node["collaborative_share"] == round(node["collaborative_share"], 4)


def test_every_field_of_the_model_is_in_every_export(runner: CliRunner, tmp_path: Path) -> None:
    """Enumerates the model's fields: a field added to the model and left out of an export fails."""
    model = HOSTILE_MODEL
    fields = {
        RENAMED_MODEL_FIELDS.get(name, name)
        for kind in (Contribution, Outcome)
        for name in kind.model_fields
    }
    rows = element_rows(model, trace(model))
    path = model_file(tmp_path, len(SAMPLES))
    data = json.loads(export(runner, tmp_path, path, "json", ".json").read_text("utf-8"))
    for node in data["nodes"]:
        assert fields <= set(node), fields - set(node)
    archive = zipfile.ZipFile(export(runner, tmp_path, path, "csv", ".zip"))
    header = next(csv.reader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
    assert fields <= set(header), fields - set(header)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = reader(export(runner, tmp_path, path, fmt, "." + fmt))
        for row in rows:
            # GraphML and GEXF leave out what an element lacks: every value it has is there.
            given = {k for k in fields if row[k] not in (None, [], "")} - {"id"}
            assert given <= set(graph.nodes[row["id"]]), (fmt, given - set(graph.nodes[row["id"]]))
    # The hostile model sets every field somewhere, so none of the above passes by being empty.
    assert {k for k in fields if any(row[k] not in (None, [], False) for row in rows)} == fields
    facts = graph_fields(model, trace(model))
    assert {"partnership_" + name for name in Partnership.model_fields} <= set(facts)
    skipped = {"schema_url", "partnership", "advice", *(s.value for s in Stage)}
    assert {RENAMED_GRAPH_FIELDS.get(n, n) for n in LogicModel.model_fields} - skipped <= set(facts)
    assert all(set(p) <= set(Partner.model_fields) for p in facts["partners"])


def test_graphml_for_yed_carries_figure1_colours_and_positions(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "model.graphml"
    result = runner.invoke(
        cli, ["export", str(FIGURE1), "--format", "graphml", "--yed", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    root = ElementTree.parse(target).getroot()
    y = "{http://www.yworks.com/xml/graphml}"
    fills = {
        node.get("id"): node.find(f".//{y}Fill").get("color")  # type: ignore[union-attr]
        for node in root.iter("{http://graphml.graphdrawing.org/xmlns}node")
    }
    assert fills["pooled-resources"] == "#F19A97" and fills["a-resources"] == "#9CD39A"
    graph = nx.read_graphml(target)
    plain = nx.read_graphml(export(runner, tmp_path, FIGURE1, "graphml", ".graphml"))
    # yEd's graphics add a position; every data attribute is the same as without them.
    for node in plain.nodes:
        assert {k: v for k, v in graph.nodes[node].items() if k not in READER_EXTRAS} == dict(
            plain.nodes[node]
        )
        assert float(graph.nodes[node]["x"]) >= 0
    gone = runner.invoke(cli, ["export", str(FIGURE1), "--format", "gexf", "--yed"])
    assert gone.exit_code != 0 and "--yed goes with --format graphml" in gone.output


def test_gexf_nodes_take_figure1_colours_and_columns(runner: CliRunner, tmp_path: Path) -> None:
    graph = nx.read_gexf(export(runner, tmp_path, FIGURE1, "gexf", ".gexf"))
    viz = {node: data["viz"] for node, data in graph.nodes(data=True)}
    colour = {node: (v["color"]["r"], v["color"]["g"], v["color"]["b"]) for node, v in viz.items()}
    assert colour["pooled-resources"] == (0xF1, 0x9A, 0x97)
    assert colour["a-resources"] == (0x9C, 0xD3, 0x9A)
    x = {node: v["position"]["x"] for node, v in viz.items()}
    # Figure 1 reads left to right, a column per stage: inputs first, ultimate outcomes last.
    model = load(FIGURE1)
    columns = [{x[e.id] for e in model.stage_elements(stage)} for stage in Stage]
    assert all(len(column) == 1 for column in columns)
    assert [column.pop() for column in columns] == sorted(
        x[e.id] for e in (model.stage_elements(stage)[0] for stage in Stage)
    )


def test_json_is_node_link_with_metadata(runner: CliRunner, tmp_path: Path) -> None:
    data = json.loads(export(runner, tmp_path, FIGURE1, "json", ".json").read_text("utf-8"))
    graph = nx.node_link_graph(data, edges="links")
    assert graph.number_of_nodes() == 32
    assert data["graph"]["title"].startswith("Illustrating collaborative gain")
    assert data["graph"]["partners"][0]["id"] == "partner-a"


@pytest.mark.needs("dot")
def test_dot_accepts_the_dot_export(runner: CliRunner, tmp_path: Path) -> None:
    for index in range(len(MODELS)):
        target = export(runner, tmp_path, model_file(tmp_path, index), "dot", ".dot")
        result = subprocess.run(["dot", "-Tsvg", str(target)], capture_output=True)
        assert result.returncode == 0, result.stderr


def test_csv_tables_in_a_zip_and_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    archive = zipfile.ZipFile(
        export(runner, tmp_path, model_file(tmp_path, len(SAMPLES)), "csv", ".zip")
    )
    assert sorted(archive.namelist()) == TABLES
    text = archive.read("elements.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    labels = {row["label"] for row in rows}
    # Formulas are defused with a leading apostrophe; everything else comes out as typed.
    assert "'" + HOSTILE[0] in labels and "'+1+2" in labels and "'@SUM(A1:A2)" in labels
    assert HOSTILE[4] in labels and HOSTILE[6] in labels
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)
    folder = tmp_path / "tables"
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "csv", "-o", str(folder)])
    assert result.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == TABLES


def test_workbook_has_fills_validations_and_no_formulas(runner: CliRunner, tmp_path: Path) -> None:
    path = export(runner, tmp_path, model_file(tmp_path, len(SAMPLES)), "xlsx", ".xlsx")
    book = openpyxl.load_workbook(path)
    assert {
        "Model",
        "Partners",
        "Costs",
        "Elements",
        "Indicators",
        "Advice",
        "Links",
        "Trace",
    } <= set(book.sheetnames)
    for sheet in book.worksheets:
        if sheet.sheet_state == "veryHidden":  # the record of the model exported: not for reading
            continue
        assert sheet.freeze_panes == "A2"
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    elements = book["Elements"]
    labels = [c.value for c in elements["C"][1:]]
    assert HOSTILE[0] in labels  # kept exactly, as text
    validations = elements.data_validations.dataValidation
    assert any("inputs" in (v.formula1 or "") for v in validations)
    assert any("Partners!" in (v.formula1 or "") for v in validations)
    red = load(FIGURE1)
    book = openpyxl.load_workbook(export(runner, tmp_path, FIGURE1, "xlsx", ".xlsx"))
    fills = {
        row[1].value: row[0].fill.start_color.rgb for row in book["Elements"].iter_rows(min_row=2)
    }
    assert fills["pooled-resources"].endswith("F19A97") and fills["a-resources"].endswith("9CD39A")
    assert red.title == book["Model"]["B2"].value


def test_import_errors_name_the_sheet_and_cell(runner: CliRunner, tmp_path: Path) -> None:
    path = export(runner, tmp_path, FIGURE1, "xlsx", ".xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Elements"]
    sheet["D3"] = "partnr-b"  # b-resources' `by`, misspelt
    book.save(path)
    target = tmp_path / "model.yaml"
    result = runner.invoke(cli, ["import", str(path), "-o", str(target)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Elements!D3: input 'b-resources': unknown partner 'partnr-b' in 'by' "
        "(did you mean 'partner-b'?)"
    )
    assert not target.exists()


def test_template_opens_and_imports_as_a_valid_model(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert runner.invoke(cli, ["template", "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book["Elements"]["A1"].value == "stage" and book["Elements"]["A2"].value == "activities"
    assert book["Elements"].data_validations.dataValidation
    target = tmp_path / "model.yaml"
    assert runner.invoke(cli, ["import", str(path), "-o", str(target)]).exit_code == 0
    assert load(target).partners[0].id == "council"


@pytest.mark.needs("node")
def test_mermaid_parses_with_mermaids_own_parser() -> None:
    # Installed by .ci/run before the tests, never while they run (it takes minutes).
    if not (MERMAID / "node_modules" / "mermaid").exists():
        missing("Mermaid's parser (cd tests/mermaid && npm install --no-package-lock)")
    for model in MODELS:
        text = generate_mermaid(model, trace(model))
        result = subprocess.run(
            ["node", "parse.mjs"],
            cwd=MERMAID,
            input=text,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (model.title, result.stderr)
        assert json.loads(result.stdout)["diagramType"].startswith("flowchart")
    broken = subprocess.run(
        ["node", "parse.mjs"],
        cwd=MERMAID,
        input="flowchart LR\n  a --> \n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert broken.returncode == 1  # the parser can fail, so passing means something


def test_an_elements_csv_imports_with_cell_named_errors(runner: CliRunner, tmp_path: Path) -> None:
    rows = [
        "stage,id,label,by,collaborative,leads_to,enhances,gain,lead,notes,source",
        "inputs,wardens,Community wardens,council,,patrols,,,,,",
        "activities,patrols,Patrols,police,,safer,,,,,",
        'activities,tasking,Joint tasking,"council, police",,safer,patrols,,,,',
        "interim,safer,Streets feel safer,,,,,'=Better targeting,,,",
    ]
    source = tmp_path / "plan.csv"
    source.write_text("\n".join(rows) + "\n", "utf-8")
    target = tmp_path / "plan.yaml"
    assert runner.invoke(cli, ["import", str(source), "-o", str(target)]).exit_code == 0
    model = load(target)
    assert model.partner_ids() == ["council", "police"]
    assert model.interim[0].gain == "=Better targeting"  # the CSV's defusing apostrophe undone
    assert model.activities[1].enhances == ["patrols"]
    source.write_text("\n".join(rows).replace(",patrols,,,,,", ",patrol,,,,,") + "\n", "utf-8")
    result = runner.invoke(cli, ["import", str(source), "-o", str(tmp_path / "bad.yaml")])
    assert result.exit_code == 2
    assert result.output.strip().startswith(
        "plan.csv!F2: input 'wardens': unknown element 'patrol'"
    )
