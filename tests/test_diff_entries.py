"""`diff` as a planner reads it, line by line: changes grouped by kind, a link of each kind
once, partners' own fields, costs in words, a renamed partner carried into what they bear, the
summary counted in the singular and plural, and the same changes in JSON."""

from __future__ import annotations

import copy
import json
from typing import Any

from logicmodel.analysis.diffing import diff, render_diff_report
from logicmodel.models import LogicModel

BASE: dict[str, Any] = {
    "logicmodel": 1,
    "title": "T",
    "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "partnership": {
        "name": "P",
        "costs": [
            {"item": "Staff time", "amount": [40000, 50000], "unit": "pounds a year", "by": "a"}
        ],
    },
    "activities": [
        {"id": "one", "label": "One", "by": "a", "leads_to": ["x"]},
        {"id": "two", "label": "Two", "by": ["a", "b"], "leads_to": ["x"]},
    ],
    "interim": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
}


def _model(data: dict[str, Any]) -> LogicModel:
    return LogicModel.model_validate(data)


def _changed() -> dict[str, Any]:
    new = copy.deepcopy(BASE)
    new["activities"][0]["notes"] = "N"
    new["activities"][0]["enhances"] = ["two"]
    new["activities"][1]["label"] = "Two more"
    new["activities"][1]["by"] = "b"
    new["partners"].append({"id": "c", "name": "C"})
    new["partners"][1]["short"] = "Bee"
    new["partnership"]["costs"].append({"item": "Room", "amount": 100, "unit": "pounds"})
    return new


def test_changes_of_several_kinds_are_listed_kind_by_kind_in_words() -> None:
    result = diff(_model(BASE), _model(_changed()))
    assert result.text() == (
        "--- old\n"
        "+++ new\n"
        "~ activity 'two': label 'Two' -> 'Two more'\n"
        "~ activity 'two': partners a, b (collaborative) -> b\n"
        "~ activity 'one': notes none -> 'N'\n"
        "+ link one -> two (enhances)\n"
        "+ partner 'c': C\n"
        "~ partner 'b': short none -> 'Bee'\n"
        '~ partnership costs: Staff time: 40000 to 50000 pounds a year {"by": "a"} -> '
        'Staff time: 40000 to 50000 pounds a year {"by": "a"}; Room: 100 pounds\n'
        "3 element changes; 1 link change; 2 partner changes; 1 partnership change; "
        "0 outcomes whose trace changed\n"
    )


def test_the_json_report_gives_the_same_changes_and_summary() -> None:
    result = diff(_model(BASE), _model(_changed()), old_name="v1.yaml", new_name="v2.yaml")
    report = json.loads(render_diff_report(result, "json"))
    assert (report["old"], report["new"]) == ("v1.yaml", "v2.yaml")
    assert report["summary"] == result.summary()
    kinds = [change["change"] for change in report["changes"]]
    assert kinds == [
        "relabelled",
        "lane",
        "field",
        "link-added",
        "partner-added",
        "partner-changed",
        "model",
    ]
    link = report["changes"][3]
    assert (link["id"], link["field"], link["after"]) == ("one", "enhances", "two")


def test_a_renamed_partner_is_one_change_even_where_they_bear_a_cost() -> None:
    new = copy.deepcopy(BASE)
    new["partners"][0]["id"] = "aa"
    new["partnership"]["costs"][0]["by"] = "aa"
    new["activities"][0]["by"] = "aa"
    new["activities"][1]["by"] = ["aa", "b"]
    assert diff(_model(BASE), _model(new)).text() == (
        "--- old\n+++ new\n~ partner 'aa' renamed from 'a'\n"
        "0 element changes; 0 link changes; 1 partner change; 0 outcomes whose trace changed\n"
    )


def test_a_partner_leaving_is_one_line_and_its_work_and_outcomes_follow() -> None:
    new = copy.deepcopy(BASE)
    new["partners"].pop(1)
    new["activities"][1]["by"] = "a"
    assert diff(_model(BASE), _model(new)).text() == (
        "--- old\n+++ new\n"
        "~ activity 'two': partners a, b (collaborative) -> a\n"
        "- partner 'b': B\n"
        "outcomes whose trace changed:\n"
        "  ~ interim outcome 'x': class collaborative-gain -> single-agency\n"
        "1 element change; 0 link changes; 1 partner change; 1 outcome whose trace changed\n"
    )
