"""logicmodel: check, trace, draw and measure a partnership's outcome logic model.

>>> import logicmodel
>>> model = logicmodel.load("samples/figure1.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from logicmodel.analysis.comparing import Comparison
    from logicmodel.analysis.diffing import ModelDiff
    from logicmodel.api import (
        check,
        compare,
        diff,
        export,
        render,
        report,
        template,
        to_networkx,
        trace,
        whatif,
    )
    from logicmodel.editing.build import new
    from logicmodel.editing.layer import ChangedOnDisk, Draft, EditError, edit, save
    from logicmodel.fileformat.files import OutputRefused
    from logicmodel.fileformat.loading import LoadError, load, loads
    from logicmodel.models import LogicModel

# The public names load on first use, so `logicmodel --help` starts without pydantic.
_LAZY = {
    "load": "logicmodel.fileformat.loading",
    "loads": "logicmodel.fileformat.loading",
    "LoadError": "logicmodel.fileformat.loading",
    "LogicModel": "logicmodel.models",
    # The verbs that take a model take a model file's path too: logicmodel.api's wrappers.
    "trace": "logicmodel.api",
    "whatif": "logicmodel.api",
    "new": "logicmodel.editing.build",
    "edit": "logicmodel.editing.layer",
    "save": "logicmodel.editing.layer",
    "Draft": "logicmodel.editing.layer",
    "EditError": "logicmodel.editing.layer",
    "ChangedOnDisk": "logicmodel.editing.layer",
    "check": "logicmodel.api",
    "render": "logicmodel.api",
    "export": "logicmodel.api",
    "report": "logicmodel.api",
    "template": "logicmodel.api",
    "to_networkx": "logicmodel.api",
    "OutputRefused": "logicmodel.fileformat.files",
    "compare": "logicmodel.api",
    "Comparison": "logicmodel.analysis.comparing",
    "diff": "logicmodel.api",
    "ModelDiff": "logicmodel.analysis.diffing",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'logicmodel' has no attribute {name!r}")


def _model_svg(model: LogicModel) -> str:
    """Return a model's Figure 1 as SVG, loading the drawing code only now."""
    from logicmodel.display import model_svg

    return model_svg(model)


def _show_models_as_pictures() -> None:
    """In a running IPython or Jupyter, show a LogicModel as its Figure 1 diagram.

    The model class stays pure data (no drawing method on it): the picture is registered with
    IPython's SVG formatter by the class's name, so nothing loads until a model is shown.
    """
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)()
    if shell is not None:
        formatter = shell.display_formatter.formatters["image/svg+xml"]
        formatter.for_type_by_name("logicmodel.models", "LogicModel", _model_svg)


_show_models_as_pictures()

__all__ = [
    "ChangedOnDisk",
    "Comparison",
    "Draft",
    "EditError",
    "LoadError",
    "LogicModel",
    "ModelDiff",
    "OutputRefused",
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
    "report",
    "save",
    "template",
    "to_networkx",
    "trace",
    "whatif",
]
