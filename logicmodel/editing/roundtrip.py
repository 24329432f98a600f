"""An edit made through ruamel.yaml's round trip, for a layout the text splicer cannot change
in place: used only when the round trip reproduces the rest of the file exactly."""

from __future__ import annotations

import io
import re
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


# An anchor or alias name as YAML writes it: & or * and then no space, comma or bracket.
_ANCHOR = re.compile(r"(?<![\w&*])&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"(?<![\w&*])\*([^\s,\[\]{}]+)")


def orphaned_aliases(before: str, after: str) -> list[str]:
    r"""Return the anchors an edit took away while an alias in the new text still names them.

    The splicer removes an element's text whole; an anchor defined inside it (`&source`)
    would leave every later `*source` dangling, so such an edit goes to the round trip,
    which writes the anchor where the value is next used.

    >>> orphaned_aliases("a: &x 1\nb: *x\n", "b: *x\n")
    ['x']
    >>> orphaned_aliases("a: &x 1\nb: *x\n", "a: &x 2\nb: *x\n")
    []
    """
    kept = set(_ANCHOR.findall(after))
    gone = set(_ANCHOR.findall(before)) - kept
    return sorted(gone & set(_ALIAS.findall(after)))


__all__ = ["orphaned_aliases", "round_trip"]
