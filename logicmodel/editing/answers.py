"""The editing layer's verbs for the partnership's self-assessment: answer a question, or take an
answer back, each one checked, comment-keeping edit like every other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from logicmodel.editing.errors import EditError
from logicmodel.editing.fields import TOP_KEYS
from logicmodel.editing.verb_groups import VerbGroup
from logicmodel.models import Answer, AnswerWord
from logicmodel.models.questions import verify_question
from logicmodel.models.vocabulary import key_order

if TYPE_CHECKING:
    from typing_extensions import Self

    from logicmodel.editing.fields import Data

ASSESSMENT = "assessment"
ANSWER_WORDS = tuple(word.value for word in AnswerWord)


class AnswerEdits(VerbGroup):
    """`Draft`'s verbs for the self-assessment (the measures' list edits do the splicing)."""

    if TYPE_CHECKING:

        def _put(
            self,
            summary: str,
            path: tuple[str | int, ...],
            values: dict[Any, Any],
            order: tuple[str, ...],
            *,
            removes: bool = False,
        ) -> Self: ...

        def _insert(
            self,
            summary: str,
            path: tuple[str | int, ...],
            key: str,
            item: Data,
            order: tuple[str, ...],
        ) -> Self: ...

        def _drop(
            self, summary: str, path: tuple[str | int, ...], key: str, index: int
        ) -> Self: ...

    def answer(self, question: str, answer: str, *, note: str | None = None) -> Self:
        """Answer a self-assessment question (yes, partly, no or unsure), with an optional note;
        a question answered before has its answer changed in place."""
        try:
            question = verify_question(question)
        except ValueError as error:
            raise EditError(f"{self.name}: {error}") from None
        if answer not in ANSWER_WORDS:
            raise EditError(
                f"{self.name}: {answer!r} is not an answer: say {', '.join(ANSWER_WORDS)}"
            )
        at = self._answer_index(question)
        if at is None:
            entry: Data = {"question": question, "answer": answer}
            if note:
                entry["note"] = note
            return self._insert(f"answered {question!r}: {answer}", (), ASSESSMENT, entry, TOP_KEYS)
        values: dict[Any, Any] = {"answer": answer}
        if note is not None:
            values["note"] = note or None
        return self._put(
            f"answered {question!r}: {answer}",
            (ASSESSMENT, at),
            values,
            key_order(Answer),
            removes=note == "",
        )

    def unanswer(self, question: str) -> Self:
        """Take back the answer to a question."""
        at = self._answer_index(question)
        if at is None:
            raise EditError(f"{self.name}: question {question!r} has no answer to take back")
        return self._drop(f"took back the answer to {question!r}", (), ASSESSMENT, at)

    def _answer_index(self, question: str) -> int | None:
        """Return where the answer to a question is in the list, or None."""
        answers = self.data.get(ASSESSMENT) or []
        return next(
            (i for i, entry in enumerate(answers) if entry.get("question") == question), None
        )


__all__ = ["ANSWER_WORDS", "ASSESSMENT", "AnswerEdits"]
