"""Contrast in every theme, computed from the theme's own colours as the views pair them: text
at least 4.5:1 against what it sits on, boxes, lines and focus rings at least 3:1 (WCAG 2.2
1.4.3 and 1.4.11)."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from matplotlib.colors import to_rgb

from logicmodel.cli import cli
from logicmodel.renderers.html import static_text
from logicmodel.renderers.themes import PALETTES, THEMES, Theme, get_theme

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FloatRect, Page

TEXT, GRAPHIC = 4.5, 3.0
# What the page draws in fixed colours whatever the theme: the focus and selection ring.
RING = re.search(r"\.el:focus-visible \.body \{ stroke: (#[0-9a-fA-F]{6})", static_text("page.css"))
GROUNDS = ("background", "green_lane", "red_lane")  # what boxes and lines are drawn on
# Text, and the colour each sits on in every view.
TEXT_PAIRS = [
    ("text", "green_fill"),
    ("text", "red_fill"),
    ("muted_text", "warning_fill"),  # the warning box's words
    ("focus_text", "focus_fill"),
    *[("muted_text", ground) for ground in GROUNDS],  # title, headings, lane names, legend
]
# A box must stand out from its ground by its fill or its edge; lines by their colour.
BOXES = ("green", "red", "warning", "focus")
LINES = ("link", "enhances", "divider")


def luminance(colour: str) -> float:
    """Return a colour's relative luminance as WCAG defines it."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(one: str, other: str) -> float:
    """Return the WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


THEME_NAMES = sorted(THEMES) + [
    f"{layout}+{palette}"
    for layout, palette in product(sorted(THEMES), PALETTES)
    if layout != palette
]


def test_the_ratio_is_the_one_wcag_gives() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_text_is_readable_on_what_it_sits_on(name: str) -> None:
    theme = get_theme(name)
    faint = [
        f"{fore} on {ground}: {contrast(getattr(theme, fore), getattr(theme, ground)):.2f}"
        for fore, ground in TEXT_PAIRS
        if contrast(getattr(theme, fore), getattr(theme, ground)) < TEXT
    ]
    assert faint == []


@pytest.mark.parametrize("name", THEME_NAMES)
def test_boxes_lines_and_the_focus_ring_stand_out(name: str) -> None:
    theme: Theme = get_theme(name)
    assert RING is not None, "the page's focus ring colour moved: read it from its new place"
    faint = []
    for ground in GROUNDS:
        under = getattr(theme, ground)
        for box in BOXES:
            best = max(
                contrast(getattr(theme, f"{box}_fill"), under),
                contrast(getattr(theme, f"{box}_edge"), under),
            )
            if best < GRAPHIC:
                faint.append(f"{box} box on {ground}: {best:.2f}")
        for line in LINES:
            if contrast(getattr(theme, line), under) < GRAPHIC:
                faint.append(f"{line} on {ground}: {contrast(getattr(theme, line), under):.2f}")
        if contrast(RING.group(1), under) < GRAPHIC:
            faint.append(f"focus ring on {ground}")
    assert faint == []


GREY_MODEL = """\
logicmodel: 1
title: Greyscale
partners:
  - {id: a, name: A}
  - {id: b, name: B}
activities:
  - {id: own, label: Own, by: a, leads_to: [end]}
  - {id: joint, label: Joint, by: [a, b], leads_to: [end]}
interim:
  - {id: end, label: End}
"""


def box_texture(page: Page, ident: str) -> tuple[float, float]:
    """Return the mean and spread of the grey levels of a box's lower right part (no text)."""
    from io import BytesIO

    from PIL import Image, ImageStat

    box = page.locator(f'g.el[data-id="{ident}"] rect.body').bounding_box()
    assert box is not None
    clip: FloatRect = {
        "x": box["x"] + box["width"] * 0.55 + 3,
        "y": box["y"] + box["height"] * 0.5,
        "width": box["width"] * 0.45 - 6,
        "height": box["height"] * 0.5 - 3,
    }
    grey = Image.open(BytesIO(page.screenshot(clip=clip))).convert("L")
    stat = ImageStat.Stat(grey)
    return stat.mean[0], stat.stddev[0]


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_in_greyscale_collaborative_and_single_agency_boxes_still_differ(
    browser: Browser, tmp_path: Path, theme: str
) -> None:
    """Drawn in shades of grey (a greyscale printer, or a reader who cannot tell the colours
    apart), a collaborative box is told from a single-agency one by its hatching or its
    shade, measured on the pixels."""
    model = tmp_path / "grey.yaml"
    model.write_text(GREY_MODEL, "utf-8")
    out = tmp_path / "grey.html"
    result = CliRunner().invoke(
        cli, ["render", str(model), "--view", "html", "--theme", theme, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(out.as_uri())
        page.wait_for_selector("html[data-ready=true]")
        own_mean, own_spread = box_texture(page, "own")
        joint_mean, joint_spread = box_texture(page, "joint")
    finally:
        context.close()
    assert abs(joint_spread - own_spread) >= 8 or abs(joint_mean - own_mean) >= 40, (
        f"{theme}: single-agency {own_mean:.0f}±{own_spread:.0f}, "
        f"collaborative {joint_mean:.0f}±{joint_spread:.0f}"
    )
