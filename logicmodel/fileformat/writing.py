"""Write YAML: the one writer of the file format's text, from a scalar to a whole model.

Values are written so that the loader reads them back as they were (YAML 1.2, as the loader
reads it), and so that YAML 1.1 readers do not take `no` or `on` for booleans. The editing
layer splices these scalars into a person's file; `generate_yaml` writes a whole file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from logicmodel.fileformat.yaml_parsing import plain_scalar

__all__ = [
    "block_scalar",
    "double_quoted",
    "generate_yaml",
    "plain_ok",
    "yaml_scalar",
    "yaml_value",
]

_YAML_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# YAML 1.1 readers (and people) take these as true and false; quote them for everyone's sake.
_YAML11_WORDS = frozenset(
    "y Y yes Yes YES n N no No NO on On ON off Off OFF true True TRUE false False FALSE".split()
)


def _printable(char: str) -> bool:
    """Return whether YAML allows a character as it is in quoted text (c-printable, no break)."""
    code = ord(char)
    # NEL (0x85) and the Unicode line and paragraph separators break lines in YAML 1.1.
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ) and code not in (0x2028, 0x2029, 0xFEFF)


def plain_ok(value: str, *, flow: bool) -> bool:
    """Return whether text can be written as a plain YAML scalar and read back as the same text."""
    if not value or value != value.strip() or value[0] in _YAML_INDICATORS:
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if flow and any(c in value for c in ",[]{}"):
        return False
    if not all(_printable(c) for c in value):
        return False
    if value in _YAML11_WORDS or value.startswith(("---", "...")):
        return False
    return isinstance(plain_scalar(value), str)


def double_quoted(value: str) -> str:
    """Return text as a YAML double-quoted scalar."""
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
    out = []
    for char in value:
        if char in escapes:
            out.append(escapes[char])
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def yaml_scalar(value: str, *, flow: bool, style: str = "") -> str:
    """Return text as a YAML scalar: in `style` if it holds it, plain when safe, else quoted."""
    simple = all(_printable(c) for c in value)
    if style == '"' or not simple:
        return double_quoted(value)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if plain_ok(value, flow=flow):
        return value
    if "'" in value and '"' not in value and "\\" not in value:
        return double_quoted(value)
    return "'" + value.replace("'", "''") + "'"


def yaml_value(value: Any, *, flow: bool) -> str:
    """Return a scalar or a list of scalars as YAML on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(item, flow=True) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{yaml_scalar(str(k), flow=True)}: {yaml_value(v, flow=True)}"
                for k, v in value.items()
            )
            + "}"
        )
    return yaml_scalar(str(value), flow=flow)


def block_scalar(value: str, indicator: str, indent: str, newline: str) -> str | None:
    """Return text as a literal or folded block scalar (header, then lines at `indent`), or
    None when that style cannot hold it exactly."""
    if not value or not all(_printable(c) or c == "\n" for c in value):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    lines = body.split("\n")
    if any(line != line.strip(" \t") and line.strip() for line in lines) or not lines[0].strip():
        return None  # leading or trailing spaces need indentation indicators: quote instead
    if indicator == ">" and len(lines) > 1:
        indicator = "|"  # folding would join the lines
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    out = [indicator + chomp]
    out += [indent + line if line else "" for line in lines]
    text = newline.join(out)
    if trailing > 1:
        text += newline * (trailing - 1)
    return text


def generate_yaml(data: Mapping[str, Any], *, indent_lists: bool = True) -> str:
    """Return plain data as block YAML, keys in the data's order: a mapping a key a line, a
    list of mappings as '- ' items (indented under their key, or flush with it), any other
    list on one line."""
    return "".join(line + "\n" for line in _mapping_lines(data, "", indent_lists))


def _mapping_lines(mapping: Mapping[Any, Any], indent: str, indent_lists: bool) -> Iterator[str]:
    """Yield the lines of a block mapping at `indent`."""
    for key, value in mapping.items():
        head = f"{indent}{yaml_scalar(str(key), flow=False)}:"
        if isinstance(value, Mapping) and value:
            yield head
            yield from _mapping_lines(value, indent + "  ", indent_lists)
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            yield head
            items = indent + "  " if indent_lists else indent
            for item in value:
                yield from _item_lines(item, items, indent_lists)
        else:
            yield f"{head} {yaml_value(value, flow=False)}"


def _item_lines(item: Any, indent: str, indent_lists: bool) -> Iterator[str]:
    """Yield the lines of one '- ' item of a block list at `indent`."""
    if isinstance(item, Mapping) and item:
        lines = list(_mapping_lines(item, indent + "  ", indent_lists))
        yield f"{indent}- {lines[0][len(indent) + 2 :]}"
        yield from lines[1:]
    else:
        yield f"{indent}- {yaml_value(item, flow=False)}"
