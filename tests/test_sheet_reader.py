"""The fast sheet reader gives exactly the rows openpyxl's read-only mode gives: for every
sample's exported workbook, a workbook openpyxl saved with numbers, dates, formulas and gaps,
and hand-written sheet XML with shared strings, rich text, a prefixed namespace and cells
without references; what it does not read itself (a date, a DOCTYPE) openpyxl reads."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.cells import WorkbookError, sheet_rows
from logicmodel.fileformat.importing import read_workbook
from logicmodel.fileformat.sheet_reader import Unhandled, parse_sheet, sheet_values

from .conftest import SAMPLES

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _same_rows(content: bytes) -> int:
    """Assert both readers give the same rows of every sheet; return how many rows."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    other = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = 0
    try:
        for sheet, twin in zip(book.worksheets, other.worksheets, strict=True):
            fast = list(sheet_values(sheet, "book.xlsx"))
            assert fast == list(sheet_rows(twin, "book.xlsx")), sheet.title
            count += len(fast)
    finally:
        book.close()
        other.close()
    return count


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_samples_workbook_reads_as_openpyxl_reads_it(sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    result = CliRunner().invoke(cli, ["export", str(sample), "--format", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.output
    assert _same_rows(book.read_bytes()) > 0
    saved = openpyxl.load_workbook(book)  # as a person's script saves it
    saved.save(book)
    assert _same_rows(book.read_bytes()) > 0


def test_numbers_flags_formulas_dates_and_gaps_read_as_openpyxl_reads_them(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["text", 12, 1.5, 1e21, True, False, "", None, "=1+2", " spaced "])
    sheet["B5"] = "after a gap"
    sheet["Z7"] = -3
    sheet.cell(row=9, column=300).value = "far out"
    dates = book.create_sheet("Dates")
    dates.append([datetime.date(2005, 4, 1), "2005"])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    assert _same_rows(path.read_bytes()) == 9 + 1


def _sheet(cells: str, prefix: str = "") -> bytes:
    """Return a worksheet part with the given rows, its main namespace under `prefix`."""
    name = f"{prefix}:" if prefix else ""
    cells = re.sub(r"<(/?)(\w)", rf"<\1{name}\2", cells)
    xmlns = f"xmlns{':' + prefix if prefix else ''}"
    return (
        f'<{name}worksheet {xmlns}="{MAIN}"><{name}sheetData>{cells}'
        f"</{name}sheetData></{name}worksheet>"
    ).encode()


def _with_sheet(xml: bytes, shared: list[str]) -> bytes:
    """Return a workbook whose first sheet is `xml`, with a shared string table."""
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    strings = "".join(f"<si><t xml:space='preserve'>{text}</t></si>" for text in shared)
    table = f'<sst xmlns="{MAIN}" count="{len(shared)}" uniqueCount="{len(shared)}">{strings}</sst>'
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = xml
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            target.writestr(item, data)
        target.writestr("xl/sharedStrings.xml", table)
    return out.getvalue()


CELLS = (
    '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>rich </t></r>'
    '<r><t xml:space="preserve">text </t></r><rPh sb="0" eb="1"><t>no</t></rPh></is></c>'
    '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><f>A1</f><v>shown</v></c>'
    '<c r="F1"><v></v></c><c r="G1" t="inlineStr"><is><t/></is></c><c r="H1" t="b"><v>1</v></c>'
    '<c r="I1"><v>2.50</v></c><c r="J1"><v>7</v></c></row>'
    '<row><c><v>1</v></c><c><v>2</v></c><c r="E2" t="s"><v>0</v></c><c><v>3</v></c></row>'
    '<row r="5"><c r="B5" t="inlineStr"><is><t>five</t></is></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t>going back: dropped</t></is></c></row>'
)


@pytest.mark.parametrize("prefix", ["", "x"])
def test_hand_written_sheet_xml_reads_as_openpyxl_reads_it(prefix: str) -> None:
    xml = _sheet(CELLS, prefix)
    shared = ["first", "second"]
    parse_sheet(xml, shared)  # read here, not left to openpyxl
    assert _same_rows(_with_sheet(xml, shared)) == 5


def test_a_date_or_a_doctype_is_left_to_openpyxl() -> None:
    with pytest.raises(Unhandled):
        parse_sheet(_sheet('<row r="1"><c r="A1" t="d"><v>2005-04-01</v></c></row>'), [])
    with pytest.raises(Unhandled):
        parse_sheet(_sheet('<row r="1"><c r="A1" s="3"><v>38443</v></c></row>'), [], frozenset({3}))
    hostile = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + _sheet("")
    with pytest.raises(Unhandled):
        parse_sheet(hostile, [])
    book = _with_sheet(hostile, [])
    with pytest.raises(WorkbookError, match="DOCTYPE"):
        read_workbook(book, "hostile.xlsx")
