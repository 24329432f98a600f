"""Draw the slide the README and the facilitators' guide show: the Figure 1 sample's first
outcome step of its projector deck."""

from __future__ import annotations

import sys
from pathlib import Path

from logicmodel.analysis.tracing import trace
from logicmodel.fileformat.loading import load
from logicmodel.renderers import encode
from logicmodel.renderers.figure1 import slides

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "figure1.yaml"
PICTURE = ROOT / "docs" / "slide.png"
SHOWN = "Interim outcomes"  # the step whose slide is shown


def make_slide(target: Path = PICTURE) -> Path:
    """Draw the shown slide into target (1920x1080 PNG) and return it."""
    model = load(SAMPLE)
    for figure in slides(model, trace(model), "projector"):
        titles = [text.get_text() for text in figure.texts]
        if any(title.startswith(SHOWN) for title in titles):
            made = encode(figure, "png")
            assert isinstance(made, bytes)
            target.write_bytes(made)
            return target
    raise LookupError(f"no slide titled {SHOWN!r}")


if __name__ == "__main__":
    print(make_slide(Path(sys.argv[1]) if len(sys.argv) > 1 else PICTURE))
