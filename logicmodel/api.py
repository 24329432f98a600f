"""The Python API's verbs that have no home of their own: check, render, export, report,
template and to_networkx, each a thin call of the same code the command line runs.

Every writer here refuses what the command line refuses, in the same words (OutputRefused):
never over a model, an input or a workbook a person has changed; `template` never over any
existing file unless `force`.

`import logicmodel` gives them all, with load, save, trace, whatif, compare and diff, and
`logicmodel.analysis.gain.measure`; docs/api.md is the reference, and its examples run as doctests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.results import Table, Tabular

if TYPE_CHECKING:
    from logicmodel.analysis.advice import Finding
    from logicmodel.analysis.model_graph import ModelGraph
    from logicmodel.models import LogicModel


@dataclass(frozen=True)
class Advice(Tabular):
    """The advice on a model, each finding with its rule code, severity, data path and message."""

    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        """Return how many findings have a severity: error, warning or note."""
        return sum(1 for f in self.findings if f.severity.value == severity)

    def summary(self) -> str:
        """Return one line: the findings counted by severity."""
        return ", ".join(
            f"{self.count(s)} {s}{'' if self.count(s) == 1 else 's'}"
            for s in ("error", "warning", "note")
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per finding, e.g. for pandas.DataFrame."""
        return [
            {
                "code": f.code,
                "severity": f.severity.value,
                "path": list(f.path),
                "message": f.message,
            }
            for f in self.findings
        ]

    def table(self) -> Table:
        """Return each finding's code, severity and message under the summary."""
        columns = {"code": "code", "severity": "severity", "message": "message"}
        return Table(self.to_records(), columns, self.summary())


def check(model: LogicModel, *, select: list[str] | None = None) -> Advice:
    """Return the advice on a model that `logicmodel check` gives (the model is valid already:
    `load` refuses an invalid one)."""
    from logicmodel.analysis.advice import advise
    from logicmodel.analysis.tracing import trace

    return Advice(advise(model, trace(model), select))


def render(
    model: LogicModel,
    target: str | os.PathLike[str],
    *,
    view: str = "figure1",
    theme: str = "classic",
    dpi: int = 150,
    **options: Any,
) -> Path:
    """Draw a view of a model into a file (its suffix gives the format) and return its path.

    Raise OutputRefused, writing nothing, when the file is a model or an edited workbook.
    """
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers import draw

    draw(model, trace(model), target, view=view, theme=theme, dpi=dpi, **options)
    return Path(target)


def export(model: LogicModel, target: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Export a model to a file in the format its suffix names (or `format`); return its path.

    A suffix two exports share (.json is only the node-link export; .dot is DOT) takes the
    first registered. Raise OutputRefused, writing nothing, when the file is a model (say the
    model `m.json` itself) or a workbook a person has changed.
    """
    from logicmodel.renderers import FORMATS, Kind

    if format is None:
        suffix = Path(target).suffix.lower()
        found = [n for n, e in FORMATS.items() if e.kind is Kind.EXPORT and suffix in e.suffixes]
        if not found:
            raise ValueError(f"no export writes {suffix or 'a folder'}: give format=")
        format = found[0]
    return render(model, target, view=format)


def report(
    sources: str | os.PathLike[str] | list[str | os.PathLike[str]],
    target: str | os.PathLike[str] | None = None,
    *,
    combined: bool = False,
) -> list[Path]:
    """Write a board report of each model file, as `logicmodel report` does; return the files.

    One file: `target` (.html or .pdf) or FILE.report.html beside it. Several: one report
    each in the folder `target` (default: beside each) and an index, or with `combined` one
    document. Raise OutputRefused, writing nothing more, where a report would replace a model
    or an input.
    """
    from logicmodel.fileformat.files import write_output
    from logicmodel.renderers import report as board

    paths = [os.fspath(p) for p in (sources if isinstance(sources, list) else [sources])]
    output = None if target is None else os.fspath(target)
    several = len(paths) > 1 and not combined
    output_format = board.verify_output(output) if output and not several else "html"
    items = [(path, board.read(path)) for path in paths]

    def write(name: str, data: bytes) -> None:
        write_output(name, data, inputs=paths)

    written = board.write_reports(items, output, output_format, combined, write, several)
    return [Path(name) for name in written]


def template(target: str | os.PathLike[str] = "model.xlsx", *, force: bool = False) -> Path:
    """Write a workbook to fill in, as `logicmodel template` does, and return its path.

    Raise OutputRefused when the file exists already (perhaps filled in), unless `force`.
    """
    from logicmodel.fileformat.files import write_output
    from logicmodel.renderers.xlsx import generate_template

    if not os.fspath(target).lower().endswith(".xlsx"):
        raise ValueError(f"{os.fspath(target)}: a workbook ends in .xlsx")
    write_output(target, generate_template(), editable=True, force=force)
    return Path(target)


def to_networkx(model: LogicModel) -> ModelGraph:
    """Return the model as a networkx DiGraph: a node per element with its stage, label,
    partners and collaborative flag, and for outcomes `trace_class`,
    `depends_on_collaboration` and `collaborative_share`; an edge per link with its kind."""
    from logicmodel.analysis.model_graph import build_graph
    from logicmodel.analysis.tracing import trace

    graph = build_graph(model)
    for ident, outcome in trace(model).outcomes.items():
        graph.nodes[ident].update(
            trace_class=outcome.trace_class.value,
            depends_on_collaboration=outcome.depends_on_collaboration,
            collaborative_share=round(float(outcome.share), 4),
        )
    return graph


__all__ = ["Advice", "check", "export", "render", "report", "template", "to_networkx"]
