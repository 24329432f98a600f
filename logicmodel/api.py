"""The Python API's verbs: trace, whatif, check, render, export, compare, diff, report,
template and to_networkx, each a thin call of the same code the command line runs.

Wherever a verb takes a model it takes a model file's path too (a `str` or a `Path`),
loaded as `load` loads it; `whatif` takes one leaving partner's id as a string.

Every writer here refuses what the command line refuses, in the same words (OutputRefused):
never over a model, an input or a workbook a person has changed; `template` never over any
existing file unless `force`.

`import logicmodel` gives them all, with load and save, and
`logicmodel.analysis.gain.measure`; docs/api.md is the reference, and its examples run as doctests.
Editing is `logicmodel.edit(path)` (or `logicmodel.Draft`): its methods change every field a
person writes, elements, links and partners as the command line's verbs do, and indicators,
their values by period, targets and comparator, costs and benefits as `indicator`, `actual`,
`target`, `comparator`, `cost` and `benefit` do.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from logicmodel.analysis.results import Table, Tabular

if TYPE_CHECKING:
    from logicmodel.analysis.advice import Finding
    from logicmodel.analysis.comparing import Comparison
    from logicmodel.analysis.diffing import ModelDiff
    from logicmodel.analysis.model_graph import ModelGraph
    from logicmodel.analysis.tracing import JointWork, Trace, WhatIf
    from logicmodel.models import LogicModel

# A model, or the path of a model file (YAML or JSON).
ModelSource: TypeAlias = "LogicModel | str | os.PathLike[str]"


def as_model(source: ModelSource) -> LogicModel:
    """Return the model itself, or the model in the file a path names (raise LoadError if it
    is not a valid model; TypeError for anything else)."""
    from logicmodel.models import LogicModel

    if isinstance(source, LogicModel):
        return source
    if isinstance(source, (str, os.PathLike)):
        from logicmodel.fileformat.loading import load

        return load(source)
    raise TypeError(
        f"expected a LogicModel or the path of a model file, not {type(source).__name__}"
    )


def trace(model: ModelSource) -> Trace:
    """Return the trace of every outcome in a model (or a model file)."""
    from logicmodel.analysis.tracing import trace as trace_model

    return trace_model(as_model(model))


def whatif(
    model: ModelSource,
    without: str | Sequence[str] = (),
    *,
    without_collaboration: bool = False,
    joint_work: JointWork = "continues",
) -> WhatIf:
    """Return each outcome's trace before and after partners leave or collaboration stops.

    `without` is one partner's id or a list of them; an id the model lacks raises ValueError
    naming the partners it has. `joint_work` says what becomes of joint work a leaving
    partner took part in: it "continues" with the partners left, or it "stops".
    """
    from logicmodel.analysis.tracing import whatif as whatif_model

    leaving = [without] if isinstance(without, str) else list(without)
    return whatif_model(
        as_model(model),
        leaving,
        without_collaboration=without_collaboration,
        joint_work=joint_work,
    )


def compare(
    models: Sequence[ModelSource | tuple[str, ModelSource]],
) -> Comparison:
    """Return the comparison of models, each given alone or as (name, model); a model given
    as a path is named by that path."""
    from logicmodel.analysis.comparing import compare as compare_models

    named: list[tuple[str, LogicModel]] = []
    for item in models:
        name, source = item if isinstance(item, tuple) else (_name_of(item), item)
        named.append((name, as_model(source)))
    return compare_models(named)


def diff(
    old: ModelSource,
    new: ModelSource,
    *,
    old_name: str | None = None,
    new_name: str | None = None,
) -> ModelDiff:
    """Return the changes from `old` to `new`; each side is named by `old_name`/`new_name`,
    else by its path, else "old" and "new"."""
    from logicmodel.analysis.diffing import diff as diff_models

    return diff_models(
        as_model(old),
        as_model(new),
        old_name=old_name or _name_of(old) or "old",
        new_name=new_name or _name_of(new) or "new",
    )


def _name_of(source: ModelSource) -> str:
    """Return the path a model was given by, or '' for a model given as itself."""
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else ""


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


def check(model: ModelSource, *, select: list[str] | None = None) -> Advice:
    """Return the advice on a model (or a model file) that `logicmodel check` gives (the
    model is valid already: `load` refuses an invalid one)."""
    from logicmodel.analysis.advice import advise
    from logicmodel.analysis.tracing import trace as trace_model

    loaded = as_model(model)
    return Advice(advise(loaded, trace_model(loaded), select))


def render(
    model: ModelSource,
    target: str | os.PathLike[str],
    *,
    view: str = "figure1",
    theme: str = "classic",
    dpi: int = 150,
    max_elements: int | None = None,
    **options: Any,
) -> Path:
    """Draw a view of a model (or a model file) into a file (its suffix gives the format) and
    return its path.

    Raise OutputRefused, writing nothing, when the file is a model or an edited workbook;
    ValueError, at once, when a view that lays out Figure 1 is given a model of more than
    `max_elements` elements (2,000 unless given), as the command line refuses it.
    """
    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.renderers import draw
    from logicmodel.renderers.limits import (
        FIGURE1_MAX_ELEMENTS,
        element_count,
        figure1_refusal,
        lays_out_figure1,
    )

    loaded = as_model(model)
    if lays_out_figure1(view, options):
        limit = FIGURE1_MAX_ELEMENTS if max_elements is None else max_elements
        refusal = figure1_refusal(element_count(loaded), view, limit, raisable=False)
        if refusal is not None:
            raise ValueError(f"{refusal}, or pass max_elements=")
    draw(loaded, trace_model(loaded), target, view=view, theme=theme, dpi=dpi, **options)
    return Path(target)


def export(
    model: ModelSource,
    target: str | os.PathLike[str],
    *,
    format: str | None = None,
    **options: Any,
) -> Path:
    """Export a model (or a model file) to a file in the format its suffix names (or
    `format`); return its path. The export's options are keyword arguments (`yed=True` for
    GraphML; `encoding="utf-8"` for CSV without the byte-order mark Excel wants).

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
    return render(model, target, view=format, **options)


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


def to_networkx(model: ModelSource) -> ModelGraph:
    """Return the model (or a model file) as a networkx DiGraph: a node per element with its
    stage, label, partners and collaborative flag, and for outcomes `trace_class`,
    `depends_on_collaboration` and `collaborative_share`; an edge per link with its kind."""
    from logicmodel.analysis.model_graph import build_graph
    from logicmodel.analysis.tracing import trace as trace_model

    loaded = as_model(model)
    graph = build_graph(loaded)
    for ident, outcome in trace_model(loaded).outcomes.items():
        graph.nodes[ident].update(
            trace_class=outcome.trace_class.value,
            depends_on_collaboration=outcome.depends_on_collaboration,
            collaborative_share=round(float(outcome.share), 4),
        )
    return graph


__all__ = [
    "Advice",
    "ModelSource",
    "as_model",
    "check",
    "compare",
    "diff",
    "export",
    "render",
    "report",
    "template",
    "to_networkx",
    "trace",
    "whatif",
]
