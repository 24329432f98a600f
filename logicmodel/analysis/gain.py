"""Collaborative gain, the face: the maths of `gain_maths` and the writing of `gain_format`.

`measure(model)` returns a `GainReport`; `render_gain` writes reports as text, Markdown, CSV
or JSON. Import from here: the two modules behind it are how the work is divided, not an API.
"""

from __future__ import annotations

from logicmodel.analysis.gain_format import (
    CSV_FIELDS,
    LEDGER_COLUMNS,
    PERIOD_COLUMNS,
    csv_rows,
    describe_indicator,
    indicator_csv_rows,
    ledger_csv_rows,
    ledger_notes,
    ledger_table,
    people_amount,
    period_table,
    render_gain,
    used_columns,
)
from logicmodel.analysis.gain_maths import (
    COMPARATOR,
    FLAT_BASELINE,
    LEVEL,
    LINEAR_TREND,
    METHODS,
    NO_METHOD,
    NO_UNIT,
    Amount,
    Expectation,
    GainReport,
    IndicatorGain,
    LedgerEntry,
    LedgerLine,
    PeriodGain,
    Trend,
    add_amounts,
    comparator_expectation,
    expectation,
    incomplete_beta,
    indicator_row,
    ledger,
    ledger_row,
    linear_trend,
    measure,
    measure_indicator,
    net_of,
    period_year,
    planned_gain,
    progress_towards_target,
    sign_of,
    sorted_actuals,
    t_cdf,
    t_quantile,
)

# The names renderers/report.py imported before they were public; drop them once it imports
# the public ones above.
_LEDGER_COLUMNS = LEDGER_COLUMNS
_PERIOD_COLUMNS = PERIOD_COLUMNS
_describe_indicator = describe_indicator
_ledger_notes = ledger_notes
_ledger_table = ledger_table
_period_table = period_table
_used = used_columns

__all__ = [
    "COMPARATOR",
    "CSV_FIELDS",
    "FLAT_BASELINE",
    "LEDGER_COLUMNS",
    "LEVEL",
    "LINEAR_TREND",
    "METHODS",
    "NO_METHOD",
    "NO_UNIT",
    "PERIOD_COLUMNS",
    "Amount",
    "Expectation",
    "GainReport",
    "IndicatorGain",
    "LedgerEntry",
    "LedgerLine",
    "PeriodGain",
    "Trend",
    "add_amounts",
    "comparator_expectation",
    "csv_rows",
    "describe_indicator",
    "expectation",
    "incomplete_beta",
    "indicator_csv_rows",
    "indicator_row",
    "ledger",
    "ledger_csv_rows",
    "ledger_notes",
    "ledger_row",
    "ledger_table",
    "linear_trend",
    "measure",
    "measure_indicator",
    "net_of",
    "people_amount",
    "period_table",
    "period_year",
    "planned_gain",
    "progress_towards_target",
    "render_gain",
    "sign_of",
    "sorted_actuals",
    "t_cdf",
    "t_quantile",
    "used_columns",
]
