"""A trace as plain records and as a table, and path counts too large to keep exact."""

from __future__ import annotations

import math
from html.parser import HTMLParser
from typing import Any

from logicmodel.analysis.tracing import RECORD_COLUMNS, trace
from logicmodel.models import LogicModel


def _model(**stages: list[dict[str, Any]]) -> LogicModel:
    partners = [{"id": p, "name": p.upper()} for p in ("a", "b")]
    return LogicModel.model_validate(
        {"logicmodel": 1, "title": "t", "partners": partners, **stages}
    )


def _el(ident: str, by: Any = None, to: list[str] | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"id": ident, "label": f"Label of {ident}", "leads_to": to or []}
    if by is not None:
        element["by"] = by
    return element


class _Headers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "th"

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.headers.append(data.strip())


def test_records_give_each_outcome_its_label_and_partners_under_the_columns_of_the_table() -> None:
    m = _model(
        inputs=[_el("own", "a", ["o"]), _el("pooled", ["a", "b"], ["o"])],
        interim=[_el("o")],
    )
    traced = trace(m)
    (record,) = traced.to_records()
    assert record["label"] == "Label of o"
    assert record["single_agency_partners"] == ["a"]
    assert record["joint_partners"] == ["a", "b"]
    assert list(record) == list(RECORD_COLUMNS)
    table = _Headers()
    table.feed(traced._repr_html_())
    assert "joint_partners" in table.headers and "label" in table.headers


def test_too_many_paths_to_count_exactly_are_approximated_and_keep_the_right_share() -> None:
    """2 x 2**60 paths: past what is kept exact, half of them through the pooled input."""
    layers = 60
    names = [(f"a{n}", f"b{n}") for n in range(layers)]
    activities = [
        _el(name, "a", list(names[n + 1]) if n + 1 < layers else ["o"])
        for n in range(layers)
        for name in names[n]
    ]
    m = _model(
        inputs=[_el("own", "a", list(names[0])), _el("pooled", ["a", "b"], list(names[0]))],
        activities=activities,
        interim=[_el("o")],
    )
    o = trace(m).outcomes["o"]
    assert o.paths is None
    assert math.isclose(o.paths_log10, math.log10(2**61))
    assert o.paths_text.startswith("≈2.31e+18")
    assert math.isclose(float(o.share), 0.5)
