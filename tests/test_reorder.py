"""Reordering boxes in the editor: a box dragged up or down its own cell, or moved with
Alt+ArrowUp/Down, writes the new order into the file through the editing layer, comments kept,
and the page drawn after the save keeps that order. Driven in Chromium against `edit`'s server.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from logicmodel.editing.errors import EditError
from logicmodel.editing.layer import Draft
from logicmodel.editing.reorder import reorder
from logicmodel.fileformat.loading import LoadError, load, loads

from .conftest import FIGURE1
from .test_editor import comments, editing, figure, open_editor, saved, watched_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from logicmodel.models import LogicModel

__all__ = ["figure"]  # the fixture, shared with test_editor

INTERIM = [element.id for element in load(FIGURE1).interim]
JOINT_ACTIVITIES = [
    "joint-diagnosis",
    "joint-marketing",
    "integrated-planning",
    "shared-intelligence",
]


def drawn_order(page: Page, idents: list[str]) -> list[str]:
    """Return the boxes named, top to bottom as the page draws them."""
    tops = {
        ident: page.locator(f'.el[data-id="{ident}"]').bounding_box()["y"]  # type: ignore[index]
        for ident in idents
    }
    return sorted(idents, key=tops.__getitem__)


def file_order(path: Path, idents: list[str]) -> list[str]:
    """Return the elements named in the order the file lists them."""
    model = load(path)
    listed = [element.id for _, element in model.elements()]
    return sorted(idents, key=listed.index)


def test_reorder_writes_one_stage_s_order_and_keeps_the_rest() -> None:
    def draft() -> Draft:
        return Draft.from_text(FIGURE1.read_text("utf-8"), name=str(FIGURE1))

    original = draft()
    wanted = ["shared-intelligence", "joint-diagnosis", "integrated-planning"]
    after = reorder(draft(), wanted)
    listed = [element.id for _, element in after.model.elements()]
    assert sorted(wanted, key=listed.index) == wanted
    before = [element.id for _, element in original.model.elements()]
    others = [ident for ident in before if ident not in wanted]
    assert [ident for ident in listed if ident not in wanted] == others
    assert comments(after.text) == comments(original.text)
    with pytest.raises(EditError):
        reorder(draft(), ["joint-diagnosis", "trust"])  # two stages
    with pytest.raises(EditError):
        reorder(draft(), ["joint-diagnosis", "joint-marketing"])  # that order already


@pytest.mark.browser
def test_dragging_a_box_up_its_cell_writes_the_file_and_the_drawing_keeps_it(
    browser: Browser, figure: Path
) -> None:
    text = figure.read_text("utf-8")
    with editing(figure) as server, watched_page(browser) as page:
        open_editor(page, server)
        shown = drawn_order(page, INTERIM)
        at = shown.index("deeper-provision")
        over, under = shown[at - 2], shown[at - 1]  # drop it in the gap between these two
        start = page.locator('.el[data-id="deeper-provision"]').bounding_box()
        upper = page.locator(f'.el[data-id="{over}"]').bounding_box()
        lower = page.locator(f'.el[data-id="{under}"]').bounding_box()
        assert start is not None and upper is not None and lower is not None
        x = start["x"] + start["width"] / 2
        page.mouse.move(x, start["y"] + start["height"] / 2)
        page.mouse.down()

        def drop() -> None:
            page.mouse.move(x, (upper["y"] + upper["height"] + lower["y"]) / 2, steps=10)
            page.mouse.up()

        saved(page, drop)
        wanted = [*shown[: at - 1], "deeper-provision", under, *shown[at + 1 :]]
        assert file_order(figure, INTERIM) == wanted
        # Every comment kept; one written above a box travels with it.
        assert sorted(comments(figure.read_text("utf-8"))) == sorted(comments(text))
        assert drawn_order(page, INTERIM) == wanted


@pytest.mark.browser
def test_alt_arrows_move_the_selected_box_within_its_cell(browser: Browser, figure: Path) -> None:
    with editing(figure) as server, watched_page(browser) as page:
        open_editor(page, server)
        shown = drawn_order(page, JOINT_ACTIVITIES)
        at = shown.index("joint-diagnosis")
        page.click('.el[data-id="joint-diagnosis"]')
        saved(page, lambda: page.keyboard.press("Alt+ArrowDown"))
        wanted = [*shown[:at], shown[at + 1], "joint-diagnosis", *shown[at + 2 :]]
        assert file_order(figure, JOINT_ACTIVITIES) == wanted
        assert drawn_order(page, JOINT_ACTIVITIES) == wanted


def test_a_person_s_order_survives_crossing_reduction() -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.layout import layout
    from logicmodel.renderers.themes import get_theme

    wanted = ["joint-marketing", "joint-diagnosis", "shared-intelligence", "integrated-planning"]
    model = reorder(Draft.from_text(FIGURE1.read_text("utf-8")), wanted).model
    placed = layout(model, trace(model), get_theme("classic"))
    assert sorted(wanted, key=lambda ident: placed.boxes[ident].y) == wanted


def _drawn(model: LogicModel, idents: list[str]) -> list[str]:
    """Return the boxes named, top to bottom as the layout places them."""
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.layout import layout
    from logicmodel.renderers.themes import get_theme

    placed = layout(model, trace(model), get_theme("classic"))
    return sorted(idents, key=lambda ident: placed.boxes[ident].y)


def test_an_unrelated_edit_keeps_a_person_s_order() -> None:
    wanted = ["joint-marketing", "joint-diagnosis", "shared-intelligence", "integrated-planning"]
    draft = reorder(Draft.from_text(FIGURE1.read_text("utf-8")), wanted)
    draft = draft.link("a-outputs", "partner-liaison").link("c-services", "joint-campaign")
    model = draft.model
    assert model.layout.keep_order == ["activities/joint"]
    assert _drawn(model, wanted) == wanted


def test_reorder_keeps_its_cell_once_comments_kept() -> None:
    text = FIGURE1.read_text("utf-8")
    draft = reorder(Draft.from_text(text), ["joint-marketing", "joint-diagnosis"])
    draft = reorder(draft, ["joint-diagnosis", "joint-marketing"])
    draft = reorder(draft, list(reversed(INTERIM[:2])))
    assert draft.model.layout.keep_order == ["activities/joint", "interim"]
    assert comments(draft.text) == comments(text)
    again = Draft.from_text(draft.text)  # what was written reads back the same
    assert again.model.layout.keep_order == ["activities/joint", "interim"]


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("activities/jiont", "did you mean 'joint'?"),
        ("interm", "did you mean 'interim'?"),
        ("outputs/partner-a+partner-x", "unknown lane 'partner-x'"),
        ("interim/partner-a", "an outcome column has no lanes"),
    ],
)
def test_a_kept_cell_names_a_stage_and_lane_or_the_loader_says_where(cell: str, said: str) -> None:
    text = FIGURE1.read_text("utf-8") + f"layout:\n  keep_order: [inputs/partner-a, {cell}]\n"
    with pytest.raises(LoadError) as caught:
        loads(text, name="f.yaml")
    lines = len(text.splitlines())
    assert f"f.yaml:{lines}:" in str(caught.value)
    assert said in str(caught.value)


def test_a_kept_cell_follows_its_partner_renamed_or_removed() -> None:
    kept = "layout:\n  keep_order:\n    - inputs/partner-a  # A's order\n    - interim\n"
    text = FIGURE1.read_text("utf-8") + kept
    renamed = Draft.from_text(text).rename("partner-a", "agency-a")
    assert renamed.model.layout.keep_order == ["inputs/agency-a", "interim"]
    assert "# A's order" in renamed.text
    spare = Draft.from_text(text).add_partner("partner-d", "Partner D")
    spare = Draft.from_text(spare.text.replace("interim\n", "interim\n    - outputs/partner-d\n"))
    removed = spare.remove_partner("partner-d")
    assert removed.model.layout.keep_order == ["inputs/partner-a", "interim"]
