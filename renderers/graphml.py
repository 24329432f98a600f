"""GraphML export: opens in Gephi, yEd, Cytoscape and networkx, every field typed.

Written here rather than by networkx's writer, which writes booleans as `True`/`False`:
GraphML's booleans are `true` and `false`. Lists and objects are JSON text (GraphML has no
lists); the partnership's facts are graph-level data. With `--yed`, each node also carries
yFiles graphics (its Figure 1 colour, position and size), which yEd draws and other readers
pass over.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from logicmodel.analysis.tracing import Trace
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import (
    element_rows,
    flat_record,
    graph_fields,
    link_rows,
)
from logicmodel.renderers.options import GraphmlOptions, Options
from logicmodel.renderers.positions import drawn_boxes

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
YFILES = "http://www.yworks.com/xml/graphml"
YFILES_KEY = "yfiles-graphics"


def graphml_type(values: list[Any]) -> str:
    """Return the GraphML type that holds every value: boolean, long, double or string."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def graphml_text(value: Any) -> str:
    """Return a value as GraphML data text: booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _keys(
    records: list[dict[str, Any]], prefix: str, order: list[str] | None = None
) -> dict[str, tuple[str, str]]:
    """Return, per attribute name, its key id and GraphML type, in `order` or first-seen order."""
    values: dict[str, list[Any]] = {name: [] for name in order or ()}
    for record in records:
        for name, value in record.items():
            values.setdefault(name, []).append(value)
    return {
        name: (f"{prefix}{index}", graphml_type(found))
        for index, (name, found) in enumerate((n, v) for n, v in values.items() if v)
    }


def _data(
    parent: ElementTree.Element, keys: dict[str, tuple[str, str]], record: dict[str, Any]
) -> None:
    for name, value in record.items():
        ElementTree.SubElement(parent, "data", key=keys[name][0]).text = graphml_text(value)


def _yfiles_node(parent: ElementTree.Element, label: str, box: Any) -> None:
    """Add a yFiles ShapeNode: the box's geometry, fill, border and label."""
    data = ElementTree.SubElement(parent, "data", key=YFILES_KEY)
    shape = ElementTree.SubElement(data, f"{{{YFILES}}}ShapeNode")
    ElementTree.SubElement(
        shape,
        f"{{{YFILES}}}Geometry",
        x=str(box.x),
        y=str(box.y),
        width=str(box.width),
        height=str(box.height),
    )
    ElementTree.SubElement(shape, f"{{{YFILES}}}Fill", color=box.fill, transparent="false")
    ElementTree.SubElement(
        shape, f"{{{YFILES}}}BorderStyle", color=box.edge, type="line", width="1.0"
    )
    ElementTree.SubElement(shape, f"{{{YFILES}}}NodeLabel").text = label
    ElementTree.SubElement(shape, f"{{{YFILES}}}Shape", type="rectangle")


def generate_graphml(
    model: LogicModel, trace: Trace, yed: bool = False, theme: str = "classic"
) -> str:
    """Return the model as GraphML text: typed node, link and graph-level data."""
    ElementTree.register_namespace("", GRAPHML)
    ElementTree.register_namespace("y", YFILES)
    rows = element_rows(model, trace)
    nodes = [flat_record({k: v for k, v in row.items() if k != "id"}) for row in rows]
    links = link_rows(model)
    facts = flat_record(graph_fields(model, trace))
    graph_keys = _keys([facts], "g")
    node_keys = _keys(nodes, "n", [name for name in rows[0] if name != "id"] if rows else None)
    link_keys = _keys([{"kind": link["kind"]} for link in links], "e")
    root = ElementTree.Element(f"{{{GRAPHML}}}graphml")
    for scope, keys in (("graph", graph_keys), ("node", node_keys), ("edge", link_keys)):
        for name, (ident, kind) in keys.items():
            ElementTree.SubElement(
                root, "key", {"id": ident, "for": scope, "attr.name": name, "attr.type": kind}
            )
    if yed:
        ElementTree.SubElement(
            root, "key", {"id": YFILES_KEY, "for": "node", "yfiles.type": "nodegraphics"}
        )
    graph = ElementTree.SubElement(root, "graph", edgedefault="directed")
    _data(graph, graph_keys, facts)
    boxes = drawn_boxes(model, trace, theme) if yed else {}
    for row, node in zip(rows, nodes, strict=True):
        element = ElementTree.SubElement(graph, "node", id=row["id"])
        _data(element, node_keys, node)
        if row["id"] in boxes:
            _yfiles_node(element, row["label"], boxes[row["id"]])
    for link in links:
        edge = ElementTree.SubElement(graph, "edge", source=link["source"], target=link["target"])
        _data(edge, link_keys, {"kind": link["kind"]})
    # Namespaced children of the default namespace: give them the GraphML namespace too.
    for element in root.iter():
        if not element.tag.startswith("{"):
            element.tag = f"{{{GRAPHML}}}{element.tag}"
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return "<?xml version='1.0' encoding='utf-8'?>\n" + text + "\n"


def generate(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return the GraphML text (the registry's entry point)."""
    yed = isinstance(options, GraphmlOptions) and options.yed
    return generate_graphml(model, trace, yed=yed, theme=options.theme)


__all__ = [
    "GRAPHML",
    "YFILES",
    "YFILES_KEY",
    "generate",
    "generate_graphml",
    "graphml_text",
    "graphml_type",
]
