"""An indicator's and a ledger line's records, as JSON gives them to tools: every period with
its actual, expected value and interval, the method and targets, and each cost and benefit with
its outcome."""

from __future__ import annotations

import math

from logicmodel.analysis.gain import indicator_row, ledger_row, measure
from logicmodel.analysis.gain_maths import comparator_expectation
from logicmodel.fileformat.loading import loads

MODEL = """\
\
logicmodel: 1
title: Fewer young people NEET
partnership:
  started: 2004
  costs:
    - {item: Manager's post, amount: [1, 2], unit: million pounds, by: council}
    - {item: Room hire, amount: 0.5, unit: million pounds}
    - {item: Meetings, amount: 100, unit: hours}
    - {item: Paper, amount: 3}
  benefits:
    - item: Saving on buildings
      amount: [4.5, 5]
      unit: million pounds
      outcome: fewer-neet
      evidence: expected
partners:
  - {id: council, name: Inverclyde Council}
  - {id: college, name: James Watt College}
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
        better: lower
        target_alone: 900
        target_together: 800
        target_period: 2008
        actuals: {2001: 1000, 2002: 980, 2003: 965, 2004: 930, 2005: 900, 2006: 880}
"""


def test_an_indicators_record_has_its_method_targets_progress_and_periods() -> None:
    (gain,) = measure(loads(MODEL, name="m.yaml")).indicators
    row = indicator_row(gain)
    assert (row["method"], row["better"], row["target_period"]) == ("linear-trend", "lower", "2008")
    assert (row["target_alone"], row["target_together"], row["planned_gain"]) == (900, 800, 100)
    assert 0.5 < row["progress"] < 0.52
    assert [(p["period"], p["actual"]) for p in row["pre"]] == [
        ("2001", 1000),
        ("2002", 980),
        ("2003", 965),
    ]
    first = row["periods"][0]
    assert (first["period"], first["actual"], first["beyond"]) == ("2004", 930, False)
    assert round(first["expected"], 1) == 946.7 and round(first["gain"], 1) == 16.7
    assert round(first["low"], 1) == 899.3 and round(first["high"], 1) == 994.0


def test_a_ledger_lines_record_keeps_ranges_and_each_entrys_outcome() -> None:
    money, hours, _ = measure(loads(MODEL, name="m.yaml")).ledger
    row = ledger_row(money)
    assert (row["unit"], row["costs"], row["benefits"], row["net"]) == (
        "million pounds",
        [1.5, 2.5],
        [4.5, 5],
        [2.0, 3.5],
    )
    benefit = row["entries"][2]
    assert (benefit["kind"], benefit["item"], benefit["outcome"], benefit["evidence"]) == (
        "benefit",
        "Saving on buildings",
        "fewer-neet",
        "expected",
    )
    assert ledger_row(hours)["net"] is None


def test_a_comparator_expectation_scales_our_base_by_theirs_from_the_base_year_on() -> None:
    theirs = [("2003", 2003, 1.0), ("2004", 2004, 300.0), ("2005", 2005, 270.0)]
    assert comparator_expectation(600, 2004, theirs) == [
        ("2004", 2004, 600),
        ("2005", 2005, 540),
    ]
    tiny = [("2004", 2004, 1e-300), ("2005", 2005, 1e10)]
    assert comparator_expectation(600, 2004, tiny)[1] == ("2005", 2005, math.inf)
