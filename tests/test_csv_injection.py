"""CSV cells that a spreadsheet could run as a formula are written after an apostrophe, cells
holding a CR, LF or quote are quoted, and import takes the apostrophe away: labels such as
"\\r=1+1", "\\t=1" or "  =1" survive YAML -> CSV (and XLSX) -> YAML exactly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from logicmodel.analysis.results import format_csv
from logicmodel.cli import cli
from logicmodel.fileformat.cells import csv_rows, formula_guarded, unguarded
from logicmodel.fileformat.importing import load_workbook_model
from logicmodel.fileformat.loading import load
from logicmodel.models import LogicModel

LABELS = [
    "\r=1+1",
    "\t=1+1",
    "  =1+1",
    " \t@SUM(A1)",
    "\n=1",
    "+1",
    "-1 degrees",
    "@home",
    '=HYPERLINK("http://x.invalid","y")',
    "a\r=b",
    "a\r\n=b",
    "'=quoted",
    "''=twice",
    "'plain",
    "'",
    "''",
    "Sràid",
]


def starts_a_formula(cell: str) -> bool:
    """Return whether a spreadsheet could run a cell as a formula (OWASP's list)."""
    if cell.startswith(("\t", "\r")):
        return True
    rest = "".join(c for c in cell if c.isprintable() and not c.isspace())
    return rest[:1] in ("=", "+", "-", "@")


def odd_model(tmp_path: Path) -> Path:
    """Return a model file whose inputs carry the LABELS."""
    lines = ["logicmodel: 1", "title: Odd labels", "partners: [{id: a, name: A}]", "inputs:"]
    for index, label in enumerate(LABELS):
        lines.append(f"  - {{id: i{index}, label: {json.dumps(label)}, by: a, leads_to: [o]}}")
    lines.append("interim: [{id: o, label: Out}]")
    source = tmp_path / "odd.yaml"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    assert [e.label for e in load(source).inputs] == LABELS
    return source


def facts(model: LogicModel) -> list[tuple[str, dict[str, object]]]:
    """Return what an elements CSV carries of each element: all but its indicators."""
    return [(stage.value, e.model_dump(exclude={"indicators"})) for stage, e in model.elements()]


def export(source: Path, fmt: str, target: str) -> None:
    result = CliRunner().invoke(cli, ["export", str(source), "--format", fmt, "-o", target])
    assert result.exit_code == 0, result.output


def test_labels_survive_yaml_csv_yaml_exactly(tmp_path: Path) -> None:
    source = odd_model(tmp_path)
    export(source, "csv", f"{tmp_path / 'tables'}/")
    target = tmp_path / "back.yaml"
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path / "tables" / "elements.csv"), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert facts(load(target)) == facts(load(source))
    assert [e.label for e in load(target).inputs] == LABELS


def test_no_csv_cell_starts_a_formula_even_where_a_cr_ends_a_line(tmp_path: Path) -> None:
    source = odd_model(tmp_path)
    export(source, "csv", f"{tmp_path / 'tables'}/")
    for name in ("elements.csv", "nodes.csv"):
        text = (tmp_path / "tables" / name).read_bytes().decode("utf-8-sig")
        exact = list(csv.reader(io.StringIO(text, newline="")))
        # A reader that takes a lone CR for a line end: quoted cells keep it inside them.
        universal = list(csv.reader(io.StringIO(text, newline=None)))
        assert len(universal) == len(exact) == len(LABELS) + 2, name
        for row in exact + universal:
            assert not [cell for cell in row if starts_a_formula(cell)], (name, row)
        column = exact[0].index("label")
        labels = {unguarded(row[column]) for row in exact[1:]}
        assert set(LABELS) <= labels, name


def test_the_xlsx_export_has_no_formula_and_reads_back(tmp_path: Path) -> None:
    source = odd_model(tmp_path)
    target = tmp_path / "odd.xlsx"
    export(source, "xlsx", str(target))
    book = openpyxl.load_workbook(target)
    formulas = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    # The sheet's XML turns a CR into a line feed, and import trims a cell's spaces (typed
    # spaces in a spreadsheet are slips); a cell left as exported reads back exactly, from the
    # record of the model the workbook keeps.
    back = [e.label for e in load_workbook_model(str(target)).inputs]
    assert back == LABELS


@given(st.text())
def test_the_guard_is_reversible_and_leaves_no_formula(text: str) -> None:
    guarded = formula_guarded(text)
    assert unguarded(guarded) == text
    assert not starts_a_formula(guarded)


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_csv_row_reads_back_as_written(cells: list[str]) -> None:
    written = format_csv([{f"c{i}": cell for i, cell in enumerate(cells)}])
    rows = list(csv_rows(written, "t.csv", ","))
    assert [str(cell) for cell in rows[1]] == cells
    for row in csv.reader(io.StringIO(written, newline=None)):
        assert not [cell for cell in row if starts_a_formula(cell)]
