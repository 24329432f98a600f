"""A whole model built from an empty `new` with the verbs alone, a person's comments written
between the steps: every field lands where it should, every comment survives, and `gain`
gives the figures worked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.models import Contribution, Outcome

# Each step: the verb's words, then a comment a person writes into the file after it (a line
# of its own after a line holding the text, or at the end of the file).
STEPS: list[tuple[list[str], tuple[str, str] | None]] = [
    (
        [
            "new",
            "--title",
            "Fewer young people NEET in Anytown",
            "--partner",
            "council=Anytown Council",
            "--no-interactive",
        ],
        ("title:$", "# agreed at the first workshop"),
    ),
    (["partner", "add", "college", "Anytown College", "--short", "College"], None),
    (["set", "partnership", "started", "2005"], ("started:$", "# the compact was signed in 2005")),
    (["add", "inputs", "--label", "Pooled budget for mentoring", "--by", "all"], None),
    (
        [
            "add",
            "activities",
            "--id",
            "mentoring",
            "--label",
            "Joint mentoring",
            "--by",
            "council,college",
        ],
        None,
    ),
    (
        ["add", "activities", "--id", "careers", "--label", "Careers advice", "--by", "college"],
        None,
    ),
    (
        ["add", "outputs", "--id", "mentored", "--label", "Young people mentored", "--by", "all"],
        ("- id: mentored", "# counted by the college"),
    ),
    (["add", "interim", "--id", "fewer-neet", "--label", "Fewer young people NEET"], None),
    (["add", "intermediate", "--id", "more-in-work", "--label", "More young adults in work"], None),
    (["add", "ultimate", "--id", "thriving", "--label", "A thriving town"], None),
    (["link", "pooled-budget-for-mentoring", "mentoring"], None),
    (["link", "mentoring", "mentored"], None),
    (["link", "mentored", "fewer-neet"], None),
    (["link", "careers", "fewer-neet"], None),
    (["link", "mentoring", "careers", "--enhances"], ("enhances:$", "# mentors refer to advisers")),
    (["link", "fewer-neet", "more-in-work"], None),
    (["link", "more-in-work", "thriving"], None),
    (["set", "fewer-neet", "gain", "Mentors reach those advisers never see"], None),
    (
        [
            "indicator",
            "add",
            "fewer-neet",
            "NEET young people",
            "--unit",
            "people",
            "--better",
            "lower",
            "--actual",
            "2002=500",
            "--actual",
            "2003=480",
        ],
        ("- name: NEET young people", "# from the council's monthly returns"),
    ),
    (["actual", "fewer-neet", "2004", "460"], None),
    (["actual", "fewer-neet", "2005", "430"], None),
    (["actual", "fewer-neet", "2006", "400"], ("2006:$", "# provisional")),
    (["target", "fewer-neet", "--alone", "440", "--together", "400", "--period", "2006"], None),
    (
        ["comparator", "fewer-neet", "Scotland", "--actual", "2004=10000"],
        ("name: Scotland", "# the national figure, from the annual survey"),
    ),
    (["actual", "fewer-neet", "2006", "9000", "--comparator"], None),
    (
        [
            "cost",
            "add",
            "Staff time at meetings",
            "--amount",
            "6000",
            "--unit",
            "pounds a year",
            "--by",
            "all",
        ],
        ("- item: Staff time", "# two hours a week each"),
    ),
    (
        [
            "benefit",
            "add",
            "Fewer benefit claims",
            "--amount",
            "8000..12000",
            "--unit",
            "pounds a year",
            "--by",
            "council",
            "--outcome",
            "fewer-neet",
            "--evidence",
            "expected",
        ],
        None,
    ),
]


def _comment(path: Path, anchor: str, comment: str) -> None:
    """Write a comment as a person would: at the end of the first line holding `anchor`
    (`anchor` ending in '$'), else on a line of its own above it."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at_end = anchor.endswith("$")
    at = next(n for n, line in enumerate(lines) if anchor.rstrip("$") in line)
    if at_end:
        lines[at] = lines[at].rstrip("\n") + "  " + comment + "\n"
    else:
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines.insert(at, indent + comment + "\n")
    path.write_text("".join(lines), "utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("built") / "neet.yaml"
    runner = CliRunner()
    comments: list[str] = []
    for words, comment in STEPS:
        args = [words[0], str(path), *words[1:]]
        if words[0] in ("partner", "indicator", "cost", "benefit"):
            args = [words[0], words[1], str(path), *words[2:]]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (words, result.output)
        if comment is not None:
            _comment(path, *comment)
            comments.append(comment[1])
    return path, comments


def test_every_hand_comment_survives_every_verb(built: tuple[Path, list[str]]) -> None:
    path, comments = built
    text = path.read_text("utf-8")
    for comment in comments:
        assert text.count(comment) == 1, comment
    assert yaml.safe_load(text)["partnership"]["started"] == 2005  # a year, not '2005'


def test_the_model_holds_each_field_the_verbs_gave(built: tuple[Path, list[str]]) -> None:
    model = load(built[0])
    assert [p.id for p in model.partners] == ["council", "college"]
    assert model.partners[1].short == "College"
    assert model.partnership.started == "2005"
    (budget,) = model.inputs
    assert budget.id == "pooled-budget-for-mentoring" and budget.by == "all"
    mentoring, careers = model.activities
    assert isinstance(mentoring, Contribution)
    assert mentoring.by == ["council", "college"] and mentoring.leads_to == ["mentored"]
    assert mentoring.enhances == ["careers"] and careers.leads_to == ["fewer-neet"]
    neet = model.interim[0]
    assert isinstance(neet, Outcome)
    assert neet.leads_to == ["more-in-work"] and model.intermediate[0].leads_to == ["thriving"]
    assert neet.gain == "Mentors reach those advisers never see"
    (indicator,) = neet.indicators
    assert indicator.unit == "people" and indicator.better is not None
    assert indicator.better.value == "lower"
    assert indicator.actuals == {"2002": 500, "2003": 480, "2004": 460, "2005": 430, "2006": 400}
    assert list(indicator.actuals) == sorted(indicator.actuals)
    assert (indicator.target_alone, indicator.target_together) == (440, 400)
    assert indicator.target_period == "2006"
    assert indicator.comparator is not None and indicator.comparator.name == "Scotland"
    assert indicator.comparator.actuals == {"2004": 10000, "2006": 9000}
    (cost,) = model.partnership.costs
    assert (cost.item, cost.amount, cost.unit, cost.by) == (
        "Staff time at meetings",
        6000,
        "pounds a year",
        "all",
    )
    (benefit,) = model.partnership.benefits
    assert benefit.amount == [8000, 12000] and benefit.by == "council"
    assert benefit.outcome == "fewer-neet" and benefit.evidence is not None
    assert benefit.evidence.value == "expected"


def test_gain_on_the_built_model_gives_the_figures_worked_by_hand(
    built: tuple[Path, list[str]],
) -> None:
    result = CliRunner().invoke(cli, ["gain", str(built[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    (row,) = report["indicators"]
    # Planned: alone 440, together 400, lower is better: 440 - 400 = 40 fewer NEET.
    assert row["planned_gain"] == 40
    # The pre-partnership trend over 2002-2004 (500, 480, 460) falls 20 a year.
    assert row["trend"]["slope"] == pytest.approx(-20)
    # The comparator moves the expectation: 460 in 2004 scaled by Scotland's 9000 / 10000
    # is 414 in 2006; we reached 400, 14 better.
    assert row["method"] == "comparator"
    by_period = {p["period"]: p for p in row["periods"]}
    assert by_period["2006"]["expected"] == pytest.approx(414)
    assert by_period["2006"]["gain"] == pytest.approx(14)
    # Costs 6000 a year against benefits of 8000 to 12000: a net 2000 to 6000.
    (ledger,) = report["ledger"]
    assert (ledger["costs"], ledger["benefits"], ledger["net"]) == (
        6000,
        [8000, 12000],
        [2000, 6000],
    )
