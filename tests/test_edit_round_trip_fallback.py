"""When the splicer cannot edit in place, ruamel.yaml's round trip may: only when it writes the
rest of the file exactly (quotes, long lines, list indents, comments, CRLF), else it refuses."""

from __future__ import annotations

from typing import Any

import pytest

from logicmodel.editing.errors import EditError
from logicmodel.editing.roundtrip import round_trip
from logicmodel.editing.spans import parse_tree

LONG = " ".join(["Long name"] * 12)
TEXT = (
    "title: 'Quoted title'\n"
    "# about the partners\n"
    "partners:\n"
    "  - id: council  # the lead\n"
    f"    name: {LONG}\n"
    "  - id: police\n"
    "    name: Police\n"
)
REFUSE = "m.yaml: cannot change its layout"


def _rename_police(data: Any) -> None:
    data["partners"][1]["name"] = "Constabulary"


def _drop_council(data: Any) -> None:
    del data["partners"][0]


def test_the_rest_of_the_file_is_kept_exactly() -> None:
    result = round_trip(parse_tree(TEXT, "yaml"), _rename_police, REFUSE, removes=False)
    assert result == TEXT.replace("name: Police", "name: Constabulary")


def test_a_crlf_file_stays_crlf() -> None:
    crlf = TEXT.replace("\n", "\r\n")
    result = round_trip(parse_tree(crlf, "yaml"), _rename_police, REFUSE, removes=False)
    assert result == crlf.replace("name: Police", "name: Constabulary")


def test_mixed_line_endings_are_refused() -> None:
    mixed = TEXT.replace("\n", "\r\n").replace("\r\n", "\n", 1)
    with pytest.raises(EditError, match=f"^{REFUSE}$"):
        round_trip(parse_tree(mixed, "yaml"), _rename_police, REFUSE, removes=False)


def test_a_layout_the_round_trip_would_change_is_refused() -> None:
    with pytest.raises(EditError, match=f"^{REFUSE}$"):
        round_trip(
            parse_tree("title:   spaced\n", "yaml"), lambda data: None, REFUSE, removes=False
        )


def test_losing_a_comment_is_refused_unless_the_edit_removes_its_place() -> None:
    with pytest.raises(EditError, match="^m.yaml: cannot lose a comment$"):
        round_trip(parse_tree(TEXT, "yaml"), _drop_council, REFUSE, removes=False)
    result = round_trip(parse_tree(TEXT, "yaml"), _drop_council, REFUSE, removes=True)
    assert result == (
        "title: 'Quoted title'\n# about the partners\npartners:\n  - id: police\n    name: Police\n"
    )


def test_a_change_that_fails_is_refused_in_one_line() -> None:
    def missing(data: Any) -> None:
        data["nowhere"]["x"] = 1

    with pytest.raises(EditError, match=f"^{REFUSE} \\('nowhere'\\)$"):
        round_trip(parse_tree(TEXT, "yaml"), missing, REFUSE, removes=False)
