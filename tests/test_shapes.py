"""Differently shaped models (tests/shapes/) through every command, view and export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.models import OUTCOME_STAGES, Stage
from logicmodel.renderers import FORMATS, Kind
from logicmodel.renderers.layout import drawn_stages, layout
from logicmodel.status import ExitStatus

from .conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SHAPES = sorted((ROOT / "tests" / "shapes").glob("*.yaml"))
THEMES = ("classic", "colourblind", "print", "projector")
VIEWS = sorted(name for name, entry in FORMATS.items() if entry.kind is Kind.VIEW)
EXPORTS = sorted(name for name, entry in FORMATS.items() if entry.kind is Kind.EXPORT)


def ran_cleanly(result: Result) -> None:
    """Fail unless a command ended without an internal error or a traceback."""
    assert result.exit_code != ExitStatus.INTERNAL, result.output
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception


def outcome_ids(path: Path) -> list[str]:
    """Return the ids of a model's outcomes."""
    model = load(path)
    return [element.id for stage, element in model.elements() if stage in OUTCOME_STAGES]


def has_actuals(path: Path) -> bool:
    """Return whether any indicator of a model has actual values to chart."""
    model = load(path)
    return any(
        indicator.actuals for _, element in model.elements() for indicator in element.indicators
    )


@pytest.mark.parametrize("shape", SHAPES, ids=lambda path: path.stem)
def test_check_trace_and_gain_run_on_every_shape(runner: CliRunner, shape: Path) -> None:
    for command in (
        ["check"],
        ["trace"],
        ["trace", "--format", "json"],
        ["gain"],
        ["whatif", "--without-collaboration"],
    ):
        result = runner.invoke(cli, [*command, str(shape)])
        ran_cleanly(result)
        assert result.exit_code in (ExitStatus.OK, ExitStatus.FINDINGS), result.output
    for outcome in outcome_ids(shape):
        result = runner.invoke(cli, ["trace", str(shape), "--outcome", outcome])
        ran_cleanly(result)
        assert result.exit_code == ExitStatus.OK, result.output


@pytest.mark.needs("dot")
@pytest.mark.parametrize("shape", SHAPES, ids=lambda path: path.stem)
def test_every_view_and_theme_draws_every_shape(
    runner: CliRunner, shape: Path, tmp_path: Path
) -> None:
    for view in VIEWS:
        suffix = FORMATS[view].suffixes[0]
        for theme in THEMES:
            out = tmp_path / f"{view}-{theme}{suffix}"
            result = runner.invoke(
                cli, ["render", str(shape), "--view", view, "--theme", theme, "-o", str(out)]
            )
            ran_cleanly(result)
            if view == "gain" and not has_actuals(shape):
                assert "no indicators to chart" in result.output
                continue
            assert result.exit_code == ExitStatus.OK, (view, theme, result.output)
            assert out.stat().st_size > 0
    deck = tmp_path / "deck.pdf"
    result = runner.invoke(
        cli, ["render", str(shape), "--theme", "projector", "--slides", "-o", str(deck)]
    )
    ran_cleanly(result)
    assert result.exit_code == ExitStatus.OK, result.output


@pytest.mark.parametrize("shape", SHAPES, ids=lambda path: path.stem)
def test_every_export_and_the_report_write_every_shape(
    runner: CliRunner, shape: Path, tmp_path: Path
) -> None:
    for export in EXPORTS:
        out = tmp_path / f"{shape.stem}{FORMATS[export].suffixes[0]}"
        result = runner.invoke(cli, ["export", str(shape), "--format", export, "-o", str(out)])
        ran_cleanly(result)
        assert result.exit_code == ExitStatus.OK, (export, result.output)
    report = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", str(shape), "-o", str(report)])
    ran_cleanly(result)
    assert result.exit_code == ExitStatus.OK, result.output
    assert "<html" in report.read_text(encoding="utf-8").lower()


def shape(name: str) -> Path:
    """Return the path of one model of the corpus."""
    return ROOT / "tests" / "shapes" / f"{name}.yaml"


def test_an_outcome_with_no_path_says_so_plainly(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", str(shape("one-chain")), "--outcome", "b"])
    assert "no contribution lies upstream" in result.output
    assert "of 0 supporting paths" not in result.output


def test_the_board_report_claims_no_routes_that_are_not_there(
    runner: CliRunner, tmp_path: Path
) -> None:
    for name, words in (
        ("outcome-only", "No outcome has a contribution upstream yet"),
        ("unassigned", "No outcome draws on collaboration"),
    ):
        out = tmp_path / f"{name}.html"
        runner.invoke(cli, ["report", str(shape(name)), "-o", str(out)])
        text = out.read_text(encoding="utf-8")
        assert words in text
        assert "every outcome has another route" not in text


def test_figure1_never_says_nothing_leads_to_a_box_with_an_arrow_in() -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.figure1 import render

    for path in SHAPES:
        model = load(path)
        figure = render(model, trace(model), "classic")
        words = " ".join(text.get_text() for text in figure.axes[0].texts)
        assert "Nothing leads to" not in words, path.stem


@pytest.mark.parametrize("theme", ["classic", "projector"])
@pytest.mark.parametrize("path", SHAPES, ids=lambda path: path.stem)
def test_figure1_draws_only_the_stage_columns_a_model_uses(path: Path, theme: str) -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.figure1 import render
    from logicmodel.renderers.layout import empty_note
    from logicmodel.renderers.themes import get_theme

    model = load(path)
    placed = layout(model, trace(model), get_theme(theme))
    used = [stage for stage in Stage if model.stage_elements(stage)]
    # Each drawn column holds boxes, and no two drawn columns share an x.
    assert drawn_stages(placed) == used
    xs = [placed.columns[stage] for stage in used]
    assert xs == sorted(set(xs))
    for stage in used:
        lefts = {placed.boxes[element.id].x for element in model.stage_elements(stage)}
        assert lefts == {placed.columns[stage]}
    # The headings name the drawn columns only, and the note names the empty ones.
    figure = render(model, trace(model), theme)
    texts = {str(text.get_gid()): text.get_text() for text in figure.axes[0].texts}
    headed = {gid.split(":")[2] for gid in texts if gid.startswith("text:header:")}
    assert headed == {"focus", *(stage.value for stage in used)}
    if len(used) < len(Stage):
        assert empty_note(placed.empty) in " ".join(texts.values()).replace("\n", " ")


def test_empty_columns_take_no_width() -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.themes import get_theme

    theme = get_theme("classic")
    two = load(shape("two-columns"))
    full = load(ROOT / "samples" / "figure1.yaml")
    narrow, wide = layout(two, trace(two), theme).width, layout(full, trace(full), theme).width
    # Focus and two columns of seven: well under two thirds of the full width.
    assert narrow < wide * 0.6


@pytest.mark.parametrize("theme", ["classic", "projector"])
def test_links_within_a_stage_point_forwards(theme: str) -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.themes import get_theme

    model = load(shape("same-stage"))
    placed = layout(model, trace(model), get_theme(theme))
    stage_of = {element.id: stage for stage, element in model.elements()}
    checked = 0
    for gid, points in placed.routes.items():
        source, target = placed.ends[gid]
        if not gid.startswith("link:") or stage_of[source] is not stage_of[target]:
            continue
        box = placed.boxes[target]
        (ax, ay), (bx, by) = points[-2], points[-1]
        # It enters its target from above, pointing down the column: never from the right
        # side, the side links leave by, pointing backwards.
        assert ax == pytest.approx(bx) and ay < by == pytest.approx(box.y), gid
        assert box.x < bx < box.x + box.width, gid
        checked += 1
    assert checked == 3  # compliance -> price change -> less drinking; advice -> joint checks


def test_trace_writes_whole_labels_to_a_file_or_pipe(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["trace", str(shape("unassigned"))])
    long_label = "Price change. No alcohol sold below the minimum price in any shop in the country"
    assert long_label in result.output


def test_tables_fit_a_terminal_and_nothing_else() -> None:
    import io

    from logicmodel.terminal import table_width

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert table_width(io.StringIO()) is None
    width = table_width(Terminal())
    assert width is not None and width > 20


def test_the_board_report_carries_every_note(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    runner.invoke(cli, ["report", str(shape("outcome-only")), "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "Draft strategy map; contributions are still to be agreed." in text  # partnership
    assert "The plan&#x27;s target, set for the area as a whole." in text  # an indicator's
    out = tmp_path / "unassigned.html"
    runner.invoke(cli, ["report", str(shape("unassigned")), "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "The policy names no delivering partners." in text  # a partner's
    assert "not yet assigned" in text


def test_the_page_panel_shows_an_elements_notes_and_source(
    browser: Browser, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "page.html"
    runner.invoke(cli, ["render", str(shape("outcome-only")), "--view", "html", "-o", str(out)])
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("html[data-ready=true]")
    # The page draws the two columns the model uses, no others.
    stages = page.eval_on_selector_all(".header[data-stage]", "hs => hs.map(h => h.dataset.stage)")
    assert stages == ["focus", "intermediate", "ultimate"]
    page.click('.el[data-id="more-jobs"]')
    panel = page.text_content("#lm-panel") or ""
    assert "From the draft map." in panel
    assert "Draft economy outcome map, 2025" in panel
    context.close()


def test_an_outcome_section_added_after_new_goes_under_the_outcomes_comment(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "m.yaml"
    made = runner.invoke(
        cli,
        ["new", str(path), "--title", "T", "--partner", "council=Council", "--ultimate", "Better"],
    )
    assert made.exit_code == 0, made.output
    for stage, ident, to in (("intermediate", "a", "better"), ("interim", "c", "a")):
        added = runner.invoke(
            cli, ["add", str(path), stage, "--id", ident, "--label", ident, "--leads-to", to]
        )
        assert added.exit_code == 0, added.output
    lines = path.read_text(encoding="utf-8").splitlines()
    comment = next(n for n, line in enumerate(lines) if line.startswith("# Outcomes"))
    keys = [n for n, line in enumerate(lines) if line in ("interim:", "intermediate:", "ultimate:")]
    assert comment < keys[0] and [lines[n] for n in keys] == [
        "interim:",
        "intermediate:",
        "ultimate:",
    ]
    assert load(path).stage_elements(Stage.INTERIM)[0].leads_to == ["a"]
