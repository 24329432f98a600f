"""Draw the gain chart the README shows: samples/inverclyde-mcmc.yaml, the NEET case."""

from __future__ import annotations

import sys
from pathlib import Path

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers import draw

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "inverclyde-mcmc.yaml"
PICTURE = ROOT / "docs" / "gain.png"


def make_picture(target: Path = PICTURE) -> Path:
    """Draw the README's gain chart into target and return it."""
    model = load(SAMPLE)
    draw(model, trace(model), target, view="gain", theme="classic", dpi=90)
    return target


if __name__ == "__main__":
    print(make_picture(Path(sys.argv[1]) if len(sys.argv) > 1 else PICTURE))
