"""The self-assessment: `assess` asks the research's questions in the terminal and saves each
answer as it is given, comments kept; scores per principle and stage are hand-checked; the
advice rules that use the answers (LM135, LM136) fire on a claim the model does not bear out
and stay quiet on near misses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.analysis.advice import RULES
from logicmodel.analysis.assessment import mismatches, principle_scores, stage_scores
from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.editing.layer import Draft, EditError
from logicmodel.fileformat.loading import LoadError, load
from logicmodel.models.questions import QUESTION_IDS, QUESTIONS, Principle

from .conftest import FIGURE1

COMMENT = "# the partners' own view, asked at the March workshop\n"


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, path)
    path.write_text(path.read_text("utf-8") + COMMENT, "utf-8")
    return path


def _run(*args: str, given: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=given)
    return result.exit_code, result.stdout, result.stderr


def test_every_question_has_a_source_and_tests_something() -> None:
    assert len(set(QUESTION_IDS)) == len(QUESTIONS)
    for question in QUESTIONS:
        assert question.cited
        assert question.principle is not None or question.stage is not None
    for principle in Principle:
        assert any(q.principle is principle for q in QUESTIONS), principle


def test_terminal_answers_are_saved_one_by_one_with_comments_kept(model_file: Path) -> None:
    # yes with a note, partly with none, skip one, then stop: the two answers are in the file.
    code, out, _ = _run(
        "assess",
        str(model_file),
        "--stage",
        "purpose",
        given="yes\nshared NEET target\npartly\n\n\n",
    )
    assert code == 0, out
    text = model_file.read_text("utf-8")
    assert COMMENT in text
    answers = {a.question: a for a in load(model_file).assessment}
    assert answers["purpose"].answer.value == "yes"
    assert answers["purpose"].note == "shared NEET target"
    assert answers["specific-gain"].answer.value == "partly"
    assert "beyond-alone" not in answers
    # Clear: purpose yes (1) + specific-gain partly (0.5) of 2 answered.
    assert "75% (2 of 4 answered)" in out


def test_stopping_part_way_keeps_what_was_answered(model_file: Path) -> None:
    code, _, _ = _run("assess", str(model_file), given="no\n\nq\n")
    assert code == 0
    answers = load(model_file).assessment
    assert [(a.question, a.answer.value) for a in answers] == [(QUESTIONS[0].id, "no")]


def test_an_earlier_answer_is_the_default_and_is_changed_in_place(model_file: Path) -> None:
    _run("assess", str(model_file), "--answer", "trend=no", "--note", "no data before 2004")
    _run("assess", str(model_file), "--answer", "purpose=yes")
    before = model_file.read_bytes()
    # Enter keeps trend's 'no' (the first review question) without asking for a note again.
    code, out, _ = _run("assess", str(model_file), "--stage", "review", given="\nq\n")
    assert code == 0 and "Enter keeps no" in out
    assert model_file.read_bytes() == before
    # A new answer to purpose changes it in place, its note kept.
    _run("assess", str(model_file), "--answer", "trend=partly")
    answers = load(model_file).assessment
    assert [a.question for a in answers] == ["trend", "purpose"]
    assert answers[0].answer.value == "partly" and answers[0].note == "no data before 2004"


def test_scores_are_worked_by_hand(model_file: Path) -> None:
    draft = Draft.open(model_file)
    # Monitored: baselines yes, monitoring-built-in partly, trend no, right-direction unsure.
    for question, word in [
        ("baselines", "yes"),
        ("monitoring-built-in", "partly"),
        ("trend", "no"),
        ("right-direction", "unsure"),
    ]:
        draft.answer(question, word)
    draft.save()
    model = load(model_file)
    monitored = next(s for s in principle_scores(model) if s.key == "monitored")
    assert (monitored.asked, monitored.answered, monitored.points) == (4, 3, 1.5)
    assert monitored.share == pytest.approx(0.5)
    plan = next(s for s in stage_scores(model) if s.key == "plan")
    # Plan's questions answered: baselines (1) and monitoring-built-in (0.5).
    assert (plan.answered, plan.points) == (2, 1.5)
    code, out, _ = _run("assess", str(model_file), "--scores", "--json")
    assert code == 0
    data = json.loads(out)
    assert {p["id"]: p["share"] for p in data["principles"]}["monitored"] == 0.5
    assert {s["id"]: s["answered"] for s in data["stages"]}["review"] == 1


def test_a_yes_the_model_does_not_bear_out_is_advised(model_file: Path) -> None:
    _run("assess", str(model_file), "--answer", "targets-alone-together=yes")
    model = load(model_file)
    assert [m.question for m in mismatches(model)] == ["targets-alone-together"]
    found = list(RULES["LM135"].check(model, trace(model)))
    assert found and found[0][0] == ("assessment", 0, "answer")
    code, out, _ = _run("check", str(model_file))
    assert "LM135" in out


def test_near_misses_draw_no_advice(model_file: Path) -> None:
    # 'partly' claims less than yes; a yes the model bears out is no mismatch.
    _run("assess", str(model_file), "--answer", "targets-alone-together=partly")
    draft = Draft.open(model_file)
    draft.add_indicator("trust", "Trust score", target_alone=50, target_together=60)
    draft.answer("monitoring-built-in", "yes")
    draft.save()
    model = load(model_file)
    assert mismatches(model) == []
    _run("assess", str(model_file), "--answer", "targets-alone-together=yes")
    assert mismatches(load(model_file)) == []


def test_a_principle_scored_low_is_noted_and_half_is_not(model_file: Path) -> None:
    draft = Draft.open(model_file)
    draft.answer("gain-outweighs-pain", "no").answer("lowest-cost", "partly")
    draft.save()
    found = list(RULES["LM136"].check(load(model_file), trace(load(model_file))))
    assert len(found) == 1 and "outweighs its cost" in found[0][1]
    Draft.open(model_file).answer("resources", "partly").save()
    # 0 + 0.5 + 0.5 of 3 = 33%: still low; make it exactly half.
    Draft.open(model_file).answer("resources", "yes").save()
    model = load(model_file)
    assert list(RULES["LM136"].check(model, trace(model))) == []


def test_bad_answers_are_refused_in_one_line(model_file: Path) -> None:
    before = model_file.read_bytes()
    code, _, err = _run("assess", str(model_file), "--answer", "trnd=yes")
    assert code == 4 and "'trend'" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run("assess", str(model_file), "--answer", "trend=maybe")
    assert code == 4 and "yes, partly, no, unsure" in err
    code, _, err = _run("assess", str(model_file), "--answer", "trend")
    assert code == 4 and "QUESTION=WORD" in err
    assert model_file.read_bytes() == before
    with pytest.raises(EditError):
        Draft.open(model_file).unanswer("trend")


def test_a_misspelt_question_in_the_file_is_located(model_file: Path) -> None:
    text = model_file.read_text("utf-8") + "assessment:\n  - {question: trnd, answer: 'yes'}\n"
    model_file.write_text(text, "utf-8")
    with pytest.raises(LoadError) as caught:
        load(model_file)
    message = str(caught.value.errors[0])
    assert "'trend'" in message and f":{text.count(chr(10))}:" in message


def test_the_partnership_stage_is_set_like_any_field(model_file: Path) -> None:
    code, _, _ = _run("set", str(model_file), "partnership", "stage", "plan")
    assert code == 0
    assert load(model_file).partnership.stage is not None
    code, _, err = _run("set", str(model_file), "partnership", "stage", "planning")
    assert code == 2 and "'plan'" in err


def test_list_needs_no_file() -> None:
    code, out, _ = _run("assess", "--list")
    assert code == 0
    assert all(f"{q}:" in out for q in QUESTION_IDS)


def test_the_board_report_shows_the_scores_and_the_claims_not_borne_out(model_file: Path) -> None:
    from logicmodel.renderers import report as board

    _run("set", str(model_file), "partnership", "stage", "plan")
    _run("assess", str(model_file), "--answer", "targets-alone-together=yes")
    _run("assess", str(model_file), "--answer", "trend=partly", "--note", "two years of figures")
    html = board.report_html(board.read(model_file))
    section = html.split('<section id="assessment">')[1].split("</section>")[0]
    assert "Translating the strategy into an action plan" in section
    # Planned: targets-alone-together yes, 1 of 4 answered; monitored: trend partly.
    assert "<td>Gain planned and designed in</td><td>100% (1 of 4 answered)</td>" in section
    assert "<td>Gain monitored</td><td>50% (1 of 4 answered)</td>" in section
    assert "no indicator has both" in section
    assert "two years of figures" in section


def _small(**partnership: object) -> dict[str, object]:
    return {
        "logicmodel": 1,
        "title": "Small",
        "partnership": dict(partnership),
        "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "activities": [{"id": "joint", "label": "Joint", "by": ["a", "b"], "leads_to": ["out"]}],
        "interim": [{"id": "out", "label": "Outcome"}],
    }


def _indicator(**fields: object) -> dict[str, object]:
    return {"name": "Incidents", **fields}


# Each 'yes' with a model that does not bear it out, and the nearest model that does.
Case = tuple[dict[str, Any], list[dict[str, object]], str | None]
BORNE_OUT_CASES: dict[str, tuple[Case, Case]] = {
    "targets-alone-together": (
        ({}, [_indicator(target_alone=40)], "target_alone` and `target_together"),
        ({}, [_indicator(target_alone=40, target_together=30)], None),
    ),
    "baselines": (({}, [_indicator()], "baseline"), ({}, [_indicator(actuals={2005: 4})], None)),
    "monitoring-built-in": (({}, [], "no element has an indicator"), ({}, [_indicator()], None)),
    "trend": (
        # Figures from the start year on are no trend before it; no start, no trend at all.
        ({"started": 2006}, [_indicator(actuals={2005: 4, 2006: 3})], "before"),
        ({"started": 2006}, [_indicator(actuals={2004: 5, 2005: 4})], None),
    ),
    "gain-outweighs-pain": (
        ({"costs": [{"item": "Meetings"}]}, [], "no costs and benefits"),
        ({"costs": [{"item": "Meetings"}], "benefits": [{"item": "Visits saved"}]}, [], None),
    ),
}


@pytest.mark.parametrize("question", sorted(BORNE_OUT_CASES))
def test_each_claim_is_held_to_the_model_with_a_near_miss(question: str) -> None:
    from logicmodel.models import LogicModel

    for partnership, indicators, reason in BORNE_OUT_CASES[question]:
        data = _small(**partnership)
        data["interim"][0]["indicators"] = indicators  # type: ignore[index]
        data["assessment"] = [{"question": question, "answer": "yes"}]
        found = mismatches(LogicModel.model_validate(data))
        if reason is None:
            assert found == [], (question, partnership, indicators)
        else:
            assert [m.question for m in found] == [question] and reason in found[0].reason


def test_a_trend_needs_a_start() -> None:
    from logicmodel.models import LogicModel

    data = _small()
    data["interim"][0]["indicators"] = [_indicator(actuals={2001: 1, 2002: 2, 2003: 3})]  # type: ignore[index]
    data["assessment"] = [{"question": "trend", "answer": "yes"}]
    assert [m.question for m in mismatches(LogicModel.model_validate(data))] == ["trend"]


def test_an_answers_note_is_changed_and_taken_away_in_place(model_file: Path) -> None:
    Draft.open(model_file).answer("trend", "no", note="no figures yet").save()
    Draft.open(model_file).answer("trend", "partly", note="figures from 2005").save()
    (answer,) = load(model_file).assessment
    assert (answer.answer.value, answer.note) == ("partly", "figures from 2005")
    Draft.open(model_file).answer("trend", "partly").save()  # no note given: the note stays
    assert load(model_file).assessment[0].note == "figures from 2005"
    Draft.open(model_file).answer("trend", "yes", note="").save()  # an empty note removes it
    (answer,) = load(model_file).assessment
    assert (answer.answer.value, answer.note) == ("yes", None)
    assert "note" not in model_file.read_text("utf-8").split("assessment:")[1]
    assert COMMENT in model_file.read_text("utf-8")
