"""An edit made through ruamel.yaml's round trip, for a layout the text splicer cannot change
in place: used only when the round trip reproduces the rest of the file exactly."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from logicmodel.editing.errors import EditError
from logicmodel.editing.patch import Patcher
from logicmodel.editing.spans import Tree, parse_tree


def round_trip(tree: Tree, change: Callable[[Any], None], refuse: str, *, removes: bool) -> str:
    """Return a YAML file's text with `change` made on ruamel.yaml's data.

    Raise EditError(refuse) where the round trip would change the file elsewhere (its layout,
    mixed line endings) or, unless the edit `removes` something, lose a comment.
    """
    from ruamel.yaml import YAML

    text = tree.text
    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n")
    if crlf and "\n" in text.replace("\r\n", ""):
        raise EditError(refuse)  # mixed line endings
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16
    mapping, dash, key = Patcher(tree).layout()
    yaml.indent(mapping=mapping, sequence=dash + key, offset=dash)

    def dump(value: Any) -> str:
        out = io.StringIO()
        yaml.dump(value, out)
        return out.getvalue()

    try:
        data = yaml.load(plain)
        if dump(data) != plain:
            raise EditError(refuse)
        change(data)
        result = dump(data)
    except EditError:
        raise
    except Exception as error:  # noqa: BLE001 - ruamel.yaml's many error types
        raise EditError(f"{refuse} ({error})") from None
    if not removes:
        before = [c for _, c in tree.comments()]
        after = iter(c for _, c in parse_tree(result, "yaml").comments())
        if not all(any(c == a for a in after) for c in before):
            raise EditError(refuse.replace("change its layout", "lose a comment"))
    return result.replace("\n", "\r\n") if crlf else result


__all__ = ["round_trip"]
