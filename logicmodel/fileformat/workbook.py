"""The workbook's layout, shared by the XLSX export, the template and spreadsheet import:
its sheets, their columns and how a list is written in one cell."""

from __future__ import annotations

from functools import cache

from logicmodel.fileformat.loading import ELEMENT_KEY_ORDER

MODEL_KEYS = ("title", "area", "notes", "source")
PARTNERSHIP_KEYS = ("name", "type", "focus", "vision", "lead", "started", "notes")
PARTNER_COLUMNS = ("id", "name", "short", "notes")
# An amount is a number in `amount`, or a range: its low figure in `amount`, its high one in
# `amount_high`. Both stay numbers a spreadsheet can add up.
COST_COLUMNS = ("item", "amount", "amount_high", "unit", "by", "notes", "source")
# A benefit is a cost's counterpart, with the outcome it belongs to and how far it is shown.
BENEFIT_COLUMNS = (*COST_COLUMNS[:5], "outcome", "evidence", *COST_COLUMNS[5:])
# The Elements sheet: the stage, then an element's fields in the order people write them;
# an outcome's evidence next to its gain.
ELEMENT_COLUMNS = (
    "stage",
    *(
        column
        for key in ELEMENT_KEY_ORDER
        if key not in ("indicators", "evidence")
        for column in ((key, "evidence") if key == "gain" else (key,))
    ),
)
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
    "target_period",
    "better",
    # An indicator's one comparator, in the same row: its name, then its own fields.
    "comparator",
    "comparator_actuals",
    "comparator_notes",
    "comparator_source",
    "notes",
    "source",
)
ADVICE_COLUMNS = ("code", "reason")
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


@cache
def column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))
