"""A gain only planned or expected is drawn dotted in every view, and the trace says so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pydot
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.renderers.figure1 import render
from logicmodel.renderers.graph import generate_dot
from logicmodel.renderers.html import figure1_svg
from logicmodel.renderers.themes import get_theme

CLAIMED = """\
logicmodel: 1
title: Claimed gains
partners: [{id: a, name: A}, {id: b, name: B}]
activities:
  - {id: joint, label: Joint work, by: [a, b], leads_to: [planned, shown]}
  - {id: own, label: Own work, by: a, leads_to: [planned]}
interim:
  - {id: planned, label: Planned gain, gain: Faster, evidence: planned}
  - {id: shown, label: Shown gain, evidence: verified, indicators: [{name: n, better: higher}]}
"""


def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "claimed.yaml"
    path.write_text(CLAIMED, "utf-8")
    return path


def test_figure1_draws_a_claimed_gain_dotted_and_says_so(tmp_path: Path) -> None:
    model = load(model_file(tmp_path))
    figure = render(model, trace(model))
    patches = {p.get_gid(): p for p in figure.axes[0].patches if p.get_gid()}
    assert patches["box:planned"].get_linestyle() == ":"
    assert patches["box:shown"].get_linestyle() == "-"
    legend = [t.get_text() for t in figure.axes[0].texts if "legend:claimed" in (t.get_gid() or "")]
    assert legend and "planned or expected" in legend[0]
    plain = load(Path(__file__).parent.parent / "samples" / "figure1.yaml")
    texts = render(plain, trace(plain)).axes[0].texts
    assert not [t for t in texts if "legend:claimed" in (t.get_gid() or "")]


def test_graph_and_page_draw_it_dotted(tmp_path: Path) -> None:
    model = load(model_file(tmp_path))
    traced = trace(model)
    parsed = pydot.graph_from_dot_data(generate_dot(model, traced))
    assert parsed is not None
    (graph,) = parsed
    styles = {
        node.get_name().strip('"'): (node.get("style") or "").strip('"')
        for sub in [graph, *graph.get_subgraphs()]
        for node in sub.get_nodes()
    }
    assert "dotted" in styles["planned"] and "dotted" not in styles.get("shown", "")
    svg = figure1_svg(model, traced, get_theme("classic"))
    assert 'class="el kind-split claimed"' in svg and svg.count(" claimed") == 1


def test_trace_carries_the_evidence(tmp_path: Path) -> None:
    runner = CliRunner()
    path = str(model_file(tmp_path))
    rows = json.loads(runner.invoke(cli, ["trace", path, "--format", "json"]).output)
    evidence = {row["id"]: row["evidence"] for row in rows["outcomes"]}
    assert evidence == {"planned": "planned", "shown": "verified"}
    table = runner.invoke(cli, ["trace", path]).output
    assert "evidence" in table.splitlines()[0]
    one = runner.invoke(cli, ["trace", path, "--outcome", "planned"]).output
    assert re.search(r"evidence of the gain: +planned", one)
