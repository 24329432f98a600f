"""Text made safe for a terminal: control characters and bidi overrides shown, never obeyed."""

from __future__ import annotations

import re
import shutil
import sys
from typing import TextIO

# C0 and C1 controls (ESC starts ANSI and OSC sequences; U+009B is a one-character CSI), DEL,
# and the invisible controls that reorder or hide text (bidi embeddings, overrides and
# isolates, line and paragraph separators). Tab and line feed are kept: tables use them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    r"""Return text with every terminal control written out as an escape, so it is shown inert.

    >>> terminal_text("red \x1b[31m, \u202eevil")
    'red \\x1b[31m, \\u202eevil'
    """
    return _UNSAFE.sub(_shown, text)


def table_width(stream: TextIO | None = None) -> int | None:
    """Return the width a table printed to `stream` (standard output) should fit: the
    terminal's, or None (no limit) when it goes to a file or a pipe, where nothing wraps."""
    stream = sys.stdout if stream is None else stream
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        interactive = False
    return shutil.get_terminal_size().columns if interactive else None


__all__ = [
    "table_width",
    "terminal_text",
]
