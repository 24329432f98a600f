"""The html view: a safe self-contained page whose clicks and switches agree with the trace."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicmodel.analysis.losses import scenario_text
from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.tracing import trace, whatif
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load, loads
from logicmodel.models import LogicModel
from logicmodel.renderers.export_fields import BOX_KINDS
from logicmodel.renderers.html import page, page_data, script_json
from logicmodel.renderers.options import HtmlOptions

from .conftest import FIGURE1, SAMPLES

if TYPE_CHECKING:
    from click.testing import CliRunner
    from playwright.sync_api import Page

HOSTILE = [
    "</script><script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    "line\u2028separator\u2029paragraph",
    "Quote \" apostrophe ' back `tick` & ampersand",
    "Sràidean nas sàbhailte – Comhairle Inbhir Chluaidh",
    "<!-- comment --> ]]> &amp; &lt;",
]


def hostile_model_text() -> str:
    lines = [
        "logicmodel: 1",
        f"title: {json.dumps(HOSTILE[0])}",
        "partners:",
        f"  - {{id: a, name: {json.dumps(HOSTILE[1])}}}",
        "  - {id: b, name: B}",
        "activities:",
    ]
    for index, label in enumerate(HOSTILE):
        lines.append(
            f"  - id: act-{index}\n    label: {json.dumps(label)}\n    by: [a, b]\n"
            f"    leads_to: [end-{index}]"
        )
    lines.append("interim:")
    for index, label in enumerate(HOSTILE):
        lines.append(
            f"  - id: end-{index}\n    label: {json.dumps(label)}\n    gain: {json.dumps(label)}"
        )
    return "\n".join(lines) + "\n"


HOSTILE_MODEL = loads(hostile_model_text(), name="hostile.yaml")


class Parts(HTMLParser):
    """Collects a page's elements, scripts and the CSP it declares."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: str | None = None
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open, self._attrs = tag, dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.scripts.append((self._attrs, data))
        elif self._open == "style":
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None


def parse(text: str) -> Parts:
    parts = Parts()
    parts.feed(text)
    return parts


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def render_page(model: LogicModel, **options: str) -> str:
    return page(model, trace(model), HtmlOptions(**options))


# ---------------------------------------------------------------- the page as text


@given(st.text())
def test_script_json_survives_any_text(text: str) -> None:
    encoded = script_json({"label": text})
    assert json.loads(encoded) == {"label": text}
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}


def test_hostile_labels_stay_data() -> None:
    text = render_page(HOSTILE_MODEL)
    parts = parse(text)
    # Exactly the page's own scripts: the data block and the code (page.js, presenter.js); no
    # handler attributes.
    assert [attrs.get("type") for attrs, _ in parts.scripts] == ["application/json", None, None]
    assert not [tag for tag, attrs in parts.tags if any(a.startswith("on") for a in attrs)]
    assert not [tag for tag, _ in parts.tags if tag in ("img", "iframe", "object", "a")]
    data = json.loads(parts.scripts[0][1])
    labels = [element["label"] for element in data["elements"]]
    assert labels == HOSTILE + HOSTILE
    assert data["title"] == HOSTILE[0]


def test_content_policy_allows_only_the_page_s_own_script_and_style() -> None:
    parts = parse(render_page(load(FIGURE1)))
    (policy,) = [
        attrs["content"]
        for tag, attrs in parts.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    code = [script for _, script in parts.scripts[1:]]
    assert directives["script-src"] == " ".join(f"'{sha256(script)}'" for script in code)
    assert directives["style-src"] == f"'{sha256(parts.styles[0])}'"
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'none'"  # a written page talks to no network
    live = parse(page(load(FIGURE1), trace(load(FIGURE1)), HtmlOptions(), events="/t/m/0/events"))
    live_policy = next(a["content"] for t, a in live.tags if a.get("http-equiv"))
    assert live_policy is not None and "connect-src 'self'" in live_policy


def test_every_element_and_link_carries_its_id() -> None:
    model = load(FIGURE1)
    parts = parse(render_page(model))
    boxes = {a["data-id"]: a for t, a in parts.tags if t == "g" and a.get("data-id")}
    assert list(boxes) == [element.id for _, element in model.elements()]
    for attrs in boxes.values():
        assert attrs["tabindex"] == "0" and attrs["role"] == "button" and attrs["aria-label"]
    links = [a for t, a in parts.tags if t == "g" and (a.get("id") or "").startswith("ln-")]
    ids = [element.id for _, element in model.elements()]
    drawn = {(a["data-source"], a["data-target"]) for a in links}
    assert drawn == set(build_graph(model).edges)
    assert {(ids[int(a["data-from"] or "")], ids[int(a["data-to"] or "")]) for a in links} == drawn


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_page_data_what_ifs_are_the_cli_s(sample: Path) -> None:
    model = load(sample)
    data = page_data(model, trace(model), "classic", None)
    ids = [element["id"] for element in data["elements"]]
    names = {p.id: p.display_name for p in model.partners}
    for partner in model.partner_ids():
        expected = whatif(model, [partner])
        scenario = data["whatif"][partner]
        said = replace(expected, scenario=scenario_text([names[partner]])).summary()
        assert scenario["summary"] == said
        for change in expected.changes:
            kind, loss, after = scenario["outcomes"][str(ids.index(change.id))]
            assert kind == BOX_KINDS[change.after.trace_class.value].value
            assert (loss, after) == (change.loss, change.after.trace_class.value)


def test_render_writes_the_page(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = runner.invoke(cli, ["render", str(FIGURE1), "--view", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "http://" not in re.sub(r'xmlns="http://www.w3.org/2000/svg"', "", target.read_text())


def test_layout_needs_a_known_choice(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["render", str(FIGURE1), "--view", "html", "--layout", "circles", "-o", "x.html"]
    )
    assert result.exit_code == 4
    assert "figure1" in result.output and "graph" in result.output


# ---------------------------------------------------------------- in a real browser


def open_page(
    page: Page, tmp_path: Path, model: LogicModel, name: str = "page.html", **options: str
) -> Page:
    target = tmp_path / name
    target.write_text(render_page(model, **options), "utf-8")
    page.goto(target.as_uri())
    page.wait_for_selector("html[data-ready=true]")
    return page


def lit_ids(page: Page) -> set[str]:
    return set(page.eval_on_selector_all(".el.lit[data-id]", "els => els.map(e => e.dataset.id)"))


@pytest.mark.browser
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_clicking_an_outcome_lights_what_feeds_it(page: Page, tmp_path: Path, sample: Path) -> None:
    model = load(sample)
    traced, graph = trace(model), build_graph(model)
    open_page(page, tmp_path, model)
    for outcome in traced.outcomes.values():
        page.click(f'.el[data-id="{outcome.id}"]')
        assert lit_ids(page) == {outcome.id} | nx.ancestors(graph, outcome.id), outcome.id
        critical = page.eval_on_selector_all(".el.critical", "els => els.map(e => e.dataset.id)")
        assert set(critical) == set(outcome.critical)
        assert page.text_content("#lm-panel h2") == outcome.label
        assert outcome.trace_class.value in (page.text_content("#lm-panel") or "")
    page.keyboard.press("Escape")
    assert lit_ids(page) == set()


@pytest.mark.browser
def test_clicking_a_contribution_lights_what_it_feeds(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    graph = build_graph(model)
    open_page(page, tmp_path, model)
    page.click('.el[data-id="pooled-resources"]')
    assert lit_ids(page) == {"pooled-resources"} | nx.descendants(graph, "pooled-resources")


@pytest.mark.browser
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_partner_leaving_recolours_as_whatif_says(page: Page, tmp_path: Path, sample: Path) -> None:
    model = load(sample)
    open_page(page, tmp_path, model)
    for partner in model.partner_ids():
        page.select_option("#lm-partner", partner)
        page.check("#lm-leave")
        expected = whatif(model, [partner])
        for change in expected.changes:
            box = page.locator(f'.el[data-id="{change.id}"]')
            kind = BOX_KINDS[change.after.trace_class.value].value
            assert f"as-{kind}" in (box.get_attribute("class") or "").split(), change.id
        losses = page.locator("#lm-panel li").all_text_contents()
        assert len(losses) == len([c for c in expected.changes if c.loss])
        page.uncheck("#lm-leave")
    page.select_option("#lm-partner", "")
    assert page.locator(".as-green, .as-red, .as-split, .as-unsupported").count() == 0


@pytest.mark.browser
def test_clicking_an_outcome_in_a_what_if_says_what_it_becomes(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    open_page(page, tmp_path, model)
    page.select_option("#lm-partner", "partner-b")
    page.check("#lm-leave")
    change = next(c for c in whatif(model, ["partner-b"]).changes if c.loss)
    page.click(f'.el[data-id="{change.id}"]')
    panel = page.text_content("#lm-panel") or ""
    assert "Without Partner B" in panel
    assert change.after.trace_class.value in panel and change.loss in panel
    page.keyboard.press("p")  # the selector let go of the keyboard: P presents
    assert page.locator("html.presenting").count() == 1


@pytest.mark.browser
def test_without_collaboration_switch(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    open_page(page, tmp_path, model)
    page.check("#lm-nocollab")
    expected = whatif(model, without_collaboration=True)
    for change in expected.changes:
        kind = BOX_KINDS[change.after.trace_class.value].value
        classes = page.locator(f'.el[data-id="{change.id}"]').get_attribute("class") or ""
        assert f"as-{kind}" in classes.split()
    gone = page.eval_on_selector_all(".el.gone", "els => els.map(e => e.dataset.id)")
    collaborative = {e.id for _, e in model.contributions() if model.is_collaborative(e)}
    assert set(gone) == collaborative


@pytest.mark.browser
def test_partner_selector_shows_its_own_and_joint_work(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    open_page(page, tmp_path, model)
    page.select_option("#lm-partner", "partner-b")
    mine = set(page.eval_on_selector_all(".el.mine", "els => els.map(e => e.dataset.id)"))
    assert mine == {e.id for _, e in model.contributions() if "partner-b" in model.partners_of(e)}


@pytest.mark.browser
def test_presenter_mode_reveals_stage_by_stage(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    open_page(page, tmp_path, model)
    stages = ["focus", "inputs", "activities", "outputs", "interim", "intermediate", "ultimate"]

    def visible_stages() -> list[str]:
        shown = page.eval_on_selector_all(
            ".el:not(.hidden-step)", "els => els.map(e => e.dataset.stage)"
        )
        return [stage for stage in stages if stage in shown]

    page.keyboard.press("p")
    assert visible_stages() == ["focus"]
    newest = ["focus"]
    # Each step shows the next stage (or the next part of a tall one), with as many stages
    # before it as fit the screen.
    while True:
        label = page.text_content("#lm-step") or ""
        step, total = (int(n) for n in label.split(":")[0].split(" / "))
        if step == total:
            break
        page.keyboard.press("ArrowRight")
        shown = visible_stages()
        assert shown == stages[stages.index(shown[0]) : stages.index(shown[-1]) + 1]
        assert stages.index(shown[-1]) - stages.index(newest[-1]) in (0, 1)
        newest = shown
    assert newest[-1] == "ultimate"
    page.keyboard.press("ArrowLeft")
    assert visible_stages()[-1] in ("intermediate", "ultimate")
    page.keyboard.press("Escape")
    assert visible_stages() == stages
    assert page.locator(".hidden-step").count() == 0


@pytest.mark.browser
def test_search_finds_by_label_and_id(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    open_page(page, tmp_path, model)
    page.fill("#lm-search", "TRUST between")
    options = page.locator("#lm-results li").all_text_contents()
    assert len(options) == 1 and options[0].startswith("Increased trust between partners")
    page.press("#lm-search", "Enter")
    assert page.text_content("#lm-panel h2") == "Increased trust between partners"
    page.fill("#lm-search", "pooled-res")
    page.click("#lm-results li")
    assert page.evaluate("document.activeElement.dataset.id") == "pooled-resources"
    page.fill("#lm-search", "no such thing anywhere")
    assert page.locator("#lm-results li").all_text_contents() == ["Nothing matches"]


@pytest.mark.browser
def test_keyboard_alone_selects_and_clears(page: Page, tmp_path: Path) -> None:
    open_page(page, tmp_path, load(FIGURE1))
    page.focus('.el[data-id="trust"]')
    page.keyboard.press("Enter")
    assert page.text_content("#lm-panel h2") == "Increased trust between partners"
    page.keyboard.press("Escape")
    assert lit_ids(page) == set()
    before = page.get_attribute("#lm-diagram", "viewBox")
    page.keyboard.press("+")
    assert page.get_attribute("#lm-diagram", "viewBox") != before
    page.keyboard.press("0")
    assert page.get_attribute("#lm-diagram", "viewBox") == before


@pytest.mark.browser
def test_wheel_zooms_and_drag_pans(page: Page, tmp_path: Path) -> None:
    open_page(page, tmp_path, load(FIGURE1))
    box = page.locator("#lm-stage").bounding_box()
    assert box is not None
    before = [float(n) for n in (page.get_attribute("#lm-diagram", "viewBox") or "").split()]
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.wheel(0, -300)
    zoomed = [float(n) for n in (page.get_attribute("#lm-diagram", "viewBox") or "").split()]
    assert zoomed[2] < before[2]
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 250, steps=5)
    page.mouse.up()
    panned = [float(n) for n in (page.get_attribute("#lm-diagram", "viewBox") or "").split()]
    assert panned[0] > zoomed[0] and panned[2] == zoomed[2]


@pytest.mark.browser
def test_hostile_labels_shown_as_typed(page: Page, tmp_path: Path) -> None:
    open_page(page, tmp_path, HOSTILE_MODEL)
    assert page.locator("img, iframe, object, a").count() == 0
    assert page.evaluate("document.scripts.length") == 3  # the data block, page.js and presenter.js
    assert page.title() == HOSTILE[0]
    for index, label in enumerate(HOSTILE):
        page.click(f'.el[data-id="end-{index}"]')
        assert page.text_content("#lm-panel h2") == label
        drawn = page.eval_on_selector(
            f'.el[data-id="end-{index}"] .t:not(.g)',
            "t => Array.from(t.children).map(s => s.textContent).join(' ')",
        )
        # Wrapped at spaces, and long words cut with a hyphen: the characters are all there.
        assert re.sub(r"[\s-]", "", drawn) == re.sub(r"[\s-]", "", label)


@pytest.mark.browser
def test_prints_on_one_landscape_page(page: Page, tmp_path: Path) -> None:
    open_page(page, tmp_path, load(FIGURE1))
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert box is not None and float(box.group(1)) > float(box.group(2))


@pytest.mark.browser
@pytest.mark.needs("dot")
def test_graph_layout_traces_the_same(page: Page, tmp_path: Path) -> None:
    model = load(FIGURE1)
    traced, graph = trace(model), build_graph(model)
    open_page(page, tmp_path, model, layout="graph")
    assert page.get_attribute("#lm-diagram", "data-layout") == "graph"
    for outcome in list(traced.outcomes.values())[:5]:
        page.click(f'.el[data-id="{outcome.id}"]')
        assert lit_ids(page) == {outcome.id} | nx.ancestors(graph, outcome.id)
    page.select_option("#lm-partner", "partner-b")
    page.check("#lm-leave")
    for change in whatif(model, ["partner-b"]).changes:
        kind = BOX_KINDS[change.after.trace_class.value].value
        classes = page.locator(f'.el[data-id="{change.id}"]').get_attribute("class") or ""
        assert f"as-{kind}" in classes.split()


def test_graph_layout_without_dot_says_how_to_install(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    target = tmp_path / "page.html"
    args = ["render", str(FIGURE1), "--view", "html", "--layout", "graph", "-o", str(target)]
    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    assert "Graphviz" in result.output and len(result.output.strip().splitlines()) == 1
    assert not target.exists()
