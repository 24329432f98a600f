"""Stating what a link rests on through the editing layer: `link` with facts, on a new link or
one that exists; rename, unlink and remove keep or take the object whole; comments stay."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import logicmodel
from logicmodel.cli import cli
from logicmodel.editing.errors import EditError
from logicmodel.fileformat.loading import load
from logicmodel.models.links import Channel, Effect, Evidence, Stance
from logicmodel.status import ExitStatus

PLAIN = """\
logicmodel: 1
title: Safer streets
partners:
  - {id: council, name: Council}
  - {id: police, name: Police}
activities:
  # joint work
  - id: tasking
    label: Joint tasking
    by: all
    leads_to: [safer]   # the main claim
    enhances: [patrols]
  - id: patrols
    label: Patrols
    by: police
    leads_to:
      - safer  # own work
interim:
  - {id: safer, label: Streets feel safer, gain: Better targeted patrols}
  - {id: trust, label: Residents trust the police}
"""


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(PLAIN, "utf-8")
    return path


def test_facts_set_on_existing_and_new_links_load_back(model_file: Path) -> None:
    with logicmodel.edit(model_file) as draft:
        draft.link(
            "tasking",
            "safer",
            because="Patrols go where the data shows trouble",
            assumptions=["Data shared weekly"],
            evidence="reported",
            evidence_source="Annual report p. 4",
        )
        draft.link("patrols", "safer", effect="negative")
        draft.link("tasking", "trust", evidence="measured", stance="refutes")
        draft.link("tasking", "patrols", enhances=True, channel="additional-intelligence")
    text = model_file.read_text("utf-8")
    for comment in ("# joint work", "# the main claim", "# own work"):
        assert comment in text
    model = load(model_file)
    tasking, patrols = model.activities
    assert tasking.leads_to == ["safer", "trust"]
    safer = tasking.facts_of("safer")
    assert safer is not None and safer.evidence is not None
    assert safer.because == "Patrols go where the data shows trouble"
    assert safer.assumptions == ["Data shared weekly"]
    assert (safer.evidence.level, safer.evidence.source) == (
        Evidence.REPORTED,
        "Annual report p. 4",
    )
    trust = tasking.facts_of("trust")
    assert trust is not None and trust.evidence is not None
    assert trust.evidence.stance is Stance.REFUTES
    enhance = tasking.facts_of("patrols")
    assert enhance is not None and enhance.channel is Channel.ADDITIONAL_INTELLIGENCE
    negative = patrols.facts_of("safer")
    assert negative is not None and negative.effect is Effect.NEGATIVE


def test_setting_one_fact_keeps_the_others(model_file: Path) -> None:
    with logicmodel.edit(model_file) as draft:
        draft.link("tasking", "safer", because="Shared data", evidence="reported")
    with logicmodel.edit(model_file) as draft:
        draft.link("tasking", "safer", stance="mixed", confidence="low")
    facts = load(model_file).activities[0].facts_of("safer")
    assert facts is not None and facts.evidence is not None
    assert facts.because == "Shared data"
    assert (facts.evidence.level, facts.evidence.stance) == (Evidence.REPORTED, Stance.MIXED)


def test_rename_unlink_and_remove_handle_a_stated_link(model_file: Path) -> None:
    with logicmodel.edit(model_file) as draft:
        draft.link("tasking", "safer", because="Shared data")
        draft.link("patrols", "safer", effect="negative")
    with logicmodel.edit(model_file) as draft:
        draft.rename("safer", "safe-streets")
    model = load(model_file)
    assert model.activities[0].leads_to == ["safe-streets"]
    facts = model.activities[0].facts_of("safe-streets")
    assert facts is not None and facts.because == "Shared data"
    with logicmodel.edit(model_file) as draft:
        draft.unlink("patrols", "safe-streets")
        draft.remove("tasking", force=True)
    model = load(model_file)
    assert [e.id for e in model.activities] == ["patrols"]
    assert model.activities[0].leads_to == []


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ({"evidence": "proven"}, "evidence level 'proven' is not one of planned"),
        ({"stance": "refute"}, "did you mean 'refutes'?"),
        ({"stance": "refutes"}, "evidence needs its level"),
        ({"weight": "3"}, "a link has no fact 'weight'"),
    ],
)
def test_bad_facts_are_refused_and_nothing_is_written(
    model_file: Path, facts: dict[str, Any], words: str
) -> None:
    with pytest.raises(EditError) as caught, logicmodel.edit(model_file) as draft:
        draft.link("tasking", "safer", **facts)
    assert words in str(caught.value)
    assert model_file.read_text("utf-8") == PLAIN


def test_a_channel_on_a_leads_to_link_is_refused_where_it_is(model_file: Path) -> None:
    result = CliRunner().invoke(
        cli, ["link", str(model_file), "tasking", "safer", "--channel", "wider-perspectives"]
    )
    assert result.exit_code != 0
    assert "only an enhances link takes" in result.output
    assert model_file.read_text("utf-8") == PLAIN


def test_link_options_on_the_command_line(model_file: Path) -> None:
    runner = CliRunner()
    args = ["link", str(model_file), "patrols", "trust", "--against", "--because", "Crowding"]
    result = runner.invoke(cli, [*args, "--assumption", "A", "--assumption", "B"])
    assert result.exit_code == 0, result.output
    facts = load(model_file).activities[1].facts_of("trust")
    assert facts is not None
    assert (facts.effect, facts.because, facts.assumptions) == (
        Effect.NEGATIVE,
        "Crowding",
        ["A", "B"],
    )
    again = runner.invoke(cli, ["link", str(model_file), "patrols", "trust"])
    assert again.exit_code != 0 and "already has 'trust'" in again.output
    wrong = runner.invoke(cli, ["link", str(model_file), "patrols", "trust", "--evidence", "x"])
    assert wrong.exit_code == ExitStatus.USAGE
