"""Measuring gain: each method on series worked by hand, properties that any series keeps, the
ledger of costs and benefits, bad input as located one-line errors, and the command."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.analysis.gain import (
    COMPARATOR,
    FLAT_BASELINE,
    LINEAR_TREND,
    NO_METHOD,
    NO_UNIT,
    GainReport,
    IndicatorGain,
    linear_trend,
    measure,
    period_year,
    render_gain,
    t_cdf,
    t_quantile,
)
from logicmodel.cli import cli
from logicmodel.fileformat.loading import LoadError, load, loads
from logicmodel.status import ExitStatus

from .conftest import ROOT

MCMC = ROOT / "samples" / "inverclyde-mcmc.yaml"
CIVIC = ROOT / "samples" / "west-lothian-civic-centre.yaml"

BASE = """\
logicmodel: 1
title: Fewer young people NEET
partnership:
  started: {started}
{partnership}partners:
  - {{id: council, name: Inverclyde Council}}
  - {{id: college, name: James Watt College}}
activities:
  - id: programme
    label: Joint employability programme
    by: all
    leads_to: [fewer-neet]
interim:
  - id: fewer-neet
    label: Fewer young people NEET
    indicators:
      - name: Known NEET
        unit: young people
{indicator}"""


def model_text(indicator: str, started: object = 2004, partnership: str = "") -> str:
    """Return a small model whose one indicator has these lines (indented 8 spaces)."""
    lines = "".join(f"        {line}\n" for line in indicator.strip("\n").splitlines())
    return BASE.format(started=started, partnership=partnership, indicator=lines)


def measured(indicator: str, started: object = 2004) -> IndicatorGain:
    """Return the gain on the one indicator of a small model."""
    (gain,) = measure(loads(model_text(indicator, started), name="m.yaml")).indicators
    return gain


def gains(gain: IndicatorGain) -> list[float | None]:
    return [period.gain for period in gain.periods]


# ---------------------------------------------------------------- periods and Student's t


def test_periods_are_years_or_financial_years_placed_at_their_first_year() -> None:
    assert period_year("2004") == 2004
    assert period_year(2004) == 2004
    assert period_year("2004-05") == 2004
    assert period_year("1999-00") == 1999


@pytest.mark.parametrize("text", ["2004/5", "FY04", "04", "2004-06", "2004-2005", " 2004", ""])
def test_other_period_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="year"):
        period_year(text)


@pytest.mark.parametrize(
    ("df", "expected"),
    # Tables of Student's t at 97.5%, and the normal quantile far out.
    [(1, 12.706), (2, 4.303), (3, 3.182), (10, 2.228), (30, 2.042), (1000, 1.962)],
)
def test_t_quantile_matches_the_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-4)
    assert t_quantile(0.025, df) == pytest.approx(-expected, abs=5e-4)


def test_t_quantile_inverts_the_cdf_and_df_1_is_the_cauchy() -> None:
    # With one degree of freedom, t is Cauchy: P(T <= t) = 1/2 + atan(t)/pi.
    for t in (-30.0, -1.0, 0.3, 2.0, 50.0):
        assert t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, abs=1e-12)
    for p in (0.6, 0.9, 0.99, 0.999):
        for df in (1, 4, 17):
            assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-10)


# ---------------------------------------------------------------- each method by hand


def test_the_neet_series_has_a_flat_baseline_at_its_one_year_before() -> None:
    # Started 2004: 2003 (660) is the one value before, so every later year expects 660.
    # Lower is better, so gain = expected - actual: 660-600 = 60, 660-460 = 200,
    # 660-420 = 240, 660-380 = 280 (the annexe's "absolute NEET decrease of 280").
    (neet, ranking) = measure(load(MCMC)).indicators
    assert neet.method == FLAT_BASELINE
    assert neet.better == "lower"
    assert neet.started == 2004
    assert neet.pre == [("2003", 2003, 660)]
    assert [(p.period, p.actual, p.expected) for p in neet.periods] == [
        ("2004", 600, 660),
        ("2005", 460, 660),
        ("2006", 420, 660),
        ("2007", 380, 660),
    ]
    assert gains(neet) == [60, 200, 240, 280]
    assert all(p.low is None and p.high is None and p.beyond is None for p in neet.periods)
    assert neet.trend is None
    assert "flat baseline" in neet.why and "660" in neet.why
    # The ranking has no year before 2004: no trend gain, and the reason is given.
    assert ranking.method == NO_METHOD
    assert ranking.better == "lower"
    assert gains(ranking) == [None, None]
    assert "no value before the partnership started in 2004" in ranking.why


def test_a_pre_series_on_an_exact_line_has_a_zero_width_interval() -> None:
    # 100, 90, 80, 70 for 2000-2003: slope -10, residual 0, so the interval has zero width.
    # Expected 2004 = 60 and 2005 = 50. Lower is better: gain = expected - actual:
    # 60 - 55 = 5 (outside the zero-width interval), 50 - 50 = 0 (inside it).
    gain = measured(
        "better: lower\nactuals: {2000: 100, 2001: 90, 2002: 80, 2003: 70, 2004: 55, 2005: 50}"
    )
    assert gain.method == LINEAR_TREND
    assert gain.trend is not None
    assert (gain.trend.slope, gain.trend.n, gain.trend.residual_se) == (-10, 4, 0)
    assert [(p.expected, p.gain, p.low, p.high, p.beyond) for p in gain.periods] == [
        (60, 5, 60, 60, True),
        (50, 0, 50, 50, False),
    ]


def test_a_linear_trend_and_its_interval_worked_by_hand() -> None:
    # Points (2000, 10), (2001, 12), (2002, 17): mean x 2001, mean y 13, Sxx = 1 + 0 + 1 = 2,
    # Sxy = (-1)(-3) + 0(-1) + (1)(4) = 7, slope 3.5; Syy = 9 + 1 + 16 = 26,
    # SSE = 26 - 3.5 * 7 = 1.5, s = sqrt(1.5 / 1). At 2003: 13 + 3.5 * 2 = 20, and the 95%
    # prediction interval is 20 +- t(0.975, 1) * s * sqrt(1 + 1/3 + 2**2 / 2).
    trend = linear_trend([(2000, 10), (2001, 12), (2002, 17)])
    assert trend.slope == 3.5
    assert trend.intercept == pytest.approx(13 - 3.5 * 2001)
    assert trend.predict(2003) == 20
    half = 12.7062047 * math.sqrt(1.5) * math.sqrt(1 + 1 / 3 + 2)
    low, high = trend.interval(2003) or (0.0, 0.0)
    assert (low, high) == pytest.approx((20 - half, 20 + half))
    # Higher is better (the default reading): gain = actual - expected = 25 - 20 = 5, inside.
    gain = measured("better: higher\nactuals: {2000: 10, 2001: 12, 2002: 17, 2003: 25}", 2003)
    assert gains(gain) == [5]
    assert gain.periods[0].beyond is False


def test_two_values_before_give_a_trend_but_no_interval() -> None:
    # 2002: 100, 2003: 90: slope -10, expected 2004 = 80; higher is better: 85 - 80 = 5.
    gain = measured("better: higher\nactuals: {2002: 100, 2003: 90, 2004: 85}")
    assert gain.method == LINEAR_TREND
    assert gains(gain) == [5]
    assert gain.periods[0].low is None and gain.trend is not None
    assert gain.trend.interval(2004) is None
    assert "two values give no interval" in gain.why


def test_lower_is_better_is_the_same_distance_with_the_other_sign() -> None:
    series = "actuals: {2002: 100, 2003: 90, 2004: 85}"
    higher = measured(f"better: higher\n{series}")
    lower = measured(f"better: lower\n{series}")
    assert gains(higher) == [5] and gains(lower) == [-5]


def test_without_better_the_gain_is_actual_less_expected_and_says_so() -> None:
    gain = measured("actuals: {2003: 100, 2004: 120}")
    assert gain.better is None
    assert gains(gain) == [20]
    assert "`better` is not set" in gain.why


def test_a_comparator_scales_our_base_by_its_change() -> None:
    # Our last year before 2004 is 2003: 660. Scotland: 30000 in 2003, 33000 in 2004, 27000
    # in 2005. Expected 2004 = 660 * 33000 / 30000 = 726; 2005 = 660 * 27000 / 30000 = 594.
    # Lower is better: gain = expected - actual = 726 - 600 = 126, 594 - 460 = 134.
    gain = measured(
        """
better: lower
actuals: {2002: 700, 2003: 660, 2004: 600, 2005: 460}
comparator:
  name: Scotland
  actuals: {2002: 31000, 2003: 30000, 2004: 33000, 2005: 27000}
  source: made up for the test
"""
    )
    assert gain.method == COMPARATOR
    assert gain.comparator == "Scotland"
    assert [p.expected for p in gain.periods] == pytest.approx([726, 594])
    assert gains(gain) == pytest.approx([126, 134])
    assert [(p, year) for p, year, _ in gain.comparator_expected] == [
        ("2003", 2003),
        ("2004", 2004),
        ("2005", 2005),
    ]
    # The trend over the two years before is still computed, for the chart.
    assert gain.trend is not None and gain.trend.slope == -40
    assert "Scotland" in gain.why


def test_planned_gain_is_together_less_alone_signed_by_better() -> None:
    # Lower is better: alone 400, together 350: gain 400 - 350 = 50, 50 / 400 = 12.5%.
    lower = measured("better: lower\ntarget_alone: 400\ntarget_together: 350")
    assert (lower.planned_gain, lower.planned_gain_percent) == (50, 12.5)
    # Higher is better: alone 60, together 75: gain 15, 15 / 60 = 25%.
    higher = measured("better: higher\ntarget_alone: 60\ntarget_together: 75")
    assert (higher.planned_gain, higher.planned_gain_percent) == (15, 25)
    # A together target worse than alone is a negative planned gain.
    worse = measured("better: higher\ntarget_alone: 60\ntarget_together: 45")
    assert worse.planned_gain == -15
    assert measured("target_alone: 60").planned_gain is None


def test_progress_towards_the_together_target_by_its_period() -> None:
    # Baseline 660 (2003, before the start); target 350 by 2006; the last actual by 2006 is
    # 420: (420 - 660) / (350 - 660) = 240 / 310.
    gain = measured(
        "better: lower\nactuals: {2003: 660, 2004: 600, 2006: 420, 2007: 380}\n"
        "target_together: 350\ntarget_period: 2006-07"
    )
    assert gain.target_period == "2006-07"
    assert gain.progress == pytest.approx(240 / 310)
    assert measured("actuals: {2003: 660}\ntarget_together: 350").progress is None


def test_indicators_on_a_contribution_are_measured_too() -> None:
    text = model_text("actuals: {2003: 1}").replace(
        "    leads_to: [fewer-neet]\n",
        "    leads_to: [fewer-neet]\n    indicators:\n"
        "      - {name: Sessions held, better: higher, actuals: {2003: 10, 2004: 14}}\n",
    )
    report = measure(loads(text, name="m.yaml"))
    assert [(g.element, g.stage, gains(g)) for g in report.indicators][0] == (
        "programme",
        "activities",
        [4],
    )


# ---------------------------------------------------------------- the ledger


LEDGER = """\
  costs:
    - {item: Manager's post, amount: [1, 2], unit: million pounds, by: council}
    - {item: Room hire, amount: 0.5, unit: million pounds}
    - {item: Meetings, amount: 100, unit: hours}
    - {item: Goodwill}
    - {item: Paper, amount: 3}
  benefits:
    - item: Saving on buildings
      amount: [4.5, 5]
      unit: million pounds
      by: [council, college]
      outcome: fewer-neet
      evidence: expected
"""


def test_the_ledger_adds_within_a_unit_keeps_ranges_and_never_mixes_units() -> None:
    # million pounds: costs [1, 2] + 0.5 = [1.5, 2.5]; benefits [4.5, 5];
    # net = [4.5 - 2.5, 5 - 1.5] = [2, 3.5]. Hours: costs only, so no net.
    # No unit: the goodwill (no amount) and the paper (3).
    text = model_text("actuals: {2003: 1}", partnership=LEDGER)
    lines = {line.unit: line for line in measure(loads(text, name="m.yaml")).ledger}
    assert list(lines) == ["million pounds", "hours", NO_UNIT]
    money = lines["million pounds"]
    assert (money.costs, money.benefits, money.net) == ((1.5, 2.5), (4.5, 5), (2, 3.5))
    (benefit,) = [e for e in money.entries if e.kind == "benefit"]
    assert (benefit.evidence, benefit.outcome, benefit.by) == (
        "expected",
        "fewer-neet",
        ["council", "college"],
    )
    assert (lines["hours"].costs, lines["hours"].benefits, lines["hours"].net) == (100, None, None)
    assert (lines[NO_UNIT].costs, lines[NO_UNIT].unstated) == (3, 1)


def test_the_civic_centre_saving_is_a_benefit_with_its_range() -> None:
    (line,) = measure(load(CIVIC)).ledger
    assert (line.unit, line.costs, line.benefits, line.net) == (
        "million pounds",
        None,
        (4.5, 5),
        None,
    )
    # The annexe: the project "has actually delivered" the saving, an estimate partners report.
    assert line.entries[0].evidence == "reported"


# ---------------------------------------------------------------- properties

YEARS = st.integers(1990, 2020)
VALUES = st.floats(-1e4, 1e4, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    first=YEARS,
    before=st.integers(2, 6),
    after=st.integers(1, 5),
    intercept=VALUES,
    slope=st.floats(-500, 500, allow_nan=False),
    better=st.sampled_from(["higher", "lower"]),
)
def test_a_series_that_continues_its_trend_has_no_trend_gain(
    first: int, before: int, after: int, intercept: float, slope: float, better: str
) -> None:
    years = range(first, first + before + after)
    actuals = {str(y): intercept + slope * (y - first) for y in years}
    gain = measured(f"better: {better}\nactuals: {json.dumps(actuals)}", first + before)
    assert gain.method == LINEAR_TREND
    scale = 1 + abs(intercept) + abs(slope) * (before + after)
    assert len(gain.periods) == after
    assert all(abs(g or 0) <= 1e-9 * scale for g in gains(gain))


SERIES = st.dictionaries(
    st.integers(1995, 2015).map(str), st.integers(-1000, 1000), min_size=1, max_size=8
)


@settings(max_examples=200, deadline=None)
@given(
    actuals=SERIES,
    started=st.integers(1995, 2016),
    alone=st.integers(-500, 500),
    together=st.integers(-500, 500),
)
def test_swapping_better_negates_every_gain(
    actuals: dict[str, int], started: int, alone: int, together: int
) -> None:
    figures = f"actuals: {json.dumps(actuals)}\ntarget_alone: {alone}\ntarget_together: {together}"
    higher = measured(f"better: higher\n{figures}", started)
    lower = measured(f"better: lower\n{figures}", started)
    assert higher.method == lower.method
    assert [g if g is None else -g for g in gains(higher)] == pytest.approx(gains(lower))
    assert higher.planned_gain == -(lower.planned_gain or 0)
    assert [p.expected for p in higher.periods] == [p.expected for p in lower.periods]


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.integers(1, 10_000), min_size=2, max_size=8),
    before=st.integers(1, 7),
    factor=st.floats(0.01, 100, allow_nan=False),
    better=st.sampled_from(["higher", "lower"]),
)
def test_a_comparator_moving_exactly_like_us_gives_no_gain(
    values: list[int], before: int, factor: float, better: str
) -> None:
    before = min(before, len(values) - 1)
    ours = {str(2000 + i): v for i, v in enumerate(values)}
    theirs = {str(2000 + i): v * factor for i, v in enumerate(values)}
    gain = measured(
        f"better: {better}\nactuals: {json.dumps(ours)}\n"
        f"comparator: {{name: Scotland, actuals: {json.dumps(theirs)}}}",
        2000 + before,
    )
    assert gain.method == COMPARATOR
    assert len(gain.periods) == len(values) - before
    assert all(abs(g or 0) <= 1e-9 * max(values) for g in gains(gain))


# ---------------------------------------------------------------- bad input, located


def _only_error(runner: CliRunner, tmp_path: Path, text: str) -> str:
    """Return the one error line `logicmodel gain` prints for a model, after checking its status."""
    path = tmp_path / "m.yaml"
    path.write_text(text, "utf-8")
    result = runner.invoke(cli, ["gain", str(path)])
    assert result.exit_code == ExitStatus.INVALID, result.output
    (line,) = result.output.splitlines()
    return line


def _at(text: str, needle: str) -> tuple[int, int]:
    """Return the 1-based line and column where `needle` first appears in text."""
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


BAD = {
    "a non-numeric actual": (
        model_text("actuals: {2003: 660, 2004: lots}"),
        "2004: lots",
        "must be a number",
    ),
    "a period written 2004/5": (
        model_text("actuals: {2003: 660, 2004/5: 600}"),
        "2004/5",
        "not a year (2004) or a financial year (2004-05)",
    ),
    "a period written FY04": (
        model_text("actuals:\n  2003: 660\n  FY04: 600"),
        "FY04",
        "not a year (2004) or a financial year (2004-05)",
    ),
    "a financial year that skips a year": (
        model_text("actuals: {2003: 660, 2004-06: 600}"),
        "2004-06",
        "as in 2004-05",
    ),
    "the same year twice": (
        model_text("actuals: {2004: 660, 2004-05: 600}"),
        "2004-05",
        "keep one",
    ),
    "a start written FY04": (
        model_text("actuals: {2003: 660}", started="FY04"),
        "started: FY04",
        "'started'",
    ),
    "a target period written 2010/11": (
        model_text("target_period: 2010/11"),
        "target_period: 2010/11",
        "'target_period'",
    ),
    "a comparator lacking the baseline period": (
        model_text(
            "actuals: {2002: 700, 2003: 660, 2004: 600}\n"
            "comparator: {name: Scotland, actuals: {2002: 31000, 2004: 33000}}"
        ),
        "actuals: {2002: 31000",
        "no value for 2003",
    ),
    "a comparator at 0 in the baseline period": (
        model_text(
            "actuals: {2003: 660, 2004: 600}\ncomparator: {name: Scotland, actuals: {2003: 0}}"
        ),
        "actuals: {2003: 0}",
        "is 0 in 2003",
    ),
    "a range with low above high": (
        model_text("actuals: {2003: 1}", partnership="  costs: [{item: Post, amount: [5, 4.5]}]\n"),
        "amount: [5, 4.5]",
        "write [4.5, 5]",
    ),
    "a range of three": (
        model_text(
            "actuals: {2003: 1}",
            partnership="  benefits:\n    - {item: Saving, amount: [1, 2, 3]}\n",
        ),
        "amount: [1, 2, 3]",
        "a range of two",
    ),
    "a benefit for an unknown outcome": (
        model_text(
            "actuals: {2003: 1}", partnership="  benefits: [{item: Saving, outcome: fewer-net}]\n"
        ),
        "outcome: fewer-net",
        "unknown outcome 'fewer-net' in 'outcome' (did you mean 'fewer-neet'?)",
    ),
    "a benefit for an activity": (
        model_text(
            "actuals: {2003: 1}", partnership="  benefits: [{item: Saving, outcome: programme}]\n"
        ),
        "outcome: programme",
        "is an activity, not an outcome",
    ),
    "an unknown evidence word": (
        model_text(
            "actuals: {2003: 1}", partnership="  benefits: [{item: Saving, evidence: proven}]\n"
        ),
        "evidence: proven",
        "'planned', 'expected', 'reported', 'measured' or 'verified'",
    ),
    "better written as up": (model_text("better: up"), "better: up", "'higher' or 'lower'"),
    "an actual below the minimum": (
        model_text("minimum: 0\nactuals: {2003: 660, 2004: -5}"),
        "2004: -5",
        "the actual for 2004 (-5) is below the indicator's 'minimum' of 0",
    ),
    "a target above the maximum": (
        model_text("maximum: 100\nactuals: {2003: 60}\ntarget_together: 120"),
        "target_together: 120",
        "'target_together' (120) is above the indicator's 'maximum' of 100",
    ),
    "a maximum not above the minimum": (
        model_text("minimum: 10\nmaximum: 10\nactuals: {2003: 10}"),
        "maximum: 10",
        "'maximum' (10) is not above 'minimum' (10)",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_located_line_with_status_2(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    text, where, words = BAD[name]
    line = _only_error(runner, tmp_path, text)
    match = re.fullmatch(r"(.+\.yaml):(\d+):(\d+): (.+)", line)
    assert match, line
    assert (int(match[2]), int(match[3])) == _at(text, where), line
    assert words in match[4]
    with pytest.raises(LoadError):
        loads(text, name="m.yaml")


def test_every_sample_still_loads_and_is_measured() -> None:
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        report = measure(load(path))
        assert isinstance(report, GainReport)
        assert report.summary()


# ---------------------------------------------------------------- the command


def test_gain_prints_a_block_per_indicator_with_its_method(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gain", str(MCMC)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "fewer-neet: Known NEET 16-19 year olds in Inverclyde" in text
    assert "method: flat baseline" in text
    rows = [line.split() for line in text.splitlines() if line.startswith("200")]
    assert ["2003", "before", "660"] in rows
    assert ["2007", "partnership", "380", "660", "+280"] in rows
    assert "method: no trend gain" in text
    assert text.rstrip().endswith("no costs or benefits recorded")
    assert runner.invoke(cli, ["gain", str(MCMC), "--format", "table"]).output == text


def test_gain_json_has_the_keys_tools_need(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gain", str(MCMC), str(CIVIC), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"models", "indicators", "ledger"}
    assert [m["model"] for m in data["models"]] == [str(MCMC), str(CIVIC)]
    neet = data["indicators"][0]
    assert {"id", "indicator", "better", "method", "planned_gain", "periods"} <= set(neet)
    assert (neet["id"], neet["better"], neet["method"]) == (
        "fewer-neet",
        "lower",
        "flat-baseline",
    )
    assert neet["periods"][-1] == {
        "period": "2007",
        "actual": 380,
        "expected": 660,
        "gain": 280,
        "low": None,
        "high": None,
        "beyond": None,
    }
    (line,) = data["ledger"]
    assert line["model"] == str(CIVIC)
    assert (line["unit"], line["costs"], line["benefits"], line["net"]) == (
        "million pounds",
        None,
        [4.5, 5],
        None,
    )
    assert line["entries"][0]["evidence"] == "reported"


def test_gain_csv_and_markdown(runner: CliRunner) -> None:
    csv_text = runner.invoke(cli, ["gain", str(CIVIC), "--format", "csv"]).output
    header, *rows = csv_text.splitlines()
    assert header.startswith("row,id,indicator")
    assert any(row.startswith("ledger,") and ",4.5,5," in row for row in rows)
    markdown = runner.invoke(cli, ["gain", str(MCMC), "--format", "markdown"]).output
    assert "### fewer-neet: Known NEET 16-19 year olds in Inverclyde" in markdown
    assert "| 2007 | partnership | 380 | 660 | +280 |" in markdown


def test_a_broken_file_among_several_is_reported_and_the_rest_measured(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(model_text("actuals: {2004/5: 1}"), "utf-8")
    result = runner.invoke(cli, ["gain", str(broken), str(MCMC)])
    assert result.exit_code == ExitStatus.INVALID
    assert "broken.yaml:" in result.output and "fewer-neet" in result.output


def test_max_size_is_honoured(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gain", str(MCMC), "--max-size", "100"])
    assert result.exit_code == ExitStatus.INVALID
    assert "--max-size" in result.output


def test_render_gain_of_a_model_with_nothing_to_measure() -> None:
    report = measure(load(ROOT / "samples" / "figure1.yaml"))
    text = render_gain([("", report)], "text")
    assert text.strip().endswith(report.summary())


def test_the_readme_shows_what_gain_prints(runner: CliRunner) -> None:
    readme = (ROOT / "docs" / "planners.md").read_text("utf-8")
    section = readme.split("## Measuring collaborative gain")[1].split("\n## ")[0]
    shown = section.split("`gain` prints:\n\n```text\n")[1].split("```")[0]
    printed = runner.invoke(cli, ["gain", str(MCMC)]).output
    assert printed.startswith(shown)
    # The format's example in that section loads, once given a model around it.
    fields = readme.split("needs:\n\n```yaml\n")[1].split("```")[0]
    text = (
        "logicmodel: 1\ntitle: The README's fields\n"
        + fields
        + "partners:\n  - {id: council, name: C}\n  - {id: police, name: P}\n"
        "  - {id: courts, name: S}\nultimate:\n  - {id: construction-saving, label: Saved}\n"
    )
    (gain,) = measure(loads(text, name="readme.yaml")).indicators
    assert (gain.method, gain.planned_gain, gain.target_period) == (COMPARATOR, 50, "2008-09")


def test_the_schema_takes_every_new_field_and_refuses_a_range_of_three() -> None:
    import jsonschema

    from logicmodel.fileformat.parsing import parse_yaml
    from logicmodel.fileformat.schema import file_schema

    validator = jsonschema.Draft202012Validator(file_schema())
    text = model_text(
        "better: lower\nactuals: {2003: 660, 2004-05: 600}\ntarget_period: 2008-09\n"
        "comparator: {name: Scotland, actuals: {2003: 1, 2004: 2}, source: S, notes: N}",
        partnership="  benefits:\n    - {item: Saving, amount: [4.5, 5], unit: pounds, "
        "by: council, outcome: fewer-neet, evidence: expected, notes: N, source: S}\n"
        "  costs: [{item: Post, amount: [1, 2]}]\n",
    ).replace("    label: Fewer young people NEET\n", "    label: F\n    evidence: planned\n")
    loads(text, name="m.yaml")
    assert list(validator.iter_errors(parse_yaml(text).data)) == []
    three = text.replace("amount: [1, 2]", "amount: [1, 2, 3]")
    assert list(validator.iter_errors(parse_yaml(three).data))


# ---------------------------------------------------------------- assumptions, bounds, rates


def test_actuals_are_shown_whatever_started_says(runner: CliRunner) -> None:
    # The ARBD sample has no `started`: its 11 tenancies are still listed, and why there is no
    # gain is said.
    text = runner.invoke(cli, ["gain", str(ROOT / "samples" / "inverclyde-arbd.yaml")]).output
    block = text.split("\n\n")[0]
    assert "no actuals" not in block
    assert re.search(r"^2008 +11$", block, re.MULTILINE), block
    assert "no `started` period" in block
    arbd = ROOT / "samples" / "inverclyde-arbd.yaml"
    document = json.loads(runner.invoke(cli, ["gain", "--format", "json", str(arbd)]).output)
    assert document["indicators"][0]["actuals"] == [{"period": "2008", "actual": 11}]
    written = runner.invoke(cli, ["gain", "--format", "csv", str(arbd)]).output
    rows = list(csv.DictReader(io.StringIO(written.lstrip("\ufeff"))))
    assert [(r["period"], r["actual"]) for r in rows if r["row"] == "period"] == [("2008", "11")]
    document = json.loads(runner.invoke(cli, ["gain", "--format", "json", str(MCMC)]).output)
    assert all("assumption" in row and row["assumption"] for row in document["indicators"])


def test_a_trend_projected_past_a_bound_is_expected_at_the_bound() -> None:
    # 30, 20, 10 before 2004: the trend says 0 in 2004 and -10 in 2005, but a count stops at 0.
    free = measured("better: lower\nactuals: {2001: 30, 2002: 20, 2003: 10, 2004: 5, 2005: 4}")
    kept = measured(
        "better: lower\nminimum: 0\nactuals: {2001: 30, 2002: 20, 2003: 10, 2004: 5, 2005: 4}"
    )
    assert [p.expected for p in free.periods] == [0, -10]
    assert [p.expected for p in kept.periods] == [0, 0]
    assert gains(kept) == [-5, -4]  # worse than the 0 the trend would have reached
    # A rising share stops at its maximum, and so does the top of its band.
    share = measured(
        "better: higher\nmaximum: 100\nactuals: {2001: 80, 2002: 89, 2003: 101, 2004: 99}".replace(
            "101", "100"
        )
    )
    (period,) = share.periods
    assert period.expected == 100 and period.high == 100


def test_faster_is_the_change_of_the_average_change_a_year() -> None:
    # Before: 100, 90, 80 (-10 a year); since: 75, 60, 45 (-15 a year); lower is better, so
    # progress is 5 a year faster. Higher is better turns it round.
    series = "actuals: {2001: 100, 2002: 90, 2003: 80, 2004: 75, 2005: 60, 2006: 45}"
    lower = measured(f"better: lower\n{series}").rates
    assert (lower.before, lower.after, lower.faster) == (-10, -15, 5)
    assert (lower.before_span, lower.after_span) == (("2001", "2003"), ("2004", "2006"))
    assert measured(f"better: higher\n{series}").rates.faster == -5
    one_after = measured("better: lower\nactuals: {2001: 100, 2002: 90, 2004: 75}").rates
    assert one_after.faster is None and "from the start" in one_after.missing


def test_the_text_says_what_each_method_assumes_and_reports_further_and_faster() -> None:
    from logicmodel.analysis.gain import ASSUMPTIONS, PLANNED_ASSUMPTION

    text = model_text(
        "better: lower\nactuals: {2001: 100, 2002: 90, 2003: 80, 2004: 75, 2005: 55}\n"
        "target_alone: 70\ntarget_together: 50\ntarget_period: 2006"
    )
    report = measure(loads(text, name="m.yaml"))
    printed = render_gain([("", report)], "text")
    assert f"assumes: {ASSUMPTIONS[LINEAR_TREND]}" in printed
    assert f"assumes: {PLANNED_ASSUMPTION}" in printed
    # The trend falls 10 a year: 60 expected in 2005, 55 actual, so +5 further; 75 to 55 is
    # -20 a year since the start against -10 before: progress 10 a year faster.
    assert "further: +5 young people in 2005 (55 against 60 expected)" in printed
    assert printed.count("faster: +10 young people a year (faster progress") == 1
    markdown = render_gain([("", report)], "markdown")
    assert "assumes:" in markdown and "further: +5" in markdown
