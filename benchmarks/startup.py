"""Print how long `logicmodel --help` takes to start against `python -c "import click"`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 20
COMMANDS = {
    "python -c 'import click'": [sys.executable, "-c", "import click"],
    "logicmodel --help": [sys.executable, "-m", "logicmodel", "--help"],
    "logicmodel check samples/figure1.yaml": [
        sys.executable,
        "-m",
        "logicmodel",
        "check",
        "samples/figure1.yaml",
    ],
}


def median_seconds(command: list[str]) -> float:
    """Return the median wall time of running a command RUNS times."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    results = {name: median_seconds(command) for name, command in COMMANDS.items()}
    baseline = results["python -c 'import click'"]
    for name, seconds in results.items():
        print(f"{name:40} {seconds * 1000:7.1f} ms  {seconds / baseline:5.2f}x import click")


if __name__ == "__main__":
    main()
