"""What the loader refuses in any value, wherever it is (unprintable text, numbers no view can
show, text and lists too long), and ids brought to one normal form."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from logicmodel.fileformat.parsing import Path

# Control characters other than tab and line breaks (C1 ones too: U+009B starts a terminal
# command), and lone surrogates: no view or export can carry them (XML, XLSX, DOT and fonts
# refuse them), so the loader does not accept them.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Limits on what one value may hold. Real labels are a sentence or two and real partnerships
# have tens of partners; far beyond these, text cannot be drawn or read, and lists of
# thousands break Graphviz's limits. Numbers beyond MAX_NUMBER are no count or amount.
MAX_TEXT = 10_000  # characters in one text value
MAX_LIST = 1_000  # items in one list inside a section (`by`, `leads_to`, indicators, ...)
MAX_NUMBER = 1e18


# Keys whose values are ids or lists of ids, wherever they appear.
ID_KEYS = frozenset({"id", "by", "lead", "leads_to", "enhances", "outcome"})


@dataclass
class Scan:
    """What one walk over parsed data found: whether any value may be unfit, and the id
    slots (a mapping and its key) that hold text to bring to NFKC form."""

    suspect: bool
    slots: list[tuple[dict[Any, Any], Any]]

    def normalise_ids(self) -> None:
        """Bring every id and id reference found to NFKC form, in place, as normalised_ids."""
        from logicmodel.fileformat.confusables import normalise_id

        for mapping, key in self.slots:
            item = mapping[key]
            if isinstance(item, str):
                mapping[key] = normalise_id(item)
            else:
                mapping[key] = [normalise_id(v) if isinstance(v, str) else v for v in item]


def scan_values(data: dict[Any, Any]) -> Scan:
    """Return a Scan of a model's parsed data: one walk over every value.

    It gathers every text and number and checks them together (one search over all texts
    joined by line breaks, which the check allows), so `unprintable_text` and `unfit_values`
    need to run only on data that holds a fault; and it notes the ids `normalised_ids` would
    change, without descending into id lists, just as that function does.
    """
    texts: list[str] = []
    keys: set[Any] = set()  # the same few keys recur in every element: check each once
    numbers: list[int | float] = []
    slots: list[tuple[dict[Any, Any], Any]] = []
    # The sections themselves may be long; any other list longer than MAX_LIST is a fault.
    sections = {id(value) for value in data.values() if isinstance(value, list)}
    long_list = False
    normalising: list[Any] = [data]
    checking_only: list[Any] = []  # inside id lists, where normalised_ids does not look
    for stack, note in ((normalising, True), (checking_only, False)):
        while stack:
            value = stack.pop()
            kind = type(value)
            if kind is str:
                texts.append(value)
            elif isinstance(value, dict):
                keys.update(value)
                for key, item in value.items():
                    kind = type(item)
                    if kind is str:
                        texts.append(item)
                        if not item.isascii() and note and key in ID_KEYS:
                            slots.append((value, key))
                    elif kind is list and note and key in ID_KEYS:
                        long_list = long_list or len(item) > MAX_LIST
                        if _ascii_texts(item):
                            texts.extend(item)
                        else:
                            slots.append((value, key))
                            checking_only.extend(item)
                    elif note and key in ID_KEYS and isinstance(item, (str, list)):
                        long_list = True  # text of a kind of its own: the exact walks decide
                        if not _plain_ids(item):
                            slots.append((value, key))
                        checking_only.append(item)
                    elif kind is int or kind is float:
                        numbers.append(item)
                    elif item is not None and kind is not bool:
                        stack.append(item)
            elif isinstance(value, list):
                if len(value) > MAX_LIST and id(value) not in sections:
                    long_list = True
                stack.extend(value)
            elif kind is int or kind is float:
                numbers.append(value)
            elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
                long_list = True  # an unusual type: let the exact walks look at everything
    texts += (key for key in keys if isinstance(key, str))
    return Scan(long_list or not _all_fit(texts, numbers), slots)


def _all_fit(texts: list[str], numbers: list[int | float]) -> bool:
    """Return True when no text is too long or unprintable and no number is unfit."""
    return (
        max(map(len, texts), default=0) <= MAX_TEXT
        and UNPRINTABLE.search("\n".join(texts)) is None
        and all(abs(number) <= MAX_NUMBER for number in numbers)
    )


def _plain_ids(item: str | list[Any]) -> bool:
    """Return True for an id, or a list of ids, that NFKC leaves alone (ASCII text)."""
    if isinstance(item, str):
        return item.isascii()
    return all(isinstance(v, str) and v.isascii() for v in item)


def _ascii_texts(items: list[Any]) -> bool:
    """Return True when every item of a list is ASCII text."""
    try:
        return all(map(str.isascii, items))
    except TypeError:  # an item that is not text
        return False


def normalised_ids(data: Any) -> Any:
    """Return data with every id and id reference in NFKC form (`ｏ1` is `o1`), rest as is.

    Changes the parsed data in place, where it must: ASCII ids, nearly all, are left alone.
    """
    from logicmodel.fileformat.confusables import normalise_id

    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in ID_KEYS and isinstance(item, str):
                    if not item.isascii():
                        value[key] = normalise_id(item)
                elif key in ID_KEYS and isinstance(item, list):
                    if not all(isinstance(v, str) and v.isascii() for v in item):
                        value[key] = [normalise_id(v) if isinstance(v, str) else v for v in item]
                else:
                    stack.append(item)
    return data


def unfit_values(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Yield (path, message) for each value no view can show: non-finite or absurd numbers,
    text longer than MAX_TEXT, lists longer than MAX_LIST."""
    stack: list[tuple[Path, Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) and not abs(value) <= MAX_NUMBER:  # NaN too
            shown = (
                "NaN"
                if value != value
                else "an infinite number (or one of hundreds of digits)"
                if math.isinf(value)
                else f"{value:.3g} is too large"
            )
            yield where, f"{shown}: it must be a finite number within ±10^18"
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            yield (
                where,
                (
                    f"text of {len(value):,} characters is longer than the {MAX_TEXT:,} allowed: "
                    "shorten it"
                ),
            )
        elif isinstance(value, list):
            if len(value) > MAX_LIST and len(where) > 1:  # sections themselves may be long
                yield where, f"a list of {len(value):,} items: at most {MAX_LIST:,} are allowed"
            stack.extend(((*where, i), item) for i, item in enumerate(value))
        elif isinstance(value, dict):
            stack.extend(((*where, key), item) for key, item in value.items())


def unprintable_text(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Yield (path, message) for each text in data holding a control character or surrogate."""
    if isinstance(data, str):
        found = UNPRINTABLE.search(data)
        if found:
            code = f"U+{ord(found.group()):04X}"
            if found.group() >= "\ud800":
                yield path, f"text holds a lone surrogate {code}: half a character, not text"
            else:
                yield (
                    path,
                    (
                        f"text holds control character {code} at character {found.start() + 1}: "
                        "only tab and line breaks are allowed"
                    ),
                )
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from unprintable_text(key, (*path, key)) if isinstance(key, str) else ()
            yield from unprintable_text(value, (*path, key))
    elif isinstance(data, list):
        for position, value in enumerate(data):
            yield from unprintable_text(value, (*path, position))


__all__ = [
    "ID_KEYS",
    "MAX_LIST",
    "MAX_NUMBER",
    "MAX_TEXT",
    "Scan",
    "UNPRINTABLE",
    "normalised_ids",
    "scan_values",
    "unfit_values",
    "unprintable_text",
]
