"""The NEET series worked three ways, as docs/gain.md shows it: the sample with its start year
changed, measured, against figures worked by hand here; and the page shows what `gain` prints.

The series (annexe, More Choices, More Chances): 660, 600, 460, 420, 380 in 2003 to 2007;
lower is better, never below 0.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from logicmodel.analysis.gain import (
    ASSUMPTIONS,
    FLAT_BASELINE,
    LINEAR_TREND,
    IndicatorGain,
    measure,
    render_gain,
)
from logicmodel.cli import cli
from logicmodel.fileformat.loading import loads

from .conftest import ROOT

MCMC = ROOT / "samples" / "inverclyde-mcmc.yaml"
PAGE = ROOT / "docs" / "gain.md"
THIRD = Fraction(1, 3)


class Worked(NamedTuple):
    """One way of measuring, worked by hand."""

    method: str
    expected: dict[str, Fraction | int]  # by period, from the start
    gain: dict[str, Fraction | int]
    before: int | None  # the average change a year before the start
    after: int | None  # and with the partnership
    faster: int | None


# Worked by hand, one way per start year: the method, the expected value and gain per period
# from the start, and the average change a year before the start and with the partnership,
# and "faster" (positive is faster progress; lower is better, so it is before - after).
WORKED: dict[str, Worked] = {
    # Flat from 2003: 660 held. After: least squares through 600, 460, 420, 380 at years
    # -1.5, -0.5, 0.5, 1.5 about their middle: (-202.5 + 2.5 - 22.5 - 127.5) / 5 = -70.
    "2004": Worked(
        method=FLAT_BASELINE,
        expected={"2004": 660, "2005": 660, "2006": 660, "2007": 660},
        gain={"2004": 60, "2005": 200, "2006": 240, "2007": 280},
        before=None,
        after=-70,
        faster=None,
    ),
    # Trend from 2003-04: 600 - 660 = -60 a year, so 540, 480, 420; after: 460, 420, 380,
    # -40 a year; faster: -60 - (-40) = -20 (slower).
    "2005": Worked(
        method=LINEAR_TREND,
        expected={"2005": 540, "2006": 480, "2007": 420},
        gain={"2005": 80, "2006": 60, "2007": 40},
        before=-60,
        after=-40,
        faster=-20,
    ),
    # Trend from 2003-05: slope (460 - 660) / 2 = -100 through the mean 573 1/3 at 2004, so
    # 373 1/3 in 2006 and 273 1/3 in 2007; gains 373 1/3 - 420 and 273 1/3 - 380. After: 420,
    # 380, -40 a year; faster: -100 - (-40) = -60.
    "2006": Worked(
        method=LINEAR_TREND,
        expected={"2006": 373 + THIRD, "2007": 273 + THIRD},
        gain={"2006": -46 - 2 * THIRD, "2007": -106 - 2 * THIRD},
        before=-100,
        after=-40,
        faster=-60,
    ),
}


def neet_from(started: str) -> str:
    """Return the sample's text with the partnership started in another year."""
    text = MCMC.read_text("utf-8")
    assert "\n  started: 2004\n" in text
    return text.replace("\n  started: 2004\n", f"\n  started: {started}\n")


def neet(started: str) -> IndicatorGain:
    """Return the NEET indicator's gain with the partnership started in `started`."""
    report = measure(loads(neet_from(started), name=f"neet-{started}.yaml"))
    return next(g for g in report.indicators if g.element == "fewer-neet")


@pytest.mark.parametrize("started", sorted(WORKED))
def test_the_neet_series_measured_from_each_start_is_as_worked_by_hand(started: str) -> None:
    worked = WORKED[started]
    gain = neet(started)
    assert gain.method == worked.method
    assert gain.assumption == ASSUMPTIONS[gain.method]
    by_period = {p.period: p for p in gain.periods}
    assert set(by_period) == set(worked.expected)
    for period, expected in worked.expected.items():
        assert by_period[period].expected == pytest.approx(float(expected))
        assert by_period[period].gain == pytest.approx(float(worked.gain[period]))
    further = gain.further
    assert further is not None and further.period == "2007"
    assert further.gain == pytest.approx(float(worked.gain["2007"]))
    rates = gain.rates
    assert (rates.before, rates.after, rates.faster) == (worked.before, worked.after, worked.faster)


def test_the_trend_from_2003_05_keeps_its_interval_above_zero() -> None:
    # Three values, one degree of freedom: t = 12.706, s = sqrt(1066 2/3), so at 2007 the
    # interval is 273 1/3 +- 12.706 x 32.66 x sqrt(1 + 1/3 + 9/2), about 273.3 +- 1002.3:
    # its low end, -729, is below the count's minimum of 0 and is clipped there.
    gain = neet("2006")
    last = gain.periods[-1]
    assert last.low == 0 and last.high == pytest.approx(1275.6, abs=0.1)
    assert last.beyond is False
    unbounded = measure(
        loads(neet_from("2006").replace("        minimum: 0\n", ""), name="free.yaml")
    )
    free = next(g for g in unbounded.indicators if g.element == "fewer-neet").periods[-1]
    assert free.low == pytest.approx(-728.9, abs=0.1)


def _printed(started: str) -> str:
    """Return what `gain` prints for the NEET indicator from its period table to `faster`."""
    report = measure(loads(neet_from(started), name="neet.yaml"))
    text = render_gain([("", report)], "text")
    block = text.split("\n\n")[0].splitlines()
    first = next(i for i, line in enumerate(block) if line.startswith("period"))
    last = next(i for i, line in enumerate(block) if line.startswith("faster:"))
    return "\n".join(block[first : last + 1]) + "\n"


@pytest.mark.parametrize("started", sorted(WORKED))
def test_the_page_shows_what_gain_prints_for_each_start(started: str) -> None:
    page = PAGE.read_text("utf-8")
    assert f"```text\n{_printed(started)}```" in page


def test_the_pages_summary_table_has_the_worked_gains() -> None:
    page = PAGE.read_text("utf-8")
    assert "| 2004 | flat from 2003 | +200 | +240 | +280 | not known (-70 a year" in page
    assert "| 2005 | trend from 2003-04 | +80 | +60 | +40 | -20 a year |" in page
    assert "| 2006 | trend from 2003-05 | | -46.7 | -106.7 | -60 a year |" in page


def test_json_states_the_assumption_further_and_faster() -> None:
    document = json.loads(render_gain([("", measure(loads(neet_from("2005"), name="n")))], "json"))
    row = next(r for r in document["indicators"] if r["id"] == "fewer-neet")
    assert row["assumption"] == ASSUMPTIONS[LINEAR_TREND]
    assert row["further"] == {"period": "2007", "gain": 40}
    assert row["faster"]["before"] == -60 and row["faster"]["after"] == -40
    assert row["faster"]["gain"] == -20 and row["faster"]["missing"] is None
    assert row["minimum"] == 0


def test_a_flat_baseline_says_a_trend_needs_two_values_and_may_overstate() -> None:
    runner = CliRunner()
    printed = runner.invoke(cli, ["gain", str(MCMC)]).output
    assumes = next(line for line in printed.splitlines() if line.startswith("assumes:"))
    assert "at least two values before the start" in assumes
    assert "assumes no change" in assumes and "overstate" in assumes
    assert "faster: not known (a rate before the start needs at least two" in printed
