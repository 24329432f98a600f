"""Partners as people name them: a misspelt partner id is often the partner's short name or
name (`NHS` for `nhs-greater-clyde`), in any case; the did-you-mean says which id is meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from logicmodel.models import Partner

__all__ = ["named_partner"]


def named_partner(name: str, partners: Iterable[Partner]) -> str:
    """Return ' (did you mean 'x', the id of Name?)' when `name` is a partner's id, short name
    or name in another case, or near one of its names and near no id; '' otherwise.

    >>> named_partner("NHS", [Partner(id="nhs-gc", name="NHS Greater Clyde", short="NHS")])
    " (did you mean 'nhs-gc', the id of NHS Greater Clyde?)"
    """
    known = list(partners)
    folded = name.strip().casefold()
    words = {
        word.casefold(): partner
        for partner in known
        for word in (partner.id, partner.name, partner.short)
        if word
    }
    found = words.get(folded)
    ids = [partner.id for partner in known]
    if found is None and not difflib.get_close_matches(name, ids, n=1, cutoff=0.6):
        # Near a name, and near no id (the plain did-you-mean is for a misspelt id).
        close = difflib.get_close_matches(folded, list(words), n=1, cutoff=0.8)
        found = words[close[0]] if close else None
    if found is None or found.id == name:
        return ""
    return f" (did you mean {found.id!r}, the id of {found.name}?)"
