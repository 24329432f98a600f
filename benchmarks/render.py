"""Print Figure 1's link crossings per sample before and after ordering, and the time to draw
a typical and a large model, against plain matplotlib.

The baseline draws the same number of plain boxes and texts with matplotlib in the same run,
so the ratio says what our layout and styling cost over the drawing itself. The end-to-end
figure runs `logicmodel render` as a user would, start-up included.

    python benchmarks/render.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

from logicmodel.analysis.tracing import trace  # noqa: E402
from logicmodel.fileformat.loading import load  # noqa: E402
from logicmodel.models import LogicModel  # noqa: E402
from logicmodel.renderers.figure1 import crossings, layout, render  # noqa: E402
from logicmodel.renderers.themes import get_theme  # noqa: E402

SIZES = [60, 500]
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def crossing_table() -> None:
    """Print each sample's drawn link crossings in the first greedy order and after sweeps."""
    print(f"{'sample':<36} {'before':>6} {'after':>6}")
    for path in sorted(SAMPLES.glob("*.yaml")):
        model = load(path)
        result, theme = trace(model), get_theme("classic")
        before = crossings(layout(model, result, theme, sweeps=0))
        after = crossings(layout(model, result, theme))
        print(f"{path.stem:<36} {before:>6} {after:>6}")
    print()


def plain_boxes(count: int) -> float:
    """Return the seconds matplotlib takes to draw `count` boxes with a text each to PNG."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    start = time.perf_counter()
    columns = 7
    rows = count // columns + 1
    figure = Figure(figsize=(16, max(6.0, rows * 0.6)))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, columns)
    axes.set_ylim(rows, 0)
    for index in range(count):
        x, y = index % columns, index // columns
        axes.add_patch(Rectangle((x + 0.05, y + 0.05), 0.9, 0.8, facecolor="#9CD39A"))
        axes.text(x + 0.1, y + 0.1, f"Element {index} with a label", va="top", fontsize=9)
    figure.savefig(io.BytesIO(), format="png", dpi=100)
    return time.perf_counter() - start


def ours(model: LogicModel) -> float:
    """Return the seconds to trace, lay out and draw a model to PNG."""
    start = time.perf_counter()
    figure = render(model, trace(model), "classic")
    figure.savefig(io.BytesIO(), format="png", dpi=100)
    return time.perf_counter() - start


def end_to_end(model_data: dict[str, object]) -> float:
    """Return the seconds `logicmodel render` takes on a model file, start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        path.write_text(json.dumps(model_data), "utf-8")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "logicmodel", "render", str(path), "--dpi", "100"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - start


def main() -> None:
    crossing_table()
    plain_boxes(10)  # warm up matplotlib's font cache
    print(f"{'elements':>8} {'ours s':>7} {'plain s':>8} {'ratio':>6} {'end-to-end s':>13}")
    for size in SIZES:
        data = synthetic_model(size)
        model = LogicModel.model_validate(data)
        mine = min(ours(model) for _ in range(3))
        plain = min(plain_boxes(size) for _ in range(3))
        total = end_to_end(data)
        print(f"{size:>8} {mine:>7.2f} {plain:>8.2f} {mine / plain:>6.2f} {total:>13.2f}")


if __name__ == "__main__":
    main()
