"""Mermaid labels: every character Mermaid reads as syntax comes out as its #code; entity."""

from __future__ import annotations

import re

import pytest

from logicmodel.analysis.tracing import trace
from logicmodel.models import LogicModel
from logicmodel.renderers.mermaid import escape, generate_mermaid, node_ids

# Mermaid's entity form is `#` + decimal code point + `;`, so `#` itself must be escaped:
# a bare `#hash;` in a label would read as the start of an entity.
SPECIALS = '"#<>&`{}[]|()\\;:'


@pytest.mark.parametrize("char", list(SPECIALS))
def test_each_special_character_is_written_as_its_entity(char: str) -> None:
    assert escape(f"a{char}b") == f"a#{ord(char)};b"


def test_hash_is_escaped_so_a_label_cannot_fake_an_entity() -> None:
    assert escape("#") == "#35;"
    assert escape("Room #5") == "Room #35;5"
    assert escape("#35;") == "#35;35#59;"
    assert escape("#quot;") == "#35;quot#59;"


def test_plain_text_is_kept_and_whitespace_folds_to_one_line() -> None:
    assert escape("Sràidean nas sàbhailte – ok, 100% & more") == (
        "Sràidean nas sàbhailte – ok, 100% #38; more"
    )
    assert escape("  two\nlines\t here ") == "two lines here"


def test_escape_leaves_no_bare_special_character() -> None:
    text = escape(SPECIALS * 2 + " #hash; `tick`")
    entities = re.sub(r"#\d+;", "", text)
    assert not set(entities) & set(SPECIALS), entities


def _model(label: str, gain: str) -> LogicModel:
    return LogicModel.model_validate(
        {
            "logicmodel": 1,
            "title": "Title with # and [brackets]",
            "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "activities": [
                {"id": "own", "label": "Own", "by": "a", "leads_to": ["o.1"]},
                {"id": "joint", "label": label, "by": ["a", "b"], "leads_to": ["o.1"]},
            ],
            "interim": [{"id": "o.1", "label": label, "gain": gain}],
        }
    )


def test_labels_gains_and_title_with_hash_come_out_escaped() -> None:
    model = _model("Issue #12: fix (soon)", "Gain #1")
    text = generate_mermaid(model, trace(model))
    ids = node_ids(model)
    assert ids["o.1"] == "n2_o_1"
    assert f'    {ids["joint"]}["Issue #35;12#58; fix #40;soon#41;"]' in text.splitlines()
    assert (
        f'    {ids["o.1"]}["Issue #35;12#58; fix #40;soon#41;<br/><i>Gain #35;1</i>"]'
        in text.splitlines()
    )
    assert "  %% Title with #35; and #91;brackets#93;" in text.splitlines()
    # Outside entities and the colour codes of classDef lines, no `#` is left.
    body = [line for line in text.splitlines() if not line.lstrip().startswith("classDef")]
    assert "#" not in re.sub(r"#\d+;", "", "\n".join(body))
