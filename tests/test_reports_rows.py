"""Trace and what-if reports as people and programs read them: the columns' headings, one
outcome asked for in every format, several models told apart, the outcomes losing each kind of
thing listed in JSON, one outcome described line by line, and path counts past exact."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from logicmodel.analysis.reports import (
    describe_outcome,
    render_trace,
    render_traces,
    render_whatif,
    render_whatifs,
)
from logicmodel.analysis.tracing import trace, whatif
from logicmodel.fileformat.loading import load
from logicmodel.models import LogicModel

from .conftest import FIGURE1


def _heading(text: str) -> list[str]:
    return text.splitlines()[0].split("  ")


def test_the_trace_table_heads_its_columns_for_people() -> None:
    text = render_trace(trace(load(FIGURE1)), "text", width=250)
    words = [w.strip() for w in _heading(text) if w.strip()]
    assert words == [
        "id",
        "stage",
        "trace_class",
        "lost without",
        "share",
        "critical collaborative",
        "label",
    ]
    summary = "11 of 14 outcomes rely on collaboration; 4 would be lost without it"
    assert text.endswith(f"\n\n{summary}\n")


def test_the_whatif_table_heads_its_columns_and_ends_with_its_sentence() -> None:
    result = whatif(load(FIGURE1), "partner-b", joint_work="stops")
    text = render_whatif(result, "text", width=250)
    words = [w.strip() for w in _heading(text) if w.strip()]
    assert words == ["id", "stage", "before", "after", "loses", "label"]
    assert text.endswith(
        "\n\nWithout partner-b (joint work they took part in stops): 6 of 14 outcomes would lose "
        "their collaborative gain, 0 their single-agency support and 8 all support\n"
    )


def test_the_whatif_json_lists_the_outcomes_losing_each_kind_of_thing() -> None:
    result = whatif(load(FIGURE1), "partner-b", joint_work="stops")
    report = json.loads(render_whatif(result, "json"))
    (summary,) = report["models"]
    rows = report["outcomes"]
    assert summary["outcomes"] == len(rows) == 14
    assert summary["joint_work"] == "stops"
    assert summary["scenario"] == "Without partner-b (joint work they took part in stops)"
    for key, loss in (
        ("losing_gain", "collaborative gain"),
        ("losing_own_support", "single-agency support"),
        ("losing_support", "all support"),
    ):
        assert summary[key] == [row["id"] for row in rows if row["loses"] == loss]
    assert "better-targeting" in summary["losing_gain"]
    assert "trust" in summary["losing_support"]
    trust = next(row for row in rows if row["id"] == "trust")
    assert (trust["before"], trust["after"]) == ("collaboration-only", "unsupported")


def test_one_outcome_asked_for_gives_only_its_row_in_json_and_csv() -> None:
    result = trace(load(FIGURE1))
    (row,) = json.loads(render_trace(result, "json", outcome="trust"))["outcomes"]
    assert row["id"] == "trust"
    assert (row["paths"], row["collaborative_share_exact"]) == (1, "1")
    (line,) = list(csv.DictReader(io.StringIO(render_trace(result, "csv", outcome="trust"))))
    assert line["id"] == "trust" and line["paths"] == "1"


def test_several_models_are_told_apart_by_a_model_column_and_one_summary_line_each() -> None:
    result = trace(load(FIGURE1))
    text = render_traces([("one", result), ("two", result)], "text", width=250)
    assert [w.strip() for w in _heading(text) if w.strip()][:2] == ["model", "id"]
    assert text.endswith(
        "\n\none: 11 of 14 outcomes rely on collaboration; 4 would be lost without it\n"
        "two: 11 of 14 outcomes rely on collaboration; 4 would be lost without it\n"
    )
    scenario = whatif(load(FIGURE1), "partner-b")
    both = render_whatifs([("one", scenario), ("two", scenario)], "text", width=250)
    assert [w.strip() for w in _heading(both) if w.strip()][:2] == ["model", "id"]
    assert both.count("\none: Without partner-b") == 1 and both.count("\ntwo: Without") == 1


def test_one_outcome_is_described_line_by_line() -> None:
    result = trace(load(FIGURE1))
    assert describe_outcome(result.outcomes["trust"]) == (
        "trust (interim): Increased trust between partners\n"
        "  trace class:                collaboration-only\n"
        "  lost without collaboration: yes\n"
        "  collaborative share:        100% of 1 supporting path\n"
        "  critical collaborative:     shared-intelligence, pooled-resources\n"
        "  single-agency partners:     none\n"
        "  joint partners:             partner-a, partner-b, partner-c\n"
    )
    assert "  collaborative share:        86% of 7 supporting paths\n" in render_trace(
        result, "text", outcome="better-targeting"
    )


def _element(ident: str, by: Any, to: list[str]) -> dict[str, Any]:
    return {"id": ident, "label": ident.upper(), "by": by, "leads_to": to}


def test_path_counts_past_exact_leave_the_exact_share_empty_and_give_the_count_as_text() -> None:
    layers = 60
    names = [(f"a{n}", f"b{n}") for n in range(layers)]
    activities = [
        _element(name, "a", list(names[n + 1]) if n + 1 < layers else ["o"])
        for n in range(layers)
        for name in names[n]
    ]
    model = LogicModel.model_validate(
        {
            "logicmodel": 1,
            "title": "t",
            "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "inputs": [_element("pooled", ["a", "b"], list(names[0]))],
            "activities": activities,
            "interim": [{"id": "o", "label": "O"}],
        }
    )
    (row,) = json.loads(render_trace(trace(model), "json"))["outcomes"]
    assert row["collaborative_share_exact"] == ""
    assert str(row["paths"]).startswith("≈")
