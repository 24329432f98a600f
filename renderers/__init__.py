"""Views and exports of a logic model behind one typed protocol, listed in one registry.

Adding a view is one module with a `generate(model, trace, options)` entry point and one
`Format` entry in FORMATS below; the command line takes its choices, help, suffix checks and
options from the entries. Modules load on first use, so the command line starts without
matplotlib.
"""

from __future__ import annotations

import importlib
import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, Union

if TYPE_CHECKING:
    from dataclasses import Field

    from matplotlib.figure import Figure

    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel
    from logicmodel.renderers.options import GraphOptions, HtmlOptions, OptionProblem, Options

# What a renderer makes: text or bytes for one file, a figure to save in the format asked
# for, or files by name (a folder, or a zip of it).
Files = dict[str, bytes]
# The salt of ids in SVG output: fixed, so that one model always gives the same bytes.
SVG_HASH_SALT = "logicmodel"
Output = Union[str, bytes, "Figure", Files, dict[str, "Figure"]]


class Kind(str, Enum):
    """Whether a format is a picture for people (a view) or data for other tools (an export)."""

    VIEW = "view"
    EXPORT = "export"


class Renderer(Protocol):
    """A view or export module: one entry point."""

    def generate(self, model: LogicModel, trace: Trace, options: Any) -> Output: ...


class Format(NamedTuple):
    """One view or export: its name, kind, the module that makes it and how it is written.

    A named tuple, not a dataclass, and options named by their dotted path: the command line
    reads the registry at start-up, and neither may cost it an import.
    """

    name: str
    kind: Kind
    module: str
    suffixes: tuple[str, ...]  # what it can write, the first the default; "" is a folder
    summary: str  # a few words for --help
    options: str = "logicmodel.renderers.options:Options"  # "module:class", an Options
    program: str | None = None  # a system program it runs, e.g. Graphviz's dot
    program_free: tuple[str, ...] = ()  # suffixes written without the program
    missing_program: str = ""  # what to do when the program is missing, in one line
    default_suffix: str | None = None  # the default output's suffix, when not suffixes[0]

    def options_class(self) -> type[Options]:
        """Return the dataclass of this format's options."""
        module, _, name = self.options.partition(":")
        found: type[Options] = getattr(importlib.import_module(module), name)
        return found

    def load(self) -> Renderer:
        """Return the module that makes this format."""
        module: Renderer = importlib.import_module(self.module)
        return module

    def needs_program(self, output_format: str) -> str | None:
        """Return the program writing this output format needs, or None."""
        if self.program is None or "." + output_format in self.program_free:
            return None
        return self.program


GRAPHVIZ_INSTALL = (
    "Graphviz's `dot` is not installed: install it (Debian/Ubuntu: apt-get install graphviz; "
    "macOS: brew install graphviz)"
)
GRAPHVIZ_MISSING = f"{GRAPHVIZ_INSTALL}, or use --view figure1, which needs nothing extra"
# The page's --layout graph (render --view html, serve) says what to leave out instead.
GRAPHVIZ_LAYOUT_MISSING = (
    f"--layout graph needs Graphviz: {GRAPHVIZ_INSTALL}, or leave --layout out for the "
    "Figure 1 layout, which needs nothing extra"
)

FORMATS: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format(
            "figure1",
            Kind.VIEW,
            "logicmodel.renderers.figure1",
            (".png", ".svg", ".pdf"),
            "the red/green diagram of the report",
            options="logicmodel.renderers.options:Figure1Options",
        ),
        Format(
            "graph",
            Kind.VIEW,
            "logicmodel.renderers.graph",
            (".svg", ".png", ".pdf", ".dot"),
            "every element and link (Graphviz)",
            options="logicmodel.renderers.options:GraphOptions",
            program="dot",
            program_free=(".dot",),
            missing_program=GRAPHVIZ_MISSING,
        ),
        Format(
            "html",
            Kind.VIEW,
            "logicmodel.renderers.html",
            (".html", ".htm"),
            "an interactive offline page: click to trace, partners, presenter mode",
            options="logicmodel.renderers.options:HtmlOptions",
        ),
        Format(
            "gain",
            Kind.VIEW,
            "logicmodel.renderers.gain",
            (".png", ".svg", ".pdf"),
            "turn-the-curve charts: each indicator against its pre-partnership trend and targets",
        ),
        Format(
            "comparison",
            Kind.VIEW,
            "logicmodel.renderers.comparison",
            (".png", ".svg", ".pdf"),
            "outcomes by trace class as a stacked bar (`logicmodel compare --view` for many)",
        ),
        Format(
            "figure2",
            Kind.VIEW,
            "logicmodel.renderers.figure2",
            (".png", ".svg", ".pdf"),
            "the research's Figure 2: collaborative activities, processes and benefits, results",
        ),
        Format(
            "graphml",
            Kind.EXPORT,
            "logicmodel.renderers.graphml",
            (".graphml", ".xml"),
            "Gephi, yEd, Cytoscape, networkx",
            options="logicmodel.renderers.options:GraphmlOptions",
        ),
        Format("gexf", Kind.EXPORT, "logicmodel.renderers.gexf", (".gexf",), "Gephi"),
        Format(
            "json",
            Kind.EXPORT,
            "logicmodel.renderers.nodelink",
            (".json",),
            "node-link JSON",
            default_suffix=".graph.json",  # never the model m.json itself
        ),
        Format(
            "dot",
            Kind.EXPORT,
            "logicmodel.renderers.graph",
            (".dot", ".gv"),
            "Graphviz DOT text",
            options="logicmodel.renderers.options:GraphOptions",
        ),
        Format(
            "mermaid",
            Kind.EXPORT,
            "logicmodel.renderers.mermaid",
            (".mmd", ".mermaid"),
            "a Mermaid flowchart",
        ),
        Format(
            "csv",
            Kind.EXPORT,
            "logicmodel.renderers.tables",
            (".zip", ""),
            "elements, links and trace tables (a zip, or a folder)",
            options="logicmodel.renderers.options:TablesOptions",
        ),
        Format(
            "xlsx", Kind.EXPORT, "logicmodel.renderers.xlsx", (".xlsx",), "a workbook for planners"
        ),
    )
}


def __getattr__(name: str) -> Any:
    # Options and OptionProblem load with their module on first use, not at start-up.
    if name in ("Options", "GraphOptions", "GraphmlOptions", "HtmlOptions", "OptionProblem"):
        return getattr(importlib.import_module("logicmodel.renderers.options"), name)
    raise AttributeError(f"module 'logicmodel.renderers' has no attribute {name!r}")


def register(entry: Format) -> Format:
    """Add a view or export to the registry and return it; a name may be registered once."""
    if entry.name in FORMATS:
        raise ValueError(f"a format called {entry.name!r} is registered already")
    FORMATS[entry.name] = entry
    return entry


def names(kind: Kind | None = None) -> list[str]:
    """Return the names of the registered views, exports, or both, in registry order."""
    return [name for name, entry in FORMATS.items() if kind is None or entry.kind == kind]


def verify_view(name: str) -> str:
    """Return a view or export name, or raise ValueError listing the valid ones."""
    if name not in FORMATS:
        raise ValueError(f"unknown view {name!r}: choose from {', '.join(sorted(FORMATS))}")
    return name


def get_format(name: str) -> Format:
    """Return the registry's entry for a view or export."""
    return FORMATS[verify_view(name)]


def option_fields(kind: Kind | None = None) -> dict[str, tuple[Field[Any], list[str]]]:
    """Return each renderer option with a command-line flag, and the formats that take it."""
    from dataclasses import fields

    found: dict[str, tuple[Field[Any], list[str]]] = {}
    for name in names(kind):
        for each in fields(FORMATS[name].options_class()):
            if each.metadata.get("flag"):
                found.setdefault(each.name, (each, []))[1].append(name)
    return found


def output_path(source: str | os.PathLike[str], suffix: str = ".png") -> Path:
    """Return the default output file for a model file: the same name with another suffix."""
    return Path(source).with_suffix(suffix)


def picture_path(
    source: str | os.PathLike[str],
    suffix: str,
    theme: str = "classic",
    folder: str | os.PathLike[str] | None = None,
) -> Path:
    """Return where a picture of a model file goes: beside it or in `folder`, its name carrying
    the theme and palette when they are not the default (plan-projector-colourblind.png)."""
    tag = "" if theme == "classic" else "-" + theme.replace("+", "-")
    name = Path(source).stem + tag + suffix
    return Path(folder) / name if folder else Path(source).with_name(name)


def default_output(source: str | os.PathLike[str], view: str) -> Path:
    """Return where a view or export of a model file goes when no output is named."""
    entry = get_format(view)
    return output_path(source, entry.default_suffix or entry.suffixes[0])


def verify_suffix(path: str | os.PathLike[str], view: str = "figure1") -> str:
    """Return the output format of a path for a view, or raise ValueError listing the valid ones."""
    suffix = Path(path).suffix.lower()
    valid = get_format(view).suffixes
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
) -> bytes | Files:
    """Return a view of a model as the bytes of target's format, or files by name for a folder."""
    entry = get_format(view)
    output_format = verify_suffix(target, view)
    options = entry.options_class()(theme=theme, output_format=output_format, **view_options)
    return encode(entry.load().generate(model, trace, options), output_format, dpi)


def encode(output: Output, output_format: str, dpi: int = 150) -> bytes | Files:
    """Return what a renderer made as the bytes of one file, or files by name for a folder."""
    if isinstance(output, str):
        return output.encode("utf-8")
    if isinstance(output, bytes):
        return output
    if isinstance(output, dict):
        # Several pictures (slides) come back as files named by the suffix each adds.
        files = {
            name: part if isinstance(part, bytes) else _picture(part, output_format, dpi)
            for name, part in output.items()
        }
        return _zip(files) if output_format == "zip" else files
    return _picture(output, output_format, dpi)


def _picture(output: Figure, output_format: str, dpi: int) -> bytes:
    """Return a matplotlib figure saved in a format, without dates."""
    import io

    buffer = io.BytesIO()
    # No dates in SVG and PDF output, so the same model gives the same file.
    metadata: dict[str, Any] | None = None
    if output_format == "svg":
        metadata = {"Date": None}
    elif output_format == "pdf":
        metadata = {"CreationDate": None, "ModDate": None}
    import warnings

    from matplotlib import rc_context

    # A fixed salt makes the SVG's clip-path and glyph ids the same from run to run.
    with warnings.catch_warnings(), rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        # A character no font has (an emoji) is drawn as a box: that is all a warning could say.
        warnings.filterwarnings("ignore", "Glyph", UserWarning)
        output.savefig(buffer, format=output_format, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def _zip(files: Files) -> bytes:
    """Return files in one zip archive, in the order given, the same bytes every run."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            # A fixed time, not the clock's: the same model gives the same archive.
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write(
    made: bytes | Files,
    target: str | os.PathLike[str],
    inputs: tuple[str | os.PathLike[str], ...] = (),
) -> None:
    """Write one file atomically, or files into a folder as one unit, refusing the unsafe
    writes (over an input, a model, an edited workbook): raise OutputRefused or OSError."""
    from logicmodel.fileformat.files import write_output

    write_output(target, made, inputs=inputs)


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
    """Draw a view of a model into a file (or folder); nothing is written if drawing fails or
    the write is refused (OutputRefused: the target is a model or an edited workbook)."""
    from logicmodel.fileformat.files import refuse_unsafe_write

    refuse_unsafe_write(target)  # before the drawing, which may take a while
    made = generate(model, trace, target, view=view, theme=theme, dpi=dpi, **view_options)
    write(made, target)


if TYPE_CHECKING:
    # mypy checks every registered module against the protocol here.
    from logicmodel.renderers import (
        comparison,
        figure1,
        figure2,
        gain,
        gexf,
        graph,
        graphml,
        html,
        mermaid,
        nodelink,
        tables,
        xlsx,
    )

    _CHECKED: tuple[Renderer, ...] = (
        comparison,
        figure1,
        figure2,
        gain,
        gexf,
        graph,
        graphml,
        html,
        mermaid,
        nodelink,
        tables,
        xlsx,
    )

# Kept for callers of the first registry: the view and export names.
REGISTRY = FORMATS
VIEWS = tuple(names(Kind.VIEW))
EXPORTS = tuple(names(Kind.EXPORT))

__all__ = [
    "FORMATS",
    "Files",
    "Format",
    "GraphOptions",
    "HtmlOptions",
    "Kind",
    "OptionProblem",
    "Options",
    "Output",
    "Renderer",
    "default_output",
    "draw",
    "encode",
    "generate",
    "get_format",
    "names",
    "option_fields",
    "register",
    "verify_suffix",
    "verify_view",
    "write",
]
