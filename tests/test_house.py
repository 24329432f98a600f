"""The house rules a newcomer relies on: every module names its public face, stays short, and
keeps to the names other modules offer."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The three folders that install as the logicmodel package.
FOLDERS = ("logicmodel", "models", "renderers")
MODULES = sorted(
    path
    for folder in FOLDERS
    for path in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in path.parts
)
# "About 800 lines" in the issue: a little room so a docstring does not force a split.
LONGEST_MODULE = 820
LONGEST_FUNCTION = 60


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "__main__.py"], ids=_name)
def test_every_module_names_its_public_face(path: Path) -> None:
    names = {
        target.id
        for node in _tree(path).body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    assert "__all__" in names, f"{_name(path)} has no __all__"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_module_stays_short(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST_MODULE, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_runs_over_sixty_lines(path: Path) -> None:
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(_tree(path))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]
    assert not long, f"{_name(path)}: " + "; ".join(long)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_imports_another_modules_private_name(path: Path) -> None:
    private = [
        f"{node.module}.{alias.name} (line {node.lineno})"
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("logicmodel")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert not private, f"{_name(path)} imports " + ", ".join(private)


@pytest.mark.parametrize("package", ["analysis", "editing", "fileformat", "serving"])
def test_a_sub_packages_face_names_every_module_it_holds(package: str) -> None:
    face = importlib.import_module(f"logicmodel.{package}")
    held = {info.name for info in pkgutil.iter_modules(face.__path__)}
    assert sorted(face.__all__) == sorted(held)
