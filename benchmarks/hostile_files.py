"""Print what hostile spreadsheets cost: CSV import time by rows, and peak memory of bombs.

CSV import: a synthetic model (benchmarks/synthetic.py) of each size is exported as an
elements CSV, then `logicmodel import` reads it back, as a user runs it; the ratio of the
largest size's time to the smallest's is about the ratio of the sizes when the import is
linear (10 for 10,000 and 100,000 rows), far more when it is quadratic.

Peak memory: `logicmodel import` of a template workbook, of the same workbook with one cell
at XFD1048576 (the dimension bomb), and with a 3 MB cell, each in a fresh process whose
peak resident size is read with resource.getrusage. Bounded means the bombs peak near the
plain workbook, not at gigabytes.

    python benchmarks/hostile_files.py [SIZE ...]      # default: 10000 100000
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402

SIZES = [10_000, 100_000]
LOGICMODEL = [sys.executable, "-m", "logicmodel"]
# Runs a command in a child and prints the child's peak resident size in kilobytes (Linux).
PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print(done.returncode)\n"
    "print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else '')\n"
)


def run(command: list[str]) -> None:
    """Run a command that must succeed."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")


def csv_import_times(sizes: list[int]) -> None:
    print(f"{'rows':>8} {'CSV MB':>7} {'import s':>9}")
    times = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "model.json"
            model.write_text(json.dumps(synthetic_model(size)), "utf-8")
            tables = Path(folder) / "tables"
            run([*LOGICMODEL, "export", str(model), "--format", "csv", "-o", str(tables)])
            source = tables / "elements.csv"
            start = time.perf_counter()
            run([*LOGICMODEL, "import", str(source), "-o", str(Path(folder) / "back.json")])
            times[size] = time.perf_counter() - start
            megabytes = source.stat().st_size / 1e6
        print(f"{size:>8} {megabytes:>7.1f} {times[size]:>9.2f}")
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(
            f"CSV import {large}/{small} rows ({large / small:g}x): "
            f"{times[large] / times[small]:.1f}x the time"
        )


def peak(command: list[str]) -> tuple[int, int, str]:
    """Return a command's peak resident kilobytes, its exit status and its last error line."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True
    )
    kilobytes, status, last = [*result.stdout.splitlines(), ""][:3]
    return int(kilobytes), int(status), last


def big_cell(book: Path, target: Path, characters: int) -> None:
    """Write a copy of a template whose Elements!C2 holds a long inline text."""
    import openpyxl

    member = (
        f"xl/worksheets/sheet{openpyxl.load_workbook(book).sheetnames.index('Elements') + 1}.xml"
    )
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                text = data.decode("utf-8")
                start = text.index('<c r="C2"')
                end = text.index("</c>", start) + len("</c>")
                cell = f'<c r="C2" t="inlineStr"><is><t>{"x" * characters}</t></is></c>'
                data = (text[:start] + cell + text[end:]).encode("utf-8")
            new.writestr(info.filename, data)


def bomb_memory() -> None:
    import openpyxl

    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "template.xlsx"
        run([*LOGICMODEL, "template", "-o", str(book)])
        workbook = openpyxl.load_workbook(book)
        workbook["Elements"]["XFD1048576"] = "boom"
        bomb = Path(folder) / "bomb.xlsx"
        workbook.save(bomb)
        cell = Path(folder) / "big-cell.xlsx"
        big_cell(book, cell, 3_000_000)
        print(f"\n{'workbook':<28} {'file KB':>8} {'peak MB':>8} {'seconds':>8}  outcome")
        peaks = []
        for name, path in (
            ("template (plain)", book),
            ("one cell at XFD1048576", bomb),
            ("a 3 MB cell", cell),
        ):
            start = time.perf_counter()
            kilobytes, status, last = peak(
                [*LOGICMODEL, "import", str(path), "-o", str(Path(folder) / "out.yaml"), "--force"]
            )
            elapsed = time.perf_counter() - start
            peaks.append(kilobytes)
            outcome = "imported" if status == 0 else f"exit {status}: {last[:60]}"
            size = path.stat().st_size / 1024
            print(f"{name:<28} {size:>8.0f} {kilobytes / 1024:>8.0f} {elapsed:>8.2f}  {outcome}")
        print(
            f"peak over the plain workbook's: dimension bomb {peaks[1] / peaks[0]:.2f}x, "
            f"3 MB cell {peaks[2] / peaks[0]:.2f}x"
        )


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or SIZES
    csv_import_times(sizes)
    bomb_memory()


if __name__ == "__main__":
    main()
