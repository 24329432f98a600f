"""The editor in the room: each page says how many others have the model open, and a page
reloaded by someone's save outlines what that save added or changed, keeping its own view."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from logicmodel.fileformat.loading import load, loads
from logicmodel.serving.server import Server, changed_elements

from .conftest import FIGURE1
from .test_editor import editing, open_editor, saved, select, watched_page
from .test_serve import Stream

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def test_a_save_changes_just_the_elements_it_touched() -> None:
    before = load(FIGURE1)
    text = FIGURE1.read_text("utf-8")
    after = loads(
        text.replace("Joint diagnosis of needs", "Joint diagnosis, revised"), name="after.yaml"
    )
    assert changed_elements(before, after) == ("joint-diagnosis",)
    assert changed_elements(before, before) == ()


def test_every_page_hears_how_many_have_the_file_open(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model)
    # A closed page is noticed at the next keep-alive the server writes to it: make it soon.
    with Server([str(model)], poll=0.02, keepalive=0.05) as server:
        first = Stream(server, server.path(0, events=True))
        second = Stream(server, server.path(0, events=True))
        try:
            assert first.next() == ("presence", "2")
            assert second.next() == ("presence", "2")
            second.response.close()  # the page goes away: its socket closes
            second.close()
            assert first.next() == ("presence", "1")
        finally:
            first.close()


def test_the_room_sees_who_else_is_there_and_what_the_last_save_changed(
    browser: Browser, tmp_path: Path
) -> None:
    model = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model)
    with (
        editing(model) as server,
        watched_page(browser) as mine,
        watched_page(browser) as theirs,
    ):
        open_editor(mine, server)
        open_editor(theirs, server)
        presence = "#lm-presence"
        theirs.wait_for_function(
            f"document.querySelector('{presence}').textContent.includes('1 other page')"
        )
        # The other person zooms in and selects a box; then this page saves a new label.
        theirs.keyboard.press("+")
        select(theirs, "trust")
        view = theirs.get_attribute("#lm-diagram", "viewBox")
        theirs.evaluate("document.documentElement.dataset.stale = 'true'")
        select(mine, "joint-diagnosis")
        mine.fill("#lm-panel input[name=label]", "Joint diagnosis, revised")
        saved(mine, lambda: mine.click("#lm-panel button[name=save-label]"))

        theirs.wait_for_selector("html[data-ready=true]:not([data-stale])", state="attached")
        changed = theirs.eval_on_selector_all(".el.changed", "els => els.map(e => e.dataset.id)")
        assert changed == ["joint-diagnosis"]
        assert theirs.get_attribute("#lm-diagram", "viewBox") == view  # their view kept
        assert theirs.text_content("#lm-panel h2") == "Increased trust between partners"
        theirs.wait_for_selector(".el.changed", state="detached", timeout=8000)
        mine.goto("about:blank")
        theirs.goto("about:blank")
