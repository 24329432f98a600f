"""What a link rests on: its mechanism, assumptions, evidence, confidence, channel and effect.

A `leads_to` or `enhances` entry is an id, or an object naming the id (`to`) with any of these
facts. Every reader of a model sees the links as lists of ids; an element keeps the facts of
its stated links apart, by target (`Element.link_facts`), and the file format writes them back
as objects.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails


class Evidence(str, Enum):
    """How far a claimed gain, benefit or link is established, from planned to verified."""

    PLANNED = "planned"
    EXPECTED = "expected"
    REPORTED = "reported"
    MEASURED = "measured"
    VERIFIED = "verified"

    @property
    def rank(self) -> int:
        """Return the level's place, 0 for planned to 4 for verified."""
        return list(Evidence).index(self)


class Stance(str, Enum):
    """What the evidence says of the link: it holds, it does not, or both."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    MIXED = "mixed"


class Confidence(str, Enum):
    """How sure the partnership is that the link works as stated."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Channel(str, Enum):
    """How joint work enhances a partner's own: the four ways of the report's Figure 1."""

    WIDER_PERSPECTIVES = "wider-perspectives"
    ADDITIONAL_INTELLIGENCE = "additional-intelligence"
    ADDITIONAL_RESOURCES = "additional-resources"
    COMPLEMENTARY_ACTIVITIES = "complementary-activities"


class Effect(str, Enum):
    """Which way a link works on its target: for it (as every plain link does) or against it."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


def one_text_or_many(value: Any) -> Any:
    """Accept one text where a list of texts is expected, and nothing as none."""
    if value is None:
        return []
    return [value] if isinstance(value, (str, int, float)) else value


def level_alone(value: Any) -> Any:
    """Accept `evidence: reported` as short for `evidence: {level: reported}`."""
    return {"level": value} if isinstance(value, str) else value


Words = Annotated[str, Field(min_length=1, pattern=r"\S")]
Texts = Annotated[list[Words], BeforeValidator(one_text_or_many)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class LinkEvidence(_Strict):
    """The evidence for one link: how strong, which way it points, and where it is."""

    level: Evidence = Field(description="How far the link is established: planned ... verified.")
    stance: Stance = Field(
        Stance.SUPPORTS, description="What the evidence says: supports, refutes or mixed."
    )
    source: str | None = Field(None, description="Where the evidence is: a report, a page.")


class LinkFacts(_Strict):
    """A link stated as an object: its target and what it rests on."""

    to: str = Field(description="Id of the element the link goes to.")
    because: str | None = Field(None, description="The mechanism: why the link works.")
    assumptions: Texts = Field(
        default_factory=list, description="What must hold for the link to work."
    )
    external_factors: Texts = Field(
        default_factory=list, description="Other things that could explain the change."
    )
    evidence: Annotated[LinkEvidence | None, BeforeValidator(level_alone)] = None
    confidence: Confidence | None = Field(None, description="How sure: low, medium or high.")
    channel: Channel | None = Field(
        None, description="How joint work enhances a partner's own (enhances links only)."
    )
    effect: Effect | None = Field(
        None, description="negative: the link works against its target (no support)."
    )

    @property
    def negative(self) -> bool:
        """Return True for a link that works against its target."""
        return self.effect is Effect.NEGATIVE

    def at_least(self, level: Evidence) -> bool:
        """Return True when evidence at `level` or above supports the link (not refutes it)."""
        found = self.evidence
        return (
            found is not None
            and found.stance is Stance.SUPPORTS
            and found.level.rank >= (level.rank)
        )

    def as_entry(self) -> dict[str, Any]:
        """Return the link as the file writes it: the object, without what it leaves unsaid."""
        written: dict[str, Any] = self.model_dump(mode="json", exclude_defaults=True)
        return written


# The facts' closed vocabularies, field by field: the one list every check and form reads.
LINK_CHOICES: dict[str, tuple[str, ...]] = {
    "level": tuple(e.value for e in Evidence),
    "stance": tuple(e.value for e in Stance),
    "confidence": tuple(e.value for e in Confidence),
    "channel": tuple(e.value for e in Channel),
    "effect": tuple(e.value for e in Effect),
}
LINK_FIELDS = ("leads_to", "enhances")


# A link's facts as one flat row (the workbook's Links sheet): the object's fields in order,
# its evidence's fields in place of `evidence` (the level keeps the name, the source is
# `evidence_source`). Lists of texts sit one a line in their cell.
EVIDENCE_COLUMNS = {"level": "evidence", "stance": "stance", "source": "evidence_source"}
LINK_FACT_COLUMNS = tuple(
    column
    for name in LinkFacts.model_fields
    if name != "to"
    for column in (EVIDENCE_COLUMNS.values() if name == "evidence" else (name,))
)
# Where each column's value sits in a link's object, from the object (for located errors).
COLUMN_PLACES: dict[str, tuple[str, ...]] = {c: (c,) for c in LINK_FACT_COLUMNS} | {
    column: ("evidence", name) for name, column in EVIDENCE_COLUMNS.items()
}
LINES = "\n"


def link_target(entry: Any) -> Any:
    """Return the id a links entry names: the id itself, or a link object's `to`."""
    return entry.get("to") if isinstance(entry, dict) else entry


def flat_link(facts: LinkFacts) -> dict[str, str]:
    """Return a stated link's facts as one row's cells, by LINK_FACT_COLUMNS."""
    written = facts.as_entry()
    cells: dict[str, str] = {}
    for name, value in written.items():
        if name == "evidence":
            cells |= {EVIDENCE_COLUMNS[k]: str(v) for k, v in value.items()}
        elif isinstance(value, list):
            cells[name] = LINES.join(value)
        elif name != "to":
            cells[name] = str(value)
    return cells


def link_from_cells(target: str, cells: dict[str, Any]) -> dict[str, Any]:
    """Return a link's object from one row's cells (None where a cell is blank)."""
    entry: dict[str, Any] = {"to": target}
    evidence = {k: cells[c] for k, c in EVIDENCE_COLUMNS.items() if cells.get(c) is not None}
    for name in LinkFacts.model_fields:
        value = cells.get(name)
        if name == "evidence" and evidence:
            entry[name] = evidence
        elif name in ("assumptions", "external_factors") and value is not None:
            entry[name] = [line.strip() for line in str(value).split(LINES) if line.strip()]
        elif name not in ("to", "evidence") and value is not None:
            entry[name] = value
    return entry


def ids_or_links(value: Any) -> Any:
    """Accept one id (or one link object) where a list of links is expected, nothing as none."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, dict) and "to" in value:
        return [value]
    return value


def split_links(data: Any) -> tuple[Any, dict[str, Any], list[InitErrorDetails]]:
    """Return an element's data with its links as ids, the stated links' facts by target, and
    the faults found in them (located from the element)."""
    if not isinstance(data, dict) or not any(
        isinstance(e, dict) for kind in LINK_FIELDS for e in _listed(data.get(kind))
    ):
        return data, {}, []
    data = dict(data)
    facts: dict[str, LinkFacts] = {}
    faults: list[InitErrorDetails] = []
    for kind in LINK_FIELDS:
        value = data.get(kind)
        # A mapping with no `to` is no link: the list of ids it stands for is the fault.
        if not isinstance(value, (list, dict)) or (isinstance(value, dict) and "to" not in value):
            continue
        entries = _listed(value)
        # An entry without its `to` is said once, as missing its target, not again as no id.
        data[kind] = [e["to"] if isinstance(e, dict) else e for e in entries if _id_or_to(e)]
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            try:
                stated = LinkFacts.model_validate(entry)
            except ValidationError as error:
                faults += [
                    InitErrorDetails(
                        type=detail["type"],
                        loc=(kind, position, *detail["loc"]),
                        input=detail["input"],
                        ctx=detail.get("ctx", {}),
                    )
                    for detail in error.errors()
                ]
                continue
            facts[stated.to] = stated
    return data, facts, faults


def _id_or_to(entry: Any) -> bool:
    """Return False for a link object that does not name its target."""
    return not isinstance(entry, dict) or "to" in entry


def _listed(value: Any) -> list[Any]:
    """Return a links value as a list of entries."""
    listed = ids_or_links(value)
    return listed if isinstance(listed, list) else []


def merge_links(written: dict[str, Any], facts: dict[str, LinkFacts]) -> dict[str, Any]:
    """Return an element as the file writes it: each stated link as its object."""
    for kind in LINK_FIELDS:
        entries = written.get(kind)
        if isinstance(entries, list):
            written[kind] = [facts[t].as_entry() if t in facts else t for t in entries]
    return written


__all__ = [
    "EVIDENCE_COLUMNS",
    "COLUMN_PLACES",
    "link_target",
    "LINK_FACT_COLUMNS",
    "flat_link",
    "link_from_cells",
    "LINK_CHOICES",
    "LINK_FIELDS",
    "Channel",
    "Confidence",
    "Effect",
    "Evidence",
    "LinkEvidence",
    "LinkFacts",
    "Stance",
    "ids_or_links",
    "level_alone",
    "one_text_or_many",
    "merge_links",
    "split_links",
]
