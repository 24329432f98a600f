"""Print the time to load, validate and trace synthetic models, and their peak memory.

Each size runs in a fresh process so that its peak memory is its own:
    python benchmarks/trace.py [SIZE ...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = [10_000, 50_000, 100_000]


def measure(size: int) -> dict[str, float]:
    """Return timings and peak memory for one size, measured in this process."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import synthetic_model

    from logicmodel.io import load
    from logicmodel.tracing import trace

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        path.write_text(json.dumps(synthetic_model(size)), "utf-8")
        megabytes = path.stat().st_size / 1e6
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        model = load(path)
        loaded = time.perf_counter()
        result = trace(model)
        traced = time.perf_counter()
    return {
        "elements": size,
        "links": sum(
            len(e.leads_to) + len(getattr(e, "enhances", ())) for _, e in model.elements()
        ),
        "outcomes": len(result.outcomes),
        "file_mb": megabytes,
        "load_s": loaded - start,
        "trace_s": traced - loaded,
        "total_s": traced - start,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    sizes = [int(arg) for arg in sys.argv[1:]] or SIZES
    rows = []
    for size in sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows.append(json.loads(output))
    print(
        f"{'elements':>9} {'links':>8} {'JSON MB':>8} {'load s':>7} "
        f"{'trace s':>8} {'total s':>8} {'peak MB':>8}"
    )
    for r in rows:
        print(
            f"{r['elements']:>9,} {r['links']:>8,} {r['file_mb']:>8.1f} {r['load_s']:>7.2f} "
            f"{r['trace_s']:>8.2f} {r['total_s']:>8.2f} {r['peak_mb']:>8.0f}"
        )
    by_size = {r["elements"]: r["total_s"] for r in rows}
    if 50_000 in by_size and 100_000 in by_size:
        print(f"100,000 / 50,000 total time: {by_size[100_000] / by_size[50_000]:.2f}")


if __name__ == "__main__":
    main()
