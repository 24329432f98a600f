"""Every name a module of analysis or editing offers in `__all__` is there to import: a star
import, or a reader following `__all__` to a name, never meets an AttributeError."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import logicmodel.analysis
import logicmodel.editing

PACKAGES = (logicmodel.analysis, logicmodel.editing)
MODULE_NAMES = sorted(
    f"{package.__name__}.{info.name}"
    for package in PACKAGES
    for info in pkgutil.iter_modules(package.__path__)
)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def test_every_module_of_the_two_packages_is_found() -> None:
    assert {"logicmodel.editing.errors", "logicmodel.analysis.results"} <= set(MODULE_NAMES)


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_every_public_name_can_be_imported(name: str) -> None:
    module = _module(name)
    offered = list(getattr(module, "__all__", []))
    missing = [public for public in offered if not hasattr(module, public)]
    assert not missing, f"{name} offers {missing} in __all__ but defines none of them"
    assert len(offered) == len(set(offered)), f"{name} offers a name twice"


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_a_star_import_gives_every_public_name(name: str) -> None:
    space: dict[str, object] = {}
    exec(f"from {name} import *", space)  # noqa: S102 - the star import a user would write
    assert set(_module(name).__all__) <= set(space)
