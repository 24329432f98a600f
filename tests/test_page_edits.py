"""The browser editor's edits: checked, written through the editing layer, never over a change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from logicmodel.fileformat.loading import load
from logicmodel.serving.page_edits import CONFLICT, Editor, Refused, version_of

from .conftest import FIGURE1


@pytest.fixture
def model(tmp_path: Path) -> Path:
    copy = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, copy)
    return copy


def edit(editor: Editor, path: Path, op: str, **args: object) -> dict[str, object]:
    return editor.edit({"op": op, "args": args, "version": version_of(path.read_bytes())})


def refused(editor: Editor, request: object) -> Refused:
    with pytest.raises(Refused) as caught:
        editor.edit(request)
    return caught.value


def test_an_edit_is_written_keeping_comments(model: Path) -> None:
    comments = [line for line in model.read_text().splitlines() if line.lstrip().startswith("#")]
    answer = edit(Editor(str(model)), model, "set", ident="trust", field="label", value="Trust")
    assert answer["ok"] and answer["version"] == version_of(model.read_bytes())
    assert load(model).interim[7].label == "Trust"
    kept = [line for line in model.read_text().splitlines() if line.lstrip().startswith("#")]
    assert kept == comments


def test_an_edit_against_an_old_version_is_refused_and_nothing_written(model: Path) -> None:
    editor = Editor(str(model))
    old = version_of(model.read_bytes())
    edit(editor, model, "set", ident="trust", field="label", value="First")
    after_first = model.read_bytes()
    late = refused(
        editor,
        {
            "op": "set",
            "args": {"ident": "trust", "field": "label", "value": "Second"},
            "version": old,
        },
    )
    assert late.status == 409 and late.message == CONFLICT
    assert model.read_bytes() == after_first


def test_a_refused_edit_says_why_in_the_loader_s_words(model: Path) -> None:
    editor = Editor(str(model))
    before = model.read_bytes()
    with pytest.raises(Refused) as caught:
        edit(editor, model, "link", source="trust", target="pooled-resources")
    assert caught.value.status == 422 and "links back" in caught.value.message
    assert not caught.value.message.startswith(str(model))
    assert model.read_bytes() == before


def test_undo_and_redo_restore_exact_bytes(model: Path) -> None:
    editor = Editor(str(model))
    original = model.read_bytes()
    edit(editor, model, "set", ident="trust", field="label", value="One")
    one = model.read_bytes()
    edit(editor, model, "rename", old="trust", new="mutual-trust")
    two = model.read_bytes()
    assert edit(editor, model, "undo")["redo"] is True
    assert model.read_bytes() == one
    edit(editor, model, "undo")
    assert model.read_bytes() == original
    with pytest.raises(Refused, match="nothing to undo"):
        edit(editor, model, "undo")
    edit(editor, model, "redo")
    edit(editor, model, "redo")
    assert model.read_bytes() == two


def test_undo_is_refused_once_the_file_moved_on(model: Path) -> None:
    editor = Editor(str(model))
    edit(editor, model, "set", ident="trust", field="label", value="One")
    model.write_text(model.read_text().replace("label: One", "label: Typed by hand"))
    by_hand = model.read_bytes()
    late = refused(editor, {"op": "undo", "version": version_of(model.read_bytes())})
    assert late.status == 409
    assert model.read_bytes() == by_hand


def test_a_new_edit_clears_what_could_be_redone(model: Path) -> None:
    editor = Editor(str(model))
    edit(editor, model, "set", ident="trust", field="label", value="One")
    edit(editor, model, "undo")
    edit(editor, model, "set", ident="trust", field="label", value="Two")
    with pytest.raises(Refused, match="nothing to redo"):
        edit(editor, model, "redo")


@pytest.mark.parametrize(
    ("request_body", "status"),
    [
        ("not an object", 400),
        ({"op": "set"}, 400),  # no version
        ({"op": "explode", "args": {}, "version": "x"}, 400),
        ({"op": "set", "args": [], "version": "x"}, 400),
        ({"op": "remove", "args": {"ident": "trust", "path": "/etc/passwd"}, "version": "x"}, 400),
        ({"op": "link", "args": {"source": "a", "target": 3}, "version": "x"}, 400),
        ({"op": "remove", "args": {"ident": "trust", "relink": "yes"}, "version": "x"}, 400),
        ({"op": "add", "args": {"stage": "inputs", "id": "x"}, "version": "x"}, 422),
    ],
)
def test_malformed_requests_are_refused_before_any_reading(
    model: Path, request_body: object, status: int
) -> None:
    before = model.read_bytes()
    assert refused(Editor(str(model)), request_body).status == status
    assert model.read_bytes() == before


def test_every_op_goes_through(model: Path) -> None:
    editor = Editor(str(model))
    edit(editor, model, "add_partner", id="partner-d", name="Partner D", short="D")
    edit(editor, model, "add", stage="activities", id="d-work", label="D's work", by=["partner-d"])
    edit(editor, model, "link", source="d-work", target="trust")
    edit(editor, model, "move", ident="d-work", stage="activities", after="joint-diagnosis")
    edit(editor, model, "set", ident="trust", field="gain", value="Trust built together")
    edit(editor, model, "unset", ident="trust", field="gain")
    edit(editor, model, "unlink", source="d-work", target="trust")
    edit(editor, model, "rename_partner", old="partner-d", new="partner-e")
    edit(editor, model, "remove", ident="d-work", relink=True)
    edit(editor, model, "remove_partner", ident="partner-e")
    assert load(model) == load(FIGURE1)
