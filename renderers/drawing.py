"""The one matplotlib drawing helper every picture shares: text blocks, boxes and their hatching
on axes measured in inches, and canvases padded to a theme's shape.

Figure 1, Figure 2, the gain charts and the comparison chart draw through it, so a box's
hatching, a label's font and where a line of text sits are decided once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from logicmodel.renderers.text import FONT, LINE_PITCH, Block

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.patches import Rectangle

    from logicmodel.renderers.themes import Theme

MARGIN = 0.35  # inches round a picture's content at the classic 9 pt type


def pad_to_aspect(width: float, height: float, aspect: float) -> tuple[float, float, float, float]:
    """Return width, height and the content's x and y offsets on a canvas padded to `aspect`
    (width / height; 0 pads nothing), the content centred."""
    if not aspect:
        return width, height, 0.0, 0.0
    padded_w, padded_h = max(width, height * aspect), max(height, width / aspect)
    return padded_w, padded_h, (padded_w - width) / 2, (padded_h - height) / 2


def hatching(
    x: float, y: float, w: float, h: float, hatch: str, colour: str, **kw: Any
) -> Rectangle:
    """Return a patch of hatching alone (no fill, no outline) to lay over a box.

    Hatching in a box's edge colour (black) would cross out its text; a lighter overlay of its
    own marks collaborative parts and leaves labels readable.
    """
    from matplotlib.patches import Rectangle

    return Rectangle(
        (x, y), w, h, facecolor="none", edgecolor=colour, hatch=hatch, linewidth=0, **kw
    )


class Painter:
    """Draws text blocks and boxes onto matplotlib axes whose units are inches, y downwards.

    `clip` keeps texts inside the axes (a slide's band of a diagram shows only its own);
    `name_hatching` gives a named box's hatching the box's gid with ":hatch".
    """

    def __init__(
        self, axes: Axes, theme: Theme, *, clip: bool = False, name_hatching: bool = True
    ) -> None:
        self.axes = axes
        self.theme = theme
        self.clip = clip
        self.name_hatching = name_hatching

    def text(self, x: float, y: float, block: Block, colour: str, gid: str) -> None:
        """Draw a block line by line from (x, y), its top-left corner."""
        pitch = block.size * LINE_PITCH / 72
        for number, line in enumerate(block.lines):
            self.axes.text(
                x,
                y + number * pitch + (pitch - block.size / 72) / 2,
                line,
                fontsize=block.size,
                fontfamily=FONT,
                fontweight="bold" if block.bold else "normal",
                fontstyle="italic" if block.italic else "normal",
                color=colour,
                va="top",
                ha="left",
                parse_math=False,  # a label is plain text: "$5 and $10" is money, not maths
                gid=f"{gid}:{number}",
                zorder=5,
                clip_on=self.clip,
            )

    def rect(self, x: float, y: float, w: float, h: float, hatch: str = "", **kw: Any) -> None:
        """Draw a rectangle; hatching goes on a patch of its own in the theme's hatch colour."""
        from matplotlib.patches import Rectangle

        # Added as artists, not patches: the limits are set, and growing them costs time.
        self.axes.add_artist(Rectangle((x, y), w, h, **kw))
        if hatch:
            named = self.name_hatching and kw.get("gid")
            self.axes.add_artist(
                hatching(
                    x,
                    y,
                    w,
                    h,
                    hatch,
                    self.theme.hatch_colour,
                    zorder=kw.get("zorder", 3) + 0.1,
                    gid=f"{kw['gid']}:hatch" if named else None,
                )
            )


__all__ = ["MARGIN", "Painter", "hatching", "pad_to_aspect"]
