"""Exports: every format opens in its real reader, round trips lose nothing, labels stay inert."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.io import dump_yaml, load, loads
from logicmodel.renderers.export_fields import ELEMENT_FIELDS, element_rows
from logicmodel.renderers.mermaid import generate_mermaid
from logicmodel.tracing import trace

from .conftest import FIGURE1, ROOT, SAMPLES

MERMAID = ROOT / "tests" / "mermaid"
HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+1+2",
    "-cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    'Quote " comma , and newline\nsecond line',
    "<script>alert('x')</script> & #hash; `tick` [x] {y} (z) |pipe| end",
    "Sràidean nas sàbhailte – Comhairle Inbhir Chluaidh",
]


def hostile_model_text() -> str:
    lines = [
        "logicmodel: 1",
        "title: Hostile labels",
        "partners: [{id: a, name: '=CMD()'}, {id: b, name: B}]",
        "activities:",
    ]
    for index, label in enumerate(HOSTILE):
        lines.append(
            f"  - id: act-{index}\n    label: {json.dumps(label)}\n    by: [a, b]\n"
            f"    leads_to: [end-{index}]"
        )
    lines.append("interim:")
    for index, label in enumerate(HOSTILE):
        lines.append(
            f"  - id: end-{index}\n    label: {json.dumps(label)}\n    gain: {json.dumps(label)}"
        )
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
    assert set(graph.nodes) == set(rows)
    for node, row in rows.items():
        for field in ELEMENT_FIELDS[1:]:
            assert graph.nodes[node][field] == row[field], (node, field)
    links = {(e.id, t) for _, e in model.elements() for t in e.leads_to}
    assert links <= set(graph.edges)
    kinds = {(s, t): k for s, t, k in graph.edges(data="kind")}
    assert all(kinds[link] == "leads_to" for link in links)


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
    assert sorted(archive.namelist()) == ["elements.csv", "links.csv", "trace.csv"]
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
    assert sorted(p.name for p in folder.iterdir()) == ["elements.csv", "links.csv", "trace.csv"]


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
    if not (MERMAID / "node_modules" / "mermaid").exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed")
        subprocess.run(
            ["npm", "install", "--no-package-lock", "--no-audit", "--no-fund", "--silent"],
            cwd=MERMAID,
            check=True,
            timeout=600,
        )
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
