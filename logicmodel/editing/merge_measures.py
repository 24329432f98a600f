"""A workbook's change to an element's indicators, or to the partnership's costs and benefits,
as the measure verbs the command line uses (`indicator set`, `actual`, `cost add`, ...).

Entries have no ids, so they are matched by position: an entry changed in place becomes one
`set`, `unset` or `actual` per field and period; entries added at the end become `add`s;
entries deleted (the rest kept in order) become `remove`s. A change of another shape (rows
reordered, an entry named by a number) is left to `RecordDraft.put_records`, which replaces the
list: `measure_steps` returns None for it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from pydantic import BaseModel

from logicmodel.editing.fields import Data
from logicmodel.editing.layer import Draft
from logicmodel.models import Benefit, Cost, Indicator
from logicmodel.models.vocabulary import entry_fields, fields_of, nested, period_fields

Step = Callable[[], Any]
# The classes of the entries each list holds, and the field that names an entry.
_CLASSES: dict[str, type[BaseModel]] = {"cost": Cost, "benefit": Benefit, "indicator": Indicator}


def measure_steps(
    draft: Draft, kind: str, old: list[Data], new: list[Data], element: str | None = None
) -> list[Step] | None:
    """Return the verbs that make a list of entries (`kind` cost, benefit or indicator, of
    `element`) `new` where it was `old`, or None if the change is not of a shape they make."""
    cls = _CLASSES[kind]
    named = "name" if kind == "indicator" else "item"
    if any(str(entry.get(named, "")).isdigit() for entry in (*old, *new)):
        return None  # `which` takes a number too: an entry named "2" is not told from it
    verbs = _Verbs(draft, kind, cls, element)
    if len(new) < len(old):
        kept = _kept(old, new)
        if kept is None:
            return None
        gone = [n for n in range(len(old)) if n not in kept]
        return [partial(verbs.remove, n + 1) for n in reversed(gone)]
    steps: list[Step] = []
    for number, (was, now) in enumerate(zip(old, new, strict=False), start=1):
        changed = verbs.changes(number, was, now)
        if changed is None:
            return None
        steps += changed
    steps += [partial(verbs.add, entry) for entry in new[len(old) :]]
    return steps


def _kept(old: list[Data], new: list[Data]) -> list[int] | None:
    """Return the positions in `old` of the entries of `new`, if `new` is `old` with some
    entries deleted and the rest unchanged and in order; else None."""
    kept: list[int] = []
    at = 0
    for entry in new:
        while at < len(old) and old[at] != entry:
            at += 1
        if at == len(old):
            return None
        kept.append(at)
        at += 1
    return kept


class _Verbs:
    """The measure verbs of one list: an element's indicators, or the costs or the benefits."""

    def __init__(self, draft: Draft, kind: str, cls: type[BaseModel], element: str | None):
        self.draft = draft
        self.kind = kind
        self.cls = cls
        self.element = element or ""

    def add(self, entry: Data) -> None:
        """Add an entry at the end of the list."""
        fields = dict(entry)
        if self.kind == "indicator":
            self.draft.add_indicator(self.element, fields.pop("name"), **fields)
        elif self.kind == "cost":
            self.draft.add_cost(fields.pop("item"), **fields)
        else:
            self.draft.add_benefit(fields.pop("item"), **fields)

    def remove(self, number: int) -> None:
        """Remove entry `number` (from 1)."""
        if self.kind == "indicator":
            self.draft.remove_indicator(self.element, indicator=number)
        else:
            self.draft.remove_ledger(self.kind, number)

    def put(self, number: int, field: str, value: Any) -> None:
        """Set (or with None remove) one field of entry `number`."""
        draft = self.draft
        if self.kind == "indicator":
            if value is None:
                draft.unset_indicator(self.element, field, indicator=number)
            else:
                draft.set_indicator(self.element, field, value, indicator=number)
        elif value is None:
            draft.unset_ledger(self.kind, number, field)
        else:
            draft.set_ledger(self.kind, number, field, value)

    def actual(self, number: int, when: Any, value: Any, comparator: bool) -> None:
        """Set (or with None remove) an indicator's (or its comparator's) value for a period."""
        if value is None:
            self.draft.remove_actual(self.element, when, indicator=number, comparator=comparator)
        else:
            self.draft.set_actual(
                self.element, when, value, indicator=number, comparator=comparator
            )

    def changes(self, number: int, was: Data, now: Data) -> list[Step] | None:
        """Return the verbs that change entry `number` from `was` to `now`, field by field."""
        steps: list[Step] = []
        plain = [name for name in entry_fields(self.cls) if "." not in name]
        holders = [name for name, (f, _) in fields_of(self.cls).items() if nested(f) is not None]
        periods = period_fields(self.cls)
        if not set(was) | set(now) <= {*plain, *holders, *periods}:
            return None
        for name in plain:
            if was.get(name) != now.get(name):
                steps.append(partial(self.put, number, name, now.get(name)))
        for name in periods:
            steps += self._periods(number, was.get(name) or {}, now.get(name) or {}, False)
        for name in holders:
            inner = self._nested(number, name, was.get(name), now.get(name))
            if inner is None:
                return None
            steps += inner
        return steps

    def _periods(self, number: int, was: Data, now: Data, comparator: bool) -> list[Step]:
        """Return the `actual` verbs that make values by period `now` where they were `was`."""
        steps: list[Step] = [
            partial(self.actual, number, when, value, comparator)
            for when, value in now.items()
            if was.get(when) != value
        ]
        steps += [
            partial(self.actual, number, when, None, comparator) for when in was if when not in now
        ]
        return steps

    def _nested(self, number: int, holder: str, was: Any, now: Any) -> list[Step] | None:
        """Return the verbs that change a nested object (an indicator's comparator)."""
        if was == now:
            return []
        if now is None:
            return [partial(self.put, number, holder, None)]
        inner = nested(fields_of(self.cls)[holder][0])
        assert inner is not None
        was = was or {}
        if not set(now) <= set(fields_of(inner)):
            return None
        periods = period_fields(inner)
        # Its name first: a comparator is made by giving it a name.
        names = sorted((n for n in fields_of(inner) if n not in periods), key=lambda n: n != "name")
        steps: list[Step] = [
            partial(self.put, number, f"{holder}.{name}", now.get(name))
            for name in names
            if was.get(name) != now.get(name)
        ]
        for name in periods:
            steps += self._periods(number, was.get(name) or {}, now.get(name) or {}, True)
        return steps


def reorder_steps(draft: Draft, stage: str, was: list[str], wanted: list[str]) -> list[Step]:
    """Return the moves that put the elements of a stage in the order `wanted` (the same ids
    as `was`, the order they are in now), moving as few as it can, each after the one
    before it in `wanted`."""
    if was == wanted:
        return []
    place = {ident: n for n, ident in enumerate(was)}
    # The first stays where it is; of the rest, the longest run already in order stays too.
    first = wanted[0]
    rest = [ident for ident in wanted[1:] if place[ident] > place[first]]
    staying = {first, *_in_order(rest, place)}
    return [
        partial(draft.move, ident, stage, after=wanted[n - 1])
        for n, ident in enumerate(wanted)
        if ident not in staying
    ]


def _in_order(ids: list[str], place: dict[str, int]) -> list[str]:
    """Return a longest run of `ids` (not always adjacent) whose places rise."""
    best: list[list[str]] = []
    for ident in ids:
        longest = max((run for run in best if place[run[-1]] < place[ident]), key=len, default=[])
        best.append([*longest, ident])
    return max(best, key=len, default=[])


__all__ = ["measure_steps", "reorder_steps"]
