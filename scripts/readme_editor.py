"""Take the screenshot the README shows of the browser editor: samples/figure1.yaml, editing.

Needs Debian's chromium and Playwright (the test extra):

    python scripts/readme_editor.py [docs/editor.png]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from logicmodel.serving.server import Server

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "figure1.yaml"
PICTURE = ROOT / "docs" / "editor.png"
CHROMIUM = "/usr/lib/chromium/chromium"


def make_screenshot(target: Path = PICTURE, element: str = "trust") -> Path:
    """Open the sample in the editor, select an element, and save a screenshot into target."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "figure1.yaml"
        shutil.copy(SAMPLE, copy)
        with Server([str(copy)], editing=True) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            opened = browser.new_page(viewport={"width": 1600, "height": 860})
            opened.goto(f"http://127.0.0.1:{server.port}{server.path(0)}")
            opened.wait_for_selector("html[data-ready=true]")
            opened.click(f'.el[data-id="{element}"]')
            opened.locator("#lm-panel form.edit").scroll_into_view_if_needed()
            opened.screenshot(path=str(target))
            browser.close()
    return target


if __name__ == "__main__":
    print(make_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else PICTURE))
