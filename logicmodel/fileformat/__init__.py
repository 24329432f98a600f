"""The file format and its loading: parsing with positions, the rules, the schema, safe file
writes and the lock writers hold, the workbook and spreadsheet import."""

__all__ = [
    "baseline",
    "cells",
    "confusables",
    "documents",
    "faults",
    "files",
    "frameworks",
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
    "slips",
    "strands",
    "values",
    "workbook",
    "writing",
    "yaml_errors",
    "yaml_parsing",
]
