"""Check model files: load each one and report its faults or a one-line summary."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from logicmodel.io import DEFAULT_MAX_BYTES, LoadError, Located, load
from logicmodel.models import Contribution, LogicModel

# Exit statuses, as DESIGN.md settles them.
CLEAN = 0
FINDINGS = 1  # a valid model with error-level findings
INVALID = 2  # not a valid model


@dataclass
class Summary:
    """Counts that say what a valid model holds."""

    partners: int
    elements: int
    collaborative: int
    outcomes: int
    links: int


@dataclass
class FileReport:
    """What checking one file found."""

    file: str
    summary: Summary | None = None
    errors: list[Located] = field(default_factory=list)

    @property
    def status(self) -> int:
        """Return the exit status this file alone would give."""
        return INVALID if self.summary is None else CLEAN


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


def check_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileReport:
    """Return the report for one file."""
    try:
        model = load(path, max_bytes=max_bytes)
    except LoadError as error:
        return FileReport(path, errors=error.errors)
    return FileReport(path, summary=summarise(model))


def exit_status(reports: list[FileReport]) -> int:
    """Return the worst status among the reports."""
    return max((report.status for report in reports), default=CLEAN)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def format_text(reports: list[FileReport]) -> str:
    """Return the reports for people: a summary line per clean file, a line per fault."""
    lines: list[str] = []
    for report in reports:
        if report.summary is None:
            lines += [str(error) for error in report.errors]
            continue
        s = report.summary
        lines.append(
            f"{report.file}: ok: {_plural(s.partners, 'partner')}, "
            f"{_plural(s.elements, 'element')} ({s.collaborative} collaborative, "
            f"{_plural(s.outcomes, 'outcome')}), {_plural(s.links, 'link')}"
        )
    return "\n".join(lines)


def format_json(reports: list[FileReport]) -> str:
    """Return the reports as JSON for tools."""
    return json.dumps(
        [
            {
                "file": report.file,
                "valid": report.summary is not None,
                "summary": asdict(report.summary) if report.summary else None,
                "errors": [asdict(error) for error in report.errors],
            }
            for report in reports
        ],
        indent=2,
        ensure_ascii=False,
    )
