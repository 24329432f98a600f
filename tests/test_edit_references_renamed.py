"""Renaming or removing an id reaches every place the file names it: a partner in the lead, the
costs and benefits and each element's `by` and `lead`; an element in links and benefits."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from logicmodel.editing.layer import Draft, EditError

from .test_advice import GOOD


def _named_everywhere(partner: str) -> dict[str, Any]:
    """Return the sample model with `partner` named in every place a partner can be."""
    data = copy.deepcopy(GOOD)
    data["partners"].append({"id": "health", "name": "Health"})
    data["partnership"]["lead"] = partner
    data["partnership"]["costs"][0]["by"] = partner
    data["partnership"]["benefits"][0]["by"] = ["police", partner]
    data["activities"][0]["by"] = ["council", "police", partner]
    data["activities"][0]["lead"] = partner
    data["activities"].append({"id": "all", "label": "All", "by": "all", "leads_to": ["trust"]})
    return data


def _draft(data: dict[str, Any]) -> Draft:
    return Draft.from_text(yaml.safe_dump(data, sort_keys=False), name="m.yaml")


def test_renaming_a_partner_renames_it_in_every_place() -> None:
    draft = _draft(_named_everywhere("health")).rename_partner("health", "nhs")
    data = yaml.safe_load(draft.text)
    assert "health" not in draft.text.replace("name: Health", "")
    assert data["partners"][-1]["id"] == "nhs"
    assert data["partnership"]["lead"] == "nhs"
    assert data["partnership"]["costs"][0]["by"] == "nhs"
    assert data["partnership"]["benefits"][0]["by"] == ["police", "nhs"]
    patrols = data["activities"][0]
    assert (patrols["by"], patrols["lead"]) == (["council", "police", "nhs"], "nhs")
    assert data["activities"][-1]["by"] == "all"
    assert draft.changes == ["renamed partner 'health' to 'nhs' (6 places)"]


def test_removing_a_named_partner_is_refused_naming_each_place() -> None:
    draft = _draft(_named_everywhere("health"))
    with pytest.raises(EditError) as refused:
        draft.remove_partner("health")
    assert str(refused.value) == (
        "m.yaml: partner 'health' is named in the partnership's lead, a cost (by), "
        "a cost (by), 'patrols' (by), 'patrols' (lead): use --force to drop it from each"
    )
    assert not draft.changed


def test_removing_a_partner_by_force_drops_it_from_each_place() -> None:
    draft = _draft(_named_everywhere("health")).remove_partner("health", force=True)
    data = yaml.safe_load(draft.text)
    assert "health" not in draft.text.lower()
    assert data["partnership"]["benefits"][0]["by"] == ["police"]
    assert data["activities"][0]["by"] == ["council", "police"]
    assert "lead" not in data["activities"][0]


def test_renaming_an_outcome_renames_its_links_and_benefits() -> None:
    draft = _draft(_named_everywhere("health")).rename("safer", "calmer")
    for data in (yaml.safe_load(draft.text), draft.data):  # the file, and the model it holds
        assert data["interim"][0]["id"] == "calmer"
        assert data["activities"][0]["leads_to"] == ["calmer"]
        assert data["partnership"]["benefits"][0]["outcome"] == "calmer"
    assert "safer" not in draft.text


def test_removing_an_outcome_relinks_in_the_place_it_held() -> None:
    draft = _draft(GOOD).link("tasking", "safer").link("tasking", "town")
    draft.remove("safer", relink=True)
    for data in (yaml.safe_load(draft.text), draft.data):
        assert data["activities"][1]["leads_to"] == ["trust", "confidence", "town"]


def test_removing_a_linked_outcome_names_each_link() -> None:
    with pytest.raises(EditError, match=r"'tasking' \(leads_to\), 'all' \(leads_to\)"):
        _draft(_named_everywhere("health")).remove("trust")
