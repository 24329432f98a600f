"""`import --into` changes measures through the measure verbs (a field, a value by period, a
comparator, an entry removed from the middle) and merges rows a person moved within a stage
as moves of those elements, comments kept; a stage reordered in both places is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

import logicmodel
from logicmodel.editing.layer import Draft
from logicmodel.editing.merge_measures import measure_steps, reorder_steps

from .conftest import FIGURE1
from .test_workbook_merge import comments, exported, header, row_of, run

TEAM = "city-centre-team"


def _edit(book_file: Path, change: Any) -> None:
    book = openpyxl.load_workbook(book_file)
    change(book)
    book.save(book_file)


def _set(sheet: Any, column: str, key: str, field: str, value: Any) -> None:
    row_of(sheet, column, key)[header(sheet).index(field)].value = value


def test_an_indicators_fields_values_and_comparator_merge_field_by_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    before = model.read_text("utf-8")

    def change(book: Any) -> None:
        sheet = book["Indicators"]
        _set(sheet, "element", TEAM, "unit", "officers in post")
        _set(sheet, "element", TEAM, "actuals", "2007 = 15, 2008 = 22")
        _set(sheet, "element", TEAM, "target_together", 25)
        _set(sheet, "element", TEAM, "comparator", "Glasgow")
        _set(sheet, "element", TEAM, "comparator_actuals", "2008 = 30")

    _edit(book, change)
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    after = model.read_text("utf-8")
    assert comments(after) == comments(before)
    indicator = next(o for o in logicmodel.load(model).outputs if o.id == TEAM).indicators[0]
    assert indicator.unit == "officers in post" and indicator.target_together == 25
    assert indicator.actuals == {"2007": 15, "2008": 22}
    assert indicator.comparator is not None and indicator.comparator.actuals == {"2008": 30}
    # The verbs write values by period in time order, years as numbers.
    assert "actuals: {2007: 15, 2008: 22}" in after


def test_rows_moved_within_a_stage_merge_as_moves_with_their_comments(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    before = model.read_text("utf-8")
    order = [i.id for i in logicmodel.load(model).inputs]

    def change(book: Any) -> None:
        sheet = book["Elements"]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        first, second = rows[0], rows[1]  # the first two inputs change places
        for column, value in enumerate(second, start=1):
            sheet.cell(row=2, column=column).value = value
        for column, value in enumerate(first, start=1):
            sheet.cell(row=3, column=column).value = value

    _edit(book, change)
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    assert [i.id for i in logicmodel.load(model).inputs] == [order[1], order[0], *order[2:]]
    after = model.read_text("utf-8")
    assert sorted(comments(after)) == sorted(comments(before))
    assert sorted(after.splitlines()) == sorted(before.splitlines())  # moved, not rewritten


def test_a_stage_reordered_in_the_workbook_and_the_file_differently_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    order = [i.id for i in logicmodel.load(model).inputs]
    assert run(runner, "move", model, order[0], "inputs").exit_code == 0  # to the end
    moved = model.read_bytes()

    def change(book: Any) -> None:
        sheet = book["Elements"]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        for column, value in enumerate(rows[2], start=1):
            sheet.cell(row=3, column=column).value = value
        for column, value in enumerate(rows[1], start=1):
            sheet.cell(row=4, column=column).value = value

    _edit(book, change)
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code != 0
    assert "the order of the inputs" in result.output
    # Located at the first input's row in the workbook (row 2).
    assert any(line.strip().startswith("Elements!A2") for line in result.output.splitlines())
    assert model.read_bytes() == moved


def test_costs_removed_from_the_middle_and_changed_go_through_the_verbs(tmp_path: Path) -> None:
    runner = CliRunner()
    model, _ = exported(runner, tmp_path)
    for item in ("A", "B", "C"):
        assert run(runner, "cost", "add", model, item, "--amount", "1").exit_code == 0
    draft = Draft.open(str(model))
    costs = [dict(c) for c in draft.data["partnership"]["costs"]]
    steps = measure_steps(draft, "cost", costs, [costs[0], costs[2]])
    assert steps is not None and len(steps) == 1
    for step in steps:
        step()
    assert draft.changes[-1] == "removed cost 'B'"
    costs = [dict(c) for c in draft.data["partnership"]["costs"]]
    changed = [costs[0], {**costs[1], "amount": [2, 3], "unit": "pounds"}]
    steps = measure_steps(draft, "cost", costs, changed)
    assert steps is not None
    for step in steps:
        step()
    assert draft.data["partnership"]["costs"] == changed
    # An entry deleted is a removal; one named by a number, or deletions that also change
    # what is kept, are left to the list's replacement.
    assert measure_steps(draft, "cost", changed, [changed[1]]) is not None
    assert measure_steps(draft, "cost", [{"item": "2"}], []) is None
    assert measure_steps(draft, "cost", changed, [{"item": "Z"}]) is None


def test_reorder_moves_as_few_elements_as_it_can(tmp_path: Path) -> None:
    runner = CliRunner()
    model, _ = exported(runner, tmp_path)
    draft = Draft.open(str(model))
    order = [str(e["id"]) for e in draft.data["inputs"]]
    wanted = [*order[1:], order[0]]
    steps = reorder_steps(draft, "inputs", order, wanted)
    assert len(steps) == 1
    steps[0]()
    assert [str(e["id"]) for e in draft.data["inputs"]] == wanted
    assert reorder_steps(draft, "inputs", wanted, wanted) == []
    backwards = wanted[::-1]
    for step in reorder_steps(draft, "inputs", wanted, backwards):
        step()
    assert [str(e["id"]) for e in draft.data["inputs"]] == backwards


def _draft_with_measures(tmp_path: Path) -> Draft:
    """Return a draft of Figure 1 with two indicators on 'trust' and one cost."""
    path = tmp_path / "f.yaml"
    path.write_text(FIGURE1.read_text("utf-8"), "utf-8")
    for args in (
        ("indicator", "add", path, "trust", "First", "--unit", "points", "--actual", "2004=1"),
        ("indicator", "add", path, "trust", "Second", "--comparator", "Elsewhere"),
        ("cost", "add", path, "Staff", "--unit", "hours", "--amount", "3"),
    ):
        result = run(CliRunner(), *args)
        assert result.exit_code == 0, result.output
    return Draft.open(str(path))


def _indicators(draft: Draft) -> list[dict[str, Any]]:
    trust = next(e for e in draft.data["interim"] if e["id"] == "trust")
    return [dict(i) for i in trust["indicators"]]


def _apply(steps: list[Any] | None) -> None:
    assert steps is not None
    for step in steps:
        step()


def test_each_measure_verb_a_merge_uses_makes_its_change(tmp_path: Path) -> None:
    draft = _draft_with_measures(tmp_path)
    first, second = _indicators(draft)
    third = {"name": "Third", "unit": "cases", "actuals": {2005: 4}}
    _apply(measure_steps(draft, "indicator", [first, second], [first, second, third], "trust"))
    assert [i["name"] for i in _indicators(draft)] == ["First", "Second", "Third"]
    _apply(measure_steps(draft, "indicator", _indicators(draft), [second, third], "trust"))
    assert [i["name"] for i in _indicators(draft)] == ["Second", "Third"]
    # A comparator taken away, and one made with its name, notes and values at once.
    now = _indicators(draft)
    made = {
        **now[1],
        "comparator": {"notes": "untouched", "name": "Scotland", "actuals": {2005: 9}},
    }
    _apply(measure_steps(draft, "indicator", now, [{**now[0], "comparator": None}, made], "trust"))
    second_now, third_now = _indicators(draft)
    assert "comparator" not in second_now
    assert third_now["comparator"] == {
        "name": "Scotland",
        "actuals": {2005: 9},
        "notes": "untouched",
    }
    costs = [dict(c) for c in draft.data["partnership"]["costs"]]
    _apply(measure_steps(draft, "cost", costs, [{"item": "Staff", "amount": 3}]))
    assert draft.data["partnership"]["costs"] == [{"item": "Staff", "amount": 3}]
    _apply(measure_steps(draft, "benefit", [], [{"item": "Saved trips", "amount": [1, 2]}]))
    assert draft.data["partnership"]["benefits"] == [{"item": "Saved trips", "amount": [1, 2]}]


def test_an_entry_with_every_field_is_merged_and_an_unknown_field_is_not(tmp_path: Path) -> None:
    draft = _draft_with_measures(tmp_path)
    full = {"item": "Staff", "amount": 4, "unit": "hours", "by": "all", "notes": "n", "source": "s"}
    costs = [dict(c) for c in draft.data["partnership"]["costs"]]
    _apply(measure_steps(draft, "cost", costs, [full]))
    assert draft.data["partnership"]["costs"] == [full]
    assert measure_steps(draft, "cost", [full], [{**full, "colour": "red"}]) is None
    first, second = _indicators(draft)
    odd = {**second, "comparator": {"name": "Elsewhere", "colour": "red"}}
    assert measure_steps(draft, "indicator", [first, second], [first, odd], "trust") is None


def test_a_partner_added_in_both_places_differently_is_a_clash(
    runner: CliRunner, tmp_path: Path
) -> None:
    model, book = exported(runner, tmp_path)
    _edit(book, lambda book: book["Partners"].append(["housing", "Housing Trust"]))
    added = run(runner, "partner", "add", model, "housing", "Housing Association")
    assert added.exit_code == 0, added.output
    moved = model.read_bytes()
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code != 0
    assert "new partner 'housing'" in result.output
    assert model.read_bytes() == moved


def test_a_benefit_added_in_the_workbook_merges(runner: CliRunner, tmp_path: Path) -> None:
    model, book = exported(runner, tmp_path)
    before = model.read_text("utf-8")
    _edit(book, lambda book: book["Benefits"].append(["Fewer repeat visits", 100, None, "hours"]))
    result = run(runner, "import", book, "--into", model)
    assert result.exit_code == 0, result.output
    benefits = logicmodel.load(model).partnership.benefits
    assert [(b.item, b.amount, b.unit) for b in benefits][-1] == (
        "Fewer repeat visits",
        100,
        "hours",
    )
    assert comments(model.read_text("utf-8")) == comments(before)
