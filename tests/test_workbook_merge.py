"""`import WORKBOOK --into MODEL`: a workbook edited by a person comes home to the model file
with exactly its changes, the file's comments and layout kept, and a clash with a change made to
the file since the export refused with its cell and its line."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

import logicmodel
from logicmodel.cli import cli
from logicmodel.status import ExitStatus

from .conftest import ROOT

SAMPLE = ROOT / "samples" / "aberdeen-community-safety.yaml"


def run(runner: CliRunner, *args: Any) -> Result:
    return runner.invoke(cli, [str(arg) for arg in args])


def exported(runner: CliRunner, folder: Path, text: str | None = None) -> tuple[Path, Path]:
    """Return a copy of the commented sample (or `text`) and its workbook, as exported."""
    model = folder / "model.yaml"
    if text is None:
        shutil.copy(SAMPLE, model)
    else:
        model.write_text(text, encoding="utf-8")
    book = folder / "model.xlsx"
    result = run(runner, "export", model, "--format", "xlsx", "-o", book)
    assert result.exit_code == 0, result.output
    return model, book


def header(sheet: Any) -> list[str]:
    return [cell.value for cell in sheet[1]]


def row_of(sheet: Any, column: str, value: str) -> Any:
    """Return the first row whose `column` holds `value`."""
    index = header(sheet).index(column)
    return next(row for row in sheet.iter_rows(min_row=2) if row[index].value == value)


def edit_like_a_planner(book_file: Path) -> None:
    """Change a label and an actual, add an element with its link, remove a link, add a cost."""
    book = openpyxl.load_workbook(book_file)
    elements = book["Elements"]
    row_of(elements, "id", "tailored-services")[
        header(elements).index("label")
    ].value = "Services tailored to each neighbourhood"
    elements.append(["activities", "joint-patrols", "Joint weekend patrols", "police, council"])
    indicators = book["Indicators"]
    actuals = row_of(indicators, "element", "city-centre-team")[header(indicators).index("actuals")]
    actuals.value = "2008 = 22, 2009 = 24"
    links = book["Links"]
    gone = [
        row[0].row
        for row in links.iter_rows(min_row=2)
        if (row[0].value, row[1].value) == ("tailored-services", "safer")
    ]
    assert len(gone) == 1
    links.delete_rows(gone[0])
    links.append(["joint-patrols", "safer", "leads_to"])
    book["Costs"].append(["Analyst time", 12000, None, "pounds a year", "police"])
    book.save(book_file)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Return the lines a change took away and those it added."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return (
        [line[2:] for line in diff if line.startswith("- ")],
        [line[2:] for line in diff if line.startswith("+ ")],
    )


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_a_workbook_merges_back_with_exactly_its_changes(runner: CliRunner, tmp_path: Path) -> None:
    model, book = exported(runner, tmp_path)
    before = model.read_text(encoding="utf-8")
    edit_like_a_planner(book)
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    after = model.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == [
        "        actuals: {2008: 22}",
        "    label: Services tailored to each community",
        "    leads_to: [coordinated-services, safer]",
    ]
    assert added == [
        "  costs:",
        "    - item: Analyst time",
        "      amount: 12000",
        "      unit: pounds a year",
        "      by: police",
        "  - id: joint-patrols",
        "    label: Joint weekend patrols",
        "    by: [police, council]",
        "    leads_to: [safer]",
        "        actuals: {2008: 22, 2009: 24}",
        "    label: Services tailored to each neighbourhood",
        "    leads_to: [coordinated-services]",
    ]
    assert comments(after) == comments(before) and comments(before)
    merged = logicmodel.load(model)
    activity = next(a for a in merged.activities if a.id == "joint-patrols")
    assert activity.by == ["police", "council"] and activity.leads_to == ["safer"]
    assert merged.partnership.costs[0].amount == 12000


def test_logicmodel_diff_shows_exactly_the_workbooks_changes(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    original = tmp_path / "original.yaml"
    shutil.copy(model, original)
    edit_like_a_planner(book)
    assert run(runner, "import", book, "--into", model).exit_code == 0
    said = run(runner, "diff", original, model).output.splitlines()
    changes = sorted(line.split(":")[0] for line in said if line[:2] in ("+ ", "- ", "~ "))
    assert changes == [
        "+ activity 'joint-patrols'",
        "+ link joint-patrols -> safer (leads_to)",
        "- link tailored-services -> safer (leads_to)",
        "~ output 'city-centre-team'",
        "~ output 'tailored-services'",
        "~ partnership costs",
    ]


def test_dry_run_prints_the_diff_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    model, book = exported(runner, tmp_path)
    before = model.read_bytes()
    edit_like_a_planner(book)
    result = run(runner, "import", book, "--into", model, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+    label: Services tailored to each neighbourhood" in result.output
    assert "-    leads_to: [coordinated-services, safer]" in result.output
    assert model.read_bytes() == before


def test_a_clash_with_the_file_changed_since_export_is_refused_with_its_cell_and_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    edit_like_a_planner(book)
    text = model.read_text(encoding="utf-8")
    old = "    label: Services tailored to each community\n"
    changed = text.replace(old, "    label: Services tailored to every community\n")
    model.write_text(changed, encoding="utf-8")
    line = changed[: changed.index("every community")].count("\n") + 1
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == ExitStatus.USAGE
    clash = [line for line in result.output.splitlines() if "tailored-services" in line]
    assert len(clash) == 1
    elements = openpyxl.load_workbook(book)["Elements"]
    cell = f"Elements!C{row_of(elements, 'id', 'tailored-services')[0].row}"
    assert clash[0].strip().startswith(f"{cell}: label of element 'tailored-services'")
    assert f"{model}:{line} " in clash[0]
    assert model.read_text(encoding="utf-8") == changed


def test_changes_to_the_file_since_export_that_do_not_clash_are_kept(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    edit_like_a_planner(book)
    text = model.read_text(encoding="utf-8")
    text = text.replace("\nlogicmodel: 1\n", "\n# Reviewed with the board.\nlogicmodel: 1\n")
    text = re.sub(r"(?m)^(  - id: clarity\n    label: ).*$", r"\1Clear, shared purpose", text)
    model.write_text(text, encoding="utf-8")
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    merged = model.read_text(encoding="utf-8")
    assert "# Reviewed with the board." in merged
    assert "label: Clear, shared purpose" in merged
    assert "label: Services tailored to each neighbourhood" in merged


def test_an_element_and_a_partner_removed_in_the_workbook_leave_the_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = (
        "logicmodel: 1\ntitle: Small\npartners:\n  - {id: a, name: A}  # the lead\n"
        "  - {id: b, name: B}\nactivities:\n  # ours\n  - {id: x, label: X, by: a, leads_to: [o]}\n"
        "  - {id: y, label: Y, by: b, leads_to: [o]}\ninterim:\n  - {id: o, label: O}\n"
    )
    model, book = exported(runner, tmp_path, text)
    workbook = openpyxl.load_workbook(book)
    elements = workbook["Elements"]
    elements.delete_rows(row_of(elements, "id", "y")[0].row)
    links = workbook["Links"]
    links.delete_rows(row_of(links, "source", "y")[0].row)
    partners = workbook["Partners"]
    partners.delete_rows(row_of(partners, "id", "b")[0].row)
    workbook.save(book)
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    assert model.read_text(encoding="utf-8") == (
        "logicmodel: 1\ntitle: Small\npartners:\n  - {id: a, name: A}  # the lead\n"
        "activities:\n  # ours\n  - {id: x, label: X, by: a, leads_to: [o]}\n"
        "interim:\n  - {id: o, label: O}\n"
    )


def test_a_workbook_with_no_change_merges_nothing(runner: CliRunner, tmp_path: Path) -> None:
    model, book = exported(runner, tmp_path)
    before = model.read_bytes()
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0 and "nothing to merge" in result.output
    assert model.read_bytes() == before


def test_links_live_in_one_place_so_deleting_a_row_deletes_the_link(
    runner: CliRunner, tmp_path: Path
) -> None:
    _, book = exported(runner, tmp_path)
    workbook = openpyxl.load_workbook(book)
    assert not {"leads_to", "enhances"} & set(header(workbook["Elements"]))
    links = workbook["Links"]
    links.delete_rows(2, links.max_row)
    workbook.save(book)
    target = tmp_path / "again.yaml"
    assert run(runner, "import", book, "-o", target).exit_code == 0
    assert not any(element.leads_to for _, element in logicmodel.load(target).elements())


@pytest.mark.parametrize("option", [[], ["-o", "x.yaml", "--into", "y.yaml"]])
def test_import_takes_one_of_output_and_into(
    runner: CliRunner, tmp_path: Path, option: list[str]
) -> None:
    _, book = exported(runner, tmp_path)
    result = run(runner, "import", book, *option)
    assert result.exit_code == ExitStatus.USAGE


def test_the_overwrite_guard_holds_against_a_workbook_saved_by_openpyxl(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    openpyxl.load_workbook(book).save(book)  # the cells as they were; the file is openpyxl's
    before = book.read_bytes()
    result = run(runner, "export", model, "--format", "xlsx", "-o", book)
    assert result.exit_code != 0
    assert book.read_bytes() == before
    again = run(runner, "export", model, "--format", "xlsx", "-o", tmp_path / "fresh.xlsx")
    assert again.exit_code == 0
    assert (
        run(runner, "export", model, "--format", "xlsx", "-o", tmp_path / "fresh.xlsx").exit_code
        == 0
    )


EXACT = """logicmodel: 1
title: Exact text
partners:
  - {id: a, name: "  Indented name"}
activities:
  - id: x
    label: "Line one\\r\\nline two"
    by: a
    notes: "  two spaces first, a carriage return\\r last "
"""


@pytest.mark.parametrize("resave", [False, True], ids=["as-exported", "saved-by-openpyxl"])
def test_a_cell_with_a_carriage_return_or_leading_spaces_round_trips_exactly(
    runner: CliRunner, tmp_path: Path, resave: bool
) -> None:
    model, book = exported(runner, tmp_path, EXACT)
    if resave:
        workbook = openpyxl.load_workbook(book)
        workbook["Model"]["B2"].value = "Exact text, edited"
        workbook.save(book)
    target = tmp_path / "back.yaml"
    result = run(runner, "import", book, "-o", target)
    assert result.exit_code == 0, result.output
    original, back = logicmodel.load(model), logicmodel.load(target)
    assert back.partners[0].name == "  Indented name"
    assert back.activities[0].label == "Line one\r\nline two"
    assert back.activities[0].notes == original.activities[0].notes


def test_a_row_deleted_in_the_workbook_for_an_element_changed_in_the_file_is_a_clash(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = (
        "logicmodel: 1\ntitle: Small\npartners:\n  - {id: a, name: A}\nactivities:\n"
        "  - {id: x, label: X, by: a, leads_to: [o]}\n  - {id: y, label: Y, by: a, leads_to: [o]}\n"
        "interim:\n  - {id: o, label: O}\n"
    )
    model, book = exported(runner, tmp_path, text)
    workbook = openpyxl.load_workbook(book)
    workbook["Elements"].delete_rows(row_of(workbook["Elements"], "id", "y")[0].row)
    workbook["Links"].delete_rows(row_of(workbook["Links"], "source", "y")[0].row)
    workbook.save(book)
    changed = text.replace("label: Y,", "label: Y revised,")
    model.write_text(changed, encoding="utf-8")
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == ExitStatus.USAGE
    assert f"element 'y': the workbook has nothing, and {model}:7 has 'Y revised'" in result.output
    assert model.read_text(encoding="utf-8") == changed


def test_a_workbook_that_records_no_export_is_not_merged(runner: CliRunner, tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    shutil.copy(SAMPLE, model)
    before = model.read_bytes()
    book = tmp_path / "filled.xlsx"
    assert run(runner, "template", "-o", book).exit_code == 0
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == ExitStatus.USAGE
    assert "records no model it was exported from" in result.output
    assert model.read_bytes() == before


def test_a_json_model_takes_a_workbooks_changes_in_its_own_layout(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = logicmodel.load(SAMPLE).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    model = tmp_path / "model.json"
    model.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    book = tmp_path / "model.xlsx"
    assert run(runner, "export", model, "--format", "xlsx", "-o", book).exit_code == 0
    before = model.read_text(encoding="utf-8")
    edit_like_a_planner(book)
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    after = model.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert '      "label": "Services tailored to each community",' in removed
    assert '      "label": "Services tailored to each neighbourhood",' in added
    merged = logicmodel.load(model)
    assert merged.partnership.costs[0].item == "Analyst time"
    assert merged.outputs[0].indicators[0].actuals == {"2008": 22, "2009": 24}
