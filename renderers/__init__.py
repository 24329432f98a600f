"""Views and exports of a logic model, one module each, listed in one registry.

Adding a view is one module with a `render(model, trace, theme)` entry point and one line in
REGISTRY. Modules load on first use, so the command line starts without matplotlib.
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logicmodel.models import LogicModel
    from logicmodel.tracing import Trace

# view or export name -> the module that makes it
REGISTRY: dict[str, str] = {
    "figure1": "logicmodel.renderers.figure1",
    "graph": "logicmodel.renderers.graph",
    "graphml": "logicmodel.renderers.graphml",
    "gexf": "logicmodel.renderers.gexf",
    "json": "logicmodel.renderers.nodelink",
    "dot": "logicmodel.renderers.graph",
    "mermaid": "logicmodel.renderers.mermaid",
    "csv": "logicmodel.renderers.tables",
    "xlsx": "logicmodel.renderers.xlsx",
}
VIEWS = ("figure1", "graph")
EXPORTS = ("graphml", "gexf", "json", "dot", "mermaid", "csv", "xlsx")
# What each can write, first one the default, kept here so that checking a name loads nothing.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "figure1": (".png", ".svg", ".pdf"),
    "graph": (".svg", ".png", ".pdf", ".dot"),
    "graphml": (".graphml", ".xml"),
    "gexf": (".gexf",),
    "json": (".json",),
    "dot": (".dot", ".gv"),
    "mermaid": (".mmd", ".mermaid"),
    "csv": (".zip", ""),
    "xlsx": (".xlsx",),
}
# Default output names where FILE with the first suffix could be the model itself (m.json).
DEFAULT_SUFFIXES: dict[str, str] = {"json": ".graph.json"}
# Suffixes that hold DOT text: written as built, never laid out by `dot`.
DOT_TEXT = ("dot", "gv")


def verify_view(name: str) -> str:
    """Return a view or export name, or raise ValueError listing the valid ones."""
    if name not in REGISTRY:
        raise ValueError(f"unknown view {name!r}: choose from {', '.join(sorted(REGISTRY))}")
    return name


def get_renderer(name: str) -> ModuleType:
    """Return the module that draws a view."""
    return importlib.import_module(REGISTRY[verify_view(name)])


def output_path(source: str | os.PathLike[str], suffix: str = ".png") -> Path:
    """Return the default output file for a model file: the same name with another suffix."""
    return Path(source).with_suffix(suffix)


def default_output(source: str | os.PathLike[str], view: str) -> Path:
    """Return where a view or export of a model file goes when no output is named."""
    suffix = DEFAULT_SUFFIXES.get(view) or SUFFIXES[verify_view(view)][0]
    return output_path(source, suffix)


def verify_suffix(path: str | os.PathLike[str], view: str = "figure1") -> str:
    """Return the output format of a path for a view, or raise ValueError listing the valid ones."""
    suffix = Path(path).suffix.lower()
    valid = SUFFIXES[verify_view(view)]
    if "" in valid and not suffix:
        return "folder"
    if suffix not in valid:
        raise ValueError(
            f"cannot write {Path(path).name!r} as {view}: choose an output ending in "
            f"{', '.join(v or 'no suffix (a folder)' for v in valid)}"
        )
    return suffix[1:]


def generate(
    model: LogicModel,
    trace: Trace,
    target: str | os.PathLike[str],
    *,
    view: str = "figure1",
    theme: str = "classic",
    dpi: int = 150,
    **view_options: Any,
) -> bytes | dict[str, bytes]:
    """Return a view of a model as the bytes of target's format, or files by name for a folder."""
    output_format = verify_suffix(target, view)
    renderer = get_renderer(view)
    if renderer.OUTPUT in ("text", "bytes"):
        made = renderer.render(model, trace, theme)
        return made.encode("utf-8") if isinstance(made, str) else made
    if renderer.OUTPUT == "files":
        if output_format == "zip":
            return renderer.generate_zip(model, trace)  # type: ignore[no-any-return]
        return dict(renderer.render(model, trace, theme))
    if renderer.OUTPUT == "dot":
        dot_text = renderer.render(model, trace, theme, **view_options)
        if output_format in DOT_TEXT:
            return dot_text.encode("utf-8")  # type: ignore[no-any-return]
        return renderer.draw(dot_text, output_format)  # type: ignore[no-any-return]
    figure = renderer.render(model, trace, theme)
    buffer = io.BytesIO()
    # No dates in SVG and PDF output, so the same model gives the same file.
    metadata: dict[str, Any] = {}
    if output_format == "svg":
        metadata = {"Date": None}
    elif output_format == "pdf":
        metadata = {"CreationDate": None, "ModDate": None}
    figure.savefig(buffer, format=output_format, dpi=dpi, metadata=metadata or None)
    return buffer.getvalue()


def draw(
    model: LogicModel,
    trace: Trace,
    target: str | os.PathLike[str],
    *,
    view: str = "figure1",
    theme: str = "classic",
    dpi: int = 150,
    **view_options: Any,
) -> None:
    """Draw a view of a model into a file (or folder); nothing is written if drawing fails."""
    from logicmodel.files import write_bytes_atomically

    made = generate(model, trace, target, view=view, theme=theme, dpi=dpi, **view_options)
    if isinstance(made, bytes):
        write_bytes_atomically(target, made)
        return
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in made.items():
        write_bytes_atomically(folder / name, data)
