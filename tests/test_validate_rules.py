"""The file format's rules one by one: each broken rule is one problem, at its place, in words."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from logicmodel.fileformat.parsing import Path
from logicmodel.fileformat.rules import Problem, did_you_mean, find_problems
from logicmodel.models import LogicModel

Data = dict[str, Any]

BASE: Data = {
    "logicmodel": 1,
    "title": "Rules",
    "partnership": {"lead": "council", "costs": [{"item": "Meetings", "by": "council"}]},
    "partners": [{"id": "council", "name": "Council"}, {"id": "police", "name": "Police"}],
    "inputs": [{"id": "wardens", "label": "Wardens", "by": "council", "leads_to": ["patrols"]}],
    "activities": [
        {"id": "patrols", "label": "Patrols", "by": "police", "leads_to": ["safer"]},
        {"id": "tasking", "label": "Tasking", "by": "all", "enhances": ["patrols"]},
    ],
    "interim": [{"id": "safer", "label": "Safer", "leads_to": ["town"]}],
    "ultimate": [{"id": "town", "label": "Town"}],
}


def problems(change: Callable[[Data], object]) -> list[tuple[Path, str]]:
    data = copy.deepcopy(BASE)
    change(data)
    return [(p.path, settled(p.message)) for p in find_problems(LogicModel.model_validate(data))]


def settled(message: str) -> str:
    """Return a message with its placeholder for the other place written one way."""
    # The loader fills the placeholder with the other place's line ("on line 7").
    return message.replace("on line {line}", "{where}")


def test_the_base_model_keeps_every_rule() -> None:
    assert problems(lambda d: None) == []


CASES: dict[str, tuple[Callable[[Data], object], list[tuple[Path, str]]]] = {
    "partner id used twice": (
        lambda d: d["partners"].append({"id": "police", "name": "Police again"}),
        [(("partners", 2, "id"), "duplicate partner id 'police'")],
    ),
    "partner called all": (
        lambda d: d["partners"].append({"id": "all", "name": "Everyone"}),
        [(("partners", 2, "id"), "'all' is reserved for `by: all`: choose another id")],
    ),
    "element id used by a partner": (
        lambda d: d["interim"].append({"id": "council", "label": "Council"}),
        [
            (
                ("interim", 1, "id"),
                "duplicate id 'council': the partner {where} has it already",
            )
        ],
    ),
    "element id used twice": (
        lambda d: d["ultimate"].append({"id": "wardens", "label": "Again"}),
        [
            (
                ("ultimate", 1, "id"),
                "duplicate id 'wardens': the input {where} has it already",
            )
        ],
    ),
    "cost borne by an unknown partner": (
        lambda d: d["partnership"]["costs"].append({"item": "Room", "by": "polce"}),
        [
            (
                ("partnership", "costs", 1, "by"),
                "cost: unknown partner 'polce' in 'by' (did you mean 'police'?)",
            )
        ],
    ),
    "cost borne by a list with an unknown partner": (
        lambda d: d["partnership"]["costs"].append({"item": "Room", "by": ["council", "fire"]}),
        [(("partnership", "costs", 1, "by", 1), "cost: unknown partner 'fire' in 'by'")],
    ),
    "partnership led by an element": (
        lambda d: d["partnership"].update(lead="patrols"),
        [
            (
                ("partnership", "lead"),
                "partnership: 'patrols' in 'lead' is an element, not a partner",
            )
        ],
    ),
    "element led by an unknown partner": (
        lambda d: d["interim"][0].update(lead="councl"),
        [
            (
                ("interim", 0, "lead"),
                "interim outcome 'safer': unknown partner 'councl' in 'lead' "
                "(did you mean 'council'?)",
            )
        ],
    ),
    "by lists all": (
        lambda d: d["inputs"][0].update(by=["council", "all"]),
        [(("inputs", 0, "by", 1), "input 'wardens': write `by: all` on its own, not in a list")],
    ),
    "by lists a partner twice": (
        lambda d: d["inputs"][0].update(by=["council", "police", "council"]),
        [(("inputs", 0, "by", 2), "input 'wardens': partner 'council' is listed twice in 'by'")],
    ),
    "by names an element": (
        lambda d: d["inputs"][0].update(by="safer"),
        [(("inputs", 0, "by"), "input 'wardens': 'safer' in 'by' is an element, not a partner")],
    ),
    "leads_to names a partner": (
        lambda d: d["inputs"][0].update(leads_to=["patrols", "police"]),
        [
            (
                ("inputs", 0, "leads_to", 1),
                "input 'wardens': 'police' in 'leads_to' is a partner, not an element",
            )
        ],
    ),
    "leads_to lists a target twice": (
        lambda d: d["inputs"][0].update(leads_to=["patrols", "safer", "patrols"]),
        [(("inputs", 0, "leads_to", 2), "input 'wardens' lists 'patrols' twice in 'leads_to'")],
    ),
    "both leads to and enhances": (
        lambda d: d["activities"][1].update(leads_to=["safer", "patrols"]),
        [
            (
                ("activities", 1, "leads_to", 1),
                "activity 'tasking' both leads to and enhances 'patrols': keep one "
                "(enhances, if it improves that partner's own work)",
            )
        ],
    ),
    "enhances lists a target twice": (
        lambda d: d["activities"][1].update(enhances=["patrols", "patrols"]),
        [
            (
                ("activities", 1, "enhances", 1),
                "activity 'tasking' lists 'patrols' twice in 'enhances'",
            )
        ],
    ),
    "enhances itself": (
        lambda d: d["activities"][1].update(enhances=["tasking"]),
        [(("activities", 1, "enhances", 0), "activity 'tasking' enhances itself")],
    ),
    "enhances a partner": (
        lambda d: d["activities"][1].update(enhances=["police"]),
        [
            (
                ("activities", 1, "enhances", 0),
                "activity 'tasking': 'police' in 'enhances' is a partner, not an element",
            )
        ],
    ),
    "enhances an unknown element": (
        lambda d: d["activities"][1].update(enhances=["patrol"]),
        [
            (
                ("activities", 1, "enhances", 0),
                "activity 'tasking': unknown element 'patrol' in 'enhances' "
                "(did you mean 'patrols'?)",
            )
        ],
    ),
    "enhances collaborative work": (
        lambda d: (
            d["activities"].append({"id": "forum", "label": "Forum", "by": ["council", "police"]})
            or d["activities"][1].update(enhances=["forum"])
        ),
        [
            (
                ("activities", 1, "enhances", 0),
                "activity 'tasking' enhances 'forum', which is collaborative too: enhances "
                "links go from a joint contribution to a single partner's own; use leads_to",
            )
        ],
    ),
    "enhances an outcome": (
        lambda d: d["activities"][1].update(enhances=["safer"]),
        [
            (
                ("activities", 1, "enhances", 0),
                "activity 'tasking' enhances interim outcome 'safer': enhances links go to a "
                "partner's own input, activity or output; use leads_to for outcomes",
            )
        ],
    ),
    "single-agency work enhances": (
        lambda d: d["inputs"][0].update(enhances=["tasking"]),
        [
            (
                ("inputs", 0, "enhances"),
                "input 'wardens' is single-agency, so it cannot enhance: only a collaborative "
                "contribution enhances a partner's own work",
            )
        ],
    ),
    "cycle within a stage through an enhances link": (
        lambda d: d["activities"][0].update(leads_to=["safer", "tasking"]),
        [(("activities", 0, "leads_to", 1), "cycle: patrols -> tasking -> patrols")],
    ),
    "cycle within a stage, started by an enhances link": (
        lambda d: (
            d["activities"].insert(
                0, {"id": "analysis", "label": "Analysis", "by": "all", "enhances": ["review"]}
            )
            or d["activities"].append(
                {"id": "review", "label": "Review", "by": "council", "leads_to": ["analysis"]}
            )
        ),
        [(("activities", 0, "enhances", 0), "cycle: analysis -> review -> analysis")],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_broken_rule_is_one_problem_at_its_place(case: str) -> None:
    change, expected = CASES[case]
    assert problems(change) == expected


def test_problems_come_in_file_order_and_a_duplicate_names_the_first() -> None:
    data = copy.deepcopy(BASE)
    data["ultimate"].append({"id": "safer", "label": "Again", "lead": "nobody"})
    data["inputs"][0]["by"] = "nobody"
    found = find_problems(LogicModel.model_validate(data))
    assert [p.path for p in found] == [
        ("ultimate", 1, "id"),
        ("inputs", 0, "by"),
        ("ultimate", 1, "lead"),
    ]
    assert found[0].also == ("interim", 0, "id")
    assert "the interim outcome {where} has it already" in settled(found[0].message)


def test_cycles_are_looked_for_only_once_every_link_is_known() -> None:
    cyclic = lambda d: d["activities"][0].update(leads_to=["safer", "tasking"])  # noqa: E731
    assert len(problems(cyclic)) == 1
    both = problems(lambda d: (cyclic(d), d["interim"][0].update(leads_to=["nowhere"])))
    assert both == [
        (
            ("interim", 0, "leads_to", 0),
            "interim outcome 'safer': unknown element 'nowhere' in 'leads_to'",
        )
    ]


def test_a_long_chain_has_no_cycle_and_no_recursion_limit() -> None:
    data = copy.deepcopy(BASE)
    count = 1500  # past the default recursion limit of 1,000
    data["activities"] = [
        {"id": f"a{i}", "label": "A", "by": "council", "leads_to": [f"a{i + 1}"]}
        for i in range(count)
    ] + [{"id": f"a{count}", "label": "A", "by": "police", "leads_to": ["safer"]}]
    data["inputs"][0]["leads_to"] = ["a0"]
    assert find_problems(LogicModel.model_validate(data)) == []
    data["activities"][-1]["leads_to"] = ["a0"]
    (problem,) = find_problems(LogicModel.model_validate(data))
    assert problem.path == ("activities", 0, "leads_to", 0)
    assert problem.message.startswith("cycle: a0 -> a1 -> ") and problem.message.endswith(
        f"a{count} -> a0"
    )


def test_two_separate_cycles_are_two_problems() -> None:
    data = copy.deepcopy(BASE)
    data["interim"] = [
        {"id": "x", "label": "X", "leads_to": ["y"]},
        {"id": "y", "label": "Y", "leads_to": ["x"]},
        {"id": "p", "label": "P", "leads_to": ["q"]},
        {"id": "q", "label": "Q", "leads_to": ["p"]},
    ]
    data["activities"][0]["leads_to"] = ["x", "p"]
    data["ultimate"] = []
    found = [p.message for p in find_problems(LogicModel.model_validate(data))]
    assert found == ["cycle: x -> y -> x", "cycle: p -> q -> p"]


def test_did_you_mean_needs_a_close_name() -> None:
    assert did_you_mean("polce", ["police", "council"]) == " (did you mean 'police'?)"
    assert did_you_mean("fire", ["police", "council"]) == ""
    assert Problem(("x",), "m").also is None
