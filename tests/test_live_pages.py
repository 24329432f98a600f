"""Live pages swap a saved file in place: the page another person sees after an edit is the page
a reload would give them, with their zoom, selection, partner and what-if kept, and the
partners' what-ifs are asked for only when wanted."""

from __future__ import annotations

import http.client
import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers.html import page_data

from .conftest import FIGURE1
from .test_editor import editing, open_editor, page_url, saved, select, watched_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from logicmodel.serving.server import Server


def get_json(server: Server, path: str) -> tuple[int, Any]:
    """Return the status and JSON answer of a GET to the server."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def served_data(server: Server) -> dict[str, Any]:
    """Return the JSON a served page was written with."""
    text = server.page_for(0)
    found = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', text, re.S)
    assert found
    return dict(json.loads(found.group(1)))


def test_a_served_page_asks_for_the_partners_what_ifs_and_gets_the_cli_s(tmp_path: Path) -> None:
    model_path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model_path)
    with editing(model_path) as server:
        data = served_data(server)
        assert data["whatif"] is None and data["whatif_stops"] is None  # not built with the page
        live = data["live"]
        status, answer = get_json(server, f"{live['whatifs']}?generation={live['generation']}")
        assert status == 200
        model = load(model_path)
        full = page_data(model, trace(model), "classic", None)
        assert answer["whatif"] == full["whatif"]
        assert answer["whatif_stops"] == full["whatif_stops"]
        # A page showing another version is refused, and redraws when it hears of the new one.
        stale, refused = get_json(server, f"{live['whatifs']}?generation={live['generation'] + 1}")
        assert stale == 409 and "changed" in refused["error"]


def test_the_update_is_the_page_s_own_parts(tmp_path: Path) -> None:
    model_path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model_path)
    with editing(model_path) as server:
        data = served_data(server)
        status, answer = get_json(server, data["live"]["update"])
        assert status == 200
        assert answer["generation"] == data["live"]["generation"]
        assert answer["data"] == data
        assert answer["diagram"] in server.page_for(0)
        assert answer["text"] in server.page_for(0)


# ---------------------------------------------------------------- in Chromium

# The page's state as a person sees it: the diagram's markup with each node's classes sorted
# (the brief outline of what the last save changed left out: it fades on a timer), the
# colours drawn, the panel's text, the header, the partner switch and the model as text.
SNAPSHOT = """() => {
  const svg = document.getElementById("lm-diagram").cloneNode(true);
  for (const node of [svg, ...svg.querySelectorAll("[class]")]) {
    const names = node.getAttribute("class").split(/\\s+/).filter(n => n && n !== "changed");
    node.setAttribute("class", names.sort().join(" "));
  }
  const live = document.getElementById("lm-diagram");
  const fills = [...live.querySelectorAll(".el .body")].map(n => getComputedStyle(n).fill);
  return {
    svg: svg.outerHTML, fills: fills,
    panel: document.getElementById("lm-panel").innerText,
    heading: document.querySelector(".bar .heading").innerText,
    partners: [...document.querySelectorAll("#lm-partner option")].map(o => o.value + o.text),
    partner: document.getElementById("lm-partner").value,
    leave: document.getElementById("lm-leave").checked,
    text: document.getElementById("lm-text").innerHTML,
    title: document.title,
  };
}"""


def snapshot(page: Page) -> dict[str, Any]:
    return dict(page.evaluate(SNAPSHOT))


def reloaded(page: Page) -> None:
    """Reload the page as the old live reload did, keeping its state; return once drawn."""
    page.evaluate("window.logicmodelPage.remember(); location.reload()")
    page.wait_for_selector("html[data-ready=true]", state="attached")


def generation(page: Page) -> int:
    return int(page.evaluate("window.logicmodelPage.data.live.generation"))


@pytest.mark.browser
def test_another_page_s_edit_is_drawn_in_place_as_a_reload_would_draw_it(
    browser: Browser, tmp_path: Path
) -> None:
    model = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model)
    with editing(model) as server, watched_page(browser) as mine, watched_page(browser) as theirs:
        open_editor(mine, server)
        open_editor(theirs, server)
        # They zoom in, pick a partner, ask what if it left, and select an outcome.
        theirs.keyboard.press("+")
        theirs.select_option("#lm-partner", "partner-b")
        theirs.check("#lm-leave")
        theirs.wait_for_selector(".el.as-red, .el.as-unsupported, .el.gone", state="attached")
        select(theirs, "trust")
        view = theirs.get_attribute("#lm-diagram", "viewBox")
        theirs.evaluate("window.noNavigation = true")
        first = generation(theirs)

        select(mine, "joint-diagnosis")
        mine.fill("#lm-panel input[name=label]", "Joint diagnosis, revised")
        saved(mine, lambda: mine.click("#lm-panel button[name=save-label]"))
        theirs.wait_for_function(f"window.logicmodelPage.data.live.generation > {first}")
        theirs.wait_for_selector(
            '.el[data-id="joint-diagnosis"][aria-label^="Joint diagnosis, revised ("]',
            state="attached",
        )
        assert theirs.evaluate("window.noNavigation === true")  # drawn in place
        assert theirs.get_attribute("#lm-diagram", "viewBox") == view  # their zoom kept
        assert theirs.get_attribute(".el.selected", "data-id") == "trust"  # and selection
        assert theirs.text_content("#lm-panel h2") == "Increased trust between partners"
        in_place = snapshot(theirs)
        assert in_place["partner"] == "partner-b" and in_place["leave"]

        reloaded(theirs)
        assert snapshot(theirs) == in_place
        mine.goto("about:blank")
        theirs.goto("about:blank")


@pytest.mark.browser
def test_the_saving_page_draws_its_own_edit_in_place_as_a_reload_would(
    browser: Browser, tmp_path: Path
) -> None:
    model = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model)
    with editing(model) as server, watched_page(browser) as mine:
        open_editor(mine, server)
        mine.keyboard.press("+")
        select(mine, "joint-diagnosis")
        view = mine.get_attribute("#lm-diagram", "viewBox")
        mine.evaluate("window.noNavigation = true")
        mine.fill("#lm-panel input[name=label]", "Joint diagnosis, revised")
        saved(mine, lambda: mine.click("#lm-panel button[name=save-label]"))
        mine.wait_for_selector(
            '.el[data-id="joint-diagnosis"][aria-label^="Joint diagnosis, revised ("]',
            state="attached",
        )
        assert mine.evaluate("window.noNavigation === true")
        assert mine.get_attribute("#lm-diagram", "viewBox") == view
        assert mine.input_value("#lm-panel input[name=label]") == "Joint diagnosis, revised"
        assert not mine.is_disabled("#lm-undo")  # the editor reads the new version's facts
        in_place = snapshot(mine)
        reloaded(mine)
        assert snapshot(mine) == in_place
        mine.goto("about:blank")


@pytest.mark.browser
def test_a_broken_save_shows_its_errors_over_the_last_good_drawing(
    browser: Browser, tmp_path: Path
) -> None:
    model = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model)
    good = model.read_text("utf-8")
    with editing(model) as server, watched_page(browser) as page:
        page.set_default_timeout(10_000)
        page.goto(page_url(server))
        page.wait_for_selector("html[data-ready=true]")
        select(page, "trust")
        page.evaluate("window.noNavigation = true")
        drawn = page.inner_html("#lm-diagram")

        model.write_text(good.replace("leads_to: [a-services]", "leads_to: [nowhere]"), "utf-8")
        banner = page.locator("#lm-problems")
        banner.wait_for(state="visible")
        assert re.search(rf"{re.escape(model.name)}:\d+:\d+: .*nowhere", banner.inner_text())
        assert page.inner_html("#lm-diagram") == drawn  # the last good drawing stays

        model.write_text(good.replace("Joint diagnosis of needs", "Zanzibar"), "utf-8")
        page.wait_for_selector('.el[data-id="joint-diagnosis"][aria-label^="Zanzibar ("]')
        assert banner.is_hidden()
        assert page.evaluate("window.noNavigation === true")
        assert page.get_attribute(".el.selected", "data-id") == "trust"
        page.goto("about:blank")
