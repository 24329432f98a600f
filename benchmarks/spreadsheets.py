"""Print the time of `logicmodel export --format xlsx` and `logicmodel import` by model size.

Each size is a synthetic model (benchmarks/synthetic.py) written as JSON; the export writes
its workbook and the import reads that workbook back into a model file, each as a user runs
it, start-up, loading and tracing included. The last line gives the largest size's time over
the smallest's for each direction: linear work gives about the ratio of the sizes (10 for
10,000 and 100,000 elements), a step that grows with the square of the size gives far more.

    python benchmarks/spreadsheets.py [SIZE ...]      # default: 10000 100000

100,000 elements take about a minute each way on a laptop.
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

SIZES = [10_000, 100_000]
LOGICMODEL = [sys.executable, "-m", "logicmodel"]


def timed(command: list[str]) -> float:
    """Return the wall time of a command that must succeed."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or SIZES
    print(f"{'elements':>8} {'links':>7} {'workbook MB':>11} {'export s':>9} {'import s':>9}")
    times: dict[int, tuple[float, float]] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "model.json"
            data = synthetic_model(size)
            model.write_text(json.dumps(data), "utf-8")
            workbook = Path(folder) / "model.xlsx"
            back = Path(folder) / "back.json"
            exporting = timed(
                [*LOGICMODEL, "export", str(model), "--format", "xlsx", "-o", str(workbook)]
            )
            importing = timed([*LOGICMODEL, "import", str(workbook), "-o", str(back)])
            again = json.loads(back.read_text("utf-8"))
            stages = ("inputs", "activities", "outputs", "interim", "intermediate", "ultimate")
            if any(len(again.get(s, [])) != len(data.get(s, [])) for s in stages):
                sys.exit(f"{size}: the imported model does not have the exported elements")
            links = sum(
                len(e.get("leads_to", [])) + len(e.get("enhances", []))
                for s in stages
                for e in data.get(s, [])
            )
            megabytes = workbook.stat().st_size / 1e6
        times[size] = exporting, importing
        print(f"{size:>8} {links:>7} {megabytes:>11.1f} {exporting:>9.2f} {importing:>9.2f}")
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        export_ratio = times[large][0] / times[small][0]
        import_ratio = times[large][1] / times[small][1]
        print(
            f"{large}/{small} elements ({large / small:g}x): "
            f"export {export_ratio:.1f}x, import {import_ratio:.1f}x"
        )


if __name__ == "__main__":
    main()
