"""Mermaid output of a small model, line by line: stages, boxes, links, classes and colours."""

from __future__ import annotations

from logicmodel.analysis.tracing import trace
from logicmodel.models import LogicModel
from logicmodel.renderers.mermaid import generate, generate_mermaid
from logicmodel.renderers.options import Options
from logicmodel.renderers.themes import get_theme

MODEL = LogicModel.model_validate(
    {
        "logicmodel": 1,
        "title": "Small",
        "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "inputs": [{"id": "in-1", "label": "In", "by": "a", "leads_to": ["own", "plain"]}],
        "activities": [
            {"id": "own", "label": "Own", "by": "a", "leads_to": ["o"]},
            {"id": "plain", "label": "Plain", "by": "b", "leads_to": ["g"]},
            {"id": "j", "label": "J", "by": "all", "enhances": ["own"], "leads_to": ["r"]},
        ],
        # No outputs: an empty stage has no subgraph.
        "interim": [
            {"id": "o", "label": "O", "gain": "G"},
            {"id": "r", "label": "R", "gain": "RG"},
            # A gain claimed on a green outcome is not drawn (advice LM118 says why).
            {"id": "g", "label": "Green", "gain": "Claimed"},
            {"id": "u", "label": "U"},
        ],
    }
)

EXPECTED = """\
flowchart LR
  %% Small
  subgraph inputs["Inputs"]
    direction TB
    n0_in_1["In"]
  end
  subgraph activities["Activities"]
    direction TB
    n1_own["Own"]
    n2_plain["Plain"]
    n3_j["J"]
  end
  subgraph interim["Interim outcomes"]
    direction TB
    n4_o["O<br/><i>G</i>"]
    n5_r["R<br/><i>RG</i>"]
    n6_g["Green"]
    n7_u["U"]
  end
  n0_in_1 --> n1_own
  n0_in_1 --> n2_plain
  n1_own --> n4_o
  n2_plain --> n6_g
  n3_j --> n5_r
  n3_j -. enhances .-> n1_own
  classDef green fill:#9CD39A,stroke:#2E7D32,color:#111111
  classDef red fill:#F19A97,stroke:#C62828,color:#111111
  classDef split fill:#9CD39A,stroke:#C62828,stroke-width:4px,color:#111111
  classDef unsupported fill:#FFF3C4,stroke:#B26A00,stroke-dasharray:5 5,color:#000000
  class n0_in_1,n1_own,n2_plain,n6_g green
  class n3_j,n5_r red
  class n4_o split
  class n7_u unsupported
"""


def test_small_model_comes_out_line_by_line() -> None:
    assert generate_mermaid(MODEL, trace(MODEL)) == EXPECTED


def test_the_theme_sets_the_class_colours() -> None:
    colours = get_theme("projector")
    text = generate(MODEL, trace(MODEL), Options(theme="projector"))
    assert f"  classDef red fill:{colours.red_fill},stroke:{colours.red_edge}," in text
    assert f"color:{colours.text}\n" in text
    assert text.replace(colours.green_fill, "#9CD39A").count("\n") == EXPECTED.count("\n")


def test_a_class_with_no_members_has_no_class_line() -> None:
    green_only = LogicModel.model_validate(
        {
            "logicmodel": 1,
            "title": "Green",
            "partners": [{"id": "a", "name": "A"}],
            "activities": [{"id": "x", "label": "X", "by": "a", "leads_to": ["y"]}],
            "interim": [{"id": "y", "label": "Y"}],
        }
    )
    lines = generate_mermaid(green_only, trace(green_only)).splitlines()
    assert [line for line in lines if line.startswith("  class ")] == ["  class n0_x,n1_y green"]
