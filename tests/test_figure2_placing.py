"""Figure 2's placing of elements and its vocabulary as `logicmodel categories` lists it."""

from __future__ import annotations

import dataclasses
import json

import matplotlib
import pytest

from logicmodel.analysis.categories import format_categories, place
from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import loads
from logicmodel.models.categories import COLUMNS
from logicmodel.renderers.figure2 import render

from .test_figure2 import MODEL, boxes_and_texts

matplotlib.use("Agg")

# Two single-agency contributions with no category: not collaborative, so not drawn.
LEFT_OUT = MODEL.replace(
    "activities:\n",
    "activities:\n  - {id: leaflets, label: Leaflets, by: police, leads_to: [safer]}\n",
)


def test_single_agency_elements_without_a_category_are_counted_as_left_out() -> None:
    model = loads(LEFT_OUT, name="m.yaml")
    figure = place(model, trace(model))
    assert figure.left_out == 2
    _, texts = boxes_and_texts(render(model, trace(model)))
    assert " 2 single-agency" in texts["text:notes"]


def test_the_placing_cannot_be_changed_by_accident() -> None:
    model = loads(MODEL, name="m.yaml")
    figure = place(model, trace(model))
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.left_out = 0  # type: ignore[misc]


def test_joint_work_is_not_yet_placed_in_file_order_whatever_its_trace_class() -> None:
    model = loads(MODEL, name="m.yaml")
    figure = place(model, trace(model))
    assert [p.id for p in figure.unplaced] == ["data", "trust"]
    assert all(p.category is None for p in figure.unplaced)


def test_categories_as_text_list_each_column_then_its_categories_one_a_line() -> None:
    lines = format_categories().split("\n")
    assert lines[-1] == ""  # the text ends with a line break
    for column in COLUMNS:
        start = lines.index(f"{column.title} ({column.key}):")
        if start:
            assert lines[start - 1] == ""  # a blank line before each column but the first
        for offset, (ident, label) in enumerate(column.categories, start=1):
            assert lines[start + offset].split() == [ident, *label.split()]


def test_categories_as_json_give_each_category_its_id_and_label() -> None:
    data = json.loads(format_categories("json"))
    for listed, column in zip(data, COLUMNS, strict=True):
        assert listed["title"] == column.title
        assert [(c["id"], c["label"]) for c in listed["categories"]] == list(column.categories)
