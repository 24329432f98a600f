"""Links run forward through the stages or stay within one; one stage back is already back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from logicmodel.fileformat.loading import LoadError, loads
from logicmodel.fileformat.rules import find_problems
from logicmodel.models import LogicModel, Stage

PARTNERS = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]


def one_per_stage() -> dict[str, Any]:
    """Return a model with one element per stage, each leading to nothing."""
    data: dict[str, Any] = {"logicmodel": 1, "title": "Direction", "partners": PARTNERS}
    for stage in Stage:
        element: dict[str, Any] = {"id": f"{stage.value}-x", "label": stage.heading}
        if not stage.is_outcome:
            element["by"] = "a"
        data[stage.value] = [element]
    return data


def load_json(data: dict[str, Any]) -> LogicModel:
    # One key a line, so that a message's line number names one element's field.
    return loads(json.dumps(data, indent=1), name="m.json")


STAGES = list(Stage)
ONE_BACK = [(later, earlier) for earlier, later in zip(STAGES, STAGES[1:], strict=False)]


@pytest.mark.parametrize(
    "stage,target", ONE_BACK, ids=[f"{s.value}-to-{t.value}" for s, t in ONE_BACK]
)
def test_a_link_one_stage_back_is_refused(stage: Stage, target: Stage) -> None:
    data = one_per_stage()
    data[stage.value][0]["leads_to"] = [f"{target.value}-x"]
    with pytest.raises(LoadError) as caught:
        load_json(data)
    (error,) = caught.value.errors
    assert error.message == (
        f"{stage.singular} '{stage.value}-x' links back to {target.singular} "
        f"'{target.value}-x': links run forward, "
        "inputs -> activities -> outputs -> interim -> intermediate -> ultimate"
    )
    line = json.dumps(data, indent=1).splitlines()[error.line - 1]
    assert f'"{target.value}-x"' in line


def test_an_activity_leading_back_to_an_input_is_refused() -> None:
    data = one_per_stage()
    data["activities"][0]["leads_to"] = ["inputs-x"]
    model = LogicModel.model_validate(data)
    (problem,) = find_problems(model)
    assert problem.path == ("activities", 0, "leads_to", 0)
    assert "links back to input 'inputs-x'" in problem.message


def test_joint_work_enhancing_an_input_one_stage_back_is_refused() -> None:
    data = one_per_stage()
    data["activities"][0].update(by=["a", "b"], enhances=["inputs-x"])
    model = LogicModel.model_validate(data)
    (problem,) = find_problems(model)
    assert problem.path == ("activities", 0, "enhances", 0)
    assert problem.message.startswith("activity 'activities-x' links back to input 'inputs-x'")


def test_links_within_a_stage_and_forward_past_stages_are_accepted() -> None:
    data = one_per_stage()
    data["inputs"][0]["leads_to"] = ["ultimate-x", "activities-x"]
    data["activities"].append(
        {"id": "joint", "label": "Joint", "by": "all", "leads_to": ["activities-x"]}
    )
    data["activities"][1]["enhances"] = ["second"]
    data["activities"].append({"id": "second", "label": "Own", "by": "b"})
    data["interim"][0]["leads_to"] = ["interim-y"]
    data["interim"].append({"id": "interim-y", "label": "Later interim"})
    model = load_json(data)
    assert find_problems(model) == []
