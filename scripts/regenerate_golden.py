"""Regenerate the golden files in tests/golden/ from the samples; review the diff, then commit."""

from __future__ import annotations

import json
from pathlib import Path

from logicmodel.analysis.checking import check_file
from logicmodel.analysis.reports import trace_rows
from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers.graph import generate_dot

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".yaml", ".yml", ".json"))
GOLDEN = ROOT / "tests" / "golden"


def golden_trace(sample: Path) -> dict[str, object]:
    """Return the facts of a sample's trace that the golden file pins."""
    result = trace(load(sample))
    return {"summary": result.summary(), "outcomes": trace_rows(result)}


def golden_advice(sample: Path) -> list[dict[str, object]]:
    """Return the advice `logicmodel check` gives on a sample: code, line and message."""
    report = check_file(str(sample))
    return [
        {"code": a.code, "severity": a.severity, "line": a.where.line, "message": a.where.message}
        for a in report.advice
    ]


def golden_dot(sample: Path) -> str:
    """Return the graph view's DOT text for a sample."""
    model = load(sample)
    return generate_dot(model, trace(model))


def main() -> None:
    for kind in ("trace", "dot", "advice"):
        (GOLDEN / kind).mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        target = GOLDEN / "trace" / f"{sample.stem}.json"
        target.write_text(json.dumps(golden_trace(sample), indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {target.relative_to(ROOT)}")
        target = GOLDEN / "advice" / f"{sample.stem}.json"
        target.write_text(json.dumps(golden_advice(sample), indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {target.relative_to(ROOT)}")
        target = GOLDEN / "dot" / f"{sample.stem}.dot"
        target.write_text(golden_dot(sample), "utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
