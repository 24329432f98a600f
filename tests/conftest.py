"""Shared test fixtures: the samples, a CLI runner, and the `needs` marker for external tools."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

ROOT = Path(__file__).resolve().parent.parent
FIGURE1 = ROOT / "samples" / "figure1.yaml"
SAMPLES = sorted(
    path for path in (ROOT / "samples").iterdir() if path.suffix in (".yaml", ".yml", ".json")
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip a test whose tool is missing, except under CI=true, where it must fail instead."""
    in_ci = os.environ.get("CI", "").lower() == "true"
    for item in items:
        for marker in item.iter_markers("needs"):
            tool = marker.args[0]
            if shutil.which(tool):
                continue
            if in_ci:
                item.add_marker(pytest.mark.usefixtures("_missing_tool_fails"))
                item.user_properties.append(("missing_tool", tool))
            else:
                item.add_marker(pytest.mark.skip(reason=f"needs {tool!r} on the PATH"))


@pytest.fixture
def _missing_tool_fails(request: pytest.FixtureRequest) -> None:
    tools = [value for key, value in request.node.user_properties if key == "missing_tool"]
    pytest.fail(f"CI=true and {', '.join(tools)} is not installed: .ci/run must install it")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# Debian's package: Playwright's own browser download is not reachable.
CHROMIUM = "/usr/lib/chromium/chromium"


def chromium_path() -> str | None:
    """Return the Chromium executable the browser tests launch, or None."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Yield one headless Chromium for the whole session (launching costs a second)."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true and chromium is not installed: .ci/run must install it")
        pytest.skip("needs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """Yield a fresh page that fails the test on any console error or uncaught exception."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))

    def refuse(dialog: Dialog) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    opened.on("dialog", refuse)
    yield opened
    context.close()
    assert not problems, f"the page reported: {problems}"
