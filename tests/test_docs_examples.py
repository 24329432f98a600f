"""Every code example in the documentation site (docs/*.md) runs, and every model in it loads.

Doctest examples (`>>>`) run with doctest from the top folder; other ```python blocks run in
order, page by page, in a temporary folder holding a copy of samples/; a ```yaml block that
starts with `logicmodel: 1` is a whole model and must load.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import shutil
from pathlib import Path

import pytest

from logicmodel import loads

from .conftest import ROOT

PAGES = sorted((ROOT / "docs").glob("*.md"))


def fenced(text: str, language: str) -> list[str]:
    """Return the bodies of a page's fenced blocks in one language, in order."""
    return [block.split("```", 1)[0] for block in text.split(f"```{language}\n")[1:]]


def test_there_are_pages_with_examples() -> None:
    assert {page.name for page in PAGES} >= {"index.md", "planners.md", "format.md", "api.md"}
    assert sum(len(fenced(page.read_text("utf-8"), "python")) for page in PAGES) >= 3


@pytest.mark.parametrize(
    "page",
    # tests/test_api.py runs docs/api.md already, with its own checks around it.
    [page for page in PAGES if page.name != "api.md"],
    ids=lambda page: page.name,
)
def test_doctest_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.failed == 0


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_python_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = [code for code in fenced(page.read_text("utf-8"), "python") if ">>>" not in code]
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for code in blocks:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, str(page), "exec"), namespace)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_whole_models_in_yaml_blocks_load(page: Path) -> None:
    for text in fenced(page.read_text("utf-8"), "yaml"):
        if text.startswith("logicmodel: 1"):
            loads(text, name=page.name)
