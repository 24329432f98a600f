"""Print the time of `logicmodel render --view graph` against raw `dot -Tsvg` on its DOT.

Both run in the same session on the same synthetic model, so the ratio is what our part
(start-up, loading, tracing, building DOT, writing) adds to Graphviz's own layout.

    python benchmarks/graph.py [SIZE ...]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

SIZES = [100, 1_000, 2_500]


RUNS = 3


def timed(command: list[str]) -> float:
    """Return the best wall time of RUNS runs of a command that must succeed."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def render_graph(model: Path, output: Path) -> list[str]:
    """Return the command that draws a model's graph view into output."""
    command = [sys.executable, "-m", "logicmodel", "render", str(model), "--view", "graph"]
    return [*command, "-o", str(output)]


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or SIZES
    print(f"{'elements':>8} {'links':>6} {'logicmodel s':>13} {'dot -Tsvg s':>12} {'ratio':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "model.json"
            data = synthetic_model(size)
            model.write_text(json.dumps(data), "utf-8")
            dot_file = Path(folder) / "model.dot"
            subprocess.run(render_graph(model, dot_file), check=True, stdout=subprocess.DEVNULL)
            links = dot_file.read_text("utf-8").count("->")
            ours = timed(render_graph(model, Path(folder) / "model.svg"))
            raw = timed(["dot", "-Tsvg", str(dot_file)])
        print(f"{size:>8} {links:>6} {ours:>13.2f} {raw:>12.2f} {ours / raw:>6.2f}")


if __name__ == "__main__":
    main()
