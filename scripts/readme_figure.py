"""Draw the picture the README shows: samples/figure1.yaml in the classic theme."""

from __future__ import annotations

import sys
from pathlib import Path

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers import draw

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "figure1.yaml"
PICTURE = ROOT / "docs" / "figure1.png"


def make_picture(target: Path = PICTURE) -> Path:
    """Draw the README's picture into target and return it."""
    model = load(SAMPLE)
    draw(model, trace(model), target, theme="classic", dpi=110)
    return target


if __name__ == "__main__":
    print(make_picture(Path(sys.argv[1]) if len(sys.argv) > 1 else PICTURE))
