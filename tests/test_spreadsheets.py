"""Spreadsheet import does not guess silently; spreadsheets scale linearly both ways.

Each test goes through the command line (`logicmodel template`, `export`, `import`) the way a
planner would, and checks the exit status, our own words in the message, and the model that
results.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.importing import load_workbook_model, read_workbook
from logicmodel.fileformat.loading import load
from logicmodel.fileformat.workbook import SHEETS_READ, SHEETS_SKIPPED
from logicmodel.models import Contribution, LogicModel
from logicmodel.renderers.xlsx import generate_xlsx

from .conftest import ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_model  # type: ignore[import-not-found]  # noqa: E402


def template(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "ours.xlsx"
    result = runner.invoke(cli, ["template", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def import_file(runner: CliRunner, path: Path, tmp_path: Path) -> tuple[int, str, Path]:
    """Return the exit status, the messages and the model file of `logicmodel import`."""
    target = tmp_path / "imported.yaml"
    target.unlink(missing_ok=True)
    result = runner.invoke(cli, ["import", str(path), "-o", str(target)])
    return result.exit_code, result.output, target


def edit(path: Path, sheet: str, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), "utf-8")
    return path


def contribution(model: LogicModel, ident: str) -> Contribution:
    found = {e.id: e for _, e in model.contributions()}[ident]
    assert isinstance(found, Contribution)
    return found


# ---------------------------------------------------------------- 1. no sheet is ignored


def test_every_sheet_of_the_template_is_read_or_says_it_is_not(
    runner: CliRunner, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(template(runner, tmp_path))
    assert set(book.sheetnames) <= {*SHEETS_READ, "Instructions"}
    assert book.sheetnames[0] == "Instructions"
    said = {row[0].value: row[1].value for row in book["Instructions"].iter_rows(min_row=2)}
    assert "not read" in said["Instructions"] and "not read" in said["Trace"]
    assert set(SHEETS_SKIPPED) <= set(said)
    assert all(sheet in said for sheet in book.sheetnames)


def test_the_templates_links_sheet_is_read(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    book = openpyxl.load_workbook(path)
    links = [[c.value for c in row] for row in book["Links"].iter_rows()]
    # What each link rests on follows in columns of its own, blank in the template.
    assert all(value is None for row in links[1:] for value in row[3:])
    assert [row[:3] for row in links] == [
        ["source", "target", "kind"],
        ["joint-tasking", "safer", "leads_to"],
        ["joint-tasking", "patrols", "enhances"],
        ["patrols", "safer", "leads_to"],
    ]
    # Links are in one place: the Elements sheet has no link columns.
    assert not {"leads_to", "enhances"} & {c.value for c in book["Elements"][1]}
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    assert contribution(load(target), "joint-tasking").enhances == ["patrols"]
    # A row added by hand, kind in any case or blank, joins the element's links; a row
    # deleted (cleared) takes its link away.
    edit(path, "Links", {"A4": None, "B4": None, "C4": None})
    edit(path, "Links", {"A5": " joint-tasking", "B5": "fewer-incidents", "C5": "Leads_To"})
    edit(path, "Links", {"A6": "patrols", "B6": "fewer-incidents "})
    edit(path, "Elements", {"A5": "Interim", "B5": "fewer-incidents", "C5": "Fewer incidents"})
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    model = load(target)
    assert contribution(model, "patrols").leads_to == ["fewer-incidents"]
    assert contribution(model, "joint-tasking").leads_to == ["safer", "fewer-incidents"]


def test_a_link_in_both_places_is_one_link(runner: CliRunner, tmp_path: Path) -> None:
    # A workbook made by hand (or by an older logicmodel) may list links in a leads_to column
    # of Elements as well as on the Links sheet: each link is read once.
    path = template(runner, tmp_path)
    edit(path, "Elements", {"L1": "leads_to", "L2": "safer", "L3": "safer"})
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    model = load(target)
    assert contribution(model, "joint-tasking").leads_to == ["safer"]
    assert contribution(model, "patrols").leads_to == ["safer"]


@pytest.mark.parametrize(
    "cells,expected",
    [
        (
            {"A5": "joint-taskin", "B5": "safer"},
            "Links!A5: unknown element 'joint-taskin' as a link's source "
            "(did you mean 'joint-tasking'?)",
        ),
        (
            {"A5": "patrols", "B5": "safr"},
            "Links!B5: activity 'patrols': unknown element 'safr' in 'leads_to' "
            "(did you mean 'safer'?)",
        ),
        (
            {"A5": "patrols", "B5": "safer", "C5": "enhance"},
            "Links!C5: unknown kind of link 'enhance' (did you mean 'enhances'?): "
            "choose leads_to or enhances",
        ),
        (
            {"A5": "safer", "B5": "patrols", "C5": "enhances"},
            "Links!C5: interim outcome 'safer' cannot enhance",
        ),
        ({"A5": "patrols"}, "Links!B5: a link needs both a source and a target element id"),
    ],
)
def test_a_bad_link_row_is_named_by_its_cell(
    runner: CliRunner, tmp_path: Path, cells: dict[str, object], expected: str
) -> None:
    path = template(runner, tmp_path)
    edit(path, "Links", cells)
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 2
    assert output.startswith(expected), output
    assert not target.exists()


def test_a_sheet_or_column_that_is_not_read_is_a_fault(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Indicator").append(["element", "name"])  # a second, misspelt sheet
    book["Elements"]["L1"] = "notse"
    book["Elements"]["L3"] = "Ask the police first"
    book["Partners"]["F2"] = "stray"
    book.save(path)
    status, output, _ = import_file(runner, path, tmp_path)
    assert status == 2
    lines = output.splitlines()
    assert any(
        line.startswith("Indicator!A1: sheet 'Indicator' is not read (did you mean 'Indicators'?)")
        for line in lines
    ), output
    assert any(
        line.startswith("Elements!L1: unknown column 'notse' (did you mean 'notes'?)")
        for line in lines
    ), output
    assert any(line.startswith("Partners!F2: a value in a column with no name") for line in lines)
    # An empty extra sheet or column holds nothing to lose, so it is no fault.
    book = openpyxl.load_workbook(path)
    book.remove(book["Indicator"])
    book.create_sheet("Scratch")
    book["Elements"]["L3"] = None
    book["Partners"]["F2"] = None
    book.save(path)
    status, output, _ = import_file(runner, path, tmp_path)
    assert status == 0, output


# ---------------------------------------------------------------- 2. no new partner by a slip


PLAN = [
    ["stage", "id", "label", "by", "leads_to"],
    ["inputs", "wardens", "Community wardens", "council", "tasking"],
    ["activities", "patrols", "Patrols", "police", "safer"],
    ["activities", "tasking", "Joint tasking", "council, police", "safer"],
    ["activities", "cameras", "Street cameras", "polce", "safer"],
    ["interim", "safer", "Streets feel safer", "", ""],
]


def test_a_misspelt_partner_in_a_csv_is_a_fault_not_a_new_partner(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "plan.csv", PLAN)
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 2
    assert output.strip().startswith(
        "plan.csv!D5: partner 'polce' is named in this row only, and 'police' in 2 other rows "
        "(did you mean 'police'?)"
    ), output
    assert not target.exists()


@pytest.mark.parametrize(
    "partner", ["fire-service", "police-2", "Police", "council", "police, fire-service"]
)
def test_partners_that_are_no_slip_import(runner: CliRunner, tmp_path: Path, partner: str) -> None:
    rows = [list(row) for row in PLAN]
    rows[4][3] = partner
    path = write_csv(tmp_path / "plan.csv", rows)
    status, output, target = import_file(runner, path, tmp_path)
    if partner == "Police":  # a different case is a slip as well
        assert status == 2 and "did you mean 'police'?" in output
        return
    assert status == 0, output
    named = {p.strip() for p in partner.split(",")}
    assert named <= set(load(target).partner_ids())


# ---------------------------------------------------------------- 3. values as people type them


def test_values_are_read_the_way_people_type_them(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    edit(path, "Model", {"B7": "  Service Delivery "})  # partnership.type
    edit(
        path,
        "Elements",
        {
            "A2": "Activities",
            "D2": " council ,police ",
            "E2": "Yes",
            "A3": " ACTIVITY ",
            "E3": "no",
            "A4": "Interim Outcomes",
            "C4": "  Streets feel safer  ",
        },
    )
    edit(path, "Links", {"C3": "ENHANCES"})
    edit(path, "Indicators", {"D2": "2007 = 660, 2008.0 = 700.5", "E2": 650.0, "F2": "600"})
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    model = load(target)
    assert model.partnership.type is not None
    assert model.partnership.type.value == "service-delivery"
    tasking, patrols = contribution(model, "joint-tasking"), contribution(model, "patrols")
    assert tasking.by == ["council", "police"] and tasking.collaborative is True
    assert patrols.collaborative is False and tasking.enhances == ["patrols"]
    assert model.interim[0].label == "Streets feel safer"
    indicator = model.interim[0].indicators[0]
    assert indicator.actuals == {"2007": 660, "2008": 700.5}
    assert (indicator.target_alone, indicator.target_together) == (650, 600)


def test_whole_numbers_are_read_as_whole_numbers(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    edit(path, "Indicators", {"D2": "2007.0 = 660.0, 2008 = 2.5", "E2": 650.0, "F2": " 600 "})
    edit(path, "Costs", {"B2": "1200"})
    data, _ = read_workbook(path.read_bytes(), str(path))
    indicator = data["interim"][0]["indicators"][0]
    assert indicator["actuals"] == {"2007": 660, "2008": 2.5}
    assert type(indicator["actuals"]["2007"]) is int
    assert type(indicator["target_alone"]) is int and type(indicator["target_together"]) is int
    assert type(data["partnership"]["costs"][0]["amount"]) is int


def test_whole_numbers_stay_whole_in_the_model_file(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    edit(path, "Indicators", {"D2": "2007 = 660", "E2": 650})
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    text = target.read_text("utf-8")
    assert "'2007': 660\n" in text and "target_alone: 650\n" in text


def test_the_one_list_separator_is_the_comma(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    said = {
        row[0].value: row[1].value
        for row in openpyxl.load_workbook(path)["Instructions"].iter_rows(min_row=2)
    }
    assert "commas" in said["Lists"]
    edit(path, "Elements", {"D2": "council; police"})
    edit(path, "Indicators", {"D2": "2007 = 30; 2008 = 26"})
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 2 and not target.exists()
    assert "Elements!D2: separate the entries with commas, not ';': council, police" in output
    assert "Indicators!D2: separate the actuals with commas, not ';'" in output


@pytest.mark.parametrize(
    "sheet,cells,expected",
    [
        ("Elements", {"E2": "maybe"}, "Elements!E2: 'collaborative' is yes or no (or blank)"),
        (
            "Elements",
            {"A3": "activites"},
            "Elements!A3: unknown stage 'activites' (did you mean 'activities'?): choose inputs",
        ),
        ("Model", {"B7": "formal"}, "Model!B7: unknown partnership type 'formal'"),
        ("Indicators", {"D2": "2007: 30"}, "Indicators!D2: '2007: 30' is not 'period = number'"),
        ("Indicators", {"A2": "safe"}, "Indicators!A2: unknown element 'safe' for an indicator"),
        ("Indicators", {"E2": "lots"}, "Indicators!E2: interim outcome 'safer', indicator #1"),
        ("Model", {"B2": None}, "Model!B2: missing 'title'"),
        (
            "Elements",
            {"A5": "activities", "B5": "joint-tasking", "C5": "Again", "D5": "council"},
            "Elements!B5: duplicate id 'joint-tasking': the activity at Elements!B2 has it",
        ),
    ],
)
def test_a_value_that_is_not_understood_is_named_by_its_cell(
    runner: CliRunner, tmp_path: Path, sheet: str, cells: dict[str, object], expected: str
) -> None:
    path = template(runner, tmp_path)
    edit(path, sheet, cells)
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 2 and not target.exists()
    assert output.startswith(expected), output


# ---------------------------------------------------------------- 4. CSV export imports back


def facts(model: LogicModel) -> list[tuple[str, dict[str, object]]]:
    """Return what an elements CSV carries of each element: all but its indicators."""
    return [(stage.value, e.model_dump(exclude={"indicators"})) for stage, e in model.elements()]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_an_exported_elements_csv_imports_back(
    runner: CliRunner, tmp_path: Path, sample: Path
) -> None:
    folder = tmp_path / "tables"
    result = runner.invoke(cli, ["export", str(sample), "--format", "csv", "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output
    status, output, target = import_file(runner, folder / "elements.csv", tmp_path)
    assert status == 0, output
    model, back = load(sample), load(target)
    assert facts(back) == facts(model)
    named = {p for _, c in model.contributions() for p in model.partners_of(c) if c.by != "all"}
    assert set(back.partner_ids()) == named


def test_labels_that_look_like_formulas_come_back_as_typed(
    runner: CliRunner, tmp_path: Path
) -> None:
    labels = ["=SUM(A1:A2)", "'=quoted", "''twice", "-5 degrees", "@home", "'plain", "Sràid"]
    source = tmp_path / "odd.yaml"
    lines = ["logicmodel: 1", "title: Odd labels", "partners: [{id: a, name: A}]", "inputs:"]
    for index, label in enumerate(labels):
        lines.append(f"  - {{id: i{index}, label: {json.dumps(label)}, by: a, leads_to: [o]}}")
    lines.append("interim: [{id: o, label: Out}]")
    source.write_text("\n".join(lines) + "\n", "utf-8")
    model = load(source)
    assert [e.label for e in model.inputs] == labels
    folder = tmp_path / "tables"
    result = runner.invoke(cli, ["export", str(source), "--format", "csv", "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output
    status, output, target = import_file(runner, folder / "elements.csv", tmp_path)
    assert status == 0, output
    assert [e.label for e in load(target).inputs] == labels


def test_a_csv_saved_with_semicolons_imports(runner: CliRunner, tmp_path: Path) -> None:
    rows = [list(row) for row in PLAN]
    rows[4][3] = "police"
    path = write_csv(tmp_path / "plan.csv", rows, delimiter=";")
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    assert contribution(load(target), "tasking").by == ["council", "police"]


def test_an_old_partners_column_is_named_with_the_fix(runner: CliRunner, tmp_path: Path) -> None:
    rows = [list(row) for row in PLAN]
    rows[0][3] = "partners"
    status, output, _ = import_file(runner, write_csv(tmp_path / "plan.csv", rows), tmp_path)
    assert status == 2
    assert output.startswith("plan.csv!D1: unknown column 'partners' (did you mean 'by'?)")


# ---------------------------------------------------------------- 5. linear both ways


def best_times(actions: Sequence[Callable[[], object]], rounds: int = 4) -> list[float]:
    """Return each action's best time, the actions taking turns so that load falls on all."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for action, taken in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            taken.append(time.perf_counter() - start)
    return [min(taken) for taken in times]


def test_spreadsheets_take_time_in_proportion_to_the_model(tmp_path: Path) -> None:
    # Eight times the elements must take about eight times as long (under sixteen allows for
    # a busy machine): export once looked at every row for each row, and took 25 times as
    # long, on its way to 64.
    models = [LogicModel.model_validate(synthetic_model(size)) for size in (250, 2000)]
    traces = [trace(model) for model in models]
    paths = [tmp_path / f"{index}.xlsx" for index in range(2)]
    for model, traced, path in zip(models, traces, paths, strict=True):
        path.write_bytes(generate_xlsx(model, traced))
        assert load_workbook_model(str(path)) == model
    exports = [partial(generate_xlsx, m, t) for m, t in zip(models, traces, strict=True)]
    small, large = best_times(exports)
    assert large / small < 16, (small, large)
    small, large = best_times([partial(load_workbook_model, str(path)) for path in paths])
    assert large / small < 16, (small, large)


# ---------------------------------------------------------------- 6. measuring gain


GAIN_MODEL = """\
logicmodel: 1
title: Every field that measures gain
partnership:
  name: More Choices
  lead: council
  started: 2004-05
  costs:
    - {item: Shared post, amount: [30000, 32500.5], unit: pounds a year, by: [council, police]}
    - {item: Meetings, amount: 1200, by: council, notes: Staff time, source: Minutes}
  benefits:
    - item: Fewer repeat call-outs
      amount: [4.5, 5]
      unit: million pounds
      by: police
      outcome: safer
      evidence: expected
      notes: An estimate
      source: Annexe
    - {item: Saved journeys, amount: 7, outcome: safer, evidence: verified}
    - {item: Goodwill}
partners:
  - {id: council, name: The Council}
  - {id: police, name: The Police}
activities:
  - id: tasking
    label: Joint tasking
    by: [council, police]
    leads_to: safer
    indicators:
      - {name: Meetings held, unit: meetings, better: higher, actuals: {2004-05: 4, 2005-06: 10}}
interim:
  - id: safer
    label: Streets feel safer
    gain: Patrols where the data says
    evidence: measured
    indicators:
      - name: Young people not in work
        unit: people
        better: lower
        actuals: {2003: 210, 2004: 200, 2006: 150.5}
        target_alone: 180
        target_together: 140
        target_period: 2008-09
        comparator:
          name: Scotland
          actuals: {2003: 35000, 2004: 34000, 2006: 33000}
          notes: Same definition
          source: Scottish Government
        notes: Counted each November
        source: Skills Scotland
      - name: Rank among areas
        comparator: {name: The rest of the county}
  - {id: calmer, label: Calmer nights, evidence: planned}
"""


def test_every_field_that_measures_gain_round_trips(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "gain.yaml"
    source.write_text(GAIN_MODEL, "utf-8")
    model = load(source)
    assert model.partnership.benefits[0].amount == [4.5, 5]
    assert model.activities[0].indicators and model.interim[0].evidence is not None
    path = tmp_path / "gain.xlsx"
    result = runner.invoke(cli, ["export", str(source), "--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    # A range is two numbers a spreadsheet can add up: low in amount, high in amount_high.
    benefits = [[c.value for c in row] for row in book["Benefits"].iter_rows(max_row=2)]
    assert benefits[0][:3] == ["item", "amount", "amount_high"]
    assert benefits[1][:3] == ["Fewer repeat call-outs", 4.5, 5]
    assert "outcome" in benefits[0] and "evidence" in benefits[0]
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    back = load(target)
    assert back == model
    assert back.partnership.costs[1].amount == 1200 and back.partnership.started == "2004-05"


def old_workbook(path: Path) -> Path:
    """Write a workbook as exports made one before the fields that measure gain."""
    book = openpyxl.Workbook()
    sheets: dict[str, list[list[object]]] = {
        "Model": [["field", "value"], ["title", "Old"], ["partnership.lead", "council"]],
        "Partners": [["id", "name", "short", "notes"], ["council", "The Council", None, None]],
        "Costs": [
            ["item", "amount", "unit", "by", "notes", "source"],
            ["Shared post", 30000, "pounds", "council", None, None],
        ],
        "Elements": [
            [
                "stage",
                *("id", "label", "by", "collaborative", "leads_to", "enhances", "gain"),
                *("lead", "notes", "source"),
            ],
            ["activities", "tasking", "Tasking", "council", None, "safer", None, None],
            ["interim", "safer", "Safer", None, None, None, None, "Shared data"],
        ],
        "Indicators": [
            [
                *("element", "name", "unit", "actuals", "target_alone", "target_together"),
                *("notes", "source"),
            ],
            ["safer", "Incidents", None, "2007 = 30, 2008 = 26", 25, 20],
        ],
    }
    assert book.active is not None
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_without_the_gain_sheets_and_columns_imports(
    runner: CliRunner, tmp_path: Path
) -> None:
    status, output, target = import_file(runner, old_workbook(tmp_path / "old.xlsx"), tmp_path)
    assert status == 0, output
    model = load(target)
    assert model.partnership.started is None and model.partnership.benefits == []
    assert model.partnership.costs[0].amount == 30000
    assert model.interim[0].evidence is None and model.interim[0].gain == "Shared data"
    indicator = model.interim[0].indicators[0]
    assert indicator.actuals == {"2007": 30, "2008": 26} and indicator.target_together == 20
    assert (indicator.better, indicator.target_period, indicator.comparator) == (None, None, None)


def test_the_template_shows_the_fields_that_measure_gain(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    book = openpyxl.load_workbook(path)
    said = {row[0].value: row[1].value for row in book["Instructions"].iter_rows(min_row=2)}
    assert "amount_high" in said["Costs"] and "evidence" in said["Benefits"]
    assert "comparator_actuals" in said["Indicators"] and "started" in said["Model"]
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    model = load(target)
    assert model.partnership.benefits[0].amount == [2000, 3000]
    comparator = model.interim[0].indicators[0].comparator
    assert comparator is not None and comparator.actuals == {"2007": 300, "2008": 290}


@pytest.mark.parametrize(
    "sheet,cells,expected",
    [
        (
            "Benefits",
            {"C2": "lots"},
            "Benefits!C2: 'amount_high' of a range is a number, not 'lots'",
        ),
        (
            "Benefits",
            {"B2": 5000},
            "Benefits!C2: the range 5000 to 3000 runs from high to low: put the low figure in "
            "'amount' and the high one in 'amount_high'",
        ),
        (
            "Benefits",
            {"B2": "2k"},
            "Benefits!B2: 'amount' of a range is a number, not '2k'",
        ),
        ("Costs", {"C2": 100}, "Costs!C2: an 'amount_high' with no 'amount'"),
        ("Benefits", {"G2": "proven"}, "Benefits!G2: unknown evidence 'proven'"),
        (
            "Benefits",
            {"F2": "safe"},
            "Benefits!F2: benefit 'Fewer repeat call-outs': unknown outcome 'safe' in 'outcome' "
            "(did you mean 'safer'?)",
        ),
        (
            "Elements",
            {"G2": "planned"},
            "Elements!G2: activity 'joint-tasking': unknown key 'evidence'",
        ),
        ("Indicators", {"H2": "down"}, "Indicators!H2: unknown 'better' 'down'"),
        ("Indicators", {"G2": "2010-12"}, "Indicators!G2: interim outcome 'safer'"),
        (
            "Indicators",
            {"I2": None},
            "Indicators!I2: 'comparator_actuals' with no 'comparator'",
        ),
        ("Indicators", {"J2": "2007 = x"}, "Indicators!J2: '2007 = x' is not 'period = number'"),
        ("Indicators", {"A2": None}, "Indicators!A2: an indicator needs the id of its element"),
        (
            "Model",
            {"B11": datetime.date(2004, 5, 1)},
            "Model!B11: 'partnership.started' is a date here, not a period",
        ),
        ("Model", {"B11": "spring"}, "Model!B11: partnership: 'started': 'spring' is not a year"),
    ],
)
def test_a_bad_gain_value_is_named_by_its_cell(
    runner: CliRunner, tmp_path: Path, sheet: str, cells: dict[str, object], expected: str
) -> None:
    path = template(runner, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book["Model"]["A11"].value == "partnership.started"
    edit(path, sheet, cells)
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 2 and not target.exists()
    assert output.startswith(expected), output
    assert len(output.strip().splitlines()) == 1, output


def test_indicators_of_a_contribution_import(runner: CliRunner, tmp_path: Path) -> None:
    path = template(runner, tmp_path)
    edit(path, "Indicators", {"A3": "joint-tasking", "B3": "Meetings held", "H3": "Higher"})
    status, output, target = import_file(runner, path, tmp_path)
    assert status == 0, output
    indicator = contribution(load(target), "joint-tasking").indicators[0]
    assert indicator.name == "Meetings held" and indicator.better is not None
    assert indicator.better.value == "higher"
