"""Themes as data: colours, hatching and type sizes shared by every view."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

# Each theme is a plain mapping, starting from the values most share (_BASE) and saying
# where it differs; `get_theme` checks it against the fields of `Theme`.
_BASE: dict[str, Any] = {
    "red_hatch": "",
    "hatch_colour": "#000000",
    "text": "#111111",
    "muted_text": "#444444",
    "focus_text": "#111111",
    "link": "#5A5A5A",
    "divider": "#6E6E6E",  # 3:1 or more against the page and both lanes (WCAG 1.4.11)
    "background": "#FFFFFF",
    "font_size": 9.0,
    "title_size": 16.0,
    "box_width": 1.9,
    "gutter": 0.75,
    "spacing": 1.0,
    "line_weight": 1.0,
    "aspect": 0.0,
}

THEMES: dict[str, dict[str, Any]] = {
    "classic": {
        **_BASE,
        "single_name": "green",
        "joint_name": "red",
        "description": "the research report's red and green",
        "green_fill": "#9CD39A",
        "green_edge": "#2E7D32",
        "red_fill": "#F19A97",
        "red_edge": "#C62828",
        # Collaborative parts are hatched in every theme: a second channel besides colour, for
        # greyscale printers and readers who cannot tell red from green.
        "red_hatch": "//",
        "hatch_colour": "#D0625E",
        "green_lane": "#EEF7EE",
        "red_lane": "#FCEDEC",
        "focus_fill": "#E8EEF6",
        "focus_edge": "#51627A",
        "warning_fill": "#FFF3C4",
        "warning_edge": "#B26A00",
        "enhances": "#C62828",
    },
    "colourblind": {
        **_BASE,
        "single_name": "blue",
        "joint_name": "orange",
        "description": "Okabe-Ito orange and blue: distinct under red-green colour blindness",
        "green_fill": "#9ACFEF",
        "green_edge": "#0072B2",
        "red_fill": "#F5BE5B",
        "red_edge": "#B35900",
        "red_hatch": "//",
        "hatch_colour": "#C98A1C",
        "green_lane": "#EDF6FC",
        "red_lane": "#FDF3E1",
        "focus_fill": "#ECECEC",
        "focus_edge": "#555555",
        "warning_fill": "#FFFFFF",
        "warning_edge": "#000000",
        "enhances": "#B35900",
    },
    "print": {
        **_BASE,
        "single_name": "white",
        "joint_name": "grey hatched",
        "description": "greyscale, with hatching for collaborative parts",
        "green_fill": "#FFFFFF",
        "green_edge": "#000000",
        "red_fill": "#D6D6D6",
        "red_edge": "#000000",
        "red_hatch": "//",
        "hatch_colour": "#969696",
        "text": "#000000",
        "muted_text": "#333333",
        "green_lane": "#F7F7F7",
        "red_lane": "#EDEDED",
        "focus_fill": "#FFFFFF",
        "focus_edge": "#000000",
        "warning_fill": "#FFFFFF",
        "warning_edge": "#000000",
        "link": "#404040",
        "enhances": "#000000",
        "divider": "#808080",
    },
    "projector": {
        **_BASE,
        "single_name": "green",
        "joint_name": "red",
        "description": "16:9, large type and strong colours for the back of a room",
        "green_fill": "#1B7F3B",
        "green_edge": "#0B3D1C",
        "red_fill": "#C62828",
        "red_edge": "#6D0F0F",
        "red_hatch": "//",
        "hatch_colour": "#5C0B0B",
        "text": "#FFFFFF",
        "muted_text": "#000000",
        "green_lane": "#E3F2E6",
        "red_lane": "#FBE3E3",
        "focus_fill": "#263238",
        "focus_text": "#FFFFFF",
        "focus_edge": "#000000",
        "warning_fill": "#FFD600",
        "warning_edge": "#000000",
        "link": "#202020",
        "enhances": "#8E0000",
        "divider": "#424242",
        "font_size": 15.0,
        "title_size": 24.0,
        "box_width": 2.7,
        # Narrow gaps between columns: a slide's width goes to its boxes' text.
        "gutter": 0.45,
        "spacing": 0.6,
        "line_weight": 1.5,
        "aspect": 1.7777777777777777,
    },
}


@dataclass(frozen=True)
class Theme:
    """A validated theme; colours are matplotlib colour strings, sizes are points and inches."""

    name: str
    description: str
    single_name: str  # what the legend calls the single-agency colour
    joint_name: str  # and the collaborative one
    green_fill: str
    green_edge: str
    red_fill: str
    red_edge: str
    red_hatch: str
    hatch_colour: str
    text: str  # text on green and red boxes
    muted_text: str  # headings, lane names and legend on the background
    green_lane: str
    red_lane: str
    focus_fill: str
    focus_text: str
    focus_edge: str
    warning_fill: str
    warning_edge: str
    link: str
    enhances: str
    divider: str
    background: str
    font_size: float
    title_size: float
    box_width: float
    gutter: float  # the gap between columns, where links run, in inches per 9 pt of type
    spacing: float  # the gaps between boxes and between lanes, as a multiple of the classic's
    line_weight: float  # lines' width as a multiple of what the type size gives
    aspect: float  # width / height to pad the canvas to; 0 keeps the content's own shape


# A palette is a theme's colours alone: `projector+colourblind` is the projector's sizes and
# shape in the colour-blind palette.
PALETTES = ("classic", "colourblind", "print")
LAYOUT_FIELDS = (
    "font_size",
    "title_size",
    "box_width",
    "gutter",
    "spacing",
    "line_weight",
    "aspect",
)


def verify_theme(name: str) -> str:
    """Return a theme name (`layout` or `layout+palette`), or raise ValueError listing the
    valid ones."""
    layout, _, palette = name.partition("+")
    if layout not in THEMES:
        raise ValueError(f"unknown theme {layout!r}: choose from {', '.join(sorted(THEMES))}")
    if palette and palette not in PALETTES:
        raise ValueError(f"unknown palette {palette!r}: choose from {', '.join(PALETTES)}")
    return name


def with_palette(theme: str, palette: str | None) -> str:
    """Return the theme name that draws `theme`'s layout in `palette` (None keeps its own)."""
    return f"{theme}+{palette}" if palette and palette != theme else theme


def get_theme(name: str) -> Theme:
    """Return the named theme, checked against the fields every view relies on."""
    layout, _, palette = verify_theme(name).partition("+")
    values = dict(THEMES[layout])
    if palette:
        colours = THEMES[palette]
        values = {k: (values[k] if k in LAYOUT_FIELDS else v) for k, v in colours.items()}
        values["description"] = f"{THEMES[layout]['description']}, in the {palette} palette"
    expected = {f.name for f in fields(Theme)} - {"name"}
    missing, extra = expected - set(values), set(values) - expected
    if missing or extra:
        raise ValueError(f"theme {name!r}: missing {sorted(missing)}, unknown {sorted(extra)}")
    return Theme(name=name, **values)


__all__ = [
    "LAYOUT_FIELDS",
    "PALETTES",
    "THEMES",
    "Theme",
    "get_theme",
    "verify_theme",
    "with_palette",
]
