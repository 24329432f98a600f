"""The file format and its loading: parsing with positions, the rules, the schema, safe file
writes and the lock writers hold, the workbook and spreadsheet import."""

__all__ = [
    "baseline",
    "cells",
    "confusables",
    "documents",
    "files",
    "importing",
    "json_parsing",
    "loading",
    "locking",
    "parsing",
    "partner_names",
    "perf",
    "periods",
    "rules",
    "schema",
    "sheet_reader",
    "values",
    "workbook",
    "writing",
    "yaml_errors",
    "yaml_parsing",
]
