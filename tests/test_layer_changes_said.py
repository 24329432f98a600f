"""What the editing layer says it did, and what it refuses, word for word: each change's line
(the links a new element makes, the places a rename reaches, the links a removal drops), ids
typed in another Unicode form, a partner removed from a JSON file, and a new model saved
without a byte-order mark and edited in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import logicmodel
from logicmodel.editing.layer import Draft, EditError

HEAD = "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}, {id: b, name: B}]\n"
TEXT = HEAD + (
    "activities:\n"
    "  - {id: one, label: One, by: a, leads_to: [x, z]}\n"
    "  - {id: two, label: Two, by: [a, b], leads_to: [x], enhances: [one]}\n"
    "interim:\n  - {id: x, label: X}\n  - {id: z, label: Z}\n"
)


def test_each_change_says_what_it_did() -> None:
    draft = Draft.from_text(TEXT, name="m.yaml")
    draft.add("activities", "three", "Three", by="a", leads_to=["x", "z"])
    draft.rename("x", "xx")
    draft.rename("z", "zz")
    draft.set("two", "id", "t2")
    draft.remove("one", force=True)
    assert draft.changes == [
        "added activity 'three' (leads to x, z)",
        "renamed interim outcome 'x' to 'xx' (4 places)",
        "renamed interim outcome 'z' to 'zz' (3 places)",
        "renamed activity 'two' to 't2' (1 place)",
        "removed activity 'one'; dropped the links from t2 (enhances)",
    ]
    draft.remove("xx", force=True)
    assert draft.changes[-1] == (
        "removed interim outcome 'xx'; dropped the links from t2 (leads_to), three (leads_to)"
    )
    assert draft.model.activities[0].enhances == []


def test_removing_a_linked_element_is_refused_naming_every_link_and_what_it_leads_to() -> None:
    draft = Draft.from_text(TEXT, name="m.yaml")
    with pytest.raises(EditError) as refused:
        draft.remove("x")
    assert str(refused.value) == (
        "m.yaml: interim outcome 'x' is linked from 'one' (leads_to), 'two' (leads_to): use "
        "--relink to join them to what it leads to (it leads nowhere), or --force to drop "
        "those links"
    )
    with pytest.raises(EditError, match=r"is linked from 'two' \(enhances\): .* \(x, z\), or"):
        draft.remove("one")
    assert draft.text == TEXT


def test_ids_typed_in_another_unicode_form_are_read_as_the_loader_reads_them() -> None:
    draft = Draft.from_text(TEXT, name="m.yaml")
    draft.link("ｔwo", "ｚ")
    assert draft.model.activities[1].leads_to == ["x", "z"]
    draft.add("activities", "ｆour", "Four", by="a")
    assert draft.changes[-1] == (
        "added activity 'four' (written as 'four', the NFKC form the loader reads 'ｆour' as)"
    )
    draft.set("ｆour", "notes", "N")
    assert draft.model.activities[2].notes == "N"


def test_a_field_set_cannot_change_is_refused_listing_those_it_can() -> None:
    draft = Draft.from_text(TEXT, name="m.yaml")
    with pytest.raises(EditError) as refused:
        draft.set("two", "colour", "red")
    assert str(refused.value) == (
        "m.yaml: 'colour' is not a field `set` changes on an element; it takes id, label, by, "
        "collaborative, lead, category, notes, source, theme"
    )


def test_a_partner_is_removed_from_a_json_file_in_place() -> None:
    data = {
        "logicmodel": 1,
        "title": "T",
        "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "activities": [{"id": "one", "label": "One", "by": "a"}],
    }
    draft = Draft.from_text(json.dumps(data, indent=2) + "\n", name="m.json")
    draft.remove_partner("b")
    data["partners"].pop()  # type: ignore[attr-defined]
    assert draft.text == json.dumps(data, indent=2) + "\n"
    assert draft.changes == ["removed partner 'b'"]


def test_a_new_model_is_saved_without_a_byte_order_mark_and_edited_in_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.yaml"
    logicmodel.new("T", partners={"a": "A"}).save(path)
    assert path.read_bytes().startswith(b"# T: ")
    with logicmodel.edit(path) as draft:
        draft.set("model", "area", "Anytown")
    assert logicmodel.load(str(path)).area == "Anytown"
    assert path.read_bytes().startswith(b"# T: ")
