"""Print the time `logicmodel rename` and `logicmodel import --into` take on synthetic YAML
models, end to end and inside, and the measuring verbs (`indicator add` with five periods, then
`actual`) end to end.

    python benchmarks/edit.py [SIZE ...] [--compare-ruamel]

End to end is the command run as a user runs it (`python -m logicmodel rename FILE OLD NEW`):
start-up, reading, the loader's check, splicing the renamed words, the loader's check of the
result, and the atomic write; the best of three runs. Inside is the same work in this process
(Draft.open, rename, save). The target is under a second at 1,000 elements end to end, growing
no faster than the model. --compare-ruamel also times a ruamel.yaml round trip (load and dump,
no edit) of each file, the cost an editor that rewrote the whole file would pay.

The merge is `import WORKBOOK --into FILE` of a workbook exported from the model and edited
with openpyxl (a label changed, an element added with its link, a link deleted, a cost added):
reading the workbook and the record of the model it was exported from, the three-way merge,
the splices, the loader's check and the write. It is printed as a ratio to the rename of the
same run, the floor every edit of the file pays; its target is under a second at 1,000
elements end to end too.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_model  # noqa: E402 - the folder is put on the path above

from logicmodel.editing.build import render_yaml  # noqa: E402
from logicmodel.editing.layer import Draft  # noqa: E402

SIZES = [1_000, 10_000]
RUNS = 3


def write_model(folder: Path, size: int) -> tuple[Path, str]:
    """Write a synthetic model as a person's YAML file; return it and a much-used id."""
    data = synthetic_model(size)
    path = folder / f"model-{size}.yaml"
    path.write_text(render_yaml(data, path.name), "utf-8")
    uses = Counter(
        target
        for stage in ("inputs", "activities", "outputs")
        for element in data[stage]
        for target in element.get("leads_to", []) + element.get("enhances", [])
    )
    return path, uses.most_common(1)[0][0]


def best_of(runs: int, work: Any) -> float:
    """Return the shortest of `runs` timings of work()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(size: int, compare_ruamel: bool) -> dict[str, Any]:
    """Return the timings of renaming one much-used id in a model of `size` elements."""
    with tempfile.TemporaryDirectory() as name:
        path, old = write_model(Path(name), size)
        ids = [old, old + "-renamed"]

        def command() -> None:
            subprocess.run(
                [sys.executable, "-m", "logicmodel", "rename", str(path), ids[0], ids[1]],
                check=True,
                capture_output=True,
            )
            ids.reverse()

        def inside() -> None:
            Draft.open(path).rename(ids[0], ids[1]).save()
            ids.reverse()

        draft = Draft.open(path).rename(old, old + "-renamed")
        row: dict[str, Any] = {
            "elements": size,
            "kb": path.stat().st_size / 1024,
            "places": int(draft.changes[-1].split("(")[-1].split()[0]),
            "command_s": best_of(RUNS, command),
            "inside_s": best_of(RUNS, inside),
        }
        if compare_ruamel:
            from ruamel.yaml import YAML

            yaml = YAML(typ="rt")
            yaml.width = 1 << 16
            yaml.indent(mapping=2, sequence=4, offset=2)
            text = path.read_text("utf-8")

            def round_trip() -> None:
                yaml.dump(yaml.load(text), io.StringIO())

            row["ruamel_s"] = best_of(1, round_trip)
    return row


def measure_indicator(size: int) -> dict[str, float]:
    """Return the end-to-end timings of adding an indicator with five periods to an outcome of
    a model of `size` elements, and of then setting one of its values (the best of three)."""
    with tempfile.TemporaryDirectory() as name:
        path, _ = write_model(Path(name), size)
        outcome = Draft.open(path).data["interim"][0]["id"]
        periods = [f"--actual={year}={500 - 10 * n}" for n, year in enumerate(range(2002, 2007))]

        def run(*words: str) -> float:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "logicmodel", *words], check=True, capture_output=True
            )
            return time.perf_counter() - start

        adds, actuals = [], []
        for _ in range(RUNS):
            adds.append(run("indicator", "add", str(path), outcome, "Benchmark count", *periods))
            actuals.append(run("actual", str(path), outcome, "2007", "400"))
            run("indicator", "remove", str(path), outcome, "--indicator", "Benchmark count")
    return {"elements": size, "add_s": min(adds), "actual_s": min(actuals)}


def report_indicator(size: int, floor: float) -> None:
    """Print the measuring verbs' timings at one size, as ratios to `floor` (a rename of the
    same model in the same run), and whether they meet the target."""
    row = measure_indicator(size)
    verdict = "met" if max(row["add_s"], row["actual_s"]) < 1 else "NOT met"
    print(
        f"indicator add (5 periods) {row['add_s']:.3f} s ({row['add_s'] / floor:.1f}x rename), "
        f"actual {row['actual_s']:.3f} s ({row['actual_s'] / floor:.1f}x rename) "
        f"end to end at {size:,} elements; target, under 1 s: {verdict}"
    )


def edited_workbook(folder: Path, path: Path) -> Path:
    """Export a model to a workbook and change it as a person would; return the workbook."""
    import openpyxl

    book_file = folder / "edited.xlsx"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "logicmodel",
            "export",
            str(path),
            "--format",
            "xlsx",
            "-o",
            str(book_file),
        ],
        check=True,
        capture_output=True,
    )
    book = openpyxl.load_workbook(book_file)
    elements = book["Elements"]
    elements["C2"] = "A label changed in the workbook"
    target = next(
        row[1].value for row in elements.iter_rows(min_row=2) if row[0].value == "interim"
    )
    elements.append(["activities", "new-work", "Work added in the workbook", "partner-1"])
    links = book["Links"]
    links.delete_rows(2)
    links.append(["new-work", target, "leads_to"])
    book["Costs"].append(["Analyst time", 12000, None, "pounds a year", "partner-1"])
    book.save(book_file)
    return book_file


def measure_merge(size: int) -> dict[str, float]:
    """Return the timings of merging an edited workbook into a model of `size` elements."""
    from logicmodel.editing.merging import merge_workbook
    from logicmodel.editing.records import RecordDraft
    from logicmodel.fileformat.importing import load_workbook_located

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path, _ = write_model(folder, size)
        original = path.read_bytes()
        book = edited_workbook(folder, path)

        def command() -> None:
            path.write_bytes(original)
            subprocess.run(
                [sys.executable, "-m", "logicmodel", "import", str(book), "--into", str(path)],
                check=True,
                capture_output=True,
            )

        def inside() -> None:
            path.write_bytes(original)
            model, cells, base = load_workbook_located(str(book))
            draft = RecordDraft.open_file(str(path), max_bytes=1 << 30)
            merge_workbook(draft, model, cells, base).save()

        return {"merge_command_s": best_of(RUNS, command), "merge_inside_s": best_of(RUNS, inside)}


def main() -> None:
    compare = "--compare-ruamel" in sys.argv
    sizes = [int(arg) for arg in sys.argv[1:] if not arg.startswith("--")] or SIZES
    rows = [measure(size, compare) | measure_merge(size) for size in sizes]
    head = f"{'elements':>9} {'YAML KB':>8} {'places':>7} {'command s':>10} {'inside s':>9}"
    print(head + (f" {'ruamel round trip s':>20}" if compare else ""))
    for r in rows:
        line = (
            f"{r['elements']:>9,} {r['kb']:>8.0f} {r['places']:>7} "
            f"{r['command_s']:>10.3f} {r['inside_s']:>9.3f}"
        )
        print(line + (f" {r['ruamel_s']:>20.2f}" if compare else ""))
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        size_ratio = large["elements"] / small["elements"]
        print(
            f"{large['elements']:,} / {small['elements']:,} elements ({size_ratio:.0f}x): "
            f"command {large['command_s'] / small['command_s']:.1f}x, "
            f"inside {large['inside_s'] / small['inside_s']:.1f}x"
        )
    verdict = "met" if rows[0]["command_s"] < 1 else "NOT met"
    print(f"target, under 1 s end to end at {rows[0]['elements']:,} elements: {verdict}")
    report_indicator(sizes[0], rows[0]["command_s"])
    print(f"{'elements':>9} {'merge command s':>16} {'merge inside s':>15} {'/ rename':>9}")
    for r in rows:
        print(
            f"{r['elements']:>9,} {r['merge_command_s']:>16.3f} {r['merge_inside_s']:>15.3f} "
            f"{r['merge_command_s'] / r['command_s']:>8.1f}x"
        )
    first = rows[0]
    for what, key in (("rename", "command_s"), ("merge", "merge_command_s")):
        verdict = "met" if first[key] < 1 else "NOT met"
        print(f"target, {what} under 1 s end to end at {first['elements']:,} elements: {verdict}")


if __name__ == "__main__":
    main()
