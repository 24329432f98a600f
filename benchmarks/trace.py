"""Print what loading and tracing cost, beside a floor measured in the same run, and targets.

For each size of synthetic model (benchmarks/synthetic.py) it measures, each in a fresh
process so that its peak memory is its own, the median of RUNS runs of:

- the floor: reading the JSON file and one pass over its elements and links;
- `load` and `trace` in one process (time of each, and peak memory);
- `logicmodel trace FILE` end to end, as a person runs it (start-up and table included).

Each figure is printed with its ratio to the floor, so a slower or busier machine does not
hide a regression, and, where the issue sets one, its target with "ok" or "MISSED".

    python benchmarks/trace.py [--runs N] [SIZE ...]
    python benchmarks/trace.py --shapes [SIZE ...]

`--shapes` adds deep models of the same sizes: a comb (a spine of activities as deep as the
model) and a ladder (path counts doubling at every step, past 10^15000 at 100,000), and
prints each one's trace time against the shallow model's. The target: at most 2.3 times.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = [500, 5_000, 100_000]
RUNS = 5
# The targets for a 100,000-element model: end to end under 2.5 s, and so, at the
# floor it measured (0.27 s), under 9 times the floor.
TARGET_SIZE = 100_000
TARGET_SECONDS = 2.5
TARGET_RATIO = 9.0
SHAPE_RATIO = 2.3
HERE = Path(__file__).resolve().parent


def peak_mb() -> float:
    """Return this process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor(path: Path) -> dict[str, Any]:
    """Return the time to read a model's JSON and pass once over its elements and links."""
    start = time.perf_counter()
    data = json.loads(path.read_bytes())
    links = 0
    for value in data.values():
        if isinstance(value, list):
            for element in value:
                links += len(element.get("leads_to", ())) + len(element.get("enhances", ()))
    return {"seconds": time.perf_counter() - start, "links": links, "peak_mb": peak_mb()}


def load_and_trace(path: Path) -> dict[str, Any]:
    """Return the time `load` and `trace` take on a file, and the process's peak memory."""
    from logicmodel.analysis.tracing import trace
    from logicmodel.fileformat.loading import load

    start = time.perf_counter()
    model = load(path)
    loaded = time.perf_counter()
    result = trace(model)
    traced = time.perf_counter()
    return {
        "load_s": loaded - start,
        "trace_s": traced - loaded,
        "seconds": traced - start,
        "outcomes": len(result.outcomes),
        "peak_mb": peak_mb(),
    }


def child(command: list[str]) -> tuple[float, float, str]:
    """Return a child process's wall time, its own peak memory in MB, and what it printed."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):  # 1: some outcome relies on nothing, still traced
            raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read().decode("utf-8")


def measure(path: Path, what: str) -> dict[str, Any]:
    """Return one measurement of `what` (floor, inprocess or cli), made in a fresh process."""
    if what == "cli":
        command = shutil.which("logicmodel") or "logicmodel"
        seconds, peak, _ = child([command, "trace", str(path)])
        return {"seconds": seconds, "peak_mb": peak}
    _, _, printed = child([sys.executable, __file__, "--one", what, str(path)])
    result: dict[str, Any] = json.loads(printed)
    return result


def medians(path: Path, what: str, runs: int) -> dict[str, Any]:
    """Return the median of each figure over `runs` measurements."""
    found = [measure(path, what) for _ in range(runs)]
    return {
        key: statistics.median(r[key] for r in found)
        if isinstance(found[0][key], float)
        else found[0][key]
        for key in found[0]
    }


def verdict(ok: bool) -> str:
    """Return how a figure compares with its target."""
    return "ok" if ok else "MISSED"


def size_rows(folder: Path, shape: str, size: int, runs: int) -> dict[str, Any]:
    """Print and return the figures for one model."""
    sys.path.insert(0, str(HERE))
    from synthetic import SHAPES

    path = folder / f"{shape}-{size}.json"
    path.write_text(json.dumps(SHAPES[shape](size)), "utf-8")
    low = medians(path, "floor", runs)
    inside = medians(path, "inprocess", runs)
    cli = medians(path, "cli", runs)
    base = low["seconds"]
    name = f"{shape} {size:,} ({low['links']:,} links, {path.stat().st_size / 1e6:.1f} MB)"
    print(f"{name}")
    floor_name = "floor: read JSON + one pass"
    print(f"  {floor_name:34} {base:7.3f} s {'1.0x':>7} {low['peak_mb']:6.0f} MB")
    for label, seconds in (("load", inside["load_s"]), ("trace", inside["trace_s"])):
        print(f"  {label:34} {seconds:7.3f} s {seconds / base:6.1f}x")
    print(
        f"  {'load + trace in process':34} {inside['seconds']:7.3f} s "
        f"{inside['seconds'] / base:6.1f}x {inside['peak_mb']:6.0f} MB"
    )
    target = ""
    if size == TARGET_SIZE and shape == "shallow":
        ratio = cli["seconds"] / base
        target = (
            f"  target < {TARGET_SECONDS} s: {verdict(cli['seconds'] < TARGET_SECONDS)}; "
            f"< {TARGET_RATIO:.0f}x floor: {verdict(ratio < TARGET_RATIO)}"
        )
    print(
        f"  {'logicmodel trace, end to end':34} {cli['seconds']:7.3f} s "
        f"{cli['seconds'] / base:6.1f}x {cli['peak_mb']:6.0f} MB{target}"
    )
    return {"shape": shape, "size": size, "trace_s": inside["trace_s"]}


def main() -> None:
    arguments = sys.argv[1:]
    if len(arguments) == 3 and arguments[0] == "--one":
        work = floor if arguments[1] == "floor" else load_and_trace
        print(json.dumps(work(Path(arguments[2]))))
        return
    runs = RUNS
    if "--runs" in arguments:
        at = arguments.index("--runs")
        runs = int(arguments[at + 1])
        del arguments[at : at + 2]
    shapes = ["shallow", "comb", "ladder"] if "--shapes" in arguments else ["shallow"]
    sizes = [int(arg) for arg in arguments if arg != "--shapes"] or SIZES
    print(f"medians of {runs} runs, each in a fresh process; ratios are to the floor")
    with tempfile.TemporaryDirectory() as folder:
        rows = [size_rows(Path(folder), shape, size, runs) for shape in shapes for size in sizes]
    shallow = {r["size"]: r["trace_s"] for r in rows if r["shape"] == "shallow"}
    for r in rows:
        if r["shape"] != "shallow" and r["size"] in shallow:
            ratio = r["trace_s"] / shallow[r["size"]]
            print(
                f"{r['shape']} / shallow trace time at {r['size']:,}: {ratio:.2f} "
                f"(target <= {SHAPE_RATIO}: {verdict(ratio <= SHAPE_RATIO)})"
            )


if __name__ == "__main__":
    main()
