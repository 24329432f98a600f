"""What a what-if takes from each outcome, and the one sentence that counts it.

Every what-if summary (the command line's text, Markdown and JSON, the board report, the
page's partner panel) comes from `loss_sentence`, fed the same 'loses' cells its table shows,
so a summary cannot count differently from the rows under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

LOSES_GAIN = "collaborative gain"
LOSES_OWN_SUPPORT = "single-agency support"
LOSES_ALL_SUPPORT = "all support"
# Every kind of loss, in the order the sentence gives them; '' in a 'loses' cell is no loss.
LOSSES = (LOSES_GAIN, LOSES_OWN_SUPPORT, LOSES_ALL_SUPPORT)

# What each joint-work assumption says, after the leaving partners' names.
ASSUMPTIONS = {
    "continues": "joint work they took part in carries on with the partners left",
    "stops": "joint work they took part in stops",
}


def count_losses(losses: Iterable[str]) -> dict[str, int]:
    """Return how many outcomes lose each kind of thing, from their 'loses' cells.

    >>> count_losses(["all support", "", "collaborative gain", "all support"])
    {'collaborative gain': 1, 'single-agency support': 0, 'all support': 2}
    """
    cells = list(losses)
    unknown = sorted(set(cells) - {"", *LOSSES})
    if unknown:
        raise ValueError(f"not a kind of loss: {unknown[0]!r} (kinds: {', '.join(LOSSES)})")
    return {loss: cells.count(loss) for loss in LOSSES}


def loss_sentence(scenario: str, losses: Iterable[str]) -> str:
    """Return one line: the scenario, then how many outcomes lose each kind of thing.

    `losses` holds one 'loses' cell per outcome ('' when it loses nothing).

    >>> print(loss_sentence("Without a", ["single-agency support", "", "all support"]))
    ... # doctest: +NORMALIZE_WHITESPACE
    Without a: 0 of 3 outcomes would lose their collaborative gain,
    1 their single-agency support and 1 all support
    """
    cells = list(losses)
    counts = count_losses(cells)
    return (
        f"{scenario}: {counts[LOSES_GAIN]} of {len(cells)} outcomes would lose their "
        f"collaborative gain, {counts[LOSES_OWN_SUPPORT]} their single-agency support "
        f"and {counts[LOSES_ALL_SUPPORT]} all support"
    )


def scenario_text(
    leaving: Sequence[str], joint_work: str = "continues", without_collaboration: bool = False
) -> str:
    """Return a what-if's name, saying what becomes of joint work when partners leave.

    >>> scenario_text(["partner-a"], "stops")
    'Without partner-a (joint work they took part in stops)'
    >>> scenario_text([], without_collaboration=True)
    'Without collaboration'
    """
    parts = []
    if leaving:
        parts.append(f"without {', '.join(leaving)} ({ASSUMPTIONS[joint_work]})")
    if without_collaboration:
        parts.append("without collaboration")
    text = " and ".join(parts)
    # Not str.capitalize(): that would lower the rest, partners' ids and names included.
    return text[:1].upper() + text[1:]


__all__ = [
    "ASSUMPTIONS",
    "LOSES_ALL_SUPPORT",
    "LOSES_GAIN",
    "LOSES_OWN_SUPPORT",
    "LOSSES",
    "count_losses",
    "loss_sentence",
    "scenario_text",
]
