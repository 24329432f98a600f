"""XLSX workbooks: export a model for planners, read one back, and write an empty template.

The workbook holds everything the file format does (Model, Partners, Costs, Elements, Links,
Indicators, Advice), so YAML -> XLSX -> YAML gives the same model, plus a Trace sheet for
reading and an Instructions sheet. Every cell is written as a value: a label such as
`=HYPERLINK(...)` stays text.

Reading never guesses silently: every sheet and column is either read or known to be derived
(Trace, Instructions, the trace columns of an exported elements CSV); anything else that holds
a value is a fault named by its cell. Values are read the way people type them: surrounding
spaces dropped, choices in any case, yes/no for booleans, whole numbers kept whole, and one
list separator, the comma, in every list cell.

Both directions stream (openpyxl's write-only and read-only modes), so time grows linearly
with the model.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from functools import cache
from pathlib import Path
from typing import Any

from logicmodel.io import ELEMENT_KEY_ORDER, MAX_REPORTED
from logicmodel.models import (
    ALL_PARTNERS,
    Contribution,
    Element,
    LogicModel,
    Outcome,
    PartnershipType,
    Stage,
)
from logicmodel.perf import without_gc_pauses
from logicmodel.renderers.attributes import box_kinds
from logicmodel.renderers.options import Options
from logicmodel.renderers.themes import get_theme
from logicmodel.reports import trace_rows
from logicmodel.tracing import Trace
from logicmodel.validate import did_you_mean

MODEL_KEYS = ("title", "area", "notes", "source")
PARTNERSHIP_KEYS = ("name", "type", "focus", "vision", "lead", "notes")
PARTNER_COLUMNS = ("id", "name", "short", "notes")
COST_COLUMNS = ("item", "amount", "unit", "by", "notes", "source")
# The Elements sheet: the stage, then an element's fields in the order people write them.
ELEMENT_COLUMNS = ("stage", *(key for key in ELEMENT_KEY_ORDER if key != "indicators"))
# Columns an exported elements CSV adds after ELEMENT_COLUMNS: worked out, so never read back.
DERIVED_ELEMENT_COLUMNS = ("trace_class", "collaborative_share", "depends_on_collaboration")
LINK_COLUMNS = ("source", "target", "kind")
LINK_KINDS = ("leads_to", "enhances")
INDICATOR_COLUMNS = (
    "element",
    "name",
    "unit",
    "actuals",
    "target_alone",
    "target_together",
    "notes",
    "source",
)
ADVICE_COLUMNS = ("code", "reason")
INSTRUCTION_COLUMNS = ("sheet", "how to fill it in")
# The one separator of every list cell: ids in by, leads_to and enhances, a cost's bearers,
# an indicator's actuals. Written with a space after it; spaces around entries are dropped.
LIST_SEPARATOR = ","
_JOIN = LIST_SEPARATOR + " "
# Sheets that `import` reads, and sheets it knows and passes over (written for reading only).
SHEETS_READ = ("Model", "Partners", "Costs", "Elements", "Links", "Indicators", "Advice")
SHEETS_SKIPPED = ("Instructions", "Trace")
# Data validations cover at least this many rows, so that rows added by hand get them too;
# drop-down lists of ids take in this many rows past the last id, for ids added by hand.
VALIDATED_ROWS = 5000
LIST_ROOM = 200

INSTRUCTIONS = (
    (
        "Lists",
        "Separate the entries of a list with commas: several partners in 'by' "
        "(council, police), several ids in 'leads_to' and 'enhances', the bearers of a cost, "
        "the actuals of an indicator.",
    ),
    (
        "Values",
        "Spaces around a value are ignored. Stages, the partnership type, a link's kind and "
        "yes/no are read in any case (Activities, YES). Leave a cell blank to leave a field "
        "out.",
    ),
    (
        "Model",
        "One field per row: title (needed), area, notes, source, and partnership.name, "
        "partnership.type (informal, strategic, statutory or service-delivery), "
        "partnership.focus, partnership.vision, partnership.lead (a partner id), "
        "partnership.notes.",
    ),
    (
        "Partners",
        "One partner per row: id (letters, digits, '-', '_' and '.'), name, short (a short "
        "name for crowded diagrams), notes.",
    ),
    (
        "Costs",
        "The costs of working together, one per row: item, amount (a number), unit, by "
        "(the partner ids who bear it), notes, source.",
    ),
    (
        "Elements",
        "One element per row. stage: inputs, activities, outputs, interim, intermediate or "
        "ultimate. by (inputs, activities and outputs only): a partner id, several, or all. "
        "collaborative: yes or no, or blank for the usual rule (two or more partners work "
        "together). leads_to and enhances: element ids. gain (outcomes only): what working "
        "together adds. lead: a partner id.",
    ),
    (
        "Links",
        "Links one per row, as well as or instead of the leads_to and enhances columns of "
        "Elements: source and target are element ids; kind is leads_to (also when blank) or "
        "enhances. A link counts if it is in either place, so to remove one, remove it from "
        "both.",
    ),
    (
        "Indicators",
        "Measures of outcomes, one per row: element (the outcome's id), name, unit, actuals "
        "as period = number pairs (2007 = 30, 2008 = 35), target_alone, target_together, "
        "notes, source.",
    ),
    ("Advice", "Advice rules to switch off for this model: code (e.g. LM114) and reason."),
    (
        "Trace",
        "Written by export: which outcomes rely on collaboration. Worked out from the other "
        "sheets, so it is not read back: edit those instead.",
    ),
    ("Instructions", "This sheet. It is not read back."),
)


def _joined(value: str | list[str] | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _JOIN.join(value)


def _actuals(actuals: dict[str, float]) -> str | None:
    return _JOIN.join(f"{period} = {_number(v)}" for period, v in actuals.items()) or None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@cache
def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


# ---------------------------------------------------------------- writing


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour.lstrip("#").upper())


def _styled(sheet: Any, **style: Any) -> Any:
    """Return the style of a cell given `style` (font=..., fill=...), to copy onto others.

    Setting a fill or font on each of a million cells costs a look-up of the style each time;
    copying the finished style array is what openpyxl does itself when it copies cells.
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell._style


def _cell(sheet: Any, value: Any, style: Any = None) -> Any:
    """Return a value for a write-only row: text stays text, never a formula or an error code."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    text = isinstance(value, str)
    if style is None and not (text and (value.startswith("=") or value in ERROR_CODES)):
        return value
    cell = WriteOnlyCell(sheet, value)
    if text:
        cell.data_type = "s"
    if style is not None:
        cell._style = copy(style)
    return cell


def _write_sheet(
    book: Any,
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    styles: Sequence[Sequence[Any]] | None = None,
) -> Any:
    """Add a sheet: bold frozen header, filters, widths from the values; `styles` per row.

    The sheet is streamed (write-only), so column widths come from the rows before any is
    written, and each row costs the same however many came before it.
    """
    from openpyxl.styles import Font

    table = [list(row) for row in rows]
    sheet = book.create_sheet(title)
    widths = [len(column) for column in columns]
    for row in table:
        for index, value in enumerate(row):
            if value is not None:
                widths[index] = max(widths[index], len(str(value)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = min(60, max(10, width + 2))
    size = f"A1:{_letter(len(columns))}{len(table) + 1}"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = size
    # A streamed sheet states no size unless it can work one out, and without it a reader
    # scans the whole sheet looking for one; this sheet's size is known already.
    sheet.calculate_dimension = lambda: size
    bold = _styled(sheet, font=Font(bold=True))
    sheet.append([_cell(sheet, column, bold) for column in columns])
    for number, row in enumerate(table):
        if styles is None:
            sheet.append([_cell(sheet, value) for value in row])
        else:
            sheet.append([_cell(sheet, v, s) for v, s in zip(row, styles[number], strict=True)])
    return sheet


def _element_row(stage: Stage, element: Element) -> list[Any]:
    """Return an element as the values of ELEMENT_COLUMNS (the Elements sheet and CSV)."""
    by = collaborative = enhances = gain = None
    if isinstance(element, Contribution):
        by, collaborative = _joined(element.by), element.collaborative
        enhances = _joined(element.enhances) or None
    elif isinstance(element, Outcome):
        gain = element.gain
    return [
        stage.value,
        element.id,
        element.label,
        by,
        collaborative,
        _joined(element.leads_to) or None,
        enhances,
        gain,
        element.lead,
        element.notes,
        element.source,
    ]


def element_table(model: LogicModel) -> list[list[Any]]:
    """Return one row of ELEMENT_COLUMNS per element, in file order, as `import` reads them."""
    return [_element_row(stage, element) for stage, element in model.elements()]


def _links(model: LogicModel) -> list[list[str]]:
    """Return every link as source, target, kind: element by element, leads_to first."""
    rows = []
    for _, element in model.elements():
        rows += [[element.id, target, "leads_to"] for target in element.leads_to]
        if isinstance(element, Contribution):
            rows += [[element.id, target, "enhances"] for target in element.enhances]
    return rows


def _value(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


@without_gc_pauses
def _build(
    model: LogicModel,
    trace: Trace,
    theme: str = "classic",
    sheet_links: set[tuple[str, str, str]] | None = None,
    template: bool = False,
) -> bytes:
    """Return the workbook. `sheet_links`: links written only in Links, not in Elements."""
    from openpyxl import Workbook

    from logicmodel.files import WORKBOOK_AUTHOR

    colours = get_theme(theme)
    book = Workbook(write_only=True)
    # Marks the workbook as ours, so that writing over it later is safe until someone saves it.
    book.properties.creator = book.properties.lastModifiedBy = WORKBOOK_AUTHOR
    if template:
        _write_sheet(book, "Instructions", INSTRUCTION_COLUMNS, INSTRUCTIONS)
    p = model.partnership
    model_rows = [(key, getattr(model, key)) for key in MODEL_KEYS]
    model_rows += [(f"partnership.{k}", _value(getattr(p, k))) for k in PARTNERSHIP_KEYS]
    _write_sheet(book, "Model", ("field", "value"), model_rows)
    _write_sheet(
        book,
        "Partners",
        PARTNER_COLUMNS,
        ([getattr(x, c) for c in PARTNER_COLUMNS] for x in model.partners),
    )
    _write_sheet(
        book,
        "Costs",
        COST_COLUMNS,
        ([c.item, c.amount, c.unit, _joined(c.by), c.notes, c.source] for c in p.costs),
    )
    links = _links(model)
    rows = element_table(model)
    if sheet_links:
        leads_to, enhances = (ELEMENT_COLUMNS.index(k) for k in LINK_KINDS)
        for row in rows:
            for column, kind in ((leads_to, "leads_to"), (enhances, "enhances")):
                if row[column]:
                    kept = [
                        t for t in row[column].split(_JOIN) if (row[1], t, kind) not in sheet_links
                    ]
                    row[column] = _joined(kept) or None
        links = [link for link in links if tuple(link) in sheet_links]
    _write_element_sheet(book, rows, box_kinds(model, trace), colours, len(model.partners))
    _link_validations(_write_sheet(book, "Links", LINK_COLUMNS, links), len(rows), len(links))
    indicator_rows = [
        [
            o.id,
            i.name,
            i.unit,
            _actuals(i.actuals),
            i.target_alone,
            i.target_together,
            i.notes,
            i.source,
        ]
        for _, o in model.elements()
        if isinstance(o, Outcome)
        for i in o.indicators
    ]
    _write_sheet(book, "Indicators", INDICATOR_COLUMNS, indicator_rows)
    _write_sheet(book, "Advice", ADVICE_COLUMNS, ([i.code, i.reason] for i in model.advice.ignore))
    trace_table = trace_rows(trace)
    if trace_table and not template:
        columns = list(trace_table[0])
        _write_sheet(
            book,
            "Trace",
            columns,
            (
                [_joined(r[c]) if isinstance(r[c], list) else r[c] for c in columns]
                for r in trace_table
            ),
        )
    if not template:
        _write_sheet(book, "Instructions", INSTRUCTION_COLUMNS, INSTRUCTIONS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_element_sheet(
    book: Any, rows: list[list[Any]], kinds: dict[str, str], colours: Any, partners: int
) -> None:
    """Add the Elements sheet: each row filled as its box is drawn, and the drop-downs."""
    from openpyxl.worksheet.datavalidation import DataValidation

    anchor = book["Model"]  # styles belong to the workbook: any of its sheets makes them
    fills = {
        "green": _styled(anchor, fill=_fill(colours.green_fill)),
        "red": _styled(anchor, fill=_fill(colours.red_fill)),
        "split": _styled(anchor, fill=_fill(colours.green_fill)),
        "unsupported": _styled(anchor, fill=_fill(colours.warning_fill)),
    }
    gain_fill = fills["red"]  # the red part of a split box
    gain = ELEMENT_COLUMNS.index("gain")
    styles = []
    for row in rows:
        kind = kinds[str(row[1])]
        style = [fills[kind]] * len(ELEMENT_COLUMNS)
        if kind == "split":
            style[gain] = gain_fill
        styles.append(style)
    sheet = _write_sheet(book, "Elements", ELEMENT_COLUMNS, rows, styles)
    last = max(VALIDATED_ROWS, len(rows) + 1000)
    stages = DataValidation(
        type="list",
        formula1='"' + ",".join(s.value for s in Stage) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error="Choose one of the six stages",
    )
    # `by` may hold several ids or `all`, so its list warns rather than refuses.
    partner_list = DataValidation(
        type="list",
        formula1=f"Partners!$A$2:$A${partners + 1 + LIST_ROOM}",
        allow_blank=True,
        showErrorMessage=False,
    )
    stages.add(f"A2:A{last}")
    partner_list.add(f"D2:D{last}")
    partner_list.add(f"I2:I{last}")
    sheet.data_validations.append(stages)
    sheet.data_validations.append(partner_list)


def _link_validations(sheet: Any, elements: int, rows: int) -> None:
    """Add drop-downs to the Links sheet: element ids for source and target, and the kind."""
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(VALIDATED_ROWS, rows + 1000)
    ids = DataValidation(
        type="list",
        formula1=f"Elements!$B$2:$B${elements + 1 + LIST_ROOM}",
        allow_blank=True,
        showErrorMessage=False,
    )
    kinds = DataValidation(type="list", formula1='"' + ",".join(LINK_KINDS) + '"', allow_blank=True)
    ids.add(f"A2:B{last}")
    kinds.add(f"C2:C{last}")
    sheet.data_validations.append(ids)
    sheet.data_validations.append(kinds)


def generate_xlsx(model: LogicModel, trace: Trace, theme: str = "classic") -> bytes:
    """Return the model as an XLSX workbook."""
    return _build(model, trace, theme)


def generate(model: LogicModel, trace: Trace, options: Options) -> bytes:
    """Return the workbook bytes (the registry's entry point)."""
    return generate_xlsx(model, trace, options.theme)


# ---------------------------------------------------------------- template


def generate_template() -> bytes:
    """Return a workbook to fill in: instructions, every sheet's columns, an example row each.

    The example's `enhances` link is on the Links sheet and its `leads_to` links are in the
    Elements sheet's column, to show both ways of writing a link.
    """
    from logicmodel.tracing import trace

    example = LogicModel.model_validate(
        {
            "logicmodel": 1,
            "title": "Example: replace with your partnership's title",
            "partnership": {
                "type": "strategic",
                "focus": "What the partners agree to work on",
                "lead": "council",
                "costs": [{"item": "Staff time at partnership meetings", "by": "council"}],
            },
            "partners": [
                {"id": "council", "name": "Example Council"},
                {"id": "police", "name": "Example Police"},
            ],
            "activities": [
                {
                    "id": "joint-tasking",
                    "label": "Joint tasking group",
                    "by": ["council", "police"],
                    "leads_to": ["safer"],
                    "enhances": ["patrols"],
                },
                {
                    "id": "patrols",
                    "label": "Police patrols",
                    "by": "police",
                    "leads_to": ["safer"],
                },
            ],
            "interim": [
                {
                    "id": "safer",
                    "label": "Streets feel safer",
                    "gain": "Patrols sent where the shared data says",
                    "indicators": [
                        {"name": "Incidents at night", "actuals": {"2007": 30, "2008": 26}}
                    ],
                }
            ],
        }
    )
    enhances = {(c.id, t, "enhances") for _, c in example.contributions() for t in c.enhances}
    return _build(example, trace(example), sheet_links=enhances, template=True)


# ---------------------------------------------------------------- reading


class WorkbookError(ValueError):
    """A workbook cannot become a model; `errors` holds 'Sheet!A1: message' lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


Record = dict[str, tuple[Any, str]]  # column name -> (value, cell reference)


def _plain(value: Any) -> Any:
    """Return a cell's value as typed: text trimmed (blank is None), 2007.0 as 2007."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _word(value: Any) -> str:
    """Return a choice as compared: lower case, '-', '_' and runs of spaces as one space."""
    return " ".join(str(value).lower().replace("_", " ").replace("-", " ").split())


def _choices(*words: str) -> str:
    """Return 'a, b or c'."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


_STAGES = {
    _word(word): stage.value
    for stage in Stage
    for word in (stage.value, stage.singular, stage.heading)
}
_PARTNERSHIP_TYPES = {_word(t.value): t.value for t in PartnershipType}
_KINDS = {_word(kind): kind for kind in LINK_KINDS}
_YES = {"yes": True, "true": True, "no": False, "false": False}
# Columns that name something else: the hint to give instead of "did you mean".
_COLUMN_HINTS = {"partners": "by", "from": "source", "to": "target"}


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
        iterator = iter(rows)
        header = next(iterator, None) or ()
        known: list[tuple[int, str, str]] = []  # index, column, letter
        unread: dict[int, str] = {}  # index -> the column's name as written, '' for none
        for index, raw in enumerate(header):
            text = _plain(raw)
            column = "_".join(_word(text).split()) if text is not None else ""
            if column in columns:
                if any(column == other for _, other, _ in known):
                    self.fault(
                        f"{title}!{_letter(index + 1)}1: a second {column!r} column: keep one"
                    )
                else:
                    known.append((index, column, _letter(index + 1)))
            elif column not in skipped or not column:
                unread[index] = "" if text is None else str(text)
        width = len(header)
        reported: set[int] = set()
        records = []
        for number, row in enumerate(iterator, start=2):
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
        letter = _letter(index + 1)
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
            if path == ("partnership", "type"):
                value = self.choice(value, ref, "partnership type", _PARTNERSHIP_TYPES)
            (partnership if len(path) == 2 else self.data)[path[-1]] = value

    def partners_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, PARTNER_COLUMNS)
        partners = self.data.setdefault("partners", [])
        for index, row in enumerate(records):
            partners.append({k: v for k, (v, _) in row.items() if v is not None})
            self.cells.update({("partners", index, k): ref for k, (_, ref) in row.items()})

    def costs_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, COST_COLUMNS)
        costs = []
        for index, row in enumerate(records):
            entry: dict[str, Any] = {}
            for key, (value, ref) in row.items():
                self.cells[("partnership", "costs", index, key)] = ref
                if value is None:
                    continue
                if key == "by":
                    bearers = self.ids(value, ref)
                    value = bearers[0] if len(bearers) == 1 else bearers
                elif key == "amount":
                    value = self.number(value)
                entry[key] = value
            costs.append(entry)
        if costs:
            self.data.setdefault("partnership", {})["costs"] = costs

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
                if key in LINK_KINDS:
                    value = self.ids(value, ref)
                elif key == "by":
                    value = self.by(value, ref)
                elif key == "collaborative":
                    value = self.yes_no(value, ref, key)
                element[key] = value
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
            if target in items:
                continue  # the same link in both places
            self.cells[(stage, index, kind, len(items))] = target_ref
            items.append(target)

    def indicators_sheet(self, title: str, rows: Iterable[Sequence[Any]]) -> None:
        records, _ = self.records(title, rows, INDICATOR_COLUMNS)
        for row in records:
            element_id, element_ref = row.get("element", (None, ""))
            if str(element_id) not in self.positions:
                if str(element_id) in self.unplaced:
                    continue
                if element_id is None:
                    self.fault(f"{element_ref}: an indicator needs the id of its outcome")
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
            for key, (value, ref) in row.items():
                self.cells[path + (key,)] = ref
                if key == "element" or value is None:
                    continue
                if key == "actuals":
                    value = self.actuals(value, ref)
                elif key.startswith("target_"):
                    value = self.number(value)
                indicator[key] = value
            indicators.append(indicator)

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
            for variant in _variants(partner):
                nearby.setdefault(variant, []).append(partner)
        for partner, refs in rows.items():
            if len(refs) > 1:
                continue
            candidates = dict.fromkeys(o for v in _variants(partner) for o in nearby[v])
            for other in sorted(candidates, key=order.__getitem__):
                other_refs = rows[other]
                if other == partner or not _near_miss(partner, other):
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


def _near_miss(typed: str, known: str) -> bool:
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


def _variants(text: str) -> set[str]:
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


def _sheet_rows(sheet: Any, name: str) -> Iterator[Sequence[Any]]:
    """Yield a read-only sheet's rows as values, row 1 first, blank rows as empty tuples."""
    sheet.reset_dimensions()  # never trust the size a file states: read every row it has
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad sheet
            raise WorkbookError(
                [f"{name}: sheet {sheet.title!r} cannot be read ({type(error).__name__})"]
            ) from None
        yield row


def _has_values(rows: Iterable[Sequence[Any]], title: str) -> str | None:
    """Return the first cell of a table that holds a value, or None."""
    for number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if _plain(value) is not None:
                return f"{title}!{_letter(index + 1)}{number}"
    return None


@without_gc_pauses
def read_workbook(
    content: bytes, name: str = "workbook.xlsx"
) -> tuple[dict[str, Any], dict[tuple[Any, ...], str]]:
    """Return model data from a workbook and, per data path, the cell it came from."""
    from openpyxl import load_workbook

    try:
        # Read-only streams each sheet; data_only reads a formula as the value it shows.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise WorkbookError([f"{name}: not an XLSX workbook ({type(error).__name__})"]) from None
    try:
        sheets = {_word(sheet.title): sheet for sheet in book.worksheets}
        reader = _Reader(name)
        missing = [s for s in ("Model", "Partners", "Elements") if _word(s) not in sheets]
        if missing:
            raise WorkbookError(
                [f"{name}: no {_choices(*missing)} sheet: `logicmodel template` writes them all"]
            )
        known = {_word(s) for s in (*SHEETS_READ, *SHEETS_SKIPPED)}
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
            ("Elements", reader.elements_sheet),
            ("Links", reader.links_sheet),
            ("Indicators", reader.indicators_sheet),
            ("Advice", reader.advice_sheet),
        )
        for title, step in steps:
            if _word(title) in sheets:
                sheet = sheets[_word(title)]
                step(sheet.title, _sheet_rows(sheet, name))
    finally:
        book.close()
    reader.check()
    if not reader.data.get("partnership"):
        reader.data.pop("partnership", None)
    return reader.data, reader.cells


def _csv_cell(value: str) -> str:
    """Return a CSV cell as typed: the apostrophe that keeps a formula as text removed."""
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r", "'"):
        return value[1:]
    return value


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
    rows = (
        [_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    )
    reader = _Reader(name)
    reader.data["title"] = Path(name).stem.replace("-", " ").replace("_", " ").capitalize()
    reader.elements_sheet(title, rows, DERIVED_ELEMENT_COLUMNS)
    reader.partners_from_by(title)
    reader.check()
    return reader.data, reader.cells


@without_gc_pauses
def load_workbook_model(path: str) -> LogicModel:
    """Return the model in a workbook (or an elements CSV); faults as 'Sheet!A1: message'."""
    from logicmodel.io import LoadError, validate_data

    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except OSError as error:
        raise WorkbookError([f"{path}: cannot read: {error.strerror or error}"]) from None
    if path.lower().endswith(".csv"):
        data, cells = read_csv(content, path)
    else:
        data, cells = read_workbook(content, path)
    references = list(dict.fromkeys(cells.values()))
    number = {ref: i + 1 for i, ref in enumerate(references)}

    def locate(data_path: tuple[Any, ...]) -> tuple[int, int]:
        for length in range(len(data_path), 0, -1):
            ref = cells.get(tuple(data_path[:length]))
            if ref:
                return number[ref], 1
        return 0, 0

    def cell(match: re.Match[str]) -> str:
        return f"at {references[int(match.group(1)) - 1]}"

    try:
        return validate_data(data, locate, path)
    except LoadError as error:
        raise WorkbookError(
            [
                # A message that points elsewhere by line points at that cell instead.
                f"{references[e.line - 1] if e.line else path}: {_LINE.sub(cell, e.message)}"
                for e in error.errors
            ]
        ) from None


_LINE = re.compile(r"\bon line (\d+)\b")
