"""The browser editor's `set` refuses a text field given a JSON list, object or true/false with
400 and a message, writing nothing: never Python's spelling of the value ("['a']", "True")."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from logicmodel.fileformat.loading import load
from logicmodel.serving.page_edits import TEXT_FIELDS, Editor, Refused, arguments

from .conftest import FIGURE1

NOT_TEXT: list[Any] = [["a", "b"], True, False, {"a": 1}, []]
# A text field of each kind of thing `set` names: an element, a partner, the partnership and
# the model.
TEXT_TARGETS = [
    ("trust", "label"),
    ("trust", "notes"),
    ("partner-a", "name"),
    ("partnership", "name"),
    ("model", "title"),
]


@pytest.fixture
def model(tmp_path: Path) -> Path:
    target = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, target)
    return target


def request(model: Path, ident: str, field: str, value: Any) -> dict[str, Any]:
    """Return the page's `set` request for the file as it is now."""
    version = hashlib.sha256(model.read_bytes()).hexdigest()
    return {
        "op": "set",
        "args": {"ident": ident, "field": field, "value": value},
        "version": version,
    }


@pytest.mark.parametrize("value", NOT_TEXT, ids=repr)
@pytest.mark.parametrize(("ident", "field"), TEXT_TARGETS)
def test_a_text_field_refuses_what_is_not_text(
    model: Path, ident: str, field: str, value: Any
) -> None:
    before = model.read_bytes()
    with pytest.raises(Refused) as refused:
        Editor(str(model)).edit(request(model, ident, field, value))
    assert refused.value.status == 400
    assert "text" in refused.value.message
    if not isinstance(value, dict):  # an object is no value of any field: refused before
        assert field in refused.value.message
    assert model.read_bytes() == before


def test_text_and_numbers_are_still_set(model: Path) -> None:
    editor = Editor(str(model))
    editor.edit(request(model, "trust", "label", "Trust, built"))
    editor.edit(request(model, "model", "title", 2026))
    loaded = load(model)
    assert loaded.title == "2026"
    assert next(e.label for _, e in loaded.elements() if e.id == "trust") == "Trust, built"


def test_fields_that_take_lists_and_flags_still_do() -> None:
    links = arguments("set", {"ident": "trust", "field": "leads_to", "value": ["a", "b"]})
    assert links["value"] == ["a", "b"]
    flag = arguments("set", {"ident": "trust", "field": "collaborative", "value": True})
    assert flag["value"] is True


def test_the_text_fields_come_from_the_vocabulary() -> None:
    assert {"label", "title", "name", "notes"} <= TEXT_FIELDS
    assert not {"leads_to", "by", "enhances"} & TEXT_FIELDS
