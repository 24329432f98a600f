"""Load a logic model from YAML or JSON through one path, with `file:line:col` errors."""

from __future__ import annotations

import difflib
import os
import re
import stat
import typing
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from logicmodel.fileformat.faults import LoadError, Located
from logicmodel.fileformat.parsing import (
    Document,
    Locate,
    Path,
    SyntaxProblem,
    line_col,
    parse_json,
    parse_yaml,
)
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.rules import did_you_mean, find_problems, link_fault
from logicmodel.fileformat.strands import (
    combine,
    entry_problems,
    local_part,
    refuse_cycle,
    strand_file,
)
from logicmodel.fileformat.values import scan_values, unfit_values, unprintable_text
from logicmodel.models import (
    FORMAT_VERSION,
    OUTCOME_STAGES,
    Advice,
    Benchmark,
    Benefit,
    Comparator,
    Contribution,
    Cost,
    IgnoredRule,
    Indicator,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
    Stage,
)
from logicmodel.models.vocabulary import key_order

# Far above any real model: a 100,000-element model is about 13 MB of JSON.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Past this many, further errors are most likely consequences of the first ones.
MAX_REPORTED = 50

FORMATS = ("yaml", "json")


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
    return _load_with_strands(os.fspath(path), max_bytes, fmt, ())


def _load_with_strands(
    name: str, max_bytes: int, fmt: str | None, parents: tuple[str, ...]
) -> tuple[LogicModel, Locate]:
    """Return the model in a file merged with its strands' files (loaded the same way).

    `parents` holds the real paths of the files above this one, so that a cycle of strands
    is refused at the `file:` entry that closes it, never followed.
    """
    raw = read_model_bytes(name, max_bytes)
    model, locate = loads_located(raw, name=name, fmt=fmt)
    if not model.strands:
        return model, locate
    chain = (*parents, os.path.realpath(name))
    for index, entry in enumerate(model.strands):
        if os.path.realpath(strand_file(name, entry)) in chain:
            raise refuse_cycle(name, locate, index, entry)

    def load_strand(strand_name: str) -> tuple[LogicModel, Locate]:
        return _load_with_strands(strand_name, max_bytes, None, chain)

    return combine(model, locate, name, load_strand)


# Read in pieces this big, so that a generous --max-size allocates nothing up front.
READ_CHUNK = 1024 * 1024


def read_model_bytes(name: str, max_bytes: int, what: str = "model file") -> bytes:
    """Return a file's bytes, at most max_bytes of them; raise LoadError about the file.

    A folder, FIFO or device is refused from what stat says, without opening it: a FIFO would
    wait for a writer forever, and a device never ends.
    """
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise _error(name, 0, 0, f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise _error(name, 0, 0, f"is {_special_kind(info.st_mode)}, not a {what}")
        if info.st_size > max_bytes:
            raise _error(
                name,
                1,
                1,
                f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                "(raise it with --max-size)",
            )
        chunks: list[bytes] = []
        total = 0
        with open(name, "rb") as handle:
            while total <= max_bytes:
                chunk = handle.read(min(READ_CHUNK, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except IsADirectoryError:
        raise _error(name, 0, 0, f"is a folder, not a {what}") from None
    except FileNotFoundError:
        raise _error(name, 0, 0, "no such file") from None
    except OSError as error:
        raise _error(name, 0, 0, f"cannot read: {error.strerror or error}") from None
    if total > max_bytes:
        raise _error(
            name, 1, 1, f"file is over the {max_bytes:,}-byte limit (raise it with --max-size)"
        )
    return b"".join(chunks)


def _special_kind(mode: int) -> str:
    """Return what a file that is not a regular file is, in a user's words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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


# The order people write an element in: what it is, who makes it, where it leads (the models'
# vocabulary, `Meta.order`).
ELEMENT_KEY_ORDER = key_order(Contribution, Outcome)


def dump_yaml(model: LogicModel) -> str:
    """Return a model as YAML in the file format: keys in reading order, short lists inline."""
    from logicmodel.fileformat.writing import generate_yaml

    data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data = {"logicmodel": data.pop("logicmodel"), **data}  # the version first, as users write it
    for stage in Stage:
        for index, element in enumerate(data.get(stage.value, [])):
            ordered = {k: element[k] for k in ELEMENT_KEY_ORDER if k in element}
            data[stage.value][index] = {**ordered, **element}
    return generate_yaml(data, indent_lists=False)


def validate_data(
    data: Any, locate: Locate, name: str, place: Callable[[Path], str] | None = None
) -> LogicModel:
    """Return the model in plain data (from any source), faults located by `locate`.

    A source without lines, such as a workbook, gives `place`: a data path's place in its own
    words ('Elements!D3'); `locate` then only orders the faults.
    """
    return _validate(Document(data, locate, place), name)


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
    # 1.0 is 1 in YAML and JSON alike; pydantic before 2.8 or so would refuse it as a Literal.
    data = {**data, "logicmodel": FORMAT_VERSION}
    scan = scan_values(data)
    if scan.suspect:
        # The exact walks name each fault; they run only when the quick scan found one.
        unprintable = [*unprintable_text(data), *unfit_values(data)]
        if unprintable:
            raise LoadError(_located(name, document, unprintable))
    scan.normalise_ids()
    try:
        model = LogicModel.model_validate(data)
    except ValidationError as error:
        raise LoadError(_located(name, document, _translate(error, data))) from None
    problems = find_problems(local_part(model), name)
    if model.strands:
        problems += entry_problems(model)
    if problems:
        faults = (
            (p.path, p.message.format(where=document.where(p.also)) if p.also else p.message)
            for p in problems
        )
        raise LoadError(_located(name, document, faults))
    return model


def _located(name: str, document: Document, faults: Iterable[tuple[Path, str]]) -> list[Located]:
    located = sorted(
        {
            Located(name, *document.locate(path), message, document.place_of(path))
            for path, message in faults
        },
        key=lambda error: (error.line, error.col, error.message),
    )
    return located[:MAX_REPORTED]


# ---------------------------------------------------------------- pydantic errors, in words

# Each kind of mapping in the file, by the name _owner gives it.
_MODELS: dict[str, type[BaseModel]] = {
    "model": LogicModel,
    "partnership": Partnership,
    "cost": Cost,
    "benefit": Benefit,
    "advice": Advice,
    "ignored rule": IgnoredRule,
    "partner": Partner,
    "contribution": Contribution,
    "outcome": Outcome,
    "indicator": Indicator,
    "comparator": Comparator,
    "benchmark": Benchmark,
}
_FIELDS: dict[str, set[str]] = {
    kind: {field.alias or key for key, field in model.model_fields.items()}
    for kind, model in _MODELS.items()
}
# The top-level sections, in the order a model is written.
SECTIONS = tuple(
    field.alias or key for key, field in LogicModel.model_fields.items() if key != "schema_url"
)
# What planners call a stage, in lower-case letters only -> where it goes in the file.
_SECTION_WORDS = {
    "shortterm": "short-term outcomes go in 'interim'",
    "mediumterm": "medium-term outcomes go in 'intermediate'",
    "longterm": "long-term outcomes go in 'ultimate'",
    "final": "final outcomes go in 'ultimate'",
    "resource": "did you mean 'inputs'?",
    "outcome": "outcomes go in 'interim', 'intermediate' or 'ultimate'",
}
_ELEMENT_KEYS = _FIELDS["contribution"] | _FIELDS["outcome"]
# The nesting in a loc of each kind: how many parts name the owner, e.g. ('inputs', 0).
_OWNER_PARTS = {
    "model": 0,
    "partnership": 1,
    "advice": 1,
    "partner": 2,
    "contribution": 2,
    "outcome": 2,
    "cost": 3,
    "benefit": 3,
    "ignored rule": 3,
    "indicator": 4,
    "comparator": 5,
    "benchmark": 5,
}
# The lists inside the partnership and advice: for each, the key that names an item, and its kind.
_LISTS_IN = {
    "partnership": {"costs": ("item", "cost"), "benefits": ("item", "benefit")},
    "advice": {"ignore": ("code", "ignored rule")},
}
# Pydantic names the member of a union in a loc: ('by', 'list[str]', 0).
_UNION_MEMBER = re.compile(r"str|int|float|bool|none|[a-z-]+\[.*\]")

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "float_type": "a number",
    "finite_number": "a finite number",
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


def _item(items: Any, index: str | int, key: str) -> tuple[str | None, int]:
    """Return the `key` (an id, a name) of items[index] if it is text, and its 1-based number."""
    item = items[index] if isinstance(items, list) and isinstance(index, int) else None
    name = item.get(key) if isinstance(item, dict) else None
    return (name if isinstance(name, str) else None), (index + 1 if isinstance(index, int) else 0)


def _owner(loc: tuple[str | int, ...], data: dict[str, Any]) -> tuple[str, str]:
    """Return (how messages name the thing a loc lies in, which kind of mapping it is)."""
    head = loc[0] if loc else ""
    if len(loc) < 2:
        return "", "model"  # a top-level key: the message needs no owner
    section = data.get(str(head))
    if head in _LISTS_IN:
        lists = _LISTS_IN[str(head)]
        if loc[1] in lists and len(loc) > 3 and isinstance(section, dict):
            key, kind = lists[str(loc[1])]
            name, number = _item(section.get(loc[1]), loc[2], key)
            return (f"{kind} {name!r}" if name else f"{kind} #{number}"), kind
        return str(head), str(head)
    ident, number = _item(section, loc[1], "id")
    # An id that is itself the fault would only repeat the fault in the name.
    named = ident is not None and loc[2:3] != ("id",)
    if head == "partners":
        return (f"partner {ident!r}" if named else f"partner #{number}"), "partner"
    try:
        stage = Stage(head)
    except ValueError:
        return "", "model"
    name = f"{stage.singular} {ident!r}" if named else f"{stage.singular} #{number}"
    if len(loc) > 3 and loc[2] == "indicators":
        name = f"{name}, indicator #{int(loc[3]) + 1}"
        if len(loc) > 5 and loc[4] in ("comparator", "benchmark"):
            return f"{name}, {loc[4]}", str(loc[4])
        return name, "indicator"
    return name, "outcome" if stage in OUTCOME_STAGES else "contribution"


def _choices(kind: str, key: str | int) -> str:
    """Return the values an enumerated field takes, as a message lists them."""
    field = _MODELS[kind].model_fields.get(str(key))
    annotation = field.annotation if field else None
    values: list[str] = []
    for option in (annotation, *typing.get_args(annotation)):
        if isinstance(option, type) and issubclass(option, Enum):
            values = [repr(member.value) for member in option]
        elif typing.get_origin(option) is typing.Literal:
            values = [repr(value) for value in typing.get_args(option)]
    if not values:
        return "one of the values the format allows"
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]


def _translate(error: ValidationError, data: dict[str, Any]) -> list[tuple[Path, str]]:
    """Return pydantic's errors as (path, message) pairs worded for a planner."""
    details = [(_without_union_members(detail["loc"]), detail) for detail in error.errors()]
    expected = _expected_by_place(details)
    faults: list[tuple[Path, str]] = []
    seen = _explained_elsewhere(details, data)
    for loc, detail in details:
        if loc in seen:
            continue
        seen.add(loc)
        owner, kind = _owner(loc, data)
        prefix = f"{owner}: " if owner else ""
        faults.append((loc, prefix + _message(loc, detail, kind, data, expected)))
    return faults


def _without_union_members(loc: Path) -> Path:
    """Return an error's place without the names pydantic gives a union's members."""
    return tuple(
        part for part in loc if not (isinstance(part, str) and _UNION_MEMBER.fullmatch(part))
    )


def _explained_elsewhere(
    details: list[tuple[Path, ErrorDetails]], data: dict[str, Any]
) -> set[Path]:
    """Return the places whose error another one already explains."""
    # A misspelt key shows up twice, as an unknown key and a missing one: say it once.
    missing = {loc for loc, d in details if d["type"] == "missing"}
    explained: set[Path] = set()
    for loc, detail in details:
        if detail["type"] == "extra_forbidden":
            owner, kind = _owner(loc, data)
            near = difflib.get_close_matches(str(loc[-1]), _FIELDS[kind], n=1, cutoff=0.6)
            if near and (*loc[:-1], near[0]) in missing:
                explained.add((*loc[:-1], near[0]))
            stray = _stray_element_key(loc, data)
            if stray is not None:
                explained.add((*stray[0], loc[-1]))
    return explained


def _expected_by_place(details: list[tuple[Path, ErrorDetails]]) -> dict[Path, list[str]]:
    """Return what each place would take, once per union member that refused it."""
    expected: dict[Path, list[str]] = {}
    for loc, detail in details:
        if detail["type"] in _EXPECTED:
            expected.setdefault(loc, []).append(_EXPECTED[detail["type"]])
    return expected


def _message(
    loc: Path,
    detail: ErrorDetails,
    kind: str,
    data: dict[str, Any],
    expected: dict[Path, list[str]],
) -> str:
    """Return one of pydantic's errors in a planner's words, without its owner."""
    inner = loc[_OWNER_PARTS.get(kind, 4) :]
    field = repr(".".join(str(part) for part in inner)) if inner else "it"
    key = inner[0] if inner else ""
    kind_of_error = detail["type"]
    value = detail.get("input")
    in_link = link_fault(inner, kind_of_error, value)
    if in_link is not None:
        return in_link
    if kind_of_error == "extra_forbidden":
        return _unknown_key(loc, kind, data)
    if kind_of_error == "missing":
        return f"missing {field}"
    if kind_of_error in ("enum", "literal_error"):
        return f"{field} is {_kind(value)}; expected {_choices(kind, key)}"
    if kind_of_error == "value_error":
        reason = str(detail["msg"]).removeprefix("Value error, ")
        return reason if key == "id" else f"{field} {reason}"
    if kind_of_error == "string_pattern_mismatch" or (
        kind_of_error == "string_too_short" and value == ""
    ):
        return f"{field} is empty: write the words it should show"
    if kind_of_error == "string_too_short":
        least = detail.get("ctx", {}).get("min_length", 1)
        return f"{field} must have at least {least} characters"
    if kind_of_error in _EXPECTED:
        words = list(dict.fromkeys(expected[loc]))
        if "a whole number" in words and {"a number", "a finite number"} & set(words):
            words.remove("a whole number")  # a whole number is a number: say the wider one
        either = " or ".join(words)
        return f"{field} must be {either}, not {_kind(value)}{_shape_hint(value)}"
    return f"{field} is not valid here ({detail['msg']})"


def _shape_hint(value: Any) -> str:
    """Return advice for a value that a missing space made into the wrong shape."""
    if isinstance(value, dict):
        squeezed = next((k for k in value if isinstance(k, str) and k[:1] == "-"), None)
        if squeezed:
            return f": put a space after the '-' of {squeezed!r}"
    if isinstance(value, str) and re.fullmatch(r"[^\s:]+:\S.*", value):
        return ": put a space after the colon"
    return ""


def _stray_element_key(
    loc: tuple[str | int, ...], data: dict[str, Any]
) -> tuple[tuple[str, int], str] | None:
    """Return the element above a top-level key that belongs to an element, and its name.

    `label:` at the left margin is a key of the element above it, indented too little.
    """
    if len(loc) != 1 or loc[0] not in _ELEMENT_KEYS:
        return None
    keys = list(data)
    position = keys.index(loc[0]) if loc[0] in keys else 0
    above = keys[position - 1] if position else None
    items = data.get(above) if above else None
    if not isinstance(items, list) or not items or not isinstance(items[-1], dict):
        return None
    try:
        stage = Stage(above)
    except ValueError:
        return None
    ident, number = _item(items, len(items) - 1, "id")
    name = f"{stage.singular} {ident!r}" if ident else f"{stage.singular} #{number}"
    return (stage.value, len(items) - 1), name


def _unknown_key(loc: tuple[str | int, ...], kind: str, data: dict[str, Any]) -> str:
    """Return the message for a key that does not belong where it is."""
    key = str(loc[-1])
    if kind != "model":
        return f"unknown key {key!r}{_unknown_key_hint(key, kind)}"
    stray = _stray_element_key(loc, data)
    if stray is not None:
        return (
            f"{key!r} is not a section: indent it to line up with the other keys of "
            f"{stray[1]} above"
        )
    if key in ("focus", "vision", "lead", "type"):
        return f"unknown key {key!r}: put {key!r} under 'partnership'"
    # `Short-term outcomes`, `Interim Outcomes`, `output`: the letters, singular, no "outcome".
    plain = re.sub(r"[^a-z]", "", key.lower()).removesuffix("s")
    plain = plain.removesuffix("outcome") or plain
    if plain in _SECTION_WORDS:
        near = f" ({_SECTION_WORDS[plain]})"
    elif plain in SECTIONS or plain + "s" in SECTIONS:
        near = f" (did you mean {plain if plain in SECTIONS else plain + 's'!r}?)"
    else:
        near = did_you_mean(key, SECTIONS)
    return f"unknown section {key!r}{near}; the sections are {', '.join(SECTIONS)}"


def _unknown_key_hint(key: str, kind: str) -> str:
    """Return advice for a key that does not belong: a near spelling or where it does belong."""
    if kind == "outcome" and key in ("by", "collaborative", "enhances"):
        return ": an outcome takes its colour from what feeds it; give 'by' on its contributions"
    if kind == "contribution" and key in ("gain", "evidence"):
        return f": {key!r} belongs on an outcome"
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
