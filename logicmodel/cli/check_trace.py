"""Commands that read models and say what they find: check, rules, categories, schema, trace
and whatif."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from logicmodel.cli.shared import (
    InputError,
    each_model,
    echo_report,
    max_size_option,
    named,
    report_format_option,
    text_or_json,
    write_file,
)
from logicmodel.models.links import LINK_CHOICES
from logicmodel.terminal import table_width, terminal_text

if TYPE_CHECKING:
    from logicmodel.models import LogicModel


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    """Return rule codes from repeated or comma-separated options, checked against the rules."""
    from logicmodel.analysis.advice import verify_codes

    codes = [code.strip() for item in value for code in item.split(",") if code.strip()]
    try:
        return verify_codes(codes)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True))
@text_or_json("text for people, json for tools.")
@click.option(
    "--select",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Run only these advice rules, e.g. LM102,LM103 (repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Skip these advice rules, e.g. LM109 (repeatable).",
)
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too, not only errors.")
@click.option("--explain", metavar="CODE", help="Explain one advice rule and stop.")
@max_size_option()
def check(
    files: tuple[str, ...],
    output_format: str,
    select: list[str],
    ignore: list[str],
    strict: bool,
    explain: str | None,
    max_size: int,
) -> None:
    """Check model files: faults as FILE:LINE:COL: MESSAGE, then advice.

    Advice comes from the collaborative-gain research: is the gain clear,
    planned, monitored and worth its cost; is the partnership tight, led and
    focused. Each finding names its rule (`logicmodel rules` lists them).
    Prints one summary line for each valid file. Exit status: 0 when every file
    is a valid model (advice alone does not fail), 1 when there are error-level
    findings (or warnings, with --strict), 2 when a file is not a valid model,
    5 when a file is missing or unreadable.

    \b
    Examples:
      logicmodel check samples/figure1.yaml
      logicmodel check --format json samples/*.yaml
      logicmodel check --ignore LM109,LM114 --strict model.yaml
      logicmodel check --explain LM102
      logicmodel check --explain LM102 --format json
    """
    from logicmodel.analysis import checking as check_files

    if explain is not None:
        from logicmodel.analysis.advice import RULES, verify_codes

        try:
            (code,) = verify_codes([explain])
        except ValueError as error:
            raise InputError(str(error)) from None
        if output_format == "json":
            (rule,) = (r for r in check_files.rules_as_dicts() if r["code"] == code)
            click.echo(json.dumps(rule, indent=2, ensure_ascii=False, allow_nan=False))
        else:
            click.echo(RULES[code].explain(), nl=False)
        return
    if not files:
        raise click.UsageError("give one or more model files (or --explain CODE)")
    reports = [
        check_files.check_file(path, max_bytes=max_size, select=select or None, ignore=ignore)
        for path in files
    ]
    formatter = check_files.format_json if output_format == "json" else check_files.format_text
    click.echo(terminal_text(formatter(reports)))
    sys.exit(check_files.exit_status(reports, strict))


@click.command()
@text_or_json("text for people, json for tools (with each rule's principle and source).")
def rules(output_format: str) -> None:
    """List the advice rules that `logicmodel check` applies.

    \b
    Examples:
      logicmodel rules
      logicmodel rules --format json
      logicmodel check --explain LM114
    """
    from logicmodel.analysis.checking import format_rules, rules_as_dicts

    if output_format == "json":
        click.echo(json.dumps(rules_as_dicts(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        click.echo(format_rules())


@click.command()
@text_or_json("text for people, json for tools.")
def categories(output_format: str) -> None:
    """List the research's Figure 2 categories that an element's `category` takes.

    Three columns: collaborative activities, collaborative processes and
    benefits, collaborative results (the study's three; the masterclass's two
    other names for them are accepted). `render --view figure2` draws joint
    work only, and lists joint work without a category as not yet placed.

    \b
    Examples:
      logicmodel categories
      logicmodel categories --format json
      logicmodel render samples/figure1.yaml --view figure2
    """
    from logicmodel.analysis.categories import format_categories

    click.echo(format_categories(output_format), nl=False)


@click.command()
@click.argument("framework", required=False, metavar="[ID-OR-FILE]")
@text_or_json("text for people, json for tools.")
def frameworks(framework: str | None, output_format: str) -> None:
    """List the outcomes frameworks shipped with logicmodel, or one framework's outcomes.

    A model names its framework in `partnership.framework` (a shipped id, or a
    framework file relative to the model) and its outcomes name the framework's
    outcomes in `contributes_to`; `trace --by-national-outcome` and `compare`
    roll the trace up to them.

    \b
    Examples:
      logicmodel frameworks
      logicmodel frameworks scotland-npf-2007
      logicmodel frameworks my-loip.yaml --format json
    """
    from logicmodel.analysis.results import json_text
    from logicmodel.fileformat.frameworks import FrameworkError, resolve_framework
    from logicmodel.fileformat.frameworks import shipped_frameworks as shipped

    if framework is None:
        listed = shipped()
        if output_format == "json":
            click.echo(json_text([{"id": k, "title": v} for k, v in listed.items()]))
        else:
            click.echo("".join(f"{ident}  {title}\n" for ident, title in listed.items()), nl=False)
        return
    try:
        found = resolve_framework(framework)
    except FrameworkError as error:
        raise InputError(str(error)) from None
    if output_format == "json":
        click.echo(json_text(found.model_dump(mode="json", exclude_none=True)))
        return
    click.echo(f"{found.id}: {found.title} ({found.version})\nsource: {found.source}\n")
    for number, outcome in enumerate(found.outcomes, 1):
        click.echo(f"{number:>3}  {outcome.id}: {outcome.text}")


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file instead of printing it.",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of the file format, for editors' autocompletion.

    \b
    Example:
      logicmodel schema -o logicmodel.fileformat.schema.json
    Then point your editor at it, e.g. with this first line in a model file:
      # yaml-language-server: $schema=logicmodel.fileformat.schema.json
    """
    from logicmodel.fileformat.schema import generate_schema

    text = generate_schema()
    if output:
        write_file(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


EVIDENCE_LEVELS = LINK_CHOICES["level"]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--outcome", metavar="ID", help="Show one outcome in detail (one file only).")
@click.option(
    "--by-national-outcome",
    "by_national",
    is_flag=True,
    help="Roll the trace up to the national outcomes the model's outcomes serve "
    "(`contributes_to`): each one's class, share, critical joint elements and the partners "
    "whose leaving would cost it.",
)
@click.option(
    "--only-theme",
    "only",
    metavar="THEME",
    help="Only the outcomes under this theme (an element's `theme`; any case).",
)
@click.option(
    "--evidenced",
    type=click.Choice(EVIDENCE_LEVELS),
    metavar="LEVEL",
    help="Count only links whose evidence supports them at LEVEL or above "
    f"({', '.join(EVIDENCE_LEVELS)}); the summary says how much claimed gain survives.",
)
@report_format_option()
@max_size_option()
def trace(
    files: tuple[str, ...],
    outcome: str | None,
    by_national: bool,
    only: str | None,
    evidenced: str | None,
    output_format: str,
    max_size: int,
) -> None:
    """Show which outcomes rely on collaboration.

    For each outcome: its class (single-agency, collaborative-gain,
    collaboration-only or unsupported), whether it would be lost without
    collaboration, the share of its supporting paths that pass collaboration, and
    the collaborative elements every supporting path passes (critical). Several
    files give one table (or CSV, JSON) with the model named on each row.

    \b
    Examples:
      logicmodel trace samples/figure1.yaml
      logicmodel trace samples/figure1.yaml --outcome better-targeting
      logicmodel trace samples/*.yaml --format csv > traces.csv
      logicmodel trace samples/inverclyde-community-safety.yaml --by-national-outcome
      logicmodel trace model.yaml --only-theme Productivity
      logicmodel trace samples/inverclyde-arbd.yaml --evidenced reported
    """
    from logicmodel.analysis.evidenced import trace_on_evidence
    from logicmodel.analysis.reports import render_trace, render_traces
    from logicmodel.analysis.theme_filter import only_theme
    from logicmodel.analysis.tracing import Trace
    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.fileformat.rules import did_you_mean

    if outcome is not None and len(files) > 1:
        raise click.UsageError("--outcome shows one outcome of one model: give one file")
    if by_national:
        if outcome is not None:
            raise click.UsageError("--outcome and --by-national-outcome: choose one")
        _trace_by_national_outcome(files, output_format, max_size)

    def trace_one(model: LogicModel, path: str) -> Trace:
        _refuse_no_outcomes(model, path)
        result = trace_model(model) if evidenced is None else trace_on_evidence(model, evidenced)
        if only is not None:
            try:
                result = only_theme(result, model, only)
            except ValueError as error:
                raise InputError(f"{path}: {error}") from None
        if outcome is not None and outcome not in result.outcomes:
            hint = did_you_mean(outcome, result.outcomes)
            raise InputError(f"{path}: no outcome {outcome!r}{hint}")
        return result

    traces, status = each_model(files, max_size, "Tracing", trace_one)
    width = table_width()
    if outcome is not None and traces:
        echo_report(render_trace(traces[0][1], output_format, outcome, width), output_format)
    elif traces:
        echo_report(render_traces(named(traces, files), output_format, width), output_format)
    sys.exit(status)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--without",
    "leaving",
    multiple=True,
    metavar="PARTNER",
    help="A partner that leaves; repeat for several.",
)
@click.option(
    "--without-collaboration",
    is_flag=True,
    help="Remove every collaborative element and enhances link.",
)
@click.option(
    "--joint-work",
    type=click.Choice(["continues", "stops"]),
    default="continues",
    show_default=True,
    help="What becomes of joint work a leaving partner took part in: it carries on with the "
    "partners left, or it stops.",
)
@report_format_option()
@max_size_option()
def whatif(
    files: tuple[str, ...],
    leaving: tuple[str, ...],
    without_collaboration: bool,
    joint_work: str,
    output_format: str,
    max_size: int,
) -> None:
    """Show which outcomes lose their gain or all support if partners leave.

    A leaving partner's own contributions go. A joint contribution carries on with
    the partners left (with one left it becomes single-agency; with none it goes),
    or, with --joint-work stops, it ends with the leaving partner.
    Several files give one table (or CSV, JSON) with the model named on each row.

    \b
    Examples:
      logicmodel whatif samples/figure1.yaml --without partner-b
      logicmodel whatif samples/figure1.yaml --without partner-b --joint-work stops
      logicmodel whatif samples/figure1.yaml --without-collaboration --format markdown
      logicmodel whatif samples/*.yaml --without-collaboration --format csv
    """
    from logicmodel.analysis.reports import render_whatifs
    from logicmodel.analysis.tracing import WhatIf
    from logicmodel.analysis.tracing import whatif as whatif_model
    from logicmodel.fileformat.rules import did_you_mean

    if not leaving and not without_collaboration:
        raise click.UsageError("say what changes: --without PARTNER or --without-collaboration")

    def whatif_one(model: LogicModel, path: str) -> WhatIf:
        _refuse_no_outcomes(model, path)
        partners = model.partner_ids()
        for partner in leaving:
            if partner not in partners:
                hint = did_you_mean(partner, partners) or f" (partners: {', '.join(partners)})"
                raise InputError(f"{path}: no partner {partner!r}{hint}")
        return whatif_model(
            model,
            leaving,
            without_collaboration=without_collaboration,
            joint_work="stops" if joint_work == "stops" else "continues",
        )

    results, status = each_model(files, max_size, "Asking what if", whatif_one)
    width = table_width()
    if results:
        echo_report(render_whatifs(named(results, files), output_format, width), output_format)
    sys.exit(status)


def _trace_by_national_outcome(files: tuple[str, ...], output_format: str, max_size: int) -> None:
    """Print each model's roll-up by national outcome, then exit with the worst status."""
    from logicmodel.analysis.national import NationalRollUp, render_roll_ups, roll_up
    from logicmodel.fileformat.frameworks import model_framework

    def roll_up_one(model: LogicModel, path: str) -> NationalRollUp:
        _refuse_no_outcomes(model, path)
        return roll_up(model, model_framework(model, path))

    results, status = each_model(files, max_size, "Tracing", roll_up_one)
    if results:
        width = table_width()
        echo_report(render_roll_ups(named(results, files), output_format, width), output_format)
    sys.exit(status)


def _refuse_no_outcomes(model: LogicModel, path: str) -> None:
    """Raise InputError when a model has no outcomes yet, so there is nothing to trace."""
    if not any(stage.is_outcome for stage, _ in model.elements()):
        raise InputError(
            f"{path}: no outcomes to trace yet: add one, e.g. "
            f"logicmodel add {path} ultimate --id ID --label TEXT"
        )


__all__ = ["categories", "check", "frameworks", "rules", "schema", "trace", "whatif"]
