"""Parse YAML and JSON text into plain data, keeping a way back to each value's line and column.

The face of the parsing modules: `documents` (positions, errors, limits), `yaml_parsing`
(data from parser events), `yaml_errors` (parser errors in our words), `json_parsing`.
"""

from __future__ import annotations

from typing import Any

from logicmodel.fileformat.documents import (
    MAX_ALIAS_EXPANSION,
    MAX_ALIAS_TEXT,
    MAX_DEPTH,
    Document,
    LineIndex,
    Locate,
    Path,
    SyntaxProblem,
    line_col,
    locator,
)
from logicmodel.fileformat.json_parsing import parse_json
from logicmodel.fileformat.yaml_parsing import (
    ParserDepthLimit,
    build_yaml,
    plain_scalar,
    too_deep,
    yaml_offsets,
)

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_ALIAS_TEXT",
    "MAX_DEPTH",
    "Document",
    "LineIndex",
    "Locate",
    "Path",
    "SyntaxProblem",
    "line_col",
    "parse_json",
    "parse_yaml",
    "plain_scalar",
    "yaml_loader",
]


def yaml_loader() -> type[Any]:
    """Return PyYAML's safe loader on libyaml (CSafeLoader), or its pure-Python one without it.

    PyYAML built without libyaml (from source, on a platform without a wheel) has only the
    pure-Python parser. Both give the same events for a valid file; their errors differ in
    wording, position and limits, which is why every error is put in our own words.
    """
    import yaml  # loaded only for YAML files: JSON models start faster

    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def parse_yaml(text: str) -> Document:
    """Parse YAML text into a Document; raise SyntaxProblem with a position on any fault."""
    # Looked up here, at call time, so that tests can put the pure-Python parser in its place.
    loader = yaml_loader()
    try:
        data = build_yaml(text, loader)
    except ParserDepthLimit as limit:
        raise too_deep(text, limit) from None
    return Document(data, locator(lambda: yaml_offsets(text, loader), lambda position: position))
