"""The `new` interview asks the gain of the ultimate outcome when it is the only one, and echoes
activities given as text in the command that would make the same model again."""

from __future__ import annotations

import shlex

from logicmodel.editing.interview import Answers, interview


def _answers() -> Answers:
    answers = Answers(title="T", ultimate="Safer streets")
    answers.add_partners(["council=Council", "police=Police"])
    return answers


def test_with_only_the_ultimate_outcome_its_gain_is_asked_and_kept() -> None:
    asked: list[str] = []

    def ask(question: str, default: str) -> str:
        asked.append(question)
        if question.startswith("Activity") and asked.count(question) == 1:
            return "Joint patrols"
        if question.startswith("What does working together add"):
            return "Patrols at night"
        return default

    answers = interview(_answers(), ask, lambda text: None)
    assert "What does working together add to 'Safer streets'? (its gain; optional)" in asked
    assert answers.gains == {"Safer streets": "Patrols at night"}


def test_an_activity_given_as_text_is_echoed_as_the_option_that_makes_it_again() -> None:
    answers = _answers()
    answers.activities += ["council,police=Joint patrols", ("police", "Night patrols")]
    words = shlex.split(answers.as_command("m.yaml"))
    at = [n for n, word in enumerate(words) if word == "--activity"]
    assert [words[n + 1] for n in at] == ["council,police=Joint patrols", "police=Night patrols"]
    again = Answers(title="T", ultimate="Safer streets")
    again.add_partners(["council=Council", "police=Police"])
    again.activities += [words[n + 1] for n in at]
    assert again.draft().check() == answers.draft().check()


def test_the_by_question_says_how_to_name_several_partners_or_all() -> None:
    asked: list[str] = []

    def ask(question: str, default: str) -> str:
        asked.append(question)
        if question == "Activity" and asked.count(question) == 1:
            return "Joint patrols"
        return default

    answers = interview(_answers(), ask, lambda text: None)
    assert "By (partner ids or names joined by ',', or all)" in asked
    assert answers.activities == [("all", "Joint patrols")]
