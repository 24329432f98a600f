"""Pydantic classes of an outcomes framework file: a versioned list of national outcomes.

A framework is data, not code: Scotland's 2007 National Performance Framework ships with the
package (`frameworks/scotland-npf-2007.yaml`), later versions and other frameworks (a council's
LOIP priorities, another country's outcomes) are files of the same shape. A logic model names
one in `partnership.framework`; its outcomes name the framework's outcomes in `contributes_to`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The same plain token as a logic model's ids: framework ids appear in the same places.
from logicmodel.models import check_id

FRAMEWORK_FORMAT = 1
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]


class NationalOutcome(BaseModel):
    """One outcome of a framework, e.g. 'We live our lives safe from crime, disorder and danger.'"""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(description="What a model's `contributes_to` names it by.")
    text: Text = Field(description="The outcome as the framework words it.")
    indicators: list[Text] = Field(
        default_factory=list, description="The framework's indicators for it, if it lists them."
    )

    _valid_id = field_validator("id")(check_id)


class Framework(BaseModel):
    """An outcomes framework: its id and version, where its text comes from, its outcomes."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    framework: Literal[1] = Field(description="Framework file format version.")
    id: str = Field(description="How a model names it, e.g. scotland-npf-2007.")
    title: Text
    version: Text = Field(description="Which version of the framework, e.g. 2007.")
    source: Text = Field(description="Where its text comes from.")
    notes: str | None = None
    outcomes: list[NationalOutcome] = Field(min_length=1)

    _valid_id = field_validator("id")(check_id)

    def outcome_ids(self) -> list[str]:
        """Return the outcomes' ids in the framework's order."""
        return [outcome.id for outcome in self.outcomes]

    def outcome(self, ident: str) -> NationalOutcome | None:
        """Return the outcome with an id, or None."""
        return next((o for o in self.outcomes if o.id == ident), None)

    def number(self, ident: str) -> int:
        """Return an outcome's place in the framework, 1 for the first (0 when unknown)."""
        ids = self.outcome_ids()
        return ids.index(ident) + 1 if ident in ids else 0


__all__ = ["FRAMEWORK_FORMAT", "Framework", "NationalOutcome"]
