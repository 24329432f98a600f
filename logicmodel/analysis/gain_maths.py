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

from logicmodel.analysis.results import Table, Tabular, bounded, people_number
from logicmodel.fileformat.periods import period_year
from logicmodel.models import Better, Element, Indicator, LogicModel, Stage

__all__ = [
    "COMPARATOR",
    "FLAT_BASELINE",
    "LEVEL",
    "LINEAR_TREND",
    "METHODS",
    "NO_METHOD",
    "NO_UNIT",
    "Amount",
    "Expectation",
    "GainReport",
    "IndicatorGain",
    "LedgerEntry",
    "LedgerLine",
    "PeriodGain",
    "Trend",
    "add_amounts",
    "by_comparator",
    "by_flat_baseline",
    "by_trend",
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
# Costs and benefits written without a unit are grouped, never added to those with one.
NO_UNIT = "(no unit)"
LEVEL = 0.95

# An amount of money or time: a number, or a range (low, high) for an estimate.
Amount = float | tuple[float, float]

# ---------------------------------------------------------------- Student's t, without scipy


def _continued_fraction(a: float, b: float, x: float) -> float:
    """Return the continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return result


def incomplete_beta(x: float, a: float, b: float) -> float:
    """Return the regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    # The fraction converges fast on one side of the mean only: use symmetry on the other.
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """Return P(T <= t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5)
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """Return the t with P(T <= t) = p for Student's t with `df` degrees of freedom.

    >>> round(t_quantile(0.975, 10), 3)
    2.228
    """
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("t_quantile needs 0 < p < 1 and df > 0")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if p == 0.5:
        return 0.0
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    # Bisection: the CDF is monotone, and 200 halvings reach the float's resolution.
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


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
class IndicatorGain:
    """The gain measured on one indicator of one element."""

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


@dataclass(frozen=True)
class LedgerEntry:
    """One cost or benefit, as the ledger lists it."""

    kind: str  # "cost" or "benefit"
    item: str
    amount: Amount | None
    by: list[str]
    outcome: str | None
    evidence: str | None
    source: str | None


@dataclass(frozen=True)
class LedgerLine:
    """The costs and benefits in one unit, and the net: benefits less costs."""

    unit: str
    costs: Amount | None  # None when no cost in this unit has an amount
    benefits: Amount | None
    net: Amount | None  # None unless both costs and benefits are known in this unit
    entries: list[LedgerEntry]

    @property
    def unstated(self) -> int:
        """Return how many costs and benefits in this unit have no amount."""
        return sum(1 for entry in self.entries if entry.amount is None)


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
        """Return the gain per indicator, with its latest measured gain, under the summary."""
        columns = {"id": "element"} | {
            key: key
            for key in ("indicator", "unit", "method", "planned_gain", "progress", "latest_gain")
        }
        rows = [{**row, "latest_gain": _latest(row)} for row in self.to_records()]
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
    """Return what the comparator says: our last value before the start scaled by its change."""
    assert indicator.comparator is not None
    base_period, base_year, base_value = pre[-1]
    theirs = sorted_actuals(indicator.comparator.actuals)
    exact = _exact_comparator(base_value, base_year, theirs)
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
) -> Expectation:
    """Return the pre-partnership trend projected over the partnership's periods."""
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
        expected_at[year] = Fraction(trend.predict(year))
        interval = trend.interval(year)
        if interval is not None:
            intervals[year] = (bounded(interval[0]), bounded(interval[1]))
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
        return by_trend(trend, pre, post, started), trend
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
    )


def _no_trend_gain(indicator: Indicator, started: str | None) -> str:
    """Return why an indicator has no gain against what was expected."""
    if not indicator.actuals:
        return "no trend gain: the indicator has no actuals yet"
    if started is None:
        return (
            "no trend gain: the partnership has no `started` period, so nothing marks "
            "before and after"
        )
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
    expected, gain = bounded(exact), bounded(sign * (Fraction(actual) - exact))
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


# ---------------------------------------------------------------- costs and benefits


def _amount(value: float | list[float] | None) -> Amount | None:
    """Return an amount as the file writes it, a range as a (low, high) pair."""
    if isinstance(value, list):
        return value[0], value[1]
    return value


def add_amounts(amounts: Iterable[Amount | None]) -> Amount | None:
    """Return the total of amounts, a (low, high) range if any is one; None if none is known.

    >>> add_amounts([1, (2, 3), None])
    (3, 4)
    """
    known = [a for a in amounts if a is not None]
    if not known:
        return None
    if all(not isinstance(a, tuple) for a in known):
        return sum(a for a in known if not isinstance(a, tuple))
    lows = sum(a[0] if isinstance(a, tuple) else a for a in known)
    highs = sum(a[1] if isinstance(a, tuple) else a for a in known)
    return lows, highs


def net_of(benefits: Amount | None, costs: Amount | None) -> Amount | None:
    """Return benefits less costs, widest range first: low benefits less high costs.

    >>> net_of((4.5, 5), 1)
    (3.5, 4)
    """
    if benefits is None or costs is None:
        return None
    if not isinstance(benefits, tuple) and not isinstance(costs, tuple):
        return benefits - costs
    b_low, b_high = benefits if isinstance(benefits, tuple) else (benefits, benefits)
    c_low, c_high = costs if isinstance(costs, tuple) else (costs, costs)
    return b_low - c_high, b_high - c_low


def ledger(model: LogicModel) -> list[LedgerLine]:
    """Return the costs and benefits per unit, in the order units first appear; never mixed."""
    by_unit: dict[str, list[LedgerEntry]] = {}
    partnership = model.partnership
    for kind, written in (("cost", partnership.costs), ("benefit", partnership.benefits)):
        for entry in written:
            bearers = [entry.by] if isinstance(entry.by, str) else list(entry.by or [])
            by_unit.setdefault(entry.unit or NO_UNIT, []).append(
                LedgerEntry(
                    kind=kind,
                    item=entry.item,
                    amount=_amount(entry.amount),
                    by=bearers,
                    outcome=getattr(entry, "outcome", None),
                    evidence=getattr(getattr(entry, "evidence", None), "value", None),
                    source=entry.source,
                )
            )
    lines = []
    for unit, entries in by_unit.items():
        costs = add_amounts(e.amount for e in entries if e.kind == "cost")
        benefits = add_amounts(e.amount for e in entries if e.kind == "benefit")
        lines.append(LedgerLine(unit, costs, benefits, net_of(benefits, costs), entries))
    return lines


def measure(model: LogicModel) -> GainReport:
    """Return the gain on every indicator of every element, and the ledger of costs and benefits."""
    started = model.partnership.started
    indicators = [
        measure_indicator(element, stage, indicator, started)
        for stage, element in model.elements()
        for indicator in element.indicators
    ]
    return GainReport(model.title, started, indicators, ledger(model))


def _json_amount(amount: Amount | None) -> float | list[float] | None:
    """Return an amount as JSON writes it, a range as [low, high]."""
    return list(amount) if isinstance(amount, tuple) else amount


def indicator_row(gain: IndicatorGain) -> dict[str, Any]:
    """Return one indicator's gain as plain values, full precision, for JSON."""
    trend = gain.trend
    return {
        "id": gain.element,
        "label": gain.element_label,
        "stage": gain.stage,
        "indicator": gain.indicator,
        "unit": gain.unit,
        "better": gain.better,
        "method": gain.method,
        "why": gain.why,
        "started": gain.started_period,
        "planned_gain": gain.planned_gain,
        "planned_gain_percent": gain.planned_gain_percent,
        "target_alone": gain.target_alone,
        "target_together": gain.target_together,
        "target_period": gain.target_period,
        "progress": gain.progress,
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


def ledger_row(line: LedgerLine) -> dict[str, Any]:
    """Return one unit of the ledger as plain values, ranges as [low, high], for JSON."""
    return {
        "unit": line.unit,
        "costs": _json_amount(line.costs),
        "benefits": _json_amount(line.benefits),
        "net": _json_amount(line.net),
        "entries": [
            {
                "kind": e.kind,
                "item": e.item,
                "amount": _json_amount(e.amount),
                "by": e.by,
                "outcome": e.outcome,
                "evidence": e.evidence,
                "source": e.source,
            }
            for e in line.entries
        ],
    }
