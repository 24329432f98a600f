"""`logicmodel edit`: a model built and changed in the page, and the guards on its endpoint."""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.models import Contribution, LogicModel, Outcome
from logicmodel.serving.server import Server

from .conftest import FIGURE1

if TYPE_CHECKING:
    from click.testing import CliRunner
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

HOSTILE = '</script><img src=x onerror=alert(1)> "quotes" & Sràidean nas sàbhailte'
PARTNERS = ["partner-a", "partner-b"]
# Chromium's own console line for a request the server refused: expected when a test makes
# the page send an edit that must be refused, and nothing else is.
REFUSED = re.compile(r"Failed to load resource: the server responded with a status of (409|422)\b")

# ---------------------------------------------------------------- models and servers


@pytest.fixture
def blank(runner: CliRunner, tmp_path: Path) -> Path:
    """Return a model just begun with `logicmodel new`: two partners, no elements."""
    path = tmp_path / "model.yaml"
    args = ["new", str(path), "--title", "T", "--partner", "Partner A", "--partner", "Partner B"]
    result = runner.invoke(cli, [*args, "--no-interactive"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def figure(tmp_path: Path) -> Path:
    """Return a copy of Figure 1, comments and all."""
    path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, path)
    return path


@contextmanager
def editing(path: Path) -> Iterator[Server]:
    """Yield `logicmodel edit`'s server on one file."""
    with Server([str(path)], editing=True, poll=0.02) as server:
        yield server


def page_url(server: Server) -> str:
    return f"http://127.0.0.1:{server.port}{server.path(0)}"


def version(content: bytes) -> str:
    """Return the version a page carries of a file: the hash of its bytes."""
    return hashlib.sha256(content).hexdigest()


def listing(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def links(model: LogicModel) -> set[tuple[str, str, str]]:
    """Return every link of a model as (from, to, kind)."""
    found = set()
    for _, element in model.elements():
        found |= {(element.id, target, "leads_to") for target in element.leads_to}
        if isinstance(element, Contribution):
            found |= {(element.id, target, "enhances") for target in element.enhances}
    return found


def labels(model: LogicModel) -> dict[str, str]:
    return {element.id: element.label for _, element in model.elements()}


Row = tuple[str, str, list[str] | None, list[str], str | None]


def rows(model: LogicModel) -> dict[str, list[Row]]:
    """Return each stage's elements as (id, label, partners, leads_to, gain), by meaning."""
    table: dict[str, list[Row]] = {}
    for stage, element in model.elements():
        partners = model.partners_of(element) if isinstance(element, Contribution) else None
        gain = element.gain if isinstance(element, Outcome) else None
        row = (element.id, element.label, partners, list(element.leads_to), gain)
        table.setdefault(stage.value, []).append(row)
    return table


def comments(text: str) -> list[str]:
    return re.findall(r"#.*$", text, flags=re.MULTILINE)


# ---------------------------------------------------------------- driving the page


@contextmanager
def watched_page(browser: Browser, *, refusals: bool = False) -> Iterator[Page]:
    """Yield a page in a context of its own that fails the test on any console error, uncaught
    exception or dialog; with `refusals`, Chromium's line on a refused edit is expected."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    opened = context.new_page()
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not (refusals and REFUSED.match(message.text)):
            problems.append(message.text)

    def refuse(dialog: Dialog) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    opened.on("console", console)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("dialog", refuse)
    try:
        yield opened
    finally:
        context.close()
    assert not problems, f"the page reported: {problems}"


def open_editor(page: Page, server: Server) -> None:
    page.set_default_timeout(10_000)  # every wait here is for something under a second
    page.goto(page_url(server))
    page.wait_for_selector("html[data-ready=true]")


def saved(page: Page, action: Callable[[], object]) -> None:
    """Do what saves an edit, and return once the page has reloaded with it.

    The drawn page is marked first: only the page drawn after the edit is ready and unmarked.
    A refused edit fails the test at once with the message the page shows.
    """
    page.evaluate("document.documentElement.dataset.stale = 'true'")
    action()
    fresh = page.locator("html[data-ready=true]:not([data-stale])")
    refused = page.locator("#lm-panel .edit-error:not([hidden])")
    fresh.or_(refused).first.wait_for(state="attached")
    if refused.count():
        pytest.fail(f"the edit was refused: {refused.first.text_content()}")


def arrived_at(page: Page) -> float:
    """Return when the page's document (or the last version drawn in it in place) had come from
    the server, in seconds since the epoch, by the browser's own clock (not the test driver's,
    which lags on a busy machine)."""
    page.wait_for_load_state("domcontentloaded")
    arrived = page.evaluate("document.documentElement.dataset.arrived")
    if arrived:  # a live page's new version, swapped in without a navigation (live.js)
        return float(arrived)
    navigation = "performance.getEntriesByType('navigation')[0]"
    return float(page.evaluate(f"(performance.timeOrigin + {navigation}.responseEnd) / 1000"))


def select(page: Page, ident: str) -> None:
    page.click(f'.el[data-id="{ident}"]')
    assert page.input_value("#lm-panel form.edit input[name=id]") == ident


def add(
    page: Page,
    stage: str,
    label: str,
    *,
    by: Sequence[str] = (),
    gain: str | None = None,
) -> str:
    """Add an element with the add form opened from its column's "+"; return the id the form
    proposed."""
    page.click(f'.add[data-stage="{stage}"][data-partners=""] >> nth=0')
    page.fill("#lm-panel input[name=label]", label)
    ident = page.input_value("#lm-panel input[name=id]")
    for partner in by:
        page.check(f'#lm-panel input[name=by][value="{partner}"]')
    if gain is not None:
        page.fill("#lm-panel input[name=gain]", gain)
    saved(page, lambda: page.click("#lm-panel button[name=add]"))
    page.wait_for_selector(f'.el[data-id="{ident}"]', state="attached")
    return ident


def link(page: Page, source: str, target: str) -> None:
    """Link two elements by choosing the target from the selected one's list."""
    select(page, source)
    page.select_option("#lm-panel select[name=target]", target)
    saved(page, lambda: page.click("#lm-panel button[name=link]"))


def unlink(page: Page, source: str, target_label: str) -> None:
    """Remove a link with the × beside it in the selected element's list of links."""
    select(page, source)
    drop = f'#lm-panel button[name=unlink][aria-label="Unlink {target_label}"]'
    saved(page, lambda: page.click(drop))


def set_label(page: Page, ident: str, label: str) -> None:
    select(page, ident)
    page.fill("#lm-panel input[name=label]", label)
    saved(page, lambda: page.click("#lm-panel button[name=save-label]"))


def rename(page: Page, old: str, new: str) -> None:
    select(page, old)
    page.fill("#lm-panel input[name=id]", new)
    saved(page, lambda: page.click("#lm-panel button[name=rename]"))
    page.wait_for_selector(f'.el[data-id="{new}"]', state="attached")


def drag(page: Page, source: str, target: str) -> None:
    """Press on one box, move onto another and let go."""
    start = page.locator(f'.el[data-id="{source}"]').bounding_box()
    end = page.locator(f'.el[data-id="{target}"]').bounding_box()
    assert start is not None and end is not None
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()


# ---------------------------------------------------------------- the endpoint by hand


def post(
    server: Server,
    body: bytes | dict[str, Any],
    *,
    path: str | None = None,
    method: str = "POST",
    headers: dict[str, str | None] | None = None,
) -> tuple[int, Any]:
    """Return the status and answer (JSON when it is) of one request to the edit endpoint.

    Headers default to what the page sends; a header given as None is left out.
    """
    sent = {
        "Host": server.address,
        "Origin": f"http://{server.address}",
        "Content-Type": "application/json",
        "X-Logicmodel-Token": server.token,
    }
    for name, value in (headers or {}).items():
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest(method, path or server.path(0, edits=True), skip_host=True)
    for name, value in sent.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(data)))
    try:
        # The server may answer a refused request before reading its body, and close.
        connection.endheaders(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        response = connection.getresponse()
        text = response.read().decode()
    finally:
        connection.close()
    kind = response.getheader("Content-Type") or ""
    return response.status, json.loads(text) if kind.startswith("application/json") else text


def request(file: Path, op: str, /, **args: Any) -> dict[str, Any]:
    """Return an edit request as the page would send it for the file as it is now."""
    return {"op": op, "args": args, "version": version(file.read_bytes())}


def cli_message(runner: CliRunner, *args: str) -> str:
    """Return the message of the last located fault a refused editing command prints."""
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    last = result.output.splitlines()[-1]
    located = re.fullmatch(rf"{re.escape(args[1])}:\d+:\d+: (.*)", last)
    assert located, last
    return located.group(1)


# ---------------------------------------------------------------- building in the page


@pytest.mark.browser
def test_a_model_built_by_clicking_and_typing_is_saved_as_built(page: Page, blank: Path) -> None:
    with editing(blank) as server:
        open_editor(page, server)
        assert page.locator("#lm-undo").is_disabled()
        joint = add(page, "inputs", "Pooled staff time", by=PARTNERS)
        own = add(page, "activities", "Outreach visits", by=["partner-a"])
        # A partner's lane has a "+" of its own that comes with that partner ticked.
        page.click('.add[data-stage="outputs"][data-partners="partner-a"]')
        ticked = "#lm-panel input[name=by][value={}]"
        assert page.is_checked(ticked.format("partner-a"))
        assert not page.is_checked(ticked.format("partner-b"))
        page.click("#lm-panel button[name=cancel]")
        output = add(page, "outputs", "Visit reports", by=PARTNERS)
        gain = "Visits reach the streets that need them"
        outcome = add(page, "interim", "Residents feel safer", gain=gain)
        assert (joint, own, output, outcome) == (
            "pooled-staff-time",
            "outreach-visits",
            "visit-reports",
            "residents-feel-safer",
        )

        link(page, joint, own)
        # The keyboard alone: focus the box, Enter selects it, then choose from the list.
        page.focus(f'.el[data-id="{own}"]')
        page.keyboard.press("Enter")
        page.select_option("#lm-panel select[name=target]", output)
        saved(page, lambda: page.click("#lm-panel button[name=link]"))
        saved(page, lambda: drag(page, output, outcome))
        assert page.text_content("#lm-panel h2") == "Visit reports"  # the selection is kept
        assert page.locator(f'g.link[data-source="{output}"][data-target="{outcome}"]').count()
        page.goto("about:blank")

    assert rows(load(blank)) == {
        "inputs": [(joint, "Pooled staff time", PARTNERS, [own], None)],
        "activities": [(own, "Outreach visits", ["partner-a"], [output], None)],
        "outputs": [(output, "Visit reports", PARTNERS, [outcome], None)],
        "interim": [(outcome, "Residents feel safer", None, [], gain)],
    }


@pytest.mark.browser
def test_rename_relink_remove_then_undo_and_redo(page: Page, figure: Path) -> None:
    start = load(figure)
    with editing(figure) as server:
        open_editor(page, server)
        snapshots = [figure.read_bytes()]

        rename(page, "trust", "mutual-trust")
        renamed = load(figure)
        assert "trust" not in labels(renamed)
        assert labels(renamed)["mutual-trust"] == "Increased trust between partners"
        assert links(renamed) == {
            (s, "mutual-trust" if t == "trust" else t, k) for s, t, k in links(start)
        }
        snapshots.append(figure.read_bytes())

        unlink(page, "shared-intelligence", "More effective partner liaison")
        unlinked = load(figure)
        assert links(unlinked) == links(renamed) - {
            ("shared-intelligence", "partner-liaison", "leads_to")
        }
        snapshots.append(figure.read_bytes())

        link(page, "shared-intelligence", "joint-service-plan")
        relinked = load(figure)
        assert links(relinked) == links(unlinked) | {
            ("shared-intelligence", "joint-service-plan", "leads_to")
        }
        snapshots.append(figure.read_bytes())

        select(page, "joint-campaign")
        page.click("#lm-panel button[name=remove]")
        assert page.is_checked("#lm-panel input[name=relink]")
        saved(page, lambda: page.click("#lm-panel button[name=really-remove]"))
        removed = load(figure)
        assert "joint-campaign" not in labels(removed)
        assert page.locator('.el[data-id="joint-campaign"]').count() == 0
        assert links(removed) == links(relinked) - {
            ("joint-marketing", "joint-campaign", "leads_to"),
            ("joint-campaign", "higher-uptake", "leads_to"),
        } | {("joint-marketing", "higher-uptake", "leads_to")}
        assert labels(removed) == {
            i: label for i, label in labels(relinked).items() if i != "joint-campaign"
        }

        assert page.locator("#lm-redo").is_disabled()
        saved(page, lambda: page.click("#lm-undo"))
        assert figure.read_bytes() == snapshots[3]
        assert page.locator('.el[data-id="joint-campaign"]').count() == 1
        saved(page, lambda: page.keyboard.press("Control+z"))
        assert figure.read_bytes() == snapshots[2]
        saved(page, lambda: page.click("#lm-undo"))
        assert figure.read_bytes() == snapshots[1]
        assert page.locator("#lm-redo").is_enabled()
        saved(page, lambda: page.click("#lm-redo"))
        assert figure.read_bytes() == snapshots[2]
        page.goto("about:blank")


@pytest.mark.browser
def test_partners_are_added_renamed_and_named_in_the_page(page: Page, blank: Path) -> None:
    with editing(blank) as server:
        open_editor(page, server)
        own = add(page, "inputs", "Partner B's budget", by=["partner-b"])
        page.click("#lm-partners")
        adding = '#lm-panel form[aria-label="Add a partner"]'
        page.fill(f"{adding} input[name=name]", "Anytown Council")
        assert page.input_value(f"{adding} input[name=id]") == "anytown-council"
        saved(page, lambda: page.click(f"{adding} button[name=add-partner]"))

        page.click("#lm-partners")
        form = '#lm-panel form[aria-label="Partner Partner B"]'
        page.fill(f"{form} input[name=id]", "police")
        saved(page, lambda: page.click(f"{form} button[name=rename]"))
        page.click("#lm-partners")
        form = '#lm-panel form[aria-label="Partner Partner B"]'
        page.fill(f"{form} input[name=name]", "Anytown Police")
        saved(page, lambda: page.click(f"{form} button[name=save-name]"))
        page.goto("about:blank")

    model = load(blank)
    assert [(p.id, p.name) for p in model.partners] == [
        ("partner-a", "Partner A"),
        ("police", "Anytown Police"),
        ("anytown-council", "Anytown Council"),
    ]
    (element,) = model.inputs
    assert (element.id, model.partners_of(element)) == (own, ["police"])


# ---------------------------------------------------------------- refusals


def test_a_backward_link_is_refused_with_the_loader_s_message(
    runner: CliRunner, figure: Path
) -> None:
    before = figure.read_bytes()
    with editing(figure) as server:
        status, answer = post(
            server, request(figure, "link", source="trust", target="pooled-resources")
        )
    assert status == 422
    assert answer == {
        "error": cli_message(runner, "link", str(figure), "trust", "pooled-resources")
    }
    assert answer["error"].startswith("interim outcome 'trust' links back to input")
    assert figure.read_bytes() == before


@pytest.mark.browser
def test_a_refused_edit_is_shown_in_the_panel_and_nothing_is_written(
    browser: Browser, runner: CliRunner, figure: Path
) -> None:
    before = figure.read_bytes()
    said = runner.invoke(cli, ["rename", str(figure), "a-resources", "b-resources"])
    assert said.exit_code != 0 and figure.read_bytes() == before
    expected = said.output.strip().splitlines()[-1].removeprefix(f"{figure}: ")
    with editing(figure) as server, watched_page(browser, refusals=True) as page:
        open_editor(page, server)
        select(page, "trust")
        # The page offers only links that run forward.
        offered = page.eval_on_selector_all(
            "#lm-panel select[name=target] option", "options => options.map(o => o.value)"
        )
        assert "pooled-resources" not in offered and "ultimate-outcome" in offered

        select(page, "a-resources")
        page.fill("#lm-panel input[name=id]", "b-resources")
        page.click("#lm-panel button[name=rename]")
        error = page.locator("#lm-panel .edit-error:not([hidden])")
        error.wait_for()
        assert error.text_content() == expected
        assert error.get_attribute("role") == "alert"
        assert page.text_content("#lm-status") == "Not saved"
        page.goto("about:blank")
    assert "'b-resources' is already the id of another element" in expected
    assert figure.read_bytes() == before


def test_renaming_to_an_id_in_use_says_the_id_is_in_use(figure: Path) -> None:
    before = figure.read_bytes()
    with editing(figure) as server:
        status, answer = post(
            server, request(figure, "rename", old="trust", new="pooled-resources")
        )
    assert status == 422
    assert "pooled-resources" in answer["error"]
    assert re.search(r"duplicate|already|in use", answer["error"]), answer["error"]
    assert "links back" not in answer["error"]
    assert figure.read_bytes() == before


# ---------------------------------------------------------------- what the file keeps


@pytest.mark.browser
def test_a_hostile_label_is_shown_and_saved_as_typed(page: Page, blank: Path) -> None:
    with editing(blank) as server:
        open_editor(page, server)
        ident = add(page, "interim", HOSTILE)
        select(page, ident)
        assert page.text_content("#lm-panel h2") == HOSTILE
        assert page.input_value("#lm-panel input[name=label]") == HOSTILE
        assert page.locator("img").count() == 0
        assert page.evaluate("document.scripts.length") == 8  # data and seven scripts
        page.goto("about:blank")
    (outcome,) = load(blank).interim
    assert (outcome.id, outcome.label) == (ident, HOSTILE)


@pytest.mark.browser
def test_comments_survive_twenty_edits_in_the_page(page: Page, blank: Path) -> None:
    text = blank.read_text("utf-8")
    text = text.replace("\npartners:\n", "\n# keep me: written by hand\npartners:\n")
    text = text.replace("title: T\n", "title: T          # end of line, by hand\n")
    blank.write_text(text, "utf-8")
    with editing(blank) as server:
        open_editor(page, server)
        staff = add(page, "inputs", "Staff time", by=["partner-a"])  # 1
        patrols = add(page, "activities", "Street patrols", by=PARTNERS)  # 2
        incidents = add(page, "interim", "Fewer incidents")  # 3
        link(page, staff, patrols)  # 4
        link(page, patrols, incidents)  # 5
        set_label(page, staff, "Staff time, pooled")  # 6
        rename(page, staff, "staff-hours")  # 7
        logs = add(page, "outputs", "Patrol logs", by=["partner-b"])  # 8
        link(page, patrols, logs)  # 9
        unlink(page, patrols, "Fewer incidents")  # 10
        link(page, logs, incidents)  # 11
        set_label(page, incidents, "Fewer incidents reported")  # 12
        streets = add(page, "intermediate", "Safer streets")  # 13
        link(page, incidents, streets)  # 14
        rename(page, incidents, "incidents-down")  # 15
        set_label(page, patrols, "Joint street patrols")  # 16
        rename(page, patrols, "joint-patrols")  # 17
        budget = add(page, "inputs", "Council budget", by=["partner-b"])  # 18
        link(page, budget, "joint-patrols")  # 19
        set_label(page, streets, "Safer streets for all")  # 20
        page.goto("about:blank")

    after = blank.read_text("utf-8")
    assert "\n# keep me: written by hand\npartners:\n" in after
    assert "title: T          # end of line, by hand\n" in after
    assert comments(after) == comments(text)
    assert rows(load(blank)) == {
        "inputs": [
            ("staff-hours", "Staff time, pooled", ["partner-a"], ["joint-patrols"], None),
            (budget, "Council budget", ["partner-b"], ["joint-patrols"], None),
        ],
        "activities": [("joint-patrols", "Joint street patrols", PARTNERS, [logs], None)],
        "outputs": [(logs, "Patrol logs", ["partner-b"], ["incidents-down"], None)],
        "interim": [("incidents-down", "Fewer incidents reported", None, [streets], None)],
        "intermediate": [(streets, "Safer streets for all", None, [], None)],
    }


# ---------------------------------------------------------------- two pages at once


@pytest.mark.browser
def test_an_edit_in_one_page_reaches_the_other_and_a_stale_one_is_refused(
    browser: Browser, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "model.yaml"
    args = ["new", str(path), "--title", "T", "--partner", "Partner A", "--partner", "Partner B"]
    args += ["--activity", "all=Joint patrols", "--interim", "Fewer incidents", "--no-interactive"]
    assert runner.invoke(cli, args).exit_code == 0
    with editing(path) as server, watched_page(browser) as first, watched_page(browser) as second:
        open_editor(first, server)
        open_editor(second, server)
        drawn = path.read_bytes()

        select(first, "fewer-incidents")
        first.fill("#lm-panel input[name=label]", "Fewer incidents reported")
        first.evaluate("document.documentElement.dataset.stale = 'true'")
        first.click("#lm-panel button[name=save-label]")
        # The other page, left alone, shows it: it is told at once and redrawn. Timed from the
        # write to the redrawn page's arrival: the work that is the editor's, not the time a
        # starved browser takes to lay the page out (a quarter second on an idle machine).
        second.wait_for_selector(
            '.el[data-id="fewer-incidents"][aria-label^="Fewer incidents reported ("]',
            state="attached",
        )
        assert 0 < arrived_at(second) - path.stat().st_mtime < 1.0
        first.wait_for_selector("html[data-ready=true]:not([data-stale])", state="attached")
        second.wait_for_selector("html[data-ready=true]", state="attached")
        edited = path.read_bytes()

        # An edit made from the page as drawn before: refused, nothing written.
        stale = {
            "op": "set",
            "args": {"ident": "fewer-incidents", "field": "label", "value": "Stale"},
            "version": version(drawn),
        }
        status, answer = post(server, stale)
        assert status == 409 and "changed since" in answer["error"]
        assert path.read_bytes() == edited

        # The other page, redrawn, edits the file as it now is; the first page follows.
        output = add(second, "outputs", "Patrol logs", by=["partner-b"])
        first.wait_for_selector(f'.el[data-id="{output}"]', state="attached")
        first.goto("about:blank")
        second.goto("about:blank")

    model = load(path)
    assert labels(model) == {
        "joint-patrols": "Joint patrols",
        output: "Patrol logs",
        "fewer-incidents": "Fewer incidents reported",
    }


@pytest.mark.browser
def test_a_page_that_missed_a_save_is_refused_then_shows_the_file(
    browser: Browser, figure: Path
) -> None:
    with editing(figure) as server, watched_page(browser, refusals=True) as page:
        # A page whose event stream has gone quiet (a sleeping laptop) hears of no save.
        quiet = {"status": 200, "headers": {"Content-Type": "text/event-stream"}, "body": ": \n\n"}
        page.route("**/events*", lambda route: route.fulfill(**quiet))
        open_editor(page, server)
        status, _ = post(server, request(figure, "set", ident="trust", field="label", value="X"))
        assert status == 200
        written = figure.read_bytes()

        set_in_page = "Increased trust, from a stale page"
        select(page, "trust")
        page.fill("#lm-panel input[name=label]", set_in_page)
        page.evaluate("document.documentElement.dataset.stale = 'true'")
        page.click("#lm-panel button[name=save-label]")
        error = page.locator("#lm-panel .edit-error:not([hidden])")
        error.wait_for()
        assert "changed since this page was drawn" in (error.text_content() or "")
        # Then it redraws itself from the file, keeping the selection.
        page.wait_for_selector("html[data-ready=true]:not([data-stale])", timeout=5000)
        assert page.text_content("#lm-panel h2") == "X"
        page.goto("about:blank")
    assert figure.read_bytes() == written


# ---------------------------------------------------------------- the endpoint's guards


@pytest.fixture
def guarded(figure: Path, tmp_path: Path) -> Iterator[Server]:
    """Yield an editing server, and check afterwards that no file was written."""
    (tmp_path / "other.yaml").write_text("logicmodel: 1\ntitle: other\n", "utf-8")
    before = listing(tmp_path)
    with editing(figure) as server:
        yield server
    assert listing(tmp_path) == before


def test_the_page_s_own_request_is_accepted(figure: Path, tmp_path: Path) -> None:
    """The baseline for the refusals below: the same request, with nothing wrong, is made."""
    other = tmp_path / "other.yaml"
    other.write_text("logicmodel: 1\ntitle: other\n", "utf-8")
    with editing(figure) as server:
        status, answer = post(
            server, request(figure, "set", ident="trust", field="label", value="X")
        )
        assert status == 200
        assert answer == {
            "ok": True,
            "done": answer["done"],
            "version": version(figure.read_bytes()),
            "undo": True,
            "redo": False,
        }
        assert "trust" in answer["done"]
    assert labels(load(figure))["trust"] == "X"
    assert sorted(listing(tmp_path)) == ["model.yaml", "other.yaml"]
    assert other.read_text("utf-8") == "logicmodel: 1\ntitle: other\n"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"X-Logicmodel-Token": None}, 403),
        ({"X-Logicmodel-Token": "0" * 32}, 403),
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": None}, 403),
        ({"Origin": "null"}, 403),
        ({"Host": "evil.example"}, 403),
        ({"Host": "evil.example:{port}"}, 403),
    ],
    ids=[
        "no-token",
        "wrong-token",
        "other-origin",
        "no-origin",
        "null-origin",
        "other-host",
        "other-host-port",
    ],
)
def test_an_edit_needs_the_token_and_this_server_s_origin(
    guarded: Server, figure: Path, headers: dict[str, str | None], status: int
) -> None:
    before = figure.read_bytes()
    sent = {k: v.format(port=guarded.port) if v else v for k, v in headers.items()}
    edit = request(figure, "set", ident="trust", field="label", value="X")
    got, _ = post(guarded, edit, headers=sent)
    assert got == status
    assert figure.read_bytes() == before


@pytest.mark.parametrize(
    ("path", "status"),
    [("/{token}/m/1/edit", 403), ("/{token}/m/../edit", 403), ("/wrong/m/0/edit", 403)],
)
def test_no_other_address_takes_an_edit(
    guarded: Server, figure: Path, path: str, status: int
) -> None:
    got, _ = post(
        guarded,
        request(figure, "set", ident="trust", field="label", value="X"),
        path=path.format(token=guarded.token),
    )
    assert got == status


def test_a_get_of_the_edit_address_writes_nothing(guarded: Server) -> None:
    status, _ = post(guarded, b"", method="GET")
    assert status == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"\xff\xfe", 400),
        (b"[1, 2]", 400),
        (b'{"op": "add"}', 400),  # no version
        ({"op": "format_disk", "args": {}, "version": "v"}, 400),
        (b" " * (1024 * 1024 + 1), 413),
    ],
    ids=["not-json", "not-utf8", "not-an-object", "no-version", "unknown-op", "over-1mb"],
)
def test_a_malformed_request_is_refused(
    guarded: Server, body: bytes | dict[str, Any], status: int
) -> None:
    got, answer = post(guarded, body)
    assert got == status
    assert guarded.token not in str(answer)


def test_an_edit_names_no_file(guarded: Server, figure: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    args = {"stage": "inputs", "id": "x", "label": "x", "by": ["partner-a"], "path": str(other)}
    status, answer = post(guarded, request(figure, "add", **args))
    assert status == 400 and answer == {"error": "add takes no 'path'"}


def test_the_query_string_names_no_file(figure: Path, tmp_path: Path) -> None:
    """A query is not read at all, and an extra key is refused: only the served file changes."""
    other = tmp_path / "other.yaml"
    other.write_text("logicmodel: 1\ntitle: other\n", "utf-8")
    before = other.read_bytes()
    with editing(figure) as server:
        edit = request(figure, "set", ident="trust", field="label", value="X")
        status, _ = post(server, edit | {"path": str(other)})
        assert status == 400
        status, _ = post(server, edit, path=f"{server.path(0, edits=True)}?path={other}")
    assert status == 200
    assert labels(load(figure))["trust"] == "X"
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.yaml", "other.yaml"]


def test_undo_never_overwrites_a_change_made_outside_the_page(figure: Path) -> None:
    with editing(figure) as server:
        edit = request(figure, "set", ident="trust", field="label", value="X")
        assert post(server, edit)[0] == 200
        by_hand = figure.read_text("utf-8") + "# added in a text editor\n"
        figure.write_text(by_hand, "utf-8")
        for seen in (edit["version"], version(by_hand.encode())):
            status, answer = post(server, {"op": "undo", "version": seen})
            assert status == 409 and "changed since" in answer["error"]
    assert figure.read_text("utf-8") == by_hand


def test_an_edit_to_a_file_broken_by_hand_is_refused(figure: Path) -> None:
    with editing(figure) as server:
        broken = figure.read_text("utf-8").replace("leads_to: [a-outputs]", "leads_to: [nowhere]")
        figure.write_text(broken, "utf-8")
        edit = request(figure, "set", ident="trust", field="label", value="X")
        status, answer = post(server, edit)
    assert status == 409 and "nowhere" in answer["error"]
    assert figure.read_text("utf-8") == broken


def test_a_cross_site_preflight_is_not_answered_with_permission(guarded: Server) -> None:
    headers = {
        "Origin": "http://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-logicmodel-token, content-type",
    }
    connection = http.client.HTTPConnection("127.0.0.1", guarded.port, timeout=10)
    try:
        connection.request("OPTIONS", guarded.path(0, edits=True), headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert response.status == 405
    assert not [name for name, _ in response.getheaders() if name.lower().startswith("access-")]


def test_the_serve_command_takes_no_edits(figure: Path) -> None:
    before = figure.read_bytes()
    with Server([str(figure)]) as server:
        status, answer = post(
            server, request(figure, "set", ident="trust", field="label", value="X")
        )
    assert status == 405 and "only GET and HEAD" in answer
    assert figure.read_bytes() == before
