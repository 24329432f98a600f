"""Outputs: no command writes over its input, a model or a filled-in workbook; atomic writes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat import files
from logicmodel.status import ExitStatus

from .conftest import FIGURE1


@pytest.fixture
def model(tmp_path: Path) -> Path:
    copy = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, copy)
    return copy


def refused(result: object, path: Path, before: bytes) -> str:
    """Return the one line a refusal printed, after checking the file is untouched."""
    assert path.read_bytes() == before
    assert result.exit_code == ExitStatus.USAGE, result.output  # type: ignore[attr-defined]
    (line,) = result.output.strip().splitlines()  # type: ignore[attr-defined]
    return str(line)


def as_json_model(runner: CliRunner, model: Path) -> Path:
    """Return a JSON copy of a YAML model, made by the builder's own writer."""
    from logicmodel.fileformat.loading import load

    target = model.with_suffix(".json")
    target.write_text(
        load(model).model_dump_json(by_alias=True, exclude_defaults=True, indent=2), "utf-8"
    )
    return target


def test_json_export_never_replaces_the_json_model(runner: CliRunner, model: Path) -> None:
    source = as_json_model(runner, model)
    before = source.read_bytes()
    result = runner.invoke(cli, ["export", str(source), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert source.read_bytes() == before
    assert result.output.strip() == str(source.with_name("m.graph.json"))
    explicit = runner.invoke(cli, ["export", str(source), "--format", "json", "-o", str(source)])
    assert "is an input of this command" in refused(explicit, source, before)


def test_an_input_spelt_another_way_is_still_the_input(runner: CliRunner, model: Path) -> None:
    source = as_json_model(runner, model)
    before = source.read_bytes()
    link = model.parent / "link.json"
    link.symlink_to(source)
    result = runner.invoke(cli, ["export", str(source), "--format", "json", "-o", str(link)])
    refused(result, source, before)


def test_an_export_never_replaces_another_model(runner: CliRunner, model: Path) -> None:
    other = as_json_model(runner, model)
    before = other.read_bytes()
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "json", "-o", str(other)])
    assert "is a logic model" in refused(result, other, before)


def test_an_export_replaces_an_earlier_export(runner: CliRunner, model: Path) -> None:
    for view in ("json", "graphml", "xlsx", "mermaid"):
        for _ in range(2):
            result = runner.invoke(cli, ["export", str(model), "--format", view])
            assert result.exit_code == 0, result.output


def test_a_picture_replaces_an_earlier_picture(runner: CliRunner, model: Path) -> None:
    target = model.with_suffix(".svg")
    for _ in range(2):
        result = runner.invoke(cli, ["render", str(model), "-o", str(target), "--dpi", "40"])
        assert result.exit_code == 0, result.output


def filled_template(runner: CliRunner, path: Path) -> bytes:
    """Return the bytes of a template saved as a person's spreadsheet program would save it."""
    assert runner.invoke(cli, ["template", "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    book.properties.lastModifiedBy = "A Planner"
    book.save(path)
    return path.read_bytes()


def test_template_never_blanks_a_filled_in_workbook(runner: CliRunner, tmp_path: Path) -> None:
    filled = tmp_path / "filled.xlsx"
    before = filled_template(runner, filled)
    result = runner.invoke(cli, ["template", "-o", str(filled)])
    assert "--force" in refused(result, filled, before)
    forced = runner.invoke(cli, ["template", "-o", str(filled), "--force"])
    assert forced.exit_code == 0 and filled.read_bytes() != before


def test_an_xlsx_export_never_replaces_a_filled_in_workbook(
    runner: CliRunner, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.xlsx"
    before = filled_template(runner, filled)
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "xlsx", "-o", str(filled)])
    assert "workbook" in refused(result, filled, before)


def test_import_never_writes_over_its_workbook(runner: CliRunner, tmp_path: Path) -> None:
    workbook = tmp_path / "w.xlsx"
    before = filled_template(runner, workbook)
    result = runner.invoke(cli, ["import", str(workbook), "-o", str(workbook)])
    assert ".yaml, .yml or .json" in refused(result, workbook, before)
    forced = runner.invoke(cli, ["import", str(workbook), "-o", str(workbook), "--force"])
    refused(forced, workbook, before)


def test_import_keeps_a_hand_edited_model_unless_forced(
    runner: CliRunner, tmp_path: Path, model: Path
) -> None:
    workbook = tmp_path / "w.xlsx"
    filled_template(runner, workbook)
    before = model.read_bytes()
    result = runner.invoke(cli, ["import", str(workbook), "-o", str(model)])
    assert "--force" in refused(result, model, before)
    forced = runner.invoke(cli, ["import", str(workbook), "-o", str(model), "--force"])
    assert forced.exit_code == 0, forced.output
    assert model.read_bytes() != before


def test_import_to_a_csv_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    workbook = tmp_path / "w.xlsx"
    filled_template(runner, workbook)
    result = runner.invoke(cli, ["import", str(workbook), "-o", str(tmp_path / "m.csv")])
    assert result.exit_code == ExitStatus.USAGE
    assert not (tmp_path / "m.csv").exists()


@pytest.mark.parametrize("suffix", [".gv", ".dot"])
def test_dot_export_writes_dot_text_even_without_graphviz(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"x{suffix}"
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "export", str(FIGURE1), "--format", "dot"]
        + ["-o", str(target)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text("utf-8").startswith("digraph logicmodel {")


def test_atomic_write_keeps_a_symlink_and_the_permission_bits(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", "utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    files.write_text_atomically(link, "new")
    assert link.is_symlink() and link.read_text("utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if files.TEMPORARY_MARK in p.name] == []


def test_atomic_write_flushes_the_file_and_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(handle).st_mode) else "file")
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    files.write_bytes_atomically(tmp_path / "out.bin", b"data")
    assert synced == ["file", "folder"]


def test_a_failed_write_names_the_output_and_leaves_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "x.graphml"
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "graphml", "-o", str(target)])
    assert result.exit_code == ExitStatus.UNREADABLE
    (line,) = result.output.splitlines()
    assert line.startswith(f"{target}: cannot write")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        '{"logicmodel": 1, "title": "A draft",, }',  # JSON still being written: does not parse
        '"logicmodel": 1\ntitle: Quoted key\n',
        "{logicmodel: 1, title: Flow style}\n",
    ],
)
def test_a_model_in_any_spelling_is_never_replaced(
    runner: CliRunner, tmp_path: Path, text: str
) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text(text, "utf-8")
    before = draft.read_bytes()
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "json", "-o", str(draft)])
    assert "is a logic model" in refused(result, draft, before)
    link = tmp_path / "x.gv"
    link.symlink_to(draft)
    through_link = runner.invoke(cli, ["export", str(FIGURE1), "--format", "dot", "-o", str(link)])
    refused(through_link, draft, before)


def test_a_write_protected_model_is_never_replaced(runner: CliRunner, model: Path) -> None:
    model.chmod(0o444)
    before = model.read_bytes()
    result = runner.invoke(cli, ["rename", str(model), "trust", "mutual-trust"])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert "write-protected" in result.output
    assert model.read_bytes() == before
