"""Shared test fixtures: the samples, a CLI runner, and the `needs` marker for external tools.

Skip policy: a test whose program or package is missing skips on a developer's machine and
fails under CI=true, where .ci/run must have installed it. Use the `needs` marker for a
program on the PATH, `import_or_missing` for a Python package, and `missing` for anything
else (Debian's Chromium, Mermaid's parser under tests/mermaid).
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

ROOT = Path(__file__).resolve().parent.parent
FIGURE1 = ROOT / "samples" / "figure1.yaml"
SAMPLES = sorted(
    path for path in (ROOT / "samples").iterdir() if path.suffix in (".yaml", ".yml", ".json")
)


def in_ci() -> bool:
    """Return whether the tests run under CI=true, where nothing may be missing."""
    return os.environ.get("CI", "").lower() == "true"


def missing(what: str) -> NoReturn:
    """Skip the running test for want of `what`; under CI=true, fail it instead."""
    if in_ci():
        pytest.fail(f"CI=true and {what} is not installed: .ci/run must install it")
    pytest.skip(f"needs {what}")


def import_or_missing(name: str) -> ModuleType:
    """Return the module `name`, or skip (fail under CI=true) when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python package {name!r}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip a test whose tool is missing, except under CI=true, where it must fail instead."""
    for item in items:
        for marker in item.iter_markers("needs"):
            tool = marker.args[0]
            if shutil.which(tool):
                continue
            if in_ci():
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
        missing("Debian's chromium")
    sync_api = import_or_missing("playwright.sync_api")
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
