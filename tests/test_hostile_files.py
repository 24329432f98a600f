"""Hostile files and interrupted commands: bounded reading, one located line, nothing half-done."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat import files
from logicmodel.fileformat.importing import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from logicmodel.fileformat.loading import load
from logicmodel.renderers import generate
from logicmodel.status import ExitStatus

from .conftest import FIGURE1

CSV_HEADER = "stage,id,label,by\n"


def one_line(result: object) -> str:
    """Return the only line a command printed."""
    (line,) = result.output.strip().splitlines()  # type: ignore[attr-defined]
    return str(line)


def template(tmp_path: Path) -> Path:
    """Return a workbook as `logicmodel template` writes it."""
    path = tmp_path / "book.xlsx"
    result = CliRunner().invoke(cli, ["template", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def rewritten(source: Path, target: Path, member: str, change: Callable[[str], str]) -> Path:
    """Return a copy of a zip whose member's text is change(text)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(info.filename, data)
    return target


def sheet_member(path: Path, title: str) -> str:
    """Return the zip member holding a sheet, by the order openpyxl writes them."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def imported(tmp_path: Path, source: Path, *options: str) -> tuple[object, Path]:
    """Run `import` of a file; return the result and the output it was asked to write."""
    output = tmp_path / "imported.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(output), *options])
    return result, output


# ---------------------------------------------------------------- hostile workbooks


def with_doctype(doctype: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        if not text.startswith("<?xml"):
            return doctype + text
        head, rest = text.split("?>", 1)
        return head + "?>" + doctype + rest

    return change


LAUGHS = (
    '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE workbook [<!ENTITY a "x">]>',  # harmless, but plain XML readers expand it
        LAUGHS,  # a billion laughs
        '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # an external entity
    ],
    ids=["entity", "billion-laughs", "external-entity"],
)
def test_a_workbook_declaring_xml_entities_is_refused_in_one_line(
    tmp_path: Path, doctype: str
) -> None:
    book = template(tmp_path)
    hostile = rewritten(book, tmp_path / "hostile.xlsx", "xl/workbook.xml", with_doctype(doctype))
    result, output = imported(tmp_path, hostile)
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    assert one_line(result).startswith(f"{hostile}: its XML declares entities")
    assert not output.exists()


def test_a_cell_at_the_last_row_of_a_sheet_stops_reading_at_the_row_limit(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template(tmp_path))
    book["Elements"]["XFD1048576"] = "boom"
    bomb = tmp_path / "bomb.xlsx"
    book.save(bomb)
    assert bomb.stat().st_size < 30_000
    result, output = imported(tmp_path, bomb)
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    assert one_line(result).startswith(f"Elements!A{MAX_ROWS + 1}: more than")
    assert not output.exists()


def test_a_value_past_the_column_limit_is_refused_at_its_cell(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template(tmp_path))
    book["Partners"]["IW3"] = "far out"
    wide = tmp_path / "wide.xlsx"
    book.save(wide)
    result, output = imported(tmp_path, wide)
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    assert one_line(result).startswith("Partners!IW3: a value past column IV")
    assert not output.exists()


def big_cell_workbook(tmp_path: Path, characters: int) -> Path:
    """Return a template whose Elements!C2 holds a text of this many characters, inline."""
    book = template(tmp_path)
    member = sheet_member(book, "Elements")
    big = f'<c r="C2" t="inlineStr"><is><t>{"x" * characters}</t></is></c>'

    def change(text: str) -> str:
        start = text.index('<c r="C2"')
        end = text.index("</c>", start) + len("</c>")
        return text[:start] + big + text[end:]

    return rewritten(book, tmp_path / "big-cell.xlsx", member, change)


def test_the_size_limit_counts_what_a_workbook_unpacks_to(tmp_path: Path) -> None:
    big = big_cell_workbook(tmp_path, 3_000_000)
    assert big.stat().st_size < 100_000  # small on disk
    result, output = imported(tmp_path, big, "--max-size", "1M")
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    line = one_line(result)
    assert line.startswith(f"{big}: unpacks to ") and "--max-size" in line
    assert not output.exists()


def test_a_cell_longer_than_a_spreadsheet_cell_holds_is_refused_at_its_cell(
    tmp_path: Path,
) -> None:
    big = big_cell_workbook(tmp_path, MAX_CELL_CHARS + 1)
    result, output = imported(tmp_path, big)
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    assert one_line(result).startswith(f"Elements!C2: a text of {MAX_CELL_CHARS + 1:,} characters")
    assert not output.exists()


# ---------------------------------------------------------------- hostile CSV files


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("activities,a1," + "x" * 200_000 + ",p\n", "elements.csv: line 2: a cell is over"),
        ("activities,a1,lab\0el,p\n", "elements.csv!C2: text holds control character U+0000"),
        ("activities,a1,l,p" + ",v" * 20_000 + "\n", "elements.csv!IW2: a value past column"),
        (f"activities,a1,{'x' * (MAX_CELL_CHARS + 1)},p\n", "elements.csv!C2: a text of"),
    ],
    ids=["200k-field", "nul", "20k-columns", "long-cell"],
)
def test_a_hostile_csv_is_refused_in_one_located_line(
    tmp_path: Path, row: str, expected: str
) -> None:
    source = tmp_path / "elements.csv"
    source.write_text(CSV_HEADER + row, "utf-8")
    result, output = imported(tmp_path, source)
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    assert one_line(result).startswith(expected)
    assert not output.exists()


def test_a_csv_header_wider_than_the_column_limit_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "elements.csv"
    names = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 10))
    source.write_text(f"stage,id,label,by,{names}\nactivities,a1,l,p\n", "utf-8")
    result, output = imported(tmp_path, source)
    assert result.exit_code == ExitStatus.INVALID  # type: ignore[attr-defined]
    assert one_line(result).startswith("elements.csv!IW1: a value past column IV")
    assert not output.exists()


# ---------------------------------------------------------------- paths that are not files


def test_folders_fifos_and_devices_are_each_one_line_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    model = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, model)
    # A subprocess with a timeout: a FIFO opened for reading would wait for a writer forever.
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "trace", str(folder), str(fifo), "/dev/zero"]
        + [str(model), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == ExitStatus.UNREADABLE
    faults = [line for line in result.stderr.splitlines() if line.startswith(("/", str(tmp_path)))]
    assert faults == [
        f"{folder}: is a folder, not a model file",
        f"{fifo}: is a named pipe (FIFO), not a model file",
        "/dev/zero: is a device, not a model file",
    ]
    assert str(model) in result.stdout  # the model after them was traced


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_an_unreadable_model_is_one_line_and_the_batch_goes_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    locked = tmp_path / "locked.yaml"
    shutil.copy(FIGURE1, locked)
    locked.chmod(0)
    result = runner.invoke(cli, ["check", str(locked), str(FIGURE1)])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert f"{locked}: cannot read: " in result.output
    assert f"{FIGURE1}: ok" in result.output


def test_a_huge_max_size_allocates_nothing_up_front(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(FIGURE1), "--max-size", "1000G"])
    assert result.exit_code == ExitStatus.OK, result.output
    assert f"{FIGURE1}: ok" in result.output


def test_import_refuses_a_fifo_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "book.csv"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "import", str(fifo), "-o", str(tmp_path / "m.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == ExitStatus.UNREADABLE
    assert result.stderr.strip().splitlines() == [f"{fifo}: is not a file"]


# ---------------------------------------------------------------- SVG reproducible


@pytest.mark.parametrize(
    ("view", "sample"), [("figure1", "figure1.yaml"), ("gain", "inverclyde-mcmc.yaml")]
)
def test_svg_output_is_the_same_bytes_every_time(view: str, sample: str) -> None:
    model = load(FIGURE1.parent / sample)
    made = [generate(model, trace(model), "out.svg", view=view) for _ in range(2)]
    assert isinstance(made[0], bytes) and b"clip-path" in made[0]
    assert made[0] == made[1]


# ---------------------------------------------------------------- interrupted writes


def test_a_csv_export_into_a_folder_holding_other_files_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep", "utf-8")
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "csv", "-o", str(folder)])
    assert result.exit_code == ExitStatus.USAGE
    assert one_line(result).startswith(f"{folder}: holds files this export does not write")
    assert sorted(p.name for p in folder.iterdir()) == ["mine.txt"]


def test_a_failed_folder_export_names_the_folder_and_leaves_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    target = blocker / "tables"
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "csv", "-o", str(target)])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert one_line(result).startswith(f"{target}: cannot write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def tables_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_forty_kills_of_a_csv_folder_export_leave_the_old_tables_or_the_new(
    tmp_path: Path,
) -> None:
    """Each trial forks (no start-up to wait for), exports, and is killed at a random moment."""
    first = tmp_path / "first.yaml"
    shutil.copy(FIGURE1, first)
    second = tmp_path / "second.yaml"
    shutil.copy(FIGURE1.parent / "inverclyde-mcmc.yaml", second)
    target = tmp_path / "tables"
    versions = []
    for source in (first, second):
        result = CliRunner().invoke(
            cli, ["export", str(source), "--format", "csv", "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        versions.append(tables_of(target))
    assert all(versions[0][name] != versions[1][name] for name in versions[0])

    def export(source: Path) -> int:
        pid = os.fork()
        if pid == 0:  # the child: export, then leave without running the parent's cleanup
            try:
                cli.main(["export", str(source), "--format", "csv", "-o", str(target)])
            finally:
                os._exit(0)
        return pid

    start = time.perf_counter()
    os.waitpid(export(first), 0)
    duration = time.perf_counter() - start
    rng = random.Random(21)
    outcomes = set()
    for trial in range(40):
        pid = export((first, second)[trial % 2])
        time.sleep(rng.uniform(0, duration * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        tables = tables_of(target)
        assert tables in versions, f"trial {trial}: a mix of old and new tables"
        outcomes.add(versions.index(tables))
    leftovers = [p.name for p in tmp_path.iterdir() if files.TEMPORARY_MARK in p.name]
    assert all(name.startswith(".tables.logicmodel-") for name in leftovers)
    assert outcomes == {0, 1}, "the kills should land both before and after the swap"


SIGTERM_DURING_WRITE = textwrap.dedent(
    """
    import os, sys, time
    from logicmodel.fileformat import files
    real_fsync = os.fsync
    def fsync(handle):
        print("writing", flush=True)
        time.sleep(30)
    os.fsync = fsync
    files.write_bytes_atomically(sys.argv[1], b"new")
    """
)


def test_sigterm_during_a_write_leaves_no_temporary_file_and_the_old_output(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    with subprocess.Popen(
        [sys.executable, "-c", SIGTERM_DURING_WRITE, str(target)],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        assert [p.name for p in tmp_path.iterdir() if files.TEMPORARY_MARK in p.name]
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=20) == 128 + signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]
    assert target.read_bytes() == b"old"


def test_temporary_names_say_their_target_and_stale_ones_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    stale = tmp_path / ".out.png.logicmodel-abc123.tmp"
    fresh = tmp_path / ".out.png.logicmodel-def456.tmp"
    others = tmp_path / ".other.png.logicmodel-abc123.tmp"
    for path in (stale, fresh, others):
        path.write_bytes(b"left by a killed run")
    hour_ago = time.time() - 3600
    for path in (stale, others):
        os.utime(path, (hour_ago, hour_ago))
    files.write_bytes_atomically(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, others.name, "out.png"]
    )


# ---------------------------------------------------------------- dot dies with us


def layered_model(per_stage: int) -> str:
    """Return a YAML model of six stages, each element led to three of the next stage's."""
    rng = random.Random(7)
    stages = ["inputs", "activities", "outputs", "interim", "intermediate", "ultimate"]
    lines = ["logicmodel: 1", "title: Big", "partners:", "  - {id: p, name: P}"]
    for position, stage in enumerate(stages):
        lines.append(f"{stage}:")
        for index in range(per_stage):
            fields = [f"id: {stage}-{index}", f"label: {stage} {index}"]
            if position < 3:
                fields.append("by: p")
            if position + 1 < len(stages):
                targets = {rng.randrange(per_stage) for _ in range(3)}
                fields.append(
                    "leads_to: [" + ", ".join(f"{stages[position + 1]}-{t}" for t in targets) + "]"
                )
            lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def children_named(parent: int, name: str) -> list[int]:
    """Return the ids of a process's living children with this program name."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if comm == name and int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has died; only its parent's reaping is left


@pytest.mark.needs("dot")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_during_the_graph_view_leaves_no_orphan_dot(tmp_path: Path) -> None:
    model = tmp_path / "big.yaml"
    model.write_text(layered_model(300), "utf-8")
    command = [sys.executable, "-m", "logicmodel", "render", str(model), "--view", "graph"]
    child = subprocess.Popen([*command, "-o", str(tmp_path / "big.svg")])
    dots: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not dots and time.monotonic() < deadline and child.poll() is None:
            dots = children_named(child.pid, "dot")
            time.sleep(0.05)
        assert dots, "dot never started (or finished before it could be killed)"
        time.sleep(0.5)  # until dot has read all its input and is laying the graph out
        assert all(alive(pid) for pid in dots)
        child.send_signal(signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in dots) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in dots), "dot outlived the command"
    finally:
        child.kill()
        for pid in dots:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not (tmp_path / "big.svg").exists()


def test_the_temporary_file_is_never_named_in_a_message(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()  # a folder where the file should go: the rename over it fails
    result = runner.invoke(cli, ["export", str(FIGURE1), "--format", "json", "-o", str(target)])
    assert result.exit_code != 0
    assert files.TEMPORARY_MARK not in result.output
    assert str(target) in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert stat.S_ISDIR(target.stat().st_mode)
