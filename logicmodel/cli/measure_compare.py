"""Commands that measure and compare models: gain, compare (many partnerships) and diff (two
versions of one)."""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING, Any

import click

from logicmodel.cli.shared import (
    InputError,
    each_model,
    echo_faults,
    echo_or_write,
    echo_report,
    max_size_option,
    named,
    report_format_option,
    write_file,
)
from logicmodel.renderers.themes import THEMES
from logicmodel.status import ExitStatus

if TYPE_CHECKING:
    from logicmodel.models import LogicModel


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@report_format_option()
@max_size_option()
def gain(files: tuple[str, ...], output_format: str, max_size: int) -> None:
    """Measure the collaborative gain on every indicator, and weigh costs against benefits.

    For each indicator: the planned gain (together target less alone target),
    and for each period from `partnership.started` on, the value expected
    without the partnership and the gain over it: from a comparator's change,
    else a linear trend over the values before the start (with a 95%
    prediction interval from three values), else a flat baseline at the one
    value before; the method and what it assumes are stated. Then the latest
    gain ("further") and the average change a year before the start against
    since ("faster"). Gains are signed so that positive is good under the
    indicator's `better`; expectations stay within its `minimum` and
    `maximum`. Then the costs and benefits per unit, never adding different
    units.

    \b
    Examples:
      logicmodel gain samples/inverclyde-mcmc.yaml
      logicmodel gain samples/*.yaml --format json > gain.json
    """
    from logicmodel.analysis.gain import GainReport, measure, render_gain

    def measure_one(model: LogicModel, path: str) -> GainReport:
        return measure(model)

    reports, status = each_model(files, max_size, "Measuring", measure_one)
    width = shutil.get_terminal_size().columns
    if reports:
        echo_report(render_gain(named(reports, files), output_format, width), output_format)
    sys.exit(status)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@report_format_option()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the table (or with --view the chart: .png, .svg or .pdf) to this file.",
)
@click.option(
    "--view",
    "chart",
    is_flag=True,
    help="Draw a chart instead: a stacked bar of outcome classes per partnership. "
    "[default output: comparison.png]",
)
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="The chart's colours: classic, colourblind, print (greyscale) or projector.",
)
@click.option(
    "--only-theme",
    "only",
    metavar="THEME",
    help="Count only the outcomes under this theme (an element's `theme`; any case).",
)
@click.option("--strict", is_flag=True, help="Stop at a file that cannot be read: write nothing.")
@click.option(
    "--by-national-outcome",
    "by_national",
    is_flag=True,
    help="One row (or bar) per national outcome the models serve (`contributes_to`): how many "
    "models serve it, their classes, the share relying on collaboration; those relying most "
    "on partnership working first.",
)
@max_size_option()
def compare(
    files: tuple[str, ...],
    output_format: str,
    output: str | None,
    chart: bool,
    theme: str,
    only: str | None,
    strict: bool,
    by_national: bool,
    max_size: int,
) -> None:
    """Compare partnerships: one row per model.

    Each row: partners, elements, collaborative contributions, outcomes of
    each trace class, the share of outcomes relying on collaboration, the
    partners whose leaving costs most outcomes something (their gain, their
    single-agency support or all support), the planned and measured gain, and
    the advice counted by severity. A file that cannot be read is reported
    (FILE: message) and skipped, and the exit status says so; with --strict it
    stops the command. Many files show a progress bar.

    \b
    Examples:
      logicmodel compare samples/*.yaml
      logicmodel compare samples/*.yaml --format csv -o partnerships.csv
      logicmodel compare samples/*.yaml --view -o comparison.png
      logicmodel compare samples/*.yaml --by-national-outcome
      logicmodel compare a.yaml b.yaml --only-theme Productivity
    """
    from logicmodel.analysis.comparing import Comparison, compare_rows, render_comparison

    if by_national:
        _compare_by_national_outcome(files, output_format, output, chart, theme, strict, max_size)

    def compare_one(model: LogicModel, path: str) -> list[dict[str, Any]]:
        try:
            return compare_rows(model, path, only)
        except ValueError as error:  # no outcome under the theme
            raise InputError(f"{path}: {error}") from None

    rows, status = each_model(files, max_size, "Comparing", compare_one)
    if strict and status != ExitStatus.OK:
        sys.exit(status)
    comparison = Comparison([row for _, made in rows for row in made])  # a parent: several
    if chart:
        from logicmodel.renderers.comparison import chart as draw_chart

        target, picture = _picture_target(output, "comparison.png", "comparison")
        if comparison.rows:
            _write_figure(draw_chart(comparison.rows, theme), target, picture, files)
    elif comparison.rows:
        width = shutil.get_terminal_size().columns
        echo_or_write(render_comparison(comparison, output_format, width), output, files)
    sys.exit(status)


def _compare_by_national_outcome(
    files: tuple[str, ...],
    output_format: str,
    output: str | None,
    chart: bool,
    theme: str,
    strict: bool,
    max_size: int,
) -> None:
    """Print or draw the comparison by national outcome, then exit with the worst status."""
    from logicmodel.analysis.comparing import compare_national, render_national_comparison
    from logicmodel.analysis.national import NationalRollUp, roll_up
    from logicmodel.fileformat.frameworks import model_framework

    def roll_up_one(model: LogicModel, path: str) -> NationalRollUp:
        return roll_up(model, model_framework(model, path))

    results, status = each_model(files, max_size, "Comparing", roll_up_one)
    if strict and status != ExitStatus.OK:
        sys.exit(status)
    comparison = compare_national(results)
    if chart:
        from logicmodel.renderers.comparison import NATIONAL_HEADING
        from logicmodel.renderers.comparison import chart as draw_chart

        target, picture = _picture_target(output, "comparison.png", "comparison")
        if comparison.rows:
            figure = draw_chart(comparison.rows, theme, NATIONAL_HEADING)
            _write_figure(figure, target, picture, files)
    else:
        width = shutil.get_terminal_size().columns
        report = render_national_comparison(comparison, output_format, width)
        echo_or_write(report, output, files)
    sys.exit(status)


def _picture_target(output: str | None, default: str, view: str) -> tuple[str, str]:
    """Return where a picture goes and its format, or exit when its ending is not one."""
    from logicmodel.renderers import verify_suffix

    target = output or default
    try:
        return target, verify_suffix(target, view)
    except ValueError as error:
        raise InputError(str(error)) from None


def _write_figure(figure: Any, target: str, picture: str, inputs: tuple[str, ...]) -> None:
    """Write a matplotlib figure in a picture format and print its name."""
    from logicmodel.renderers import encode

    made = encode(figure, picture)
    assert isinstance(made, bytes)
    write_file(target, made, inputs)
    click.echo(target)


@click.command(name="diff")
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="OLD NEW")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
@click.option(
    "--view",
    "picture",
    is_flag=True,
    help="Draw Figure 1 of NEW with added and changed elements marked and removed ones "
    "listed, to -o (.png, .svg or .pdf). [default output: diff.png]",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="The picture's colours (with --view).",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit with status 1 when the models differ, as git diff."
)
@max_size_option()
def diff_models(
    files: tuple[str, ...],
    output_format: str,
    picture: bool,
    output: str | None,
    theme: str,
    exit_code: bool,
    max_size: int,
) -> None:
    """Show what changed between two versions of a model.

    Elements added, removed, renamed, relabelled, moved between stages or
    lanes (partners, collaborative), other fields changed; links added and
    removed; partners changed; and the outcomes whose trace class, dependence
    on collaboration or critical collaborative elements changed. As a git
    diff driver it takes git's seven arguments (PATH OLD-FILE OLD-HEX
    OLD-MODE NEW-FILE NEW-HEX NEW-MODE); docs/researchers.md says how to set it up.

    \b
    Examples:
      logicmodel diff draft-1.yaml draft-2.yaml
      logicmodel diff draft-1.yaml draft-2.yaml --format json
      logicmodel diff draft-1.yaml draft-2.yaml --view -o changes.png
    """
    from logicmodel.analysis.diffing import render_diff_report
    from logicmodel.cli.git_diff import GitCall, diff_files

    try:
        call = GitCall.from_arguments(files)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    result, faults, status = diff_files(call, max_size)
    if result is None:
        # As a git driver a broken side still shows: its faults, then git's plain diff
        # of the text; a non-zero status would stop git's whole diff.
        echo_faults(faults)
        if call.from_git:
            click.echo(call.text_diff(), nl=False)
            sys.exit(ExitStatus.OK)
        sys.exit(status)
    if picture:
        from logicmodel.renderers.diff_view import render_diff
        from logicmodel.renderers.limits import element_count, figure1_refusal

        if result.new_model is not None:  # the picture is Figure 1 of the new side
            count = element_count(result.new_model)
            refusal = figure1_refusal(count, "figure1", raisable=False)
            if refusal is not None:
                raise InputError(f"{result.new}: {refusal}")
        target, suffix = _picture_target(output, "diff.png", "figure1")
        _write_figure(render_diff(result, theme), target, suffix, call.inputs)
    else:
        echo_or_write(render_diff_report(result, output_format), output, call.inputs)
    sys.exit(ExitStatus.FINDINGS if exit_code and not result.empty else ExitStatus.OK)


__all__ = ["compare", "diff_models", "gain"]
