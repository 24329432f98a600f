"""The register of advice rules: what a rule and a finding are, and how a rule is registered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from logicmodel.analysis.tracing import Trace
from logicmodel.fileformat.parsing import Path
from logicmodel.models import LogicModel


class Severity(str, Enum):
    """How much a finding matters: an error fails `check`; warnings fail it under --strict."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def __str__(self) -> str:
        return self.value


SEVERITIES = tuple(severity.value for severity in Severity)


@dataclass(frozen=True)
class Finding:
    """One piece of advice about one place in the model."""

    code: str
    severity: Severity
    path: Path
    message: str


@dataclass(frozen=True)
class Rule:
    """An advisory rule and the principle it carries."""

    code: str
    severity: Severity
    title: str
    principle: str
    source: str
    check: Callable[[LogicModel, Trace], Iterator[tuple[Path, str]]]

    def explain(self) -> str:
        """Return the rule's explanation for `check --explain`."""
        return (
            f"{self.code} ({self.severity}): {self.title}\n\n"
            f"{self.principle}\n\nSource: {self.source}\n"
            "Switch it off for one model with:\n  advice:\n    ignore:\n"
            f"      - {{code: {self.code}, reason: why it does not apply}}\n"
        )


RULES: dict[str, Rule] = {}
Check = Callable[[LogicModel, Trace], Iterator[tuple[Path, str]]]


def rule(
    code: str, severity: str, title: str, principle: str, source: str
) -> Callable[[Check], Check]:
    """Register a rule function under a code."""

    def register(function: Check) -> Check:
        if severity not in SEVERITIES:
            raise ValueError(
                f"rule {code}: unknown severity {severity!r}: choose from {', '.join(SEVERITIES)}"
            )
        if code in RULES:
            raise ValueError(f"rule {code} is registered already, by {RULES[code].title!r}")
        RULES[code] = Rule(code, Severity(severity), title, principle, source, function)
        return function

    return register


def verify_codes(codes: list[str]) -> list[str]:
    """Return rule codes, or raise ValueError naming an unknown one and the valid ones."""
    for code in codes:
        if code.upper() not in RULES:
            raise ValueError(f"unknown rule {code!r}: `logicmodel rules` lists {', '.join(RULES)}")
    return [code.upper() for code in codes]


__all__ = ["Check", "Finding", "RULES", "Rule", "SEVERITIES", "Severity", "rule", "verify_codes"]
