"""CSV exports start with a byte-order mark for Excel unless told `--encoding utf-8`; import
reads either."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from click.testing import CliRunner

import logicmodel
from logicmodel.cli import cli

from .conftest import FIGURE1

BOM = b"\xef\xbb\xbf"
TABLES = ("elements.csv", "nodes.csv", "links.csv", "trace.csv", "graph.csv")


def export(runner: CliRunner, folder: Path, *encoding: str) -> Path:
    """Return the folder the CSV tables were exported into, with the options given."""
    args = ["export", str(FIGURE1), "--format", "csv", "-o", f"{folder}/", *encoding]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return folder


def test_default_tables_carry_the_mark_and_plain_ones_do_not(
    runner: CliRunner, tmp_path: Path
) -> None:
    marked = export(runner, tmp_path / "marked")
    plain = export(runner, tmp_path / "plain", "--encoding", "utf-8")
    explicit = export(runner, tmp_path / "explicit", "--encoding", "utf-8-sig")
    for name in TABLES:
        with_mark = (marked / name).read_bytes()
        without = (plain / name).read_bytes()
        assert with_mark == BOM + without and not without.startswith(BOM)
        assert (explicit / name).read_bytes() == with_mark
    with (plain / "elements.csv").open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle))[0] == "stage"
    with (marked / "elements.csv").open(newline="", encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle))[0] == "stage"


def test_import_reads_tables_with_or_without_the_mark(runner: CliRunner, tmp_path: Path) -> None:
    imported = []
    for encoding in ("utf-8-sig", "utf-8"):
        folder = export(runner, tmp_path / encoding, "--encoding", encoding)
        target = tmp_path / f"{encoding}.yaml"
        result = runner.invoke(cli, ["import", str(folder / "elements.csv"), "-o", str(target)])
        assert result.exit_code == 0, result.output
        imported.append(logicmodel.load(target))
    marked, plain = imported
    assert marked.model_dump() == plain.model_dump()
    assert [e.id for _, e in plain.elements()] == [
        e.id for _, e in logicmodel.load(FIGURE1).elements()
    ]


def test_encoding_goes_with_csv_only(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "figure1.graphml"
    args = ["export", str(FIGURE1), "--format", "graphml", "-o", str(target)]
    result = runner.invoke(cli, [*args, "--encoding", "utf-8"])
    assert result.exit_code == 4 and "--encoding" in result.output
    assert not target.exists()
    bad = runner.invoke(cli, ["export", str(FIGURE1), "--format", "csv", "--encoding", "latin-1"])
    assert bad.exit_code != 0 and "latin-1" in bad.output


def test_python_export_takes_the_encoding(tmp_path: Path) -> None:
    marked = logicmodel.export(FIGURE1, tmp_path / "marked.zip")
    plain = logicmodel.export(FIGURE1, tmp_path / "plain.zip", encoding="utf-8")
    with zipfile.ZipFile(marked) as with_mark, zipfile.ZipFile(plain) as without:
        for name in TABLES:
            assert with_mark.read(name) == BOM + without.read(name)


def test_the_csv_tables_of_the_other_commands_have_no_mark(
    runner: CliRunner, tmp_path: Path
) -> None:
    # docs/researchers.md says so: only the export's tables are for Excel.
    gain_sample = FIGURE1.parent / "inverclyde-mcmc.yaml"
    for args in (
        ["trace", str(FIGURE1)],
        ["whatif", str(FIGURE1), "--without", "partner-a"],
        ["gain", str(gain_sample)],
        ["compare", str(FIGURE1)],
    ):
        result = runner.invoke(cli, [*args, "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes and not result.stdout_bytes.startswith(BOM), args
    target = tmp_path / "compare.csv"
    result = runner.invoke(cli, ["compare", str(FIGURE1), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    written = target.read_bytes()
    assert written and not written.startswith(BOM)
