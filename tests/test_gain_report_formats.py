"""The gain report in each format, as a planner and a spreadsheet read it: the periods before
and during the partnership with their intervals, the planned gain and progress, the ledger per
unit with what is missing said, each cost and benefit on a line, and several models named."""

from __future__ import annotations

import csv
import io
import json

from logicmodel.analysis.gain import measure, render_gain
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


def _report(fmt: str, *names: str) -> str:
    report = measure(loads(MODEL, name="m.yaml"))
    return render_gain([(name, report) for name in names or ("",)], fmt, width=200)


def test_the_text_gives_each_period_its_interval_then_the_planned_gain() -> None:
    text = _report("text")
    assert text.startswith(
        "fewer-neet: Known NEET\n"
        "unit: young people; lower is better; the partnership started in 2004\n"
        "method: linear trend: least squares over the 3 values before the partnership"
    )
    lines = text.splitlines()
    assert lines[3].startswith("assumes: without the partnership the figures would have kept")
    assert lines[4].split() == "period phase actual expected gain 95% interval beyond it".split()
    assert lines[6].split() == ["2001", "before", "1,000"]
    assert lines[9].split() == "2004 partnership 930 946.7 +16.7 899.3 to 994 no".split()
    assert lines[12] == "further: +31.7 young people in 2006 (880 against 911.7 expected)"
    # Lower is better: falling 25 a year with the partnership against 17.5 before is faster.
    assert lines[13].startswith("faster: +7.5 young people a year (faster progress")
    assert lines[14].startswith(
        "planned gain: +100 (+11.1% of the alone target): together 800 against alone 900 by "
        "2008; assumes: "
    )
    assert lines[15] == "progress towards the together target: 52%"


def test_the_text_ledger_says_what_is_missing_and_lists_each_cost_and_benefit() -> None:
    text = _report("text")
    ledger = text[text.index("costs and benefits, per unit") :].splitlines()
    assert ledger[0] == "costs and benefits, per unit (different units are never added)"
    assert ledger[3].split() == "million pounds 1.5 to 2.5 4.5 to 5 2 to 3.5".split()
    assert ledger[4].split() == (
        "hours 100 none recorded not known: no benefits with an amount in this unit".split()
    )
    assert ledger[6:11] == [
        "  cost: Manager's post: 1 to 2 million pounds",
        "  cost: Room hire: 0.5 million pounds",
        "  benefit: Saving on buildings: 4.5 to 5 million pounds, for fewer-neet, evidence: "
        "expected",
        "  cost: Meetings: 100 hours",
        "  cost: Paper: 3",
    ]
    assert text.endswith(
        "\n\n1 indicator: 1 with a gain against what was expected, 1 with a planned gain; "
        "costs and benefits in 3 units\n"
    )


def test_markdown_gives_headings_tables_and_a_bullet_per_cost_and_benefit() -> None:
    text = _report("markdown")
    assert text.startswith(
        "### fewer-neet: Known NEET\n\n"
        "unit: young people; lower is better; the partnership started in 2004  \nmethod: "
    )
    assert "\n\n| period | phase | actual | expected | gain | 95% interval | beyond it |\n" in text
    assert "| 2004 | partnership | 930 | 946.7 | +16.7 | 899.3 to 994 | no |\n" in text
    assert (
        "| 2006 | partnership | 880 | 911.7 | +31.7 | 832.4 to 990.9 | no |\n\n"
        "further: +31.7 young people in 2006"
    ) in text
    assert "  \nplanned gain: +100 (+11.1% of the alone target): together 800 against alone" in text
    assert "not a measure  \nprogress towards the together target: 52%\n\n" in text
    assert "\n\n### Costs and benefits, per unit (different units are never added)\n\n| unit |" in (
        text
    )
    assert "|\n\n- cost: Manager's post: 1 to 2 million pounds\n- cost: Room hire: 0.5" in text


def test_csv_has_a_row_per_indicator_period_unit_and_entry_under_fixed_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(_report("csv"))))
    assert list(rows[0]) == [
        "row", "id", "indicator", "unit", "better", "method", "assumption", "rate_before",
        "rate_after", "faster", "period", "phase", "actual",
        "expected", "gain", "low", "high", "beyond", "planned_gain", "planned_gain_percent",
        "target_alone", "target_together", "target_period", "progress", "item", "evidence",
        "costs_low", "costs_high", "benefits_low", "benefits_high", "net_low", "net_high",
        "target", "target_share", "target_on_track", "benchmark", "benchmark_rule",
        "benchmark_met",
    ]  # fmt: skip
    kinds = [row["row"] for row in rows]
    assert kinds == ["indicator", *["period"] * 6, "ledger", "cost", "cost", "benefit"] + [
        "ledger",
        "cost",
        "ledger",
        "cost",
    ]
    indicator = rows[0]
    assert (indicator["better"], indicator["planned_gain"], indicator["target_period"]) == (
        "lower",
        "100",
        "2008",
    )
    assert float(indicator["planned_gain_percent"]) == 100 / 9
    assert [(r["period"], r["phase"], r["actual"]) for r in rows[1:4]] == [
        ("2001", "before", "1000"),
        ("2002", "before", "980"),
        ("2003", "before", "965"),
    ]
    assert rows[4]["phase"] == "partnership" and rows[4]["beyond"] == "false"
    money = rows[7]
    assert (money["unit"], money["costs_low"], money["costs_high"]) == (
        "million pounds",
        "1.5",
        "2.5",
    )
    assert (money["net_low"], money["net_high"]) == ("2.0", "3.5")
    benefit = rows[10]
    assert (benefit["item"], benefit["evidence"], benefit["benefits_high"]) == (
        "Saving on buildings",
        "expected",
        "5",
    )
    assert rows[11]["costs_low"] == rows[11]["costs_high"] == "100"


def test_json_gives_the_models_summaries_the_indicators_and_the_ledger() -> None:
    document = json.loads(_report("json"))
    (model,) = document["models"]
    assert model == {
        "title": "Fewer young people NEET",
        "started": "2004",
        "summary": "1 indicator: 1 with a gain against what was expected, 1 with a planned "
        "gain; costs and benefits in 3 units",
    }
    (indicator,) = document["indicators"]
    assert indicator["id"] == "fewer-neet" and indicator["planned_gain"] == 100
    assert [line["unit"] for line in document["ledger"]] == ["million pounds", "hours", "(no unit)"]


def test_several_models_are_each_named_in_every_format() -> None:
    text = _report("text", "a.yaml", "b.yaml")
    assert text.startswith("a.yaml:\n\nfewer-neet: Known NEET\n")
    assert "\nb.yaml:\n\nfewer-neet: Known NEET\n" in text
    markdown = _report("markdown", "a.yaml", "b.yaml")
    assert markdown.startswith("## a.yaml\n\n### fewer-neet")
    assert "\n## b.yaml\n\n### fewer-neet" in markdown
    rows = list(csv.DictReader(io.StringIO(_report("csv", "a.yaml", "b.yaml"))))
    assert {row["model"] for row in rows} == {"a.yaml", "b.yaml"} and len(rows) == 30
    document = json.loads(_report("json", "a.yaml", "b.yaml"))
    assert [m["model"] for m in document["models"]] == ["a.yaml", "b.yaml"]
    assert [i["model"] for i in document["indicators"]] == ["a.yaml", "b.yaml"]
    assert [line["model"] for line in document["ledger"]][::3] == ["a.yaml", "b.yaml"]


def test_a_planned_gain_against_an_alone_target_of_zero_gives_no_percentage() -> None:
    model = MODEL.replace("target_alone: 900", "target_alone: 0").replace(
        "better: lower", "better: higher"
    )
    report = measure(loads(model, name="m.yaml"))
    text = render_gain([("", report)], "text", width=200)
    assert "\nplanned gain: +800: together 800 against alone 0 by 2008; assumes:" in text
