"""logicmodel: check, trace, draw and measure a partnership's outcome logic model.

>>> import logicmodel
>>> model = logicmodel.load("samples/figure1.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from logicmodel.build import new
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
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'logicmodel' has no attribute {name!r}")


__all__ = [
    "ChangedOnDisk",
    "Draft",
    "EditError",
    "LoadError",
    "LogicModel",
    "__version__",
    "edit",
    "load",
    "loads",
    "new",
    "save",
    "trace",
    "whatif",
]
