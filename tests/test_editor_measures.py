"""The browser editor's indicator editor and costs-and-benefits panel: an indicator, a cost and
a benefit added by clicking and typing are in the saved file, and `logicmodel gain` measures
them; the endpoint refuses what the verbs refuse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.serving.page_edits import Editor, Refused, version_of

from .conftest import FIGURE1
from .test_editor import editing, open_editor, saved, select

if TYPE_CHECKING:
    from playwright.sync_api import Page

OUTCOME = "trust"


@pytest.fixture
def figure(tmp_path: Path) -> Path:
    path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, path)
    return path


def _comments(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if "#" in line]


@pytest.mark.browser
def test_an_indicator_a_cost_and_a_benefit_typed_in_the_page_are_measured(
    page: Page, figure: Path
) -> None:
    assert (
        CliRunner().invoke(cli, ["set", str(figure), "partnership", "started", "2005"]).exit_code
        == 0
    )
    before = _comments(figure)
    with editing(figure) as server:
        open_editor(page, server)
        select(page, OUTCOME)
        page.fill("#lm-panel input[name=indicator-name]", "Partners who trust each other")
        page.fill("#lm-panel input[name=indicator-unit]", "percent")
        page.select_option("#lm-panel select[name=indicator-better]", "higher")
        for row, (period, value) in enumerate((("2003", "30"), ("2004", "35"), ("2005", "45"))):
            page.fill(f'#lm-panel input[aria-label="Period {row + 1}"]', period)
            page.fill(f'#lm-panel input[aria-label="Value {row + 1}"]', value)
        page.click("#lm-panel button[name=add-period]")
        page.fill('#lm-panel input[aria-label="Period 4"]', "2006")
        page.fill('#lm-panel input[aria-label="Value 4"]', "52")
        page.fill("#lm-panel input[name=target-alone]", "45")
        page.fill("#lm-panel input[name=target-together]", "55")
        page.fill("#lm-panel input[name=target-period]", "2006")
        saved(page, lambda: page.click("#lm-panel button[name=add-indicator]"))

        page.click("#lm-ledger")
        page.fill("#lm-panel form.add-ledger input[name=item]", "Staff time at meetings")
        page.fill("#lm-panel form.add-ledger input[name=amount]", "6000")
        page.fill("#lm-panel form.add-ledger input[name=unit]", "pounds a year")
        page.check('#lm-panel form.add-ledger input[name=by][value="partner-a"]')
        page.check('#lm-panel form.add-ledger input[name=by][value="partner-b"]')
        saved(page, lambda: page.click("#lm-panel form.add-ledger button[name=add-ledger]"))

        page.click("#lm-ledger")
        page.select_option("#lm-panel form.add-ledger select[name=kind]", "benefit")
        page.fill("#lm-panel form.add-ledger input[name=item]", "Fewer duplicated visits")
        page.fill("#lm-panel form.add-ledger input[name=amount]", "8000")
        page.fill("#lm-panel form.add-ledger input[name=amount-high]", "12000")
        page.fill("#lm-panel form.add-ledger input[name=unit]", "pounds a year")
        page.select_option("#lm-panel form.add-ledger select[name=outcome]", OUTCOME)
        page.select_option("#lm-panel form.add-ledger select[name=evidence]", "expected")
        saved(page, lambda: page.click("#lm-panel form.add-ledger button[name=add-ledger]"))
    model = load(figure)
    indicator = next(e for _, e in model.elements() if e.id == OUTCOME).indicators[0]
    assert indicator.actuals == {"2003": 30, "2004": 35, "2005": 45, "2006": 52}
    assert _comments(figure) == before
    result = CliRunner().invoke(cli, ["gain", str(figure), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    row = next(r for r in report["indicators"] if r["id"] == OUTCOME)
    # Planned: together 55 less alone 45 = 10 points, higher being better.
    assert row["planned_gain"] == 10
    # The trend over 2003-2004 (30, 35) rises 5 a year: 45 expected in 2006, 52 reached.
    gains = {p["period"]: p["gain"] for p in row["periods"]}
    assert gains["2006"] == pytest.approx(7)
    ledger = next(line for line in report["ledger"] if line["unit"] == "pounds a year")
    assert ledger["costs"] == 6000 and ledger["benefits"] == [8000, 12000]
    assert ledger["net"] == [2000, 6000]


def test_the_endpoint_adds_and_removes_measures_and_refuses_a_bad_one(figure: Path) -> None:
    editor = Editor(str(figure))

    def edit(op: str, **args: object) -> dict[str, object]:
        return editor.edit({"op": op, "args": args, "version": version_of(figure.read_bytes())})

    edit("add_indicator", element=OUTCOME, name="Trust", actuals=[["2004", "40"]])
    edit("set_actual", element=OUTCOME, indicator="Trust", period="2005", value=44)
    edit("add_cost", item="Staff time", amount=["10", "20"], by=["partner-a"])
    assert load(figure).partnership.costs[0].amount == [10, 20]
    edit("remove_cost", which="staff time")
    assert load(figure).partnership.costs == []
    with pytest.raises(Refused, match="did you mean 'partner-a'"):
        edit("add_benefit", item="Calls", by=["partner-aa"])
    with pytest.raises(Refused, match="add_cost needs 'item'"):
        edit("add_cost", amount=3)
    assert edit("undo")["redo"] is True  # the removal undone: the cost is back
    assert load(figure).partnership.costs[0].item == "Staff time"
    assert next(e for _, e in load(figure).elements() if e.id == OUTCOME).indicators[0].actuals == {
        "2004": 40,
        "2005": 44,
    }
