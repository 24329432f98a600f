"""Plain and benchmark targets (issue 35): the format, the verbs, and `gain`'s report on them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from logicmodel.analysis.gain import measure
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load

MODEL = """\
logicmodel: 1
title: Economy outcomes
partnership: {started: 2009}
partners: [{id: council, name: Council}]
activities:
  - {id: skills, label: Skills programme, by: council, leads_to: [active]}
intermediate:
  - id: active
    label: More working-age people economically active
    indicators:
      - name: Economically active
        unit: "%"
        better: higher
        actuals: {2008: 70, 2012: 74}
        target: 80
        target_period: 2016
      - name: GVA per head
        better: higher
        actuals: {2010: 19000, 2011: 22000, 2012: 20500}
        benchmark:
          name: Regional average
          rule: above
          actuals: {2010: 20000, 2011: 21000, 2012: 21000, 2013: 21500}
"""


def _model(tmp_path: Path, text: str = MODEL) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_progress_to_a_plain_target_is_the_share_of_the_way_and_its_pace(tmp_path: Path) -> None:
    report = measure(load(_model(tmp_path)))
    plain = report.indicators[0].plain
    assert plain is not None
    # Baseline 70 (2008, the last before 2009), target 80 by 2016, 74 in 2012: 4 of 10 points
    # is 40%; a straight line over 2008..2016 would be half way (4 of 8 years) by 2012.
    assert (plain.share, plain.expected_share, plain.on_track) == (0.4, 0.5, False)
    text = MODEL.replace("2012: 74}", "2012: 76}")
    plain = measure(load(_model(tmp_path, text))).indicators[0].plain
    assert plain is not None and (plain.share, plain.on_track) == (0.6, True)


def test_a_benchmark_is_met_or_not_in_each_period_with_both_values(tmp_path: Path) -> None:
    standing = measure(load(_model(tmp_path))).indicators[1].benchmark
    assert standing is not None
    got = [(p.period, p.difference, p.meets) for p in standing.periods]
    assert got == [("2010", -1000, False), ("2011", 1000, True), ("2012", -500, False)]


def test_within_takes_its_margin_and_above_a_margin_is_at_least_that(tmp_path: Path) -> None:
    within = MODEL.replace("rule: above", "rule: within\n          margin: 600")
    standing = measure(load(_model(tmp_path, within))).indicators[1].benchmark
    assert standing is not None
    assert [p.meets for p in standing.periods] == [False, False, True]
    above = MODEL.replace("rule: above", "rule: above\n          margin: 1000")
    standing = measure(load(_model(tmp_path, above))).indicators[1].benchmark
    assert standing is not None and [p.meets for p in standing.periods] == [False, True, False]


def test_gain_says_progress_and_standing_and_no_planned_gain_none(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["gain", str(_model(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "plain target: 80 % by 2016; 40% of the way from 70 in 2008 by 2012 (74): behind" in (
        result.output
    )
    assert "benchmark: above Regional average: met in 1 of 3 periods" in result.output
    assert "planned gain: none" not in result.output
    data = json.loads(
        CliRunner().invoke(cli, ["gain", str(_model(tmp_path)), "--format", "json"]).output
    )
    first, second = data["indicators"]
    assert first["plain_progress"]["share"] == 0.4 and first["plain_progress"]["on_track"] is False
    assert [p["meets"] for p in second["benchmark"]["periods"]] == [False, True, False]


def test_within_without_a_margin_is_refused_with_its_place(tmp_path: Path) -> None:
    path = _model(tmp_path, MODEL.replace("rule: above", "rule: within"))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "m.yaml:22:11:" in result.output and "'within' needs a 'margin'" in result.output


def test_the_target_verb_sets_a_plain_target_and_a_benchmark(tmp_path: Path) -> None:
    path = _model(tmp_path, MODEL.replace("        target: 80\n", ""))
    runner = CliRunner()
    done = runner.invoke(cli, ["target", str(path), "active", "--indicator", "1", "--plain", "85"])
    assert done.exit_code == 0, done.output
    given = [
        "target",
        str(path),
        "active",
        "--indicator",
        "GVA per head",
        "--benchmark",
        "Scotland",
        "--rule",
        "within",
        "--margin",
        "500",
        "--benchmark-actual",
        "2014=22000",
    ]
    done = runner.invoke(cli, given)
    assert done.exit_code == 0, done.output
    first, second = load(path).intermediate[0].indicators
    assert first.target == 85
    assert second.benchmark is not None
    assert (second.benchmark.name, second.benchmark.rule.value, second.benchmark.margin) == (
        "Scotland",
        "within",
        500,
    )
    # Values already there are kept, the new one added.
    assert second.benchmark.actuals == {
        "2010": 20000,
        "2011": 21000,
        "2012": 21000,
        "2013": 21500,
        "2014": 22000,
    }
    refused = runner.invoke(cli, ["target", str(path), "active", "--rule", "above"])
    assert refused.exit_code != 0 and "--benchmark" in refused.output


def test_the_board_report_shows_progress_not_planned_gain_none(tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    result = CliRunner().invoke(cli, ["report", str(_model(tmp_path)), "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text("utf-8")
    assert "plain target: 80 % by 2016; 40% of the way" in page
    assert "benchmark: above Regional average: met in 1 of 3 periods" in page
    assert "planned gain: none" not in page
