"""The workbook's layout, shared by the XLSX export, the template and spreadsheet import:
its sheets, their columns and how a list is written in one cell."""

from __future__ import annotations

from functools import cache

from logicmodel.io import ELEMENT_KEY_ORDER

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
LIST_JOIN = LIST_SEPARATOR + " "
# Sheets that `import` reads, and sheets it knows and passes over (written for reading only).
SHEETS_READ = ("Model", "Partners", "Costs", "Elements", "Links", "Indicators", "Advice")
SHEETS_SKIPPED = ("Instructions", "Trace")


@cache
def column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))
