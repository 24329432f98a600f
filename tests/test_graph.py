"""The graph view: DOT built apart from `dot`, golden files compared by meaning, escaping."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pydot
import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load, loads
from logicmodel.models import LogicModel
from logicmodel.renderers.graph import generate_dot
from logicmodel.renderers.options import GraphOptions
from logicmodel.status import ExitStatus
from scripts.regenerate_golden import GOLDEN, golden_dot

from .conftest import FIGURE1, ROOT, SAMPLES

# Attributes that carry meaning: what a box is and how it is coloured; what a link is.
NODE_KEYS = ("label", "fillcolor", "color", "style", "class", "penwidth", "xlabel", "peripheries")
EDGE_KEYS = ("color", "style", "arrowhead")

HOSTILE = [
    'He said "hello" and left',
    "back\\slash and \\n not a newline",
    "{braces} and [brackets] and <angle> & ampersand",
    "<script>alert('x')</script>",
    'label="injected"]; evil [shape=star',
    "Sràidean nas sàbhailte – Comhairle Inbhir Chluaidh, Ærø, Łódź",
    "line one\nline two",
    "A very long label " * 12,
]


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value


def meaning(
    dot_text: str,
) -> tuple[dict[str, dict[str, str]], set[tuple[str, str, tuple[str, ...]]]]:
    """Return the nodes and edges of DOT text with the attributes that carry meaning."""
    graphs = pydot.graph_from_dot_data(dot_text)
    assert graphs is not None, "DOT that pydot cannot parse"
    (graph,) = graphs
    nodes: dict[str, dict[str, str]] = {}
    edges: set[tuple[str, str, tuple[str, ...]]] = set()

    def walk(g: pydot.Graph) -> None:
        for node in g.get_nodes():
            name = node.get_name().strip('"')
            if name in ("node", "edge", "graph"):
                continue
            attrs = {
                k: _unquote(str(v)) for k, v in node.get_attributes().items() if k in NODE_KEYS
            }
            nodes.setdefault(name, {}).update(attrs)
        for edge in g.get_edges():
            attrs = edge.get_attributes()
            edges.add(
                (
                    str(edge.get_source()).strip('"'),
                    str(edge.get_destination()).strip('"'),
                    tuple(_unquote(str(attrs.get(k, ""))) for k in EDGE_KEYS),
                )
            )
        for sub in g.get_subgraphs():
            walk(sub)

    walk(graph)
    return nodes, edges


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_dot_matches_its_golden_file_by_meaning(sample: Path) -> None:
    golden = GOLDEN / "dot" / f"{sample.stem}.dot"
    assert golden.exists(), "run scripts/regenerate_golden.py and review the new file"
    assert meaning(golden_dot(sample)) == meaning(golden.read_text("utf-8"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_collaborative_boxes_differ_by_more_than_colour(sample: Path) -> None:
    """In the graph view, collaborative boxes have a double outline and a collaborative gain
    is striped, so a greyscale print or a colour-blind reader still tells them apart."""
    model = load(sample)
    nodes, _ = meaning(generate_dot(model, trace(model)))
    for name, attrs in nodes.items():
        kind = attrs.get("class", "").rpartition(" ")[2]
        if name.startswith("_legend") or kind not in ("red", "green", "split"):
            continue
        assert (attrs.get("peripheries") == "2") == (kind == "red"), name
        if kind == "split":
            assert "striped" in attrs["style"], name


def test_every_element_and_link_is_in_the_dot() -> None:
    model = load(FIGURE1)
    nodes, edges = meaning(generate_dot(model, trace(model)))
    ids = {e.id for _, e in model.elements()}
    assert ids <= set(nodes)
    links = {(e.id, t) for _, e in model.elements() for t in e.leads_to}
    assert links <= {(s, d) for s, d, _ in edges}
    enhances = {
        (s, d) for s, d, (_, style, head) in edges if style == "dashed" and head == "diamond"
    }
    assert ("joint-diagnosis", "a-services") in enhances
    assert nodes["better-targeting"]["style"] == "striped"
    assert nodes["trust"]["class"] == "interim red"


def hostile_model() -> str:
    lines = [
        "logicmodel: 1",
        f"title: {HOSTILE[4]!r}",
        "partners: [{id: a, name: 'A \"quoted\" <partner>'}, {id: b, name: B}]",
        "activities:",
    ]
    for index, label in enumerate(HOSTILE):
        quoted = label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        by = "[a, b]" if index % 2 else "a"
        lines.append(
            f'  - {{id: act-{index}, label: "{quoted}", by: {by}, leads_to: [out-{index}]}}'
        )
    lines.append("interim:")
    for index, label in enumerate(HOSTILE):
        quoted = label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lines.append(f'  - {{id: out-{index}, label: "{quoted}", gain: "{quoted}"}}')
    return "\n".join(lines)


def test_hostile_labels_cannot_inject_dot() -> None:
    model = loads(hostile_model(), name="hostile.yaml")
    for options in (
        GraphOptions(),
        GraphOptions(clusters=True),
        GraphOptions(trace_outcome="out-4"),
    ):
        nodes, _ = meaning(generate_dot(model, trace(model), options))
        element_nodes = {n for n in nodes if not n.startswith("_legend_")}
        assert element_nodes == {e.id for _, e in model.elements()}
        assert not any("shape" in attrs for attrs in nodes.values())


@pytest.mark.needs("dot")
def test_dot_accepts_every_sample_and_hostile_labels_come_out_as_typed(tmp_path: Path) -> None:
    cases = [load(sample) for sample in SAMPLES] + [loads(hostile_model(), name="hostile.yaml")]
    for model in cases:
        result = trace(model)
        outcome = next(iter(result.outcomes))
        partner = model.partner_ids()[0]
        for options in (
            GraphOptions(),
            GraphOptions(clusters=True, theme="print"),
            GraphOptions(trace_outcome=outcome, theme="colourblind"),
            GraphOptions(partner=partner, theme="projector"),
        ):
            run = subprocess.run(
                ["dot", "-Tsvg"],
                input=generate_dot(model, result, options).encode(),
                capture_output=True,
            )
            assert run.returncode == 0, run.stderr.decode()
            assert b"Error" not in run.stderr
    svg = ET.fromstring(run_dot_svg(cases[-1]))
    drawn = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    squashed = "".join(drawn.split())
    for label in HOSTILE[:6]:
        assert "".join(label.split()) in squashed, label


def run_dot_svg(model: LogicModel) -> bytes:
    result = trace(model)
    run = subprocess.run(
        ["dot", "-Tsvg"], input=generate_dot(model, result).encode(), capture_output=True
    )
    return run.stdout


def test_trace_lights_up_what_feeds_and_marks_critical_elements() -> None:
    model = load(FIGURE1)
    nodes, _ = meaning(generate_dot(model, trace(model), GraphOptions(trace_outcome="trust")))
    assert nodes["shared-intelligence"]["xlabel"] == "<<B>critical</B>>"
    assert nodes["pooled-resources"]["penwidth"] == "3.5"
    # What does not feed the outcome is faded (an alpha on its colours); what does is not.
    assert nodes["core-standards"]["fillcolor"].endswith("33")
    assert not nodes["shared-intelligence"]["fillcolor"].endswith("33")


def test_partner_shows_only_its_contributions_and_what_they_feed() -> None:
    model = load(FIGURE1)
    nodes, _ = meaning(generate_dot(model, trace(model), GraphOptions(partner="partner-b")))
    shown = {n for n in nodes if not n.startswith("legend_")}
    assert "b-statutory" in shown and "partner-b-long-term" in shown and "pooled-resources" in shown
    # Joint work B takes part in counts as B's, with what it enhances; others' own inputs do not.
    assert "a-resources" not in shown and "c-resources" not in shown


@pytest.mark.needs("dot")
@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".dot"])
def test_render_graph_writes_each_format(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"graph{suffix}"
    result = CliRunner().invoke(
        cli, ["render", str(FIGURE1), "--view", "graph", "--clusters", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    magic = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF", ".dot": b"digraph"}[suffix]
    assert target.read_bytes().startswith(magic)


def render_graph_without_dot(target: Path) -> subprocess.CompletedProcess[str]:
    """Run `render --view graph` with a PATH that holds only the virtual environment."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    command = [sys.executable, "-m", "logicmodel", "render", str(FIGURE1), "--view", "graph"]
    return subprocess.run([*command, "-o", str(target)], capture_output=True, text=True, env=env)


def test_missing_dot_is_a_one_line_error_naming_the_way_out(tmp_path: Path) -> None:
    target = tmp_path / "graph.svg"
    result = render_graph_without_dot(target)
    assert result.returncode == ExitStatus.UNREADABLE  # a program missing, like a file
    (line,) = result.stderr.strip().splitlines()
    assert "apt-get install graphviz" in line and "--view figure1" in line
    assert not target.exists()
    dot_only = render_graph_without_dot(tmp_path / "g.dot")
    assert dot_only.returncode == 0


def test_graph_options_need_the_graph_view(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render", str(FIGURE1), "--trace", "trust"])
    assert result.exit_code == ExitStatus.USAGE
    assert "--view graph" in result.output
    wrong = runner.invoke(
        cli, ["render", str(FIGURE1), "--view", "graph", "--trace", "trst", "-o", "x.dot"]
    )
    assert wrong.exit_code == ExitStatus.USAGE and "did you mean 'trust'?" in wrong.output
    assert ROOT.exists()
