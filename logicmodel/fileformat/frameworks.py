"""Outcomes frameworks: the shipped ones by id, a user's own from a file, errors located.

A model's `partnership.framework` is either the id of a framework shipped with logicmodel
(`logicmodel frameworks` lists them) or a path to a framework file, relative to the model.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
from pathlib import Path as FilePath

from pydantic import ValidationError

from logicmodel.fileformat.parsing import Path, SyntaxProblem, parse_yaml
from logicmodel.models import LogicModel
from logicmodel.models.framework import FRAMEWORK_FORMAT, Framework

FRAMEWORK_SUFFIXES = (".yaml", ".yml")
MAX_FRAMEWORK_BYTES = 4 * 1024 * 1024  # far above any framework: the 2007 one is 3 KB


class FrameworkError(ValueError):
    """A framework cannot be found or read; `errors` holds each fault as `file:line:col: ...`."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def shipped_frameworks() -> dict[str, str]:
    """Return the id of every framework shipped with logicmodel, with its title and version."""
    found: dict[str, str] = {}
    for ident in _shipped_files():
        framework = shipped_framework(ident)
        found[ident] = f"{framework.title} ({framework.version})"
    return found


def shipped_ids() -> list[str]:
    """Return the ids of the frameworks shipped with logicmodel, sorted."""
    return sorted(_shipped_files())


def _shipped_files() -> dict[str, str]:
    """Return shipped framework id -> its file's text resource name (the id is the file stem)."""
    folder = importlib.resources.files("logicmodel.models") / "frameworks"
    return {
        entry.name.rsplit(".", 1)[0]: entry.name
        for entry in folder.iterdir()
        if entry.name.endswith(FRAMEWORK_SUFFIXES)
    }


@functools.cache
def shipped_framework(ident: str) -> Framework:
    """Return a shipped framework by id; raise FrameworkError for an unknown id."""
    files = _shipped_files()
    if ident not in files:
        raise FrameworkError([f"no framework {ident!r} ships with logicmodel"])
    resource = importlib.resources.files("logicmodel.models") / "frameworks" / files[ident]
    return loads_framework(resource.read_text(encoding="utf-8"), name=files[ident])


def loads_framework(text: str, *, name: str = "<string>") -> Framework:
    """Return the framework in YAML (or JSON) text; raise FrameworkError naming each fault."""
    try:
        document = parse_yaml(text.lstrip("\ufeff"))
    except SyntaxProblem as problem:
        raise FrameworkError([f"{name}:{problem.line}:{problem.col}: {problem.message}"]) from None
    data = document.data
    if not isinstance(data, dict) or data.get("framework") != FRAMEWORK_FORMAT:
        raise FrameworkError(
            [f"{name}:1:1: not an outcomes framework: it starts `framework: {FRAMEWORK_FORMAT}`"]
        )
    try:
        framework = Framework.model_validate(data)
    except ValidationError as error:
        faults = []
        for detail in error.errors():
            path: Path = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
            line, col = document.locate(path)
            where = ".".join(str(part) for part in path)
            words = _in_words(detail["type"], detail["msg"])
            faults.append(f"{name}:{line}:{col}: {where}: {words}")
        raise FrameworkError(faults) from None
    seen: set[str] = set()
    for index, outcome in enumerate(framework.outcomes):
        if outcome.id in seen:
            line, col = document.locate(("outcomes", index, "id"))
            raise FrameworkError([f"{name}:{line}:{col}: duplicate outcome id {outcome.id!r}"])
        seen.add(outcome.id)
    return framework


def _in_words(kind: str, message: str) -> str:
    """Return a validation fault in a planner's words where pydantic's are a programmer's."""
    return {"missing": "missing: add it", "extra_forbidden": "not a key of a framework"}.get(
        kind, message
    )


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Return the framework in a file; raise FrameworkError naming each fault."""
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError:
        raise FrameworkError([f"{name}: no such framework file"]) from None
    return _load_cached(name, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load_cached(name: str, mtime_ns: int, size: int) -> Framework:
    """Return a framework file's contents, read again only when the file changes."""
    if size > MAX_FRAMEWORK_BYTES:
        raise FrameworkError([f"{name}: too big for a framework ({size:,} bytes)"])
    try:
        raw = FilePath(name).read_bytes()
    except OSError as error:
        raise FrameworkError([f"{name}: cannot read it ({error.strerror})"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FrameworkError([f"{name}: not UTF-8 text: save the file as UTF-8"]) from None
    return loads_framework(text, name=name)


def is_framework_path(name: str) -> bool:
    """Return True when a model's `framework` names a file rather than a shipped framework."""
    return name.lower().endswith(FRAMEWORK_SUFFIXES) or "/" in name or os.sep in name


def framework_file(name: str, model_file: str | None) -> FilePath:
    """Return the path of a framework file named in a model, relative to the model's folder."""
    path = FilePath(name)
    if path.is_absolute() or model_file is None or model_file.startswith("<"):
        return path
    return FilePath(model_file).parent / path


def resolve_framework(name: str, model_file: str | None = None) -> Framework:
    """Return the framework a model names: a shipped id, or a file relative to the model file.

    Raise FrameworkError saying what is wrong.
    """
    if is_framework_path(name):
        return load_framework(framework_file(name, model_file))
    shipped = _shipped_files()
    if name not in shipped:
        raise FrameworkError(
            [
                f"unknown framework {name!r} (shipped: {', '.join(sorted(shipped))}); "
                "a framework file's name ends in .yaml"
            ]
        )
    return shipped_framework(name)


def model_framework(model: LogicModel, model_file: str | None = None) -> Framework | None:
    """Return the framework a loaded model names, or None when it names none."""
    named = model.partnership.framework
    return None if named is None else resolve_framework(named, model_file)


def framework_serving(ids: set[str]) -> str | None:
    """Return the one shipped framework whose outcomes include every id, or None: an elements
    CSV names national outcomes but has no partnership to name their framework."""
    found = [name for name in shipped_ids() if ids <= set(shipped_framework(name).outcome_ids())]
    return found[0] if len(found) == 1 else None


__all__ = [
    "framework_serving",
    "FRAMEWORK_SUFFIXES",
    "FrameworkError",
    "MAX_FRAMEWORK_BYTES",
    "framework_file",
    "is_framework_path",
    "load_framework",
    "loads_framework",
    "model_framework",
    "resolve_framework",
    "shipped_framework",
    "shipped_ids",
    "shipped_frameworks",
]
