"""The `logicmodel` command line: parses options and delegates to the library."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from logicmodel import __version__
from logicmodel.renderers import EXPORTS, VIEWS
from logicmodel.renderers.themes import THEMES
from logicmodel.reports import REPORT_FORMATS

if TYPE_CHECKING:
    from logicmodel.models import LogicModel

SIZE_HELP = "Refuse files larger than this before reading them, e.g. 64M or 500K. [default: 64M]"


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Return a --max-size value in bytes."""
    from logicmodel.io import parse_size

    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="logicmodel")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong inside.")
def cli(debug: bool) -> None:
    """Check, trace, draw and measure a partnership's outcome logic model.

    A logic model is a YAML (or JSON) file: partners, their inputs, activities and
    outputs, single-agency or collaborative, and the interim, intermediate and ultimate
    outcomes they lead to.

    \b
    Example:
      logicmodel check samples/figure1.yaml
    """
    # --debug is read in main(), which decides whether a traceback is shown.


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    """Return rule codes from repeated or comma-separated options, checked against the rules."""
    from logicmodel.advice import verify_codes

    codes = [code.strip() for item in value for code in item.split(",") if code.strip()]
    try:
        return verify_codes(codes)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
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
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
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
    findings (or warnings, with --strict), 2 when a file is not a valid model.

    \b
    Examples:
      logicmodel check samples/figure1.yaml
      logicmodel check --format json samples/*.yaml
      logicmodel check --ignore LM109,LM114 --strict model.yaml
      logicmodel check --explain LM102
    """
    from logicmodel import checks

    if explain is not None:
        from logicmodel.advice import RULES, verify_codes

        try:
            (code,) = verify_codes([explain])
        except ValueError as error:
            raise InputError(str(error)) from None
        click.echo(RULES[code].explain(), nl=False)
        return
    if not files:
        raise click.UsageError("give one or more model files (or --explain CODE)")
    reports = [
        checks.check_file(path, max_bytes=max_size, select=select or None, ignore=ignore)
        for path in files
    ]
    formatter = checks.format_json if output_format == "json" else checks.format_text
    click.echo(formatter(reports))
    sys.exit(checks.exit_status(reports, strict))


@cli.command()
def rules() -> None:
    """List the advice rules that `logicmodel check` applies.

    \b
    Example:
      logicmodel rules
      logicmodel check --explain LM114
    """
    from logicmodel.checks import format_rules

    click.echo(format_rules())


@cli.command()
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
      logicmodel schema -o logicmodel.schema.json
    Then point your editor at it, e.g. with this first line in a model file:
      # yaml-language-server: $schema=logicmodel.schema.json
    """
    from logicmodel.files import write_text_atomically
    from logicmodel.schema import generate_schema

    text = generate_schema()
    if output:
        try:
            write_text_atomically(output, text)
        except OSError as error:
            raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    else:
        click.echo(text, nl=False)


class InputError(click.ClickException):
    """A one-line error about what the user asked for, with exit status 2."""

    exit_code = 2


def _try_load(path: str, max_size: int) -> LogicModel | None:
    """Return the model in a file, or print its faults and return None."""
    from logicmodel.io import LoadError, load

    try:
        return load(path, max_bytes=max_size)
    except LoadError as error:
        for fault in error.errors:
            click.echo(str(fault), err=True)
        return None


def _load(path: str, max_size: int) -> LogicModel:
    """Return the model in a file, or print its faults and exit with status 2."""
    model = _try_load(path, max_size)
    if model is None:
        sys.exit(2)
    return model


def _format_option(default: str = "table") -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(REPORT_FORMATS),
        default=default,
        show_default=True,
        help="table for a terminal, markdown for documents, csv and json for tools.",
    )


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--outcome", metavar="ID", help="Show one outcome in detail.")
@_format_option()
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def trace(file: str, outcome: str | None, output_format: str, max_size: int) -> None:
    """Show which outcomes rely on collaboration.

    For each outcome: its class (single-agency, collaborative-gain,
    collaboration-only or unsupported), whether it would be lost without
    collaboration, the share of its supporting paths that pass collaboration, and
    the collaborative elements every supporting path passes (critical).

    \b
    Examples:
      logicmodel trace samples/figure1.yaml
      logicmodel trace samples/figure1.yaml --outcome better-targeting
      logicmodel trace samples/figure1.yaml --format csv > trace.csv
    """
    from logicmodel.reports import render_trace
    from logicmodel.tracing import trace as trace_model
    from logicmodel.validate import did_you_mean

    model = _load(file, max_size)
    result = trace_model(model)
    if outcome is not None and outcome not in result.outcomes:
        hint = did_you_mean(outcome, result.outcomes)
        raise InputError(f"no outcome {outcome!r} in {file}{hint}")
    width = shutil.get_terminal_size().columns
    click.echo(render_trace(result, output_format, outcome, width), nl=False)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
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
@_format_option()
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def whatif(
    file: str,
    leaving: tuple[str, ...],
    without_collaboration: bool,
    output_format: str,
    max_size: int,
) -> None:
    """Show which outcomes lose their gain or all support if partners leave.

    A leaving partner's own contributions go; a joint contribution carries on with
    the partners left (with one left it becomes single-agency; with none it goes).

    \b
    Examples:
      logicmodel whatif samples/figure1.yaml --without partner-b
      logicmodel whatif samples/figure1.yaml --without-collaboration --format markdown
    """
    from logicmodel.reports import render_whatif
    from logicmodel.tracing import whatif as whatif_model
    from logicmodel.validate import did_you_mean

    if not leaving and not without_collaboration:
        raise click.UsageError("say what changes: --without PARTNER or --without-collaboration")
    model = _load(file, max_size)
    partners = model.partner_ids()
    for partner in leaving:
        if partner not in partners:
            hint = did_you_mean(partner, partners) or f" (partners: {', '.join(partners)})"
            raise InputError(f"no partner {partner!r} in {file}{hint}")
    result = whatif_model(model, leaving, without_collaboration=without_collaboration)
    width = shutil.get_terminal_size().columns
    click.echo(render_whatif(result, output_format, width), nl=False)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="figure1",
    show_default=True,
    help="figure1: the red/green diagram of the report; graph: every element and link.",
)
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="classic (red and green), colourblind, print (greyscale) or projector (16:9, large type).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Output file (.png, .svg or .pdf); only with one input. [default: FILE with --format]",
)
@click.option(
    "--format",
    "image_format",
    type=click.Choice(["png", "svg", "pdf"]),
    default="png",
    show_default=True,
    help="Image format when no -o is given.",
)
@click.option(
    "--dpi",
    type=click.IntRange(30, 1200),
    default=150,
    show_default=True,
    help="Resolution of PNG output, in dots per inch.",
)
@click.option(
    "--clusters", is_flag=True, help="Graph view: box each partner's own contributions together."
)
@click.option(
    "--trace",
    "trace_outcome",
    metavar="OUTCOME",
    help="Graph view: light up what feeds OUTCOME, mark its critical elements, fade the rest.",
)
@click.option(
    "--partner",
    metavar="ID",
    help="Graph view: show only this partner's contributions and what they feed.",
)
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def render(
    files: tuple[str, ...],
    view: str,
    theme: str,
    output: str | None,
    image_format: str,
    dpi: int,
    clusters: bool,
    trace_outcome: str | None,
    partner: str | None,
    max_size: int,
) -> None:
    """Draw a model as a picture: the red/green Figure 1 diagram by default.

    Writes FILE's name with .png (or --format) beside it unless -o says
    otherwise, and prints the name of each file written. Several files at once
    show a progress bar.

    \b
    Examples:
      logicmodel render samples/figure1.yaml
      logicmodel render samples/figure1.yaml --theme projector -o workshop.png
      logicmodel render samples/*.yaml --format svg --theme colourblind
      logicmodel render samples/figure1.yaml --view graph --trace trust -o trust.svg
      logicmodel render samples/figure1.yaml --view graph --clusters -o model.dot
    """
    from logicmodel.renderers import draw, output_path, verify_suffix
    from logicmodel.tracing import trace as trace_model

    view_options: dict[str, object] = {}
    if view == "graph":
        view_options = {"clusters": clusters, "trace_outcome": trace_outcome, "partner": partner}
        _require_dot(output or "out." + image_format)
    elif clusters or trace_outcome or partner:
        raise click.UsageError("--clusters, --trace and --partner go with --view graph")
    if output and len(files) > 1:
        raise click.UsageError("-o names one output file: give one input, or leave -o out")
    try:
        verify_suffix(output or "out." + image_format, view)
    except ValueError as error:
        raise InputError(str(error)) from None

    def draw_one(model: LogicModel, path: str) -> str:
        problem = _focus_problem(model, trace_outcome, partner)
        if problem:
            raise InputError(f"{path}: {problem}")
        target = output or str(output_path(path, "." + image_format))
        draw(model, trace_model(model), target, view=view, theme=theme, dpi=dpi, **view_options)
        return target

    sys.exit(_for_each_model(files, max_size, "Drawing", draw_one))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORTS),
    required=True,
    help="graphml or gexf (Gephi, yEd, Cytoscape), json (node-link), dot, mermaid, "
    "csv (a zip of elements, links and trace, or a folder), xlsx (a workbook for planners).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file (or folder for csv); only with one input. [default: FILE with the "
    "format's suffix]",
)
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def export(files: tuple[str, ...], export_format: str, output: str | None, max_size: int) -> None:
    """Export models for other tools: every element and link with its trace.

    Each element carries id, label, stage, partners, collaborative, trace class,
    collaborative share and whether it depends on collaboration; each link its
    kind (leads_to or enhances).

    \b
    Examples:
      logicmodel export samples/figure1.yaml --format graphml
      logicmodel export samples/*.yaml --format xlsx
      logicmodel export samples/figure1.yaml --format csv -o figure1-tables/
    """
    from logicmodel.renderers import SUFFIXES, draw, output_path, verify_suffix
    from logicmodel.tracing import trace as trace_model

    if output and len(files) > 1:
        raise click.UsageError("-o names one output: give one input, or leave -o out")
    if output:
        try:
            verify_suffix(output.rstrip("/"), export_format)
        except ValueError as error:
            raise InputError(str(error)) from None

    def export_one(model: LogicModel, path: str) -> str:
        target = output or str(output_path(path, SUFFIXES[export_format][0]))
        draw(model, trace_model(model), target.rstrip("/") or target, view=export_format)
        return target

    sys.exit(_for_each_model(files, max_size, "Exporting", export_one))


@cli.command(name="import")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="The model file to write (.yaml or .json).",
)
def import_workbook(workbook: str, output: str) -> None:
    """Make a model file from a filled-in workbook (see `logicmodel template`).

    Faults name the sheet, cell and problem, e.g.
    Elements!D14: unknown partner 'polce' in 'by' (did you mean 'police'?).
    Nothing is written unless the whole workbook is a valid model.

    \b
    Example:
      logicmodel template -o our-model.xlsx
      logicmodel import our-model.xlsx -o our-model.yaml
    """
    from logicmodel.files import write_text_atomically
    from logicmodel.io import dump_yaml
    from logicmodel.renderers.xlsx import WorkbookError, load_workbook_model

    try:
        model = load_workbook_model(workbook)
    except WorkbookError as error:
        for line in error.errors:
            click.echo(line, err=True)
        sys.exit(2)
    if output.lower().endswith(".json"):
        text = model.model_dump_json(by_alias=True, exclude_defaults=True, indent=2) + "\n"
    else:
        text = dump_yaml(model)
    try:
        write_text_atomically(output, text)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(output)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="model.xlsx",
    show_default=True,
    help="The workbook to write.",
)
def template(output: str) -> None:
    """Write a workbook to fill in: the columns, drop-downs and an example row each.

    \b
    Example:
      logicmodel template -o our-model.xlsx
    """
    from logicmodel.files import write_bytes_atomically
    from logicmodel.renderers.xlsx import generate_template

    try:
        write_bytes_atomically(output, generate_template())
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(output)


def _for_each_model(
    files: tuple[str, ...],
    max_size: int,
    label: str,
    make: Callable[[LogicModel, str], str],
) -> int:
    """Load each file and make its output; return the exit status. A progress bar for several."""
    status = 0
    with click.progressbar(files, label=label, file=sys.stderr, hidden=len(files) < 2) as bar:
        for path in bar:
            model = _try_load(path, max_size)
            if model is None:
                status = 2
                continue
            try:
                target = make(model, path)
            except InputError as error:
                click.echo(error.message, err=True)
                status = 2
                continue
            except OSError as error:
                name = error.filename or path
                click.echo(f"{name}: cannot write: {error.strerror or error}", err=True)
                status = 2
                continue
            if len(files) < 2:
                click.echo(target)
    return status


def _require_dot(target: str) -> None:
    """Exit with how to install Graphviz when the graph view needs `dot` and it is missing."""
    from logicmodel.renderers.graph import GraphvizMissing, dot_program

    if target.lower().endswith(".dot"):
        return  # writing DOT text needs no program
    try:
        dot_program()
    except GraphvizMissing as error:
        raise InputError(str(error)) from None


def _focus_problem(model: LogicModel, outcome: str | None, partner: str | None) -> str:
    """Return why --trace or --partner names nothing in this model, or ''."""
    from logicmodel.validate import did_you_mean

    outcomes = [e.id for stage, e in model.elements() if stage.is_outcome]
    if outcome is not None and outcome not in outcomes:
        return f"no outcome {outcome!r} for --trace{did_you_mean(outcome, outcomes)}"
    partners = model.partner_ids()
    if partner is not None and partner not in partners:
        return f"no partner {partner!r} for --partner{did_you_mean(partner, partners)}"
    return ""


def main() -> None:
    """Run the command line; show a traceback only under --debug."""
    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        if debug:
            raise
        click.echo(
            f"logicmodel: internal error: {error!r} (run with --debug for details)", err=True
        )
        sys.exit(3)
