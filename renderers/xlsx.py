"""XLSX workbooks: export a model for planners, read one back, and write an empty template.

The workbook holds everything the file format does (Model, Partners, Costs, Elements,
Indicators, Advice), so YAML -> XLSX -> YAML gives the same model, plus Links and Trace sheets
for reading. Every cell is written as a value: a label such as `=HYPERLINK(...)` stays text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from logicmodel.io import ELEMENT_KEY_ORDER
from logicmodel.models import Contribution, Element, LogicModel, Outcome, Stage
from logicmodel.renderers.attributes import box_kinds, link_rows
from logicmodel.renderers.themes import get_theme
from logicmodel.reports import trace_rows
from logicmodel.tracing import Trace

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

OUTPUT = "bytes"
SUFFIXES = (".xlsx",)

MODEL_KEYS = ("title", "area", "notes", "source")
PARTNERSHIP_KEYS = ("name", "type", "focus", "vision", "lead", "notes")
PARTNER_COLUMNS = ("id", "name", "short", "notes")
COST_COLUMNS = ("item", "amount", "unit", "by", "notes", "source")
# The Elements sheet: the stage, then an element's fields in the order people write them.
ELEMENT_COLUMNS = ("stage", *(key for key in ELEMENT_KEY_ORDER if key != "indicators"))
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
LIST_SEPARATOR = ", "


def _joined(value: str | list[str] | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else LIST_SEPARATOR.join(value)


def _actuals(actuals: dict[str, float]) -> str | None:
    return "; ".join(f"{period} = {_number(v)}" for period, v in actuals.items()) or None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# ---------------------------------------------------------------- writing


def _sheet(
    book: Any, title: str, columns: Iterable[str], rows: Iterable[Iterable[Any]]
) -> Worksheet:
    """Add a sheet with a bold header, frozen header row and filters; cells as values."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    headers = list(columns)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([None] * len(headers))
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=sheet.max_row, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, header in enumerate(headers, start=1):
        width = max([len(header)] + [len(str(c.value or "")) for c in sheet[_letter(column)][1:]])
        sheet.column_dimensions[_letter(column)].width = min(60, max(10, width + 2))
    return sheet


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour.lstrip("#").upper())


def generate_xlsx(model: LogicModel, trace: Trace, theme: str = "classic") -> bytes:
    """Return the model as an XLSX workbook."""
    from openpyxl import Workbook

    colours = get_theme(theme)
    book = Workbook()
    book.remove(book.active)
    p = model.partnership
    model_rows = [(key, getattr(model, key)) for key in MODEL_KEYS]
    model_rows += [(f"partnership.{k}", _value(getattr(p, k))) for k in PARTNERSHIP_KEYS]
    _sheet(book, "Model", ("field", "value"), model_rows)
    _sheet(
        book,
        "Partners",
        PARTNER_COLUMNS,
        ([getattr(x, c) for c in PARTNER_COLUMNS] for x in model.partners),
    )
    _sheet(
        book,
        "Costs",
        COST_COLUMNS,
        ([c.item, c.amount, c.unit, _joined(c.by), c.notes, c.source] for c in p.costs),
    )
    kinds = box_kinds(model, trace)
    elements = _sheet(
        book, "Elements", ELEMENT_COLUMNS, (_element_row(s, e) for s, e in model.elements())
    )
    fills = {
        "green": _fill(colours.green_fill),
        "red": _fill(colours.red_fill),
        "split": _fill(colours.green_fill),
        "unsupported": _fill(colours.warning_fill),
    }
    gain_fill = _fill(colours.red_fill)
    for row in elements.iter_rows(min_row=2):
        kind = kinds[str(row[1].value)]
        for cell in row:
            cell.fill = fills[kind]
        if kind == "split":
            row[ELEMENT_COLUMNS.index("gain")].fill = gain_fill  # the red part of a split box
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
    _sheet(book, "Indicators", INDICATOR_COLUMNS, indicator_rows)
    _sheet(book, "Advice", ADVICE_COLUMNS, ([i.code, i.reason] for i in model.advice.ignore))
    _sheet(
        book,
        "Links",
        ("source", "target", "kind"),
        ([r["source"], r["target"], r["kind"]] for r in link_rows(model)),
    )
    rows = trace_rows(trace)
    if rows:
        columns = list(rows[0])
        _sheet(
            book,
            "Trace",
            columns,
            ([_joined(r[c]) if isinstance(r[c], list) else r[c] for c in columns] for r in rows),
        )
    _add_validations(book, len(model.partners))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _value(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def _element_row(stage: Stage, element: Element) -> list[Any]:
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


def _add_validations(book: Any, partners: int) -> None:
    """Add drop-downs: stage on Elements, partner ids on `by` and `lead`."""
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book["Elements"]
    stages = DataValidation(
        type="list",
        formula1='"' + ",".join(s.value for s in Stage) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error="Choose one of the six stages",
    )
    last = max(partners + 1, 2)
    # `by` may hold several ids or `all`, so its list warns rather than refuses.
    partner_list = DataValidation(
        type="list",
        formula1=f"=Partners!$A$2:$A${last + 200}",
        allow_blank=True,
        showErrorMessage=False,
    )
    sheet.add_data_validation(stages)
    sheet.add_data_validation(partner_list)
    stages.add("A2:A5000")
    partner_list.add("D2:D5000")
    partner_list.add("I2:I5000")


def render(model: LogicModel, trace: Trace, theme: str = "classic") -> bytes:
    """Return the workbook bytes (the registry's entry point)."""
    return generate_xlsx(model, trace, theme)


# ---------------------------------------------------------------- template


def generate_template() -> bytes:
    """Return a workbook with every sheet's columns, the drop-downs and one example row each."""
    from logicmodel.tracing import trace

    example = LogicModel.model_validate(
        {
            "logicmodel": 1,
            "title": "Example: replace with your partnership's title",
            "partnership": {
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
                }
            ],
            "interim": [
                {
                    "id": "safer",
                    "label": "Streets feel safer",
                    "gain": "Patrols sent where the shared data says",
                    "indicators": [{"name": "Incidents at night", "actuals": {"2007": 30}}],
                }
            ],
        }
    )
    return generate_xlsx(example, trace(example))


# ---------------------------------------------------------------- reading


class WorkbookError(ValueError):
    """A workbook cannot become a model; `errors` holds 'Sheet!A1: message' lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _cells(sheet: Worksheet, columns: tuple[str, ...]) -> list[dict[str, tuple[Any, str]]]:
    """Return each data row as column name -> (value, cell reference), blank rows skipped."""
    headers = [str(c.value).strip() if c.value is not None else "" for c in sheet[1]]
    rows = []
    for row in sheet.iter_rows(min_row=2):
        values = {
            headers[i]: (cell.value, f"{sheet.title}!{cell.coordinate}")
            for i, cell in enumerate(row)
            if i < len(headers) and headers[i] in columns
        }
        if any(v not in (None, "") for v, _ in values.values()):
            rows.append(values)
    return rows


def _split(value: Any) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()]


def read_workbook(
    content: bytes, name: str = "workbook.xlsx", elements_sheet: str = "Elements"
) -> tuple[dict[str, Any], dict[tuple[Any, ...], str]]:
    """Return model data from a workbook and, per data path, the cell it came from."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise WorkbookError([f"{name}: not an XLSX workbook ({type(error).__name__})"]) from None
    cells: dict[tuple[Any, ...], str] = {}
    data: dict[str, Any] = {"logicmodel": 1}
    missing = [s for s in ("Model", "Partners", elements_sheet) if s not in book.sheetnames]
    if missing:
        raise WorkbookError([f"{name}: missing sheet {', '.join(missing)}"])
    partnership: dict[str, Any] = {}
    for row in _cells(book["Model"], ("field", "value")):
        field, ref = row.get("field", (None, ""))
        value, value_ref = row.get("value", (None, ""))
        if value in (None, ""):
            continue
        key = str(field).strip()
        if key.startswith("partnership."):
            partnership[key.split(".", 1)[1]] = value
            cells[("partnership", key.split(".", 1)[1])] = value_ref
        else:
            data[key] = value
            cells[(key,)] = value_ref
    data["partners"] = []
    for index, row in enumerate(_cells(book["Partners"], PARTNER_COLUMNS)):
        entry = {k: v for k, (v, _) in row.items() if v not in (None, "")}
        cells.update({("partners", index, k): ref for k, (_, ref) in row.items()})
        data["partners"].append(entry)
    if "Costs" in book.sheetnames:
        costs = []
        for index, row in enumerate(_cells(book["Costs"], COST_COLUMNS)):
            entry = {k: v for k, (v, _) in row.items() if v not in (None, "")}
            if "by" in entry:
                bearers = _split(entry["by"])
                entry["by"] = bearers[0] if len(bearers) == 1 else bearers
            cells.update({("partnership", "costs", index, k): ref for k, (_, ref) in row.items()})
            costs.append(entry)
        if costs:
            partnership["costs"] = costs
    if partnership:
        data["partnership"] = partnership
    sections: dict[str, list[dict[str, Any]]] = {}
    positions: dict[str, tuple[str, int]] = {}
    for row in _cells(book[elements_sheet], ELEMENT_COLUMNS):
        stage_value, stage_ref = row.get("stage", (None, ""))
        stage = str(stage_value or "").strip().lower()
        section = sections.setdefault(stage, [])
        index = len(section)
        element: dict[str, Any] = {}
        for key, (value, ref) in row.items():
            cells[(stage, index, key)] = ref
            if key == "stage" or value in (None, ""):
                continue
            if key in ("leads_to", "enhances"):
                value = _split(value)
            elif key == "by":
                parts = _split(value)
                value = parts[0] if len(parts) == 1 else parts
            element[key] = value
        cells[(stage, index)] = stage_ref
        positions[str(element.get("id"))] = (stage, index)
        section.append(element)
    data.update(sections)
    if "Indicators" in book.sheetnames:
        for row in _cells(book["Indicators"], INDICATOR_COLUMNS):
            element_id, ref = row.get("element", (None, ""))
            if str(element_id) not in positions:
                raise WorkbookError([f"{ref}: unknown element {element_id!r} for an indicator"])
            stage, index = positions[str(element_id)]
            owner = sections[stage][index]
            indicator: dict[str, Any] = {}
            for key, (value, _) in row.items():
                if key == "element" or value in (None, ""):
                    continue
                indicator[key] = (
                    _parse_actuals(value, row["actuals"][1]) if key == "actuals" else value
                )
            owner.setdefault("indicators", []).append(indicator)
    if "Advice" in book.sheetnames:
        ignore = [
            {k: v for k, (v, _) in row.items() if v not in (None, "")}
            for row in _cells(book["Advice"], ADVICE_COLUMNS)
        ]
        if ignore:
            data["advice"] = {"ignore": ignore}
    return data, cells


def _parse_actuals(value: Any, ref: str) -> dict[str, float]:
    actuals: dict[str, float] = {}
    for part in str(value).split(";"):
        if not part.strip():
            continue
        period, _, number = part.partition("=")
        try:
            actuals[period.strip()] = float(number)
        except ValueError:
            raise WorkbookError([f"{ref}: {part.strip()!r} is not 'period = number'"]) from None
    return actuals


def workbook_from_csv(content: bytes, name: str) -> tuple[bytes, str]:
    """Return a workbook made from an elements CSV (the Elements sheet's columns), and its sheet.

    Partners are the ids named in `by` (each named after its id) and the title is the file's
    name, so a planner can start from one spreadsheet table; the sheet takes the file's name so
    that faults read 'elements.csv!D14'.
    """
    import csv
    import re
    from pathlib import Path

    from openpyxl import Workbook

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError([f"{name}: not UTF-8 text: save the CSV as UTF-8"]) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "id" not in rows[0] or "stage" not in rows[0]:
        columns = ", ".join(ELEMENT_COLUMNS)
        raise WorkbookError([f"{name}: the first row must name the columns: {columns}"])
    by_column = rows[0].index("by") if "by" in rows[0] else None
    partners: list[str] = []
    for row in rows[1:]:
        if by_column is not None and by_column < len(row):
            for partner in _split(row[by_column]):
                if partner != "all" and partner not in partners:
                    partners.append(partner)
    sheet_name = re.sub(r"[\[\]:*?/\\]", "_", Path(name).name)[:31]
    book = Workbook()
    book.remove(book.active)
    model = book.create_sheet("Model")
    model.append(["field", "value"])
    model.append(["title", Path(name).stem.replace("-", " ").replace("_", " ").capitalize()])
    people = book.create_sheet("Partners")
    people.append(list(PARTNER_COLUMNS))
    for partner in partners:
        people.append([partner, partner])
    elements = book.create_sheet(sheet_name)
    for row in rows:
        elements.append([None] * len(row))
        for column, value in enumerate(row, start=1):
            cell = elements.cell(row=elements.max_row, column=column)
            cell.value = _csv_cell(value)
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), sheet_name


def _csv_cell(value: str) -> Any:
    """Return a CSV cell as the workbook would hold it: a formula-defusing apostrophe removed."""
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def load_workbook_model(path: str) -> LogicModel:
    """Return the model in a workbook (or an elements CSV); faults as 'Sheet!A1: message'."""
    from logicmodel.io import LoadError, validate_data

    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except OSError as error:
        raise WorkbookError([f"{path}: cannot read: {error.strerror or error}"]) from None
    elements_sheet = "Elements"
    if path.lower().endswith(".csv"):
        content, elements_sheet = workbook_from_csv(content, path)
    data, cells = read_workbook(content, path, elements_sheet)
    references = list(dict.fromkeys(cells.values()))
    number = {ref: i + 1 for i, ref in enumerate(references)}

    def locate(data_path: tuple[Any, ...]) -> tuple[int, int]:
        for length in range(len(data_path), 0, -1):
            ref = cells.get(tuple(data_path[:length]))
            if ref:
                return number[ref], 1
        return 0, 0

    try:
        return validate_data(data, locate, path)
    except LoadError as error:
        raise WorkbookError(
            [f"{references[e.line - 1] if e.line else path}: {e.message}" for e in error.errors]
        ) from None
