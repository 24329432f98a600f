"""Take the screenshot the README shows: the interactive page of samples/figure1.yaml, traced.

Needs Debian's chromium and Playwright (the test extra):

    python scripts/readme_page.py [docs/page.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers.html import page
from logicmodel.renderers.options import HtmlOptions

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "figure1.yaml"
PICTURE = ROOT / "docs" / "page.png"
CHROMIUM = "/usr/lib/chromium/chromium"


def make_screenshot(target: Path = PICTURE, outcome: str = "improved-services") -> Path:
    """Open the sample's page, click an outcome, and save a screenshot into target."""
    from playwright.sync_api import sync_playwright

    model = load(SAMPLE)
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / "page.html"
        written.write_text(page(model, trace(model), HtmlOptions()), "utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            opened = browser.new_page(viewport={"width": 1600, "height": 860})
            opened.goto(written.as_uri())
            opened.wait_for_selector("html[data-ready=true]")
            opened.click(f'.el[data-id="{outcome}"]')
            opened.screenshot(path=str(target))
            browser.close()
    return target


if __name__ == "__main__":
    print(make_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else PICTURE))
