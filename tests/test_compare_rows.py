"""What a row of `compare` says about one model, and the line that sums the rows up."""

from __future__ import annotations

from logicmodel.analysis.comparing import compare, compare_model
from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load, loads

from .conftest import FIGURE1, SAMPLES

PLANNED = """\
logicmodel: 1
title: Safer streets
partners:
  - {id: council, name: Council}
  - {id: police, name: Police}
activities:
  - {id: tasking, label: Joint tasking, by: all, leads_to: [safer]}
interim:
  - id: safer
    label: Fewer incidents
    indicators:
      - {name: Incidents, unit: incidents, better: lower, target_alone: 30, target_together: 24,
         target_period: "2010"}
"""


def test_a_planned_gain_is_listed_with_its_indicator_and_period() -> None:
    row = compare_model(loads(PLANNED, name="m.yaml"))
    assert row["planned_gain"] == [
        {"id": "safer", "indicator": "Incidents", "unit": "incidents", "gain": 6, "period": "2010"}
    ]


def test_outcomes_lost_without_collaboration_are_counted() -> None:
    model = load(FIGURE1)
    lost = sum(o.depends_on_collaboration for o in trace(model).outcomes.values())
    assert lost > 0
    assert compare_model(model)["lost_without_collaboration"] == lost


def test_the_summary_counts_one_model_and_several_in_words() -> None:
    one = compare([load(FIGURE1)]).summary()
    assert one.startswith("1 model: ")
    two = compare([load(path) for path in SAMPLES[:2]]).summary()
    assert two.startswith("2 models: ")
