"""The file layer refuses the unsafe writes for every caller: from Python every writer keeps a
model byte for byte, the command line refuses with the very same words, and a workbook a person
edited with openpyxl is never replaced by an export."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import logicmodel
from logicmodel.cli import cli
from logicmodel.fileformat import files
from logicmodel.fileformat.files import OutputRefused
from logicmodel.status import ExitStatus

from .conftest import FIGURE1

Writer = Callable[[Path], object]


def json_model(folder: Path, name: str = "model.json") -> Path:
    """Return a JSON copy of the Figure 1 model."""
    target = folder / name
    target.write_text(
        logicmodel.load(FIGURE1).model_dump_json(by_alias=True, exclude_defaults=True), "utf-8"
    )
    return target


def yaml_model(folder: Path, name: str = "model.yaml") -> Path:
    """Return a YAML copy of the Figure 1 model, comments and all."""
    return Path(shutil.copy(FIGURE1, folder / name))


# Each writer of the Python API, and a name it writes: a model saved under that name (a planner
# may call a model anything) must survive it.
WRITERS: dict[str, tuple[str, Writer]] = {
    "export json": ("m.json", lambda t: logicmodel.export(logicmodel.load(FIGURE1), t)),
    "export xlsx": ("m.xlsx", lambda t: logicmodel.export(logicmodel.load(FIGURE1), t)),
    "export csv": ("m.zip", lambda t: logicmodel.export(logicmodel.load(FIGURE1), t)),
    "render html": (
        "m.html",
        lambda t: logicmodel.render(logicmodel.load(FIGURE1), t, view="html"),
    ),
    "render dot": ("m.dot", lambda t: logicmodel.render(logicmodel.load(FIGURE1), t, view="graph")),
    "template": ("m.xlsx", lambda t: logicmodel.template(t)),
    "report": ("m.html", lambda t: logicmodel.report(FIGURE1, t)),
}


@pytest.mark.parametrize("make_model", [json_model, yaml_model])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_no_python_writer_replaces_a_model(
    tmp_path: Path, writer: str, make_model: Callable[[Path, str], Path]
) -> None:
    name, write = WRITERS[writer]
    model_file = make_model(tmp_path, name)
    before = model_file.read_bytes()
    with pytest.raises(OutputRefused):
        write(model_file)
    assert model_file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_the_model_json_itself_is_never_replaced_from_python(tmp_path: Path) -> None:
    model_file = json_model(tmp_path)
    before = model_file.read_bytes()
    with pytest.raises(OutputRefused, match="is a logic model"):
        logicmodel.export(logicmodel.load(model_file), model_file)
    assert model_file.read_bytes() == before


def test_python_exports_replace_their_own_earlier_export(tmp_path: Path) -> None:
    model = logicmodel.load(FIGURE1)
    for target in (tmp_path / "m.graph.json", tmp_path / "m.xlsx", tmp_path / "tables"):
        for _ in range(2):
            fmt = "csv" if target.suffix == "" else None
            assert logicmodel.export(model, target, format=fmt) == target


def cli_line(runner: CliRunner, *words: str | Path) -> str:
    """Return the one line a refused command printed, after checking it exited with usage."""
    result = runner.invoke(cli, [str(word) for word in words])
    assert result.exit_code == ExitStatus.USAGE, result.output
    (line,) = result.output.strip().splitlines()
    return str(line)


def python_message(call: Callable[[], object]) -> str:
    """Return the words of the refusal a Python call raised."""
    with pytest.raises(OutputRefused) as refused:
        call()
    return str(refused.value)


def test_cli_and_python_refuse_a_model_in_the_same_words(runner: CliRunner, tmp_path: Path) -> None:
    model = logicmodel.load(FIGURE1)
    target = json_model(tmp_path)
    said = cli_line(runner, "export", FIGURE1, "--format", "json", "-o", target)
    assert said == python_message(lambda: logicmodel.export(model, target))
    assert said.startswith(f"{target}: is a logic model")
    page = yaml_model(tmp_path, "page.html")
    said = cli_line(runner, "render", FIGURE1, "--view", "html", "-o", page)
    assert said == python_message(lambda: logicmodel.render(model, page, view="html"))
    said = cli_line(runner, "report", FIGURE1, "-o", page)
    assert said == python_message(lambda: logicmodel.report(FIGURE1, page))


def test_cli_and_python_refuse_an_input_in_the_same_words(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = yaml_model(tmp_path, "board.html")
    said = cli_line(runner, "report", source, "-o", source)
    assert said == python_message(lambda: logicmodel.report(source, source))
    assert said == f"{source}: is an input of this command; choose another output"


def test_cli_and_python_refuse_an_existing_template_in_the_same_words(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "book.xlsx"
    logicmodel.template(target)
    before = target.read_bytes()
    said = cli_line(runner, "template", "-o", target)
    assert said == python_message(lambda: logicmodel.template(target))
    assert said == f"{target}: {files.ALREADY_EXISTS}"
    assert target.read_bytes() == before
    logicmodel.template(target, force=True)


def test_cli_and_python_refuse_a_foreign_folder_in_the_same_words(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    said = cli_line(runner, "export", FIGURE1, "--format", "csv", "-o", folder)
    model = logicmodel.load(FIGURE1)
    assert said == python_message(lambda: logicmodel.export(model, folder, format="csv"))
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


# ---------------------------------------------------------------- workbooks a person edited


def exported_workbook(runner: CliRunner, target: Path) -> Path:
    """Return a workbook exported by the command line."""
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_a_workbook_edited_with_openpyxl_is_never_replaced(
    runner: CliRunner, tmp_path: Path
) -> None:
    book_file = exported_workbook(runner, tmp_path / "edited.xlsx")
    book = openpyxl.load_workbook(book_file)
    sheet = book["Elements"]
    sheet.cell(row=2, column=3).value = "A planner's own label"
    book.save(book_file)
    # The old guard read only 'last modified by', which openpyxl leaves as it was.
    assert openpyxl.load_workbook(book_file).properties.lastModifiedBy == files.WORKBOOK_AUTHOR
    before = book_file.read_bytes()
    said = cli_line(runner, "export", FIGURE1, "--format", "xlsx", "-o", book_file)
    assert "workbook" in said
    model = logicmodel.load(FIGURE1)
    assert said == python_message(lambda: logicmodel.export(model, book_file))
    assert book_file.read_bytes() == before


def test_a_workbook_changed_in_place_keeping_its_fingerprint_is_never_replaced(
    runner: CliRunner, tmp_path: Path
) -> None:
    original = exported_workbook(runner, tmp_path / "ours.xlsx")
    label = logicmodel.load(FIGURE1).activities[0].label.encode("utf-8")
    changed = tmp_path / "changed.xlsx"
    edits = 0
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(changed, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            edits += label in data
            target.writestr(part, data.replace(label, label.upper()))
        target.comment = source.comment
    assert edits == 2  # the label's cell, and the record of the model exported
    assert files.is_edited_workbook(str(changed))
    assert not files.is_edited_workbook(str(original))


def test_an_unedited_export_and_other_files_pass_through_unstamped(tmp_path: Path) -> None:
    assert files.stamp_workbook(b"not a workbook") == b"not a workbook"
    plain_zip = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("a.txt", "a")
    assert files.stamp_workbook(plain_zip.read_bytes()) == plain_zip.read_bytes()
    assert not files.is_edited_workbook(str(plain_zip))


def test_a_new_model_saved_from_python_never_replaces_a_model(tmp_path: Path) -> None:
    from logicmodel.editing.layer import EditError

    model_file = yaml_model(tmp_path)
    before = model_file.read_bytes()
    draft = logicmodel.new("T", partners={"a": "A"})
    with pytest.raises(EditError, match=files.ALREADY_EXISTS.replace("-", r"\-")):
        draft.save(model_file)
    assert model_file.read_bytes() == before


def test_the_registrys_writer_refuses_an_input_and_a_model(tmp_path: Path) -> None:
    from logicmodel.renderers import write

    source = yaml_model(tmp_path, "m.mmd")
    before = source.read_bytes()
    with pytest.raises(OutputRefused, match="is an input"):
        write(b"flowchart", source, inputs=(str(source),))
    with pytest.raises(OutputRefused, match="is a logic model"):
        write(b"flowchart", source)
    assert source.read_bytes() == before
    write(b"flowchart", tmp_path / "other.mmd")
    assert (tmp_path / "other.mmd").read_bytes() == b"flowchart"
