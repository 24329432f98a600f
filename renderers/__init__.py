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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from logicmodel.models import LogicModel
    from logicmodel.tracing import Trace

# view name -> module that draws it
REGISTRY: dict[str, str] = {
    "figure1": "logicmodel.renderers.figure1",
}
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


def verify_view(name: str) -> str:
    """Return a view name, or raise ValueError listing the valid ones."""
    if name not in REGISTRY:
        raise ValueError(f"unknown view {name!r}: choose from {', '.join(sorted(REGISTRY))}")
    return name


def get_renderer(name: str) -> ModuleType:
    """Return the module that draws a view."""
    return importlib.import_module(REGISTRY[verify_view(name)])


def output_path(source: str | os.PathLike[str], suffix: str = ".png") -> Path:
    """Return the default output file for a model file: the same name with the image suffix."""
    return Path(source).with_suffix(suffix)


def verify_suffix(path: str | os.PathLike[str]) -> str:
    """Return the image format of an output path, or raise ValueError listing the valid ones."""
    suffix = Path(path).suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise ValueError(
            f"cannot write {Path(path).name!r}: choose an output ending in "
            f"{', '.join(FIGURE_SUFFIXES)}"
        )
    return suffix[1:]


def draw(
    model: LogicModel,
    trace: Trace,
    target: str | os.PathLike[str],
    *,
    view: str = "figure1",
    theme: str = "classic",
    dpi: int = 150,
) -> None:
    """Draw a view of a model into an image file; nothing is written if drawing fails."""
    from logicmodel.files import write_bytes_atomically

    image_format = verify_suffix(target)
    figure = get_renderer(view).render(model, trace, theme)
    buffer = io.BytesIO()
    # Fixed metadata keeps SVG and PDF output the same from run to run.
    metadata = {"Date": None} if image_format in ("svg", "pdf") else {}
    if image_format == "pdf":
        metadata = {"CreationDate": None, "ModDate": None}
    figure.savefig(buffer, format=image_format, dpi=dpi, metadata=metadata or None)
    write_bytes_atomically(target, buffer.getvalue())
