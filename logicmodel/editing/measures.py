"""The editing layer's verbs for what a model measures: indicators (their actuals by period,
targets, comparator) and the partnership's costs and benefits.

`Draft` takes these verbs from `MeasureEdits`; each is one edit made the way every other edit
is (`Draft._apply`): the data changed the simple way, the text by splices, checked by the
loader before anything is written. The fields each verb takes come from the models'
vocabulary (`entry_fields`, `period_fields`), so a field added to an indicator or a cost is
taken up without a change here. Indicators and costs have no ids: an indicator is named by
its name (or its number, from 1) among its element's, a cost or benefit by its item (or number).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping as AnyMapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from logicmodel.editing.errors import EditError
from logicmodel.editing.fields import (
    ELEMENT_KEYS,
    PARTNERSHIP,
    PARTNERSHIP_KEYS,
    TOP_KEYS,
    Data,
    container_at,
    number,
    period,
    typed_value,
)
from logicmodel.editing.moving import insert_entry, key_of, root_of
from logicmodel.editing.patch import Patcher
from logicmodel.editing.spans import Mapping, Sequence, Splice, Unsupported, resolve
from logicmodel.editing.verb_groups import VerbGroup
from logicmodel.fileformat.periods import period_year
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.models import Benefit, Cost, Indicator, Stage
from logicmodel.models.vocabulary import (
    entry_fields,
    fields_of,
    key_order,
    nested,
    period_fields,
    required,
)

if TYPE_CHECKING:
    from typing_extensions import Self

Path = tuple[str | int, ...]
# The partnership's lists of money and time, and the class of an entry of each.
LEDGERS: dict[str, type[BaseModel]] = {"cost": Cost, "benefit": Benefit}
# A year written as a key comes out of the writer quoted ('2005':); the file writes it as a
# number, as people type it.
_QUOTED_YEAR = re.compile(r"(^|[\s{,])'([0-9]{1,4})':", re.MULTILINE)


class MeasureEdits(VerbGroup):
    """Edits of indicators, actuals, targets, costs and benefits (mixed into `Draft`)."""

    if TYPE_CHECKING:

        def _find(self, ident: str) -> tuple[str, int]: ...

        def check_partners(self, field: str, value: Any) -> None: ...

    # ------------------------------------------------------------ indicators

    def add_indicator(self, element: str, name: str, **fields: Any) -> Self:
        """Add an indicator to an element: its `name` and any further fields of the format
        (`unit`, `better`, `actuals` as {period: value}, `target_alone`, `target_together`,
        `target_period`, `comparator` as a name or a mapping, `notes`, `source`)."""
        stage, index = self._find(element)
        names = [str(i.get("name")) for i in self.data[stage][index].get("indicators") or []]
        if name in names:
            raise EditError(f"{self.name}: {_owner(stage, element)} has an indicator {name!r}")
        item = self._entry(Indicator, {"name": name, **fields}, "an indicator")
        return self._insert(
            f"added indicator {name!r} to {_owner(stage, element)}",
            (stage, index),
            "indicators",
            item,
            ELEMENT_KEYS,
        )

    def set_indicator(
        self, element: str, field: str, value: Any, *, indicator: str | int | None = None
    ) -> Self:
        """Set one field of an indicator (`comparator.name` for its comparator's); `indicator`
        names it among the element's (its name or number) when there are several."""
        path, what = self._indicator(element, indicator)
        return self._set_entry(path, Indicator, field, value, what)

    def unset_indicator(
        self, element: str, field: str, *, indicator: str | int | None = None
    ) -> Self:
        """Remove an optional field of an indicator (`comparator` removes its comparator)."""
        path, what = self._indicator(element, indicator)
        return self._set_entry(path, Indicator, field, None, what)

    def remove_indicator(self, element: str, *, indicator: str | int | None = None) -> Self:
        """Remove an indicator from an element, with its own comments."""
        path, what = self._indicator(element, indicator)
        return self._drop(f"removed {what}", path[:-2], "indicators", int(path[-1]))

    def set_targets(
        self,
        element: str,
        *,
        alone: Any = None,
        together: Any = None,
        period: Any = None,  # noqa: A002 - the target's period
        indicator: str | int | None = None,
        plain: Any = None,
    ) -> Self:
        """Set an indicator's targets: working alone, working together, a plain target (no
        alone/together split), and their period."""
        path, what = self._indicator(element, indicator)
        given = {
            "target_alone": alone,
            "target_together": together,
            "target": plain,
            "target_period": period,
        }
        values = {
            key: typed_value(self.name, Indicator, key, value)
            for key, value in given.items()
            if value is not None
        }
        if not values:
            raise EditError(f"{self.name}: give a target alone, together, plain, or its period")
        shown = ", ".join(
            f"{'plain' if key == 'target' else key.removeprefix('target_')} {v}"
            for key, v in values.items()
        )
        return self._put(f"set targets of {what} ({shown})", path, values, key_order(Indicator))

    def add_comparator(
        self, element: str, name: str, *, indicator: str | int | None = None, **fields: Any
    ) -> Self:
        """Give an indicator a comparator: an area or group the partnership did not touch,
        `name` and any further fields (`actuals` as {period: value}, `notes`, `source`)."""
        path, what = self._indicator(element, indicator)
        if container_at(self.data, path).get("comparator") is not None:
            raise EditError(
                f"{self.name}: {what} has a comparator already: change it with "
                "`indicator set ... comparator.name` and `actual ... --comparator`"
            )
        holder = nested(fields_of(Indicator)["comparator"][0])
        assert holder is not None
        entry = self._entry(holder, {"name": name, **fields}, "a comparator")
        summary = f"gave {what} the comparator {name!r}"
        return self._put(summary, path, {"comparator": entry}, key_order(Indicator))

    def set_benchmark(
        self,
        element: str,
        name: str,
        rule: str,
        *,
        margin: Any = None,
        actuals: dict[Any, Any] | None = None,
        indicator: str | int | None = None,
    ) -> Self:
        """Give an indicator a benchmark target: another area's series `name` that ours should
        be `rule` (above, below, within `margin` of); values already there are kept and
        `actuals` ({period: value}) added to them."""
        path, what = self._indicator(element, indicator)
        holder = nested(fields_of(Indicator)["benchmark"][0])
        assert holder is not None
        current = container_at(self.data, path).get("benchmark") or {}
        kept = {key: current[key] for key in ("source",) if current.get(key) is not None}
        if margin is None and rule == current.get("rule"):
            margin = current.get("margin")  # the same rule again keeps its margin
        values = {str(k): v for k, v in (current.get("actuals") or {}).items()}
        values |= {str(k): v for k, v in (actuals or {}).items()}
        given = {"name": name, "rule": rule, "margin": margin, "actuals": values or None}
        entry = self._entry(holder, kept | given, "a benchmark")
        summary = f"gave {what} the benchmark target: {rule} {name!r}"
        return self._put(summary, path, {"benchmark": entry}, key_order(Indicator))

    def set_actual(
        self,
        element: str,
        when: Any,
        value: Any,
        *,
        indicator: str | int | None = None,
        comparator: bool = False,
    ) -> Self:
        """Set an indicator's value for a period (its comparator's, with `comparator`)."""
        return self._actual(
            element, when, number(self.name, "an actual", value), indicator, comparator
        )

    def remove_actual(
        self,
        element: str,
        when: Any,
        *,
        indicator: str | int | None = None,
        comparator: bool = False,
    ) -> Self:
        """Remove an indicator's value for a period (its comparator's, with `comparator`)."""
        return self._actual(element, when, None, indicator, comparator)

    def _actual(
        self,
        element: str,
        when: Any,
        value: int | float | None,
        indicator: str | int | None,
        comparator: bool,
    ) -> Self:
        path, what = self._indicator(element, indicator)
        if comparator:
            if container_at(self.data, path).get("comparator") is None:
                raise EditError(
                    f"{self.name}: {what} has no comparator: give it one first "
                    "(`indicator set ... comparator.name NAME`)"
                )
            path, what = (*path, "comparator"), f"the comparator of {what}"
        (field,) = period_fields(Indicator)
        key = period(self.name, "the period", when)
        actuals = container_at(self.data, path).get(field) or {}
        found = next((k for k in actuals if str(k) == str(key)), None)
        if value is None:
            if found is None:
                raise EditError(f"{self.name}: {what} has no value for {key}")
            summary = f"removed the value for {key} of {what}"
            return self._put(summary, (*path, field), {found: None}, (), removes=True)
        summary = f"set the value for {key} of {what} to {value}"
        if field not in container_at(self.data, path):
            order = key_order(Indicator)
            return self._put(summary, path, {field: {key: value}}, order)
        periods = sorted({str(k) for k in actuals} | {str(key)}, key=period_year)
        return self._put(summary, (*path, field), {found or key: value}, tuple(periods))

    def _indicator(self, element: str, which: str | int | None) -> tuple[Path, str]:
        """Return an indicator's data path and how messages name it."""
        stage, index = self._find(element)
        items = self.data[stage][index].get("indicators") or []
        owner = _owner(stage, element)
        at = _pick(self.name, items, "name", which, owner, "indicator")
        return (stage, index, "indicators", at), f"indicator {items[at]['name']!r} of {owner}"

    # ------------------------------------------------------------ costs and benefits

    def add_cost(self, item: str, **fields: Any) -> Self:
        """Add a cost of working together: its `item` and any further fields of the format
        (`amount` as a number or [low, high], `unit`, `by`, `notes`, `source`)."""
        return self._add_ledger("cost", item, fields)

    def add_benefit(self, item: str, **fields: Any) -> Self:
        """Add a benefit of working together: as a cost, with `outcome` and `evidence`."""
        return self._add_ledger("benefit", item, fields)

    def set_ledger(self, kind: str, which: str | int, field: str, value: Any) -> Self:
        """Set one field of a cost or a benefit (`kind`), named by its item or number."""
        path, what = self._ledger(kind, which)
        return self._set_entry(path, LEDGERS[kind], field, value, what)

    def unset_ledger(self, kind: str, which: str | int, field: str) -> Self:
        """Remove an optional field of a cost or a benefit."""
        path, what = self._ledger(kind, which)
        return self._set_entry(path, LEDGERS[kind], field, None, what)

    def remove_ledger(self, kind: str, which: str | int) -> Self:
        """Remove a cost or a benefit, with its own comments."""
        path, what = self._ledger(kind, which)
        return self._drop(f"removed {what}", (PARTNERSHIP,), f"{kind}s", int(path[-1]))

    def _add_ledger(self, kind: str, item: str, fields: dict[str, Any]) -> Self:
        cls = _ledger_class(kind)
        entry = self._entry(cls, {"item": item, **fields}, f"a {kind}")
        amount = entry.get("amount")
        shown = "" if amount is None else f" ({_amount_text(amount)} {entry.get('unit', '')})"
        return self._insert(
            f"added {kind} {item!r}{shown.replace(' )', ')')}",
            (PARTNERSHIP,),
            f"{kind}s",
            entry,
            PARTNERSHIP_KEYS,
        )

    def _ledger(self, kind: str, which: str | int) -> tuple[Path, str]:
        """Return a cost's or benefit's data path and how messages name it."""
        _ledger_class(kind)
        partnership = self.data.get(PARTNERSHIP) or {}
        items = partnership.get(f"{kind}s") or []
        at = _pick(self.name, items, "item", which, "the partnership", kind)
        return (PARTNERSHIP, f"{kind}s", at), f"{kind} {items[at]['item']!r}"

    # ------------------------------------------------------------ entries, generically

    def _entry(self, cls: type[BaseModel], given: dict[str, Any], noun: str) -> Data:
        """Return a new entry of a class as the file writes it, fields in key order."""
        known = fields_of(cls)
        unknown = [key for key in given if key not in known]
        if unknown:
            raise EditError(
                f"{self.name}: {noun} has no field {unknown[0]!r}; it has {', '.join(known)}"
            )
        entry: Data = {}
        for key, (field, _) in known.items():
            value = given.get(key)
            if value is None:
                continue
            inner = nested(field)
            if key in period_fields(cls):
                entry[key] = self._periods(key, value)
            elif inner is not None:
                words = {"name": value} if isinstance(value, str) else dict(value)
                entry[key] = self._entry(inner, words, f"a {key}")
            else:
                entry[key] = typed_value(self.name, cls, key, value)
                self.check_partners(key, entry[key])
        return entry

    def _periods(self, field: str, value: Any) -> dict[int | str, int | float]:
        """Return values by period, periods as the file writes them, in time order."""
        if not isinstance(value, AnyMapping):
            raise EditError(f"{self.name}: {field} are values by period, e.g. {{2005: 460}}")
        typed = {period(self.name, field, k): number(self.name, field, v) for k, v in value.items()}
        return dict(sorted(typed.items(), key=lambda item: period_year(item[0])))

    def _set_entry(
        self, path: Path, cls: type[BaseModel], field: str, value: Any, what: str
    ) -> Self:
        """Set (or with None remove) one field of an entry, `object.field` for a nested one's."""
        fields = entry_fields(cls)
        objects = [name for name, (f, _) in fields_of(cls).items() if nested(f) is not None]
        removable = [f for f in fields if f.partition(".")[0] not in required(cls)]
        allowed = fields if value is not None else [*removable, *objects]
        if field not in allowed:
            why = ""
            if field in period_fields(cls):
                why = " (`logicmodel actual` changes values by period)"
            verb = "set" if value is not None else "remove"
            raise EditError(
                f"{self.name}: {field!r} is not a field to {verb} on {what}{why}; "
                f"it takes {', '.join(allowed)}"
            )
        holder, _, sub = field.rpartition(".")
        current = container_at(self.data, path)
        if holder:
            inner = nested(fields_of(cls)[holder][0])
            assert inner is not None
            if current.get(holder) is None:
                if value is None:
                    raise EditError(f"{self.name}: {what} has no {holder}")
                if sub not in required(inner):
                    raise EditError(
                        f"{self.name}: {what} has no {holder} yet: give its "
                        f"{', '.join(sorted(required(inner)))} first"
                    )
                typed = typed_value(self.name, inner, sub, value)
                return self._put(
                    f"set {field} of {what}", path, {holder: {sub: typed}}, key_order(cls)
                )
            cls, path = inner, (*path, holder)
            current = container_at(self.data, path)
        if value is None:
            if sub not in current:
                raise EditError(f"{self.name}: {what} has no {field!r}")
            return self._put(f"removed {field} of {what}", path, {sub: None}, (), removes=True)
        typed = typed_value(self.name, cls, sub, value)
        self.check_partners(sub, typed)
        return self._put(f"set {field} of {what}", path, {sub: typed}, key_order(cls))

    # ------------------------------------------------------------ splices

    def _put(
        self,
        summary: str,
        path: Path,
        values: dict[Any, Any],
        order: tuple[str, ...],
        *,
        removes: bool = False,
    ) -> Self:
        """Set keys of the mapping at a data path (a value of None removes the key)."""
        written = {str(key): _as_text_data(value) for key, value in values.items()}

        def change(data: Data) -> None:
            container = container_at(data, path)
            for key, value in values.items():
                found = next((k for k in container if str(k) == str(key)), None)
                if value is None:
                    container.pop(found)
                else:
                    container[key if found is None else found] = copy.deepcopy(value)

        def patch(patcher: Patcher) -> None:
            node = resolve(patcher.tree.lookup(path))
            if not isinstance(node, Mapping):
                raise Unsupported("a value that is not written as a mapping")
            start = len(patcher.splices)
            for key, value in written.items():
                if value is None:
                    patcher.delete_key(node, key)
                elif _goes_first(node, key, order):
                    _put_first(patcher, node, key, value)
                else:
                    patcher.set_key(node, key, value, order)
            _years_as_numbers(patcher, start)

        return self._apply(summary, change, patch, removes=removes)

    def _insert(
        self, summary: str, path: Path, key: str, item: Data, order: tuple[str, ...]
    ) -> Self:
        """Add an item at the end of the list under a key of the mapping at a data path."""
        written = _as_text_data(item)

        def change(data: Data) -> None:
            owner = container_at(data, path)
            if not isinstance(owner.get(key), list):
                owner[key] = []
            owner[key].append(copy.deepcopy(item))

        def patch(patcher: Patcher) -> None:
            start = len(patcher.splices)
            root = root_of(patcher)
            if path == (PARTNERSHIP,) and root.get(PARTNERSHIP) is None:
                patcher.set_key(root, PARTNERSHIP, {key: [written]}, TOP_KEYS)
            else:
                owner = resolve(patcher.tree.lookup(path))
                if not isinstance(owner, Mapping):
                    raise Unsupported("a value that is not written as a mapping")
                insert_entry(patcher, owner, key, None, written, order)
            _years_as_numbers(patcher, start)

        return self._apply(summary, change, patch)

    def _drop(self, summary: str, path: Path, key: str, index: int) -> Self:
        """Remove item `index` of the list under a key of the mapping at a data path."""

        # The last one goes with its key: no `indicators: []` left behind.
        last = len(container_at(self.data, path)[key]) == 1

        def change(data: Data) -> None:
            container = container_at(data, path)
            if last:
                container.pop(key)
            else:
                container[key].pop(index)

        def patch(patcher: Patcher) -> None:
            owner = resolve(patcher.tree.lookup(path))
            items = resolve(owner.get(key)) if isinstance(owner, Mapping) else None
            if not isinstance(owner, Mapping) or not isinstance(items, Sequence):
                raise Unsupported("a list that is not written as a list")
            if last:
                patcher.delete_key(owner, key)
            else:
                patcher.delete_item(items, index, key_of(owner, key))

        return self._apply(summary, change, patch, removes=True)


def _ledger_class(kind: str) -> type[BaseModel]:
    """Return the class of a cost or a benefit; raise EditError for another word."""
    if kind not in LEDGERS:
        raise EditError(f"no list {kind!r}: say cost or benefit")
    return LEDGERS[kind]


def _owner(stage: str, element: str) -> str:
    """Return how messages name an element: "interim outcome 'fewer-neet'"."""
    return f"{Stage(stage).singular} {element!r}"


def _pick(
    file: str, items: list[Data], key: str, which: str | int | None, owner: str, noun: str
) -> int:
    """Return the position of the entry named `which` (its `key`, in any case, or its number
    from 1); the only one when `which` is None."""
    names = [str(item.get(key)) for item in items]
    if not names:
        raise EditError(f"{file}: {owner} has no {noun}s yet")
    if which is None:
        if len(names) == 1:
            return 0
        listed = ", ".join(map(repr, names))
        raise EditError(f"{file}: {owner} has {len(names)} {noun}s ({listed}): say which")
    text = str(which)
    if text in names:
        return names.index(text)
    folded = [name.casefold() for name in names]
    if folded.count(text.casefold()) == 1:
        return folded.index(text.casefold())
    if re.fullmatch(r"[0-9]+", text):
        if 1 <= int(text) <= len(names):
            return int(text) - 1
        raise EditError(f"{file}: {owner} has {len(names)} {noun}s; no number {text}")
    hint = did_you_mean(text, names) or f" ({noun}s: {', '.join(map(repr, names))})"
    raise EditError(f"{file}: {owner} has no {noun} {text!r}{hint}")


def _amount_text(amount: Any) -> str:
    """Return an amount as a summary shows it: 5000, or 4500 to 5000."""
    if isinstance(amount, list):
        return f"{amount[0]} to {amount[1]}"
    return str(amount)


def _goes_first(node: Mapping, key: str, order: tuple[str, ...]) -> bool:
    """Return whether a new key goes before every key of a mapping (an earlier period)."""
    if not node.keys or node.index(key) is not None or key not in order:
        return False
    rank = order.index(key)
    return all(k.value in order and order.index(k.value) > rank for k in node.keys)


def _put_first(patcher: Patcher, node: Mapping, key: str, value: Any) -> None:
    """Write a new key and its one-line value before the first key of a mapping."""
    first = node.keys[0]
    entry = patcher.inline({key: value}, flow=True)[1:-1]
    if node.flow:
        tree = patcher.tree
        apart = "" if tree.same_line(node.start, first.outer) else patcher.nl
        between = "," + (apart + tree.indent_at(first.outer) if apart else " ")
        patcher.splice(first.outer, first.outer, entry + between)
    else:
        tree = patcher.tree
        line = tree.line_start(first.outer)
        if patcher.text[line : first.outer].strip():
            raise Unsupported("a first key that shares its line")
        indent = patcher.text[line : first.outer]
        patcher.splice(line, line, indent + entry + patcher.nl)


def _as_text_data(value: Any) -> Any:
    """Return data with every mapping key as text, as the text writer takes keys."""
    if isinstance(value, dict):
        return {str(k): _as_text_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text_data(v) for v in value]
    return value


def _years_as_numbers(patcher: Patcher, start: int) -> None:
    """Unquote the year keys in the splices an edit made from `start` on: `2005: 460`."""
    if patcher.json:
        return
    for at in range(start, len(patcher.splices)):
        splice = patcher.splices[at]
        patcher.splices[at] = Splice(
            splice.start, splice.end, _QUOTED_YEAR.sub(r"\1\2:", splice.text)
        )


__all__ = ["LEDGERS", "MeasureEdits"]
