"""The Figure 2 view and the `category` field: read back from the figure, in every theme."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from logicmodel.analysis.categories import JOINT_WORK, element_class, place
from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import LoadError, load, loads
from logicmodel.models.categories import CATEGORY_COLUMN, CATEGORY_IDS, COLUMNS
from logicmodel.renderers.figure2 import EMPTY, render
from logicmodel.renderers.themes import THEMES
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, SAMPLES

matplotlib.use("Agg")

MODEL = """\
logicmodel: 1
title: Safer streets
partners:
  - {id: council, name: Council}
  - {id: police, name: Police}
activities:
  - {id: own, label: Warden patrols, by: council, leads_to: [safer]}
  - id: tasking
    label: "Joint tasking: $5 and $10 <b>"
    by: all
    category: coherent-plans
    leads_to: [safer, trust]
  - {id: data, label: Shared incident data, by: all, leads_to: [safer]}
interim:
  - {id: safer, label: Fewer incidents, category: strategic-progress}
  - {id: trust, label: Partners trust each other}
"""


def boxes_and_texts(figure: Figure) -> tuple[dict[str, Rectangle], dict[str, str]]:
    """Return the figure's rectangles by gid, and its texts joined line by line by owner."""
    axes = figure.axes[0]
    boxes = {str(p.get_gid()): p for p in axes.patches if isinstance(p, Rectangle) and p.get_gid()}
    texts: dict[str, list[str]] = {}
    for text in axes.texts:
        owner = str(text.get_gid() or "").rsplit(":", 1)[0]
        texts.setdefault(owner, []).append(text.get_text())
    return boxes, {owner: " ".join(lines) for owner, lines in texts.items()}


def inside(inner: Rectangle, outer: Rectangle) -> bool:
    """Return True when one rectangle lies within another."""
    x, y, w, h = inner.get_x(), inner.get_y(), inner.get_width(), inner.get_height()
    ox, oy, ow, oh = outer.get_x(), outer.get_y(), outer.get_width(), outer.get_height()
    return ox <= x and oy <= y and x + w <= ox + ow + 1e-9 and y + h <= oy + oh + 1e-9


def test_every_category_is_a_box_and_elements_sit_inside_theirs() -> None:
    model = loads(MODEL, name="m.yaml")
    boxes, texts = boxes_and_texts(render(model, trace(model)))
    drawn = {gid for gid in boxes if gid.startswith("category:")}
    assert drawn == {f"category:{ident}" for c in COLUMNS for ident, _ in c.categories}
    assert inside(boxes["element:tasking"], boxes["category:coherent-plans"])
    assert inside(boxes["element:safer"], boxes["category:strategic-progress"])
    # Labels are drawn as typed: no maths, no markup.
    assert texts["text:element:tasking"] == "Joint tasking: $5 and $10 <b>"


def test_joint_work_without_a_category_is_listed_as_not_yet_placed() -> None:
    model = loads(MODEL, name="m.yaml")
    boxes, texts = boxes_and_texts(render(model, trace(model)))
    # Below the three columns, in a band of its own: never guessed into a category.
    assert inside(boxes["element:data"], boxes["unplaced"])
    assert inside(boxes["element:trust"], boxes["unplaced"])
    columns_bottom = max(
        box.get_y() + box.get_height() for gid, box in boxes.items() if gid.startswith("category:")
    )
    assert boxes["unplaced"].get_y() > columns_bottom
    assert "Not yet placed" in texts["text:unplaced"]
    assert "(activity)" in texts["text:element:data"]
    # A single-agency contribution is no collaborative activity.
    assert not any(gid.startswith("element:own") for gid in boxes)
    assert "1 single-agency" in texts["text:notes"]


def test_single_agency_work_is_not_drawn_even_with_a_category() -> None:
    model = loads(
        MODEL.replace("by: council, leads_to", "by: council, category: roles, leads_to"),
        name="m.yaml",
    )
    boxes, texts = boxes_and_texts(render(model, trace(model)))
    assert "element:own" not in boxes
    assert texts["text:category:roles:empty"] == EMPTY
    assert (
        "1 single-agency or unsupported element(s) (1 of them with a `category`)"
        in (texts["text:notes"])
    )


@pytest.mark.parametrize(
    ("synonym", "result"),
    [("business-benefits", "resources-freed"), ("enhanced-outcomes", "strategic-progress")],
)
def test_the_masterclass_names_for_a_result_draw_under_the_studys_result(
    synonym: str, result: str
) -> None:
    model = loads(MODEL.replace("strategic-progress", synonym), name="m.yaml")
    boxes, texts = boxes_and_texts(render(model, trace(model)))
    assert inside(boxes["element:safer"], boxes[f"category:{result}"])
    # Three results, each saving or gain in one of them: none is counted twice.
    results = [gid for gid in boxes if gid.split(":")[-1] in dict(COLUMNS[2].categories)]
    assert len(results) == 3
    assert f"category:{synonym}" not in boxes
    assert "Masterclass:" in texts[f"text:category:{result}:aside"]


def test_empty_categories_are_drawn_empty() -> None:
    model = loads(MODEL, name="m.yaml")
    _, texts = boxes_and_texts(render(model, trace(model)))
    assert texts["text:category:governance:empty"] == EMPTY
    assert "text:category:coherent-plans:empty" not in texts
    # The results column has no derived box: every result here has its category.
    assert "text:derived:results" not in texts


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_draws_in_every_theme_each_joint_element_once_and_nothing_else(
    sample: Path, theme: str
) -> None:
    model = load(sample)
    result = trace(model)
    boxes, _ = boxes_and_texts(render(model, result, theme))
    drawn = [gid.split(":")[1] for gid in boxes if gid.startswith("element:")]
    assert len(drawn) == len(set(drawn))
    placed = place(model, result)
    assert len(drawn) == placed.categorised + len(placed.unplaced)
    joint = [
        element.id
        for _, element in model.elements()
        if element_class(model, result, element) in JOINT_WORK
    ]
    assert sorted(drawn) == sorted(joint)
    assert placed.left_out == sum(1 for _ in model.elements()) - len(joint)


def test_the_projector_flows_columns_into_a_slide() -> None:
    model = load(FIGURE1)
    boxes, _ = boxes_and_texts(render(model, trace(model), "projector"))
    lefts = {boxes[f"category:{ident}"].get_x() for ident, _ in COLUMNS[0].categories}
    assert len(lefts) > 1  # the eleven activities in more than one sub-column


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_render_writes_each_format(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"f2{suffix}"
    result = runner.invoke(cli, ["render", str(FIGURE1), "--view", "figure2", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 1000


def test_a_misspelt_category_is_one_located_line_with_the_nearest() -> None:
    with pytest.raises(LoadError) as caught:
        loads(MODEL.replace("category: coherent-plans", "category: coherent-plan"), name="m.yaml")
    (fault,) = caught.value.errors
    assert fault.line == 11
    assert "(did you mean 'coherent-plans'?)" in fault.message


def test_an_unknown_category_lists_the_vocabulary(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MODEL.replace("category: coherent-plans", "category: zzz"), "utf-8")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == ExitStatus.INVALID
    assert result.output.count("\n") == 1
    # The research's own ids; the masterclass's synonyms are accepted, not offered.
    assert all(ident in result.output for c in COLUMNS for ident, _ in c.categories)


def test_categories_lists_every_category_in_text_and_json(runner: CliRunner) -> None:
    text = runner.invoke(cli, ["categories"])
    assert text.exit_code == 0
    assert all(ident in text.output for ident in CATEGORY_IDS)
    data = json.loads(runner.invoke(cli, ["categories", "--format", "json"]).output)
    assert [column["column"] for column in data] == [column.key for column in COLUMNS]
    listed = {
        c["id"]: column["column"]
        for column in data
        for c in column["categories"] + column["synonyms"]
    }
    assert listed == CATEGORY_COLUMN


def test_set_changes_a_category_and_refuses_a_misspelt_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MODEL, "utf-8")
    result = runner.invoke(cli, ["set", str(path), "data", "category", "informed-service"])
    assert result.exit_code == ExitStatus.INVALID
    assert "did you mean 'informed-services'" in result.output
    result = runner.invoke(cli, ["set", str(path), "data", "category", "informed-services"])
    assert result.exit_code == 0, result.output
    model = load(path)
    assert place(model, trace(model)).columns[0].categories[6].elements[0].id == "data"


def test_an_empty_result_says_none_yet_below_the_masterclass_words() -> None:
    model = loads(MODEL, name="m.yaml")
    axes = render(model, trace(model)).axes[0]
    tops = {str(text.get_gid()): text.get_position()[1] for text in axes.texts}
    aside = [y for gid, y in tops.items() if gid.startswith("text:category:resources-freed:aside")]
    empty = tops["text:category:resources-freed:empty:0"]
    # y grows downwards: "none yet" starts below the last line of the masterclass's words.
    assert aside and empty > max(aside)
