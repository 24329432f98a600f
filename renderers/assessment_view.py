"""The board report's self-assessment section: the partnership's own answers scored per
principle and per stage, beside what the model itself bears out."""

from __future__ import annotations

from html import escape

from logicmodel.analysis.assessment import (
    answers_by_question,
    mismatches,
    principle_scores,
    stage_scores,
)
from logicmodel.models import LogicModel
from logicmodel.models.questions import QUESTIONS, AnswerWord, PartnershipStage

NOT_ASSESSED = (
    "Not assessed yet: `logicmodel assess FILE` asks the research's questions and saves the "
    "answers in the model."
)


def _rows(headings: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def assessment_html(model: LogicModel) -> str:
    """Return the self-assessment section: scores, the stage reached, each answer with its
    note, and the answers the model does not bear out."""
    if not model.assessment:
        return f'<p class="none">{escape(NOT_ASSESSED)}</p>'
    parts = []
    stage = model.partnership.stage
    if stage is not None:
        parts.append(f"<p>The partnership puts itself at stage {escape(stage.heading)}.</p>")
    parts.append("<h3>By principle of collaborative gain</h3>")
    parts.append(
        _rows(["Principle", "Score"], [[s.title, s.words()] for s in principle_scores(model)])
    )
    parts.append("<h3>By stage of building the partnership</h3>")
    parts.append(_rows(["Stage", "Score"], [[s.title, s.words()] for s in stage_scores(model)]))
    found = mismatches(model)
    if found:
        items = "".join(
            f"<li>'yes' to {escape(m.question)}: {escape(m.reason)}</li>" for m in found
        )
        parts.append(f"<h3>Answers the model does not bear out</h3><ul>{items}</ul>")
    answers = answers_by_question(model)
    rows = [
        [q.text, answers[q.id].answer.value, answers[q.id].note or ""]
        for q in QUESTIONS
        if q.id in answers
    ]
    parts.append("<h3>The answers</h3>")
    parts.append(_rows(["Question", "Answer", "Note"], rows))
    return "".join(parts)


def assessment_data(model: LogicModel) -> dict[str, object]:
    """Return what the editor's self-assessment form shows: the questions grouped by stage,
    the answers given, the stage reached, and the words an answer may be."""
    answers = answers_by_question(model)
    stage = model.partnership.stage
    return {
        "stages": [[s.value, s.heading] for s in PartnershipStage],
        "stage": None if stage is None else stage.value,
        "words": [word.value for word in AnswerWord],
        "questions": [
            {"id": q.id, "text": q.text, "stage": q.stage.value if q.stage else "",
             "principle": q.principle.heading if q.principle else "", "source": q.cited}
            for q in QUESTIONS
        ],
        "answers": {q: [a.answer.value, a.note or ""] for q, a in answers.items()},
        "scores": [[s.title, s.words()] for s in principle_scores(model)],
    }  # fmt: skip


__all__ = ["NOT_ASSESSED", "assessment_data", "assessment_html"]
