"""The names of the drawing's cells a person can put in order: `activities/joint`, `inputs/nhs`,
`outputs/nhs+police` (two partners' work, each on its own) and an outcome column, `interim`."""

from __future__ import annotations

from logicmodel.models import Contribution, Element, LogicModel, Stage

JOINT_LANE = "joint"
PARTNERS_JOINED = "+"


def cell_of(model: LogicModel, stage: Stage, element: Element) -> str:
    """Return the name of the cell an element is drawn in: its outcome column, or its lane's
    part of its contribution column."""
    if stage.is_outcome:
        return stage.value
    assert isinstance(element, Contribution)
    if model.is_collaborative(element):
        return f"{stage.value}/{JOINT_LANE}"
    return f"{stage.value}/{PARTNERS_JOINED.join(model.partners_of(element))}"


def kept_elements(model: LogicModel) -> set[str]:
    """Return the ids of the elements whose cells keep a person's order."""
    kept = set(model.layout.keep_order)
    if not kept:
        return set()
    return {
        element.id for stage, element in model.elements() if cell_of(model, stage, element) in kept
    }


__all__ = ["JOINT_LANE", "PARTNERS_JOINED", "cell_of", "kept_elements"]
