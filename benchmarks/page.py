"""Print what the interactive html page costs: its size, its build, its load, and live reload.

For a typical (60) and a large (500) synthetic model it prints the page's size beside the
Figure 1 SVG of the same model, the time Python takes to trace the model and write the page
(median of 5), and, in headless Chromium, the time from navigation to the page's script
having finished (`html[data-ready=true]`) and to the first frame drawn after that, and from a
click on an outcome to the first frame drawn with the panel filled in (medians of 5). The
load is also given as a ratio to a floor measured in the same run: Chromium loading a static
SVG file of the same size (the page's own drawing, padded), to its load event.
Browser times are taken inside the page with `performance.now()` (from navigation start, or
from the click's own time stamp), so Playwright's round trips do not count. Last, with
`logicmodel.serving.server.Server` on 127.0.0.1, it saves a changed label into a small model ten
times and times each, in Python, from the save to the new label shown by the reloaded page.
Each figure is printed with its target, if it has one, and "ok" or "MISSED".

    python benchmarks/page.py

Needs Debian's chromium (/usr/lib/chromium/chromium) and playwright for the browser figures;
without them those lines say "not available".
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

from logicmodel.analysis.tracing import trace  # noqa: E402
from logicmodel.models import LogicModel  # noqa: E402
from logicmodel.renderers import figure1  # noqa: E402
from logicmodel.renderers.html import page  # noqa: E402
from logicmodel.renderers.options import HtmlOptions  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SIZES = [60, 500]
RUNS = 5  # page builds, page loads and clicks, each a median of this many
SAVES = 10  # live reloads timed
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "figure1.yaml"
# Debian's package; Playwright's own download is unreachable.
CHROMIUM = "/usr/lib/chromium/chromium"
TIMEOUT_MS = 20_000  # any one wait in the browser; a wait this long is a failure, not a figure

# Run in every document before its own script: note when the page's script declares itself
# ready and when the first frame after that is drawn, and for each click the time from the
# click's time stamp to the first frame drawn after its handlers ran. A frame counts as drawn
# when a task queued from its animation-frame callback runs.
PROBE = """
window.__lmBench = {ready: null, painted: null, clicked: null};
new MutationObserver(function (_, observer) {
  if (document.documentElement.dataset.ready !== "true") return;
  observer.disconnect();
  window.__lmBench.ready = performance.now();
  requestAnimationFrame(function () {
    setTimeout(function () { window.__lmBench.painted = performance.now(); }, 0);
  });
}).observe(document, {attributes: true, attributeFilter: ["data-ready"], subtree: true});
addEventListener("click", function (event) {
  window.__lmBench.clicked = null;
  requestAnimationFrame(function () {
    setTimeout(function () { window.__lmBench.clicked = performance.now() - event.timeStamp; }, 0);
  });
}, true);
"""


class Table:
    """Rows of figures, each with its target and verdict, printed as they come."""

    def __init__(self) -> None:
        print(f"{'figure':<40} {'elements':>8} {'value':>12} {'target':>10}  verdict")
        self.missed = 0

    def row(
        self, name: str, size: int | str, value: str, target: str = "", ok: bool | None = None
    ) -> None:
        """Print one figure; `ok` is None for a figure without a target."""
        verdict = "" if ok is None else "ok" if ok else "MISSED"
        self.missed += ok is False
        print(f"{name:<40} {size!s:>8} {value:>12} {target or '-':>10}  {verdict}".rstrip())

    def note(self, text: str) -> None:
        """Print a line that is not a figure."""
        print(f"{'':<2}{text}")


def figure1_svg_bytes(model: LogicModel) -> int:
    """Return the size of the Figure 1 SVG alone, as `logicmodel render --format svg` saves it."""
    figure = figure1.render(model, trace(model), "classic")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg")
    return len(buffer.getvalue())


def build_seconds(model: LogicModel) -> float:
    """Return the seconds to trace a model and write its page."""
    start = time.perf_counter()
    page(model, trace(model), HtmlOptions(theme="classic"))
    return time.perf_counter() - start


# ---------------------------------------------------------------- the browser


@contextmanager
def chromium() -> Iterator[Browser | None]:
    """Yield one headless Chromium, or None when there is no playwright or no chromium."""
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        yield None
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def fresh_page(browser: Browser) -> Iterator[Page]:
    """Yield a page in a context of its own, probed, that reports the page's own errors."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    context.add_init_script(PROBE)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    try:
        yield opened
    finally:
        context.close()
    if problems:
        raise RuntimeError(f"the page reported: {problems}")


def probe(opened: Page, name: str) -> float:
    """Return a time the probe noted, in seconds, once it has noted it."""
    opened.wait_for_function(f"window.__lmBench.{name} !== null")
    value: float = opened.evaluate(f"window.__lmBench.{name}")
    return value / 1000


def load_seconds(browser: Browser, url: str) -> tuple[float, float]:
    """Return the seconds from navigation to the page's ready flag, and to its next frame."""
    with fresh_page(browser) as opened:
        opened.goto(url)
        opened.wait_for_selector("html[data-ready=true]", state="attached")
        return probe(opened, "ready"), probe(opened, "painted")


def floor_seconds(browser: Browser, url: str) -> float:
    """Return the seconds from navigation to the first frame after the load event of a static
    SVG file: the floor a page of the same size is compared with."""
    with fresh_page(browser) as opened:
        opened.goto(url, wait_until="load")
        entry = "performance.getEntriesByType('navigation')[0]"
        loaded = float(opened.evaluate(f"{entry}.loadEventEnd"))
        return loaded / 1000


def static_svg(model: LogicModel, size: int, folder: str) -> str:
    """Return the address of a static SVG file of `size` bytes: the page's own Figure 1 drawing,
    padded with a comment to the page's size."""
    from logicmodel.renderers.html import figure1_svg
    from logicmodel.renderers.themes import get_theme

    drawing = figure1_svg(model, trace(model), get_theme("classic"), interactive=False)
    padding = max(0, size - len(drawing.encode()) - len("<!---->"))
    path = Path(folder) / "floor.svg"
    path.write_text(drawing.replace("</svg>", f"<!--{' ' * padding}--></svg>"), "utf-8")
    return path.as_uri()


# Each outcome box the page marks (.outcome-el, id el-N), as [N, its label], in file order.
OUTCOME_BOXES = """(() => {
  const elements = JSON.parse(document.getElementById("lm-data").textContent).elements;
  return Array.from(document.querySelectorAll("#lm-diagram .outcome-el"), box => {
    const number = Number(box.id.slice(3));
    return [number, elements[number].label];
  }).sort((a, b) => a[0] - b[0]);
})()"""


def click_seconds(browser: Browser, url: str) -> list[float]:
    """Return, for each of the last outcomes, the seconds from its click to the panel drawn.

    The last outcomes are the ultimate ones, whose traces reach furthest.
    """
    times = []
    with fresh_page(browser) as opened:
        opened.goto(url)
        opened.wait_for_selector("html[data-ready=true]", state="attached")
        # The boxes the page itself marks as outcomes, not a field of its data: a field can be
        # renamed (the data's "class" became "trace_class") and leave nothing to click.
        outcomes: list[list[Any]] = opened.evaluate(OUTCOME_BOXES)
        if len(outcomes) < RUNS:
            raise RuntimeError(f"the page marks {len(outcomes)} outcome boxes, fewer than {RUNS}")
        panel = opened.locator("#lm-panel")
        for number, label in outcomes[-RUNS:]:
            opened.locator(f"#el-{number}.outcome-el").click()
            panel.get_by_role("heading", name=label, exact=True).wait_for()
            times.append(probe(opened, "clicked"))
    return times


def browser_figures(table: Table, browser: Browser, models: dict[int, LogicModel]) -> None:
    """Print the load and click times of each model's page, written to a file and opened."""
    with tempfile.TemporaryDirectory() as folder:
        for size, model in models.items():
            path = Path(folder) / f"model-{size}.html"
            path.write_text(page(model, trace(model), HtmlOptions(theme="classic")), "utf-8")
            url = path.as_uri()
            load_seconds(browser, url)  # warm up: the first page of a browser costs more
            loads = [load_seconds(browser, url) for _ in range(RUNS)]
            ready = statistics.median(ready for ready, _ in loads)
            painted = statistics.median(painted for _, painted in loads)
            floor_url = static_svg(model, path.stat().st_size, folder)
            floor_seconds(browser, floor_url)  # warm up
            floor = statistics.median(floor_seconds(browser, floor_url) for _ in range(RUNS))
            table.row("  floor: static SVG of the same size s", size, f"{floor:.3f}")
            table.row("  first frame / floor", size, f"{painted / floor:.1f}x")
            if size < 500:
                table.row("navigation to ready s", size, f"{ready:.3f}")
                table.row("navigation to first frame s", size, f"{painted:.3f}")
            else:
                table.row("navigation to ready s", size, f"{ready:.3f}", "< 1", ready < 1)
                table.row("navigation to first frame s", size, f"{painted:.3f}", "< 1", painted < 1)
                clicks = click_seconds(browser, url)
                table.row(
                    "outcome click to panel drawn s", size, f"{statistics.median(clicks):.3f}"
                )


# ---------------------------------------------------------------- live reload


# What the reloaded page knows of its own load: when its navigation began (ms since the epoch),
# and when its response ended, its script was ready and its first frame was drawn (ms since
# that beginning).
RELOAD_TIMES = """(() => {
  const entry = performance.getEntriesByType("navigation")[0];
  const bench = window.__lmBench;
  return [performance.timeOrigin, entry.responseEnd, bench.ready, bench.painted];
})()"""
RELOAD_PARTS = ("reload asked", "page served", "its script", "first frame", "Playwright")


def serve_figures(table: Table, browser: Browser | None) -> None:
    """Print the time from saving a changed label to the reloaded page showing it.

    A note splits the time into RELOAD_PARTS: from the save to the reload asked for (the
    watcher's poll, reading and tracing the file, the event), the page served (it is made on
    the first request after a save), the page's own script, its first frame, and Playwright
    seeing the label. The first part compares Python's clock with the browser's.
    """
    try:
        from logicmodel.serving.server import Server
    except ImportError as error:
        table.note(f"serve: not available ({error})")
        return
    if browser is None:
        table.note("serve: not available (no browser)")
        return
    original = SAMPLE.read_text("utf-8")
    old_label = "Partner A's own staff and budget"
    if original.count(old_label) != 1:
        table.note(f"serve: not available ({SAMPLE.name} no longer has the label it changes)")
        return
    times: list[float] = []
    parts: list[list[float]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.yaml"
        path.write_text(original, "utf-8")
        with Server([str(path)], port=0) as server, fresh_page(browser) as opened:
            opened.goto(f"http://127.0.0.1:{server.port}{server.path(0)}")
            opened.wait_for_selector("html[data-ready=true]", state="attached")
            for number in range(1, SAVES + 1):
                label = f"Saved version {number}"
                draft = Path(folder) / "model.yaml.tmp"
                draft.write_text(original.replace(old_label, label), "utf-8")
                shown = opened.locator("#lm-diagram text", has_text=label)
                saved_at, start = time.time(), time.perf_counter()
                os.replace(draft, path)  # as editors save: a new file renamed over the old
                shown.wait_for(state="visible")
                times.append(time.perf_counter() - start)
                probe(opened, "painted")
                origin, served, ready, painted = (t / 1000 for t in opened.evaluate(RELOAD_TIMES))
                if origin < saved_at:  # drawn in place (live.js): no reload to split
                    continue
                asked = origin - saved_at
                seen = times[-1] - asked - painted
                parts.append([asked, served, ready - served, painted - ready, seen])
    middle = statistics.median(times)
    table.row(
        "save to new label shown s (median)", "figure1", f"{middle:.3f}", "< 0.5", middle < 0.5
    )
    table.row("save to new label shown s (max)", "figure1", f"{max(times):.3f}")
    if not parts:
        table.note("each save was drawn in place, without a reload")
        return
    split = ", ".join(
        f"{name} {statistics.median(run[k] for run in parts):.3f}"
        for k, name in enumerate(RELOAD_PARTS)
    )
    table.note(f"each save, median s: {split}")


# ---------------------------------------------------------------- all of it


def main() -> None:
    started = time.perf_counter()
    models = {size: LogicModel.model_validate(synthetic_model(size)) for size in SIZES}
    build_seconds(models[SIZES[0]])  # warm up: the first page pays for matplotlib's imports
    table = Table()
    for size, model in models.items():
        text = page(model, trace(model), HtmlOptions(theme="classic"))
        kilobytes = len(text.encode()) / 1024
        if size <= 60:
            table.row("page size KB", size, f"{kilobytes:.0f}", "< 300", kilobytes < 300)
        else:
            table.row("page size KB", size, f"{kilobytes:.0f}")
        svg = figure1_svg_bytes(model) / 1024
        table.row("  Figure 1 SVG alone KB", size, f"{svg:.0f}")
        table.row("  page / SVG", size, f"{kilobytes / svg:.2f}x")
    for size, model in models.items():
        built = statistics.median(build_seconds(model) for _ in range(RUNS))
        table.row("trace + page build s (median)", size, f"{built:.3f}")
    with chromium() as browser:
        if browser is None:
            table.note("browser: not available (needs playwright and Debian's chromium)")
        else:
            table.note("browser times: performance.now() in the page, a new tab for each load")
            browser_figures(table, browser, models)
        try:
            serve_figures(table, browser)
        except Exception as error:  # noqa: BLE001 - a server that does not work yet is a finding
            table.note(f"serve: not available ({error!r})")
    table.note(f"{table.missed} missed; the whole run took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
