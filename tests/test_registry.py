"""The renderer registry: a view is one module and one entry, and the command line follows."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel import renderers
from logicmodel.analysis.tracing import Trace
from logicmodel.cli import cli
from logicmodel.models import LogicModel
from logicmodel.renderers import FORMATS, Format, Kind, Options

from .conftest import FIGURE1


def outline(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return one line per outcome and its class: a view small enough to write in a test."""
    return "".join(f"{o.id}: {o.trace_class.value}\n" for o in trace.outcomes.values())


@pytest.fixture
def outline_view() -> Iterator[Format]:
    module = types.ModuleType("outline_view")
    module.generate = outline  # type: ignore[attr-defined]
    sys.modules["outline_view"] = module
    entry = renderers.register(
        Format("outline", Kind.VIEW, "outline_view", (".txt",), "each outcome and its class")
    )
    yield entry
    del FORMATS["outline"], sys.modules["outline_view"]


def test_a_registered_view_is_offered_and_drawn(
    outline_view: Format, runner: CliRunner, tmp_path: Path
) -> None:
    helped = runner.invoke(cli, ["render", "--help"]).output
    assert "outline: each outcome and its class" in " ".join(helped.split())
    target = tmp_path / "outline.txt"
    result = runner.invoke(cli, ["render", str(FIGURE1), "--view", "outline", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "trust: collaboration-only" in target.read_text("utf-8").splitlines()
    wrong = runner.invoke(cli, ["render", str(FIGURE1), "--view", "outline", "-o", "x.png"])
    assert wrong.exit_code == 4 and "ending in .txt" in wrong.output


def test_options_of_one_view_are_refused_for_another(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render", str(FIGURE1), "--clusters"])
    assert result.exit_code == 4 and "--clusters goes with --view graph" in result.output


def test_every_entry_names_a_module_with_the_entry_point() -> None:
    for entry in FORMATS.values():
        assert callable(entry.load().generate), entry.name
        assert entry.suffixes and all(s == "" or s.startswith(".") for s in entry.suffixes)


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered already"):
        renderers.register(FORMATS["figure1"])
