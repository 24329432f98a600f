"""`scripts/regenerate_golden.py --check` names every golden file a regeneration would change,
and writes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def copy_of_the_project(folder: Path) -> Path:
    """Return a copy of the script, the samples and the golden files, laid out as in ROOT."""
    (folder / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "regenerate_golden.py", folder / "scripts")
    shutil.copytree(ROOT / "samples", folder / "samples")
    shutil.copytree(ROOT / "tests" / "golden", folder / "tests" / "golden")
    return folder


def run_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run the copied script's check mode."""
    script = folder / "scripts" / "regenerate_golden.py"
    return subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=folder
    )


def test_check_passes_on_the_golden_files_as_committed(tmp_path: Path) -> None:
    done = run_check(copy_of_the_project(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_check_names_a_tampered_and_a_missing_file_and_writes_nothing(tmp_path: Path) -> None:
    folder = copy_of_the_project(tmp_path)
    tampered = folder / "tests" / "golden" / "trace" / "figure1.json"
    tampered.write_text(tampered.read_text("utf-8").replace("collaborative-gain", "x", 1))
    before = tampered.read_bytes()
    (folder / "tests" / "golden" / "dot" / "inverclyde-mcmc.dot").unlink()
    done = run_check(folder)
    assert done.returncode == 1
    assert "tests/golden/trace/figure1.json: would change" in done.stdout
    assert "tests/golden/dot/inverclyde-mcmc.dot: would be added" in done.stdout
    assert "advice/figure1.json" not in done.stdout
    assert tampered.read_bytes() == before
    assert not (folder / "tests" / "golden" / "dot" / "inverclyde-mcmc.dot").exists()


def test_check_names_a_golden_file_no_sample_makes(tmp_path: Path) -> None:
    folder = copy_of_the_project(tmp_path)
    (folder / "tests" / "golden" / "advice" / "gone.json").write_text("[]\n")
    done = run_check(folder)
    assert done.returncode == 1
    assert "tests/golden/advice/gone.json: stale" in done.stdout
