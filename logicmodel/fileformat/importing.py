"""Spreadsheet import: a filled-in workbook, or an elements CSV, read back into a model.

Reading never guesses silently: every sheet and column is either read or known to be derived
(Trace, Instructions, the trace columns of an exported elements CSV); anything else that holds
a value is a fault named by its cell. Values are read the way people type them: surrounding
spaces dropped, choices in any case, yes/no for booleans, whole numbers kept whole, and one
list separator, the comma, in every list cell. Faults are placed by sheet and cell
('Elements!D3'), never by line. Workbooks are read in openpyxl's read-only, streaming mode.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from logicmodel.fileformat.baseline import restore_exact, workbook_base
from logicmodel.fileformat.cells import (
    HOSTILE_XML,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    WorkbookError,
    bounded,
)
from logicmodel.fileformat.cells import choices_text as _choices
from logicmodel.fileformat.cells import csv_rows as _csv_rows
from logicmodel.fileformat.cells import defused as _defused
from logicmodel.fileformat.cells import has_values as _has_values
from logicmodel.fileformat.cells import plain as _plain
from logicmodel.fileformat.cells import refuse_unpacking_over as _refuse_unpacking_over
from logicmodel.fileformat.cells import sheet_rows as _sheet_rows
from logicmodel.fileformat.cells import word as _word
from logicmodel.fileformat.frameworks import framework_serving
from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES, MAX_REPORTED
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.fileformat.sheet_reader import sheet_values
from logicmodel.fileformat.slips import near_miss, slip_variants
from logicmodel.fileformat.workbook import (
    ADVICE_COLUMNS,
    BASE_SHEET,
    BENEFIT_COLUMNS,
    COST_COLUMNS,
    DERIVED_ELEMENT_COLUMNS,
    ELEMENT_COLUMNS,
    INDICATOR_COLUMNS,
    LINK_COLUMNS,
    LINK_KINDS,
    LIST_SEPARATOR,
    PARTNER_COLUMNS,
    SHEETS_READ,
    SHEETS_SKIPPED,
    SPREAD_COLUMNS,
    column_letter,
)
from logicmodel.models import (
    ALL_PARTNERS,
    Benefit,
    Contribution,
    Indicator,
    LogicModel,
    Outcome,
    Partnership,
    Stage,
)
from logicmodel.models.links import COLUMN_PLACES, LINK_FACT_COLUMNS, link_from_cells, link_target
from logicmodel.models.vocabulary import Value, fields_of

# ---------------------------------------------------------------- reading


Record = dict[str, tuple[Any, str]]  # column name -> (value, cell reference)

_STAGES = {
    _word(word): stage.value
    for stage in Stage
    for word in (stage.value, stage.singular, stage.heading)
}
_KINDS = {_word(kind): kind for kind in LINK_KINDS}
# How a message names a closed list's field, where its name alone would not say.
_CHOICE_NAMES = {"type": "partnership type", "better": "'better'"}
_YES = {"yes": True, "true": True, "no": False, "false": False}
# Columns that name something else: the hint to give instead of "did you mean".
_COLUMN_HINTS = {"partners": "by", "from": "source", "to": "target"}


def _enum_words(annotation: Any) -> list[str]:
    """Return the words of the enum a field's annotation holds (none for open text)."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return [word for part in get_args(annotation) for word in _enum_words(part)]


def _number_text(value: float) -> str:
    """Return a figure as typed: 5, not 5.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _parse_number(text: str) -> int | float | None:
    """Return '660' as 660 and '1.5' as 1.5; None for anything else."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


@functools.lru_cache(maxsize=64)
def _fields_of(classes: tuple[type[BaseModel], ...]) -> dict[str, Any]:
    """Return the fields of the classes a cell may fill: asked once per cell, found once."""
    return fields_of(*classes)


class _Reader:
    """Turns sheets' rows into model data, noting each value's cell and every fault."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.data: dict[str, Any] = {"logicmodel": 1}
        self.cells: dict[tuple[Any, ...], str] = {}
        self.errors: list[str] = []
        self.sections: dict[str, list[dict[str, Any]]] = {}
        self.positions: dict[str, tuple[str, int]] = {}
        self.named_partners: list[tuple[str, str]] = []  # (id, cell) from `by`, in row order
        self.unplaced: set[str] = set()  # ids of rows with no valid stage: faulted already

    def fault(self, message: str) -> None:
        self.errors.append(message)

    def check(self) -> None:
        """Raise the faults found so far, if any."""
        if self.errors:
            raise WorkbookError(self.errors[:MAX_REPORTED])

    # ------------------------------------------------------------ tables

    def records(
        self,
        title: str,
        rows: Iterable[Sequence[Any]],
        columns: Sequence[str],
        skipped: Sequence[str] = (),
    ) -> tuple[list[Record], set[str]]:
        """Return the data rows of a table (blank rows left out) and the columns it names.

        Row 1 names the columns, in any case and order. A column that is neither read nor
        one of `skipped` is a fault as soon as it holds a value, and so is a value under no
        column name: each reported once, at its first value.
        """
        iterator = bounded(rows, title)
        header = next(iterator, None) or ()
        known: list[tuple[int, str, str]] = []  # index, column, letter
        unread: dict[int, str] = {}  # index -> the column's name as written, '' for none
        for index, raw in enumerate(header):
            text = _plain(raw)
            column = "_".join(_word(text).split()) if text is not None else ""
            if column in columns:
                if any(column == other for _, other, _ in known):
                    self.fault(
                        f"{title}!{column_letter(index + 1)}1: a second {column!r} column: keep one"
                    )
                else:
                    known.append((index, column, column_letter(index + 1)))
            elif column not in skipped or not column:
                unread[index] = "" if text is None else str(text)
        width = len(header)
        reported: set[int] = set()
        records = []
        for number, row in enumerate(iterator, start=2):
            if not row:
                continue  # a row the sheet leaves out: blank
            size = len(row)
            record = {
                column: (_plain(row[index]) if index < size else None, f"{title}!{letter}{number}")
                for index, column, letter in known
            }
            if unread or size > width:
                for index in [*unread, *range(width, size)]:
                    if index < size and index not in reported and _plain(row[index]) is not None:
                        reported.add(index)
                        self._unread(title, columns, index, number, unread.pop(index, ""))
            if any(value is not None for value, _ in record.values()):
                records.append(record)
        return records, {column for _, column, _ in known}

    def _unread(
        self, title: str, columns: Sequence[str], index: int, number: int, column: str
    ) -> None:
        """Note a value in a column that is not read."""
        letter = column_letter(index + 1)
        if not column:
            self.fault(
                f"{title}!{letter}{number}: a value in a column with no name: name column "
                f"{letter} in row 1 or clear it"
            )
            return
        name = "_".join(_word(column).split())
        hint = _COLUMN_HINTS.get(name)
        did_you = f" (did you mean {hint!r}?)" if hint else did_you_mean(name, columns)
        self.fault(
            f"{title}!{letter}1: unknown column {column!r}{did_you}: {title} has the columns "
            f"{', '.join(columns)}; rename this one or clear it"
        )

    # ------------------------------------------------------------ values

    def typed(
        self,
        classes: tuple[type[BaseModel], ...],
        name: str,
        value: Any,
        ref: str,
        column: str | None = None,
    ) -> Any:
        """Return a cell's value as the format holds the field it fills (the vocabulary's
        `Meta.value`); a fault, naming the cell's `column` (the field), is noted where it
        cannot be read."""
        found = _fields_of(classes).get(name)
        if found is None:
            return value  # the loader names an unknown field
        field, meta = found
        written = meta.value
        column = column or name
        if written is Value.PERIOD:
            return self.period(value, ref, column)
        if written is Value.NUMBER:
            return self.number(value)
        if written is Value.ACTUALS:
            return self.actuals(value, ref)
        if written is Value.FLAG:
            return self.yes_no(value, ref, column)
        if written is Value.PARTNERS:
            return self.by(value, ref)
        if written is Value.IDS:
            ids = self.ids(value, ref)
            # One id stays one where the field takes one (a cost's bearer), not in a list.
            one = get_origin(field.annotation) is not list and str in get_args(field.annotation)
            return ids[0] if len(ids) == 1 and one else ids
        words = _enum_words(field.annotation)
        if written is Value.CHOICE and words:
            what = _CHOICE_NAMES.get(name, name)
            return self.choice(value, ref, what, {_word(w): w for w in words})
        return value

    def ids(self, value: Any, ref: str) -> list[str]:
        """Return the ids in a list cell: comma-separated."""
        text = str(value)
        if ";" in text:
            self.fault(
                f"{ref}: separate the entries with commas, not ';': "
                f"{', '.join(p.strip() for p in text.split(';') if p.strip())}"
            )
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]

    def by(self, value: Any, ref: str) -> str | list[str]:
        """Return `by`: one partner id, a list of them, or 'all' in any case."""
        parts = [ALL_PARTNERS if p.lower() == ALL_PARTNERS else p for p in self.ids(value, ref)]
        self.named_partners += [(p, ref) for p in parts if p != ALL_PARTNERS]
        return parts[0] if len(parts) == 1 else parts

    def yes_no(self, value: Any, ref: str, column: str) -> Any:
        if isinstance(value, bool):
            return value
        answer = _YES.get(str(value).lower())
        if answer is None:
            self.fault(f"{ref}: {column!r} is yes or no (or blank), not {value!r}")
        return answer

    def choice(
        self, value: Any, ref: str, what: str, choices: dict[str, str], default: str | None = None
    ) -> str | None:
        """Return the choice a value names, in any case; note a fault and return None if none."""
        found = default if value is None else choices.get(_word(value))
        if found is None:
            words = list(dict.fromkeys(choices.values()))
            if value is None:
                self.fault(f"{ref}: no {what}: choose {_choices(*words)}")
            else:
                hint = did_you_mean(_word(value), words)
                self.fault(f"{ref}: unknown {what} {value!r}{hint}: choose {_choices(*words)}")
        return found

    def number(self, value: Any) -> Any:
        """Return a number typed as text as a number ('660' -> 660); anything else as it is."""
        if isinstance(value, str):
            parsed = _parse_number(value)
            return value if parsed is None else parsed
        return value

    def period(self, value: Any, ref: str, column: str) -> Any:
        """Return a period as typed: a year (2004, read as text) or a financial year (2004-05).

        A spreadsheet makes 2004-05 typed into a cell a date: that is a fault with the fix.
        """
        if isinstance(value, (datetime.date, datetime.time)):
            self.fault(
                f"{ref}: {column!r} is a date here, not a period: the spreadsheet made a date of "
                "what was typed; type a year (2004), or a financial year as text ('2004-05)"
            )
            return None
        return str(value)

    def amount(self, row: Record, path: tuple[Any, ...]) -> Any:
        """Return a cost's or a benefit's amount: `amount`, or [amount, amount_high], or None.

        A range's two ends are numbers, low first; anything else is a fault at its cell.
        """
        low, low_ref = row.get("amount", (None, ""))
        high, high_ref = row.get("amount_high", (None, ""))
        if high is None:
            return None if low is None else self.number(low)
        if low is None:
            self.fault(
                f"{high_ref}: an 'amount_high' with no 'amount': a range has its low figure in "
                "'amount' and its high one in 'amount_high'"
            )
            return None
        ends = []
        for end, value, ref in (("amount", low, low_ref), ("amount_high", high, high_ref)):
            number = self.number(value)
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                self.fault(
                    f"{ref}: {end!r} of a range is a number, not {value!r}: write figures with "
                    "a point for decimals and no units (4.5)"
                )
                return None
            ends.append(number)
        if ends[0] > ends[1]:
            self.fault(
                f"{high_ref}: the range {_number_text(ends[0])} to {_number_text(ends[1])} runs "
                "from high to low: put the low figure in 'amount' and the high one in "
                "'amount_high'"
            )
            return None
        self.cells[path + ("amount", 0)] = low_ref
        self.cells[path + ("amount", 1)] = high_ref
        return ends

    def actuals(self, value: Any, ref: str) -> dict[str, int | float]:
        """Return 'period = number' pairs, comma-separated: '2007 = 30, 2008 = 26'."""
        actuals: dict[str, int | float] = {}
        example = "e.g. 2007 = 30, 2008 = 26.5"
        text = str(value)
        if ";" in text:
            self.fault(f"{ref}: separate the actuals with commas, not ';': {example}")
            return actuals
        for part in text.split(LIST_SEPARATOR):
            if not part.strip():
                continue
            period, equals, figure = (p.strip() for p in part.partition("="))
            number = _parse_number(figure)
            if not equals or not period or number is None:
                self.fault(
                    f"{ref}: {part.strip()!r} is not 'period = number': write each period and "
                    f"figure with '=', decimals with a point, and commas between them, {example}"
                )
                continue
            whole = _parse_number(period)
            period = str(whole) if isinstance(whole, int) else period  # 2007.0 is 2007
            if period in actuals:
                self.fault(f"{ref}: period {period!r} comes twice")
            actuals[period] = number
        return actuals

    # ------------------------------------------------------------ sheets

    def model_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, ("field", "value"))
        partnership: dict[str, Any] = self.data.setdefault("partnership", {})
        seen: dict[str, str] = {}
        for row in records:
            field, field_ref = row.get("field", (None, ""))
            value, ref = row.get("value", (None, ""))
            if field is None:
                if value is not None:
                    self.fault(f"{ref}: a value with no field: name it in column A")
                continue
            key = str(field).strip().lower()
            if key in seen:
                self.fault(f"{field_ref}: {key!r} comes twice: the first is at {seen[key]}")
                continue
            seen[key] = field_ref
            path = (
                ("partnership", key.split(".", 1)[1]) if key.startswith("partnership.") else (key,)
            )
            self.cells[path] = ref  # a blank value too: 'Model!B2: missing title'
            if value is None:
                continue
            owner = (Partnership,) if len(path) == 2 else (LogicModel,)
            value = self.typed(owner, str(path[-1]), value, ref, key)
            (partnership if len(path) == 2 else self.data)[path[-1]] = value

    def partners_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, PARTNER_COLUMNS)
        partners = self.data.setdefault("partners", [])
        for index, row in enumerate(records):
            partners.append({k: v for k, (v, _) in row.items() if v is not None})
            self.cells.update({("partners", index, k): ref for k, (_, ref) in row.items()})

    def costs_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        self.amounts_sheet(title, rows, "costs", COST_COLUMNS)

    def benefits_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        self.amounts_sheet(title, rows, "benefits", BENEFIT_COLUMNS)

    def amounts_sheet(
        self, title: str, rows: Iterable[Sequence[Any]], field: str, columns: Sequence[str]
    ) -> None:
        """Read the Costs or the Benefits sheet into the partnership's `field`."""
        records, _ = self.records(title, rows, columns)
        entries = []
        for index, row in enumerate(records):
            path = ("partnership", field, index)
            entry: dict[str, Any] = {}
            for key, (value, ref) in row.items():
                self.cells[path + (key,)] = ref
                if value is None or key.startswith("amount"):
                    continue
                entry[key] = self.typed((Benefit,), key, value, ref)
            amount = self.amount(row, path)
            if amount is not None:
                entry["amount"] = amount
            # The item first, as a model file writes it.
            entries.append({k: entry[k] for k in columns if k in entry} | entry)
        if entries:
            self.data.setdefault("partnership", {})[field] = entries

    def elements_sheet(
        self, title: str, rows: Iterable[Sequence[Any]], skipped: Sequence[str] = ()
    ) -> None:
        records, named = self.records(title, rows, ELEMENT_COLUMNS, skipped)
        absent = [column for column in ("stage", "id") if column not in named]
        if absent and records:
            self.fault(
                f"{title}!A1: no {' or '.join(map(repr, absent))} column: the first row names "
                f"the columns, {', '.join(ELEMENT_COLUMNS)}"
            )
            return
        for row in records:
            stage_value, stage_ref = row["stage"]
            stage = self.choice(stage_value, stage_ref, "stage", _STAGES)
            if stage is None:
                self.unplaced.add(str(row.get("id", (None, ""))[0]))
                continue
            section = self.sections.setdefault(stage, [])
            index = len(section)
            element: dict[str, Any] = {}
            for key, (value, ref) in row.items():
                self.cells[(stage, index, key)] = ref
                if key == "stage" or value is None:
                    continue
                element[key] = self.typed((Contribution, Outcome), key, value, ref)
            self.cells[(stage, index)] = stage_ref
            self.positions.setdefault(str(element.get("id")), (stage, index))
            section.append(element)
        # Stages in the diagram's order, whatever order the rows come in.
        self.data.update(
            {s.value: self.sections[s.value] for s in Stage if s.value in self.sections}
        )

    def links_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        """Merge the Links sheet's rows into the elements' leads_to and enhances."""
        records, named = self.records(title, rows, LINK_COLUMNS)
        absent = [column for column in ("source", "target") if column not in named]
        if absent and records:
            self.fault(
                f"{title}!A1: no {' or '.join(map(repr, absent))} column: the first row names "
                f"the columns, {', '.join(LINK_COLUMNS)}"
            )
            return
        for row in records:
            source, source_ref = row["source"]
            target, target_ref = row["target"]
            kind_value, kind_ref = row.get("kind", (None, ""))
            kind = self.choice(kind_value, kind_ref, "kind of link", _KINDS, "leads_to")
            if source is None or target is None:
                missing = source_ref if source is None else target_ref
                self.fault(f"{missing}: a link needs both a source and a target element id")
                continue
            source, target = str(source), str(target)
            if source in self.unplaced:
                continue
            if source not in self.positions:
                hint = did_you_mean(source, self.positions)
                self.fault(f"{source_ref}: unknown element {source!r} as a link's source{hint}")
                continue
            if kind is None:
                continue
            stage, index = self.positions[source]
            if kind == "enhances" and Stage(stage).is_outcome:
                self.fault(
                    f"{kind_ref}: {Stage(stage).singular} {source!r} cannot enhance: only inputs, "
                    "activities and outputs made together enhance a partner's own"
                )
                continue
            items = self.sections[stage][index].setdefault(kind, [])
            if target in map(link_target, items):
                continue  # the same link in both places
            self.cells[(stage, index, kind, len(items))] = target_ref
            items.append(self.link_entry(row, target, (stage, index, kind, len(items))))

    def link_entry(self, row: Record, target: str, at: tuple[str, int, str, int]) -> Any:
        """Return a Links row's link: its target, or an object with what it rests on."""
        cells = {c: row[c][0] for c in LINK_FACT_COLUMNS if c in row and row[c][0] is not None}
        if not cells:
            return target
        self.cells.update({at + COLUMN_PLACES[column]: row[column][1] for column in cells})
        return link_from_cells(target, cells)

    def indicators_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, INDICATOR_COLUMNS)
        for row in records:
            element_id, element_ref = row.get("element", (None, ""))
            if str(element_id) not in self.positions:
                if str(element_id) in self.unplaced:
                    continue
                if element_id is None:
                    self.fault(f"{element_ref}: an indicator needs the id of its element")
                else:
                    hint = did_you_mean(str(element_id), self.positions)
                    self.fault(
                        f"{element_ref}: unknown element {element_id!r} for an indicator{hint}"
                    )
                continue
            stage, index = self.positions[str(element_id)]
            owner = self.sections[stage][index]
            indicators = owner.setdefault("indicators", [])
            path = (stage, index, "indicators", len(indicators))
            self.cells.setdefault((stage, index, "indicators"), element_ref)
            self.cells[path] = element_ref
            indicator: dict[str, Any] = {}
            spread: dict[str, dict[str, tuple[Any, str]]] = {}
            for key, (value, ref) in row.items():
                if key in SPREAD_COLUMNS:
                    holder, _, name = SPREAD_COLUMNS[key]
                    self.cells[path + (holder, name)] = ref
                    if value is not None:
                        spread.setdefault(holder, {})[name] = (value, ref)
                    continue
                self.cells[path + (key,)] = ref
                if key == "element" or value is None:
                    continue
                indicator[key] = self.typed((Indicator,), key, value, ref)
            for holder, fields in spread.items():
                indicator[holder] = self.spread_object(row, holder, fields, path)
            indicators.append(indicator)

    def spread_object(
        self,
        row: Record,
        holder: str,
        fields: dict[str, tuple[Any, str]],
        path: tuple[Any, ...],
    ) -> dict[str, Any]:
        """Return an indicator's comparator (or benchmark) from its columns; its name is
        needed."""
        owned = {c: v for c, v in SPREAD_COLUMNS.items() if v[0] == holder}
        cls = next(iter(owned.values()))[1]
        name_column = next(c for c, v in owned.items() if v[2] == "name")
        # The object's place: its name's cell, or its first value's without that column.
        _, ref = row.get(name_column, next(iter(fields.values())))
        self.cells[path + (holder,)] = ref
        if "name" not in fields:
            given = ", ".join(repr(column) for column, v in owned.items() if v[2] in fields)
            self.fault(
                f"{ref}: {given} with no {name_column!r}: name the area or population compared "
                f"in {name_column!r}"
            )
        found: dict[str, Any] = {}
        for field, (value, ref) in fields.items():
            found[field] = self.typed((cls,), field, value, ref)
        return found

    def advice_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, ADVICE_COLUMNS)
        ignore = []
        for index, row in enumerate(records):
            ignore.append({k: v for k, (v, _) in row.items() if v is not None})
            self.cells.update({("advice", "ignore", index, k): r for k, (_, r) in row.items()})
        if ignore:
            self.data["advice"] = {"ignore": ignore}

    def partners_from_by(self, title: str) -> None:
        """Make the partners of an elements CSV: the ids its `by` cells name, in row order.

        An id named in one row only, a slip of the keyboard from an id named in other rows
        (polce for police), is a fault with the likely id, not a new partner.
        """
        rows: dict[str, set[str]] = {}
        first: dict[str, str] = {}
        for partner, ref in self.named_partners:
            rows.setdefault(partner, set()).add(ref)
            first.setdefault(partner, ref)
        order = {partner: position for position, partner in enumerate(first)}
        # Ids a slip apart share a spelling with a letter or two left out: look up those
        # rather than compare every id with every other, so that many partners stay quick.
        nearby: dict[str, list[str]] = {}
        for partner in rows:
            for variant in slip_variants(partner):
                nearby.setdefault(variant, []).append(partner)
        for partner, refs in rows.items():
            if len(refs) > 1:
                continue
            candidates = dict.fromkeys(o for v in slip_variants(partner) for o in nearby[v])
            for other in sorted(candidates, key=order.__getitem__):
                other_refs = rows[other]
                if other == partner or not near_miss(partner, other):
                    continue
                # The other is the real one if more rows name it, or it came first.
                if len(other_refs) > 1 or order[other] < order[partner]:
                    count = len(other_refs)
                    self.fault(
                        f"{first[partner]}: partner {partner!r} is named in this row only, and "
                        f"{other!r} in {count} other row{'s' if count > 1 else ''} (did you mean "
                        f"{other!r}?): correct it, or name the partners on the Partners sheet of "
                        "a workbook (logicmodel template)"
                    )
                    break
        if not first:
            self.fault(f"{self.name}: no partner is named: the 'by' column of {title} names them")
        self.data["partners"] = [{"id": p, "name": p} for p in first]
        for index, ref in enumerate(first.values()):
            self.cells[("partners", index)] = ref
            self.cells[("partners", index, "id")] = ref


@without_gc_pauses
def read_workbook(
    content: bytes, name: str = "workbook.xlsx", max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[dict[str, Any], dict[tuple[Any, ...], str]]:
    """Return model data from a workbook and, per data path, the cell it came from.

    The size limit applies to what the workbook unpacks to, not only to the file: a small
    file may hold a huge sheet.
    """
    from openpyxl import load_workbook

    _refuse_unpacking_over(content, name, max_bytes)
    try:
        # Read-only streams each sheet; data_only reads a formula as the value it shows.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        if _defused(error):
            raise WorkbookError([f"{name}: {HOSTILE_XML}"]) from None
        raise WorkbookError([f"{name}: not an XLSX workbook ({type(error).__name__})"]) from None
    try:
        sheets = {_word(sheet.title): sheet for sheet in book.worksheets}
        reader = _Reader(name)
        missing = [s for s in ("Model", "Partners", "Elements") if _word(s) not in sheets]
        if missing:
            raise WorkbookError(
                [f"{name}: no {_choices(*missing)} sheet: `logicmodel template` writes them all"]
            )
        known = {_word(s) for s in (*SHEETS_READ, *SHEETS_SKIPPED, BASE_SHEET)}
        for key, sheet in sheets.items():
            if key in known:
                continue
            cell = _has_values(_sheet_rows(sheet, name), sheet.title)
            if cell is not None:
                hint = did_you_mean(sheet.title.strip().capitalize(), SHEETS_READ)
                reader.fault(
                    f"{cell}: sheet {sheet.title!r} is not read{hint}: the sheets read are "
                    f"{_choices(*SHEETS_READ)}; rename or delete it"
                )
        steps = (
            ("Model", reader.model_sheet),
            ("Partners", reader.partners_sheet),
            ("Costs", reader.costs_sheet),
            ("Benefits", reader.benefits_sheet),
            ("Elements", reader.elements_sheet),
            ("Links", reader.links_sheet),
            ("Indicators", reader.indicators_sheet),
            ("Advice", reader.advice_sheet),
        )
        for title, step in steps:
            if _word(title) in sheets:
                sheet = sheets[_word(title)]
                step(sheet.title, sheet_values(sheet, name))
    finally:
        book.close()
    reader.check()
    if not reader.data.get("partnership"):
        reader.data.pop("partnership", None)
    return reader.data, reader.cells


def read_csv(content: bytes, name: str) -> tuple[dict[str, Any], dict[tuple[Any, ...], str]]:
    """Return model data from an elements CSV (the Elements sheet's columns) and its cells.

    Partners are the ids named in `by` (each named after its id) and the title is the file's
    name, so a planner can start from one spreadsheet table. Cells are named after the file,
    as in 'elements.csv!D14'. Columns are separated by commas, or by semicolons as some
    spreadsheets save them, whichever the first row's column names are separated by.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError([f"{name}: not UTF-8 text: save the CSV as UTF-8"]) from None
    title = Path(name).name
    first = text.split("\n", 1)[0]

    def named(delimiter: str) -> int:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        return sum("_".join(_word(c).split()) in ELEMENT_COLUMNS for c in cells)

    delimiter = ";" if named(";") > named(",") else ","
    rows = _csv_rows(text, title, delimiter)
    reader = _Reader(name)
    reader.data["title"] = Path(name).stem.replace("-", " ").replace("_", " ").capitalize()
    reader.elements_sheet(title, rows, DERIVED_ELEMENT_COLUMNS)
    reader.partners_from_by(title)
    served = {
        ident
        for stage in Stage
        for element in reader.data.get(stage.value) or []
        for ident in element.get("contributes_to") or []
    }
    framework = framework_serving(served) if served else None
    if framework is not None:
        reader.data.setdefault("partnership", {})["framework"] = framework
    reader.check()
    return reader.data, reader.cells


@without_gc_pauses
def load_workbook_model(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LogicModel:
    """Return the model in a workbook (or an elements CSV); faults as 'Sheet!A1: message'."""
    return load_workbook_located(path, max_bytes)[0]


def load_workbook_located(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[LogicModel, dict[tuple[Any, ...], str], dict[str, Any] | None]:
    """Return the model in a workbook (or an elements CSV), the cell each data path came from,
    and the model data the workbook was exported from (None if it records none).

    A text a person left as exported keeps its exact text (a carriage return, spaces).
    """
    from logicmodel.fileformat.loading import LoadError, read_model_bytes, validate_data

    what = "CSV file" if path.lower().endswith(".csv") else "workbook"
    try:
        content = read_model_bytes(path, max_bytes, what)
    except LoadError as error:
        raise WorkbookError([str(fault) for fault in error.errors]) from None
    base = None
    if what == "CSV file":
        data, cells = read_csv(content, path)
    else:
        data, cells = read_workbook(content, path, max_bytes)
        base = workbook_base(content)
        if base is not None:
            data = restore_exact(base, data)
    # Cells in the order the reader met them: faults are listed in that order.
    order = {ref: number for number, ref in enumerate(dict.fromkeys(cells.values()), 1)}

    def cell_of(data_path: tuple[Any, ...]) -> str:
        for length in range(len(data_path), 0, -1):
            ref = cells.get(tuple(data_path[:length]))
            if ref:
                return ref
        return path

    def locate(data_path: tuple[Any, ...]) -> tuple[int, int]:
        return order.get(cell_of(data_path), 0), 1

    try:
        model = validate_data(data, locate, path, place=cell_of)
    except LoadError as error:
        raise WorkbookError([str(fault) for fault in error.errors]) from None
    return model, cells, base


# The limits and WorkbookError are logicmodel.fileformat.cells', named here too for callers.
__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "WorkbookError",
    "load_workbook_located",
    "load_workbook_model",
    "read_csv",
    "read_workbook",
]
