"""A what-if's name and its sentence, word for word: the scenario names every leaving partner
and what becomes of their joint work, and the counts refuse a cell that is not a kind of loss."""

from __future__ import annotations

import pytest

from logicmodel.analysis.losses import count_losses, loss_sentence, scenario_text


def test_the_sentence_counts_each_kind_of_loss_of_every_outcome() -> None:
    cells = ["all support", "", "collaborative gain", "all support", "single-agency support"]
    assert loss_sentence("Without police", cells) == (
        "Without police: 1 of 5 outcomes would lose their collaborative gain, "
        "1 their single-agency support and 2 all support"
    )
    assert count_losses(cells) == {
        "collaborative gain": 1,
        "single-agency support": 1,
        "all support": 2,
    }


def test_a_cell_that_is_not_a_kind_of_loss_is_refused_naming_it_and_the_kinds() -> None:
    with pytest.raises(ValueError) as refused:
        count_losses(["all support", "everything", "nothing much"])
    assert str(refused.value) == (
        "not a kind of loss: 'everything' "
        "(kinds: collaborative gain, single-agency support, all support)"
    )


@pytest.mark.parametrize(
    ("leaving", "joint_work", "without_collaboration", "name"),
    [
        (
            ["police", "NHS Board"],
            "continues",
            False,
            "Without police, NHS Board (joint work they took part in carries on with the "
            "partners left)",
        ),
        (["police"], "stops", False, "Without police (joint work they took part in stops)"),
        (
            ["police"],
            "stops",
            True,
            "Without police (joint work they took part in stops) and without collaboration",
        ),
        ([], "continues", True, "Without collaboration"),
        (["nhsBoard"], "stops", False, "Without nhsBoard (joint work they took part in stops)"),
    ],
)
def test_the_scenario_names_the_partners_leaving_and_their_joint_work(
    leaving: list[str], joint_work: str, without_collaboration: bool, name: str
) -> None:
    assert scenario_text(leaving, joint_work, without_collaboration) == name


def test_the_default_assumption_is_that_joint_work_carries_on() -> None:
    assert scenario_text(["police"]) == scenario_text(["police"], "continues")
    assert scenario_text(["police"]).endswith("carries on with the partners left)")
