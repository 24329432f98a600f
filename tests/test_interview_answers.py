"""The `new` interview's answers: partners joined by ',' or '+', an unknown partner refused
listing the partners, blank optional answers left out, gains asked of the nearest outcomes."""

from __future__ import annotations

import pytest

from logicmodel.editing.interview import Answers, contributors, interview, partner_id
from logicmodel.editing.layer import EditError


def _answers() -> Answers:
    answers = Answers(title="T", ultimate="Safer")
    answers.add_partners(["council=Council", "police=Police"])
    return answers


@pytest.mark.parametrize("typed", ["council, police", "council + police", "Council+POLICE"])
def test_partners_joined_by_comma_or_plus_make_a_list(typed: str) -> None:
    assert contributors(typed, _answers()) == ["council", "police"]


def test_an_unknown_partner_is_refused_listing_the_partners() -> None:
    with pytest.raises(EditError, match=r"^unknown partner 'zzz' \(partners: council, police\)$"):
        partner_id("zzz", _answers())


def test_the_lead_question_lists_the_partners_and_blanks_stay_out() -> None:
    asked: list[str] = []

    def ask(question: str, default: str) -> str:
        asked.append(question)
        if question.startswith("Activity") and asked.count(question) == 1:
            return "Joint patrols"
        return default

    given = _answers()
    given.interim += ["Fewer incidents"]
    answers = interview(given, ask, lambda text: None)
    assert "Lead partner (council, police)" in asked
    assert (answers.area, answers.focus, answers.vision) == ("", "", "")
    assert answers.activities == [("all", "Joint patrols")]
    assert any("add to 'Fewer incidents'" in question for question in asked)
    model = answers.draft().check()
    assert model.area is None and model.partnership.focus is None
