"""The model a workbook was exported from: written into the workbook, read back, and used to
give a cell a person left alone its exact text (a spreadsheet keeps no carriage return, and
import trims the spaces people type around values)."""

from __future__ import annotations

import io
import json
from typing import Any

from logicmodel.fileformat.workbook import BASE_CHUNK, BASE_SHEET

Data = dict[str, Any]


def base_cells(data: Data) -> list[str]:
    """Return the cells that hold a model's data in the base sheet: JSON cut into pieces.

    ASCII only, so that no character a sheet's XML cannot hold (a carriage return, a control
    character) is ever in a cell: JSON escapes them.
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return [text[start : start + BASE_CHUNK] for start in range(0, len(text), BASE_CHUNK)]


def workbook_base(content: bytes) -> Data | None:
    """Return the model data a workbook was exported from, or None if it records none (a
    template, a workbook made by hand, or one whose record cannot be read)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - read_workbook reports a bad workbook itself
        return None
    try:
        if BASE_SHEET not in book.sheetnames:
            return None
        rows = book[BASE_SHEET].iter_rows(max_col=1, values_only=True)
        text = "".join(str(row[0]) for row in rows if row and row[0] is not None)
    finally:
        book.close()
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def as_cell_reads(text: str) -> str:
    r"""Return text as import reads it back from a cell: line breaks as '\n', spaces trimmed.

    >>> as_cell_reads("  Joint\r\nwork ")
    'Joint\nwork'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def restore_exact(base: Any, read: Any) -> Any:
    """Return workbook data with each text a person left as exported given its exact text.

    Text read from a cell that is what the same place in `base` reads as is the base's text;
    elements and partners are matched by id, other lists by position.
    """
    if isinstance(read, str):
        if isinstance(base, str) and base != read and as_cell_reads(base) == read:
            return base
        return read
    if isinstance(read, dict):
        if not isinstance(base, dict):
            return read
        return {key: restore_exact(base.get(key), value) for key, value in read.items()}
    if isinstance(read, list):
        if not isinstance(base, list):
            return read
        by_id = {item["id"]: item for item in base if isinstance(item, dict) and "id" in item}
        if by_id:
            return [
                restore_exact(by_id.get(item.get("id")) if isinstance(item, dict) else None, item)
                for item in read
            ]
        return [
            restore_exact(base[index] if index < len(base) else None, item)
            for index, item in enumerate(read)
        ]
    return read


__all__ = ["as_cell_reads", "base_cells", "restore_exact", "workbook_base"]
