"""Shared test fixtures: the samples, a CLI runner, and the `needs` marker for external tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

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
