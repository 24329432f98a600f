"""The package's import structure: no cycle, lazy or not, and dependencies that point one way.

Every import statement counts, a function-local one too: a lazy import hides a cycle from
Python's start-up but not from the reader, who must still know both modules to change either.
Only imports under `if TYPE_CHECKING:` are left out, since they never run.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
# The installed name of each source folder (pyproject's package-dir maps the last two).
PACKAGES = {
    "logicmodel": ROOT / "logicmodel",
    "logicmodel.models": ROOT / "models",
    "logicmodel.renderers": ROOT / "renderers",
}
# The layers of the package, lowest first: a module may import from its own layer or a lower one.
FILE_FORMAT = "logicmodel.fileformat"
ABOVE_FILE_FORMAT = (
    "logicmodel.analysis",
    "logicmodel.editing",
    "logicmodel.serving",
    "logicmodel.cli",
    "logicmodel.renderers",
)


def module_files() -> dict[str, Path]:
    """Return every module of logicmodel by its dotted name, packages as their `__init__`."""
    modules: dict[str, Path] = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join((package, *parts))
            # A folder mapped to a package of its own (models/ under logicmodel/) is walked once.
            modules.setdefault(name, path)
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    """Return True for `TYPE_CHECKING` or `typing.TYPE_CHECKING`."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Return every import statement in a tree, at any depth, except under TYPE_CHECKING."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for branch in node.orelse:
                yield from import_nodes(ast.Module(body=[branch], type_ignores=[]))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from import_nodes(node)


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    """Return the absolute name a `from ... import` imports from, relative ones resolved."""
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imported(module: str, path: Path, known: set[str]) -> set[str]:
    """Return the modules of logicmodel that a module imports, a name that is a module as
    that module (`from logicmodel.analysis import gain` imports `logicmodel.analysis.gain`)."""
    targets: set[str] = set()
    for node in import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        base = _base(module, path, node)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            targets.add(submodule if submodule in known else base)
    return {name for name in targets if name in known and name != module}


def import_graph() -> nx.DiGraph[str]:
    """Return the graph of imports among logicmodel's modules: an edge from importer to imported."""
    return _import_graph().copy()


@functools.cache
def _import_graph() -> nx.DiGraph[str]:
    """Return the import graph, walked once for all the tests here."""
    modules = module_files()
    known = set(modules)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(known)
    for module, path in modules.items():
        graph.add_edges_from((module, target) for target in imported(module, path, known))
    return graph


WALKED = """
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import results

if TYPE_CHECKING:
    from logicmodel.analysis import tracing


def later() -> None:
    from logicmodel.analysis.diffing import ModelDiff
    import logicmodel.display
"""


def test_the_walk_sees_lazy_and_relative_imports_and_skips_type_checking(tmp_path: Path) -> None:
    """A walk that missed function-local imports would pass the cycle test on any tree."""
    path = tmp_path / "walked.py"
    path.write_text(WALKED, encoding="utf-8")
    known = {
        "logicmodel.analysis",
        "logicmodel.analysis.results",
        "logicmodel.analysis.tracing",
        "logicmodel.analysis.diffing",
        "logicmodel.display",
        "logicmodel.analysis.deeper.walked",
    }
    # As if the file were logicmodel/analysis/deeper/walked.py.
    assert imported("logicmodel.analysis.deeper.walked", path, known) == {
        "logicmodel.analysis.results",
        "logicmodel.analysis.diffing",
        "logicmodel.display",
    }


def test_the_graph_holds_the_whole_package() -> None:
    graph = import_graph()
    assert {"logicmodel.models", "logicmodel.renderers.figure1", "logicmodel.cli"} <= set(graph)
    assert graph.has_edge("logicmodel.analysis.checking", "logicmodel.analysis.advice")


def test_no_import_cycle() -> None:
    """No module imports, however lazily, a module that imports it back."""
    graph = import_graph()
    cycles = sorted(" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(graph))
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def imports_from_above(package: str, above: tuple[str, ...]) -> list[str]:
    """Return each import by a module of `package` of a module under one of `above`."""

    def under(module: str, prefix: str) -> bool:
        return module == prefix or module.startswith(prefix + ".")

    return sorted(
        f"{module} imports {target}"
        for module, target in import_graph().edges
        if under(module, package) and any(under(target, each) for each in above)
    )


def test_file_format_imports_nothing_above_it() -> None:
    """The file format depends on the models only: analysis, editing, serving, the command
    line and the renderers all build on it, never the other way."""
    assert imports_from_above(FILE_FORMAT, ABOVE_FILE_FORMAT) == []


def test_analysis_imports_no_view_and_no_front_end() -> None:
    """A result never draws or prints itself through a renderer: the renderers, the notebook
    display, the servers and the command line call the analysis, not the other way."""
    above = (
        "logicmodel.renderers",
        "logicmodel.display",
        "logicmodel.api",
        "logicmodel.editing",
        "logicmodel.serving",
        "logicmodel.cli",
    )
    assert imports_from_above("logicmodel.analysis", above) == []


def test_renderers_import_no_front_end() -> None:
    front_ends = ("logicmodel.serving", "logicmodel.cli")
    assert imports_from_above("logicmodel.renderers", front_ends) == []
