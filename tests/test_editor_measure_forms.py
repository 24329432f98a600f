"""The browser editor's measure forms change what is there, field by field: an indicator's
unit, direction, targets, comparator and values by period; a cost's amount and a benefit;
the partnership's facts; an element's evidence and category. Each save goes through the one
edit path (comments kept, undo and redo), and another open page shows it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.models import LogicModel, Outcome
from logicmodel.renderers.editor_facts import editor_facts
from logicmodel.serving.page_edits import Editor, Refused, version_of

from .conftest import FIGURE1
from .test_editor import editing, open_editor, saved, select, watched_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

OUTCOME = "trust"
INDICATOR = "#lm-panel details.indicator"


def _run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture
def measured(tmp_path: Path) -> Path:
    """Figure 1 with an indicator, a cost and a benefit, and a comment above the outcome."""
    path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, path)
    file = str(path)
    _run("indicator", "add", file, OUTCOME, "Trust", "--unit", "points")
    for year, value in (("2003", "30"), ("2004", "35"), ("2005", "45"), ("2006", "50")):
        _run("actual", file, OUTCOME, year, value)
    _run("cost", "add", file, "Staff time", "--amount", "6000", "--unit", "pounds")
    _run("benefit", "add", file, "Fewer visits", "--amount", "9000", "--unit", "pounds")
    _run("benefit", "add", file, "Shared rooms", "--amount", "1000", "--unit", "pounds")
    text = path.read_text("utf-8").replace(
        "\n  - id: trust\n", "\n  # checked by hand\n  - id: trust\n"
    )
    path.write_text(text, "utf-8")
    return path


def _outcome(model: LogicModel) -> Outcome:
    found = next(e for _, e in model.elements() if e.id == OUTCOME)
    assert isinstance(found, Outcome)
    return found


def _comments(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if "#" in line]


def _open_indicator(page: Page) -> None:
    """Select the outcome and open its indicator's block (it stays open across saves)."""
    select(page, OUTCOME)
    if page.locator(INDICATOR).get_attribute("open") is None:
        page.click(f"{INDICATOR} summary")


def _indicator_fields(page: Page) -> None:
    """Change the indicator one field and one value at a time."""
    _open_indicator(page)
    for name, value in (
        ("target_alone", "55"),
        ("target_together", "65"),
        ("target_period", "2006"),
    ):
        page.fill(f"{INDICATOR} input[name={name}]", value)
        button = f"{INDICATOR} button[name=save-{name}]"
        saved(page, lambda: page.click(button))  # noqa: B023 - called at once
        _open_indicator(page)
    page.select_option(f"{INDICATOR} select[name=better]", "higher")
    saved(page, lambda: page.click(f"{INDICATOR} button[name=save-better]"))
    _open_indicator(page)
    page.fill(f"{INDICATOR} input[name=unit]", "")  # emptied: the unit is removed
    saved(page, lambda: page.click(f"{INDICATOR} button[name=save-unit]"))
    _open_indicator(page)
    page.fill(f"{INDICATOR} input[name=comparator\\.name]", "Elsewhere")
    saved(page, lambda: page.click(f"{INDICATOR} button[name=save-comparator-name]"))
    _open_indicator(page)
    page.fill(f'{INDICATOR} input[aria-label="Value for 2006 of indicator Trust"]', "52")
    saved(
        page,
        lambda: page.click(
            f'{INDICATOR} button[aria-label="Save the value for 2006 of indicator Trust"]'
        ),
    )
    _open_indicator(page)
    saved(
        page,
        lambda: page.click(
            f'{INDICATOR} button[aria-label="Remove the value for 2003 of indicator Trust"]'
        ),
    )
    _open_indicator(page)
    comparator = "the comparator of indicator Trust"
    page.fill(f'{INDICATOR} input[aria-label="New period of {comparator}"]', "2005")
    page.fill(f'{INDICATOR} input[aria-label="Value for the new period of {comparator}"]', "44")
    saved(
        page,
        lambda: page.click(
            f'{INDICATOR} button[aria-label="Add the value for the new period of {comparator}"]'
        ),
    )


def _ledger_and_facts(page: Page) -> None:
    """Change a cost's amount to a range, remove a benefit, set the partnership's start and
    type and the outcome's evidence and category."""
    page.click("#lm-ledger")
    cost = "#lm-panel details.cost"
    if page.locator(cost).get_attribute("open") is None:
        page.click(f"{cost} summary")
    page.fill(f"{cost} input[name=amount]", "5000")
    page.fill(f"{cost} input[name=amount-high]", "7000")
    saved(page, lambda: page.click(f"{cost} button[name=save-amount]"))
    page.click("#lm-ledger")
    page.click('#lm-panel details.benefit summary:text("Shared rooms")')
    saved(page, lambda: page.click('#lm-panel button[aria-label="Remove benefit Shared rooms"]'))
    page.click("#lm-partnership")
    page.fill("#lm-panel input[name=started]", "2004")
    saved(page, lambda: page.click("#lm-panel button[name=save-started]"))
    page.click("#lm-partnership")
    page.select_option("#lm-panel select[name=type]", "strategic")
    saved(page, lambda: page.click("#lm-panel button[name=save-type]"))
    select(page, OUTCOME)
    facts = "#lm-panel details.measure:not(.indicator)"
    page.click(f"{facts} summary")
    page.select_option(f"{facts} select[name=evidence]", "measured")
    saved(page, lambda: page.click(f"{facts} button[name=save-evidence]"))
    select(page, OUTCOME)
    page.select_option(f"{facts} select[name=category]", "confidence")
    saved(page, lambda: page.click(f"{facts} button[name=save-category]"))


@pytest.mark.browser
def test_every_measure_is_changed_field_by_field_in_the_page(
    page: Page, browser: Browser, measured: Path
) -> None:
    before = _comments(measured)
    with editing(measured) as server, watched_page(browser) as other:
        open_editor(page, server)
        open_editor(other, server)
        _indicator_fields(page)
        # The other page, left alone, was redrawn with the change.
        other.wait_for_selector("html[data-ready=true]", state="attached")
        select(other, OUTCOME)
        other.wait_for_selector(f'{INDICATOR} summary:text("Trust (52 in 2006)")', state="attached")
        _ledger_and_facts(page)
        # Undo puts the category back as it was; redo makes it again.
        saved(page, lambda: page.click("#lm-undo"))
        assert _outcome(load(measured)).category == "trust"  # as Figure 1 has it
        saved(page, lambda: page.click("#lm-redo"))
        page.goto("about:blank")
        other.goto("about:blank")

    model = load(measured)
    outcome = _outcome(model)
    indicator = outcome.indicators[0]
    assert indicator.unit is None and indicator.better is not None
    assert (indicator.target_alone, indicator.target_together, indicator.target_period) == (
        55,
        65,
        "2006",
    )
    assert indicator.actuals == {"2004": 35, "2005": 45, "2006": 52}
    assert indicator.comparator is not None and indicator.comparator.name == "Elsewhere"
    assert indicator.comparator.actuals == {"2005": 44}
    assert str(outcome.evidence.value if outcome.evidence else None) == "measured"
    assert outcome.category == "confidence"
    assert model.partnership.started == "2004" and model.partnership.type is not None
    assert model.partnership.costs[0].amount == [5000, 7000]
    assert [b.item for b in model.partnership.benefits] == ["Fewer visits"]
    assert _comments(measured) == before
    result = CliRunner().invoke(cli, ["gain", str(measured), "--format", "json"])
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.output)["indicators"] if r["id"] == OUTCOME)
    assert row["planned_gain"] == 10  # together 65 less alone 55, higher being better


def test_the_forms_are_given_every_field_the_format_has(measured: Path) -> None:
    """The page data names each one-line field of an indicator, a cost and a benefit, the
    partnership's facts and an outcome's evidence and category, with their current values."""
    facts = editor_facts(load(measured))
    names = {kind: [spec["name"] for spec in specs] for kind, specs in facts["fields"].items()}
    assert {"unit", "better", "target_period", "comparator.name", "minimum"} <= set(
        names["indicator"]
    )
    assert {"evidence", "category", "notes"} <= set(names["outcome"])
    assert "evidence" not in names["contribution"]
    assert {"started", "type", "lead", "vision"} <= set(names["partnership"])
    assert "outcome" in names["benefit"] and "outcome" not in names["cost"]
    indicator = facts["elements"][OUTCOME]["indicators"][0]
    assert indicator["actuals"] == {"2003": 30, "2004": 35, "2005": 45, "2006": 50}
    assert [c["item"] for c in facts["costs"]] == ["Staff time"]
    comparator = next(s for s in facts["fields"]["indicator"] if s["name"] == "comparator.name")
    assert comparator["unset"] == "comparator"  # emptying its name removes the comparator
    name = next(s for s in facts["fields"]["indicator"] if s["name"] == "name")
    assert name["unset"] is None  # an indicator always has a name


def test_the_endpoint_changes_and_removes_each_measure_field(measured: Path) -> None:
    editor = Editor(str(measured))

    def edit(op: str, **args: object) -> None:
        editor.edit({"op": op, "args": args, "version": version_of(measured.read_bytes())})

    named = {"element": OUTCOME, "indicator": "trust"}  # any case
    edit("set_indicator", **named, field="maximum", value="100")
    edit("unset_indicator", **named, field="unit")
    edit("add_comparator", **named, name="Elsewhere")
    edit("set_actual", **named, period="2004", value="33", comparator=True)
    edit("remove_actual", **named, period="2003")
    edit("set_benefit", which="2", field="evidence", value="reported")
    edit("unset_cost", which="staff time", field="unit")
    edit("set_cost", which="1", field="by", value=["partner-a", "partner-b"])
    model = load(measured)
    indicator = _outcome(model).indicators[0]
    assert indicator.maximum == 100 and indicator.unit is None
    assert indicator.comparator is not None and indicator.comparator.actuals == {"2004": 33}
    assert list(indicator.actuals) == ["2004", "2005", "2006"]
    benefit = model.partnership.benefits[1]
    assert benefit.item == "Shared rooms" and benefit.evidence is not None
    assert model.partnership.costs[0].unit is None
    assert model.partnership.costs[0].by == ["partner-a", "partner-b"]
    with pytest.raises(Refused, match="'colour' is not a field to set"):
        edit("set_cost", which="1", field="colour", value="red")
    with pytest.raises(Refused, match="set_benefit needs 'field'"):
        edit("set_benefit", which="1", value="x")
    with pytest.raises(Refused, match="no value for 1999"):
        edit("remove_actual", **named, period="1999")
