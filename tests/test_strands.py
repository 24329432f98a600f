"""Strands: a parent model with strand files loads, traces, draws and opens its strands."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.text import Text
from playwright.sync_api import Page

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import LoadError, load
from logicmodel.fileformat.strands import strand_alone
from logicmodel.models import TraceClass
from logicmodel.renderers import figure1
from logicmodel.renderers.strand_view import collapse

HERE = Path(__file__).resolve().parent / "strands"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a folder holding the two-strand parent and its strands, free to change."""
    for name in ("parent.yaml", "north.yaml", "south.yaml"):
        shutil.copy(HERE / name, tmp_path / name)
    return tmp_path


def change(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def error_of(path: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load(path)
    return str(caught.value)


# ---------------------------------------------------------------- the trace across strands


def test_cross_strand_links_give_hand_worked_classes_and_shares(folder: Path) -> None:
    # By hand: north's patrols are the police's own (green) and south's joint intelligence
    # enhances them (red), so north's outcome gains; of its two paths (patrols; intel via the
    # enhancing link) one is collaborative. South's streets: cleaning (green) and intel (red),
    # one path of two. The city: both strands feed it, 2 of its 4 paths collaborative.
    traced = trace(load(folder / "parent.yaml"))
    classes = {k: (o.trace_class, o.share) for k, o in traced.outcomes.items()}
    assert classes == {
        "north:fewer-incidents": (TraceClass.COLLABORATIVE_GAIN, Fraction(1, 2)),
        "south:clean-streets": (TraceClass.COLLABORATIVE_GAIN, Fraction(1, 2)),
        "safer-city": (TraceClass.COLLABORATIVE_GAIN, Fraction(1, 2)),
    }
    assert traced.outcomes["safer-city"].paths == 4


def test_each_strand_traces_on_its_own(folder: Path) -> None:
    # North alone has no enhancing link: the parent writes it, so north is green on its own.
    north = trace(load(folder / "north.yaml")).outcomes["fewer-incidents"]
    assert (north.trace_class, north.share) == (TraceClass.SINGLE_AGENCY, 0)
    south = trace(load(folder / "south.yaml")).outcomes["clean-streets"]
    assert (south.trace_class, south.share) == (TraceClass.COLLABORATIVE_GAIN, Fraction(1, 2))


def test_by_all_in_a_strand_means_the_strands_partners(folder: Path) -> None:
    change(folder / "parent.yaml", "partners:\n", "partners:\n  - {id: nhs, name: NHS}\n")
    model = load(folder / "parent.yaml")
    intel = next(e for _, e in model.contributions() if e.id == "south:joint-intel")
    assert model.partners_of(intel) == ["council", "police"]


def test_trace_command_reports_each_strand_and_overall(folder: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", str(folder / "parent.yaml")])
    assert result.exit_code == 0, result.output
    assert "north:fewer-incidents" in result.output
    assert "3 of 3 outcomes rely on collaboration" in result.output


# ---------------------------------------------------------------- errors in the right file


def test_an_error_in_a_strand_is_placed_in_the_strand_file(folder: Path) -> None:
    change(folder / "north.yaml", "leads_to: [fewer-incidents]", "leads_to: [fewer-incident]")
    message = error_of(folder / "parent.yaml")
    assert message.startswith(f"{folder / 'north.yaml'}:10:16: ")
    assert "'fewer-incidents'" in message  # did you mean


def test_a_bad_cross_link_is_placed_at_the_parent_line(folder: Path) -> None:
    change(folder / "parent.yaml", "enhances: [north:patrols]", "enhances: [north:patrol]")
    message = error_of(folder / "parent.yaml")
    assert message.startswith(f"{folder / 'parent.yaml'}:19:")
    assert "'north:patrols'" in message


def test_a_link_from_a_missing_element_names_the_nearest(folder: Path) -> None:
    change(folder / "parent.yaml", "element: fewer-incidents", "element: fewer-incident")
    message = error_of(folder / "parent.yaml")
    assert message.startswith(f"{folder / 'parent.yaml'}:14:")
    assert "'fewer-incidents'" in message


def test_an_unknown_strand_gets_a_did_you_mean(folder: Path) -> None:
    change(folder / "parent.yaml", "north:patrols", "nrth:patrols")
    message = error_of(folder / "parent.yaml")
    assert message.startswith(f"{folder / 'parent.yaml'}:19:")
    assert "'north'" in message


def test_a_missing_strand_file_is_placed_at_its_file_entry(folder: Path) -> None:
    (folder / "south.yaml").unlink()
    message = error_of(folder / "parent.yaml")
    assert message.startswith(f"{folder / 'parent.yaml'}:16:5: strand 'south': south.yaml")


def test_a_cycle_of_strands_is_refused(folder: Path) -> None:
    with open(folder / "south.yaml", "a") as handle:
        handle.write("strands:\n  - {id: up, file: parent.yaml}\n")
    message = error_of(folder / "parent.yaml")
    assert message.startswith(f"{folder / 'south.yaml'}:")
    assert "cycle" in message


def test_a_cross_link_that_closes_a_loop_is_refused(folder: Path) -> None:
    # South's intelligence enhances north's patrols; patrols feeding it back closes a loop.
    change(
        folder / "parent.yaml",
        "leads_to: [safer-city]}",
        "leads_to: [safer-city]}\n      - {element: patrols, leads_to: [south:joint-intel]}",
    )
    message = error_of(folder / "parent.yaml")
    assert "cycle" in message and "parent.yaml:" in message


# ---------------------------------------------------------------- Figure 1 of the parent


def test_figure1_of_a_parent_draws_each_strand_as_one_box(folder: Path) -> None:
    model = load(folder / "parent.yaml")
    drawn = figure1.render(model, trace(model))
    texts = " ".join(t.get_text() for t in drawn.findobj(Text))
    assert "Strand: North neighbourhood (2 elements)" in " ".join(texts.split())
    assert "Police patrols" not in texts  # folded into its strand's box
    collapsed, traced = collapse(model, trace(model))
    assert {k: o.trace_class for k, o in traced.outcomes.items()} == {
        "safer-city": TraceClass.COLLABORATIVE_GAIN,
        "north": TraceClass.COLLABORATIVE_GAIN,
        "south": TraceClass.COLLABORATIVE_GAIN,
    }
    links = {(e.id, t) for _, e in collapsed.elements() for t in e.leads_to}
    assert links == {("north", "safer-city"), ("south", "safer-city"), ("south", "north")}


def test_a_strand_drawn_alone_is_its_own_file(folder: Path) -> None:
    alone = strand_alone(load(folder / "parent.yaml"), "north")
    own = load(folder / "north.yaml")
    assert [(s, e.id, e.leads_to) for s, e in alone.elements()] == [
        (s, e.id, e.leads_to) for s, e in own.elements()
    ]


@pytest.mark.browser
def test_the_page_opens_a_strand_and_comes_back(
    folder: Path, runner: CliRunner, page: Page
) -> None:
    target = folder / "parent.html"
    result = runner.invoke(
        cli, ["render", str(folder / "parent.yaml"), "--view", "html", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    page.goto(target.as_uri())
    diagram = page.locator("#lm-stage")
    page.get_by_role("button", name="Open North neighbourhood").click()
    view = page.locator("#lm-strand-view")
    assert view.is_visible() and not diagram.is_visible()
    assert "Police patrols" in view.inner_text()
    page.get_by_role("button", name="Back to City safety partnership").click()
    page.wait_for_function("!document.getElementById('lm-stage').hidden")
    assert diagram.is_visible() and not view.is_visible()
    # The browser's own Back returns too, and a double click on a strand's box opens it.
    page.locator('#lm-diagram .el[data-id="south"]').dblclick()
    assert "Street cleaning" in view.inner_text()
    page.go_back()
    page.wait_for_function("!document.getElementById('lm-stage').hidden")
    assert not view.is_visible()


SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "strands" / "aberdeen"


def test_the_aberdeen_sample_loads_with_its_three_neighbourhoods() -> None:
    model = load(SAMPLE / "parent.yaml")
    assert [s.id for s in model.strands] == [f"neighbourhood-{n}" for n in (1, 2, 3)]
    traced = trace(model)
    # Each neighbourhood's local outcome comes only from joint work, alone and in the parent.
    for n in (1, 2, 3):
        alone = trace(load(SAMPLE / f"neighbourhood-{n}.yaml")).outcomes["local-needs-met"]
        merged = traced.outcomes[f"neighbourhood-{n}:local-needs-met"]
        assert alone.trace_class is merged.trace_class is TraceClass.COLLABORATION_ONLY
    assert traced.outcomes["strategic-objectives"].trace_class is TraceClass.COLLABORATIVE_GAIN


# ---------------------------------------------------------------- editing a strand


def test_an_edit_of_a_strand_that_breaks_its_parent_is_refused(
    folder: Path, runner: CliRunner
) -> None:
    before = (folder / "north.yaml").read_bytes()
    result = runner.invoke(cli, ["remove", str(folder / "north.yaml"), "patrols", "--force"])
    assert result.exit_code != 0
    assert f"{folder / 'parent.yaml'}:19:" in result.output
    assert "north:patrols" in result.output
    assert (folder / "north.yaml").read_bytes() == before


def test_an_edit_of_a_strand_that_keeps_its_parent_valid_is_written(
    folder: Path, runner: CliRunner
) -> None:
    args = ["set", str(folder / "north.yaml"), "patrols", "label", "More police patrols"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "More police patrols" in (folder / "north.yaml").read_text()
    assert load(folder / "parent.yaml")  # still loads with the edit


# ---------------------------------------------------------------- compare and the report


def test_compare_lists_each_strand_then_the_parents_combined_row(
    folder: Path, runner: CliRunner
) -> None:
    parent = str(folder / "parent.yaml")
    result = runner.invoke(cli, ["compare", parent, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["models"]
    assert [(r["model"], r["outcomes"], r["relying_on_collaboration"]) for r in rows] == [
        (f"{parent}:north", 1, 0),  # north on its own: green
        (f"{parent}:south", 1, 1),
        (parent, 3, 3),
    ]
    assert [r["strand_of"] for r in rows] == [parent, parent, None]
    text = runner.invoke(cli, ["compare", parent]).output
    assert "1 model: 3 of 3 outcomes rely on collaboration" in text  # strands not counted twice


def test_trace_of_a_parent_sums_up_each_strand(folder: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", str(folder / "parent.yaml")])
    assert "strand north: 1 of 1 outcomes rely on collaboration" in result.output
    assert "parent: 1 of 1 outcomes rely on collaboration" in result.output


def test_the_report_of_a_parent_shows_the_combined_trace_and_each_strand(
    folder: Path, runner: CliRunner
) -> None:
    target = folder / "board.html"
    result = runner.invoke(cli, ["report", str(folder / "parent.yaml"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "Strand: North neighbourhood (north.yaml)" in text
    assert "Strand: South neighbourhood (south.yaml)" in text  # no label: the strand's title
    assert "north:fewer-incidents" in text  # the trace runs over the whole merged model


def test_check_of_a_parent_places_a_strands_advice_at_its_entry(
    folder: Path, runner: CliRunner
) -> None:
    result = runner.invoke(cli, ["check", str(folder / "parent.yaml")])
    north = next(line for line in result.output.splitlines() if "'north:fewer-incidents'" in line)
    assert north.startswith(f"{folder / 'parent.yaml'}:10:5: ")  # the strand's `- id: north`


def test_a_parent_read_from_text_alone_traces_and_draws_its_own_part() -> None:
    from logicmodel.fileformat.loading import loads
    from logicmodel.renderers.html import page
    from logicmodel.renderers.options import HtmlOptions

    text = (HERE / "parent.yaml").read_text()
    text = text.replace(
        "ultimate:",
        "activities:\n  - {id: fund, label: Fund, by: council, leads_to: [north:patrols]}\n"
        "ultimate:",
    )
    model = loads(text)  # no folder: the strands are not loaded
    traced = trace(model)
    assert list(traced.outcomes) == ["safer-city"]
    assert "Strand: North neighbourhood (0 elements)" in page(model, traced, HtmlOptions())
