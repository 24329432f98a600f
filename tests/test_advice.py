"""Advice rules: each fires on a small model made to break it, and stays quiet on a good one."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.analysis.advice import RULES, advise
from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.models import LogicModel, Stage
from scripts.regenerate_golden import GOLDEN, golden_advice

from .conftest import FIGURE1, ROOT, SAMPLES

Model = dict[str, Any]
STAGES = [stage.value for stage in Stage]

GOOD: Model = {
    "logicmodel": 1,
    "title": "Safer streets",
    "partnership": {
        "name": "Community safety partnership",
        "type": "strategic",
        "focus": "Fewer people harmed by drink in the town centre",
        "vision": "A town centre everyone feels safe in at night",
        "lead": "council",
        "started": "2007",
        "costs": [
            {"item": "Staff time at tasking meetings", "amount": 12000, "unit": "pounds a year"}
        ],
        "benefits": [
            {
                "item": "Call-outs saved",
                "amount": [15000, 18000],
                "unit": "pounds a year",
                "outcome": "safer",
            }
        ],
    },
    "partners": [
        {"id": "council", "name": "Council"},
        {"id": "police", "name": "Police"},
    ],
    "inputs": [
        {"id": "wardens", "label": "Community wardens", "by": "council", "leads_to": ["patrols"]},
        {"id": "officers", "label": "Police officers", "by": "police", "leads_to": ["patrols"]},
    ],
    "activities": [
        {
            "id": "patrols",
            "label": "Patrols",
            "by": ["council", "police"],
            "collaborative": False,
            "leads_to": ["safer"],
        },
        {
            "id": "tasking",
            "label": "Joint tasking",
            "by": ["council", "police"],
            # The one joint link to the gain claimed for `safer`: it states its evidence.
            "enhances": [
                {"to": "patrols", "evidence": {"level": "reported", "source": "Tasking log"}}
            ],
            "leads_to": ["trust"],
        },
    ],
    "interim": [
        {
            "id": "safer",
            "label": "Fewer incidents at night",
            "gain": "Patrols sent where the joint data says",
            "indicators": [
                {
                    "name": "Incidents",
                    "better": "lower",
                    "actuals": {"2005": 40, "2006": 38, "2007": 30},
                },
            ],
            "leads_to": ["confidence"],
        },
        {"id": "trust", "label": "Trust between partners", "leads_to": ["confidence"]},
    ],
    "intermediate": [
        {"id": "confidence", "label": "People feel safe", "leads_to": ["town"]},
    ],
    "ultimate": [{"id": "town", "label": "A safe town centre"}],
}


def codes(data: Model) -> list[str]:
    model = LogicModel.model_validate(data)
    return [f.code for f in advise(model, trace(model))]


def mutate(change: Callable[[Model], object]) -> Model:
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def _big(data: Model, lead: bool) -> None:
    data["activities"] += [
        {"id": f"extra-{i}", "label": f"Extra {i}", "by": "council", "leads_to": ["safer"]}
        for i in range(40)
    ]
    if lead:
        data["ultimate"].append({"id": "second", "label": "Second strand"})


BREAKERS: dict[str, Callable[[Model], object]] = {
    "LM101": lambda d: d["inputs"][0].update(collaborative=True),
    "LM102": lambda d: d["interim"][0].pop("gain"),
    "LM103": lambda d: (
        d["interim"][0].pop("indicators"),
        d["interim"][1].update(indicators=[{"name": "Trust survey"}]),
    ),
    "LM104": lambda d: d["partnership"].pop("lead"),
    "LM105": lambda d: _big(d, lead=True),
    "LM106": lambda d: d["partners"].extend({"id": f"p{i}", "name": f"P{i}"} for i in range(11)),
    # With `by: all` a new partner would take part in the joint work; here it does nothing.
    "LM107": lambda d: d["partners"].append({"id": "fire", "name": "Fire"}),
    "LM108": lambda d: d["partnership"].pop("focus"),
    "LM109": lambda d: d["partnership"].pop("vision"),
    "LM110": lambda d: d["activities"].append({"id": "forum", "label": "Joint forum", "by": "all"}),
    "LM111": lambda d: d["interim"][1].pop("leads_to"),
    "LM112": lambda d: _big(d, lead=False),
    "LM113": lambda d: d["interim"][0].pop("indicators"),
    "LM114": lambda d: d["partnership"].pop("costs"),
    "LM115": lambda d: d["interim"].append({"id": "orphan", "label": "Orphan"}),
    "LM116": lambda d: (d["activities"].pop(1), d["interim"].pop(1)),
    "LM117": lambda d: d["interim"][0]["indicators"][0].update(actuals={"2007": 30}),
    "LM118": lambda d: (
        d["intermediate"][0].update(gain="Claimed, but nothing joint feeds it")
        or d["interim"][0].update(leads_to=[])
        or d["interim"][1].update(leads_to=[])
        or d["intermediate"][0].update(leads_to=["town"])
    ),
    "LM119": lambda d: (
        d["partners"].pop(1),
        d["inputs"].pop(1),
        d["activities"][0].update(by="council"),
        d["activities"][1].update(by="council", collaborative=True),
    ),
    "LM120": lambda d: d.update(advice={"ignore": [{"code": "LM999", "reason": "a slip"}]}),
    "LM121": lambda d: d["interim"][1].update(evidence="measured"),
    "LM122": lambda d: d["interim"][0]["indicators"][0].pop("better"),
    "LM123": lambda d: d["partnership"].update(started="2005"),
    "LM124": lambda d: d["partnership"].pop("benefits"),
    "LM125": lambda d: d["partnership"]["benefits"][0].update(amount=[9000, 15000]),
    # A second partner whose id differs from the first only by a Cyrillic 'о'.
    "LM126": lambda d: d["partners"].append(
        {"id": d["partners"][0]["id"].replace("o", "о", 1), "name": "Twin"}
    ),
    "LM127": lambda d: d["activities"][1].update(category="coherent-plans"),
    # One value before the start: the gain is that value held flat.
    "LM128": lambda d: d["partnership"].update(started="2006"),
    # The model names its framework; its ultimate outcome names no national outcome.
    "LM133": lambda d: d["partnership"].update(framework="scotland-npf-2007"),
    "LM134": lambda d: d["partnership"].update(national_outcomes=["safe-from-crime"]),
    # No indicator has a target alone and together, whatever the partners say.
    "LM135": lambda d: d.update(
        assessment=[{"question": "targets-alone-together", "answer": "yes"}]
    ),
    "LM136": lambda d: d.update(
        assessment=[
            {"question": "gain-outweighs-pain", "answer": "no"},
            {"question": "lowest-cost", "answer": "partly"},
        ]
    ),
    # Confidence stops short of the ultimate outcome: a dead end.
    "LM129": lambda d: d["intermediate"][0].pop("leads_to"),
    # The joint link that alone carries safer's gain, written as a plain id: no evidence.
    "LM140": lambda d: d["activities"][1].update(enhances=["patrols"]),
    "LM141": lambda d: d["activities"][1]["enhances"][0]["evidence"].update(stance="refutes"),
}


def _gain_stated_upstream(data: Model) -> None:
    """Move the gain from `safer` to a new interim outcome that feeds it."""
    data["interim"][0].pop("gain")
    data["activities"][0]["leads_to"] = ["targeted"]
    data["interim"].insert(
        0,
        {
            "id": "targeted",
            "label": "Patrols targeted",
            "gain": "Patrols sent where the joint data says",
            "indicators": [
                {"name": "Targeted", "better": "higher", "target_alone": 5, "target_together": 9}
            ],
            "leads_to": ["safer"],
        },
    )


def _only_council_contributes(data: Model) -> None:
    """LM119's breaker, but the police stay named as a partner."""
    data["inputs"].pop(1)
    data["activities"][0].update(by="council")
    data["activities"][1].update(by="council", collaborative=True)


def _big_with_leads(data: Model, on: str) -> None:
    """A large model in two strands, each with a lead: the first on `on`, the second on itself."""
    _big(data, lead=True)
    data["interim"][1]["leads_to"].append("second")  # trust feeds the second strand
    data[on][0]["lead"] = "police"
    data["ultimate"][1]["lead"] = "council"


# For every rule, one change to GOOD that comes close to breaking it but does not.
def _six_collaborative_activities(data: Model) -> None:
    """Place the joint tasking and five more joint inputs under six of the eleven activities."""
    data["activities"][1]["category"] = "coherent-plans"
    for category in ("governance", "roles", "drive", "communications", "innovation"):
        data["inputs"].append(
            {
                "id": category,
                "label": f"Joint {category}",
                "by": ["council", "police"],
                "category": category,
                "leads_to": ["tasking"],
            }
        )


NEAR_MISSES: dict[str, Callable[[Model], object]] = {
    # The enhances link states no evidence, but a second, evidenced joint link leads to safer:
    # neither carries the gain alone.
    "LM140": lambda d: d["activities"][1].update(
        enhances=["patrols"],
        leads_to=["trust", {"to": "safer", "evidence": "measured"}],
    ),
    # Evidence that is mixed is no refutation.
    "LM141": lambda d: d["activities"][1]["enhances"][0]["evidence"].update(stance="mixed"),
    # Collaborative with two partners, stated outright: nothing is missing.
    "LM101": lambda d: d["inputs"][0].update(by=["council", "police"], collaborative=True),
    "LM102": _gain_stated_upstream,
    # No indicator anywhere: LM113 says so once instead.
    "LM103": lambda d: d["interim"][0].pop("indicators"),
    "LM104": lambda d: d["partnership"].update(lead="police"),
    # A large model whose strands each have a lead: on an outcome upstream, or on the ultimate.
    "LM105": lambda d: _big_with_leads(d, on="intermediate"),
    "LM106": lambda d: d["partners"].extend({"id": f"p{i}", "name": f"P{i}"} for i in range(10)),
    # A new partner that takes part in the joint work.
    "LM107": lambda d: (
        d["partners"].append({"id": "fire", "name": "Fire"}),
        d["activities"][1].update(by="all"),
    ),
    "LM108": lambda d: d["partnership"].pop("vision"),
    "LM109": lambda d: d["partnership"].pop("focus"),
    # Joint work that only enhances: it reaches an outcome through the work it enhances.
    "LM110": lambda d: d["activities"].append(
        {"id": "forum", "label": "Joint forum", "by": "all", "enhances": ["patrols"]}
    ),
    # A collaboration-only outcome that leads nowhere because it is ultimate.
    "LM111": lambda d: (
        d["activities"][1]["leads_to"].append("lasting-trust"),
        d["ultimate"].append({"id": "lasting-trust", "label": "Lasting trust"}),
    ),
    # A large model broken into two strands.
    "LM112": lambda d: _big_with_leads(d, on="ultimate"),
    # The gain's indicator is gone, but another outcome has one: LM103 says so instead.
    "LM113": lambda d: (
        d["interim"][0].pop("indicators"),
        d["interim"][1].update(indicators=[{"name": "Trust survey"}]),
    ),
    "LM114": lambda d: d["partnership"].update(costs=[{"item": "Meeting time"}]),
    # An outcome no contribution leads to directly, fed by a supported outcome.
    "LM115": lambda d: (
        d["interim"].append({"id": "later", "label": "Later", "leads_to": ["confidence"]}),
        d["interim"][0]["leads_to"].append("later"),
    ),
    # The joint tasking goes, but the patrols are joint work now (and their link to the
    # gain states its evidence, as the tasking's did).
    "LM116": lambda d: (
        d["activities"].pop(1),
        d["interim"].pop(1),
        d["activities"][0].pop("collaborative"),
        d["activities"][0].update(leads_to=[{"to": "safer", "evidence": "reported"}]),
    ),
    # One actual, but alone and together targets.
    "LM117": lambda d: d["interim"][0]["indicators"][0].update(
        actuals={"2007": 30}, target_alone=28, target_together=25
    ),
    # A gain claimed further on, where collaboration does lead.
    "LM118": lambda d: d["intermediate"][0].update(
        gain="Confidence from visible joint work",
        indicators=[
            {"name": "Survey", "better": "higher", "target_alone": 60, "target_together": 70}
        ],
    ),
    "LM119": _only_council_contributes,
    "LM120": lambda d: d.update(advice={"ignore": [{"code": "lm109", "reason": "Not yet"}]}),
    # Measured, with the indicator that measured it.
    "LM121": lambda d: d["interim"][0].update(evidence="verified"),
    # No direction, but nothing to measure yet either.
    "LM122": lambda d: d["interim"][1].update(indicators=[{"name": "Trust survey"}]),
    # No value before the start, but a target for working alone.
    "LM123": lambda d: (
        d["partnership"].update(started="2005"),
        d["interim"][0]["indicators"][0].update(target_alone=35, target_together=30),
    ),
    # Neither costs nor benefits: nothing to weigh (LM114 asks for costs).
    "LM124": lambda d: d["partnership"].update(
        benefits=[{"item": "Call-outs saved", "amount": 12000, "unit": "pounds a year"}]
    ),
    # Benefits short of costs, but in another unit: never added together.
    "LM125": lambda d: d["partnership"]["benefits"][0].update(amount=900, unit="hours a year"),
    # Another script in a label is no id: nothing to confuse.
    "LM126": lambda d: d["interim"][0].update(label="Меньше краж (fewer thefts)"),
    "LM127": _six_collaborative_activities,
    # Framework named and the ultimate outcome serves one of its outcomes.
    "LM133": lambda d: (
        d["partnership"].update(framework="scotland-npf-2007"),
        d["ultimate"][0].update(contributes_to=["safe-from-crime"]),
    ),
    # In scope and served, by an outcome short of the ultimate one.
    "LM134": lambda d: (
        d["partnership"].update(national_outcomes=["safe-from-crime"]),
        d["intermediate"][0].update(contributes_to=["safe-from-crime"]),
    ),
    # One value before the start, but a comparator says what would have happened.
    "LM128": lambda d: (
        d["partnership"].update(started="2006"),
        d["interim"][0]["indicators"][0].update(
            comparator={"name": "County", "actuals": {"2005": 400, "2006": 390, "2007": 380}}
        ),
    ),
    # Two figures before the start of 2007: the trend the answer claims is there.
    "LM135": lambda d: d.update(assessment=[{"question": "trend", "answer": "yes"}]),
    # Exactly half the points of what was answered is not low.
    "LM136": lambda d: d.update(
        assessment=[
            {"question": "gain-outweighs-pain", "answer": "no"},
            {"question": "lowest-cost", "answer": "yes"},
            {"question": "resources", "answer": "unsure"},
        ]
    ),
    # An outcome that leads on to another of its own stage is no dead end.
    "LM129": lambda d: (
        d["intermediate"].insert(
            0, {"id": "calm", "label": "Calmer nights", "leads_to": ["confidence"]}
        )
        or d["interim"][0]["leads_to"].append("calm")
    ),
}


def test_good_model_gets_no_advice() -> None:
    assert codes(GOOD) == []


def test_there_are_at_least_fifteen_rules_each_with_a_test() -> None:
    assert len(RULES) >= 15
    assert set(BREAKERS) == set(RULES)


def test_every_rule_has_a_near_miss() -> None:
    assert set(NEAR_MISSES) == set(RULES)
    assert all(mutate(change) != GOOD for change in NEAR_MISSES.values())


@pytest.mark.parametrize("code", sorted(BREAKERS))
def test_rule_fires_on_a_model_that_breaks_it(code: str) -> None:
    assert code in codes(mutate(BREAKERS[code]))


@pytest.mark.parametrize("code", sorted(NEAR_MISSES))
def test_rule_stays_quiet_on_a_near_miss(code: str) -> None:
    assert code not in codes(mutate(NEAR_MISSES[code]))


def test_near_misses_set_off_only_the_rules_they_are_meant_to() -> None:
    # A near miss for one rule may break another on purpose (the pairs that hand over to
    # each other); otherwise it stays clean, so it tests what it says.
    expected = {
        "LM103": ["LM113"],
        "LM106": ["LM107"] * 10,
        "LM108": ["LM109"],
        "LM109": ["LM108"],
        "LM113": ["LM103"],
        "LM119": ["LM101", "LM107"],
    }
    for code, change in NEAR_MISSES.items():
        assert sorted(codes(mutate(change))) == sorted(expected.get(code, [])), code


@pytest.mark.parametrize(
    "actuals",
    [
        {"2001": 44, "2002": 42, "2003": 41},  # three figures, all before the start
        {"2007": 30, "2008": 28, "2009": 27},  # three figures, all from the start
    ],
)
def test_three_figures_on_one_side_of_the_start_measure_no_gain(actuals: dict[str, int]) -> None:
    data = mutate(lambda d: d["interim"][0]["indicators"][0].update(actuals=actuals))
    assert "LM117" in codes(data)
    # Without a start, no figure falls before or after it, however many there are.
    data = mutate(lambda d: d["partnership"].pop("started"))
    assert "LM117" in codes(data)


def test_a_gain_held_flat_is_named_with_its_figures() -> None:
    model = LogicModel.model_validate(mutate(BREAKERS["LM128"]))
    (finding,) = [f for f in advise(model, trace(model)) if f.code == "LM128"]
    assert finding.path == ("interim", 0, "indicators", 0, "actuals")
    # 38 against the flat 40 of 2005, lower being better, is a gain of 2 by 2006; 30 by 2007.
    assert "+10 by 2007" in finding.message and "2005: 40" in finding.message


def _sized(data: Model, extra: int, ultimates: int) -> None:
    data["activities"] += [
        {"id": f"extra-{i}", "label": f"Extra {i}", "by": "council", "leads_to": ["safer"]}
        for i in range(extra)
    ]
    data["ultimate"] += [{"id": f"u{i}", "label": f"U{i}"} for i in range(ultimates - 1)]


@pytest.mark.parametrize("code,ultimates", [("LM105", 2), ("LM112", 1)])
def test_large_model_rules_start_past_forty_elements(code: str, ultimates: int) -> None:
    # GOOD has 8 elements; the strand rules stay quiet at 40 and speak from 41.
    at_limit = mutate(lambda d: _sized(d, 40 - 8 - (ultimates - 1), ultimates))
    assert sum(len(at_limit.get(s, [])) for s in STAGES) == 40
    assert code not in codes(at_limit)
    past = mutate(lambda d: _sized(d, 41 - 8 - (ultimates - 1), ultimates))
    assert code in codes(past)


def test_a_lead_on_an_outcome_upstream_covers_the_strand() -> None:
    for led in ("interim", "intermediate"):
        data = mutate(lambda d: _big(d, lead=True))
        data[led][0]["lead"] = "police"
        data["ultimate"][1]["lead"] = "council"
        assert "LM105" not in codes(data), led
    # A lead on an outcome that does not feed the ultimate outcome covers nothing.
    data = mutate(lambda d: _big(d, lead=True))
    data["ultimate"][1]["lead"] = "council"
    model = LogicModel.model_validate(data)
    found = [f for f in advise(model, trace(model)) if f.code == "LM105"]
    assert [f.path for f in found] == [("ultimate", 0, "id")]
    assert "leading to ultimate outcome 'town'" in found[0].message


def test_a_model_can_switch_a_rule_off_with_a_reason() -> None:
    data = mutate(BREAKERS["LM104"])
    data["advice"] = {"ignore": [{"code": "LM104", "reason": "The chair rotates each year"}]}
    assert "LM104" not in codes(data)


def test_every_rule_explains_itself_with_a_source(runner: CliRunner) -> None:
    for code, each in RULES.items():
        result = runner.invoke(cli, ["check", "--explain", code.lower()])
        assert result.exit_code == 0
        assert result.output.startswith(f"{code} ({each.severity})")
        assert "Source: " in result.output
    listing = runner.invoke(cli, ["rules"]).output
    assert all(code in listing for code in RULES)


def write(tmp_path: Path, data: Model) -> str:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), "utf-8")
    return str(path)


def test_exit_status_advice_alone_zero_errors_one_strict_warnings_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    warned = write(tmp_path, mutate(BREAKERS["LM104"]))
    assert runner.invoke(cli, ["check", warned]).exit_code == 0
    assert runner.invoke(cli, ["check", "--strict", warned]).exit_code == 1
    assert runner.invoke(cli, ["check", "--strict", "--ignore", "LM104", warned]).exit_code == 0
    erred = write(tmp_path, mutate(BREAKERS["LM120"]))
    result = runner.invoke(cli, ["check", erred])
    assert result.exit_code == 1
    assert "LM120 error: unknown rule 'LM999' in advice.ignore" in result.output


def test_select_and_json_output(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, mutate(lambda d: (BREAKERS["LM104"](d), BREAKERS["LM109"](d))))
    result = runner.invoke(cli, ["check", "--format", "json", "--select", "LM109", path])
    (report,) = json.loads(result.output)
    assert [(a["code"], a["severity"]) for a in report["advice"]] == [("LM109", "note")]
    assert report["advice"][0]["line"] >= 1
    bad = runner.invoke(cli, ["check", "--select", "LM1O4", path])
    assert bad.exit_code == 4 and "unknown rule 'LM1O4'" in bad.output  # a usage error


def test_text_output_names_element_and_position(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, mutate(BREAKERS["LM111"]))
    lines = runner.invoke(cli, ["check", path]).output.splitlines()
    (finding,) = [line for line in lines if "LM111" in line]
    assert finding.startswith(f"{path}:") and "interim outcome 'trust'" in finding
    assert lines[-1].endswith("advice: 0 errors, 0 warnings, 1 note")


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_advice_matches_its_golden_file(sample: Path) -> None:
    golden = GOLDEN / "advice" / f"{sample.stem}.json"
    assert golden.exists(), "run scripts/regenerate_golden.py and review the new file"
    assert golden_advice(sample) == json.loads(golden.read_text("utf-8"))


def test_figure1_gets_no_advice_it_does_not_deserve(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--strict", str(FIGURE1)])
    assert result.exit_code == 0
    assert result.output.count("\n") == 1  # the summary line alone


def test_the_checker_and_the_board_report_place_the_same_findings() -> None:
    """`examine` is the one load-trace-advise-locate: check and report agree line for line."""
    from logicmodel.analysis.checking import check_file, examine
    from logicmodel.renderers.report import read

    path = str(ROOT / "samples" / "inverclyde-mcmc.yaml")
    examined = examine(path)
    assert examined.findings, "the sample should draw some advice"
    assert examined.trace.outcomes.keys() == trace(examined.model).outcomes.keys()
    placed = sorted((p.line, p.col, p.finding.code) for p in examined.findings)
    checked = check_file(path).advice
    assert placed == [(a.where.line, a.where.col, a.code) for a in checked]
    assert [x.where for x in read(path).advice] == [
        f"{path}:{p.line}:{p.col}" for p in examined.findings
    ]


def test_examine_refuses_a_file_that_is_not_a_model() -> None:
    from logicmodel.analysis.checking import examine
    from logicmodel.fileformat.loading import LoadError

    with pytest.raises(LoadError) as raised:
        examine(Path(__file__).parent / "bad" / "cycle.yaml")
    assert raised.value.errors and raised.value.errors[0].line > 0


OUTCOMES_ONLY: Model = {
    "logicmodel": 1,
    "title": "Outcome map",
    "partners": [{"id": "council", "name": "Council"}],
    "intermediate": [
        {"id": "a", "label": "A", "leads_to": ["b"]},
        {"id": "c", "label": "C", "leads_to": ["b"]},
    ],
    "ultimate": [{"id": "b", "label": "B"}],
}


def findings_of(data: Model, code: str) -> list[str]:
    model = LogicModel.model_validate(data)
    return [f.message for f in advise(model, trace(model)) if f.code == code]


def test_an_outcome_only_model_is_told_once_that_no_contribution_lies_upstream() -> None:
    (message,) = findings_of(OUTCOMES_ONLY, "LM115")
    assert "no outcome has a contribution upstream" in message
    # Outcomes linked to each other: nothing says that nothing leads to them.
    assert "nothing leads to" not in message
    assert findings_of(OUTCOMES_ONLY, "LM116") == []  # no contributions at all: LM115 speaks


def test_one_unsupported_outcome_among_supported_ones_is_named() -> None:
    messages = findings_of(mutate(BREAKERS["LM115"]), "LM115")
    assert messages == ["no contribution lies upstream of interim outcome 'orphan'"]


def test_an_unassigned_placeholder_partner_draws_no_advice_to_remove_it() -> None:
    data = copy.deepcopy(OUTCOMES_ONLY)
    data["partners"] = [{"id": "tbc", "name": "Not yet assigned", "unassigned": True}]
    data["activities"] = [{"id": "work", "label": "Work", "by": "tbc", "leads_to": ["a"]}]
    found = codes(data)
    assert not {"LM107", "LM116", "LM119"} & set(found), found
    # A named single partner doing the same is told.
    data["partners"] = [{"id": "tbc", "name": "Council"}]
    data["activities"].append({"id": "idle", "label": "Idle", "by": "tbc", "leads_to": ["c"]})
    assert {"LM116", "LM119"} <= set(codes(data))


def test_a_dead_end_outcome_leads_nowhere_but_an_ultimate_one_does_not() -> None:
    messages = findings_of(mutate(BREAKERS["LM129"]), "LM129")
    assert messages == ["intermediate outcome 'confidence' leads to no further outcome"]
    # A collaboration-only dead end is LM111's, not told twice.
    assert findings_of(mutate(BREAKERS["LM111"]), "LM129") == []
