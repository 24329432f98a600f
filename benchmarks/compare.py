"""Print the time `logicmodel compare` takes on many synthetic 200-element models, and how it grows.

Writes 1,000 synthetic models (each its own seed) as JSON files, then compares the first 250,
500 and 1,000 of them through the command line (in this process, output discarded), and
prints the time per model and the ratios between the sizes: 2.0 and 4.0 are linear growth.
    python benchmarks/compare.py [COUNT ...] [--elements N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

COUNTS = [250, 500, 1000]
ELEMENTS = 200


def write_models(folder: Path, count: int, elements: int) -> list[str]:
    """Write `count` synthetic models into a folder and return their paths."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import synthetic_model

    paths = []
    for seed in range(1, count + 1):
        path = folder / f"model-{seed:04d}.json"
        path.write_text(json.dumps(synthetic_model(elements, seed=seed)), "utf-8")
        paths.append(str(path))
    return paths


def time_compare(paths: list[str]) -> tuple[float, float]:
    """Return the wall-clock and CPU seconds `logicmodel compare PATHS --format csv` takes,
    run in this process (CPU time is steadier on a shared machine)."""
    from click.testing import CliRunner

    from logicmodel.cli import cli

    start, cpu = time.perf_counter(), time.process_time()
    result = CliRunner().invoke(cli, ["compare", *paths, "--format", "csv"])
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    if result.exit_code != 0 or result.stdout.count("\n") != len(paths) + 1:
        raise SystemExit(f"compare failed ({result.exit_code}): {result.output[-500:]}")
    return elapsed, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=COUNTS)
    parser.add_argument("--elements", type=int, default=ELEMENTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_models(Path(folder), max(args.counts), args.elements)
        time_compare(paths[:5])  # imports and caches warm, as in any real run
        rows = [(count, time_compare(paths[:count])) for count in args.counts]
    first_count, (_, first_cpu) = rows[0]
    print(f"compare, synthetic models of {args.elements} elements (8 partners each)")
    print(
        f"{'models':>7}  {'wall s':>8}  {'CPU s':>8}  {'CPU ms/model':>12}  "
        f"{'CPU ratio':>9}  {'size ratio':>10}"
    )
    for count, (seconds, cpu) in rows:
        print(
            f"{count:>7}  {seconds:>8.2f}  {cpu:>8.2f}  {1000 * cpu / count:>12.1f}  "
            f"{cpu / first_cpu:>9.2f}  {count / first_count:>10.2f}"
        )


if __name__ == "__main__":
    main()
