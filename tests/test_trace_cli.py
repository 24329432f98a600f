"""The trace and whatif commands, and the samples' traces pinned in golden files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.status import ExitStatus
from scripts.regenerate_golden import GOLDEN, golden_trace

from .conftest import ROOT, SAMPLES

FIGURE1 = str(ROOT / "samples" / "figure1.yaml")


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_trace_matches_its_golden_file(sample: Path) -> None:
    golden = GOLDEN / "trace" / f"{sample.stem}.json"
    assert golden.exists(), "run scripts/regenerate_golden.py and review the new file"
    assert golden_trace(sample) == json.loads(golden.read_text("utf-8"))


def test_trace_table_ends_with_the_summary(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", FIGURE1])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == "11 of 14 outcomes rely on collaboration; 4 would be lost without it"
    assert lines[0].split()[:3] == ["id", "stage", "trace_class"]
    trust = next(line for line in lines if line.startswith("trust "))
    assert "collaboration-only" in trust and "shared-intelligence, pooled-resources" in trust


def test_trace_csv_has_every_outcome(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", FIGURE1, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 14
    core = next(row for row in rows if row["id"] == "core-standards")
    assert core["trace_class"] == "single-agency" and core["collaborative_share"] == "0.0"
    # Lists are JSON arrays and booleans true/false, as in every CSV the tool writes.
    trust = next(row for row in rows if row["id"] == "trust")
    assert json.loads(trust["critical"]) == ["shared-intelligence", "pooled-resources"]
    assert (trust["depends_on_collaboration"], core["depends_on_collaboration"]) == (
        "true",
        "false",
    )


def test_trace_json_and_markdown(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(cli, ["trace", FIGURE1, "--format", "json"]).output)
    assert data["models"][0]["summary"].startswith("11 of 14")
    assert {o["trace_class"] for o in data["outcomes"]} == {
        "collaborative-gain",
        "single-agency",
        "collaboration-only",
    }
    markdown = runner.invoke(cli, ["trace", FIGURE1, "--format", "markdown"]).output
    assert markdown.splitlines()[1].startswith("|---|")


def test_trace_one_outcome(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", FIGURE1, "--outcome", "better-targeting"])
    assert result.exit_code == 0
    assert "collaborative-gain" in result.output and "of 7 supporting paths" in result.output
    wrong = runner.invoke(cli, ["trace", FIGURE1, "--outcome", "better-targetting"])
    assert wrong.exit_code == ExitStatus.USAGE
    assert "did you mean 'better-targeting'?" in wrong.output


def test_whatif_lists_what_is_lost(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["whatif", FIGURE1, "--without-collaboration", "--format", "json"])
    (scenario,) = json.loads(result.output)["models"]
    assert scenario["losing_support"] == [
        "partner-liaison",
        "mutual-understanding",
        "trust",
        "resources-freed",
    ]
    assert "better-targeting" in scenario["losing_gain"]
    table = runner.invoke(cli, ["whatif", FIGURE1, "--without", "partner-b"]).output
    assert table.splitlines()[-1] == (
        "Without partner-b (joint work they took part in carries on with the partners left): "
        "0 of 14 outcomes would lose their collaborative gain, 1 their single-agency support "
        "and 3 all support"
    )


def test_whatif_refuses_unknown_partner_and_empty_scenario(runner: CliRunner) -> None:
    unknown = runner.invoke(cli, ["whatif", FIGURE1, "--without", "partner-d"])
    assert unknown.exit_code == ExitStatus.USAGE
    assert "no partner 'partner-d'" in unknown.output
    nothing = runner.invoke(cli, ["whatif", FIGURE1])
    assert nothing.exit_code == ExitStatus.USAGE


def test_trace_of_a_broken_file_is_a_located_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", str(ROOT / "tests" / "bad" / "cycle.yaml")])
    assert result.exit_code == 2
    assert result.output.strip().endswith("cycle: plan -> task -> review -> plan")


def test_readme_python_example_runs() -> None:
    readme = (ROOT / "docs" / "researchers.md").read_text("utf-8")
    code = readme.split("## From Python\n\n```python\n")[1].split("```")[0]
    import contextlib
    import os

    with contextlib.redirect_stdout(io.StringIO()) as printed:
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            exec(compile(code, "README.md", "exec"), {})
        finally:
            os.chdir(cwd)
    assert "11 of 14 outcomes rely on collaboration" in printed.getvalue()


def test_several_files_give_one_table_naming_the_model_on_each_row(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = str(ROOT / "tests" / "bad" / "cycle.yaml")
    models = [FIGURE1, str(ROOT / "samples" / "inverclyde-arbd.yaml")]
    for command in (["trace"], ["whatif", "--without-collaboration"]):
        result = runner.invoke(cli, [*command, *models, broken, "--format", "csv"])
        assert result.exit_code == ExitStatus.INVALID  # the worst met: the broken file
        assert "cycle: plan -> task -> review -> plan" in result.stderr
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert list(rows[0])[0] == "model"
        assert {row["model"] for row in rows} == set(models)
        one = runner.invoke(cli, [*command, FIGURE1, "--format", "csv"])
        alone = [r for r in csv.DictReader(io.StringIO(one.stdout))]
        assert [{k: v for k, v in r.items() if k != "model"} for r in rows[: len(alone)]] == alone
    data = json.loads(runner.invoke(cli, ["trace", *models, "--format", "json"]).stdout)
    assert [m["model"] for m in data["models"]] == models
    table = runner.invoke(cli, ["trace", *models]).stdout.splitlines()
    assert table[0].split()[:2] == ["model", "id"]
    assert table[-2:] == [f"{m}: {trace(load(m)).summary()}" for m in models]


def test_a_draft_without_outcomes_has_nothing_to_trace_yet(
    runner: CliRunner, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text("logicmodel: 1\ntitle: Draft\npartners: [{id: a, name: A}]\n", "utf-8")
    for command in (["trace"], ["whatif", "--without", "a"]):
        result = runner.invoke(cli, [*command, str(draft)])
        assert result.exit_code == ExitStatus.USAGE
        (line,) = result.output.splitlines()
        assert line.startswith(f"{draft}: no outcomes to trace yet")
