"""Print pip constraints that pin every dependency to the lowest version pyproject.toml allows."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info < (3, 11):
    raise SystemExit("scripts/floors.py needs Python 3.11 or newer (tomllib)")
import tomllib  # type: ignore[import-not-found,unused-ignore]  # noqa: E402

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
BOUND = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(>=|==|~=)\s*([^,;\s]+)")


def floors(pyproject: Path = PYPROJECT, extras: tuple[str, ...] = ("test",)) -> list[str]:
    """Return 'name==version' for each requirement with a lower bound, in the file's order."""
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    pins = []
    for requirement in requirements:
        match = BOUND.match(requirement)
        if match:
            pins.append(f"{match.group(1)}=={match.group(4)}")
    return pins


if __name__ == "__main__":
    print("\n".join(floors()))
