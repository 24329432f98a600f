"""Regenerate the golden files in tests/golden/ from the samples; review the diff, then commit.

`--check` writes nothing: it says which golden files a regeneration would change, add or
leave stale, with a short diff of each, and exits 1 if any (0 when all are up to date). CI
runs it, so a change of output cannot land without its reviewed golden files.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from logicmodel.analysis.checking import check_file
from logicmodel.analysis.reports import trace_rows
from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers.graph import generate_dot

__all__ = [
    "GOLDEN",
    "SAMPLES",
    "check",
    "golden_advice",
    "golden_dot",
    "golden_files",
    "golden_trace",
    "main",
]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".yaml", ".yml", ".json"))
GOLDEN = ROOT / "tests" / "golden"
KINDS = ("trace", "dot", "advice")
DIFF_LINES = 20  # enough to see what changed; the full diff is one regeneration away


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


def golden_files(samples: list[Path] = SAMPLES, golden: Path = GOLDEN) -> dict[Path, str]:
    """Return every golden file's path and the text a regeneration writes into it."""
    files: dict[Path, str] = {}
    for sample in samples:
        as_json = json.dumps(golden_trace(sample), indent=2, ensure_ascii=False) + "\n"
        files[golden / "trace" / f"{sample.stem}.json"] = as_json
        as_json = json.dumps(golden_advice(sample), indent=2, ensure_ascii=False) + "\n"
        files[golden / "advice" / f"{sample.stem}.json"] = as_json
        files[golden / "dot" / f"{sample.stem}.dot"] = golden_dot(sample)
    return files


def check(expected: dict[Path, str], golden: Path = GOLDEN) -> list[str]:
    """Return one report per golden file that differs from what a regeneration writes."""
    reports = []
    for path, text in expected.items():
        name = str(path.relative_to(golden.parent.parent))
        if not path.exists():
            reports.append(f"{name}: would be added")
            continue
        current = path.read_text("utf-8")
        if current != text:
            diff = list(
                difflib.unified_diff(
                    current.splitlines(),
                    text.splitlines(),
                    name,
                    f"{name} (regenerated)",
                    lineterm="",
                )
            )
            shown = diff[:DIFF_LINES] + (
                [f"... {len(diff) - DIFF_LINES} more lines"] if len(diff) > DIFF_LINES else []
            )
            reports.append(f"{name}: would change\n" + "\n".join(shown))
    for kind in KINDS:
        for path in sorted((golden / kind).glob("*")) if (golden / kind).is_dir() else []:
            if path not in expected:
                stale = path.relative_to(golden.parent.parent)
                reports.append(f"{stale}: stale: no sample makes it (remove it by hand)")
    return reports


def main(argv: list[str] | None = None) -> int:
    """Regenerate the golden files, or with --check say what a regeneration would change."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any golden file would change"
    )
    expected = golden_files()
    if parser.parse_args(argv).check:
        reports = check(expected)
        for report in reports:
            print(report)
        print(
            f"{len(reports)} golden files out of date: run python scripts/regenerate_golden.py "
            "and review the diff"
            if reports
            else f"{len(expected)} golden files up to date"
        )
        return 1 if reports else 0
    for path, text in expected.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
