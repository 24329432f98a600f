"""Outputs go only to regular files: `-o` onto a named pipe or a device node (or a link to one)
is refused in one line with exit status 4 and nothing written, and the editor's reading of the
model's version never waits on a pipe."""

from __future__ import annotations

import io
import json
import os
import stat
import threading
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.files import OutputRefused, read_regular_file, write_output
from logicmodel.fileformat.loading import load
from logicmodel.serving.page_edits import read_version

from .conftest import FIGURE1

# Commands that write one output, each given the output's name.
WRITERS = {
    "render": ["render", "{model}", "-o", "{out}.png"],
    "render svg": ["render", "{model}", "-o", "{out}.svg"],
    "page": ["render", "{model}", "--view", "html", "-o", "{out}.html"],
    "report": ["report", "{model}", "-o", "{out}.html"],
    "export": ["export", "{model}", "--format", "json", "-o", "{out}.json"],
    "template": ["template", "-o", "{out}.xlsx"],
}


def make_pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def pipe_is_empty(path: Path) -> bool:
    """Return whether a named pipe is still one, with nothing written into it."""
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return os.read(handle, 1) == b""
    finally:
        os.close(handle)


def invoke(arguments: list[str], out: Path) -> tuple[int, str]:
    """Return a command's exit status and stderr, writing to `out` (its suffix added)."""
    filled = [a.format(model=FIGURE1, out=out) for a in arguments]
    result = CliRunner().invoke(cli, filled)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_onto_a_named_pipe_is_refused(tmp_path: Path, command: str) -> None:
    arguments = WRITERS[command]
    suffix = arguments[-1].removeprefix("{out}")
    pipe = make_pipe(tmp_path / f"out{suffix}")
    status, stderr = invoke(arguments, tmp_path / "out")
    assert status == 4
    assert stderr.strip() == f"{pipe}: is a named pipe, not a regular file; " + (
        "write to a file and copy it there"
    )
    assert pipe_is_empty(pipe)
    assert sorted(p.name for p in tmp_path.iterdir()) == [pipe.name]  # no temporary left


@pytest.mark.parametrize("command", ["render svg", "export"])
def test_an_output_linked_to_a_device_is_refused(tmp_path: Path, command: str) -> None:
    arguments = WRITERS[command]
    suffix = arguments[-1].removeprefix("{out}")
    link = tmp_path / f"out{suffix}"
    link.symlink_to("/dev/null")
    status, stderr = invoke(arguments, tmp_path / "out")
    assert status == 4 and "is a device" in stderr and len(stderr.strip().splitlines()) == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert link.is_symlink()


def test_the_file_layer_refuses_a_pipe_for_every_writer(tmp_path: Path) -> None:
    pipe = make_pipe(tmp_path / "model.yaml")
    with pytest.raises(OutputRefused, match="named pipe"):
        write_output(pipe, b"x")
    with pytest.raises(OutputRefused, match="named pipe"):
        write_output(pipe, b"x", editable=True, force=True)
    folder = tmp_path / "tables"
    folder.mkdir()
    make_pipe(folder / "elements.csv")
    with pytest.raises(OutputRefused, match="named pipe"):
        write_output(folder, {"elements.csv": b"a", "links.csv": b"b"})
    assert pipe_is_empty(pipe) and pipe_is_empty(folder / "elements.csv")


def test_a_regular_file_is_still_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    write_output(target, b"new")
    assert target.read_bytes() == b"new"


def test_reading_a_version_never_waits_on_a_pipe(tmp_path: Path) -> None:
    pipe = make_pipe(tmp_path / "model.yaml")
    found: list[object] = []
    reader = threading.Thread(
        target=lambda: found.extend([read_version(str(pipe)), read_regular_file(pipe)]),
        daemon=True,
    )
    reader.start()
    reader.join(10)  # a hang guard, not a speed test: the read waits on nothing
    assert found == ["", None]


def test_reading_a_version_of_a_regular_file(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_bytes(FIGURE1.read_bytes())
    assert read_regular_file(model) == FIGURE1.read_bytes()
    assert read_regular_file(model, max_bytes=10) is None
    assert read_version(str(model)) != read_version(str(tmp_path / "missing.yaml")) == ""


def test_a_dash_writes_one_output_to_standard_output(tmp_path: Path) -> None:
    model = tmp_path / "figure1.yaml"
    model.write_bytes(FIGURE1.read_bytes())
    runner = CliRunner()
    svg = runner.invoke(cli, ["render", str(model), "--format", "svg", "-o", "-"])
    assert svg.exit_code == 0, svg.stderr
    assert ElementTree.fromstring(svg.stdout_bytes).tag.endswith("svg")  # the picture alone
    exported = runner.invoke(cli, ["export", str(model), "--format", "json", "-o", "-"])
    assert json.loads(exported.stdout)["graph"]["title"] == load(model).title
    tables = runner.invoke(cli, ["export", str(model), "--format", "csv", "-o", "-"])
    with zipfile.ZipFile(io.BytesIO(tables.stdout_bytes)) as archive:
        assert "elements.csv" in archive.namelist()
    assert [p.name for p in tmp_path.iterdir()] == ["figure1.yaml"]  # no file named '-'


def test_a_dash_is_one_output_only(tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="2 files"):
        write_output("-", {"a.csv": b"a", "b.csv": b"b"})
    result = CliRunner().invoke(cli, ["render", str(FIGURE1), str(FIGURE1), "-o", "-"])
    assert result.exit_code == 4 and result.stdout == ""
