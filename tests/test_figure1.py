"""The Figure 1 view, tested by reading the figure: texts, fills and extents, in every theme."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from logicmodel.analysis.tracing import Trace, trace
from logicmodel.fileformat.loading import load, loads
from logicmodel.models import LogicModel, TraceClass
from logicmodel.renderers import REGISTRY, draw, verify_view
from logicmodel.renderers.figure1 import crossings, layout, render
from logicmodel.renderers.routes import crossings as route_crossings
from logicmodel.renderers.routes import shared, violations
from logicmodel.renderers.themes import THEMES, get_theme, verify_theme
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, ROOT, SAMPLES

matplotlib.use("Agg")

KIND = {
    TraceClass.SINGLE_AGENCY: "green",
    TraceClass.COLLABORATIVE_GAIN: "split",
    TraceClass.COLLABORATION_ONLY: "red",
    TraceClass.UNSUPPORTED: "unsupported",
}


def expected_kind(model: LogicModel, result: Trace, element_id: str) -> str:
    if element_id in result.outcomes:
        return KIND[result.outcomes[element_id].trace_class]
    contribution = next(c for _, c in model.contributions() if c.id == element_id)
    return "red" if model.is_collaborative(contribution) else "green"


def read_figure(figure: Figure) -> tuple[dict[str, Any], dict[str, list[Text]], Any]:
    """Return the figure's boxes by gid, its texts grouped by owner, and a renderer."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    axes = figure.axes[0]
    boxes = {
        str(patch.get_gid()): patch
        for patch in axes.patches
        if isinstance(patch, Rectangle) and (patch.get_gid() or "").startswith("box:")
    }
    texts: dict[str, list[Text]] = {}
    for text in axes.texts:
        gid = text.get_gid() or ""
        owner = gid.rsplit(":", 1)[0]
        texts.setdefault(owner, []).append(text)
    return boxes, texts, renderer


def assert_figure_reads_right(model: LogicModel, theme: str) -> None:
    result = trace(model)
    figure = render(model, result, theme)
    colours = get_theme(theme)
    boxes, texts, renderer = read_figure(figure)
    fills = {
        "green": colours.green_fill,
        "red": colours.red_fill,
        "split": colours.green_fill,
        "unsupported": colours.warning_fill,
    }
    extents = {gid: patch.get_window_extent(renderer) for gid, patch in boxes.items()}
    for _, element in model.elements():
        gid = f"box:{element.id}"
        assert gid in boxes, f"no box for {element.id}"
        kind = expected_kind(model, result, element.id)
        assert to_rgba(boxes[gid].get_facecolor()) == to_rgba(fills[kind]), element.id
        if kind == "split":
            gain_box = boxes[f"{gid}:gain"]
            assert to_rgba(gain_box.get_facecolor()) == to_rgba(colours.red_fill)
        red_part = f"{gid}:gain" if kind == "split" else gid
        if kind in ("split", "red") and colours.red_hatch:
            assert boxes[f"{red_part}:hatch"].get_hatch() == colours.red_hatch
        else:
            assert f"{red_part}:hatch" not in boxes
        # Every word of the label is drawn, in order, inside the box.
        lines = texts[f"text:{element.id}:label"]
        drawn = "".join("".join(t.get_text().split()) for t in lines).replace("-", "")
        assert drawn == "".join(element.label.split()).replace("-", ""), element.id
        gain = getattr(element, "gain", None)
        if kind == "split" and gain:
            gain_lines = texts[f"text:{element.id}:gain"]
            drawn_gain = "".join("".join(t.get_text().split()) for t in gain_lines)
            assert drawn_gain.replace("-", "") == "".join(gain.split()).replace("-", "")
    # No text crosses its own box, and no text or box overlaps another box.
    for owner, lines in texts.items():
        parts = owner.split(":")
        if parts[0] != "text" or len(parts) < 3 or parts[1] in ("header", "lane", "legend"):
            continue
        element_id = parts[1]
        own = extents[f"box:{element_id}"] if element_id != "focus" else extents["box:focus"]
        own_gids = {
            f"box:{element_id}",
            f"box:{element_id}:gain",
            f"box:{element_id}:hatch",
            f"box:{element_id}:gain:hatch",
        }
        for line in lines:
            box = line.get_window_extent(renderer)
            assert own.x0 - 0.5 <= box.x0 and box.x1 <= own.x1 + 0.5, (owner, line.get_text())
            assert own.y0 - 0.5 <= box.y0 and box.y1 <= own.y1 + 0.5, (owner, line.get_text())
            for gid, other in extents.items():
                if gid not in own_gids:
                    assert not _overlap(box, other), (owner, line.get_text(), gid)
    element_boxes = [(gid, e) for gid, e in extents.items() if gid.count(":") == 1]
    own_parts = {gid.rsplit(":", 1)[0] for gid in extents if gid.endswith(":hatch")}
    assert own_parts <= set(extents)
    for index, (gid, extent) in enumerate(element_boxes):
        for other_gid, other in element_boxes[index + 1 :]:
            assert not _overlap(extent, other), (gid, other_gid)


def _overlap(a: Any, b: Any, tolerance: float = 0.5) -> bool:
    return (
        a.x0 < b.x1 - tolerance
        and b.x0 < a.x1 - tolerance
        and a.y0 < b.y1 - tolerance
        and b.y0 < a.y1 - tolerance
    )


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_every_sample_reads_right_in_every_theme(sample: Path, theme: str) -> None:
    assert_figure_reads_right(load(sample), theme)


def test_hostile_long_and_many_labels_still_fit() -> None:
    """150 elements with long, accented, Gaelic, quoted and script-like labels."""
    labels = [
        "Comhairle Inbhir Chluaidh: seirbheisean slàinte is cùram – àrd-ìre",
        'Joint "tasking" & co-ordinating <script>alert(1)</script> group',
        "Pneumonoultramicroscopicsilicovolcanoconiosis-awareness-programme-for-all",
        "Ärzte, Öffentlichkeit, Überweisung; façade naïve café {braces} \\ back\\slash",
        "A label that runs on and on " * 6,
    ]
    lines = [
        "logicmodel: 1",
        f"title: {labels[3]!r}",
        "partners: [{id: a, name: Àrd}, {id: b, name: Bòrd}, {id: c, name: Cùram}]",
        "activities:",
    ]
    for i in range(60):
        by = "[a, b]" if i % 3 == 0 else "abc"[i % 3]
        lines.append(
            f"  - {{id: act-{i}, label: {labels[i % 5]!r}, by: {by}, leads_to: [out-{i % 40}]}}"
        )
    lines.append("interim:")
    for i in range(40):
        lines.append(
            f"  - {{id: out-{i}, label: {labels[(i + 2) % 5]!r}, "
            f"gain: {labels[i % 5]!r}, leads_to: [long-{i % 30}]}}"
        )
    lines.append("intermediate:")
    for i in range(30):
        lines.append(f"  - {{id: long-{i}, label: {labels[(i + 1) % 5]!r}}}")
    lines.append("ultimate:")
    for i in range(20):
        lines.append(f"  - {{id: end-{i}, label: Ending {i}}}")
    model = loads("\n".join(lines), name="hostile.yaml")
    assert sum(1 for _ in model.elements()) == 150
    for theme in ("classic", "projector"):
        assert_figure_reads_right(model, theme)


def test_unsupported_outcome_is_an_unmistakable_warning() -> None:
    model = load(ROOT / "samples" / "north-east-performance.yaml")
    figure = render(model, trace(model), "classic")
    boxes, texts, _ = read_figure(figure)
    box = boxes["box:agreed-vision"]
    assert box.get_linestyle() == "--" and box.get_linewidth() >= 2
    warning = " ".join(t.get_text() for t in texts["text:agreed-vision:gain"])
    assert "No contribution upstream" in warning


def test_projector_theme_is_sixteen_by_nine() -> None:
    model = load(FIGURE1)
    width, height = render(model, trace(model), "projector").get_size_inches()
    assert width / height == pytest.approx(16 / 9)


@pytest.mark.parametrize("image_format", ["png", "svg", "pdf"])
def test_draw_writes_each_image_format(tmp_path: Path, image_format: str) -> None:
    model = load(FIGURE1)
    target = tmp_path / f"figure1.{image_format}"
    draw(model, trace(model), target, theme="print", dpi=60)
    data = target.read_bytes()
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[image_format]
    assert data.startswith(magic)


def test_render_command_works_without_graphviz(tmp_path: Path) -> None:
    # Only the virtual environment's own bin folder: no `dot` anywhere on the PATH.
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    for sample in SAMPLES:
        target = tmp_path / f"{sample.stem}.svg"
        result = subprocess.run(
            [sys.executable, "-m", "logicmodel", "render", str(sample), "-o", str(target)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(target)
        assert target.read_bytes().startswith(b"<?xml")


def test_render_refuses_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "bad" / "cycle.yaml"
    target = tmp_path / "out.png"
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "render", str(bad), "-o", str(target)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith("cycle: plan -> task -> review -> plan")
    assert not target.exists()
    wrong = subprocess.run(
        [sys.executable, "-m", "logicmodel", "render", str(FIGURE1), "-o", str(tmp_path / "x.gif")],
        capture_output=True,
        text=True,
    )
    assert (
        wrong.returncode == ExitStatus.USAGE
        and "choose an output ending in .png, .svg, .pdf" in wrong.stderr
    )


def test_unknown_view_and_theme_list_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="choose from ") as unknown:
        verify_view("no such view")  # a view name never has spaces
    listed = str(unknown.value).split("choose from ")[1].split(", ")
    assert listed == sorted(REGISTRY) and "figure1" in listed
    with pytest.raises(ValueError, match="choose from classic, colourblind, print, projector"):
        verify_theme("neon")
    assert {"figure1", "graph", "csv", "xlsx", "mermaid"} <= set(REGISTRY)


# ---------------------------------------------------------------- colour blindness

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Return CIELAB of a linear-RGB colour (D65)."""
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_difference(first: str, second: str, matrix: Any) -> float:
    """Return the CIE76 colour difference of two colours as a colour-blind viewer sees them."""

    def simulate(colour: str) -> tuple[float, float, float]:
        linear = [_linear(c) for c in to_rgb(colour)]
        row = [
            max(0.0, min(1.0, sum(m * c for m, c in zip(r, linear, strict=True)))) for r in matrix
        ]
        return row[0], row[1], row[2]

    a, b = _lab(simulate(first)), _lab(simulate(second))
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5


@pytest.mark.parametrize("matrix", [DEUTERANOPIA, PROTANOPIA], ids=["deuteranopia", "protanopia"])
def test_colourblind_palette_keeps_collaborative_and_single_agency_apart(matrix: Any) -> None:
    theme = get_theme("colourblind")
    assert seen_difference(theme.green_fill, theme.red_fill, matrix) > 30
    assert seen_difference(theme.green_edge, theme.red_edge, matrix) > 30
    # The test can fail: the classic red and green are far closer to such a viewer.
    classic = get_theme("classic")
    assert seen_difference(classic.green_fill, classic.red_fill, matrix) < seen_difference(
        theme.green_fill, theme.red_fill, matrix
    )


def test_readme_picture_script_runs_and_readme_shows_it(tmp_path: Path) -> None:
    from scripts.readme_figure import PICTURE, make_picture

    made = make_picture(tmp_path / "figure1.png")
    assert made.read_bytes().startswith(b"\x89PNG")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "](docs/figure1.png)" in readme and PICTURE.exists()
    assert "logicmodel render samples/figure1.yaml" in readme


def test_render_several_files_names_outputs_after_inputs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from logicmodel.cli import cli

    sources = []
    for sample in SAMPLES[:3]:
        copy = tmp_path / sample.name
        copy.write_bytes(sample.read_bytes())
        sources.append(str(copy))
    result = CliRunner().invoke(cli, ["render", *sources, "--format", "pdf", "--dpi", "40"])
    assert result.exit_code == 0, result.output
    for source in sources:
        assert Path(source).with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    both = CliRunner().invoke(cli, ["render", *sources, "-o", str(tmp_path / "x.png")])
    assert both.exit_code == ExitStatus.USAGE


def test_dollar_signs_are_money_not_mathematics() -> None:
    label = "Costs $5 and saves $10; $\\foo{$ too"
    model = loads(
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        f"inputs: [{{id: i, label: {label!r}, by: a, leads_to: o}}]\n"
        "interim: [{id: o, label: O}]\n",
        name="m.yaml",
    )
    figure = render(model, trace(model))
    FigureCanvasAgg(figure).draw()  # mathematics would fail here on the unbalanced `$\foo{$`
    _, texts, _ = read_figure(figure)
    drawn = " ".join(t.get_text() for t in texts["text:i:label"])
    typed = next(element.label for _, element in model.elements())
    assert "$" in typed and drawn.split() == typed.split()


# ---------------------------------------------------------------- routes


def drawn_routes(figure: Figure) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """Return each drawn link as (source, target, corner points) by gid, and every rectangle a
    link must keep off (boxes with their tabs, the focus box, lane titles) by owner, in inches."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    axes = figure.axes[0]
    routes: dict[str, Any] = {}
    for line in axes.lines:
        gid = line.get_gid() or ""
        if gid.startswith(("link:", "enhances:")):
            source, target = gid.split(":", 1)[1].split("->")
            xy: Any = line.get_xydata()
            routes[gid] = (source, target, [(float(x), float(y)) for x, y in xy])
    rects: list[tuple[str, Any]] = []
    for patch in axes.patches:
        gid = patch.get_gid() or ""
        if isinstance(patch, Rectangle) and gid.startswith(("box:", "tab:")):
            owner = gid.split(":")[1]
            x, y = patch.get_xy()
            rects.append((owner, (x, y, x + patch.get_width(), y + patch.get_height())))
    inverse = axes.transData.inverted()
    renderer = canvas.get_renderer()
    for text in axes.texts:
        if (text.get_gid() or "").startswith("text:lane:"):
            (x0, y0), (x1, y1) = inverse.transform(text.get_window_extent(renderer).get_points())
            rects.append((str(text.get_gid()), (x0, min(y0, y1), x1, max(y0, y1))))
    return routes, rects


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_links_never_run_under_or_into_a_box_they_do_not_end_at(sample: Path, theme: str) -> None:
    model = load(sample)
    routes, rects = drawn_routes(render(model, trace(model), theme))
    expected = {f"link:{e.id}->{t}" for _, e in model.elements() for t in e.leads_to}
    expected |= {f"enhances:{c.id}->{t}" for _, c in model.contributions() for t in c.enhances}
    assert set(routes) == expected
    assert violations(routes, rects) == []
    # Every segment runs along an axis, so a link leaves and enters by a box's side.
    for _, _, points in routes.values():
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            assert ax == pytest.approx(bx) or ay == pytest.approx(by)
    # Each enhances link can be followed alone: no stretch of it is shared with another link.
    clash = shared({gid: points for gid, (_, _, points) in routes.items()})
    assert clash == []


def test_route_check_sees_a_link_under_a_box_and_one_that_seems_to_enter() -> None:
    boxes = [("a", (0.0, 0.0, 1.0, 1.0)), ("b", (3.0, 0.0, 4.0, 1.5)), ("c", (1.5, 0.0, 2.5, 1.0))]
    under = {"x": ("a", "b", [(1.0, 0.5), (3.0, 0.5)])}
    assert violations(under, boxes) == ["x meets c"]
    grazing = {"x": ("a", "b", [(1.0, 0.5), (1.2, 0.5), (1.2, 1.01), (3.0, 1.01)])}
    assert violations(grazing, boxes) == ["x meets c"]
    clear = {
        "x": ("a", "b", [(1.0, 0.5), (1.2, 0.5), (1.2, 1.2), (2.8, 1.2), (2.8, 0.5), (3.0, 0.5)])
    }
    assert violations(clear, boxes) == []
    assert route_crossings([[(0.0, 1.0), (2.0, 1.0)], [(1.0, 0.0), (1.0, 2.0)]]) == 1
    assert shared({"p": [(0.0, 1.0), (2.0, 1.0)], "q": [(1.0, 1.0), (3.0, 1.0)]}) == [("p", "q")]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_ordering_sweeps_never_add_crossings(sample: Path) -> None:
    model = load(sample)
    result, theme = trace(model), get_theme("classic")
    greedy = crossings(layout(model, result, theme, sweeps=0))
    swept = crossings(layout(model, result, theme))
    assert swept <= greedy


# ---------------------------------------------------------------- slides, palettes, batches


def test_palette_combines_with_any_layout_theme() -> None:
    projector, colourblind = get_theme("projector"), get_theme("colourblind")
    both = get_theme("projector+colourblind")
    assert (both.font_size, both.aspect) == (projector.font_size, projector.aspect)
    assert (both.green_fill, both.red_fill) == (colourblind.green_fill, colourblind.red_fill)
    with pytest.raises(ValueError, match="choose from classic, colourblind, print"):
        verify_theme("projector+neon")


def test_render_output_dir_names_theme_and_palette_and_lists_every_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from logicmodel.cli import cli

    sources = [str(s) for s in SAMPLES[:2]]
    folder = tmp_path / "slides"
    args = ["render", *sources, "--theme", "projector", "--palette", "print"]
    result = CliRunner().invoke(cli, [*args, "--output-dir", str(folder)])
    assert result.exit_code == 0, result.output
    written = sorted(folder.iterdir())
    listed = [line for line in result.stdout.splitlines() if line.strip()]
    assert sorted(Path(p) for p in listed) == written and len(written) >= 2
    for source in sources:
        assert any(p.name.startswith(Path(source).stem + "-projector-print") for p in written)
    svg = CliRunner().invoke(
        cli, ["render", sources[0], "--format", "svg", "--output-dir", str(tmp_path)]
    )
    assert svg.exit_code == 0, svg.output
    made = (tmp_path / f"{Path(sources[0]).stem}.svg").read_text("utf-8")
    # Text stays text a facilitator can edit, each box and line named after its element.
    assert "<text" in made and 'id="box:' in made and 'id="text:' in made
    again = tmp_path / "again.svg"
    CliRunner().invoke(cli, ["render", sources[0], "-o", str(again)])
    assert again.read_text("utf-8") == made
