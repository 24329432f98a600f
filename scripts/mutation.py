"""Mutation testing: change the code one small way at a time and see whether a test notices.

A small AST-based mutation runner of our own. mutmut 3 copies the code into `mutants/` and
imports it from there, but this project installs `models/` and `renderers/` as
`logicmodel.models` and `logicmodel.renderers` (pyproject's package-dir), which its copy does
not follow: the editable install's finder would import the real, unmutated tree.

This runner never touches the working tree. It lays a copy out the installed way
(`logicmodel/`, `logicmodel/models/`, `logicmodel/renderers/`) in a temporary folder, checks
that the copy imports from itself and that the chosen tests pass on it (failing tests there
are left out, and named), then for each mutant writes the mutated module into the copy, runs
that module's tests with a timeout and puts the original back.

Mutations: comparisons flipped (< <=, == !=, in / not in, is / is not), `and` <-> `or`, `not`
dropped, + <-> -, * <-> /, | <-> &, << <-> >>, integers n -> n + 1, True <-> False, string
constants changed (docstrings and f-string pieces are left alone), simple statements replaced
by `pass` (asserts, imports and docstrings are left alone).

    python scripts/mutation.py                          # every module, all mutants
    python scripts/mutation.py --module tracing --sample 100 --jobs 2
    python scripts/mutation.py --source HEAD --tests HEAD   # the last commit, its own tests
    python scripts/mutation.py --list                   # the mutants, without running them

It prints killed/total per module and every surviving mutant; `--json FILE` keeps the results.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Top-level folders installed under the logicmodel package (pyproject's package-dir).
MAPPED = {"models": "logicmodel/models", "renderers": "logicmodel/renderers"}
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    "build",
    "dist",
    "mutants",
    "node_modules",
}
# Slow tests that check something other than these modules (size limits, Mermaid's parser in
# node); they would add their full time to every surviving mutant.
SLOW = (
    "tests/test_load.py::test_big_json_model_loads_under_the_default_limit",
    "tests/test_exports.py::test_mermaid_parses_with_mermaids_own_parser",
)
EXPORT_TESTS = (
    "tests/test_export_links.py",
    "tests/test_export_attributes.py",
    "tests/test_mermaid_escape.py",
    "tests/test_mermaid_output.py",
    "tests/test_exports.py",
)


@dataclass(frozen=True)
class Target:
    """A module to mutate: its file, the functions to mutate (all when empty), its tests."""

    path: str
    functions: tuple[str, ...]
    tests: tuple[str, ...]
    keeps: tuple[str, ...] = ()  # slow tests to run all the same: this module's own reader


# Every module of analysis and editing, with the tests that prove what users rely on from it.
# The editing layer's property tests (tests/test_edit_properties.py, a minute alone) are left
# out: with them a 30-mutant sample of one module takes most of an hour on two cores.
EDIT_TESTS = (
    "tests/test_edit.py",
    "tests/test_page_edits.py",
    "tests/test_edit_cli.py",
)
TRACE_TESTS = (
    "tests/test_whatif_links.py",
    "tests/test_whatif_joint_work.py",
    "tests/test_trace.py",
    "tests/test_trace_cli.py",
    "tests/test_trace_records.py",
    "tests/test_advice.py",
)

GAIN_TESTS = ("tests/test_gain.py", "tests/test_gain_view.py", "tests/test_api.py")


# Every module's `__all__` names what it offers: this test kills a mutant that renames one.
PUBLIC_NAMES = "tests/test_public_names.py"


# Each list names its module's focused test files first: pytest's -x stops at the first
# failure, so a mutant that a small focused file catches costs seconds, not the whole list.
def _analysis(module: str, *tests: str) -> Target:
    return Target(f"logicmodel/analysis/{module}.py", (), (PUBLIC_NAMES, *tests))


def _editing(module: str, *tests: str) -> Target:
    return Target(f"logicmodel/editing/{module}.py", (), (PUBLIC_NAMES, *tests))


TARGETS: dict[str, Target] = {
    "tracing": _analysis("tracing", *TRACE_TESTS),
    "model_graph": _analysis(
        "model_graph", *TRACE_TESTS, "tests/test_link_kinds.py", "tests/test_compare.py"
    ),
    "advice": _analysis(
        "advice", "tests/test_advice_places.py", "tests/test_advice.py", "tests/test_compare.py"
    ),
    "categories": _analysis("categories", "tests/test_figure2_placing.py", "tests/test_figure2.py"),
    "comparing": _analysis("comparing", "tests/test_compare_rows.py", "tests/test_compare.py"),
    "diffing": _analysis("diffing", "tests/test_diff_entries.py", "tests/test_diff.py"),
    "assessment": _analysis("assessment", "tests/test_assess.py", "tests/test_advice.py"),
    "rulebook": _analysis("rulebook", "tests/test_advice.py", "tests/test_cli.py"),
    "losses": _analysis(
        "losses",
        "tests/test_losses_words.py",
        "tests/test_whatif_summary.py",
        "tests/test_whatif_links.py",
    ),
    # gain.py is a face of re-exports (imports and `__all__`, no code of its own): its mutants
    # would only rename entries of `__all__`, so the two modules behind it are run instead.
    "gain_maths": _analysis(
        "gain_maths", "tests/test_gain_statistics.py", "tests/test_gain_rows.py", *GAIN_TESTS
    ),
    "gain_format": _analysis("gain_format", "tests/test_gain_report_formats.py", *GAIN_TESTS),
    "results": _analysis(
        "results",
        "tests/test_result_tables.py",
        "tests/test_outputs.py",
        "tests/test_api.py",
        "tests/test_trace_cli.py",
    ),
    "reports": _analysis(
        "reports",
        "tests/test_reports_rows.py",
        "tests/test_trace_cli.py",
        "tests/test_whatif_links.py",
        "tests/test_compare.py",
        "tests/test_outputs.py",
    ),
    "checking": _analysis(
        "checking",
        "tests/test_check_summary_line.py",
        "tests/test_advice.py",
        "tests/test_bad_inputs.py",
        "tests/test_cli.py",
    ),
    "layer": _editing(
        "layer",
        "tests/test_layer_changes_said.py",
        "tests/test_edit_lists.py",
        "tests/test_edit_field_values.py",
        "tests/test_edit_references_renamed.py",
        *EDIT_TESTS,
        "tests/test_api.py",
    ),
    "patch": _editing(
        "patch", "tests/test_edit_patch_layouts.py", "tests/test_edit_lists.py", *EDIT_TESTS
    ),
    "spans": _editing(
        "spans", "tests/test_edit_spans_text.py", "tests/test_edit_lists.py", *EDIT_TESTS
    ),
    "build": _editing(
        "build",
        "tests/test_build_new_file.py",
        "tests/test_api.py",
        "tests/test_edit_cli.py",
        "tests/test_outputs.py",
        "tests/test_interview.py",
    ),
    "answers": _editing("answers", "tests/test_assess.py", "tests/test_editor_assess.py"),
    "errors": _editing("errors", "tests/test_edit.py", "tests/test_edit_cli.py"),
    "disk": _editing(
        "disk",
        "tests/test_disk_restore.py",
        "tests/test_edit.py",
        "tests/test_page_edits.py",
        "tests/test_locking.py",
    ),
    "fields": _editing(
        "fields", "tests/test_edit_field_values.py", *EDIT_TESTS, "tests/test_vocabulary.py"
    ),
    "references": _editing("references", "tests/test_edit_references_renamed.py", *EDIT_TESTS),
    "moving": _editing(
        "moving", "tests/test_move_layouts.py", "tests/test_edit_lists.py", *EDIT_TESTS
    ),
    "measures": _editing(
        "measures",
        "tests/test_measure_verbs.py",
        "tests/test_build_with_verbs.py",
        "tests/test_editor_measures.py",
    ),
    "partners": _editing("partners", *EDIT_TESTS, "tests/test_measure_verbs.py"),
    "merge_measures": _editing(
        "merge_measures", "tests/test_workbook_merge_measures.py", "tests/test_workbook_merge.py"
    ),
    "merging": _editing(
        "merging", "tests/test_workbook_merge.py", "tests/test_workbook_merge_measures.py"
    ),
    "roundtrip": _editing(
        "roundtrip",
        "tests/test_edit_round_trip_fallback.py",
        "tests/test_edit_lists.py",
        *EDIT_TESTS,
    ),
    "interview": _editing(
        "interview",
        "tests/test_interview_answers.py",
        "tests/test_interview_gains_echo.py",
        "tests/test_interview.py",
    ),
    "validate": Target(
        "logicmodel/fileformat/rules.py",
        (),
        (
            "tests/test_link_direction.py",
            "tests/test_validate_rules.py",
            "tests/test_load.py",
            "tests/test_bad_inputs.py",
        ),
    ),
    "attributes": Target("renderers/export_fields.py", (), (*EXPORT_TESTS, "tests/test_graph.py")),
    "graphml": Target("renderers/graphml.py", ("generate_graphml",), EXPORT_TESTS),
    "gexf": Target("renderers/gexf.py", ("generate_gexf",), EXPORT_TESTS),
    "nodelink": Target("renderers/nodelink.py", ("generate_json",), EXPORT_TESTS),
    "tables": Target(
        "renderers/tables.py", ("generate_tables", "generate_zip", "generate"), EXPORT_TESTS
    ),
    "mermaid": Target(
        "renderers/mermaid.py",
        ("_SPECIAL", "escape", "node_ids", "generate_mermaid"),
        EXPORT_TESTS,
        ("tests/test_exports.py::test_mermaid_parses_with_mermaids_own_parser",),
    ),
}

# ---------------------------------------------------------------- making mutants

COMPARE = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
BINARY = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}
SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.LShift: "<<",
    ast.RShift: ">>",
}
REMOVABLE = (
    ast.Expr,
    ast.Assign,
    ast.AugAssign,
    ast.AnnAssign,
    ast.Return,
    ast.Raise,
    ast.Continue,
    ast.Break,
    ast.Delete,
)


@dataclass(frozen=True)
class Site:
    """One place a mutation applies: where, and what it does in words."""

    line: int
    description: str


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _skipped_children(node: ast.AST) -> set[int]:
    """Return ids of nodes that hold no behaviour: annotations, docstrings, f-string pieces."""
    skip: set[int] = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        skip.update(id(d) for d in node.decorator_list)
        if node.returns is not None:
            skip.add(id(node.returns))
        for arg in (*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs):
            if arg.annotation is not None:
                skip.add(id(arg.annotation))
    if isinstance(node, ast.AnnAssign):
        skip.add(id(node.annotation))
    if isinstance(node, ast.JoinedStr):
        skip.update(id(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        if node.value.id in ("dict", "list", "tuple", "set", "frozenset", "type"):
            skip.add(id(node))  # a type written as a value, e.g. dict[str, int]
    for body in ("body", "orelse", "finalbody"):
        statements = getattr(node, body, None)
        if isinstance(statements, list) and statements and _is_docstring(statements[0]):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
                skip.add(id(statements[0]))
    return skip


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


class Mutator:
    """Walk a module in a fixed order; count mutation sites, or apply the one numbered `pick`."""

    def __init__(self, functions: tuple[str, ...], pick: int = -1) -> None:
        self.functions = functions
        self.pick = pick
        self.sites: list[Site] = []

    def run(self, tree: ast.Module) -> None:
        self._visit(tree, inside=not self.functions, skip=set())

    def _site(self, node: ast.AST, description: str) -> bool:
        """Record a site; return True when it is the one to apply."""
        self.sites.append(Site(getattr(node, "lineno", 0), description))
        return len(self.sites) - 1 == self.pick

    def _visit(self, node: ast.AST, inside: bool, skip: set[int]) -> None:
        if id(node) in skip or _is_type_checking(node):
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            return
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in self.functions:
            inside = True
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in self.functions for t in node.targets
        ):
            inside = True  # a module-level constant named like a function, e.g. a pattern
        if inside:
            self._mutate(node)
        skip = skip | _skipped_children(node)
        for name, value in ast.iter_fields(node):
            if isinstance(node, ast.Constant) or name == "ctx":
                continue
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, ast.AST):
                    self._visit(child, inside, skip)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt) and inside:
                self._remove_statements(value, skip)

    def _remove_statements(self, body: list[ast.stmt], skip: set[int]) -> None:
        for position, statement in enumerate(body):
            if not isinstance(statement, REMOVABLE) or id(statement) in skip:
                continue
            if _is_docstring(statement):
                continue
            if isinstance(statement, ast.AnnAssign) and statement.value is None:
                continue  # a field declaration, not a statement that runs
            text = ast.unparse(statement).splitlines()[0][:60]
            if self._site(statement, f"remove `{text}`"):
                body[position] = ast.copy_location(ast.Pass(), statement)

    def _mutate(self, node: ast.AST) -> None:
        if isinstance(node, ast.Compare):
            for index, op in enumerate(node.ops):
                new = COMPARE.get(type(op))
                if new and self._site(node, f"{SYMBOL[type(op)]} -> {SYMBOL[new]}"):
                    node.ops[index] = new()
        elif isinstance(node, ast.BoolOp):
            new_op: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            old, flipped = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
            if self._site(node, f"{old} -> {flipped}"):
                node.op = new_op
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            if self._site(node, "drop `not`"):
                node.op = ast.UAdd()  # +bool(x) keeps the truth value of x
                node.operand = ast.Call(ast.Name("bool", ast.Load()), [node.operand], [])
        elif isinstance(node, (ast.BinOp, ast.AugAssign)):
            new_bin = BINARY.get(type(node.op))
            if new_bin and self._site(node, f"{SYMBOL[type(node.op)]} -> {SYMBOL[new_bin]}"):
                node.op = new_bin()
        elif isinstance(node, ast.Constant):
            self._constant(node)

    def _constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            if self._site(node, f"{value} -> {not value}"):
                node.value = not value
        elif isinstance(value, int):
            if self._site(node, f"{value} -> {value + 1}"):
                node.value = value + 1
        elif isinstance(value, str):
            if self._site(node, f"{value[:30]!r} -> 'XX' + it + 'XX'"):
                node.value = f"XX{value}XX"


def sites(source: str, functions: tuple[str, ...]) -> list[Site]:
    """Return every mutation site of a module."""
    mutator = Mutator(functions)
    mutator.run(ast.parse(source))
    return mutator.sites


def mutant(source: str, functions: tuple[str, ...], pick: int) -> str:
    """Return the module's source with mutation number `pick` applied."""
    tree = ast.parse(source)
    mutator = Mutator(functions, pick)
    mutator.run(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


# ---------------------------------------------------------------- the copy to work in


def _copy_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if any(part in SKIPPED_DIRS or part.endswith(".egg-info") for part in relative.parts):
            continue
        if path.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)


def lay_out(work: Path, source: str, tests: str, overlay: tuple[str, ...] = ()) -> None:
    """Fill `work` with the project, laid out as installed: code and tests each from the
    working tree ("worktree") or from a commit ("HEAD", a hash)."""
    if source != "worktree":
        archive = subprocess.run(
            ["git", "archive", source], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    else:
        _copy_tree(ROOT, work)
    for folder in ("tests", "scripts"):
        shutil.rmtree(work / folder, ignore_errors=True)
        if tests != "worktree":
            archive = subprocess.run(
                ["git", "archive", tests, folder], cwd=ROOT, check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        else:
            _copy_tree(ROOT / folder, work / folder)
    for path in overlay:  # files from the working tree over the commit's, e.g. new tests
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, work / path)
    node_modules = ROOT / "tests" / "mermaid" / "node_modules"
    if node_modules.exists():
        (work / "tests" / "mermaid" / "node_modules").symlink_to(node_modules)
    for folder, installed in MAPPED.items():
        shutil.move(str(work / folder), str(work / installed))


def _commit(rev: str) -> str:
    """Return the full hash of a commit, so that a run names exactly what it tested."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip()


def installed_path(path: str) -> str:
    """Return where a source file sits in the copy: renderers/x.py -> logicmodel/renderers/x.py."""
    top, _, rest = path.partition("/")
    return f"{MAPPED[top]}/{rest}" if top in MAPPED else path


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(work)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a stale .pyc must never stand in for a mutant
    env["PYTHONHASHSEED"] = "0"
    env.pop("CI", None)
    return env


def check_imports(work: Path) -> None:
    """Stop unless the copy imports logicmodel, models and renderers from the copy itself."""
    code = (
        "import logicmodel, logicmodel.models, logicmodel.renderers.export_fields as a;"
        "print(logicmodel.__file__); print(logicmodel.models.__file__); print(a.__file__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=work,
        env=environment(work),
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stdout.split():
        if not Path(line).resolve().is_relative_to(work.resolve()):
            sys.exit(f"the copy imports {line} from outside {work}: stopping")


# ---------------------------------------------------------------- running the tests


@dataclass
class Result:
    """What happened to one mutant."""

    module: str
    number: int
    line: int
    description: str
    code: str
    outcome: str  # killed, timeout, survived
    seconds: float


@dataclass
class Plan:
    """A module's tests as they run in the copy: files, left-out tests, time limit."""

    tests: list[str]
    deselected: list[str] = field(default_factory=list)
    timeout: float = 60.0
    broken: list[str] = field(default_factory=list)  # test files that do not import


def pytest_command(plan: Plan, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header"]
    command += [f"--deselect={test}" for test in plan.deselected]
    return [*command, *extra, *plan.tests]


def baseline(work: Path, name: str, target: Target) -> Plan:
    """Return the plan for a module: its tests that pass on the copy, with a time limit."""
    tests = [t for t in target.tests if (work / t).exists()]
    slow = [t for t in SLOW if t not in target.keeps and t.split("::")[0] in tests]
    plan = Plan(tests, slow)
    if not plan.tests:
        sys.exit(f"{name}: none of its tests exist in the copy")
    path = work / installed_path(target.path)
    original = path.read_text("utf-8")
    # The unmutated module as the mutants are written (ast.unparse), so only the mutation differs.
    path.write_text(ast.unparse(ast.parse(original)), "utf-8")
    try:
        started = time.monotonic()
        report = work / f".baseline-{name}.txt"
        command = pytest_command(plan, "-rfE", "--continue-on-collection-errors")
        result = subprocess.run(
            command, cwd=work, env=environment(work), capture_output=True, text=True
        )
        elapsed = time.monotonic() - started
        report.write_text(result.stdout + result.stderr, "utf-8")
    finally:
        path.write_text(original, "utf-8")
    lines = result.stdout.splitlines()
    failing = [line.split()[1] for line in lines if line.startswith("FAILED ")]
    # A test file that does not import on this code (it tests something newer) is left out.
    broken = [
        line.split()[1]
        for line in lines
        if line.startswith("ERROR ") and "::" not in line.split()[1]
    ]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not failing + broken):
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        sys.exit(f"{name}: its tests do not run on the copy:\n{tail}")
    plan.tests = [t for t in plan.tests if t not in broken]
    plan.deselected = [t for t in plan.deselected if t.split("::")[0] in plan.tests]
    plan.deselected += failing
    plan.broken = broken
    plan.timeout = max(30.0, 3 * elapsed + 15)
    return plan


def run_mutant(
    work: Path, name: str, target: Target, plan: Plan, number: int, site: Site
) -> Result:
    path = work / installed_path(target.path)
    original = path.read_text("utf-8")
    line = original.splitlines()[site.line - 1].strip() if site.line else ""
    path.write_text(mutant(original, target.functions, number), "utf-8")
    started = time.monotonic()
    try:
        result = subprocess.run(
            pytest_command(plan, "-x"),
            cwd=work,
            env=environment(work),
            capture_output=True,
            timeout=plan.timeout,
        )
        outcome = "survived" if result.returncode == 0 else "killed"
        if result.returncode not in (0, 1):
            outcome = "killed"  # an import or collection error is a caught mutant too
    except subprocess.TimeoutExpired:
        outcome = "timeout"
    finally:
        path.write_text(original, "utf-8")
    return Result(
        name, number, site.line, site.description, line, outcome, time.monotonic() - started
    )


def run_all(
    copies: list[Path], name: str, target: Target, plan: Plan, found: list[Site], numbers: list[int]
) -> list[Result]:
    """Run mutants, one per copy at a time, and return their results in number order."""
    free = list(copies)
    finished: list[int] = []

    def one(number: int) -> Result:
        work = free.pop()  # never empty: no more threads than copies
        try:
            return run_mutant(work, name, target, plan, number, found[number])
        finally:
            free.append(work)
            finished.append(number)
            if len(finished) % 20 == 0:
                print(f"  {name}: {len(finished)} of {len(numbers)} run", flush=True)

    with ThreadPoolExecutor(max_workers=len(copies)) as pool:
        return list(pool.map(one, numbers))


def chosen(total: int, sample: int | None, seed: int, name: str) -> list[int]:
    """Return the mutant numbers to run: all, or a fixed random sample of them."""
    if sample is None or sample >= total:
        return list(range(total))
    return sorted(random.Random(f"{seed}:{name}").sample(range(total), sample))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    """Return the command line's arguments, commits resolved to full hashes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", choices=sorted(TARGETS))
    parser.add_argument("--sample", type=int, help="run at most N mutants per module")
    parser.add_argument(
        "--seed", type=int, default=1, help="for --sample; the same seed, the same mutants"
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (copies)")
    parser.add_argument(
        "--source", default="worktree", help="the code: worktree (default) or a commit, e.g. HEAD"
    )
    parser.add_argument(
        "--tests", default="worktree", help="tests/ and scripts/: worktree (default) or a commit"
    )
    parser.add_argument(
        "--overlay",
        nargs="*",
        default=[],
        metavar="FILE",
        help="files to take from the working tree over --source/--tests, e.g. new tests",
    )
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--json", type=Path, help="write every result to this file")
    args = parser.parse_args(argv)
    for what in ("source", "tests"):
        rev = getattr(args, what)
        if rev != "worktree":
            setattr(args, what, _commit(rev))
    return args


def _list(first: Path, names: list[str]) -> None:
    """Print every mutant of the modules, without running them."""
    for name in names:
        target = TARGETS[name]
        text = (first / installed_path(target.path)).read_text("utf-8")
        for number, site in enumerate(sites(text, target.functions)):
            print(f"{name} #{number} line {site.line}: {site.description}")


def _run_module(
    copies: list[Path], name: str, sample: int | None, seed: int
) -> tuple[list[Result], str]:
    """Run a module's mutants; return their results and a summary line."""
    target = TARGETS[name]
    first = copies[0]
    plan = baseline(first, name, target)
    text = (first / installed_path(target.path)).read_text("utf-8")
    found = sites(text, target.functions)
    numbers = chosen(len(found), sample, seed, name)
    print(
        f"{name}: {len(numbers)} of {len(found)} mutants; tests {' '.join(plan.tests)}; "
        f"left out {len(plan.deselected)}: {' '.join(plan.deselected) or '-'}; "
        f"files that do not import: {' '.join(plan.broken) or '-'}; "
        f"timeout {plan.timeout:.0f}s",
        flush=True,
    )
    done = run_all(copies, name, target, plan, found, numbers)
    killed = sum(r.outcome != "survived" for r in done)
    timeouts = sum(r.outcome == "timeout" for r in done)
    sampled = f" (sample of {len(found)})" if len(numbers) < len(found) else ""
    line = f"{name} ({target.path}): killed {killed}/{len(done)}{sampled}"
    if timeouts:
        line += f", {timeouts} by timeout"
    print(line, flush=True)
    for r in done:
        if r.outcome == "survived":
            print(f"  survived #{r.number} line {r.line}: {r.description}  | {r.code}")
    return done, line


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    names = args.module or list(TARGETS)
    print(f"code from {args.source}, tests from {args.tests}", flush=True)
    if args.overlay:
        print(f"from the working tree: {' '.join(args.overlay)}", flush=True)

    with tempfile.TemporaryDirectory(prefix="logicmodel-mutation-") as temporary:
        first = Path(temporary) / "copy-0"
        first.mkdir()
        lay_out(first, args.source, args.tests, tuple(args.overlay))
        if args.list:
            _list(first, names)
            return 0
        check_imports(first)
        copies = [first]
        for index in range(1, max(1, args.jobs)):
            other = Path(temporary) / f"copy-{index}"
            shutil.copytree(first, other, symlinks=True)
            copies.append(other)
        results: list[Result] = []
        summary: list[str] = []
        for name in names:
            done, line = _run_module(copies, name, args.sample, args.seed)
            results += done
            summary.append(line)

    print("\nkilled/total per module:")
    for line in summary:
        print("  " + line)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
