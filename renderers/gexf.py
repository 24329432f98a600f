"""GEXF export (networkx's writer): Gephi's own format, with Figure 1's colours and positions.

Each node carries every export field (lists and objects as JSON text: GEXF has no lists) and
a `viz` colour, position and size from the Figure 1 layout, so Gephi opens the model looking
like the report's diagram. GEXF has no graph-level attributes: the title is the graph's name,
and the partnership's facts are JSON text in the file's <meta><description>.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from logicmodel.analysis.results import finite_json
from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import (
    element_rows,
    flat_record,
    graph_fields,
    link_rows,
)
from logicmodel.renderers.options import Options
from logicmodel.renderers.positions import drawn_boxes


def _rgb(colour: str) -> dict[str, int | float]:
    """Return a "#RRGGBB" colour as GEXF's viz colour: r, g, b and an opaque alpha."""
    value = int(colour[1:7], 16)
    return {"r": value >> 16 & 255, "g": value >> 8 & 255, "b": value & 255, "a": 1.0}


def generate_gexf(model: LogicModel, trace: Trace, theme: str = "classic") -> str:
    """Return the model as GEXF text: typed node data, viz colours and positions, the facts."""
    import networkx as nx
    from networkx.readwrite.gexf import GEXFWriter

    boxes = drawn_boxes(model, trace, theme)
    graph: nx.DiGraph[str] = nx.DiGraph(name=model.title)
    for row in element_rows(model, trace):
        box = boxes[row["id"]]
        viz = {
            "color": _rgb(box.fill),
            # Gephi's y axis points up, the layout's down: negate it to read the same way.
            "position": {
                "x": round(box.x + box.width / 2, 2),
                "y": round(-(box.y + box.height / 2), 2),
                "z": 0.0,
            },
            "size": round(box.height / 2, 2),
        }
        graph.add_node(
            row["id"], **flat_record({k: v for k, v in row.items() if k != "id"}), viz=viz
        )
    for link in link_rows(model):
        graph.add_edge(link["source"], link["target"], kind=link["kind"])
    writer = GEXFWriter(graph=graph)
    meta = writer.xml.find("meta")
    assert meta is not None  # the writer always makes one
    meta.attrib.pop("lastmodifieddate", None)  # the same model gives the same file
    creator = meta.find("creator")
    if creator is not None:
        creator.text = "logicmodel"
    description = ElementTree.SubElement(meta, "description")
    description.text = json.dumps(
        finite_json(graph_fields(model, trace)), ensure_ascii=False, allow_nan=False
    )
    return str(writer).rstrip("\n") + "\n"


def generate(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return the GEXF text (the registry's entry point)."""
    return generate_gexf(model, trace, options.theme)


__all__ = [
    "generate",
    "generate_gexf",
]
