"""Every export that carries links carries all of them: `enhances` as well as `leads_to`.

Each export is written through the command line and read back by its real reader (networkx,
json, csv, openpyxl); the links read back must be exactly the model's, each with its kind.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.models import Contribution, LogicModel
from logicmodel.renderers.mermaid import generate_mermaid, node_ids

from .conftest import FIGURE1, ROOT

Link = tuple[str, str, str]
# Samples with `enhances` links: several from one element, and into one element from several.
LINKED = [FIGURE1, ROOT / "samples" / "inverclyde-arbd.yaml"]


def model_links(model: LogicModel) -> set[Link]:
    links = {(e.id, t, "leads_to") for _, e in model.elements() for t in e.leads_to}
    links |= {(c.id, t, "enhances") for _, c in model.contributions() for t in c.enhances}
    return links


def export(runner: CliRunner, source: Path, target: Path, fmt: str) -> Path:
    result = runner.invoke(cli, ["export", str(source), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def graph_links(graph: nx.Graph[Any]) -> set[Link]:
    assert graph.is_directed()
    return {(str(s), str(t), str(data["kind"])) for s, t, data in graph.edges(data=True)}


def read_graphml(path: Path) -> set[Link]:
    return graph_links(nx.read_graphml(path))


def read_gexf(path: Path) -> set[Link]:
    return graph_links(nx.read_gexf(path))


def read_json(path: Path) -> set[Link]:
    data = json.loads(path.read_text("utf-8"))
    from_rows = {(r["source"], r["target"], r["kind"]) for r in data["links"]}
    assert len(from_rows) == len(data["links"])
    assert from_rows == graph_links(nx.node_link_graph(data, edges="links"))
    return from_rows


def csv_links(text: str) -> set[Link]:
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == ["source", "target", "kind"]
    rows = [(r["source"], r["target"], r["kind"]) for r in reader]
    assert len(set(rows)) == len(rows)
    return set(rows)


def read_zip(path: Path) -> set[Link]:
    with zipfile.ZipFile(path) as archive:
        return csv_links(archive.read("links.csv").decode("utf-8-sig"))


def read_xlsx(path: Path) -> set[Link]:
    sheet = openpyxl.load_workbook(path)["Links"]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows[0][:3] == ("source", "target", "kind")  # then what each link rests on
    assert len(set(rows[1:])) == len(rows) - 1
    return {(str(s), str(t), str(k)) for s, t, k, *_ in rows[1:]}


READERS: dict[str, tuple[str, Callable[[Path], set[Link]]]] = {
    "graphml": (".graphml", read_graphml),
    "gexf": (".gexf", read_gexf),
    "json": (".json", read_json),
    "csv": (".zip", read_zip),
    "xlsx": (".xlsx", read_xlsx),
}


@pytest.mark.parametrize("sample", LINKED, ids=[p.stem for p in LINKED])
@pytest.mark.parametrize("fmt", sorted(READERS))
def test_export_carries_every_link_with_its_kind(
    runner: CliRunner, tmp_path: Path, fmt: str, sample: Path
) -> None:
    suffix, reader = READERS[fmt]
    model = load(sample)
    expected = model_links(model)
    assert {kind for _, _, kind in expected} == {"leads_to", "enhances"}
    links = reader(export(runner, sample, tmp_path / f"out{suffix}", fmt))
    assert links == expected


def test_csv_folder_carries_the_enhances_links(runner: CliRunner, tmp_path: Path) -> None:
    folder = export(runner, FIGURE1, tmp_path / "tables", "csv")
    text = (folder / "links.csv").read_text("utf-8-sig")
    assert csv_links(text) == model_links(load(FIGURE1))


def test_enhances_links_come_after_the_leads_to_of_the_same_element_in_file_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    # The tables list links element by element, in file order, so a reader can follow them.
    model = load(FIGURE1)
    folder = export(runner, FIGURE1, tmp_path / "tables", "csv")
    rows = list(csv.DictReader(io.StringIO((folder / "links.csv").read_text("utf-8-sig"))))
    order = [element.id for _, element in model.elements()]
    sources = [order.index(row["source"]) for row in rows]
    assert sources == sorted(sources)


def test_mermaid_draws_enhances_links_dashed_and_leads_to_links_solid() -> None:
    model = load(FIGURE1)
    text = generate_mermaid(model, trace(model))
    back = {ident: element for element, ident in node_ids(model).items()}
    solid = re.findall(r"^  (\S+) --> (\S+)$", text, re.MULTILINE)
    dashed = re.findall(r"^  (\S+) -\. enhances \.-> (\S+)$", text, re.MULTILINE)
    links = {(back[s], back[t], "leads_to") for s, t in solid}
    links |= {(back[s], back[t], "enhances") for s, t in dashed}
    assert len(solid) + len(dashed) == len(links)
    assert links == model_links(model)
    assert any(isinstance(e, Contribution) and e.enhances for _, e in model.elements())
