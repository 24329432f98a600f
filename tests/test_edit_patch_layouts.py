"""Edits made in place in layouts the common cases do not reach: a key put into an empty `{}`,
a new section at the end of a file whose sections are set apart by blank lines, a block list
emptied, the only entry of a one-line list removed. The YAML files write their title with extra
spaces, a layout ruamel.yaml's round trip would change, so each edit must be made in place."""

from __future__ import annotations

import json

import pytest

from logicmodel.editing.layer import Draft, EditError

HEAD = "logicmodel: 1\ntitle:   T\n"


def test_a_partnership_field_goes_inside_an_empty_yaml_mapping() -> None:
    text = HEAD + "partnership: {}\npartners: [{id: a, name: A}]\n"
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.set("partnership", "focus", "Safety").text
    assert after == text.replace("{}", "{focus: Safety}")
    assert draft.model.partnership.focus == "Safety"


def test_a_partnership_field_goes_inside_an_empty_json_mapping() -> None:
    data = {
        "logicmodel": 1,
        "title": "T",
        "partnership": {},
        "partners": [{"id": "a", "name": "A"}],
    }
    text = json.dumps(data, indent=2) + "\n"
    draft = Draft.from_text(text, name="m.json")
    after = draft.set("partnership", "focus", "Safety").text
    assert after == text.replace('"partnership": {}', '"partnership": {"focus": "Safety"}')


def test_a_new_section_at_the_end_is_set_apart_as_the_sections_before_it() -> None:
    text = (
        HEAD + "\npartners:\n  - id: a\n    name: A\n\nactivities:\n  - id: one\n    label: One\n"
        "    by: a\n"
    )
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.add("interim", "x", "X").text
    assert after == text + "\ninterim:\n  - id: x\n    label: X\n"


def test_a_new_section_between_sections_not_set_apart_gets_no_blank_line() -> None:
    text = HEAD + "partners:\n  - id: a\n    name: A\ninterim:\n  - id: x\n    label: X\n"
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.add("activities", "one", "One", by="a").text
    assert "    name: A\nactivities:\n  - id: one\n" in after
    assert "    by: a\ninterim:\n" in after


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_block_list_emptied_by_an_unlink_reads_an_empty_list_on_its_key_line(
    newline: str,
) -> None:
    text = HEAD + (
        "partners: [{id: a, name: A}]\nactivities:\n  - id: one\n    label: One\n    by: a\n"
        "    leads_to:\n      - x\ninterim:\n  - {id: x, label: X}\n"
    )
    draft = Draft.from_text(text.replace("\n", newline), name="m.yaml")
    after = draft.unlink("one", "x").text
    assert after == text.replace("    leads_to:\n      - x\n", "    leads_to: []\n").replace(
        "\n", newline
    )


def test_removing_the_only_element_of_a_one_line_list_leaves_empty_brackets() -> None:
    text = HEAD + (
        "partners: [{id: a, name: A}]\nactivities: [{id: one, label: One, by: a}]\n"
        "interim: [{id: x, label: X}]\n"
    )
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.remove("x").text
    assert after == text.replace("[{id: x, label: X}]", "[]")
    assert draft.model.interim == []


def test_a_partner_added_to_a_json_list_written_on_one_line_stays_on_that_line() -> None:
    data = {
        "logicmodel": 1,
        "title": "T",
        "partners": [{"id": "a", "name": "A"}],
        "activities": [{"id": "one", "label": "One", "by": "a"}],
    }
    one_line = '"partners": [{"id": "a", "name": "A"}]'
    text = json.dumps(data, indent=2).replace(
        '"partners": [\n    {\n      "id": "a",\n      "name": "A"\n    }\n  ]', one_line
    )
    assert one_line in text
    draft = Draft.from_text(text + "\n", name="m.json")
    after = draft.add_partner("b", "B").text
    assert after == text.replace(one_line, one_line[:-1] + ', {"id": "b", "name": "B"}]') + "\n"


def test_an_item_with_a_comment_after_its_dash_is_refused_in_one_line_not_left_hanging() -> None:
    text = (
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        "activities:\n  - # the first\n    id: one\n    label: One\n    by: a\n"
    )
    draft = Draft.from_text(text, name="m.yaml")
    with pytest.raises(EditError) as refused:
        draft.add("activities", "two", "Two", by="a")
    assert str(refused.value) == (
        "m.yaml: cannot make this change in place (a list item whose '-' is not found), and "
        "rewriting the file would change its layout elsewhere; make this change by hand"
    )
    assert draft.text == text


def test_a_partnership_added_to_a_json_file_on_one_line_stays_on_that_line() -> None:
    data = {"logicmodel": 1, "title": "T", "partners": [{"id": "a", "name": "A"}]}
    draft = Draft.from_text(json.dumps(data) + "\n", name="m.json")
    after = draft.set("partnership", "focus", "Safety").text
    expected = {"logicmodel": 1, "title": "T", "partnership": {"focus": "Safety"}}
    assert after == json.dumps({**expected, "partners": data["partners"]}) + "\n"


def test_a_partner_removed_from_a_cost_it_bears_first_leaves_the_cost_beside_its_dash() -> None:
    text = HEAD + (
        "partnership:\n  costs:\n    - by: b\n      item: Room hire\n"
        "partners: [{id: a, name: A}, {id: b, name: B}]\n"
    )
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.remove_partner("b", force=True).text
    assert after == HEAD + (
        "partnership:\n  costs:\n    - item: Room hire\npartners: [{id: a, name: A}]\n"
    )
    assert draft.changes == ["removed partner 'b'; dropped it from a cost (by)"]
