"""Text measured and wrapped in inches with the font's own metrics, for every matplotlib view.

Views lay out before they draw: a box is as tall as its wrapped label, so widths come from
DejaVu Sans's metrics (the font every view draws in), never from a guess per character.
"""

from __future__ import annotations

import bisect
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.textpath import TextToPath

FONT = "DejaVu Sans"
LINE_PITCH = 1.28  # line height as a multiple of the font size
SAFETY = 1.07  # measured widths run a little short of rendered ones


# Bounded: a long session drawing many models (serve, a notebook) must not grow without end;
# a few thousand entries hold every word of a large model at each size it is drawn.
@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Return the width of one line of text in inches."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(
        family=FONT,
        size=size,
        weight="bold" if bold else "normal",
        style="italic" if italic else "normal",
    )
    with warnings.catch_warnings():
        # A character no font has (an emoji) is drawn as a box; one warning per word is noise.
        warnings.filterwarnings("ignore", "Glyph", UserWarning)
        width, _, _ = _measurer().get_text_width_height_descent(text, prop, ismath=False)
    return float(width) * SAFETY / 72


@lru_cache(maxsize=1)
def _measurer() -> TextToPath:
    """Return the one text measurer every width comes from."""
    from matplotlib.textpath import TextToPath

    return TextToPath()


def wrap(
    text: str, width: float, size: float, bold: bool = False, italic: bool = False
) -> list[str]:
    """Return text broken into lines no wider than `width` inches; long words are split.

    Linear in the length of the text: a word wider than the box is cut by summed character
    widths and checked exactly only near each cut, never by measuring every prefix.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if _fits(candidate, width, size, bold, italic):
                line = candidate
                continue
            if line:
                lines.append(line)
            # A word wider than the box (a URL, a long compound) is cut where it must be.
            pieces = _split_word(word, width, size, bold, italic)
            lines += pieces[:-1]
            line = pieces[-1]
        lines.append(line)
    return [line for line in lines if line] or [""]


def _fits(text: str, width: float, size: float, bold: bool, italic: bool) -> bool:
    """Return True when one line of text is no wider than `width`, measuring only short text."""
    # A line far longer than any box could hold is not measured at all: measuring is linear
    # in its length, and doing so for every word of a long paragraph would not be.
    if len(text) * _char_width("i", size, bold, italic) > 2 * width:
        return False
    return text_width(text, size, bold, italic) <= width


def _char_width(char: str, size: float, bold: bool, italic: bool) -> float:
    """Return one character's width in inches."""
    return text_width(char, size, bold, italic)


def _split_word(word: str, width: float, size: float, bold: bool, italic: bool) -> list[str]:
    """Return a word cut into lines that fit `width`, each but the last ending in '-'."""
    advance = [0.0]
    for char in word:
        advance.append(advance[-1] + _char_width(char, size, bold, italic))
    hyphen = _char_width("-", size, bold, italic)
    pieces: list[str] = []
    start = 0
    while True:
        rest = word[start:]
        if len(rest) <= 1 or _fits(rest, width, size, bold, italic):
            pieces.append(rest)
            return pieces
        # Summed widths give the cut within a character or two; the exact check settles it.
        cut = bisect.bisect_right(advance, advance[start] + width - hyphen, start + 1) - 1
        cut = min(max(cut, start + 1), len(word) - 1)
        while cut > start + 1 and not _fits(word[start:cut] + "-", width, size, bold, italic):
            cut -= 1
        while cut + 1 < len(word) and _fits(word[start : cut + 1] + "-", width, size, bold, italic):
            cut += 1
        pieces.append(word[start:cut] + "-")
        start = cut


@dataclass
class Block:
    """Lines of text in one style, placed inside a box part."""

    lines: list[str]
    size: float
    bold: bool = False
    italic: bool = False

    def height(self) -> float:
        """Return the block's height in inches."""
        return len(self.lines) * self.size * LINE_PITCH / 72


__all__ = ["FONT", "LINE_PITCH", "SAFETY", "Block", "text_width", "wrap"]
