"""Print the time each data export takes on synthetic models of two sizes, and the ratio.

Every export carries each element's what-ifs, one trace per partner and one without
collaboration, so an export costs a few traces; GEXF adds the Figure 1 layout. Growth should
be near linear: the ratio close to the ratio of sizes.
    python benchmarks/exports.py [SMALL LARGE]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

SIZES = [1_000, 5_000]


def timings(size: int) -> dict[str, float]:
    """Return seconds per export (and for the trace alone) for one synthetic model."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import synthetic_model

    from logicmodel.analysis.tracing import trace
    from logicmodel.models import LogicModel
    from logicmodel.renderers.gexf import generate_gexf
    from logicmodel.renderers.graphml import generate_graphml
    from logicmodel.renderers.nodelink import generate_json
    from logicmodel.renderers.tables import generate_tables

    model = LogicModel.model_validate(synthetic_model(size))
    makers: dict[str, Any] = {
        "trace": lambda m, t: trace(m),
        "json": generate_json,
        "graphml": generate_graphml,
        "gexf": generate_gexf,
        "csv": generate_tables,
    }
    result = trace(model)
    found = {}
    for name, make in makers.items():
        start = time.perf_counter()
        make(model, result)
        found[name] = time.perf_counter() - start
    return found


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or SIZES
    rows = {size: timings(size) for size in sizes}
    names = list(rows[sizes[0]])
    print(f"{'elements':>8} " + " ".join(f"{n + ' s':>9}" for n in names))
    for size, found in rows.items():
        print(f"{size:>8} " + " ".join(f"{found[n]:>9.2f}" for n in names))
    small, large = sizes[0], sizes[-1]
    ratios = ", ".join(f"{n} {rows[large][n] / rows[small][n]:.1f}x" for n in names)
    print(f"{large / small:.0f}x the elements: {ratios}")


if __name__ == "__main__":
    main()
