"""The workbook's layout, shared by the XLSX export, the template and spreadsheet import:
its sheets, their columns and how a list is written in one cell."""

from __future__ import annotations

from functools import cache

from logicmodel.models import (
    Benefit,
    Comparator,
    Contribution,
    Cost,
    IgnoredRule,
    Indicator,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
)
from logicmodel.models.links import LINK_FACT_COLUMNS
from logicmodel.models.vocabulary import Cells, columns, columns_of, fields_of, nested

# Every list of columns below comes from the models' vocabulary (`Meta.workbook`).
MODEL_KEYS = columns(LogicModel)
PARTNERSHIP_KEYS = columns(Partnership)
PARTNER_COLUMNS = columns(Partner)
# An amount is a number in `amount`, or a range: its low figure in `amount`, its high one in
# `amount_high`. Both stay numbers a spreadsheet can add up.
COST_COLUMNS = columns(Cost)
# A benefit is a cost's counterpart, with the outcome it belongs to and how far it is shown.
BENEFIT_COLUMNS = columns(Benefit)
# The Elements sheet: the stage (its section in the file), then an element's fields in the
# order people write them.
ELEMENT_COLUMNS = ("stage", *columns(Contribution, Outcome))
# Columns an exported elements CSV adds after ELEMENT_COLUMNS: worked out, so never read back.
DERIVED_ELEMENT_COLUMNS = ("trace_class", "collaborative_share", "depends_on_collaboration")
# A link's row: where it runs, then what it rests on (models/links.py, blank when not stated).
LINK_COLUMNS = ("source", "target", "kind", *LINK_FACT_COLUMNS)
LINK_KINDS = ("leads_to", "enhances")
# A workbook holds links in one place, the Links sheet: its Elements sheet has no link columns,
# so deleting a link's row deletes the link. (An elements CSV, a table on its own, keeps them.)
WORKBOOK_ELEMENT_COLUMNS = tuple(column for column in ELEMENT_COLUMNS if column not in LINK_KINDS)
# An indicator's row starts with the id of its element; its one comparator sits in the row.
INDICATOR_COLUMNS = ("element", *columns(Indicator))
# Column of an object spread over its indicator's row (a comparator, a benchmark) -> the
# indicator's field holding the object, the object's class and the object's field it holds.
SPREAD_COLUMNS = {
    column: (holder, inner, name)
    for holder, (field, marker) in fields_of(Indicator).items()
    if isinstance(marker.workbook, Cells)
    and marker.workbook.spread
    and (inner := nested(field)) is not None
    for name in fields_of(inner)
    for column in columns_of(inner, name)
}
# Comparator column -> the comparator's field it holds.
COMPARATOR_COLUMNS = {
    column: name for name in fields_of(Comparator) for column in columns_of(Comparator, name)
}
ADVICE_COLUMNS = columns(IgnoredRule)
INSTRUCTION_COLUMNS = ("sheet", "how to fill it in")
# The one separator of every list cell: ids in by, leads_to and enhances, a cost's bearers,
# an indicator's and a comparator's actuals. Written with a space after it; spaces around
# entries are dropped.
LIST_SEPARATOR = ","
LIST_JOIN = LIST_SEPARATOR + " "
# Sheets that `import` reads, and sheets it knows and passes over (written for reading only).
SHEETS_READ = (
    "Model",
    "Partners",
    "Costs",
    "Benefits",
    "Elements",
    "Links",
    "Indicators",
    "Advice",
)
SHEETS_SKIPPED = ("Instructions", "Trace")
# An exported workbook keeps the model it was made from in a very hidden sheet, as JSON cut into
# cells a spreadsheet holds, so that `import --into` can tell a person's changes in the workbook
# from changes made to the model file since the export.
BASE_SHEET = "logicmodel-export"
BASE_CHUNK = 32_000


@cache
def column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


__all__ = [
    "ADVICE_COLUMNS",
    "BASE_CHUNK",
    "BASE_SHEET",
    "BENEFIT_COLUMNS",
    "COMPARATOR_COLUMNS",
    "SPREAD_COLUMNS",
    "COST_COLUMNS",
    "DERIVED_ELEMENT_COLUMNS",
    "ELEMENT_COLUMNS",
    "INDICATOR_COLUMNS",
    "INSTRUCTION_COLUMNS",
    "LINK_COLUMNS",
    "LINK_KINDS",
    "LIST_JOIN",
    "LIST_SEPARATOR",
    "MODEL_KEYS",
    "PARTNERSHIP_KEYS",
    "PARTNER_COLUMNS",
    "SHEETS_READ",
    "SHEETS_SKIPPED",
    "WORKBOOK_ELEMENT_COLUMNS",
    "column_letter",
]
