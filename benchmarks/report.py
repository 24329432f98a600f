"""Print what the board report costs: HTML and PDF time and size for a 60- and a 500-element model.

For each synthetic model (benchmarks/synthetic.py) it writes the model to a temporary file,
then times `read` (load, trace, advice) with the HTML report, and the PDF report (the same
with static figures, through WeasyPrint), once each: a board report is made a few times a
year, not in a loop. It prints each time, the size, and the ratio of the 500 to the 60.

    python benchmarks/report.py

Without WeasyPrint (pip install 'logicmodel[pdf]') the PDF lines say "not available".
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

from logicmodel.renderers import report as board  # noqa: E402

SIZES = (60, 500)


def timed(make: object) -> tuple[float, bytes]:
    """Return the seconds one call took, and what it made."""
    assert callable(make)
    start = time.perf_counter()
    made: bytes = make()
    return time.perf_counter() - start, made


def main() -> None:
    figures: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / f"m{size}.json"
            path.write_text(json.dumps(synthetic_model(size)), "utf-8")
            formats = ("html", "pdf") if board.pdf_available() else ("html",)
            for fmt in formats:
                seconds, made = timed(lambda f=fmt, p=path: board.make([board.read(p)], f))
                figures[fmt, size] = seconds
                print(f"{fmt:4} {size:4} elements: {seconds:7.2f} s, {len(made) / 1e6:6.2f} MB")
            if "pdf" not in formats:
                print(f"pdf  {size:4} elements: not available (pip install 'logicmodel[pdf]')")
    for fmt in ("html", "pdf"):
        if (fmt, 60) in figures:
            ratio = figures[fmt, 500] / figures[fmt, 60]
            print(f"{fmt}: 500 elements take {ratio:.1f} times as long as 60")


if __name__ == "__main__":
    main()
