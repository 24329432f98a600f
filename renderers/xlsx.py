"""XLSX workbooks: export a model for planners, read one back, and write an empty template.

The workbook holds everything the file format does (Model, Partners, Costs, Benefits, Elements,
Links, Indicators, Advice), so YAML -> XLSX -> YAML gives the same model, plus a Trace sheet for
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

import io
from collections.abc import Iterable, Sequence
from copy import copy
from typing import Any

from pydantic import BaseModel

from logicmodel.analysis.reports import trace_rows
from logicmodel.analysis.tracing import Trace
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.workbook import (
    ADVICE_COLUMNS,
    BASE_SHEET,
    BENEFIT_COLUMNS,
    COST_COLUMNS,
    ELEMENT_COLUMNS,
    INDICATOR_COLUMNS,
    INSTRUCTION_COLUMNS,
    LINK_COLUMNS,
    LINK_KINDS,
    LIST_JOIN,
    MODEL_KEYS,
    PARTNER_COLUMNS,
    PARTNERSHIP_KEYS,
    WORKBOOK_ELEMENT_COLUMNS,
    column_letter,
)
from logicmodel.models import (
    Benefit,
    Better,
    Contribution,
    Cost,
    Element,
    Evidence,
    IgnoredRule,
    Indicator,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
    Stage,
)
from logicmodel.models.links import LINK_CHOICES, flat_link
from logicmodel.models.vocabulary import Cells, Value, columns_of, fields_of, nested, value_of
from logicmodel.renderers.export_fields import BoxKind, box_kinds
from logicmodel.renderers.options import Options
from logicmodel.renderers.themes import get_theme

# Data validations cover at least this many rows, so that rows added by hand get them too;
# drop-down lists of ids take in this many rows past the last id, for ids added by hand.
VALIDATED_ROWS = 5000
LIST_ROOM = 200

INSTRUCTIONS = (
    (
        "Lists",
        "Separate the entries of a list with commas: several partners in 'by' "
        "(council, police), several ids in 'leads_to' and 'enhances', the bearers of a cost, "
        "the actuals of an indicator or of its comparator.",
    ),
    (
        "Values",
        "Spaces around a value are ignored. Stages, the partnership type, a link's kind, "
        "evidence, better and yes/no are read in any case (Activities, YES). Leave a cell "
        "blank to leave a field out. A period is a year (2004) or a financial year (2004-05): "
        "type a financial year as text ('2004-05), or the spreadsheet may make it a date.",
    ),
    (
        "Model",
        "One field per row: title (needed), area, notes, source, and partnership.name, "
        "partnership.type (informal, strategic, statutory or service-delivery), "
        "partnership.focus, partnership.vision, partnership.lead (a partner id), "
        "partnership.started (the first period of joint working, e.g. 2004 or 2004-05), "
        "partnership.notes.",
    ),
    (
        "Partners",
        "One partner per row: id (letters, digits, '-', '_' and '.'), name, short (a short "
        "name for crowded diagrams), notes.",
    ),
    (
        "Costs",
        "The costs of working together, one per row: item, amount (a number), amount_high "
        "(for an estimate, the high end of a range whose low end is in amount; blank for one "
        "figure), unit, by (the partner ids who bear it), notes, source.",
    ),
    (
        "Benefits",
        "The benefits of working together, set against the costs, one per row: item, amount "
        "and amount_high as on Costs, unit, by (the partner ids who gain), outcome (the id of "
        "the outcome it belongs to), evidence (" + ", ".join(e.value for e in Evidence) + "), "
        "notes, source.",
    ),
    (
        "Elements",
        "One element per row. stage: inputs, activities, outputs, interim, intermediate or "
        "ultimate. by (inputs, activities and outputs only): a partner id, several, or all. "
        "collaborative: yes or no, or blank for the usual rule (two or more partners work "
        "together). Links are on the Links sheet. gain (outcomes only): what working "
        "together adds. evidence (outcomes only): how far the gain is established, "
        + ", ".join(e.value for e in Evidence)
        + ". theme: the heading the element sits under. lead: a partner id. category: where "
        "it sits in the research's Figure 2 "
        "(`logicmodel categories` lists them).",
    ),
    (
        "Links",
        "Every link, one per row: source and target are element ids; kind is leads_to (also "
        "when blank) or enhances. To remove a link, delete its row; to add one, add a row.",
    ),
    (
        "Indicators",
        "Measures of elements, one per row: element (the id of an outcome, input, activity or "
        "output), name, unit, actuals as period = number pairs (2007 = 30, 2008 = 35), "
        "target_alone, target_together, target (a plain target, with no alone or together "
        "split), target_period (the period the targets refer to), "
        "better (" + " or ".join(b.value for b in Better) + ": which way is better), "
        "comparator (the name of an area the partnership did not touch), comparator_actuals "
        "(its period = number pairs, in the indicator's unit), comparator_notes, "
        "comparator_source, benchmark (the name of another area's series the target is set "
        "against), benchmark_rule (above, below or within), benchmark_margin (for within: how "
        "far from it still counts), benchmark_actuals, benchmark_source, notes, source.",
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
    return value if isinstance(value, str) else LIST_JOIN.join(value)


def _actuals(actuals: dict[str, float]) -> str | None:
    return LIST_JOIN.join(f"{period} = {_number(v)}" for period, v in actuals.items()) or None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _cells(value: Any, written: Value) -> list[Any]:
    """Return a field's value as the cells of its columns, written the way `import` reads it."""
    if written is Value.AMOUNT:  # a range's two ends apart, so both stay numbers
        return [value[0], value[-1]] if isinstance(value, list) else [value, None]
    if written in (Value.IDS, Value.PARTNERS):
        return [_joined(value) or None]
    if written is Value.ACTUALS:
        return [_actuals(value)]
    return [_value(value)]


def _row(item: BaseModel | None, *classes: type[BaseModel]) -> list[Any]:
    """Return an item of the format as the values of its row's columns (the vocabulary's
    `Meta.workbook`); a field the item's class lacks, or no item at all, leaves blanks."""
    row: list[Any] = []
    for name, (field, meta) in fields_of(*classes).items():
        owner = next(cls for cls in classes if name in cls.model_fields)
        cells = columns_of(owner, name)
        if not cells:
            continue
        value = getattr(item, name, None)
        spread = isinstance(meta.workbook, Cells) and meta.workbook.spread
        inner = nested(field) if spread else None
        if inner is not None:
            row += _row(value, inner)
        elif item is None or name not in type(item).model_fields:
            row += [None] * len(cells)
        else:
            row += _cells(value, meta.value)
    return row


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
        sheet.column_dimensions[column_letter(index)].width = min(60, max(10, width + 2))
    size = f"A1:{column_letter(len(columns))}{len(table) + 1}"
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
    return [stage.value, *_row(element, Contribution, Outcome)]


def element_table(model: LogicModel) -> list[list[Any]]:
    """Return one row of ELEMENT_COLUMNS per element, in file order, as `import` reads them."""
    return [_element_row(stage, element) for stage, element in model.elements()]


def _links(model: LogicModel) -> list[list[str | None]]:
    """Return every link as source, target, kind and what it rests on (LINK_COLUMNS): element
    by element, leads_to first."""
    rows: list[list[str | None]] = []
    for _, element in model.elements():
        kinds = [("leads_to", element.leads_to)]
        if isinstance(element, Contribution):
            kinds.append(("enhances", element.enhances))
        for kind, targets in kinds:
            for target in targets:
                facts = element.facts_of(target)
                cells = flat_link(facts) if facts is not None else {}
                rows.append([element.id, target, kind, *(cells.get(c) for c in LINK_COLUMNS[3:])])
    return rows


def _value(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


@without_gc_pauses
def _build(
    model: LogicModel, trace: Trace, theme: str = "classic", template: bool = False
) -> bytes:
    """Return the workbook; an export (not the template) records the model it was made from."""
    from openpyxl import Workbook

    from logicmodel.fileformat.files import WORKBOOK_AUTHOR

    book = Workbook(write_only=True)
    # Marks the workbook as ours, so that writing over it later is safe until someone saves it.
    book.properties.creator = book.properties.lastModifiedBy = WORKBOOK_AUTHOR
    if template:
        _write_sheet(book, "Instructions", INSTRUCTION_COLUMNS, INSTRUCTIONS)
    _write_partnership_sheets(book, model)
    rows = [_without_links(row) for row in element_table(model)]
    links = _links(model)
    kinds = box_kinds(model, trace)
    _write_element_sheet(book, rows, kinds, get_theme(theme), len(model.partners))
    _link_validations(_write_sheet(book, "Links", LINK_COLUMNS, links), len(rows), len(links))
    indicator_rows = [
        [element.id, *_row(indicator, Indicator)]
        for _, element in model.elements()
        for indicator in element.indicators
    ]
    _choice_validation(
        _write_sheet(book, "Indicators", INDICATOR_COLUMNS, indicator_rows),
        INDICATOR_COLUMNS.index("better"),
        [b.value for b in Better],
        len(indicator_rows),
    )
    advice = (_row(rule, IgnoredRule) for rule in model.advice.ignore)
    _write_sheet(book, "Advice", ADVICE_COLUMNS, advice)
    if not template:
        _write_trace_sheet(book, trace)
        _write_sheet(book, "Instructions", INSTRUCTION_COLUMNS, INSTRUCTIONS)
        _write_base_sheet(book, model)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Where the link columns sit in an element's row (ELEMENT_COLUMNS): the workbook leaves them out.
_LINK_INDEXES = frozenset(ELEMENT_COLUMNS.index(kind) for kind in LINK_KINDS)


def _without_links(row: list[Any]) -> list[Any]:
    """Return an element's row without its link columns: the Links sheet holds the links."""
    return [value for index, value in enumerate(row) if index not in _LINK_INDEXES]


def _write_base_sheet(book: Any, model: LogicModel) -> None:
    """Add the very hidden sheet that records the model exported, for `import --into`."""
    from logicmodel.fileformat.baseline import base_cells

    sheet = book.create_sheet(BASE_SHEET)
    sheet.sheet_state = "veryHidden"
    data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for piece in base_cells(data):
        sheet.append([_cell(sheet, piece)])


def _write_partnership_sheets(book: Any, model: LogicModel) -> None:
    """Add the Model, Partners, Costs and Benefits sheets."""
    p = model.partnership
    model_rows = [(key, _value(getattr(model, key))) for key in MODEL_KEYS]
    model_rows += [
        (f"partnership.{k}", _cells(getattr(p, k), value_of(Partnership, k))[0])
        for k in PARTNERSHIP_KEYS
    ]
    _write_sheet(book, "Model", ("field", "value"), model_rows)
    partners = (_row(partner, Partner) for partner in model.partners)
    _write_sheet(book, "Partners", PARTNER_COLUMNS, partners)
    _write_sheet(book, "Costs", COST_COLUMNS, (_row(cost, Cost) for cost in p.costs))
    benefits = [_row(benefit, Benefit) for benefit in p.benefits]
    _choice_validation(
        _write_sheet(book, "Benefits", BENEFIT_COLUMNS, benefits),
        BENEFIT_COLUMNS.index("evidence"),
        [e.value for e in Evidence],
        len(benefits),
    )


def _write_trace_sheet(book: Any, trace: Trace) -> None:
    """Add the Trace sheet, for reading: which outcomes rely on collaboration."""
    trace_table = trace_rows(trace)
    if not trace_table:
        return
    columns = list(trace_table[0])
    rows = (
        [_joined(r[c]) if isinstance(r[c], list) else r[c] for c in columns] for r in trace_table
    )
    _write_sheet(book, "Trace", columns, rows)


def _write_element_sheet(
    book: Any, rows: list[list[Any]], kinds: dict[str, BoxKind], colours: Any, partners: int
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
    gain = WORKBOOK_ELEMENT_COLUMNS.index("gain")
    styles = []
    for row in rows:
        kind = kinds[str(row[1])]
        style = [fills[kind]] * len(WORKBOOK_ELEMENT_COLUMNS)
        if kind == "split":
            style[gain] = gain_fill
        styles.append(style)
    sheet = _write_sheet(book, "Elements", WORKBOOK_ELEMENT_COLUMNS, rows, styles)
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
    for column in ("by", "lead"):
        letter = column_letter(WORKBOOK_ELEMENT_COLUMNS.index(column) + 1)
        partner_list.add(f"{letter}2:{letter}{last}")
    sheet.data_validations.append(stages)
    sheet.data_validations.append(partner_list)
    evidence = WORKBOOK_ELEMENT_COLUMNS.index("evidence")
    _choice_validation(sheet, evidence, [e.value for e in Evidence], len(rows))


def _choice_validation(sheet: Any, column: int, choices: Sequence[str], rows: int) -> None:
    """Add a drop-down of `choices` to a column (counted from 0), for typed rows too."""
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = column_letter(column + 1)
    last = max(VALIDATED_ROWS, rows + 1000)
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error="Choose " + ", ".join(choices[:-1]) + " or " + choices[-1],
    )
    choice.add(f"{letter}2:{letter}{last}")
    sheet.data_validations.append(choice)


def _link_validations(sheet: Any, elements: int, rows: int) -> None:
    """Add drop-downs to the Links sheet: element ids for source and target, and the kind."""
    from openpyxl.utils import get_column_letter
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
    # A link's facts with a closed list of values: a drop-down each, from the format's lists.
    for column, field in (("evidence", "level"), *((f, f) for f in LINK_CHOICES if f != "level")):
        letter = get_column_letter(LINK_COLUMNS.index(column) + 1)
        choice = DataValidation(
            type="list", formula1='"' + ",".join(LINK_CHOICES[field]) + '"', allow_blank=True
        )
        choice.add(f"{letter}2:{letter}{last}")
        sheet.data_validations.append(choice)


def generate_xlsx(model: LogicModel, trace: Trace, theme: str = "classic") -> bytes:
    """Return the model as an XLSX workbook."""
    return _build(model, trace, theme)


def generate(model: LogicModel, trace: Trace, options: Options) -> bytes:
    """Return the workbook bytes (the registry's entry point)."""
    return generate_xlsx(model, trace, options.theme)


# ---------------------------------------------------------------- template

# The template's example: one of each kind of row, in a small partnership's words.
TEMPLATE_EXAMPLE: dict[str, Any] = {
    "logicmodel": 1,
    "title": "Example: replace with your partnership's title",
    "partnership": {
        "type": "strategic",
        "focus": "What the partners agree to work on",
        "lead": "council",
        "started": "2008",
        "costs": [{"item": "Staff time at partnership meetings", "by": "council"}],
        "benefits": [
            {
                "item": "Fewer repeat call-outs",
                "amount": [2000, 3000],
                "unit": "pounds a year",
                "by": "police",
                "outcome": "safer",
                "evidence": "expected",
            }
        ],
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
            "evidence": "planned",
            "indicators": [
                {
                    "name": "Incidents at night",
                    "better": "lower",
                    "actuals": {"2007": 30, "2008": 26},
                    "target_period": "2010",
                    "comparator": {
                        "name": "The rest of the county",
                        "actuals": {"2007": 300, "2008": 290},
                    },
                }
            ],
        }
    ],
}


def generate_template() -> bytes:
    """Return a workbook to fill in: instructions, every sheet's columns, an example row each."""
    from logicmodel.analysis.tracing import trace

    example = LogicModel.model_validate(TEMPLATE_EXAMPLE)
    return _build(example, trace(example), template=True)


__all__ = [
    "INSTRUCTIONS",
    "LIST_ROOM",
    "TEMPLATE_EXAMPLE",
    "VALIDATED_ROWS",
    "element_table",
    "generate",
    "generate_template",
    "generate_xlsx",
]
