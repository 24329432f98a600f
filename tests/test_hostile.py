"""The hostile-input corpus (issue 21): what the loader accepts renders in every view and export,
each read back by its real reader; what it refuses is one located line; any shape traces."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.analysis import tracing
from logicmodel.cli import cli
from logicmodel.fileformat.loading import loads
from logicmodel.renderers.text import text_width, wrap
from logicmodel.status import ExitStatus

HOSTILE = Path(__file__).parent / "hostile"
EVERYTHING = HOSTILE / "everything.yaml"
BIDI_OVERRIDE = "\u202e"

# file -> (line, a fragment the one message must hold)
REFUSED = {
    "c1-control.yaml": (7, "control character U+009B"),
    "cyrillic-element.yaml": (
        7,
        "unknown element 'sаfer' in 'leads_to' (it looks like 'safer' but is spelt with "
        "lookalike letters: 'а' (CYRILLIC SMALL LETTER A))",
    ),
    "cyrillic-partner.yaml": (7, "unknown partner 'pоlice' in 'by' (it looks like 'police'"),
    "fullwidth-duplicate.yaml": (10, "duplicate id 'safer'"),
    "huge-integer.json": (7, "must be a finite number"),
    "huge-integer.yaml": (12, "must be a finite number"),
    "infinity.json": (8, "must be a finite number"),
    "nan.json": (5, "NaN: it must be a finite number"),
}


def refusal(runner: CliRunner, path: Path) -> str:
    """Return the one line `check` prints for a refused file, having checked status and place."""
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == ExitStatus.INVALID, result.output
    (line,) = result.output.splitlines()
    return line


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_input_is_one_located_line(runner: CliRunner, name: str) -> None:
    line_number, fragment = REFUSED[name]
    line = refusal(runner, HOSTILE / name)
    assert line.startswith(f"{HOSTILE / name}:{line_number}:"), line
    assert fragment in line


def model_text(**extra: Any) -> dict[str, Any]:
    """Return a small valid model as plain data, with fields replaced."""
    data: dict[str, Any] = {
        "logicmodel": 1,
        "title": "Hostile",
        "partners": [{"id": "council", "name": "Council"}, {"id": "police", "name": "Police"}],
        "inputs": [
            {"id": "staff", "label": "Staff", "by": "council", "leads_to": ["safer"]},
            {"id": "pool", "label": "Pool", "by": ["council", "police"], "leads_to": ["safer"]},
        ],
        "interim": [{"id": "safer", "label": "Safer streets"}],
    }
    data.update(extra)
    return data


def test_text_beyond_the_limit_is_refused_where_it_is(runner: CliRunner, tmp_path: Path) -> None:
    data = model_text()
    data["interim"][0]["label"] = "w" * 10_001
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, indent=1), "utf-8")
    line = refusal(runner, path)
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: text of 10,001 characters", line)


def test_a_by_list_beyond_the_limit_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    data = model_text()
    data["inputs"][1]["by"] = ["council", "police"] * 5_000
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), "utf-8")
    assert "a list of 10,000 items: at most 1,000" in refusal(runner, path)


def test_alias_expanding_to_gigabytes_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    # 9,000 characters, repeated 1,500 times by alias: a small file, 13.5 MB of text.
    lines = [
        "logicmodel: 1",
        "title: &big " + "x" * 9_000,
        "partners: [{id: a, name: A}]",
        "inputs: [{id: i, label: I, by: a, leads_to: [o]}]",
        "interim:",
        "  - id: o",
        "    label: O",
        "    notes: [" + ", ".join(["*big"] * 1_500) + "]",
    ]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert path.stat().st_size < 20_000
    line = refusal(runner, path)
    assert line.startswith(f"{path}:8:")
    assert "more than 10,000,000 characters of text" in line


def test_lookalike_ids_are_warned_about(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(HOSTILE / "lookalike-ids.yaml")])
    assert result.exit_code == ExitStatus.OK
    (warning,) = [line for line in result.output.splitlines() if "LM126" in line]
    assert warning.startswith(f"{HOSTILE / 'lookalike-ids.yaml'}:11:")
    assert "'sаfer' looks the same as 'safer'" in warning


@pytest.mark.parametrize("command", [["trace"], ["whatif", "--without", "police"]])
def test_a_draft_without_outcomes_has_nothing_to_trace(
    runner: CliRunner, command: list[str]
) -> None:
    path = HOSTILE / "no-outcomes.yaml"
    result = runner.invoke(cli, [*command, str(path)])
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.splitlines() == [
        f"{path}: no outcomes to trace yet: add one, e.g. logicmodel add {path} ultimate "
        "--id ID --label TEXT"
    ]


# ---------------------------------------------------------------- terminal and Markdown


@pytest.mark.parametrize(
    "command",
    [
        ["trace"],
        ["trace", "--outcome", "legend_unsupported"],
        ["whatif", "--without", "node"],
        ["gain"],
    ],
)
def test_terminal_output_shows_controls_escaped(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, str(EVERYTHING)])
    assert result.exit_code == ExitStatus.OK, result.output
    assert BIDI_OVERRIDE not in result.output and "\u200f" not in result.output
    assert "\\u202e" in result.output or "\\u200f" in result.output


def test_errors_show_a_file_name_with_escapes_inert(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["trace", str(tmp_path / "\x1b[2Jgone.yaml")])
    assert "\x1b" not in result.stderr and "\\x1b[2Jgone.yaml: " in result.stderr


def test_markdown_output_is_read_as_text_by_a_markdown_reader(runner: CliRunner) -> None:
    from markdown_it import MarkdownIt

    reader = MarkdownIt("commonmark").enable("table")  # raw HTML passes, as in most viewers
    for command in (["trace"], ["whatif", "--without", "node"], ["gain"]):
        result = runner.invoke(cli, [*command, str(EVERYTHING), "--format", "markdown"])
        assert result.exit_code == ExitStatus.OK, result.output
        page = reader.render(result.output)
        assert "<img" not in page and "<b>" not in page and "<script" not in page
        assert "<em>" not in page and "<code>" not in page and "<a " not in page
        for table in re.findall(r"<table>.*?</table>", page, re.S):
            widths = {row.count("<th") + row.count("<td") for row in table.split("<tr>")[1:]}
            assert len(widths) == 1, "a | in a cell split it"
    result = runner.invoke(cli, ["trace", str(EVERYTHING), "--format", "markdown"])
    assert "&lt;img src=x onerror=alert(1)&gt; | `tick` *b*" in reader.render(result.output)


# ---------------------------------------------------------------- every view and export


def strict_json(text: str) -> Any:
    """Return JSON parsed as the standard has it: NaN and Infinity are errors."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.needs("dot")
@pytest.mark.parametrize(
    ("view", "suffix"),
    [
        ("figure1", ".svg"),
        ("figure1", ".png"),
        ("graph", ".svg"),
        ("graph", ".dot"),
        ("gain", ".svg"),
        ("html", ".html"),
    ],
)
def test_every_view_of_the_corpus_reads_back(
    runner: CliRunner, tmp_path: Path, view: str, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    result = runner.invoke(cli, ["render", str(EVERYTHING), "--view", view, "-o", str(target)])
    assert result.exit_code == ExitStatus.OK, result.output
    if suffix == ".svg":
        ElementTree.fromstring(target.read_bytes())
    elif suffix == ".png":
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    elif suffix == ".dot":
        dot_reads(target.read_text("utf-8"))
    else:
        page = target.read_text("utf-8")
        (block,) = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
        strict_json(block)
        assert "<img src=x" not in page.replace(block, "")


def dot_reads(text: str) -> None:
    """Check DOT text with both of its readers: Graphviz's `dot`, and pydot."""
    import pydot

    laid_out = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True)
    assert laid_out.returncode == 0, laid_out.stderr.decode()
    ElementTree.fromstring(laid_out.stdout)
    graphs = pydot.graph_from_dot_data(text)
    assert graphs is not None and [g.get_name() for g in graphs] == ["logicmodel"]


@pytest.mark.needs("dot")
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "dot", "mermaid", "csv", "xlsx"])
def test_every_export_of_the_corpus_reads_back(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    suffix = {"json": ".json", "csv": ".zip", "mermaid": ".mmd"}.get(fmt, f".{fmt}")
    target = tmp_path / f"out{suffix}"
    command = ["export", str(EVERYTHING), "--format", fmt, "-o", str(target)]
    result = runner.invoke(cli, command)
    assert result.exit_code == ExitStatus.OK, result.output
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(target)
        assert {"legend_red", "legend_split", "graph", "subgraph"} <= set(graph.nodes)
    elif fmt == "json":
        data = strict_json(target.read_text("utf-8"))
        labels = {node["id"]: node["label"] for node in data["nodes"]}
        assert labels["subgraph"].startswith("digraph { a -> b } \\N \\G")
    elif fmt == "dot":
        dot_reads(target.read_text("utf-8"))
    elif fmt == "csv":
        with zipfile.ZipFile(target) as archive:
            for name in archive.namelist():
                rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
                assert rows
    elif fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(target)
        cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
        assert any(isinstance(v, str) and v.startswith("<img src=x") for v in cells)
    else:
        assert "<img" not in target.read_text("utf-8")


@pytest.mark.needs("dot")
def test_graph_view_keeps_its_legend_and_the_elements_named_like_it() -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.graph import generate_dot

    model = loads(EVERYTHING.read_text("utf-8"), name=str(EVERYTHING))
    text = generate_dot(model, trace(model))
    laid_out = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True)
    svg = laid_out.stdout.decode()
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    # The four legend keys, and the elements whose ids are the legend's old names.
    assert titles.count("legend_green") == 0  # a partner id only: no element, no node
    assert "legend_red" in titles and "legend_split" in titles and "legend_unsupported" in titles
    assert {"_legend_green", "_legend_red", "_legend_split", "_legend_unsupported"} <= set(titles)
    assert svg.count(">Single&#45;agency<") == 1


@pytest.mark.needs("dot")
def test_a_partner_name_ending_in_a_backslash_and_many_partners_give_valid_dot(
    tmp_path: Path,
) -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.graph import generate_dot

    partners = [{"id": f"p{i}", "name": f"Partner {i}\\"} for i in range(10_000)]
    data = model_text(partners=partners)
    data["inputs"][0]["by"] = "p0"
    data["inputs"][1]["by"] = "all"
    model = loads(json.dumps(data), name="many.json")
    text = generate_dot(model, trace(model))
    dot_reads(text)
    (tooltip,) = re.findall(r'tooltip="(input: Partner 0[^"]*, Partner 1[^"]*)"', text)
    assert tooltip.endswith("…") and len(tooltip) <= 1_100  # doubled backslashes count too


# ---------------------------------------------------------------- long words and deep models


def test_a_long_word_wraps_into_lines_that_fit() -> None:
    word = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    lines = wrap(word, 1.6, 9.0)
    assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] == word
    assert all(text_width(line, 9.0) <= 1.6 for line in lines)
    assert all(line.endswith("-") for line in lines[:-1])


def ladder(steps: int) -> dict[str, Any]:
    """Return a model whose path counts double at every step: 2^steps paths to the end."""

    def following(index: int) -> list[str]:
        return [f"own-{index + 1}", f"joint-{index + 1}"] if index + 1 < steps else ["end"]

    activities = []
    for index in range(steps):
        activities.append(
            {"id": f"own-{index}", "label": "Own", "by": "council", "leads_to": following(index)}
        )
        activities.append(
            {
                "id": f"joint-{index}",
                "label": "Joint",
                "by": ["council", "police"],
                "leads_to": following(index),
            }
        )
    data = model_text(activities=activities, ultimate=[{"id": "end", "label": "End"}])
    del data["inputs"], data["interim"]
    return data


def test_a_deep_ladder_traces_and_exports(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ladder.json"
    path.write_text(json.dumps(ladder(10_500)), "utf-8")  # 21,001 elements, 2^10500 paths
    result = runner.invoke(cli, ["trace", str(path), "--format", "csv"])
    assert result.exit_code == ExitStatus.OK, result.output
    (row,) = csv.DictReader(io.StringIO(result.output))
    assert row["paths"] == tracing.approximate(10_500 * math.log10(2)) == "≈6.53e+3160"
    assert row["collaborative_share"] == "1.0" and row["collaborative_share_exact"] == ""
    described = runner.invoke(cli, ["trace", str(path), "--outcome", "end"])
    assert "100% of ≈6.53e+3160 supporting paths" in described.output
    target = tmp_path / "tables.zip"
    exported = runner.invoke(cli, ["export", str(path), "--format", "csv", "-o", str(target)])
    assert exported.exit_code == ExitStatus.OK, exported.output
    graph = tmp_path / "ladder.graph.json"
    exported = runner.invoke(cli, ["export", str(path), "--format", "json", "-o", str(graph)])
    assert exported.exit_code == ExitStatus.OK, exported.output
    (end,) = (n for n in json.loads(graph.read_text("utf-8"))["nodes"] if n["id"] == "end")
    # Too many paths to count: no exact count or fraction, but the logarithm is kept.
    assert (end["paths"], end["collaborative_share_exact"]) == (None, "")
    assert end["paths_log10"] == pytest.approx(10_500 * math.log10(2), abs=1e-3)


def random_model(seed: int) -> dict[str, Any]:
    """Return a small random valid model with joint work, enhances links and several levels."""
    import random

    rng = random.Random(seed)
    activities = []
    for index in range(30):
        later = [f"a{j}" for j in range(index + 1, 30) if rng.random() < 0.15]
        outcomes = [f"o{j}" for j in range(5) if rng.random() < 0.1]
        joint = rng.random() < 0.3
        activity: dict[str, Any] = {
            "id": f"a{index}",
            "label": "A",
            "by": ["council", "police"] if joint else rng.choice(["council", "police"]),
            "leads_to": later + outcomes,
        }
        activities.append(activity)
    for index, activity in enumerate(activities):
        if isinstance(activity["by"], list):
            greens = [
                a["id"]
                for a in activities[index + 1 :]
                if not isinstance(a["by"], list) and a["id"] not in activity["leads_to"]
            ]
            if greens and rng.random() < 0.5:
                activity["enhances"] = [rng.choice(greens)]
    data = model_text(
        activities=activities, interim=[{"id": f"o{j}", "label": "O"} for j in range(5)]
    )
    del data["inputs"]
    return data


@pytest.mark.parametrize("seed", range(8))
def test_shares_from_logarithms_match_exact_shares(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    model = loads(json.dumps(random_model(seed)), name="random.json")
    exact = tracing.trace(model)
    monkeypatch.setattr(tracing, "EXACT_LIMIT", 2)  # every count past 1 as a logarithm
    approximate = tracing.trace(model)
    for node, share in exact.shares.items():
        assert float(approximate.shares[node]) == pytest.approx(float(share), rel=1e-9, abs=1e-12)
        assert (approximate.shares[node] == 0) == (share == 0)
        assert (approximate.shares[node] == 1) == (share == 1)
    for node, outcome in exact.outcomes.items():
        other = approximate.outcomes[node]
        if outcome.paths:
            assert 10**other.paths_log10 == pytest.approx(outcome.paths, rel=1e-9)
