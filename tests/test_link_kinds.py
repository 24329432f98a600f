"""Every link in the graph is named by the file format's own key: `leads_to` or `enhances`."""

from __future__ import annotations

from logicmodel.analysis.model_graph import build_graph, graph_records
from logicmodel.fileformat.loading import load

from .conftest import FIGURE1


def test_each_link_carries_the_key_the_file_writes_it_under() -> None:
    model = load(FIGURE1)
    written = {
        (element.id, target, key)
        for _, element in model.elements()
        for key in ("leads_to", "enhances")
        for target in getattr(element, key, [])
    }
    assert {key for *_, key in written} == {"leads_to", "enhances"}
    graph = build_graph(model)
    assert {(s, t, data["kind"]) for s, t, data in graph.edges(data=True)} == written
    _, edges = graph_records(model)
    assert {(s, t, data["kind"]) for s, t, data in edges} == written
