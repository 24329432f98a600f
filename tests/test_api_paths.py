"""The Python API takes a model file's path wherever it takes a model, and one partner's id
as a plain string."""

from __future__ import annotations

from pathlib import Path

import networkx
import pytest

import logicmodel

from .conftest import FIGURE1, SAMPLES

MCMC = FIGURE1.parent / "inverclyde-mcmc.yaml"


@pytest.mark.parametrize("given", [str, Path], ids=["str", "Path"])
def test_trace_and_check_take_a_path(given: type) -> None:
    model = logicmodel.load(FIGURE1)
    path = given(FIGURE1)
    assert logicmodel.trace(path).to_records() == logicmodel.trace(model).to_records()
    assert logicmodel.check(path).to_records() == logicmodel.check(model).to_records()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_whatif_takes_a_path_and_one_partner_as_a_string(sample: Path) -> None:
    model = logicmodel.load(sample)
    for partner in model.partner_ids():
        expected = logicmodel.whatif(model, [partner])
        for joint_work in ("continues", "stops"):
            from_path = logicmodel.whatif(str(sample), partner, joint_work=joint_work)
            listed = logicmodel.whatif(model, [partner], joint_work=joint_work)
            assert from_path.to_records() == listed.to_records()
            assert from_path.summary() == listed.summary()
        assert expected.scenario.startswith(f"Without {partner} (")


def test_whatif_names_the_partners_when_one_does_not_exist() -> None:
    # "council" was once read letter by letter: 'c', 'o', 'u', ...
    with pytest.raises(ValueError) as raised:
        logicmodel.whatif(FIGURE1, without="council")
    assert str(raised.value) == (
        "unknown partner 'council': the partners are partner-a, partner-b, partner-c"
    )
    with pytest.raises(ValueError, match="^unknown partner 'partner-d': the partners are "):
        logicmodel.whatif(logicmodel.load(FIGURE1), ["partner-a", "partner-d"])


def test_compare_takes_paths_named_by_their_path() -> None:
    by_path = logicmodel.compare([str(FIGURE1), MCMC])
    assert [row["model"] for row in by_path.rows] == [str(FIGURE1), str(MCMC)]
    named = logicmodel.compare([("figure1", logicmodel.load(FIGURE1)), ("mcmc", str(MCMC))])
    assert [row["model"] for row in named.rows] == ["figure1", "mcmc"]
    strip = [{k: v for k, v in row.items() if k != "model"} for row in by_path.rows]
    assert strip == [{k: v for k, v in row.items() if k != "model"} for row in named.rows]


def test_diff_takes_paths_and_names_each_side_by_it() -> None:
    changes = logicmodel.diff(str(FIGURE1), MCMC)
    assert not changes.empty
    first_lines = changes.text().splitlines()[:2]
    assert first_lines == [f"--- {FIGURE1}", f"+++ {MCMC}"]
    model = logicmodel.load(FIGURE1)
    assert logicmodel.diff(model, FIGURE1).empty
    named = logicmodel.diff(model, str(MCMC), old_name="before", new_name="after")
    assert named.text().splitlines()[:2] == ["--- before", "+++ after"]
    assert logicmodel.diff(model, model).text().splitlines()[:2] == ["--- old", "+++ new"]


def test_render_export_and_networkx_take_a_path(tmp_path: Path) -> None:
    picture = logicmodel.render(str(FIGURE1), tmp_path / "figure1.svg")
    assert picture.read_bytes().startswith(b"<?xml")
    graph = networkx.read_graphml(logicmodel.export(FIGURE1, tmp_path / "figure1.graphml"))
    assert graph.nodes["trust"]["trace_class"] == "collaboration-only"
    assert set(logicmodel.to_networkx(FIGURE1).nodes) == set(graph.nodes)


def test_a_missing_file_or_a_wrong_thing_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(logicmodel.LoadError):
        logicmodel.trace(tmp_path / "missing.yaml")
    with pytest.raises(TypeError, match="^expected a LogicModel or the path of a model file"):
        logicmodel.trace({"title": "not loaded"})  # type: ignore[arg-type]
