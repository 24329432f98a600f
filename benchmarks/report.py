"""Print what the board report costs, beside a floor measured in the same run, and targets.

For the MCMC sample and synthetic models of 60 and 500 elements (benchmarks/synthetic.py) it
times, median of RUNS runs, `read` (load, trace, advice) with the report, as HTML and as PDF.
The floor for a PDF is WeasyPrint laying out a plain HTML page of the same size: the report's
own text in paragraphs, with no figure or table. Each PDF time is printed as a ratio to its
floor, so a slower or busier machine does not hide a regression, and the sample's beside the
issue's target.

    python benchmarks/report.py [--runs N]

Without WeasyPrint (pip install 'logicmodel[pdf]') the PDF lines say "not available".
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

from logicmodel.renderers import report as board  # noqa: E402

RUNS = 5
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "inverclyde-mcmc.yaml"
TARGET_PDF_SECONDS = 4.0  # the board report of the MCMC sample, as PDF
SIZES = (60, 500)


class TextOnly(HTMLParser):
    """Collects the text a page shows, leaving out its style block."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.hidden += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words += data.split()


def plain_page(html: str) -> str:
    """Return a plain page with the same words as a report: paragraphs of 60 words, no style."""
    parser = TextOnly()
    parser.feed(html)
    words = parser.words
    paragraphs = "".join(
        f"<p>{escape(' '.join(words[i : i + 60]))}</p>" for i in range(0, len(words), 60)
    )
    head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>'
    return f"{head}<body>{paragraphs}</body></html>"


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Return the median time of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def verdict(ok: bool) -> str:
    """Return how a figure compares with its target."""
    return "ok" if ok else "MISSED"


def model_rows(name: str, path: Path, runs: int, target: float | None) -> None:
    """Print the HTML and PDF figures for one model file."""
    html_s = median_seconds(lambda: board.make([board.read(path)], "html"), runs)
    html = board.make([board.read(path)], "html").decode("utf-8")
    print(f"{name:22} html {html_s:7.2f} s {len(html) / 1e6:6.2f} MB")
    if not board.pdf_available():
        print(f"{name:22} pdf  not available (pip install 'logicmodel[pdf]')")
        return
    plain = plain_page(html)
    floor_s = median_seconds(lambda: board.report_pdf(plain), runs)
    pdf_s = median_seconds(lambda: board.make([board.read(path)], "pdf"), runs)
    size = len(board.make([board.read(path)], "pdf")) / 1e6
    aim = ""
    if target is not None:
        aim = f"  target < {target:.0f} s: {verdict(pdf_s < target)}"
    print(
        f"{name:22} pdf  {pdf_s:7.2f} s {size:6.2f} MB  {pdf_s / floor_s:5.1f}x floor "
        f"(WeasyPrint, plain page of the same words: {floor_s:.2f} s){aim}"
    )


def main() -> None:
    arguments = sys.argv[1:]
    runs = int(arguments[arguments.index("--runs") + 1]) if "--runs" in arguments else RUNS
    print(f"medians of {runs} runs; ratios are to the floor measured in this run")
    model_rows("inverclyde-mcmc sample", SAMPLE, runs, TARGET_PDF_SECONDS)
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / f"m{size}.json"
            path.write_text(json.dumps(synthetic_model(size)), "utf-8")
            model_rows(f"synthetic {size}", path, runs, None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
