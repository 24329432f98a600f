"""Print the time to load, validate and trace synthetic models, and their peak memory.

Each size runs in a fresh process so that its peak memory is its own:
    python benchmarks/trace.py [SIZE ...]
    python benchmarks/trace.py --shapes [SIZE ...]

`--shapes` adds deep models of the same sizes: a comb (a spine of activities as deep as the
model) and a ladder (path counts doubling at every step, past 10^15000 at 100,000), and
prints each one's trace time against the shallow model's. The target: at most 2.3 times.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = [10_000, 50_000, 100_000]


def measure(size: int, shape: str = "shallow") -> dict[str, Any]:
    """Return timings and peak memory for one size and shape, measured in this process."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import SHAPES

    from logicmodel.analysis.tracing import trace
    from logicmodel.fileformat.loading import load

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        path.write_text(json.dumps(SHAPES[shape](size)), "utf-8")
        megabytes = path.stat().st_size / 1e6
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        model = load(path)
        loaded = time.perf_counter()
        result = trace(model)
        traced = time.perf_counter()
    return {
        "shape": shape,
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


def run(size: int, shape: str) -> dict[str, Any]:
    """Return one measurement, made in a fresh process."""
    output = subprocess.run(
        [sys.executable, __file__, "--one", str(size), shape],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]), sys.argv[3])))
        return
    arguments = sys.argv[1:]
    shapes = ["shallow", "comb", "ladder"] if "--shapes" in arguments else ["shallow"]
    sizes = [int(arg) for arg in arguments if arg != "--shapes"] or SIZES
    rows = [run(size, shape) for shape in shapes for size in sizes]
    print(
        f"{'shape':>8} {'elements':>9} {'links':>8} {'JSON MB':>8} {'load s':>7} "
        f"{'trace s':>8} {'total s':>8} {'peak MB':>8}"
    )
    for r in rows:
        print(
            f"{r['shape']:>8} {r['elements']:>9,} {r['links']:>8,} {r['file_mb']:>8.1f} "
            f"{r['load_s']:>7.2f} {r['trace_s']:>8.2f} {r['total_s']:>8.2f} {r['peak_mb']:>8.0f}"
        )
    by_size = {r["elements"]: r["total_s"] for r in rows if r["shape"] == "shallow"}
    if 50_000 in by_size and 100_000 in by_size:
        print(f"100,000 / 50,000 total time: {by_size[100_000] / by_size[50_000]:.2f}")
    shallow = {r["elements"]: r["trace_s"] for r in rows if r["shape"] == "shallow"}
    for r in rows:
        if r["shape"] != "shallow" and r["elements"] in shallow:
            ratio = r["trace_s"] / shallow[r["elements"]]
            print(
                f"{r['shape']} / shallow trace time at {r['elements']:,}: {ratio:.2f} "
                f"(target <= 2.3)"
            )


if __name__ == "__main__":
    main()
