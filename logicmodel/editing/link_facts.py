"""What a link rests on, through the editing layer: a link's object built from the facts given,
and its place in the file's data and text."""

from __future__ import annotations

from collections.abc import Mapping as AnyMapping
from typing import Any

from logicmodel.editing.errors import EditError
from logicmodel.editing.patch import Patcher
from logicmodel.editing.references import entry_id
from logicmodel.editing.spans import Mapping, Sequence, Unsupported, resolve, scalar_text
from logicmodel.fileformat.rules import verify_link_choice
from logicmodel.models.links import LinkEvidence, LinkFacts

# The facts `link` takes, as keyword arguments: a link's own fields, and the evidence's fields
# by names of their own (`evidence` is the level, as `evidence: reported` writes it).
EVIDENCE_FACTS = {"evidence": "level", "stance": "stance", "evidence_source": "source"}
LINK_FACT_NAMES = (
    "because",
    "assumptions",
    "external_factors",
    *EVIDENCE_FACTS,
    "confidence",
    "channel",
    "effect",
)
_CHOSEN = {"evidence": "level", "stance": "stance", "confidence": "confidence"}
_CHOSEN |= {"channel": "channel", "effect": "effect"}


def link_entry(name: str, current: Any, target: str, facts: AnyMapping[str, Any]) -> dict[str, Any]:
    """Return a link's object: `facts` set over what the link states already.

    A fact given as None is left as it is; an empty list clears assumptions or external
    factors. A value outside a fact's choices is refused, naming the choices.
    """
    unknown = [key for key in facts if key not in LINK_FACT_NAMES]
    if unknown:
        raise EditError(f"{name}: a link has no fact {unknown[0]!r}")
    entry: dict[str, Any] = dict(current) if isinstance(current, dict) else {"to": target}
    found = entry.get("evidence")
    evidence = dict(found) if isinstance(found, dict) else {"level": found} if found else {}
    for key, value in facts.items():
        if value is None:
            continue
        if key in _CHOSEN:
            try:
                verify_link_choice(_CHOSEN[key], str(value))
            except ValueError as why:
                raise EditError(f"{name}: {why}") from None
        if key in EVIDENCE_FACTS:
            evidence[EVIDENCE_FACTS[key]] = str(value)
        elif key in ("assumptions", "external_factors"):
            entry[key] = [str(item) for item in value]
            if not entry[key]:
                del entry[key]
        else:
            entry[key] = str(value)
    if evidence:
        if "level" not in evidence:
            raise EditError(f"{name}: evidence needs its level: give --evidence LEVEL too")
        entry["evidence"] = {k: evidence[k] for k in LinkEvidence.model_fields if k in evidence}
    return {k: entry[k] for k in [*LinkFacts.model_fields, *entry] if k in entry}


def entry_position(entries: Any, target: str) -> int | None:
    """Return the place of the link to `target` in a list of links, or None."""
    if not isinstance(entries, list):
        return None
    found = [entry_id(item) for item in entries]
    return found.index(target) if target in found else None


def state_in_data(element: dict[str, Any], kind: str, target: str, entry: dict[str, Any]) -> None:
    """Put a link's object in place of its entry in an element's data."""
    entries = element.get(kind)
    if not isinstance(entries, list):
        entries = element[kind] = [entries] if entries is not None else []
    at = entry_position(entries, target)
    if at is None:
        entries.append(entry)
    else:
        entries[at] = entry


def state_in_text(patcher: Patcher, element: Mapping, kind: str, target: str, entry: Any) -> None:
    """Put a link's object in place of its entry in the text, or raise Unsupported."""
    node = resolve(element.get(kind))
    if not isinstance(node, Sequence):
        raise Unsupported(f"'{kind}' written as one id, not a list")
    for item in node.items:
        written = resolve(item)
        ident = (
            scalar_text(written.get("to")) if isinstance(written, Mapping) else scalar_text(item)
        )
        if ident == target:
            patcher.replace(item, entry)
            return
    raise Unsupported(f"the link to {target!r} is not written as an id in '{kind}'")


def drop_stated(
    patcher: Patcher, element: Mapping, kind: str, target: str, replace: list[str]
) -> bool:
    """Take a link the text writes as an object out of its list, with its own comments; return
    False where the link is a plain id (the splicer's list edit takes it out)."""
    node = resolve(element.get(kind))
    if isinstance(node, Mapping) and scalar_text(node.get("to")) == target:
        raise Unsupported(f"'{kind}' written as one link object, not a list")
    if not isinstance(node, Sequence):
        return False
    for index, item in enumerate(node.items):
        written = resolve(item)
        if isinstance(written, Mapping) and scalar_text(written.get("to")) == target:
            if replace:
                raise Unsupported(f"the link to {target!r} is written as an object")
            at = element.index(kind)
            patcher.delete_item(node, index, None if at is None else element.keys[at])
            return True
    return False


__all__ = [
    "EVIDENCE_FACTS",
    "LINK_FACT_NAMES",
    "entry_position",
    "link_entry",
    "state_in_data",
    "state_in_text",
    "drop_stated",
]
