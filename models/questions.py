"""The self-assessment a partnership asks itself, as data: each question with the principle or
stage of partnership development it tests and the passage of the research it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = [
    "ANSWER_POINTS",
    "QUESTIONS",
    "QUESTION_IDS",
    "SOURCES",
    "AnswerWord",
    "PartnershipStage",
    "Principle",
    "Question",
    "verify_question",
]


class Principle(str, Enum):
    """What the research says a collaborative gain must be to be worth the partnership."""

    CLEAR = "clear"
    PLANNED = "planned"
    MONITORED = "monitored"
    WORTH_COST = "worth-cost"

    @property
    def heading(self) -> str:
        """Return the principle as a heading reads it."""
        return _PRINCIPLE_TITLES[self]


_PRINCIPLE_TITLES = {
    Principle.CLEAR: "Gain clear and specific",
    Principle.PLANNED: "Gain planned and designed in",
    Principle.MONITORED: "Gain monitored",
    Principle.WORTH_COST: "Gain outweighs its cost",
}


class PartnershipStage(str, Enum):
    """The five stages of building a partnership in the research report (after Russel, 2001)."""

    PURPOSE = "purpose"
    ENVIRONMENT = "environment"
    VISION = "vision"
    PLAN = "plan"
    REVIEW = "review"

    @property
    def heading(self) -> str:
        """Return the stage as the report names it."""
        return _STAGE_TITLES[self]


_STAGE_TITLES = {
    PartnershipStage.PURPOSE: "1. Clarifying the purpose of the partnership",
    PartnershipStage.ENVIRONMENT: "2. Examining the operating environment",
    PartnershipStage.VISION: "3. Agreeing a vision and making strategic choices",
    PartnershipStage.PLAN: "4. Translating the strategy into an action plan",
    PartnershipStage.REVIEW: "5. Squaring the circle: review and accountability",
}


class AnswerWord(str, Enum):
    """How a partnership answers a question; `unsure` counts towards no score."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNSURE = "unsure"


# What an answer is worth towards a score; an unsure answer is left out of it.
ANSWER_POINTS: dict[AnswerWord, float] = {
    AnswerWord.YES: 1.0,
    AnswerWord.PARTLY: 0.5,
    AnswerWord.NO: 0.0,
}

_MASTERCLASS = "Improvement Service masterclass slides"
_REPORT = "Amey, Collaborative Gain Research Study (2008)"
# Where each question comes from: the document, then the passage in it.
SOURCES = {
    "design": f"{_MASTERCLASS}, 'Designing for Collaborative Gain'",
    "principles": f"{_MASTERCLASS}, 'Designing for Collaborative Gain: Principles'",
    "gain": f"{_MASTERCLASS}, 'Collaborative Gain'",
    "governance": f"{_MASTERCLASS}, 'Putting Corporate Governance Into Practice'",
    "effective": f"{_MASTERCLASS}, 'Effective Partnerships require'",
    "messages": f"{_REPORT}, key messages for partnerships",
    "conclusions": f"{_REPORT}, Conclusions",
    "stages": f"{_REPORT}, the key stages of a partnership (Russel 2001)",
}


@dataclass(frozen=True)
class Question:
    """One self-assessment question, what it tests, and where the research asks it."""

    id: str
    text: str
    principle: Principle | None
    stage: PartnershipStage | None
    source: str

    @property
    def cited(self) -> str:
        """Return the question's source in words."""
        return SOURCES[self.source]


_P = Principle
_S = PartnershipStage
QUESTIONS: tuple[Question, ...] = (
    Question("purpose", "Why have this partnership, and what added value will it bring?",
             _P.CLEAR, _S.PURPOSE, "stages"),
    Question("specific-gain", "Is the gain clear and specific: precisely what gain is wanted?",
             _P.CLEAR, _S.PURPOSE, "design"),
    Question("beyond-alone", "Does the gain go beyond what the partners could achieve on "
             "their own?", _P.CLEAR, _S.PURPOSE, "gain"),
    Question("local-needs", "Are the local needs and opportunities known?",
             None, _S.ENVIRONMENT, "stages"),
    Question("deliver-together", "Is it known what the partnership can deliver together and "
             "what each member delivers?", _P.CLEAR, _S.ENVIRONMENT, "stages"),
    Question("shared-vision", "Is there a vision that all the partners share?",
             None, _S.VISION, "stages"),
    Question("designed-around-outcome", "Is the joint work designed around the outcome it "
             "serves, not an end in itself?", _P.PLANNED, _S.VISION, "design"),
    Question("designed-in", "Was the gain planned for and designed in, rather than hoped "
             "for?", _P.PLANNED, _S.VISION, "gain"),
    Question("targets-alone-together", "Is there a target for what the partners would reach "
             "alone, and a further one for together?", _P.PLANNED, _S.PLAN, "conclusions"),
    Question("roles", "Is it clear who is responsible for planning and who for delivery?",
             _P.PLANNED, _S.PLAN, "stages"),
    Question("baselines", "Were baselines, targets, timescales and benefits set at the "
             "outset?", _P.MONITORED, _S.PLAN, "effective"),
    Question("monitoring-built-in", "Is monitoring and evaluation built in from the start, "
             "not bolted on later?", _P.MONITORED, _S.PLAN, "messages"),
    Question("trend", "Is progress compared with the trend from before the partnership?",
             _P.MONITORED, _S.REVIEW, "conclusions"),
    Question("right-direction", "Will the partnership know whether it is going in the right "
             "direction?", _P.MONITORED, _S.REVIEW, "stages"),
    Question("gain-outweighs-pain", "Does the gain outweigh the pain: the cost of working "
             "together?", _P.WORTH_COST, _S.REVIEW, "design"),
    Question("lowest-cost", "Is this the lowest-cost arrangement that gives what is "
             "needed?", _P.WORTH_COST, _S.VISION, "principles"),
    Question("resources", "Are the resources enough, or could more be had from what the "
             "partners already have?", _P.WORTH_COST, _S.PLAN, "governance"),
    Question("fit-for-purpose", "Is the partnership still fit for purpose?",
             None, _S.REVIEW, "effective"),
)  # fmt: skip
QUESTION_IDS = tuple(question.id for question in QUESTIONS)


def verify_question(name: str) -> str:
    """Return a question id, or raise ValueError naming the nearest and where to look."""
    import difflib

    if name in QUESTION_IDS:
        return name
    close = difflib.get_close_matches(name.lower(), QUESTION_IDS, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"unknown question {name!r}{hint}: `logicmodel assess --list` lists them")
