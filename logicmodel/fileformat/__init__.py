"""The file format and its loading: parsing with positions, the rules, the schema, safe file
writes, the workbook and spreadsheet import."""

__all__ = [
    "cells",
    "confusables",
    "files",
    "importing",
    "loading",
    "parsing",
    "perf",
    "periods",
    "rules",
    "schema",
    "workbook",
]
