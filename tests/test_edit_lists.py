"""Links and list items edited in place, in the layout each list already has."""

from __future__ import annotations

from logicmodel.editing.layer import Draft

HEAD = "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}, {id: b, name: B}]\n"
OUTCOMES = "interim:\n  - {id: x, label: X}\n  - {id: z, label: Z}\n"


def edited(text: str) -> Draft:
    return Draft.from_text(HEAD + text + OUTCOMES, name="m.yaml")


def test_a_link_into_an_empty_list_writes_the_id_inside_its_brackets() -> None:
    draft = edited("activities:\n  - id: one\n    label: One\n    by: a\n    leads_to: []\n")
    assert "    leads_to: [x]\n" in draft.link("one", "x").text


def test_a_link_into_a_null_list_writes_a_list_after_its_own_key() -> None:
    draft = edited(
        "activities:\n  - id: one\n    label: One\n    by: a\n    leads_to: ~\n    notes: N\n"
    )
    text = draft.link("one", "x").text
    assert "    by: a\n    leads_to: [x]\n    notes: N\n" in text


def test_a_link_into_a_list_written_one_id_a_line_adds_a_line() -> None:
    draft = edited(
        "activities:\n  - id: one\n    label: One\n    by: a\n    leads_to: [\n      x\n    ]\n"
    )
    assert "    leads_to: [\n      x,\n      z\n    ]\n" in draft.link("one", "z").text


def test_a_link_from_an_element_whose_links_an_alias_shares_leaves_the_other_user_alone() -> None:
    draft = edited(
        "activities:\n"
        "  - {id: one, label: One, by: a, leads_to: &both [x]}\n"
        "  - {id: two, label: Two, by: b, leads_to: *both}\n"
    )
    draft.link("two", "z")
    assert draft.model.activities[1].leads_to == ["x", "z"]
    assert draft.model.activities[0].leads_to == ["x"]
    draft.unlink("two", "x")
    assert draft.model.activities[1].leads_to == ["z"]


def test_an_element_added_to_a_list_spaced_by_blank_lines_is_spaced_too() -> None:
    draft = edited(
        "activities:\n"
        "  - {id: one, label: One, by: a, leads_to: [x]}\n"
        "\n"
        "  - {id: two, label: Two, by: b, leads_to: [z]}\n"
    )
    text = draft.add("activities", "three", "Three", by="a").text
    assert "  - {id: two, label: Two, by: b, leads_to: [z]}\n\n  - " in text


def test_a_new_field_of_text_with_a_comma_is_written_plain() -> None:
    draft = edited("activities:\n  - id: one\n    label: One\n    by: a\n")
    text = draft.set("one", "notes", "Fewer incidents, more trust").text
    assert "    notes: Fewer incidents, more trust\n" in text


def test_a_link_into_an_empty_list_stays_on_its_line_beside_lists_written_one_id_a_line() -> None:
    draft = edited(
        "activities:\n"
        '  - id: one\n    label: One\n    by: [\n      "a",\n      "b"\n    ]\n'
        "  - id: two\n    label: Two\n    by: a\n    leads_to: []\n"
    )
    assert "    leads_to: [x]\n" in draft.link("two", "x").text


def test_a_value_with_an_anchor_nothing_repeats_is_set_in_place() -> None:
    text = "logicmodel: 1\ntitle:   &t Old title   # the title\npartners: [{id: a,   name: A}]\n"
    draft = Draft.from_text(text, name="m.yaml")
    assert draft.set("model", "title", "New title").text == text.replace("Old", "New")


def test_a_block_of_text_is_replaced_up_to_its_last_line_whatever_follows_it() -> None:
    text = (
        HEAD + "activities:\n  - id: one\n    label: One\n    by: a\n    notes: |\n      Line one\n"
        "      Line two\n\n  - {id: two, label: A + B, by: b}\n" + OUTCOMES
    )
    draft = Draft.from_text(text, name="m.yaml")
    new = draft.set("one", "notes", "New one\nNew two\n").text
    assert new == text.replace("Line one\n      Line two", "New one\n      New two")
    crlf = text.replace("\n", "\r\n")
    draft = Draft.from_text(crlf, name="m.yaml")
    new = draft.set("one", "notes", "New one\nNew two\n").text
    assert new == crlf.replace("Line one\r\n      Line two", "New one\r\n      New two")


def test_a_hash_inside_quoted_text_is_no_comment_and_the_text_is_set_in_place() -> None:
    text = (
        "logicmodel: 1\ntitle: T\npartners: [{id: a,   name: A}]\n"
        'activities:\n  - {id: one, label: "Joint #1 work", by: a}\n'
    )
    draft = Draft.from_text(text, name="m.yaml")
    new = draft.set("one", "label", "Joint #2 work").text
    assert new == text.replace("#1", "#2")
