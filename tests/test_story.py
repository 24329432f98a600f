"""The contribution story: what an outcome's claimed gain rests on, checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from logicmodel.analysis.story import format_json, format_markdown, format_text, stories, story
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.renderers.story_view import story_html

SAMPLES = Path(__file__).parent.parent / "samples"

# a works alone (a-work) and with b and c (joint); the joint work reaches the result only through
# mid, so joint -> mid and mid -> result carry the gain; a-work -> result does not (the result
# keeps its own support without it, and the collaboration does not pass it).
MODEL = """\
logicmodel: 1
title: Story
partners: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
inputs:
  - {id: a-staff, label: A's staff, by: a, leads_to: [a-work]}
  - {id: b-staff, label: B's staff, by: b, leads_to: [joint]}
activities:
  - id: a-work
    label: A's own work
    by: a
    leads_to:
      - {to: result, evidence: {level: measured, source: A's annual report}}
  - id: joint
    label: Joint patrols
    by: [a, b, c]
    leads_to:
      - to: mid
        because: Patrols together cover more streets
        evidence: {level: expected}
        assumptions: [Partners keep their officers on the patrols]
interim:
  - id: mid
    label: More streets covered
    leads_to:
      - to: result
        evidence: {level: reported, source: Survey}
        external_factors: [Better street lighting]
ultimate:
  - {id: result, label: Less crime, gain: Less crime than either alone}
"""


def _model(tmp_path: Path) -> Path:
    path = tmp_path / "story.yaml"
    path.write_text(MODEL, "utf-8")
    return path


def test_the_story_names_the_weakest_critical_link_and_what_the_gain_rests_on(
    tmp_path: Path,
) -> None:
    told = story(load(_model(tmp_path)), "result")
    assert told.trace_class == "collaborative-gain"
    assert told.critical_elements == {"joint": ["a", "b", "c"]}
    critical = {(link.source, link.target) for link in told.links if link.critical}
    assert critical == {("joint", "mid"), ("mid", "result")}
    assert told.weakest is not None
    assert (told.weakest.source, told.weakest.target, told.weakest.strength) == (
        "joint",
        "mid",
        "expected",
    )
    assert len(told.evidenced) == 3  # a-work -> result, joint -> mid, mid -> result
    assert {(link.source, link.target) for link in told.assumed} == {
        ("a-staff", "a-work"),
        ("b-staff", "joint"),
    }
    assert told.external_factors == ["Better street lighting"]
    assert told.assumptions == ["Partners keep their officers on the patrols"]
    # Without a, its own work goes and only the joint work (b and c go on) reaches the result.
    assert told.partners_costing == {"a": "collaboration-only"}


def test_a_refuted_critical_link_is_weaker_than_one_with_no_evidence(tmp_path: Path) -> None:
    path = _model(tmp_path)
    path.write_text(
        MODEL.replace(
            "{level: reported, source: Survey}", "{level: verified, stance: refutes}"
        ).replace("        evidence: {level: expected}\n", ""),
        "utf-8",
    )
    told = story(load(path), "result")
    assert told.weakest is not None
    assert (told.weakest.source, told.weakest.strength) == ("mid", "refuted")
    assert "mid -> result: refuted" in format_text([told])


def test_the_text_and_markdown_say_the_same_parts(tmp_path: Path) -> None:
    told = stories(load(_model(tmp_path)))
    text, markdown = format_text(told), format_markdown(told)
    for words in ("joint (by a, b, c)", "without a: collaboration-only", "Better street lighting"):
        assert words in text
        assert words in markdown
    assert "joint -> mid: evidence beyond expected" in text


def test_the_json_round_trips_the_story(tmp_path: Path) -> None:
    told = stories(load(_model(tmp_path)), "result")
    data = json.loads(format_json(told))
    assert [one["outcome"] for one in data] == ["result"]
    assert data[0]["weakest_critical_link"]["from"] == "joint"
    assert data[0]["weakest_critical_link"]["evidence"] == {"level": "expected"}
    assert (data[0]["evidenced"], data[0]["assumed"]) == (3, 2)
    assert data[0] == json.loads(json.dumps(told[0].record()))


def test_inverclyde_rests_its_resources_gain_on_the_christmas_deployment() -> None:
    text = format_text(stories(load(SAMPLES / "inverclyde-community-safety.yaml")))
    (resources,) = [part for part in text.split("\n\n") if part.startswith("effective-resources:")]
    # Annexe line 214: the police and wardens co-ordinating at Christmas, a reported link.
    assert "christmas-deployment (by police, council)" in resources
    assert "christmas-deployment -> effective-resources: evidence beyond reported" in resources
    assert "without police: single-agency" in resources


def test_west_lothian_rests_trust_on_the_armadale_pilot() -> None:
    told = {s.outcome: s for s in stories(load(SAMPLES / "west-lothian-safer-neighbourhoods.yaml"))}
    trust = told["trust"]
    assert set(trust.critical_elements) == {"armadale-pilot", "teams"}
    assert trust.weakest is not None
    assert (trust.weakest.source, trust.weakest.target) == ("armadale-pilot", "trust")
    assert trust.weakest.facts is not None and trust.weakest.facts.evidence is not None
    assert "line 303" in (trust.weakest.facts.evidence.source or "")


def test_story_refuses_an_unknown_outcome_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["story", str(_model(tmp_path)), "--outcome", "resul"])
    assert result.exit_code == 4
    assert result.output.strip().splitlines() == [
        f"{tmp_path / 'story.yaml'}: no outcome 'resul' (did you mean 'result'?)"
    ]


def test_story_writes_markdown_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "story.md"
    result = CliRunner().invoke(
        cli, ["story", str(_model(tmp_path)), "--format", "markdown", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "\n## result: Less crime (collaborative-gain" in target.read_text("utf-8")


def test_the_board_report_tells_each_claimed_gains_story() -> None:
    model = load(SAMPLES / "inverclyde-community-safety.yaml")
    html = story_html(model)
    assert html.count("<h3>") == len(stories(model))
    assert "christmas-deployment -&gt; effective-resources: evidence beyond reported" in html
