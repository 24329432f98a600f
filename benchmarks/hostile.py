"""Print how hostile inputs cost time and memory, one section per kind of input.

    python benchmarks/hostile.py [SECTION ...]

Sections (all by default):
  wrapping   Figure 1's wrap of one word of 1,000 and 10,000 characters: linear means the
             10,000-character word takes about ten times as long, not a hundred.

Each section is a function in SECTIONS that prints its own figures; add more beside it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def best_of(turns: int, work: Callable[[], object]) -> float:
    """Return the shortest time of several runs of work, in seconds."""
    times = []
    for _ in range(turns):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def wrapping() -> None:
    """Print the time to wrap one long word in a Figure 1 box, and the ratio between sizes."""
    from logicmodel.renderers.text import text_width, wrap

    text_width("warm up the font", 9.0)
    times = {}
    for length in (1_000, 10_000):
        word = "".join(chr(ord("a") + i % 26) for i in range(length))

        def fresh(word: str = word) -> None:
            text_width.cache_clear()  # measured afresh each turn, as in a new process
            wrap(word, 1.6, 9.0)

        times[length] = best_of(3, fresh)
        lines = len(wrap(word, 1.6, 9.0))
        print(f"wrap a word of {length:>6,} characters: {times[length]:7.3f} s, {lines:,} lines")
    ratio = times[10_000] / times[1_000]
    print(f"10,000 / 1,000 characters: {ratio:.1f} (linear: 10 at most; quadratic: 100)")


SECTIONS: dict[str, Callable[[], None]] = {"wrapping": wrapping}


def main() -> None:
    chosen = sys.argv[1:] or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        sys.exit(f"unknown section {unknown[0]!r}: choose from {', '.join(SECTIONS)}")
    for name in chosen:
        print(f"## {name}")
        SECTIONS[name]()


if __name__ == "__main__":
    main()
