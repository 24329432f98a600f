"""Accessibility: axe-core's WCAG 2.2 A and AA rules over every page a person reads, after the
interactions they make, in every theme.

axe-core is the npm package under tests/axe (installed by .ci/run), injected into Debian's
Chromium. The pages and states covered are listed in `STATES` and in the editor, index and
report tests below; what an automated audit cannot judge is listed in docs/accessibility.md.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.renderers.outline import element_lines
from logicmodel.renderers.themes import THEMES
from logicmodel.serving.server import Server

from .conftest import FIGURE1, SAMPLES, import_or_missing, missing

if TYPE_CHECKING:
    from click.testing import CliRunner
    from playwright.sync_api import Browser, Page, ViewportSize

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core automates.
LEVELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ROOM: ViewportSize = {"width": 1920, "height": 1080}


def axe_source() -> str:
    """Return axe-core's script, or skip (fail under CI=true) when it is not installed."""
    if not AXE.exists():
        missing("axe-core under tests/axe (cd tests/axe && npm install)")
    return AXE.read_text("utf-8")


def violations(page: Page) -> list[str]:
    """Return one line per WCAG A/AA violation axe-core finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        "levels => axe.run(document, {runOnly: {type: 'tag', values: levels}})"
        ".then(result => result.violations)",
        LEVELS,
    )
    return [
        f"{rule['id']} ({rule['impact']}): {len(rule['nodes'])} x, first at "
        f"{rule['nodes'][0]['target']}"
        for rule in found
    ]


@pytest.fixture
def room(browser: Browser) -> Iterator[Page]:
    """Yield a 1920x1080 page that lets axe-core's script in past the page's own policy and
    fails the test on any console error."""
    context = browser.new_context(viewport=ROOM, bypass_csp=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    yield opened
    context.close()
    assert not problems, f"the page reported: {problems}"


def written_page(
    runner: CliRunner, tmp_path: Path, model: Path, theme: str, layout: str = "figure1"
) -> str:
    """Return the file URL of `model`'s interactive page drawn in `theme` and `layout`."""
    out = tmp_path / f"{model.stem}-{theme}-{layout}.html"
    args = ["render", str(model), "--view", "html", "--theme", theme, "--layout", layout]
    args += ["-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out.as_uri()


def ready(page: Page) -> None:
    page.wait_for_selector("html[data-ready=true]", timeout=10000)


def trace_an_outcome(page: Page) -> None:
    page.click("g.el[data-stage=ultimate]")
    page.wait_for_selector("#lm-panel h2")


def withdraw_a_partner(page: Page) -> None:
    page.select_option("#lm-partner", index=1)
    page.check("#lm-leave")


def present(page: Page) -> None:
    page.click("#lm-present")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")


def search(page: Page) -> None:
    page.fill("#lm-search", "partner")
    page.wait_for_selector("#lm-results:not([hidden])")


def show_text(page: Page) -> None:
    page.click("#lm-text-button")
    page.wait_for_selector("#lm-outline")


STATES: dict[str, Callable[[Page], None]] = {
    "as opened": lambda page: None,
    "the model as text": show_text,
    "an outcome traced": trace_an_outcome,
    "a partner withdrawn": withdraw_a_partner,
    "presenting": present,
    "search results open": search,
}


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("state", list(STATES))
def test_the_page_meets_wcag_aa_in_every_theme_and_state(
    room: Page, runner: CliRunner, tmp_path: Path, theme: str, state: str
) -> None:
    room.goto(written_page(runner, tmp_path, FIGURE1, theme))
    ready(room)
    STATES[state](room)
    assert violations(room) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_s_page_meets_wcag_aa(
    room: Page, runner: CliRunner, tmp_path: Path, sample: Path
) -> None:
    room.goto(written_page(runner, tmp_path, sample, "classic"))
    ready(room)
    assert violations(room) == []


@pytest.mark.needs("dot")
@pytest.mark.parametrize("state", ["as opened", "an outcome traced", "presenting"])
def test_the_graph_layout_page_meets_wcag_aa(
    room: Page, runner: CliRunner, tmp_path: Path, state: str
) -> None:
    room.goto(written_page(runner, tmp_path, FIGURE1, "classic", layout="graph"))
    ready(room)
    STATES[state](room)
    assert violations(room) == []


@pytest.mark.parametrize("combined", [False, True], ids=["one model", "every sample combined"])
def test_the_report_meets_wcag_aa(
    room: Page, runner: CliRunner, tmp_path: Path, combined: bool
) -> None:
    out = tmp_path / "report.html"
    models = [str(path) for path in SAMPLES] if combined else [str(FIGURE1)]
    extra = ["--combined"] if combined else []
    result = runner.invoke(cli, ["report", *models, *extra, "-o", str(out)])
    assert result.exit_code == 0, result.output
    room.goto(out.as_uri())
    assert violations(room) == []


def test_the_report_figure_is_a_picture_not_a_row_of_dead_buttons(
    room: Page, runner: CliRunner, tmp_path: Path
) -> None:
    """The report has no script: its boxes must not offer themselves as buttons or tab stops,
    but each must still be named for a screen reader."""
    out = tmp_path / "report.html"
    assert runner.invoke(cli, ["report", str(FIGURE1), "-o", str(out)]).exit_code == 0
    room.goto(out.as_uri())
    boxes = room.locator("figure.figure1 g.el[data-id]")
    assert boxes.count() > 0
    assert room.locator("figure.figure1 [role=button], figure.figure1 [tabindex]").count() == 0
    names = boxes.evaluate_all("boxes => boxes.map(box => box.getAttribute('aria-label'))")
    assert all(names)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    model = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, model)
    with Server([str(model)], editing=True, poll=0.02) as server:
        yield server, model


def test_the_serve_index_meets_wcag_aa(room: Page, served: tuple[Server, Path]) -> None:
    server, _ = served
    room.goto(server.url)
    assert violations(room) == []


def select_for_editing(page: Page, ident: str) -> None:
    page.click(f'g.el[data-id="{ident}"]')
    page.wait_for_selector("#lm-panel form.edit")


def open_element_facts(page: Page) -> None:
    select_for_editing(page, "trust")
    page.click("#lm-panel details.measure summary >> nth=0")


EDITOR_STATES: dict[str, Callable[[Page], None]] = {
    "as opened": lambda page: None,
    "the add form open": lambda page: page.click("g.add >> nth=0"),
    "the partners panel open": lambda page: page.click("#lm-partners"),
    "an element selected for editing": trace_an_outcome,
    "the costs and benefits panel open": lambda page: page.click("#lm-ledger"),
    "an outcome's indicator editor open": lambda page: select_for_editing(page, "trust"),
    "the self-assessment panel open": lambda page: page.click("#lm-assess"),
    "the partnership panel open": lambda page: page.click("#lm-partnership"),
    "an outcome's evidence and category open": open_element_facts,
}


@pytest.mark.parametrize("state", list(EDITOR_STATES))
def test_the_editor_meets_wcag_aa(room: Page, served: tuple[Server, Path], state: str) -> None:
    server, _ = served
    room.goto(f"http://127.0.0.1:{server.port}{server.path(0)}")
    ready(room)
    EDITOR_STATES[state](room)
    assert violations(room) == []


def test_a_violation_is_found_when_there_is_one(room: Page, tmp_path: Path) -> None:
    """The audit itself: a page with an unnamed button and grey-on-grey text fails it."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><title>t</title><main><button></button>'
        '<p style="color:#999;background:#aaa">faint</p></main></html>',
        "utf-8",
    )
    room.goto(bad.as_uri())
    found = " ".join(violations(room))
    assert "button-name" in found
    assert "color-contrast" in found


def test_the_page_works_from_the_keyboard_alone(
    room: Page, runner: CliRunner, tmp_path: Path
) -> None:
    """Tab to a box, trace it, clear it, present and step, search: keys only, no mouse."""
    room.goto(written_page(runner, tmp_path, FIGURE1, "classic"))
    ready(room)
    for _ in range(60):
        room.keyboard.press("Tab")
        if room.evaluate("document.activeElement.matches('g.el[data-id]')"):
            break
    focused = room.evaluate("document.activeElement.dataset.id")
    assert focused, "Tab never reached a box"
    room.keyboard.press("Enter")
    room.wait_for_selector("#lm-panel h2")
    assert room.evaluate("document.activeElement.dataset.id") == focused
    room.keyboard.press("Escape")
    room.wait_for_selector("#lm-panel h2", state="detached")
    room.keyboard.press("p")
    room.wait_for_selector("#lm-step:not([hidden])")
    first = room.text_content("#lm-step")
    room.keyboard.press("ArrowRight")
    assert room.text_content("#lm-step") != first
    room.keyboard.press("Escape")
    room.wait_for_selector("#lm-step", state="hidden")
    room.keyboard.press("/")
    assert room.evaluate("document.activeElement.id") == "lm-search"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_the_text_version_says_every_link_both_ways(sample: Path) -> None:
    """Each element's entry names what it leads to and enhances, and each target's entry
    names what feeds it: a screen reader can walk the model in either direction."""
    model = load(sample)
    said = element_lines(model, trace(model))
    labels = {element.id: element.label for _, element in model.elements()}
    assert set(said) == set(labels)
    for _, element in model.elements():
        for target in element.leads_to:
            assert any(
                line.startswith("Leads to:") and labels[target] in line for line in said[element.id]
            )
            assert any(
                line.startswith("Fed by:") and element.label in line for line in said[target]
            )
        for target in getattr(element, "enhances", []):
            assert any(line.startswith("Enhances:") for line in said[element.id])
            assert any(
                line.startswith("Enhanced by:") and element.label in line for line in said[target]
            )
        if not element.leads_to:
            assert not any(line.startswith("Leads to:") for line in said[element.id])


def test_the_text_version_is_reachable_from_the_page_and_back(
    room: Page, runner: CliRunner, tmp_path: Path
) -> None:
    """T (or the Text button, or the skip link) shows every box as text; T again gives the
    picture back."""
    room.goto(written_page(runner, tmp_path, FIGURE1, "classic"))
    ready(room)
    room.keyboard.press("t")
    room.wait_for_selector("#lm-outline", state="visible")
    assert room.is_hidden("#lm-stage")
    shown = room.text_content("#lm-outline") or ""
    for _, element in load(FIGURE1).elements():
        assert element.label in shown
    assert room.get_attribute("#lm-text-button", "aria-pressed") == "true"
    room.keyboard.press("t")
    room.wait_for_selector("#lm-stage", state="visible")
    assert room.is_hidden("#lm-outline")
    room.reload()
    ready(room)
    room.keyboard.press("Tab")
    assert room.evaluate("document.activeElement.id") == "lm-skip"
    room.keyboard.press("Enter")
    room.wait_for_selector("#lm-outline", state="visible")


def test_the_report_carries_the_model_as_text(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert runner.invoke(cli, ["report", str(FIGURE1), "-o", str(out)]).exit_code == 0
    html = out.read_text("utf-8")
    text = html[html.index("The model as text") :]
    for _, element in load(FIGURE1).elements():
        assert element.label.replace("'", "&#x27;") in text


@pytest.mark.needs("pdfinfo")
def test_the_pdf_report_is_tagged_with_its_figures(runner: CliRunner, tmp_path: Path) -> None:
    """A tagged PDF (PDF/UA-1): headings, lists and figures in a structure tree a screen
    reader walks."""
    import_or_missing("weasyprint")
    out = tmp_path / "report.pdf"
    assert runner.invoke(cli, ["report", str(FIGURE1), "-o", str(out)]).exit_code == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Tagged:" in info.stdout
    assert info.stdout.split("Tagged:")[1].split()[0] == "yes"
    tree = subprocess.run(
        ["pdfinfo", "-struct", str(out)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "H1" in tree and "H2" in tree and "Figure:" in tree


def test_on_a_box_the_arrows_follow_the_links(
    room: Page, runner: CliRunner, tmp_path: Path
) -> None:
    """Right goes to what a box leads to, Left to what feeds it, Down and Up along its
    column; the view does not pan meanwhile unless the box is out of sight."""
    model = load(FIGURE1)
    start = next(e for _, e in model.elements() if e.leads_to and e.id == "a-resources")
    room.goto(written_page(runner, tmp_path, FIGURE1, "classic"))
    ready(room)
    focused = "document.activeElement.dataset.id"
    room.focus(f'g.el[data-id="{start.id}"]')
    before = room.get_attribute("#lm-diagram", "viewBox")
    room.keyboard.press("ArrowRight")
    assert room.evaluate(focused) == start.leads_to[0]
    assert room.get_attribute("#lm-diagram", "viewBox") == before
    room.keyboard.press("ArrowLeft")
    feeders = [e.id for _, e in model.elements() if start.leads_to[0] in e.leads_to]
    assert room.evaluate(focused) == feeders[0]
    room.focus(f'g.el[data-id="{start.id}"]')
    room.keyboard.press("ArrowDown")
    below = room.evaluate(focused)
    assert below != start.id
    assert dict((e.id, s.value) for s, e in model.elements())[below] == "inputs"
    room.keyboard.press("ArrowUp")
    assert room.evaluate(focused) == start.id


def tab_to(page: Page, selector: str, presses: int = 80) -> None:
    """Press Tab until the focus is on `selector`, as a keyboard user would; fail if never."""
    for _ in range(presses):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def saved_by_keys(page: Page, key: str) -> None:
    """Press the key that saves an edit and wait for the page drawn after it."""
    page.evaluate("document.documentElement.dataset.stale = 'true'")
    page.keyboard.press(key)
    fresh = page.locator("html[data-ready=true]:not([data-stale])")
    refused = page.locator("#lm-panel .edit-error:not([hidden])")
    fresh.or_(refused).first.wait_for(state="attached")
    assert not refused.count(), refused.first.text_content()


def test_a_model_is_built_and_traced_in_the_editor_with_the_keyboard_alone(
    room: Page, runner: CliRunner, tmp_path: Path
) -> None:
    """Two partners, a collaborative activity, an outcome, a link between them, an undo and a
    redo, then a trace: Tab, Enter, Space, arrows, typing and Ctrl-Z only, no mouse event."""
    model = tmp_path / "model.yaml"
    args = ["new", str(model), "--title", "T", "--partner", "Partner A", "--partner", "Partner B"]
    assert runner.invoke(cli, [*args, "--no-interactive"]).exit_code == 0
    with Server([str(model)], editing=True, poll=0.02) as server:
        room.set_default_timeout(10_000)
        # Count every real pointer press on every page load: there must be none.
        room.add_init_script(
            "['mousedown', 'pointerdown', 'click'].forEach(type => document.addEventListener("
            "type, event => { if (event.isTrusted && event.detail) sessionStorage.mice = "
            "Number(sessionStorage.mice || 0) + 1; }, true));"
        )
        room.goto(f"http://127.0.0.1:{server.port}{server.path(0)}")
        ready(room)
        tab_to(room, 'g.add[data-stage="activities"][data-partners=""]')
        room.keyboard.press("Enter")
        room.keyboard.type("Joint outreach")
        for partner in ("partner-a", "partner-b"):
            tab_to(room, f'#lm-panel input[name=by][value="{partner}"]')
            room.keyboard.press("Space")
        tab_to(room, "#lm-panel button[name=add]")
        saved_by_keys(room, "Enter")

        tab_to(room, 'g.add[data-stage="interim"]')
        room.keyboard.press("Enter")
        room.keyboard.type("Residents feel safer")
        saved_by_keys(room, "Enter")

        tab_to(room, 'g.el[data-id="joint-outreach"]')
        room.keyboard.press("Enter")
        tab_to(room, "#lm-panel select[name=target]")
        room.keyboard.press("ArrowDown")
        assert room.evaluate("document.activeElement.value") == "residents-feel-safer"
        tab_to(room, "#lm-panel button[name=link]")
        saved_by_keys(room, "Enter")
        built = load(model)
        assert built.activities[0].leads_to == ["residents-feel-safer"]
        assert built.partners_of(built.activities[0]) == ["partner-a", "partner-b"]

        saved_by_keys(room, "Control+z")
        assert load(model).activities[0].leads_to == []
        saved_by_keys(room, "Control+y")
        assert load(model).activities[0].leads_to == ["residents-feel-safer"]

        tab_to(room, 'g.el[data-id="residents-feel-safer"]')
        room.keyboard.press("Enter")
        room.wait_for_selector("#lm-panel h2")
        assert "Residents feel safer" in (room.text_content("#lm-panel") or "")
        assert room.evaluate("Number(sessionStorage.mice || 0)") == 0
        room.goto("about:blank")
