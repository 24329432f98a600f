"""National outcomes: frameworks as data, `contributes_to` checked, the roll-up worked by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.analysis.national import roll_up
from logicmodel.cli import cli
from logicmodel.fileformat.frameworks import (
    FrameworkError,
    load_framework,
    loads_framework,
    model_framework,
    shipped_framework,
    shipped_ids,
)
from logicmodel.fileformat.loading import LoadError, load, loads
from logicmodel.models import TraceClass

# Partners a and b. Paths from the source: own -> o1, joint -> o1, joint -> o2.
# o1: 2 paths, 1 through joint work (share 1/2, collaborative-gain, nothing critical);
# o2: 1 path, through joint work (share 1, collaboration-only, `joint` critical).
# safe-from-crime is served by o1 and o2: 3 paths, 2 collaborative (2/3); gain; none critical.
# strong-communities by o2 alone: share 1, collaboration-only, `joint` critical, lost without it.
MODEL = """\
logicmodel: 1
title: Hand-worked
partnership:
  framework: scotland-npf-2007
  national_outcomes: [safe-from-crime, strong-communities, healthier-lives]
partners:
  - {id: a, name: A}
  - {id: b, name: B}
activities:
  - {id: own, label: Own, by: a, leads_to: [o1]}
  - {id: joint, label: Joint, by: [a, b], leads_to: [o1, o2]}
ultimate:
  - {id: o1, label: O1, contributes_to: [safe-from-crime]}
  - {id: o2, label: O2, contributes_to: [safe-from-crime, strong-communities]}
"""


def _model(text: str = MODEL, name: str = "m.yaml"):  # type: ignore[no-untyped-def]
    model = loads(text, name=name)
    return model, model_framework(model, name)


def test_the_2007_framework_ships_with_its_15_outcomes_in_order_and_its_source() -> None:
    assert "scotland-npf-2007" in shipped_ids()
    framework = shipped_framework("scotland-npf-2007")
    assert len(framework.outcomes) == 15
    assert framework.outcomes[0].text.startswith(
        "We live in a Scotland that is the most attractive"
    )
    assert framework.outcomes[8].text == "We live our lives safe from crime, disorder and danger."
    assert framework.outcomes[14].text.startswith("Our public services are high quality")
    assert framework.number("safe-from-crime") == 9
    assert "Spending Review 2007" in framework.source and "chapter 8" in framework.source


def test_the_roll_up_gives_the_hand_worked_classes_shares_and_critical_elements() -> None:
    model, framework = _model()
    result = roll_up(model, framework)
    assert list(result.national) == ["safe-from-crime", "strong-communities"]  # framework order
    safe, strong = result.national["safe-from-crime"], result.national["strong-communities"]
    assert safe.number == 9 and strong.number == 11
    assert safe.served_by == ("o1", "o2")
    assert safe.trace.trace_class is TraceClass.COLLABORATIVE_GAIN
    assert safe.trace.share == Fraction(2, 3)
    assert safe.trace.paths == 3
    assert safe.trace.critical == ()
    assert not safe.trace.depends_on_collaboration
    assert strong.trace.trace_class is TraceClass.COLLABORATION_ONLY
    assert strong.trace.share == 1
    assert strong.trace.critical == ("joint",)
    assert strong.trace.depends_on_collaboration
    assert result.unserved == ("healthier-lives",)


def test_the_partners_whose_leaving_costs_a_national_outcome_follow_the_what_ifs() -> None:
    model, framework = _model()
    # Joint work carries on with the partner left: it turns green, so the gain goes.
    hopeful = roll_up(model, framework)
    assert hopeful.national["strong-communities"].costly_partners == {
        "a": "collaborative gain",
        "b": "collaborative gain",
    }
    # Joint work stops with b: o2 loses all support; o1 keeps a's own work.
    cautious = roll_up(model, framework, joint_work="stops")
    assert cautious.national["strong-communities"].costly_partners["b"] == "all support"
    assert cautious.national["safe-from-crime"].costly_partners["b"] == "collaborative gain"


def test_a_national_outcome_served_only_by_single_agencies_costs_nothing_to_lose_b() -> None:
    text = MODEL.replace("  - {id: o1, label: O1, contributes_to: [safe-from-crime]}", "").replace(
        "contributes_to: [safe-from-crime, strong-communities]", "contributes_to: [business]"
    )
    text = text.replace(
        "{id: own, label: Own, by: a, leads_to: [o1]}",
        "{id: own, label: Own, by: a, leads_to: [o2]}",
    )
    text = text.replace("leads_to: [o1, o2]}", "leads_to: []}")
    model, framework = _model(text)
    business = roll_up(model, framework).national["business"]
    assert business.trace.trace_class is TraceClass.SINGLE_AGENCY
    assert business.trace.share == 0
    assert business.costly_partners == {"a": "all support"}


def test_a_misspelt_national_outcome_gets_a_did_you_mean_at_its_line() -> None:
    text = MODEL.replace("[safe-from-crime]", "[safe-from-crme]")
    with pytest.raises(LoadError) as raised:
        loads(text, name="m.yaml")
    (error,) = raised.value.errors
    assert (error.line, error.col) == (13, 42)  # the misspelt id itself
    assert "'safe-from-crme'" in error.message and "did you mean 'safe-from-crime'" in error.message


def test_a_misspelt_framework_id_and_a_missing_framework_are_refused_with_the_way_out() -> None:
    with pytest.raises(LoadError, match="did you mean 'scotland-npf-2007'") as raised:
        loads(MODEL.replace("framework: scotland-npf-2007", "framework: scotland-npf-2070"))
    assert raised.value.errors[0].line == 4
    with pytest.raises(LoadError, match="add `framework: scotland-npf-2007`"):
        loads(MODEL.replace("  framework: scotland-npf-2007\n", ""))


OWN_FRAMEWORK = """\
framework: 1
id: anytown-loip
title: Anytown Local Outcomes Improvement Plan
version: "2024"
source: Anytown Community Planning Partnership, LOIP 2024-34
outcomes:
  - {id: safer, text: People in Anytown are safer.}
  - {id: healthier, text: People in Anytown live healthier lives, indicators: [Life expectancy]}
"""


def test_a_users_own_framework_file_is_found_beside_the_model(tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "loip.yaml").write_text(OWN_FRAMEWORK, "utf-8")
    model_file = tmp_path / "m.yaml"
    text = MODEL.replace("scotland-npf-2007", "frameworks/loip.yaml")
    text = text.replace("safe-from-crime", "safer").replace("strong-communities", "healthier")
    model_file.write_text(text.replace(", healthier-lives", ""), "utf-8")
    model = load(model_file)
    result = roll_up(model, model_framework(model, str(model_file)))
    assert [n.number for n in result.national.values()] == [1, 2]
    assert result.national["healthier"].text == "People in Anytown live healthier lives"
    model_file.write_text(text.replace("[safer]", "[safe]"), "utf-8")
    with pytest.raises(LoadError, match="did you mean 'safer'"):
        load(model_file)


def test_a_bad_framework_file_is_reported_at_its_own_line(tmp_path: Path) -> None:
    broken = OWN_FRAMEWORK.replace("{id: healthier, text:", "{id: safer, text:")
    with pytest.raises(FrameworkError, match=r"^loip.yaml:8:6: duplicate outcome id 'safer'"):
        loads_framework(broken, name="loip.yaml")
    with pytest.raises(FrameworkError, match=r"loip.yaml:7:17: outcomes.0.txt: not a key"):
        loads_framework(
            OWN_FRAMEWORK.replace("{id: safer, text:", "{id: safer, txt:"), name="loip.yaml"
        )
    path = tmp_path / "loip.yaml"
    path.write_text(OWN_FRAMEWORK.replace("framework: 1", "framework: 2"), "utf-8")
    with pytest.raises(FrameworkError, match="not an outcomes framework"):
        load_framework(path)
    model_file = tmp_path / "m.yaml"
    model_file.write_text(MODEL.replace("scotland-npf-2007", "loip.yaml"), "utf-8")
    result = CliRunner().invoke(cli, ["check", str(model_file)])
    assert result.exit_code == 2
    assert f"{model_file}:4:3: partnership: framework: {path}:1:1: not an outcomes" in result.output


def test_trace_by_national_outcome_prints_the_roll_up_as_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MODEL, "utf-8")
    arguments = ["trace", str(path), "--by-national-outcome", "--format", "json"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    national = json.loads(result.stdout)["national"]
    assert [(n["number"], n["id"], n["collaborative_share"]) for n in national] == [
        (9, "safe-from-crime", 0.6667),
        (11, "strong-communities", 1.0),
    ]
    assert national[1]["critical"] == ["joint"]
    text = CliRunner().invoke(cli, ["trace", str(path), "--by-national-outcome"]).output
    assert "67%" in text and "in scope but served by nothing: healthier-lives" in text


SAMPLES = sorted(str(p) for p in (Path(__file__).parent.parent / "samples").glob("*.yaml"))


def test_compare_over_the_samples_rolls_up_by_national_outcome_as_counted_by_hand() -> None:
    # Counted from the samples' `contributes_to`: public services by the ARBD project,
    # the North East sub-group (collaboration only), the CHCP and the civic centre; safety by
    # Inverclyde and Aberdeen community safety and the Safer Neighbourhood Unit; healthier
    # lives by the ARBD project and the CHCP; one model each for the other three.
    arguments = ["compare", *SAMPLES, "--by-national-outcome", "--format", "json"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["national"]}
    counts = {ident: row["outcomes"] for ident, row in rows.items()}
    assert counts == {
        "public-services": 4,
        "safe-from-crime": 3,
        "healthier-lives": 2,
        "employment": 1,
        "young-people": 1,
        "strong-communities": 1,
    }
    public = rows["public-services"]
    assert (public["collaborative_gain"], public["collaboration_only"]) == (3, 1)
    assert public["lost_without_collaboration"] == 1  # the North East's, collaboration only
    assert public["relying_share"] == 1.0 and public["number"] == 15
    assert [Path(m).stem for m in rows["safe-from-crime"]["served_by_models"]] == [
        "aberdeen-community-safety",
        "inverclyde-community-safety",
        "west-lothian-safer-neighbourhoods",
    ]
    # Most relied on first: every one relies fully, so the most models lead.
    assert list(rows)[:2] == ["public-services", "safe-from-crime"]


def test_the_national_comparison_chart_draws_a_bar_per_national_outcome() -> None:
    from logicmodel.analysis.comparing import compare_national
    from logicmodel.renderers.comparison import NATIONAL_HEADING, chart

    results = []
    for path in SAMPLES:
        model = load(path)
        results.append((path, roll_up(model, model_framework(model, path))))
    figure = chart(compare_national(results).rows, "classic", NATIONAL_HEADING)
    (axes,) = figure.axes
    names = [label.get_text() for label in axes.get_yticklabels()]
    assert names[:2] == ["15 public-services", "9 safe-from-crime"]
    assert len(names) == 6
    assert any(text.get_text() == NATIONAL_HEADING for text in figure.texts)


ROOT = Path(__file__).parent.parent


def _planners_block(after: str, kind: str) -> str:
    """Return the planners' guide's first `kind` block after a phrase."""
    page = (ROOT / "docs" / "planners.md").read_text("utf-8")
    return page.split(after, 1)[1].split(f"```{kind}\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize(
    ("after", "words"),
    [
        (
            "logicmodel trace samples/inverclyde-arbd.yaml --by-national-outcome",
            ["trace", "samples/inverclyde-arbd.yaml", "--by-national-outcome"],
        ),
        (
            "logicmodel compare samples/*.yaml --by-national-outcome",
            ["compare", *SAMPLES, "--by-national-outcome"],
        ),
    ],
)
def test_the_planners_guide_shows_what_the_roll_up_prints(after: str, words: list[str]) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "logicmodel", *words],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    ).stdout
    assert _planners_block(after, "text") == printed


def test_the_planners_guide_framework_file_is_a_valid_framework() -> None:
    text = _planners_block("can be a file of the same shape", "yaml")
    assert loads_framework(text, name="planners.md").id == "anytown-loip"


def test_the_browser_editor_sets_and_clears_the_national_outcomes_an_outcome_serves(
    tmp_path: Path,
) -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.renderers.html import page_data
    from logicmodel.serving.page_edits import Editor, Refused, version_of

    path = tmp_path / "m.yaml"
    path.write_text(MODEL, "utf-8")
    editor = Editor(str(path))

    def edit(op: str, **args: object) -> dict[str, object]:
        return editor.edit({"op": op, "args": args, "version": version_of(path.read_bytes())})

    # What the element form sends: the ids typed, split at the commas.
    edit("set", ident="o1", field="contributes_to", value=["safe-from-crime", "public-services"])
    assert load(path).ultimate[0].contributes_to == ["safe-from-crime", "public-services"]
    with pytest.raises(Refused, match="did you mean 'public-services'"):
        edit("set", ident="o1", field="contributes_to", value=["public-service"])
    edit("unset", ident="o1", field="contributes_to")
    assert load(path).ultimate[0].contributes_to == []
    # The page carries each outcome's ids for the form to show.
    model = load(path)
    outcomes = {
        row["id"]: row for row in page_data(model, trace(model), "classic", None)["elements"]
    }
    assert outcomes["o2"]["contributes_to"] == ["safe-from-crime", "strong-communities"]
