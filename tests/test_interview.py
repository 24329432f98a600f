"""The `new` interview, without a terminal: each answer checked as it is given and asked again
with the reason, so that a slip (issue 28: a partner's short name at 'By') never loses the
answers; and the command line's `new` keeps running on it."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.cli.edit_verbs import STAGE_NAMES
from logicmodel.cli.new_import import PARTNERSHIP_TYPES
from logicmodel.editing.interview import Answers, interview
from logicmodel.fileformat.loading import load
from logicmodel.models import PartnershipType, Stage


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


PARTNERSHIP = [
    ("Title", "Less alcohol harm"),
    ("Area", "Inverclyde"),
    ("Name", ""),
    ("Type", "Strategic"),  # any case
    ("focus", ""),
    ("vision", ""),
]
OUTCOMES = [
    ("Ultimate", "Less alcohol-related harm"),
    ("Intermediate", ""),
    ("Interim", "Fewer repeat admissions"),
    ("Interim", ""),
]


def run(script: Script, answers: Answers | None = None) -> Answers:
    """Return the answers the interview completes from a script, every step used."""
    done = interview(answers or Answers(), script.ask, script.say)
    assert script.steps == []
    return done


def test_a_short_name_at_by_is_asked_again_with_did_you_mean() -> None:
    script = Script(
        *PARTNERSHIP,
        ("Partner", "NHS Greater Clyde"),
        ("Partner", "council=Inverclyde Council"),
        ("Partner", ""),
        ("Lead", ""),
        *OUTCOMES,
        ("Output", ""),
        ("Activity", "Joint outreach"),
        ("By", "nhs"),
        ("By", "NHS Greater Clyde, council"),
        ("Leads to", ""),
        ("Activity", "Licensing checks"),
        ("By", "COUNCIL"),
        ("Leads to", ""),
        ("Activity", ""),
        ("working together add", "Nurses and wardens visit together"),
    )
    answers = run(script)
    assert any("'nhs'" in text and "'nhs-greater-clyde'" in text for text in script.said)
    assert answers.type == PartnershipType.STRATEGIC.value
    assert answers.activities == [
        (["nhs-greater-clyde", "council"], "Joint outreach"),
        ("council", "Licensing checks"),
    ]
    model = answers.draft().check()
    assert model.partnership.lead == "nhs-greater-clyde"
    assert model.interim[0].gain == "Nurses and wardens visit together"


def test_a_bad_answer_is_asked_again_never_taken() -> None:
    script = Script(
        ("Title", ""),
        ("Title", "T"),
        ("Area", ""),
        ("Name", ""),
        ("Type", "strategc"),
        ("Type", "informal"),
        ("focus", ""),
        ("vision", ""),
        ("Partner", ""),  # none yet: one is needed
        ("Partner", "a b=Spaced"),  # the format refuses a space in an id
        ("Partner", "a=A"),
        ("Partner", "a=Again"),  # taken
        ("Partner", ""),
        ("Lead", "b"),
        ("Lead", "A"),  # a partner's name, in any case
        ("Ultimate", ""),
        ("Intermediate", ""),
        ("Interim", ""),
        ("Output", ""),
        ("Activity", ""),
    )
    answers = run(script)
    assert len(script.said) == 6 + 5  # six headings, five answers asked again
    assert answers.partners == [("a", "A")] and answers.lead == "a"
    assert answers.type == "informal"


def test_answers_given_as_options_are_not_asked() -> None:
    given = Answers(title="T", type="statutory", ultimate="U", lead="a")
    given.add_partners(["a=A"])
    script = Script(
        ("Area", ""), ("Name", ""), ("focus", ""), ("vision", ""), ("Output", ""), ("Activity", "")
    )
    assert run(script, given).title == "T"


def test_the_answers_as_a_command_make_the_same_model(runner: CliRunner, tmp_path: Path) -> None:
    answers = Answers(title="Safer 'streets'", area="Anytown", ultimate="Safer", lead="police")
    answers.add_partners(["council=Anytown Council", "police=Anytown Police"])
    answers.interim += ["Fewer incidents"]
    answers.activities += [(["council", "police"], "Joint tasking"), ("council", "Patrols")]
    answers.gains["Fewer incidents"] = "Patrols where the data says"
    target = tmp_path / "again.yaml"
    words = shlex.split(answers.as_command(str(target)))
    assert words[:2] == ["logicmodel", "new"]
    result = runner.invoke(cli, words[1:])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8") == answers.draft("yaml", str(target)).text


def test_interactive_new_survives_issue_28s_short_name(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "alcohol.yaml"
    typed = [
        *(answer for _, answer in PARTNERSHIP),
        "NHS Greater Clyde",
        "council=Inverclyde Council",
        "",
        "",
        *(answer for _, answer in OUTCOMES),
        "",  # no output
        "Joint outreach",
        "nhs",
        "nhs-greater-clyde,council",
        "",  # leads to the interim outcome, the default
        "",
        "",
    ]
    result = runner.invoke(
        cli, ["new", str(target), "--interactive"], input="\n".join(typed) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "did you mean 'nhs-greater-clyde'?" in result.output
    model = load(target)
    assert model.activities[0].by == ["nhs-greater-clyde", "council"]
    assert model.partnership.type == PartnershipType.STRATEGIC


def test_a_failed_interview_prints_the_answers_to_run_again(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from logicmodel.editing import interview as asking
    from logicmodel.editing.layer import EditError

    def refuse(self: Answers, fmt: str = "yaml", path: str | None = None) -> None:
        raise EditError("refused for the test")

    monkeypatch.setattr(asking.Answers, "draft", refuse)
    typed = ["T", "", "", "", "", "", "a=A", "", "", "", "", "", "", ""]
    target = tmp_path / "m.yaml"
    result = runner.invoke(
        cli, ["new", str(target), "--interactive"], input="\n".join(typed) + "\n"
    )
    assert result.exit_code == 4
    assert "your answers, to run again: logicmodel new" in result.output
    assert "--title T" in result.output and "--partner a=A" in result.output
    assert not target.exists()


def test_the_command_lines_lists_match_the_file_format() -> None:
    assert tuple(kind.value for kind in PartnershipType) == PARTNERSHIP_TYPES
    assert tuple(stage.value for stage in Stage) == STAGE_NAMES
