"""The same model and options give the same bytes, whatever Python's hash seed: every view in
every text and SVG format, every export, the tables of trace, gain, check, whatif, compare and
diff, the page and the report; and the PNG, PDF and zip outputs docs/safety.md names.

Each sample is rendered in two processes with different PYTHONHASHSEED values (a set of strings
iterates in another order under each), seconds apart (so a clock in an output shows too), by
tests/render_every_output.py, and the two folders are compared byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIGURE1, ROOT, SAMPLES

HELPER = ROOT / "tests" / "render_every_output.py"
SEEDS = ("1", "2024")

pytestmark = pytest.mark.needs("dot")


def _render_all(sample: Path, folder: Path, seed: str, *flags: str) -> dict[str, bytes]:
    """Return every output of the helper run on a sample under one hash seed, by file name."""
    folder.mkdir()
    environment = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "100"}
    subprocess.run(
        [sys.executable, str(HELPER), str(sample), str(folder), *flags],
        env=environment,
        check=True,
        timeout=900,
    )
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _first_difference(one: bytes, other: bytes) -> str:
    """Return the first line where two outputs part, for the failure message."""
    for line, (a, b) in enumerate(zip(one.splitlines(), other.splitlines(), strict=False), 1):
        if a != b:
            return f"line {line}: {a[:120]!r} / {b[:120]!r}"
    return f"lengths {len(one)} / {len(other)}"


def _assert_same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    """Fail naming each output that differs between the two runs, and where."""
    assert sorted(first) == sorted(second)
    differing = [
        f"{name}: {_first_difference(first[name], second[name])}"
        for name in first
        if first[name] != second[name]
    ]
    assert not differing, "outputs differ between hash seeds:\n" + "\n".join(differing)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_text_and_svg_output_is_the_same_whatever_the_hash_seed(
    sample: Path, tmp_path: Path
) -> None:
    first, second = (_render_all(sample, tmp_path / seed, seed) for seed in SEEDS)
    # Every view the command line offers was drawn, as SVG or text, and something printed.
    assert any(name.endswith(".svg") and "figure2" in name for name in first)
    assert sum(name.endswith(".out") for name in first) > 50
    _assert_same(first, second)


def test_every_look_and_the_pictures_are_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    flags = ("--every-look", "--pictures")
    first, second = (_render_all(FIGURE1, tmp_path / seed, seed, *flags) for seed in SEEDS)
    for name in ("render-graph-theme-classic.pdf", "report.pdf", "export-csv.zip"):
        assert name in first, name
    assert any(name.endswith(".png") and "figure2" in name for name in first)
    _assert_same(first, second)
