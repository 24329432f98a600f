"""Renderer options as plain dataclasses, light enough for the command line to read at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field


class OptionProblem(ValueError):
    """A renderer option names nothing in this model, e.g. an outcome that is not there."""


@dataclass(frozen=True)
class Options:
    """What every renderer is told: the theme, and the format the output will be written as.

    A renderer with options of its own subclasses this; a field whose metadata has a `flag`
    becomes an option of `logicmodel render`, with the metadata's `help` and `metavar`.
    """

    theme: str = "classic"
    output_format: str = ""  # the target's suffix without the dot, or "folder"


@dataclass(frozen=True)
class Figure1Options(Options):
    """Whether Figure 1 is one picture or a deck of slides for a talk."""

    slides: bool = field(
        default=False,
        metadata={
            "flag": "--slides",
            "help": "a deck of 1920x1080 slides: the whole model, then the contributions and "
            "each outcome stage zoomed (one PDF for -o deck.pdf, else one file per slide)",
        },
    )


@dataclass(frozen=True)
class GraphOptions(Options):
    """What the graph view shows."""

    clusters: bool = field(
        default=False,
        metadata={"flag": "--clusters", "help": "box each partner's own contributions together"},
    )
    trace_outcome: str | None = field(
        default=None,
        metadata={
            "flag": "--trace",
            "metavar": "OUTCOME",
            "help": "light up what feeds OUTCOME, mark its critical elements, fade the rest",
        },
    )
    partner: str | None = field(
        default=None,
        metadata={
            "flag": "--partner",
            "metavar": "ID",
            "help": "show only this partner's contributions and what they feed",
        },
    )


@dataclass(frozen=True)
class GraphmlOptions(Options):
    """Whether the GraphML carries yEd's node graphics as well as the data."""

    yed: bool = field(
        default=False,
        metadata={
            "flag": "--yed",
            "help": "add yEd node graphics (Figure 1's colours, positions and sizes)",
        },
    )


# A byte-order mark first tells spreadsheets (Excel above all) that a CSV file is UTF-8, so
# accents and Gaelic survive; Python's csv module keeps it in the first column's name.
CSV_ENCODINGS = ("utf-8-sig", "utf-8")


@dataclass(frozen=True)
class TablesOptions(Options):
    """How the CSV tables are encoded."""

    encoding: str = field(
        default="utf-8-sig",
        metadata={
            "flag": "--encoding",
            "choices": CSV_ENCODINGS,
            "help": "utf-8-sig (the default: a byte-order mark first, for Excel) or utf-8 "
            "(plain, for Python's csv module and most other tools)",
        },
    )


LAYOUTS = ("figure1", "graph")


@dataclass(frozen=True)
class HtmlOptions(Options):
    """How the interactive page lays the model out."""

    layout: str = field(
        default="figure1",
        metadata={
            "flag": "--layout",
            "choices": LAYOUTS,
            "help": "figure1 (our layout, needs nothing) or graph (Graphviz's, needs dot)",
        },
    )


__all__ = [
    "LAYOUTS",
    "Figure1Options",
    "GraphOptions",
    "GraphmlOptions",
    "HtmlOptions",
    "OptionProblem",
    "Options",
]
