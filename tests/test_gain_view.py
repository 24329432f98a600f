"""The gain view, tested by reading the figure: each series where its figures say, in every
theme; the same SVG bytes every time; a model without indicators refused in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib
import numpy
import pytest
from click.testing import CliRunner
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from logicmodel.analysis.gain import measure, period_year
from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load, loads
from logicmodel.models import LogicModel
from logicmodel.renderers import VIEWS, draw, generate
from logicmodel.renderers.gain import render
from logicmodel.renderers.themes import THEMES, get_theme
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, ROOT, SAMPLES
from .test_graph import HOSTILE

matplotlib.use("Agg")

MCMC = ROOT / "samples" / "inverclyde-mcmc.yaml"
WITH_INDICATORS = [path for path in SAMPLES if "indicators:" in path.read_text("utf-8")]
NEET = "gain:fewer-neet:Known NEET 16-19 year olds in Inverclyde"

# Every mark: a linear trend with an interval, targets at a financial year, a comparator, a
# shortfall, a direction left unset, and an indicator with no figures at all.
EVERY_MARK = """\
logicmodel: 1
title: Every mark of the gain chart
partnership: {started: 2004-05}
partners: [{id: police, name: Police}, {id: council, name: Council}]
activities:
  - id: patrols
    label: Joint patrols
    by: [police, council]
    leads_to: [less-crime]
interim:
  - id: less-crime
    label: Less crime in the town centre
    indicators:
      - name: Recorded crimes
        unit: crimes
        better: lower
        actuals: {2000-01: 900, 2001-02: 880, 2002-03: 850, 2003-04: 835, 2004-05: 800,
                  2005-06: 760, 2006-07: 790, 2007-08: 700}
        target_alone: 760
        target_together: 680
        target_period: 2008-09
      - name: Young people in positive destinations
        unit: percent
        better: higher
        actuals: {2002-03: 80, 2003-04: 81, 2004-05: 82, 2005-06: 85, 2006-07: 83}
        comparator:
          name: The rest of the region
          actuals: {2003-04: 78, 2004-05: 79, 2005-06: 82, 2006-07: 86}
      - name: No direction
        actuals: {2003: 10, 2005: 12}
      - name: Not measured yet
        notes: To be developed.
"""


def drawn(figure: Figure) -> dict[str, Any]:
    """Return the figure's marks by gid: axes, lines, fills and texts, after drawing it."""
    FigureCanvasAgg(figure).draw()
    found: dict[str, Any] = {}
    for axes in figure.axes:
        if axes.get_gid():
            found[str(axes.get_gid())] = axes
        for artist in [*axes.lines, *axes.collections, *axes.texts, axes.yaxis.label]:
            if artist.get_gid():
                found[str(artist.get_gid())] = artist
    return found


def xy(line: Line2D) -> list[tuple[float, float]]:
    """Return a line's points."""
    xs = numpy.asarray(line.get_xdata(), dtype=float).tolist()
    ys = numpy.asarray(line.get_ydata(), dtype=float).tolist()
    return list(zip(xs, ys, strict=True))


def fill_x(collection: Collection) -> tuple[float, float]:
    """Return the leftmost and rightmost x of a fill's outline."""
    xs = [x for path in collection.get_paths() for x, _ in numpy.asarray(path.vertices).tolist()]
    return min(xs), max(xs)


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("sample", WITH_INDICATORS, ids=[s.name for s in WITH_INDICATORS])
def test_every_sample_with_indicators_draws_in_every_theme(
    sample: Path, theme: str, tmp_path: Path
) -> None:
    model = load(sample)
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        target = tmp_path / f"gain{suffix}"
        draw(model, trace(model), target, view="gain", theme=theme, dpi=40)
        assert target.read_bytes().startswith(magic)
    marks = drawn(render(model, theme))
    for gain in measure(model).indicators:
        assert f"gain:{gain.element}:{gain.indicator}" in marks


def test_the_samples_cover_the_charts() -> None:
    assert "gain" in VIEWS
    assert MCMC in WITH_INDICATORS and len(WITH_INDICATORS) >= 2


def test_the_neet_series_is_drawn_where_its_figures_say() -> None:
    model = load(MCMC)
    assert model.partnership.started is not None  # the sample says when joint working began
    marks = drawn(render(model))
    indicator = next(i for _, e in model.elements() if e.id == "fewer-neet" for i in e.indicators)
    actuals = sorted((float(period_year(p)), float(v)) for p, v in indicator.actuals.items())
    start = period_year(model.partnership.started)
    assert xy(marks[f"{NEET}:before"]) == [a for a in actuals if a[0] < start]
    assert xy(marks[f"{NEET}:actual"]) == [a for a in actuals if a[0] >= start]
    assert {x for x, _ in xy(marks[f"{NEET}:started"])} == {2004.0}
    # One value before the start: the expectation is that value, held flat; the fall is gain.
    assert {y for _, y in xy(marks[f"{NEET}:flat"])} == {660.0}
    note = " ".join(t.get_text() for k, t in sorted(marks.items()) if k.startswith(f"{NEET}:note"))
    assert "a trend needs two or more values before the start" in " ".join(note.split())
    assert f"{NEET}:trend" not in marks
    assert fill_x(marks[f"{NEET}:gain"]) == (2004.0, 2007.0)
    assert f"{NEET}:shortfall" not in marks and f"{NEET}:band" not in marks
    assert "\u25bc" in marks[f"{NEET}:ylabel"].get_text()  # lower is better, said on the axis
    assert not any(key.startswith(f"{NEET}:target") for key in marks)


def test_trend_band_targets_comparator_and_shortfall_are_drawn_at_their_periods() -> None:
    model = loads(EVERY_MARK, name="marks.yaml")
    gains = {g.indicator: g for g in measure(model).indicators}
    marks = drawn(render(model))
    crimes = "gain:less-crime:Recorded crimes"
    assert {x for x, _ in xy(marks[f"{crimes}:started"])} == {2004.0}  # 2004-05's first year
    for name, value in (("alone", 760.0), ("together", 680.0)):
        assert xy(marks[f"{crimes}:target-{name}"]) == [(2008.0, value)]
        assert marks[f"{crimes}:target-{name}-label"].get_text() == f"target {name}"
    # The trend is the pre-partnership least-squares line, run on to the target period.
    trend = gains["Recorded crimes"].trend
    assert trend is not None
    for x, y in xy(marks[f"{crimes}:trend"]):
        assert y == pytest.approx(trend.predict(x))
    assert xy(marks[f"{crimes}:trend"])[-1][0] == 2008.0
    assert fill_x(marks[f"{crimes}:band"]) == pytest.approx((2003.0, 2008.0))
    # 2006-07 went the wrong way: both a gain and a shortfall are shaded, each in its years.
    assert fill_x(marks[f"{crimes}:gain"]) == pytest.approx((2004.0, 2007.0))
    low, high = fill_x(marks[f"{crimes}:shortfall"])
    assert 2005.0 < low < 2006.0 < high < 2007.0
    destinations = "gain:less-crime:Young people in positive destinations"
    expected = gains["Young people in positive destinations"].comparator_expected
    assert xy(marks[f"{destinations}:comparator"]) == [(float(y), v) for _, y, v in expected]
    assert "\u25b2" in marks[f"{destinations}:ylabel"].get_text()
    assert "direction not stated" in marks["gain:less-crime:No direction:ylabel"].get_text()
    assert "To be developed." in marks["gain:less-crime:Not measured yet:empty"].get_text()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_colours_and_hatches_the_gain(theme: str) -> None:
    colours = get_theme(theme)
    marks = drawn(render(loads(EVERY_MARK, name="marks.yaml"), theme))
    gain = marks["gain:less-crime:Recorded crimes:gain"]
    assert to_rgba(gain.get_facecolor()[0])[:3] == to_rgba(colours.red_fill)[:3]
    if colours.red_hatch:  # print: greyscale, the gain hatched
        assert marks["gain:less-crime:Recorded crimes:gain:hatch"].get_hatch() == colours.red_hatch
    actual = marks["gain:less-crime:Recorded crimes:actual"]
    assert to_rgba(actual.get_color()) == to_rgba(colours.red_edge)


@pytest.mark.parametrize("theme", ["classic", "projector"])
def test_text_stays_clear_of_the_charts_and_the_legend_of_the_data(theme: str) -> None:
    figure = render(loads(EVERY_MARK, name="marks.yaml"), theme)
    marks = drawn(figure)
    renderer = FigureCanvasAgg(figure).get_renderer()
    charts = [a for a in figure.axes if str(a.get_gid() or "").startswith("gain:")]
    boxes = [a.get_window_extent(renderer) for a in charts]
    legend = next(a for a in figure.get_children() if isinstance(a, Legend))
    headers = [
        t for t in figure.axes[0].texts if t.get_text() and str(t.get_gid()).startswith("gain:")
    ]
    for item in [legend, *headers]:
        extent = item.get_window_extent(renderer)
        for box in boxes:
            assert not extent.overlaps(box), item
    # Labels in a chart stay inside the figure; target labels inside their own chart.
    page = figure.bbox
    for key, mark in marks.items():
        if isinstance(mark, Text) and mark.get_text():
            extent = mark.get_window_extent(renderer)
            assert page.x0 <= extent.x0 and extent.x1 <= page.x1, key
            if key.endswith("-label") and ":target-" in key:
                chart = marks[key.rsplit(":", 1)[0]]
                assert isinstance(chart, Axes)
                box = chart.get_window_extent(renderer)
                assert box.x0 <= extent.x0 and extent.x1 <= box.x1, key
                assert box.y0 <= extent.y0 and extent.y1 <= box.y1, key
    if theme == "projector":
        width, height = figure.get_size_inches()
        assert width / height == pytest.approx(16 / 9)


def test_every_text_is_plain_text_not_maths() -> None:
    model = loads(EVERY_MARK.replace("No direction", "Costs $5 and $10"), name="m.yaml")
    figure = render(model)
    FigureCanvasAgg(figure).draw()
    texts = [t for t in figure.findobj(Text) if t.get_text()]
    assert texts and not [t.get_text() for t in texts if t.get_parse_math()]
    assert any(t.get_text() == "Costs $5 and $10" for t in texts)


@pytest.mark.parametrize("label", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_labels_are_drawn_whole_and_wrapped(label: str) -> None:
    escaped = label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    model = loads(
        EVERY_MARK.replace("label: Less crime in the town centre", f'label: "{escaped}"'),
        name="hostile.yaml",
    )
    figure = render(model, "projector")
    marks = drawn(figure)
    key = "gain:less-crime:Recorded crimes"
    lines = [t.get_text() for k, t in sorted(marks.items()) if k.startswith(f"{key}:title:")]
    assert "".join("".join(lines).split()).replace("-", "") == "".join(label.split()).replace(
        "-", ""
    )
    # Wrapped to the panel: no line reaches past its chart's right edge into the next panel.
    renderer = FigureCanvasAgg(figure).get_renderer()
    right = marks[key].get_window_extent(renderer).x1 + 0.2 * figure.dpi
    for k, text in marks.items():
        if k.startswith(f"{key}:title:"):
            assert text.get_window_extent(renderer).x1 <= right, k


def test_the_svg_is_the_same_bytes_every_time() -> None:
    model = loads(EVERY_MARK, name="marks.yaml")
    first = generate(model, trace(model), "gain.svg", view="gain", theme="print")
    second = generate(model, trace(model), "gain.svg", view="gain", theme="print")
    assert isinstance(first, bytes) and first == second
    assert b"<dc:date>" not in first


def test_the_svg_ignores_the_users_matplotlib_settings() -> None:
    model = load(MCMC)
    plain = generate(model, trace(model), "gain.svg", view="gain")
    with matplotlib.rc_context({"lines.linewidth": 7, "font.size": 30, "axes.grid": True}):
        styled = generate(model, trace(model), "gain.svg", view="gain")
    assert plain == styled


def test_a_model_without_indicators_is_one_line_from_the_command_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert "indicators:" not in FIGURE1.read_text("utf-8")
    target = tmp_path / "gain.png"
    result = runner.invoke(cli, ["render", str(FIGURE1), "--view", "gain", "-o", str(target)])
    assert result.exit_code == ExitStatus.USAGE
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"{FIGURE1}: ") and "no indicators to chart" in line
    assert not target.exists()


def test_render_writes_the_charts_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "gain.svg"
    result = runner.invoke(cli, ["render", str(MCMC), "--view", "gain", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"<?xml")


def test_render_returns_a_figure_with_a_chart_per_indicator() -> None:
    model: LogicModel = load(MCMC)
    figure = render(model, "colourblind")
    assert isinstance(figure, Figure) and len(figure.axes) == 3  # the canvas and two charts


def test_the_readme_s_gain_chart_is_made_by_its_script(tmp_path: Path) -> None:
    from scripts.readme_gain import PICTURE, make_picture

    made = make_picture(tmp_path / "gain.png")
    assert made.read_bytes().startswith(b"\x89PNG")
    guide = (Path(__file__).resolve().parent.parent / "docs" / "planners.md").read_text("utf-8")
    assert "](gain.png)" in guide and PICTURE.exists()


def dashes(svg: bytes, gid: str) -> set[str]:
    """Return the dash patterns drawn inside the SVG element with this id."""
    import re
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    (element,) = [e for e in root.iter() if e.get("id") == gid]
    styles = [e.get("style", "") for e in element.iter()]
    return {m.group(1).strip() for s in styles if (m := re.search(r"stroke-dasharray:([^;]+)", s))}


def legend_texts(figure: Figure) -> list[str]:
    """Return the legend's entries."""
    legend = next(a for a in figure.get_children() if isinstance(a, Legend))
    return [t.get_text() for t in legend.get_texts()]


def _svg(model: LogicModel) -> bytes:
    made = generate(model, trace(model), "gain.svg", view="gain")
    assert isinstance(made, bytes)
    return made


def test_each_method_has_its_own_line_and_says_what_it_assumes() -> None:
    # The NEET count from 2005 (a trend) and its ranking (one value before: held flat) on one
    # figure, and a comparator on another: three expectations, three line styles.
    text = MCMC.read_text("utf-8").replace("\n  started: 2004\n", "\n  started: 2005\n")
    model = loads(text, name="neet.yaml")
    svg = _svg(model)
    ranking = "gain:ranking:Inverclyde's NEET ranking among 32 local authorities"
    (trend,) = dashes(svg, f"{NEET}:trend")
    (flat,) = dashes(svg, f"{ranking}:flat")
    assert trend != flat
    # The legend shows both, each with the pattern the chart draws it with.
    assert {trend, flat} <= dashes(svg, "gain:legend")
    texts = legend_texts(render(model))
    for entry in ("trend before the start", "one value before the start"):
        assert "assumes" in next(t for t in texts if t.startswith(entry))
    marks = loads(EVERY_MARK, name="marks.yaml")
    every = _svg(marks)
    comparator = "gain:less-crime:Young people in positive destinations:comparator"
    (dotted,) = dashes(every, comparator)
    assert dotted not in (trend, flat) and dotted in dashes(every, "gain:legend")
    texts = legend_texts(render(marks))
    for entry in ("comparator", "target alone"):
        assert "assumes" in next(t for t in texts if t.startswith(entry)), entry


def test_the_trend_and_its_band_stay_within_the_bounds() -> None:
    # From 2006 the NEET trend falls 100 a year and its interval reaches below 0 by 2006.
    text = MCMC.read_text("utf-8").replace("\n  started: 2004\n", "\n  started: 2006\n")
    bounded = drawn(render(loads(text, name="neet.yaml")))
    band = bounded[f"{NEET}:band"]
    lows = [y for path in band.get_paths() for _, y in numpy.asarray(path.vertices).tolist()]
    assert min(lows) == 0.0
    assert min(y for _, y in xy(bounded[f"{NEET}:trend"])) > 0
    free = drawn(render(loads(text.replace("        minimum: 0\n", ""), name="free.yaml")))
    lows = [y for path in free[f"{NEET}:band"].get_paths() for _, y in numpy.asarray(path.vertices)]
    assert min(lows) < -500


def test_a_trend_that_reaches_a_bound_bends_there_and_runs_along_it() -> None:
    falling = EVERY_MARK.replace(
        "actuals: {2003: 10, 2005: 12}",
        "better: lower\n        minimum: 0\n"
        "        actuals: {2001: 30, 2002: 20, 2003: 10, 2004: 9, 2008: 4}",
    )
    marks = drawn(render(loads(falling, name="falling.yaml")))
    points = xy(marks["gain:less-crime:No direction:trend"])
    assert points[0][0] == 2001.0 and points[0][1] == pytest.approx(30.0)
    assert (2004.0, 0.0) in points and points[-1] == (2008.0, 0.0)  # 30 - 10 a year: 0 by 2004
    assert all(y >= 0 for _, y in points)
