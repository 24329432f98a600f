"""Gain stays finite: inputs the format takes but whose quotient no float holds (a comparator
base of 1e-300, an alone target of 1e-300, a target span of 1e-300) are reported as "too large
to show" by every command, and JSON stays strict."""

from __future__ import annotations

import json
import math
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from logicmodel.analysis.gain import measure, render_gain
from logicmodel.analysis.results import MAX_SHOWN, TOO_LARGE, bounded, json_text, people_number
from logicmodel.cli import cli
from logicmodel.fileformat.loading import loads

from .conftest import import_or_missing
from .test_gain import model_text

OVERFLOWING = {
    "a comparator base of 1e-300": (
        "actuals: {2003: 1, 2004: 2}\n"
        "comparator: {name: Scotland, actuals: {2003: 1e-300, 2004: 9e17}}"
    ),
    "an alone target of 1e-300": "target_alone: 1e-300\ntarget_together: 5",
    "a target span of 1e-300": "actuals: {2003: 0, 2005: 1e17}\ntarget_together: 1e-300",
}


def refuse_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which strict JSON does not have."""
    raise ValueError(f"not strict JSON: {name}")


@pytest.fixture(params=list(OVERFLOWING), ids=lambda name: name.replace(" ", "-"))
def overflowing(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(model_text(OVERFLOWING[request.param]), encoding="utf-8")
    return path


def test_gain_in_text_and_markdown_says_too_large_to_show(overflowing: Path) -> None:
    for fmt in ("text", "markdown", "csv"):
        result = CliRunner().invoke(cli, ["gain", str(overflowing), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert TOO_LARGE in result.output
        words = result.output.replace(",", " ").split()
        assert not {"inf", "-inf", "nan", "inf%", "+inf"} & set(words)


def test_gain_json_is_strict(overflowing: Path) -> None:
    result = CliRunner().invoke(cli, ["gain", str(overflowing), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output, parse_constant=refuse_constant)
    assert TOO_LARGE in json.dumps(document)


def test_the_gain_chart_draws_and_says_too_large(overflowing: Path, tmp_path: Path) -> None:
    target = tmp_path / "gain.svg"
    result = CliRunner().invoke(
        cli, ["render", str(overflowing), "--view", "gain", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    # The progress is not on the chart; the other two are written in its annotation.
    if "target_together: 1e-300" not in overflowing.read_text(encoding="utf-8"):
        assert TOO_LARGE in svg
    assert "inf" not in svg.replace("information", "")


def test_the_html_report_says_too_large(overflowing: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(overflowing), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert TOO_LARGE in target.read_text(encoding="utf-8")


@pytest.mark.needs("pdftotext")
def test_the_pdf_report_says_too_large(overflowing: Path, tmp_path: Path) -> None:
    import_or_missing("weasyprint")
    target = tmp_path / "report.pdf"
    result = CliRunner().invoke(cli, ["report", str(overflowing), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert TOO_LARGE in " ".join(text.split())


def test_an_overflowing_comparator_gives_an_infinite_expectation_of_the_right_sign() -> None:
    (gain,) = measure(loads(model_text(OVERFLOWING["a comparator base of 1e-300"]))).indicators
    (period,) = gain.periods
    assert period.expected == math.inf and period.gain == -math.inf
    assert people_number(period.gain, signed=True) == f"{TOO_LARGE} (negative)"


def test_a_gain_just_short_of_the_limit_is_computed_exactly() -> None:
    # Expected 1e21 (1 scaled by 1e21 / 1): shown; the gain 2 - 1e21 is exact, not rounded.
    text = model_text(
        "actuals: {2003: 1, 2004: 2}\ncomparator: {name: S, actuals: {2003: 1e-3, 2004: 1e18}}"
    )
    (gain,) = measure(loads(text)).indicators
    assert gain.periods[0].expected == pytest.approx(1e21)
    assert gain.periods[0].gain == float(2 - Fraction(1e18) / Fraction(1e-3))


@given(
    st.builds(
        lambda mantissa, exponent: Fraction(mantissa) * Fraction(10) ** exponent,
        st.integers(-(10**6), 10**6),
        st.integers(-400, 400),
    )
)
def test_bounded_results_are_finite_or_an_infinity_of_their_sign(value: Fraction) -> None:
    shown = bounded(value)
    if abs(value) <= MAX_SHOWN:
        assert math.isfinite(shown) and shown == float(value)
    else:
        assert shown == (math.inf if value > 0 else -math.inf)
    json.loads(json_text({"v": shown, "nan": math.nan}), parse_constant=refuse_constant)


def test_render_gain_json_never_writes_a_non_finite_number() -> None:
    for indicator in OVERFLOWING.values():
        report = measure(loads(model_text(indicator)))
        text = render_gain([("", report)], "json")
        json.loads(text, parse_constant=refuse_constant)


def test_every_json_write_is_strict() -> None:
    # NaN and Infinity are not JSON: every json.dump(s) of the package refuses them, and the
    # writers turn non-finite numbers into words or null first (finite_json).
    import ast

    from .conftest import ROOT

    loose = []
    for folder in ("logicmodel", "renderers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("dump", "dumps")
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "json"
                ):
                    strict = any(
                        k.arg == "allow_nan"
                        and isinstance(k.value, ast.Constant)
                        and k.value.value is False
                        for k in node.keywords
                    )
                    if not strict:
                        loose.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert loose == []


def test_compare_writes_an_overflowing_gain_in_words(overflowing: Path) -> None:
    for fmt in ("text", "json", "csv"):
        result = CliRunner().invoke(cli, ["compare", str(overflowing), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "inf " not in result.output and "Infinity" not in result.output
    result = CliRunner().invoke(cli, ["compare", str(overflowing), "--format", "json"])
    json.loads(result.output, parse_constant=refuse_constant)


def test_the_notebook_table_says_too_large() -> None:
    report = measure(loads(model_text(OVERFLOWING["a comparator base of 1e-300"])))
    assert TOO_LARGE in report._repr_html_()
