"""The case-study samples are what the samples issue asks of them, and every sample checks clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.io import load
from logicmodel.models import OUTCOME_STAGES

from .conftest import ROOT, SAMPLES

CASE_STUDIES = [path for path in SAMPLES if path.name != "figure1.yaml"]


def test_there_are_nine_samples_and_the_readme_lists_each() -> None:
    assert len(SAMPLES) == 9
    readme = (ROOT / "samples" / "README.md").read_text("utf-8")
    for sample in SAMPLES:
        assert f"`{sample.name}`" in readme


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_checks_clean(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", CASE_STUDIES, ids=[p.name for p in CASE_STUDIES])
def test_case_study_has_the_shape_of_a_real_partnership(path: Path) -> None:
    model = load(path)
    assert len(model.partners) >= 4
    contributions = [c for _, c in model.contributions()]
    assert any(model.is_collaborative(c) for c in contributions)
    assert any(c.enhances for c in contributions)
    for stage in OUTCOME_STAGES:
        assert model.stage_elements(stage), f"no {stage.value} outcomes"
    for _, element in model.elements():
        assert element.source, f"{element.id} has no source"
        assert "annexe" in element.source.lower() or "national outcome" in element.source.lower()
