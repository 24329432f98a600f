"""The rules about what a model names outside its own elements: the outcomes framework and its
national outcome ids, and the drawing's cells a person has put in order."""

from __future__ import annotations

from logicmodel.fileformat.frameworks import (
    FrameworkError,
    is_framework_path,
    resolve_framework,
    shipped_ids,
)
from logicmodel.fileformat.parsing import Path
from logicmodel.fileformat.problems import Problem, describe, did_you_mean
from logicmodel.models import LogicModel, Stage
from logicmodel.models.cells import JOINT_LANE, PARTNERS_JOINED


def framework_problems(model: LogicModel, origin: str | None = None) -> list[Problem]:
    """Return problems with the framework a model names and the national outcome ids it uses."""
    named = model.partnership.framework
    places = _national_id_places(model)
    if named is None:
        return [
            Problem(path[:-1] if isinstance(path[-1], int) else path, f"{who}: {NO_FRAMEWORK}")
            for path, who, _ in places[:1]
        ]
    shipped = shipped_ids()
    if not is_framework_path(named) and named not in shipped:
        hint = did_you_mean(named, shipped) or f" (shipped: {', '.join(shipped)})"
        return [
            Problem(
                ("partnership", "framework"),
                f"partnership: unknown framework {named!r}{hint}; "
                "a framework file's name ends in .yaml",
            )
        ]
    try:
        framework = resolve_framework(named, origin)
    except FrameworkError as error:
        return [Problem(("partnership", "framework"), f"partnership: framework: {error.errors[0]}")]
    known = framework.outcome_ids()
    return [
        Problem(
            path,
            f"{who}: no outcome {ident!r} in the framework {framework.id!r}"
            f"{did_you_mean(ident, known) or ' (`logicmodel frameworks ID` lists them)'}",
        )
        for path, who, ident in places
        if ident not in known
    ]


NO_FRAMEWORK = (
    "national outcomes need a framework to name them: add `framework: scotland-npf-2007` "
    "(or a framework file) under `partnership`"
)


def _national_id_places(model: LogicModel) -> list[tuple[Path, str, str]]:
    """Return every national outcome id a model uses: its data path, who uses it, the id."""
    found: list[tuple[Path, str, str]] = [
        (("partnership", "national_outcomes", position), "partnership", ident)
        for position, ident in enumerate(model.partnership.national_outcomes)
    ]
    for stage in (Stage.INTERIM, Stage.INTERMEDIATE, Stage.ULTIMATE):
        for index, element in enumerate(model.stage_elements(stage)):
            for position, ident in enumerate(getattr(element, "contributes_to", ())):
                path: Path = (stage.value, index, "contributes_to", position)
                found.append((path, describe(stage, element), ident))
    return found


def layout_problems(model: LogicModel) -> list[Problem]:
    """Return problems with `layout.keep_order`: each entry a stage and, for a contribution
    stage, a lane (`joint`, or partner ids joined by '+')."""
    problems: list[Problem] = []
    stages = [stage.value for stage in Stage]
    for index, cell in enumerate(model.layout.keep_order):
        path: Path = ("layout", "keep_order", index)
        name, _, lane = cell.partition("/")
        if name not in stages:
            hint = did_you_mean(name, stages) or f" (stages: {', '.join(stages)})"
            problems.append(Problem(path, f"unknown stage {name!r} in cell {cell!r}{hint}"))
        elif Stage(name).is_outcome and lane:
            message = f"an outcome column has no lanes: write {name!r}, not {cell!r}"
            problems.append(Problem(path, message))
        elif not Stage(name).is_outcome:
            problems += _lane_problems(model, path, cell, lane)
    return problems


def _lane_problems(model: LogicModel, path: Path, cell: str, lane: str) -> list[Problem]:
    """Return the problem of a contribution cell whose lane names no partner, if it has one."""
    lanes = [JOINT_LANE, *model.partner_ids()]
    if not lane:
        return [Problem(path, f"cell {cell!r} names no lane: write '{cell}/joint' or a partner")]
    if lane == JOINT_LANE:
        return []
    for partner in lane.split(PARTNERS_JOINED):
        if partner not in model.partner_ids():
            hint = did_you_mean(partner, lanes) or f" (lanes: {', '.join(lanes)})"
            return [Problem(path, f"unknown lane {partner!r} in cell {cell!r}{hint}")]
    return []


__all__ = ["NO_FRAMEWORK", "framework_problems", "layout_problems"]
