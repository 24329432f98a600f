"""Check model files: load each one and report its faults or a one-line summary.

`examine` is the one place a model file is loaded, traced and advised with each finding
placed in the file: the checker and the board report both start from it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from logicmodel.analysis.advice import RULES, Finding, Severity, advise
from logicmodel.analysis.results import finite_json
from logicmodel.analysis.tracing import Trace, trace
from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES, LoadError, Located, load_located
from logicmodel.models import Contribution, LogicModel
from logicmodel.status import ExitStatus

__all__ = [
    "Examined",
    "FileReport",
    "LocatedAdvice",
    "PlacedFinding",
    "Summary",
    "check_file",
    "examine",
    "exit_status",
    "format_json",
    "format_rules",
    "format_text",
    "rules_as_dicts",
    "summarise",
]


@dataclass(frozen=True)
class PlacedFinding:
    """An advice finding and the line and column in the file of what it is about."""

    finding: Finding
    line: int
    col: int


@dataclass(frozen=True)
class Examined:
    """A model file loaded, traced and advised, each finding placed in the file."""

    path: str
    model: LogicModel
    trace: Trace
    findings: list[PlacedFinding]


def examine(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Examined:
    """Return a model file loaded, traced and advised, each finding at its line and column.

    Raise LoadError, with every fault located, when the file is not a valid model.
    """
    model, locate = load_located(path, max_bytes=max_bytes)
    traced = trace(model)
    findings = [
        PlacedFinding(finding, *locate(finding.path))
        for finding in advise(model, traced, select, ignore)
    ]
    return Examined(os.fspath(path), model, traced, findings)


@dataclass
class Summary:
    """Counts that say what a valid model holds."""

    partners: int
    elements: int
    collaborative: int
    outcomes: int
    links: int


@dataclass(frozen=True)
class LocatedAdvice:
    """A finding of an advisory rule, at its place in the file."""

    code: str
    severity: Severity
    where: Located


@dataclass
class FileReport:
    """What checking one file found."""

    file: str
    summary: Summary | None = None
    errors: list[Located] = field(default_factory=list)
    advice: list[LocatedAdvice] = field(default_factory=list)

    def count(self, severity: Severity | str) -> int:
        """Return how many findings have a severity."""
        return sum(1 for a in self.advice if a.severity == severity)

    def status(self, strict: bool = False) -> ExitStatus:
        """Return the exit status this file alone would give."""
        if self.summary is None:
            if all(error.about_file for error in self.errors):
                return ExitStatus.UNREADABLE
            return ExitStatus.INVALID
        if self.count("error") or (strict and self.count("warning")):
            return ExitStatus.FINDINGS
        return ExitStatus.OK


def summarise(model: LogicModel) -> Summary:
    """Return the counts of partners, elements, collaborative contributions, outcomes, links."""
    elements = outcomes = collaborative = links = 0
    for stage, element in model.elements():
        elements += 1
        links += len(element.leads_to)
        if stage.is_outcome:
            outcomes += 1
        if isinstance(element, Contribution):
            links += len(element.enhances)
            collaborative += model.is_collaborative(element)
    return Summary(len(model.partners), elements, collaborative, outcomes, links)


def check_file(
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> FileReport:
    """Return the report for one file: its faults, or its summary and the advice on it."""
    try:
        examined = examine(path, max_bytes=max_bytes, select=select, ignore=ignore)
    except LoadError as error:
        return FileReport(path, errors=error.errors)
    advice = [
        LocatedAdvice(
            placed.finding.code,
            placed.finding.severity,
            Located(path, placed.line, placed.col, placed.finding.message),
        )
        for placed in examined.findings
    ]
    advice.sort(key=lambda a: (a.where.line, a.where.col, a.code))
    return FileReport(path, summary=summarise(examined.model), advice=advice)


def exit_status(reports: list[FileReport], strict: bool = False) -> ExitStatus:
    """Return the worst status among the reports."""
    return max((report.status(strict) for report in reports), default=ExitStatus.OK)


def _plural(count: int, noun: str) -> str:
    """Return a count and its noun, plural but for one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def format_text(reports: list[FileReport]) -> str:
    """Return the reports for people: a summary line per clean file, a line per fault."""
    lines: list[str] = []
    for report in reports:
        if report.summary is None:
            lines += [str(error) for error in report.errors]
            continue
        for advice in report.advice:
            where = advice.where
            lines.append(
                f"{where.file}:{where.line}:{where.col}: {advice.code} {advice.severity}: "
                f"{where.message}"
            )
        s = report.summary
        counts = [_plural(report.count(sev), sev) for sev in ("error", "warning", "note")]
        advice_line = f"; advice: {', '.join(counts)}" if report.advice else ""
        lines.append(
            f"{report.file}: ok: {_plural(s.partners, 'partner')}, "
            f"{_plural(s.elements, 'element')} ({s.collaborative} collaborative, "
            f"{_plural(s.outcomes, 'outcome')}), {_plural(s.links, 'link')}{advice_line}"
        )
    return "\n".join(lines)


def format_rules() -> str:
    """Return the table of advisory rules for `logicmodel rules`."""
    lines = [f"{'code':6} {'severity':8} title", f"{'-' * 6} {'-' * 8} {'-' * 5}"]
    lines += [f"{r.code:6} {r.severity:8} {r.title}" for r in RULES.values()]
    lines.append("")
    lines.append("logicmodel check --explain CODE says why a rule matters and where it comes from.")
    return "\n".join(lines)


def rules_as_dicts() -> list[dict[str, str]]:
    """Return every advisory rule's code, severity, title, principle and source."""
    return [
        {
            "code": r.code,
            "severity": r.severity,
            "title": r.title,
            "principle": r.principle,
            "source": r.source,
        }
        for r in RULES.values()
    ]


def _fault(where: Located) -> dict[str, object]:
    """Return a fault's fields for JSON; `place` only where a file has no lines (a workbook)."""
    fields = asdict(where)
    if not fields["place"]:
        del fields["place"]
    return fields


def format_json(reports: list[FileReport]) -> str:
    """Return the reports as JSON for tools."""
    return json.dumps(
        finite_json(
            [
                {
                    "file": report.file,
                    "valid": report.summary is not None,
                    "summary": asdict(report.summary) if report.summary else None,
                    "errors": [_fault(error) for error in report.errors],
                    "advice": [
                        {"code": a.code, "severity": a.severity, **_fault(a.where)}
                        for a in report.advice
                    ],
                }
                for report in reports
            ]
        ),
        indent=2,
        ensure_ascii=False,
        allow_nan=False,
    )
