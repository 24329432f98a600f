"""Ids that look alike: NFKC normalisation, and Cyrillic and Greek letters that pass for Latin.

NFKC folds fullwidth and other compatibility forms (`ｏ1` is `o1`). Letters of other
scripts that look like Latin ones are different letters to NFKC, so a small table maps the
common Cyrillic and Greek lookalikes to the Latin letter they resemble. It is not Unicode's
full confusables list (TR 39): it covers the letters met in mixed-keyboard typing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

_LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_TO_LATIN = str.maketrans(_LOOKALIKES)


def normalise_id(ident: str) -> str:
    """Return an id in NFKC form: fullwidth and other compatibility characters folded.

    >>> normalise_id("ｏ1")
    'o1'
    """
    return unicodedata.normalize("NFKC", ident)


def skeleton(ident: str) -> str:
    """Return what an id looks like: lookalike letters replaced by the Latin ones.

    >>> skeleton("о1") == skeleton("o1")
    True
    """
    return normalise_id(ident).translate(_TO_LATIN)


def lookalikes(ident: str) -> list[str]:
    """Return the lookalike letters in an id, described: "'о' (CYRILLIC SMALL LETTER O)"."""
    return [
        f"{char!r} ({unicodedata.name(char, f'U+{ord(char):04X}')})"
        for char in dict.fromkeys(ident)
        if char in _LOOKALIKES
    ]


def lookalike_of(name: str, choices: Iterable[str]) -> str | None:
    """Return the choice that `name` differs from only by lookalike letters, or None."""
    shape = skeleton(name)
    return next((c for c in choices if c != name and skeleton(c) == shape), None)


def confusable_groups(idents: Iterable[str]) -> Iterator[list[str]]:
    """Yield each group of two or more distinct ids that look the same, in first-seen order."""
    groups: dict[str, list[str]] = {}
    for ident in idents:
        group = groups.setdefault(skeleton(ident), [])
        if ident not in group:
            group.append(ident)
    yield from (group for group in groups.values() if len(group) > 1)


__all__ = [
    "confusable_groups",
    "lookalike_of",
    "lookalikes",
    "normalise_id",
    "skeleton",
]
