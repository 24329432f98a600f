"""`move` in the layouts people write: lists indented differently, a file with no last line
break, items one a line in [...] with their comments, an item spread over lines, an empty or
missing section, a reorder within a list, a JSON file on one line. Each YAML file writes its
title with extra spaces, a layout ruamel.yaml's round trip would change, so each move must be
made in place, and each result is the whole file."""

from __future__ import annotations

import json

from logicmodel.editing.layer import Draft

HEAD = "logicmodel: 1\ntitle:   T\npartners: [{id: a, name: A}]\n"


def moved(text: str, ident: str, stage: str, after: str | None = None) -> str:
    draft = Draft.from_text(text, name="m.yaml")
    return draft.move(ident, stage, after=after).text


def test_a_move_takes_the_indentation_of_the_list_it_joins_at_the_end_of_a_file() -> None:
    text = HEAD + (
        "interim:\n    - id: x\n      label: X\n    - id: y\n      label: Y\n"
        "intermediate:\n  - id: z\n    label: Z"
    )
    assert moved(text, "x", "intermediate") == HEAD + (
        "interim:\n    - id: y\n      label: Y\n"
        "intermediate:\n  - id: z\n    label: Z\n  - id: x\n    label: X"
    )


def test_a_move_into_a_missing_section_at_the_end_of_a_file_makes_the_section() -> None:
    text = HEAD + "interim:\n  - id: x\n    label: X\n  - id: y\n    label: Y"
    assert moved(text, "x", "intermediate") == HEAD + (
        "interim:\n  - id: y\n    label: Y\nintermediate:\n  - id: x\n    label: X"
    )


def test_a_move_into_an_empty_section_fills_it() -> None:
    text = HEAD + "interim:\n  - id: x\n    label: X\n  - id: y\n    label: Y\nintermediate: []\n"
    assert moved(text, "x", "intermediate") == HEAD + (
        "interim:\n  - id: y\n    label: Y\nintermediate:\n  - id: x\n    label: X\n"
    )


def test_an_item_one_a_line_in_brackets_moves_with_the_comment_beside_it() -> None:
    text = HEAD + (
        "interim: [\n  {id: x, label: X},  # the first\n  {id: y, label: Y}\n]\n"
        "intermediate:\n  - id: z\n    label: Z\n"
    )
    assert moved(text, "x", "intermediate") == HEAD + (
        "interim: [\n  {id: y, label: Y}\n]\n"
        "intermediate:\n  - id: z\n    label: Z\n  - {id: x, label: X}  # the first\n"
    )


def test_an_item_spread_over_lines_keeps_its_lines_lined_up_in_the_list_it_joins() -> None:
    text = HEAD + (
        "interim: [{id: x,\n           label: X}, {id: y, label: Y}]\n"
        "intermediate: [\n    {id: z, label: Z}]\n"
    )
    assert moved(text, "x", "intermediate") == HEAD + (
        "interim: [{id: y, label: Y}]\n"
        "intermediate: [\n    {id: z, label: Z},\n    {id: x,\n     label: X}]\n"
    )


def test_a_reorder_within_a_list_puts_the_element_after_the_one_named() -> None:
    block = (
        HEAD
        + "interim:\n  - id: x\n    label: X\n  - id: y\n    label: Y\n  - id: w\n    label: W\n"
    )
    assert moved(block, "x", "interim", after="y") == HEAD + (
        "interim:\n  - id: y\n    label: Y\n  - id: x\n    label: X\n  - id: w\n    label: W\n"
    )
    flow = HEAD + "interim: [{id: x, label: X}, {id: y, label: Y}, {id: w, label: W}]\n"
    assert moved(flow, "x", "interim", after="y") == HEAD + (
        "interim: [{id: y, label: Y}, {id: x, label: X}, {id: w, label: W}]\n"
    )


def test_a_move_in_a_json_file_on_one_line_into_an_empty_section() -> None:
    data = {
        "logicmodel": 1,
        "title": "T",
        "partners": [{"id": "a", "name": "A"}],
        "intermediate": [],
        "interim": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
    }
    draft = Draft.from_text(json.dumps(data) + "\n", name="m.json")
    data["intermediate"] = [data["interim"].pop(0)]  # type: ignore[attr-defined]
    assert draft.move("x", "intermediate").text == json.dumps(data) + "\n"
