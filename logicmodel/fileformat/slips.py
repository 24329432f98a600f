"""Whether a name typed in a workbook is a slip for a known one: a different case, or a letter
wrong, missing, extra or swapped; ids that differ only in their numbers are not slips."""

from __future__ import annotations


def near_miss(typed: str, known: str) -> bool:
    """Return whether `typed` looks like a slip for `known`.

    A slip is a different case, or one letter wrong, missing, extra or swapped (two in ids of
    ten letters or more); ids that differ only in their numbers (team-1, team-2) are not.
    """
    if _without_digits(typed) == _without_digits(known):
        return False
    if typed.lower() == known.lower():
        return True
    limit = 1 if max(len(typed), len(known)) < 10 else 2
    if min(len(typed), len(known)) < 3 or abs(len(typed) - len(known)) > limit:
        return False
    return _distance(typed, known) <= limit


def slip_variants(text: str) -> set[str]:
    """Return an id in lower case with up to one letter left out (two from ten letters)."""
    found = frontier = {text.lower()}
    for _ in range(1 if len(text) < 10 else 2):
        frontier = {word[:i] + word[i + 1 :] for word in frontier for i in range(len(word))}
        found = found | frontier
    return found


def _without_digits(text: str) -> str:
    """Return an id without its numbers and the separators they leave: police-2 -> police."""
    return "".join(c for c in text if not c.isdigit()).strip("-_.")


def _distance(a: str, b: str) -> int:
    """Return the edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[len(b)]


__all__ = ["near_miss", "slip_variants"]
