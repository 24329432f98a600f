"""Synthetic logic models of any size, shaped like real ones, for benchmarks."""

from __future__ import annotations

import random
from typing import Any

from logicmodel.models import Stage

# Share of elements in each stage, roughly as in the case-study samples.
STAGE_SHARE = {
    Stage.INPUTS: 0.10,
    Stage.ACTIVITIES: 0.30,
    Stage.OUTPUTS: 0.20,
    Stage.INTERIM: 0.20,
    Stage.INTERMEDIATE: 0.12,
    Stage.ULTIMATE: 0.08,
}
PARTNERS = [f"partner-{i}" for i in range(1, 9)]


def synthetic_model(elements: int, links_per_element: int = 3, seed: int = 1) -> dict[str, Any]:
    """Return a valid model as plain data: about `links_per_element` links each.

    Links go to the next stage near the same relative position (real models are local:
    an activity feeds the outputs of its own strand), now and then within a stage.
    A quarter of the contributions are joint, and some of those enhance a partner's own.
    """
    rng = random.Random(seed)
    stages = list(Stage)
    counts = {stage: max(1, int(elements * STAGE_SHARE[stage])) for stage in stages}
    counts[Stage.ACTIVITIES] += elements - sum(counts.values())
    ids = {stage: [f"{stage.value}-{i}" for i in range(counts[stage])] for stage in stages}
    collaborative = {ident: rng.random() < 0.25 for stage in stages[:3] for ident in ids[stage]}
    data: dict[str, Any] = {
        "logicmodel": 1,
        "title": f"Synthetic model of {elements:,} elements",
        "partners": [{"id": p, "name": f"Partner {p[-1]}"} for p in PARTNERS],
    }
    for position, stage in enumerate(stages):
        section = []
        following = stages[position + 1] if position + 1 < len(stages) else None
        for index, ident in enumerate(ids[stage]):
            element: dict[str, Any] = {"id": ident, "label": f"{stage.singular.title()} {index}"}
            targets: set[str] = set()
            if following is not None:
                size = counts[following]
                centre = index * size // counts[stage]
                for _ in range(links_per_element):
                    near = min(size - 1, max(0, centre + rng.randint(-20, 20)))
                    targets.add(ids[following][near])
            if rng.random() < 0.05 and index + 1 < counts[stage]:
                targets.add(ids[stage][min(counts[stage] - 1, index + rng.randint(1, 30))])
            element["leads_to"] = sorted(targets)
            if not stage.is_outcome:
                if collaborative[ident]:
                    element["by"] = rng.sample(PARTNERS, rng.randint(2, 3))
                    greens = [
                        other
                        for other in ids[stage][index + 1 : index + 30]
                        if not collaborative[other] and other not in targets
                    ]
                    if greens and rng.random() < 0.3:
                        element["enhances"] = [rng.choice(greens)]
                else:
                    element["by"] = rng.choice(PARTNERS)
            section.append(element)
        data[stage.value] = section
    return data


def ladder_model(elements: int) -> dict[str, Any]:
    """Return a valid model shaped as a ladder: two chains of activities with a rung at every
    step, one of them joint, so path counts double at every step (10^3000 at 20,000).
    """
    steps = max(1, (elements - 1) // 2)

    def step(index: int) -> list[str]:
        return [f"own-{index + 1}", f"joint-{index + 1}"] if index + 1 < steps else ["end"]

    activities: list[dict[str, Any]] = []
    for index in range(steps):
        activities.append(
            {
                "id": f"own-{index}",
                "label": f"Own {index}",
                "by": PARTNERS[0],
                "leads_to": step(index),
            }
        )
        activities.append(
            {
                "id": f"joint-{index}",
                "label": f"Joint {index}",
                "by": PARTNERS[:2],
                "leads_to": step(index),
            }
        )
    return {
        "logicmodel": 1,
        "title": f"Ladder of {elements:,} elements",
        "partners": [{"id": p, "name": f"Partner {p[-1]}"} for p in PARTNERS[:2]],
        "activities": activities,
        "ultimate": [{"id": "end", "label": "End"}],
    }


def comb_model(elements: int) -> dict[str, Any]:
    """Return a valid model shaped as a comb: a spine of activities as deep as the model is
    large, each fed by an input of its own and feeding an outcome of its own; every fourth
    step of the spine is joint work.
    """
    teeth = max(1, elements // 3)
    inputs, spine, outcomes = [], [], []
    for index in range(teeth):
        inputs.append(
            {
                "id": f"in-{index}",
                "label": f"Input {index}",
                "by": PARTNERS[1],
                "leads_to": [f"step-{index}"],
            }
        )
        following = [f"step-{index + 1}"] if index + 1 < teeth else []
        spine.append(
            {
                "id": f"step-{index}",
                "label": f"Step {index}",
                "by": PARTNERS[:2] if index % 4 == 0 else PARTNERS[0],
                "leads_to": [*following, f"result-{index}"],
            }
        )
        outcomes.append({"id": f"result-{index}", "label": f"Result {index}"})
    return {
        "logicmodel": 1,
        "title": f"Comb of {elements:,} elements",
        "partners": [{"id": p, "name": f"Partner {p[-1]}"} for p in PARTNERS[:2]],
        "inputs": inputs,
        "activities": spine,
        "interim": outcomes,
    }


SHAPES = {"shallow": synthetic_model, "ladder": ladder_model, "comb": comb_model}
