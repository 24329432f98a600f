"""`set` writes each field as the file format holds it (a year as a number, a flag as true or
false, several partners as a list), refuses a value of the wrong kind in one line, and names
what it changed; a new section lands where the format puts it."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from logicmodel.editing.layer import Draft, EditError

from .test_advice import GOOD


def _draft(data: dict[str, Any] = GOOD) -> Draft:
    return Draft.from_text(yaml.safe_dump(data, sort_keys=False), name="m.yaml")


def _partnership(draft: Draft) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(draft.text)["partnership"]
    return loaded


def test_a_year_is_written_as_a_number_and_a_financial_year_as_text() -> None:
    draft = _draft()
    draft.set("partnership", "started", "2005")
    assert _partnership(draft)["started"] == 2005
    draft.set("partnership", "started", " 2004-05 ")
    assert _partnership(draft)["started"] == "2004-05"


@pytest.mark.parametrize("value", [True, [2005], {"year": 2005}])
def test_a_year_of_the_wrong_kind_is_refused(value: object) -> None:
    with pytest.raises(EditError, match=r"^m\.yaml: started is a year \(2004\)"):
        _draft().set("partnership", "started", value)


@pytest.mark.parametrize(("typed", "written"), [("TRUE", True), (" false ", False)])
def test_a_flag_is_written_true_or_false_whatever_its_case(typed: str, written: bool) -> None:
    draft = _draft().set("patrols", "collaborative", typed)
    (patrols,) = [a for a in yaml.safe_load(draft.text)["activities"] if a["id"] == "patrols"]
    assert patrols["collaborative"] is written


def test_a_flag_that_is_neither_true_nor_false_is_refused() -> None:
    with pytest.raises(EditError, match="collaborative is true or false, not 'maybe'"):
        _draft().set("patrols", "collaborative", "maybe")


def test_partners_typed_with_commas_are_written_as_a_list_and_none_is_refused() -> None:
    draft = _draft().set("wardens", "by", "council, police")
    (wardens,) = yaml.safe_load(draft.text)["inputs"][:1]
    assert wardens["by"] == ["council", "police"]
    with pytest.raises(EditError, match="`by` needs a partner id"):
        _draft().set("wardens", "by", " , ")


def test_a_text_field_takes_one_value() -> None:
    with pytest.raises(EditError, match="label takes one value, not list"):
        _draft().set("patrols", "label", ["a", "b"])


@pytest.mark.parametrize(
    ("ident", "named", "fields"),
    [
        ("partnership", "the partnership", "name, type"),
        ("model", "the model", "title, area"),
        ("patrols", "an element", "id, label, by"),
        ("council", "a partner", "id, name"),
    ],
)
def test_a_field_set_does_not_take_is_refused_naming_the_target(
    ident: str, named: str, fields: str
) -> None:
    with pytest.raises(EditError) as refused:
        _draft().set(ident, "nonsense", "x")
    assert f"'nonsense' is not a field `set` changes on {named}; it takes {fields}" in str(
        refused.value
    )


def test_each_change_is_named_by_what_it_changed() -> None:
    draft = _draft()
    draft.set("partnership", "started", "2005").set("model", "area", "Town")
    draft.set("patrols", "label", "Foot patrols").set("council", "name", "The council")
    assert draft.changes == [
        "set started of the partnership",
        "set area of the model",
        "set label of element 'patrols'",
        "set name of partner 'council'",
    ]


def test_an_element_added_to_a_missing_section_lands_in_the_formats_order() -> None:
    data = copy.deepcopy(GOOD)
    del data["interim"]
    data["partnership"]["benefits"] = []
    for activity in data["activities"]:
        activity["leads_to"] = ["confidence"]
    draft = _draft(data).add("interim", "calmer", "Calmer nights", leads_to=["confidence"])
    sections = [line.rstrip(":") for line in draft.text.splitlines() if line.endswith(":")]
    sections = [s for s in sections if not s.startswith((" ", "-"))]
    assert sections[-4:] == ["activities", "interim", "intermediate", "ultimate"]


def test_a_word_from_a_closed_list_is_written_as_the_list_spells_it() -> None:
    draft = _draft().set("partnership", "type", "STRATEGIC").set("safer", "evidence", "Measured")
    data = yaml.safe_load(draft.text)
    assert data["partnership"]["type"] == "strategic"
    assert data["interim"][0]["evidence"] == "measured"


def test_setting_a_partnership_field_makes_the_partnership_when_missing() -> None:
    data = copy.deepcopy(GOOD)
    del data["partnership"]
    draft = _draft(data).set("partnership", "name", "Town partnership")
    assert yaml.safe_load(draft.text)["partnership"] == {"name": "Town partnership"}
    assert draft.data["partnership"] == {"name": "Town partnership"}


def test_a_section_made_on_the_round_trips_data_lands_in_the_formats_order() -> None:
    from ruamel.yaml import YAML

    from logicmodel.editing.fields import section_items

    data = YAML(typ="rt").load("title: T\nactivities: []\nultimate: []\nnotes: x\n")
    section_items(data, "interim").append({"id": "calmer"})
    assert list(data) == ["title", "activities", "interim", "ultimate", "notes"]
    assert section_items(data, "interim") == [{"id": "calmer"}]
