"""Rewrite the table of the nine samples in docs/researchers.md from `logicmodel compare`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Replace the guide's compare table and summary line with fresh output."""
    samples = sorted(f"samples/{p.name}" for p in (ROOT / "samples").glob("*.yaml"))
    printed = subprocess.run(
        [sys.executable, "-m", "logicmodel", "compare", *samples, "--format", "markdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table = [line for line in printed.splitlines() if line.startswith("|")]
    summary = next(line for line in printed.splitlines() if " models: " in line)
    readme = ROOT / "docs" / "researchers.md"
    lines = readme.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| model | partners"))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    summary_at = next(i for i in range(end, len(lines)) if " models: " in lines[i])
    lines[summary_at] = summary
    lines[start:end] = table
    readme.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {len(table) - 2} rows and '{summary}' to {readme.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
