"""The one YAML writer: whatever it writes, the loader reads back as it was."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.fileformat.loading import dump_yaml, load, loads
from logicmodel.fileformat.parsing import parse_yaml
from logicmodel.fileformat.writing import generate_yaml, yaml_scalar, yaml_value

from .conftest import SAMPLES

AWKWARD = [
    "",
    " leading space",
    "trailing space ",
    "no",
    "on",
    "null",
    "~",
    "true",
    "0123",
    "1e3",
    "2005",
    "- a list?",
    "[not a list]",
    "{nor a mapping}",
    "key: value",
    "a # comment?",
    "ends with a colon:",
    "'single' and \"double\" quotes",
    "back\\slash",
    "two\nlines",
    "tab\there",
    "*alias",
    "&anchor",
    "!tag",
    "| block",
    "> folded",
    "%directive",
    "@reserved",
    "---",
    "Gàidhlig: Comhairle nan Eilean Siar",
    "<script>alert(1)</script>",
    "\u2028line separator",
    "\x85next line",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_reads_back_as_written_as_a_value_a_key_and_a_list_item(text: str) -> None:
    data = {
        "value": text,
        text or "empty": "as a key",
        "items": [text, text],
        "elements": [{"id": "x", "label": text}],
    }
    for indent_lists in (True, False):
        written = generate_yaml(data, indent_lists=indent_lists)
        assert parse_yaml(written).data == data, written


@settings(max_examples=200, deadline=None)
# Any character but a lone surrogate, which no UTF-8 file can hold.
@given(st.text(st.characters(max_codepoint=0xD7FF) | st.characters(min_codepoint=0xE000)))
def test_any_text_reads_back_as_written(text: str) -> None:
    assert parse_yaml(f"a: {yaml_scalar(text, flow=False)}\n").data == {"a": text}
    assert parse_yaml(f"a: {yaml_value([text], flow=False)}\n").data == {"a": [text]}


def test_lists_of_mappings_are_block_items_under_or_flush_with_their_key() -> None:
    data: dict[str, Any] = {"partners": [{"id": "a", "name": "A"}], "by": ["a", "b"], "none": []}
    assert generate_yaml(data) == "partners:\n  - id: a\n    name: A\nby: [a, b]\nnone: []\n"
    flush = generate_yaml(data, indent_lists=False)
    assert flush == "partners:\n- id: a\n  name: A\nby: [a, b]\nnone: []\n"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_written_as_yaml_loads_as_the_same_model(sample: Any) -> None:
    model = load(sample)
    assert loads(dump_yaml(model), name="m.yaml") == model
