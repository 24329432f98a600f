"""What links rest on, on Figure 1: a dot where evidence supports a link, a cross where it
refutes it, dotted lines for links assumed once a model states evidence, and a flat bar with a
minus sign, no arrowhead, for a link that works against its target; the key says each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import loads
from logicmodel.renderers.figure1 import render
from logicmodel.renderers.link_marks import MARK_WORDS, link_marks

from .test_link_facts import STATED

if TYPE_CHECKING:
    from playwright.sync_api import Page


def _gids(figure: object) -> dict[str, object]:
    found: dict[str, object] = {}
    for artist in figure.axes[0].get_children():  # type: ignore[attr-defined]
        gid = artist.get_gid()
        if gid:
            found[gid] = artist
    return found


def test_marks_follow_what_each_link_states() -> None:
    model = loads(STATED, name="m.yaml")
    assert link_marks(model) == {
        "link:tasking->safer": "evidenced",
        "link:tasking->trust": "refuted",
        "enhances:tasking->patrols": "assumed",
        "link:patrols->safer": "assumed",
        "link:patrols->trust": "negative",
    }


@pytest.mark.parametrize("theme", ["classic", "colourblind", "print", "projector"])
def test_figure1_draws_each_mark_and_the_key_names_it(theme: str) -> None:
    model = loads(STATED, name="m.yaml")
    figure = render(model, trace(model), theme)
    drawn = _gids(figure)
    assert "evidenced:link:tasking->safer" in drawn
    assert "refuted:link:tasking->trust" in drawn
    assert "bar:link:patrols->trust" in drawn and "minus:link:patrols->trust" in drawn
    assumed = drawn["link:patrols->safer"]
    assert assumed.get_linestyle() != "-"  # type: ignore[attr-defined]
    assert drawn["link:tasking->safer"].get_linestyle() == "-"  # type: ignore[attr-defined]
    # The projector's key wraps its words: read them as one text.
    key = " ".join(" ".join(t.get_text() for t in figure.axes[0].texts).split())
    for words in MARK_WORDS.values():
        assert words in key, words


def test_a_negative_link_has_no_arrowhead() -> None:
    model = loads(STATED, name="m.yaml")
    drawn = _gids(render(model, trace(model)))
    heads = drawn["arrowheads:links"].get_paths()  # type: ignore[attr-defined]
    tips = {tuple(path.vertices[0].round(3)) for path in heads}
    end = drawn["link:patrols->trust"].get_xydata()[-1]  # type: ignore[attr-defined]
    assert tuple(end.round(3)) not in tips
    kept = drawn["link:tasking->trust"].get_xydata()[-1]  # type: ignore[attr-defined]
    assert tuple(kept.round(3)) in tips


def test_a_model_stating_nothing_draws_as_before() -> None:
    from logicmodel.fileformat.loading import load

    from .conftest import ROOT

    figure1 = load(ROOT / "samples" / "figure1.yaml")
    assert link_marks(figure1) == {}
    key = " ".join(t.get_text() for t in render(figure1, trace(figure1)).axes[0].texts)
    assert not any(words in key for words in MARK_WORDS.values())


@pytest.mark.browser
def test_the_page_marks_links_and_fades_those_with_no_evidence(page: Page, tmp_path: Path) -> None:
    from .test_html import open_page

    open_page(page, tmp_path, loads(STATED, name="m.yaml"))
    marked = page.eval_on_selector_all(
        ".links .link",
        "gs => gs.map(g => [g.dataset.source, g.dataset.target, g.className.baseVal])",
    )
    classes = {(s, t): c.split()[2] if len(c.split()) > 2 else "" for s, t, c in marked}
    assert classes[("patrols", "trust")] == "negative"
    assert classes[("tasking", "safer")] == "evidenced"
    assert classes[("patrols", "safer")] == "assumed"
    page.check("#lm-fade-assumed")
    faded = page.eval_on_selector(".links .link.assumed", "g => getComputedStyle(g).opacity")
    kept = page.eval_on_selector(".links .link.evidenced", "g => getComputedStyle(g).opacity")
    assert float(faded) < 0.5 and float(kept) == 1.0
