"""The editor's self-assessment panel: answers chosen and typed in the page are saved as one
edit, comments kept, with the same answers and scores `assess` gives; the panel comes back
after the save; the endpoint refuses what `assess` refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.serving.page_edits import Editor, Refused, version_of

from .conftest import FIGURE1
from .test_editor import editing, open_editor, saved

if TYPE_CHECKING:
    from playwright.sync_api import Page

COMMENT = "# answered in the room\n"


@pytest.fixture
def figure(tmp_path: Path) -> Path:
    path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, path)
    path.write_text(COMMENT + path.read_text("utf-8"), "utf-8")
    return path


def _scores(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["assess", str(path), "--scores", "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


@pytest.mark.browser
def test_answers_given_in_the_page_equal_the_terminals(
    page: Page, figure: Path, tmp_path: Path
) -> None:
    with editing(figure) as server:
        open_editor(page, server)
        page.click("#lm-assess")
        page.select_option("#lm-panel select[name=stage]", "plan")
        page.select_option("#lm-panel select[name=answer-purpose]", "yes")
        page.fill("#lm-panel input[name=note-purpose]", "a shared NEET target")
        page.select_option("#lm-panel select[name=answer-trend]", "partly")
        page.select_option("#lm-panel select[name=answer-gain-outweighs-pain]", "no")
        saved(page, lambda: page.click("#lm-panel button[name=save-answers]"))
        # The panel is open again after the save, showing the new scores.
        page.wait_for_selector("#lm-panel form[aria-label=Self-assessment]")
        assert page.input_value("#lm-panel select[name=answer-trend]") == "partly"
        assert "100% (1 of 4 answered)" in (page.text_content("#lm-panel .scores") or "")
    assert figure.read_text("utf-8").startswith(COMMENT)
    model = load(figure)
    assert model.partnership.stage is not None and model.partnership.stage.value == "plan"
    answers = {a.question: (a.answer.value, a.note) for a in model.assessment}
    assert answers == {
        "purpose": ("yes", "a shared NEET target"),
        "trend": ("partly", None),
        "gain-outweighs-pain": ("no", None),
    }
    # The same answers given in the terminal score the same.
    other = tmp_path / "terminal.yaml"
    shutil.copy(FIGURE1, other)
    for given in ("purpose=yes", "trend=partly", "gain-outweighs-pain=no"):
        assert CliRunner().invoke(cli, ["assess", str(other), "--answer", given]).exit_code == 0
    assert (
        CliRunner().invoke(cli, ["set", str(other), "partnership", "stage", "plan"]).exit_code == 0
    )
    assert _scores(other) == _scores(figure)


def test_the_endpoint_refuses_a_bad_answer_and_an_empty_save(figure: Path) -> None:
    editor = Editor(str(figure))
    version = version_of(figure.read_bytes())
    before = figure.read_bytes()
    for answers, words in (
        ([["trnd", "yes", ""]], "'trend'"),
        ([["trend", "maybe", ""]], "unsure"),
        ([["trend"]], "[[question, answer, note]"),
        ([], "no answer changed"),
    ):
        with pytest.raises(Refused) as refused:
            editor.edit({"op": "answers", "args": {"answers": answers}, "version": version})
        assert words in refused.value.message
    assert figure.read_bytes() == before
    done = editor.edit(
        {"op": "answers", "args": {"answers": [["trend", "no", "x"]]}, "version": version}
    )
    assert done["ok"]
    again = editor.edit(
        {"op": "answers", "args": {"answers": [["trend", "", ""]]}, "version": done["version"]}
    )
    assert again["ok"] and load(figure).assessment == []
