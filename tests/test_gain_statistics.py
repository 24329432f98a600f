"""The statistics under the gain: Student's t against the printed tables, the incomplete beta
function against values known in closed form, and a trend's line and prediction interval
worked by hand."""

from __future__ import annotations

import math

import pytest

from logicmodel.analysis.gain_maths import incomplete_beta, linear_trend, t_cdf, t_quantile

# Two-sided 95%, one-sided 95% and two-sided 99% critical values, from any printed t table.
T_TABLE = {
    1: (12.706, 6.314, 63.657),
    2: (4.303, 2.920, 9.925),
    5: (2.571, 2.015, 4.032),
    10: (2.228, 1.812, 3.169),
    30: (2.042, 1.697, 2.750),
}


@pytest.mark.parametrize("df", sorted(T_TABLE))
def test_t_quantiles_agree_with_the_printed_table(df: int) -> None:
    found = tuple(round(t_quantile(p, df), 3) for p in (0.975, 0.95, 0.995))
    assert found == T_TABLE[df]
    assert t_quantile(0.025, df) == pytest.approx(-T_TABLE[df][0], abs=1e-3)
    assert t_quantile(0.5, df) == 0.0


def test_the_t_distribution_is_symmetric_about_zero() -> None:
    assert t_cdf(0.0, 5) == 0.5
    assert t_cdf(2.015, 5) == pytest.approx(0.95, abs=1e-5)
    assert t_cdf(-2.015, 5) == pytest.approx(0.05, abs=1e-5)


@pytest.mark.parametrize(("p", "df"), [(0.0, 5), (1.0, 5), (0.5, 0), (1.5, 3)])
def test_a_t_quantile_out_of_range_is_refused_saying_what_it_needs(p: float, df: float) -> None:
    with pytest.raises(ValueError, match=r"^t_quantile needs 0 < p < 1 and df > 0$"):
        t_quantile(p, df)


@pytest.mark.parametrize(
    ("x", "a", "b", "value"),
    [
        (0.5, 2, 3, 0.6875),  # 11/16
        (0.3, 1, 1, 0.3),  # I_x(1, 1) = x
        (0.2, 3, 1, 0.008),  # I_x(a, 1) = x**a
        (0.9, 2, 3, 0.9963),  # past the mean: the symmetric side of the fraction
        (0.7, 1, 2, 0.91),  # I_x(1, b) = 1 - (1 - x)**b
        (0.0, 2, 2, 0.0),
        (1.0, 2, 2, 1.0),
    ],
)
def test_the_incomplete_beta_function_agrees_with_closed_forms(
    x: float, a: float, b: float, value: float
) -> None:
    assert incomplete_beta(x, a, b) == pytest.approx(value, abs=1e-12)


def test_a_trend_through_scattered_points_and_its_prediction_interval() -> None:
    trend = linear_trend([(2000, 100), (2001, 92), (2002, 80), (2003, 71)])
    # Worked by hand: sxx = 5, sxy = -49.5, syy = 492.75, so SSE = 2.7 on 2 degrees of freedom.
    assert trend.slope == pytest.approx(-9.9)
    assert trend.intercept == pytest.approx(19900.6)
    assert (trend.n, trend.x_mean, trend.y_mean, trend.sxx) == (4, 2001.5, 85.75, 5.0)
    assert trend.residual_se == pytest.approx(math.sqrt(1.35))
    assert trend.predict(2004) == pytest.approx(61.0)
    interval = trend.interval(2004)
    assert interval is not None
    half = 4.302653 * math.sqrt(1.35) * math.sqrt(1 + 1 / 4 + 2.5**2 / 5)
    assert interval == pytest.approx((61.0 - half, 61.0 + half), abs=1e-5)


def test_points_on_a_line_give_a_zero_width_interval_and_two_points_none() -> None:
    on_line = linear_trend([(2000, 100), (2001, 90), (2002, 80)])
    assert on_line.residual_se == 0.0
    assert on_line.interval(2003) == (70.0, 70.0)
    assert linear_trend([(2000, 100), (2001, 90)]).interval(2002) is None
