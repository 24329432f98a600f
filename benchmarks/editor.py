"""Print what an edit in the browser editor costs, from the click on Save to the label drawn.

For a typical (60) and a large (500) synthetic model, written as YAML in the style of
`logicmodel new` and served with `logicmodel.serving.server.Server(editing=True)` on 127.0.0.1,
it prints the figures of issue 31's table beside their targets, each a median of RUNS:

1. In headless Chromium on the editor page, the time from a click on "Save label" to the first
   frame drawn with the new label in the diagram, on the page that saved it and on a second
   page open on the same file. However the page gets there (a reload, or the new version
   swapped in place), a probe in every document watches for the new label and notes the first
   frame after it, by the browser's own clock (`performance.timeOrigin + performance.now()`,
   shared by the old document and a new one), so Playwright's round trips do not count.
2. In Python: the page the server makes after each edit (the page build per edit), the
   partners' what-ifs where the server makes them apart (asked for when a person turns to the
   partner switch), one `Editor.edit` setting a label, and the re-read after it.

Each figure is also given as a ratio to a floor measured in the same run, so a slower machine
does not hide a regression: for the browser, a request to the same server answered and a frame
drawn after it, in the same page; for the page build, one pass writing the model as JSON
(`model_dump` and `json.dumps`).

    python benchmarks/editor.py [--browser]    # --browser: the browser figures alone

Needs Debian's chromium (/usr/lib/chromium/chromium) and playwright for the browser figures;
without them those lines say "not available".
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

from logicmodel.editing.build import render_yaml  # noqa: E402
from logicmodel.fileformat.loading import load  # noqa: E402
from logicmodel.serving.page_edits import Editor, read_version  # noqa: E402
from logicmodel.serving.server import Server, load_file  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SIZES = [60, 500]
RUNS = 5  # each figure is a median of this many
SAVE_TARGET = 0.3  # click Save to the new label drawn, both sizes
ROOM_TARGET = 0.5  # another browser shows the edit, both sizes
BUILD_TARGET = 0.1  # the page build per edit at 500 elements
# Debian's package; Playwright's own download is unreachable.
CHROMIUM = "/usr/lib/chromium/chromium"
TIMEOUT_MS = 30_000  # any one wait in the browser; a wait this long is a failure, not a figure

# Run in every document before its own script. Python names what it waits for in
# sessionStorage ("lm-wanted": a token and a selector), which a reloaded document of the same
# tab reads; once the page is ready and the selector matches, the first frame after is noted
# (absolute ms, under "seen") and the document marked `html[data-lm-seen=<token>]`. A click on
# Save notes its own time stamp ("clicked"). A frame counts as drawn when a task queued from
# its animation-frame callback runs.
PROBE = """
(function () {
  var now = function () { return performance.timeOrigin + performance.now(); };
  function read(name) {
    try { return JSON.parse(sessionStorage.getItem(name) || "null"); } catch (e) { return null; }
  }
  function write(name, value) { sessionStorage.setItem(name, JSON.stringify(value)); }
  addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("button[name=save-label]")) {
      write("lm-clicked", performance.timeOrigin + event.timeStamp);
    }
  }, true);
  var noting = null;
  function look() {
    var wanted = read("lm-wanted");
    var root = document.documentElement;
    if (!wanted || noting === wanted.token || !root || root.dataset.ready !== "true") return;
    if (!document.querySelector(wanted.selector)) return;
    noting = wanted.token;
    requestAnimationFrame(function () {
      setTimeout(function () {
        write("lm-seen", now());
        root.dataset.lmSeen = wanted.token;
      }, 0);
    });
  }
  new MutationObserver(look).observe(document, {childList: true, subtree: true,
    attributes: true, attributeFilter: ["data-ready", "aria-label"]});
  window.__lmLook = look;
}());
"""
# The floor, in the page: a request to the same server answered, and the frame after it (ms).
FLOOR = """() => new Promise(done => {
  const start = performance.now();
  fetch(location.pathname + "/floor", {cache: "no-store"}).then(r => r.text()).then(() => {
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
  });
})"""


class Table:
    """Rows of figures, each with its ratio to its floor, target and verdict."""

    def __init__(self) -> None:
        print(f"{'figure':<46} {'elements':>8} {'value':>9} {'/ floor':>8} {'target':>8}  verdict")
        self.missed = 0

    def row(
        self, name: str, size: int, value: float, floor: float | None, target: float | None = None
    ) -> None:
        """Print one figure in seconds, its ratio to `floor` and its verdict against `target`."""
        ratio = f"{value / floor:.1f}x" if floor else "-"
        verdict = "" if target is None else "ok" if value < target else "MISSED"
        self.missed += verdict == "MISSED"
        shown = f"< {target:g}" if target is not None else "-"
        print(f"{name:<46} {size:>8} {value:>9.3f} {ratio:>8} {shown:>8}  {verdict}".rstrip())

    def note(self, text: str) -> None:
        """Print a line that is not a figure."""
        print(f"  {text}")


def median_of(action: Callable[[], float]) -> float:
    """Return the median of RUNS results of `action`."""
    return statistics.median(action() for _ in range(RUNS))


def write_model(folder: str, size: int) -> Path:
    """Return a new YAML file of a synthetic model, written as `logicmodel new` writes one."""
    path = Path(folder) / f"model-{size}.yaml"
    path.write_text(render_yaml(synthetic_model(size), path.name), "utf-8")
    return path


def editable(path: Path, count: int) -> list[str]:
    """Return the ids of `count` elements spread over the model, from every stage."""
    loaded = load_file(str(path))
    assert loaded.model is not None, loaded.problems
    ids = [element.id for _, element in loaded.model.elements()]
    step = max(1, len(ids) // count)
    return ids[::step][:count]


def set_label(path: Path, ident: str, label: str) -> dict[str, object]:
    """Return an edit request setting a label, for the file as it is now."""
    return {
        "op": "set",
        "args": {"ident": ident, "field": "label", "value": label},
        "version": read_version(str(path)),
    }


def timed(action: Callable[[], object]) -> float:
    """Return the seconds `action` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# ---------------------------------------------------------------- the server side


def server_figures(table: Table, folder: str, size: int) -> None:
    """Print the page build per edit (and the what-ifs, where apart), one Editor.edit and the
    re-read after it, each beside the JSON floor."""
    path = write_model(folder, size)
    ident = editable(path, 1)[0]
    model = load(path)
    floor = median_of(lambda: timed(lambda: json.dumps(model.model_dump(mode="json"))))
    builds: list[float] = []
    whatifs: list[float] = []
    # Not started: the edits and pages are asked for here, with no watcher or listener.
    server = Server([str(path)], editing=True)
    try:
        server.page_for(0)  # warm up: the first page pays for imports
        for number in range(RUNS):
            status, answer = server.make_edit(0, set_label(path, ident, f"Build {number}"))
            assert status == 200, answer
            builds.append(timed(lambda: server.page_for(0)))
            apart = getattr(server, "whatifs_for", None)
            if apart is not None:
                generation = server.files[0].generation
                whatifs.append(timed(lambda: apart(0, generation)))  # noqa: B023 - called now
    finally:
        server.shutdown()
    build = statistics.median(builds)
    table.row("page build per edit s", size, build, floor, BUILD_TARGET if size >= 500 else None)
    if whatifs:
        table.row("  partners' what-ifs, when asked for s", size, statistics.median(whatifs), floor)
    else:
        table.note("the partners' what-ifs are part of the page build (not asked for apart)")
    editor = Editor(str(path))
    edits: list[float] = []
    reads: list[float] = []
    for number in range(RUNS):
        request = set_label(path, ident, f"Server edit {number}")
        edits.append(timed(lambda: editor.edit(request)))  # noqa: B023 - called now
        reads.append(timed(lambda: load_file(str(path))))
    table.row("Editor.edit set label s", size, statistics.median(edits), floor)
    table.row("  re-read after it: load + trace s", size, statistics.median(reads), floor)
    table.note(f"floor at {size}: model as JSON {floor:.4f} s")


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
def fresh_page(browser: Browser, url: str) -> Iterator[Page]:
    """Yield a page open on url in a context of its own, probed, that reports its errors."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    context.add_init_script(PROBE)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    # The floor's request is answered 404 on purpose: the least the server can answer.
    opened.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "404" not in m.text else None,
    )
    opened.on("pageerror", lambda error: problems.append(str(error)))
    try:
        opened.goto(url)
        opened.wait_for_selector("html[data-ready=true]", state="attached")
        yield opened
    finally:
        context.close()
    if problems:
        raise RuntimeError(f"the page reported: {problems}")


def want(opened: Page, token: str, ident: str, label: str) -> None:
    """Tell the page's probe to note the first frame showing `label` on `ident`'s box."""
    selector = f'.el[data-id="{ident}"][aria-label^="{label} "]'  # then its gain or kind
    wanted = json.dumps({"token": token, "selector": selector})
    opened.evaluate("wanted => sessionStorage.setItem('lm-wanted', wanted)", wanted)


def seen(opened: Page, token: str) -> float:
    """Return when the probe saw what it was told to look for (absolute ms), once it has."""
    opened.wait_for_selector(f"html[data-lm-seen='{token}']", state="attached")
    return float(opened.evaluate("JSON.parse(sessionStorage.getItem('lm-seen'))"))


def save_label(opened: Page, ident: str, label: str) -> None:
    """Select an element, type a new label and click Save (the probe notes the click)."""
    opened.locator(f'.el[data-id="{ident}"]').click()
    opened.locator("#lm-panel input[name=label]").fill(label)
    opened.locator("#lm-panel button[name=save-label]").click()


def browser_figures(table: Table, browser: Browser, folder: str, size: int) -> None:
    """Print the time from a click on Save to the new label drawn, in the page that saved it
    and in another open on the same file, beside the floor measured in the saving page."""
    path = write_model(folder, size)
    ids = editable(path, RUNS + 1)
    own: list[float] = []
    room: list[float] = []
    with Server([str(path)], port=0, editing=True) as server:
        url = f"http://127.0.0.1:{server.port}" + server.path(0)
        with fresh_page(browser, url) as editing, fresh_page(browser, url) as watching:
            for number, ident in enumerate(ids[-1:] + ids[:RUNS]):  # the first warms up
                label = f"Edited {number} at {size}"
                token = f"t{number}"
                for opened in (editing, watching):
                    want(opened, token, ident, label)
                save_label(editing, ident, label)
                drawn_here, drawn_there = seen(editing, token), seen(watching, token)
                clicked = float(editing.evaluate("sessionStorage.getItem('lm-clicked')"))
                if number:
                    own.append((drawn_here - clicked) / 1000)
                    room.append((drawn_there - clicked) / 1000)
            floor = statistics.median(editing.evaluate(FLOOR) / 1000 for _ in range(RUNS))
    saving, other = statistics.median(own), statistics.median(room)
    table.row("click Save to the new label drawn s", size, saving, floor, SAVE_TARGET)
    table.row("another browser shows the edit s", size, other, floor, ROOM_TARGET)
    table.note(f"floor at {size}: a request to the server and a frame drawn, {floor:.4f} s")


# ---------------------------------------------------------------- all of it


def main() -> None:
    started = time.perf_counter()
    table = Table()
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES if "--browser" not in sys.argv else ():
            server_figures(table, folder, size)
        with chromium() as browser:
            if browser is None:
                table.note("browser: not available (needs playwright and Debian's chromium)")
            else:
                for size in SIZES:
                    browser_figures(table, browser, folder, size)
    table.note(f"{table.missed} missed; the whole run took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
