"""Pydantic classes of the logic-model file format: pure data, no graph or drawing code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from logicmodel.models.categories import CATEGORY_IDS
from logicmodel.models.links import Evidence, LinkFacts, ids_or_links, merge_links, split_links
from logicmodel.models.questions import QUESTION_IDS, AnswerWord, PartnershipStage, verify_question
from logicmodel.models.vocabulary import (
    ADD_FORM,
    ADD_PARTNER_FORM,
    ELEMENT_FORM,
    PARTNER_FORM,
    Cells,
    Meta,
    Not,
    Value,
)

if TYPE_CHECKING:
    # Pydantic 2.6, the floor, has no such name: only the type checker reads it.
    from pydantic import ModelWrapValidatorHandler

FORMAT_VERSION = 1
ALL_PARTNERS = "all"
T = TypeVar("T")

# Ids appear in DOT, Mermaid, CSV and URLs later on, so keep them to one plain token.
_ID_PATTERN = re.compile(r"[^\W_][\w.-]*")


class Stage(str, Enum):
    """A column of the logic model, in the order the diagram reads."""

    INPUTS = "inputs"
    ACTIVITIES = "activities"
    OUTPUTS = "outputs"
    INTERIM = "interim"
    INTERMEDIATE = "intermediate"
    ULTIMATE = "ultimate"

    @property
    def order(self) -> int:
        """Return the position of the stage, 0 for inputs to 5 for ultimate outcomes."""
        return _STAGE_ORDER.index(self)

    @property
    def is_outcome(self) -> bool:
        """Return True for the three outcome stages."""
        return self in _OUTCOMES

    @property
    def singular(self) -> str:
        """Return the noun for one element of this stage, as used in messages."""
        return _SINGULAR[self]

    @property
    def heading(self) -> str:
        """Return the stage's heading, e.g. "Interim outcomes"."""
        return self.value.capitalize() + (" outcomes" if self.is_outcome else "")


_STAGE_ORDER = list(Stage)
_OUTCOMES = frozenset(_STAGE_ORDER[3:])
_SINGULAR = {
    Stage.INPUTS: "input",
    Stage.ACTIVITIES: "activity",
    Stage.OUTPUTS: "output",
    Stage.INTERIM: "interim outcome",
    Stage.INTERMEDIATE: "intermediate outcome",
    Stage.ULTIMATE: "ultimate outcome",
}
CONTRIBUTION_STAGES = (Stage.INPUTS, Stage.ACTIVITIES, Stage.OUTPUTS)
OUTCOME_STAGES = (Stage.INTERIM, Stage.INTERMEDIATE, Stage.ULTIMATE)


class TraceClass(str, Enum):
    """How an outcome is supported: by partners alone, by collaboration, by both, or not at all."""

    SINGLE_AGENCY = "single-agency"
    COLLABORATIVE_GAIN = "collaborative-gain"
    COLLABORATION_ONLY = "collaboration-only"
    UNSUPPORTED = "unsupported"


class Better(str, Enum):
    """Which way an indicator improves: up (more young people in work) or down (fewer NEET)."""

    HIGHER = "higher"
    LOWER = "lower"


class PartnershipType(str, Enum):
    """How formal the partnership is, from the masterclass's informal-to-formal scale."""

    INFORMAL = "informal"
    STRATEGIC = "strategic"
    STATUTORY = "statutory"
    SERVICE_DELIVERY = "service-delivery"


def one_or_many(value: Any) -> Any:
    """Accept one id where a list of ids is expected (`leads_to: build`), and nothing as none.

    An id may be written as a number (`leads_to: 2007`): numbers are read as text throughout.
    """
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


def error_details(error: ValidationError) -> list[Any]:
    """Return a validation error's faults in the form that builds a new one."""
    return [
        {"type": d["type"], "loc": d["loc"], "input": d["input"], "ctx": d.get("ctx", {})}
        for d in error.errors()
    ]


def none_as_empty_list(value: Any) -> Any:
    """Read a list written with nothing under it (`ultimate:`) as an empty list."""
    return [] if value is None else value


def none_as_empty_mapping(value: Any) -> Any:
    """Read a mapping written with nothing under it (`partnership:`) as an empty mapping."""
    return {} if value is None else value


IdList = Annotated[list[str], BeforeValidator(one_or_many)]
# `leads_to` and `enhances`: ids, each of which may be written as an object stating the link
# (models/links.py); the element keeps those facts apart, so every reader sees ids.
LinkList = Annotated[list[str], BeforeValidator(ids_or_links)]
# A list, or a mapping, written with nothing under it (`ultimate:`) is an empty one.
ListOf = Annotated[list[T], BeforeValidator(none_as_empty_list)]
EmptyIfNothing = BeforeValidator(none_as_empty_mapping)
# A number as YAML 1.2 and JSON write one. Text such as '12' is refused, not quietly read as 12,
# as `yes` and `on` are refused where true or false goes (StrictBool): YAML 1.2 reads them as text.
# Whole numbers stay whole (660, not 660.0), so a model written back reads as it was typed.
# Infinity and NaN are refused: no spreadsheet, JSON reader or chart can carry them.
Number = StrictInt | Annotated[StrictFloat, AllowInfNan(False)]


# Why some fields are not `set`'s to change, said once.
_ROW = Not(
    "an entry of a list with no id for `set` to name: `indicator set`, `cost set` and "
    "`benefit set` change it"
)
_LINKS = Not("a link: `link` and `unlink` change it")
_LIST = Not("a list of objects: `add`, `move` and `remove` (or the file) change it")
_RECORD = Not("a list of objects with no ids: edit the file, or its sheet of the workbook")
_MEASURES = Not("a list of indicators: `indicator`, `actual`, `target` and `comparator` change it")
_LEDGER = Not("a list of objects with no ids: `cost` and `benefit` (add, set, remove) change it")
# Where a table's row says whose it is, not a field: the workbook knows from the sheet.
_STAGE_SHEET = Cells(sheet="Elements")


def _meta(
    order: int,
    value: Value,
    *,
    set: bool | Not,  # noqa: A002 - the verb's name
    workbook: Cells | Not | None = None,
    diff: bool | Not = True,
    form: tuple[str, ...] = (),
) -> Meta:
    """Return a field's Meta marker; by default in one workbook column named as the field,
    and diffed."""
    return Meta(order, value, set, Cells() if workbook is None else workbook, diff, form)


def _entry(order: int, value: Value, *, workbook: Cells | None = None) -> Meta:
    """Return the Meta marker of a field of a list entry with no id (a cost, an indicator):
    its row of the workbook holds it, `diff` compares it with its entry, `set` cannot name it."""
    return _meta(order, value, set=_ROW, workbook=workbook)


# Text a box or a legend shows: something to read, never empty or only spaces.
Words = Annotated[str, Field(min_length=1, pattern=r"\S")]


class _Strict(BaseModel):
    # Numbers are accepted as text so that a label such as `2007` is not an error.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


def check_id(value: str) -> str:
    """Return an id that is one plain token (letters, digits, '-', '_', '.'), or raise."""
    if not _ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"id {value!r} may hold only letters, digits, '-', '_' and '.', "
            "and must start with a letter or digit"
        )
    return value


class Partner(_Strict):
    """One organisation in the partnership."""

    id: Annotated[str, _meta(0, Value.NEW_ID, set=True, form=(PARTNER_FORM, ADD_PARTNER_FORM))]
    name: Annotated[Words, _meta(10, Value.TEXT, set=True, form=(PARTNER_FORM, ADD_PARTNER_FORM))]
    short: Annotated[str | None, _meta(20, Value.TEXT, set=True, form=(ADD_PARTNER_FORM,))] = Field(
        None, description="Short name for crowded diagrams, e.g. NHS."
    )
    unassigned: Annotated[StrictBool | None, _meta(25, Value.FLAG, set=True)] = Field(
        None,
        description="True for a placeholder: the partners who will deliver are not yet named.",
    )
    notes: Annotated[str | None, _meta(30, Value.TEXT, set=True)] = None

    _valid_id = field_validator("id")(check_id)

    @property
    def display_name(self) -> str:
        """Return the short name if there is one, else the full name."""
        return self.short or self.name


# A period of an indicator or the partnership: a year (2004) or a financial year (2004-05),
# kept as written; logicmodel.analysis.gain reads it, and the loader refuses any other form.
Period = str
# An amount, or a range [low, high] for an estimate (the civic centre's "around 4.5m to 5m").
# The loader checks a range has two numbers, low first, and says so in a planner's words.
Range = Annotated[list[Number], Field(json_schema_extra={"minItems": 2, "maxItems": 2})]


class Cost(_Strict):
    """A cost of partnership working: the "pain" that the gain must outweigh."""

    item: Annotated[str, _entry(0, Value.TEXT)] = Field(
        description="What it is, e.g. staff time at meetings, a shared post."
    )
    # A range's high figure has a column of its own, so both stay numbers a sheet adds up.
    amount: Annotated[
        Number | Range | None,
        _entry(10, Value.AMOUNT, workbook=Cells(("amount", "amount_high"))),
    ] = Field(None, description="A number, or a range [low, high] for an estimate.")
    unit: Annotated[str | None, _entry(20, Value.TEXT)] = Field(
        None, description="E.g. pounds a year, hours a month."
    )
    by: Annotated[str | list[str] | None, _entry(30, Value.IDS)] = Field(
        None, description="Partner id or ids who bear it."
    )
    notes: Annotated[str | None, _entry(60, Value.TEXT)] = None
    source: Annotated[str | None, _entry(70, Value.TEXT)] = None


class Benefit(Cost):
    """A benefit of partnership working, the counterpart of a cost: the gain in money or time."""

    outcome: Annotated[str | None, _entry(40, Value.ID)] = Field(
        None, description="Id of the outcome the benefit belongs to."
    )
    evidence: Annotated[Evidence | None, _entry(50, Value.CHOICE)] = Field(
        None, description="How far the benefit is established: planned ... verified."
    )


class Partnership(_Strict):
    """The partnership as a whole: the focus box at the left of the diagram."""

    name: Annotated[str | None, _meta(0, Value.TEXT, set=True)] = None
    type: Annotated[PartnershipType | None, _meta(10, Value.CHOICE, set=True)] = None
    focus: Annotated[str | None, _meta(20, Value.TEXT, set=True)] = Field(
        None, description="The partners' agreed focus."
    )
    vision: Annotated[str | None, _meta(30, Value.TEXT, set=True)] = None
    framework: Annotated[str | None, _meta(90, Value.TEXT, set=True)] = Field(
        None,
        description="The outcomes framework the outcomes serve: a shipped id such as "
        "scotland-npf-2007 (`logicmodel frameworks` lists them) or a framework file, "
        "relative to the model.",
    )
    national_outcomes: Annotated[IdList, _meta(95, Value.IDS, set=True)] = Field(
        default_factory=list,
        description="The framework's outcomes the partnership has agreed to serve: its scope.",
    )
    lead: Annotated[str | None, _meta(40, Value.ID, set=True)] = Field(
        None, description="Id of the lead partner."
    )
    started: Annotated[Period | None, _meta(50, Value.PERIOD, set=True)] = Field(
        None, description="First period of joint working, e.g. 2004 or 2004-05."
    )
    stage: Annotated[PartnershipStage | None, _meta(57, Value.CHOICE, set=True)] = Field(
        None,
        description="Stage of partnership development, from the research's five: "
        "`logicmodel assess --list` shows each stage's questions.",
    )
    costs: Annotated[
        ListOf[Cost], _meta(60, Value.ITEMS, set=_LEDGER, workbook=Cells(sheet="Costs"))
    ] = Field(default_factory=list, description="Costs of working together.")
    benefits: Annotated[
        ListOf[Benefit], _meta(70, Value.ITEMS, set=_LEDGER, workbook=Cells(sheet="Benefits"))
    ] = Field(
        default_factory=list, description="Benefits of working together, set against the costs."
    )
    notes: Annotated[str | None, _meta(80, Value.TEXT, set=True)] = None


class Comparator(_Strict):
    """An area or population the partnership did not touch, e.g. Scotland's NEET count."""

    # Its columns sit in its indicator's row of the workbook, named for it.
    name: Annotated[Words, _entry(0, Value.TEXT, workbook=Cells(("comparator",)))]
    actuals: Annotated[
        dict[Period, Number],
        EmptyIfNothing,
        _entry(10, Value.ACTUALS, workbook=Cells(("comparator_actuals",))),
    ] = Field(default_factory=dict, description="Its values by period, in the indicator's unit.")
    notes: Annotated[str | None, _entry(20, Value.TEXT, workbook=Cells(("comparator_notes",)))] = (
        None
    )
    source: Annotated[
        str | None, _entry(30, Value.TEXT, workbook=Cells(("comparator_source",)))
    ] = None


class BenchmarkRule(str, Enum):
    """How an indicator's target stands to a benchmark series."""

    # Listed top to bottom, as the three read on a chart.
    ABOVE = "above"
    WITHIN = "within"
    BELOW = "below"


class Benchmark(_Strict):
    """A target set against another area's series, e.g. GVA above the regional average."""

    # Its columns sit in its indicator's row of the workbook, named for it.
    name: Annotated[Words, _entry(0, Value.TEXT, workbook=Cells(("benchmark",)))]
    rule: Annotated[
        BenchmarkRule, _entry(10, Value.CHOICE, workbook=Cells(("benchmark_rule",)))
    ] = Field(description="Where ours should be: above, below or within the benchmark.")
    margin: Annotated[
        Number | None, _entry(20, Value.NUMBER, workbook=Cells(("benchmark_margin",)))
    ] = Field(
        None,
        description="For within: how far from the benchmark still counts as within; "
        "for above or below: by at least how much.",
    )
    actuals: Annotated[
        dict[Period, Number],
        EmptyIfNothing,
        _entry(30, Value.ACTUALS, workbook=Cells(("benchmark_actuals",))),
    ] = Field(default_factory=dict, description="Its values by period, in the indicator's unit.")
    source: Annotated[str | None, _entry(40, Value.TEXT, workbook=Cells(("benchmark_source",)))] = (
        None
    )


class Indicator(_Strict):
    """A measure of an element, with figures where the partnership has them."""

    name: Annotated[str, _entry(0, Value.TEXT)]
    unit: Annotated[str | None, _entry(10, Value.TEXT)] = None
    better: Annotated[Better | None, _entry(60, Value.CHOICE)] = Field(
        None, description="Which way is better: higher or lower."
    )
    actuals: Annotated[dict[Period, Number], EmptyIfNothing, _entry(20, Value.ACTUALS)] = Field(
        default_factory=dict, description="Measured values by period, e.g. {2003: 210}."
    )
    target_alone: Annotated[Number | None, _entry(30, Value.NUMBER)] = Field(
        None, description="Target if partners worked alone."
    )
    target_together: Annotated[Number | None, _entry(40, Value.NUMBER)] = Field(
        None, description="Stretched target for working together."
    )
    # A plain target (80% by 2016): what most published plans state, with no alone/together split.
    target: Annotated[Number | None, _entry(92, Value.NUMBER)] = Field(
        None, description="A plain target, reached by 'target_period': e.g. 80 (per cent) by 2016."
    )
    target_period: Annotated[Period | None, _entry(50, Value.PERIOD)] = Field(
        None, description="The period the targets refer to, e.g. 2010 or 2010-11."
    )
    comparator: Annotated[
        Comparator | None, _entry(70, Value.OBJECT, workbook=Cells(spread=True))
    ] = Field(None, description="An untouched area's values: what would have happened without us.")
    benchmark: Annotated[
        Benchmark | None, _entry(94, Value.OBJECT, workbook=Cells(spread=True))
    ] = Field(None, description="A target set against another area's series, with a rule.")
    # Bounds the indicator can never pass (a count is never below 0, a share never above 100):
    # the loader refuses figures outside them, and trends and their bands are clipped to them.
    minimum: Annotated[Number | None, _entry(74, Value.NUMBER)] = Field(
        None, description="The lowest value the indicator can take, e.g. 0 for a count."
    )
    maximum: Annotated[Number | None, _entry(76, Value.NUMBER)] = Field(
        None, description="The highest value the indicator can take, e.g. 100 for a percentage."
    )
    notes: Annotated[str | None, _entry(80, Value.TEXT)] = None
    source: Annotated[str | None, _entry(90, Value.TEXT)] = None


# A Figure 2 category: checked by the loader with did-you-mean; the schema lists the ids.
CategoryId = Annotated[str, Field(json_schema_extra={"enum": list(CATEGORY_IDS)})]


class Element(_Strict):
    """Fields that every box of the logic model has."""

    id: Annotated[str, _meta(0, Value.NEW_ID, set=True, form=(ELEMENT_FORM, ADD_FORM))]
    label: Annotated[Words, _meta(10, Value.TEXT, set=True, form=(ELEMENT_FORM, ADD_FORM))]
    # Real maps group boxes under headings (population, growth ...): a heading of its own
    # keeps it out of every label, and Figure 1 draws each theme's boxes together in a band.
    theme: Annotated[Words | None, _meta(125, Value.TEXT, set=True, form=(ELEMENT_FORM,))] = Field(
        None, description="The heading the element sits under, e.g. Productivity."
    )
    leads_to: Annotated[LinkList, _meta(40, Value.IDS, set=_LINKS, form=(ADD_FORM,))] = Field(
        default_factory=list, description="Ids this element feeds."
    )
    lead: Annotated[str | None, _meta(80, Value.ID, set=True)] = Field(
        None, description="Id of the partner that leads this element."
    )
    # On any element: the fulfilment of collaborative activities is monitored, not only outcomes.
    indicators: Annotated[
        ListOf[Indicator],
        _meta(100, Value.ITEMS, set=_MEASURES, workbook=Cells(sheet="Indicators")),
    ] = Field(default_factory=list)
    notes: Annotated[str | None, _meta(110, Value.TEXT, set=True)] = None
    source: Annotated[str | None, _meta(120, Value.TEXT, set=True)] = Field(
        None, description="Where the element comes from, e.g. a report."
    )
    category: Annotated[CategoryId | None, _meta(90, Value.CHOICE, set=True)] = Field(
        None,
        description="Where it sits in the research's Figure 2: `logicmodel categories` lists them.",
    )

    _valid_id = field_validator("id")(check_id)
    _link_facts: dict[str, LinkFacts] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _stated_links(cls, data: Any, handler: ModelWrapValidatorHandler[Element]) -> Element:
        data, facts, faults = split_links(data)
        try:
            element = handler(data)
        except ValidationError as error:
            if not faults:
                raise
            faults = [*error_details(error), *faults]
        if faults:
            raise ValidationError.from_exception_data(cls.__name__, faults)
        element._link_facts = facts
        return element

    @model_serializer(mode="wrap")
    def _write_stated_links(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        written = handler(self)
        # The file format (written by alias) states links as objects; every other dump, such
        # as the exports' fields, keeps the lists of ids readers expect.
        if self._link_facts and info.by_alias and isinstance(written, dict):
            return merge_links(written, self._link_facts)
        return written

    @property
    def link_facts(self) -> dict[str, LinkFacts]:
        """Return the facts of this element's stated links, by target id."""
        return self._link_facts

    def facts_of(self, target: str) -> LinkFacts | None:
        """Return what the link to `target` rests on, or None where the file says nothing."""
        return self._link_facts.get(target)


class Contribution(Element):
    """An input, activity or output made by one partner alone or by partners together."""

    by: Annotated[
        str | list[str], _meta(20, Value.PARTNERS, set=True, form=(ELEMENT_FORM, ADD_FORM))
    ] = Field(description="Partner id, list of partner ids, or 'all' for every partner jointly.")
    collaborative: Annotated[StrictBool | None, _meta(30, Value.FLAG, set=True)] = Field(
        None, description="Override: two or more partners are collaborative unless false."
    )
    enhances: Annotated[LinkList, _meta(50, Value.IDS, set=_LINKS)] = Field(
        default_factory=list, description="Single-agency contributions this joint one improves."
    )

    @field_validator("by", mode="before")
    @classmethod
    def _by_is_ids(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            return [str(v) for v in value]
        raise ValueError("must be a partner id, a list of partner ids, or 'all'")


class Outcome(Element):
    """An interim, intermediate or ultimate outcome; its colour follows from what feeds it."""

    gain: Annotated[str | None, _meta(60, Value.TEXT, set=True, form=(ELEMENT_FORM, ADD_FORM))] = (
        Field(None, description="The collaborative gain: what working together adds.")
    )
    evidence: Annotated[Evidence | None, _meta(70, Value.CHOICE, set=True)] = Field(
        None, description="How far the gain is established: planned ... verified."
    )
    contributes_to: Annotated[IdList, _meta(75, Value.IDS, set=True, form=(ELEMENT_FORM,))] = Field(
        default_factory=list,
        description="Ids of the framework's outcomes (partnership.framework) this one serves.",
    )


class IgnoredRule(_Strict):
    """An advice rule switched off for this model, with the reason why."""

    code: Annotated[str, _entry(0, Value.TEXT)] = Field(
        description="Rule code, e.g. LM114; `logicmodel rules` lists them."
    )
    reason: Annotated[str, _entry(10, Value.TEXT)] = Field(
        min_length=3, description="Why the rule does not apply here."
    )


_ANSWERS = Not(
    "a partnership's own answers: `assess` (or the editor's self-assessment) changes them"
)


# A self-assessment question: checked by the loader with did-you-mean; the schema lists the ids.
QuestionId = Annotated[str, Field(json_schema_extra={"enum": list(QUESTION_IDS)})]


def _answer(order: int, value: Value) -> Meta:
    """Return the Meta marker of a field of an answer: `assess` changes it, in no workbook."""
    return _meta(order, value, set=_ANSWERS, workbook=_ANSWERS)


class Answer(_Strict):
    """A partnership's answer to one self-assessment question."""

    question: Annotated[QuestionId, _answer(0, Value.CHOICE)] = Field(
        description="Question id: `logicmodel assess --list` lists them."
    )
    answer: Annotated[AnswerWord, _answer(10, Value.CHOICE)]
    note: Annotated[str | None, _answer(20, Value.TEXT)] = Field(
        None, description="Why, or what would change the answer."
    )

    _known_question = field_validator("question")(verify_question)


class Advice(_Strict):
    """How `logicmodel check` advises on this model."""

    ignore: Annotated[
        ListOf[IgnoredRule],
        _meta(0, Value.ITEMS, set=_RECORD, workbook=Cells(sheet="Advice")),
    ] = Field(default_factory=list)


# A parent's strands are files of their own: the parent file lists them, and only it links them.
_STRAND = Not("a strand of a parent model: edit the parent file's `strands:` list")
_STRAND_BOOK = Not("a strand is a file of its own: a workbook holds one file")
_STRAND_DIFF = Not(
    "`diff` compares one file with another: diff a strand's own file for its changes; a "
    "parent's `strands:` list (its files and cross links) is not compared yet"
)


def _strand_field(order: int, value: Value) -> Meta:
    """Return the Meta marker of a field of a strand entry or of its links."""
    return _meta(order, value, set=_STRAND, workbook=_STRAND_BOOK, diff=_STRAND_DIFF)


class StrandLink(_Strict):
    """A link from an element of a strand out to the parent or to another strand.

    Targets are the parent's element ids, or `strand:element` for another strand's element:
    written in the parent, so that each strand file stays a whole model of its own.
    """

    element: Annotated[str, _strand_field(0, Value.ID)] = Field(
        description="Id of the element in this strand that the links start from."
    )
    leads_to: Annotated[IdList, _strand_field(10, Value.IDS)] = Field(
        default_factory=list, description="Ids it feeds: the parent's, or `strand:element`."
    )
    enhances: Annotated[IdList, _strand_field(20, Value.IDS)] = Field(
        default_factory=list, description="Single-agency contributions it improves, likewise."
    )


class Strand(_Strict):
    """A strand of a big partnership: a logic model in a file of its own, listed by its parent."""

    id: Annotated[str, _strand_field(0, Value.NEW_ID)] = Field(
        description="The strand's id: `strand:element` names its elements from the parent."
    )
    file: Annotated[Words, _strand_field(10, Value.TEXT)] = Field(
        description="The strand's model file, relative to the parent file's folder."
    )
    label: Annotated[str | None, _strand_field(20, Value.TEXT)] = Field(
        None, description="The strand's name on the parent's Figure 1 (else its title)."
    )
    links: Annotated[ListOf[StrandLink], _strand_field(30, Value.ITEMS)] = Field(
        default_factory=list, description="Links from this strand's elements out of it."
    )

    _valid_id = field_validator("id")(check_id)


_KEPT = Not(
    "the cells a person has put in order: dragging a box in `logicmodel edit` adds its cell; "
    "edit the file to let the layout order a cell again"
)
_ARRANGEMENT = Not("how the drawing is arranged, not what the model says: it stays in the file")


class Layout(_Strict):
    """What the drawing keeps as a person arranged it."""

    keep_order: Annotated[
        ListOf[str], _meta(0, Value.ITEMS, set=_KEPT, workbook=_ARRANGEMENT, diff=_ARRANGEMENT)
    ] = Field(
        default_factory=list,
        description="The drawing's cells whose boxes keep the file's order: 'stage/lane' "
        "(lane a partner id, partner ids joined by '+', or 'joint'), or an outcome stage alone.",
    )


_SCHEMA = Not("a pointer for editors to the JSON Schema, no part of the model: edit the file")
_VERSION = Not("the format's version, which only a new version of logicmodel changes")
_PARTNERSHIP = Not("its fields are set one by one: `set FILE partnership FIELD VALUE`")
_PARTNERS = Not("a list: `partner add`, `partner rename` and `partner remove` change it")


def _stage(order: int) -> Meta:
    """Return the Meta marker of a stage: a list of elements, one row each on Elements."""
    return _meta(order, Value.ITEMS, set=_LIST, workbook=_STAGE_SHEET)


class LogicModel(_Strict):
    """One partnership's outcome logic model: the whole file."""

    schema_url: Annotated[
        str | None, _meta(0, Value.TEXT, set=_SCHEMA, workbook=_SCHEMA, diff=_SCHEMA)
    ] = Field(None, alias="$schema", description="JSON Schema, for editors.")
    logicmodel: Annotated[
        Literal[1], _meta(10, Value.VERSION, set=_VERSION, workbook=_VERSION, diff=_VERSION)
    ] = Field(description="File format version.")
    title: Annotated[Words, _meta(20, Value.TEXT, set=True)]
    area: Annotated[str | None, _meta(30, Value.TEXT, set=True)] = None
    partnership: Annotated[
        Partnership,
        EmptyIfNothing,
        _meta(40, Value.OBJECT, set=_PARTNERSHIP, workbook=Cells(sheet="Model")),
    ] = Field(default_factory=Partnership)
    partners: Annotated[
        ListOf[Partner], _meta(50, Value.ITEMS, set=_PARTNERS, workbook=Cells(sheet="Partners"))
    ] = Field(min_length=1)
    inputs: Annotated[ListOf[Contribution], _stage(60)] = Field(default_factory=list)
    activities: Annotated[ListOf[Contribution], _stage(70)] = Field(default_factory=list)
    outputs: Annotated[ListOf[Contribution], _stage(80)] = Field(default_factory=list)
    interim: Annotated[ListOf[Outcome], _stage(90)] = Field(default_factory=list)
    intermediate: Annotated[ListOf[Outcome], _stage(100)] = Field(default_factory=list)
    ultimate: Annotated[ListOf[Outcome], _stage(110)] = Field(default_factory=list)
    advice: Annotated[
        Advice,
        EmptyIfNothing,
        _meta(120, Value.OBJECT, set=_RECORD, workbook=Cells(sheet="Advice")),
    ] = Field(default_factory=Advice)
    assessment: Annotated[
        ListOf[Answer], _meta(127, Value.ITEMS, set=_ANSWERS, workbook=_ANSWERS)
    ] = Field(default_factory=list, description="The partnership's self-assessment answers.")
    strands: Annotated[
        ListOf[Strand],
        _meta(125, Value.ITEMS, set=_STRAND, workbook=_STRAND_BOOK, diff=_STRAND_DIFF),
    ] = Field(default_factory=list, description="Strand models in files of their own.")
    layout: Annotated[
        Layout,
        EmptyIfNothing,
        _meta(128, Value.OBJECT, set=_KEPT, workbook=_ARRANGEMENT, diff=_ARRANGEMENT),
    ] = Field(default_factory=Layout)
    notes: Annotated[str | None, _meta(130, Value.TEXT, set=True)] = None
    source: Annotated[str | None, _meta(140, Value.TEXT, set=True)] = None

    model_config = ConfigDict(populate_by_name=True)

    def stage_elements(self, stage: Stage) -> list[Contribution] | list[Outcome]:
        """Return the elements of one stage, in file order."""
        elements: list[Contribution] | list[Outcome] = getattr(self, stage.value)
        return elements

    def elements(self) -> Iterator[tuple[Stage, Element]]:
        """Yield every element with its stage, stage by stage, in file order."""
        for stage in Stage:
            for element in self.stage_elements(stage):
                yield stage, element

    def contributions(self) -> Iterator[tuple[Stage, Contribution]]:
        """Yield every input, activity and output with its stage."""
        for stage in CONTRIBUTION_STAGES:
            for element in self.stage_elements(stage):
                assert isinstance(element, Contribution)
                yield stage, element

    def partner_ids(self) -> list[str]:
        """Return the partners' ids in file order."""
        return [partner.id for partner in self.partners]

    def partners_of(self, contribution: Contribution) -> list[str]:
        """Return the ids of the partners making a contribution, with 'all' spelt out."""
        if contribution.by == ALL_PARTNERS:
            return self.partner_ids()
        if isinstance(contribution.by, str):
            return [contribution.by]
        return list(contribution.by)

    def is_collaborative(self, contribution: Contribution) -> bool:
        """Return True if a contribution is joint (red): its override, else two or more partners."""
        if contribution.collaborative is not None:
            return contribution.collaborative
        return len(self.partners_of(contribution)) >= 2


__all__ = [
    "check_id",
    "ALL_PARTNERS",
    "CategoryId",
    "none_as_empty_list",
    "none_as_empty_mapping",
    "one_or_many",
    "Advice",
    "Answer",
    "AnswerWord",
    "Benchmark",
    "BenchmarkRule",
    "Benefit",
    "Better",
    "Comparator",
    "Cost",
    "IgnoredRule",
    "Layout",
    "CONTRIBUTION_STAGES",
    "FORMAT_VERSION",
    "OUTCOME_STAGES",
    "Contribution",
    "Element",
    "Evidence",
    "LinkFacts",
    "LinkList",
    "error_details",
    "Indicator",
    "LogicModel",
    "Outcome",
    "Partner",
    "Partnership",
    "PartnershipStage",
    "PartnershipType",
    "Period",
    "Stage",
    "Strand",
    "StrandLink",
    "TraceClass",
]
