"""logicmodel: check, trace, draw and measure a partnership's outcome logic model.

>>> import logicmodel
>>> model = logicmodel.load("samples/figure1.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from logicmodel.api import check, export, render, to_networkx
    from logicmodel.build import new
    from logicmodel.comparing import Comparison, compare
    from logicmodel.diffing import ModelDiff, diff
    from logicmodel.editing import ChangedOnDisk, Draft, EditError, edit, save
    from logicmodel.io import LoadError, load, loads
    from logicmodel.models import LogicModel
    from logicmodel.tracing import trace, whatif

# The public names load on first use, so `logicmodel --help` starts without pydantic.
_LAZY = {
    "load": "logicmodel.io",
    "loads": "logicmodel.io",
    "LoadError": "logicmodel.io",
    "LogicModel": "logicmodel.models",
    "trace": "logicmodel.tracing",
    "whatif": "logicmodel.tracing",
    "new": "logicmodel.build",
    "edit": "logicmodel.editing",
    "save": "logicmodel.editing",
    "Draft": "logicmodel.editing",
    "EditError": "logicmodel.editing",
    "ChangedOnDisk": "logicmodel.editing",
    "check": "logicmodel.api",
    "render": "logicmodel.api",
    "export": "logicmodel.api",
    "to_networkx": "logicmodel.api",
    "compare": "logicmodel.comparing",
    "Comparison": "logicmodel.comparing",
    "diff": "logicmodel.diffing",
    "ModelDiff": "logicmodel.diffing",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'logicmodel' has no attribute {name!r}")


__all__ = [
    "ChangedOnDisk",
    "Comparison",
    "Draft",
    "EditError",
    "LoadError",
    "LogicModel",
    "ModelDiff",
    "__version__",
    "check",
    "compare",
    "diff",
    "edit",
    "export",
    "load",
    "loads",
    "new",
    "render",
    "save",
    "to_networkx",
    "trace",
    "whatif",
]
