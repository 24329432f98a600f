"""Edits next to text that looks like YAML syntax: a '#' inside quotes, a '+' after a block of
text, a block that keeps its blank lines under CRLF. Each file has a title written with extra
spaces, a layout ruamel.yaml's round trip would change, so the edit must be made in place."""

from __future__ import annotations

from logicmodel.editing.layer import Draft

HEAD = "logicmodel: 1\ntitle:   T\npartners: [{id: a, name: A}]\n"


def test_a_hash_inside_quoted_text_is_not_a_comment_that_stops_an_unset() -> None:
    text = (
        HEAD + 'activities:\n  - notes: "Call #2 first"\n    id: one\n    label: One\n    by: a\n'
    )
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.unset("one", "notes").text
    assert after == HEAD + "activities:\n  - id: one\n    label: One\n    by: a\n"


def test_a_hash_inside_quoted_text_in_a_one_line_item_is_not_a_comment_either() -> None:
    text = HEAD + 'activities:\n  - {id: one, notes: "Call #2 first", label: One, by: a}\n'
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.unset("one", "notes").text
    assert after == HEAD + "activities:\n  - {id: one, label: One, by: a}\n"


def test_a_block_of_text_set_anew_keeps_the_blank_line_after_it_whatever_follows() -> None:
    # A '+' further on (in a label) is not the block's keep-blank-lines mark: only its header's.
    text = HEAD + (
        "activities:\n  - id: one\n    label: Jobs + skills\n    by: a\n"
        "    notes: |\n      old\n\n    leads_to: []\n"
    )
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.set("one", "notes", "new\nline").text
    assert "    notes: |-\n      new\n      line\n\n    leads_to: []\n" in after
    assert after.replace("|-\n      new\n      line", "|\n      old") == text


def test_a_plus_inside_a_block_of_text_is_not_its_keep_blank_lines_mark() -> None:
    text = HEAD + (
        "activities:\n  - id: one\n    label: One\n    by: a\n"
        "    notes: |\n      Jobs + skills\n\n    leads_to: []\n"
    )
    draft = Draft.from_text(text, name="m.yaml")
    after = draft.set("one", "notes", "Jobs\nand skills").text
    assert after == text.replace("|\n      Jobs + skills", "|-\n      Jobs\n      and skills")


def test_a_block_that_keeps_its_blank_lines_is_replaced_whole_under_crlf() -> None:
    text = HEAD + (
        "activities:\n  - id: one\n    label: One\n    by: a\n"
        "    notes: |+\n      old\n\n    leads_to: []\n"
    )
    crlf = text.replace("\n", "\r\n")
    draft = Draft.from_text(crlf, name="m.yaml")
    assert draft.model.activities[0].notes == "old\n\n"
    after = draft.set("one", "notes", "new\n\n").text
    assert after == crlf.replace("old", "new")
    assert Draft.from_text(after, name="m.yaml").model.activities[0].notes == "new\n\n"
