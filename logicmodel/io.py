"""Load a logic model from YAML or JSON through one path, with `file:line:col` errors."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from logicmodel.models import (
    FORMAT_VERSION,
    OUTCOME_STAGES,
    Contribution,
    Indicator,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
    Stage,
)
from logicmodel.perf import without_gc_pauses
from logicmodel.sources import (
    Document,
    Locate,
    Path,
    SyntaxProblem,
    line_col,
    parse_json,
    parse_yaml,
)
from logicmodel.validate import did_you_mean, find_problems

# Far above any real model: a 100,000-element model is about 13 MB of JSON.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Past this many, further errors are most likely consequences of the first ones.
MAX_REPORTED = 50

FORMATS = ("yaml", "json")


@dataclass(frozen=True)
class Located:
    """One error at a file, line and column."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line == 0:  # about the file as a whole: missing, a folder, unreadable
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class LoadError(Exception):
    """A file is not a valid logic model; `errors` holds each fault with its position."""

    def __init__(self, errors: list[Located]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def parse_size(text: str) -> int:
    """Return a byte count from '64M', '500K', '2G' or a plain number.

    >>> parse_size("1.5K")
    1536
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"not a size: {text!r} (try 64M, 500K or a number of bytes)")
    factor = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[match.group(2).upper()]
    return int(float(match.group(1)) * factor)


def detect_format(name: str, text: str) -> str:
    """Return 'json' or 'yaml' from the file name, or from the first character when unsure."""
    suffix = FilePath(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def load(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None
) -> LogicModel:
    """Return the logic model in a YAML or JSON file; raise LoadError naming each fault."""
    return load_located(path, max_bytes=max_bytes, fmt=fmt)[0]


def load_located(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None
) -> tuple[LogicModel, Locate]:
    """Return the model in a file and a locator from a data path to its (line, col)."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            raise _error(
                name,
                1,
                1,
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                "(raise it with --max-size)",
            )
        with open(name, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise _error(name, 0, 0, "is a folder, not a model file") from None
    except FileNotFoundError:
        raise _error(name, 0, 0, "no such file") from None
    except OSError as error:
        raise _error(name, 0, 0, f"cannot read: {error.strerror or error}") from None
    if len(raw) > max_bytes:
        raise _error(
            name, 1, 1, f"file is over the {max_bytes:,}-byte limit (raise it with --max-size)"
        )
    return loads_located(raw, name=name, fmt=fmt)


def loads(content: str | bytes, *, name: str = "<string>", fmt: str | None = None) -> LogicModel:
    """Return the logic model in YAML or JSON text; raise LoadError naming each fault."""
    return loads_located(content, name=name, fmt=fmt)[0]


@without_gc_pauses
def loads_located(
    content: str | bytes, *, name: str = "<string>", fmt: str | None = None
) -> tuple[LogicModel, Locate]:
    """Return the model in YAML or JSON text and a locator for its data paths."""
    text = _decode(content, name) if isinstance(content, bytes) else content.lstrip("\ufeff")
    fmt = fmt or detect_format(name, text)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    if not text.strip():
        raise _error(
            name, 1, 1, f"empty file: a logic model starts with `logicmodel: {FORMAT_VERSION}`"
        )
    try:
        document = parse_json(text) if fmt == "json" else parse_yaml(text)
    except SyntaxProblem as problem:
        raise _error(name, problem.line, problem.col, problem.message) from None
    return _validate(document, name), document.locate


def _error(name: str, line: int, col: int, message: str) -> LoadError:
    return LoadError([Located(name, line, col, message)])


def _decode(raw: bytes, name: str) -> str:
    """Return file bytes as text, refusing binary data and bytes that are not UTF-8."""
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col = line_col(raw[:nul].decode("utf-8", "replace"), nul)
        raise _error(name, line, col, "binary data (a NUL byte): not a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8-sig", "replace")
        line, col = line_col(before, len(before))
        byte = raw[error.start]
        raise _error(
            name, line, col, f"not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8"
        ) from None


# The order people write an element in: what it is, who makes it, where it leads.
ELEMENT_KEY_ORDER = (
    "id",
    "label",
    "by",
    "collaborative",
    "leads_to",
    "enhances",
    "gain",
    "lead",
    "indicators",
    "notes",
    "source",
)


def dump_yaml(model: LogicModel) -> str:
    """Return a model as YAML in the file format: keys in reading order, short lists inline."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
        plain = all(isinstance(item, (str, int, float)) for item in items)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=plain)

    Dumper.add_representer(list, represent_list)
    data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data = {"logicmodel": data.pop("logicmodel"), **data}  # the version first, as users write it
    for stage in Stage:
        for index, element in enumerate(data.get(stage.value, [])):
            ordered = {k: element[k] for k in ELEMENT_KEY_ORDER if k in element}
            data[stage.value][index] = {**ordered, **element}
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)


def validate_data(data: Any, locate: Locate, name: str) -> LogicModel:
    """Return the model in plain data (from any source), faults located by `locate`."""
    return _validate(Document(data, locate), name)


def _validate(document: Document, name: str) -> LogicModel:
    """Return the model in parsed data, or raise LoadError with every fault located."""
    data = document.data
    if not isinstance(data, dict):
        raise _error(
            name,
            *document.locate(()),
            f"expected a logic model (a mapping starting "
            f"`logicmodel: {FORMAT_VERSION}`), found {_kind(data)}",
        )
    version = data.get("logicmodel")
    if "logicmodel" not in data:
        raise _error(
            name,
            1,
            1,
            f"missing format version: add `logicmodel: {FORMAT_VERSION}` as the first line",
        )
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _error(
            name,
            *document.locate(("logicmodel",)),
            f"unknown format version {version!r}: this logicmodel reads version {FORMAT_VERSION}",
        )
    try:
        model = LogicModel.model_validate(data)
    except ValidationError as error:
        raise LoadError(_located(name, document, _translate(error, data))) from None
    problems = find_problems(model)
    if problems:
        faults = (
            (p.path, p.message.format(line=document.locate(p.also)[0]) if p.also else p.message)
            for p in problems
        )
        raise LoadError(_located(name, document, faults))
    return model


def _located(name: str, document: Document, faults: Iterable[tuple[Path, str]]) -> list[Located]:
    located = sorted(
        {Located(name, *document.locate(path), message) for path, message in faults},
        key=lambda error: (error.line, error.col, error.message),
    )
    return located[:MAX_REPORTED]


# ---------------------------------------------------------------- pydantic errors, in words

_FIELDS: dict[str, set[str]] = {
    "model": {field.alias or key for key, field in LogicModel.model_fields.items()},
    "partnership": set(Partnership.model_fields),
    "partner": set(Partner.model_fields),
    "contribution": set(Contribution.model_fields),
    "outcome": set(Outcome.model_fields),
    "indicator": set(Indicator.model_fields),
}

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "too_short": "a list with at least one entry",
}


def _kind(value: Any) -> str:
    """Return a value's type in a user's words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"text ({short!r})"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _owner(loc: tuple[str | int, ...], data: dict[str, Any]) -> tuple[str, str]:
    """Return (how messages name the thing a loc lies in, which set of fields it has)."""
    head = loc[0] if loc else ""
    if len(loc) < 2:
        return "", "model"  # a top-level key: the message needs no owner
    if head == "partnership":
        return "partnership", "partnership"
    items = data.get(str(head))
    index = loc[1]
    item = items[index] if isinstance(items, list) and isinstance(index, int) else None
    ident = item.get("id") if isinstance(item, dict) else None
    # An id that is itself the fault would only repeat the fault in the name.
    named = isinstance(ident, str) and loc[2:3] != ("id",)
    number = index + 1 if isinstance(index, int) else 0
    if head == "partners":
        return (f"partner {ident!r}" if named else f"partner #{number}"), "partner"
    try:
        stage = Stage(head)
    except ValueError:
        return "", "model"
    name = f"{stage.singular} {ident!r}" if named else f"{stage.singular} #{number}"
    if len(loc) > 3 and loc[2] == "indicators":
        return f"{name}, indicator #{int(loc[3]) + 1}", "indicator"
    return name, "outcome" if stage in OUTCOME_STAGES else "contribution"


def _field_of(loc: tuple[str | int, ...], kind: str) -> tuple[str | int, ...]:
    """Return the part of a loc that lies inside its owner, e.g. ('leads_to', 2)."""
    skip = {"model": 0, "partnership": 1, "partner": 2, "contribution": 2, "outcome": 2}
    return loc[skip.get(kind, 4) :]


def _translate(error: ValidationError, data: dict[str, Any]) -> list[tuple[Path, str]]:
    """Return pydantic's errors as (path, message) pairs worded for a planner."""
    details = error.errors()
    # A misspelt key shows up twice, as an unknown key and a missing one: say it once.
    missing = {tuple(d["loc"]) for d in details if d["type"] == "missing"}
    explained: set[tuple[str | int, ...]] = set()
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden":
            owner, kind = _owner(loc, data)
            near = difflib.get_close_matches(str(loc[-1]), _FIELDS[kind], n=1, cutoff=0.6)
            if near and (*loc[:-1], near[0]) in missing:
                explained.add((*loc[:-1], near[0]))
    faults: list[tuple[Path, str]] = []
    seen: set[tuple[str | int, ...]] = set(explained)
    for detail in details:
        loc = tuple(detail["loc"])
        if loc in seen:
            continue  # a union reports once per branch; one message is enough
        seen.add(loc)
        owner, kind = _owner(loc, data)
        prefix = f"{owner}: " if owner else ""
        inner = _field_of(loc, kind)
        field = ".".join(str(part) for part in inner) or "it"
        key = inner[0] if inner else ""
        kind_of_error = detail["type"]
        value = detail.get("input")
        if kind_of_error == "extra_forbidden":
            message = f"unknown key {key!r}{_unknown_key_hint(str(key), kind)}"
        elif kind_of_error == "missing":
            message = f"missing {field!r}"
        elif kind_of_error in ("enum", "literal_error"):
            choices = detail.get("ctx", {}).get("expected", "")
            message = f"{field!r} is {_kind(value)}; expected {choices}"
        elif kind_of_error == "value_error":
            reason = str(detail["msg"]).removeprefix("Value error, ")
            message = reason if key == "id" else f"{field!r} {reason}"
        elif kind_of_error in _EXPECTED:
            message = f"{field!r} must be {_EXPECTED[kind_of_error]}, not {_kind(value)}"
        else:
            message = f"{field!r}: {detail['msg']}"
        faults.append((loc, prefix + message))
    return faults


def _unknown_key_hint(key: str, kind: str) -> str:
    """Return advice for a key that does not belong: a near spelling or where it does belong."""
    if kind == "outcome" and key in ("by", "collaborative", "enhances"):
        return ": an outcome takes its colour from what feeds it; give 'by' on its contributions"
    if kind == "contribution" and key in ("gain", "indicators"):
        return f": {key!r} belongs on an outcome"
    if kind == "model" and key in ("focus", "vision", "lead", "type"):
        return f": put {key!r} under 'partnership'"
    return did_you_mean(key, _FIELDS[kind])


__all__ = [
    "DEFAULT_MAX_BYTES",
    "LoadError",
    "Located",
    "detect_format",
    "load",
    "loads",
    "parse_size",
]
