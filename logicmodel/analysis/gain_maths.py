"""Measure collaborative gain: planned, against the pre-partnership trend or a comparator, and
its costs and benefits, per indicator and per unit.

The research names two measures of gain (Collaborative Gain Research Study, 2008, Conclusions):
a target for working alone against a stretched target for working together, and "further or
faster progress ... against the pre-partnership performance trends". Both are here, with a
comparator (an area the partnership did not touch) as a third way to say what would have
happened anyway. Every gain is signed so that positive is good under the indicator's `better`.
The maths only: `gain_format` writes the results for people and spreadsheets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from logicmodel.analysis.gain_ledger import (
    NO_UNIT,
    Amount,
    LedgerEntry,
    LedgerLine,
    add_amounts,
    ledger,
    ledger_row,
    net_of,
)
from logicmodel.analysis.gain_targets import (
    BenchmarkStanding,
    PlainProgress,
    benchmark_standing,
    plain_progress,
    target_records,
)
from logicmodel.analysis.results import Table, Tabular, bounded, people_number
from logicmodel.analysis.student_t import incomplete_beta, t_cdf, t_quantile
from logicmodel.fileformat.periods import period_year
from logicmodel.models import Better, Element, Indicator, LogicModel, Stage

__all__ = [
    "ASSUMPTIONS",
    "COMPARATOR",
    "FLAT_BASELINE",
    "LEVEL",
    "LINEAR_TREND",
    "METHODS",
    "NO_METHOD",
    "NO_START",
    "NO_UNIT",
    "PLANNED_ASSUMPTION",
    "Amount",
    "Expectation",
    "GainReport",
    "IndicatorGain",
    "LedgerEntry",
    "LedgerLine",
    "PeriodGain",
    "Rates",
    "Trend",
    "add_amounts",
    "average_change",
    "by_comparator",
    "by_flat_baseline",
    "by_trend",
    "clip_to_bounds",
    "comparator_expectation",
    "expectation",
    "incomplete_beta",
    "indicator_row",
    "ledger",
    "ledger_row",
    "linear_trend",
    "measure",
    "measure_indicator",
    "net_of",
    "period_year",
    "planned_gain",
    "progress_towards_target",
    "rates_of",
    "difference",
    "NOISE",
    "sign_of",
    "sorted_actuals",
    "t_cdf",
    "t_quantile",
]

LINEAR_TREND = "linear-trend"
FLAT_BASELINE = "flat-baseline"
COMPARATOR = "comparator"
NO_METHOD = "none"
METHODS = (LINEAR_TREND, FLAT_BASELINE, COMPARATOR, NO_METHOD)
NO_START = "the partnership has no `started` period, so nothing marks before and after"
LEVEL = 0.95
# What each method takes to have happened without the partnership, said once for every output.
ASSUMPTIONS = {
    LINEAR_TREND: (
        "without the partnership the figures would have kept changing as they did before the "
        "start: the pre-partnership trend, carried on"
    ),
    FLAT_BASELINE: (
        "without the partnership nothing would have changed: the one value before the start, "
        "held flat. A trend needs at least two values before the start; a flat line assumes no "
        "change, so it tends to overstate the gain when the figures were already improving "
        "(and understate it when they were getting worse)"
    ),
    COMPARATOR: (
        "without the partnership we would have moved as the comparator did: our last value "
        "before the start, scaled by the comparator's change since"
    ),
    NO_METHOD: (
        "nothing: without figures from before the start (or a comparator) no expectation is "
        "drawn, and no gain against one is claimed"
    ),
}
PLANNED_ASSUMPTION = (
    "the alone target is what the partners would achieve working apart; a planned gain is a "
    "plan, not a measure"
)


# ---------------------------------------------------------------- the trend


@dataclass(frozen=True)
class Trend:
    """A least-squares line through points (x, y), and what a prediction interval needs."""

    slope: float
    intercept: float
    n: int
    residual_se: float  # sqrt(SSE / (n - 2)); 0.0 with two points, where it is not defined
    x_mean: float
    y_mean: float
    sxx: float  # the sum of squared deviations of x from its mean

    def predict(self, x: float) -> float:
        """Return the line's value at x."""
        # Around the mean, not from the intercept: years near 2000 would cost precision.
        return self.y_mean + self.slope * (x - self.x_mean)

    def interval(self, x: float, level: float = LEVEL) -> tuple[float, float] | None:
        """Return the prediction interval at x, or None with fewer than three points.

        Student's t with n - 2 degrees of freedom; zero width when the points lie exactly on
        the line.
        """
        if self.n < 3:
            return None
        t = t_quantile((1.0 + level) / 2.0, self.n - 2)
        spread = math.sqrt(1.0 + 1.0 / self.n + (x - self.x_mean) ** 2 / self.sxx)
        half = t * self.residual_se * spread
        centre = self.predict(x)
        return centre - half, centre + half


def linear_trend(points: Sequence[tuple[float, float]]) -> Trend:
    """Return the least-squares line through points (x, y): two or more, at two or more x.

    >>> trend = linear_trend([(2000, 100), (2001, 90), (2002, 80)])
    >>> trend.slope, trend.predict(2003), trend.interval(2003)
    (-10.0, 70.0, (70.0, 70.0))
    """
    if len(points) < 2:
        raise ValueError("a trend needs at least two points")
    # Exact arithmetic: points on a line give a residual of exactly 0, so a zero-width interval.
    xs = [Fraction(x) for x, _ in points]
    ys = [Fraction(y) for _, y in points]
    n = len(points)
    x_mean, y_mean = sum(xs) / n, sum(ys) / n
    sxx = sum((x - x_mean) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("a trend needs points at two or more different x")
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True))
    syy = sum((y - y_mean) ** 2 for y in ys)
    slope = sxy / sxx
    residual = max(syy - slope * sxy, Fraction(0))
    return Trend(
        slope=float(slope),
        intercept=float(y_mean - slope * x_mean),
        n=n,
        residual_se=math.sqrt(residual / (n - 2)) if n > 2 else 0.0,
        x_mean=float(x_mean),
        y_mean=float(y_mean),
        sxx=float(sxx),
    )


# ---------------------------------------------------------------- gain per indicator


@dataclass(frozen=True)
class PeriodGain:
    """One period from the partnership's start: what happened, what was expected, the gain.

    `low` and `high` bound the expected value (the trend's prediction interval); `beyond`
    says whether the actual lies outside them.
    """

    period: str
    year: int
    actual: float
    expected: float | None
    gain: float | None
    low: float | None = None
    high: float | None = None
    beyond: bool | None = None


@dataclass(frozen=True)
class Rates:
    """The average change a year before the start and with the partnership: "faster".

    `before` and `after` are least-squares slopes (the average change a year; for two values,
    their difference over the years between); `faster` is `after - before`, signed so that
    positive is faster progress the better way. Each is None when its side has fewer than two
    values; `missing` then says why `faster` is not known.
    """

    before: float | None = None
    after: float | None = None
    faster: float | None = None
    before_span: tuple[str, str] | None = None  # the first and last period each rate covers
    after_span: tuple[str, str] | None = None
    missing: str = "no figures before and after the start"


@dataclass(frozen=True)
class IndicatorGain:
    """The gain measured on one indicator of one element.

    `further` is the latest level gain; `rates` the change of slope ("faster"); `assumption`
    what the method takes to have happened without the partnership.
    """

    element: str
    element_label: str
    stage: str
    indicator: str
    unit: str | None
    better: str | None
    method: str
    why: str
    started: int | None
    started_period: str | None
    actuals: list[tuple[str, int, float]]
    pre: list[tuple[str, int, float]]
    periods: list[PeriodGain]
    trend: Trend | None
    comparator: str | None
    comparator_expected: list[tuple[str, int, float]]
    planned_gain: float | None
    planned_gain_percent: float | None
    target_alone: float | None
    target_together: float | None
    target_period: str | None
    progress: float | None
    assumption: str = ""
    planned_assumption: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    rates: Rates = Rates()
    target: float | None = None  # a plain target: progress, not gain (gain_targets)
    plain: PlainProgress | None = None
    benchmark: BenchmarkStanding | None = None

    @property
    def further(self) -> PeriodGain | None:
        """Return the latest period with a gain against what was expected: the headline."""
        measured = [p for p in self.periods if p.gain is not None]
        return measured[-1] if measured else None


@dataclass(frozen=True)
class GainReport(Tabular):
    """The gain of a whole model: every indicator, then the ledger of costs and benefits."""

    title: str
    started: str | None
    indicators: list[IndicatorGain]
    ledger: list[LedgerLine]

    def summary(self) -> str:
        """Return one line saying what was measured."""
        if not self.indicators and not self.ledger:
            return "nothing to measure: no indicator, cost or benefit"
        measured = sum(1 for i in self.indicators if i.method != NO_METHOD)
        planned = sum(1 for i in self.indicators if i.planned_gain is not None)
        ledger = (
            f"costs and benefits in {_count(len(self.ledger), 'unit')}"
            if self.ledger
            else "no costs or benefits recorded"
        )
        return (
            f"{_count(len(self.indicators), 'indicator')}: {measured} with a gain against "
            f"what was expected, {planned} with a planned gain; {ledger}"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per indicator (as `gain --format json` gives them), e.g. for
        pandas.DataFrame; `ledger_row` gives the ledger's."""
        return [indicator_row(each) for each in self.indicators]

    def table(self) -> Table:
        """Return the gain per indicator, with its latest measured gain ("further") and the
        change of its average change a year ("faster"), under the summary."""
        columns = {"id": "element"} | {
            key: key for key in ("indicator", "unit", "method", "planned_gain", "progress")
        }
        columns |= {"latest_gain": "further", "faster": "faster (a year)"}
        rows = [
            {**row, "latest_gain": _latest(row), "faster": row["faster"]["gain"]}
            for row in self.to_records()
        ]
        return Table(rows, columns, self.summary())


def _latest(row: dict[str, Any]) -> str:
    """Return the latest measured gain of an indicator's record and its period, or ''."""
    gains = [p for p in row["periods"] if p["gain"] is not None]
    return (
        f"{people_number(gains[-1]['gain'], signed=True)} ({gains[-1]['period']})" if gains else ""
    )


def _count(n: int, noun: str) -> str:
    """Return a count and its noun, plural but for one."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def sign_of(better: Better | str | None) -> int:
    """Return -1 when lower is better, else 1: a gain is (actual - expected) times this."""
    return -1 if better in (Better.LOWER, Better.LOWER.value) else 1


def sorted_actuals(actuals: dict[str, float]) -> list[tuple[str, int, float]]:
    """Return (period, year, value) for each actual, in time order."""
    return sorted(((p, period_year(p), v) for p, v in actuals.items()), key=lambda a: a[1])


def comparator_expectation(
    base_value: float, base_year: int, comparator: Iterable[tuple[str, int, float]]
) -> list[tuple[str, int, float]]:
    """Return (period, year, expected) from the base year on: our base scaled by theirs.

    Exact: a tiny base of theirs gives an expectation too large to show (an infinity), never
    an overflow.

    >>> comparator_expectation(600, 2004, [("2004", 2004, 300), ("2005", 2005, 270)])
    [('2004', 2004, 600), ('2005', 2005, 540)]
    """
    return [
        (p, year, bounded(v)) for p, year, v in _exact_comparator(base_value, base_year, comparator)
    ]


def _exact_comparator(
    base_value: float, base_year: int, comparator: Iterable[tuple[str, int, float]]
) -> list[tuple[str, int, Fraction]]:
    """Return (period, year, expected) from the base year on, exactly."""
    series = list(comparator)
    base = next((value for _, year, value in series if year == base_year), None)
    # The loader refuses both (located); a model built in Python gets a plain error.
    if base is None:
        raise ValueError(f"the comparator has no value for {base_year}, the base year")
    if base == 0:
        raise ValueError(f"the comparator is 0 in {base_year}, the base year: nothing to scale")
    scale = Fraction(base_value) / Fraction(base)
    return [(p, year, scale * Fraction(value)) for p, year, value in series if year >= base_year]


# An indicator's bounds: the lowest and highest values it can take, None where it states none.
Bounds = tuple[float | None, float | None]


def clip_to_bounds(value: Any, bounds: Bounds) -> Any:
    """Return a value (a number or an exact Fraction) moved inside the bounds, if outside.

    >>> clip_to_bounds(-12.5, (0, None)), clip_to_bounds(140, (0, 100)), clip_to_bounds(7, (0, 9))
    (0, 100, 7)
    """
    low, high = bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


@dataclass(frozen=True)
class Expectation:
    """What an indicator was expected to do without the partnership, and how that was found."""

    method: str
    why: str
    expected_at: dict[int, Fraction] = field(default_factory=dict)  # by year, exact
    intervals: dict[int, tuple[float, float]] = field(default_factory=dict)
    comparator_expected: list[tuple[str, int, float]] = field(default_factory=list)


def by_comparator(
    indicator: Indicator, pre: Sequence[tuple[str, int, float]], trend: Trend | None
) -> Expectation:
    """Return what the comparator says: our last value before the start scaled by its change,
    kept within the indicator's bounds."""
    assert indicator.comparator is not None
    base_period, base_year, base_value = pre[-1]
    theirs = sorted_actuals(indicator.comparator.actuals)
    bounds = (indicator.minimum, indicator.maximum)
    exact = [
        (p, year, clip_to_bounds(value, bounds))
        for p, year, value in _exact_comparator(base_value, base_year, theirs)
    ]
    shown = [(p, year, bounded(value)) for p, year, value in exact]
    why = (
        f"comparator: our {base_period} value ({people_number(base_value)}) scaled by the change "
        f"in {indicator.comparator.name} since {base_period}, what would have happened had we "
        "moved as it did"
    )
    if trend is not None:
        why += "; the pre-partnership trend is reported too"
    return Expectation(COMPARATOR, why, {year: v for _, year, v in exact}, {}, shown)


def by_trend(
    trend: Trend,
    pre: Sequence[tuple[str, int, float]],
    post: Sequence[tuple[str, int, float]],
    started: str | None,
    bounds: Bounds = (None, None),
) -> Expectation:
    """Return the pre-partnership trend projected over the partnership's periods, the line and
    its interval clipped to the indicator's bounds (a count is never expected below 0)."""
    why = (
        f"linear trend: least squares over the {len(pre)} values before the partnership "
        f"started in {started} ({pre[0][0]} to {pre[-1][0]}), projected on"
    )
    why += (
        f", with a {LEVEL:.0%} prediction interval"
        if trend.n >= 3
        else "; two values give no interval (three do)"
    )
    expected_at: dict[int, Fraction] = {}
    intervals: dict[int, tuple[float, float]] = {}
    for _, year, _ in post:
        expected_at[year] = clip_to_bounds(Fraction(trend.predict(year)), bounds)
        interval = trend.interval(year)
        if interval is not None:
            low, high = (clip_to_bounds(end, bounds) for end in interval)
            intervals[year] = (bounded(low), bounded(high))
    return Expectation(LINEAR_TREND, why, expected_at, intervals)


def by_flat_baseline(
    only: tuple[str, int, float], post: Sequence[tuple[str, int, float]], started: str | None
) -> Expectation:
    """Return the one value before the partnership, expected to stay as it was."""
    period, _, value = only
    why = (
        f"flat baseline: one value before the partnership started in {started} "
        f"({period}: {people_number(value)}), so the expected value stays at "
        f"{people_number(value)}"
    )
    return Expectation(FLAT_BASELINE, why, {year: Fraction(value) for _, year, _ in post})


def expectation(
    indicator: Indicator,
    pre: Sequence[tuple[str, int, float]],
    post: Sequence[tuple[str, int, float]],
    started: str | None,
) -> tuple[Expectation, Trend | None]:
    """Return the expectation by the best method the figures allow, and the trend if any:
    a comparator, else the trend (two values or more), else a flat baseline (one)."""
    trend = linear_trend([(year, value) for _, year, value in pre]) if len(pre) >= 2 else None
    if indicator.comparator is not None and pre:
        return by_comparator(indicator, pre, trend), trend
    if trend is not None:
        bounds = (indicator.minimum, indicator.maximum)
        return by_trend(trend, pre, post, started, bounds), trend
    if len(pre) == 1:
        return by_flat_baseline(pre[0], post, started), trend
    return Expectation(NO_METHOD, _no_trend_gain(indicator, started)), trend


def measure_indicator(
    element: Element, stage: Stage, indicator: Indicator, started: str | None
) -> IndicatorGain:
    """Return the gain on one indicator, by the best method its figures allow."""
    better = indicator.better.value if indicator.better else None
    start = period_year(started) if started is not None else None
    actuals = sorted_actuals(indicator.actuals)
    pre = [a for a in actuals if start is not None and a[1] < start]
    post = [a for a in actuals if start is not None and a[1] >= start]
    expected, trend = expectation(indicator, pre, post, started)
    why = expected.why
    planned, percent = planned_gain(indicator)
    if better is None and (expected.method != NO_METHOD or planned is not None):
        why += "; `better` is not set, so gains are actual minus expected, as if higher were better"
    sign = sign_of(better)
    assumption = ASSUMPTIONS[expected.method]
    if expected.method == COMPARATOR:
        assert indicator.comparator is not None
        assumption = assumption.replace("the comparator", indicator.comparator.name, 1)
    return IndicatorGain(
        element=element.id,
        element_label=element.label,
        stage=stage.value,
        indicator=indicator.name,
        unit=indicator.unit,
        better=better,
        method=expected.method,
        why=why,
        started=start,
        started_period=started,
        actuals=actuals,
        pre=pre,
        periods=[_period_gain(p, year, value, expected, sign) for p, year, value in post],
        trend=trend,
        comparator=indicator.comparator.name if indicator.comparator else None,
        comparator_expected=expected.comparator_expected,
        planned_gain=planned,
        planned_gain_percent=percent,
        target_alone=indicator.target_alone,
        target_together=indicator.target_together,
        target_period=indicator.target_period,
        progress=progress_towards_target(indicator, pre),
        assumption=assumption,
        planned_assumption=PLANNED_ASSUMPTION if planned is not None else None,
        minimum=indicator.minimum,
        maximum=indicator.maximum,
        rates=rates_of(pre, post, sign) if start is not None else Rates(missing=NO_START),
        target=indicator.target,
        plain=plain_progress(indicator, started),
        benchmark=benchmark_standing(indicator),
    )


def average_change(values: Sequence[tuple[str, int, float]]) -> float | None:
    """Return the average change a year through (period, year, value): the least-squares
    slope; None with values in fewer than two years.

    >>> average_change([("2003", 2003, 660), ("2004", 2004, 600)])
    -60
    """
    if len({year for _, year, _ in values}) < 2:
        return None
    return bounded(linear_trend([(year, value) for _, year, value in values]).slope)


# Figures typed with decimals are binary fractions: a difference this small against them is the
# arithmetic's noise (10.4 against a trend's 10.4 came out as 1.78e-15), so it is no change.
NOISE = Fraction(1, 10**9)


def difference(value: float | Fraction, baseline: float | Fraction, sign: int = 1) -> Fraction:
    """Return sign times (value - baseline), exactly; nought where it is only the noise of
    figures with decimals.

    >>> difference(10.4, 10.400000000000002), difference(12, 10, -1)
    (Fraction(0, 1), Fraction(-2, 1))
    """
    gap = Fraction(value) - Fraction(baseline)
    scale = max(Fraction(1), abs(Fraction(value)), abs(Fraction(baseline)))
    return Fraction(0) if abs(gap) <= NOISE * scale else sign * gap


def rates_of(
    pre: Sequence[tuple[str, int, float]], post: Sequence[tuple[str, int, float]], sign: int
) -> Rates:
    """Return the average change a year before the start and since, and how much faster
    progress is with the partnership (signed by `better`): the research's "faster"."""
    before, after = average_change(pre), average_change(post)
    spans = [(side[0][0], side[-1][0]) if len(side) > 1 else None for side in (pre, post)]
    if before is not None and after is not None:
        faster = bounded(difference(after, before, sign))
        return Rates(before, after, faster, spans[0], spans[1], "")
    if not pre and not post:
        missing = "no value before or after the start"
    elif before is None:
        missing = (
            f"a rate before the start needs at least two values before it; there "
            f"{'is one' if len(pre) == 1 else 'are none'}"
        )
    else:
        missing = (
            f"a rate with the partnership needs at least two values from the start; there "
            f"{'is one' if len(post) == 1 else 'are none'}"
        )
    return Rates(before, after, None, spans[0], spans[1], missing)


def _no_trend_gain(indicator: Indicator, started: str | None) -> str:
    """Return why an indicator has no gain against what was expected."""
    if not indicator.actuals:
        return "no trend gain: the indicator has no actuals yet"
    if started is None:
        return f"no trend gain: {NO_START}"
    return (
        f"no trend gain: no value before the partnership started in {started}; give earlier "
        "actuals, a comparator, or alone and together targets"
    )


def _period_gain(
    period: str, year: int, actual: float, expectation: Expectation, sign: int
) -> PeriodGain:
    """Return one period's actual against what was expected, and whether it is beyond it."""
    exact = expectation.expected_at.get(year)
    if exact is None:
        return PeriodGain(period, year, actual, None, None)
    expected, gain = bounded(exact), bounded(difference(actual, exact, sign))
    interval = expectation.intervals.get(year)
    if interval is None:
        return PeriodGain(period, year, actual, expected, gain)
    low, high = interval
    return PeriodGain(period, year, actual, expected, gain, low, high, not low <= actual <= high)


def planned_gain(indicator: Indicator) -> tuple[float | None, float | None]:
    """Return target_together - target_alone, signed by `better`, and as a % of the alone target.

    >>> from logicmodel.models import Indicator
    >>> planned_gain(Indicator(name="NEET", better="lower", target_alone=400, target_together=350))
    (50, 12.5)
    """
    alone, together = indicator.target_alone, indicator.target_together
    if alone is None or together is None:
        return None, None
    gain = sign_of(indicator.better) * (together - alone)
    # Exact: an alone target of 1e-300 gives a percentage too large to show, not an overflow.
    return gain, (bounded(Fraction(gain) / abs(Fraction(alone)) * 100) if alone else None)


def progress_towards_target(
    indicator: Indicator, pre: Sequence[tuple[str, int, float]] = ()
) -> float | None:
    """Return how far the latest actual has come from the baseline to `target_together`.

    The baseline is the last value before the partnership started, else the first actual;
    the latest actual is the last by `target_period` when one is given. 1.0 is the target
    met; None when the figures do not say.
    """
    target = indicator.target_together
    actuals = sorted_actuals(indicator.actuals)
    if target is None or not actuals:
        return None
    baseline = pre[-1] if pre else actuals[0]
    if indicator.target_period is not None:
        by = period_year(indicator.target_period)
        actuals = [a for a in actuals if a[1] <= by]
    if not actuals or actuals[-1][1] <= baseline[1] or target == baseline[2]:
        return None
    come, span = (
        Fraction(actuals[-1][2]) - Fraction(baseline[2]),
        Fraction(target) - Fraction(baseline[2]),
    )
    return bounded(come / span)


def measure(model: LogicModel) -> GainReport:
    """Return the gain on every indicator of every element, and the ledger of costs and benefits."""
    started = model.partnership.started
    indicators = [
        measure_indicator(element, stage, indicator, started)
        for stage, element in model.elements()
        for indicator in element.indicators
    ]
    return GainReport(model.title, started, indicators, ledger(model))


def indicator_row(gain: IndicatorGain) -> dict[str, Any]:
    """Return one indicator's gain as plain values, full precision, for JSON."""
    trend, rates, further = gain.trend, gain.rates, gain.further
    return {
        "id": gain.element,
        "label": gain.element_label,
        "stage": gain.stage,
        "indicator": gain.indicator,
        "unit": gain.unit,
        "better": gain.better,
        "method": gain.method,
        "why": gain.why,
        "assumption": gain.assumption,
        "started": gain.started_period,
        "minimum": gain.minimum,
        "maximum": gain.maximum,
        "further": None if further is None else {"period": further.period, "gain": further.gain},
        "faster": {
            "before": rates.before,
            "after": rates.after,
            "gain": rates.faster,
            "before_periods": None if rates.before_span is None else list(rates.before_span),
            "after_periods": None if rates.after_span is None else list(rates.after_span),
            "missing": rates.missing or None,
        },
        "planned_gain": gain.planned_gain,
        "planned_gain_percent": gain.planned_gain_percent,
        "planned_assumption": gain.planned_assumption,
        "target_alone": gain.target_alone,
        "target_together": gain.target_together,
        "target_period": gain.target_period,
        "progress": gain.progress,
        **target_records(gain.plain, gain.benchmark),
        "trend": None
        if trend is None
        else {
            "slope": trend.slope,
            "intercept": trend.intercept,
            "n": trend.n,
            "residual_se": trend.residual_se,
        },
        "comparator": gain.comparator,
        "comparator_expected": [
            {"period": p, "expected": value} for p, _, value in gain.comparator_expected
        ],
        "actuals": [{"period": p, "actual": value} for p, _, value in gain.actuals],
        "pre": [{"period": p, "actual": value} for p, _, value in gain.pre],
        "periods": [
            {
                "period": p.period,
                "actual": p.actual,
                "expected": p.expected,
                "gain": p.gain,
                "low": p.low,
                "high": p.high,
                "beyond": p.beyond,
            }
            for p in gain.periods
        ],
    }
