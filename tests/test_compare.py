"""`logicmodel compare`: one row per model that agrees with trace, whatif, gain and check;
every format read back by its reader; broken files skipped or, with --strict, fatal; the chart
read as a figure."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.patches import Rectangle

from logicmodel.analysis.advice import advise
from logicmodel.analysis.comparing import compare, compare_model, render_comparison
from logicmodel.analysis.gain import measure
from logicmodel.analysis.model_graph import build_graph, graph_records
from logicmodel.analysis.tracing import (
    Ordered,
    remove_partners,
    remove_partners_from_records,
    trace,
    trace_graph,
    trace_ordered,
    whatif,
)
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.models import TraceClass
from logicmodel.renderers.comparison import BARS_HEIGHT, chart

from .conftest import FIGURE1, ROOT, SAMPLES

CLASS_KEYS = ("single_agency", "collaborative_gain", "collaboration_only", "unsupported")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_a_row_agrees_with_trace_whatif_gain_and_check(sample: Path) -> None:
    model = load(sample)
    row = compare_model(model, str(sample))
    traced = trace(model)
    assert row["outcomes"] == len(traced.outcomes)
    for cls in TraceClass:
        assert row[cls.value.replace("-", "_")] == traced.count(cls)
    relying = sum(o.relies_on_collaboration for o in traced.outcomes.values())
    assert row["relying_on_collaboration"] == relying
    assert row["relying_share"] == round(relying / len(traced.outcomes), 4)
    costs = {p: sum(1 for c in whatif(model, [p]).changes if c.loss) for p in model.partner_ids()}
    worst = max(costs.values())
    assert row["costliest_partners_cost"] == worst
    assert row["costliest_partners"] == (
        [p for p, c in costs.items() if c == worst] if worst else []
    )
    findings = advise(model, traced)
    assert row["advice_warnings"] == sum(f.severity.value == "warning" for f in findings)
    planned = [i for i in measure(model).indicators if i.planned_gain is not None]
    assert len(row["planned_gain"]) == len(planned)


def test_the_measured_gain_is_the_latest_period_of_each_indicator() -> None:
    row = compare_model(load(Path(FIGURE1).parent / "inverclyde-mcmc.yaml"))
    assert row["measured_gain"] == [
        {
            "id": "fewer-neet",
            "indicator": "Known NEET 16-19 year olds in Inverclyde",
            "unit": "young people",
            "gain": 280,
            "period": "2007",
            "method": "flat-baseline",
        }
    ]


def test_a_partner_whose_leaving_costs_outcomes_is_named() -> None:
    row = compare_model(load(FIGURE1))
    # Partner B's own contributions alone support its core standards and their sequels.
    assert row["costliest_partners"] == ["partner-b"]
    assert row["costliest_partners_cost"] > 0


def test_records_are_plain_values_for_pandas() -> None:
    records = compare([load(FIGURE1)]).to_records()
    assert json.loads(json.dumps(records)) == records
    assert isinstance(records[0]["costliest_partners"], list)


def test_every_format_reads_back(runner: CliRunner) -> None:
    files = [str(p) for p in SAMPLES]
    as_json = json.loads(runner.invoke(cli, ["compare", *files, "--format", "json"]).stdout)
    assert [m["model"] for m in as_json["models"]] == files
    assert all(sum(m[k] for k in CLASS_KEYS) == m["outcomes"] for m in as_json["models"])
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(cli, ["compare", *files, "--format", "csv"]).stdout)
        )
    )
    assert [r["model"] for r in rows] == files
    assert [float(r["relying_share"]) for r in rows] == [
        m["relying_share"] for m in as_json["models"]
    ]
    markdown = runner.invoke(cli, ["compare", *files, "--format", "markdown"]).stdout
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(files)
    text = runner.invoke(cli, ["compare", *files]).stdout
    relying = sum(m["relying_on_collaboration"] for m in as_json["models"])
    outcomes = sum(m["outcomes"] for m in as_json["models"])
    traced = [trace(load(p)) for p in SAMPLES]
    assert outcomes == sum(len(t.outcomes) for t in traced)
    assert f"9 models: {relying} of {outcomes} outcomes rely on collaboration" in text


def test_a_broken_file_is_reported_and_skipped(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("logicmodel: 1\ntitle: x\npartners: []\n", "utf-8")
    result = runner.invoke(cli, ["compare", str(FIGURE1), str(broken), "--format", "json"])
    assert result.exit_code == 2
    assert str(broken) + ":" in result.stderr
    assert [m["model"] for m in json.loads(result.stdout)["models"]] == [str(FIGURE1)]


def test_strict_stops_at_a_broken_file_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "table.csv"
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(
        cli, ["compare", str(FIGURE1), str(missing), "--strict", "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 5
    assert f"{missing}: " in result.stderr
    assert not out.exists()


def test_output_file_and_refusal_to_replace_an_input(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "table.md"
    result = runner.invoke(cli, ["compare", str(FIGURE1), "--format", "markdown", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text("utf-8").startswith("| model |")
    refused = runner.invoke(cli, ["compare", str(FIGURE1), "-o", str(FIGURE1)])
    assert refused.exit_code == 4


def test_the_chart_has_a_bar_per_model_split_by_class() -> None:
    rows = compare([(str(p), load(p)) for p in SAMPLES]).rows
    figure = chart(rows)
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert sorted(labels) == sorted(p.stem for p in SAMPLES)
    # Sorted by the share relying on collaboration, most first.
    shares = [
        next(r for r in rows if Path(r["model"]).stem == name)["relying_share"] for name in labels
    ]
    assert shares == sorted(shares, reverse=True)
    # Every bar fills 0..1: the widths of its segments (the split box counted once) add to 1.
    for position in range(len(rows)):
        spans = {
            (round(p.get_x(), 6), round(p.get_width(), 6))
            for p in axes.patches
            if isinstance(p, Rectangle)
            and abs(p.get_y() - (position - 0.35)) < 1e-9
            and p.get_fill()
        }
        assert sum(width for _, width in spans) == pytest.approx(1.0)
    figure1 = next(r for r in rows if Path(r["model"]).stem == "figure1")
    caption = f"{figure1['relying_share']:.0%} of {figure1['outcomes']}"
    assert any(t.get_text() == caption for t in axes.texts)


@pytest.mark.parametrize("theme", ["classic", "colourblind", "print", "projector"])
def test_the_chart_draws_in_every_theme(runner: CliRunner, tmp_path: Path, theme: str) -> None:
    out = tmp_path / "comparison.png"
    result = runner.invoke(
        cli, ["compare", str(FIGURE1), "--view", "--theme", theme, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_a_text_table_for_people() -> None:
    text = render_comparison(compare([("figure1", load(FIGURE1))]), "text")
    assert "partner-b (4)" in text
    traced = trace(load(FIGURE1))
    relying = sum(o.relies_on_collaboration for o in traced.outcomes.values())
    assert f"{relying / len(traced.outcomes):.0%}" in text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_partners_leaving_on_records_is_remove_partners(sample: Path) -> None:
    model = load(sample)
    nodes, edges = graph_records(model)
    for partner in model.partner_ids():
        left = [p for p in model.partner_ids() if p != partner]
        on_records = trace_ordered(
            Ordered.from_records(*remove_partners_from_records(nodes, edges, [partner])), left
        )
        on_graph = trace_graph(remove_partners(build_graph(model), [partner]))
        assert on_records == on_graph


def test_the_readme_table_is_what_compare_prints(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the README names the samples from the top folder
    readme = (ROOT / "docs" / "researchers.md").read_text("utf-8")
    printed = runner.invoke(
        cli, ["compare", *(f"samples/{p.name}" for p in SAMPLES), "--format", "markdown"]
    ).stdout
    table = [line for line in printed.splitlines() if line.startswith("|")]
    assert table and "\n".join(table) in readme


@pytest.mark.parametrize("command", ["compare", "diff"])
def test_max_size(runner: CliRunner, command: str) -> None:
    files = [str(FIGURE1)] * (2 if command == "diff" else 1)
    result = runner.invoke(cli, [command, *files, "--max-size", "100"])
    assert result.exit_code == 2
    assert "limit" in result.stderr and "--max-size" in result.stderr


def test_a_hostile_title_is_drawn_as_typed() -> None:
    model = load(FIGURE1).model_copy(update={"title": "$5 and $10 <script> Gàidhlig"})
    (label,) = chart([compare_model(model)]).axes[0].get_yticklabels()
    assert label.get_text() == "$5 and $10 <script> Gàidhlig"
    assert not label.get_parse_math()


def test_hundreds_of_partnerships_fit_one_picture() -> None:
    row = compare_model(load(FIGURE1))
    rows = [{**row, "model": f"m/model-{i:04d}.json"} for i in range(400)]
    figure = chart(rows)
    assert figure.get_size_inches()[1] <= BARS_HEIGHT + 2
    assert len(figure.axes[0].get_yticklabels()) == 400
