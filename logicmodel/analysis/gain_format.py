"""Write measured gain for people and spreadsheets: text, Markdown, CSV and JSON.

The maths is in `gain_maths`; the tables, cells and numbers for people come from the shared
formatter in `results`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from logicmodel.analysis.gain_maths import (
    LEVEL,
    NO_UNIT,
    Amount,
    GainReport,
    IndicatorGain,
    LedgerLine,
    indicator_row,
    ledger_row,
)
from logicmodel.analysis.results import (
    TEXT,
    Table,
    format_csv,
    format_people,
    json_text,
    markdown_text,
    people_number,
    too_large,
    verify_format,
)

__all__ = [
    "CSV_FIELDS",
    "LEDGER_COLUMNS",
    "PERIOD_COLUMNS",
    "SUMMARY_COLUMNS",
    "csv_rows",
    "describe_indicator",
    "faster_line",
    "further_line",
    "indicator_csv_rows",
    "ledger_csv_rows",
    "ledger_notes",
    "ledger_table",
    "people_amount",
    "period_table",
    "render_gain",
    "summary_rows",
    "used_columns",
]


def people_amount(amount: Amount | None) -> str:
    """Return an amount for people, a range as 'low to high'."""
    if amount is None:
        return ""
    if isinstance(amount, tuple):
        return f"{people_number(amount[0])} to {people_number(amount[1])}"
    return people_number(amount)


CSV_FIELDS = (
    "row",
    "id",
    "indicator",
    "unit",
    "better",
    "method",
    "assumption",
    "rate_before",
    "rate_after",
    "faster",
    "period",
    "phase",
    "actual",
    "expected",
    "gain",
    "low",
    "high",
    "beyond",
    "planned_gain",
    "planned_gain_percent",
    "target_alone",
    "target_together",
    "target_period",
    "progress",
    "item",
    "evidence",
    "costs_low",
    "costs_high",
    "benefits_low",
    "benefits_high",
    "net_low",
    "net_high",
    # Plain and benchmark targets (issue 35), after the columns spreadsheets already use.
    "target",
    "target_share",
    "target_on_track",
    "benchmark",
    "benchmark_rule",
    "benchmark_met",
)


def _low_high(amount: Amount | None) -> tuple[float | None, float | None]:
    """Return an amount as (low, high): a number is both."""
    if isinstance(amount, tuple):
        return amount
    return amount, amount


def csv_rows(report: GainReport) -> list[dict[str, Any]]:
    """Return one table for a spreadsheet: a row per indicator, per period, per ledger unit."""
    blank = dict.fromkeys(CSV_FIELDS)
    rows: list[dict[str, Any]] = []
    for gain in report.indicators:
        rows += indicator_csv_rows(gain, blank)
    for line in report.ledger:
        rows += ledger_csv_rows(line, blank)
    return rows


def indicator_csv_rows(gain: IndicatorGain, blank: dict[str, Any]) -> list[dict[str, Any]]:
    """Return an indicator's CSV rows: its planned gain, then each period before and after."""
    named = {
        **blank,
        "id": gain.element,
        "indicator": gain.indicator,
        "unit": gain.unit,
        "better": gain.better,
        "method": gain.method,
    }
    rows = [
        {
            **named,
            "row": "indicator",
            "assumption": gain.assumption,
            "rate_before": gain.rates.before,
            "rate_after": gain.rates.after,
            "faster": gain.rates.faster,
            "planned_gain": gain.planned_gain,
            "planned_gain_percent": gain.planned_gain_percent,
            "target_alone": gain.target_alone,
            "target_together": gain.target_together,
            "target_period": gain.target_period,
            "progress": gain.progress,
            "target": gain.target,
            "target_share": None if gain.plain is None else gain.plain.share,
            "target_on_track": None if gain.plain is None else gain.plain.on_track,
            "benchmark": None if gain.benchmark is None else gain.benchmark.name,
            "benchmark_rule": None if gain.benchmark is None else gain.benchmark.rule,
        }
    ]
    if not gain.pre and not gain.periods:  # no start: every actual is just an actual
        for period, _, value in gain.actuals:
            rows.append({**named, "row": "period", "period": period, "actual": value})
    for period, _, value in gain.pre:
        before = {"row": "period", "period": period, "phase": "before", "actual": value}
        rows.append({**named, **before})
    for p in gain.periods:
        rows.append(
            {
                **named,
                "row": "period",
                "period": p.period,
                "phase": "partnership",
                "actual": p.actual,
                "expected": p.expected,
                "gain": p.gain,
                "low": p.low,
                "high": p.high,
                "beyond": p.beyond,
            }
        )
    if gain.benchmark is not None:  # each period with both values: is the benchmark's rule met
        met = {p.period: p.meets for p in gain.benchmark.periods}
        rows = [{**row, "benchmark_met": met.get(row["period"])} for row in rows]
    return rows


def ledger_csv_rows(line: LedgerLine, blank: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a ledger unit's CSV rows: its totals, then each cost and benefit."""
    costs, benefits, net = (_low_high(a) for a in (line.costs, line.benefits, line.net))
    rows = [
        {
            **blank,
            "row": "ledger",
            "unit": line.unit,
            "costs_low": costs[0],
            "costs_high": costs[1],
            "benefits_low": benefits[0],
            "benefits_high": benefits[1],
            "net_low": net[0],
            "net_high": net[1],
        }
    ]
    for entry in line.entries:
        low, high = _low_high(entry.amount)
        side = "costs" if entry.kind == "cost" else "benefits"
        rows.append(
            {
                **blank,
                "row": entry.kind,
                "unit": line.unit,
                "item": entry.item,
                "evidence": entry.evidence,
                f"{side}_low": low,
                f"{side}_high": high,
            }
        )
    return rows


PERIOD_COLUMNS = {
    "period": "period",
    "phase": "phase",
    "actual": "actual",
    "expected": "expected",
    "gain": "gain",
    "interval": f"{LEVEL:.0%} interval",
    "beyond": "beyond it",
}
LEDGER_COLUMNS = {"unit": "unit", "costs": "costs", "benefits": "benefits", "net": "net"}


def period_table(gain: IndicatorGain) -> list[dict[str, str]]:
    """Return the periods of one indicator as cells for people, before and after the start.

    With no `started` period nothing marks before and after: the actuals are listed as they are.
    """
    if not gain.pre and not gain.periods:
        blank = dict.fromkeys(PERIOD_COLUMNS, "")
        return [blank | {"period": p, "actual": people_number(v)} for p, _, v in gain.actuals]
    rows = [
        dict.fromkeys(PERIOD_COLUMNS, "")
        | {"period": p, "phase": "before", "actual": people_number(v)}
        for p, _, v in gain.pre
    ]
    for p in gain.periods:
        interval = ""
        if p.low is not None and p.high is not None:
            interval = f"{people_number(p.low)} to {people_number(p.high)}"
        rows.append(
            {
                "period": p.period,
                "phase": "partnership",
                "actual": people_number(p.actual),
                "expected": people_number(p.expected),
                "gain": people_number(p.gain, signed=True),
                "interval": interval,
                "beyond": "" if p.beyond is None else ("yes" if p.beyond else "no"),
            }
        )
    return rows


def used_columns(columns: dict[str, str], rows: list[dict[str, str]]) -> dict[str, str]:
    """Return the columns some row fills, so an indicator without intervals has no empty ones."""
    return {key: name for key, name in columns.items() if any(row[key] for row in rows)}


def describe_indicator(gain: IndicatorGain) -> tuple[str, list[str]]:
    """Return an indicator's heading, and its facts, method, planned gain and progress."""
    facts = [f"unit: {gain.unit}" if gain.unit else "no unit given"]
    facts.append(f"{gain.better} is better" if gain.better else "`better` not set")
    if gain.started_period is not None:
        facts.append(f"the partnership started in {gain.started_period}")
    if gain.minimum is not None or gain.maximum is not None:
        facts.append(_bounds(gain))
    heading = f"{gain.element}: {gain.indicator}"
    lines = ["; ".join(facts), f"method: {gain.why}", f"assumes: {gain.assumption}"]
    if gain.actuals:
        lines += [further_line(gain), faster_line(gain)]
    if gain.planned_gain is not None:
        share = gain.planned_gain_percent
        percent = (
            ""
            if share is None
            else f" ({people_number(share, signed=True)}% of the alone target)"
            if math.isfinite(share)
            else f" (as a % of the alone target, {too_large(share)})"
        )
        by = f" by {gain.target_period}" if gain.target_period else ""
        lines.append(
            f"planned gain: {people_number(gain.planned_gain, signed=True)}{percent}: together "
            f"{people_number(gain.target_together)} against alone "
            f"{people_number(gain.target_alone)}{by}; assumes: {gain.planned_assumption}"
        )
    elif gain.target is None and gain.benchmark is None:
        lines.append("planned gain: none (it needs target_alone and target_together)")
    lines += target_lines(gain)
    if gain.progress is not None:
        progress = (
            f"{gain.progress:.0%}" if math.isfinite(gain.progress) else too_large(gain.progress)
        )
        lines.append(f"progress towards the together target: {progress}")
    return heading, lines


def target_lines(gain: IndicatorGain) -> list[str]:
    """Return the lines on a plain target's progress and on a benchmark, where there are any."""
    lines = []
    plain, unit = gain.plain, f" {gain.unit}" if gain.unit else ""
    if plain is not None:
        by = f" by {plain.period}" if plain.period else ""
        line = f"plain target: {people_number(plain.target)}{unit}{by}"
        if plain.share is not None and plain.baseline and plain.latest:
            line += (
                f"; {_share(plain.share)} of the way from {people_number(plain.baseline[2])} "
                f"in {plain.baseline[0]} by {plain.latest[0]} ({people_number(plain.latest[2])})"
            )
        if plain.on_track is not None and plain.expected_share is not None:
            pace = "on track" if plain.on_track else "behind"
            line += f": {pace} (a straight line would have come {_share(plain.expected_share)})"
        lines.append(line + (f"; {plain.why}" if plain.why else ""))
    standing = gain.benchmark
    if standing is not None:
        margin = "" if standing.margin is None else f" (margin {people_number(standing.margin)})"
        rule = f"benchmark: {standing.rule} {standing.name}{margin}"
        if not standing.periods:
            lines.append(f"{rule}: no period with values of both")
        else:
            kept = sum(1 for p in standing.periods if p.meets)
            each = "; ".join(
                f"{p.period}: {people_number(p.ours)} against {people_number(p.theirs)} "
                f"({people_number(p.difference, signed=True)}, {'met' if p.meets else 'not met'})"
                for p in standing.periods
            )
            lines.append(f"{rule}: met in {kept} of {len(standing.periods)} periods: {each}")
    return lines


def _share(share: float) -> str:
    """Return a share as a percentage, or the words for one too large to show."""
    return f"{share:.0%}" if math.isfinite(share) else too_large(share)


def _bounds(gain: IndicatorGain) -> str:
    """Return the indicator's bounds in words."""
    if gain.maximum is None:
        return f"never below {people_number(gain.minimum)}"
    if gain.minimum is None:
        return f"never above {people_number(gain.maximum)}"
    return f"between {people_number(gain.minimum)} and {people_number(gain.maximum)}"


def further_line(gain: IndicatorGain) -> str:
    """Return the level gain ("further"): the latest gain against what was expected."""
    unit = f" {gain.unit}" if gain.unit else ""
    latest = gain.further
    if latest is None:
        return "further: not known: no period from the start has an expected value to beat"
    return (
        f"further: {people_number(latest.gain, signed=True)}{unit} in {latest.period} "
        f"({people_number(latest.actual)} against {people_number(latest.expected)} expected)"
    )


def _rate(rate: float, span: tuple[str, str] | None, when: str) -> str:
    """Return one side's average change a year, and the periods it covers."""
    periods = f", {span[0]} to {span[1]}" if span is not None else ""
    return f"{people_number(rate, signed=True)} a year {when}{periods}"


def faster_line(gain: IndicatorGain) -> str:
    """Return the change of slope ("faster"): the average change a year before and since."""
    rates = gain.rates
    unit = f" {gain.unit}" if gain.unit else ""
    sides = [
        _rate(rate, span, when)
        for rate, span, when in (
            (rates.before, rates.before_span, "before the start"),
            (rates.after, rates.after_span, "with the partnership"),
        )
        if rate is not None
    ]
    if rates.faster is None:
        known = "".join(f"; {side}" for side in sides)
        return f"faster: not known ({rates.missing}){known}"
    pace = (
        "faster progress than"
        if rates.faster > 0
        else "slower progress than"
        if rates.faster < 0
        else "the same progress as"
    )
    return (
        f"faster: {people_number(rates.faster, signed=True)}{unit} a year ({pace} before the "
        f"start): {'; '.join(sides)}"
    )


SUMMARY_COLUMNS = {
    "indicator": "indicator",
    "method": "method",
    "further": "further: latest gain",
    "faster": "faster: change a year",
    "assumption": "assumes",
}


def summary_rows(report: GainReport) -> list[dict[str, str]]:
    """Return a row per indicator for a board's gain table: its method, the level gain
    ("further"), the change of pace ("faster") and what the method assumes."""
    rows = []
    for gain in report.indicators:
        unit = f" {gain.unit}" if gain.unit else ""
        latest = gain.further
        further = (
            f"{people_number(latest.gain, signed=True)}{unit} in {latest.period}"
            if latest is not None
            else "not known"
        )
        faster = faster_line(gain).removeprefix("faster: ")
        rows.append(
            {
                "indicator": f"{gain.element}: {gain.indicator}",
                "method": gain.method,
                "further": further,
                "faster": faster,
                "assumption": gain.assumption,
            }
        )
    return rows


def ledger_table(report: GainReport) -> list[dict[str, str]]:
    """Return the ledger's cells for people: totals per unit, and why a net is not known."""
    rows = []
    for line in report.ledger:
        if line.net is not None:
            net = people_amount(line.net)
        else:
            missing = "costs" if line.costs is None else "benefits"
            net = f"not known: no {missing} with an amount in this unit"
        rows.append(
            {
                "unit": line.unit,
                "costs": people_amount(line.costs) or "none recorded",
                "benefits": people_amount(line.benefits) or "none recorded",
                "net": net,
            }
        )
    return rows


def ledger_notes(report: GainReport, bullet: str) -> list[str]:
    """Return a line for each cost and benefit: its amount, outcome and evidence."""
    notes = []
    for line in report.ledger:
        for entry in line.entries:
            amount = people_amount(entry.amount) or "no amount"
            evidence = f", evidence: {entry.evidence}" if entry.evidence else ""
            outcome = f", for {entry.outcome}" if entry.outcome else ""
            unit = "" if line.unit == NO_UNIT else f" {line.unit}"
            notes.append(f"{bullet}{entry.kind}: {entry.item}: {amount}{unit}{outcome}{evidence}")
    return notes


def _render_people(report: GainReport, markdown: bool, width: int | None) -> str:
    """Return one model's gain for people: a block per indicator, then the ledger."""

    def table(rows: list[dict[str, str]], columns: dict[str, str]) -> str:
        """Return rows as a table without a title line, in this report's format."""
        shown = Table(rows, columns, "")
        return format_people(shown, "markdown" if markdown else TEXT, width).rstrip("\n")

    blocks = []
    for gain in report.indicators:
        heading, lines = describe_indicator(gain)
        rows = period_table(gain)
        facts, rest = lines[:3], lines[3:]
        if markdown:
            heading, facts, rest = (
                markdown_text(heading),
                [markdown_text(line) for line in facts],
                [markdown_text(line) for line in rest],
            )
            body = [f"### {heading}", "", "  \n".join(facts), ""]
        else:
            body = [heading, *facts]
        body.append(table(rows, used_columns(PERIOD_COLUMNS, rows)) if rows else "no actuals")
        body += ["", "  \n".join(rest)] if markdown else rest
        blocks.append("\n".join(body))
    if report.ledger:
        heading = "costs and benefits, per unit (different units are never added)"
        body = [("### " + heading[0].upper() + heading[1:]) if markdown else heading]
        if markdown:
            body.append("")
        body.append(table(ledger_table(report), LEDGER_COLUMNS))
        if markdown:
            body += ["", *("- " + markdown_text(note) for note in ledger_notes(report, ""))]
        else:
            body += ledger_notes(report, "  ")
        blocks.append("\n".join(body))
    blocks.append(report.summary())
    return "\n\n".join(blocks) + "\n"


def render_gain(
    reports: Sequence[tuple[str, GainReport]], fmt: str, width: int | None = None
) -> str:
    """Return the gain of one or more models in a report format (text, csv, json, markdown).

    With several models, each is named: a heading in text and Markdown, a `model` key in
    CSV and JSON.
    """
    fmt = verify_format(fmt)

    def named(name: str, row: dict[str, Any]) -> dict[str, Any]:
        """Return a row led by its model's name, when models are named."""
        return {"model": name, **row} if name else row

    if fmt == "json":
        document = {
            "models": [
                named(name, {"title": r.title, "started": r.started, "summary": r.summary()})
                for name, r in reports
            ],
            "indicators": [
                named(name, indicator_row(g)) for name, r in reports for g in r.indicators
            ],
            "ledger": [named(name, ledger_row(line)) for name, r in reports for line in r.ledger],
        }
        return json_text(document) + "\n"
    if fmt == "csv":
        return format_csv([named(name, row) for name, r in reports for row in csv_rows(r)])
    parts = []
    for name, report in reports:
        text = _render_people(report, fmt != TEXT, width)
        if name:
            text = (f"## {name}" if fmt != TEXT else f"{name}:") + "\n\n" + text
        parts.append(text)
    return "\n".join(parts)
