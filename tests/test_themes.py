"""Themes (issue 35): an element's heading carried by every export and the workbook, kept
together on a band in Figure 1 and the page, and a filter of `trace` and `compare`."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.renderers.html import figure1_svg
from logicmodel.renderers.layout import layout
from logicmodel.renderers.theme_bands import bands, runs
from logicmodel.renderers.themes import get_theme

from .test_editor import editing, open_editor, saved, select

if TYPE_CHECKING:
    from playwright.sync_api import Page

THEMED = Path(__file__).parent / "themes" / "themed.yaml"
MODEL = load(THEMED)
THEMES = {element.id: element.theme for _, element in MODEL.elements()}


def _export(tmp_path: Path, fmt: str, suffix: str) -> Path:
    target = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(cli, ["export", str(THEMED), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_every_export_carries_each_elements_theme(tmp_path: Path) -> None:
    nodes = json.loads(_export(tmp_path, "json", ".json").read_text("utf-8"))["nodes"]
    assert {node["id"]: node["theme"] for node in nodes} == THEMES
    archive = zipfile.ZipFile(_export(tmp_path, "csv", ".zip"))
    rows = csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig")))
    assert {row["id"]: row["theme"] or None for row in rows} == THEMES
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = reader(_export(tmp_path, fmt, "." + fmt))
        assert {key: graph.nodes[key].get("theme") for key in graph.nodes} == THEMES, fmt


def test_the_workbook_carries_themes_and_targets_back(tmp_path: Path) -> None:
    text = THEMED.read_text("utf-8").replace(
        "theme: Population, leads_to: [retain]}\n  - {id: young-stay",
        "theme: Population, leads_to: [retain], indicators: [{name: Active, target: 80, "
        "target_period: 2016, benchmark: {name: Region, rule: within, margin: 2, "
        "actuals: {2010: 75}}}]}\n  - {id: young-stay",
    )
    source = tmp_path / "m.yaml"
    source.write_text(text, "utf-8")
    book = tmp_path / "m.xlsx"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["export", str(source), "--format", "xlsx", "-o", str(book)]).exit_code
        == 0
    )
    back = tmp_path / "back.yaml"
    result = runner.invoke(cli, ["import", str(book), "-o", str(back)])
    assert result.exit_code == 0, result.output
    model = load(back)
    assert {e.id: e.theme for _, e in model.elements()} == THEMES
    indicator = next(e for _, e in model.elements() if e.id == "active").indicators[0]
    assert indicator.target == 80 and indicator.benchmark is not None
    assert (indicator.benchmark.rule.value, indicator.benchmark.margin) == ("within", 2)
    assert indicator.benchmark.actuals == {"2010": 75}


def test_set_gives_and_removes_a_theme(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(THEMED.read_text("utf-8"), "utf-8")
    runner = CliRunner()
    done = runner.invoke(cli, ["set", str(path), "exports", "theme", "Trade"])
    assert done.exit_code == 0, done.output
    assert next(e for _, e in load(path).elements() if e.id == "exports").theme == "Trade"
    done = runner.invoke(cli, ["set", str(path), "exports", "theme", "--unset"])
    assert done.exit_code == 0, done.output
    assert next(e for _, e in load(path).elements() if e.id == "exports").theme is None


def test_trace_and_compare_keep_only_one_themes_outcomes() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["trace", str(THEMED), "--only-theme", "POPULATION", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = data if isinstance(data, list) else data["outcomes"]
    assert sorted(row["id"] for row in rows) == ["active", "retain", "young-stay"]
    result = runner.invoke(
        cli, ["compare", str(THEMED), "--only-theme", "Productivity", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["models"]
    assert (row["outcomes"], row["single_agency"], row["collaborative_gain"]) == (2, 1, 1)
    refused = runner.invoke(cli, ["trace", str(THEMED), "--only-theme", "Health"])
    assert refused.exit_code != 0
    assert "no outcome has the theme 'Health'" in refused.output and "'Growth'" in refused.output


@pytest.mark.parametrize(("theme", "sweeps"), [("classic", 8), ("classic", 0), ("projector", 8)])
def test_a_themes_boxes_are_contiguous_in_their_column_and_inside_its_band(
    theme: str, sweeps: int
) -> None:
    chosen = get_theme(theme)
    # With no sweeps the file's order stands, where Growth is broken by Population.
    placed = layout(MODEL, trace(MODEL), chosen, sweeps=sweeps)
    columns: dict[float, list[str]] = {}
    for box in sorted(placed.boxes.values(), key=lambda b: b.y):
        columns.setdefault(box.x, []).append(box.id)
    for column in columns.values():
        themes = [THEMES[key] for key in column if THEMES[key] is not None]
        # Each theme is one run: once left, never met again further down.
        seen: list[str | None] = []
        for name in [THEMES[key] for key in column]:
            if not seen or seen[-1] != name:
                assert name is None or name not in seen, (column, name)
                seen.append(name)
        assert len(themes) == sum(1 for key in column if THEMES[key])
    found = bands(placed, chosen.font_size)
    assert sorted(b.theme for b in found) == [
        "Growth",
        "Population",
        "Population",
        "Productivity",
        "Skills",
    ]
    for band in found:
        heading_bottom = band.y + band.heading.height()
        for key in band.boxes:
            box = placed.boxes[key]
            assert band.x < box.x and box.x + box.width < band.x + band.width
            assert heading_bottom < box.y and box.y + box.height < band.y + band.height
        # No other box reaches into a band.
        for box in placed.boxes.values():
            if (
                box.id not in band.boxes
                and band.x < box.x + box.width
                and box.x < band.x + band.width
            ):
                assert box.y + box.height <= band.y or box.y >= band.y + band.height, (band, box.id)


def test_runs_split_a_theme_broken_by_another() -> None:
    boxes = layout(MODEL, trace(MODEL), get_theme("classic")).boxes
    cell = [boxes["active"], boxes["skills-up"], boxes["young-stay"]]
    assert [[b.id for b in run] for run in runs(cell)] == [
        ["active"],
        ["skills-up"],
        ["young-stay"],
    ]


def test_the_page_draws_the_same_bands_with_their_headings() -> None:
    svg = figure1_svg(MODEL, trace(MODEL), get_theme("classic"))
    assert svg.count('class="theme-band"') == 5
    for name in ("Population", "Skills", "Growth", "Productivity"):
        assert f'data-theme="{name}"' in svg and f">{name}</tspan>" in svg


def test_the_editors_element_form_gives_and_removes_a_theme(page: Page, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(THEMED.read_text("utf-8"), "utf-8")
    with editing(path) as server:
        open_editor(page, server)
        select(page, "exports")
        assert page.input_value("#lm-panel form.edit input[name=theme]") == "Growth"
        page.fill("#lm-panel form.edit input[name=theme]", "Trade")
        saved(page, lambda: page.click("#lm-panel button[name=save-theme]"))
        assert next(e for _, e in load(path).elements() if e.id == "exports").theme == "Trade"
        assert 'data-theme="Trade"' in page.content()
        select(page, "exports")
        page.fill("#lm-panel form.edit input[name=theme]", "")
        saved(page, lambda: page.click("#lm-panel button[name=save-theme]"))
        assert next(e for _, e in load(path).elements() if e.id == "exports").theme is None


def test_mermaid_puts_each_themes_elements_in_a_subgraph_headed_with_it(tmp_path: Path) -> None:
    text = _export(tmp_path, "mermaid", ".mmd").read_text("utf-8")
    assert '    subgraph intermediate_theme1["Growth"]\n      n4_start_ups[' in text
    growth = text.split('intermediate_theme1["Growth"]')[1].split("    end")[0]
    assert "n7_exports" in growth and "n5_active" not in growth
