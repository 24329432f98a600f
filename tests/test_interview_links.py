"""The `new` interview asks what each output and activity leads to, from a numbered list, and
links only that; ids made from labels end at a whole word, never on 'and' or 'of'."""

from __future__ import annotations

import shlex
from pathlib import Path

from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.editing.build import slug
from logicmodel.editing.interview import Answers, interview
from logicmodel.fileformat.loading import load


class Script:
    """Answers to give, each for a question that must contain the words expected."""

    def __init__(self, *steps: tuple[str, str]) -> None:
        self.steps = list(steps)
        self.said: list[str] = []

    def ask(self, question: str, default: str) -> str:
        expected, answer = self.steps.pop(0)
        assert expected in question, (expected, question)
        return answer or default

    def say(self, text: str) -> None:
        self.said.append(text)


def given() -> Answers:
    answers = Answers(title="Less alcohol harm", area="", name="", type="strategic")
    answers.focus = answers.vision = ""
    answers.add_partners(["council=Inverclyde Council", "police=Police Scotland"])
    answers.lead = "council"
    return answers


OUTCOMES = [
    ("Ultimate", "Less alcohol-related harm"),
    ("Intermediate", ""),
    ("Interim", "Fewer alcohol-related crimes and disorder"),
    ("Interim", "Fewer repeat admissions"),
    ("Interim", ""),
]


def test_each_output_and_activity_leads_only_where_the_numbers_say() -> None:
    script = Script(
        *OUTCOMES,
        ("Output", "Licensed premises checked"),
        ("By", "police"),
        ("Leads to", "1"),
        ("Output", ""),
        ("Activity", "Joint licensing visits"),
        ("By", "all"),
        ("Leads to", "9"),  # not on the list: asked again
        ("Leads to", "1, 3"),
        ("Activity", "Brief interventions"),
        ("By", "council"),
        ("Leads to", "3"),
        ("Activity", ""),
        ("working together add", ""),
        ("working together add", ""),
    )
    answers = interview(given(), script.ask, script.say)
    assert script.steps == []
    assert any("1. Licensed premises checked" in text for text in script.said)
    assert any("'9' is not on the list" in text for text in script.said)
    model = answers.draft().check()
    crimes, admissions = (outcome.id for outcome in model.interim)
    assert crimes == "fewer-alcohol-related-crimes"
    (output,) = model.outputs
    assert output.leads_to == [crimes]
    visits, interventions = model.activities
    assert visits.leads_to == [output.id, admissions]
    assert interventions.leads_to == [admissions]


def test_the_answers_with_links_as_a_command_make_the_same_model(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = given()
    answers.ultimate = "Less harm"
    answers.interim += ["Fewer crimes", "Fewer admissions"]
    answers.outputs += [("police", "Premises checked")]
    answers.activities += [("all", "Joint visits"), ("council", "Brief interventions")]
    answers.links += [
        ("Premises checked", "Fewer crimes"),
        ("Joint visits", "Premises checked"),
        ("Brief interventions", "fewer-admissions"),
    ]
    target = tmp_path / "again.yaml"
    words = shlex.split(answers.as_command(str(target)))
    result = runner.invoke(cli, words[1:])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8") == answers.draft("yaml", str(target)).text
    model = load(target)
    assert [a.leads_to for a in model.activities] == [["premises-checked"], ["fewer-admissions"]]
    assert model.outputs[0].leads_to == ["fewer-crimes"]


def test_a_link_to_nothing_known_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "new",
            str(tmp_path / "m.yaml"),
            "--no-interactive",
            "--title",
            "T",
            "--partner",
            "a=A",
            "--interim",
            "Fewer crimes",
            "--activity",
            "a=Visits",
            "--link",
            "Visits=Fewer crime",
        ],
    )
    assert result.exit_code != 0
    assert "did you mean 'Fewer crimes'?" in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_ids_made_from_labels_end_at_a_whole_word() -> None:
    assert slug("Fewer alcohol-related crimes and disorder in the town") == (
        "fewer-alcohol-related-crimes"
    )
    assert slug("More people in work and in training") == "more-people-in-work"
    assert slug("And") == "and"
