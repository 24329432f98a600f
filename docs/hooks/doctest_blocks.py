"""Fence the doctest examples in docstrings as code, for the Python reference page.

The package's docstrings carry plain `>>>` examples, which the tests run; read as Markdown,
`rows[0]["outcomes"]` would be a broken link, so each example becomes a `pycon` code block.
"""

from __future__ import annotations

from typing import Any

import griffe

__all__ = ["DoctestBlocks", "fence_doctests"]


def fence_doctests(text: str) -> str:
    """Return docstring text with each run of doctest lines (and their output) fenced."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not inside:
            out.append("```pycon")
            inside = True
        elif inside and not line.strip():
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence every object's doctest examples as it is loaded."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the object's docstring with its examples fenced."""
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
