"""The browser editor's outcome form sets the national outcomes an outcome serves (Chromium)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from logicmodel.fileformat.loading import load

from .test_editor import editing, open_editor, saved, select, watched_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SAMPLE = Path(__file__).parent.parent / "samples" / "west-lothian-safer-neighbourhoods.yaml"


def test_the_outcome_form_shows_and_saves_the_national_outcomes_served(
    browser: Browser, tmp_path: Path
) -> None:
    path = tmp_path / "model.yaml"
    shutil.copy(SAMPLE, path)
    field = "#lm-panel input[name=contributes_to]"
    with editing(path) as server, watched_page(browser) as page:
        page.set_viewport_size({"width": 1920, "height": 1080})
        open_editor(page, server)
        select(page, "confident-communities")
        assert page.input_value(field) == "safe-from-crime, strong-communities"
        page.fill(field, "safe-from-crime, sustainable-places")
        saved(page, lambda: page.click("#lm-panel button[name=save-contributes-to]"))
    assert load(path).ultimate[0].contributes_to == ["safe-from-crime", "sustainable-places"]
    # Comments by the mapping stay where they were.
    assert "# National outcomes 9 and 11, inferred" in path.read_text("utf-8")
