"""The Python API: docs/api.md's examples run, the verbs are importable from `logicmodel`, and
results display in a notebook as valid SVG and HTML, hostile labels escaped."""

from __future__ import annotations

import csv
import doctest
import importlib
import io
import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import logicmodel
from logicmodel.analysis.results import Result, render
from logicmodel.display import diff_svg
from logicmodel.editing.layer import Draft

from .conftest import FIGURE1, ROOT

API = ("load", "save", "check", "trace", "whatif", "render", "export", "to_networkx")
HOSTILE = "<script>alert('x')</script> & \"quotes\""


def test_the_reference_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name samples/ from the top folder
    result = doctest.testfile(
        str(ROOT / "docs" / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 30
    assert result.failed == 0


@pytest.mark.parametrize("name", [*API, "compare", "diff"])
def test_every_verb_is_documented_and_exported(name: str) -> None:
    assert callable(getattr(logicmodel, name))
    assert name in logicmodel.__all__
    assert f"## {name}" in (ROOT / "docs" / "api.md").read_text("utf-8")


class Cells(HTMLParser):
    """Collect the text of every table cell, and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def cells(markup: str) -> Cells:
    parser = Cells()
    parser.feed(markup)
    parser.close()
    return parser


def hostile_model() -> logicmodel.LogicModel:
    draft = Draft.open(FIGURE1)
    draft.set("trust", "label", HOSTILE)
    return draft.model


def test_a_model_displays_as_svg_in_a_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: dict[tuple[str, str], Any] = {}

    class Formatter:
        def for_type_by_name(self, module: str, name: str, draw: Any) -> None:
            registered[module, name] = draw

    shell = SimpleNamespace(
        display_formatter=SimpleNamespace(formatters={"image/svg+xml": Formatter()})
    )
    monkeypatch.setitem(sys.modules, "IPython", SimpleNamespace(get_ipython=lambda: shell))
    logicmodel._show_models_as_pictures()
    # IPython finds the formatter by the class's module and name: they must stay true.
    model = hostile_model()
    draw = registered[type(model).__module__, type(model).__name__]
    root = ET.fromstring(draw(model))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(root.attrib["width"].removesuffix("pt")) > 100


def test_no_picture_is_registered_outside_ipython(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    logicmodel._show_models_as_pictures()  # nothing to register with, and no error


def test_a_trace_displays_as_a_table_with_every_outcome_escaped() -> None:
    model = hostile_model()
    traced = logicmodel.trace(model)
    found = cells(traced._repr_html_())
    assert "script" not in found.tags
    header, *body = found.rows
    assert header[:4] == ["id", "label", "stage", "trace_class"]
    assert [row[0] for row in body] == list(traced.outcomes)
    assert HOSTILE in [row[1] for row in body]


def test_a_diff_displays_as_a_marked_picture_and_a_table() -> None:
    old = logicmodel.load(FIGURE1)
    changes = logicmodel.diff(old, hostile_model())
    # The picture is the renderer's: display draws it, the diff module imports no renderer.
    root = ET.fromstring(diff_svg(changes) or "")
    assert root.tag.endswith("svg")
    found = cells(changes._repr_html_())
    assert "script" not in found.tags
    assert [row[0] for row in found.rows[1:]] == [e.change for e in changes.entries]
    assert [HOSTILE] == [row[6] for row in found.rows[1:] if row[0] == "relabelled"]


RESULTS = pytest.mark.parametrize(
    "make",
    [
        lambda m: logicmodel.trace(m),
        lambda m: logicmodel.whatif(m, without=[m.partner_ids()[0]]),
        lambda m: logicmodel.check(m),
        lambda m: logicmodel.compare([m]),
        lambda m: logicmodel.diff(m, m),
        lambda m: importlib.import_module("logicmodel.analysis.gain").measure(m),
    ],
    ids=["trace", "whatif", "check", "compare", "diff", "gain"],
)


@RESULTS
def test_every_result_gives_plain_records_and_a_table(make: object) -> None:
    model = logicmodel.load(ROOT / "samples" / "inverclyde-mcmc.yaml")
    result = make(model)  # type: ignore[operator]
    records = result.to_records()
    assert records == result.as_dicts()
    assert json.loads(json.dumps(records)) == records  # plain values only
    found = cells(result._repr_html_())
    assert len(found.rows) == 1 + len(records)


@RESULTS
def test_every_result_renders_in_every_report_format(make: object) -> None:
    """One formatter for every result: its table for people, its records for machines."""
    model = logicmodel.load(ROOT / "samples" / "inverclyde-mcmc.yaml")
    result = make(model)  # type: ignore[operator]
    assert isinstance(result, Result)
    records, shown = result.to_records(), result.table()
    document = json.loads(render(result, "json"))
    assert document == {"summary": result.summary(), "records": records}
    read_back = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert [list(row) for row in read_back] == [list(record) for record in records]
    text = render(result, "text").splitlines()
    assert text[-1] == result.table().title
    assert len(text) == 2 + len(shown.rows) + 2  # headings, rule, rows, a blank, the title
    markdown = render(result, "markdown").splitlines()
    assert sum(line.startswith("| ") for line in markdown) == 1 + len(shown.rows)


def test_render_and_export_write_files(tmp_path: Path) -> None:
    model = logicmodel.load(FIGURE1)
    assert logicmodel.render(model, tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")
    written = logicmodel.export(model, tmp_path / "m.graph.json")
    assert json.loads(written.read_text("utf-8"))["directed"] is True
    with pytest.raises(ValueError, match="no export writes .txt"):
        logicmodel.export(model, tmp_path / "m.txt")
