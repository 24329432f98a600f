"""The page's joint-work switch: both readings of "if this partner left", each the CLI's."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import logicmodel
from logicmodel.analysis.losses import scenario_text
from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.tracing import JOINT_WORK, remove_partners, trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load, loads
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import BOX_KINDS
from logicmodel.renderers.html import page as render
from logicmodel.renderers.html import page_data
from logicmodel.renderers.options import HtmlOptions

from .conftest import FIGURE1, SAMPLES

if TYPE_CHECKING:
    from click.testing import CliRunner
    from playwright.sync_api import Page

# The what-if sentence's counts, in the order it gives them.
COUNTS = re.compile(
    r": (\d+) of (\d+) outcomes would lose their collaborative gain, "
    r"(\d+) their single-agency support and (\d+) all support"
)

# Partner a works alone and with b; partner c only alone: c's two readings are the same.
MIXED = loads(
    """logicmodel: 1
title: Mixed
partners: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
activities:
  - {id: pooled, label: Pooled, by: [a, b], leads_to: [better]}
  - {id: own-a, label: A alone, by: [a], leads_to: [better]}
  - {id: own-c, label: C alone, by: [c], leads_to: [steady]}
interim:
  - {id: better, label: Better, gain: more together}
  - {id: steady, label: Steady}
""",
    name="mixed.yaml",
)


# Where the page data keeps each joint-work assumption's what-ifs.
KEYS = {"continues": "whatif", "stops": "whatif_stops"}


def readings(model: LogicModel) -> dict[str, dict[str, dict[str, Any]]]:
    """Return the page data's what-ifs by joint-work assumption, then partner id."""
    data = page_data(model, trace(model), "classic", None)
    return {joint_work: data[key] for joint_work, key in KEYS.items()}


@pytest.mark.parametrize(
    "model", [*SAMPLES, MIXED], ids=lambda m: m.stem if isinstance(m, Path) else "mixed"
)
def test_both_readings_in_the_page_data_are_the_cli_s(model: Path | LogicModel) -> None:
    model = load(model) if isinstance(model, Path) else model
    data = readings(model)
    ids = [element.id for _, element in model.elements()]
    graph = build_graph(model)
    names = {p.id: p.display_name for p in model.partners}
    for joint_work in JOINT_WORK:
        assert set(data[joint_work]) == set(model.partner_ids())
        for partner, scenario in data[joint_work].items():
            expected = logicmodel.whatif(model, partner, joint_work=joint_work)
            said = scenario_text([names[partner]], joint_work)
            assert scenario["summary"] == replace(expected, scenario=said).summary()
            cells = {
                ids[int(i)]: (kind, loss, after)
                for i, (kind, loss, after) in scenario["outcomes"].items()
            }
            assert cells == {
                change.id: (
                    BOX_KINDS[change.after.trace_class.value].value,
                    change.loss,
                    change.after.trace_class.value,
                )
                for change in expected.changes
            }
            after = remove_partners(graph, [partner], joint_work)
            gone = {ids[int(i)] for i, fate in scenario["contributions"].items() if fate == "gone"}
            assert gone == {n for n in graph if n not in after}, (partner, joint_work)


def test_a_partner_in_joint_work_reads_differently_under_each_assumption() -> None:
    data = readings(MIXED)
    # Pooled carrying on with B keeps Better supported (its gain goes); stopping takes it all.
    assert COUNTS.search(data["continues"]["a"]["summary"]).groups() == ("1", "2", "0", "0")  # type: ignore[union-attr]
    assert COUNTS.search(data["stops"]["a"]["summary"]).groups() == ("0", "2", "0", "1")  # type: ignore[union-attr]
    # c took part in no joint work: the same outcomes either way, only the words differ.
    assert data["continues"]["c"]["outcomes"] == data["stops"]["c"]["outcomes"]
    assert "stops" in data["stops"]["c"]["summary"]


# ---------------------------------------------------------------- in a real browser


def cli_counts(runner: CliRunner, *extra: str) -> tuple[int, ...]:
    """Return `logicmodel whatif figure1 --without partner-a` counts: outcomes, then losses."""
    command = ["whatif", str(FIGURE1), "--without", "partner-a", *extra, "--format", "json"]
    result = runner.invoke(cli, command)
    assert result.exit_code == 0, result.output
    said = json.loads(result.output)["models"][0]
    lists = (said["losing_gain"], said["losing_own_support"], said["losing_support"])
    return (said["outcomes"], *(len(ids) for ids in lists))


def page_counts(page: Page) -> tuple[int, ...]:
    """Return the counts the panel's sentence gives: outcomes, then each kind of loss."""
    found = COUNTS.search(page.text_content("#lm-panel h2") or "")
    assert found, page.text_content("#lm-panel h2")
    gain, total, own, support = (int(n) for n in found.groups())
    return (total, gain, own, support)


STOPS = 'input[name=lm-joint][value="stops"]'


def changed_outcomes(page: Page) -> int:
    return page.locator(".el.changed").count()


@pytest.mark.browser
def test_the_switch_shows_each_reading_with_the_cli_s_counts(
    page: Page, tmp_path: Path, runner: CliRunner
) -> None:
    hopeful, stopped = cli_counts(runner), cli_counts(runner, "--joint-work", "stops")
    assert hopeful != stopped  # else this test could not tell the readings apart
    target = tmp_path / "page.html"
    target.write_text(render(load(FIGURE1), trace(load(FIGURE1)), HtmlOptions()), "utf-8")
    page.goto(target.as_uri())
    page.wait_for_selector("html[data-ready=true]")
    assert page.is_disabled(STOPS)
    page.select_option("#lm-partner", "partner-a")
    page.check("#lm-leave")
    carries_on = page.locator('input[name=lm-joint][value="continues"]')
    assert carries_on.is_checked() and page.is_enabled(STOPS)
    assert page_counts(page) == hopeful
    assert "carries on with the partners left" in (page.text_content("#lm-panel h2") or "")
    assert changed_outcomes(page) == sum(hopeful[1:])
    # By keyboard alone: the arrow moves the radio group's choice (and does not pan).
    carries_on.focus()
    view = page.get_attribute("#lm-stage svg", "viewBox")
    page.keyboard.press("ArrowRight")
    assert page.is_checked(STOPS)
    assert page.get_attribute("#lm-stage svg", "viewBox") == view
    assert page_counts(page) == stopped
    assert "took part in stops" in (page.text_content("#lm-panel h2") or "")
    assert changed_outcomes(page) == sum(stopped[1:])
    # The panel also gives the other reading's sentence, so both sets of numbers are there.
    other = page.text_content("#lm-panel .other") or ""
    assert "carries on with the partners left" in other
    assert tuple(int(n) for n in COUNTS.search(other).groups()) == (  # type: ignore[union-attr]
        hopeful[1],
        hopeful[0],
        hopeful[2],
        hopeful[3],
    )
    page.uncheck("#lm-leave")
    assert page.is_disabled(STOPS)
