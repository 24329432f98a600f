"""Presenter mode on a projector (1920x1080): every step shows its boxes whole on the screen with
text a room reads and none larger than it needs; the keys a clicker sends step, go back and
blank the screen; Fit shows everything revealed so far; a click shows one trace alone. And the
page's projector theme: box text and links big enough for the back of a room, Fit filling the
screen. Measured in Chromium with getBoundingClientRect."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers.html import page as render_page
from logicmodel.renderers.options import HtmlOptions

from .conftest import FIGURE1, SAMPLES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

SCREEN: ViewportSize = {"width": 1920, "height": 1080}
ALL_IDS = "els => els.map(e => e.dataset.id || e.id)"
STAGE_SHOWN = "getComputedStyle(document.getElementById('lm-stage')).visibility"
SMALLEST_LINE, LARGEST_LINE = 16, 60  # a line of box text on screen, in pixels

# Every box shown (not hidden by the step), its rectangle, and the height of each line of its
# text as the screen draws it.
SHOWN_BOXES = """() => [...document.querySelectorAll('#lm-diagram .el')]
  .filter(box => getComputedStyle(box).visibility !== 'hidden')
  .map(box => {
    const r = box.getBoundingClientRect();
    const lines = [...box.querySelectorAll('tspan')]
      .map(line => line.getBoundingClientRect().height).filter(h => h > 0);
    return {id: box.dataset.id || box.id, rect: [r.left, r.top, r.right, r.bottom], lines};
  })"""


@pytest.fixture
def screen(browser: Browser) -> Iterator[Page]:
    """Yield a 1920x1080 page that fails the test on any console error."""
    context = browser.new_context(viewport=SCREEN)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    yield opened
    context.close()
    assert not problems, f"the page reported: {problems}"


def open_model(screen: Page, tmp_path: Path, sample: Path, theme: str = "classic") -> Page:
    """Open a sample's interactive page, drawn in a theme, and wait until it is ready."""
    model = load(sample)
    target = tmp_path / f"{sample.stem}-{theme}.html"
    target.write_text(render_page(model, trace(model), HtmlOptions(theme=theme)), "utf-8")
    screen.goto(target.as_uri())
    screen.wait_for_selector("html[data-ready=true]")
    return screen


def step_count(screen: Page) -> tuple[int, int]:
    """Return the step shown and how many there are, from the step's label."""
    found = re.match(r"(\d+) / (\d+)", screen.text_content("#lm-step") or "")
    assert found, screen.text_content("#lm-step")
    return int(found[1]), int(found[2])


def problems_with(boxes: list[dict[str, Any]]) -> list[str]:
    """Return what is wrong with the boxes shown: any outside the screen, any line of text
    smaller or larger than a room needs."""
    found = []
    for box in boxes:
        left, top, right, bottom = box["rect"]
        if left < 0 or top < 0 or right > SCREEN["width"] or bottom > SCREEN["height"]:
            found.append(f"{box['id']} is cropped: {[round(v) for v in box['rect']]}")
        for line in box["lines"]:
            if not SMALLEST_LINE <= line <= LARGEST_LINE:
                found.append(f"{box['id']} has a line of text {line:.1f} px tall")
    return found


# Every sample as `render --view html` writes it, and Figure 1 drawn for the projector.
PAGES = [(sample, "classic") for sample in SAMPLES] + [(FIGURE1, "projector")]


@pytest.mark.browser
@pytest.mark.parametrize(("sample", "theme"), PAGES, ids=lambda p: getattr(p, "stem", p))
def test_every_step_shows_its_boxes_whole_and_readable(
    screen: Page, tmp_path: Path, sample: Path, theme: str
) -> None:
    open_model(screen, tmp_path, sample, theme)
    screen.keyboard.press("p")
    seen: set[str] = set()
    step, steps = step_count(screen)
    assert step == 1
    while True:
        boxes = screen.evaluate(SHOWN_BOXES)
        assert boxes, f"step {step} shows nothing"
        assert not problems_with(boxes), (step, problems_with(boxes))
        seen |= {box["id"] for box in boxes}
        if step == steps:
            break
        screen.keyboard.press("ArrowRight")
        assert step_count(screen) == (step + 1, steps)
        step += 1
    drawn = screen.eval_on_selector_all("#lm-diagram .el", ALL_IDS)
    assert seen == set(drawn), "some box was never shown"


@pytest.mark.browser
def test_the_keys_a_clicker_sends_step_back_and_blank(screen: Page, tmp_path: Path) -> None:
    open_model(screen, tmp_path, FIGURE1)
    screen.click("#lm-present")
    assert step_count(screen)[0] == 1
    keys = [("PageDown", 2), (" ", 3), ("ArrowRight", 4), ("PageUp", 3), ("ArrowLeft", 2)]
    for key, expected in keys:
        screen.keyboard.press(key)
        assert step_count(screen)[0] == expected, key
    screen.keyboard.press("b")
    assert screen.evaluate(STAGE_SHOWN) == "hidden"
    screen.keyboard.press("b")
    assert screen.evaluate(STAGE_SHOWN) == "visible"
    assert step_count(screen)[0] == 2, "blanking moved the talk on"
    screen.keyboard.press("Escape")
    assert screen.locator("html.presenting").count() == 0
    assert screen.locator(".hidden-step").count() == 0


@pytest.mark.browser
def test_fit_while_presenting_shows_everything_revealed_so_far(
    screen: Page, tmp_path: Path
) -> None:
    open_model(screen, tmp_path, FIGURE1)
    screen.keyboard.press("p")
    _, steps = step_count(screen)
    for _ in range(steps - 1):
        screen.keyboard.press("ArrowRight")
    screen.keyboard.press("0")
    boxes = screen.evaluate(SHOWN_BOXES)
    drawn = screen.eval_on_selector_all("#lm-diagram .el", ALL_IDS)
    assert {box["id"] for box in boxes} == set(drawn)
    assert not [p for p in problems_with(boxes) if "cropped" in p]
    screen.keyboard.press("ArrowLeft")  # and the talk goes on from the step it was at
    assert step_count(screen) == (steps - 1, steps)


@pytest.mark.browser
def test_clicking_an_outcome_while_presenting_shows_its_trace_alone(
    screen: Page, tmp_path: Path
) -> None:
    model = load(FIGURE1)
    open_model(screen, tmp_path, FIGURE1)
    screen.keyboard.press("p")
    trust = screen.locator('.el[data-id="trust"]')
    while trust.evaluate("box => getComputedStyle(box).visibility") == "hidden":
        screen.keyboard.press("ArrowRight")
    step, steps = step_count(screen)
    screen.click('.el[data-id="trust"]')
    boxes = screen.evaluate(SHOWN_BOXES)
    lit = set(screen.eval_on_selector_all(".el.lit", "els => els.map(e => e.dataset.id)"))
    assert {box["id"] for box in boxes} == lit
    assert "trust" in lit and len(lit) < len(list(model.elements()))
    assert not problems_with(boxes)
    screen.keyboard.press("ArrowRight")  # the clicker goes back to the step
    assert step_count(screen) == (step, steps)
    assert screen.locator(".el.lit").count() == 0


@pytest.mark.browser
def test_the_projector_theme_reads_from_the_back_and_fills_the_screen(
    screen: Page, tmp_path: Path
) -> None:
    open_model(screen, tmp_path, FIGURE1, theme="projector")
    screen.click("#lm-fit")
    sizes = screen.evaluate(
        """() => {
          const stage = document.getElementById('lm-stage').getBoundingClientRect();
          const boxes = [...document.querySelectorAll('#lm-diagram .el')]
            .map(b => b.getBoundingClientRect());
          const lines = [...document.querySelectorAll('#lm-diagram .el tspan')]
            .map(t => t.getBoundingClientRect().height);
          const links = [...document.querySelectorAll('#lm-diagram [id^="ln-"] path')]
            .map(p => parseFloat(getComputedStyle(p).strokeWidth) * p.getScreenCTM().a);
          return {
            stage: [stage.left, stage.top, stage.right, stage.bottom],
            left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)),
            top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom)),
            line: Math.min(...lines), link: Math.min(...links)};
        }"""
    )
    assert sizes["line"] >= 18
    assert sizes["link"] >= 2.5
    left, top, right, bottom = sizes["stage"]
    assert right - left == SCREEN["width"], "the panel takes the screen's width"
    # The boxes span the screen: no quarter of it left empty.
    assert sizes["right"] - sizes["left"] >= 0.9 * (right - left)
    assert sizes["left"] >= left and sizes["right"] <= right and sizes["bottom"] <= bottom
