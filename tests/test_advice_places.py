"""Each piece of advice points at the place in the file where its fix goes."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from logicmodel.analysis.advice import advise
from logicmodel.analysis.tracing import trace
from logicmodel.models import LogicModel

from .test_advice import BREAKERS, GOOD, Model, mutate


def _findings(data: Model) -> list[Any]:
    model = LogicModel.model_validate(data)
    return advise(model, trace(model))


def _resolves(data: Any, path: tuple[str | int, ...]) -> bool:
    """Return True when every step of a data path exists in the data."""
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return False
    return True


@pytest.mark.parametrize("code", sorted(BREAKERS))
def test_every_finding_points_at_a_place_the_file_has(code: str) -> None:
    """A path the file lacks would be located on line 1, far from the fix."""
    data = mutate(BREAKERS[code])
    findings = _findings(data)
    assert findings
    for finding in findings:
        assert finding.path and _resolves(data, finding.path), (finding.code, finding.path)


def test_empty_collaborative_activities_point_at_the_partnership_when_there_are_no_activities() -> (
    None
):
    data = copy.deepcopy(GOOD)
    data.pop("activities")
    for contribution in data["inputs"]:
        contribution["leads_to"] = ["safer"]
    data["inputs"][0].update(by=["council", "police"], category="coherent-plans")
    (finding,) = [f for f in _findings(data) if f.code == "LM127"]
    assert finding.path == ("partnership",)


def test_lookalike_ids_name_the_lookalike_letter_whichever_id_comes_first() -> None:
    data = copy.deepcopy(GOOD)
    cyrillic = data["partners"][0]["id"].replace("o", "\u043e", 1)
    data["partners"].insert(0, {"id": cyrillic, "name": "Twin"})
    (finding,) = [f for f in _findings(data) if f.code == "LM126"]
    assert "CYRILLIC SMALL LETTER O" in finding.message
