"""Every result's tables read the same: aligned text, Markdown a viewer shows as written, an
HTML table for notebooks, numbers for people, and a refusal naming the report formats."""

from __future__ import annotations

import pytest

from logicmodel.analysis.results import (
    REPORT_FORMATS,
    format_markdown,
    format_table,
    html_table,
    people_cells,
    people_number,
    verify_format,
)

ROWS = [
    {"id": "a", "partners": ["council", "police"], "joint": True, "note": None},
    {"id": "b", "partners": [], "joint": False, "note": "x|y"},
]
COLUMNS = {"id": "id", "partners": "partners", "joint": "joint", "note": "note"}


@pytest.mark.parametrize("name", ["text", "csv", "json", "markdown"])
def test_each_report_format_is_accepted(name: str) -> None:
    assert verify_format(name) == name


def test_an_unknown_format_is_refused_naming_the_formats() -> None:
    with pytest.raises(ValueError, match=r"unknown format 'xml': choose from text, csv, json"):
        verify_format("xml")
    assert REPORT_FORMATS == ("text", "csv", "json", "markdown")


@pytest.mark.parametrize(
    ("value", "signed", "shown"),
    [
        (-0.0, False, "0"),
        (0, True, "0"),
        (0.0004, False, "0.0004"),
        (-0.5, False, "-0.5"),
        (2.0, True, "+2"),
        (-2.0, True, "-2"),
        (1234.56, False, "1,234.6"),
        (None, False, ""),
    ],
)
def test_numbers_read_as_people_write_them(value: float | None, signed: bool, shown: str) -> None:
    assert people_number(value, signed=signed) == shown


def test_a_long_label_is_clipped_with_an_ellipsis_and_a_short_one_kept() -> None:
    rows = [{"label": "x" * 12}, {"label": "y" * 10}]
    assert people_cells(rows, {"label": "label"}, label_width=10) == [
        ["x" * 9 + "…"],
        ["y" * 10],
    ]


def test_text_tables_line_up_under_their_headings() -> None:
    assert format_table(ROWS, COLUMNS, "2 rows").split("\n") == [
        "id  partners         joint  note",
        "--  ---------------  -----  ----",
        "a   council, police  yes",
        "b                    no     x|y",
        "",
        "2 rows",
    ]


def test_markdown_tables_escape_cells_and_keep_their_frame() -> None:
    assert format_markdown(ROWS, COLUMNS, "2 *rows*").split("\n") == [
        "| id | partners | joint | note |",
        "|---|---|---|---|",
        "| a | council, police | yes |  |",
        "| b |  | no | x\\|y |",
        "",
        "2 \\*rows\\*",
    ]


def test_html_tables_show_lists_flags_and_blanks() -> None:
    assert html_table(ROWS, COLUMNS, "two <rows>") == (
        "<table><caption>two &lt;rows&gt;</caption>"
        "<thead><tr><th>id</th><th>partners</th><th>joint</th><th>note</th></tr></thead>"
        "<tbody><tr><td>a</td><td>council, police</td><td>yes</td><td></td></tr>"
        "<tr><td>b</td><td></td><td>no</td><td>x|y</td></tr></tbody></table>"
    )
