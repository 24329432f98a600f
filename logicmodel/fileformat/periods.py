"""Periods as the file format writes them: a year (2004) or a financial year (2004-05)."""

from __future__ import annotations

import re

__all__ = ["period_year"]

_YEAR = re.compile(r"\d{4}")
_FINANCIAL_YEAR = re.compile(r"(\d{4})-(\d{2})")


def period_year(text: str | int) -> int:
    """Return the year a period is placed at: a year, or a financial year's first year.

    >>> period_year("2004"), period_year(2004), period_year("2004-05")
    (2004, 2004, 2004)
    """
    word = str(text)
    if _YEAR.fullmatch(word):
        return int(word)
    financial = _FINANCIAL_YEAR.fullmatch(word)
    if financial:
        first = int(financial.group(1))
        if int(financial.group(2)) == (first + 1) % 100:
            return first
        raise ValueError(
            f"{word!r} is not a financial year: one runs into the next year, "
            f"as in {first}-{(first + 1) % 100:02d}"
        )
    raise ValueError(f"{word!r} is not a year (2004) or a financial year (2004-05)")
