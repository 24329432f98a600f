"""Print Figure 1's link crossings per sample before and after ordering, the time to draw a
typical and a large model against plain matplotlib, and how Figure 1's time and peak memory
grow with the model, shallow and ladder-shaped, up to 20,000 elements.

The baseline draws the same number of plain boxes and texts with matplotlib in the same run,
so the ratio says what our layout and styling cost over the drawing itself. The end-to-end
figure runs `logicmodel render` as a user would, start-up included.

The growth table lays out and draws Figure 1 to PNG in a child process per model (capped in
time and address space, so that a size that does not finish cannot exhaust the machine) and
prints its seconds and peak resident memory with their ratios to the 1,000-element figure of
the same shape, measured in the same run: linear growth is 5x and 20x. Last, it times
`logicmodel render` refusing a model past Figure 1's limit (`FIGURE1_MAX_ELEMENTS`).

    python benchmarks/render.py                # everything
    python benchmarks/render.py growth [CAP_S]  # the growth table only (CAP_S: 180 by default)
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ladder_model, synthetic_model  # noqa: E402

from logicmodel.analysis.tracing import trace  # noqa: E402
from logicmodel.fileformat.loading import load  # noqa: E402
from logicmodel.models import LogicModel  # noqa: E402
from logicmodel.renderers.figure1 import crossings, layout, render  # noqa: E402
from logicmodel.renderers.limits import FIGURE1_MAX_ELEMENTS  # noqa: E402
from logicmodel.renderers.themes import get_theme  # noqa: E402

SIZES = [60, 500]
GROWTH_SIZES = [1_000, 5_000, 20_000]
SHAPES = {"shallow": synthetic_model, "ladder": ladder_model}
CAP_SECONDS = 180  # a child still drawing after this is stopped and shown as "> CAP"
CAP_BYTES = 4 * 1024**3  # the child's address space: past it, it fails instead of swapping
SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Run in a child: build the model, lay out and draw Figure 1 to PNG; print the seconds, the
# peak resident size before drawing and after, in kilobytes (Linux's ru_maxrss).
CHILD = """
import io, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import synthetic
from logicmodel.analysis.tracing import trace
from logicmodel.models import LogicModel
from logicmodel.renderers.figure1 import render
model = LogicModel.model_validate(getattr(synthetic, sys.argv[2])(int(sys.argv[3])))
traced = trace(model)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
render(model, traced, "classic").savefig(io.BytesIO(), format="png", dpi=100)
seconds = time.perf_counter() - start
print(json.dumps([seconds, before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))
"""


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


def end_to_end(model_data: dict[str, object], *extra: str) -> tuple[float, int]:
    """Return the seconds `logicmodel render` takes on a model file, start-up included, and
    its exit status."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        path.write_text(json.dumps(model_data), "utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "logicmodel", "render", str(path), "--dpi", "100", *extra],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start, done.returncode


def capped() -> None:
    """Limit the child's address space, so that a runaway layout fails instead of swapping."""
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))


def drawn(shape: str, size: int, cap: float) -> tuple[float, float] | str:
    """Return the seconds and peak megabytes of Figure 1 for one model, or why there are none."""
    here = str(Path(__file__).resolve().parent)
    maker = SHAPES[shape].__name__
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, here, maker, str(size)],
            capture_output=True,
            text=True,
            timeout=cap,
            preexec_fn=capped,
        )
    except subprocess.TimeoutExpired:
        return f"> {cap:.0f} s"
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or [f"status {done.returncode}"]
        return "failed: " + last[0][:60]
    seconds, _, peak = json.loads(done.stdout.strip().splitlines()[-1])
    return float(seconds), peak / 1024


def growth_table(cap: float) -> None:
    """Print Figure 1's seconds and peak memory by shape and size, with ratios to 1,000."""
    print(f"Figure 1 layout + draw to PNG, a child per model, capped at {cap:.0f} s, 4 GB")
    print(
        f"{'shape':<8} {'elements':>8} {'seconds':>9} {'x 1,000':>8} {'peak MB':>8} {'x 1,000':>8}"
    )
    for shape in SHAPES:
        floor: tuple[float, float] | None = None
        for size in GROWTH_SIZES:
            found = drawn(shape, size, cap)
            if isinstance(found, str):
                print(f"{shape:<8} {size:>8,} {found:>9}", flush=True)
                continue
            seconds, peak = found
            floor = floor or found
            print(
                f"{shape:<8} {size:>8,} {seconds:>9.1f} {seconds / floor[0]:>7.1f}x"
                f" {peak:>8.0f} {peak / floor[1]:>7.1f}x",
                flush=True,
            )
    for shape, maker in SHAPES.items():
        size = GROWTH_SIZES[-1]
        seconds, status = end_to_end(maker(size))
        print(
            f"logicmodel render, {shape} {size:,} (limit {FIGURE1_MAX_ELEMENTS:,}): "
            f"exit {status} in {seconds:.2f} s"
        )


def main() -> None:
    if sys.argv[1:2] == ["growth"]:
        growth_table(float(sys.argv[2]) if len(sys.argv) > 2 else CAP_SECONDS)
        return
    crossing_table()
    plain_boxes(10)  # warm up matplotlib's font cache
    print(f"{'elements':>8} {'ours s':>7} {'plain s':>8} {'ratio':>6} {'end-to-end s':>13}")
    for size in SIZES:
        data = synthetic_model(size)
        model = LogicModel.model_validate(data)
        mine = min(ours(model) for _ in range(3))
        plain = min(plain_boxes(size) for _ in range(3))
        total, _ = end_to_end(data)
        print(f"{size:>8} {mine:>7.2f} {plain:>8.2f} {mine / plain:>6.2f} {total:>13.2f}")
    print()
    growth_table(CAP_SECONDS)


if __name__ == "__main__":
    main()
