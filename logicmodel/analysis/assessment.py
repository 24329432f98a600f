"""The partnership's self-assessment: its answers scored per principle and per stage, the
answers the model itself does not bear out, and the advice rules that use them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from logicmodel.analysis.tracing import Trace
from logicmodel.fileformat.parsing import Path
from logicmodel.fileformat.periods import period_year
from logicmodel.models import Answer, AnswerWord, LogicModel, PartnershipStage
from logicmodel.models.questions import (
    ANSWER_POINTS,
    QUESTIONS,
    Principle,
    Question,
)

LOW_SCORE = 0.5  # a principle scoring under half its points is a weakness to name
TREND_POINTS = 2  # values before the start a pre-partnership trend needs


@dataclass(frozen=True)
class Score:
    """How a group of questions (a principle or a stage) was answered."""

    key: str
    title: str
    asked: int
    answered: int
    points: float

    @property
    def share(self) -> float | None:
        """Return the points as a share of the answered questions, or None if none was."""
        return self.points / self.answered if self.answered else None

    def words(self) -> str:
        """Return the score as a table cell reads it: '75% (3 of 4 answered)'."""
        if self.share is None:
            return f"not answered (0 of {self.asked})"
        return f"{self.share:.0%} ({self.answered} of {self.asked} answered)"


@dataclass(frozen=True)
class Mismatch:
    """An answer the model itself does not bear out."""

    index: int
    question: str
    reason: str


def answers_by_question(model: LogicModel) -> dict[str, Answer]:
    """Return the model's answers by question id (a later answer to a question wins)."""
    return {answer.question: answer for answer in model.assessment}


def _score(key: str, title: str, questions: list[Question], answers: dict[str, Answer]) -> Score:
    """Return the score of some questions from the answers given."""
    counted = [
        ANSWER_POINTS[answers[q.id].answer]
        for q in questions
        if q.id in answers and answers[q.id].answer is not AnswerWord.UNSURE
    ]
    return Score(key, title, len(questions), len(counted), sum(counted))


def principle_scores(model: LogicModel) -> list[Score]:
    """Return each principle's score, in the order the research gives them."""
    answers = answers_by_question(model)
    return [
        _score(p.value, p.heading, [q for q in QUESTIONS if q.principle is p], answers)
        for p in Principle
    ]


def stage_scores(model: LogicModel) -> list[Score]:
    """Return each stage of partnership development's score, first stage first."""
    answers = answers_by_question(model)
    return [
        _score(s.value, s.heading, [q for q in QUESTIONS if q.stage is s], answers)
        for s in PartnershipStage
    ]


def questions_for(stage: PartnershipStage | None) -> list[Question]:
    """Return the questions of one stage, or every question."""
    return [q for q in QUESTIONS if stage is None or q.stage is stage]


def _indicators(model: LogicModel) -> Iterator[tuple[str, object]]:
    for _, element in model.elements():
        for indicator in element.indicators:
            yield element.id, indicator


def _has_both_targets(model: LogicModel) -> bool:
    return any(
        i.target_alone is not None and i.target_together is not None
        for _, element in model.elements()
        for i in element.indicators
    )


def _has_baseline(model: LogicModel) -> bool:
    return any(i.actuals for _, element in model.elements() for i in element.indicators)


def _has_trend(model: LogicModel) -> bool:
    started = model.partnership.started
    if started is None:
        return False
    start = period_year(started)
    return any(
        sum(period_year(period) < start for period in i.actuals) >= TREND_POINTS
        for _, element in model.elements()
        for i in element.indicators
    )


def _weighs_cost(model: LogicModel) -> bool:
    return bool(model.partnership.costs) and bool(model.partnership.benefits)


# What a "yes" claims of the model, and how to say it does not hold.
_BORNE_OUT = {
    "targets-alone-together": (
        _has_both_targets,
        "no indicator has both `target_alone` and `target_together`",
    ),
    "baselines": (_has_baseline, "no indicator has any actual figure to stand as a baseline"),
    "monitoring-built-in": (
        lambda model: any(True for _ in _indicators(model)),
        "no element has an indicator",
    ),
    "trend": (
        _has_trend,
        f"no indicator has {TREND_POINTS} figures before `partnership.started`",
    ),
    "gain-outweighs-pain": (
        _weighs_cost,
        "the model records no costs and benefits to weigh (`partnership.costs`, `benefits`)",
    ),
}


def mismatches(model: LogicModel) -> list[Mismatch]:
    """Return the 'yes' answers that the model's own content does not bear out."""
    found: list[Mismatch] = []
    for index, answer in enumerate(model.assessment):
        check = _BORNE_OUT.get(answer.question)
        if answer.answer is AnswerWord.YES and check is not None and not check[0](model):
            found.append(Mismatch(index, answer.question, check[1]))
    return found


_ANSWER_NOT_BORNE_OUT = (
    "LM135",
    "warning",
    "A self-assessment answer the model does not bear out",
    "The research asks partnerships to plan gain with targets alone and together, to build "
    "monitoring in from the start, to compare progress with the pre-partnership trend and to "
    "weigh the gain against its cost. An answer of 'yes' that the model gives no sign of is "
    "a claim to check: record what backs it, or change the answer.",
    "Collaborative Gain Research Study (2008), Conclusions and key messages; Elected "
    "Members' Masterclass, 'Designing for Collaborative Gain'",
)


def answer_not_borne_out(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for mismatch in mismatches(model):
        path: Path = ("assessment", mismatch.index, "answer")
        yield path, f"the answer 'yes' to {mismatch.question!r} is not borne out: {mismatch.reason}"


_LOW_PRINCIPLE = (
    "LM136",
    "note",
    "A principle of collaborative gain the partnership scores itself low on",
    "The partnership's own answers score this principle under half: the gain is not yet "
    "clear, planned, monitored or worth its cost. Work on the questions answered 'no'.",
    "Elected Members' Masterclass, 'Designing for Collaborative Gain'; Collaborative Gain "
    "Research Study (2008), key messages",
)


def low_principle(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str]]:
    for score in principle_scores(model):
        if score.share is not None and score.share < LOW_SCORE:
            yield ("assessment",), f"self-assessment: '{score.title}' scores {score.words()}"


# The rules that use the answers, as `advice` registers them: (code, severity, title,
# principle, source, check).
ANSWER_RULES = (
    (*_ANSWER_NOT_BORNE_OUT, answer_not_borne_out),
    (*_LOW_PRINCIPLE, low_principle),
)

__all__ = [
    "ANSWER_RULES",
    "LOW_SCORE",
    "Mismatch",
    "Score",
    "answer_not_borne_out",
    "answers_by_question",
    "low_principle",
    "mismatches",
    "principle_scores",
    "questions_for",
    "stage_scores",
]
