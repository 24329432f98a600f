"""The case-study samples are what the samples issue asks of them, and every sample checks clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
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


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_element_names_its_source_and_inferred_ones_too(path: Path) -> None:
    model = load(path)
    elements = [element for _, element in model.elements()]
    unsourced = [e.id for e in elements if not (e.source or "").strip()]
    assert unsourced == [], f"elements without a source: {unsourced}"
    # A sample flags what the text does not state; a flagged element still says which text
    # it is read from, and its source names that text rather than hedging.
    inferred = [e for e in elements if "inferred" in (e.notes or "").lower()]
    assert inferred, "no element says what is inferred: the seed never states everything"
    for element in inferred:
        assert element.source and "inferred" not in element.source.lower(), element.id
    indicators = [(e.id, i.name) for e in elements for i in e.indicators if not i.source]
    assert indicators == [], f"indicators without a source: {indicators}"
    money = [*model.partnership.costs, *model.partnership.benefits]
    assert [m.item for m in money if not m.source] == [], "costs or benefits without a source"
