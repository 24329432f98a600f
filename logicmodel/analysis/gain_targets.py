"""Progress to an indicator's plain target and its standing against a benchmark series.

A plain target (80% by 2016) says where the partnership means to be, with no alone/together
split, so it measures progress, not gain: the share of the way from the baseline (the last
value before the partnership started, else the first value) to the target, and whether that
share keeps pace with a straight line from the baseline to the target by its period. A
benchmark target (GVA above the regional average) compares ours with another area's series,
period by period, under its rule: above, within (a margin) or below.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from logicmodel.analysis.results import bounded
from logicmodel.fileformat.periods import period_year
from logicmodel.models import BenchmarkRule, Indicator

Point = tuple[str, int, float]  # (period, year, value)


@dataclass(frozen=True)
class PlainProgress:
    """How far an indicator has come towards its plain target, and whether that is on track.

    `share` is the way come from `baseline` to `target` by `latest` (1.0: reached);
    `expected_share` the way a straight line from the baseline would have come by then;
    `on_track` whether `share` is at least that (None when the figures do not say: `why`).
    """

    target: float
    period: str | None
    baseline: Point | None
    latest: Point | None
    share: float | None
    expected_share: float | None
    on_track: bool | None
    why: str = ""


@dataclass(frozen=True)
class BenchmarkPeriod:
    """One period with values of both ours and the benchmark: the difference, and the rule."""

    period: str
    ours: float
    theirs: float
    difference: float
    meets: bool


@dataclass(frozen=True)
class BenchmarkStanding:
    """Ours against a benchmark series, period by period, under its rule."""

    name: str
    rule: str
    margin: float | None
    periods: list[BenchmarkPeriod]

    @property
    def latest(self) -> BenchmarkPeriod | None:
        """Return the latest period with both values, or None."""
        return self.periods[-1] if self.periods else None


def _points(actuals: dict[str, float]) -> list[Point]:
    """Return (period, year, value) for each value, in time order."""
    return sorted(((p, period_year(p), v) for p, v in actuals.items()), key=lambda a: a[1])


def plain_progress(indicator: Indicator, started: str | None) -> PlainProgress | None:
    """Return the progress to an indicator's plain target, or None when it has none.

    >>> from logicmodel.models import Indicator
    >>> i = Indicator(name="active", target=80, target_period=2016,
    ...               actuals={2008: 70, 2012: 74})
    >>> p = plain_progress(i, "2009")
    >>> (p.share, p.expected_share, p.on_track)
    (0.4, 0.5, False)
    """
    target = indicator.target
    if target is None:
        return None
    points = _points(indicator.actuals)
    period = indicator.target_period
    start = period_year(started) if started is not None else None
    before = [p for p in points if start is not None and p[1] < start]
    baseline = before[-1] if before else (points[0] if points else None)
    by = period_year(period) if period is not None else None
    shown = [p for p in points if by is None or p[1] <= by]
    latest = shown[-1] if shown else None
    empty = PlainProgress(target, period, baseline, latest, None, None, None)
    if baseline is None or latest is None:
        return _with(empty, why="no actuals yet")
    if latest[1] <= baseline[1]:
        return _with(empty, why=f"no value after the baseline ({baseline[0]})")
    if target == baseline[2]:
        return _with(empty, why="the baseline is the target already")
    share = bounded(
        (Fraction(latest[2]) - Fraction(baseline[2])) / (Fraction(target) - Fraction(baseline[2]))
    )
    found = _with(empty, share=share)
    if by is None:
        return _with(found, why="no target_period: on track or not cannot be said")
    if by <= baseline[1]:
        return _with(found, why=f"the target period {period} is not after the baseline")
    expected = bounded(Fraction(latest[1] - baseline[1], by - baseline[1]))
    return _with(found, expected_share=expected, on_track=share >= 1 or share >= expected)


def _with(progress: PlainProgress, **changes: Any) -> PlainProgress:
    """Return a copy of a progress with some fields changed."""
    return PlainProgress(**{**progress.__dict__, **changes})


def benchmark_standing(indicator: Indicator) -> BenchmarkStanding | None:
    """Return ours against the indicator's benchmark in each period both have, or None.

    Above: ours is higher (by at least `margin`, when one is given); below: lower (by at
    least `margin`); within: no further from it than `margin`.

    >>> from logicmodel.models import Indicator
    >>> region = {"name": "Region", "rule": "above", "actuals": {2010: 20, 2011: 21}}
    >>> i = Indicator(name="GVA", actuals={2010: 19, 2011: 22}, benchmark=region)
    >>> [(p.period, p.difference, p.meets) for p in benchmark_standing(i).periods]
    [('2010', -1, False), ('2011', 1, True)]
    """
    benchmark = indicator.benchmark
    if benchmark is None:
        return None
    theirs = {year: value for _, year, value in _points(benchmark.actuals)}
    rows = []
    for period, year, ours in _points(indicator.actuals):
        if year not in theirs:
            continue
        difference = bounded(Fraction(ours) - Fraction(theirs[year]))
        rows.append(
            BenchmarkPeriod(
                period,
                ours,
                theirs[year],
                difference,
                _meets(benchmark.rule, benchmark.margin, difference),
            )
        )
    return BenchmarkStanding(benchmark.name, benchmark.rule.value, benchmark.margin, rows)


def _meets(rule: BenchmarkRule, margin: float | None, difference: float) -> bool:
    """Return whether a difference (ours less theirs) keeps a benchmark's rule."""
    if rule is BenchmarkRule.WITHIN:
        return abs(difference) <= (margin or 0)
    signed = difference if rule is BenchmarkRule.ABOVE else -difference
    return signed > 0 if margin is None else signed >= margin


def plain_record(progress: PlainProgress | None) -> dict[str, Any] | None:
    """Return a plain target's progress as plain values, for JSON."""
    if progress is None:
        return None
    point = _point_record
    return {
        "target": progress.target,
        "period": progress.period,
        "baseline": point(progress.baseline),
        "latest": point(progress.latest),
        "share": progress.share,
        "expected_share": progress.expected_share,
        "on_track": progress.on_track,
        "why": progress.why or None,
    }


def _point_record(point: Point | None) -> dict[str, Any] | None:
    """Return a (period, year, value) point as plain values."""
    return None if point is None else {"period": point[0], "value": point[2]}


def benchmark_record(standing: BenchmarkStanding | None) -> dict[str, Any] | None:
    """Return a benchmark standing as plain values, for JSON."""
    if standing is None:
        return None
    return {
        "name": standing.name,
        "rule": standing.rule,
        "margin": standing.margin,
        "periods": [
            {
                "period": p.period,
                "ours": p.ours,
                "theirs": p.theirs,
                "difference": p.difference,
                "meets": p.meets,
            }
            for p in standing.periods
        ],
    }


def target_records(
    progress: PlainProgress | None, standing: BenchmarkStanding | None
) -> dict[str, Any]:
    """Return an indicator's plain-target progress and benchmark standing, keyed for JSON."""
    return {"plain_progress": plain_record(progress), "benchmark": benchmark_record(standing)}


__all__ = [
    "BenchmarkPeriod",
    "BenchmarkStanding",
    "PlainProgress",
    "benchmark_record",
    "benchmark_standing",
    "plain_progress",
    "plain_record",
    "target_records",
]
